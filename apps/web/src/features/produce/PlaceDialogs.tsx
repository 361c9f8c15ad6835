import {
  LOCATION_KINDS,
  LOCATION_KIND_LABELS,
  STORAGE_CLASSES,
  STORAGE_LABELS,
  type LocationKind,
  type StorageClass,
} from '@kopdes/shared/produce';
import { Chip, Group, Modal, Select, Skeleton, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyApiError } from '../../api/form-errors.js';
import { useCoop } from '../../app/coop.js';
import { currentLang } from '../../i18n/index.js';
import { DialogActions, FormAlert, usePhone } from './form-bits.js';
import { useSaveCollectionPoint, useSaveLocation, type CollectionPoint, type LocationRow } from './produce-api.js';
import { useStartVillage, VillagePicker, type Village } from './village.js';

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/** Adds a collection point (`point` null) or changes one: where it is and on which days farmers deliver. */
export function CollectionPointDialog({ point, onClose }: { point: CollectionPoint | null; onClose: () => void }) {
  const { t } = useTranslation();
  const coop = useCoop();
  const phone = usePhone();
  const start = useStartVillage(coop.id, point?.villageCode ?? null);
  return (
    <Modal
      opened
      onClose={onClose}
      title={point ? t('produce.places.editPointTitle', { name: point.name }) : t('produce.places.addPointTitle')}
      fullScreen={phone}
      size="md"
    >
      {start.ready ? <PointForm point={point} village={start.village} onClose={onClose} /> : <Skeleton height={300} />}
    </Modal>
  );
}

function PointForm({ point: p, village, onClose }: { point: CollectionPoint | null; village: Village | null; onClose: () => void }) {
  const { t } = useTranslation();
  const coop = useCoop();
  const save = useSaveCollectionPoint(coop.id);
  const [alert, setAlert] = useState<string | null>(null);
  const form = useForm({
    mode: 'controlled',
    initialValues: {
      name: p?.name ?? '',
      villageCode: p?.villageCode ?? village?.code ?? '',
      address: p?.address ?? '',
      deliveryDays: (p?.deliveryDays ?? [1, 4]).map(String),
      active: p?.active ?? true,
    },
  });
  const submit = form.onSubmit((v) => {
    setAlert(null);
    save.mutate(
      {
        id: p?.id ?? null,
        body: {
          name: v.name.trim(),
          villageCode: v.villageCode,
          address: v.address.trim() || null,
          deliveryDays: v.deliveryDays.map(Number).sort((a, b) => a - b),
          active: v.active,
        },
      },
      {
        onSuccess: (saved) => {
          notifications.show({ color: 'green', message: t('produce.places.pointSaved', { name: saved.name, days: saved.scheduleText }) });
          onClose();
        },
        onError: (err) => setAlert(applyApiError(form, err)),
      },
    );
  });
  return (
    <form noValidate onSubmit={submit}>
      <Stack gap="md">
        <FormAlert message={alert} />
        <TextInput size="md" label={t('produce.places.name')} required {...form.getInputProps('name')} />
        <VillagePicker
          size="md"
          label={t('produce.plot.village')}
          placeholder={t('produce.plot.villageSearch')}
          required
          initial={village}
          value={form.values.villageCode}
          onChange={(code) => form.setFieldValue('villageCode', code)}
          error={form.errors.villageCode}
          comboboxProps={{ withinPortal: true }}
        />
        <TextInput size="md" label={t('produce.places.address')} {...form.getInputProps('address')} />
        <Stack gap={6}>
          <Text size="md" fw={500} id="delivery-days">
            {t('produce.places.deliveryDays')}
          </Text>
          <Chip.Group multiple value={form.values.deliveryDays} onChange={(d) => form.setFieldValue('deliveryDays', d)}>
            <Group gap={6} role="group" aria-labelledby="delivery-days">
              {WEEKDAYS.map((d) => (
                <Chip key={d} value={String(d)} size="md">
                  {t(`produce.days.${d}`)}
                </Chip>
              ))}
            </Group>
          </Chip.Group>
          {form.errors.deliveryDays && (
            <Text size="sm" c="red.8">
              {form.errors.deliveryDays}
            </Text>
          )}
        </Stack>
        {p && <Switch size="md" label={t('produce.places.activePoint')} {...form.getInputProps('active', { type: 'checkbox' })} />}
        <DialogActions onClose={onClose} submit={p ? t('common.save') : t('produce.places.addSubmit')} loading={save.isPending} />
      </Stack>
    </form>
  );
}

/** Adds a stock location (`location` null) or changes one: packing house, cold storage, truck. */
export function LocationDialog({ location: l, onClose }: { location: LocationRow | null; onClose: () => void }) {
  const { t } = useTranslation();
  const coop = useCoop();
  const phone = usePhone();
  const lang = currentLang();
  const save = useSaveLocation(coop.id);
  const [alert, setAlert] = useState<string | null>(null);
  const form = useForm({
    mode: 'controlled',
    initialValues: {
      name: l?.name ?? '',
      kind: (l?.kind ?? 'packing_house') as LocationKind,
      storageClass: (l?.storageClass ?? 'ambient') as StorageClass,
      active: l?.active ?? true,
    },
  });
  const submit = form.onSubmit((v) => {
    setAlert(null);
    save.mutate(
      { id: l?.id ?? null, body: { name: v.name.trim(), kind: v.kind, storageClass: v.storageClass, active: v.active } },
      {
        onSuccess: (saved) => {
          notifications.show({ color: 'green', message: t('produce.places.locationSaved', { name: saved.name }) });
          onClose();
        },
        onError: (err) => setAlert(applyApiError(form, err)),
      },
    );
  });
  return (
    <Modal
      opened
      onClose={onClose}
      title={l ? t('produce.places.editLocationTitle', { name: l.name }) : t('produce.places.addLocationTitle')}
      fullScreen={phone}
      size="md"
    >
      <form noValidate onSubmit={submit}>
        <Stack gap="md">
          <FormAlert message={alert} />
          <TextInput size="md" label={t('produce.places.name')} required {...form.getInputProps('name')} />
          <Select
            size="md"
            label={t('produce.places.kind')}
            data={LOCATION_KINDS.map((k) => ({ value: k, label: LOCATION_KIND_LABELS[k][lang] }))}
            allowDeselect={false}
            {...form.getInputProps('kind')}
          />
          <Select
            size="md"
            label={t('produce.places.storageClass')}
            description={t('produce.places.storageClassHint')}
            data={STORAGE_CLASSES.map((k) => ({ value: k, label: STORAGE_LABELS[k][lang] }))}
            allowDeselect={false}
            {...form.getInputProps('storageClass')}
          />
          {l && <Switch size="md" label={t('produce.places.activeLocation')} {...form.getInputProps('active', { type: 'checkbox' })} />}
          <DialogActions onClose={onClose} submit={l ? t('common.save') : t('produce.places.addSubmit')} loading={save.isPending} />
        </Stack>
      </form>
    </Modal>
  );
}
