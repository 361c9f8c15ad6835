/**
 * Financial statements and books, computed from the journal lines alone (no second source of
 * truth): trial balance, financial position, income statement (member and non-member revenue
 * apart, as SAK EP requires), direct-method cash flow, changes in equity, general ledger, daily
 * cash book, and member/partner subsidiary ledgers. Each is per business unit or consolidated.
 */
import { todayIn } from '@kopdes/shared/format';
import type {
  CashBook,
  CashFlow,
  EquityChanges,
  FinancialPosition,
  GeneralLedger,
  IncomeStatement,
  SubsidiaryLedger,
  TrialBalance,
} from '@kopdes/shared/ledger';
import { ACCOUNT_GROUPS, ACCOUNTS, groupOf } from '@kopdes/shared/ledger';
import type { Db } from '../../db/client.js';
import { concurrentOnPool } from '../../db/concurrent.js';
import { invalidField, notFound } from '../../lib/errors.js';
import * as balances from './balances.repository.js';
import { chartOf, type AccountRow, type Chart } from './chart.js';
import { isValidDate } from './posting.service.js';
import * as repo from './reports.repository.js';

export interface ReportContext {
  chart: Chart;
  head: repo.Letterhead;
  unit: string | null;
  unitName: string;
  today: string;
}

export const CONSOLIDATED = 'Konsolidasi (semua unit usaha)';

export async function reportContext(db: Db, cooperativeId: string, unit?: string): Promise<ReportContext> {
  const [chart, head] = await concurrentOnPool(
    db,
    () => chartOf(db, cooperativeId),
    () => repo.letterhead(db, cooperativeId),
  );
  if (!head) throw notFound();
  const u = unit ? chart.units.get(unit) : undefined;
  if (unit && !u) {
    throw invalidField('query.unit', 'unknown_unit', {
      id: `Unit usaha "${unit}" tidak dimiliki koperasi ini`,
      en: `This cooperative has no business unit "${unit}"`,
    });
  }
  return { chart, head, unit: u?.code ?? null, unitName: u?.name ?? CONSOLIDATED, today: todayIn(head.timeZone) };
}

const headOf = (ctx: ReportContext) => ({ cooperativeName: ctx.head.name, unit: ctx.unit, unitName: ctx.unitName });

function checkDate(value: string | undefined, f: string) {
  if (value !== undefined && !isValidDate(value)) {
    throw invalidField(f, 'invalid_date', { id: 'Tanggal tidak ada di kalender', en: 'Not a real calendar date' });
  }
}

/** `to` defaults to today in the cooperative's zone, `from` to 1 January of `to`'s year. */
export function periodOf(ctx: ReportContext, q: { from?: string; to?: string }) {
  checkDate(q.from, 'query.from');
  checkDate(q.to, 'query.to');
  const to = q.to ?? ctx.today;
  const from = q.from ?? `${to.slice(0, 4)}-01-01`;
  if (from > to) {
    throw invalidField('query.from', 'from_after_to', {
      id: 'Tanggal awal harus sebelum tanggal akhir',
      en: '`from` must not be after `to`',
    });
  }
  return { from, to };
}

export function asOfOf(ctx: ReportContext, asOf?: string, f = 'query.asOf') {
  checkDate(asOf, f);
  return asOf ?? ctx.today;
}

/** Per-account totals of the report's unit (or all units) over the whole chart. */
const totalsOf = (db: Db, cooperativeId: string, ctx: ReportContext, p: { from?: string; to: string }) =>
  balances.totalsByAccount(db, cooperativeId, { ...p, unit: ctx.unit ?? undefined, accounts: [...ctx.chart.accounts.keys()] });

const s = (n: bigint) => n.toString();
const pos = (n: bigint) => (n > 0n ? n : 0n);
const byCode = (chart: Chart, code: string): AccountRow =>
  chart.accounts.get(code) ??
  ({ code, name: code, type: 'asset', normalSide: 'debit', cashFlow: 'operating', revenueKind: null, subsidiary: null } as AccountRow);
const sortedCodes = (codes: Iterable<string>) => [...codes].sort();

// ── Trial balance ──────────────────────────────────────────────────────────────────────────

