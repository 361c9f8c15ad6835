import type { Governance } from '@kopdes/shared/network';
import { Badge, Card, Group, List, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconCheck, IconClockHour4, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { DateText } from '../../components/DateText.js';
import { bilingual } from './labels.js';

const LOOK = {
  pass: { color: 'green', icon: IconCheck },
  fail: { color: 'red', icon: IconX },
  pending: { color: 'yellow', icon: IconClockHour4 },
} as const;

const STATUS_TEXT = { pass: 'green.8', fail: 'red.8', pending: 'yellow.9' } as const;

/** The statutes' checks — board size and positions, women, village head, family ties, RAT — each with what was found. */
export function GovernanceChecklist({ governance }: { governance: Governance }) {
  const { t } = useTranslation();
  const total = governance.checks.length;
  return (
    <Card>
      <Group justify="space-between" align="flex-start" mb="sm" gap="xs">
        <Stack gap={2}>
          <Title order={2} fz="h4">
            {t('network.gov.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('network.gov.asOf')} <DateText date={governance.asOf} />
          </Text>
        </Stack>
        <Badge size="lg" variant="light" color={governance.failed ? 'red' : governance.pending ? 'yellow' : 'green'}>
          {t('network.gov.summary', { passed: governance.passed, total })}
        </Badge>
      </Group>
      <List spacing="sm" listStyleType="none" aria-label={t('network.gov.title')}>
        {governance.checks.map((c) => {
          const look = LOOK[c.status];
          return (
            <List.Item key={c.code} data-check={c.code} data-status={c.status}>
              <Group wrap="nowrap" align="flex-start" gap="sm">
                <ThemeIcon color={look.color} variant="light" radius="xl" size={28} aria-hidden>
                  <look.icon size={18} />
                </ThemeIcon>
                <Stack gap={0} style={{ minWidth: 0 }}>
                  <Text fw={600} size="sm">
                    {bilingual(c.rule)}
                  </Text>
                  <Text size="sm" c={c.status === 'fail' ? 'red.8' : 'dimmed'}>
                    <Text span fw={600} inherit c={STATUS_TEXT[c.status]}>
                      {t(`network.gov.status.${c.status}`)}
                    </Text>
                    {' · '}
                    {bilingual(c.detail)}
                  </Text>
                </Stack>
              </Group>
            </List.Item>
          );
        })}
      </List>
    </Card>
  );
}
