/**
 * Signing in and out, and turning a cookie or bearer token into a principal. Owns sessions and the
 * sign-in throttle: 10 failures for one account (or 50 from one address) within 15 minutes block
 * further attempts for 15 minutes.
 */
import { normalizePhoneId } from '@kopdes/shared/phone';
import type { CoopRole, Permission, PlatformRole } from '@kopdes/shared/auth';
import type { Db } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import { AppError, invalidField } from '../../lib/errors.js';
import { decoyHash, verifyPassword } from '../../lib/password.js';
import { newSecret, sha256 } from '../../lib/tokens.js';
import * as repo from './sessions.repository.js';
import { findTokenByHash } from './users.repository.js';

export const THROTTLE = { accountLimit: 10, addressLimit: 50, windowMs: 15 * 60_000, blockMs: 15 * 60_000 };
const IDLE_MS = 12 * 3600_000;
const ABSOLUTE_MS = 30 * 24 * 3600_000;
const TOUCH_AFTER_MS = 5 * 60_000; // avoid a write on every request

export type Identifier = { email: string; phone?: undefined } | { phone: string; email?: undefined };

/** Email (lower-cased) or an Indonesian phone number (E.164); anything else names the field. */
export function parseIdentifier(raw: string): Identifier {
  const s = raw.trim();
  if (s.includes('@')) {
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s)) {
      throw invalidField('identifier', 'invalid_email', { id: 'Alamat email tidak valid', en: 'Not a valid email address' });
    }
    return { email: s.toLowerCase() };
  }
  const phone = normalizePhoneId(s);
  if (!phone.ok) {
    throw invalidField('identifier', 'invalid_identifier', {
      id: 'Masukkan email atau nomor HP (08…)',
      en: 'Enter an email address or a phone number (08…)',
    });
  }
  return { phone: phone.e164 };
}

const tooMany = (until: Date, now: Date) => {
  const retryAfterSeconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
  const minutes = Math.ceil(retryAfterSeconds / 60);
  return new AppError(
    'rate_limited',
    'too_many_attempts',
    {
      id: `Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam ${minutes} menit.`,
      en: `Too many failed sign-in attempts. Try again in ${minutes} minutes.`,
    },
    [],
    { retryAfterSeconds },
  );
};

export interface SignInInput {
  identifier: string;
  password: string;
  ip: string;
  userAgent?: string;
}

export async function signIn(db: Db, clock: Clock, input: SignInInput) {
  const id = parseIdentifier(input.identifier);
  const now = clock.now();
  const acctKey = `acct:${id.email ?? id.phone}`;
  const ipKey = `ip:${input.ip}`;
  const blocked = await repo.blockedUntil(db, [acctKey, ipKey], now);
  if (blocked) throw tooMany(blocked, now);

  const user = await repo.findUserForSignIn(db, id);
  // Verify against a decoy when the account is unknown so timing does not reveal which accounts exist.
  const ok = await verifyPassword(input.password, user?.passwordHash ?? (await decoyHash()));
  if (!user || !ok || user.disabledAt) {
    const until = new Date(now.getTime() + THROTTLE.blockMs);
    const acctFailures = await repo.recordFailure(db, acctKey, now, THROTTLE.windowMs);
    const ipFailures = await repo.recordFailure(db, ipKey, now, THROTTLE.windowMs);
    const overLimit = [acctFailures >= THROTTLE.accountLimit ? acctKey : null, ipFailures >= THROTTLE.addressLimit ? ipKey : null].filter(
      (k): k is string => k !== null,
    );
    for (const key of overLimit) await repo.block(db, key, until);
    if (overLimit.length) throw tooMany(until, now);
    throw new AppError('unauthorized', 'bad_credentials', {
      id: 'Email/nomor HP atau kata sandi salah',
      en: 'Wrong email/phone number or password',
    });
  }
  await repo.clearThrottle(db, acctKey);
  const token = newSecret();
  const csrfToken = newSecret(18);
  const expiresAt = new Date(now.getTime() + IDLE_MS);
  await repo.insertSession(db, {
    id: sha256(token),
    userId: user.id,
    csrfToken,
    createdAt: now,
    lastSeenAt: now,
    expiresAt,
    ip: input.ip,
    userAgent: input.userAgent?.slice(0, 300) ?? null,
  });
  return { token, csrfToken, expiresAt, userId: user.id };
}

export async function signOut(db: Db, clock: Clock, sessionId: string) {
  await repo.revokeSession(db, sessionId, clock.now());
}

/** `cooperativeId`: the cooperative the request is for, whose roles are read along (see Principal). */
export async function resolveSession(db: Db, clock: Clock, token: string, cooperativeId?: string) {
  const now = clock.now();
  const id = sha256(token);
  const s = await repo.findLiveSession(db, id, now, cooperativeId);
  if (!s) return undefined;
  if (now.getTime() - s.lastSeenAt.getTime() > TOUCH_AFTER_MS) {
    const cap = s.createdAt.getTime() + ABSOLUTE_MS;
    await repo.touchSession(db, id, now, new Date(Math.min(now.getTime() + IDLE_MS, cap)));
  }
  return {
    kind: 'user' as const,
    sessionId: id,
    csrfToken: s.csrfToken,
    userId: s.userId,
    name: s.fullName,
    platformRole: (s.platformRole ?? null) as PlatformRole | null,
    rolesIn: cooperativeId ? { cooperativeId, roles: (s.roles ?? []) as CoopRole[] } : undefined,
  };
}

export async function resolveApiToken(db: Db, clock: Clock, token: string) {
  const row = await findTokenByHash(db, sha256(token));
  if (!row || (row.expiresAt && row.expiresAt <= clock.now())) return undefined;
  return {
    kind: 'token' as const,
    tokenId: row.id,
    name: row.name,
    cooperativeId: row.cooperativeId,
    scopes: row.scopes as Permission[],
  };
}

export async function revokeAllSessions(db: Db, clock: Clock, userId: string) {
  await repo.revokeUserSessions(db, userId, clock.now());
}
