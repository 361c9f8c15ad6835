import { Anchor, Badge, Button, Card, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconTruckDelivery } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCoop } from '../../app/coop.js';
import { Link } from '../../app/router.js';
import { DataTable, type Column } from '../../components/DataTable.js';
import { DateText } from '../../components/DateText.js';
import { Money } from '../../components/Money.js';
import { PageHeader } from '../../components/PageHeader.js';
import { ErrorState, PageLoader } from '../../components/States.js';
import { DispatchDialog } from './DispatchDialog.js';
import { itemLabel, say } from './labels.js';
import { useDeliveries, usePurchaseOrder, type DeliverySummary, type PurchaseOrder } from './market-api.js';
import { marketPath } from './nav.js';
import { Fact, WarningList } from './parts.js';

type Line = PurchaseOrder['lines'][number];

export function OrderDetail({ orderId }: { orderId: string }) {
  const { t } = useTranslation();
  const coop = useCoop();
  const po = usePurchaseOrder(coop.id, orderId);
  const deliveries = useDeliveries(coop.id, { partnerId: po.data?.partner.id }, !!po.data);
  const [dispatching, setDispatching] = useState(false);
  if (po.isPending) return <PageLoader />;
  if (po.isError) return <ErrorState error={po.error} onRetry={() => void po.refetch()} />;
  const o = po.data;
  const open = o.lines.some((l) => l.open.value !== '0');
  const mine = (deliveries.data?.items ?? []).filter((d) => d.purchaseOrder.id === o.id);

  const columns: Column<Line>[] = [
    {
      key: 'item',
      header: t('market.item'),
      primary: true,
      render: (l) => (
        <Stack gap={2}>
          <Text size="sm" fw={600}>
            {itemLabel(l.commodity.name, l.grade, l.packFormat?.name ?? null, t('market.loose'))}
          </Text>
          {l.warnings.map((w, i) => (
            <Text key={i} size="xs" c="orange.9">
              {say(w.message)}
            </Text>
          ))}
        </Stack>
      ),
    },
    { key: 'qty', header: t('market.orders.ordered'), align: 'right', render: (l) => l.quantity.text },
    {
      key: 'price',
      header: t('market.price'),
      align: 'right',
      render: (l) => (
        <>
          <Money value={l.unitPrice} /> / {l.priceBasis === 'pack' ? t('market.pack') : l.commodity.unit}
        </>
      ),
    },
    { key: 'amount', header: t('market.amount'), align: 'right', render: (l) => <Money value={l.amount} /> },
    { key: 'delivered', header: t('market.orders.delivered'), align: 'right', render: (l) => l.delivered.text },
    {
      key: 'open',
      header: t('market.orders.open'),
      align: 'right',
      render: (l) =>
        l.open.value === '0' ? (
          <Badge color="green" variant="light" tt="none">
            {t('market.orders.done')}
          </Badge>
        ) : (
          <Text span fw={700} size="sm">
            {l.open.text}
          </Text>
        ),
    },
  ];

  const deliveryColumns: Column<DeliverySummary>[] = [
    {
      key: 'number',
      header: t('market.deliveries.number'),
      primary: true,
      render: (d) => (
        <Anchor component={Link} href={marketPath(coop.id, `pengiriman/${d.id}`)} ff="monospace">
          {d.number}
        </Anchor>
      ),
    },
    { key: 'date', header: t('market.date'), render: (d) => <DateText date={d.date} /> },
    {
      key: 'received',
      header: t('market.deliveries.receiving'),
      render: (d) =>
        d.receipt ? (
          <Badge color="teal" variant="light" tt="none">
            {t('market.deliveries.received')}
          </Badge>
        ) : (
          <Badge color="orange" variant="light" tt="none">
            {t('market.deliveries.notReceived')}
          </Badge>
        ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('market.orders.titleOne', { number: o.number })}
        description={
          <>
            {t('market.orders.ref')}: {o.partnerRef} · {t(`market.orders.source.${o.source}`)}
          </>
        }
        actions={
          open &&
          coop.can('market.deliver') && (
            <Button leftSection={<IconTruckDelivery size={18} />} onClick={() => setDispatching(true)}>
              {t('market.dispatch.open')}
            </Button>
          )
        }
      />
      <Stack gap="md">
        <Card padding="md">
          <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
            <Fact label={t('market.orders.partner')}>
              <Anchor component={Link} href={marketPath(coop.id, `mitra/${o.partner.id}`)}>
                {o.partner.name}
              </Anchor>
            </Fact>
            <Fact label={t('market.orders.store')}>
              {o.store.name}
              <Text size="xs" c="dimmed">
                {o.store.address}
              </Text>
            </Fact>
            <Fact label={t('market.orders.orderDate')}>
              <DateText date={o.orderDate} />
            </Fact>
            <Fact label={t('market.orders.deliveryDate')}>
              <Anchor component={Link} href={`${marketPath(coop.id, 'pengiriman')}?tanggal=${o.deliveryDate}`}>
                <DateText date={o.deliveryDate} />
              </Anchor>
            </Fact>
            <Fact label={t('market.total')}>
              <Money value={o.amount} fw={700} />
            </Fact>
            <Fact label={t('market.orders.contract')}>
              {o.contractId ? t('market.orders.withContract') : t('market.orders.noContractShort')}
            </Fact>
            <Fact label={t('market.orders.by')}>{o.createdBy}</Fact>
          </SimpleGrid>
          {o.notes && (
            <Text size="sm" c="dimmed" mt="sm">
              {o.notes}
            </Text>
          )}
        </Card>
        <WarningList title={t('market.orders.warningsTitle', { count: o.warnings.length })} warnings={o.warnings} />
        <DataTable caption={t('market.orders.lines')} rows={o.lines} columns={columns} rowKey={(l) => String(l.lineNo)} />
        <Group justify="space-between">
          <Text fw={700}>{t('market.deliveries.title')}</Text>
        </Group>
        {mine.length ? (
          <DataTable caption={t('market.deliveries.title')} rows={mine} columns={deliveryColumns} rowKey={(d) => d.id} />
        ) : (
          <Text size="sm" c="dimmed">
            {t('market.deliveries.noneForOrder')}
          </Text>
        )}
      </Stack>
      {dispatching && (
        <DispatchDialog
          order={{ id: o.id, number: o.number, partnerName: o.partner.name, storeName: o.store.name, deliveryDate: o.deliveryDate }}
          onClose={() => setDispatching(false)}
        />
      )}
    </>
  );
}
