import '@mantine/dates/styles.css';
import 'dayjs/locale/id';
import { Badge, Button, Card, Center, Collapse, Group, Select, SimpleGrid, Skeleton, Stack, Text, VisuallyHidden } from '@mantine/core';
import { DatePickerInput, DatesProvider } from '@mantine/dates';
import { useMediaQuery } from '@mantine/hooks';
import { IconBook2, IconFilter, IconFilterOff, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCoop } from '../../app/coop.js';
import { Link, setSearch, useLocation } from '../../app/router.js';
import { DataTable, type Column } from '../../components/DataTable.js';
import { DateText } from '../../components/DateText.js';
import { EmptyState } from '../../components/EmptyState.js';
import { Money } from '../../components/Money.js';
import { ErrorState } from '../../components/States.js';
import { currentLang } from '../../i18n/index.js';
import { EntryDialog } from './EntryDialog.js';
import { EntryStatus } from './EntryStatus.js';
import { useJournal, type JournalEntry, type JournalFilters } from './ledger-api.js';
import { ledgerPath, NEW_ENTRY_PATH } from './paths.js';
import { KNOWN_SOURCES, useSourceLabel } from './labels.js';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function JournalView() {
  const { t } = useTranslation();
  const coop = useCoop();
  const { search } = useLocation();
  const day = (k: string) => {
    const v = search.get(k);
    return v && DAY.test(v) ? v : undefined;
  };
  const filters: JournalFilters = { from: day('dari'), to: day('sampai'), sourceModule: search.get('sumber') ?? undefined };
  const journal = useJournal(coop.id, filters);
  const sourceLabel = useSourceLabel();
  const openId = search.get('lihat');
  const active = Object.values(filters).filter(Boolean).length;
  const phone = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
  const [showFilters, setShowFilters] = useState(false);
  const canPost = coop.can('ledger.post');

  const columns: Column<JournalEntry>[] = [
    {
      key: 'number',
      header: t('ledger.journal.number'),
      primary: true,
      render: (e) => (
        <Stack gap={4} align="flex-start">
          <Text component="span" inherit ff="monospace" style={{ whiteSpace: 'nowrap' }}>
            {e.number}
          </Text>
          <EntryStatus entry={e} />
        </Stack>
      ),
    },
    {
      key: 'date',
      header: t('ledger.journal.date'),
      render: (e) => (
        <span style={{ whiteSpace: 'nowrap' }}>
          <DateText date={e.date} />
        </span>
      ),
    },
    {
      key: 'memo',
      header: t('ledger.journal.memo'),
      render: (e) => (
        <Text size="sm" lineClamp={2} maw={360}>
          {e.memo}
        </Text>
      ),
    },
    { key: 'source', header: t('ledger.journal.source'), render: (e) => sourceLabel(e.source.module) },
    { key: 'total', header: t('ledger.journal.total'), align: 'right', render: (e) => <Money value={e.total} /> },
    {
      key: 'open',
      header: <VisuallyHidden>{t('ledger.journal.open')}</VisuallyHidden>,
      actions: true,
      align: 'right',
      render: (e) => (
        <Button
          variant="subtle"
          size="compact-sm"
          onClick={() => setSearch({ lihat: e.id })}
          aria-label={t('ledger.journal.openEntry', { number: e.number })}
        >
          {t('ledger.journal.open')}
        </Button>
      ),
    },
  ];

  const rows = journal.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <>
      <Group justify="space-between" mb="md" gap="sm">
        {canPost ? (
          <Button component={Link} href={ledgerPath(coop.id, NEW_ENTRY_PATH)} leftSection={<IconPlus size={18} />}>
            {t('ledger.journal.newEntry')}
          </Button>
        ) : (
          <span />
        )}
        {phone && (
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
            {t('ledger.journal.filterButton')}
          </Button>
        )}
      </Group>
      <DatesProvider settings={{ locale: currentLang(), firstDayOfWeek: 1 }}>
        <Collapse in={!phone || showFilters}>
          <Card padding="md" mb="md" component="section" aria-label={t('ledger.journal.filters')}>
            <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
              <DatePickerInput
                size="md"
                label={t('ledger.journal.from')}
                valueFormat="D MMMM YYYY"
                value={filters.from ?? null}
                maxDate={filters.to}
                onChange={(v) => setSearch({ dari: v })}
                clearable
              />
              <DatePickerInput
                size="md"
                label={t('ledger.journal.to')}
                valueFormat="D MMMM YYYY"
                value={filters.to ?? null}
                minDate={filters.from}
                onChange={(v) => setSearch({ sampai: v })}
                clearable
              />
              <Select
                label={t('ledger.journal.source')}
                placeholder={t('ledger.journal.allSources')}
                data={KNOWN_SOURCES.map((s) => ({ value: s, label: sourceLabel(s) }))}
                value={filters.sourceModule ?? null}
                onChange={(v) => setSearch({ sumber: v })}
                clearable
              />
            </SimpleGrid>
            {active > 0 && (
              <Group justify="flex-end" mt="sm">
                <Button
                  variant="subtle"
                  size="sm"
                  leftSection={<IconFilterOff size={16} />}
                  onClick={() => setSearch({ dari: null, sampai: null, sumber: null })}
                >
                  {t('ledger.journal.clearFilters')}
                </Button>
              </Group>
            )}
          </Card>
        </Collapse>
      </DatesProvider>

      {journal.isPending ? (
        <Skeleton height={280} />
      ) : journal.isError ? (
        <ErrorState error={journal.error} onRetry={() => void journal.refetch()} />
      ) : (
        <>
          <DataTable
            caption={t('ledger.journal.caption')}
            rows={rows}
            columns={columns}
            rowKey={(e) => e.id}
            empty={
              <Card>
                <EmptyState icon={IconBook2} title={active ? t('ledger.journal.emptyFiltered') : t('ledger.journal.empty')} />
              </Card>
            }
          />
          {journal.hasNextPage && (
            <Center mt="md">
              <Button variant="default" onClick={() => void journal.fetchNextPage()} loading={journal.isFetchingNextPage}>
                {t('ledger.journal.loadMore')}
              </Button>
            </Center>
          )}
        </>
      )}
      {openId && <EntryDialog entryId={openId} onClose={() => setSearch({ lihat: null })} />}
    </>
  );
}
