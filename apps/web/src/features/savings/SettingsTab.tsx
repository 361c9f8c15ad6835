/**
 * Simpanan pokok and wajib amounts: what is in force, every dated setting before it, and (for the
 * board and the treasurer) a form to set new amounts from a date on. Past settings stay: dues
 * already billed keep the amount of their month.
 */
import { todayIn } from '@kopdes/shared/format';
import { formatNumberId, formatRupiah, parseRupiahInput } from '@kopdes/shared/money';
import { WAJIB_PERIODS } from '@kopdes/shared/savings';
import { Alert, Button, Card, Group, Select, SimpleGrid, Skeleton, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyApiError } from '../../api/form-errors.js';
import { useCoop } from '../../app/coop.js';
import { DataTable, type Column } from '../../components/DataTable.js';
import { DateText } from '../../components/DateText.js';
import { Money } from '../../components/Money.js';
import { ErrorState } from '../../components/States.js';
import { useSaveSettings, useSettings, type SettingsList } from './savings-api.js';

type Setting = SettingsList['history'][number];

export function SettingsTab() {
  const { t } = useTranslation();
  const coop = useCoop();
  const settings = useSettings(coop.id);
  if (settings.isPending) return <Skeleton height={240} />;
  if (settings.isError) return <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />;
  const { current, history } = settings.data;
  const period = (n: number) => t('savings.settings.everyMonths', { n });
  const columns: Column<Setting>[] = [
    { key: 'from', header: t('savings.settings.effectiveFrom'), primary: true, render: (s) => <DateText date={s.effectiveFrom} /> },
    { key: 'pokok', header: t('savings.pokok'), align: 'right', render: (s) => <Money value={s.pokokAmount} /> },
    { key: 'wajib', header: t('savings.wajib'), align: 'right', render: (s) => <Money value={s.wajibAmount} /> },
    { key: 'period', header: t('savings.settings.period'), render: (s) => period(s.wajibPeriodMonths) },
    { key: 'by', header: t('savings.settings.setBy'), render: (s) => s.createdBy },
  ];
  return (
    <Stack gap="md">
      <Card padding="lg">
        <Title order={2} size="h4" mb="sm">
          {t('savings.settings.current')}
        </Title>
        {current ? (
          <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
            <Figure label={t('savings.settings.pokok')} value={formatRupiah(BigInt(current.pokokAmount))} />
            <Figure
              label={t('savings.settings.wajib')}
              value={`${formatRupiah(BigInt(current.wajibAmount))} · ${period(current.wajibPeriodMonths)}`}
            />
            <Figure label={t('savings.settings.effectiveFrom')} value={<DateText date={current.effectiveFrom} />} />
          </SimpleGrid>
        ) : (
          <Text c="dimmed">{t('savings.settings.none')}</Text>
        )}
      </Card>
      {coop.can('savings.manage') && <SettingsForm current={current} />}
      <DataTable
        caption={t('savings.settings.history')}
        rows={history}
        columns={columns}
        rowKey={(s) => `${s.effectiveFrom}-${s.createdAt}`}
      />
    </Stack>
  );
}

function Figure({ label, value }: { label: string; value: React.ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text fw={700}>{value}</Text>
    </div>
  );
}

function SettingsForm({ current }: { current: Setting | null }) {
  const { t } = useTranslation();
  const coop = useCoop();
  const save = useSaveSettings(coop.id);
  const [alert, setAlert] = useState<string | null>(null);
  const amountRule = (v: string) => {
    const a = parseRupiahInput(v);
    return a !== null && a > 0n ? null : t('savings.form.amountInvalid');
  };
  const form = useForm({
    initialValues: {
      effectiveFrom: todayIn(coop.timeZone),
      pokokAmount: current ? formatNumberId(BigInt(current.pokokAmount)) : '',
      wajibAmount: current ? formatNumberId(BigInt(current.wajibAmount)) : '',
      wajibPeriodMonths: String(current?.wajibPeriodMonths ?? 1),
    },
    validate: {
      effectiveFrom: (v) => (/^\d{4}-\d{2}-\d{2}$/.test(v) ? null : t('savings.settings.dateInvalid')),
      pokokAmount: amountRule,
      wajibAmount: amountRule,
    },
  });
  const tidy = (field: 'pokokAmount' | 'wajibAmount') => () => {
    const a = parseRupiahInput(form.values[field]);
    if (a !== null && a > 0n) form.setFieldValue(field, formatNumberId(a));
  };
  return (
    <Card padding="lg">
      <Title order={2} size="h4" mb={4}>
        {t('savings.settings.newTitle')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('savings.settings.newText')}
      </Text>
      <form
        noValidate
        onSubmit={form.onSubmit((v) => {
          setAlert(null);
          save.mutate(
            {
              effectiveFrom: v.effectiveFrom,
              pokokAmount: parseRupiahInput(v.pokokAmount)!.toString(),
              wajibAmount: parseRupiahInput(v.wajibAmount)!.toString(),
              wajibPeriodMonths: Number(v.wajibPeriodMonths),
            },
            {
              onSuccess: () => notifications.show({ color: 'green', message: t('savings.settings.saved') }),
              onError: (err) => setAlert(applyApiError(form, err)),
            },
          );
        })}
      >
        <Stack gap="sm">
          {alert && (
            <Alert color="red" variant="light" icon={<IconAlertCircle />} role="alert">
              {alert}
            </Alert>
          )}
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput type="date" label={t('savings.settings.effectiveFrom')} required {...form.getInputProps('effectiveFrom')} />
            <Select
              label={t('savings.settings.period')}
              data={WAJIB_PERIODS.map((n) => ({ value: String(n), label: t('savings.settings.everyMonths', { n }) }))}
              allowDeselect={false}
              {...form.getInputProps('wajibPeriodMonths')}
            />
            <TextInput
              label={t('savings.settings.pokok')}
              inputMode="numeric"
              leftSection={<Text size="sm">Rp</Text>}
              required
              {...form.getInputProps('pokokAmount')}
              onBlur={tidy('pokokAmount')}
            />
            <TextInput
              label={t('savings.settings.wajib')}
              inputMode="numeric"
              leftSection={<Text size="sm">Rp</Text>}
              required
              {...form.getInputProps('wajibAmount')}
              onBlur={tidy('wajibAmount')}
            />
          </SimpleGrid>
          <Group justify="flex-end">
            <Button type="submit" loading={save.isPending}>
              {t('savings.settings.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
