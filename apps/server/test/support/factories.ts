/** Test data with sensible defaults and overrides: `makeCoop(db)`, `makeUser(db, coopId, ['ketua'])`. */
import type { CoopRole, Permission } from '@kopdes/shared/auth';
import type { Db } from '../../src/db/client.js';
import { SYSTEM_ACTOR } from '../../src/lib/actor.js';
import type { Clock } from '../../src/lib/clock.js';
import { hashPassword } from '../../src/lib/password.js';
import { createApiToken, createUser, grantRoleAsSystem } from '../../src/modules/auth/users.service.js';
import { createCooperative } from '../../src/modules/cooperatives/cooperatives.service.js';

export const TEST_PASSWORD = 'kata-sandi-uji-123';
let hash: Promise<string> | undefined;
/** One real scrypt hash per test process, shared by every test user. */
export const testPasswordHash = () => (hash ??= hashPassword(TEST_PASSWORD));

let seq = 0;
const uniq = () => `${process.pid}${++seq}${Math.random().toString(36).slice(2, 6)}`;

export async function makeCoop(db: Db, overrides: Partial<Parameters<typeof createCooperative>[2]> = {}) {
  return createCooperative(db, SYSTEM_ACTOR, {
    name: `Koperasi Desa Merah Putih Uji ${uniq()}`,
    villageCode: '32.04.40.2005',
    timeZone: 'Asia/Jakarta',
    ...overrides,
  });
}

export async function makeUser(
  db: Db,
  coopId: string | null,
  roles: CoopRole[],
  overrides: { fullName?: string; email?: string; phone?: string; platformRole?: 'admin' } = {},
) {
  const email = overrides.email ?? `user${uniq()}@uji.kopdes.id`;
  const id = await createUser(db, {
    fullName: overrides.fullName ?? 'Pengguna Uji',
    email,
    phone: overrides.phone ?? null,
    passwordHash: await testPasswordHash(),
    platformRole: overrides.platformRole ?? null,
  });
  if (coopId) for (const r of roles) await grantRoleAsSystem(db, coopId, id, r);
  return { id, email, password: TEST_PASSWORD };
}

/** An API token of the cooperative (created by a fresh ketua), with its secret for `Client.token`. */
export async function makeApiToken(
  db: Db,
  clock: Clock,
  coopId: string,
  scopes: Permission[],
  overrides: { name?: string; expiresInDays?: number } = {},
) {
  const owner = await makeUser(db, coopId, ['ketua']);
  const t = await createApiToken(db, { id: owner.id, label: 'Pengguna Uji' }, clock, coopId, {
    name: overrides.name ?? `Token uji ${uniq()}`,
    scopes,
    expiresInDays: overrides.expiresInDays,
  });
  return { id: t.id, secret: t.secret, ownerId: owner.id };
}
