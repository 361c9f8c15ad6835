import { todayIn } from '@kopdes/shared/format';
import { GRADE_LABELS, UOM_LABELS, type Grade } from '@kopdes/shared/produce';
import { Alert, Button, Group, Modal, Select, Skeleton, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconInfoCircle, IconTagPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, isApiError } from '../../api/client.js';
import { applyApiError } from '../../api/form-errors.js';
import { useCoop } from '../../app/coop.js';
import { formatDate } from '../../components/format.js';
import { DataTable, type Column } from '../../components/DataTable.js';
import { DateText } from '../../components/DateText.js';
import { EmptyState } from '../../components/EmptyState.js';
import { Money } from '../../components/Money.js';
import { PageHeader } from '../../components/PageHeader.js';
import { ErrorState } from '../../components/States.js';
import { currentLang } from '../../i18n/index.js';
import { useCommodities, usePrices, useSetPrices, type PriceList } from './produce-api.js';

type Price = PriceList['items'][number];
interface Row {
  commodityId: string;
  name: string;
  prices: Price[];
}

export function PricesScreen() {
  const { t } = useTranslation();
  const coop = useCoop();
  const today = todayIn(coop.timeZone);
  const [date, setDate] = useState(today);
  const prices = usePrices(coop.id, date || undefined);
  const canSet = coop.can('produce.manage');
  const [setting, setSetting] = useState(false);
  const lang = currentLang();

  // One row per commodity, its grades side by side: easier to compare than a row per price.
  const rows: Row[] = [];
  for (const p of prices.data?.items ?? []) {
    const row = rows.find((r) => r.commodityId === p.commodityId);
    if (row) row.prices.push(p);
    else rows.push({ commodityId: p.commodityId, name: p.commodityName, prices: [p] });
  }
  const latest = (r: Row) => r.prices.reduce((a, p) => (p.validFrom > a.validFrom ? p : a));

  const columns: Column<Row>[] = [
    { key: 'commodity', header: t('produce.prices.commodity'), primary: true, render: (r) => r.name },
    {
      key: 'price',
      header: t('produce.prices.price'),
      render: (r) => (
        <Stack gap={2}>
          {r.prices.map((p) => (
            <Group key={p.grade} gap={6} wrap="nowrap" justify="space-between">
              <Text size="sm" c="dimmed">
                {GRADE_LABELS[p.grade][lang]}
              </Text>
              <Text size="sm">
                <Money value={p.price} fw={600} />{' '}
                <Text span size="xs" c="dimmed">
                  {t('produce.prices.perUnit', { unit: UOM_LABELS[p.unit][lang] })}
                </Text>
              </Text>
            </Group>
          ))}
        </Stack>
      ),
    },
    { key: 'from', header: t('produce.prices.validFrom'), render: (r) => <DateText date={latest(r).validFrom} /> },
    { key: 'by', header: t('produce.prices.setBy'), render: (r) => latest(r).setBy },
  ];

  return (
    <>
      <PageHeader
        title={t('produce.prices.title')}
        description={t('produce.prices.description')}
        actions={
          canSet && (
            <Button leftSection={<IconTagPlus size={18} />} onClick={() => setSetting(true)}>
              {t('produce.prices.set')}
            </Button>
          )
        }
      />
      <Stack gap="md">
        {!canSet && (
          <Alert variant="light" color="blue" icon={<IconInfoCircle />}>
            {t('produce.prices.readOnly')}
          </Alert>
        )}
        <TextInput
          type="date"
          label={t('produce.prices.date')}
          value={date}
          onChange={(e) => setDate(e.currentTarget.value)}
          maw={240}
          size="md"
        />
        {prices.isPending ? (
          <Skeleton height={320} />
        ) : prices.isError ? (
          <ErrorState error={prices.error} onRetry={() => void prices.refetch()} />
        ) : (
          <DataTable
            caption={t('produce.prices.title')}
            rows={rows}
            columns={columns}
            rowKey={(r) => r.commodityId}
            empty={<EmptyState title={t('produce.prices.empty')} />}
          />
        )}
      </Stack>
      {setting && <SetPricesDialog current={prices.data?.items ?? []} onClose={() => setSetting(false)} />}
    </>
  );
}

