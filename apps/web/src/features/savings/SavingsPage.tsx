import { formatMemberNumber } from '@kopdes/shared/members';
import { formatRupiah } from '@kopdes/shared/money';
import { KIND_LABELS, SAVINGS_KINDS, type SavingsKind } from '@kopdes/shared/savings';
import { todayIn } from '@kopdes/shared/format';
import { formatPhoneId } from '@kopdes/shared/phone';
import { Anchor, Button, Card, Group, Paper, Select, SimpleGrid, Skeleton, Stack, Tabs, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconCalendarDue, IconCashBanknote, IconCashBanknoteOff, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { newIdempotencyKey } from '../../api/client.js';
import { coopPath, useCoop } from '../../app/coop.js';
import { useModuleRest } from '../../app/modules.js';
import { Link, navigate, setSearch, useLocation } from '../../app/router.js';
import { DataTable, type Column } from '../../components/DataTable.js';
import { EmptyState } from '../../components/EmptyState.js';
import { Money } from '../../components/Money.js';
import { PageHeader } from '../../components/PageHeader.js';
import { ErrorState } from '../../components/States.js';
import { currentLang } from '../../i18n/index.js';
import { useFarmerGroups } from '../members/members-api.js';
import { MoveDialog } from './MoveDialog.js';
import { useArrears, useBalances, useDuesRuns, useRunDues, type ArrearsList, type BalancesPage } from './savings-api.js';
import { SettingsTab } from './SettingsTab.js';
import { TransactionsList } from './TransactionsList.js';

const TABS = { '': 'balances', transaksi: 'transactions', tunggakan: 'arrears', pengaturan: 'settings' } as const;
type TabPath = keyof typeof TABS;
const NOWRAP = { whiteSpace: 'nowrap' } as const;

/** `simpanan` → balances, `simpanan/transaksi`, `simpanan/tunggakan`, `simpanan/pengaturan`. */
export default function SavingsPage() {
  const { t } = useTranslation();
  const coop = useCoop();
  const rest = useModuleRest();
  const tab: TabPath = rest in TABS ? (rest as TabPath) : '';
  const [moving, setMoving] = useState<'deposit' | 'withdrawal' | null>(null);
  const canPost = coop.can('savings.post');

  return (
    <>
      <PageHeader
        title={t('savings.title')}
        description={t('savings.description')}
        actions={
          canPost && (
            <>
              <Button leftSection={<IconCashBanknote size={18} />} onClick={() => setMoving('deposit')}>
                {t('savings.deposit')}
              </Button>
              <Button variant="default" leftSection={<IconCashBanknoteOff size={18} />} onClick={() => setMoving('withdrawal')}>
                {t('savings.withdraw')}
              </Button>
            </>
          )
        }
      />
      <Tabs value={tab || 'saldo'} onChange={(v) => navigate(coopPath(coop.id, v && v !== 'saldo' ? `simpanan/${v}` : 'simpanan'))} mb="md">
        <Tabs.List>
          <Tabs.Tab value="saldo">{t('savings.tabs.balances')}</Tabs.Tab>
          <Tabs.Tab value="transaksi">{t('savings.tabs.transactions')}</Tabs.Tab>
          <Tabs.Tab value="tunggakan">{t('savings.tabs.arrears')}</Tabs.Tab>
          <Tabs.Tab value="pengaturan">{t('savings.tabs.settings')}</Tabs.Tab>
        </Tabs.List>
      </Tabs>
      {tab === '' && <BalancesTab />}
      {tab === 'transaksi' && <TransactionsTab />}
      {tab === 'tunggakan' && <ArrearsTab />}
      {tab === 'pengaturan' && <SettingsTab />}
      {moving && <MoveDialog direction={moving} onClose={() => setMoving(null)} />}
    </>
  );
}

function BalancesTab() {
  const { t } = useTranslation();
  const coop = useCoop();
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q.trim(), 300);
  const list = useBalances(coop.id, debounced);
  type Row = BalancesPage['items'][number];
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const totals = list.data?.pages[0]?.totals;
  const money = (k: 'pokok' | 'wajib' | 'sukarela' | 'total') => (r: Row) => (
    <Money value={r.balances[k]} style={NOWRAP} fw={k === 'total' ? 600 : undefined} />
  );
  const columns: Column<Row>[] = [
    {
      key: 'member',
      header: t('savings.member'),
      primary: true,
      render: (r) => (
        <Anchor component={Link} href={coopPath(coop.id, `anggota/${r.member.id}`)} fw={600}>
          {formatMemberNumber(r.member.number)} · {r.member.fullName}
        </Anchor>
      ),
    },
    { key: 'pokok', header: t('savings.pokok'), align: 'right', render: money('pokok') },
    { key: 'wajib', header: t('savings.wajib'), align: 'right', render: money('wajib') },
    { key: 'sukarela', header: t('savings.sukarela'), align: 'right', render: money('sukarela') },
    { key: 'total', header: t('savings.total'), align: 'right', render: money('total') },
  ];
  return (
    <Stack gap="md">
      {totals && (
        <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
          {(['pokok', 'wajib', 'sukarela', 'total'] as const).map((k) => (
            <Paper key={k} withBorder p="sm" radius="md">
              <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
                {k === 'total' ? t('savings.totals') : t(`savings.${k}`)}
              </Text>
              <Money value={totals[k]} fw={700} />
            </Paper>
          ))}
        </SimpleGrid>
      )}
      <TextInput
        label={t('savings.search')}
        placeholder={t('savings.searchPlaceholder')}
        leftSection={<IconSearch size={16} />}
        type="search"
        value={q}
        onChange={(e) => setQ(e.currentTarget.value)}
        maw={420}
      />
      {list.isPending ? (
        <Skeleton height={300} />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <>
          <DataTable
            caption={t('savings.tabs.balances')}
            rows={rows}
            columns={columns}
            rowKey={(r) => r.member.id}
            empty={<EmptyState title={t('savings.emptyBalances')} />}
          />
          {list.hasNextPage && (
            <Button
              variant="default"
              onClick={() => void list.fetchNextPage()}
              loading={list.isFetchingNextPage}
              style={{ alignSelf: 'center' }}
            >
              {t('savings.loadMore')}
            </Button>
          )}
        </>
      )}
    </Stack>
  );
}

