/**
 * The internship programme's frame: host cooperatives by sector, programmes that place board
 * members of KDMP with those hosts, and the batches (gelombang) with their dates, host, capacity
 * and the provinces they draw participants from.
 */
import type { HostSector } from '@kopdes/shared/network';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../lib/actor.js';
import { villageInfo } from '../../lib/areas.js';
import { AppError, conflict, invalidField, notFound, type FieldError } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { recordPlatformAudit } from '../audit/audit.service.js';
import { getCooperative } from '../cooperatives/cooperatives.service.js';
import { PROVINCE_CODES, provinceName } from './areas.js';
import * as repo from './internship.repository.js';
import { concurrentOnPool, eachOnPool } from '../../db/concurrent.js';

export type { BatchRow, HostRow, ParticipantRow, ProgrammeRow, SessionRow } from './internship.repository.js';

export const batchNotFound = () => notFound({ id: 'Gelombang magang tidak ditemukan', en: 'Batch not found' });
const programmeNotFound = () => notFound({ id: 'Program magang tidak ditemukan', en: 'Programme not found' });

export interface HostInput {
  name: string;
  sector: HostSector;
  villageCode?: string | null;
  location: string;
  cooperativeId?: string | null;
  description?: string | null;
}

export function presentHost(h: repo.HostRow) {
  return {
    id: h.id,
    name: h.name,
    sector: h.sector as HostSector,
    villageCode: h.villageCode,
    village: h.villageCode ? (villageInfo(h.villageCode) ?? null) : null,
    location: h.location,
    cooperativeId: h.cooperativeId,
    description: h.description,
  };
}

export async function createHost(db: Db, actor: Actor, input: HostInput) {
  if (input.villageCode && !villageInfo(input.villageCode))
    throw invalidField('villageCode', 'unknown_village', {
      id: `Kode desa ${input.villageCode} tidak ada dalam daftar wilayah Kemendagri`,
      en: `Village code ${input.villageCode} is not in the official list of villages`,
    });
  if (input.cooperativeId)
    await getCooperative(db, input.cooperativeId).catch(() => {
      throw invalidField('cooperativeId', 'unknown_cooperative', { id: 'Koperasi tidak ditemukan', en: 'Cooperative not found' });
    });
  if (await repo.findHostByName(db, input.name))
    throw new AppError(
      'conflict',
      'host_exists',
      { id: `Tuan rumah "${input.name}" sudah terdaftar`, en: `Host "${input.name}" already exists` },
      [{ field: 'name', code: 'host_exists', message: { id: 'Nama sudah dipakai', en: 'Name already in use' } }],
    );
  return db.transaction(async (tx) => {
    const row = await repo.insertHost(tx, {
      id: newId('hst'),
      name: input.name,
      sector: input.sector,
      villageCode: input.villageCode ?? null,
      location: input.location,
      cooperativeId: input.cooperativeId ?? null,
      description: input.description ?? null,
    });
    await recordPlatformAudit(tx, actor, {
      action: 'network.host.create',
      entityType: 'network_host',
      entityId: row!.id,
      changes: { ...input },
    });
    return presentHost(row!);
  });
}

export const listHosts = async (db: Db) => (await repo.listHosts(db)).map(presentHost);
export const hostByName = async (db: Db, name: string) => {
  const h = await repo.findHostByName(db, name);
  return h ? presentHost(h) : undefined;
};

export async function createProgramme(
  db: Db,
  actor: Actor,
  input: { name: string; year: number; description?: string | null; hostIds: string[]; minAttendancePct: number },
) {
  const hostIds = [...new Set(input.hostIds)];
  const hosts = await repo.hostsByIds(db, hostIds);
  const missing = input.hostIds.flatMap((id, i): FieldError[] =>
    hosts.some((h) => h.id === id)
      ? []
      : [{ field: `hostIds.${i}`, code: 'unknown_host', message: { id: 'Tuan rumah tidak ditemukan', en: 'Host not found' } }],
  );
  if (missing.length) throw new AppError('validation', 'unknown_host', { id: 'Tuan rumah tidak ditemukan', en: 'Host not found' }, missing);
  const id = newId('prg');
  await db.transaction(async (tx) => {
    await repo.insertProgramme(tx, {
      id,
      name: input.name,
      year: input.year,
      description: input.description ?? null,
      minAttendancePct: input.minAttendancePct,
    });
    await repo.insertProgrammeHosts(tx, id, hostIds);
    await recordPlatformAudit(tx, actor, {
      action: 'network.programme.create',
      entityType: 'network_programme',
      entityId: id,
      changes: { ...input },
    });
  });
  return getProgramme(db, id);
}

