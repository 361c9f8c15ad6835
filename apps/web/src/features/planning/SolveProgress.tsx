import { Group, Loader, Progress, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** Seconds the server may take past the solver's own limit (placing beds, checking, the baseline). */
const GRACE = 25;

/**
 * While the optimiser runs (it can take tens of seconds): the seconds passed against the limit and
 * what the server is doing, so nobody presses the button twice or thinks the page froze.
 */
export function SolveProgress({ startedAt, limitSeconds, replan }: { startedAt: number; limitSeconds: number; replan: boolean }) {
  const { t } = useTranslation();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = window.setInterval(() => setNow(Date.now()), 500);
    return () => window.clearInterval(id);
  }, []);
  const seconds = Math.max(0, Math.floor((now - startedAt) / 1000));
  const share = Math.min(95, (100 * seconds) / (limitSeconds + GRACE));
  return (
    <Stack gap={6} role="status" aria-live="polite" data-testid="solve-progress">
      <Group gap="sm" wrap="nowrap">
        <Loader size="sm" />
        <Text size="sm" fw={600}>
          {replan ? t('planning.plan.replanning') : t('planning.plan.solving')} · {t('planning.plan.elapsed', { count: seconds })}
        </Text>
      </Group>
      <Progress value={share} animated striped aria-hidden />
      <Text size="xs" c="dimmed">
        {t('planning.plan.solvingHint', { limit: limitSeconds })}
      </Text>
    </Stack>
  );
}
