/** Small pieces the network pages share: form alerts, figure tiles, the phone check. */
import { PARTICIPANT_STATUS_LABELS, type ParticipantStatus } from '@kopdes/shared/network';
import { Badge, Card, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { labelOf, STATUS_COLORS } from './labels.js';

export { usePhone } from '../../components/usePhone.js';

export { FormAlert } from '../../components/FormAlert.js';

/** One figure with its label and an optional line under it. */
export function StatTile({ label, value, hint, testId }: { label: string; value: ReactNode; hint?: ReactNode; testId?: string }) {
  return (
    <Card padding="md">
      <Stack gap={2}>
        <Text size="xs" c="dimmed" fw={700} tt="uppercase">
          {label}
        </Text>
        <Text fw={700} fz="xl" data-testid={testId} style={{ fontVariantNumeric: 'tabular-nums' }}>
          {value}
        </Text>
        {hint && (
          <Text size="xs" c="dimmed">
            {hint}
          </Text>
        )}
      </Stack>
    </Card>
  );
}

/** Numbers that line up in a column and never wrap. */
export const NUM = { fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' } as const;

/** Where a participant stands: nominated, accepted, attending, completed, rejected, withdrawn. */
export function StatusBadge({ status }: { status: ParticipantStatus }) {
  return (
    <Badge color={STATUS_COLORS[status]} variant="light">
      {labelOf(PARTICIPANT_STATUS_LABELS, status)}
    </Badge>
  );
}
