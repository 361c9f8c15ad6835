import { Anchor, Button, Card, Select, SimpleGrid, Skeleton, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCoop } from '../../app/coop.js';
import { Link } from '../../app/router.js';
import { DataTable, type Column } from '../../components/DataTable.js';
import { EmptyState } from '../../components/EmptyState.js';
import { PageHeader } from '../../components/PageHeader.js';
import { ErrorState } from '../../components/States.js';
import { producePath } from './nav.js';
import { useClusters, useCommodities, useFarmers, type Farmer } from './produce-api.js';

const PAGE = 25;
const m2 = (n: number) => n.toLocaleString('id-ID');

/** Farmers who supply the cooperative, with their group, cluster, plots and what they grow. */
export function FarmersScreen() {
  const { t } = useTranslation();
  const coop = useCoop();
  const [q, setQ] = useState('');
  const [search] = useDebouncedValue(q.trim(), 300);
  const [clusterId, setClusterId] = useState<string | null>(null);
  const [shown, setShown] = useState(PAGE);
  const farmers = useFarmers(coop.id, { q: search || undefined, clusterId: clusterId ?? undefined });
  const clusters = useClusters(coop.id);
  const commodities = useCommodities(coop.id);
  const nameOf = new Map((commodities.data?.items ?? []).map((c) => [c.id, c.name]));
  const all = farmers.data?.items ?? [];
  const rows = all.slice(0, shown);

  const columns: Column<Farmer>[] = [
    {
      key: 'name',
      header: t('produce.farmers.farmer'),
      primary: true,
      render: (f) => (
        <Anchor
          component={Link}
          href={producePath(coop.id, `petani/${f.memberId}`)}
          fw={600}
          aria-label={t('produce.farmers.open', { name: f.fullName })}
        >
          {f.fullName}{' '}
          <Text span size="xs" c="dimmed">
            No. {f.number}
          </Text>
        </Anchor>
      ),
    },
    { key: 'group', header: t('produce.farmers.group'), render: (f) => f.farmerGroup?.name ?? '—' },
    { key: 'cluster', header: t('produce.farmers.cluster'), render: (f) => f.cluster?.name ?? '—' },
    {
      key: 'plots',
      header: t('produce.farmers.plots'),
      align: 'right',
      render: (f) => {
        const active = f.plots.filter((p) => p.active);
        return active.length
          ? t('produce.farmers.plotsText', { count: active.length, area: m2(active.reduce((s, p) => s + p.areaM2, 0)) })
          : '—';
      },
    },
    {
      key: 'grows',
      header: t('produce.farmers.grows'),
      render: (f) => {
        const names = f.commodityIds.map((id) => nameOf.get(id) ?? '').filter(Boolean);
        return names.length > 3 ? `${names.slice(0, 3).join(', ')} +${names.length - 3}` : names.join(', ') || '—';
      },
    },
  ];

  return (
    <>
      <PageHeader title={t('produce.farmers.title')} description={t('produce.farmers.description')} />
      <Stack gap="md">
        <Card padding="sm">
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
            <TextInput
              size="md"
              label={t('produce.farmers.search')}
              placeholder={t('produce.farmers.searchPlaceholder')}
              leftSection={<IconSearch size={16} />}
              value={q}
              onChange={(e) => {
                setQ(e.currentTarget.value);
                setShown(PAGE);
              }}
              autoComplete="off"
            />
            <Select
              size="md"
              label={t('produce.farmers.cluster')}
              placeholder={t('produce.farmers.allClusters')}
              data={(clusters.data?.items ?? []).map((c) => ({ value: c.id, label: `${c.name} (${c.farmers})` }))}
              value={clusterId}
              onChange={(v) => {
                setClusterId(v);
                setShown(PAGE);
              }}
              clearable
            />
          </SimpleGrid>
        </Card>
        {farmers.isPending ? (
          <Skeleton height={320} />
        ) : farmers.isError ? (
          <ErrorState error={farmers.error} onRetry={() => void farmers.refetch()} />
        ) : (
          <>
            <DataTable
              caption={t('produce.farmers.title')}
              rows={rows}
              columns={columns}
              rowKey={(f) => f.memberId}
              empty={<EmptyState title={search || clusterId ? t('produce.farmers.emptyFiltered') : t('produce.farmers.empty')} />}
            />
            {all.length > rows.length && (
              <Stack gap={4} align="center">
                <Text size="sm" c="dimmed">
                  {t('produce.farmers.shown', { shown: rows.length, total: all.length })}
                </Text>
                <Button variant="default" onClick={() => setShown((n) => n + PAGE)}>
                  {t('produce.stock.more', { count: Math.min(PAGE, all.length - rows.length) })}
                </Button>
              </Stack>
            )}
          </>
        )}
      </Stack>
    </>
  );
}
