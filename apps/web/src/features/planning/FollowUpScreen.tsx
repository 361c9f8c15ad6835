import { PLANTING_STATUSES, PLANTING_STATUS_LABELS } from '@kopdes/shared/planning';
import { Badge, Button, Card, Group, SegmentedControl, Select, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconCheck, IconScale } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCoop } from '../../app/coop.js';
import { setSearch, useLocation } from '../../app/router.js';
import { DataTable, type Column } from '../../components/DataTable.js';
import { EmptyState } from '../../components/EmptyState.js';
import { PageHeader } from '../../components/PageHeader.js';
import { ErrorState } from '../../components/States.js';
import { currentLang } from '../../i18n/index.js';
import { ActualDialog } from './ActualDialog.js';
import { usePlanning, WithPlan } from './context.js';
import { PlantingDialog, StatusBadge, usePlantingAction, weekNow, areaNow } from './PlantingDialog.js';
import { useFollowUp, type FollowUp, type PlanDetail, type Planting, type Season } from './planning-api.js';
import { ProblemAlert } from './PlanScreen.js';
import { WarningsList } from './WarningsList.js';
import { kg, pct, shortDate } from './units.js';

/** How many weeks ahead the groups look when they confirm plantings. */
const AHEAD = 4;
const PAGE = 20;

export function FollowUpScreen() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('planning.follow.title')} description={t('planning.follow.description')} />
      <WithPlan>{(season, plan) => <FollowUpView season={season} plan={plan} />}</WithPlan>
    </>
  );
}

function FollowUpView({ season, plan }: { season: Season; plan: PlanDetail }) {
  const { t } = useTranslation();
  const coop = useCoop();
  const followUp = useFollowUp(coop.id, plan.summary.id);
  const [recording, setRecording] = useState(false);
  return (
    <Stack gap="xl">
      {followUp.data && <Counts counts={followUp.data.plantings} currentWeek={followUp.data.currentWeek} weeks={season.weeks} />}
      <WarningsList season={season} planId={plan.summary.id} />
      <Plantings season={season} plan={plan} />
      <Stack gap="sm">
        <Group justify="space-between" align="flex-end">
          <Title order={2} fz="h4">
            {t('planning.follow.realisationTitle')}
          </Title>
          {coop.can('planning.write') && (
            <Button variant="light" leftSection={<IconScale size={18} />} onClick={() => setRecording(true)}>
              {t('planning.actual.open')}
            </Button>
          )}
        </Group>
        <Text size="sm" c="dimmed">
          {t('planning.follow.realisationHint')}
        </Text>
        {followUp.isPending ? (
          <Skeleton height={200} />
        ) : followUp.isError ? (
          <ErrorState error={followUp.error} onRetry={() => void followUp.refetch()} />
        ) : (
          <Realisation lines={followUp.data.commodities} />
        )}
      </Stack>
      {recording && <ActualDialog season={season} onClose={() => setRecording(false)} />}
    </Stack>
  );
}

function Counts({ counts, currentWeek, weeks }: { counts: FollowUp['plantings']; currentWeek: number; weeks: number }) {
  const { t } = useTranslation();
  const lang = currentLang();
  return (
    <Card padding="md">
      <Text fw={700} mb="xs">
        {currentWeek >= 0 && currentWeek < weeks ? t('planning.weekNow', { week: currentWeek + 1, weeks }) : t('planning.follow.outside')}
      </Text>
      <Group gap="xs">
        {PLANTING_STATUSES.map((s) => (
          <Badge
            key={s}
            variant="light"
            color={s === 'planted' ? 'green' : s === 'cancelled' ? 'red' : s === 'confirmed' ? 'blue' : 'gray'}
            tt="none"
            size="lg"
            radius="sm"
          >
            {PLANTING_STATUS_LABELS[s][lang]}: {counts[s]}
          </Badge>
        ))}
      </Group>
    </Card>
  );
}

function Realisation({ lines }: { lines: FollowUp['commodities'] }) {
  const { t } = useTranslation();
  const lang = currentLang();
  const columns: Column<FollowUp['commodities'][number]>[] = [
    { key: 'name', header: t('planning.commodity'), primary: true, render: (c) => c.name },
    { key: 'expected', header: t('planning.follow.expectedToDate'), align: 'right', render: (c) => kg(c.expectedToDateGrams) },
    { key: 'actual', header: t('planning.follow.actualToDate'), align: 'right', render: (c) => kg(c.actualToDateGrams) },
    {
      key: 'ratio',
      header: t('planning.follow.realisation'),
      align: 'right',
      render: (c) =>
        c.realisation === null ? (
          '–'
        ) : (
          <Badge color={c.realisation >= 0.95 ? 'green' : c.realisation >= 0.85 ? 'yellow' : 'red'} variant="light" tt="none">
            {pct(c.realisation * 100, lang, 0)}
          </Badge>
        ),
    },
  ];
  return (
    <DataTable
      caption={t('planning.follow.realisationTitle')}
      rows={lines}
      columns={columns}
      rowKey={(c) => c.commodity}
      empty={<EmptyState title={t('planning.follow.noActuals')} />}
    />
  );
}

