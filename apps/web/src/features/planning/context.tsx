import { todayIn } from '@kopdes/shared/format';
import { Button, Skeleton } from '@mantine/core';
import { IconCalendarOff } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useCoop } from '../../app/coop.js';
import { Link } from '../../app/router.js';
import { EmptyState } from '../../components/EmptyState.js';
import { ErrorState } from '../../components/States.js';
import { planningPath, useSeasonChoice } from './nav.js';
import { useSeasonPlan, type PlanDetail, type Season } from './planning-api.js';
import { weekOf } from './units.js';

/** The chosen season, its plan in force, and the week of the season that today falls in. */
export function usePlanning() {
  const coop = useCoop();
  const choice = useSeasonChoice();
  const plan = useSeasonPlan(coop.id, choice.season?.id ?? null);
  const today = todayIn(coop.timeZone);
  return {
    ...choice,
    plan,
    planId: plan.data?.summary.id ?? null,
    today,
    currentWeek: choice.season ? weekOf(choice.season.startDate, today) : 0,
    canWrite: coop.can('planning.write'),
  };
}

/** Shows its children only once there is a season with a plan; otherwise says what is missing. */
export function WithPlan({ children }: { children: (season: Season, plan: PlanDetail) => ReactNode }) {
  const { t } = useTranslation();
  const coop = useCoop();
  const { seasons, season, plan, linkSeason } = usePlanning();
  if (seasons.isPending || (season && plan.isPending)) return <Skeleton height={320} />;
  if (seasons.isError) return <ErrorState error={seasons.error} onRetry={() => void seasons.refetch()} />;
  if (plan.isError) return <ErrorState error={plan.error} onRetry={() => void plan.refetch()} />;
  if (!season || !plan.data) {
    return (
      <EmptyState
        icon={IconCalendarOff}
        title={season ? t('planning.noPlan') : t('planning.noSeason')}
        description={t('planning.noPlanHint')}
        action={
          <Button component={Link} href={planningPath(coop.id, season ? 'rencana' : '', linkSeason)} variant="light">
            {season ? t('planning.go.plan') : t('planning.back')}
          </Button>
        }
      />
    );
  }
  return <>{children(season, plan.data)}</>;
}
