import { Alert, Button, Group, Modal, Select, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyApiError } from '../../api/form-errors.js';
import { useCoop } from '../../app/coop.js';
import { currentLang } from '../../i18n/index.js';
import { usePlanning } from './context.js';
import { useCrops, useRecordActual, type Season } from './planning-api.js';
import { addWeeks, parseSignedKg, shortDate } from './units.js';

/** Actual harvest of a commodity in a week, typed in until intake records it by itself. */
export function ActualDialog({ season, onClose }: { season: Season; onClose: () => void }) {
  const { t } = useTranslation();
  const coop = useCoop();
  const lang = currentLang();
  const phone = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
  const { currentWeek } = usePlanning();
  const crops = useCrops(coop.id);
  const record = useRecordActual(coop.id);
  const [alert, setAlert] = useState<string | null>(null);
  const last = Math.min(Math.max(currentWeek, 0), season.weeks - 1);
  const form = useForm({
    mode: 'controlled',
    initialValues: { commodity: '', weekDate: addWeeks(season.startDate, last), kg: '', note: '' },
    validate: {
      commodity: (v) => (v ? null : t('planning.actual.required')),
      kg: (v) => (v.trim() && parseSignedKg(v) !== null ? null : t('planning.demand.badKg')),
    },
  });
  const weeks = Array.from({ length: last + 1 }, (_, w) => {
    const date = addWeeks(season.startDate, w);
    return { value: date, label: t('planning.weekWithDate', { week: w + 1, date: shortDate(date, lang) }) };
  }).reverse();
  return (
    <Modal opened onClose={onClose} title={t('planning.actual.title')} fullScreen={phone}>
      <form
        noValidate
        onSubmit={form.onSubmit((v) => {
          setAlert(null);
          record.mutate(
            { commodity: v.commodity, grade: '*', weekDate: v.weekDate, grams: String(parseSignedKg(v.kg)), note: v.note.trim() || null },
            {
              onSuccess: () => {
                notifications.show({ color: 'green', message: t('planning.actual.saved') });
                onClose();
              },
              onError: (err) => setAlert(applyApiError(form, err)),
            },
          );
        })}
      >
        <Stack gap="md">
          {alert && (
            <Alert color="red" variant="light" icon={<IconAlertCircle />} role="alert">
              {alert}
            </Alert>
          )}
          <Select
            label={t('planning.commodity')}
            data={(crops.data?.items ?? []).map((c) => ({ value: c.code, label: c.name }))}
            searchable
            required
            {...form.getInputProps('commodity')}
          />
          <Select label={t('planning.week')} data={weeks} allowDeselect={false} {...form.getInputProps('weekDate')} />
          <TextInput
            label={t('planning.actual.kg')}
            description={t('planning.actual.kgHint')}
            inputMode="decimal"
            autoComplete="off"
            required
            {...form.getInputProps('kg')}
          />
          <TextInput label={t('planning.planting.noteLabel')} maxLength={500} {...form.getInputProps('note')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={record.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
