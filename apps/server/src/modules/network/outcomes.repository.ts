import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { networkActionItems, networkActionReports } from './network.schema.js';

export type ItemRow = typeof networkActionItems.$inferSelect;
export type ReportRow = typeof networkActionReports.$inferSelect;

export const itemsOf = (db: Db, cooperativeId: string, participantId: string) =>
  db
    .select()
    .from(networkActionItems)
    .where(and(eq(networkActionItems.cooperativeId, cooperativeId), eq(networkActionItems.participantId, participantId)))
    .orderBy(asc(networkActionItems.dueOn), asc(networkActionItems.id));

export const itemsOfParticipants = (db: Db, participantIds: string[]) =>
  participantIds.length
    ? db
        .select()
        .from(networkActionItems)
        .where(inArray(networkActionItems.participantId, participantIds))
        .orderBy(asc(networkActionItems.id))
    : Promise.resolve([]);

export const findItem = (db: Db, id: string, cooperativeId?: string) =>
  db
    .select()
    .from(networkActionItems)
    .where(and(eq(networkActionItems.id, id), cooperativeId ? eq(networkActionItems.cooperativeId, cooperativeId) : undefined))
    .then((r) => r[0]);

export const countReports = (db: Db, cooperativeId: string, participantId: string) =>
  db
    .select({ n: sql<number>`count(*)::int` })
    .from(networkActionReports)
    .innerJoin(
      networkActionItems,
      and(eq(networkActionItems.cooperativeId, networkActionReports.cooperativeId), eq(networkActionItems.id, networkActionReports.itemId)),
    )
    .where(and(eq(networkActionItems.cooperativeId, cooperativeId), eq(networkActionItems.participantId, participantId)))
    .then((r) => r[0]?.n ?? 0);

export async function replaceItems(db: Db, cooperativeId: string, participantId: string, rows: (typeof networkActionItems.$inferInsert)[]) {
  await db
    .delete(networkActionItems)
    .where(and(eq(networkActionItems.cooperativeId, cooperativeId), eq(networkActionItems.participantId, participantId)));
  if (rows.length) await db.insert(networkActionItems).values(rows);
}

export const insertReport = (db: Db, row: typeof networkActionReports.$inferInsert) => db.insert(networkActionReports).values(row);

/** The latest hand-typed report of each item, up to `asOf`. */
export const latestReports = (db: Db, itemIds: string[], asOf: string) =>
  itemIds.length
    ? db
        .selectDistinctOn([networkActionReports.itemId])
        .from(networkActionReports)
        .where(and(inArray(networkActionReports.itemId, itemIds), sql`${networkActionReports.asOf} <= ${asOf}`))
        .orderBy(networkActionReports.itemId, desc(networkActionReports.asOf), desc(networkActionReports.id))
    : Promise.resolve([]);
