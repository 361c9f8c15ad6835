import { Modal, MultiSelect, SimpleGrid, Skeleton, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyApiError } from '../../api/form-errors.js';
import { useCoop } from '../../app/coop.js';
import { DialogActions, FormAlert, usePhone } from './form-bits.js';
import { useCommodities, useSavePlot, type Farmer, type Plot } from './produce-api.js';
import { useStartVillage, VillagePicker, type Village } from './village.js';
import { decimalOf, wholeOf } from './weights.js';

/** Adds a plot to a farmer (`plot` null) or changes one: area, village, altitude, coordinates, what it can grow. */
export function PlotDialog({ farmer, plot, onClose }: { farmer: Farmer; plot: Plot | null; onClose: () => void }) {
  const { t } = useTranslation();
  const coop = useCoop();
  const phone = usePhone();
  const start = useStartVillage(coop.id, plot?.villageCode ?? null);
  return (
    <Modal
      opened
      onClose={onClose}
      title={plot ? t('produce.plot.editTitle', { name: plot.name }) : t('produce.plot.addTitle', { name: farmer.fullName })}
      fullScreen={phone}
      size="lg"
    >
      {start.ready ? <PlotForm farmer={farmer} plot={plot} village={start.village} onClose={onClose} /> : <Skeleton height={360} />}
    </Modal>
  );
}

function PlotForm({
  farmer,
  plot: p,
  village,
  onClose,
}: {
  farmer: Farmer;
  plot: Plot | null;
  village: Village | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const coop = useCoop();
  const save = useSavePlot(coop.id, farmer.memberId);
  const commodities = useCommodities(coop.id);
  const [alert, setAlert] = useState<string | null>(null);
  const coord = (n: number | null | undefined) => (n == null ? '' : String(n).replace('.', ','));
  const form = useForm({
    mode: 'controlled',
    initialValues: {
      name: p?.name ?? '',
      areaM2: p ? String(p.areaM2) : '',
      villageCode: p?.villageCode ?? village?.code ?? '',
      altitudeM: p ? String(p.altitudeM) : '',
      latitude: coord(p?.latitude),
      longitude: coord(p?.longitude),
      commodityIds: p?.commodityIds ?? [],
      active: p?.active ?? true,
    },
    validate: {
      areaM2: (v) => (wholeOf(v) !== null ? null : t('produce.plot.areaInvalid')),
      altitudeM: (v) => (wholeOf(v) !== null ? null : t('produce.plot.altitudeInvalid')),
      villageCode: (v) => (v ? null : t('produce.move.required')),
      latitude: (v) => (!v.trim() || decimalOf(v) !== null ? null : t('produce.plot.coordInvalid')),
      longitude: (v) => (!v.trim() || decimalOf(v) !== null ? null : t('produce.plot.coordInvalid')),
    },
  });

  const submit = form.onSubmit((v) => {
    setAlert(null);
    const body = {
      name: v.name.trim(),
      areaM2: wholeOf(v.areaM2)!,
      villageCode: v.villageCode,
      altitudeM: wholeOf(v.altitudeM)!,
      latitude: v.latitude.trim() ? decimalOf(v.latitude) : null,
      longitude: v.longitude.trim() ? decimalOf(v.longitude) : null,
      commodityIds: v.commodityIds,
    };
    save.mutate(p ? { plotId: p.id, body: { ...body, active: v.active } } : { plotId: null, body }, {
      onSuccess: (saved) => {
        notifications.show({
          color: 'green',
          message: t(p ? 'produce.plot.saved' : 'produce.plot.added', { name: saved.name, farmer: farmer.fullName }),
        });
        onClose();
      },
      onError: (err) => setAlert(applyApiError(form, err)),
    });
  });

  const growsError = form.errors.commodityIds ?? Object.entries(form.errors).find(([k]) => k.startsWith('commodityIds.'))?.[1];

  return (
    <form noValidate onSubmit={submit}>
      <Stack gap="md">
        <FormAlert message={alert} />
        <TextInput
          size="md"
          label={t('produce.plot.name')}
          placeholder={t('produce.plot.namePlaceholder')}
          required
          {...form.getInputProps('name')}
        />
        <SimpleGrid cols={2} spacing="sm">
          <TextInput
            size="md"
            label={t('produce.plot.area')}
            rightSection={
              <Text size="xs" c="dimmed">
                m²
              </Text>
            }
            inputMode="numeric"
            autoComplete="off"
            required
            {...form.getInputProps('areaM2')}
          />
          <TextInput
            size="md"
            label={t('produce.plot.altitude')}
            rightSection={
              <Text size="xs" c="dimmed">
                mdpl
              </Text>
            }
            rightSectionWidth={48}
            inputMode="numeric"
            autoComplete="off"
            required
            {...form.getInputProps('altitudeM')}
          />
        </SimpleGrid>
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
        <Stack gap={4}>
          <SimpleGrid cols={2} spacing="sm">
            <TextInput
              size="md"
              label={t('produce.plot.latitude')}
              placeholder="-7,1523"
              inputMode="decimal"
              autoComplete="off"
              {...form.getInputProps('latitude')}
            />
            <TextInput
              size="md"
              label={t('produce.plot.longitude')}
              placeholder="107,6312"
              inputMode="decimal"
              autoComplete="off"
              {...form.getInputProps('longitude')}
            />
          </SimpleGrid>
          <Text size="xs" c="dimmed">
            {t('produce.plot.coordHint')}
          </Text>
        </Stack>
        <MultiSelect
          size="md"
          label={t('produce.plot.grows')}
          placeholder={form.values.commodityIds.length ? undefined : t('produce.plot.growsPlaceholder')}
          data={(commodities.data?.items ?? [])
            .filter((c) => c.active || form.values.commodityIds.includes(c.id))
            .map((c) => ({ value: c.id, label: c.name }))}
          searchable
          hidePickedOptions
          comboboxProps={{ withinPortal: true }}
          {...form.getInputProps('commodityIds')}
          error={growsError}
        />
        {p && (
          <Switch
            size="md"
            label={t('produce.plot.activeLabel')}
            description={t('produce.plot.activeHint')}
            {...form.getInputProps('active', { type: 'checkbox' })}
          />
        )}
        <DialogActions onClose={onClose} submit={p ? t('common.save') : t('produce.plot.addSubmit')} loading={save.isPending} />
      </Stack>
    </form>
  );
}
