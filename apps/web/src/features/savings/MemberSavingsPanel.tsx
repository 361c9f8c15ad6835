import type { MemberStatus } from '@kopdes/shared/members';
import { formatRupiah } from '@kopdes/shared/money';
import { Badge, Button, Card, Group, Paper, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconBook2, IconCashBanknote, IconCashBanknoteOff } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCoop } from '../../app/coop.js';
import { Money } from '../../components/Money.js';
import { ErrorState } from '../../components/States.js';
import { MoveDialog } from './MoveDialog.js';
import { passbookHref, useMemberSavings, type MemberSavings } from './savings-api.js';
import { TransactionsList } from './TransactionsList.js';

/** Pokok, wajib, sukarela and their sum, big enough to read at a glance. */
export function BalanceTiles({ savings }: { savings: MemberSavings }) {
  const { t } = useTranslation();
  const tiles = [
    ['pokok', savings.balances.pokok],
    ['wajib', savings.balances.wajib],
    ['sukarela', savings.balances.sukarela],
    ['total', savings.balances.total],
  ] as const;
  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
        {tiles.map(([k, v]) => (
          <Paper key={k} withBorder p="sm" radius="md" bg={k === 'total' ? 'var(--mantine-color-gray-0)' : undefined}>
            <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
              {t(`savings.${k}`)}
            </Text>
            <Money value={v} fw={700} fz={{ base: 'md', sm: 'lg' }} data-balance={k} />
          </Paper>
        ))}
      </SimpleGrid>
      <Group gap="xs">
        <Badge color={savings.pokokPaid ? 'green' : 'orange'} variant="light" tt="none" size="lg" fw={500}>
          {savings.pokokPaid ? t('savings.pokokPaid') : t('savings.pokokUnpaid')}
        </Badge>
        <Badge color={savings.arrears.months ? 'red' : 'green'} variant="light" tt="none" size="lg" fw={500}>
          {savings.arrears.months
            ? t('savings.arrearsSome', { months: savings.arrears.months, amount: formatRupiah(BigInt(savings.arrears.amount)) })
            : t('savings.arrearsNone')}
        </Badge>
      </Group>
    </Stack>
  );
}

/** On a member's page: balances, passbook, deposit and withdrawal, and the history. */
export function MemberSavingsPanel({ member }: { member: { id: string; number: number; fullName: string; status: MemberStatus } }) {
  const { t } = useTranslation();
  const coop = useCoop();
  const savings = useMemberSavings(coop.id, member.id);
  const [moving, setMoving] = useState<'deposit' | 'withdrawal' | null>(null);
  const canPost = coop.can('savings.post') && (member.status === 'active' || member.status === 'applicant');

  return (
    <Card padding="lg">
      <Group justify="space-between" mb="md" gap="sm">
        <Title order={2} size="h4">
          {t('savings.balances')}
        </Title>
        <Group gap="xs">
          {canPost && (
            <Button leftSection={<IconCashBanknote size={18} />} onClick={() => setMoving('deposit')}>
              {t('savings.deposit')}
            </Button>
          )}
          {canPost && (
            <Button variant="default" leftSection={<IconCashBanknoteOff size={18} />} onClick={() => setMoving('withdrawal')}>
              {t('savings.withdraw')}
            </Button>
          )}
          <Button
            component="a"
            href={passbookHref(coop.id, member.id)}
            target="_blank"
            rel="noopener"
            variant="default"
            leftSection={<IconBook2 size={18} />}
          >
            {t('savings.passbook')}
          </Button>
        </Group>
      </Group>
      {savings.isPending ? (
        <Skeleton height={90} />
      ) : savings.isError ? (
        <ErrorState error={savings.error} onRetry={() => void savings.refetch()} />
      ) : (
        <BalanceTiles savings={savings.data} />
      )}
      <Title order={3} size="h5" mt="lg" mb="sm">
        {t('savings.history')}
      </Title>
      <TransactionsList scope={{ kind: 'member', memberId: member.id }} />
      {moving && <MoveDialog direction={moving} member={member} onClose={() => setMoving(null)} />}
    </Card>
  );
}