function TransactionsTab() {
  const { t } = useTranslation();
  const lang = currentLang();
  const { search } = useLocation();
  const kind = SAVINGS_KINDS.find((k) => k === search.get('jenis'));
  return (
    <Stack gap="md">
      <Select
        label={t('savings.kind')}
        placeholder={t('savings.allKinds')}
        clearable
        maw={320}
        data={SAVINGS_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k][lang] }))}
        value={kind ?? null}
        onChange={(v) => setSearch({ jenis: v })}
      />
      <TransactionsList scope={{ kind: 'coop' }} filters={{ kind: kind as SavingsKind | undefined }} />
    </Stack>
  );
}

const prevMonth = (ym: string) => {
  const [y, m] = ym.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
};

function monthLabel(ym: string, lang: 'id' | 'en', month: 'long' | 'short' = 'long') {
  return new Intl.DateTimeFormat(lang === 'id' ? 'id-ID' : 'en-GB', { month, year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${ym}-01T00:00:00Z`),
  );
}

function DuesRunCard() {
  const { t } = useTranslation();
  const coop = useCoop();
  const lang = currentLang();
  const runs = useDuesRuns(coop.id);
  const run = useRunDues(coop.id);
  const thisMonth = todayIn(coop.timeZone).slice(0, 7);
  const months = [thisMonth, prevMonth(thisMonth), prevMonth(prevMonth(thisMonth))];
  const [period, setPeriod] = useState(thisMonth);
  return (
    <Card padding="lg">
      <Title order={2} size="h4" mb={4}>
        {t('savings.arrears.runTitle')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('savings.arrears.runText')}
      </Text>
      <Group align="flex-end" gap="sm">
        <Select
          label={t('savings.arrears.period')}
          allowDeselect={false}
          data={months.map((m) => ({ value: m, label: monthLabel(m, lang) }))}
          value={period}
          onChange={(v) => v && setPeriod(v)}
          w={220}
        />
        {coop.can('savings.post') && (
          <Button
            leftSection={<IconCalendarDue size={18} />}
            loading={run.isPending}
            onClick={() =>
              run.mutate(
                // The server bills a month once however often it is asked; the key guards one click.
                { period, key: newIdempotencyKey() },
                {
                  onSuccess: (r) =>
                    notifications.show({
                      color: 'green',
                      message:
                        r.billedNow > 0
                          ? t('savings.arrears.ran', {
                              period: monthLabel(r.period, lang),
                              billed: r.billedNow,
                              amount: formatRupiah(BigInt(r.amountBilled)),
                            })
                          : t('savings.arrears.ranNone', { period: monthLabel(r.period, lang) }),
                    }),
                  onError: (e) => notifications.show({ color: 'red', message: e.message }),
                },
              )
            }
          >
            {t('savings.arrears.run')}
          </Button>
        )}
      </Group>
      {runs.data && runs.data.items.length > 0 && (
        <Stack gap={2} mt="md">
          <Text size="sm" fw={600}>
            {t('savings.arrears.runs')}
          </Text>
          {runs.data.items.slice(0, 6).map((r) => (
            <Text key={r.period} size="sm">
              {t('savings.arrears.runLine', {
                period: monthLabel(r.period, lang),
                members: r.membersBilled,
                amount: formatRupiah(BigInt(r.amountBilled)),
              })}
            </Text>
          ))}
        </Stack>
      )}
    </Card>
  );
}

function ArrearsTab() {
  const { t } = useTranslation();
  const coop = useCoop();
  const lang = currentLang();
  const { search } = useLocation();
  const groupId = search.get('poktan') ?? undefined;
  const groups = useFarmerGroups(coop.id);
  const arrears = useArrears(coop.id, groupId);
  type Row = ArrearsList['items'][number];
  const columns: Column<Row>[] = [
    {
      key: 'member',
      header: t('savings.member'),
      primary: true,
      render: (r) => (
        <Anchor component={Link} href={coopPath(coop.id, `anggota/${r.member.id}`)} fw={600}>
          {formatMemberNumber(r.member.number)} · {r.member.fullName}
        </Anchor>
      ),
    },
    { key: 'group', header: t('members.farmerGroup'), render: (r) => r.member.farmerGroup ?? '—' },
    {
      key: 'phone',
      header: t('members.phone'),
      render: (r) => (r.member.phone ? <span style={NOWRAP}>{formatPhoneId(r.member.phone)}</span> : '—'),
    },
    { key: 'months', header: t('savings.arrears.months'), align: 'right', render: (r) => r.months },
    { key: 'amount', header: t('savings.arrears.amount'), align: 'right', render: (r) => <Money value={r.amount} style={NOWRAP} /> },
    {
      key: 'periods',
      header: t('savings.arrears.periods'),
      render: (r) => r.periods.map((p) => monthLabel(p, lang, 'short')).join(', '),
    },
  ];
  return (
    <Stack gap="md">
      <DuesRunCard />
      <Group align="flex-end" justify="space-between" gap="sm">
        <Select
          label={t('members.farmerGroup')}
          placeholder={t('members.allGroups')}
          clearable
          w={260}
          data={(groups.data?.items ?? []).map((g) => ({ value: g.id, label: g.name }))}
          value={groupId ?? null}
          onChange={(v) => setSearch({ poktan: v })}
        />
        {arrears.data && (
          <Text size="sm" c="dimmed">
            {t('savings.arrears.asOf', { month: monthLabel(arrears.data.asOf.slice(0, 7), lang) })} —{' '}
            {t('savings.arrears.totals', {
              members: arrears.data.totals.members,
              amount: formatRupiah(BigInt(arrears.data.totals.amount)),
            })}
          </Text>
        )}
      </Group>
      {arrears.isPending ? (
        <Skeleton height={300} />
      ) : arrears.isError ? (
        <ErrorState error={arrears.error} onRetry={() => void arrears.refetch()} />
      ) : (
        <DataTable
          caption={t('savings.tabs.arrears')}
          rows={arrears.data.items}
          columns={columns}
          rowKey={(r) => r.member.id}
          empty={<EmptyState title={t('savings.arrears.empty')} />}
        />
      )}
    </Stack>
  );
}
