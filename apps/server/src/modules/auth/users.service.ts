/**
 * People who use kopdes and the roles they hold in each cooperative, plus API tokens for machine
 * clients. A user may hold several roles in one cooperative (a ketua is usually also an anggota).
 */
import { permissionsOf, type CoopRole, type Permission } from '@kopdes/shared/auth';
import { normalizePhoneId } from '@kopdes/shared/phone';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../lib/actor.js';
import type { Clock } from '../../lib/clock.js';
import { AppError, conflict, invalidField, notFound } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { hashPassword } from '../../lib/password.js';
import { newSecret, sha256 } from '../../lib/tokens.js';
import { recordAudit } from '../audit/audit.service.js';
import { cooperativesByIds } from '../cooperatives/cooperatives.service.js';
import * as repo from './users.repository.js';

export interface NewUser {
  fullName: string;
  email?: string | null;
  phone?: string | null;
  password?: string;
  /** A precomputed hash (demo seeding and tests reuse one to avoid 128 MiB scrypt runs per user). */
  passwordHash?: string;
  platformRole?: 'admin' | null;
}

function normalizeContacts(input: { email?: string | null; phone?: string | null }) {
  const email = input.email?.trim().toLowerCase() || null;
  let phone: string | null = null;
  if (input.phone?.trim()) {
    const p = normalizePhoneId(input.phone);
    if (!p.ok) throw invalidField('phone', 'invalid_phone', p.message);
    phone = p.e164;
  }
  if (!email && !phone) {
    throw invalidField('email', 'contact_required', {
      id: 'Isi email atau nomor HP untuk masuk',
      en: 'An email address or a phone number is required to sign in',
    });
  }
  return { email, phone };
}

/** Create a user (no roles yet). Duplicate email/phone is a conflict naming the field. */
export async function createUser(db: Db, input: NewUser): Promise<string> {
  const { email, phone } = normalizeContacts(input);
  if (email && (await repo.findUserByEmail(db, email)))
    throw new AppError('conflict', 'email_taken', { id: 'Email sudah dipakai', en: 'Email already in use' }, [
      { field: 'email', code: 'email_taken', message: { id: 'Email sudah dipakai', en: 'Email already in use' } },
    ]);
  if (phone && (await repo.findUserByPhone(db, phone)))
    throw new AppError('conflict', 'phone_taken', { id: 'Nomor HP sudah dipakai', en: 'Phone number already in use' }, [
      { field: 'phone', code: 'phone_taken', message: { id: 'Nomor HP sudah dipakai', en: 'Phone number already in use' } },
    ]);
  const passwordHash = input.passwordHash ?? (await hashPassword(input.password ?? ''));
  const id = newId('usr');
  await repo.insertUser(db, { id, fullName: input.fullName.trim(), email, phone, passwordHash, platformRole: input.platformRole ?? null });
  return id;
}

export async function addUserToCoop(db: Db, actor: Actor, cooperativeId: string, input: NewUser & { role: CoopRole }) {
  return db.transaction(async (tx) => {
    const userId = await createUser(tx, input);
    await repo.grantRole(tx, cooperativeId, userId, input.role);
    await recordAudit(tx, cooperativeId, actor, {
      action: 'user.create',
      entityType: 'user',
      entityId: userId,
      changes: { fullName: input.fullName, email: input.email ?? null, phone: input.phone ?? null, role: input.role },
    });
    return userId;
  });
}

export async function grantCoopRole(db: Db, actor: Actor, cooperativeId: string, userId: string, role: CoopRole) {
  return db.transaction(async (tx) => {
    const current = await repo.rolesInCoop(tx, cooperativeId, userId);
    if (!current.length) throw notFound(); // only users already in this cooperative can get more roles
    await repo.grantRole(tx, cooperativeId, userId, role);
    await recordAudit(tx, cooperativeId, actor, { action: 'role.grant', entityType: 'user', entityId: userId, changes: { role } });
  });
}

export async function revokeCoopRole(db: Db, actor: Actor, cooperativeId: string, userId: string, role: CoopRole) {
  return db.transaction(async (tx) => {
    if (role === 'ketua' && actor.id === userId) {
      throw conflict('cannot_revoke_own_ketua', {
        id: 'Ketua tidak dapat mencabut peran ketuanya sendiri',
        en: 'The chair cannot revoke their own chair role',
      });
    }
    const removed = await repo.revokeRole(tx, cooperativeId, userId, role);
    if (!removed.length) throw notFound();
    await recordAudit(tx, cooperativeId, actor, { action: 'role.revoke', entityType: 'user', entityId: userId, changes: { role } });
  });
}

