import '@mantine/dates/styles.css';
import 'dayjs/locale/id';
import { todayIn } from '@kopdes/shared/format';
import { formatNumberId } from '@kopdes/shared/money';
import { Button, Card, Grid, Group, Select, SimpleGrid, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { DatePickerInput, DatesProvider } from '@mantine/dates';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconCircleCheck, IconFileTypePdf, IconFileTypeXls } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useCoop } from '../../app/coop.js';
import { setSearch, useLocation } from '../../app/router.js';
import { formatDate } from '../../components/format.js';
import { Money } from '../../components/Money.js';
import { ErrorState } from '../../components/States.js';
import { currentLang } from '../../i18n/index.js';
import {
  downloadReport,
  useAccounts,
  useReport,
  useUnits,
  type CashBook,
  type CashFlow,
  type EquityChanges,
  type FinancialPosition,
  type GeneralLedger,
  type IncomeStatement,
  type ReportKind,
  type TrialBalance,
} from './ledger-api.js';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const ACCOUNT = /^\d{4}$/;
/** A statement covers a period, stands at a date, or shows one day (the cash book). */
type Span = 'period' | 'asOf' | 'day';
const KINDS: { kind: ReportKind; slug: string; labelKey: string; span: Span }[] = [
  { kind: 'trial-balance', slug: 'neraca-saldo', labelKey: 'ledger.reports.trialBalance', span: 'period' },
  { kind: 'financial-position', slug: 'posisi-keuangan', labelKey: 'ledger.reports.financialPosition', span: 'asOf' },
  { kind: 'income-statement', slug: 'phu', labelKey: 'ledger.reports.incomeStatement', span: 'period' },
  { kind: 'cash-flow', slug: 'arus-kas', labelKey: 'ledger.reports.cashFlow', span: 'period' },
  { kind: 'equity-changes', slug: 'perubahan-ekuitas', labelKey: 'ledger.reports.equityChanges', span: 'period' },
  { kind: 'general-ledger', slug: 'buku-besar-akun', labelKey: 'ledger.reports.generalLedger', span: 'period' },
  { kind: 'cash-book', slug: 'buku-kas', labelKey: 'ledger.reports.cashBook', span: 'day' },
];
const CASH = '1101';

