import { Alert, Button, Card, Group, SimpleGrid, Skeleton, Stack, Text, ThemeIcon } from '@mantine/core';
import {
  IconAlertTriangle,
  IconCalendarPlus,
  IconChartBar,
  IconChartLine,
  IconChecklist,
  IconChevronRight,
  IconCpu,
  IconPlant,
  IconCalendarWeek,
  type Icon,
} from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCoop } from '../../app/coop.js';
import { Link } from '../../app/router.js';
import { DateText } from '../../components/DateText.js';
import { EmptyState } from '../../components/EmptyState.js';
import { PageHeader } from '../../components/PageHeader.js';
import { ErrorState } from '../../components/States.js';
import { currentLang } from '../../i18n/index.js';
import { usePlanning } from './context.js';
import { planningPath, SeasonSelect } from './nav.js';
import { useWarnings } from './planning-api.js';
import { SeasonDialog } from './SeasonDialog.js';
import { SolverBadge } from './SolverBadge.js';
import { addWeeks, kg, pct } from './units.js';

function Tile({ href, icon: I, title, hint }: { href: string; icon: Icon; title: string; hint: string }) {
  return (
    <Card component={Link} href={href} padding="md" className="kd-tile">
      <Group wrap="nowrap" gap="md">
        <ThemeIcon size={44} radius="md" variant="light" color="merah">
          <I size={26} stroke={1.6} />
        </ThemeIcon>
        <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
          <Text fw={700}>{title}</Text>
          <Text size="sm" c="dimmed">
            {hint}
          </Text>
        </Stack>
        <IconChevronRight size={20} aria-hidden />
      </Group>
    </Card>
  );
}

export function Overview() {
  const { t } = useTranslation();
  const coop = useCoop();
  const lang = currentLang();
  const { seasons, season, plan, planId, currentWeek, linkSeason, canWrite } = usePlanning();
  const warnings = useWarnings(coop.id, planId);
  const [opening, setOpening] = useState(false);
  const to = (sub: string) => planningPath(coop.id, sub, linkSeason);
  const summary = plan.data?.summary;
  const count = warnings.data?.warnings.length ?? 0;

  return (
    <>
      <PageHeader
        title={t('planning.title')}
        description={t('planning.description')}
        actions={
          canWrite && (
            <Button variant="default" leftSection={<IconCalendarPlus size={18} />} onClick={() => setOpening(true)}>
              {t('planning.newSeason.open')}
            </Button>
          )
        }
      />
      <Stack gap="lg">
        <SeasonSelect />
        {seasons.isPending ? (
          <Skeleton height={120} />
        ) : seasons.isError ? (
          <ErrorState error={seasons.error} onRetry={() => void seasons.refetch()} />
        ) : !season ? (
          <Card>
            <EmptyState icon={IconCalendarPlus} title={t('planning.noSeason')} description={t('planning.noSeasonHint')} />
          </Card>
        ) : (
          <Card padding="md">
            <Group justify="space-between" align="flex-start" gap="sm">
              <Stack gap={2}>
                <Text fw={700} fz="lg">
                  {season.name}
                </Text>
                <Text size="sm" c="dimmed">
                  <DateText date={season.startDate} /> – <DateText date={addWeeks(season.startDate, season.weeks - 1)} /> ·{' '}
                  {t('planning.weeksCount', { count: season.weeks })}
                </Text>
                <Text size="sm">
                  {currentWeek < 0
                    ? t('planning.startsIn', { count: -currentWeek })
                    : currentWeek >= season.weeks
                      ? t('planning.seasonOver')
                      : t('planning.weekNow', { week: currentWeek + 1, weeks: season.weeks })}
                </Text>
              </Stack>
              {summary && <SolverBadge status={summary.solver.status} />}
            </Group>
            {summary && (
              <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm" mt="md">
                <Figure label={t('planning.plan.demand')} value={kg(summary.figures.demandGrams)} />
                <Figure label={t('planning.plan.shortfall')} value={kg(summary.figures.shortfallGrams)} />
                <Figure label={t('planning.plan.gap')} value={pct(summary.solver.gapPct, lang, 2)} />
                <Figure
                  label={t('planning.plan.checker')}
                  value={summary.check.ok ? t('planning.plan.checkOk') : t('planning.plan.checkFailed')}
                  colour={summary.check.ok ? 'green.8' : 'red.8'}
                />
              </SimpleGrid>
            )}
            {season && plan.isSuccess && !summary && (
              <Text size="sm" c="dimmed" mt="sm">
                {t('planning.noPlan')}
              </Text>
            )}
          </Card>
        )}
        {count > 0 && (
          <Alert color="orange" variant="light" icon={<IconAlertTriangle />} title={t('planning.follow.warningsTitle', { count })}>
            <Stack gap={4} align="flex-start">
              {warnings.data!.warnings.slice(0, 3).map((w, i) => (
                <Text key={i} size="sm">
                  {w.message}
                </Text>
              ))}
              <Button component={Link} href={to('tindak-lanjut')} variant="white" color="orange" size="sm" mt={4}>
                {t('planning.follow.seeOptions')}
              </Button>
            </Stack>
          </Alert>
        )}
        {season && (
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <Tile href={to('permintaan')} icon={IconChartBar} title={t('planning.go.demand')} hint={t('planning.go.demandHint')} />
            <Tile href={to('tanaman')} icon={IconPlant} title={t('planning.go.crops')} hint={t('planning.go.cropsHint')} />
            <Tile href={to('rencana')} icon={IconCpu} title={t('planning.go.plan')} hint={t('planning.go.planHint')} />
            <Tile href={to('kalender')} icon={IconCalendarWeek} title={t('planning.go.calendar')} hint={t('planning.go.calendarHint')} />
            <Tile href={to('cakupan')} icon={IconChartLine} title={t('planning.go.coverage')} hint={t('planning.go.coverageHint')} />
            <Tile href={to('tindak-lanjut')} icon={IconChecklist} title={t('planning.go.follow')} hint={t('planning.go.followHint')} />
          </SimpleGrid>
        )}
        {!season && !seasons.isPending && (
          <Tile href={to('tanaman')} icon={IconPlant} title={t('planning.go.crops')} hint={t('planning.go.cropsHint')} />
        )}
      </Stack>
      {opening && <SeasonDialog onClose={() => setOpening(false)} />}
    </>
  );
}

export function Figure({ label, value, colour }: { label: string; value: string; colour?: string }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} c={colour}>
        {value}
      </Text>
    </Stack>
  );
}
