/**
 * The ministry's registry: each cooperative's profile (formation model, legal entity, NIB, NPWP,
 * business units), its declared board and supervisors with family-tie declarations, its RAT dates,
 * and the governance checklist built from them. Cooperative data itself belongs to modules/cooperatives.
 */
import type { CooperativeInput } from '@kopdes/shared/cooperatives';
import type { OfficersInput, RegistryEntry, RegistryProfileInput } from '@kopdes/shared/network';
import { SUPERVISOR_POSITIONS, type FamilyRelation, type OfficerBody, type OfficerPosition, type OfficerSex } from '@kopdes/shared/network';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../lib/actor.js';
import { searchVillages } from '../../lib/areas.js';
import { AppError, invalidField, type FieldError } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { recordAudit, recordPlatformAudit } from '../audit/audit.service.js';
import { cooperativesByIds, createCooperative, getCooperative, updateCooperative } from '../cooperatives/cooperatives.service.js';
import { provinceOf, regencyOf } from './areas.js';
import { governanceChecks, structuralIssues } from './governance.js';
import { monthOf, monthsBetween } from './months.js';
import { concurrentOnPool } from '../../db/concurrent.js';
import * as repo from './registry.repository.js';
import { refreshCooperative, usesKopdes } from './rollups.service.js';

export { usesKopdes };

export type { ProfileRow } from './registry.repository.js';

/**
 * The cooperative's registry row, created on first use from its village; kept in step when the
 * cooperative moves village. Throws 404 for a cooperative that does not exist.
 */
export async function ensureRegistered(db: Db, cooperativeId: string): Promise<repo.ProfileRow> {
  const coop = await getCooperative(db, cooperativeId);
  const row = await repo.findProfile(db, cooperativeId);
  const area = { villageCode: coop.villageCode, regencyCode: regencyOf(coop.villageCode), provinceCode: provinceOf(coop.villageCode) };
  if (row && row.villageCode === coop.villageCode) return row;
  if (row) return repo.updateProfile(db, cooperativeId, area);
  const [inserted] = await repo.insertProfile(db, { cooperativeId, ...area });
  return inserted ?? (await repo.findProfile(db, cooperativeId))!;
}

export const findProfile = (db: Db, cooperativeId: string) => repo.findProfile(db, cooperativeId);
export const realCooperativeIds = (db: Db) => repo.realProfileIds(db);

const digits = (s: string) => s.replace(/\D/g, '');

function normalizeIds(input: Pick<RegistryProfileInput, 'nib' | 'npwp'>) {
  const nib = input.nib != null ? digits(input.nib) : input.nib;
  const npwp = input.npwp != null ? digits(input.npwp) : input.npwp;
  if (nib != null && nib.length !== 13)
    throw invalidField('nib', 'invalid_nib', {
      id: `NIB harus 13 digit angka (tertulis ${nib.length})`,
      en: `NIB must be 13 digits (got ${nib.length})`,
    });
  if (npwp != null && npwp.length !== 15 && npwp.length !== 16)
    throw invalidField('npwp', 'invalid_npwp', {
      id: `NPWP harus 15 atau 16 digit angka (tertulis ${npwp.length})`,
      en: `NPWP must be 15 or 16 digits (got ${npwp.length})`,
    });
  return { nib: nib ?? null, npwp: npwp ?? null };
}

/** Months whose roll-up a registry change touches: from the earliest stored month to now. */
const monthsToRefresh = (today: string, since?: string | null) =>
  monthsBetween(since && since < today ? monthOf(since) : monthOf(today), monthOf(today)).slice(-24);

export async function saveProfile(db: Db, actor: Actor, cooperativeId: string, input: RegistryProfileInput, today: string) {
  await writeProfile(db, actor, cooperativeId, input, today);
  return getEntry(db, cooperativeId, today);
}