function SetPricesDialog({ current, onClose }: { current: Price[]; onClose: () => void }) {
  const { t } = useTranslation();
  const coop = useCoop();
  const phone = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
  const commodities = useCommodities(coop.id);
  const save = useSetPrices(coop.id);
  const [alert, setAlert] = useState<string | null>(null);
  const lang = currentLang();
  const form = useForm({
    mode: 'controlled',
    initialValues: { validFrom: todayIn(coop.timeZone), commodityId: '', items: [] as { grade: Grade; price: string }[] },
    validate: {
      commodityId: (v) => (v ? null : t('produce.intake.required')),
      items: (items) => (items.some((i) => i.price.trim()) ? null : t('produce.prices.oneRequired')),
    },
  });
  const commodity = commodities.data?.items.find((c) => c.id === form.values.commodityId);

  const pick = (id: string | null) => {
    const c = commodities.data?.items.find((x) => x.id === id);
    form.setValues({
      commodityId: id ?? '',
      items: (c?.grades ?? []).map((g) => ({
        grade: g.grade,
        price: current.find((p) => p.commodityId === id && p.grade === g.grade)?.price ?? '',
      })),
    });
  };

  return (
    <Modal opened onClose={onClose} title={t('produce.prices.setTitle')} fullScreen={phone} size="md">
      <form
        noValidate
        onSubmit={form.onSubmit((v) => {
          setAlert(null);
          // Only the grades given a price are sent; the server's `items.N` refer to that list.
          const sent = v.items.map((it, at) => ({ ...it, at })).filter((it) => it.price.trim());
          save.mutate(
            {
              validFrom: v.validFrom,
              items: sent.map((it) => ({ commodityId: v.commodityId, grade: it.grade, price: it.price.trim().replace(/\./g, '') })),
            },
            {
              onSuccess: () => {
                notifications.show({
                  color: 'green',
                  message: t('produce.prices.saved', { commodity: commodity?.name ?? '', date: formatDate(v.validFrom, lang) }),
                });
                onClose();
              },
              onError: (err) => {
                if (!isApiError(err)) return setAlert(applyApiError(form, err));
                const remapped: Record<string, string> = {};
                for (const [f, m] of Object.entries(err.fieldErrors)) {
                  const match = /^items\.(\d+)(.*)$/.exec(f);
                  const orig = match ? sent[Number(match[1])]?.at : undefined;
                  remapped[orig === undefined ? f : `items.${orig}${match![2] || '.price'}`] = m;
                }
                setAlert(applyApiError(form, new ApiError(err.status, err.code, err.message, remapped)));
              },
            },
          );
        })}
      >
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            {t('produce.prices.setHint')}
          </Text>
          {alert && (
            <Alert color="red" variant="light" icon={<IconAlertCircle />} role="alert">
              {alert}
            </Alert>
          )}
          <TextInput type="date" size="md" label={t('produce.prices.validFrom')} required {...form.getInputProps('validFrom')} />
          <Select
            size="md"
            label={t('produce.prices.commodity')}
            data={(commodities.data?.items ?? []).filter((c) => c.active).map((c) => ({ value: c.id, label: c.name }))}
            searchable
            required
            {...form.getInputProps('commodityId')}
            onChange={pick}
          />
          {commodity &&
            form.values.items.map((it, i) => (
              <TextInput
                key={it.grade}
                size="md"
                label={GRADE_LABELS[it.grade][lang]}
                description={t('produce.prices.perUnit', { unit: UOM_LABELS[commodity.unit][lang] })}
                placeholder={t('produce.prices.pricePlaceholder')}
                leftSection={<Text size="sm">Rp</Text>}
                inputMode="numeric"
                autoComplete="off"
                {...form.getInputProps(`items.${i}.price`)}
              />
            ))}
          {form.errors.items && (
            <Text c="red.8" size="sm">
              {form.errors.items}
            </Text>
          )}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('produce.prices.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
