import { Badge, Card, Skeleton, Stack, Text, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCoop } from '../../app/coop.js';
import { DataTable, type Column } from '../../components/DataTable.js';
import { EmptyState } from '../../components/EmptyState.js';
import { ErrorState } from '../../components/States.js';
import { useAccounts, type Account } from './ledger-api.js';

/** The chart of accounts, read-only: codes, names, type and normal side, grouped as the reports are. */
export function AccountsView() {
  const { t } = useTranslation();
  const coop = useCoop();
  const accounts = useAccounts(coop.id);
  const [q, setQ] = useState('');

  const columns: Column<Account>[] = [
    {
      key: 'code',
      header: t('ledger.accounts.code'),
      width: 90,
      render: (a) => (
        <Text component="span" inherit ff="monospace" fw={600}>
          {a.code}
        </Text>
      ),
    },
    {
      key: 'name',
      header: t('ledger.accounts.name'),
      primary: true,
      render: (a) => (
        <Stack gap={0}>
          <span>{a.name}</span>
          {a.revenueKind && (
            <Text size="xs" c="dimmed">
              {t('ledger.types.revenue')} {t(`ledger.accounts.revenueKind.${a.revenueKind}`)}
            </Text>
          )}
        </Stack>
      ),
    },
    { key: 'group', header: t('ledger.accounts.group'), render: (a) => a.groupName },
    { key: 'type', header: t('ledger.accounts.type'), render: (a) => t(`ledger.types.${a.type}`) },
    { key: 'side', header: t('ledger.accounts.normalSide'), render: (a) => t(`ledger.sides.${a.normalSide}`) },
    {
      key: 'subsidiary',
      header: t('ledger.accounts.subsidiary'),
      render: (a) => (a.subsidiary ? t(`ledger.subsidiaries.${a.subsidiary}`) : '—'),
    },
    {
      key: 'status',
      header: t('ledger.accounts.status'),
      render: (a) => (
        <Stack gap={2} align="flex-start">
          <Text size="sm" c={a.active ? undefined : 'dimmed'} style={{ whiteSpace: 'nowrap' }}>
            {a.active ? t('ledger.accounts.active') : t('ledger.accounts.inactive')}
          </Text>
          {!a.standard && (
            <Badge color="blue" variant="light" size="sm">
              {t('ledger.accounts.added')}
            </Badge>
          )}
        </Stack>
      ),
    },
  ];

  const needle = q.trim().toLowerCase();
  const rows = (accounts.data?.items ?? []).filter(
    (a) => !needle || a.code.startsWith(needle) || a.name.toLowerCase().includes(needle) || a.groupName.toLowerCase().includes(needle),
  );

  return (
    <Stack gap="md">
      <TextInput
        leftSection={<IconSearch size={16} />}
        placeholder={t('ledger.accounts.search')}
        aria-label={t('ledger.accounts.search')}
        value={q}
        onChange={(e) => setQ(e.currentTarget.value)}
        maw={420}
      />
      {accounts.isPending ? (
        <Skeleton height={320} />
      ) : accounts.isError ? (
        <ErrorState error={accounts.error} onRetry={() => void accounts.refetch()} />
      ) : (
        <DataTable
          caption={t('ledger.accounts.caption')}
          rows={rows}
          columns={columns}
          rowKey={(a) => a.code}
          empty={
            <Card>
              <EmptyState title={t('ledger.accounts.empty')} />
            </Card>
          }
        />
      )}
    </Stack>
  );
}
