import { ActionIcon, Button, Card, Group, SegmentedControl, Select, Skeleton, Stack, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconFileTypePdf } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useCoop } from '../../app/coop.js';
import { setSearch, useLocation } from '../../app/router.js';
import { DataTable, type Column } from '../../components/DataTable.js';
import { PageHeader } from '../../components/PageHeader.js';
import { ErrorState } from '../../components/States.js';
import { currentLang } from '../../i18n/index.js';
import { GanttChart } from './charts/GanttChart.js';
import { usePlanning, WithPlan } from './context.js';
import { PlantingDialog, StatusBadge, weekNow, areaNow } from './PlantingDialog.js';
import { sheetUrl, useCrops, useGantt, type Gantt, type PlanDetail, type Planting, type Season } from './planning-api.js';
import { kg, shortDate } from './units.js';
import { Money } from '../../components/Money.js';

const ALL = '*';

export function CalendarScreen() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('planning.gantt.title')} description={t('planning.gantt.description')} />
      <WithPlan>{(season, plan) => <Calendar season={season} plan={plan} />}</WithPlan>
    </>
  );
}

/** `?kelompok=` and `?petani=` keep the chosen group or farmer in the address, so a link opens the same view. */
function Calendar({ season, plan }: { season: Season; plan: PlanDetail }) {
  const { t } = useTranslation();
  const coop = useCoop();
  const phone = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
  const { currentWeek, canWrite } = usePlanning();
  const search = useLocation().search;
  const planId = plan.summary.id;
  const gantt = useGantt(coop.id, planId);
  const crops = useCrops(coop.id);
  // One group at a time by default: all of them make a very long page.
  const group = search.get('kelompok') ?? gantt.data?.groups[0]?.group ?? null;
  const farmerId = search.get('petani');
  const selected = search.get('tanam');
  const cropOrder = (crops.data?.items ?? []).map((c) => c.code);

  if (gantt.isPending) return <Skeleton height={400} />;
  if (gantt.isError) return <ErrorState error={gantt.error} onRetry={() => void gantt.refetch()} />;
  const data = gantt.data;
  const farmers = data.groups.flatMap((g) => g.farmers.map((f) => ({ ...f, group: g.group })));
  const farmer = farmers.find((f) => f.farmerId === farmerId) ?? null;
  const shown: Gantt = farmer
    ? { weeks: data.weeks, groups: [{ group: farmer.group, farmers: [farmers.find((f) => f.farmerId === farmer.farmerId)!] }] }
    : { weeks: data.weeks, groups: data.groups.filter((g) => group === ALL || g.group === group) };
  const open = plan.plantings.find((p) => p.id === selected) ?? null;
  const pdf = (id: string, name: string) => (
    <ActionIcon
      component="a"
      href={sheetUrl(coop.id, planId, id)}
      target="_blank"
      variant="subtle"
      size="lg"
      aria-label={t('planning.gantt.sheetOf', { name })}
      title={t('planning.gantt.sheetOf', { name })}
    >
      <IconFileTypePdf size={20} />
    </ActionIcon>
  );

  return (
    <Stack gap="md">
      <Group gap="md" align="flex-end" wrap="wrap">
        <SegmentedControl
          value={farmer ? 'farmer' : 'group'}
          onChange={(v) => setSearch({ petani: v === 'farmer' ? (farmers[0]?.farmerId ?? null) : null })}
          data={[
            { value: 'group', label: t('planning.gantt.byGroup') },
            { value: 'farmer', label: t('planning.gantt.byFarmer') },
          ]}
        />
        {farmer ? (
          <Select
            label={t('planning.gantt.farmer')}
            data={data.groups.map((g) => ({ group: g.group, items: g.farmers.map((f) => ({ value: f.farmerId, label: f.name })) }))}
            value={farmer.farmerId}
            onChange={(v) => setSearch({ petani: v })}
            searchable
            allowDeselect={false}
            w={{ base: '100%', xs: 280 }}
          />
        ) : (
          <Select
            label={t('planning.gantt.group')}
            data={[...data.groups.map((g) => ({ value: g.group, label: g.group })), { value: ALL, label: t('planning.gantt.allGroups') }]}
            value={group}
            onChange={(v) => setSearch({ kelompok: v })}
            allowDeselect={false}
            w={{ base: '100%', xs: 280 }}
          />
        )}
      </Group>
      <Card padding="xs">
        <GanttChart
          data={shown}
          cropOrder={cropOrder}
          currentWeek={currentWeek}
          nameWidth={phone ? 118 : 170}
          minWeek={phone ? 22 : 18}
          onBar={(id) => setSearch({ tanam: id })}
          farmerExtra={pdf}
          onFarmer={farmer ? undefined : (id) => setSearch({ petani: id, kelompok: null })}
        />
      </Card>
      {farmer && (
        <FarmerPlan
          season={season}
          plantings={plan.plantings.filter((p) => p.farmerId === farmer.farmerId)}
          name={farmer.name}
          sheet={sheetUrl(coop.id, planId, farmer.farmerId)}
        />
      )}
      {open && (
        <PlantingDialog
          planting={open}
          season={season}
          editable={canWrite && plan.summary.status === 'active'}
          onClose={() => setSearch({ tanam: null })}
        />
      )}
    </Stack>
  );
}

function FarmerPlan({ season, plantings, name, sheet }: { season: Season; plantings: Planting[]; name: string; sheet: string }) {
  const { t } = useTranslation();
  const lang = currentLang();
  const rows = [...plantings].sort((a, b) => weekNow(a) - weekNow(b));
  const income = rows.filter((p) => p.status !== 'cancelled').reduce((s, p) => s + BigInt(p.expectedIncome), 0n);
  const columns: Column<Planting>[] = [
    { key: 'commodity', header: t('planning.commodity'), primary: true, render: (p) => `${p.commodityName} · ${p.plotName}` },
    {
      key: 'week',
      header: t('planning.planting.plantWeek'),
      render: (p) => t('planning.weekWithDate', { week: weekNow(p) + 1, date: shortDate(p.plantDate, lang) }),
    },
    { key: 'area', header: t('planning.planting.area'), align: 'right', render: (p) => `${areaNow(p)} m²` },
    {
      key: 'harvest',
      header: t('planning.planting.harvest'),
      render: (p) => t('planning.planting.harvestWeeks', { from: p.harvestFromWeek + 1, to: p.harvestToWeek + 1 }),
    },
    { key: 'expected', header: t('planning.planting.expected'), align: 'right', render: (p) => kg(p.expectedGrams) },
    { key: 'status', header: t('planning.planting.status'), render: (p) => <StatusBadge status={p.status} /> },
    {
      key: 'open',
      header: '',
      actions: true,
      render: (p) => (
        <Button size="xs" variant="light" onClick={() => setSearch({ tanam: p.id })}>
          {t('planning.planting.details')}
        </Button>
      ),
    },
  ];
  return (
    <Stack gap="sm">
      <Group justify="space-between" gap="sm" wrap="wrap">
        <Stack gap={0}>
          <Text fw={700}>{t('planning.gantt.planOf', { name })}</Text>
          <Text size="sm" c="dimmed">
            {t('planning.gantt.farmerTotals', { count: rows.length, season: season.name })} · <Money value={income} />
          </Text>
        </Stack>
        <Button component="a" href={sheet} target="_blank" leftSection={<IconFileTypePdf size={18} />} variant="light">
          {t('planning.gantt.sheet')}
        </Button>
      </Group>
      <DataTable caption={t('planning.gantt.planOf', { name })} rows={rows} columns={columns} rowKey={(p) => p.id} />
    </Stack>
  );
}
