/**
 * The audit trail: who did what, when, in which cooperative, to which entity, and what changed.
 * Every module records its writes here inside its own transaction; rows can never change (trigger).
 */
import type { Db } from '../../db/client.js';
import type { Actor } from '../../lib/actor.js';
import { newId } from '../../lib/ids.js';
import {
  auditInsertStatement,
  findPlatformAudit,
  insertAudit,
  insertPlatformAudit,
  listAudit,
  type AuditFilter,
} from './audit.repository.js';

export interface AuditEvent {
  action: string;
  entityType: string;
  entityId?: string | null;
  changes?: Record<string, unknown> | null;
}

/** JSON cannot hold bigint; money in the audit trail is kept as its exact decimal string. */
const jsonSafe = (v: unknown): unknown =>
  v === undefined ? null : JSON.parse(JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x)));

/** The fields every audit row has, platform-wide or a cooperative's. */
const eventRow = (actor: Actor, e: AuditEvent) => ({
  id: newId('aud'),
  actorId: actor.id,
  actorLabel: actor.label,
  action: e.action,
  entityType: e.entityType,
  entityId: e.entityId ?? null,
  changes: jsonSafe(e.changes ?? null),
  requestId: actor.requestId ?? null,
});

const auditRow = (cooperativeId: string, actor: Actor, e: AuditEvent) => ({ cooperativeId, ...eventRow(actor, e) });

export async function recordAudit(db: Db, cooperativeId: string, actor: Actor, e: AuditEvent): Promise<void> {
  await insertAudit(db, auditRow(cooperativeId, actor, e));
}

/** The audit record as a statement for a posting's `alongside`: recorded in the posting's own statement. */
export const auditStatement = (db: Db, cooperativeId: string, actor: Actor, e: AuditEvent) =>
  auditInsertStatement(db, auditRow(cooperativeId, actor, e));

export async function recordPlatformAudit(db: Db, actor: Actor, e: AuditEvent): Promise<void> {
  await insertPlatformAudit(db, eventRow(actor, e));
}

export async function auditPage(db: Db, cooperativeId: string, f: AuditFilter) {
  const rows = await listAudit(db, cooperativeId, f);
  const more = rows.length > f.limit;
  const items = more ? rows.slice(0, f.limit) : rows;
  return { items, nextCursor: more ? items[items.length - 1]!.id : null };
}

/** Whether a platform event (e.g. a one-time seeding) was recorded for an entity. */
export async function platformAuditExists(db: Db, action: string, entityId: string): Promise<boolean> {
  return (await findPlatformAudit(db, action, entityId)) !== undefined;
}
