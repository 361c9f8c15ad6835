import { PURCHASE_PAYMENT_LABELS } from '@kopdes/shared/produce';
import { Badge, Button, Card, Group, SegmentedControl, Skeleton, Stack, Tabs, Text } from '@mantine/core';
import { IconPlus, IconShoppingCart } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useCoop } from '../../app/coop.js';
import { Link, navigate, setSearch, useLocation } from '../../app/router.js';
import { DataTable, type Column } from '../../components/DataTable.js';
import { DateText } from '../../components/DateText.js';
import { EmptyState } from '../../components/EmptyState.js';
import { Money } from '../../components/Money.js';
import { PageHeader } from '../../components/PageHeader.js';
import { ErrorState } from '../../components/States.js';
import { currentLang } from '../../i18n/index.js';
import { newPurchasePath, producePath, PURCHASE_PARAMS } from './nav.js';
import { NearbyCooperatives } from './NearbyCooperatives.js';
import { useOpenPurchases, usePurchasePages, type Purchase, type PurchaseStatus } from './produce-api.js';

const STATUS_COLOR: Record<PurchaseStatus, string> = { paid: 'green', open: 'orange', voided: 'gray' };

/** Lunas / Belum dibayar / Dibatalkan. */
export function PurchaseStatusBadge({ status, size = 'md' }: { status: PurchaseStatus; size?: 'md' | 'lg' }) {
  const { t } = useTranslation();
  return (
    <Badge
      color={STATUS_COLOR[status]}
      variant={status === 'open' ? 'filled' : 'light'}
      radius="sm"
      tt="none"
      fw={600}
      size={size}
      style={{ flex: 'none', overflow: 'visible' }}
      styles={{ label: { overflow: 'visible' } }}
    >
      {t(`produce.purchase.statusLabel.${status}`)}
    </Badge>
  );
}

