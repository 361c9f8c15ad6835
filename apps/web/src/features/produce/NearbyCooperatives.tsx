import { NEARNESS, NEARNESS_LABELS, type Nearness } from '@kopdes/shared/produce';
import { Alert, Badge, Button, Card, Group, Select, SimpleGrid, Skeleton, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBuildingStore, IconInfoCircle, IconPhone, IconShoppingCartPlus, IconUserPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client.js';
import { useIdempotencyKey } from '../../api/idempotency.js';
import { useCoop } from '../../app/coop.js';
import { Link, setSearch, useLocation } from '../../app/router.js';
import { EmptyState } from '../../components/EmptyState.js';
import { ErrorState } from '../../components/States.js';
import { currentLang } from '../../i18n/index.js';
import { newPurchasePath, PURCHASE_PARAMS } from './nav.js';
import { useCommodities, useNearbyCooperatives, useSupplierFromRegistry, type NearbyCooperative } from './produce-api.js';

const NEARNESS_COLOR: Record<Nearness, string> = { district: 'green', regency: 'teal', province: 'blue', country: 'gray' };

/**
 * The network's village cooperatives nearest first, for one commodity: who handles it, whom to call,
 * and the step from a registry entry to a supplier in our books to a purchase.
 */
export function NearbyCooperatives() {
  const { t } = useTranslation();
  const coop = useCoop();
  const lang = currentLang();
  const { search } = useLocation();
  const commodityId = search.get(PURCHASE_PARAMS.commodity) || null;
  const kg = search.get(PURCHASE_PARAMS.kg) || null;
  const [within, setWithin] = useState<Nearness>('province');
  const commodities = useCommodities(coop.id);
  const commodity = commodities.data?.items.find((c) => c.id === commodityId);
  const nearby = useNearbyCooperatives(coop.id, { commodityId: commodityId ?? undefined, within });

  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {t('produce.nearby.hint')}
      </Text>
      {!coop.can('market.write') && (
        <Text size="sm" c="dimmed">
          {t('produce.nearby.noRight')}
        </Text>
      )}
      {kg && commodity && (
        <Alert
          color="orange"
          variant="light"
          icon={<IconInfoCircle />}
          title={t('produce.nearby.shortfall', { kg, commodity: commodity.name })}
        >
          {t('produce.nearby.shortfallHint')}
        </Alert>
      )}
      <Card padding="sm">
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          <Select
            size="md"
            label={t('produce.nearby.commodity')}
            placeholder={t('produce.nearby.anyCommodity')}
            data={(commodities.data?.items ?? [])
              .filter((c) => c.active || c.id === commodityId)
              .map((c) => ({ value: c.id, label: c.name }))}
            value={commodityId}
            // A different commodity is a different shortfall: the carried amount no longer applies.
            onChange={(id) => setSearch({ [PURCHASE_PARAMS.commodity]: id, [PURCHASE_PARAMS.kg]: null })}
            searchable
            clearable
          />
          <Select
            size="md"
            label={t('produce.nearby.within')}
            data={NEARNESS.map((n) => ({ value: n, label: NEARNESS_LABELS[n][lang] }))}
            value={within}
            allowDeselect={false}
            onChange={(v) => v && setWithin(v as Nearness)}
          />
        </SimpleGrid>
      </Card>
      {nearby.isPending ? (
        <Skeleton height={240} />
      ) : nearby.isError ? (
        <ErrorState error={nearby.error} onRetry={() => void nearby.refetch()} />
      ) : nearby.data.items.length === 0 ? (
        <EmptyState icon={IconBuildingStore} title={t('produce.nearby.empty')} description={t('produce.nearby.emptyHint')} />
      ) : (
        <>
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm" role="list" aria-label={t('produce.nearby.title')}>
            {nearby.data.items.map((c) => (
              <NearbyCard
                key={c.registryCooperativeId}
                coopRow={c}
                commodityId={commodityId}
                commodityName={commodity?.name ?? null}
                kg={kg}
              />
            ))}
          </SimpleGrid>
          {nearby.data.total > nearby.data.items.length && (
            <Text size="sm" c="dimmed" ta="center">
              {t('produce.nearby.shown', { shown: nearby.data.items.length, total: nearby.data.total })}
            </Text>
          )}
        </>
      )}
    </Stack>
  );
}

