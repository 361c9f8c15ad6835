import {
  Anchor,
  Badge,
  Breadcrumbs,
  Button,
  Group,
  SegmentedControl,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { formatRupiah } from '@kopdes/shared/money';
import { IconDownload } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, setSearch, useLocation } from '../../../app/router.js';
import { DataTable, type Column } from '../../../components/DataTable.js';
import { DateText } from '../../../components/DateText.js';
import { Money } from '../../../components/Money.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { ErrorState } from '../../../components/States.js';
import { compactRupiah, count, monthName, monthOptions, percent, weight } from '../labels.js';
import { files, useDashboard, useTileMap, type AreaLevel, type Dashboard } from '../network-api.js';
import { adminPath } from '../nav.js';
import { NUM, StatTile } from '../ui.js';
import { BarSeries, ProvinceTiles, shortMonth } from './charts.js';

type Child = Dashboard['children'][number];

/** `32` is a province, `32.04` a regency, nothing the nation. */
const levelOf = (code: string | undefined): AreaLevel => (!code ? 'national' : code.includes('.') ? 'regency' : 'province');

/**
 * The ministry's dashboard by area: the nation, a province or a regency for a month — totals, the
 * twelve months before, the tile map, and the table one level down (provinces, regencies, then the
 * cooperatives themselves and whether each trades). Everything comes from the roll-up tables.
 */
export default function DashboardScreen() {
  const { t } = useTranslation();
  const { search } = useLocation();
  const code = search.get('wilayah') ?? undefined;
  const month = search.get('bulan') ?? undefined;
  const level = levelOf(code);
  const q = { level, code, month };
  const dash = useDashboard(q);
  // The tile map also names the provinces (a regency's breadcrumb needs its province's name).
  const tiles = useTileMap(month);
  const [trading, setTrading] = useState<'all' | 'yes' | 'no'>('all');
  const d = dash.data;

  const open = (c: string | null) => setSearch({ wilayah: c });
  const parentCrumbs = () => {
    if (!d) return [];
    const crumbs = [{ code: null as string | null, name: 'Indonesia' }];
    if (d.level === 'regency') {
      const p = d.code.slice(0, 2);
      crumbs.push({ code: p, name: tiles.data?.tiles.find((x) => x.code === p)?.name ?? p });
    }
    return crumbs;
  };

  return (
    <>
      <PageHeader
        title={t('network.dash.title')}
        description={t('network.dash.description')}
        actions={
          d && (
            <Button
              component="a"
              href={files.dashboardXlsx({ level: d.level, code: level === 'national' ? undefined : d.code, month: d.month })}
              download
              variant="default"
              leftSection={<IconDownload size={18} />}
            >
              {t('network.dash.excel')}
            </Button>
          )
        }
      />
      {dash.isPending ? (
        <Skeleton height={420} />
      ) : dash.isError ? (
        <ErrorState error={dash.error} onRetry={() => void dash.refetch()} />
      ) : (
        d && (
          <Stack gap="lg">
            <Group justify="space-between" align="flex-end" gap="sm">
              <Stack gap={4}>
                {level !== 'national' && (
                  <Breadcrumbs separatorMargin={6}>
                    {parentCrumbs().map((c) => (
                      <Anchor key={c.code ?? 'ID'} component="button" type="button" size="sm" onClick={() => open(c.code)}>
                        {c.name}
                      </Anchor>
                    ))}
                    <Text size="sm" fw={600}>
                      {d.name}
                    </Text>
                  </Breadcrumbs>
                )}
                <Title order={2} fz="h3" data-testid="area-name">
                  {d.name}
                </Title>
                {d.refreshedAt && (
                  <Text size="xs" c="dimmed">
                    {t('network.dash.refreshed')} <DateText instant={d.refreshedAt} />
                  </Text>
                )}
              </Stack>
              <Select
                label={t('network.dash.month')}
                w={200}
                allowDeselect={false}
                data={monthOptions(d.series[d.series.length - 1]?.month ?? d.month).map((m) => ({ value: m, label: monthName(m) }))}
                value={d.month}
                onChange={(m) => setSearch({ bulan: m })}
                comboboxProps={{ withinPortal: true }}
              />
            </Group>
            <Totals d={d} />
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
              <BarSeries
                title={t('network.dash.operatingSeries')}
                bars={d.series.map((s) => ({ key: s.month, label: shortMonth(s.month), value: s.formed, inner: s.operating }))}
                format={(n) => count(n)}
                legend={[t('network.dash.operating'), t('network.dash.formed')]}
              />
              <BarSeries
                title={t('network.dash.intakeSeries')}
                bars={d.series.map((s) => ({ key: s.month, label: shortMonth(s.month), value: Number(BigInt(s.intakeGrams) / 1000n) }))}
                format={(n) => weight(BigInt(n) * 1000n)}
              />
            </SimpleGrid>
            {level === 'national' && tiles.data && <ProvinceTiles map={tiles.data} onPick={(c) => open(c)} />}
            <Stack gap="sm">
              <Group justify="space-between" align="flex-end" gap="sm">
                <Title order={2} fz="h4">
                  {t(`network.dash.children.${d.level}`)}
                </Title>
                {d.level === 'regency' && (
                  <SegmentedControl
                    size="sm"
                    value={trading}
                    onChange={(v) => setTrading(v as typeof trading)}
                    data={[
                      { value: 'all', label: t('network.dash.filterAll') },
                      { value: 'yes', label: t('network.dash.trading') },
                      { value: 'no', label: t('network.dash.notTrading') },
                    ]}
                  />
                )}
              </Group>
              <ChildrenTable d={d} trading={trading} onOpen={open} />
            </Stack>
          </Stack>
        )
      )}
    </>
  );
}