/** The plantings due in the next weeks, for the farmer groups to confirm, change or report planted. */
function Plantings({ season, plan }: { season: Season; plan: PlanDetail }) {
  const { t } = useTranslation();
  const lang = currentLang();
  const { currentWeek, canWrite } = usePlanning();
  const { act, update } = usePlantingAction();
  const search = useLocation().search;
  const [scope, setScope] = useState<'confirm' | 'open' | 'all'>('confirm');
  const [group, setGroup] = useState<string | null>(null);
  const [limit, setLimit] = useState(PAGE);
  const selected = plan.plantings.find((p) => p.id === search.get('tanam')) ?? null;
  const groups = [...new Set(plan.plantings.map((p) => p.group))].sort();
  const editable = canWrite && plan.summary.status === 'active';
  const from = Math.max(0, currentWeek);
  const rows = plan.plantings
    .filter((p) => !group || p.group === group)
    .filter((p) => {
      if (scope === 'all') return true;
      if (scope === 'open') return p.status !== 'planted' && p.status !== 'cancelled';
      // Waiting for the group's word: planned or changed, due in the next weeks (or already late).
      return (p.status === 'planned' || p.status === 'changed') && weekNow(p) < from + AHEAD;
    })
    .sort((a, b) => weekNow(a) - weekNow(b) || a.farmerName.localeCompare(b.farmerName));

  const columns: Column<Planting>[] = [
    {
      key: 'what',
      header: t('planning.follow.planting'),
      primary: true,
      render: (p) => (
        <Stack gap={0}>
          <span>{t('planning.follow.plantingTitle', { farmer: p.farmerName, commodity: p.commodityName })}</span>
          <Text span size="xs" c="dimmed">
            {p.group}
          </Text>
        </Stack>
      ),
    },
    {
      key: 'week',
      header: t('planning.planting.plantWeek'),
      render: (p) => (
        <Text span size="sm" c={weekNow(p) < currentWeek ? 'red.8' : undefined}>
          {t('planning.weekWithDate', { week: weekNow(p) + 1, date: shortDate(p.plantDate, lang) })}
        </Text>
      ),
    },
    {
      key: 'area',
      header: t('planning.planting.area'),
      align: 'right',
      render: (p) => (
        <Stack gap={0} style={{ whiteSpace: 'nowrap' }}>
          <span>{areaNow(p)} m²</span>
          <Text span size="xs" c="dimmed">
            {p.plotName}
          </Text>
        </Stack>
      ),
    },
    { key: 'status', header: t('planning.planting.status'), render: (p) => <StatusBadge status={p.status} /> },
    {
      key: 'actions',
      header: '',
      actions: true,
      render: (p) => (
        <Group gap="xs" wrap="nowrap">
          {editable && (p.status === 'planned' || p.status === 'changed') && (
            <Button
              size="xs"
              leftSection={<IconCheck size={14} />}
              loading={update.isPending && update.variables?.id === p.id}
              onClick={() => act(p, { status: 'confirmed' })}
              aria-label={t('planning.planting.confirmOf', { farmer: p.farmerName, commodity: p.commodityName })}
            >
              {t('planning.planting.confirm')}
            </Button>
          )}
          <Button size="xs" variant="light" onClick={() => setSearch({ tanam: p.id })}>
            {t('planning.planting.details')}
          </Button>
        </Group>
      ),
    },
  ];
  const shown = rows.slice(0, limit);

  return (
    <Stack gap="sm">
      <Title order={2} fz="h4">
        {t('planning.follow.plantingsTitle')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('planning.follow.plantingsHint', { count: AHEAD })}
      </Text>
      <Group gap="sm" align="flex-end" wrap="wrap">
        <SegmentedControl
          fullWidth
          w={{ base: '100%', xs: 'auto' }}
          value={scope}
          onChange={(v) => setScope(v as typeof scope)}
          data={[
            { value: 'confirm', label: t('planning.follow.toConfirm') },
            { value: 'open', label: t('planning.follow.open') },
            { value: 'all', label: t('planning.follow.all') },
          ]}
        />
        <Select
          aria-label={t('planning.gantt.group')}
          placeholder={t('planning.gantt.allGroups')}
          data={groups}
          value={group}
          onChange={setGroup}
          clearable
          w={{ base: '100%', xs: 240 }}
        />
      </Group>
      {update.isError && !selected && <ProblemAlert error={update.error} />}
      <DataTable
        caption={t('planning.follow.plantingsTitle')}
        rows={shown}
        columns={columns}
        rowKey={(p) => p.id}
        empty={<EmptyState title={t('planning.follow.nothingDue')} />}
      />
      {rows.length > shown.length && (
        <Button variant="subtle" onClick={() => setLimit((n) => n + PAGE)} style={{ alignSelf: 'flex-start' }}>
          {t('planning.follow.more', { count: rows.length - shown.length })}
        </Button>
      )}
      {selected && <PlantingDialog planting={selected} season={season} editable={editable} onClose={() => setSearch({ tanam: null })} />}
    </Stack>
  );
}
