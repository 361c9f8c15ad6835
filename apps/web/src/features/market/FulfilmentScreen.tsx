import { todayIn } from '@kopdes/shared/format';
import { Alert, Anchor, Badge, Button, Card, Group, Select, SimpleGrid, Skeleton, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconFileTypePdf, IconTruckDelivery } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCoop } from '../../app/coop.js';
import { Link, setSearch, useLocation } from '../../app/router.js';
import { DataTable, type Column } from '../../components/DataTable.js';
import { DateText } from '../../components/DateText.js';
import { EmptyState } from '../../components/EmptyState.js';
import { PageHeader } from '../../components/PageHeader.js';
import { ErrorState } from '../../components/States.js';
import { useLocations } from '../produce/produce-api.js';
import { DeliveryRoutes } from './DeliveryRoutes.js';
import { DispatchDialog } from './DispatchDialog.js';
import { itemLabel } from './labels.js';
import { docs, useDeliveries, useFulfilment, type DeliverySummary, type FulfilmentPlan } from './market-api.js';
import { marketPath } from './nav.js';

type PlanLine = FulfilmentPlan['lines'][number];
type Demand = FulfilmentPlan['demand'][number];

/** The delivery day: what the POs ask for against what is in stock, lots first-expired-first-out, shortfalls before the truck leaves. */
export function FulfilmentScreen() {
  const { t } = useTranslation();
  const coop = useCoop();
  const { search } = useLocation();
  const date = search.get('tanggal') || todayIn(coop.timeZone);
  const [locationId, setLocationId] = useState<string | null>(null);
  const locations = useLocations(coop.id);
  const plan = useFulfilment(coop.id, date, locationId ?? undefined);
  const deliveries = useDeliveries(coop.id, { date });

  return (
    <>
      <PageHeader
        title={t('market.fulfilment.title')}
        description={t('market.fulfilment.description')}
        actions={
          <Button
            component="a"
            href={docs.pickingList(coop.id, date, locationId ?? undefined)}
            target="_blank"
            variant="default"
            leftSection={<IconFileTypePdf size={18} />}
          >
            {t('market.fulfilment.pickingList')}
          </Button>
        }
      />
      <Stack gap="md">
        <Card padding="sm">
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
            <TextInput
              label={t('market.fulfilment.date')}
              type="date"
              value={date}
              onChange={(e) => setSearch({ tanggal: e.currentTarget.value || null })}
            />
            <Select
              label={t('market.fulfilment.location')}
              placeholder={t('market.fulfilment.allLocations')}
              data={(locations.data?.items ?? []).map((l) => ({ value: l.id, label: l.name }))}
              value={locationId}
              onChange={setLocationId}
              clearable
            />
          </SimpleGrid>
        </Card>
        {plan.isPending ? (
          <Skeleton height={320} />
        ) : plan.isError ? (
          <ErrorState error={plan.error} onRetry={() => void plan.refetch()} />
        ) : !plan.data.lines.length ? (
          <EmptyState title={t('market.fulfilment.empty')} description={t('market.fulfilment.emptyHint')} />
        ) : (
          <PlanView plan={plan.data} />
        )}
        <Text fw={700} mt="sm">
          {t('market.fulfilment.notesOfDay')}
        </Text>
        <DeliveriesOfDay rows={deliveries.data?.items ?? []} />
        <DeliveryRoutes date={date} deliveries={deliveries.data?.items ?? []} />
      </Stack>
    </>
  );
}

function PlanView({ plan }: { plan: FulfilmentPlan }) {
  const { t } = useTranslation();
  const coop = useCoop();
  const [dispatching, setDispatching] = useState<PlanLine | null>(null);
  const today = todayIn(coop.timeZone);
  const short = plan.demand.filter((d) => d.shortfall.value !== '0');
  const orders = [...new Map(plan.lines.map((l) => [l.purchaseOrderId, l])).values()];

  const demandColumns: Column<Demand>[] = [
    {
      key: 'item',
      header: t('market.item'),
      primary: true,
      render: (d) => itemLabel(d.commodityName, d.grade, d.packFormatName, t('market.loose')),
    },
    { key: 'open', header: t('market.fulfilment.demand'), align: 'right', render: (d) => d.open.text },
    { key: 'available', header: t('market.fulfilment.available'), align: 'right', render: (d) => d.available.text },
    {
      key: 'short',
      header: t('market.fulfilment.shortfall'),
      align: 'right',
      render: (d) =>
        d.shortfall.value === '0' ? (
          <Badge color="green" variant="light" tt="none">
            {t('market.fulfilment.enough')}
          </Badge>
        ) : (
          <Badge color="red" variant="filled" tt="none">
            {t('market.fulfilment.short', { qty: d.shortfall.text })}
          </Badge>
        ),
    },
  ];

  return (
    <Stack gap="md">
      {plan.complete ? (
        <Alert color="green" variant="light" icon={<IconCircleCheck />} role="status">
          {t('market.fulfilment.complete')}
        </Alert>
      ) : (
        <Alert color="red" variant="light" icon={<IconAlertTriangle />} title={t('market.fulfilment.shortTitle')} role="alert">
          {short.map((d) => `${itemLabel(d.commodityName, d.grade, d.packFormatName, t('market.loose'))}: ${d.shortfall.text}`).join('; ')}
        </Alert>
      )}
      <DataTable
        caption={t('market.fulfilment.demandTitle')}
        rows={plan.demand}
        columns={demandColumns}
        rowKey={(d) => itemLabel(d.commodityName, d.grade, d.packFormatName, '')}
      />
      {orders.map((o) => {
        const lines = plan.lines.filter((l) => l.purchaseOrderId === o.purchaseOrderId);
        const open = lines.some((l) => l.open.value !== '0');
        const shortHere = lines.some((l) => l.shortfall.value !== '0');
        const canSend = lines.some((l) => l.allocated.value !== '0');
        return (
          <Card
            key={o.purchaseOrderId}
            padding="md"
            withBorder
            style={shortHere ? { borderColor: 'var(--mantine-color-red-4)' } : undefined}
          >
            <Group justify="space-between" align="flex-start" mb="xs" gap="xs">
              <Stack gap={0}>
                <Anchor component={Link} href={marketPath(coop.id, `pesanan/${o.purchaseOrderId}`)} fw={700} ff="monospace">
                  {o.purchaseOrderNumber}
                </Anchor>
                <Text size="sm">
                  {o.partnerName} · {o.storeName}
                </Text>
              </Stack>
              {!open ? (
                <Badge color="green" variant="light" tt="none">
                  {t('market.fulfilment.sent')}
                </Badge>
              ) : (
                coop.can('market.deliver') && (
                  <Button
                    size="sm"
                    leftSection={<IconTruckDelivery size={16} />}
                    disabled={!canSend}
                    onClick={() => setDispatching(o)}
                    aria-label={t('market.dispatch.openFor', { number: o.purchaseOrderNumber })}
                  >
                    {t('market.dispatch.open')}
                  </Button>
                )
              )}
            </Group>
            <Stack gap="sm">
              {lines.map((l) => (
                <PlanLineView key={l.lineNo} line={l} today={today} />
              ))}
            </Stack>
          </Card>
        );
      })}
      {dispatching && (
        <DispatchDialog
          order={{
            id: dispatching.purchaseOrderId,
            number: dispatching.purchaseOrderNumber,
            partnerName: dispatching.partnerName,
            storeName: dispatching.storeName,
            deliveryDate: plan.date,
          }}
          onClose={() => setDispatching(null)}
        />
      )}
    </Stack>
  );
}

