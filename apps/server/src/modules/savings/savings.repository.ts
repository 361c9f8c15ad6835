import { and, asc, desc, eq, inArray, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { sqlText } from '../../db/edged-transaction.js';
import {
  memberSettlements,
  savingsAccounts,
  savingsDues,
  savingsDuesPayments,
  savingsDuesRuns,
  savingsSettings,
  savingsTransactions,
} from './savings.schema.js';

export type TransactionRow = typeof savingsTransactions.$inferSelect;
export type TransactionInsert = typeof savingsTransactions.$inferInsert;
export type SettingsRow = typeof savingsSettings.$inferSelect;
export type Kind = 'pokok' | 'wajib' | 'sukarela';

// ── settings ────────────────────────────────────────────────────────────────────────────────

export const listSettings = (db: Db, cooperativeId: string) =>
  db.select().from(savingsSettings).where(eq(savingsSettings.cooperativeId, cooperativeId)).orderBy(desc(savingsSettings.effectiveFrom));

export const settingOn = (db: Db, cooperativeId: string, date: string) =>
  db
    .select()
    .from(savingsSettings)
    .where(and(eq(savingsSettings.cooperativeId, cooperativeId), lte(savingsSettings.effectiveFrom, date)))
    .orderBy(desc(savingsSettings.effectiveFrom))
    .limit(1)
    .then((r) => r[0]);

export const upsertSetting = (db: Db, row: typeof savingsSettings.$inferInsert) =>
  db
    .insert(savingsSettings)
    .values(row)
    .onConflictDoUpdate({
      target: [savingsSettings.cooperativeId, savingsSettings.effectiveFrom],
      set: {
        pokokAmount: row.pokokAmount,
        wajibAmount: row.wajibAmount,
        wajibPeriodMonths: row.wajibPeriodMonths,
        createdByLabel: row.createdByLabel,
        createdAt: new Date(),
      },
    })
    .returning();

// ── balances ────────────────────────────────────────────────────────────────────────────────

/**
 * Adds to a balance; the statement returns the new one as text (`v`). The row stays locked until
 * commit, so concurrent postings on one member's balance queue here. A member id that does not
 * exist fails the foreign key (23503).
 */
export const creditStatement = (cooperativeId: string, memberId: string, kind: Kind, amount: bigint) => sql`
    INSERT INTO savings_accounts (cooperative_id, member_id, kind, balance) VALUES (${cooperativeId}, ${memberId}, ${kind}, ${amount})
    ON CONFLICT (cooperative_id, member_id, kind)
    DO UPDATE SET balance = savings_accounts.balance + EXCLUDED.balance, updated_at = now()
    RETURNING balance::text AS v`;

export async function credit(db: Db, cooperativeId: string, memberId: string, kind: Kind, amount: bigint): Promise<bigint> {
  const res = await db.execute<{ v: string }>(creditStatement(cooperativeId, memberId, kind, amount));
  return BigInt(res.rows[0]!.v);
}

/**
 * Takes from a balance only if it covers the amount (one atomic statement); it returns the new
 * balance as text (`v`), or no row when the balance does not cover it.
 */
export const debitIfCoveredStatement = (cooperativeId: string, memberId: string, kind: Kind, amount: bigint) => sql`
    UPDATE savings_accounts SET balance = balance - ${amount}, updated_at = now()
    WHERE cooperative_id = ${cooperativeId} AND member_id = ${memberId} AND kind = ${kind} AND balance >= ${amount}
    RETURNING balance::text AS v`;

export async function debitIfCovered(
  db: Db,
  cooperativeId: string,
  memberId: string,
  kind: Kind,
  amount: bigint,
): Promise<bigint | undefined> {
  const res = await db.execute<{ v: string }>(debitIfCoveredStatement(cooperativeId, memberId, kind, amount));
  return res.rows[0] ? BigInt(res.rows[0].v) : undefined;
}

export async function balanceOf(db: Db, cooperativeId: string, memberId: string, kind: Kind): Promise<bigint> {
  const [row] = await db
    .select({ balance: savingsAccounts.balance })
    .from(savingsAccounts)
    .where(and(eq(savingsAccounts.cooperativeId, cooperativeId), eq(savingsAccounts.memberId, memberId), eq(savingsAccounts.kind, kind)));
  return row?.balance ?? 0n;
}

/**
 * Locks all three balances of a member (creating missing rows first, so a deposit racing a
 * settlement either lands before it and is paid out, or waits and then sees the member gone).
 */
export async function lockBalances(db: Db, cooperativeId: string, memberId: string): Promise<Record<Kind, bigint>> {
  await db.execute(sql`
    INSERT INTO savings_accounts (cooperative_id, member_id, kind, balance)
    SELECT ${cooperativeId}, ${memberId}, k, 0 FROM unnest(ARRAY['pokok', 'wajib', 'sukarela']) AS k
    ON CONFLICT DO NOTHING`);
  const rows = await db
    .select({ kind: savingsAccounts.kind, balance: savingsAccounts.balance })
    .from(savingsAccounts)
    .where(and(eq(savingsAccounts.cooperativeId, cooperativeId), eq(savingsAccounts.memberId, memberId)))
    .orderBy(asc(savingsAccounts.kind))
    .for('update');
  const out: Record<Kind, bigint> = { pokok: 0n, wajib: 0n, sukarela: 0n };
  for (const r of rows) out[r.kind as Kind] = r.balance;
  return out;
}

export const zeroBalances = (db: Db, cooperativeId: string, memberId: string) =>
  db
    .update(savingsAccounts)
    .set({ balance: 0n, updatedAt: new Date() })
    .where(and(eq(savingsAccounts.cooperativeId, cooperativeId), eq(savingsAccounts.memberId, memberId)));

export async function balancesOf(db: Db, cooperativeId: string, memberIds: string[]): Promise<Map<string, Record<Kind, bigint>>> {
  const out = new Map<string, Record<Kind, bigint>>();
  for (const id of memberIds) out.set(id, { pokok: 0n, wajib: 0n, sukarela: 0n });
  for (let i = 0; i < memberIds.length; i += 5000) {
    const rows = await db
      .select()
      .from(savingsAccounts)
      .where(and(eq(savingsAccounts.cooperativeId, cooperativeId), inArray(savingsAccounts.memberId, memberIds.slice(i, i + 5000))));
    for (const r of rows) out.get(r.memberId)![r.kind as Kind] = r.balance;
  }
  return out;
}

/** Totals per kind, over every member of the cooperative or over the given ones. */
export async function balanceTotals(db: Db, cooperativeId: string, memberIds?: string[]): Promise<Record<Kind, bigint>> {
  const conds: SQL[] = [eq(savingsAccounts.cooperativeId, cooperativeId)];
  if (memberIds) conds.push(memberIds.length ? inArray(savingsAccounts.memberId, memberIds) : sql`false`);
  const rows = await db
    .select({ kind: savingsAccounts.kind, total: sql<string>`sum(${savingsAccounts.balance})::text` })
    .from(savingsAccounts)
    .where(and(...conds))
    .groupBy(savingsAccounts.kind);
  const out: Record<Kind, bigint> = { pokok: 0n, wajib: 0n, sukarela: 0n };
  for (const r of rows) out[r.kind as Kind] = BigInt(r.total ?? '0');
  return out;
}

// ── transactions ────────────────────────────────────────────────────────────────────────────

export const insertTransactions = (db: Db, rows: TransactionInsert[]) =>
  rows.length ? db.insert(savingsTransactions).values(rows) : Promise.resolve();

/** A transaction's row whose numbers come from the entry posted in the same statement (journal.insertEntry's `h`). */
export type RowBeforeEntry = Omit<TransactionInsert, 'number' | 'journalEntryId' | 'journalNumber'>;

/**
 * The insert of a transaction row as the posting statement's `alongside`: its receipt number is the
 * entry's number as `receiptNumber` writes it (JU-2026-000123 → KWT-2026-000123, then /part).
 */
export function insertTransactionAlongsideEntry(r: RowBeforeEntry, part?: number): SQL {
  return sql`
    INSERT INTO savings_transactions (cooperative_id, id, number, member_id, kind, type, direction, amount, balance_after, date,
      method, journal_entry_id, journal_number, reverses_id, settlement_id, memo, created_by_id, created_by_label, request_id)
    SELECT ${r.cooperativeId}, ${r.id}, 'KWT-' || CASE WHEN h.number LIKE 'JU-%' THEN substr(h.number, 4) ELSE h.number END || ${part ? `/${part}` : ''},
      ${r.memberId}, ${r.kind}, ${r.type}, ${r.direction}, ${r.amount}, ${r.balanceAfter}, ${r.date}::date, ${r.method}, h.id, h.number,
      ${r.reversesId ?? null}, ${r.settlementId ?? null}, ${r.memo ?? null}, ${r.createdById ?? null}, ${r.createdByLabel}, ${r.requestId ?? null}
    FROM h`;
}

/** The stored receipt number of a transaction, as an SQL expression (for an answer filled at commit). */
export const receiptNumberSql = (cooperativeId: string, id: string) =>
  sqlText`(SELECT number FROM savings_transactions WHERE cooperative_id = ${cooperativeId} AND id = ${id})`;

export const findTransaction = (db: Db, cooperativeId: string, id: string) =>
  db
    .select()
    .from(savingsTransactions)
    .where(and(eq(savingsTransactions.cooperativeId, cooperativeId), eq(savingsTransactions.id, id)))
    .limit(1)
    .then((r) => r[0]);

/** Every savings transaction posted with one journal entry (the two legs of a transfer), oldest first. */
export const transactionsOfEntry = (db: Db, cooperativeId: string, journalEntryId: string) =>
  db
    .select()
    .from(savingsTransactions)
    .where(and(eq(savingsTransactions.cooperativeId, cooperativeId), eq(savingsTransactions.journalEntryId, journalEntryId)))
    .orderBy(asc(savingsTransactions.number));

export const reversalsOf = (db: Db, cooperativeId: string, ids: string[]) =>
  ids.length
    ? db
        .select({ id: savingsTransactions.id, reversesId: savingsTransactions.reversesId })
        .from(savingsTransactions)
        .where(and(eq(savingsTransactions.cooperativeId, cooperativeId), inArray(savingsTransactions.reversesId, ids)))
    : Promise.resolve([]);

export interface TransactionFilter {
  memberId?: string;
  kind?: string;
  type?: string;
  from?: string;
  to?: string;
  settlementId?: string;
  before?: { date: string; id: string };
  limit?: number;
}

/** Newest first (by business date, then posting order), or oldest first for a passbook. */
export function listTransactions(db: Db, cooperativeId: string, f: TransactionFilter, order: 'newest' | 'oldest' = 'newest') {
  const t = savingsTransactions;
  const conds: SQL[] = [eq(t.cooperativeId, cooperativeId)];
  if (f.memberId) conds.push(eq(t.memberId, f.memberId));
  if (f.kind) conds.push(eq(t.kind, f.kind));
  if (f.type) conds.push(eq(t.type, f.type));
  if (f.from) conds.push(sql`${t.date} >= ${f.from}`);
  if (f.to) conds.push(lte(t.date, f.to));
  if (f.settlementId) conds.push(eq(t.settlementId, f.settlementId));
  if (f.before) conds.push(or(lt(t.date, f.before.date), and(eq(t.date, f.before.date), lt(t.id, f.before.id)))!);
  const q = db
    .select()
    .from(t)
    .where(and(...conds))
    .orderBy(...(order === 'newest' ? [desc(t.date), desc(t.id)] : [asc(t.id)]));
  return f.limit ? q.limit(f.limit) : q;
}

// ── dues ────────────────────────────────────────────────────────────────────────────────────

export type DuesInsert = typeof savingsDues.$inferInsert;

/** Inserts the dues that do not exist yet (one JSON parameter per 5,000); returns how many were new. */
export async function insertDues(db: Db, rows: DuesInsert[]): Promise<{ count: number; amount: bigint }> {
  let count = 0;
  let amount = 0n;
  for (let i = 0; i < rows.length; i += 5000) {
    const json = JSON.stringify(
      rows.slice(i, i + 5000).map((r) => ({ member_id: r.memberId, period: r.period, amount: r.amount.toString(), due_date: r.dueDate })),
    );
    const res = await db.execute<{ n: number; total: string | null }>(sql`
      WITH ins AS (
        INSERT INTO savings_dues (cooperative_id, member_id, period, amount, due_date)
        SELECT ${rows[0]!.cooperativeId}, member_id, period, amount, due_date
        FROM jsonb_to_recordset(${json}::jsonb) AS x(member_id text, period text, amount bigint, due_date date)
        ON CONFLICT DO NOTHING RETURNING amount)
      SELECT count(*)::int AS n, sum(amount)::text AS total FROM ins`);
    count += res.rows[0]!.n;
    amount += BigInt(res.rows[0]!.total ?? '0');
  }
  return { count, amount };
}

export interface DuesWithPaid {
  memberId: string;
  period: string;
  dueDate: string;
  amount: bigint;
  paid: bigint;
}

/** Dues with what has been paid on each, for the given members (all, or only open ones). */
export async function duesOf(
  db: Db,
  cooperativeId: string,
  f: { memberIds?: string[]; upTo?: string; openOnly?: boolean },
): Promise<DuesWithPaid[]> {
  const res = await db.execute<{ member_id: string; period: string; due_date: string; amount: bigint; paid: bigint }>(sql`
    SELECT d.member_id, d.period, d.due_date, d.amount, coalesce(p.paid, 0)::bigint AS paid
    FROM savings_dues d
    LEFT JOIN (
      SELECT member_id, period, sum(amount) AS paid FROM savings_dues_payments
      WHERE cooperative_id = ${cooperativeId} ${f.memberIds ? sql`AND member_id = ANY(${sql.param(f.memberIds)}::text[])` : sql``}
      GROUP BY member_id, period
    ) p ON p.member_id = d.member_id AND p.period = d.period
    WHERE d.cooperative_id = ${cooperativeId}
      ${f.memberIds ? sql`AND d.member_id = ANY(${sql.param(f.memberIds)}::text[])` : sql``}
      ${f.upTo ? sql`AND d.period <= ${f.upTo}` : sql``}
      ${f.openOnly ? sql`AND d.amount > coalesce(p.paid, 0)` : sql``}
    ORDER BY d.member_id, d.period`);
  return res.rows.map((r) => ({
    memberId: r.member_id,
    period: r.period,
    dueDate: r.due_date,
    amount: BigInt(r.amount),
    paid: BigInt(r.paid),
  }));
}

export const insertDuesPayments = (db: Db, rows: (typeof savingsDuesPayments.$inferInsert)[]) =>
  rows.length ? db.insert(savingsDuesPayments).values(rows) : Promise.resolve();

export const duesPaymentsOf = (db: Db, cooperativeId: string, transactionIds: string[]) =>
  transactionIds.length
    ? db
        .select()
        .from(savingsDuesPayments)
        .where(and(eq(savingsDuesPayments.cooperativeId, cooperativeId), inArray(savingsDuesPayments.transactionId, transactionIds)))
        .orderBy(asc(savingsDuesPayments.period))
    : Promise.resolve([]);

export async function recordRun(db: Db, cooperativeId: string, period: string, billed: { count: number; amount: bigint }, by: string) {
  const [row] = await db
    .insert(savingsDuesRuns)
    .values({ cooperativeId, period, membersBilled: billed.count, amountBilled: billed.amount, lastRunBy: by })
    .onConflictDoUpdate({
      target: [savingsDuesRuns.cooperativeId, savingsDuesRuns.period],
      set: {
        membersBilled: sql`${savingsDuesRuns.membersBilled} + ${billed.count}`,
        amountBilled: sql`${savingsDuesRuns.amountBilled} + ${billed.amount}`,
        lastRunAt: new Date(),
        lastRunBy: by,
      },
    })
    .returning();
  return row!;
}

export const listRuns = (db: Db, cooperativeId: string) =>
  db.select().from(savingsDuesRuns).where(eq(savingsDuesRuns.cooperativeId, cooperativeId)).orderBy(desc(savingsDuesRuns.period));

// ── settlements ─────────────────────────────────────────────────────────────────────────────

export const insertSettlement = (db: Db, row: typeof memberSettlements.$inferInsert) => db.insert(memberSettlements).values(row);

export const settlementOfMember = (db: Db, cooperativeId: string, memberId: string) =>
  db
    .select()
    .from(memberSettlements)
    .where(and(eq(memberSettlements.cooperativeId, cooperativeId), eq(memberSettlements.memberId, memberId)))
    .limit(1)
    .then((r) => r[0]);

// ── bulk history (opening balances, demo) ───────────────────────────────────────────────────

const jsonOf = (rows: object[]) => JSON.stringify(rows, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));

