/**
 * The general ledger owns the chart of accounts, business units, the journal and its periods.
 * Every module posts through `postEntry` here (inside its own transaction) and reads balances
 * through `accountBalance` / `subsidiaryBalances`; the ledger calls no other module but audit.
 */
import type { ManualEntryInput } from '@kopdes/shared/ledger';
import { ACCOUNT_GROUPS, groupOf, UNITS } from '@kopdes/shared/ledger';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../lib/actor.js';
import { conflict, invalidField, notFound } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { recordAudit } from '../audit/audit.service.js';
import * as balances from './balances.repository.js';
import { chartOf, ensureLedgerSetup, forgetChart, type AccountRow, type Chart } from './chart.js';
import * as chartRepo from './chart.repository.js';
import * as journal from './journal.repository.js';
import { monthStart } from './periods.js';
import * as periodsRepo from './periods.repository.js';
import { isValidDate, periodClosedError, postEntry, refused, validateEntry, type PostingEntry } from './posting.service.js';

export { ensureLedgerSetup, chartOf };
export { MAX_LINE_AMOUNT, postEntry, reverseEntry, type Posted, type PostingEntry, type PostingLine } from './posting.service.js';
// A source document's own inserts, run in its posting's statement (see journal.insertEntry).
export { cte, type Alongside } from './journal.repository.js';
export { closeMonth, closeYear, listPeriods, reopenMonth, reopenYear } from './periods.service.js';

const signed = (acc: Pick<AccountRow, 'normalSide'>, debit: bigint, credit: bigint) =>
  acc.normalSide === 'debit' ? debit - credit : credit - debit;

const unknownAccount = (code: string, f = 'account') =>
  invalidField(f, 'unknown_account', {
    id: `Akun ${code} tidak ada dalam bagan akun`,
    en: `Account ${code} is not in the chart of accounts`,
  });

/**
 * An account's balance, signed by its normal side (a debit-normal account with more debits is
 * positive), up to `asOf` inclusive, for one unit, member or partner when given.
 * @example await accountBalance(db, coopId, { account: ACCOUNTS.SIMPANAN_SUKARELA, memberId }) // 120000n
 */
export async function accountBalance(
  db: Db,
  cooperativeId: string,
  q: { account: string; asOf?: string; unit?: string; memberId?: string; partnerId?: string },
): Promise<bigint> {
  const acc = (await chartOf(db, cooperativeId)).accounts.get(q.account);
  if (!acc) throw unknownAccount(q.account);
  const s = await balances.accountSums(db, cooperativeId, q);
  return signed(acc, s.debit, s.credit);
}

/**
 * Balances of one account per member (or per partner, for partner accounts such as 1121/2101)
 * up to `asOf`, signed by the account's normal side. Only subsidiaries with lines appear.
 * @example (await subsidiaryBalances(db, coopId, { account: ACCOUNTS.SIMPANAN_WAJIB, asOf: '2025-12-31' })).get(memberId)
 */
export async function subsidiaryBalances(
  db: Db,
  cooperativeId: string,
  q: { account: string; asOf: string; memberIds?: string[]; partnerIds?: string[] },
): Promise<Map<string, bigint>> {
  const acc = (await chartOf(db, cooperativeId)).accounts.get(q.account);
  if (!acc) throw unknownAccount(q.account);
  const kind = q.partnerIds || (!q.memberIds && acc.subsidiary === 'partner') ? 'partner' : 'member';
  const rows = await balances.subsidiaryNets(db, cooperativeId, {
    account: q.account,
    asOf: q.asOf,
    kind,
    ids: kind === 'partner' ? q.partnerIds : q.memberIds,
  });
  return new Map(rows.map((r) => [r.id, acc.normalSide === 'debit' ? r.net : -r.net]));
}

// ── Chart of accounts and units ────────────────────────────────────────────────────────────

export function presentAccount(a: AccountRow) {
  const group = groupOf(a.code);
  return {
    code: a.code,
    name: a.name,
    type: a.type as 'asset',
    normalSide: a.normalSide as 'debit' | 'credit',
    revenueKind: a.revenueKind as 'member' | null,
    cashFlow: a.cashFlow as 'cash',
    subsidiary: a.subsidiary as 'member' | null,
    parentCode: a.parentCode,
    group,
    groupName: ACCOUNT_GROUPS[group] ?? group,
    active: a.active,
    standard: a.standard,
  };
}

export async function listAccounts(db: Db, cooperativeId: string) {
  await ensureLedgerSetup(db, cooperativeId);
  return (await chartRepo.listAccounts(db, cooperativeId)).map(presentAccount);
}