export async function trialBalance(
  db: Db,
  cooperativeId: string,
  ctx: ReportContext,
  q: { from?: string; to?: string },
): Promise<TrialBalance> {
  const { from, to } = periodOf(ctx, q);
  const totals = await totalsOf(db, cooperativeId, ctx, { from, to });
  const sum = { openingDebit: 0n, openingCredit: 0n, debit: 0n, credit: 0n, closingDebit: 0n, closingCredit: 0n };
  const rows = totals
    .sort((a, b) => a.account.localeCompare(b.account))
    .map((t) => {
      const opening = t.openingDebit - t.openingCredit;
      const closing = opening + t.debit - t.credit;
      const r = {
        openingDebit: pos(opening),
        openingCredit: pos(-opening),
        debit: t.debit,
        credit: t.credit,
        closingDebit: pos(closing),
        closingCredit: pos(-closing),
      };
      for (const k of Object.keys(sum) as (keyof typeof sum)[]) sum[k] += r[k];
      const acc = byCode(ctx.chart, t.account);
      return {
        account: t.account,
        name: acc.name,
        type: acc.type as 'asset',
        ...(Object.fromEntries(Object.entries(r).map(([k, v]) => [k, s(v)])) as Record<keyof typeof r, string>),
      };
    })
    .filter((r) => r.openingDebit !== '0' || r.openingCredit !== '0' || r.debit !== '0' || r.credit !== '0');
  return {
    ...headOf(ctx),
    from,
    to,
    rows,
    totals: Object.fromEntries(Object.entries(sum).map(([k, v]) => [k, s(v)])) as TrialBalance['totals'],
  };
}

// ── Financial position ─────────────────────────────────────────────────────────────────────

type Section = { title: string; lines: { account: string | null; name: string; amount: string }[]; total: string };

function sections(chart: Chart, nets: Map<string, bigint>, groups: string[], sign: 1n | -1n): { list: Section[]; total: bigint } {
  let total = 0n;
  const list = groups.map((g) => {
    let t = 0n;
    const lines = sortedCodes(nets.keys())
      .filter((code) => groupOf(code) === g && nets.get(code) !== 0n)
      .map((code) => {
        const amount = nets.get(code)! * sign;
        t += amount;
        return { account: code, name: byCode(chart, code).name, amount: s(amount) };
      });
    total += t;
    return { title: ACCOUNT_GROUPS[g] ?? g, lines, total: s(t) };
  });
  return { list, total };
}

export async function financialPosition(
  db: Db,
  cooperativeId: string,
  ctx: ReportContext,
  q: { asOf?: string },
): Promise<FinancialPosition> {
  const asOf = asOfOf(ctx, q.asOf);
  const totals = await totalsOf(db, cooperativeId, ctx, { to: asOf });
  const nets = new Map<string, bigint>();
  let currentSurplus = 0n;
  for (const t of totals) {
    const acc = byCode(ctx.chart, t.account);
    const net = t.debit - t.credit;
    if (acc.type === 'revenue' || acc.type === 'expense') currentSurplus -= net;
    else nets.set(t.account, net);
  }
  const groupsOf = (type: string) =>
    [...new Set([...ctx.chart.accounts.values()].filter((a) => a.type === type).map((a) => groupOf(a.code)))].sort();
  const assets = sections(ctx.chart, nets, groupsOf('asset'), 1n);
  const liabilities = sections(ctx.chart, nets, groupsOf('liability'), -1n);
  const equity = sections(ctx.chart, nets, groupsOf('equity'), -1n);
  const surplusSection = equity.list.find((x) => x.title === ACCOUNT_GROUPS['34']) ?? equity.list[equity.list.length - 1]!;
  surplusSection.lines.push({ account: null, name: 'SHU tahun berjalan (belum ditutup buku)', amount: s(currentSurplus) });
  surplusSection.total = s(BigInt(surplusSection.total) + currentSurplus);
  let totalLiabilities = liabilities.total;
  const totalEquity = equity.total + currentSurplus;
  const interUnit = assets.total - totalLiabilities - totalEquity;
  if (ctx.unit && interUnit !== 0n) {
    // A unit's books balance only together with what it owes to / is owed by the other units.
    liabilities.list.push({
      title: 'Rekening Antar Unit',
      lines: [{ account: null, name: 'Rekening antar unit (R/K)', amount: s(interUnit) }],
      total: s(interUnit),
    });
    totalLiabilities += interUnit;
  }
  const drop = (l: Section[]) => l.filter((x) => x.lines.length > 0);
  return {
    ...headOf(ctx),
    asOf,
    assets: drop(assets.list),
    liabilities: drop(liabilities.list),
    equity: drop(equity.list),
    totalAssets: s(assets.total),
    totalLiabilities: s(totalLiabilities),
    totalEquity: s(totalEquity),
    currentSurplus: s(currentSurplus),
    totalLiabilitiesAndEquity: s(totalLiabilities + totalEquity),
  };
}

