import { Alert, Tabs } from '@mantine/core';
import { IconBook2, IconCalendarStats, IconFileSpreadsheet, IconInfoCircle, IconListTree } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useCoop } from '../../app/coop.js';
import { useModuleRest } from '../../app/modules.js';
import { navigate } from '../../app/router.js';
import { PageHeader } from '../../components/PageHeader.js';
import { AccountsView } from './AccountsView.js';
import { JournalView } from './JournalView.js';
import { ManualEntryPage } from './ManualEntryPage.js';
import { ledgerPath, NEW_ENTRY_PATH, TAB_PATHS, type LedgerTab } from './paths.js';
import { PeriodsView } from './PeriodsView.js';
import { ReportsView } from './ReportsView.js';

const TABS = TAB_PATHS;
type Tab = LedgerTab;

export default function LedgerPage() {
  const { t } = useTranslation();
  const coop = useCoop();
  const rest = useModuleRest();

  if (rest === NEW_ENTRY_PATH && coop.can('ledger.post')) return <ManualEntryPage />;

  const tab: Tab = (Object.entries(TABS).find(([, p]) => p && rest.startsWith(p))?.[0] as Tab | undefined) ?? 'journal';
  const readOnly = !coop.can('ledger.post');

  return (
    <>
      <PageHeader title={t('ledger.title')} description={t('ledger.description')} />
      {readOnly && (
        <Alert variant="light" color="blue" icon={<IconInfoCircle />} mb="md">
          {t('ledger.readOnly')}
        </Alert>
      )}
      <Tabs value={tab} onChange={(v) => v && navigate(ledgerPath(coop.id, TABS[v as Tab]))} keepMounted={false} mb="md">
        <Tabs.List style={{ flexWrap: 'nowrap', overflowX: 'auto', overflowY: 'hidden' }}>
          <Tabs.Tab value="journal" leftSection={<IconBook2 size={16} />}>
            {t('ledger.tabs.journal')}
          </Tabs.Tab>
          <Tabs.Tab value="reports" leftSection={<IconFileSpreadsheet size={16} />}>
            {t('ledger.tabs.reports')}
          </Tabs.Tab>
          <Tabs.Tab value="accounts" leftSection={<IconListTree size={16} />}>
            {t('ledger.tabs.accounts')}
          </Tabs.Tab>
          <Tabs.Tab value="periods" leftSection={<IconCalendarStats size={16} />}>
            {t('ledger.tabs.periods')}
          </Tabs.Tab>
        </Tabs.List>
      </Tabs>
      {tab === 'journal' && <JournalView />}
      {tab === 'reports' && <ReportsView />}
      {tab === 'accounts' && <AccountsView />}
      {tab === 'periods' && <PeriodsView />}
    </>
  );
}
