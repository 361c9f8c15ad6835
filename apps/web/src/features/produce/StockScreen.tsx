import { GRADE_LABELS, GRADES, type Grade } from '@kopdes/shared/produce';
import { Alert, Badge, Button, Card, Group, Select, SimpleGrid, Skeleton, Stack, Tabs, Text, TextInput } from '@mantine/core';
import {
  IconAlertTriangle,
  IconBox,
  IconClipboardList,
  IconClockExclamation,
  IconSearch,
  IconTransfer,
  IconTrashX,
  type Icon,
} from '@tabler/icons-react';
import { useDebouncedValue } from '@mantine/hooks';
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
import { currentLang } from '../../i18n/index.js';
import { LossDialog } from './LossDialog.js';
import { producePath } from './nav.js';
import { PackDialog } from './PackDialog.js';
import { useCommodities, useExpiryAlerts, useLocations, useLotPages, useValuation, type Lot, type Valuation } from './produce-api.js';
import { StockCountDialog } from './StockCountDialog.js';
import { TransferDialog } from './TransferDialog.js';

type Status = 'all' | 'expiring' | 'expired' | 'fresh';
const daysLeftOf = (l: Lot) => (l.places.length ? Math.min(...l.places.map((p) => p.daysLeft)) : 0);

/** "sisa 3 hari" / "lewat 2 hari", coloured by urgency. */
export function DaysLeft({ days, alertDays }: { days: number; alertDays: number }) {
  const { t } = useTranslation();
  const color = days < 0 ? 'red' : days <= alertDays ? 'orange' : 'green';
  const text =
    days < 0
      ? t('produce.stock.daysAgo', { count: -days })
      : days === 0
        ? t('produce.stock.today')
        : t('produce.stock.daysLeft', { count: days });
  return (
    <Badge color={color} variant={days < 0 ? 'filled' : 'light'} radius="sm" tt="none" fw={600}>
      {text}
    </Badge>
  );
}

type Dialog = 'transfer' | 'pack' | 'loss' | 'count';

/** The four stock movements, as big buttons a clerk can hit on a phone. */
function MoveButtons({ onOpen }: { onOpen: (d: Dialog) => void }) {
  const { t } = useTranslation();
  const buttons: [Dialog, Icon, string][] = [
    ['transfer', IconTransfer, t('produce.move.transfer')],
    ['pack', IconBox, t('produce.move.pack')],
    ['loss', IconTrashX, t('produce.move.loss')],
    ['count', IconClipboardList, t('produce.move.count')],
  ];
  return (
    <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm" mb="md">
      {buttons.map(([d, I, label]) => (
        <Button
          key={d}
          variant="default"
          h="auto"
          py={10}
          px="xs"
          onClick={() => onOpen(d)}
          styles={{ inner: { height: 'auto' }, label: { flexDirection: 'column', gap: 4, whiteSpace: 'normal', textAlign: 'center' } }}
        >
          <I size={22} aria-hidden />
          {label}
        </Button>
      ))}
    </SimpleGrid>
  );
}

