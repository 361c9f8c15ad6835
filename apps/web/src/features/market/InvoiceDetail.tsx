import { Anchor, Badge, Button, Card, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconCash, IconFileTypePdf, IconReceiptRefund } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCoop } from '../../app/coop.js';
import { Link } from '../../app/router.js';
import { DataTable, type Column } from '../../components/DataTable.js';
import { DateText } from '../../components/DateText.js';
import { Money } from '../../components/Money.js';
import { PageHeader } from '../../components/PageHeader.js';
import { ErrorState, PageLoader } from '../../components/States.js';
import { CreditNoteDialog } from './CreditNoteDialog.js';
import { InvoiceTraceView } from './InvoiceTraceView.js';
import { docs, useInvoice, type Invoice } from './market-api.js';
import { marketPath } from './nav.js';
import { Fact } from './parts.js';
import { PaymentDialog } from './PaymentDialog.js';

type Line = Invoice['lines'][number];

export function InvoiceDetail({ invoiceId }: { invoiceId: string }) {
  const { t } = useTranslation();
  const coop = useCoop();
  const q = useInvoice(coop.id, invoiceId);
  const [dialog, setDialog] = useState<'credit' | 'pay' | null>(null);
  if (q.isPending) return <PageLoader />;
  if (q.isError) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  const inv = q.data;
  const isInvoice = inv.kind === 'invoice';
  const open = BigInt(inv.open) > 0n;
  const canWrite = coop.can('market.write');

  const columns: Column<Line>[] = [
    {
      key: 'what',
      header: t('market.invoices.lineDescription'),
      primary: true,
      render: (l) => (
        <Stack gap={0}>
          <Text size="sm">{l.description}</Text>
          {l.deliveryId && (
            <Anchor component={Link} href={marketPath(coop.id, `pengiriman/${l.deliveryId}`)} size="xs" ff="monospace">
              {l.deliveryNumber}
            </Anchor>
          )}
        </Stack>
      ),
    },
    { key: 'qty', header: t('market.invoices.quantity'), align: 'right', render: (l) => l.quantity?.text ?? '' },
    { key: 'price', header: t('market.price'), align: 'right', render: (l) => (l.unitPrice ? <Money value={l.unitPrice} /> : '') },
    { key: 'amount', header: t('market.amount'), align: 'right', render: (l) => <Money value={l.amount} /> },
  ];

  return (
    <>
      <PageHeader
        title={isInvoice ? t('market.invoices.titleOne', { number: inv.number }) : t('market.credit.titleOne', { number: inv.number })}
        description={inv.partner.name}
        actions={
          <>
            <Button
              component="a"
              href={docs.invoice(coop.id, inv.id)}
              target="_blank"
              variant="default"
              leftSection={<IconFileTypePdf size={18} />}
            >
              {isInvoice ? t('market.invoices.pdf') : t('market.credit.pdf')}
            </Button>
            {isInvoice && open && canWrite && (
              <>
                <Button variant="default" leftSection={<IconReceiptRefund size={18} />} onClick={() => setDialog('credit')}>
                  {t('market.credit.new')}
                </Button>
                <Button leftSection={<IconCash size={18} />} onClick={() => setDialog('pay')}>
                  {t('market.payments.open')}
                </Button>
              </>
            )}
          </>
        }
      />
      <Stack gap="md">
        <Card padding="md">
          <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
            <Fact label={t('market.invoices.date')}>
              <DateText date={inv.date} />
            </Fact>
            {isInvoice && (
              <Fact label={t('market.invoices.due')}>
                <DateText date={inv.dueDate} />
              </Fact>
            )}
            <Fact label={t('market.orders.partner')}>
              <Anchor component={Link} href={marketPath(coop.id, `mitra/${inv.partner.id}`)}>
                {inv.partner.name}
              </Anchor>
              {inv.partner.npwp && (
                <Text size="xs" c="dimmed">
                  NPWP {inv.partner.npwp}
                </Text>
              )}
            </Fact>
            <Fact label={t('market.invoices.revenue')}>{t(`market.invoices.revenueKind.${inv.revenueKind}`)}</Fact>
            <Fact label={t('market.amount')}>
              <Money value={inv.amount} fw={700} />
            </Fact>
            {isInvoice && (
              <>
                <Fact label={t('market.invoices.credited')}>
                  <Money value={inv.credited} />
                </Fact>
                <Fact label={t('market.invoices.paid')}>
                  <Money value={inv.paid} />
                </Fact>
                <Fact label={t('market.invoices.open')}>
                  {open ? (
                    <Money value={inv.open} fw={700} c="red.8" />
                  ) : (
                    <Badge color="green" variant="light" tt="none">
                      {t('market.invoices.settled')}
                    </Badge>
                  )}
                </Fact>
              </>
            )}
            {inv.invoiceId && (
              <Fact label={t('market.credit.against')}>
                <Anchor component={Link} href={marketPath(coop.id, `faktur/${inv.invoiceId}`)}>
                  {t('market.credit.toInvoice')}
                </Anchor>
              </Fact>
            )}
            <Fact label={t('market.deliveries.journal')}>{inv.journal?.number ?? '—'}</Fact>
          </SimpleGrid>
          {inv.reason && (
            <Text size="sm" mt="sm">
              {t('market.credit.reason')}: {inv.reason}
            </Text>
          )}
        </Card>
        {inv.lines.length > 0 && (
          <DataTable caption={t('market.invoices.lines')} rows={inv.lines} columns={columns} rowKey={(l) => String(l.lineNo)} />
        )}
        {isInvoice && inv.lines.some((l) => l.deliveryId) && <InvoiceTraceView invoiceId={inv.id} />}
      </Stack>
      {dialog === 'credit' && <CreditNoteDialog invoice={inv} onClose={() => setDialog(null)} />}
      {dialog === 'pay' && <PaymentDialog partnerId={inv.partner.id} onClose={() => setDialog(null)} />}
    </>
  );
}
