import { PARTNER_KINDS, PARTNER_KIND_LABELS } from '@kopdes/shared/market';
import { Badge, Button, Card, Select, SimpleGrid, Skeleton, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCoop } from '../../app/coop.js';
import { navigate } from '../../app/router.js';
import { DataTable, type Column } from '../../components/DataTable.js';
import { EmptyState } from '../../components/EmptyState.js';
import { PageHeader } from '../../components/PageHeader.js';
import { ErrorState } from '../../components/States.js';
import { currentLang } from '../../i18n/index.js';
import { usePartners, type Partner } from './market-api.js';
import { marketPath } from './nav.js';
import { PartnerForm } from './PartnerForm.js';

export function PartnersScreen() {
  const { t } = useTranslation();
  const coop = useCoop();
  const lang = currentLang();
  const [q, setQ] = useState('');
  const [kind, setKind] = useState<string | null>(null);
  const [active, setActive] = useState<'true' | 'false' | 'all'>('true');
  const [creating, setCreating] = useState(false);
  const [typed] = useDebouncedValue(q.trim(), 250);
  const partners = usePartners(coop.id, { q: typed || undefined, kind: kind ?? undefined, active });

  const columns: Column<Partner>[] = [
    {
      key: 'name',
      header: t('market.partners.name'),
      primary: true,
      render: (p) => (
        <Stack gap={0}>
          <Text fw={600} size="sm">
            {p.name}
          </Text>
          <Text size="xs" c="dimmed" ff="monospace">
            {p.code}
          </Text>
        </Stack>
      ),
    },
    {
      key: 'kind',
      header: t('market.partners.kind'),
      render: (p) => (
        <>
          {PARTNER_KIND_LABELS[p.kind][lang]}
          {p.isMember && (
            <Badge color="teal" variant="light" ml={6}>
              {t('market.partners.memberBadge')}
            </Badge>
          )}
          {!p.active && (
            <Badge color="gray" variant="light" ml={6}>
              {t('market.partners.inactive')}
            </Badge>
          )}
        </>
      ),
    },
    { key: 'stores', header: t('market.partners.stores'), align: 'right', render: (p) => p.stores.filter((s) => s.active).length },
    {
      key: 'terms',
      header: t('market.partners.terms'),
      align: 'right',
      render: (p) => (p.paymentTermsDays ? t('market.partners.termsDays', { count: p.paymentTermsDays }) : t('market.partners.cash')),
    },
    {
      key: 'open',
      header: '',
      actions: true,
      align: 'right',
      render: (p) => (
        <Button
          variant="default"
          size="sm"
          onClick={() => navigate(marketPath(coop.id, `mitra/${p.id}`))}
          aria-label={t('market.partners.openOne', { name: p.name })}
        >
          {t('market.open')}
        </Button>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('market.partners.title')}
        description={t('market.partners.description')}
        actions={
          coop.can('market.write') && (
            <Button leftSection={<IconPlus size={18} />} onClick={() => setCreating(true)}>
              {t('market.partners.new')}
            </Button>
          )
        }
      />
      <Stack gap="md">
        <Card padding="sm">
          <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
            <TextInput
              label={t('market.partners.search')}
              leftSection={<IconSearch size={16} />}
              value={q}
              onChange={(e) => setQ(e.currentTarget.value)}
              autoComplete="off"
            />
            <Select
              label={t('market.partners.kind')}
              placeholder={t('market.partners.allKinds')}
              data={PARTNER_KINDS.map((k) => ({ value: k, label: PARTNER_KIND_LABELS[k][lang] }))}
              value={kind}
              onChange={setKind}
              clearable
            />
            <Select
              label={t('market.partners.status')}
              data={[
                { value: 'true', label: t('market.partners.activeOnly') },
                { value: 'false', label: t('market.partners.inactiveOnly') },
                { value: 'all', label: t('market.partners.all') },
              ]}
              value={active}
              allowDeselect={false}
              onChange={(v) => setActive((v ?? 'true') as typeof active)}
            />
          </SimpleGrid>
        </Card>
        {partners.isPending ? (
          <Skeleton height={240} />
        ) : partners.isError ? (
          <ErrorState error={partners.error} onRetry={() => void partners.refetch()} />
        ) : (
          <DataTable
            caption={t('market.partners.title')}
            rows={partners.data.items}
            columns={columns}
            rowKey={(p) => p.id}
            empty={<EmptyState title={typed || kind ? t('market.partners.emptyFiltered') : t('market.partners.empty')} />}
          />
        )}
      </Stack>
      {creating && <PartnerForm onClose={() => setCreating(false)} />}
    </>
  );
}
