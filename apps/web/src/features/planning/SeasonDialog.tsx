import { todayIn } from '@kopdes/shared/format';
import { Alert, Button, Group, Modal, NumberInput, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyApiError } from '../../api/form-errors.js';
import { useCoop } from '../../app/coop.js';
import { navigate } from '../../app/router.js';
import { planningPath } from './nav.js';
import { useCreateSeason } from './planning-api.js';

const shiftDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
/** The Monday on or after `date`: a season starts at the beginning of a week. */
const nextMonday = (date: string) => shiftDays(date, (8 - new Date(`${date}T00:00:00Z`).getUTCDay()) % 7);

/** Opens a planting season (a Monday, up to 52 weeks); its demand and plan come after. */
export function SeasonDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const coop = useCoop();
  const phone = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
  const create = useCreateSeason(coop.id);
  const [alert, setAlert] = useState<string | null>(null);
  const start = nextMonday(todayIn(coop.timeZone));
  const form = useForm({
    mode: 'controlled',
    initialValues: {
      name: t('planning.newSeason.defaultName', { year: start.slice(0, 4) }),
      startDate: start,
      weeks: 26,
      safetyMarginPct: 10,
    },
  });
  return (
    <Modal opened onClose={onClose} title={t('planning.newSeason.title')} fullScreen={phone}>
      <form
        noValidate
        onSubmit={form.onSubmit((v) => {
          setAlert(null);
          create.mutate(v, {
            onSuccess: (s) => {
              notifications.show({ color: 'green', message: t('planning.newSeason.saved', { name: s.name }) });
              onClose();
              navigate(planningPath(coop.id, 'permintaan', s.id));
            },
            onError: (err) => setAlert(applyApiError(form, err)),
          });
        })}
      >
        <Stack gap="md">
          {alert && (
            <Alert color="red" variant="light" icon={<IconAlertCircle />} role="alert">
              {alert}
            </Alert>
          )}
          <TextInput label={t('planning.newSeason.name')} required {...form.getInputProps('name')} />
          <TextInput
            type="date"
            label={t('planning.newSeason.start')}
            description={t('planning.newSeason.startHint')}
            required
            {...form.getInputProps('startDate')}
          />
          <NumberInput
            size="md"
            label={t('planning.newSeason.weeks')}
            min={1}
            max={52}
            allowDecimal={false}
            {...form.getInputProps('weeks')}
          />
          <NumberInput
            size="md"
            label={t('planning.demand.margin')}
            description={t('planning.demand.marginHint')}
            min={0}
            max={100}
            suffix=" %"
            allowDecimal={false}
            {...form.getInputProps('safetyMarginPct')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('planning.newSeason.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