/** `saveProfile` without reading the entry back (bulk seeding). */
export async function writeProfile(db: Db, actor: Actor, cooperativeId: string, input: RegistryProfileInput, today: string) {
  const ids = normalizeIds(input);
  if (input.legalEntityDate && input.legalEntityDate > today)
    throw invalidField('legalEntityDate', 'future_date', {
      id: 'Tanggal badan hukum tidak boleh di masa depan',
      en: 'The legal-entity date cannot be in the future',
    });
  await db.transaction(async (tx) => {
    await ensureRegistered(tx, cooperativeId);
    const before = await repo.lockProfile(tx, cooperativeId);
    const units = [...new Set(input.businessUnits)];
    await repo.updateProfile(tx, cooperativeId, {
      formationModel: input.formationModel,
      legalEntityDate: input.legalEntityDate ?? null,
      nib: ids.nib,
      npwp: ids.npwp,
      businessUnits: units,
    });
    if (input.legalEntityNumber !== undefined) {
      const coop = await getCooperative(tx, cooperativeId);
      if ((coop.legalEntityNumber ?? null) !== (input.legalEntityNumber ?? null))
        await updateCooperative(tx, actor, cooperativeId, { legalEntityNumber: input.legalEntityNumber ?? null });
    }
    await recordAudit(tx, cooperativeId, actor, {
      action: 'network.profile.save',
      entityType: 'network_profile',
      entityId: cooperativeId,
      changes: {
        ...input,
        nib: ids.nib,
        npwp: ids.npwp,
        before: before ? { formationModel: before.formationModel, units: before.businessUnits } : null,
      },
    });
    await refreshCooperative(tx, cooperativeId, monthsToRefresh(today, input.legalEntityDate ?? before?.legalEntityDate), today);
  });
}

/** A new cooperative and its registry profile, in one transaction. */
export async function registerCooperative(
  db: Db,
  actor: Actor,
  input: { cooperative: CooperativeInput; profile: RegistryProfileInput },
  today: string,
) {
  normalizeIds(input.profile);
  const id = await db.transaction(async (tx) => {
    const coop = await createCooperative(tx, actor, {
      ...input.cooperative,
      legalEntityNumber: input.profile.legalEntityNumber ?? input.cooperative.legalEntityNumber ?? null,
    });
    await writeProfile(tx, actor, coop.id, { ...input.profile, legalEntityNumber: undefined }, today);
    await recordPlatformAudit(tx, actor, {
      action: 'network.cooperative.register',
      entityType: 'cooperative',
      entityId: coop.id,
      changes: input,
    });
    return coop.id;
  });
  return getEntry(db, id, today);
}

const SUPERVISOR = new Set<string>(SUPERVISOR_POSITIONS);

function checkOfficers(input: OfficersInput, existing: repo.OfficerRow[], today: string) {
  const errors: FieldError[] = [];
  const known = new Map(existing.map((o) => [o.id, o]));
  const seen = new Set<string>();
  input.officers.forEach((o, i) => {
    if ((o.body === 'pengawas') !== SUPERVISOR.has(o.position))
      errors.push({
        field: `officers.${i}.position`,
        code: 'position_body_mismatch',
        message: {
          id:
            o.body === 'pengawas'
              ? 'Pengawas berjabatan ketua_pengawas atau anggota_pengawas'
              : 'Jabatan pengawas tidak bisa dipegang pengurus',
          en:
            o.body === 'pengawas'
              ? 'A supervisor is ketua_pengawas or anggota_pengawas'
              : 'A board member cannot hold a supervisor position',
        },
      });
    if (o.id && (!known.has(o.id) || known.get(o.id)!.endedOn))
      errors.push({
        field: `officers.${i}.id`,
        code: 'unknown_officer',
        message: { id: 'Pengurus/pengawas ini tidak ada di koperasi ini', en: 'No such officer in this cooperative' },
      });
    if (o.id && seen.has(o.id))
      errors.push({
        field: `officers.${i}.id`,
        code: 'duplicate_officer',
        message: { id: 'Orang yang sama tercantum dua kali', en: 'The same person is listed twice' },
      });
    if (o.id) seen.add(o.id);
    if (o.startedOn && o.startedOn > today)
      errors.push({
        field: `officers.${i}.startedOn`,
        code: 'future_date',
        message: { id: 'Tanggal tidak boleh di masa depan', en: 'Date cannot be in the future' },
      });
  });
  const pairs = new Set<string>();
  input.familyTies.forEach((t, i) => {
    for (const side of ['a', 'b'] as const) {
      if (t[side] >= input.officers.length)
        errors.push({
          field: `familyTies.${i}.${side}`,
          code: 'unknown_officer',
          message: { id: `Tidak ada baris pengurus/pengawas ke-${t[side]}`, en: `There is no officer at position ${t[side]}` },
        });
    }
    if (t.a === t.b)
      errors.push({
        field: `familyTies.${i}.b`,
        code: 'same_person',
        message: { id: 'Hubungan keluarga harus antara dua orang', en: 'A tie is between two people' },
      });
    const key = [t.a, t.b].sort().join('-');
    if (pairs.has(key))
      errors.push({
        field: `familyTies.${i}`,
        code: 'duplicate_tie',
        message: { id: 'Hubungan ini sudah dinyatakan', en: 'This tie is already declared' },
      });
    pairs.add(key);
  });
  if (input.effectiveOn && input.effectiveOn > today)
    errors.push({
      field: 'effectiveOn',
      code: 'future_date',
      message: { id: 'Tanggal tidak boleh di masa depan', en: 'Date cannot be in the future' },
    });
  if (errors.length)
    throw new AppError(
      'validation',
      'invalid_officers',
      { id: 'Susunan pengurus dan pengawas tidak valid', en: 'The declared board is not valid' },
      errors,
    );
}