// ── Income statement ───────────────────────────────────────────────────────────────────────

/** Movement (debit − credit) per account within a period, leaving out year-end closing entries. */
async function resultMovements(db: Db, cooperativeId: string, ctx: ReportContext, from: string, to: string) {
  const unit = ctx.unit ?? undefined;
  const [totals, closing] = await concurrentOnPool(
    db,
    () => totalsOf(db, cooperativeId, ctx, { from, to }),
    () => balances.closingNets(db, cooperativeId, { from, to, unit }),
  );
  const out = new Map<string, bigint>();
  for (const t of totals) {
    const acc = byCode(ctx.chart, t.account);
    if (acc.type !== 'revenue' && acc.type !== 'expense') continue;
    out.set(t.account, t.debit - t.credit - (closing.get(t.account) ?? 0n));
  }
  return { movements: out, closing };
}

function pick(chart: Chart, nets: Map<string, bigint>, title: string, test: (a: AccountRow) => boolean, sign: 1n | -1n): Section {
  let total = 0n;
  const lines = sortedCodes(nets.keys())
    .filter((code) => test(byCode(chart, code)) && nets.get(code) !== 0n)
    .map((code) => {
      const amount = nets.get(code)! * sign;
      total += amount;
      return { account: code, name: byCode(chart, code).name, amount: s(amount) };
    });
  return { title, lines, total: s(total) };
}

export async function incomeStatement(
  db: Db,
  cooperativeId: string,
  ctx: ReportContext,
  q: { from?: string; to?: string },
): Promise<IncomeStatement> {
  const { from, to } = periodOf(ctx, q);
  const { movements } = await resultMovements(db, cooperativeId, ctx, from, to);
  const c = ctx.chart;
  const memberRevenue = pick(c, movements, 'Pendapatan dari Anggota', (a) => a.revenueKind === 'member', -1n);
  const nonMemberRevenue = pick(c, movements, 'Pendapatan dari Non-Anggota', (a) => a.revenueKind === 'non_member', -1n);
  const otherRevenue = pick(c, movements, 'Pendapatan Lain-lain', (a) => a.revenueKind === 'other', -1n);
  const isExpense = (groups: string[]) => (a: AccountRow) => a.type === 'expense' && groups.includes(groupOf(a.code));
  const costOfSales = pick(c, movements, 'Harga Pokok Penjualan dan Susut', isExpense(['51', '52']), 1n);
  const operatingExpenses = pick(c, movements, 'Beban Usaha', isExpense(['61']), 1n);
  const financeCosts = pick(c, movements, 'Beban Keuangan', isExpense(['71']), 1n);
  const known = new Set(['51', '52', '61', '71', '81']);
  const incomeTax = pick(
    c,
    movements,
    'Pajak Penghasilan',
    (a) => a.type === 'expense' && (groupOf(a.code) === '81' || !known.has(groupOf(a.code))),
    1n,
  );
  const n = (x: Section) => BigInt(x.total);
  const totalRevenue = n(memberRevenue) + n(nonMemberRevenue);
  const grossSurplus = totalRevenue - n(costOfSales);
  const surplusBeforeTax = grossSurplus - n(operatingExpenses) + n(otherRevenue) - n(financeCosts);
  return {
    ...headOf(ctx),
    from,
    to,
    memberRevenue,
    nonMemberRevenue,
    otherRevenue,
    totalRevenue: s(totalRevenue),
    costOfSales,
    grossSurplus: s(grossSurplus),
    operatingExpenses,
    financeCosts,
    surplusBeforeTax: s(surplusBeforeTax),
    incomeTax,
    surplus: s(surplusBeforeTax - n(incomeTax)),
  };
}

