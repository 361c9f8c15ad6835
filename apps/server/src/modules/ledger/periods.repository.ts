import { and, asc, eq, gte, lte, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { ledgerClosedMonths, ledgerClosedYears } from './ledger.schema.js';

/** Taken exclusively by closing and reopening; every posting takes it shared (see 0002_ledger.sql). */
export async function lockPeriods(db: Db, cooperativeId: string) {
  await db.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${'kopdes.ledger.periods:' + cooperativeId}, 0))`);
}

export const closedMonths = (db: Db, cooperativeId: string, from: string, to: string) =>
  db
    .select()
    .from(ledgerClosedMonths)
    .where(and(eq(ledgerClosedMonths.cooperativeId, cooperativeId), gte(ledgerClosedMonths.month, from), lte(ledgerClosedMonths.month, to)))
    .orderBy(asc(ledgerClosedMonths.month));

export const insertClosedMonths = (db: Db, cooperativeId: string, months: string[], closedByLabel: string) =>
  db
    .insert(ledgerClosedMonths)
    .values(months.map((month) => ({ cooperativeId, month, closedByLabel })))
    .onConflictDoNothing()
    .returning();

export const deleteClosedMonth = (db: Db, cooperativeId: string, month: string) =>
  db
    .delete(ledgerClosedMonths)
    .where(and(eq(ledgerClosedMonths.cooperativeId, cooperativeId), eq(ledgerClosedMonths.month, month)))
    .returning();

export const findClosedYear = (db: Db, cooperativeId: string, year: number) =>
  db
    .select()
    .from(ledgerClosedYears)
    .where(and(eq(ledgerClosedYears.cooperativeId, cooperativeId), eq(ledgerClosedYears.year, year)))
    .then((r) => r[0]);

export const laterClosedYear = (db: Db, cooperativeId: string, year: number) =>
  db
    .select()
    .from(ledgerClosedYears)
    .where(and(eq(ledgerClosedYears.cooperativeId, cooperativeId), sql`${ledgerClosedYears.year} > ${year}`))
    .limit(1)
    .then((r) => r[0]);

export const insertClosedYear = (db: Db, row: typeof ledgerClosedYears.$inferInsert) => db.insert(ledgerClosedYears).values(row);

export const deleteClosedYear = (db: Db, cooperativeId: string, year: number) =>
  db.delete(ledgerClosedYears).where(and(eq(ledgerClosedYears.cooperativeId, cooperativeId), eq(ledgerClosedYears.year, year)));

export async function entriesPerMonth(db: Db, cooperativeId: string, year: number): Promise<Map<string, number>> {
  const res = await db.execute<{ month: string; n: number }>(sql`
    SELECT to_char(date, 'YYYY-MM') AS month, count(*)::int AS n FROM journal_entries
    WHERE cooperative_id = ${cooperativeId} AND date BETWEEN ${`${year}-01-01`} AND ${`${year}-12-31`}
    GROUP BY 1`);
  return new Map(res.rows.map((r) => [r.month, Number(r.n)]));
}

/** Net (debit − credit) of every revenue and expense account per unit within a year. */
export async function resultNetByUnit(db: Db, cooperativeId: string, year: number) {
  const res = await db.execute<{ account: string; unit: string; net: string }>(sql`
    SELECT l.account, l.unit, (sum(l.debit) - sum(l.credit))::text AS net
    FROM journal_lines l
    JOIN ledger_accounts a ON a.cooperative_id = l.cooperative_id AND a.code = l.account
    WHERE l.cooperative_id = ${cooperativeId} AND l.date BETWEEN ${`${year}-01-01`} AND ${`${year}-12-31`}
      AND a.type IN ('revenue', 'expense')
    GROUP BY l.account, l.unit
    HAVING sum(l.debit) <> sum(l.credit)
    ORDER BY l.unit, l.account`);
  return res.rows.map((r) => ({ account: r.account, unit: r.unit, net: BigInt(r.net) }));
}