/** Replace the declared board and supervisors. Officers left out end on `effectiveOn` and keep their history. */
export async function declareOfficers(db: Db, actor: Actor, cooperativeId: string, input: OfficersInput, today: string) {
  await writeOfficers(db, actor, cooperativeId, input, today);
  return getEntry(db, cooperativeId, today);
}

/** `declareOfficers` without reading the entry back; returns the officers' ids in input order. */
export async function writeOfficers(db: Db, actor: Actor, cooperativeId: string, input: OfficersInput, today: string): Promise<string[]> {
  const effectiveOn = input.effectiveOn ?? today;
  return db.transaction(async (tx) => {
    await ensureRegistered(tx, cooperativeId);
    await repo.lockProfile(tx, cooperativeId);
    const existing = await repo.officersOf(tx, cooperativeId);
    checkOfficers(input, existing, today);
    const ids = input.officers.map((o) => o.id ?? newId('ofc'));
    const fresh = input.officers.flatMap((o, i) => (o.id ? [] : [{ o, id: ids[i]! }]));
    await repo.insertOfficers(
      tx,
      fresh.map(({ o, id }) => ({
        cooperativeId,
        id,
        body: o.body,
        position: o.position,
        fullName: o.fullName,
        sex: o.sex,
        isVillageHead: o.isVillageHead,
        phone: o.phone ?? null,
        startedOn: o.startedOn ?? effectiveOn,
      })),
    );
    for (const o of input.officers.filter((x) => x.id)) {
      await repo.updateOfficer(tx, cooperativeId, o.id!, {
        body: o.body,
        position: o.position,
        fullName: o.fullName,
        sex: o.sex,
        isVillageHead: o.isVillageHead,
        phone: o.phone ?? null,
        ...(o.startedOn ? { startedOn: o.startedOn } : {}),
      });
    }
    const keep = new Set(ids);
    for (const o of existing.filter((x) => !x.endedOn && !keep.has(x.id)))
      await repo.updateOfficer(tx, cooperativeId, o.id, { endedOn: effectiveOn });
    await repo.replaceTies(
      tx,
      cooperativeId,
      input.familyTies.map((t) => {
        const [a, b] = [ids[t.a]!, ids[t.b]!].sort();
        return { cooperativeId, officerA: a!, officerB: b!, relation: t.relation };
      }),
    );
    const entry = await buildGovernance(tx, cooperativeId, today);
    await repo.updateProfile(tx, cooperativeId, { governanceIssues: structuralIssues(entry) });
    await recordAudit(tx, cooperativeId, actor, {
      action: 'network.officers.declare',
      entityType: 'network_profile',
      entityId: cooperativeId,
      changes: { officers: input.officers.map((o, i) => ({ ...o, id: ids[i] })), familyTies: input.familyTies, effectiveOn },
    });
    return ids;
  });
}

