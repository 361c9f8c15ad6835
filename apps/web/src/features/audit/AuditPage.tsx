import '@mantine/dates/styles.css';
import 'dayjs/locale/id';
import { Badge, Button, Card, Center, Collapse, Group, Modal, Select, SimpleGrid, Skeleton, Stack, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { DatePickerInput, DatesProvider } from '@mantine/dates';
import { IconFilter, IconFilterOff, IconHistory } from '@tabler/icons-react';
import i18next from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCoop } from '../../app/coop.js';
import { setSearch, useLocation } from '../../app/router.js';
import { DataTable, type Column } from '../../components/DataTable.js';
import { DateText } from '../../components/DateText.js';
import { EmptyState } from '../../components/EmptyState.js';
import { PageHeader } from '../../components/PageHeader.js';
import { ErrorState } from '../../components/States.js';
import { currentLang } from '../../i18n/index.js';
import { useAuditLog, type AuditEntry, type AuditFilters } from './audit-api.js';
import { ChangesView } from './ChangesView.js';

/** Every `group.verb` the dictionary names: modules add theirs under `auditActions`. */
function knownActions(): string[] {
  const tree = (i18next.getResource(currentLang(), 'translation', 'auditActions') ?? {}) as Record<string, Record<string, string>>;
  return Object.entries(tree).flatMap(([group, verbs]) => Object.keys(verbs).map((v) => `${group}.${v}`));
}

