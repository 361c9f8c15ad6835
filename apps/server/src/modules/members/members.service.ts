/**
 * The member registry: who the members of a cooperative are (KTP data, village, occupation,
 * farmer group), their status lifecycle applicant → active → left / deceased with dates and
 * reasons, the user account a member signs in with, and the farmer groups (poktan).
 */
import type {
  Member,
  MemberDetail,
  MemberInput,
  MemberQuery,
  MemberStatus,
  MemberUpdate,
  Occupation,
  MemberSex,
} from '@kopdes/shared/members';
import { formatMemberNumber } from '@kopdes/shared/members';
import { formatDateId, todayIn } from '@kopdes/shared/format';
import { normalizePhoneId } from '@kopdes/shared/phone';
import type { SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../lib/actor.js';
import { searchVillages, villageInfo } from '../../lib/areas.js';
import { AppError, conflict, invalidField, notFound, type FieldError } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { recordAudit } from '../audit/audit.service.js';
import { getCooperative } from '../cooperatives/cooperatives.service.js';
import { grantCoopRole, rolesIn } from '../auth/users.service.js';
import { judgeNik, checkName, cleanName, type Issue } from './member-fields.js';
import * as repo from './members.repository.js';

export type CoopContext = Awaited<ReturnType<typeof getCooperative>> & { today: string };

export async function coopContext(db: Db, cooperativeId: string): Promise<CoopContext> {
  const coop = await getCooperative(db, cooperativeId);
  return { ...coop, today: todayIn(coop.timeZone) };
}

export function presentMember(row: repo.MemberWithGroup): Member {
  return {
    id: row.id,
    number: row.number,
    nik: row.nik,
    fullName: row.fullName,
    sex: row.sex as MemberSex,
    birthPlace: row.birthPlace,
    birthDate: row.birthDate,
    address: row.address,
    villageCode: row.villageCode,
    village: villageInfo(row.villageCode) ?? null,
    phone: row.phone,
    occupation: row.occupation as Occupation,
    occupationDetail: row.occupationDetail,
    farmerGroup: row.farmerGroupId ? { id: row.farmerGroupId, name: row.farmerGroupName ?? '' } : null,
    joinDate: row.joinDate,
    status: row.status as MemberStatus,
    statusDate: row.statusDate,
    statusReason: row.statusReason,
    userId: row.userId,
    notes: row.notes,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

const memberNotFound = () => notFound({ id: 'Anggota tidak ditemukan', en: 'Member not found' });

const toField = (i: Issue): FieldError => ({ field: i.field, code: i.code, message: i.message });

function refuse(issues: Issue[]): never {
  const first = issues[0]!;
  throw new AppError(
    'validation',
    issues.length === 1 ? first.code : 'invalid_member',
    issues.length === 1 ? first.message : { id: 'Data anggota tidak valid', en: 'The member data is not valid' },
    issues.map(toField),
  );
}

const nikTaken = (other: { number: number; fullName: string; status: string }) => {
  const message = {
    id: `NIK sudah terdaftar di koperasi ini atas nama ${other.fullName} (No. ${formatMemberNumber(other.number)})`,
    en: `This NIK is already registered in this cooperative to ${other.fullName} (No. ${formatMemberNumber(other.number)})`,
  };
  return new AppError('conflict', 'nik_taken', message, [{ field: 'nik', code: 'nik_taken', message }]);
};

const numberTaken = (n: number) => {
  const message = {
    id: `Nomor anggota ${formatMemberNumber(n)} sudah dipakai`,
    en: `Member number ${formatMemberNumber(n)} is already in use`,
  };
  return new AppError('conflict', 'number_taken', message, [{ field: 'number', code: 'number_taken', message }]);
};

/** A unique violation that got past the checks (two clerks at once): the same answers as the checks. */
async function translateUnique(db: Db, cooperativeId: string, e: unknown, nik: string | undefined, number: number | undefined) {
  const constraint = pgConstraint(e);
  if (constraint === 'members_nik_uq' && nik) {
    const [other] = await repo.findByNiks(db, cooperativeId, [nik]);
    if (other) return nikTaken(other);
  }
  if (constraint === 'members_number_uq' && number) return numberTaken(number);
  if (constraint === 'members_user_uq')
    return conflict('user_linked', {
      id: 'Akun ini sudah terhubung dengan anggota lain',
      en: 'This account is already linked to another member',
    });
  return e;
}

export function pgConstraint(e: unknown): string | undefined {
  for (let cur = e as { code?: unknown; constraint?: string; cause?: unknown } | undefined, i = 0; cur && i < 4; i++) {
    if (cur.code === '23505' || cur.code === '23514') return cur.constraint;
    cur = cur.cause as typeof cur;
  }
  return undefined;
}

interface Checked {
  nik: string;
  sex: MemberSex;
  birthDate: string;
  phone: string | null;
  villageCode: string;
}

async function checkFields(
  db: Db,
  ctx: CoopContext,
  input: {
    nik: string;
    fullName: string;
    sex?: MemberSex;
    birthDate?: string;
    phone?: string | null;
    villageCode?: string;
    farmerGroupId?: string | null;
    joinDate?: string;
  },
): Promise<Checked> {
  const issues: Issue[] = [...checkName(input.fullName)];
  const j = judgeNik(input.nik, { sex: input.sex, birthDate: input.birthDate }, ctx.today);
  issues.push(...j.errors);
  let phone: string | null = null;
  if (input.phone) {
    const p = normalizePhoneId(input.phone);
    if (p.ok) phone = p.e164;
    else issues.push({ field: 'phone', code: 'invalid_phone', message: p.message });
  }
  const villageCode = input.villageCode ?? ctx.villageCode;
  if (!villageInfo(villageCode)) {
    issues.push({
      field: 'villageCode',
      code: 'unknown_village',
      message: {
        id: `Kode desa ${villageCode} tidak ada dalam daftar Kemendagri`,
        en: `Village code ${villageCode} is not in the official list`,
      },
    });
  }
  if (input.joinDate) {
    if (input.joinDate > ctx.today)
      issues.push({
        field: 'joinDate',
        code: 'join_date_future',
        message: { id: 'Tanggal masuk tidak boleh di masa depan', en: 'Join date cannot be in the future' },
      });
    else if (j.birthDate && input.joinDate < j.birthDate)
      issues.push({
        field: 'joinDate',
        code: 'join_before_birth',
        message: { id: 'Tanggal masuk sebelum tanggal lahir', en: 'Join date is before the birth date' },
      });
  }
  if (input.farmerGroupId && !(await repo.findFarmerGroup(db, ctx.id, input.farmerGroupId))) {
    issues.push({
      field: 'farmerGroupId',
      code: 'unknown_farmer_group',
      message: { id: 'Kelompok tani tidak ditemukan di koperasi ini', en: 'Farmer group not found in this cooperative' },
    });
  }
  if (issues.length) refuse(issues);
  return { nik: j.parsed!.nik, sex: j.sex!, birthDate: j.birthDate!, phone, villageCode };
}

export async function createMember(db: Db, actor: Actor, cooperativeId: string, input: MemberInput): Promise<MemberDetail> {
  const ctx = await coopContext(db, cooperativeId);
  const fullName = cleanName(input.fullName).name;
  const checked = await checkFields(db, ctx, { ...input, fullName });
  const [same] = await repo.findByNiks(db, cooperativeId, [checked.nik]);
  if (same) throw nikTaken(same);
  if (input.number && (await repo.findByNumbers(db, cooperativeId, [input.number])).length) throw numberTaken(input.number);
  const joinDate = input.joinDate ?? ctx.today;
  const id = newId('mbr');
  try {
    await db.transaction(async (tx) => {
      const number = input.number ?? (await repo.takeMemberNumbers(tx, cooperativeId, 1));
      if (input.number) await repo.raiseMemberNumber(tx, cooperativeId, input.number);
      await repo.insertMembers(tx, [
        {
          cooperativeId,
          id,
          number,
          nik: checked.nik,
          fullName,
          sex: checked.sex,
          birthPlace: input.birthPlace ?? null,
          birthDate: checked.birthDate,
          address: input.address ?? null,
          villageCode: checked.villageCode,
          phone: checked.phone,
          occupation: input.occupation,
          occupationDetail: input.occupationDetail ?? null,
          farmerGroupId: input.farmerGroupId ?? null,
          joinDate,
          status: input.status,
          statusDate: joinDate,
          notes: input.notes ?? null,
        },
      ]);
      await repo.insertStatusChanges(tx, [
        {
          cooperativeId,
          id: newId('msc'),
          memberId: id,
          fromStatus: null,
          toStatus: input.status,
          effectiveDate: joinDate,
          reason: input.status === 'active' ? 'Pendaftaran anggota' : 'Pendaftaran calon anggota',
          actorId: actor.id,
          actorLabel: actor.label,
        },
      ]);
      await recordAudit(tx, cooperativeId, actor, {
        action: 'member.create',
        entityType: 'member',
        entityId: id,
        changes: { number, nik: checked.nik, fullName, status: input.status },
      });
    });
  } catch (e) {
    throw await translateUnique(db, cooperativeId, e, checked.nik, input.number);
  }
  return getMember(db, cooperativeId, id);
}

export async function getMember(db: Db, cooperativeId: string, id: string): Promise<MemberDetail> {
  const row = await repo.findMember(db, cooperativeId, id);
  if (!row) throw memberNotFound();
  const history = await repo.statusHistory(db, cooperativeId, id);
  return {
    ...presentMember(row),
    statusHistory: history.map((h) => ({
      from: (h.fromStatus ?? null) as MemberStatus | null,
      to: h.toStatus as MemberStatus,
      date: h.effectiveDate,
      reason: h.reason,
      at: h.at.toISOString(),
      actorLabel: h.actorLabel,
    })),
  };
}

export async function updateMember(db: Db, actor: Actor, cooperativeId: string, id: string, input: MemberUpdate): Promise<MemberDetail> {
  const before = await repo.findMember(db, cooperativeId, id);
  if (!before) throw memberNotFound();
  const ctx = await coopContext(db, cooperativeId);
  const fullName = input.fullName !== undefined ? cleanName(input.fullName).name : before.fullName;
  const nikChanged = input.nik !== undefined && input.nik.replace(/[\s.-]/g, '') !== before.nik;
  // Sex and birth date are judged against the NIK as it will be after the change.
  const checked = await checkFields(db, ctx, {
    nik: input.nik ?? before.nik,
    fullName,
    sex: (input.sex ?? (nikChanged ? undefined : before.sex)) as MemberSex | undefined,
    birthDate: input.birthDate ?? (nikChanged ? undefined : before.birthDate),
    phone: input.phone === undefined ? undefined : input.phone,
    villageCode: input.villageCode ?? before.villageCode,
    farmerGroupId: input.farmerGroupId,
    joinDate: input.joinDate ?? before.joinDate,
  });
  if (nikChanged) {
    const [same] = await repo.findByNiks(db, cooperativeId, [checked.nik]);
    if (same && same.id !== id) throw nikTaken(same);
  }
  const set: Partial<repo.MemberInsert> = {};
  if (input.nik !== undefined) set.nik = checked.nik;
  if (input.fullName !== undefined) set.fullName = fullName;
  if (input.sex !== undefined || nikChanged) set.sex = checked.sex;
  if (input.birthDate !== undefined || nikChanged) set.birthDate = checked.birthDate;
  if (input.birthPlace !== undefined) set.birthPlace = input.birthPlace ?? null;
  if (input.address !== undefined) set.address = input.address ?? null;
  if (input.villageCode !== undefined) set.villageCode = checked.villageCode;
  if (input.phone !== undefined) set.phone = checked.phone;
  if (input.occupation !== undefined) set.occupation = input.occupation;
  if (input.occupationDetail !== undefined) set.occupationDetail = input.occupationDetail ?? null;
  if (input.farmerGroupId !== undefined) set.farmerGroupId = input.farmerGroupId ?? null;
  if (input.joinDate !== undefined) set.joinDate = input.joinDate;
  if (input.notes !== undefined) set.notes = input.notes ?? null;
  const changes = Object.fromEntries(
    Object.entries(set)
      .filter(([k, v]) => (before as Record<string, unknown>)[k] !== v)
      .map(([k, v]) => [k, { from: (before as Record<string, unknown>)[k] ?? null, to: v ?? null }]),
  );
  if (Object.keys(changes).length) {
    try {
      await db.transaction(async (tx) => {
        await repo.updateMember(tx, cooperativeId, id, set);
        await recordAudit(tx, cooperativeId, actor, { action: 'member.update', entityType: 'member', entityId: id, changes });
      });
    } catch (e) {
      throw await translateUnique(db, cooperativeId, e, checked.nik, undefined);
    }
  }
  return getMember(db, cooperativeId, id);
}

function encodeCursor(c: repo.MemberCursor): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

function decodeCursor(s: string | undefined, sort: 'number' | 'name'): repo.MemberCursor | undefined {
  if (!s) return undefined;
  try {
    const c = JSON.parse(Buffer.from(s, 'base64url').toString()) as repo.MemberCursor;
    if (c.sort === 'number' && sort === 'number' && Number.isInteger(c.number)) return c;
    if (c.sort === 'name' && sort === 'name' && typeof c.name === 'string' && typeof c.id === 'string') return c;
  } catch {
    /* fall through */
  }
  throw invalidField('query.cursor', 'invalid_cursor', { id: 'Kursor halaman tidak valid', en: 'Invalid page cursor' });
}

export function memberFilter(q: Omit<MemberQuery, 'cursor' | 'limit' | 'sort'>): repo.MemberFilter {
  const phone = q.q && /^[+\d][\d\s.\-()]{6,}$/.test(q.q) ? normalizePhoneId(q.q) : undefined;
  return {
    q: q.q || undefined,
    qPhone: phone?.ok ? phone.e164 : undefined,
    status: q.status,
    sex: q.sex,
    occupation: q.occupation,
    farmerGroupId: q.farmerGroupId,
    villageCode: q.villageCode,
    joinedFrom: q.joinedFrom,
    joinedTo: q.joinedTo,
    linked: q.linked === undefined ? undefined : q.linked === 'true',
  };
}

export async function listMembers(db: Db, cooperativeId: string, q: MemberQuery) {
  const filter = memberFilter(q);
  const after = decodeCursor(q.cursor, q.sort);
  // One after the other: `db` may be a caller's transaction, whose connection runs one query at a time.
  const rows = await repo.listMembers(db, cooperativeId, filter, q.sort, after, q.limit + 1);
  const total = await repo.countMembers(db, cooperativeId, filter);
  const more = rows.length > q.limit;
  const items = (more ? rows.slice(0, q.limit) : rows).map(presentMember);
  const last = items[items.length - 1];
  const nextCursor =
    more && last
      ? encodeCursor(
          q.sort === 'number' ? { sort: 'number', number: last.number } : { sort: 'name', name: last.fullName.toLowerCase(), id: last.id },
        )
      : null;
  return { items, nextCursor, total };
}

/** Every member matching the filters, for the Excel export. */
export async function allMembers(db: Db, cooperativeId: string, q: Omit<MemberQuery, 'cursor' | 'limit'>) {
  return (await repo.listMembers(db, cooperativeId, memberFilter(q), q.sort, undefined)).map(presentMember);
}

// ── status lifecycle ────────────────────────────────────────────────────────────────────────

const STATUS_ID: Record<MemberStatus, string> = {
  applicant: 'calon anggota',
  active: 'aktif',
  left: 'keluar',
  deceased: 'meninggal dunia',
};

function statusRefused(status: MemberStatus, action: { id: string; en: string }) {
  return new AppError('conflict', 'member_status', {
    id: `Anggota berstatus ${STATUS_ID[status]}: tidak dapat ${action.id}`,
    en: `The member is ${status}: cannot ${action.en}`,
  });
}

/** Applicant → active, on the date the board admitted them. */
export async function activateMember(db: Db, actor: Actor, cooperativeId: string, id: string, input: { date?: string; reason?: string }) {
  const ctx = await coopContext(db, cooperativeId);
  const date = input.date ?? ctx.today;
  if (date > ctx.today)
    throw invalidField('date', 'date_future', { id: 'Tanggal tidak boleh di masa depan', en: 'The date cannot be in the future' });
  await db.transaction(async (tx) => {
    const m = await repo.lockMember(tx, cooperativeId, id);
    if (!m) throw memberNotFound();
    if (m.status !== 'applicant') throw statusRefused(m.status as MemberStatus, { id: 'diaktifkan', en: 'be activated' });
    if (date < m.joinDate)
      throw invalidField('date', 'date_before_join', {
        id: `Tanggal aktif tidak boleh sebelum tanggal daftar (${formatDateId(m.joinDate)})`,
        en: `The activation date cannot be before the application date (${m.joinDate})`,
      });
    await changeStatus(tx, actor, cooperativeId, m, 'active', date, input.reason ?? 'Disetujui pengurus');
    // The join date is when membership begins: the day the applicant was admitted.
    await repo.updateMember(tx, cooperativeId, id, { joinDate: date });
  });
  return getMember(db, cooperativeId, id);
}

async function changeStatus(
  db: Db,
  actor: Actor,
  cooperativeId: string,
  m: repo.MemberRow,
  to: MemberStatus,
  date: string,
  reason: string,
) {
  await repo.updateMember(db, cooperativeId, m.id, { status: to, statusDate: date, statusReason: reason });
  await repo.insertStatusChanges(db, [
    {
      cooperativeId,
      id: newId('msc'),
      memberId: m.id,
      fromStatus: m.status,
      toStatus: to,
      effectiveDate: date,
      reason,
      actorId: actor.id,
      actorLabel: actor.label,
    },
  ]);
  await recordAudit(db, cooperativeId, actor, {
    action: 'member.status',
    entityType: 'member',
    entityId: m.id,
    changes: { status: { from: m.status, to }, date, reason },
  });
}

export interface MemberRef {
  id: string;
  number: number;
  fullName: string;
  nik: string;
  status: MemberStatus;
  joinDate: string;
  statusDate: string;
  farmerGroupName: string | null;
  address: string | null;
  villageCode: string;
}

/**
 * `memberRef`, with another module's statement run in the same query (see
 * `findMemberAlongside`); returns the member and the statement's value `v`.
 */
export async function memberRefAlongside(
  db: Db,
  cooperativeId: string,
  id: string,
  opts: { inBody?: boolean; field?: string },
  statement: SQL,
): Promise<{ member: MemberRef; v: string | null }> {
  const { member, v } = await repo.findMemberAlongside(db, cooperativeId, id, statement);
  if (!member) throw unknownMember(opts);
  return { member: refOf(member), v };
}

const refOf = (m: Omit<MemberRef, 'status' | 'farmerGroupName'> & { status: string; farmerGroupName?: string | null }): MemberRef => ({
  id: m.id,
  number: m.number,
  fullName: m.fullName,
  nik: m.nik,
  status: m.status as MemberStatus,
  joinDate: m.joinDate,
  statusDate: m.statusDate,
  farmerGroupName: m.farmerGroupName ?? null,
  address: m.address,
  villageCode: m.villageCode,
});

/**
 * Whether the person was a member on `date`: active since their status date, or, having left or
 * died, from joining until that date. An applicant (calon anggota) is not a member yet. Sales to a
 * member count as business with members (SHU), so a buyer's membership is read on the sale's date.
 */
export function wasMemberOn(m: Pick<MemberRef, 'status' | 'joinDate' | 'statusDate'>, date: string): boolean {
  if (m.status === 'active') return m.statusDate <= date;
  if (m.status === 'left' || m.status === 'deceased') return m.joinDate <= date && date < m.statusDate;
  return false;
}

/**
 * For other modules: a member's identity and status. An unknown id in the URL is a 404; one in a
 * request body (`inBody`) is a 422 naming the field that held it.
 */
export async function memberRef(
  db: Db,
  cooperativeId: string,
  id: string,
  opts: { inBody?: boolean; field?: string } = {},
): Promise<MemberRef> {
  const m = await repo.findMemberRef(db, cooperativeId, id);
  if (!m) throw unknownMember(opts);
  return refOf(m);
}

function unknownMember(opts: { inBody?: boolean; field?: string }) {
  if (!opts.inBody) return memberNotFound();
  const message = { id: 'Anggota tidak ditemukan di koperasi ini', en: 'Member not found in this cooperative' };
  return new AppError('unprocessable', 'member_not_found', message, [
    { field: opts.field ?? 'memberId', code: 'member_not_found', message },
  ]);
}

/**
 * Locks the member for leaving (the caller's transaction holds it until commit) and checks that
 * they can leave. Returns the member as it was.
 */
export async function lockMemberForLeaving(db: Db, cooperativeId: string, id: string): Promise<MemberRef> {
  const m = await repo.lockMember(db, cooperativeId, id);
  if (!m) throw memberNotFound();
  if (m.status === 'left' || m.status === 'deceased')
    throw statusRefused(m.status as MemberStatus, { id: 'keluar lagi', en: 'leave again' });
  return refOf(m);
}

/** Active or applicant → left / deceased. Called by the leaving workflow inside its transaction. */
export async function recordLeaving(
  db: Db,
  actor: Actor,
  cooperativeId: string,
  id: string,
  to: 'left' | 'deceased',
  date: string,
  reason: string,
) {
  const m = await repo.lockMember(db, cooperativeId, id);
  if (!m) throw memberNotFound();
  await changeStatus(db, actor, cooperativeId, m, to, date, reason);
}

// ── user accounts ───────────────────────────────────────────────────────────────────────────

/** Links a user of this cooperative to a member record (and gives them the anggota role), or unlinks. */
export async function linkUser(db: Db, actor: Actor, cooperativeId: string, memberId: string, userId: string | null) {
  await db.transaction(async (tx) => {
    const m = await repo.lockMember(tx, cooperativeId, memberId);
    if (!m) throw memberNotFound();
    if (userId) {
      const roles = await rolesIn(tx, cooperativeId, userId);
      if (!roles.length) {
        const message = { id: 'Pengguna tidak terdaftar di koperasi ini', en: 'The user does not belong to this cooperative' };
        throw new AppError('unprocessable', 'user_not_found', message, [{ field: 'userId', code: 'user_not_found', message }]);
      }
      const other = await repo.findMemberOfUser(tx, cooperativeId, userId);
      if (other && other.id !== memberId) {
        const message = {
          id: `Akun ini sudah terhubung dengan anggota ${other.fullName} (No. ${formatMemberNumber(other.number)})`,
          en: `This account is already linked to member ${other.fullName} (No. ${formatMemberNumber(other.number)})`,
        };
        throw new AppError('conflict', 'user_linked', message, [{ field: 'userId', code: 'user_linked', message }]);
      }
      if (!roles.includes('anggota')) await grantCoopRole(tx, actor, cooperativeId, userId, 'anggota');
    }
    await repo.updateMember(tx, cooperativeId, memberId, { userId });
    await recordAudit(tx, cooperativeId, actor, {
      action: 'member.link_user',
      entityType: 'member',
      entityId: memberId,
      changes: { userId: { from: m.userId, to: userId } },
    });
  });
  return getMember(db, cooperativeId, memberId);
}

/** The member record of the signed-in user; 404 when the account is not linked to one. */
export async function memberOfUser(db: Db, cooperativeId: string, userId: string): Promise<Member> {
  const row = await repo.findMemberOfUser(db, cooperativeId, userId);
  // Not a 404: the route exists and the caller may use it; their account lacks a link.
  if (!row)
    throw conflict('member_not_linked', {
      id: 'Akun Anda belum terhubung dengan data anggota; hubungi pengurus koperasi',
      en: 'Your account is not linked to a member record; ask the cooperative board',
    });
  return presentMember(row);
}

/** For demo seeding: link without the checks a person's request needs. */
export async function linkUserAsSystem(db: Db, cooperativeId: string, memberId: string, userId: string) {
  await repo.updateMember(db, cooperativeId, memberId, { userId });
}

// ── NIK check for forms ─────────────────────────────────────────────────────────────────────

export async function checkNik(
  db: Db,
  cooperativeId: string,
  input: { nik: string; sex?: MemberSex; birthDate?: string },
  lang: 'id' | 'en',
) {
  const ctx = await coopContext(db, cooperativeId);
  const j = judgeNik(input.nik, input, ctx.today);
  const p = j.parsed;
  const [existing] = p ? await repo.findByNiks(db, cooperativeId, [p.nik]) : [];
  return {
    valid: j.errors.length === 0,
    nik: p?.nik ?? null,
    sex: p?.sex ?? null,
    birthDate: p?.birthDate ?? null,
    province: p ? { code: p.provinceCode, name: p.provinceName } : null,
    regency: p ? { code: p.regencyCode, name: searchVillages(`${p.regencyCode}.`, 1)[0]?.regency.name ?? p.regencyCode } : null,
    errors: j.errors.map((e) => ({ field: e.field, code: e.code, message: e.message[lang] })),
    existingMember: existing
      ? { id: existing.id, number: existing.number, fullName: existing.fullName, status: existing.status as MemberStatus }
      : null,
  };
}

// ── farmer groups ───────────────────────────────────────────────────────────────────────────

export async function listFarmerGroups(db: Db, cooperativeId: string) {
  return (await repo.farmerGroupsOf(db, cooperativeId)).map((g) => ({ ...g, createdAt: g.createdAt.toISOString() }));
}

export async function createFarmerGroup(db: Db, actor: Actor, cooperativeId: string, input: { name: string; villageCode?: string | null }) {
  const name = input.name.replace(/\s+/g, ' ').trim();
  if (input.villageCode && !villageInfo(input.villageCode))
    throw invalidField('villageCode', 'unknown_village', {
      id: 'Kode desa tidak ada dalam daftar Kemendagri',
      en: 'Village code is not in the official list',
    });
  const existing = (await repo.farmerGroupsOf(db, cooperativeId)).find((g) => g.name.toLowerCase() === name.toLowerCase());
  if (existing) {
    const message = { id: `Kelompok tani "${existing.name}" sudah ada`, en: `Farmer group "${existing.name}" already exists` };
    throw new AppError('conflict', 'farmer_group_exists', message, [{ field: 'name', code: 'farmer_group_exists', message }]);
  }
  const id = newId('ktn');
  await db.transaction(async (tx) => {
    await repo.insertFarmerGroups(tx, [{ cooperativeId, id, name, villageCode: input.villageCode ?? null }]);
    await recordAudit(tx, cooperativeId, actor, {
      action: 'farmer_group.create',
      entityType: 'farmer_group',
      entityId: id,
      changes: { name },
    });
  });
  return (await listFarmerGroups(db, cooperativeId)).find((g) => g.id === id)!;
}

export interface DirectoryEntry {
  id: string;
  number: number;
  fullName: string;
  status: MemberStatus;
  joinDate: string;
  phone: string | null;
  farmerGroupName: string | null;
}

/** Lean member rows for other modules (billing, arrears, balances), ordered by number. */
export async function memberDirectory(db: Db, cooperativeId: string, f: repo.DirectoryFilter = {}): Promise<DirectoryEntry[]> {
  if (f.ids && f.ids.length > 10_000) {
    const out: DirectoryEntry[] = [];
    for (let i = 0; i < f.ids.length; i += 10_000)
      out.push(...(await memberDirectory(db, cooperativeId, { ...f, ids: f.ids.slice(i, i + 10_000) })));
    return out.sort((a, b) => a.number - b.number);
  }
  return (await repo.directory(db, cooperativeId, f)) as DirectoryEntry[];
}
