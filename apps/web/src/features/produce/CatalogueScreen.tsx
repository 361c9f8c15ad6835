import { GRADE_LABELS, STORAGE_LABELS, UOM_LABELS } from '@kopdes/shared/produce';
import { Anchor, Badge, Button, Skeleton, Stack, Switch, Text, TextInput } from '@mantine/core';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCoop } from '../../app/coop.js';
import { Link } from '../../app/router.js';
import { DataTable, type Column } from '../../components/DataTable.js';
import { EmptyState } from '../../components/EmptyState.js';
import { PageHeader } from '../../components/PageHeader.js';
import { ErrorState } from '../../components/States.js';
import { currentLang } from '../../i18n/index.js';
import { CommodityDialog } from './CommodityDialog.js';
import { producePath } from './nav.js';
import { useCommodities, type Commodity } from './produce-api.js';

/** The catalogue: what the cooperative buys, in which unit, how it is graded and how long it keeps. */
export function CatalogueScreen() {
  const { t } = useTranslation();
  const coop = useCoop();
  const lang = currentLang();
  const commodities = useCommodities(coop.id);
  const [q, setQ] = useState('');
  const [inactive, setInactive] = useState(false);
  const [adding, setAdding] = useState(false);
  const canManage = coop.can('produce.manage');

  const needle = q.trim().toLowerCase();
  const rows = (commodities.data?.items ?? []).filter(
    (c) => (inactive || c.active) && (!needle || c.name.toLowerCase().includes(needle) || c.code.toLowerCase().includes(needle)),
  );
  const columns: Column<Commodity>[] = [
    {
      key: 'name',
      header: t('produce.catalogue.commodity'),
      primary: true,
      render: (c) => (
        <Anchor
          component={Link}
          href={producePath(coop.id, `katalog/${c.id}`)}
          fw={600}
          aria-label={t('produce.catalogue.open', { name: c.name })}
        >
          {c.name}{' '}
          <Text span size="xs" c="dimmed" ff="monospace">
            {c.code}
          </Text>
        </Anchor>
      ),
    },
    { key: 'unit', header: t('produce.catalogue.unit'), render: (c) => UOM_LABELS[c.unit][lang] },
    {
      key: 'keep',
      header: t('produce.catalogue.keeps'),
      render: (c) =>
        t('produce.catalogue.keepsText', { storage: STORAGE_LABELS[c.storageClass][lang], count: c.shelfLifeDays[c.storageClass] ?? 0 }),
    },
    {
      key: 'grades',
      header: t('produce.catalogue.grades'),
      render: (c) => c.grades.map((g) => GRADE_LABELS[g.grade][lang]).join(', '),
    },
    {
      key: 'packs',
      header: t('produce.catalogue.packFormats'),
      align: 'right',
      render: (c) => c.packFormats.filter((f) => f.active).length,
    },
  ];
  // Every listed commodity is in use unless the old ones are shown too.
  if (inactive)
    columns.push({
      key: 'status',
      header: t('produce.catalogue.status'),
      render: (c) => (
        <Badge variant="light" color={c.active ? 'green' : 'gray'} tt="none">
          {c.active ? t('produce.catalogue.active') : t('produce.catalogue.inactive')}
        </Badge>
      ),
    });

  return (
    <>
      <PageHeader
        title={t('produce.catalogue.title')}
        description={t('produce.catalogue.description')}
        actions={
          canManage && (
            <Button leftSection={<IconPlus size={18} />} onClick={() => setAdding(true)}>
              {t('produce.catalogue.add')}
            </Button>
          )
        }
      />
      <Stack gap="md">
        <TextInput
          size="md"
          aria-label={t('produce.catalogue.search')}
          placeholder={t('produce.catalogue.search')}
          leftSection={<IconSearch size={16} />}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          autoComplete="off"
          maw={420}
        />
        <Switch label={t('produce.catalogue.showInactive')} checked={inactive} onChange={(e) => setInactive(e.currentTarget.checked)} />
        {commodities.isPending ? (
          <Skeleton height={320} />
        ) : commodities.isError ? (
          <ErrorState error={commodities.error} onRetry={() => void commodities.refetch()} />
        ) : (
          <DataTable
            caption={t('produce.catalogue.title')}
            rows={rows}
            columns={columns}
            rowKey={(c) => c.id}
            empty={<EmptyState title={t('produce.catalogue.empty')} />}
          />
        )}
      </Stack>
      {adding && <CommodityDialog commodity={null} onClose={() => setAdding(false)} />}
    </>
  );
}
