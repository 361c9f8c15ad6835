import { Alert, Button, Card, Group, List, Select, SimpleGrid, Skeleton, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconCircleCheck, IconCpu, IconRefresh, IconShieldX } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client.js';
import { useCoop } from '../../app/coop.js';
import { DateText } from '../../components/DateText.js';
import { EmptyState } from '../../components/EmptyState.js';
import { PageHeader } from '../../components/PageHeader.js';
import { ErrorState } from '../../components/States.js';
import { currentLang } from '../../i18n/index.js';
import { usePlanning } from './context.js';
import { Figure } from './Overview.js';
import { PlanComparison } from './PlanComparison.js';
import { useSolve, type PlanSummary, type Season } from './planning-api.js';
import { SolveProgress } from './SolveProgress.js';
import { SolverBadge } from './SolverBadge.js';
import { kg, pct } from './units.js';

const LIMITS = [15, 30, 60, 120];

export function PlanScreen() {
  const { t } = useTranslation();
  const { season, seasons, plan } = usePlanning();
  return (
    <>
      <PageHeader title={t('planning.plan.title')} description={t('planning.plan.description')} />
      {seasons.isPending || (season && plan.isPending) ? (
        <Skeleton height={320} />
      ) : !season ? (
        <EmptyState title={t('planning.noSeason')} description={t('planning.noSeasonHint')} />
      ) : plan.isError ? (
        <ErrorState error={plan.error} onRetry={() => void plan.refetch()} />
      ) : (
        <Stack gap="lg">
          <SolvePanel season={season} />
          {plan.data ? (
            <PlanResult summary={plan.data.summary} />
          ) : (
            <EmptyState title={t('planning.noPlan')} description={t('planning.plan.firstHint')} />
          )}
        </Stack>
      )}
    </>
  );
}