function PlanLineView({ line: l, today }: { line: PlanLine; today: string }) {
  const { t } = useTranslation();
  const short = l.shortfall.value !== '0';
  return (
    <Stack gap={4}>
      <Group justify="space-between" gap="xs" wrap="wrap">
        <Text size="sm" fw={600}>
          {itemLabel(l.commodityName, l.grade, l.packFormatName, t('market.loose'))}
        </Text>
        {short && (
          <Badge color="red" variant="filled" tt="none">
            {t('market.fulfilment.short', { qty: l.shortfall.text })}
          </Badge>
        )}
      </Group>
      <Text size="xs" c="dimmed">
        {t('market.fulfilment.lineFigures', {
          ordered: l.ordered.text,
          delivered: l.delivered.text,
          open: l.open.text,
          allocated: l.allocated.text,
        })}
      </Text>
      {l.allocations.length > 0 && (
        <Table.ScrollContainer minWidth={300}>
          <Table fz="xs" verticalSpacing={2} withRowBorders={false} aria-label={t('market.fulfilment.lotsFor', { n: l.lineNo })}>
            <Table.Tbody>
              {l.allocations.map((a) => (
                <Table.Tr key={`${a.lotId}-${a.locationId}`}>
                  <Table.Td ff="monospace">{a.lotCode}</Table.Td>
                  <Table.Td>{a.locationName}</Table.Td>
                  <Table.Td c={a.expiresOn < today ? 'red.8' : undefined} fw={a.expiresOn < today ? 700 : undefined}>
                    {a.expiresOn < today ? t('market.fulfilment.expired') : t('market.fulfilment.expires')} <DateText date={a.expiresOn} />
                  </Table.Td>
                  <Table.Td ta="right" fw={600}>
                    {a.quantity.text}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

function DeliveriesOfDay({ rows }: { rows: DeliverySummary[] }) {
  const { t } = useTranslation();
  const coop = useCoop();
  const columns: Column<DeliverySummary>[] = [
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
    { key: 'partner', header: t('market.orders.partner'), render: (d) => `${d.partner.name} · ${d.store.name}` },
    { key: 'po', header: t('market.orders.number'), render: (d) => d.purchaseOrder.number },
    { key: 'truck', header: t('market.dispatch.vehicle'), render: (d) => [d.vehicle, d.driver].filter(Boolean).join(' · ') || '—' },
    {
      key: 'received',
      header: t('market.deliveries.receiving'),
      width: 150,
      render: (d) => (
        <Badge color={d.receipt ? 'teal' : 'orange'} variant="light" tt="none">
          {d.receipt ? t('market.deliveries.received') : t('market.deliveries.notReceived')}
        </Badge>
      ),
    },
    {
      key: 'pdf',
      header: '',
      actions: true,
      render: (d) => (
        <Button
          component="a"
          href={docs.deliveryNote(coop.id, d.id)}
          target="_blank"
          size="sm"
          variant="default"
          leftSection={<IconFileTypePdf size={16} />}
          aria-label={t('market.deliveries.pdfOf', { number: d.number })}
        >
          {t('market.deliveries.pdf')}
        </Button>
      ),
    },
  ];
  return (
    <DataTable
      caption={t('market.fulfilment.notesOfDay')}
      rows={rows}
      columns={columns}
      rowKey={(d) => d.id}
      empty={
        <Text size="sm" c="dimmed">
          {t('market.fulfilment.noNotes')}
        </Text>
      }
    />
  );
}