/** Which of these cooperatives have someone who can sign in (they run on kopdes). */
export async function cooperativesWithActiveUsers(db: Db, cooperativeIds: string[]): Promise<Set<string>> {
  return new Set(await repo.cooperativesWithActiveUsers(db, cooperativeIds));
}

export async function listCoopUsers(db: Db, cooperativeId: string) {
  const rows = await repo.usersOfCoop(db, cooperativeId);
  const byId = new Map<
    string,
    { id: string; fullName: string; email: string | null; phone: string | null; roles: CoopRole[]; disabled: boolean }
  >();
  for (const r of rows) {
    const u = byId.get(r.id) ?? { id: r.id, fullName: r.fullName, email: r.email, phone: r.phone, roles: [], disabled: !!r.disabledAt };
    u.roles.push(r.role as CoopRole);
    byId.set(r.id, u);
  }
  return [...byId.values()];
}

export async function rolesIn(db: Db, cooperativeId: string, userId: string): Promise<CoopRole[]> {
  return (await repo.rolesInCoop(db, cooperativeId, userId)) as CoopRole[];
}

export async function describeMe(db: Db, userId: string, csrfToken: string) {
  const user = await repo.findUserById(db, userId);
  if (!user) throw notFound();
  const roles = await repo.rolesOfUser(db, userId);
  const coopIds = [...new Set(roles.map((r) => r.cooperativeId))];
  const coops = await cooperativesByIds(db, coopIds);
  return {
    id: user.id,
    fullName: user.fullName,
    email: user.email,
    phone: user.phone,
    locale: user.locale as 'id' | 'en',
    platformRole: (user.platformRole ?? null) as 'admin' | null,
    csrfToken,
    cooperatives: coops
      .map((c) => {
        const mine = roles.filter((r) => r.cooperativeId === c.id).map((r) => r.role as CoopRole);
        return { id: c.id, name: c.name, timeZone: c.timeZone, roles: mine, permissions: [...permissionsOf(mine)] };
      })
      .sort((a, b) => a.name.localeCompare(b.name)),
  };
}

export async function setLocale(db: Db, userId: string, locale: 'id' | 'en') {
  await repo.updateUser(db, userId, { locale });
}

export async function createApiToken(
  db: Db,
  actor: Actor,
  clock: Clock,
  cooperativeId: string,
  input: { name: string; scopes: Permission[]; expiresInDays?: number },
) {
  const secret = `kdp_${newSecret()}`;
  const id = newId('tok');
  const expiresAt = input.expiresInDays ? new Date(clock.now().getTime() + input.expiresInDays * 86_400_000) : null;
  await db.transaction(async (tx) => {
    await repo.insertToken(tx, {
      cooperativeId,
      id,
      name: input.name,
      tokenHash: sha256(secret),
      scopes: input.scopes,
      createdBy: actor.id!,
      expiresAt,
    });
    await recordAudit(tx, cooperativeId, actor, {
      action: 'token.create',
      entityType: 'api_token',
      entityId: id,
      changes: { name: input.name, scopes: input.scopes },
    });
  });
  return { id, secret, expiresAt };
}

export const listApiTokens = (db: Db, cooperativeId: string) => repo.tokensOfCoop(db, cooperativeId);

export async function revokeApiToken(db: Db, actor: Actor, clock: Clock, cooperativeId: string, id: string) {
  await db.transaction(async (tx) => {
    const rows = await repo.revokeToken(tx, cooperativeId, id, clock.now());
    if (!rows.length) throw notFound();
    await recordAudit(tx, cooperativeId, actor, { action: 'token.revoke', entityType: 'api_token', entityId: id });
  });
}

/** The CLI's grant: any existing user may be given a role in any cooperative (audited). */
export async function assignRole(db: Db, actor: Actor, cooperativeId: string, userId: string, role: CoopRole) {
  await db.transaction(async (tx) => {
    await repo.grantRole(tx, cooperativeId, userId, role);
    await recordAudit(tx, cooperativeId, actor, { action: 'role.grant', entityType: 'user', entityId: userId, changes: { role } });
  });
}

/** For the CLI and demo seeding, which act outside any request. */
export async function grantRoleAsSystem(db: Db, cooperativeId: string, userId: string, role: CoopRole) {
  await repo.grantRole(db, cooperativeId, userId, role);
}

export const findUserByContact = async (db: Db, contact: { email?: string; phone?: string }) =>
  contact.email ? repo.findUserByEmail(db, contact.email) : contact.phone ? repo.findUserByPhone(db, contact.phone) : undefined;