export async function getProgramme(db: Db, id: string) {
  const p = await repo.findProgramme(db, id);
  if (!p) throw programmeNotFound();
  return (await presentProgrammes(db, [p]))[0]!;
}

export const listProgrammes = async (db: Db) => presentProgrammes(db, await repo.listProgrammes(db));
export const findProgrammeByName = (db: Db, name: string) => repo.findProgrammeByName(db, name);

async function presentProgrammes(db: Db, rows: repo.ProgrammeRow[]) {
  const counts = new Map((await repo.programmeCounts(db)).map((c) => [c.programmeId, c]));
  return eachOnPool(db, rows, async (p) => {
    const hosts = await repo.hostsByIds(db, await repo.hostIdsOf(db, p.id));
    const c = counts.get(p.id);
    return {
      id: p.id,
      name: p.name,
      year: p.year,
      description: p.description,
      minAttendancePct: p.minAttendancePct,
      hosts: hosts.map(presentHost),
      batches: c?.batches ?? 0,
      participants: c?.participants ?? 0,
      completed: c?.completed ?? 0,
    };
  });
}

function checkProvinces(codes: string[]) {
  const bad = codes.flatMap((c, i): FieldError[] =>
    PROVINCE_CODES.includes(c)
      ? []
      : [
          {
            field: `provinceCodes.${i}`,
            code: 'unknown_province',
            message: { id: `Kode provinsi ${c} tidak dikenal`, en: `Unknown province code ${c}` },
          },
        ],
  );
  if (bad.length)
    throw new AppError('validation', 'unknown_province', { id: 'Kode provinsi tidak dikenal', en: 'Unknown province code' }, bad);
  return [...new Set(codes)].sort();
}

function checkDates(startsOn: string, endsOn: string) {
  if (endsOn < startsOn)
    throw invalidField('endsOn', 'ends_before_start', {
      id: 'Tanggal selesai sebelum tanggal mulai',
      en: 'The batch ends before it starts',
    });
}

export interface BatchInput {
  hostId: string;
  number: number;
  name?: string;
  startsOn: string;
  endsOn: string;
  capacity: number;
  provinceCodes: string[];
}

export async function createBatch(db: Db, actor: Actor, programmeId: string, input: BatchInput) {
  const programme = await repo.findProgramme(db, programmeId);
  if (!programme) throw programmeNotFound();
  if (!(await repo.hostIdsOf(db, programmeId)).includes(input.hostId))
    throw invalidField('hostId', 'host_not_in_programme', {
      id: 'Tuan rumah ini tidak termasuk program',
      en: 'This host is not part of the programme',
    });
  checkDates(input.startsOn, input.endsOn);
  const provinces = checkProvinces(input.provinceCodes);
  if ((await repo.batchesOf(db, programmeId)).some((b) => b.number === input.number))
    throw conflict('batch_number_taken', {
      id: `Gelombang ${input.number} sudah ada di program ini`,
      en: `Batch ${input.number} already exists in this programme`,
    });
  const id = newId('bat');
  await db.transaction(async (tx) => {
    await repo.insertBatch(tx, {
      id,
      programmeId,
      hostId: input.hostId,
      number: input.number,
      name: input.name ?? `Gelombang ${input.number}`,
      startsOn: input.startsOn,
      endsOn: input.endsOn,
      capacity: input.capacity,
      provinceCodes: provinces,
    });
    await recordPlatformAudit(tx, actor, {
      action: 'network.batch.create',
      entityType: 'network_batch',
      entityId: id,
      changes: { programmeId, ...input },
    });
  });
  return getBatch(db, id);
}