/** Extends the chart with a child of an existing account; the child inherits its nature. */
export async function createAccount(
  db: Db,
  cooperativeId: string,
  actor: Actor,
  input: { code: string; name: string; parentCode: string },
) {
  const chart = await chartOf(db, cooperativeId);
  const parent = chart.accounts.get(input.parentCode);
  if (!parent) throw unknownAccount(input.parentCode, 'parentCode');
  const taken = () =>
    invalidField('code', 'account_exists', { id: `Kode akun ${input.code} sudah dipakai`, en: `Account code ${input.code} is taken` });
  if (chart.accounts.has(input.code)) throw taken();
  if (groupOf(input.code) !== groupOf(parent.code)) {
    throw invalidField('code', 'wrong_group', {
      id: `Kode akun anak harus diawali ${groupOf(parent.code)} seperti induknya (${parent.code} ${parent.name})`,
      en: `A child account's code must start with ${groupOf(parent.code)} like its parent`,
    });
  }
  return db.transaction(async (tx) => {
    const [row] = await chartRepo.insertAccount(tx, {
      cooperativeId,
      code: input.code,
      name: input.name,
      type: parent.type,
      normalSide: parent.normalSide,
      revenueKind: parent.revenueKind,
      cashFlow: parent.cashFlow,
      subsidiary: parent.subsidiary,
      parentCode: parent.code,
    });
    if (!row) throw taken();
    forgetChart(cooperativeId);
    await recordAudit(tx, cooperativeId, actor, {
      action: 'ledger.account.create',
      entityType: 'ledger_account',
      entityId: input.code,
      changes: input,
    });
    return presentAccount(row);
  });
}

export async function setAccountActive(db: Db, cooperativeId: string, actor: Actor, code: string, active: boolean) {
  const chart = await chartOf(db, cooperativeId);
  if (!chart.accounts.has(code)) throw notFound({ id: `Akun ${code} tidak ditemukan`, en: `Account ${code} not found` });
  return db.transaction(async (tx) => {
    if (!active) {
      const net = await chartRepo.accountNet(tx, cooperativeId, code);
      if (net !== 0n) {
        throw conflict('account_has_balance', {
          id: `Akun ${code} masih bersaldo; pindahkan saldonya sebelum menonaktifkan`,
          en: `Account ${code} still has a balance; move it before deactivating`,
        });
      }
    }
    const [row] = await chartRepo.setAccountActive(tx, cooperativeId, code, active);
    forgetChart(cooperativeId);
    await recordAudit(tx, cooperativeId, actor, {
      action: active ? 'ledger.account.activate' : 'ledger.account.deactivate',
      entityType: 'ledger_account',
      entityId: code,
    });
    return presentAccount(row!);
  });
}

export async function listUnits(db: Db, cooperativeId: string) {
  await ensureLedgerSetup(db, cooperativeId);
  return (await chartRepo.listUnits(db, cooperativeId)).map((u) => ({ code: u.code, name: u.name, enabled: u.enabled }));
}

/** Enables a unit; a code not yet known is added (a cooperative may run its own units, e.g. `lpg`). */
export async function setUnitEnabled(db: Db, cooperativeId: string, actor: Actor, code: string, enabled: boolean, name?: string) {
  const chart = await chartOf(db, cooperativeId);
  const existing = chart.units.get(code);
  if (!existing && !enabled) throw notFound({ id: `Unit ${code} tidak ditemukan`, en: `Unit ${code} not found` });
  const label = name ?? existing?.name ?? (UNITS as Record<string, string>)[code];
  if (!label) {
    throw invalidField('name', 'required', { id: 'Nama unit baru wajib diisi', en: 'A new unit needs a name' });
  }
  return db.transaction(async (tx) => {
    const [row] =
      existing && !name
        ? await chartRepo.setUnitEnabled(tx, cooperativeId, code, enabled)
        : await chartRepo.upsertUnit(tx, cooperativeId, code, label, enabled);
    forgetChart(cooperativeId);
    await recordAudit(tx, cooperativeId, actor, {
      action: enabled ? 'ledger.unit.enable' : 'ledger.unit.disable',
      entityType: 'ledger_unit',
      entityId: code,
      changes: { name: label },
    });
    return { code: row!.code, name: row!.name, enabled: row!.enabled };
  });
}

// ── Journal ────────────────────────────────────────────────────────────────────────────────

function presentEntry(chart: Chart, e: journal.EntryRow, lines: journal.LineRow[]) {
  return {
    id: e.id,
    number: e.number,
    date: e.date,
    memo: e.memo,
    source: { module: e.source_module, documentId: e.source_document_id },
    reversesId: e.reverses_id,
    reversedById: e.reversed_by_id,
    closing: e.closing,
    total: lines.reduce((s, l) => s + l.debit, 0n).toString(),
    createdAt: new Date(e.created_at).toISOString(),
    createdBy: e.created_by_label,
    lines: lines.map((l) => ({
      lineNo: l.line_no,
      account: l.account,
      accountName: chart.accounts.get(l.account)?.name ?? l.account,
      unit: l.unit,
      memberId: l.member_id,
      partnerId: l.partner_id,
      debit: l.debit.toString(),
      credit: l.credit.toString(),
      memo: l.memo,
    })),
  };
}