// ── Cash flow (direct method) ──────────────────────────────────────────────────────────────

const RECEIPT_ORDER = ['revenue', 'equity', 'liability', 'asset', 'expense'];
const PAYMENT_ORDER = ['expense', 'liability', 'asset', 'equity', 'cost', 'revenue'];

/**
 * Each entry's net cash movement is attributed to its non-cash lines on the other side, in a
 * fixed order (a receipt to revenue first, then equity, liabilities, assets; a payment to
 * expenses first), so a sale posted with its cost of goods counts as a receipt from the sale,
 * not as inventory coming in. Attributions sum exactly to the cash movement.
 */
function attributeCash(chart: Chart, cash: Set<string>, lines: repo.CashLine[]) {
  const flows: { account: string; unit: string; inflow: bigint; outflow: bigint }[] = [];
  const rank = (a: AccountRow, order: string[]) => {
    const kind = a.type === 'expense' && ['51', '52'].includes(groupOf(a.code)) && order === PAYMENT_ORDER ? 'cost' : a.type;
    return order.indexOf(kind);
  };
  for (let i = 0; i < lines.length;) {
    let j = i;
    while (j < lines.length && lines[j]!.entry_id === lines[i]!.entry_id) j++;
    const entry = lines.slice(i, j);
    i = j;
    const net = entry.filter((l) => cash.has(l.account)).reduce((t, l) => t + l.debit - l.credit, 0n);
    if (net === 0n) continue;
    const receipt = net > 0n;
    const order = receipt ? RECEIPT_ORDER : PAYMENT_ORDER;
    const candidates = entry
      .filter((l) => !cash.has(l.account) && (receipt ? l.credit > 0n : l.debit > 0n))
      .map((l, k) => ({ l, k, r: rank(byCode(chart, l.account), order) }))
      .sort((a, b) => a.r - b.r || a.k - b.k);
    let left = receipt ? net : -net;
    for (const { l } of candidates) {
      if (left === 0n) break;
      const amount = receipt ? l.credit : l.debit;
      const take = amount < left ? amount : left;
      left -= take;
      flows.push({ account: l.account, unit: l.unit, inflow: receipt ? take : 0n, outflow: receipt ? 0n : take });
    }
  }
  return flows;
}

export async function cashFlow(db: Db, cooperativeId: string, ctx: ReportContext, q: { from?: string; to?: string }): Promise<CashFlow> {
  const { from, to } = periodOf(ctx, q);
  const cashAccounts = [...ctx.chart.accounts.values()].filter((a) => a.cashFlow === 'cash').map((a) => a.code);
  const cash = new Set(cashAccounts);
  const [lines, opening] = await concurrentOnPool(
    db,
    () => repo.linesOfCashEntries(db, cooperativeId, cashAccounts, from, to),
    () => repo.netBefore(db, cooperativeId, { accounts: cashAccounts, before: from, unit: ctx.unit ?? undefined }),
  );
  const netChange = lines
    .filter((l) => cash.has(l.account) && (!ctx.unit || l.unit === ctx.unit))
    .reduce((t, l) => t + l.debit - l.credit, 0n);
  const flows = attributeCash(ctx.chart, cash, lines).filter((f) => !ctx.unit || f.unit === ctx.unit);
  const section = (cls: 'operating' | 'investing' | 'financing', title: string) => {
    const byAccount = new Map<string, { inflow: bigint; outflow: bigint }>();
    for (const f of flows) {
      if (byCode(ctx.chart, f.account).cashFlow !== cls) continue;
      const x = byAccount.get(f.account) ?? { inflow: 0n, outflow: 0n };
      x.inflow += f.inflow;
      x.outflow += f.outflow;
      byAccount.set(f.account, x);
    }
    let net = 0n;
    const out = sortedCodes(byAccount.keys()).map((code) => {
      const x = byAccount.get(code)!;
      net += x.inflow - x.outflow;
      return { account: code, name: byCode(ctx.chart, code).name, inflow: s(x.inflow), outflow: s(x.outflow) };
    });
    return { title, lines: out, net: s(net) };
  };
  const operating = section('operating', 'Arus Kas dari Aktivitas Operasi');
  const investing = section('investing', 'Arus Kas dari Aktivitas Investasi');
  const financing = section('financing', 'Arus Kas dari Aktivitas Pendanaan');
  const attributed = BigInt(operating.net) + BigInt(investing.net) + BigInt(financing.net);
  return {
    ...headOf(ctx),
    from,
    to,
    operating,
    investing,
    financing,
    interUnitTransfers: s(netChange - attributed),
    netChange: s(netChange),
    openingCash: s(opening),
    closingCash: s(opening + netChange),
  };
}

