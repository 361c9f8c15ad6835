import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PlanSummary } from './planning-api.js';

const COLOURS: Record<PlanSummary['solver']['status'], string> = {
  optimal: 'green',
  feasible: 'teal',
  time_limit: 'yellow',
  infeasible: 'red',
  error: 'red',
};

/** The solver's verdict on the plan, in words a board member reads. */
export function SolverBadge({ status }: { status: PlanSummary['solver']['status'] }) {
  const { t } = useTranslation();
  return (
    <Badge color={COLOURS[status]} variant="light" size="lg" radius="sm" tt="none">
      {t(`planning.solver.${status}`)}
    </Badge>
  );
}
