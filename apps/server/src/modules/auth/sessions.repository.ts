import { and, eq, gt, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { users } from './auth.schema.js';
import { authThrottle, sessions } from './auth.schema.js';

export function findUserForSignIn(db: Db, identifier: { email?: string; phone?: string }) {
  const cond = identifier.email ? eq(users.email, identifier.email) : eq(users.phone, identifier.phone!);
  return db
    .select()
    .from(users)
    .where(cond)
    .limit(1)
    .then((r) => r[0]);
}

export async function insertSession(db: Db, row: typeof sessions.$inferInsert) {
  await db.insert(sessions).values(row);
}

/**
 * The live session and its user; with `cooperativeId`, also the user's roles there, in the same
 * query (a request to a cooperative's route needs both: one round trip instead of two).
 */
export async function findLiveSession(db: Db, id: string, now: Date, cooperativeId?: string) {
  const rows = await liveSessionQuery(db, cooperativeId !== undefined).execute({ id, now, coop: cooperativeId ?? null });
  return rows[0];
}

// Every signed-in request reads its session: the query is built once per pool and prepared once per
// connection (two forms, with and without the cooperative's roles).
const liveSessionQueries = new WeakMap<Db, Map<boolean, ReturnType<typeof buildLiveSessionQuery>>>();
function liveSessionQuery(db: Db, withRoles: boolean) {
  let forDb = liveSessionQueries.get(db);
  if (!forDb) liveSessionQueries.set(db, (forDb = new Map()));
  let q = forDb.get(withRoles);
  if (!q) forDb.set(withRoles, (q = buildLiveSessionQuery(db, withRoles)));
  return q;
}

function buildLiveSessionQuery(db: Db, withRoles: boolean) {
  return db
    .select({
      id: sessions.id,
      csrfToken: sessions.csrfToken,
      lastSeenAt: sessions.lastSeenAt,
      createdAt: sessions.createdAt,
      userId: users.id,
      fullName: users.fullName,
      platformRole: users.platformRole,
      roles: withRoles
        ? sql<
            string[]
          >`array(SELECT r.role FROM cooperative_roles r WHERE r.cooperative_id = ${sql.placeholder('coop')} AND r.user_id = ${users.id} ORDER BY r.role)`
        : sql<string[] | null>`NULL::text[]`,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        eq(sessions.id, sql.placeholder('id')),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, sql.placeholder('now')),
        isNull(users.disabledAt),
      ),
    )
    .limit(1)
    .prepare(withRoles ? 'kopdes_live_session_roles' : 'kopdes_live_session');
}

export async function touchSession(db: Db, id: string, now: Date, expiresAt: Date) {
  await db.update(sessions).set({ lastSeenAt: now, expiresAt }).where(eq(sessions.id, id));
}

export async function revokeSession(db: Db, id: string, now: Date) {
  await db
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(eq(sessions.id, id), isNull(sessions.revokedAt)));
}

export async function revokeUserSessions(db: Db, userId: string, now: Date) {
  await db
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)));
}

export async function blockedUntil(db: Db, keys: string[], now: Date): Promise<Date | undefined> {
  const rows = await db
    .select({ blockedUntil: authThrottle.blockedUntil })
    .from(authThrottle)
    .where(and(or(...keys.map((k) => eq(authThrottle.key, k))), gt(authThrottle.blockedUntil, now)));
  const times = rows.map((r) => r.blockedUntil!.getTime());
  return times.length ? new Date(Math.max(...times)) : undefined;
}

/** Count one failure in the key's window; returns the failures so far in that window. */
export async function recordFailure(db: Db, key: string, now: Date, windowMs: number): Promise<number> {
  const res = await db.execute<{ failures: number }>(sql`
    INSERT INTO auth_throttle (key, failures, window_start) VALUES (${key}, 1, ${now})
    ON CONFLICT (key) DO UPDATE SET
      failures = CASE WHEN auth_throttle.window_start < ${new Date(now.getTime() - windowMs)} THEN 1 ELSE auth_throttle.failures + 1 END,
      window_start = CASE WHEN auth_throttle.window_start < ${new Date(now.getTime() - windowMs)} THEN ${now} ELSE auth_throttle.window_start END
    RETURNING failures`);
  return Number(res.rows[0]!.failures);
}

export async function block(db: Db, key: string, until: Date) {
  await db.update(authThrottle).set({ blockedUntil: until }).where(eq(authThrottle.key, key));
}

export async function clearThrottle(db: Db, key: string) {
  await db.delete(authThrottle).where(eq(authThrottle.key, key));
}
