import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { apiTokens, cooperativeRoles, users } from './auth.schema.js';

export const insertUser = (db: Db, row: typeof users.$inferInsert) => db.insert(users).values(row);

export const findUserById = (db: Db, id: string) =>
  db
    .select()
    .from(users)
    .where(eq(users.id, id))
    .limit(1)
    .then((r) => r[0]);

export const findUserByEmail = (db: Db, email: string) =>
  db
    .select()
    .from(users)
    .where(eq(users.email, email))
    .limit(1)
    .then((r) => r[0]);

export const findUserByPhone = (db: Db, phone: string) =>
  db
    .select()
    .from(users)
    .where(eq(users.phone, phone))
    .limit(1)
    .then((r) => r[0]);

export const updateUser = (db: Db, id: string, set: Partial<typeof users.$inferInsert>) =>
  db.update(users).set(set).where(eq(users.id, id));

export const rolesOfUser = (db: Db, userId: string) =>
  db
    .select({ cooperativeId: cooperativeRoles.cooperativeId, role: cooperativeRoles.role })
    .from(cooperativeRoles)
    .where(eq(cooperativeRoles.userId, userId));

export const rolesInCoop = (db: Db, cooperativeId: string, userId: string) =>
  db
    .select({ role: cooperativeRoles.role })
    .from(cooperativeRoles)
    .where(and(eq(cooperativeRoles.cooperativeId, cooperativeId), eq(cooperativeRoles.userId, userId)))
    .then((r) => r.map((x) => x.role));

export const grantRole = (db: Db, cooperativeId: string, userId: string, role: string) =>
  db.insert(cooperativeRoles).values({ cooperativeId, userId, role }).onConflictDoNothing();

export const revokeRole = (db: Db, cooperativeId: string, userId: string, role: string) =>
  db
    .delete(cooperativeRoles)
    .where(and(eq(cooperativeRoles.cooperativeId, cooperativeId), eq(cooperativeRoles.userId, userId), eq(cooperativeRoles.role, role)))
    .returning();

export const usersOfCoop = (db: Db, cooperativeId: string) =>
  db
    .select({
      id: users.id,
      fullName: users.fullName,
      email: users.email,
      phone: users.phone,
      disabledAt: users.disabledAt,
      role: cooperativeRoles.role,
    })
    .from(cooperativeRoles)
    .innerJoin(users, eq(users.id, cooperativeRoles.userId))
    .where(eq(cooperativeRoles.cooperativeId, cooperativeId))
    .orderBy(asc(users.fullName));

export const insertToken = (db: Db, row: typeof apiTokens.$inferInsert) => db.insert(apiTokens).values(row);

export const tokensOfCoop = (db: Db, cooperativeId: string) =>
  db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      scopes: apiTokens.scopes,
      createdAt: apiTokens.createdAt,
      expiresAt: apiTokens.expiresAt,
      revokedAt: apiTokens.revokedAt,
      lastUsedAt: apiTokens.lastUsedAt,
    })
    .from(apiTokens)
    .where(eq(apiTokens.cooperativeId, cooperativeId))
    .orderBy(asc(apiTokens.createdAt));

export const findTokenByHash = (db: Db, tokenHash: string) =>
  db
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.tokenHash, tokenHash), isNull(apiTokens.revokedAt)))
    .limit(1)
    .then((r) => r[0]);

export const revokeToken = (db: Db, cooperativeId: string, id: string, at: Date) =>
  db
    .update(apiTokens)
    .set({ revokedAt: at })
    .where(and(eq(apiTokens.cooperativeId, cooperativeId), eq(apiTokens.id, id), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });

/** Of the given cooperatives, those where at least one enabled user holds a role. */
export async function cooperativesWithActiveUsers(db: Db, cooperativeIds: string[]): Promise<string[]> {
  if (!cooperativeIds.length) return [];
  const rows = await db
    .selectDistinct({ cooperativeId: cooperativeRoles.cooperativeId })
    .from(cooperativeRoles)
    .innerJoin(users, eq(users.id, cooperativeRoles.userId))
    .where(and(inArray(cooperativeRoles.cooperativeId, cooperativeIds), isNull(users.disabledAt)));
  return rows.map((r) => r.cooperativeId);
}
