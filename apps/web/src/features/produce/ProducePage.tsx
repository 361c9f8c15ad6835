import { Card, Group, SimpleGrid, Stack, Text, ThemeIcon } from '@mantine/core';
import {
  IconBoxSeam,
  IconBuildingWarehouse,
  IconCash,
  IconChevronRight,
  IconListDetails,
  IconPlant,
  IconScale,
  IconShoppingCart,
  IconTag,
  type Icon,
} from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useCoop } from '../../app/coop.js';
import { useModuleRest } from '../../app/modules.js';
import { Link } from '../../app/router.js';
import { Money } from '../../components/Money.js';
import { PageHeader } from '../../components/PageHeader.js';
import { CatalogueScreen } from './CatalogueScreen.js';
import { CommodityDetail } from './CommodityDetail.js';
import { FarmerDetail } from './FarmerDetail.js';
import { FarmersScreen } from './FarmersScreen.js';
import { IntakeScreen } from './IntakeScreen.js';
import { BackLink, producePath } from './nav.js';
import { LotDetail } from './LotDetail.js';
import { PayoutsScreen } from './PayoutsScreen.js';
import { PlacesScreen } from './PlacesScreen.js';
import { PricesScreen } from './PricesScreen.js';
import { useIntakeForm } from './produce-api.js';
import { PurchaseDetail } from './PurchaseDetail.js';
import { PurchaseForm } from './PurchaseForm.js';
import { PurchasesScreen } from './PurchasesScreen.js';
import { StockScreen } from './StockScreen.js';

export default function ProducePage() {
  const rest = useModuleRest();
  const coop = useCoop();
  const { t } = useTranslation();
  const [first, second] = rest.split('/');
  const back = <BackLink to={producePath(coop.id)}>{t('produce.back')}</BackLink>;

  if (first === 'terima' && coop.can('produce.intake')) {
    return (
      <>
        {back}
        <PageHeader title={t('produce.intake.title')} description={t('produce.intake.description')} />
        <IntakeScreen />
      </>
    );
  }
  if (first === 'stok' && second) return <LotDetail lotId={second} />;
  if (first === 'stok') {
    return (
      <>
        {back}
        <StockScreen />
      </>
    );
  }
  if (first === 'bayar') {
    return (
      <>
        {back}
        <PayoutsScreen />
      </>
    );
  }
  if (first === 'pembelian' && second === 'baru' && coop.can('produce.manage')) {
    return (
      <>
        <BackLink to={producePath(coop.id, 'pembelian')}>{t('produce.purchase.back')}</BackLink>
        <PageHeader title={t('produce.purchase.formTitle')} description={t('produce.purchase.formDescription')} />
        <PurchaseForm />
      </>
    );
  }
  if (first === 'pembelian' && second && second !== 'baru') return <PurchaseDetail purchaseId={second} />;
  if (first === 'pembelian') {
    return (
      <>
        {back}
        <PurchasesScreen />
      </>
    );
  }
  if (first === 'katalog' && second) return <CommodityDetail commodityId={second} />;
  if (first === 'petani' && second) return <FarmerDetail memberId={second} />;
  const screen =
    first === 'katalog' ? <CatalogueScreen /> : first === 'petani' ? <FarmersScreen /> : first === 'lokasi' ? <PlacesScreen /> : null;
  if (screen)
    return (
      <>
        {back}
        {screen}
      </>
    );
  if (first === 'harga') {
    return (
      <>
        {back}
        <PricesScreen />
      </>
    );
  }
  return <Overview />;
}

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
  const form = useIntakeForm(coop.id);
  const today = form.data?.today;
  return (
    <>
      <PageHeader title={t('produce.title')} description={t('produce.description')} />
      <Stack gap="lg">
        {today && (
          <Card padding="md">
            <Text size="xs" fw={700} c="dimmed" tt="uppercase" mb={6}>
              {t('produce.today')}
            </Text>
            <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
              <Text fw={600}>{t('produce.todayIntakes', { count: today.intakes })}</Text>
              <Text>
                {t('produce.todayNet')}: <b>{today.netKg}</b>
              </Text>
              <Text>
                {t('produce.todayAmount')}: <Money value={today.amount} fw={700} />
              </Text>
            </SimpleGrid>
          </Card>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          {coop.can('produce.intake') && (
            <Tile href={producePath(coop.id, 'terima')} icon={IconScale} title={t('produce.go.intake')} hint={t('produce.go.intakeHint')} />
          )}
          <Tile href={producePath(coop.id, 'stok')} icon={IconBoxSeam} title={t('produce.go.stock')} hint={t('produce.go.stockHint')} />
          <Tile href={producePath(coop.id, 'bayar')} icon={IconCash} title={t('produce.go.payouts')} hint={t('produce.go.payoutsHint')} />
          <Tile
            href={producePath(coop.id, 'pembelian')}
            icon={IconShoppingCart}
            title={t('produce.go.purchases')}
            hint={t('produce.go.purchasesHint')}
          />
          <Tile href={producePath(coop.id, 'harga')} icon={IconTag} title={t('produce.go.prices')} hint={t('produce.go.pricesHint')} />
          <Tile
            href={producePath(coop.id, 'katalog')}
            icon={IconListDetails}
            title={t('produce.go.catalogue')}
            hint={t('produce.go.catalogueHint')}
          />
          <Tile href={producePath(coop.id, 'petani')} icon={IconPlant} title={t('produce.go.farmers')} hint={t('produce.go.farmersHint')} />
          <Tile
            href={producePath(coop.id, 'lokasi')}
            icon={IconBuildingWarehouse}
            title={t('produce.go.places')}
            hint={t('produce.go.placesHint')}
          />
        </SimpleGrid>
      </Stack>
    </>
  );
}
