import { and, desc, eq, gte, lt, lte, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { auditLog, platformAuditLog } from './audit.schema.js';

export async function insertAudit(db: Db, row: typeof auditLog.$inferInsert) {
  await db.insert(auditLog).values(row);
}

/** The same insert as a statement to run inside another (a posting's `alongside`). */
export const auditInsertStatement = (db: Db, row: typeof auditLog.$inferInsert): SQL => db.insert(auditLog).values(row).getSQL();

export async function insertPlatformAudit(db: Db, row: typeof platformAuditLog.$inferInsert) {
  await db.insert(platformAuditLog).values(row);
}

export interface AuditFilter {
  action?: string;
  entityType?: string;
  entityId?: string;
  actorId?: string;
  from?: Date;
  to?: Date;
  /** Return entries strictly older (by id) than this one: cursor pagination. */
  before?: string;
  limit: number;
}

export function listAudit(db: Db, cooperativeId: string, f: AuditFilter) {
  const conds: SQL[] = [eq(auditLog.cooperativeId, cooperativeId)];
  if (f.action) conds.push(eq(auditLog.action, f.action));
  if (f.entityType) conds.push(eq(auditLog.entityType, f.entityType));
  if (f.entityId) conds.push(eq(auditLog.entityId, f.entityId));
  if (f.actorId) conds.push(eq(auditLog.actorId, f.actorId));
  if (f.from) conds.push(gte(auditLog.at, f.from));
  if (f.to) conds.push(lte(auditLog.at, f.to));
  if (f.before) conds.push(lt(auditLog.id, f.before));
  return db
    .select()
    .from(auditLog)
    .where(and(...conds))
    .orderBy(desc(auditLog.id))
    .limit(f.limit + 1);
}

export const findPlatformAudit = (db: Db, action: string, entityId: string) =>
  db
    .select({ id: platformAuditLog.id })
    .from(platformAuditLog)
    .where(and(eq(platformAuditLog.action, action), eq(platformAuditLog.entityId, entityId)))
    .limit(1)
    .then((r) => r[0]);
