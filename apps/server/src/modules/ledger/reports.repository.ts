import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';

const list = (xs: string[]) =>
  sql`ARRAY[${sql.join(
    xs.map((x) => sql`${x}`),
    sql`, `,
  )}]::text[]`;

export interface Letterhead {
  name: string;
  legalEntityNumber: string | null;
  address: string | null;
  villageCode: string;
  timeZone: string;
}

/**
 * The tenant's own name and address for the letterhead. Read from the tenant root table every
 * tenant row already references; the ledger still calls no other module's code.
 */
export async function letterhead(db: Db, cooperativeId: string): Promise<Letterhead | undefined> {
  const res = await db.execute<{
    name: string;
    legal_entity_number: string | null;
    address: string | null;
    village_code: string;
    time_zone: string;
  }>(sql`SELECT name, legal_entity_number, address, village_code, time_zone FROM cooperatives WHERE id = ${cooperativeId}`);
  const r = res.rows[0];
  return r
    ? { name: r.name, legalEntityNumber: r.legal_entity_number, address: r.address, villageCode: r.village_code, timeZone: r.time_zone }
    : undefined;
}

export interface CashLine {
  entry_id: string;
  account: string;
  unit: string;
  debit: bigint;
  credit: bigint;
}

/** Every line of the entries that move a cash account within a period. */
export async function linesOfCashEntries(db: Db, cooperativeId: string, cash: string[], from: string, to: string): Promise<CashLine[]> {
  const res = await db.execute<{ entry_id: string; account: string; unit: string; debit: string; credit: string }>(sql`
    SELECT l.entry_id, l.account, l.unit, l.debit::text AS debit, l.credit::text AS credit
    FROM journal_lines l
    WHERE l.cooperative_id = ${cooperativeId} AND l.date BETWEEN ${from} AND ${to}
      AND l.entry_id IN (SELECT c.entry_id FROM journal_lines c
                         WHERE c.cooperative_id = ${cooperativeId} AND c.account = ANY(${list(cash)}) AND c.date BETWEEN ${from} AND ${to})
    ORDER BY l.entry_id, l.line_no`);
  return res.rows.map((r) => ({
    entry_id: r.entry_id,
    account: r.account,
    unit: r.unit,
    debit: BigInt(r.debit),
    credit: BigInt(r.credit),
  }));
}

export interface LedgerLine {
  date: string;
  entry_id: string;
  number: string;
  memo: string;
  line_memo: string | null;
  account: string;
  unit: string;
  member_id: string | null;
  partner_id: string | null;
  debit: bigint;
  credit: bigint;
}

/** Lines of some accounts (or of one member/partner) in a date range, oldest first, with their entry. */
export async function ledgerLines(
  db: Db,
  cooperativeId: string,
  f: { accounts?: string[]; from?: string; to: string; unit?: string; memberId?: string; partnerId?: string },
): Promise<LedgerLine[]> {
  const conds: SQL[] = [sql`l.cooperative_id = ${cooperativeId}`, sql`l.date <= ${f.to}`];
  if (f.accounts) conds.push(sql`l.account = ANY(${list(f.accounts)})`);
  if (f.from) conds.push(sql`l.date >= ${f.from}`);
  if (f.unit) conds.push(sql`l.unit = ${f.unit}`);
  if (f.memberId) conds.push(sql`l.member_id = ${f.memberId}`);
  if (f.partnerId) conds.push(sql`l.partner_id = ${f.partnerId}`);
  const res = await db.execute<Omit<LedgerLine, 'debit' | 'credit'> & { debit: string; credit: string }>(sql`
    SELECT l.date, l.entry_id, e.number, e.memo, l.memo AS line_memo, l.account, l.unit, l.member_id, l.partner_id,
           l.debit::text AS debit, l.credit::text AS credit
    FROM journal_lines l JOIN journal_entries e ON e.cooperative_id = l.cooperative_id AND e.id = l.entry_id
    WHERE ${sql.join(conds, sql` AND `)}
    ORDER BY l.date, e.number, l.line_no`);
  return res.rows.map((r) => ({ ...r, debit: BigInt(r.debit), credit: BigInt(r.credit) }));
}

/** Σ debit − Σ credit of some accounts before a date (an opening balance), optionally of one member or partner. */
export async function netBefore(
  db: Db,
  cooperativeId: string,
  f: { accounts: string[]; before: string; unit?: string; memberId?: string; partnerId?: string },
): Promise<bigint> {
  const conds: SQL[] = [sql`cooperative_id = ${cooperativeId}`, sql`account = ANY(${list(f.accounts)})`, sql`date < ${f.before}`];
  if (f.unit) conds.push(sql`unit = ${f.unit}`);
  if (f.memberId) conds.push(sql`member_id = ${f.memberId}`);
  if (f.partnerId) conds.push(sql`partner_id = ${f.partnerId}`);
  const res = await db.execute<{ net: string }>(sql`
    SELECT coalesce(sum(debit) - sum(credit), 0)::text AS net FROM journal_lines WHERE ${sql.join(conds, sql` AND `)}`);
  return BigInt(res.rows[0]!.net);
}

/** Per account Σ debit − Σ credit of one member or partner up to a date. */
export async function subsidiaryAccountNets(
  db: Db,
  cooperativeId: string,
  f: { memberId?: string; partnerId?: string; asOf: string; unit?: string },
): Promise<{ account: string; net: bigint }[]> {
  const conds: SQL[] = [sql`cooperative_id = ${cooperativeId}`, sql`date <= ${f.asOf}`];
  if (f.memberId) conds.push(sql`member_id = ${f.memberId}`);
  if (f.partnerId) conds.push(sql`partner_id = ${f.partnerId}`);
  if (f.unit) conds.push(sql`unit = ${f.unit}`);
  const res = await db.execute<{ account: string; net: string }>(sql`
    SELECT account, (sum(debit) - sum(credit))::text AS net FROM journal_lines WHERE ${sql.join(conds, sql` AND `)}
    GROUP BY account ORDER BY account`);
  return res.rows.map((r) => ({ account: r.account, net: BigInt(r.net) }));
}
