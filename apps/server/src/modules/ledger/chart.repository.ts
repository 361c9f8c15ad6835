import { STANDARD_CHART, UNITS } from '@kopdes/shared/ledger';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { ledgerAccounts, ledgerUnits } from './ledger.schema.js';

export type AccountRow = typeof ledgerAccounts.$inferSelect;
export type UnitRow = typeof ledgerUnits.$inferSelect;

export const listAccounts = (db: Db, cooperativeId: string) =>
  db.select().from(ledgerAccounts).where(eq(ledgerAccounts.cooperativeId, cooperativeId)).orderBy(asc(ledgerAccounts.code));

export const listUnits = (db: Db, cooperativeId: string) =>
  db.select().from(ledgerUnits).where(eq(ledgerUnits.cooperativeId, cooperativeId)).orderBy(asc(ledgerUnits.code));

/** Adds the standard accounts the cooperative lacks, and every standard unit when it has none yet. */
export async function insertStandardSetup(db: Db, cooperativeId: string, withUnits: boolean) {
  await db
    .insert(ledgerAccounts)
    .values(
      STANDARD_CHART.map((a) => ({
        cooperativeId,
        code: a.code,
        name: a.name,
        type: a.type,
        normalSide: a.normalSide,
        revenueKind: a.revenueKind,
        cashFlow: a.cashFlow,
        subsidiary: a.subsidiary,
        standard: true,
      })),
    )
    .onConflictDoNothing();
  if (withUnits) {
    await db
      .insert(ledgerUnits)
      .values(Object.entries(UNITS).map(([code, name]) => ({ cooperativeId, code, name })))
      .onConflictDoNothing();
  }
}

/** Nothing is returned when the code is already taken (a concurrent twin). */
export const insertAccount = (db: Db, row: typeof ledgerAccounts.$inferInsert) =>
  db.insert(ledgerAccounts).values(row).onConflictDoNothing().returning();

export const setAccountActive = (db: Db, cooperativeId: string, code: string, active: boolean) =>
  db
    .update(ledgerAccounts)
    .set({ active })
    .where(and(eq(ledgerAccounts.cooperativeId, cooperativeId), eq(ledgerAccounts.code, code)))
    .returning();

export const upsertUnit = (db: Db, cooperativeId: string, code: string, name: string, enabled: boolean) =>
  db
    .insert(ledgerUnits)
    .values({ cooperativeId, code, name, enabled })
    .onConflictDoUpdate({ target: [ledgerUnits.cooperativeId, ledgerUnits.code], set: { enabled, name: sql`excluded.name` } })
    .returning();

export const setUnitEnabled = (db: Db, cooperativeId: string, code: string, enabled: boolean) =>
  db
    .update(ledgerUnits)
    .set({ enabled })
    .where(and(eq(ledgerUnits.cooperativeId, cooperativeId), eq(ledgerUnits.code, code)))
    .returning();

/** Balance of an account (debit − credit), for deactivation checks. */
export async function accountNet(db: Db, cooperativeId: string, code: string): Promise<bigint> {
  const res = await db.execute<{ net: string | null }>(sql`
    SELECT (sum(debit) - sum(credit))::text AS net FROM journal_lines WHERE cooperative_id = ${cooperativeId} AND account = ${code}`);
  return BigInt(res.rows[0]?.net ?? '0');
}

/** Every closed month of a cooperative, as `YYYY-MM`. */
export async function closedMonthKeys(db: Db, cooperativeId: string): Promise<string[]> {
  const res = await db.execute<{ m: string }>(
    sql`SELECT to_char(month, 'YYYY-MM') AS m FROM ledger_closed_months WHERE cooperative_id = ${cooperativeId}`,
  );
  return res.rows.map((r) => r.m);
}
