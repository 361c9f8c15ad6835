import { Button, Group, Modal, Stack, Switch } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCoop } from '../../app/coop.js';
import { useSaveStore, type Store } from './market-api.js';
import { applyErrors, ErrorAlert } from './parts.js';
import { emptyStore, StoreFields, storeBody, storeValuesOf } from './StoreFields.js';

/** Adds a store to a buyer, or changes one (`store` given). */
export function StoreDialog({ partnerId, store, onClose }: { partnerId: string; store?: Store; onClose: () => void }) {
  const { t } = useTranslation();
  const coop = useCoop();
  const phone = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
  const save = useSaveStore(coop.id, partnerId, store?.id ?? null);
  const [alert, setAlert] = useState<string | null>(null);
  const form = useForm({
    mode: 'controlled',
    initialValues: { ...(store ? storeValuesOf(store) : emptyStore()), active: store?.active ?? true },
  });
  return (
    <Modal
      opened
      onClose={onClose}
      title={store ? t('market.store.editTitle', { name: store.name }) : t('market.store.newTitle')}
      fullScreen={phone}
      size="lg"
    >
      <form
        noValidate
        onSubmit={form.onSubmit((v) => {
          setAlert(null);
          const body = store ? { ...storeBody(v), active: v.active } : storeBody(v);
          save.mutate(body, {
            onSuccess: () => {
              notifications.show({ color: 'green', message: t('market.store.saved', { name: v.name.trim() }) });
              onClose();
            },
            onError: (err) => setAlert(applyErrors(form, err)),
          });
        })}
      >
        <Stack gap="md">
          <ErrorAlert message={alert} />
          <StoreFields input={(k) => form.getInputProps(k)} />
          {store && <Switch label={t('market.store.active')} {...form.getInputProps('active', { type: 'checkbox' })} />}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
