import { Alert, Button, Card, Group, NumberInput, Paper, SegmentedControl, Select, SimpleGrid, Skeleton, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconDeviceFloppy } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client.js';
import { useCoop } from '../../app/coop.js';
import { EmptyState } from '../../components/EmptyState.js';
import { PageHeader } from '../../components/PageHeader.js';
import { FromMarketButton } from './FromMarketButton.js';
import { ErrorState } from '../../components/States.js';
import { DemandChart } from './charts/DemandChart.js';
import { usePlanning } from './context.js';
import { DemandTable, type WeekLine } from './DemandTable.js';
import { Figure } from './Overview.js';
import { useCrops, useDemand, usePutDemand, type DemandRow, type Season } from './planning-api.js';
import { addWeeks, forecast, kg, parseSignedKg, toGrams } from './units.js';

type Grade = DemandRow['grade'];
const cellKey = (commodity: string, grade: string, week: number) => `${commodity}|${grade}|${week}`;

export function DemandScreen() {
  const { t } = useTranslation();
  const { season, seasons } = usePlanning();
  const canWrite = useCoop().can('planning.write');
  return (
    <>
      <PageHeader title={t('planning.demand.title')} description={t('planning.demand.description')} />
      {seasons.isPending ? (
        <Skeleton height={320} />
      ) : !season ? (
        <EmptyState title={t('planning.noSeason')} description={t('planning.noSeasonHint')} />
      ) : (
        <>
          {canWrite && <FromMarketButton seasonId={season.id} />}
          <DemandEditor key={season.id} season={season} />
        </>
      )}
    </>
  );
}

