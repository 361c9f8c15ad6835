import { REJECT_REASON_LABELS } from '@kopdes/shared/market';
import { GRADE_LABELS } from '@kopdes/shared/produce';
import { Anchor, Badge, Button, Card, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconFilePlus, IconFileTypePdf } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCoop } from '../../app/coop.js';
import { Link } from '../../app/router.js';
import { DataTable, type Column } from '../../components/DataTable.js';
import { DateText } from '../../components/DateText.js';
import { Money } from '../../components/Money.js';
import { PageHeader } from '../../components/PageHeader.js';
import { ErrorState, PageLoader } from '../../components/States.js';
import { currentLang } from '../../i18n/index.js';
import { InvoiceDialog } from './InvoiceDialog.js';
import { itemLabel } from './labels.js';
import { docs, useDelivery, type Delivery } from './market-api.js';
import { marketPath } from './nav.js';
import { Fact } from './parts.js';
import { ReceiptForm } from './ReceiptForm.js';

type Line = Delivery['lines'][number];

/** One surat jalan: its lots, the PDF, and the buyer's receiving (recorded here once). */
export function DeliveryDetail({ deliveryId }: { deliveryId: string }) {
  const { t } = useTranslation();
  const coop = useCoop();
  const lang = currentLang();
  const q = useDelivery(coop.id, deliveryId);
  const [invoicing, setInvoicing] = useState(false);
  if (q.isPending) return <PageLoader />;
  if (q.isError) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  const d = q.data;
  const invoiceId = d.lines.find((l) => l.invoiceId)?.invoiceId;
  const accepted = d.lines.some((l) => l.accepted && l.accepted.value !== '0');
  const canInvoice = !!d.receipt && !d.toUnit && !invoiceId && accepted && coop.can('market.write');

  const columns: Column<Line>[] = [
    {
      key: 'item',
      header: t('market.item'),
      primary: true,
      render: (l) => (
        <Stack gap={0}>
          <Text size="sm" fw={600}>
            {itemLabel(l.commodityName, l.grade, l.packFormatName, t('market.loose'))}
          </Text>
          <Text size="xs" c="dimmed" ff="monospace">
            {l.lotCode}
          </Text>
        </Stack>
      ),
    },
    { key: 'qty', header: t('market.deliveries.sent'), align: 'right', render: (l) => l.quantity.text },
    { key: 'base', header: t('market.deliveries.weight'), align: 'right', render: (l) => l.base.text },
    { key: 'value', header: t('market.deliveries.cost'), align: 'right', render: (l) => <Money value={l.value} /> },
  ];
  if (d.receipt)
    columns.push(
      { key: 'accepted', header: t('market.receipt.accepted'), align: 'right', render: (l) => l.accepted?.text ?? '—' },
      {
        key: 'rejected',
        header: t('market.receipt.rejected'),
        align: 'right',
        render: (l) =>
          l.rejected && l.rejected.value !== '0' ? (
            <Stack gap={0} align="flex-end">
              <Text size="sm" c="red.8" fw={600}>
                {l.rejected.text}
              </Text>
              {l.reason && (
                <Text size="xs" c="dimmed">
                  {REJECT_REASON_LABELS[l.reason][lang]}
                </Text>
              )}
              {l.returnedToStock && (
                <Text size="xs" c="teal.8">
                  {t('market.receipt.returnedAs', {
                    quantity: l.returnedToStock.quantity.text,
                    grade: GRADE_LABELS[l.returnedToStock.grade][lang],
                    lot: l.returnedToStock.lotCode,
                  })}
                </Text>
              )}
            </Stack>
          ) : (
            '0'
          ),
      },
    );

  return (
    <>
      <PageHeader
        title={t('market.deliveries.titleOne', { number: d.number })}
        description={`${d.partner.name} · ${d.store.name}`}
        actions={
          <>
            <Button
              component="a"
              href={docs.deliveryNote(coop.id, d.id)}
              target="_blank"
              variant="default"
              leftSection={<IconFileTypePdf size={18} />}
            >
              {t('market.deliveries.pdf')}
            </Button>
            {canInvoice && (
              <Button leftSection={<IconFilePlus size={18} />} onClick={() => setInvoicing(true)}>
                {t('market.invoices.new')}
              </Button>
            )}
          </>
        }
      />
      <Stack gap="md">
        <Card padding="md">
          <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
            <Fact label={t('market.date')}>
              <DateText date={d.date} />
            </Fact>
            <Fact label={t('market.orders.number')}>
              <Anchor component={Link} href={marketPath(coop.id, `pesanan/${d.purchaseOrder.id}`)}>
                {d.purchaseOrder.number}
              </Anchor>{' '}
              · {d.purchaseOrder.partnerRef}
            </Fact>
            <Fact label={t('market.orders.store')}>{d.store.address}</Fact>
            <Fact label={t('market.dispatch.vehicle')}>{[d.vehicle, d.driver].filter(Boolean).join(' · ') || '—'}</Fact>
            <Fact label={t('market.deliveries.cost')}>
              <Money value={d.value} />
            </Fact>
            <Fact label={t('market.deliveries.journal')}>{d.journal?.number ?? '—'}</Fact>
            <Fact label={t('market.deliveries.receiving')}>
              {d.receipt ? (
                <Group gap={4}>
                  <Badge color="teal" variant="light" tt="none">
                    {t('market.deliveries.received')}
                  </Badge>
                  <DateText date={d.receipt.date} />
                </Group>
              ) : (
                <Badge color="orange" variant="light" tt="none">
                  {t('market.deliveries.notReceived')}
                </Badge>
              )}
            </Fact>
            {invoiceId && (
              <Fact label={t('market.invoices.one')}>
                <Anchor component={Link} href={marketPath(coop.id, `faktur/${invoiceId}`)}>
                  {t('market.deliveries.openInvoice')}
                </Anchor>
              </Fact>
            )}
          </SimpleGrid>
          {d.toUnit && (
            <Text size="sm" c="dimmed" mt="sm">
              {t('market.deliveries.toUnit', { unit: d.toUnit })}
            </Text>
          )}
          {d.receipt && (d.receipt.receivedBy || d.receipt.writtenOff !== '0' || d.receipt.returned !== '0') && (
            <Text size="sm" c="dimmed" mt="sm">
              {d.receipt.receivedBy && t('market.receipt.by', { name: d.receipt.receivedBy })}
              {d.receipt.receivedBy && d.receipt.writtenOff !== '0' && ' · '}
              {d.receipt.writtenOff !== '0' && (
                <>
                  {t('market.receipt.writtenOff')}: <Money value={d.receipt.writtenOff} />
                </>
              )}
              {d.receipt.returned !== '0' && (
                <>
                  {' · '}
                  {t('market.receipt.returned')}: <Money value={d.receipt.returned} />
                </>
              )}
            </Text>
          )}
        </Card>
        <DataTable caption={t('market.deliveries.lines')} rows={d.lines} columns={columns} rowKey={(l) => String(l.lineNo)} />
        {!d.receipt && coop.can('market.deliver') && <ReceiptForm delivery={d} />}
        {!d.receipt && !coop.can('market.deliver') && (
          <Text size="sm" c="dimmed">
            {t('market.receipt.noRight')}
          </Text>
        )}
      </Stack>
      {invoicing && <InvoiceDialog partnerId={d.partner.id} deliveryIds={[d.id]} onClose={() => setInvoicing(false)} />}
    </>
  );
}