export async function updateBatch(
  db: Db,
  actor: Actor,
  id: string,
  input: { name?: string; startsOn?: string; endsOn?: string; capacity?: number; provinceCodes?: string[] },
) {
  await db.transaction(async (tx) => {
    const b = await repo.findBatch(tx, id, true);
    if (!b) throw batchNotFound();
    const startsOn = input.startsOn ?? b.startsOn;
    const endsOn = input.endsOn ?? b.endsOn;
    checkDates(startsOn, endsOn);
    const sessions = await repo.sessionsOf(tx, id);
    if (sessions.some((s) => s.day < startsOn || s.day > endsOn))
      throw invalidField(input.startsOn ? 'startsOn' : 'endsOn', 'sessions_outside', {
        id: 'Ada sesi di luar tanggal gelombang yang baru',
        en: 'Some sessions fall outside the new dates',
      });
    if (input.capacity !== undefined) {
      const seated = await repo.seatedCount(tx, id);
      if (input.capacity < seated)
        throw invalidField('capacity', 'below_seated', {
          id: `Kapasitas tidak boleh kurang dari ${seated} peserta yang sudah diterima`,
          en: `Capacity cannot be below the ${seated} participants already accepted`,
        });
    }
    const provinces = input.provinceCodes ? checkProvinces(input.provinceCodes) : undefined;
    if (provinces) {
      const outside = (await repo.participantsOfBatch(tx, id)).filter(
        (p) => repo.ACTIVE_STATUSES.includes(p.status) && !provinces.includes(p.provinceCode),
      );
      if (outside.length)
        throw invalidField('provinceCodes', 'participants_outside', {
          id: `Ada peserta dari provinsi yang dihapus: ${[...new Set(outside.map((p) => provinceName(p.provinceCode)))].join(', ')}`,
          en: `Participants come from removed provinces: ${[...new Set(outside.map((p) => provinceName(p.provinceCode)))].join(', ')}`,
        });
    }
    const set = Object.fromEntries(
      Object.entries({ ...input, ...(provinces ? { provinceCodes: provinces } : {}) }).filter(([, v]) => v !== undefined),
    );
    if (!Object.keys(set).length) return;
    await repo.updateBatch(tx, id, set);
    await recordPlatformAudit(tx, actor, {
      action: 'network.batch.update',
      entityType: 'network_batch',
      entityId: id,
      changes: { ...input },
    });
  });
  return getBatch(db, id);
}

export async function findBatchOrThrow(db: Db, id: string, lock = false) {
  const b = await repo.findBatch(db, id, lock);
  if (!b) throw batchNotFound();
  return b;
}

async function presentBatches(db: Db, rows: repo.BatchRow[]) {
  const ids = rows.map((b) => b.id);
  const [statuses, sessions, hosts, programmes] = await concurrentOnPool(
    db,
    () => repo.statusCounts(db, ids),
    () => repo.sessionCounts(db, ids),
    () => repo.hostsByIds(db, [...new Set(rows.map((b) => b.hostId))]),
    () => repo.listProgrammes(db),
  );
  return rows.map((b) => {
    const counts: Record<string, number> = {};
    for (const s of statuses.filter((x) => x.batchId === b.id)) counts[s.status] = s.n;
    const seated = (counts.accepted ?? 0) + (counts.attending ?? 0) + (counts.completed ?? 0);
    const host = hosts.find((h) => h.id === b.hostId)!;
    return {
      id: b.id,
      programmeId: b.programmeId,
      programmeName: programmes.find((p) => p.id === b.programmeId)?.name ?? '',
      host: { id: host.id, name: host.name, sector: host.sector as HostSector },
      number: b.number,
      name: b.name,
      startsOn: b.startsOn,
      endsOn: b.endsOn,
      capacity: b.capacity,
      provinces: b.provinceCodes.map((code) => ({ code, name: provinceName(code) })),
      counts,
      placesLeft: Math.max(0, b.capacity - seated),
      sessions: sessions.find((s) => s.batchId === b.id)?.n ?? 0,
    };
  });
}

export async function getBatch(db: Db, id: string) {
  return (await presentBatches(db, [await findBatchOrThrow(db, id)]))[0]!;
}

export async function listBatches(db: Db, programmeId?: string) {
  if (programmeId && !(await repo.findProgramme(db, programmeId))) throw programmeNotFound();
  return presentBatches(db, await repo.batchesOf(db, programmeId));
}

/** Batches a cooperative of `provinceCode` may still nominate to (not ended, drawing from its province). */
export async function openBatchesFor(db: Db, provinceCode: string, today: string) {
  const rows = (await repo.batchesOf(db)).filter((b) => b.endsOn >= today && b.provinceCodes.includes(provinceCode));
  return presentBatches(db, rows);
}
