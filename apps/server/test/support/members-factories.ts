/** Members and savings for tests: valid NIKs, members, settings and posted transactions. */
import type { MemberInput, MemberSex } from '@kopdes/shared/members';
import type { Db } from '../../src/db/client.js';
import { SYSTEM_ACTOR } from '../../src/lib/actor.js';
import { createMember, linkUserAsSystem, memberOfUser } from '../../src/modules/members/members.service.js';
import { deposit, saveSettings } from '../../src/modules/savings/savings.service.js';

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/**
 * A NIK with the given parts: day + 40 for women.
 * @example nikOf({ birthDate: '1990-08-17', sex: 'F' }) // '3204105708900001'
 */
export function nikOf(p: { regency?: string; district?: string; birthDate: string; sex: MemberSex; serial?: number }): string {
  const [y, m, d] = p.birthDate.split('-');
  const day = Number(d) + (p.sex === 'F' ? 40 : 0);
  return `${p.regency ?? '3204'}${p.district ?? '10'}${pad(day)}${m}${y!.slice(2)}${pad(p.serial ?? 1, 4)}`;
}

let seq = 0;
/** A NIK no other call of this process returns: the birth date walks through 1960–1999, the serial counts. */
export function uniqueNik(sex: MemberSex = seq % 2 ? 'F' : 'M') {
  const n = ++seq + Math.floor(Math.random() * 1000) * 100_000;
  const birth = new Date(Date.UTC(1960, 0, 1) + (n % 14_000) * 86_400_000).toISOString().slice(0, 10);
  const serial = (Math.floor(n / 14_000) % 9998) + 1;
  return { nik: nikOf({ birthDate: birth, sex, serial, district: pad(10 + (n % 30)) }), sex, birthDate: birth };
}

export async function makeMember(db: Db, coopId: string, overrides: Partial<MemberInput> = {}) {
  const n = uniqueNik(overrides.sex);
  return createMember(db, SYSTEM_ACTOR, coopId, {
    nik: n.nik,
    fullName: 'Anggota Uji',
    occupation: 'farmer',
    status: 'active',
    joinDate: '2024-01-02',
    ...overrides,
  });
}

export async function makeSavingsSettings(db: Db, coopId: string, s: { pokok?: bigint; wajib?: bigint; effectiveFrom?: string } = {}) {
  return saveSettings(db, SYSTEM_ACTOR, coopId, {
    effectiveFrom: s.effectiveFrom ?? '2024-01-01',
    pokokAmount: String(s.pokok ?? 100_000n),
    wajibAmount: String(s.wajib ?? 20_000n),
    wajibPeriodMonths: 1,
  });
}

/** The member linked to the user (created and linked when there is none). */
export async function memberForUser(db: Db, coopId: string, userId: string) {
  try {
    return await memberOfUser(db, coopId, userId);
  } catch {
    const m = await makeMember(db, coopId, { fullName: 'Anggota Mandiri' });
    await linkUserAsSystem(db, coopId, m.id, userId);
    return m;
  }
}

/** A posted sukarela deposit; of the caller's own member record when a user is given. */
export async function makeSavingsTransaction(db: Db, coopId: string, opts: { userId?: string; amount?: bigint } = {}) {
  const m = opts.userId ? await memberForUser(db, coopId, opts.userId) : await makeMember(db, coopId);
  const t = await deposit(db, SYSTEM_ACTOR, coopId, {
    memberId: m.id,
    kind: 'sukarela',
    amount: String(opts.amount ?? 50_000n),
    method: 'cash',
    date: '2025-01-15',
  });
  return t;
}
