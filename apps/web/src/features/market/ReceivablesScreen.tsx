import { todayIn } from '@kopdes/shared/format';
import { Badge, Button, Card, Group, Select, SimpleGrid, Skeleton, Stack, Switch, Tabs, Text } from '@mantine/core';
import { IconCash, IconFilePlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCoop } from '../../app/coop.js';
import { navigate, setSearch, useLocation } from '../../app/router.js';
import { DataTable, type Column } from '../../components/DataTable.js';
import { DateText } from '../../components/DateText.js';
import { EmptyState } from '../../components/EmptyState.js';
import { Money } from '../../components/Money.js';
import { PageHeader } from '../../components/PageHeader.js';
import { ErrorState } from '../../components/States.js';
import { AgeingPanel } from './AgeingPanel.js';
import { FillRatePanel } from './FillRatePanel.js';
import { InvoiceDialog } from './InvoiceDialog.js';
import { MarginsPanel } from './MarginsPanel.js';
import { useInvoices, usePartners, type InvoiceSummary } from './market-api.js';
import { marketPath } from './nav.js';
import { MoreButton, usePaged } from './parts.js';
import { PaymentDialog } from './PaymentDialog.js';
import { RemindersPanel } from './RemindersPanel.js';

const TABS = ['faktur', 'umur', 'penagihan', 'pemenuhan', 'margin'] as const;

/** Invoices and collection: the invoices, what is owed by age, who to remind, how well orders were filled, and the margin. */
export function ReceivablesScreen() {
  const { t } = useTranslation();
  const coop = useCoop();
  const { search } = useLocation();
  const wanted = search.get('tab');
  const tab = TABS.find((x) => x === wanted) ?? 'faktur';
  const [dialog, setDialog] = useState<'invoice' | 'pay' | null>(null);
  const canWrite = coop.can('market.write');
  return (
    <>
      <PageHeader
        title={t('market.invoices.title')}
        description={t('market.invoices.description')}
        actions={
          canWrite && (
            <>
              <Button variant="default" leftSection={<IconFilePlus size={18} />} onClick={() => setDialog('invoice')}>
                {t('market.invoices.new')}
              </Button>
              <Button leftSection={<IconCash size={18} />} onClick={() => setDialog('pay')}>
                {t('market.payments.open')}
              </Button>
            </>
          )
        }
      />
      <Tabs value={tab} onChange={(v) => setSearch({ tab: v === 'faktur' ? null : v })} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="faktur">{t('market.invoices.tab')}</Tabs.Tab>
          <Tabs.Tab value="umur">{t('market.ageing.tab')}</Tabs.Tab>
          <Tabs.Tab value="penagihan">{t('market.reminders.tab')}</Tabs.Tab>
          <Tabs.Tab value="pemenuhan">{t('market.fill.tab')}</Tabs.Tab>
          <Tabs.Tab value="margin">{t('market.margins.tab')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="faktur">
          <InvoicesPanel />
        </Tabs.Panel>
        <Tabs.Panel value="umur">
          <AgeingPanel />
        </Tabs.Panel>
        <Tabs.Panel value="penagihan">
          <RemindersPanel />
        </Tabs.Panel>
        <Tabs.Panel value="pemenuhan">
          <FillRatePanel />
        </Tabs.Panel>
        <Tabs.Panel value="margin">
          <MarginsPanel />
        </Tabs.Panel>
      </Tabs>
      {dialog === 'invoice' && <InvoiceDialog onClose={() => setDialog(null)} />}
      {dialog === 'pay' && <PaymentDialog onClose={() => setDialog(null)} />}
    </>
  );
}

function InvoicesPanel() {
  const { t } = useTranslation();
  const coop = useCoop();
  const today = todayIn(coop.timeZone);
  const [partnerId, setPartnerId] = useState<string | null>(null);
  const [onlyOpen, setOnlyOpen] = useState(false);
  const partners = usePartners(coop.id, { active: 'all' });
  const invoices = useInvoices(coop.id, { partnerId: partnerId ?? undefined, open: onlyOpen ? 'true' : undefined });
  const paged = usePaged(invoices.data?.items ?? []);

  const columns: Column<InvoiceSummary>[] = [
    {
      key: 'number',
      header: t('market.invoices.number'),
      primary: true,
      render: (i) => (
        <Group gap={6}>
          <Text span size="sm" fw={600} ff="monospace">
            {i.number}
          </Text>
          {i.kind === 'credit_note' && (
            <Badge color="grape" variant="light" tt="none">
              {t('market.credit.badge')}
            </Badge>
          )}
        </Group>
      ),
    },
    { key: 'partner', header: t('market.orders.partner'), render: (i) => i.partner.name },
    { key: 'date', header: t('market.invoices.date'), render: (i) => <DateText date={i.date} /> },
    {
      key: 'due',
      header: t('market.invoices.due'),
      render: (i) =>
        i.kind === 'invoice' ? (
          <Text
            span
            size="sm"
            c={i.open !== '0' && i.dueDate < today ? 'red.8' : undefined}
            fw={i.open !== '0' && i.dueDate < today ? 700 : undefined}
          >
            <DateText date={i.dueDate} />
          </Text>
        ) : (
          '—'
        ),
    },
    { key: 'amount', header: t('market.amount'), align: 'right', render: (i) => <Money value={i.amount} /> },
    {
      key: 'open',
      header: t('market.invoices.open'),
      align: 'right',
      render: (i) =>
        i.kind !== 'invoice' ? (
          '—'
        ) : i.open === '0' ? (
          <Badge color="green" variant="light" tt="none">
            {t('market.invoices.settled')}
          </Badge>
        ) : (
          <Money value={i.open} fw={700} />
        ),
    },
    {
      key: 'go',
      header: '',
      actions: true,
      align: 'right',
      render: (i) => (
        <Button
          size="sm"
          variant="default"
          onClick={() => navigate(marketPath(coop.id, `faktur/${i.id}`))}
          aria-label={t('market.invoices.openOne', { number: i.number })}
        >
          {t('market.open')}
        </Button>
      ),
    },
  ];

  return (
    <Stack gap="md">
      <Card padding="sm">
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          <Select
            label={t('market.orders.partner')}
            placeholder={t('market.allPartners')}
            data={(partners.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
            value={partnerId}
            onChange={setPartnerId}
            searchable
            clearable
          />
          <Switch
            label={t('market.invoices.onlyOpen')}
            checked={onlyOpen}
            onChange={(e) => setOnlyOpen(e.currentTarget.checked)}
            mt={{ base: 0, xs: 'xl' }}
          />
        </SimpleGrid>
      </Card>
      {invoices.isPending ? (
        <Skeleton height={240} />
      ) : invoices.isError ? (
        <ErrorState error={invoices.error} onRetry={() => void invoices.refetch()} />
      ) : (
        <>
          <DataTable
            caption={t('market.invoices.tab')}
            rows={paged.rows}
            columns={columns}
            rowKey={(i) => i.id}
            empty={<EmptyState title={t('market.invoices.empty')} description={t('market.invoices.emptyHint')} />}
          />
          <MoreButton more={paged.more} page={paged.page} onClick={paged.showMore} />
        </>
      )}
    </Stack>
  );
}
