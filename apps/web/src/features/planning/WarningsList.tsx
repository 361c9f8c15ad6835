import { Alert, Button, Card, Group, Skeleton, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconBuildingStore, IconCircleCheck, IconMapSearch, IconRefresh } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCoop } from '../../app/coop.js';
import { Link } from '../../app/router.js';
import { DateText } from '../../components/DateText.js';
import { ErrorState } from '../../components/States.js';
import { nearbyPath } from '../produce/nav.js';
import { useCommodities } from '../produce/produce-api.js';
import { useSolve, useWarnings, type Season } from './planning-api.js';
import { ProblemAlert } from './PlanScreen.js';
import { SolveProgress } from './SolveProgress.js';
import { kg } from './units.js';

const REPLAN_SECONDS = 30;

/**
 * Shortfalls coming in the next weeks, each with what can be done: re-plan the open weeks (what is
 * in the ground stays), or buy the missing amount from another cooperative.
 */
export function WarningsList({ season, planId }: { season: Season; planId: string }) {
  const { t } = useTranslation();
  const coop = useCoop();
  const warnings = useWarnings(coop.id, planId);
  const replan = useSolve(coop.id, season.id);
  const [startedAt, setStartedAt] = useState<number | null>(null);
  const [all, setAll] = useState(false);
  const canWrite = coop.can('planning.write');
  // Those who can make a supplier or record a purchase look for a cooperative to buy the shortfall from.
  const canBuy = coop.can('produce.manage') || coop.can('market.write');
  const runReplan = () => {
    setStartedAt(Date.now());
    replan.mutate(
      { replan: true, timeLimitSeconds: REPLAN_SECONDS },
      {
        onSuccess: () => notifications.show({ color: 'green', message: t('planning.follow.replanned') }),
        onSettled: () => setStartedAt(null),
      },
    );
  };

  if (warnings.isPending) return <Skeleton height={160} />;
  if (warnings.isError) return <ErrorState error={warnings.error} onRetry={() => void warnings.refetch()} />;
  const list = warnings.data.warnings;
  return (
    <Stack gap="sm">
      <Title order={2} fz="h4">
        {t('planning.follow.warningsHeading', { weeks: warnings.data.lookaheadWeeks })}
      </Title>
      {startedAt && <SolveProgress startedAt={startedAt} limitSeconds={REPLAN_SECONDS} replan />}
      {replan.isError && <ProblemAlert error={replan.error} />}
      {list.length === 0 ? (
        <Alert color="green" variant="light" icon={<IconCircleCheck />}>
          {t('planning.follow.noWarnings')}
        </Alert>
      ) : (
        (all ? list : list.slice(0, 3)).map((w, i) => (
          <Card key={`${w.commodity}-${w.fromWeek}-${i}`} padding="md" data-testid="shortfall-warning">
            <Group gap="sm" wrap="nowrap" align="flex-start">
              <ThemeIcon color="orange" variant="light" size="lg" radius="md">
                <IconAlertTriangle size={20} />
              </ThemeIcon>
              <Stack gap={6} style={{ flex: 1, minWidth: 0 }}>
                <Text fw={600} size="sm">
                  {w.message}
                </Text>
                <Text size="sm" c="dimmed">
                  {t('planning.follow.warningFigures', { demand: kg(w.demandGrams), expected: kg(w.expectedGrams) })} ·{' '}
                  {t('planning.follow.fromDate')} <DateText date={w.fromDate} />
                </Text>
                <Text size="xs" fw={700} c="dimmed" tt="uppercase" mt={4}>
                  {t('planning.follow.options')}
                </Text>
                {w.options.map((o) => (
                  <Group key={o.kind} gap="sm" align="flex-start" wrap="nowrap">
                    {o.kind === 'replan' ? (
                      <IconRefresh size={18} style={{ flex: 'none', marginTop: 2 }} />
                    ) : (
                      <IconBuildingStore size={18} style={{ flex: 'none', marginTop: 2 }} />
                    )}
                    <Stack gap={4} style={{ flex: 1, minWidth: 0 }}>
                      <Text size="sm">{o.description}</Text>
                      {o.kind === 'replan' && canWrite && (
                        <Button
                          size="xs"
                          variant="light"
                          leftSection={<IconRefresh size={14} />}
                          onClick={runReplan}
                          loading={replan.isPending}
                          style={{ alignSelf: 'flex-start' }}
                        >
                          {t('planning.plan.replan')}
                        </Button>
                      )}
                      {o.kind === 'buy_from_other_coop' && canBuy && (
                        <FindNearbyButton code={w.commodity} grams={o.grams ?? w.shortfallGrams} />
                      )}
                    </Stack>
                  </Group>
                ))}
              </Stack>
            </Group>
          </Card>
        ))
      )}
      {!all && list.length > 3 && (
        <Button variant="subtle" onClick={() => setAll(true)} style={{ alignSelf: 'flex-start' }}>
          {t('planning.follow.allWarnings', { count: list.length })}
        </Button>
      )}
      {canWrite && (
        <Stack gap={6} align="flex-start">
          <Text size="sm" c="dimmed">
            {t('planning.follow.replanLater')}
          </Text>
          <Button variant="default" size="sm" leftSection={<IconRefresh size={16} />} onClick={runReplan} loading={replan.isPending}>
            {t('planning.plan.replan')}
          </Button>
        </Stack>
      )}
    </Stack>
  );
}

/** To the produce module's directory of cooperatives nearby, for this commodity and the amount short. */
function FindNearbyButton({ code, grams }: { code: string; grams: string }) {
  const { t } = useTranslation();
  const coop = useCoop();
  const commodities = useCommodities(coop.id);
  const commodityId = commodities.data?.items.find((c) => c.code === code)?.id ?? null;
  return (
    <Button
      component={Link}
      href={nearbyPath(coop.id, { commodityId, grams })}
      size="xs"
      variant="light"
      leftSection={<IconMapSearch size={14} />}
      style={{ alignSelf: 'flex-start' }}
    >
      {t('planning.follow.findNearby')}
    </Button>
  );
}