export async function insertTransactionsBulk(db: Db, rows: TransactionInsert[]) {
  for (let i = 0; i < rows.length; i += 5000) {
    const json = jsonOf(
      rows.slice(i, i + 5000).map((r) => ({
        cooperative_id: r.cooperativeId,
        id: r.id,
        number: r.number,
        member_id: r.memberId,
        kind: r.kind,
        type: r.type,
        direction: r.direction,
        amount: r.amount,
        balance_after: r.balanceAfter,
        date: r.date,
        method: r.method,
        journal_entry_id: r.journalEntryId,
        journal_number: r.journalNumber,
        memo: r.memo ?? null,
        created_by_id: r.createdById ?? null,
        created_by_label: r.createdByLabel,
      })),
    );
    await db.execute(sql`
      INSERT INTO savings_transactions (cooperative_id, id, number, member_id, kind, type, direction, amount, balance_after, date, method,
                                        journal_entry_id, journal_number, memo, created_by_id, created_by_label)
      SELECT * FROM jsonb_to_recordset(${json}::jsonb) AS x(cooperative_id text, id text, number text, member_id text, kind text, type text,
        direction text, amount bigint, balance_after bigint, date date, method text, journal_entry_id text, journal_number text, memo text,
        created_by_id text, created_by_label text)`);
  }
}

