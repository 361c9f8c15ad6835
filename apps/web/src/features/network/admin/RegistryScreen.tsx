import { FORMATION_MODEL_LABELS, FORMATION_MODELS } from '@kopdes/shared/network';
import { Anchor, Badge, Button, Group, Select, SimpleGrid, Skeleton, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconBuildingCommunity, IconFilterOff, IconSearch } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, setSearch, useLocation } from '../../../app/router.js';
import { DataTable, type Column } from '../../../components/DataTable.js';
import { EmptyState } from '../../../components/EmptyState.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { ErrorState } from '../../../components/States.js';
import { count, labelOf } from '../labels.js';
import { useDashboard, useRegistry, type RegistryFilters, type RegistryItem } from '../network-api.js';
import { adminPath } from '../nav.js';

const FILTER_KEYS = ['q', 'province', 'regency', 'formationModel', 'governance', 'synthetic'] as const;

/** Every cooperative in the registry, found by village name or code and filtered by area, model and governance. */
export function RegistryScreen() {
  const { t } = useTranslation();
  const { search } = useLocation();
  const [q, setQ] = useState(search.get('q') ?? '');
  const [debounced] = useDebouncedValue(q.trim(), 300);
  useEffect(() => setSearch({ q: debounced.length >= 2 ? debounced : null }), [debounced]);
  const f: RegistryFilters = Object.fromEntries(FILTER_KEYS.map((k) => [k, search.get(k) ?? undefined]));
  const list = useRegistry(f);
  // Province and regency names come from the national and province dashboards (cached, small).
  const provinces = useDashboard({ level: 'national' });
  const regencies = useDashboard({ level: 'province', code: f.province }, Boolean(f.province));
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  // The total is the same on every page; the first one says it.
  const total = list.data?.pages[0]?.total;
  const filtered = FILTER_KEYS.some((k) => f[k]);

  const columns: Column<RegistryItem>[] = [
    {
      key: 'name',
      header: t('network.registry.name'),
      primary: true,
      render: (c) => (
        <Anchor component={Link} href={adminPath('koperasi', c.cooperativeId)} fw={600}>
          {c.name}
        </Anchor>
      ),
    },
    {
      key: 'area',
      header: t('network.registry.area'),
      render: (c) => (c.village ? `${c.village.regency.name}, ${c.village.province.name}` : c.villageCode),
    },
    {
      key: 'model',
      header: t('network.registry.formationModel'),
      render: (c) => (c.formationModel ? labelOf(FORMATION_MODEL_LABELS, c.formationModel) : '—'),
    },
    {
      key: 'gov',
      header: t('network.registry.governance'),
      width: 200,
      render: (c) =>
        c.governanceIssues.length ? (
          <Badge color="red" variant="light">
            {t('network.registry.issues', { count: c.governanceIssues.length })}
          </Badge>
        ) : (
          <Badge color="green" variant="light">
            {t('network.registry.noIssues')}
          </Badge>
        ),
    },
    {
      key: 'units',
      header: t('network.registry.units'),
      align: 'right',
      render: (c) => (
        <>
          {c.businessUnits.length}
          {c.synthetic && (
            <Badge ml={6} size="xs" color="grape" variant="light">
              {t('network.registry.synthetic')}
            </Badge>
          )}
        </>
      ),
    },
  ];

  return (
    <>
      <PageHeader title={t('network.registry.title')} description={t('network.registry.description')} />
      <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="sm" mb="md">
        <TextInput
          label={t('network.registry.search')}
          placeholder={t('network.registry.searchPlaceholder')}
          leftSection={<IconSearch size={16} />}
          type="search"
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          style={{ gridColumn: '1 / -1' }}
        />
        <Select
          label={t('network.registry.province')}
          placeholder={t('network.registry.all')}
          clearable
          searchable
          data={(provinces.data?.children ?? []).map((p) => ({ value: p.code, label: p.name }))}
          value={f.province ?? null}
          onChange={(v) => setSearch({ province: v, regency: null })}
          comboboxProps={{ withinPortal: true }}
        />
        <Select
          label={t('network.registry.regency')}
          placeholder={f.province ? t('network.registry.all') : t('network.registry.pickProvince')}
          clearable
          searchable
          disabled={!f.province}
          data={f.province ? (regencies.data?.children ?? []).map((r) => ({ value: r.code, label: r.name })) : []}
          value={f.regency ?? null}
          onChange={(v) => setSearch({ regency: v })}
          comboboxProps={{ withinPortal: true }}
        />
        <Select
          label={t('network.registry.formationModel')}
          placeholder={t('network.registry.all')}
          clearable
          data={FORMATION_MODELS.map((m) => ({ value: m, label: labelOf(FORMATION_MODEL_LABELS, m) }))}
          value={f.formationModel ?? null}
          onChange={(v) => setSearch({ formationModel: v })}
          comboboxProps={{ withinPortal: true }}
        />
        <Select
          label={t('network.registry.governance')}
          placeholder={t('network.registry.all')}
          clearable
          data={[
            { value: 'ok', label: t('network.registry.noIssues') },
            { value: 'issues', label: t('network.registry.withIssues') },
          ]}
          value={f.governance ?? null}
          onChange={(v) => setSearch({ governance: v })}
          comboboxProps={{ withinPortal: true }}
        />
        <Select
          label={t('network.registry.source')}
          placeholder={t('network.registry.all')}
          clearable
          data={[
            { value: 'false', label: t('network.registry.real') },
            { value: 'true', label: t('network.registry.synthetic') },
          ]}
          value={f.synthetic ?? null}
          onChange={(v) => setSearch({ synthetic: v })}
          comboboxProps={{ withinPortal: true }}
        />
      </SimpleGrid>
      <Group justify="space-between" mb="sm" mih={30}>
        <Text size="sm" fw={600} aria-live="polite" data-testid="registry-total">
          {total !== undefined ? t('network.registry.total', { count: total, total: count(total) }) : ''}
        </Text>
        {filtered && (
          <Button
            variant="subtle"
            size="compact-sm"
            leftSection={<IconFilterOff size={16} />}
            onClick={() => {
              setQ('');
              setSearch(Object.fromEntries(FILTER_KEYS.map((k) => [k, null])));
            }}
          >
            {t('network.registry.clear')}
          </Button>
        )}
      </Group>
      {list.isPending ? (
        <Skeleton height={320} />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Stack gap="md">
          <DataTable
            caption={t('network.registry.title')}
            rows={rows}
            columns={columns}
            rowKey={(c) => c.cooperativeId}
            empty={
              <EmptyState
                icon={filtered ? IconSearch : IconBuildingCommunity}
                title={filtered ? t('network.registry.noMatch') : t('network.registry.empty')}
                description={filtered ? t('network.registry.noMatchText') : undefined}
              />
            }
          />
          {list.hasNextPage && (
            <Button
              variant="default"
              onClick={() => void list.fetchNextPage()}
              loading={list.isFetchingNextPage}
              style={{ alignSelf: 'center' }}
            >
              {t('network.common.loadMore')}
            </Button>
          )}
          {rows.length > 0 && total !== undefined && (
            <Text size="xs" c="dimmed" ta="center" data-testid="registry-paging">
              {rows.length < total
                ? t('network.registry.shownOf', { count: total, shown: count(rows.length), total: count(total) })
                : t('network.registry.allShown', { count: total, total: count(total) })}
            </Text>
          )}
        </Stack>
      )}
    </>
  );
}
