import { and, asc, desc, eq, gt, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { networkPartners, networkPartnershipDocuments, networkPartnershipEvents, networkPartnerships } from './network.schema.js';

export type PartnerRow = typeof networkPartners.$inferSelect;
export type PartnershipRow = typeof networkPartnerships.$inferSelect;

export const insertPartner = (db: Db, row: typeof networkPartners.$inferInsert) => db.insert(networkPartners).values(row).returning();
export const findPartner = (db: Db, id: string) =>
  db
    .select()
    .from(networkPartners)
    .where(eq(networkPartners.id, id))
    .then((r) => r[0]);
export const findPartnerByName = (db: Db, name: string) =>
  db
    .select()
    .from(networkPartners)
    .where(sql`lower(${networkPartners.name}) = lower(${name})`)
    .then((r) => r[0]);
export const updatePartner = (db: Db, id: string, set: Partial<typeof networkPartners.$inferInsert>) =>
  db.update(networkPartners).set(set).where(eq(networkPartners.id, id)).returning();
export const listPartners = (db: Db) => db.select().from(networkPartners).orderBy(asc(networkPartners.name));

export const stageCountsByPartner = (db: Db) =>
  db
    .select({ partnerId: networkPartnerships.partnerId, stage: networkPartnerships.stage, n: sql<number>`count(*)::int` })
    .from(networkPartnerships)
    .groupBy(networkPartnerships.partnerId, networkPartnerships.stage);

export const insertPartnership = (db: Db, row: typeof networkPartnerships.$inferInsert) => db.insert(networkPartnerships).values(row);

const withPartner = {
  p: networkPartnerships,
  partnerName: networkPartners.name,
  partnerKind: networkPartners.kind,
};

export const findPartnership = (db: Db, id: string, cooperativeId?: string, lock = false) => {
  const q = db
    .select(withPartner)
    .from(networkPartnerships)
    .innerJoin(networkPartners, eq(networkPartners.id, networkPartnerships.partnerId))
    .where(and(eq(networkPartnerships.id, id), cooperativeId ? eq(networkPartnerships.cooperativeId, cooperativeId) : undefined));
  return (lock ? q.for('update', { of: networkPartnerships }) : q).then((r) => r[0]);
};

export interface PartnershipFilter {
  cooperativeId?: string;
  partnerId?: string;
  stage?: string;
  after?: string;
  limit: number;
}

export function listPartnerships(db: Db, f: PartnershipFilter) {
  const where: SQL[] = [];
  if (f.cooperativeId) where.push(eq(networkPartnerships.cooperativeId, f.cooperativeId));
  if (f.partnerId) where.push(eq(networkPartnerships.partnerId, f.partnerId));
  if (f.stage) where.push(eq(networkPartnerships.stage, f.stage));
  if (f.after) where.push(gt(networkPartnerships.id, f.after));
  return db
    .select(withPartner)
    .from(networkPartnerships)
    .innerJoin(networkPartners, eq(networkPartners.id, networkPartnerships.partnerId))
    .where(and(...where))
    .orderBy(asc(networkPartnerships.id))
    .limit(f.limit);
}

export const updatePartnership = (db: Db, cooperativeId: string, id: string, set: Partial<typeof networkPartnerships.$inferInsert>) =>
  db
    .update(networkPartnerships)
    .set({ ...set, updatedAt: new Date() })
    .where(and(eq(networkPartnerships.cooperativeId, cooperativeId), eq(networkPartnerships.id, id)));

export const insertEvent = (db: Db, row: typeof networkPartnershipEvents.$inferInsert) => db.insert(networkPartnershipEvents).values(row);
export const eventsOf = (db: Db, cooperativeId: string, partnershipId: string) =>
  db
    .select()
    .from(networkPartnershipEvents)
    .where(and(eq(networkPartnershipEvents.cooperativeId, cooperativeId), eq(networkPartnershipEvents.partnershipId, partnershipId)))
    .orderBy(asc(networkPartnershipEvents.id));
export const lastEvent = (db: Db, cooperativeId: string, partnershipId: string) =>
  db
    .select()
    .from(networkPartnershipEvents)
    .where(and(eq(networkPartnershipEvents.cooperativeId, cooperativeId), eq(networkPartnershipEvents.partnershipId, partnershipId)))
    .orderBy(desc(networkPartnershipEvents.id))
    .limit(1)
    .then((r) => r[0]);

export const insertDocument = (db: Db, row: typeof networkPartnershipDocuments.$inferInsert) =>
  db.insert(networkPartnershipDocuments).values(row);
const docColumns = {
  id: networkPartnershipDocuments.id,
  title: networkPartnershipDocuments.title,
  fileName: networkPartnershipDocuments.fileName,
  contentType: networkPartnershipDocuments.contentType,
  sizeBytes: networkPartnershipDocuments.sizeBytes,
  sha256: networkPartnershipDocuments.sha256,
  uploadedAt: networkPartnershipDocuments.uploadedAt,
};
export const documentsOf = (db: Db, cooperativeId: string, partnershipId: string) =>
  db
    .select(docColumns)
    .from(networkPartnershipDocuments)
    .where(and(eq(networkPartnershipDocuments.cooperativeId, cooperativeId), eq(networkPartnershipDocuments.partnershipId, partnershipId)))
    .orderBy(asc(networkPartnershipDocuments.id));
export const findDocument = (db: Db, id: string, cooperativeId?: string) =>
  db
    .select()
    .from(networkPartnershipDocuments)
    .where(
      and(eq(networkPartnershipDocuments.id, id), cooperativeId ? eq(networkPartnershipDocuments.cooperativeId, cooperativeId) : undefined),
    )
    .then((r) => r[0]);

/** Partnerships of a cooperative active at some time in [from, to], optionally of some kind or type. */
export const countActive = (db: Db, cooperativeId: string, from: string, to: string, partnerKind?: string, types?: string[]) =>
  db
    .select({ n: sql<number>`count(*)::int` })
    .from(networkPartnerships)
    .innerJoin(networkPartners, eq(networkPartners.id, networkPartnerships.partnerId))
    .where(
      and(
        eq(networkPartnerships.cooperativeId, cooperativeId),
        sql`${networkPartnerships.activeSince} <= ${to}`,
        sql`(${networkPartnerships.endedOn} IS NULL OR ${networkPartnerships.endedOn} >= ${from})`,
        partnerKind ? eq(networkPartners.kind, partnerKind) : undefined,
        types ? inArray(networkPartnerships.type, types) : undefined,
      ),
    )
    .then((r) => r[0]?.n ?? 0);