function Totals({ d }: { d: Dashboard }) {
  const { t } = useTranslation();
  const f = d.totals;
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, md: 4 }} spacing="sm">
      <StatTile
        label={t('network.dash.formed')}
        value={count(f.formed)}
        testId="total-formed"
        hint={f.synthetic ? t('network.dash.synthetic', { count: f.synthetic, n: count(f.synthetic) }) : undefined}
      />
      <StatTile
        label={t('network.dash.operating')}
        value={count(f.operating)}
        testId="total-operating"
        hint={t('network.dash.operatingShare', { share: percent(f.operating, f.formed) })}
      />
      <StatTile label={t('network.dash.members')} value={count(f.members)} />
      <StatTile label={t('network.dash.savings')} value={compactRupiah(f.savings)} hint={<Money value={f.savings} />} />
      <StatTile label={t('network.dash.intake')} value={weight(f.intakeGrams)} />
      <StatTile label={t('network.dash.sales')} value={compactRupiah(f.sales)} hint={<Money value={f.sales} />} />
      <StatTile
        label={t('network.dash.units')}
        value={count(f.activeUnits)}
        hint={t('network.dash.partners', { count: f.partnersActive, n: count(f.partnersActive) })}
      />
      <StatTile
        label={t('network.dash.alumni')}
        value={count(f.alumniCooperatives)}
        hint={t('network.dash.alumniOperating', { count: f.alumniOperating, share: percent(f.alumniOperating, f.alumniCooperatives) })}
      />
    </SimpleGrid>
  );
}

/** Exact for a cooperative; in words of scale for an area (national sums run to trillions), exact on hover. */
function Rupiah({ value, exact }: { value: string; exact: boolean }) {
  if (exact) return <Money value={value} style={NUM} />;
  return (
    <span style={NUM} title={formatRupiah(BigInt(value))}>
      {compactRupiah(value)}
    </span>
  );
}

function ChildrenTable({ d, trading, onOpen }: { d: Dashboard; trading: 'all' | 'yes' | 'no'; onOpen: (code: string) => void }) {
  const { t } = useTranslation();
  const coops = d.level === 'regency';
  const rows = coops && trading !== 'all' ? d.children.filter((c) => c.operating > 0 === (trading === 'yes')) : d.children;
  const columns: Column<Child>[] = [
    {
      key: 'name',
      header: t('network.dash.name'),
      primary: true,
      render: (c) =>
        coops ? (
          <Anchor component={Link} href={adminPath('koperasi', c.code)} fw={600}>
            {c.name}
          </Anchor>
        ) : (
          <Anchor component="button" type="button" fw={600} onClick={() => onOpen(c.code)} ta="left">
            {c.name}
          </Anchor>
        ),
    },
    coops
      ? {
          key: 'trading',
          header: t('network.dash.tradingCol'),
          width: 170,
          render: (c) =>
            c.operating ? (
              <Badge color="green" variant="light">
                {t('network.dash.trading')}
              </Badge>
            ) : (
              <Badge color="gray" variant="light">
                {t('network.dash.notTrading')}
              </Badge>
            ),
        }
      : {
          key: 'operating',
          header: t('network.dash.operatingCol'),
          align: 'right',
          render: (c) => (
            <span style={NUM}>
              {count(c.operating)} / {count(c.formed)}{' '}
              <Text span size="xs" c="dimmed">
                ({percent(c.operating, c.formed)})
              </Text>
            </span>
          ),
        },
    { key: 'members', header: t('network.dash.members'), align: 'right', render: (c) => <span style={NUM}>{count(c.members)}</span> },
    { key: 'intake', header: t('network.dash.intake'), align: 'right', render: (c) => <span style={NUM}>{weight(c.intakeGrams)}</span> },
    { key: 'sales', header: t('network.dash.sales'), align: 'right', render: (c) => <Rupiah value={c.sales} exact={coops} /> },
    { key: 'savings', header: t('network.dash.savings'), align: 'right', render: (c) => <Rupiah value={c.savings} exact={coops} /> },
    {
      key: 'alumni',
      header: t('network.dash.alumniCol'),
      align: 'right',
      render: (c) => <span style={NUM}>{coops ? (c.alumni ? count(c.alumni) : '—') : count(c.alumniCooperatives)}</span>,
    },
  ];
  return (
    <DataTable
      caption={t(`network.dash.children.${d.level}`)}
      rows={rows}
      columns={columns}
      rowKey={(c) => c.code}
      empty={<Text c="dimmed">{t('network.dash.noChildren')}</Text>}
    />
  );
}
