import { AGEING_BUCKETS, AGEING_LABELS } from '@kopdes/shared/market';
import { todayIn } from '@kopdes/shared/format';
import { Anchor, Badge, Card, Group, SimpleGrid, Skeleton, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCoop } from '../../app/coop.js';
import { Link } from '../../app/router.js';
import { DataTable, type Column } from '../../components/DataTable.js';
import { EmptyState } from '../../components/EmptyState.js';
import { Money } from '../../components/Money.js';
import { ErrorState } from '../../components/States.js';
import { currentLang } from '../../i18n/index.js';
import { useAgeing, type Ageing } from './market-api.js';
import { marketPath } from './nav.js';

type Row = Ageing['partners'][number];

/** What buyers owe by how long it is past due, beside the ledger's receivable. */
export function AgeingPanel() {
  const { t } = useTranslation();
  const coop = useCoop();
  const lang = currentLang();
  const [asOf, setAsOf] = useState(todayIn(coop.timeZone));
  const q = useAgeing(coop.id, asOf || undefined);

  const columns: Column<Row>[] = [
    {
      key: 'partner',
      header: t('market.orders.partner'),
      primary: true,
      render: (r) => (
        <Anchor component={Link} href={marketPath(coop.id, `mitra/${r.partnerId}`)}>
          {r.partnerName}
        </Anchor>
      ),
    },
    ...AGEING_BUCKETS.map((b) => ({
      key: b,
      header: AGEING_LABELS[b][lang],
      align: 'right' as const,
      render: (r: Row) => (r.buckets[b] === '0' ? '—' : <Money value={r.buckets[b]} c={b === 'current' ? undefined : 'red.8'} />),
    })),
    {
      key: 'credit',
      header: t('market.ageing.credit'),
      align: 'right',
      render: (r) => (r.credit === '0' ? '—' : <Money value={r.credit} />),
    },
    { key: 'balance', header: t('market.ageing.balance'), align: 'right', render: (r) => <Money value={r.balance} fw={700} signed /> },
  ];

  return (
    <Stack gap="md">
      <TextInput label={t('market.ageing.asOf')} type="date" value={asOf} onChange={(e) => setAsOf(e.currentTarget.value)} maw={220} />
      {q.isPending ? (
        <Skeleton height={240} />
      ) : q.isError ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <>
          <SimpleGrid cols={{ base: 2, sm: 3, md: 6 }} spacing="sm" data-testid="ageing-totals">
            {AGEING_BUCKETS.map((b) => (
              <Card key={b} padding="sm" data-testid={`ageing-${b}`}>
                <Text size="xs" c="dimmed">
                  {AGEING_LABELS[b][lang]}
                </Text>
                <Money value={q.data.totals[b]} fw={700} c={b !== 'current' && q.data.totals[b] !== '0' ? 'red.8' : undefined} />
              </Card>
            ))}
            <Card padding="sm" data-testid="ageing-open">
              <Text size="xs" c="dimmed">
                {t('market.ageing.totalOpen')}
              </Text>
              <Money value={q.data.totals.open} fw={800} />
            </Card>
          </SimpleGrid>
          <Card padding="sm">
            <Group gap="sm" wrap="wrap">
              <Text size="sm">
                {t('market.ageing.balance')}: <Money value={q.data.totals.balance} fw={700} signed />
                {q.data.totals.credit !== '0' && (
                  <>
                    {' '}
                    ({t('market.ageing.credit')} <Money value={q.data.totals.credit} />)
                  </>
                )}
              </Text>
              <Text size="sm">
                {t('market.ageing.ledger')}: <Money value={q.data.ledger} signed />
              </Text>
              <Badge color={q.data.agrees ? 'green' : 'red'} variant="light">
                {q.data.agrees ? t('market.agrees') : t('market.disagrees')}
              </Badge>
            </Group>
          </Card>
          <DataTable
            caption={t('market.ageing.tab')}
            rows={q.data.partners}
            columns={columns}
            rowKey={(r) => r.partnerId}
            empty={<EmptyState title={t('market.ageing.empty')} />}
          />
        </>
      )}
    </Stack>
  );
}
