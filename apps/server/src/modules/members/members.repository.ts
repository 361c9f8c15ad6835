import { and, asc, count, eq, getTableColumns, gt, gte, ilike, inArray, isNotNull, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { executePrepared } from '../../db/prepared.js';
import { farmerGroups, members, memberStatusChanges } from './members.schema.js';

export type MemberRow = typeof members.$inferSelect;
export type MemberInsert = typeof members.$inferInsert;
export type MemberWithGroup = MemberRow & { farmerGroupName: string | null };

const selectMembers = (db: Db) =>
  db
    .select({ ...getTableColumns(members), farmerGroupName: farmerGroups.name })
    .from(members)
    .leftJoin(farmerGroups, and(eq(farmerGroups.cooperativeId, members.cooperativeId), eq(farmerGroups.id, members.farmerGroupId)));

export const findMember = (db: Db, cooperativeId: string, id: string): Promise<MemberWithGroup | undefined> =>
  selectMembers(db)
    .where(and(eq(members.cooperativeId, cooperativeId), eq(members.id, id)))
    .limit(1)
    .then((r) => r[0] as MemberWithGroup | undefined);

/**
 * A member's reference fields (as `refOf` reads them), read in the same query as `statement`, a
 * statement of another module that returns at most one row with one text column `v`. Why: a
 * posting's balance update and the member it is for then cost one round trip, not two.
 */
export async function findMemberAlongside(db: Db, cooperativeId: string, id: string, statement: SQL) {
  const res = await executePrepared<{
    id: string | null;
    number: number;
    fullName: string;
    nik: string;
    status: string;
    joinDate: string;
    statusDate: string;
    address: string | null;
    villageCode: string;
    farmerGroupName: string | null;
    v: string | null;
  }>(
    db,
    sql`
    WITH alongside AS (${statement})
    SELECT m.id, m.number, m.full_name AS "fullName", m.nik, m.status, m.join_date AS "joinDate", m.status_date AS "statusDate",
      m.address, m.village_code AS "villageCode", g.name AS "farmerGroupName", (SELECT v FROM alongside) AS v
    FROM (SELECT 1) AS one
      LEFT JOIN members m ON m.cooperative_id = ${cooperativeId} AND m.id = ${id}
      LEFT JOIN farmer_groups g ON g.cooperative_id = m.cooperative_id AND g.id = m.farmer_group_id`,
  );
  const { v, ...member } = res.rows[0]!;
  return { member: member.id === null ? undefined : { ...member, id: member.id }, v };
}

/** A member's reference fields, as `refOf` reads them: the same prepared statement as `findMemberAlongside`. */
export const findMemberRef = async (db: Db, cooperativeId: string, id: string) =>
  (await findMemberAlongside(db, cooperativeId, id, sql`SELECT NULL::text AS v`)).member;

/**
 * The member row locked for a status change or settlement. NO KEY UPDATE, so that postings whose
 * foreign keys take a key-share lock on the row are not blocked (and cannot deadlock with it).
 */
export const lockMember = (db: Db, cooperativeId: string, id: string) =>
  db
    .select()
    .from(members)
    .where(and(eq(members.cooperativeId, cooperativeId), eq(members.id, id)))
    .for('no key update')
    .then((r) => r[0]);

export const findMemberOfUser = (db: Db, cooperativeId: string, userId: string): Promise<MemberWithGroup | undefined> =>
  selectMembers(db)
    .where(and(eq(members.cooperativeId, cooperativeId), eq(members.userId, userId)))
    .limit(1)
    .then((r) => r[0] as MemberWithGroup | undefined);

export const findByNiks = (db: Db, cooperativeId: string, niks: string[]) =>
  niks.length
    ? db
        .select({ id: members.id, nik: members.nik, number: members.number, fullName: members.fullName, status: members.status })
        .from(members)
        .where(and(eq(members.cooperativeId, cooperativeId), inArray(members.nik, niks)))
    : Promise.resolve([]);

export const findByNumbers = (db: Db, cooperativeId: string, numbers: number[]) =>
  numbers.length
    ? db
        .select({ id: members.id, number: members.number, fullName: members.fullName })
        .from(members)
        .where(and(eq(members.cooperativeId, cooperativeId), inArray(members.number, numbers)))
    : Promise.resolve([]);

/** Many rows in one statement each 5,000: one JSON parameter instead of 20 per row. */
export async function insertMembers(db: Db, rows: MemberInsert[]) {
  for (let i = 0; i < rows.length; i += 5000) {
    const json = JSON.stringify(
      rows.slice(i, i + 5000).map((r) => ({
        cooperative_id: r.cooperativeId,
        id: r.id,
        number: r.number,
        nik: r.nik,
        full_name: r.fullName,
        sex: r.sex,
        birth_place: r.birthPlace ?? null,
        birth_date: r.birthDate,
        address: r.address ?? null,
        village_code: r.villageCode,
        phone: r.phone ?? null,
        occupation: r.occupation,
        occupation_detail: r.occupationDetail ?? null,
        farmer_group_id: r.farmerGroupId ?? null,
        join_date: r.joinDate,
        status: r.status,
        status_date: r.statusDate,
        status_reason: r.statusReason ?? null,
        user_id: r.userId ?? null,
        notes: r.notes ?? null,
      })),
    );
    await db.execute(sql`
      INSERT INTO members (cooperative_id, id, number, nik, full_name, sex, birth_place, birth_date, address, village_code, phone,
                           occupation, occupation_detail, farmer_group_id, join_date, status, status_date, status_reason, user_id, notes)
      SELECT cooperative_id, id, number, nik, full_name, sex, birth_place, birth_date, address, village_code, phone,
             occupation, occupation_detail, farmer_group_id, join_date, status, status_date, status_reason, user_id, notes
      FROM jsonb_to_recordset(${json}::jsonb) AS x(cooperative_id text, id text, number int, nik text, full_name text, sex text,
        birth_place text, birth_date date, address text, village_code text, phone text, occupation text, occupation_detail text,
        farmer_group_id text, join_date date, status text, status_date date, status_reason text, user_id text, notes text)`);
  }
}

export const updateMember = (db: Db, cooperativeId: string, id: string, set: Partial<MemberInsert>) =>
  db
    .update(members)
    .set({ ...set, updatedAt: new Date() })
    .where(and(eq(members.cooperativeId, cooperativeId), eq(members.id, id)))
    .returning({ id: members.id });

export interface MemberFilter {
  q?: string;
  /** `q` read as a phone number, when it is one. */
  qPhone?: string;
  status?: string;
  sex?: string;
  occupation?: string;
  farmerGroupId?: string;
  villageCode?: string;
  joinedFrom?: string;
  joinedTo?: string;
  linked?: boolean;
}

function conditions(cooperativeId: string, f: MemberFilter): SQL[] {
  const conds: SQL[] = [eq(members.cooperativeId, cooperativeId)];
  if (f.q) {
    const q = f.q.replace(/[\\%_]/g, (ch) => `\\${ch}`);
    const alts: (SQL | undefined)[] = [ilike(members.fullName, `%${q}%`)];
    const digits = f.q.replace(/[\s.-]/g, '');
    if (/^\d+$/.test(digits)) {
      alts.push(sql`${members.nik} LIKE ${`${digits}%`}`);
      if (digits.length <= 8) alts.push(eq(members.number, Number(digits)));
    }
    if (f.qPhone) alts.push(eq(members.phone, f.qPhone));
    conds.push(or(...alts)!);
  }
  if (f.status) conds.push(eq(members.status, f.status));
  if (f.sex) conds.push(eq(members.sex, f.sex));
  if (f.occupation) conds.push(eq(members.occupation, f.occupation));
  if (f.farmerGroupId) conds.push(eq(members.farmerGroupId, f.farmerGroupId));
  if (f.villageCode) conds.push(eq(members.villageCode, f.villageCode));
  if (f.joinedFrom) conds.push(gte(members.joinDate, f.joinedFrom));
  if (f.joinedTo) conds.push(lte(members.joinDate, f.joinedTo));
  if (f.linked === true) conds.push(isNotNull(members.userId));
  if (f.linked === false) conds.push(isNull(members.userId));
  return conds;
}

export type MemberCursor = { sort: 'number'; number: number } | { sort: 'name'; name: string; id: string };

export function listMembers(
  db: Db,
  cooperativeId: string,
  f: MemberFilter,
  sort: 'number' | 'name',
  after: MemberCursor | undefined,
  limit?: number,
) {
  const conds = conditions(cooperativeId, f);
  if (after?.sort === 'number') conds.push(gt(members.number, after.number));
  if (after?.sort === 'name') conds.push(sql`(lower(${members.fullName}), ${members.id}) > (${after.name}, ${after.id})`);
  const q = selectMembers(db)
    .where(and(...conds))
    .orderBy(...(sort === 'number' ? [asc(members.number)] : [sql`lower(${members.fullName})`, asc(members.id)]));
  return (limit === undefined ? q : q.limit(limit)) as Promise<MemberWithGroup[]>;
}

export const countMembers = (db: Db, cooperativeId: string, f: MemberFilter) =>
  db
    .select({ n: count() })
    .from(members)
    .where(and(...conditions(cooperativeId, f)))
    .then((r) => r[0]?.n ?? 0);

// ── status history ──────────────────────────────────────────────────────────────────────────

export type StatusChangeInsert = typeof memberStatusChanges.$inferInsert;

export async function insertStatusChanges(db: Db, rows: StatusChangeInsert[]) {
  for (let i = 0; i < rows.length; i += 5000) {
    const json = JSON.stringify(
      rows.slice(i, i + 5000).map((r) => ({
        cooperative_id: r.cooperativeId,
        id: r.id,
        member_id: r.memberId,
        from_status: r.fromStatus ?? null,
        to_status: r.toStatus,
        effective_date: r.effectiveDate,
        reason: r.reason ?? null,
        actor_id: r.actorId ?? null,
        actor_label: r.actorLabel,
      })),
    );
    await db.execute(sql`
      INSERT INTO member_status_changes (cooperative_id, id, member_id, from_status, to_status, effective_date, reason, actor_id, actor_label)
      SELECT * FROM jsonb_to_recordset(${json}::jsonb) AS x(cooperative_id text, id text, member_id text, from_status text,
        to_status text, effective_date date, reason text, actor_id text, actor_label text)`);
  }
}

export const statusHistory = (db: Db, cooperativeId: string, memberId: string) =>
  db
    .select()
    .from(memberStatusChanges)
    .where(and(eq(memberStatusChanges.cooperativeId, cooperativeId), eq(memberStatusChanges.memberId, memberId)))
    .orderBy(asc(memberStatusChanges.id));

// ── farmer groups ───────────────────────────────────────────────────────────────────────────

export const insertFarmerGroups = (db: Db, rows: (typeof farmerGroups.$inferInsert)[]) =>
  rows.length ? db.insert(farmerGroups).values(rows) : Promise.resolve();

export const findFarmerGroup = (db: Db, cooperativeId: string, id: string) =>
  db
    .select()
    .from(farmerGroups)
    .where(and(eq(farmerGroups.cooperativeId, cooperativeId), eq(farmerGroups.id, id)))
    .limit(1)
    .then((r) => r[0]);

export const farmerGroupsOf = (db: Db, cooperativeId: string) =>
  db
    .select({
      id: farmerGroups.id,
      name: farmerGroups.name,
      villageCode: farmerGroups.villageCode,
      createdAt: farmerGroups.createdAt,
      activeMembers: sql<number>`(SELECT count(*)::int FROM members m
        WHERE m.cooperative_id = farmer_groups.cooperative_id AND m.farmer_group_id = farmer_groups.id AND m.status = 'active')`,
    })
    .from(farmerGroups)
    .where(eq(farmerGroups.cooperativeId, cooperativeId))
    .orderBy(sql`lower(${farmerGroups.name})`);

// ── member numbers ──────────────────────────────────────────────────────────────────────────

const SERIES = 'member';

/**
 * Takes `count` consecutive member numbers in one statement (the row stays locked until commit,
 * so numbers of a rolled-back import are given back). Returns the first.
 */
export async function takeMemberNumbers(db: Db, cooperativeId: string, count: number): Promise<number> {
  const res = await db.execute<{ last_value: bigint }>(sql`
    INSERT INTO number_sequences (cooperative_id, series, last_value)
    VALUES (${cooperativeId}, ${SERIES}, greatest(${count}, (SELECT coalesce(max(number), 0) FROM members WHERE cooperative_id = ${cooperativeId}) + ${count}))
    ON CONFLICT (cooperative_id, series) DO UPDATE SET last_value = number_sequences.last_value + ${count}
    RETURNING last_value`);
  return Number(res.rows[0]!.last_value) - count + 1;
}

/** After numbers were given by hand: the next automatic number comes after the highest one. */
export async function raiseMemberNumber(db: Db, cooperativeId: string, atLeast: number) {
  await db.execute(sql`
    INSERT INTO number_sequences (cooperative_id, series, last_value) VALUES (${cooperativeId}, ${SERIES}, ${atLeast})
    ON CONFLICT (cooperative_id, series) DO UPDATE SET last_value = greatest(number_sequences.last_value, ${atLeast})`);
}

// ── lean lists for other modules ────────────────────────────────────────────────────────────

export interface DirectoryFilter {
  ids?: string[];
  status?: string;
  farmerGroupId?: string;
  joinedBy?: string;
}

export function directory(db: Db, cooperativeId: string, f: DirectoryFilter) {
  const conds: SQL[] = [eq(members.cooperativeId, cooperativeId)];
  if (f.ids) conds.push(f.ids.length ? inArray(members.id, f.ids) : sql`false`);
  if (f.status) conds.push(eq(members.status, f.status));
  if (f.farmerGroupId) conds.push(eq(members.farmerGroupId, f.farmerGroupId));
  if (f.joinedBy) conds.push(lte(members.joinDate, f.joinedBy));
  return db
    .select({
      id: members.id,
      number: members.number,
      fullName: members.fullName,
      status: members.status,
      joinDate: members.joinDate,
      phone: members.phone,
      farmerGroupName: farmerGroups.name,
    })
    .from(members)
    .leftJoin(farmerGroups, and(eq(farmerGroups.cooperativeId, members.cooperativeId), eq(farmerGroups.id, members.farmerGroupId)))
    .where(and(...conds))
    .orderBy(asc(members.number));
}