export async function insertDuesPaymentsBulk(db: Db, rows: (typeof savingsDuesPayments.$inferInsert)[]) {
  for (let i = 0; i < rows.length; i += 5000) {
    const json = jsonOf(
      rows.slice(i, i + 5000).map((r) => ({
        cooperative_id: r.cooperativeId,
        transaction_id: r.transactionId,
        member_id: r.memberId,
        period: r.period,
        amount: r.amount,
      })),
    );
    await db.execute(sql`
      INSERT INTO savings_dues_payments (cooperative_id, transaction_id, member_id, period, amount)
      SELECT * FROM jsonb_to_recordset(${json}::jsonb) AS x(cooperative_id text, transaction_id text, member_id text, period text, amount bigint)`);
  }
}

/** Adds to balances in one statement (rows created as needed). */
export async function addToBalances(db: Db, cooperativeId: string, deltas: { memberId: string; kind: Kind; amount: bigint }[]) {
  if (!deltas.length) return;
  const json = jsonOf(deltas.map((d) => ({ member_id: d.memberId, kind: d.kind, amount: d.amount })));
  await db.execute(sql`
    INSERT INTO savings_accounts (cooperative_id, member_id, kind, balance)
    SELECT ${cooperativeId}, member_id, kind, amount FROM jsonb_to_recordset(${json}::jsonb) AS x(member_id text, kind text, amount bigint)
    ON CONFLICT (cooperative_id, member_id, kind) DO UPDATE SET balance = savings_accounts.balance + EXCLUDED.balance, updated_at = now()`);
}