export async function recordRat(db: Db, actor: Actor, cooperativeId: string, financialYear: number, heldOn: string, today: string) {
  await writeRat(db, actor, cooperativeId, financialYear, heldOn, today);
  return getEntry(db, cooperativeId, today);
}

/** `recordRat` without reading the entry back (bulk seeding). */
export async function writeRat(db: Db, actor: Actor, cooperativeId: string, financialYear: number, heldOn: string, today: string) {
  if (heldOn < `${financialYear + 1}-01-01`)
    throw invalidField('heldOn', 'rat_before_year_end', {
      id: `RAT tahun buku ${financialYear} diadakan setelah tahun buku berakhir (mulai ${financialYear + 1}-01-01)`,
      en: `The RAT for ${financialYear} is held after the year ends (from ${financialYear + 1}-01-01)`,
    });
  if (heldOn > today)
    throw invalidField('heldOn', 'future_date', {
      id: 'Tanggal RAT tidak boleh di masa depan',
      en: 'The RAT date cannot be in the future',
    });
  await db.transaction(async (tx) => {
    await ensureRegistered(tx, cooperativeId);
    await repo.upsertRat(tx, cooperativeId, financialYear, heldOn);
    await recordAudit(tx, cooperativeId, actor, {
      action: 'network.rat.record',
      entityType: 'network_profile',
      entityId: cooperativeId,
      changes: { financialYear, heldOn },
    });
  });
}

async function buildGovernance(db: Db, cooperativeId: string, today: string) {
  const [officers, ties, rats, profile] = await concurrentOnPool(
    db,
    () => repo.activeOfficersOf(db, cooperativeId),
    () => repo.tiesOf(db, cooperativeId),
    () => repo.ratMeetingsOf(db, cooperativeId),
    () => repo.findProfile(db, cooperativeId),
  );
  return governanceChecks({
    officers: officers.map(presentOfficer),
    ties: ties.map((t) => ({ officerA: t.officerA, officerB: t.officerB, relation: t.relation as FamilyRelation })),
    ratMeetings: rats,
    legalEntityDate: profile?.legalEntityDate ?? null,
    today,
  });
}

export const governanceOf = (db: Db, cooperativeId: string, today: string) => buildGovernance(db, cooperativeId, today);

export function presentOfficer(o: repo.OfficerRow) {
  return {
    id: o.id,
    body: o.body as OfficerBody,
    position: o.position as OfficerPosition,
    fullName: o.fullName,
    sex: o.sex as OfficerSex,
    isVillageHead: o.isVillageHead,
    phone: o.phone,
    startedOn: o.startedOn,
    endedOn: o.endedOn,
  };
}

export const activeOfficer = async (db: Db, cooperativeId: string, officerId: string, lock = false) => {
  const row = lock
    ? await repo.lockOfficer(db, cooperativeId, officerId)
    : (await repo.officersOf(db, cooperativeId)).find((o) => o.id === officerId);
  return row && !row.endedOn ? presentOfficer(row) : undefined;
};

function presentProfile(cooperativeId: string, p: repo.ProfileRow | undefined) {
  return {
    cooperativeId,
    formationModel: (p?.formationModel ?? null) as RegistryEntry['profile']['formationModel'],
    legalEntityDate: p?.legalEntityDate ?? null,
    nib: p?.nib ?? null,
    npwp: p?.npwp ?? null,
    businessUnits: (p?.businessUnits ?? []) as RegistryEntry['profile']['businessUnits'],
    synthetic: p?.synthetic ?? false,
    updatedAt: (p?.updatedAt ?? new Date(0)).toISOString(),
  };
}