/** A problem from the server: its message, and each field it names (crop, plot, week) on a line. */
export function ProblemAlert({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const message = error instanceof Error ? error.message : t('errors.unexpected');
  const fields = isApiError(error) ? Object.values(error.fieldErrors) : [];
  return (
    <Alert color="red" variant="light" icon={<IconAlertCircle />} role="alert" title={t('planning.plan.failed')}>
      <Text size="sm">{message}</Text>
      {fields.length > 1 && (
        <List size="sm" mt="xs">
          {fields.slice(0, 20).map((m, i) => (
            <List.Item key={i}>{m}</List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}

function SolvePanel({ season }: { season: Season }) {
  const { t } = useTranslation();
  const coop = useCoop();
  const { plan, currentWeek, canWrite } = usePlanning();
  const solve = useSolve(coop.id, season.id);
  const [limit, setLimit] = useState('30');
  const [running, setRunning] = useState<{ replan: boolean; startedAt: number } | null>(null);
  // Once anything is in the ground the season can only be re-planned from this week on.
  const started = plan.data?.plantings.some((p) => p.status === 'planted') ?? false;
  if (!canWrite) {
    return (
      <Alert variant="light" color="blue">
        {t('planning.readOnly')}
      </Alert>
    );
  }
  const run = (replan: boolean) => {
    setRunning({ replan, startedAt: Date.now() });
    solve.mutate(
      { replan, timeLimitSeconds: Number(limit) },
      {
        onSuccess: (s) =>
          notifications.show({ color: 'green', message: t('planning.plan.saved', { status: t(`planning.solver.${s.solver.status}`) }) }),
        onSettled: () => setRunning(null),
      },
    );
  };
  return (
    <Card padding="md">
      <Stack gap="sm">
        <Text size="sm">
          {started ? t('planning.plan.replanHint', { week: Math.max(currentWeek, 0) + 1 }) : t('planning.plan.solveHint')}
        </Text>
        <Group align="flex-end" gap="sm" wrap="wrap">
          <Select
            label={t('planning.plan.timeLimit')}
            data={LIMITS.map((s) => ({ value: String(s), label: t('planning.plan.seconds', { count: s }) }))}
            value={limit}
            onChange={(v) => v && setLimit(v)}
            allowDeselect={false}
            w={160}
            disabled={solve.isPending}
          />
          {started ? (
            <Button leftSection={<IconRefresh size={18} />} onClick={() => run(true)} loading={solve.isPending}>
              {t('planning.plan.replan')}
            </Button>
          ) : (
            <Button leftSection={<IconCpu size={18} />} onClick={() => run(false)} loading={solve.isPending}>
              {plan.data ? t('planning.plan.solveAgain') : t('planning.plan.solve')}
            </Button>
          )}
        </Group>
        {running && <SolveProgress startedAt={running.startedAt} limitSeconds={Number(limit)} replan={running.replan} />}
        {solve.isError && <ProblemAlert error={solve.error} />}
      </Stack>
    </Card>
  );
}

function PlanResult({ summary }: { summary: PlanSummary }) {
  const { t } = useTranslation();
  const lang = currentLang();
  const s = summary.solver;
  const [allReasons, setAllReasons] = useState(false);
  const reasons = allReasons ? summary.explanations : summary.explanations.slice(0, 6);
  return (
    <Stack gap="md">
      <Card padding="md">
        <Group justify="space-between" mb="sm" gap="sm">
          <Stack gap={0}>
            <Text fw={700}>{t('planning.plan.inForce')}</Text>
            <Text size="xs" c="dimmed">
              {t('planning.plan.madeOn')} <DateText instant={summary.createdAt} />
              {summary.firstOpenWeek > 0 && ` · ${t('planning.plan.fromWeek', { week: summary.firstOpenWeek + 1 })}`}
            </Text>
          </Stack>
          <SolverBadge status={s.status} />
        </Group>
        <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="sm">
          <Figure label={t('planning.plan.gap')} value={pct(s.gapPct, lang, 2)} />
          <Figure
            label={t('planning.plan.time')}
            value={t('planning.plan.secondsValue', { value: (s.totalMs / 1000).toFixed(1).replace('.', lang === 'id' ? ',' : '.') })}
          />
          <Figure label={t('planning.plan.method')} value={t(`planning.method.${s.method}`, { defaultValue: s.method })} />
        </SimpleGrid>
        <Text size="xs" c="dimmed" mt="xs">
          {t('planning.plan.gapHint')}{' '}
          {t('planning.plan.sizeValue', {
            variables: s.variables.toLocaleString(lang === 'id' ? 'id-ID' : 'en-GB'),
            constraints: s.constraints.toLocaleString(lang === 'id' ? 'id-ID' : 'en-GB'),
          })}
        </Text>
      </Card>
      <Alert
        color={summary.check.ok ? 'green' : 'red'}
        variant="light"
        icon={summary.check.ok ? <IconCircleCheck /> : <IconShieldX />}
        title={summary.check.ok ? t('planning.plan.checkPassed') : t('planning.plan.checkFailed')}
      >
        {t('planning.plan.checkDetail', { count: summary.check.checkedPlantings })}
      </Alert>
      <PlanComparison summary={summary} />
      <Card padding="md">
        <Text fw={700} mb={4}>
          {t('planning.plan.unmet', { total: kg(summary.figures.shortfallGrams) })}
        </Text>
        {summary.explanations.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('planning.plan.allMet')}
          </Text>
        ) : (
          <>
            <List size="sm" spacing={4}>
              {reasons.map((e, i) => (
                <List.Item key={i}>{e.message}</List.Item>
              ))}
            </List>
            {summary.explanations.length > reasons.length && (
              <Button variant="subtle" size="xs" mt="xs" onClick={() => setAllReasons(true)}>
                {t('planning.plan.showAll', { count: summary.explanations.length })}
              </Button>
            )}
          </>
        )}
      </Card>
    </Stack>
  );
}
