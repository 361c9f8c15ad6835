import { todayIn } from '@kopdes/shared/format';
import { Card, SegmentedControl, SimpleGrid, Skeleton, Stack, Text, TextInput } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useCoop } from '../../app/coop.js';
import { DataTable, type Column } from '../../components/DataTable.js';
import { DateText } from '../../components/DateText.js';
import { EmptyState } from '../../components/EmptyState.js';
import { Money } from '../../components/Money.js';
import { ErrorState } from '../../components/States.js';
import { useMargins, type MarginReport } from './market-api.js';

type Figures = MarginReport['totals'];
type MarginGroup = { key: string; label: ReactNode } & Pick<
  Figures,
  'revenue' | 'costOfSales' | 'rejectsWrittenOff' | 'margin' | 'marginPermille'
> & { extra?: string };

/** Per mille as a percentage with one decimal, the Indonesian way: 526 → "52,6 %". */
const percent = (permille: number) => `${permille < 0 ? '-' : ''}${Math.floor(Math.abs(permille) / 10)},${Math.abs(permille) % 10} %`;
const monthStart = (d: string) => `${d.slice(0, 8)}01`;

/** Gross margin of what buyers accepted: revenue less cost of goods, rejects and losses, per commodity, partner or week. */
export function MarginsPanel() {
  const { t } = useTranslation();
  const coop = useCoop();
  const today = todayIn(coop.timeZone);
  const [from, setFrom] = useState(monthStart(today));
  const [to, setTo] = useState(today);
  const [by, setBy] = useState<'commodity' | 'partner' | 'week'>('commodity');
  const q = useMargins(coop.id, from && to ? { from, to } : null);
  if (!q.data && q.isPending) return <Skeleton height={240} />;
  if (q.isError) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  const r = q.data!;
  const groups: MarginGroup[] =
    by === 'commodity'
      ? r.byCommodity.map((g) => ({ key: g.commodityId, label: g.commodityName, extra: g.stockLosses, ...g }))
      : by === 'partner'
        ? r.byPartner.map((g) => ({ key: g.partnerId, label: g.partnerName, extra: g.creditNotes, ...g }))
        : r.byWeek.map((g) => ({ key: g.week, label: <DateText date={g.week} />, extra: g.stockLosses, ...g }));
  // Commodities nobody bought or lost anything of in the period say nothing.
  const shown = groups.filter((g) => g.revenue !== '0' || g.costOfSales !== '0' || g.rejectsWrittenOff !== '0' || (g.extra ?? '0') !== '0');
  const extraHeader = by === 'partner' ? t('market.margins.creditNotes') : t('market.margins.stockLosses');
  const columns: Column<MarginGroup>[] = [
    { key: 'what', header: t(`market.margins.by.${by}`), primary: true, render: (g) => g.label },
    { key: 'revenue', header: t('market.margins.revenue'), align: 'right', render: (g) => <Money value={g.revenue} /> },
    { key: 'cost', header: t('market.margins.cost'), align: 'right', render: (g) => <Money value={g.costOfSales} /> },
    { key: 'rejects', header: t('market.margins.rejects'), align: 'right', render: (g) => <Money value={g.rejectsWrittenOff} /> },
    { key: 'extra', header: extraHeader, align: 'right', render: (g) => <Money value={g.extra ?? '0'} /> },
    { key: 'margin', header: t('market.margins.margin'), align: 'right', render: (g) => <Money value={g.margin} fw={700} signed /> },
    { key: 'pct', header: '%', align: 'right', render: (g) => (g.revenue === '0' ? '—' : percent(g.marginPermille)) },
  ];
  const fact = (label: string, value: string, strong = false) => (
    <Card padding="sm">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Money value={value} fw={strong ? 800 : 600} signed />
    </Card>
  );
  return (
    <Stack gap="md">
      <SimpleGrid cols={2} spacing="sm" maw={420}>
        <TextInput label={t('market.from')} type="date" value={from} onChange={(e) => setFrom(e.currentTarget.value)} />
        <TextInput label={t('market.to')} type="date" value={to} onChange={(e) => setTo(e.currentTarget.value)} />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 2, sm: 3, md: 6 }} spacing="sm">
        {fact(t('market.margins.revenue'), r.totals.revenue)}
        {fact(t('market.margins.cost'), r.totals.costOfSales)}
        {fact(t('market.margins.rejects'), r.totals.rejectsWrittenOff)}
        {fact(t('market.margins.creditNotes'), r.totals.creditNotes)}
        {fact(t('market.margins.stockLosses'), r.totals.stockLosses)}
        <Card padding="sm">
          <Text size="xs" c="dimmed">
            {t('market.margins.margin')}
          </Text>
          <Money value={r.totals.margin} fw={800} signed />
          {r.totals.revenue !== '0' && (
            <Text size="xs" c="dimmed">
              {percent(r.totals.marginPermille)}
            </Text>
          )}
        </Card>
      </SimpleGrid>
      <SegmentedControl
        value={by}
        onChange={(v) => setBy(v as typeof by)}
        data={(['commodity', 'partner', 'week'] as const).map((b) => ({ value: b, label: t(`market.margins.by.${b}`) }))}
      />
      <DataTable
        caption={t('market.margins.tab')}
        rows={shown}
        columns={columns}
        rowKey={(g) => g.key}
        empty={<EmptyState title={t('market.margins.empty')} />}
      />
      <Text size="xs" c="dimmed">
        {t('market.margins.hint')}
      </Text>
    </Stack>
  );
}
