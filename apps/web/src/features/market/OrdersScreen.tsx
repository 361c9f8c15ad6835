import { Badge, Button, Card, Select, SimpleGrid, Skeleton, Stack, Text, TextInput } from '@mantine/core';
import { IconFileImport, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCoop } from '../../app/coop.js';
import { navigate } from '../../app/router.js';
import { DataTable, type Column } from '../../components/DataTable.js';
import { DateText } from '../../components/DateText.js';
import { EmptyState } from '../../components/EmptyState.js';
import { Money } from '../../components/Money.js';
import { PageHeader } from '../../components/PageHeader.js';
import { ErrorState } from '../../components/States.js';
import { useDeliveries, usePartners, usePurchaseOrders, type DeliverySummary, type PurchaseOrderSummary } from './market-api.js';
import { marketPath } from './nav.js';
import { MoreButton, usePaged } from './parts.js';

export type OrderStatus = 'open' | 'sent' | 'received' | 'invoiced';
const STATUS_COLOR: Record<OrderStatus, string> = { open: 'blue', sent: 'orange', received: 'teal', invoiced: 'green' };

/**
 * Where an order stands, from its delivery notes: none yet, sent and waiting for the buyer's
 * receiving, all received, all invoiced. (A partly delivered order shows its open lines on its page.)
 */
export function statusOf(poId: string, all: DeliverySummary[], uninvoiced: Set<string>): OrderStatus {
  const ds = all.filter((d) => d.purchaseOrder.id === poId);
  if (!ds.length) return 'open';
  if (ds.some((d) => !d.receipt)) return 'sent';
  return ds.some((d) => uninvoiced.has(d.id)) ? 'received' : 'invoiced';
}

export function StatusBadge({ status }: { status: OrderStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLOR[status]} variant="light" tt="none">
      {t(`market.orders.status.${status}`)}
    </Badge>
  );
}

export function OrdersScreen() {
  const { t } = useTranslation();
  const coop = useCoop();
  const [deliveryDate, setDeliveryDate] = useState('');
  const [partnerId, setPartnerId] = useState<string | null>(null);
  const [status, setStatus] = useState<OrderStatus | null>(null);
  const partners = usePartners(coop.id, { active: 'all' });
  const orders = usePurchaseOrders(coop.id, { deliveryDate: deliveryDate || undefined, partnerId: partnerId ?? undefined });
  // A delivery may leave on another day than the PO asked for: match by partner only.
  const f = { partnerId: partnerId ?? undefined };
  const deliveries = useDeliveries(coop.id, f);
  const uninvoiced = useDeliveries(coop.id, { ...f, uninvoiced: 'true' });
  const open = new Set((uninvoiced.data?.items ?? []).map((d) => d.id));
  const statusOfPo = (o: PurchaseOrderSummary) => statusOf(o.id, deliveries.data?.items ?? [], open);
  const rows = (orders.data?.items ?? []).filter((o) => !status || statusOfPo(o) === status);
  const paged = usePaged(rows);

  const columns: Column<PurchaseOrderSummary>[] = [
    {
      key: 'number',
      header: t('market.orders.number'),
      primary: true,
      render: (o) => (
        <Stack gap={0}>
          <Text fw={600} size="sm" ff="monospace">
            {o.number}
          </Text>
          <Text size="xs" c="dimmed">
            {t('market.orders.ref')}: {o.partnerRef}
          </Text>
        </Stack>
      ),
    },
    {
      key: 'partner',
      header: t('market.orders.partner'),
      render: (o) => (
        <>
          {o.partner.name}
          <Text size="xs" c="dimmed" component="div">
            {o.store.name}
          </Text>
        </>
      ),
    },
    { key: 'delivery', header: t('market.orders.deliveryDate'), render: (o) => <DateText date={o.deliveryDate} /> },
    { key: 'amount', header: t('market.amount'), align: 'right', render: (o) => <Money value={o.amount} /> },
    {
      key: 'status',
      header: t('market.orders.statusLabel'),
      width: 220,
      render: (o) => (
        <>
          {deliveries.data && uninvoiced.data ? <StatusBadge status={statusOfPo(o)} /> : '…'}
          {o.warnings.length > 0 && (
            <Badge color="orange" variant="outline" ml={6} tt="none">
              {t('market.orders.warningsCount', { count: o.warnings.length })}
            </Badge>
          )}
        </>
      ),
    },
    {
      key: 'open',
      header: '',
      actions: true,
      align: 'right',
      render: (o) => (
        <Button
          variant="default"
          size="sm"
          onClick={() => navigate(marketPath(coop.id, `pesanan/${o.id}`))}
          aria-label={t('market.orders.openOne', { number: o.number })}
        >
          {t('market.open')}
        </Button>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('market.orders.title')}
        description={t('market.orders.description')}
        actions={
          <>
            {coop.can('market.write') && (
              <Button
                variant="default"
                leftSection={<IconFileImport size={18} />}
                onClick={() => navigate(marketPath(coop.id, 'pesanan/impor'))}
              >
                {t('market.import.open')}
              </Button>
            )}
            {coop.can('market.orders') && (
              <Button leftSection={<IconPlus size={18} />} onClick={() => navigate(marketPath(coop.id, 'pesanan/baru'))}>
                {t('market.orders.new')}
              </Button>
            )}
          </>
        }
      />
      <Stack gap="md">
        <Card padding="sm">
          <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
            <TextInput
              label={t('market.orders.deliveryDate')}
              type="date"
              value={deliveryDate}
              onChange={(e) => setDeliveryDate(e.currentTarget.value)}
            />
            <Select
              label={t('market.orders.partner')}
              placeholder={t('market.allPartners')}
              data={(partners.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
              value={partnerId}
              onChange={setPartnerId}
              searchable
              clearable
            />
            <Select
              label={t('market.orders.statusLabel')}
              placeholder={t('market.orders.status.all')}
              data={(['open', 'sent', 'received', 'invoiced'] as const).map((s) => ({ value: s, label: t(`market.orders.status.${s}`) }))}
              value={status}
              onChange={(v) => setStatus(v as OrderStatus | null)}
              clearable
            />
          </SimpleGrid>
        </Card>
        {orders.isPending ? (
          <Skeleton height={240} />
        ) : orders.isError ? (
          <ErrorState error={orders.error} onRetry={() => void orders.refetch()} />
        ) : (
          <>
            <DataTable
              caption={t('market.orders.title')}
              rows={paged.rows}
              columns={columns}
              rowKey={(o) => o.id}
              empty={<EmptyState title={t('market.orders.empty')} description={t('market.orders.emptyHint')} />}
            />
            <MoreButton more={paged.more} page={paged.page} onClick={paged.showMore} />
          </>
        )}
      </Stack>
    </>
  );
}
