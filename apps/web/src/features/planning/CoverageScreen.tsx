import { Anchor, Badge, Card, Select, Skeleton, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useCoop } from '../../app/coop.js';
import { setSearch, useLocation } from '../../app/router.js';
import { DataTable, type Column } from '../../components/DataTable.js';
import { PageHeader } from '../../components/PageHeader.js';
import { ErrorState } from '../../components/States.js';
import { currentLang } from '../../i18n/index.js';
import { CoverageChart } from './charts/CoverageChart.js';
import { usePlanning, WithPlan } from './context.js';
import { useCoverage, type Coverage, type PlanDetail } from './planning-api.js';
import { kg, pct } from './units.js';

type Line = Coverage['commodities'][number];
const total = (xs: (string | null)[]) => xs.reduce((s, x) => s + Number(x ?? 0), 0);

export function CoverageScreen() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('planning.coverage.title')} description={t('planning.coverage.description')} />
      <WithPlan>{(_season, plan) => <CoverageView plan={plan} />}</WithPlan>
    </>
  );
}

function CoverageView({ plan }: { plan: PlanDetail }) {
  const { t } = useTranslation();
  const lang = currentLang();
  const coop = useCoop();
  const { currentWeek } = usePlanning();
  const coverage = useCoverage(coop.id, plan.summary.id);
  const wanted = useLocation().search.get('komoditas');
  if (coverage.isPending) return <Skeleton height={320} />;
  if (coverage.isError) return <ErrorState error={coverage.error} onRetry={() => void coverage.refetch()} />;
  const items = coverage.data.commodities;
  // Week by week: a surplus one week does not make up for a shortfall in another.
  const share = (c: Line) => {
    const d = total(c.demandGrams);
    const met = c.demandGrams.reduce((s, x, w) => s + Math.min(Number(x), Number(c.expectedGrams[w] ?? 0)), 0);
    return d > 0 ? (100 * met) / d : 100;
  };
  // Unless one is asked for, the chart opens on the commodity least covered: the one to look at.
  const worst = items.reduce<Line | undefined>((a, c) => (!a || share(c) < share(a) ? c : a), undefined);
  const line = items.find((c) => c.commodity === wanted) ?? worst;
  if (!line) return <Text c="dimmed">{t('planning.coverage.empty')}</Text>;
  const columns: Column<Line>[] = [
    {
      key: 'name',
      header: t('planning.commodity'),
      primary: true,
      render: (c) => (
        <Anchor component="button" type="button" onClick={() => setSearch({ komoditas: c.commodity })} fw={c === line ? 700 : 500}>
          {c.name}
        </Anchor>
      ),
    },
    { key: 'demand', header: t('planning.coverage.demandSeason'), align: 'right', render: (c) => kg(total(c.demandGrams)) },
    { key: 'expected', header: t('planning.coverage.expectedSeason'), align: 'right', render: (c) => kg(total(c.expectedGrams)) },
    {
      key: 'actual',
      header: t('planning.coverage.actualSoFar'),
      align: 'right',
      render: (c) => (c.actualGrams.some((a) => a !== null) ? kg(total(c.actualGrams)) : '–'),
    },
    {
      key: 'share',
      header: t('planning.coverage.share'),
      align: 'right',
      render: (c) => (
        <Badge color={share(c) >= 97 ? 'green' : share(c) >= 90 ? 'yellow' : 'red'} variant="light" tt="none">
          {pct(share(c), lang, 0)}
        </Badge>
      ),
    },
  ];
  return (
    <Stack gap="md">
      <Select
        label={t('planning.commodity')}
        data={items.map((c) => ({ value: c.commodity, label: c.name }))}
        value={line.commodity}
        onChange={(v) => setSearch({ komoditas: v })}
        allowDeselect={false}
        searchable
        w={{ base: '100%', xs: 280 }}
      />
      <Card padding="md">
        <Text fw={700} mb="xs">
          {line.name}
        </Text>
        <CoverageChart
          currentWeek={currentWeek}
          series={{
            name: line.name,
            weeks: coverage.data.weeks,
            demand: line.demandGrams.map(Number),
            expected: line.expectedGrams.map(Number),
            actual: line.actualGrams.map((a) => (a === null ? null : Number(a))),
          }}
        />
      </Card>
      <DataTable caption={t('planning.coverage.tableCaption')} rows={items} columns={columns} rowKey={(c) => c.commodity} />
    </Stack>
  );
}