// ── Changes in equity ──────────────────────────────────────────────────────────────────────

export async function equityChanges(
  db: Db,
  cooperativeId: string,
  ctx: ReportContext,
  q: { from?: string; to?: string },
): Promise<EquityChanges> {
  const { from, to } = periodOf(ctx, q);
  const unit = ctx.unit ?? undefined;
  const [totals, closing] = await concurrentOnPool(
    db,
    () => totalsOf(db, cooperativeId, ctx, { from, to }),
    () => balances.closingNets(db, cooperativeId, { from, to, unit }),
  );
  const rows: EquityChanges['rows'] = [];
  const sum = { opening: 0n, increase: 0n, decrease: 0n, closing: 0n };
  const add = (account: string | null, name: string, opening: bigint, increase: bigint, decrease: bigint) => {
    const closingBalance = opening + increase - decrease;
    sum.opening += opening;
    sum.increase += increase;
    sum.decrease += decrease;
    sum.closing += closingBalance;
    rows.push({ account, name, opening: s(opening), increase: s(increase), decrease: s(decrease), closing: s(closingBalance) });
  };
  let surplusOpening = 0n;
  let periodSurplus = 0n;
  let closed = 0n;
  for (const t of totals.sort((a, b) => a.account.localeCompare(b.account))) {
    const acc = byCode(ctx.chart, t.account);
    if (acc.type === 'equity') {
      if (t.openingDebit || t.openingCredit || t.debit || t.credit)
        add(t.account, acc.name, t.openingCredit - t.openingDebit, t.credit, t.debit);
    } else if (acc.type === 'revenue' || acc.type === 'expense') {
      const c = closing.get(t.account) ?? 0n;
      surplusOpening += t.openingCredit - t.openingDebit;
      periodSurplus += t.credit - t.debit + c;
      closed -= c;
    }
  }
  // Unclosed surplus: grows by the period's result, shrinks when a year-end close moves it to 3401.
  add(
    null,
    'SHU tahun berjalan (belum ditutup buku)',
    surplusOpening,
    pos(periodSurplus) + pos(closed),
    pos(-periodSurplus) + pos(-closed),
  );
  return {
    ...headOf(ctx),
    from,
    to,
    rows,
    totals: { opening: s(sum.opening), increase: s(sum.increase), decrease: s(sum.decrease), closing: s(sum.closing) },
  };
}

// ── Books: general ledger, cash book, subsidiary ledgers ──────────────────────────────────

export async function generalLedger(
  db: Db,
  cooperativeId: string,
  ctx: ReportContext,
  q: { account: string; from?: string; to?: string },
): Promise<GeneralLedger> {
  const acc = ctx.chart.accounts.get(q.account);
  if (!acc) {
    throw invalidField('query.account', 'unknown_account', {
      id: `Akun ${q.account} tidak ada dalam bagan akun`,
      en: `Account ${q.account} is not in the chart of accounts`,
    });
  }
  const { from, to } = periodOf(ctx, q);
  const unit = ctx.unit ?? undefined;
  const sign = acc.normalSide === 'debit' ? 1n : -1n;
  const [openingNet, lines] = await concurrentOnPool(
    db,
    () => repo.netBefore(db, cooperativeId, { accounts: [acc.code], before: from, unit }),
    () => repo.ledgerLines(db, cooperativeId, { accounts: [acc.code], from, to, unit }),
  );
  let balance = openingNet * sign;
  let totalDebit = 0n;
  let totalCredit = 0n;
  const rows = lines.map((l) => {
    balance += (l.debit - l.credit) * sign;
    totalDebit += l.debit;
    totalCredit += l.credit;
    return {
      date: l.date,
      entryId: l.entry_id,
      number: l.number,
      memo: l.line_memo ?? l.memo,
      unit: l.unit,
      memberId: l.member_id,
      partnerId: l.partner_id,
      debit: s(l.debit),
      credit: s(l.credit),
      balance: s(balance),
    };
  });
  return {
    ...headOf(ctx),
    account: acc.code,
    accountName: acc.name,
    normalSide: acc.normalSide as 'debit',
    from,
    to,
    opening: s(openingNet * sign),
    rows,
    totalDebit: s(totalDebit),
    totalCredit: s(totalCredit),
    closing: s(balance),
  };
}