export async function getEntry(db: Db, cooperativeId: string, id: string) {
  const e = await journal.findEntry(db, cooperativeId, id);
  if (!e) throw notFound({ id: 'Jurnal tidak ditemukan', en: 'Journal entry not found' });
  // Sequential: `db` may be the caller's transaction (one connection, one query at a time).
  const chart = await chartOf(db, cooperativeId);
  const lines = await journal.linesOf(db, cooperativeId, [id]);
  return presentEntry(chart, e, lines);
}

const encodeCursor = (e: { date: string; id: string }) => Buffer.from(`${e.date}|${e.id}`).toString('base64url');
function decodeCursor(c: string) {
  const [date, id] = Buffer.from(c, 'base64url').toString().split('|');
  if (!date || !id || !isValidDate(date)) {
    throw invalidField('query.cursor', 'invalid_cursor', { id: 'Kursor halaman tidak valid', en: 'Invalid page cursor' });
  }
  return { date, id };
}

export async function listEntries(db: Db, cooperativeId: string, q: Omit<journal.EntryFilter, 'before'> & { cursor?: string }) {
  for (const f of ['from', 'to'] as const) {
    const v = q[f];
    if (v !== undefined && !isValidDate(v)) {
      throw invalidField(`query.${f}`, 'invalid_date', { id: 'Tanggal tidak ada di kalender', en: 'Not a real calendar date' });
    }
  }
  const rows = await journal.listEntries(db, cooperativeId, { ...q, before: q.cursor ? decodeCursor(q.cursor) : undefined });
  const more = rows.length > q.limit;
  const page = more ? rows.slice(0, q.limit) : rows;
  const chart = await chartOf(db, cooperativeId);
  const lines = await journal.linesOf(
    db,
    cooperativeId,
    page.map((e) => e.id),
  );
  const byEntry = new Map<string, journal.LineRow[]>();
  for (const l of lines) byEntry.set(l.entry_id, [...(byEntry.get(l.entry_id) ?? []), l]);
  return {
    items: page.map((e) => presentEntry(chart, e, byEntry.get(e.id) ?? [])),
    nextCursor: more ? encodeCursor(page[page.length - 1]!) : null,
  };
}

function toPosting(input: ManualEntryInput, documentId: string): PostingEntry {
  return {
    date: input.date,
    memo: input.memo,
    source: { module: 'ledger.manual', documentId },
    lines: input.lines.map((l) => ({
      account: l.account,
      unit: l.unit,
      debit: l.debit !== undefined ? BigInt(l.debit) : undefined,
      credit: l.credit !== undefined ? BigInt(l.credit) : undefined,
      memberId: l.memberId ?? null,
      partnerId: l.partnerId ?? null,
      memo: l.memo,
    })),
  };
}

/** A manual entry by the bendahara: posted, audited, and returned as stored. */
export async function createManualEntry(db: Db, cooperativeId: string, actor: Actor, input: ManualEntryInput) {
  return db.transaction(async (tx) => {
    const posted = await postEntry(tx, cooperativeId, actor, toPosting(input, newId('mju')));
    await recordAudit(tx, cooperativeId, actor, {
      action: 'ledger.entry.post',
      entityType: 'journal_entry',
      entityId: posted.id,
      changes: { number: posted.number, ...input },
    });
    return getEntry(tx, cooperativeId, posted.id);
  });
}

/** Validates a manual entry exactly as posting would and shows each account's balance before and after; writes nothing. */
export async function previewEntry(db: Db, cooperativeId: string, input: ManualEntryInput) {
  const chart = await chartOf(db, cooperativeId);
  const entry = toPosting(input, 'preview');
  const { fields, total } = validateEntry(chart, entry);
  if (fields.length) throw refused(fields);
  const closed = await periodsRepo.closedMonths(db, cooperativeId, monthStart(entry.date), monthStart(entry.date));
  if (closed.length) throw periodClosedError(entry.date.slice(0, 7));
  const change = new Map<string, { account: string; unit: string; change: bigint }>();
  for (const l of entry.lines) {
    const acc = chart.accounts.get(l.account)!;
    const k = `${l.account}|${l.unit}`;
    const c = change.get(k) ?? { account: l.account, unit: l.unit, change: 0n };
    c.change += signed(acc, l.debit ?? 0n, l.credit ?? 0n);
    change.set(k, c);
  }
  const effects = [];
  for (const c of change.values()) {
    const acc = chart.accounts.get(c.account)!;
    const sums = await balances.accountSums(db, cooperativeId, { account: c.account, unit: c.unit, asOf: entry.date });
    const before = signed(acc, sums.debit, sums.credit);
    effects.push({
      account: c.account,
      accountName: acc.name,
      unit: c.unit,
      before: before.toString(),
      change: c.change.toString(),
      after: (before + c.change).toString(),
    });
  }
  return { balanced: true as const, total: total.toString(), effects };
}
