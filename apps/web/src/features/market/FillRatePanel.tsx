import { todayIn } from '@kopdes/shared/format';
import { formatNumberId } from '@kopdes/shared/money';
import { formatKg } from '@kopdes/shared/quantity';
import { Badge, SegmentedControl, Select, SimpleGrid, Skeleton, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCoop } from '../../app/coop.js';
import { DataTable, type Column } from '../../components/DataTable.js';
import { DateText } from '../../components/DateText.js';
import { EmptyState } from '../../components/EmptyState.js';
import { ErrorState } from '../../components/States.js';
import { unitOf } from './labels.js';
import { useFillRate, type FillRate } from './market-api.js';
import { MoreButton, usePaged } from './parts.js';

type Row = FillRate['rows'][number];
type Qty = Row['ordered'];

/** Per mille as a percentage with one decimal, the Indonesian way: 975 → "97,5 %". */
const percent = (permille: number) => `${Math.floor(permille / 10)}${permille % 10 ? `,${permille % 10}` : ''} %`;
const daysBefore = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);
/** a ÷ b in per mille, rounded half-up (as the server rounds its weekly figures). */
const permilleOf = (a: bigint, b: bigint) => (b === 0n ? 0 : Number((a * 2000n + b) / (2n * b)));
const sumQty = (qs: Qty[]): Qty => {
  const base = qs.reduce((s, q) => s + BigInt(q.base), 0n);
  const unit = unitOf(qs[0]!.text);
  return { base: base.toString(), text: unit === 'kg' ? formatKg(base) : `${formatNumberId(base)} ${unit}` };
};

/** The weeks of one buyer and commodity added up over the period (same commodity, so the same unit). */
function perPeriod(rows: Row[]): Row[] {
  const groups = new Map<string, Row[]>();
  for (const r of rows) groups.set(`${r.partnerId}|${r.commodityId}`, [...(groups.get(`${r.partnerId}|${r.commodityId}`) ?? []), r]);
  const sorted = [...groups.values()].sort(
    (a, b) => a[0]!.partnerName.localeCompare(b[0]!.partnerName) || a[0]!.commodityName.localeCompare(b[0]!.commodityName),
  );
  return sorted.map((g) => {
    const ordered = sumQty(g.map((r) => r.ordered));
    const delivered = sumQty(g.map((r) => r.delivered));
    const accepted = sumQty(g.map((r) => r.accepted));
    return {
      ...g[0]!,
      week: '',
      ordered,
      delivered,
      accepted,
      deliveredPermille: permilleOf(BigInt(delivered.base), BigInt(ordered.base)),
      acceptedPermille: permilleOf(BigInt(accepted.base), BigInt(ordered.base)),
    };
  });
}

function Rate({ permille }: { permille: number }) {
  const color = permille >= 950 ? 'green' : permille >= 850 ? 'yellow' : 'red';
  return (
    <Badge color={color} variant="light" tt="none">
      {percent(permille)}
    </Badge>
  );
}

/** Fill rate per buyer and commodity, over the period or week by week: delivered and accepted against ordered. */
export function FillRatePanel() {
  const { t } = useTranslation();
  const coop = useCoop();
  const today = todayIn(coop.timeZone);
  const [from, setFrom] = useState(daysBefore(today, 27));
  const [to, setTo] = useState(today);
  const [partnerId, setPartnerId] = useState<string | null>(null);
  const [view, setView] = useState<'period' | 'week'>('period');
  const q = useFillRate(coop.id, from && to ? { from, to } : null);
  const all = q.data?.rows ?? [];
  const partners = [...new Map(all.map((r) => [r.partnerId, r.partnerName])).entries()];
  const mine = all.filter((r) => !partnerId || r.partnerId === partnerId);
  const rows = view === 'period' ? perPeriod(mine) : mine;
  const paged = usePaged(rows, 30);
  const columns: Column<Row>[] = [
    { key: 'what', header: t('market.fill.what'), primary: true, render: (r) => `${r.partnerName} · ${r.commodityName}` },
    ...(view === 'week' ? [{ key: 'week', header: t('market.fill.week'), render: (r: Row) => <DateText date={r.week} /> }] : []),
    { key: 'ordered', header: t('market.fill.ordered'), align: 'right', render: (r) => r.ordered.text },
    { key: 'delivered', header: t('market.fill.delivered'), align: 'right', render: (r) => r.delivered.text },
    { key: 'accepted', header: t('market.fill.accepted'), align: 'right', render: (r) => r.accepted.text },
    { key: 'dRate', header: t('market.fill.deliveredRate'), align: 'right', render: (r) => <Rate permille={r.deliveredPermille} /> },
    { key: 'aRate', header: t('market.fill.acceptedRate'), align: 'right', render: (r) => <Rate permille={r.acceptedPermille} /> },
  ];
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
        <TextInput label={t('market.from')} type="date" value={from} onChange={(e) => setFrom(e.currentTarget.value)} />
        <TextInput label={t('market.to')} type="date" value={to} onChange={(e) => setTo(e.currentTarget.value)} />
        <Select
          label={t('market.orders.partner')}
          placeholder={t('market.allPartners')}
          data={partners.map(([value, label]) => ({ value, label }))}
          value={partnerId}
          onChange={setPartnerId}
          searchable
          clearable
        />
        <Stack gap={4} justify="flex-end">
          <SegmentedControl
            value={view}
            onChange={(v) => setView(v as typeof view)}
            data={[
              { value: 'period', label: t('market.fill.perPeriod') },
              { value: 'week', label: t('market.fill.perWeek') },
            ]}
          />
        </Stack>
      </SimpleGrid>
      {q.isPending ? (
        <Skeleton height={200} />
      ) : q.isError ? (
        <ErrorState error={q.error} />
      ) : (
        <>
          <DataTable
            caption={t('market.fill.tab')}
            rows={paged.rows}
            columns={columns}
            rowKey={(r) => `${r.partnerId}-${r.commodityId}-${r.week}`}
            empty={<EmptyState title={t('market.fill.empty')} />}
          />
          <MoreButton more={paged.more} page={paged.page} onClick={paged.showMore} />
        </>
      )}
    </Stack>
  );
}