export async function cashBook(
  db: Db,
  cooperativeId: string,
  ctx: ReportContext,
  q: { date?: string; account?: string },
): Promise<CashBook> {
  const date = asOfOf(ctx, q.date, 'query.date');
  // The cash book is the till (Kas and its sub-accounts) unless a bank account is asked for.
  let accounts = [...ctx.chart.accounts.values()].filter((a) => a.code === ACCOUNTS.KAS || a.parentCode === ACCOUNTS.KAS);
  if (q.account) {
    const acc = ctx.chart.accounts.get(q.account);
    if (!acc || acc.cashFlow !== 'cash') {
      throw invalidField('query.account', 'not_cash_account', {
        id: `Akun ${q.account} bukan akun kas atau bank`,
        en: `Account ${q.account} is not a cash or bank account`,
      });
    }
    accounts = [acc];
  }
  const codes = accounts.map((a) => a.code);
  const unit = ctx.unit ?? undefined;
  const [opening, lines] = await concurrentOnPool(
    db,
    () => repo.netBefore(db, cooperativeId, { accounts: codes, before: date, unit }),
    () => repo.ledgerLines(db, cooperativeId, { accounts: codes, from: date, to: date, unit }),
  );
  let balance = opening;
  let receipts = 0n;
  let payments = 0n;
  const rows = lines.map((l) => {
    balance += l.debit - l.credit;
    receipts += l.debit;
    payments += l.credit;
    return {
      entryId: l.entry_id,
      number: l.number,
      memo: l.line_memo ?? l.memo,
      account: l.account,
      receipt: s(l.debit),
      payment: s(l.credit),
      balance: s(balance),
    };
  });
  return {
    ...headOf(ctx),
    date,
    accounts: accounts.map((a) => ({ code: a.code, name: a.name })),
    opening: s(opening),
    rows,
    totalReceipts: s(receipts),
    totalPayments: s(payments),
    closing: s(balance),
  };
}

export async function subsidiaryLedger(
  db: Db,
  cooperativeId: string,
  ctx: ReportContext,
  q: { kind: 'member' | 'partner'; id: string; asOf?: string },
): Promise<SubsidiaryLedger> {
  const asOf = asOfOf(ctx, q.asOf);
  const who = q.kind === 'member' ? { memberId: q.id } : { partnerId: q.id };
  const unit = ctx.unit ?? undefined;
  const [nets, lines] = await concurrentOnPool(
    db,
    () => repo.subsidiaryAccountNets(db, cooperativeId, { ...who, asOf, unit }),
    () => repo.ledgerLines(db, cooperativeId, { ...who, to: asOf, unit }),
  );
  const signOf = (code: string) => (byCode(ctx.chart, code).normalSide === 'debit' ? 1n : -1n);
  const running = new Map<string, bigint>();
  return {
    ...headOf(ctx),
    kind: q.kind,
    subsidiaryId: q.id,
    asOf,
    balances: nets.map((n) => ({ account: n.account, name: byCode(ctx.chart, n.account).name, balance: s(n.net * signOf(n.account)) })),
    rows: lines.map((l) => {
      const b = (running.get(l.account) ?? 0n) + (l.debit - l.credit) * signOf(l.account);
      running.set(l.account, b);
      return {
        date: l.date,
        entryId: l.entry_id,
        number: l.number,
        memo: l.line_memo ?? l.memo,
        account: l.account,
        unit: l.unit,
        memberId: l.member_id,
        partnerId: l.partner_id,
        debit: s(l.debit),
        credit: s(l.credit),
        balance: s(b),
      };
    }),
  };
}
