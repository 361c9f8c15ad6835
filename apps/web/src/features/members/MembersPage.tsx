import { MEMBER_STATUSES, STATUS_LABELS, formatMemberNumber, type MemberStatus } from '@kopdes/shared/members';
import { formatPhoneId } from '@kopdes/shared/phone';
import { Anchor, Badge, Button, Group, Select, SimpleGrid, Skeleton, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue, useMediaQuery } from '@mantine/hooks';
import { IconDownload, IconFileImport, IconFilterOff, IconSearch, IconUserPlus, IconUsers } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { coopPath, useCoop } from '../../app/coop.js';
import { useModuleRest } from '../../app/modules.js';
import { Link, setSearch, useLocation } from '../../app/router.js';
import { DataTable, type Column } from '../../components/DataTable.js';
import { EmptyState } from '../../components/EmptyState.js';
import { PageHeader } from '../../components/PageHeader.js';
import { ErrorState } from '../../components/States.js';
import { currentLang } from '../../i18n/index.js';
import { ImportWizard } from './ImportWizard.js';
import { MemberDetailPage } from './MemberDetail.js';
import { MemberFormPage } from './MemberForm.js';
import { exportHref, useFarmerGroups, useMembers, type Member } from './members-api.js';

/** Numbers that line up in a column and never wrap. */
export const NUM = { fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' } as const;

export const STATUS_COLORS: Record<MemberStatus, string> = { applicant: 'yellow', active: 'green', left: 'gray', deceased: 'dark' };

export function StatusBadge({ status }: { status: MemberStatus }) {
  return (
    <Badge color={STATUS_COLORS[status]} variant={status === 'active' ? 'dot' : 'light'}>
      {STATUS_LABELS[status][currentLang()]}
    </Badge>
  );
}

/** `anggota` → list, `anggota/baru`, `anggota/impor`, `anggota/<id>`, `anggota/<id>/ubah`. */
export default function MembersPage() {
  const rest = useModuleRest();
  const parts = rest.split('/').filter(Boolean);
  if (parts[0] === 'baru') return <MemberFormPage memberId={null} />;
  if (parts[0] === 'impor') return <ImportWizard />;
  if (parts[0] && parts[1] === 'ubah') return <MemberFormPage memberId={parts[0]} />;
  if (parts[0]) return <MemberDetailPage memberId={parts[0]} />;
  return <MemberList />;
}

function MemberList() {
  const { t } = useTranslation();
  const coop = useCoop();
  const lang = currentLang();
  const { search } = useLocation();
  const status = MEMBER_STATUSES.find((s) => s === search.get('status'));
  const farmerGroupId = search.get('poktan') ?? undefined;
  const [q, setQ] = useState(search.get('q') ?? '');
  const [debounced] = useDebouncedValue(q.trim(), 300);
  useEffect(() => setSearch({ q: debounced || null }), [debounced]);
  const filters = { q: search.get('q') ?? undefined, status, farmerGroupId };
  const list = useMembers(coop.id, filters);
  const groups = useFarmerGroups(coop.id);
  const canWrite = coop.can('members.write');
  const filtered = Boolean(filters.q || status || farmerGroupId);
  const phone = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const total = list.data?.pages[0]?.total;

  const columns: Column<Member>[] = [
    { key: 'number', header: t('members.number'), width: 72, render: (m) => <span style={NUM}>{formatMemberNumber(m.number)}</span> },
    {
      key: 'name',
      header: t('members.name'),
      primary: true,
      render: (m) => (
        <Anchor component={Link} href={coopPath(coop.id, `anggota/${m.id}`)} fw={600} aria-label={t('members.open', { name: m.fullName })}>
          {m.fullName}
        </Anchor>
      ),
    },
    { key: 'nik', header: t('members.nik'), render: (m) => <span style={NUM}>{m.nik}</span> },
    { key: 'phone', header: t('members.phone'), render: (m) => (m.phone ? formatPhoneId(m.phone) : '—') },
    { key: 'group', header: t('members.farmerGroup'), render: (m) => m.farmerGroup?.name ?? t('members.noGroup') },
    { key: 'status', header: t('members.status'), render: (m) => <StatusBadge status={m.status} /> },
  ];

  return (
    <>
      <PageHeader
        title={t('members.title')}
        description={t('members.description')}
        actions={
          <>
            {canWrite && (
              <Button leftSection={<IconUserPlus size={18} />} component={Link} href={coopPath(coop.id, 'anggota/baru')}>
                {t('members.add')}
              </Button>
            )}
            {canWrite && (
              <Button
                variant="default"
                leftSection={<IconFileImport size={18} />}
                component={Link}
                href={coopPath(coop.id, 'anggota/impor')}
              >
                {t('members.importButton')}
              </Button>
            )}
            <Button variant="default" leftSection={<IconDownload size={18} />} component="a" href={exportHref(coop.id, filters)} download>
              {t('members.export')}
            </Button>
          </>
        }
      />
      <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="sm" mb="md">
        <TextInput
          label={t('members.search')}
          placeholder={t('members.searchPlaceholder')}
          leftSection={<IconSearch size={16} />}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          type="search"
          style={{ gridColumn: phone ? '1 / -1' : undefined }}
        />
        <Select
          label={t('members.status')}
          placeholder={t('members.allStatuses')}
          clearable
          data={MEMBER_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s][lang] }))}
          value={status ?? null}
          onChange={(v) => setSearch({ status: v })}
        />
        <Select
          label={t('members.farmerGroup')}
          placeholder={t('members.allGroups')}
          clearable
          data={(groups.data?.items ?? []).map((g) => ({ value: g.id, label: g.name }))}
          value={farmerGroupId ?? null}
          onChange={(v) => setSearch({ poktan: v })}
        />
      </SimpleGrid>
      <Group justify="space-between" mb="sm" mih={30}>
        <Text size="sm" c="dimmed" aria-live="polite">
          {total !== undefined ? t('members.count', { count: total }) : ''}
        </Text>
        {filtered && (
          <Button
            variant="subtle"
            size="compact-sm"
            leftSection={<IconFilterOff size={16} />}
            onClick={() => {
              setQ('');
              setSearch({ q: null, status: null, poktan: null });
            }}
          >
            {t('members.clearFilters')}
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
            caption={t('members.title')}
            rows={rows}
            columns={columns}
            rowKey={(m) => m.id}
            empty={
              filtered ? (
                <EmptyState icon={IconSearch} title={t('members.noMatch')} description={t('members.noMatchText')} />
              ) : (
                <EmptyState icon={IconUsers} title={t('members.empty')} description={t('members.emptyText')} />
              )
            }
          />
          {list.hasNextPage && (
            <Button
              variant="default"
              onClick={() => void list.fetchNextPage()}
              loading={list.isFetchingNextPage}
              style={{ alignSelf: 'center' }}
            >
              {t('members.loadMore')}
            </Button>
          )}
        </Stack>
      )}
    </>
  );
}
