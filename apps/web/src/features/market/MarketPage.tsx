import { todayIn } from '@kopdes/shared/format';
import { Card, Group, SimpleGrid, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconBuildingStore, IconChevronRight, IconFileInvoice, IconClipboardList, IconTruckDelivery, type Icon } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useCoop } from '../../app/coop.js';
import { useModuleRest } from '../../app/modules.js';
import { Link } from '../../app/router.js';
import { Money } from '../../components/Money.js';
import { PageHeader } from '../../components/PageHeader.js';
import { DeliveryDetail } from './DeliveryDetail.js';
import { FulfilmentScreen } from './FulfilmentScreen.js';
import { InvoiceDetail } from './InvoiceDetail.js';
import { useAgeing, usePurchaseOrders } from './market-api.js';
import { BackLink, marketPath } from './nav.js';
import { OrderDetail } from './OrderDetail.js';
import { OrderForm } from './OrderForm.js';
import { OrderImport } from './OrderImport.js';
import { OrdersScreen } from './OrdersScreen.js';
import { PartnerDetail } from './PartnerDetail.js';
import { PartnersScreen } from './PartnersScreen.js';
import { ReceivablesScreen } from './ReceivablesScreen.js';

/** The sales pages: buyers, their orders, the delivery day, invoices and what they still owe. */
export default function MarketPage() {
  const rest = useModuleRest();
  const coop = useCoop();
  const { t } = useTranslation();
  const [first, second] = rest.split('/');
  const back = (to = '', label = t('market.back')) => <BackLink to={marketPath(coop.id, to)}>{label}</BackLink>;

  if (first === 'mitra' && second) return wrap(back('mitra', t('market.partners.back')), <PartnerDetail partnerId={second} />);
  if (first === 'mitra') return wrap(back(), <PartnersScreen />);
  if (first === 'pesanan' && second === 'baru' && coop.can('market.orders'))
    return wrap(back('pesanan', t('market.orders.back')), <OrderForm />);
  if (first === 'pesanan' && second === 'impor' && coop.can('market.write'))
    return wrap(back('pesanan', t('market.orders.back')), <OrderImport />);
  if (first === 'pesanan' && second) return wrap(back('pesanan', t('market.orders.back')), <OrderDetail orderId={second} />);
  if (first === 'pesanan') return wrap(back(), <OrdersScreen />);
  if (first === 'pengiriman' && second)
    return wrap(back('pengiriman', t('market.fulfilment.back')), <DeliveryDetail deliveryId={second} />);
  if (first === 'pengiriman') return wrap(back(), <FulfilmentScreen />);
  if (first === 'faktur' && second) return wrap(back('faktur', t('market.invoices.back')), <InvoiceDetail invoiceId={second} />);
  if (first === 'faktur') return wrap(back(), <ReceivablesScreen />);
  return <Overview />;
}

const wrap = (back: ReactNode, page: ReactNode) => (
  <>
    {back}
    {page}
  </>
);

function Tile({ href, icon: I, title, hint }: { href: string; icon: Icon; title: string; hint: string }) {
  return (
    <Card component={Link} href={href} padding="lg" style={{ textDecoration: 'none', color: 'inherit' }}>
      <Group wrap="nowrap" gap="md">
        <ThemeIcon size={52} radius="md" variant="light" color="merah">
          <I size={30} stroke={1.6} />
        </ThemeIcon>
        <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
          <Text fw={700} fz="lg">
            {title}
          </Text>
          <Text size="sm" c="dimmed">
            {hint}
          </Text>
        </Stack>
        <IconChevronRight size={20} aria-hidden />
      </Group>
    </Card>
  );
}

function Overview() {
  const { t } = useTranslation();
  const coop = useCoop();
  const today = todayIn(coop.timeZone);
  const orders = usePurchaseOrders(coop.id, { deliveryDate: today });
  const ageing = useAgeing(coop.id);
  const totals = ageing.data?.totals;
  const overdue = totals ? BigInt(totals.d1_30) + BigInt(totals.d31_60) + BigInt(totals.d61_90) + BigInt(totals.over_90) : null;
  return (
    <>
      <PageHeader title={t('market.title')} description={t('market.description')} />
      <Stack gap="lg">
        <Card padding="md">
          <Text size="xs" fw={700} c="dimmed" tt="uppercase" mb={6}>
            {t('market.today')}
          </Text>
          <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
            <Text fw={600}>{orders.data ? t('market.todayOrders', { count: orders.data.items.length }) : '…'}</Text>
            <Text>
              {t('market.openReceivables')}: {totals ? <Money value={totals.open} fw={700} /> : '…'}
            </Text>
            <Text>
              {t('market.overdue')}: {overdue !== null ? <Money value={overdue} fw={700} c={overdue > 0n ? 'red.8' : undefined} /> : '…'}
            </Text>
          </SimpleGrid>
        </Card>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <Tile
            href={marketPath(coop.id, 'pesanan')}
            icon={IconClipboardList}
            title={t('market.go.orders')}
            hint={t('market.go.ordersHint')}
          />
          <Tile
            href={marketPath(coop.id, 'pengiriman')}
            icon={IconTruckDelivery}
            title={t('market.go.fulfilment')}
            hint={t('market.go.fulfilmentHint')}
          />
          <Tile
            href={marketPath(coop.id, 'faktur')}
            icon={IconFileInvoice}
            title={t('market.go.invoices')}
            hint={t('market.go.invoicesHint')}
          />
          <Tile
            href={marketPath(coop.id, 'mitra')}
            icon={IconBuildingStore}
            title={t('market.go.partners')}
            hint={t('market.go.partnersHint')}
          />
        </SimpleGrid>
      </Stack>
    </>
  );
}
