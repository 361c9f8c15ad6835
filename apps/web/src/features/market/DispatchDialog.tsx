import { todayIn } from '@kopdes/shared/format';
import { Button, Group, Modal, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useIdempotencyKey } from '../../api/idempotency.js';
import { useCoop } from '../../app/coop.js';
import { navigate } from '../../app/router.js';
import { useDispatch } from './market-api.js';
import { marketPath } from './nav.js';
import { applyErrors, ErrorAlert } from './parts.js';

/**
 * Dispatches what a PO still has open: the server takes the lots first-expired-first-out, as the
 * delivery day's view proposes, posts the cost of goods sold and numbers the surat jalan.
 */
export function DispatchDialog({
  order,
  onClose,
}: {
  order: { id: string; number: string; partnerName: string; storeName: string; deliveryDate: string };
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const coop = useCoop();
  const phone = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
  // One key per action (renewed after a refusal): a retry after a dropped answer returns the same surat jalan.
  const { key, renewAfterError } = useIdempotencyKey();
  const [alert, setAlert] = useState<string | null>(null);
  const dispatch = useDispatch(coop.id);
  const today = todayIn(coop.timeZone);
  const form = useForm({
    mode: 'controlled',
    initialValues: { date: today, vehicle: '', driver: '' },
  });
  return (
    <Modal opened onClose={onClose} title={t('market.dispatch.title', { number: order.number })} fullScreen={phone} size="md">
      <form
        noValidate
        onSubmit={form.onSubmit((v) => {
          setAlert(null);
          dispatch.mutate(
            {
              idempotencyKey: key,
              body: {
                purchaseOrderId: order.id,
                date: v.date || undefined,
                vehicle: v.vehicle.trim() || null,
                driver: v.driver.trim() || null,
              },
            },
            {
              onSuccess: (d) => {
                notifications.show({ color: 'green', autoClose: 8000, message: t('market.dispatch.done', { number: d.number }) });
                onClose();
                navigate(marketPath(coop.id, `pengiriman/${d.id}`));
              },
              onError: (err) => {
                renewAfterError(err);
                setAlert(applyErrors(form, err));
              },
            },
          );
        })}
      >
        <Stack gap="md">
          <ErrorAlert message={alert} />
          <Text size="sm">
            {order.partnerName} · {order.storeName}
          </Text>
          <Text size="sm" c="dimmed">
            {t('market.dispatch.hint')}
          </Text>
          <TextInput label={t('market.dispatch.date')} type="date" required {...form.getInputProps('date')} />
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
            <TextInput label={t('market.dispatch.vehicle')} placeholder="D 1234 AB" {...form.getInputProps('vehicle')} />
            <TextInput label={t('market.dispatch.driver')} {...form.getInputProps('driver')} />
          </SimpleGrid>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={dispatch.isPending}>
              {t('market.dispatch.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