function knownEntities(): string[] {
  return Object.keys((i18next.getResource(currentLang(), 'translation', 'auditEntities') ?? {}) as Record<string, string>);
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export default function AuditPage() {
  const { t } = useTranslation();
  const coop = useCoop();
  const { search } = useLocation();
  const day = (k: string) => {
    const v = search.get(k);
    return v && DAY.test(v) ? v : undefined;
  };
  const filters: AuditFilters = {
    action: search.get('tindakan') ?? undefined,
    entityType: search.get('data') ?? undefined,
    from: day('dari'),
    to: day('sampai'),
  };
  const log = useAuditLog(coop.id, coop.timeZone, filters);
  const [open, setOpen] = useState<AuditEntry | null>(null);
  const active = Object.values(filters).filter(Boolean).length;
  const filtered = active > 0;
  // On a phone the filters fold away so the records come first.
  const phone = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
  const [showFilters, setShowFilters] = useState(false);

  const actionLabel = (a: string) => t(`auditActions.${a}`, { defaultValue: a });
  const entityLabel = (e: string) => t(`auditEntities.${e}`, { defaultValue: e });

  const columns: Column<AuditEntry>[] = [
    {
      key: 'at',
      header: t('audit.when'),
      render: (e) => (
        <span style={{ whiteSpace: 'nowrap' }}>
          <DateText instant={e.at} />
        </span>
      ),
    },
    {
      key: 'action',
      header: t('audit.action'),
      primary: true,
      // An action no dictionary names yet shows its code rather than a made-up label.
      render: (e) =>
        i18next.exists(`auditActions.${e.action}`) ? (
          actionLabel(e.action)
        ) : (
          <Text component="span" ff="monospace" size="sm">
            {e.action}
          </Text>
        ),
    },
    { key: 'who', header: t('audit.who'), render: (e) => (e.actorId ? e.actorLabel : t('audit.system')) },
    {
      key: 'entity',
      header: t('audit.entity'),
      render: (e) => (
        <Stack gap={0}>
          <span>{entityLabel(e.entityType)}</span>
          {e.entityId && (
            <Text size="xs" c="dimmed" ff="monospace" style={{ overflowWrap: 'anywhere' }}>
              {e.entityId}
            </Text>
          )}
        </Stack>
      ),
    },
    {
      key: 'details',
      header: t('audit.details'),
      actions: true,
      align: 'right',
      render: (e) => (
        <Button
          variant="subtle"
          size="compact-sm"
          onClick={() => setOpen(e)}
          aria-label={t('audit.showDetails', { action: actionLabel(e.action) })}
        >
          {t('audit.show')}
        </Button>
      ),
    },
  ];

  const rows = log.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <>
      <PageHeader
        title={t('audit.title')}
        description={t('audit.description')}
        actions={
          phone && (
            <Button
              variant="default"
              leftSection={<IconFilter size={18} />}
              rightSection={
                active ? (
                  <Badge size="sm" circle>
                    {active}
                  </Badge>
                ) : null
              }
              onClick={() => setShowFilters((v) => !v)}
              aria-expanded={showFilters}
            >
              {t('audit.filterButton')}
            </Button>
          )
        }
      />
      <DatesProvider settings={{ locale: currentLang(), firstDayOfWeek: 1 }}>
        <Collapse in={!phone || showFilters}>
          <Card padding="md" mb="md" component="section" aria-label={t('audit.filters')}>
            <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
              <Select
                label={t('audit.filterAction')}
                placeholder={t('audit.all')}
                data={knownActions().map((a) => ({ value: a, label: actionLabel(a) }))}
                value={filters.action ?? null}
                onChange={(v) => setSearch({ tindakan: v })}
                searchable
                clearable
              />
              <Select
                label={t('audit.filterEntity')}
                placeholder={t('audit.all')}
                data={knownEntities().map((e) => ({ value: e, label: entityLabel(e) }))}
                value={filters.entityType ?? null}
                onChange={(v) => setSearch({ data: v })}
                clearable
              />
              <DatePickerInput
                size="md"
                label={t('audit.from')}
                placeholder={t('audit.anyDate')}
                valueFormat="D MMMM YYYY"
                value={filters.from ?? null}
                maxDate={filters.to}
                onChange={(v) => setSearch({ dari: v })}
                clearable
              />
              <DatePickerInput
                size="md"
                label={t('audit.to')}
                placeholder={t('audit.anyDate')}
                valueFormat="D MMMM YYYY"
                value={filters.to ?? null}
                minDate={filters.from}
                onChange={(v) => setSearch({ sampai: v })}
                clearable
              />
            </SimpleGrid>
            {filtered && (
              <Group justify="flex-end" mt="sm">
                <Button
                  variant="subtle"
                  size="sm"
                  leftSection={<IconFilterOff size={16} />}
                  onClick={() => setSearch({ tindakan: null, data: null, dari: null, sampai: null })}
                >
                  {t('audit.clearFilters')}
                </Button>
              </Group>
            )}
          </Card>
        </Collapse>
      </DatesProvider>

      {log.isPending ? (
        <Skeleton height={280} />
      ) : log.isError ? (
        <ErrorState error={log.error} onRetry={() => void log.refetch()} />
      ) : (
        <>
          <DataTable
            caption={t('audit.title')}
            rows={rows}
            columns={columns}
            rowKey={(e) => e.id}
            empty={
              <Card>
                <EmptyState icon={IconHistory} title={filtered ? t('audit.emptyFiltered') : t('audit.empty')} />
              </Card>
            }
          />
          {rows.length > 0 && (
            <Center mt="md">
              {log.hasNextPage ? (
                <Button variant="default" onClick={() => void log.fetchNextPage()} loading={log.isFetchingNextPage}>
                  {t('audit.loadMore')}
                </Button>
              ) : (
                <Text size="sm" c="dimmed">
                  {t('audit.end', { count: rows.length })}
                </Text>
              )}
            </Center>
          )}
        </>
      )}

      <Modal opened={open !== null} onClose={() => setOpen(null)} title={open ? actionLabel(open.action) : ''} size="lg" radius="md">
        {open && (
          <Stack gap="sm">
            <Text size="sm" c="dimmed">
              <DateText instant={open.at} /> · {open.actorId ? open.actorLabel : t('audit.system')}
            </Text>
            <ChangesView changes={open.changes} />
            {open.requestId && (
              <Text size="xs" c="dimmed">
                {t('audit.requestId')}: <span style={{ fontFamily: 'monospace' }}>{open.requestId}</span>
              </Text>
            )}
          </Stack>
        )}
      </Modal>
    </>
  );
}
