import { Group, Progress, SegmentedControl, Select, SimpleGrid, Skeleton, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { setSearch, useLocation } from '../../../app/router.js';
import { DataTable, type Column } from '../../../components/DataTable.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { ErrorState } from '../../../components/States.js';
import { count, percent } from '../labels.js';
import { useAlumni, useProgrammes, type AlumniRow } from '../network-api.js';
import { NUM, StatTile } from '../ui.js';

const GROUPINGS = ['batch', 'host', 'province'] as const;

/** "x of y (z%)" with a bar: alumni cooperatives trading among those whose month has come. */
function Share({ part, whole }: { part: number; whole: number }) {
  const { t } = useTranslation();
  if (!whole)
    return (
      <Text size="sm" c="dimmed">
        {t('network.alumni.notYet')}
      </Text>
    );
  return (
    <Stack gap={2} miw={120}>
      <Text size="sm" style={NUM}>
        {t('network.alumni.share', { part: count(part), whole: count(whole), pct: percent(part, whole) })}
      </Text>
      <Progress value={(part * 100) / whole} size="sm" color="green" aria-hidden />
    </Stack>
  );
}

/** How alumni cooperatives fare 3 and 6 months after their batch, by batch, host or province. */
export function AlumniScreen() {
  const { t } = useTranslation();
  const { search } = useLocation();
  const by = GROUPINGS.find((g) => g === search.get('per')) ?? 'batch';
  const programmeId = search.get('program') ?? undefined;
  const programmes = useProgrammes();
  const list = useAlumni(by, programmeId);
  const rows = list.data?.items ?? [];
  const sum = (k: keyof AlumniRow) => rows.reduce((n, r) => n + (r[k] as number), 0);
  const columns: Column<AlumniRow>[] = [
    { key: 'label', header: t(`network.alumni.by.${by}`), primary: true, render: (r) => r.label },
    { key: 'alumni', header: t('network.alumni.alumni'), align: 'right', render: (r) => <span style={NUM}>{count(r.alumni)}</span> },
    {
      key: 'coops',
      header: t('network.alumni.cooperatives'),
      align: 'right',
      render: (r) => <span style={NUM}>{count(r.alumniCooperatives)}</span>,
    },
    { key: 't3', header: t('network.alumni.trading3'), render: (r) => <Share part={r.trading3} whole={r.due3} /> },
    { key: 't6', header: t('network.alumni.trading6'), render: (r) => <Share part={r.trading6} whole={r.due6} /> },
    { key: 'plan', header: t('network.alumni.targets'), render: (r) => <Share part={r.actionItemsAchieved} whole={r.actionItems} /> },
  ];
  return (
    <>
      <PageHeader title={t('network.alumni.title')} description={t('network.alumni.description')} />
      <Group gap="md" mb="md" align="flex-end" wrap="wrap">
        <SegmentedControl
          value={by}
          onChange={(v) => setSearch({ per: v === 'batch' ? null : v })}
          data={GROUPINGS.map((g) => ({ value: g, label: t(`network.alumni.by.${g}`) }))}
        />
        <Select
          label={t('network.alumni.programme')}
          placeholder={t('network.alumni.allProgrammes')}
          clearable
          w={320}
          maw="100%"
          data={(programmes.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
          value={programmeId ?? null}
          onChange={(v) => setSearch({ program: v })}
          comboboxProps={{ withinPortal: true }}
        />
      </Group>
      {list.isPending ? (
        <Skeleton height={240} />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Stack gap="md">
          <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
            <StatTile
              label={t('network.alumni.alumni')}
              value={count(sum('alumni'))}
              hint={t('network.alumni.coopsHint', { count: sum('alumniCooperatives') })}
            />
            <StatTile
              label={t('network.alumni.trading3')}
              value={percent(sum('trading3'), sum('due3'))}
              hint={t('network.alumni.ofDue', { part: sum('trading3'), whole: sum('due3') })}
            />
            <StatTile
              label={t('network.alumni.trading6')}
              value={percent(sum('trading6'), sum('due6'))}
              hint={t('network.alumni.ofDue', { part: sum('trading6'), whole: sum('due6') })}
            />
            <StatTile
              label={t('network.alumni.targets')}
              value={percent(sum('actionItemsAchieved'), sum('actionItems'))}
              hint={t('network.alumni.ofDue', { part: sum('actionItemsAchieved'), whole: sum('actionItems') })}
            />
          </SimpleGrid>
          <Text size="sm" c="dimmed">
            {t('network.alumni.rule')}
          </Text>
          <DataTable
            caption={t('network.alumni.title')}
            rows={rows}
            columns={columns}
            rowKey={(r) => r.key}
            empty={<Text c="dimmed">{t('network.alumni.empty')}</Text>}
          />
        </Stack>
      )}
    </>
  );
}