function DemandEditor({ season }: { season: Season }) {
  const { t } = useTranslation();
  const coop = useCoop();
  const canWrite = coop.can('planning.write');
  const demand = useDemand(coop.id, season.id);
  const crops = useCrops(coop.id);
  const save = usePutDemand(coop.id, season.id);
  /** Typed adjustments (kg text) by commodity|grade|week, kept across commodities until saved. */
  const [edits, setEdits] = useState<Record<string, string>>({});
  const [margin, setMargin] = useState<number | null>(null);
  const [picked, setPicked] = useState<string | null>(null);
  const [grade, setGrade] = useState<Grade | null>(null);
  const [alert, setAlert] = useState<string | null>(null);
  const [rowErrors, setRowErrors] = useState<Record<string, string>>({});

  const rows = useMemo(() => demand.data?.rows ?? [], [demand.data]);
  const byKey = useMemo(() => new Map(rows.map((r) => [cellKey(r.commodity, r.grade, r.week), r])), [rows]);
  const withDemand = [...new Set(rows.map((r) => r.commodity))];
  const activeCrops = (crops.data?.items ?? []).filter((c) => c.active);
  const nameOf = (code: string) => activeCrops.find((c) => c.code === code)?.name ?? code;
  const commodity = picked ?? withDemand[0] ?? activeCrops[0]?.code ?? null;
  const gradesHere = (['A', 'B', 'C', '*'] as const).filter((g) => rows.some((r) => r.commodity === commodity && r.grade === g));
  const gradeOptions: readonly Grade[] = gradesHere.length ? gradesHere : (['A', 'B', 'C', '*'] as const);
  const g = grade && gradeOptions.includes(grade) ? grade : gradeOptions[0]!;
  const marginPct = margin ?? demand.data?.safetyMarginPct ?? season.safetyMarginPct;
  const dirty = Object.keys(edits).length > 0 || (margin !== null && margin !== demand.data?.safetyMarginPct);

  const adjustmentOf = (k: string, r?: DemandRow) => (k in edits ? parseSignedKg(edits[k]!) : toGrams(r?.adjustmentGrams));
  const lineOf = (c: string, gr: Grade, week: number): WeekLine => {
    const k = cellKey(c, gr, week);
    const r = byKey.get(k);
    const contract = toGrams(r?.contractGrams);
    const history = toGrams(r?.historyGrams);
    const adjustment = adjustmentOf(k, r);
    return {
      key: k,
      week,
      weekStart: r?.weekStart ?? addWeeks(season.startDate, week),
      contract,
      history,
      adjustment,
      text: k in edits ? edits[k]! : undefined,
      forecast: adjustment === null ? null : forecast(contract, history, adjustment, marginPct),
      error: rowErrors[k],
    };
  };
  const weeks = Array.from({ length: season.weeks }, (_, w) => w);
  const lines = commodity ? weeks.map((w) => lineOf(commodity, g, w)) : [];
  // The chart sums every grade of the commodity, edits included, so a change shows before saving.
  const allGrades = commodity ? gradeOptions.map((gr) => weeks.map((w) => lineOf(commodity, gr, w))) : [];
  const sum = (pick: (l: WeekLine) => bigint | null) => weeks.map((w) => allGrades.reduce((s, ls) => s + Number(pick(ls[w]!) ?? 0n), 0));
  const totals = { contract: 0n, history: 0n, adjustment: 0n, forecast: 0n };
  for (const ls of allGrades)
    for (const l of ls) {
      totals.contract += l.contract;
      totals.history += l.history;
      totals.adjustment += l.adjustment ?? 0n;
      totals.forecast += l.forecast ?? 0n;
    }

  const submit = () => {
    setAlert(null);
    setRowErrors({});
    const bad = Object.entries(edits).filter(([, v]) => parseSignedKg(v) === null);
    if (bad.length) return setAlert(t('planning.demand.badKg'));
    // The server replaces the whole table: send every row, the edited ones changed, new weeks added.
    const sent = rows.map((r) => {
      const k = cellKey(r.commodity, r.grade, r.week);
      const adjustmentGrams = k in edits ? String(parseSignedKg(edits[k]!)) : r.adjustmentGrams;
      return {
        commodity: r.commodity,
        grade: r.grade,
        week: r.week,
        contractGrams: r.contractGrams,
        historyGrams: r.historyGrams,
        adjustmentGrams,
      };
    });
    for (const [k, v] of Object.entries(edits)) {
      if (byKey.has(k) || parseSignedKg(v) === 0n) continue;
      const [c, gr, w] = k.split('|');
      sent.push({
        commodity: c!,
        grade: gr as Grade,
        week: Number(w),
        contractGrams: '0',
        historyGrams: '0',
        adjustmentGrams: String(parseSignedKg(v)),
      });
    }
    const body = { safetyMarginPct: marginPct, rows: sent };
    save.mutate(body, {
      onSuccess: () => {
        setEdits({});
        setMargin(null);
        notifications.show({ color: 'green', message: t('planning.demand.saved') });
      },
      onError: (err) => {
        setAlert(err.message);
        if (!isApiError(err)) return;
        // The server names rows by their place in what was sent: put each message on its week.
        const onRows: Record<string, string> = {};
        for (const [field, message] of Object.entries(err.fieldErrors)) {
          const m = /^rows\.(\d+)/.exec(field);
          const r = m ? body.rows[Number(m[1])] : undefined;
          if (r) onRows[cellKey(r.commodity, r.grade, r.week)] = message;
        }
        setRowErrors(onRows);
      },
    });
  };

  if (demand.isPending || crops.isPending) return <Skeleton height={320} />;
  if (demand.isError) return <ErrorState error={demand.error} onRetry={() => void demand.refetch()} />;
  if (!commodity) return <EmptyState title={t('planning.crops.empty')} description={t('planning.crops.emptyHint')} />;

  const gradeLabel = (gr: Grade) => (gr === '*' ? t('planning.demand.anyGrade') : t('planning.demand.grade', { grade: gr }));
  return (
    <Stack gap="md" pb={dirty ? 80 : 0}>
      <Group align="flex-end" gap="md" wrap="wrap">
        <Select
          label={t('planning.commodity')}
          data={[
            { group: t('planning.demand.withDemand'), items: withDemand.map((c) => ({ value: c, label: nameOf(c) })) },
            {
              group: t('planning.demand.withoutDemand'),
              items: activeCrops.filter((c) => !withDemand.includes(c.code)).map((c) => ({ value: c.code, label: c.name })),
            },
          ].filter((x) => x.items.length)}
          value={commodity}
          onChange={(v) => setPicked(v)}
          allowDeselect={false}
          searchable
          w={{ base: '100%', xs: 260 }}
        />
        <NumberInput
          size="md"
          label={t('planning.demand.margin')}
          value={marginPct}
          onChange={(v) => setMargin(typeof v === 'number' ? v : 0)}
          min={0}
          max={100}
          suffix=" %"
          allowDecimal={false}
          disabled={!canWrite}
          w={170}
        />
      </Group>
      {gradeOptions.length > 1 && (
        <SegmentedControl
          value={g}
          onChange={(v) => setGrade(v as Grade)}
          data={gradeOptions.map((gr) => ({ value: gr, label: gradeLabel(gr) }))}
          aria-label={t('planning.demand.gradeChoice')}
          style={{ alignSelf: 'flex-start' }}
        />
      )}
      <Card padding="md">
        <Text fw={700} mb={4}>
          {t('planning.demand.sources', { name: nameOf(commodity) })}
        </Text>
        <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm" mb="sm">
          <Figure label={t('planning.demand.contract')} value={kg(totals.contract)} />
          <Figure label={t('planning.demand.history')} value={kg(totals.history)} />
          <Figure label={t('planning.demand.adjustment')} value={kg(totals.adjustment)} />
          <Figure label={t('planning.demand.forecastTotal', { margin: marginPct })} value={kg(totals.forecast)} />
        </SimpleGrid>
        <DemandChart
          series={{
            name: nameOf(commodity),
            weeks: lines.map((l) => ({ week: l.week, weekStart: l.weekStart })),
            contract: sum((l) => l.contract),
            history: sum((l) => l.history),
            adjustment: sum((l) => l.adjustment),
            forecast: sum((l) => l.forecast),
          }}
        />
      </Card>
      {alert && (
        <Alert color="red" variant="light" icon={<IconAlertCircle />} role="alert">
          {alert}
        </Alert>
      )}
      <DemandTable
        lines={lines}
        caption={t('planning.demand.tableCaption', { name: nameOf(commodity), grade: gradeLabel(g) })}
        editable={canWrite}
        onEdit={(k, text) =>
          setEdits((e) => {
            const next = { ...e };
            const original = byKey.get(k)?.adjustmentGrams ?? '0';
            if (parseSignedKg(text) === toGrams(original)) delete next[k];
            else next[k] = text;
            return next;
          })
        }
      />
      {dirty && canWrite && (
        <Paper
          shadow="md"
          p="sm"
          withBorder
          style={{ position: 'sticky', bottom: 8, zIndex: 5 }}
          role="region"
          aria-label={t('planning.demand.unsavedRegion')}
        >
          <Group justify="space-between" gap="sm">
            <Text size="sm" fw={600}>
              {t('planning.demand.unsaved', { count: Object.keys(edits).length })}
            </Text>
            <Group gap="sm">
              <Button
                variant="default"
                onClick={() => {
                  setEdits({});
                  setMargin(null);
                  setRowErrors({});
                  setAlert(null);
                }}
              >
                {t('common.cancel')}
              </Button>
              <Button leftSection={<IconDeviceFloppy size={18} />} loading={save.isPending} onClick={submit}>
                {t('planning.demand.save')}
              </Button>
            </Group>
          </Group>
        </Paper>
      )}
    </Stack>
  );
}
