import { Button, Card, Group, Skeleton, Stack, Title } from '@mantine/core';
import { IconBook2, IconUserQuestion } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client.js';
import { useCoop } from '../../app/coop.js';
import { DataTable, type Column } from '../../components/DataTable.js';
import { DateText } from '../../components/DateText.js';
import { EmptyState } from '../../components/EmptyState.js';
import { Money } from '../../components/Money.js';
import { PageHeader } from '../../components/PageHeader.js';
import { ErrorState } from '../../components/States.js';
import { currentLang } from '../../i18n/index.js';
import { BalanceTiles } from './MemberSavingsPanel.js';
import { passbookHref, useMemberSavings, useMyDues, type DuesItem } from './savings-api.js';
import { TransactionsList } from './TransactionsList.js';

function monthLabel(ym: string, lang: 'id' | 'en') {
  return new Intl.DateTimeFormat(lang === 'id' ? 'id-ID' : 'en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${ym}-01T00:00:00Z`),
  );
}

/** The signed-in member's own savings: nothing here takes a member id. */
export default function MySavingsPage() {
  const { t } = useTranslation();
  const coop = useCoop();
  const lang = currentLang();
  const savings = useMemberSavings(coop.id, null);
  const dues = useMyDues(coop.id);

  if (savings.isPending) return <Skeleton height={400} />;
  if (savings.isError) {
    if (isApiError(savings.error) && savings.error.code === 'member_not_linked')
      return <EmptyState icon={IconUserQuestion} title={t('savings.me.notLinked')} description={t('savings.me.notLinkedText')} />;
    return <ErrorState error={savings.error} onRetry={() => void savings.refetch()} />;
  }
  const s = savings.data;
  const duesColumns: Column<DuesItem>[] = [
    { key: 'period', header: t('savings.arrears.period'), primary: true, render: (d) => monthLabel(d.period, lang) },
    { key: 'due', header: t('savings.me.due'), render: (d) => <DateText date={d.dueDate} /> },
    { key: 'amount', header: t('savings.amount'), align: 'right', render: (d) => <Money value={d.amount} /> },
    { key: 'paid', header: t('savings.me.paid'), align: 'right', render: (d) => <Money value={d.paid} /> },
    {
      key: 'outstanding',
      header: t('savings.me.outstanding'),
      align: 'right',
      render: (d) => <Money value={d.outstanding} c={BigInt(d.outstanding) > 0n ? 'red.8' : undefined} />,
    },
  ];

  return (
    <>
      <PageHeader
        title={t('savings.me.title')}
        description={`${s.member.fullName} · ${t('members.detail.memberNumber')} ${String(s.member.number).padStart(4, '0')} — ${t('savings.me.description', { coop: coop.name })}`}
        actions={
          <Button
            component="a"
            href={passbookHref(coop.id, null)}
            target="_blank"
            rel="noopener"
            variant="default"
            leftSection={<IconBook2 size={18} />}
          >
            {t('savings.passbook')}
          </Button>
        }
      />
      <Stack gap="lg">
        <Card padding="lg">
          <Title order={2} size="h4" mb="md">
            {t('savings.balances')}
          </Title>
          <BalanceTiles savings={s} />
        </Card>
        <Card padding="lg">
          <Title order={2} size="h4" mb="md">
            {t('savings.history')}
          </Title>
          <TransactionsList scope={{ kind: 'self' }} />
        </Card>
        <Card padding="lg">
          <Group justify="space-between" mb="md">
            <Title order={2} size="h4">
              {t('savings.me.dues')}
            </Title>
          </Group>
          {dues.isPending ? (
            <Skeleton height={120} />
          ) : dues.isError ? (
            <ErrorState error={dues.error} onRetry={() => void dues.refetch()} />
          ) : (
            <DataTable
              caption={t('savings.me.dues')}
              rows={dues.data.items.slice(0, 24)}
              columns={duesColumns}
              rowKey={(d) => d.period}
              empty={<EmptyState title={t('savings.me.noDues')} />}
            />
          )}
        </Card>
      </Stack>
    </>
  );
}