/** Purchases from other cooperatives and, on the second tab, the cooperatives nearby to buy from. */
export function PurchasesScreen() {
  const { t } = useTranslation();
  const coop = useCoop();
  const { search } = useLocation();
  const tab = search.get(PURCHASE_PARAMS.tab) === PURCHASE_PARAMS.nearby ? 'nearby' : 'list';
  return (
    <>
      <PageHeader
        title={t('produce.purchase.title')}
        description={t('produce.purchase.description')}
        actions={
          coop.can('produce.manage') && (
            <Button component={Link} href={newPurchasePath(coop.id)} size="md" leftSection={<IconPlus size={18} />}>
              {t('produce.purchase.new')}
            </Button>
          )
        }
      />
      <Tabs
        value={tab}
        // Only the tab changes; the chosen commodity and distance of the directory stay in the address.
        onChange={(v) => setSearch({ [PURCHASE_PARAMS.tab]: v === 'nearby' ? PURCHASE_PARAMS.nearby : null })}
        keepMounted={false}
      >
        <Tabs.List mb="md">
          <Tabs.Tab value="list" fz="md">
            {t('produce.purchase.listTab')}
          </Tabs.Tab>
          <Tabs.Tab value="nearby" fz="md">
            {t('produce.purchase.nearbyTab')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="list">
          <PurchaseList />
        </Tabs.Panel>
        <Tabs.Panel value="nearby">
          <NearbyCooperatives />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}

type StatusFilter = 'all' | PurchaseStatus;
const STATUS_PARAM = 'status';

function PurchaseList() {
  const { t } = useTranslation();
  const coop = useCoop();
  const { search } = useLocation();
  const wanted = search.get(STATUS_PARAM);
  const status: StatusFilter = wanted === 'open' || wanted === 'paid' || wanted === 'voided' ? wanted : 'all';
  const pages = usePurchasePages(coop.id, { status: status === 'all' ? undefined : status });
  const owed = useOpenPurchases(coop.id);
  const rows = pages.data?.pages.flatMap((p) => p.items) ?? [];
  const first = pages.data?.pages[0];
  const setStatus = (v: string) => setSearch({ [STATUS_PARAM]: v === 'all' ? null : v });
  const lang = currentLang();

  const columns: Column<Purchase>[] = [
    {
      key: 'purchase',
      header: t('produce.purchase.purchase'),
      primary: true,
      render: (p) => (
        <Stack gap={0}>
          <Text fw={600} size="sm" ff="monospace" style={{ whiteSpace: 'nowrap' }}>
            {p.number}
          </Text>
          <Text size="xs" c="dimmed">
            <DateText date={p.date} />
          </Text>
        </Stack>
      ),
    },
    { key: 'supplier', header: t('produce.purchase.supplier'), render: (p) => p.supplier.name },
    { key: 'commodity', header: t('produce.purchase.commodity'), render: (p) => p.commodity.name },
    { key: 'qty', header: t('produce.purchase.quantity'), align: 'right', render: (p) => p.quantity.text },
    {
      key: 'amount',
      header: t('produce.purchase.amount'),
      align: 'right',
      render: (p) => <Money value={p.amount} fw={600} td={p.status === 'voided' ? 'line-through' : undefined} />,
    },
    {
      key: 'status',
      header: t('produce.purchase.status'),
      width: 150,
      render: (p) => (
        <Group gap={6} wrap="nowrap" justify="flex-end" style={{ display: 'inline-flex' }}>
          <PurchaseStatusBadge status={p.status} />
          {p.status === 'paid' && p.payment !== 'credit' && (
            <Text size="xs" c="dimmed">
              {PURCHASE_PAYMENT_LABELS[p.payment][lang]}
            </Text>
          )}
        </Group>
      ),
    },
    {
      key: 'open',
      header: '',
      actions: true,
      align: 'right',
      render: (p) => (
        <Button
          variant="default"
          size="sm"
          onClick={() => navigate(producePath(coop.id, `pembelian/${p.id}`))}
          aria-label={t('produce.purchase.openOf', { number: p.number })}
        >
          {t('produce.purchase.open')}
        </Button>
      ),
    },
  ];

  const open = owed.data ? BigInt(owed.data.openAmount) : null;
  return (
    <Stack gap="md">
      {open !== null && (
        <Card padding="md" withBorder style={{ borderColor: open > 0n ? 'var(--mantine-color-orange-4)' : undefined }}>
          <Group justify="space-between" align="center" gap="sm" wrap="wrap">
            <Stack gap={2} style={{ flex: '1 1 14rem' }}>
              <Text size="sm" c="dimmed">
                {open > 0n ? t('produce.purchase.openAmount') : t('produce.purchase.openAmountNone')}
              </Text>
              <Money value={open} fw={800} fz={{ base: 'xl', sm: 'h2' }} c={open > 0n ? 'orange.9' : undefined} data-testid="open-amount" />
              {open > 0n && (
                <Text size="xs" c="dimmed">
                  {t('produce.purchase.openAmountHint', { count: owed.data?.total ?? 0 })}
                </Text>
              )}
            </Stack>
            {open > 0n && status !== 'open' && owed.data && (
              <Button variant="light" color="orange" size="md" onClick={() => setStatus('open')}>
                {t('produce.purchase.showOpen')}
              </Button>
            )}
          </Group>
        </Card>
      )}
      <Stack gap={4}>
        <Text size="sm" fw={500} id="kd-purchase-status">
          {t('produce.purchase.status')}
        </Text>
        <SegmentedControl
          aria-labelledby="kd-purchase-status"
          size="md"
          fullWidth
          value={status}
          onChange={setStatus}
          data={[
            { value: 'all', label: t('produce.purchase.statusAll') },
            { value: 'open', label: t('produce.purchase.statusLabel.open') },
            { value: 'paid', label: t('produce.purchase.statusLabel.paid') },
            { value: 'voided', label: t('produce.purchase.statusLabel.voided') },
          ]}
          styles={{ label: { whiteSpace: 'normal', lineHeight: 1.2 } }}
        />
      </Stack>
      {pages.isPending ? (
        <Skeleton height={280} />
      ) : pages.isError ? (
        <ErrorState error={pages.error} onRetry={() => void pages.refetch()} />
      ) : (
        <>
          <DataTable
            caption={t('produce.purchase.title')}
            rows={rows}
            columns={columns}
            rowKey={(p) => p.id}
            empty={
              status === 'all' ? (
                <EmptyState
                  icon={IconShoppingCart}
                  title={t('produce.purchase.empty')}
                  description={t('produce.purchase.emptyHint')}
                  action={
                    <Button variant="light" onClick={() => setSearch({ [PURCHASE_PARAMS.tab]: PURCHASE_PARAMS.nearby })}>
                      {t('produce.purchase.findSuppliers')}
                    </Button>
                  }
                />
              ) : (
                <EmptyState title={t('produce.purchase.emptyFiltered')} />
              )
            }
          />
          {first && rows.length > 0 && rows.length < first.total && (
            <Stack align="center" gap={4}>
              <Text size="sm" c="dimmed">
                {t('produce.purchase.shown', { shown: rows.length, total: first.total })}
              </Text>
              <Button variant="default" loading={pages.isFetchingNextPage} onClick={() => void pages.fetchNextPage()}>
                {t('produce.purchase.more')}
              </Button>
            </Stack>
          )}
        </>
      )}
    </Stack>
  );
}