export async function getEntry(db: Db, cooperativeId: string, today: string): Promise<RegistryEntry> {
  const coop = await getCooperative(db, cooperativeId);
  const [profile, officers, ties, rats, governance, kopdes] = await concurrentOnPool(
    db,
    () => repo.findProfile(db, cooperativeId),
    () => repo.officersOf(db, cooperativeId),
    () => repo.tiesOf(db, cooperativeId),
    () => repo.ratMeetingsOf(db, cooperativeId),
    () => buildGovernance(db, cooperativeId, today),
    () => usesKopdes(db, cooperativeId),
  );
  return {
    cooperative: {
      id: coop.id,
      name: coop.name,
      legalEntityNumber: coop.legalEntityNumber,
      villageCode: coop.villageCode,
      village: coop.village,
      timeZone: coop.timeZone,
      address: coop.address,
    },
    profile: presentProfile(cooperativeId, profile),
    officers: officers.map(presentOfficer),
    familyTies: ties.map((t) => ({ officerA: t.officerA, officerB: t.officerB, relation: t.relation as FamilyRelation })),
    ratMeetings: rats.map((r) => ({ financialYear: r.financialYear, heldOn: r.heldOn })),
    governance,
    usesKopdes: kopdes,
  };
}

export interface RegistryQuery {
  q?: string;
  province?: string;
  regency?: string;
  formationModel?: string;
  governance?: 'ok' | 'issues';
  synthetic?: 'true' | 'false';
  cursor?: string;
  limit: number;
}

/**
 * The registry page by page, with how many match in all; `q` finds cooperatives by their village's
 * name or code (or a kop_ id).
 */
export async function listRegistry(db: Db, q: RegistryQuery) {
  const f: repo.RegistryFilter = {
    province: q.province,
    regency: q.regency,
    formationModel: q.formationModel,
    governance: q.governance,
    synthetic: q.synthetic === undefined ? undefined : q.synthetic === 'true',
    after: q.cursor,
    limit: q.limit + 1,
  };
  const term = q.q?.trim();
  if (term?.startsWith('kop_')) f.cooperativeId = term;
  else if (term && /^\d[\d.]*$/.test(term)) f.villagePrefix = term;
  else if (term) f.villageCodes = searchVillages(term, 5000).map((v) => v.code);
  const [rows, total] = await concurrentOnPool(
    db,
    () => repo.listProfiles(db, f),
    () => repo.countProfiles(db, f),
  );
  const more = rows.length > q.limit;
  const page = more ? rows.slice(0, q.limit) : rows;
  const coops = new Map(
    (
      await cooperativesByIds(
        db,
        page.map((r) => r.cooperativeId),
      )
    ).map((c) => [c.id, c]),
  );
  return {
    items: page.map((r) => {
      const c = coops.get(r.cooperativeId);
      return {
        cooperativeId: r.cooperativeId,
        name: c?.name ?? '',
        villageCode: r.villageCode,
        village: c?.village ?? null,
        formationModel: r.formationModel as RegistryEntry['profile']['formationModel'],
        legalEntityNumber: c?.legalEntityNumber ?? null,
        businessUnits: r.businessUnits as RegistryEntry['profile']['businessUnits'],
        governanceIssues: r.governanceIssues as RegistryEntry['governance']['checks'][number]['code'][],
        synthetic: r.synthetic,
      };
    }),
    nextCursor: more ? page[page.length - 1]!.cooperativeId : null,
    /** Cooperatives matching the filters, on every page alike. */
    total,
  };
}

/** Villages matching a name or code, each with the cooperative registered there (if any). */
export async function searchRegistryVillages(db: Db, q: string, limit: number) {
  const villages = searchVillages(q, limit);
  const profiles = await repo.listProfiles(db, { villageCodes: villages.map((v) => v.code), limit: 1000 });
  const names = new Map(
    (
      await cooperativesByIds(
        db,
        profiles.map((p) => p.cooperativeId),
      )
    ).map((c) => [c.id, c.name]),
  );
  return villages.map((v) => {
    const p = profiles.find((x) => x.villageCode === v.code);
    return { ...v, cooperativeId: p?.cooperativeId ?? null, cooperativeName: p ? (names.get(p.cooperativeId) ?? null) : null };
  });
}