const monthStart = (d: string) => `${d.slice(0, 7)}-01`;
const monthEnd = (d: string) => {
  const [y, m] = [Number(d.slice(0, 4)), Number(d.slice(5, 7))];
  return `${d.slice(0, 7)}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
};
const prevMonthDay = (d: string) => {
  const x = new Date(`${monthStart(d)}T00:00:00Z`);
  x.setUTCDate(0);
  return x.toISOString().slice(0, 10);
};

const dayBefore = (d: string) => {
  const x = new Date(`${d}T00:00:00Z`);
  x.setUTCDate(x.getUTCDate() - 1);
  return x.toISOString().slice(0, 10);
};

export function ReportsView() {
  const { t } = useTranslation();
  const coop = useCoop();
  const { search } = useLocation();
  const units = useUnits(coop.id);
  const accounts = useAccounts(coop.id);
  const today = todayIn(coop.timeZone);
  const lang = currentLang();
  const day = (k: string) => {
    const v = search.get(k);
    return v && DAY.test(v) ? v : undefined;
  };
  const current = KINDS.find((k) => k.slug === search.get('laporan')) ?? KINDS[0]!;
  const unit = search.get('unit') ?? undefined;
  const to = day('sampai') ?? today;
  const from = day('dari') ?? `${to.slice(0, 4)}-01-01`;
  const asOf = day('per') ?? today;
  const pointInTime = current.span !== 'period';
  const perAccount = current.kind === 'general-ledger';
  const akun = search.get('akun');
  const account = akun && ACCOUNT.test(akun) ? akun : CASH;
  const query =
    current.span === 'asOf'
      ? { unit, asOf }
      : current.span === 'day'
        ? { unit, date: asOf }
        : perAccount
          ? { unit, account, from, to }
          : { unit, from, to };
  const report = useReport(coop.id, current.kind, query);
  const [downloading, setDownloading] = useState<'xlsx' | 'pdf' | null>(null);

  const download = async (format: 'xlsx' | 'pdf') => {
    setDownloading(format);
    try {
      await downloadReport(coop.id, current.kind, query, format);
    } catch (e) {
      notifications.show({ color: 'red', title: t('ledger.reports.downloadFailed'), message: (e as Error).message });
    } finally {
      setDownloading(null);
    }
  };

  const days = [
    { label: t('ledger.reports.today'), day: today },
    { label: t('ledger.reports.yesterday'), day: dayBefore(today) },
  ];
  const presets: { label: string; from: string; to: string }[] = [
    { label: t('ledger.reports.thisMonth'), from: monthStart(today), to: today },
    { label: t('ledger.reports.lastMonth'), from: monthStart(prevMonthDay(today)), to: monthEnd(prevMonthDay(today)) },
    { label: t('ledger.reports.thisYear'), from: `${today.slice(0, 4)}-01-01`, to: today },
  ];

  return (
    <Stack gap="md">
      <Card padding="md" component="section" aria-label={t('ledger.reports.kind')}>
        <DatesProvider settings={{ locale: lang, firstDayOfWeek: 1 }}>
          <Grid columns={24} gutter="sm">
            <Grid.Col span={{ base: 24, sm: 12, lg: 8 }}>
              <Select
                label={t('ledger.reports.kind')}
                data={KINDS.map((k) => ({ value: k.slug, label: t(k.labelKey) }))}
                value={current.slug}
                allowDeselect={false}
                onChange={(v) => setSearch({ laporan: v })}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 24, sm: 12, lg: 6 }}>
              <Select
                label={t('ledger.reports.unit')}
                data={[
                  { value: '', label: t('ledger.reports.consolidated') },
                  ...(units.data?.items ?? []).map((u) => ({ value: u.code, label: u.name })),
                ]}
                value={unit ?? ''}
                allowDeselect={false}
                onChange={(v) => setSearch({ unit: v || null })}
              />
            </Grid.Col>
            {pointInTime ? (
              <Grid.Col span={{ base: 24, sm: 12, lg: 5 }}>
                <DatePickerInput
                  size="md"
                  label={current.span === 'day' ? t('ledger.reports.date') : t('ledger.reports.asOf')}
                  valueFormat="D MMMM YYYY"
                  value={asOf}
                  onChange={(v) => setSearch({ per: v })}
                />
              </Grid.Col>
            ) : (
              <>
                <Grid.Col span={{ base: 12, lg: 5 }}>
                  <DatePickerInput
                    size="md"
                    label={t('ledger.reports.from')}
                    valueFormat="D MMM YYYY"
                    value={from}
                    maxDate={to}
                    onChange={(v) => setSearch({ dari: v })}
                  />
                </Grid.Col>
                <Grid.Col span={{ base: 12, lg: 5 }}>
                  <DatePickerInput
                    size="md"
                    label={t('ledger.reports.to')}
                    valueFormat="D MMM YYYY"
                    value={to}
                    minDate={from}
                    onChange={(v) => setSearch({ sampai: v })}
                  />
                </Grid.Col>
              </>
            )}
            {perAccount && (
              <Grid.Col span={{ base: 24, sm: 12, lg: 8 }}>
                <Select
                  label={t('ledger.reports.account')}
                  searchable
                  data={(accounts.data?.items ?? []).map((a) => ({ value: a.code, label: `${a.code} · ${a.name}` }))}
                  value={account}
                  allowDeselect={false}
                  nothingFoundMessage={t('ledger.accounts.empty')}
                  onChange={(v) => v && setSearch({ akun: v })}
                />
              </Grid.Col>
            )}
          </Grid>
        </DatesProvider>
        <Group justify="space-between" mt="sm" gap="sm">
          <Group gap={6}>
            {!pointInTime &&
              presets.map((p) => (
                <Button
                  key={p.label}
                  size="compact-sm"
                  variant={p.from === from && p.to === to ? 'light' : 'subtle'}
                  onClick={() => setSearch({ dari: p.from, sampai: p.to })}
                >
                  {p.label}
                </Button>
              ))}
            {current.span === 'day' &&
              days.map((d) => (
                <Button
                  key={d.label}
                  size="compact-sm"
                  variant={d.day === asOf ? 'light' : 'subtle'}
                  onClick={() => setSearch({ per: d.day })}
                >
                  {d.label}
                </Button>
              ))}
          </Group>
          <Group gap="sm">
            <Button
              variant="default"
              leftSection={<IconFileTypeXls size={18} />}
              loading={downloading === 'xlsx'}
              onClick={() => void download('xlsx')}
            >
              {t('ledger.reports.excel')}
            </Button>
            <Button
              variant="default"
              leftSection={<IconFileTypePdf size={18} />}
              loading={downloading === 'pdf'}
              onClick={() => void download('pdf')}
            >
              {t('ledger.reports.pdf')}
            </Button>
          </Group>
        </Group>
      </Card>

      {report.isPending ? (
        <Skeleton height={360} />
      ) : report.isError ? (
        <ErrorState error={report.error} onRetry={() => void report.refetch()} />
      ) : (
        <Card padding="md" component="article" aria-label={t(current.labelKey)} style={{ opacity: report.isPlaceholderData ? 0.6 : 1 }}>
          <Stack gap={2} mb="md">
            <Title order={2} fz="h4">
              {t(current.labelKey)}
            </Title>
            <Text size="sm" c="dimmed">
              {report.data.cooperativeName} · {report.data.unitName} ·{' '}
              {current.span === 'day'
                ? formatDate((report.data as CashBook).date, lang)
                : pointInTime
                  ? t('ledger.reports.asOfLabel', { date: formatDate((report.data as FinancialPosition).asOf, lang) })
                  : t('ledger.reports.periodLabel', {
                      from: formatDate((report.data as TrialBalance).from ?? from, lang),
                      to: formatDate((report.data as TrialBalance).to, lang),
                    })}
            </Text>
          </Stack>
          {current.kind === 'trial-balance' && <TrialBalanceTable report={report.data as TrialBalance} />}
          {current.kind === 'financial-position' && <FinancialPositionView report={report.data as FinancialPosition} />}
          {current.kind === 'income-statement' && <IncomeStatementView report={report.data as IncomeStatement} />}
          {current.kind === 'cash-flow' && <CashFlowView report={report.data as CashFlow} />}
          {current.kind === 'equity-changes' && <EquityChangesTable report={report.data as EquityChanges} />}
          {current.kind === 'general-ledger' && <GeneralLedgerTable report={report.data as GeneralLedger} />}
          {current.kind === 'cash-book' && <CashBookTable report={report.data as CashBook} />}
        </Card>
      )}
    </Stack>
  );
}

function BalanceBadge({ ok, label }: { ok: boolean; label?: string }) {
  const { t } = useTranslation();
  const Icon = ok ? IconCircleCheck : IconAlertTriangle;
  return (
    <Group gap={6} wrap="nowrap" c={ok ? 'green.8' : 'red.8'}>
      <Icon size={18} style={{ flexShrink: 0 }} />
      <Text size="sm" fw={600}>
        {ok ? (label ?? t('ledger.reports.balanced')) : t('ledger.reports.notBalanced')}
      </Text>
    </Group>
  );
}

/** The trial balance's six columns of figures: grouped digits without the currency, as on paper. */
const Figure = ({ value, blankZero }: { value: string; blankZero?: boolean }) =>
  blankZero && value === '0' ? null : <span className="kd-money">{formatNumberId(BigInt(value))}</span>;
const amountCell = (v: string) => <Figure value={v} blankZero />;

function TrialBalanceTable({ report }: { report: TrialBalance }) {
  const { t } = useTranslation();
  const r = report.totals;
  const ok = r.closingDebit === r.closingCredit && r.debit === r.credit && r.openingDebit === r.openingCredit;
  const pair = (label: string) => (
    <Table.Th colSpan={2} ta="center">
      {label}
    </Table.Th>
  );
  return (
    <Stack gap="sm">
      <Group justify="space-between" gap="xs">
        <BalanceBadge ok={ok} />
        <Text size="xs" c="dimmed">
          {t('ledger.reports.inRupiah')}
        </Text>
      </Group>
      {report.rows.length === 0 ? (
        <Text c="dimmed">{t('ledger.reports.noRows')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={880}>
          <Table verticalSpacing={6} horizontalSpacing="xs" fz="sm" striped aria-label={t('ledger.reports.trialBalance')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th rowSpan={2} miw={180}>
                  {t('ledger.reports.account')}
                </Table.Th>
                {pair(t('ledger.reports.opening'))}
                {pair(t('ledger.reports.movement'))}
                {pair(t('ledger.reports.closing'))}
              </Table.Tr>
              <Table.Tr>
                {[0, 1, 2].flatMap((i) => [
                  <Table.Th key={`d${i}`} ta="right">
                    {t('ledger.reports.debit')}
                  </Table.Th>,
                  <Table.Th key={`c${i}`} ta="right">
                    {t('ledger.reports.credit')}
                  </Table.Th>,
                ])}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {report.rows.map((row) => (
                <Table.Tr key={row.account}>
                  <Table.Td>
                    <Text component="span" inherit ff="monospace">
                      {row.account}
                    </Text>{' '}
                    {row.name}
                  </Table.Td>
                  <Table.Td ta="right">{amountCell(row.openingDebit)}</Table.Td>
                  <Table.Td ta="right">{amountCell(row.openingCredit)}</Table.Td>
                  <Table.Td ta="right">{amountCell(row.debit)}</Table.Td>
                  <Table.Td ta="right">{amountCell(row.credit)}</Table.Td>
                  <Table.Td ta="right">{amountCell(row.closingDebit)}</Table.Td>
                  <Table.Td ta="right">{amountCell(row.closingCredit)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
            <Table.Tfoot>
              <Table.Tr fw={700}>
                <Table.Th>{t('ledger.reports.total')}</Table.Th>
                <Table.Td ta="right" data-total="opening-debit">
                  <Figure value={r.openingDebit} />
                </Table.Td>
                <Table.Td ta="right" data-total="opening-credit">
                  <Figure value={r.openingCredit} />
                </Table.Td>
                <Table.Td ta="right" data-total="debit">
                  <Figure value={r.debit} />
                </Table.Td>
                <Table.Td ta="right" data-total="credit">
                  <Figure value={r.credit} />
                </Table.Td>
                <Table.Td ta="right" data-total="closing-debit">
                  <Figure value={r.closingDebit} />
                </Table.Td>
                <Table.Td ta="right" data-total="closing-credit">
                  <Figure value={r.closingCredit} />
                </Table.Td>
              </Table.Tr>
            </Table.Tfoot>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

type StatementRow =
  | { kind: 'heading'; label: string }
  | { kind: 'line'; label: ReactNode; amount: string }
  | { kind: 'subtotal' | 'total'; label: string; amount: string; id?: string };

/** Label–amount rows: readable on a phone without scrolling sideways. */
function Statement({ rows, caption }: { rows: StatementRow[]; caption: string }) {
  return (
    <Table verticalSpacing={5} fz="sm" aria-label={caption} layout="fixed">
      <Table.Tbody>
        {rows.map((r, i) =>
          r.kind === 'heading' ? (
            <Table.Tr key={i}>
              <Table.Th colSpan={2} pt="md" fz="sm" tt="uppercase" c="dimmed" style={{ letterSpacing: 0.4 }}>
                {r.label}
              </Table.Th>
            </Table.Tr>
          ) : (
            <Table.Tr
              key={i}
              fw={r.kind === 'line' ? undefined : 700}
              bg={r.kind === 'total' ? 'var(--mantine-color-gray-1)' : undefined}
              data-total={r.kind !== 'line' ? r.id : undefined}
            >
              <Table.Td pl={r.kind === 'line' ? 'lg' : undefined} style={{ overflowWrap: 'anywhere' }}>
                {r.label}
              </Table.Td>
              <Table.Td ta="right" w="42%">
                <Money value={r.amount} signed />
              </Table.Td>
            </Table.Tr>
          ),
        )}
      </Table.Tbody>
    </Table>
  );
}

const lineLabel = (account: string | null, name: string) =>
  account ? (
    <>
      <Text component="span" inherit ff="monospace" c="dimmed">
        {account}
      </Text>{' '}
      {name}
    </>
  ) : (
    name
  );

type Section = FinancialPosition['assets'][number];
const sectionRows = (s: Section): StatementRow[] =>
  s.lines.map((l) => ({ kind: 'line' as const, label: lineLabel(l.account, l.name), amount: l.amount }));

function FinancialPositionView({ report }: { report: FinancialPosition }) {
  const { t } = useTranslation();
  const groups = (sections: Section[]): StatementRow[] =>
    sections.flatMap((s) => [
      ...(s.lines.length ? [{ kind: 'heading' as const, label: s.title }] : []),
      ...sectionRows(s),
      ...(s.lines.length ? [{ kind: 'subtotal' as const, label: `${t('ledger.reports.total')} ${s.title}`, amount: s.total }] : []),
    ]);
  const left: StatementRow[] = [
    ...groups(report.assets),
    { kind: 'total', label: t('ledger.reports.totalAssets'), amount: report.totalAssets, id: 'assets' },
  ];
  const right: StatementRow[] = [
    ...groups(report.liabilities),
    { kind: 'subtotal', label: t('ledger.reports.totalLiabilities'), amount: report.totalLiabilities },
    ...groups(report.equity),
    { kind: 'subtotal', label: t('ledger.reports.totalEquity'), amount: report.totalEquity },
    {
      kind: 'total',
      label: t('ledger.reports.totalLiabilitiesAndEquity'),
      amount: report.totalLiabilitiesAndEquity,
      id: 'liabilities-equity',
    },
  ];
  return (
    <Stack gap="sm">
      <Group>
        <BalanceBadge ok={report.totalAssets === report.totalLiabilitiesAndEquity} label={t('ledger.reports.fpBalanced')} />
      </Group>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xl">
        <div>
          <Title order={3} fz="h5" mb={4}>
            {t('ledger.reports.assets')}
          </Title>
          <Statement rows={left} caption={t('ledger.reports.assets')} />
        </div>
        <div>
          <Title order={3} fz="h5" mb={4}>
            {t('ledger.reports.liabilities')} · {t('ledger.reports.equity')}
          </Title>
          <Statement rows={right} caption={`${t('ledger.reports.liabilities')} · ${t('ledger.reports.equity')}`} />
        </div>
      </SimpleGrid>
    </Stack>
  );
}

function IncomeStatementView({ report }: { report: IncomeStatement }) {
  const { t } = useTranslation();
  const block = (label: string, s: Section): StatementRow[] => [
    { kind: 'heading', label },
    ...sectionRows(s),
    { kind: 'subtotal', label: `${t('ledger.reports.total')} ${label.toLowerCase()}`, amount: s.total },
  ];
  const deficit = report.surplus.startsWith('-');
  const rows: StatementRow[] = [
    ...block(t('ledger.reports.memberRevenue'), report.memberRevenue),
    ...block(t('ledger.reports.nonMemberRevenue'), report.nonMemberRevenue),
    ...block(t('ledger.reports.otherRevenue'), report.otherRevenue),
    { kind: 'total', label: t('ledger.reports.totalRevenue'), amount: report.totalRevenue },
    ...block(t('ledger.reports.costOfSales'), report.costOfSales),
    { kind: 'total', label: t('ledger.reports.grossSurplus'), amount: report.grossSurplus },
    ...block(t('ledger.reports.operatingExpenses'), report.operatingExpenses),
    ...block(t('ledger.reports.financeCosts'), report.financeCosts),
    { kind: 'total', label: t('ledger.reports.surplusBeforeTax'), amount: report.surplusBeforeTax },
    ...block(t('ledger.reports.incomeTax'), report.incomeTax),
    {
      kind: 'total',
      label: deficit ? t('ledger.reports.deficit') : t('ledger.reports.surplus'),
      amount: report.surplus,
      id: 'surplus',
    },
  ];
  return (
    <div style={{ maxWidth: 760 }}>
      <Statement rows={rows} caption={t('ledger.reports.incomeStatement')} />
    </div>
  );
}

function CashFlowView({ report }: { report: CashFlow }) {
  const { t } = useTranslation();
  const block = (label: string, s: CashFlow['operating']): StatementRow[] => [
    { kind: 'heading', label },
    ...s.lines.map((l) => ({
      kind: 'line' as const,
      label: lineLabel(l.account, l.name),
      amount: (BigInt(l.inflow) - BigInt(l.outflow)).toString(),
    })),
    { kind: 'subtotal', label: t('ledger.reports.netOf', { section: label.toLowerCase() }), amount: s.net },
  ];
  const rows: StatementRow[] = [
    ...block(t('ledger.reports.operating'), report.operating),
    ...block(t('ledger.reports.investing'), report.investing),
    ...block(t('ledger.reports.financing'), report.financing),
    ...(report.interUnitTransfers !== '0'
      ? [{ kind: 'subtotal' as const, label: t('ledger.reports.interUnit'), amount: report.interUnitTransfers }]
      : []),
    { kind: 'total', label: t('ledger.reports.netChange'), amount: report.netChange, id: 'net-change' },
    { kind: 'subtotal', label: t('ledger.reports.openingCash'), amount: report.openingCash },
    { kind: 'total', label: t('ledger.reports.closingCash'), amount: report.closingCash, id: 'closing-cash' },
  ];
  return (
    <div style={{ maxWidth: 760 }}>
      <Text size="sm" c="dimmed" mb="xs">
        {t('ledger.reports.cashFlowHint')}
      </Text>
      <Statement rows={rows} caption={t('ledger.reports.cashFlow')} />
    </div>
  );
}

/** A wide table of figures: it scrolls inside its card on a phone, the page itself does not. */
function FigureTable({
  caption,
  minWidth,
  head,
  children,
  foot,
}: {
  caption: string;
  minWidth: number;
  head: ReactNode;
  children: ReactNode;
  foot: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm">
      <Text size="xs" c="dimmed" ta="right">
        {t('ledger.reports.inRupiah')}
      </Text>
      <Table.ScrollContainer minWidth={minWidth}>
        <Table verticalSpacing={6} horizontalSpacing="xs" fz="sm" striped aria-label={caption}>
          <Table.Thead>{head}</Table.Thead>
          <Table.Tbody>{children}</Table.Tbody>
          <Table.Tfoot>{foot}</Table.Tfoot>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

const Th = ({ children, right }: { children: ReactNode; right?: boolean }) => (
  <Table.Th ta={right ? 'right' : undefined}>{children}</Table.Th>
);
const FigureCell = ({ value, total, blankZero }: { value: string; total?: string; blankZero?: boolean }) => (
  <Table.Td ta="right" data-total={total} style={{ whiteSpace: 'nowrap' }}>
    <Figure value={value} blankZero={blankZero} />
  </Table.Td>
);
const NoRows = ({ span }: { span: number }) => {
  const { t } = useTranslation();
  return (
    <Table.Tr>
      <Table.Td colSpan={span} c="dimmed">
        {t('ledger.reports.noLines')}
      </Table.Td>
    </Table.Tr>
  );
};

function EquityChangesTable({ report }: { report: EquityChanges }) {
  const { t } = useTranslation();
  const r = report.totals;
  return (
    <FigureTable
      caption={t('ledger.reports.equityChanges')}
      minWidth={640}
      head={
        <Table.Tr>
          <Th>{t('ledger.reports.account')}</Th>
          <Th right>{t('ledger.reports.opening')}</Th>
          <Th right>{t('ledger.reports.increase')}</Th>
          <Th right>{t('ledger.reports.decrease')}</Th>
          <Th right>{t('ledger.reports.closing')}</Th>
        </Table.Tr>
      }
      foot={
        <Table.Tr fw={700}>
          <Table.Th>{t('ledger.reports.total')}</Table.Th>
          <FigureCell value={r.opening} total="opening" />
          <FigureCell value={r.increase} total="increase" />
          <FigureCell value={r.decrease} total="decrease" />
          <FigureCell value={r.closing} total="closing" />
        </Table.Tr>
      }
    >
      {report.rows.length === 0 && <NoRows span={5} />}
      {report.rows.map((row, i) => (
        <Table.Tr key={row.account ?? i}>
          <Table.Td miw={160}>{lineLabel(row.account, row.name)}</Table.Td>
          <FigureCell value={row.opening} />
          <FigureCell value={row.increase} blankZero />
          <FigureCell value={row.decrease} blankZero />
          <FigureCell value={row.closing} />
        </Table.Tr>
      ))}
    </FigureTable>
  );
}

function GeneralLedgerTable({ report }: { report: GeneralLedger }) {
  const { t } = useTranslation();
  const lang = currentLang();
  return (
    <Stack gap="xs">
      <Text size="sm">
        <Text component="span" inherit ff="monospace">
          {report.account}
        </Text>{' '}
        {report.accountName} · {t('ledger.reports.normalSide', { side: t(`ledger.sides.${report.normalSide}`) })}
      </Text>
      <FigureTable
        caption={t('ledger.reports.generalLedger')}
        minWidth={760}
        head={
          <Table.Tr>
            <Th>{t('ledger.reports.date')}</Th>
            <Th>{t('ledger.reports.entry')}</Th>
            <Th right>{t('ledger.reports.debit')}</Th>
            <Th right>{t('ledger.reports.credit')}</Th>
            <Th right>{t('ledger.reports.balance')}</Th>
          </Table.Tr>
        }
        foot={
          <>
            <Table.Tr fw={700}>
              <Table.Th colSpan={2}>{t('ledger.reports.total')}</Table.Th>
              <FigureCell value={report.totalDebit} total="debit" />
              <FigureCell value={report.totalCredit} total="credit" />
              <Table.Td />
            </Table.Tr>
            <Table.Tr fw={700}>
              <Table.Th colSpan={4}>{t('ledger.reports.closing')}</Table.Th>
              <FigureCell value={report.closing} total="closing" />
            </Table.Tr>
          </>
        }
      >
        <Table.Tr fw={600}>
          <Table.Td colSpan={4}>{t('ledger.reports.opening')}</Table.Td>
          <FigureCell value={report.opening} total="opening" />
        </Table.Tr>
        {report.rows.length === 0 && <NoRows span={5} />}
        {report.rows.map((row, i) => (
          <Table.Tr key={`${row.entryId}-${i}`}>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(row.date, lang)}</Table.Td>
            <Table.Td miw={220}>
              <Text component="span" inherit ff="monospace" c="dimmed">
                {row.number}
              </Text>{' '}
              {row.memo}
            </Table.Td>
            <FigureCell value={row.debit} blankZero />
            <FigureCell value={row.credit} blankZero />
            <FigureCell value={row.balance} />
          </Table.Tr>
        ))}
      </FigureTable>
    </Stack>
  );
}

function CashBookTable({ report }: { report: CashBook }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs">
      <Text size="sm" c="dimmed">
        {t('ledger.reports.cashAccounts')}: {report.accounts.map((a) => `${a.code} ${a.name}`).join(', ')}
      </Text>
      <FigureTable
        caption={t('ledger.reports.cashBook')}
        minWidth={720}
        head={
          <Table.Tr>
            <Th>{t('ledger.reports.entry')}</Th>
            <Th>{t('ledger.reports.account')}</Th>
            <Th right>{t('ledger.reports.receipt')}</Th>
            <Th right>{t('ledger.reports.payment')}</Th>
            <Th right>{t('ledger.reports.balance')}</Th>
          </Table.Tr>
        }
        foot={
          <>
            <Table.Tr fw={700}>
              <Table.Th colSpan={2}>{t('ledger.reports.total')}</Table.Th>
              <FigureCell value={report.totalReceipts} total="receipts" />
              <FigureCell value={report.totalPayments} total="payments" />
              <Table.Td />
            </Table.Tr>
            <Table.Tr fw={700}>
              <Table.Th colSpan={4}>{t('ledger.reports.closing')}</Table.Th>
              <FigureCell value={report.closing} total="closing" />
            </Table.Tr>
          </>
        }
      >
        <Table.Tr fw={600}>
          <Table.Td colSpan={4}>{t('ledger.reports.opening')}</Table.Td>
          <FigureCell value={report.opening} total="opening" />
        </Table.Tr>
        {report.rows.length === 0 && <NoRows span={5} />}
        {report.rows.map((row, i) => (
          <Table.Tr key={`${row.entryId}-${i}`}>
            <Table.Td miw={220}>
              <Text component="span" inherit ff="monospace" c="dimmed">
                {row.number}
              </Text>{' '}
              {row.memo}
            </Table.Td>
            <Table.Td ff="monospace">{row.account}</Table.Td>
            <FigureCell value={row.receipt} blankZero />
            <FigureCell value={row.payment} blankZero />
            <FigureCell value={row.balance} />
          </Table.Tr>
        ))}
      </FigureTable>
    </Stack>
  );
}