export function StockScreen() {
  const { t } = useTranslation();
  const coop = useCoop();
  const [tab, setTab] = useState<string | null>('lots');
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const close = () => setDialog(null);
  return (
    <>
      <PageHeader title={t('produce.stock.title')} description={t('produce.stock.description')} />
      {coop.can('produce.stock') && <MoveButtons onOpen={setDialog} />}
      {dialog === 'transfer' && <TransferDialog onClose={close} />}
      {dialog === 'pack' && <PackDialog onClose={close} />}
      {dialog === 'loss' && <LossDialog onClose={close} />}
      {dialog === 'count' && <StockCountDialog onClose={close} />}
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="lots">{t('produce.stock.lotsTab')}</Tabs.Tab>
          <Tabs.Tab value="value">{t('produce.stock.valueTab')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="lots">
          <LotsPanel />
        </Tabs.Panel>
        <Tabs.Panel value="value">
          <ValuePanel />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}

function LotsPanel() {
  const { t } = useTranslation();
  const coop = useCoop();
  const [commodityId, setCommodityId] = useState<string | null>(null);
  const [locationId, setLocationId] = useState<string | null>(null);
  const [grade, setGrade] = useState<Grade | null>(null);
  const [q, setQ] = useState('');
  const [debouncedQ] = useDebouncedValue(q.trim(), 300);
  const [status, setStatus] = useState<Status>('all');
  // Search, status and paging happen on the server: every lot in stock can be found, however many.
  const lots = useLotPages(coop.id, {
    commodityId: commodityId ?? undefined,
    locationId: locationId ?? undefined,
    grade: grade ?? undefined,
    q: debouncedQ || undefined,
    expiry: status === 'all' ? undefined : status,
  });
  const alerts = useExpiryAlerts(coop.id);
  const commodities = useCommodities(coop.id);
  const locations = useLocations(coop.id);
  const alertDays = alerts.data?.alertDays ?? 2;
  const expired = alerts.data?.items.filter((a) => a.daysLeft < 0).length ?? 0;
  const expiring = (alerts.data?.items.length ?? 0) - expired;
  const rows = lots.data?.pages.flatMap((p) => p.items) ?? [];
  const filtered = !!(commodityId || locationId || grade || debouncedQ || status !== 'all');

  const columns: Column<Lot>[] = [
    {
      key: 'lot',
      header: t('produce.stock.lot'),
      primary: true,
      render: (l) => (
        <Stack gap={0}>
          <Text fw={600} size="sm">
            {l.commodity.name} · {GRADE_LABELS[l.grade][currentLang()]}
          </Text>
          <Text size="xs" c="dimmed" ff="monospace">
            {l.code}
          </Text>
        </Stack>
      ),
    },
    { key: 'onHand', header: t('produce.stock.onHand'), align: 'right', render: (l) => l.onHand.text },
    {
      key: 'where',
      header: t('produce.stock.location'),
      render: (l) => l.places.map((p) => p.locationName).join(', '),
    },
    {
      key: 'expires',
      header: t('produce.stock.expires'),
      render: (l) => {
        const first = l.places[0];
        return first ? (
          <Group gap={6} wrap="nowrap" justify="flex-end">
            <Text size="sm" visibleFrom="sm">
              <DateText date={first.expiresOn} />
            </Text>
            <DaysLeft days={daysLeftOf(l)} alertDays={alertDays} />
          </Group>
        ) : null;
      },
    },
    { key: 'value', header: t('produce.stock.value'), align: 'right', render: (l) => <Money value={l.value} /> },
    {
      key: 'open',
      header: '',
      actions: true,
      align: 'right',
      render: (l) => (
        <Button
          variant="default"
          size="sm"
          onClick={() => navigate(producePath(coop.id, `stok/${l.id}`))}
          aria-label={t('produce.stock.openLot', { code: l.code })}
        >
          {t('produce.stock.open')}
        </Button>
      ),
    },
  ];

  return (
    <Stack gap="md">
      {alerts.data &&
        (alerts.data.items.length ? (
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
            {expired > 0 && (
              <Alert color="red" variant="light" icon={<IconAlertTriangle />} title={t('produce.stock.expired')}>
                {t('produce.stock.expiredCount', { count: expired })}
              </Alert>
            )}
            {expiring > 0 && (
              <Alert color="orange" variant="light" icon={<IconClockExclamation />} title={t('produce.stock.expiring')}>
                {t('produce.stock.expiringCount', { count: expiring, days: alertDays })}
              </Alert>
            )}
          </SimpleGrid>
        ) : (
          <Text size="sm" c="dimmed">
            {t('produce.stock.alertsNone')}
          </Text>
        ))}
      <Card padding="sm">
        <SimpleGrid cols={{ base: 1, xs: 2, md: 5 }} spacing="sm">
          <Select
            label={t('produce.stock.commodity')}
            placeholder={t('produce.stock.allCommodities')}
            data={(commodities.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
            value={commodityId}
            onChange={setCommodityId}
            searchable
            clearable
          />
          <Select
            label={t('produce.stock.location')}
            placeholder={t('produce.stock.allLocations')}
            data={(locations.data?.items ?? []).map((l) => ({ value: l.id, label: l.name }))}
            value={locationId}
            onChange={setLocationId}
            clearable
          />
          <Select
            label={t('produce.stock.grade')}
            placeholder={t('produce.stock.allGrades')}
            data={GRADES.map((g) => ({ value: g, label: GRADE_LABELS[g][currentLang()] }))}
            value={grade}
            onChange={(v) => setGrade(v as Grade | null)}
            clearable
          />
          <TextInput
            label={t('produce.stock.search')}
            leftSection={<IconSearch size={16} />}
            value={q}
            onChange={(e) => setQ(e.currentTarget.value)}
            autoComplete="off"
          />
          <Select
            label={t('produce.stock.status')}
            data={[
              { value: 'all', label: t('produce.stock.statusAll') },
              { value: 'fresh', label: t('produce.stock.statusFresh') },
              { value: 'expiring', label: t('produce.stock.expiring') },
              { value: 'expired', label: t('produce.stock.expired') },
            ]}
            value={status}
            allowDeselect={false}
            onChange={(v) => setStatus((v ?? 'all') as Status)}
          />
        </SimpleGrid>
      </Card>
      {lots.isPending ? (
        <Skeleton height={320} />
      ) : lots.isError ? (
        <ErrorState error={lots.error} onRetry={() => void lots.refetch()} />
      ) : (
        <>
          <DataTable
            caption={t('produce.stock.title')}
            rows={rows}
            columns={columns}
            rowKey={(l) => l.id}
            empty={<EmptyState title={filtered ? t('produce.stock.emptyFiltered') : t('produce.stock.empty')} />}
          />
          {lots.hasNextPage && (
            <Button
              variant="default"
              style={{ alignSelf: 'center' }}
              loading={lots.isFetchingNextPage}
              onClick={() => void lots.fetchNextPage()}
            >
              {t('produce.stock.moreLots')}
            </Button>
          )}
        </>
      )}
    </Stack>
  );
}

type ValuationRow = Valuation['rows'][number];

function ValuePanel() {
  const { t } = useTranslation();
  const coop = useCoop();
  const v = useValuation(coop.id);
  if (v.isPending) return <Skeleton height={320} />;
  if (v.isError) return <ErrorState error={v.error} onRetry={() => void v.refetch()} />;
  const columns: Column<ValuationRow>[] = [
    {
      key: 'what',
      header: t('produce.stock.commodity'),
      primary: true,
      render: (r) => `${r.commodityName} · ${GRADE_LABELS[r.grade][currentLang()]}`,
    },
    { key: 'where', header: t('produce.stock.location'), render: (r) => r.locationName },
    { key: 'lots', header: t('produce.stock.lots'), align: 'right', render: (r) => r.lots },
    { key: 'qty', header: t('produce.stock.onHand'), align: 'right', render: (r) => r.quantity.text },
    {
      key: 'age',
      header: t('produce.stock.oldest'),
      align: 'right',
      render: (r) => t('produce.stock.ageDays', { count: r.oldestAgeDays }),
    },
    { key: 'value', header: t('produce.stock.value'), align: 'right', render: (r) => <Money value={r.value} /> },
  ];
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <Card padding="md">
          <Text size="sm" c="dimmed">
            {t('produce.stock.total')}
          </Text>
          <Money value={v.data.total} fw={800} fz="xl" />
        </Card>
        <Card padding="md">
          <Text size="sm" c="dimmed">
            {t('produce.stock.ledger')}
          </Text>
          <Group gap="sm">
            <Money value={v.data.ledger} fw={700} fz="lg" />
            <Badge color={v.data.agrees ? 'green' : 'red'} variant="light">
              {v.data.agrees ? t('produce.stock.agrees') : t('produce.stock.disagrees')}
            </Badge>
          </Group>
        </Card>
      </SimpleGrid>
      <DataTable
        caption={t('produce.stock.valueTab')}
        rows={v.data.rows}
        columns={columns}
        rowKey={(r) => `${r.commodityId}-${r.grade}-${r.locationId}`}
        empty={<EmptyState title={t('produce.stock.empty')} />}
      />
    </Stack>
  );
}