/** `Desa Patengan, Kec. Rancabali, Kabupaten Bandung, Jawa Barat`; a kelurahan's code has 1 after the district. */
function placeOf(c: NearbyCooperative): string {
  const village = c.villageName && `${c.villageCode.charAt(9) === '1' ? 'Kel.' : 'Desa'} ${c.villageName}`;
  const district = c.districtName && `Kec. ${c.districtName}`;
  return [village, district, c.regencyName, c.provinceName].filter(Boolean).join(', ');
}

function NearbyCard({
  coopRow: c,
  commodityId,
  commodityName,
  kg,
}: {
  coopRow: NearbyCooperative;
  commodityId: string | null;
  commodityName: string | null;
  kg: string | null;
}) {
  const { t } = useTranslation();
  const coop = useCoop();
  const lang = currentLang();
  const make = useSupplierFromRegistry(coop.id);
  // One key per card: a double tap or a retry after a lost answer makes one supplier.
  const { key, renewAfterError } = useIdempotencyKey();
  const [made, setMade] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const partnerId = c.partnerId ?? made;
  const place = placeOf(c);

  const makeSupplier = () => {
    setError(null);
    make.mutate(
      { body: { registryCooperativeId: c.registryCooperativeId }, idempotencyKey: key },
      {
        onSuccess: (p) => {
          setMade(p.id);
          notifications.show({ color: 'green', message: t('produce.nearby.madeSupplier', { name: p.name }) });
        },
        onError: (err) => {
          renewAfterError(err);
          setError(isApiError(err) ? err.message : t('errors.unexpected'));
        },
      },
    );
  };

  return (
    <Card padding="md" role="listitem" aria-label={c.name} withBorder>
      <Stack gap="xs" h="100%">
        <Stack gap={2}>
          <Text fw={700} fz="md">
            {c.name}
          </Text>
          <Text size="sm" c="dimmed">
            {place || c.villageCode}
          </Text>
        </Stack>
        <Group gap={6}>
          <Badge color={NEARNESS_COLOR[c.nearness]} variant="light" radius="sm" tt="none">
            {NEARNESS_LABELS[c.nearness][lang]}
          </Badge>
          {c.handlesCommodity && commodityName && (
            <Badge color="green" variant="filled" radius="sm" tt="none">
              {t('produce.nearby.handles', { commodity: commodityName })}
            </Badge>
          )}
          {c.agribusiness && (
            <Badge color="grape" variant="light" radius="sm" tt="none">
              {t('produce.nearby.agribusiness')}
            </Badge>
          )}
          {partnerId && (
            <Badge color="blue" variant="outline" radius="sm" tt="none">
              {t('produce.nearby.supplier')}
            </Badge>
          )}
        </Group>
        {c.contact ? (
          <Text size="sm">
            {t('produce.nearby.contact')}: <b>{c.contact.name}</b>
            {c.contact.position ? ` · ${c.contact.position}` : ''}
          </Text>
        ) : (
          <Text size="sm" c="dimmed">
            {t('produce.nearby.noContact')}
          </Text>
        )}
        {error && (
          <Text size="sm" c="red.8" role="alert">
            {error}
          </Text>
        )}
        <Group gap="sm" mt="auto" pt={4}>
          {c.contact?.phone && (
            <Button
              component="a"
              href={`tel:${c.contact.phone.replace(/[^\d+]/g, '')}`}
              size="md"
              variant="default"
              leftSection={<IconPhone size={18} />}
              aria-label={t('produce.nearby.call', { name: c.contact.name, phone: c.contact.phone })}
            >
              {c.contact.phone}
            </Button>
          )}
          {partnerId
            ? coop.can('produce.manage') && (
                <Button
                  component={Link}
                  href={newPurchasePath(coop.id, { partnerId, commodityId, kg })}
                  size="md"
                  leftSection={<IconShoppingCartPlus size={18} />}
                >
                  {t('produce.nearby.buy')}
                </Button>
              )
            : coop.can('market.write') && (
                <Button size="md" variant="light" leftSection={<IconUserPlus size={18} />} loading={make.isPending} onClick={makeSupplier}>
                  {t('produce.nearby.makeSupplier')}
                </Button>
              )}
        </Group>
      </Stack>
    </Card>
  );
}
