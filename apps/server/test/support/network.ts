/** Network-layer test data, made through the services: boards, hosts, batches, participants, partnerships. */
import { todayIn } from '@kopdes/shared/format';
import type { OfficersInput } from '@kopdes/shared/network';
import type { Db } from '../../src/db/client.js';
import { SYSTEM_ACTOR } from '../../src/lib/actor.js';
import type { Clock } from '../../src/lib/clock.js';
import { addDays } from '../../src/modules/network/months.js';
import { setActionPlan } from '../../src/modules/network/outcomes.service.js';
import { nominate, setStatus } from '../../src/modules/network/participants.service.js';
import { addDocument, createPartner, createPartnership } from '../../src/modules/network/partnerships.service.js';
import { createBatch, createHost, createProgramme } from '../../src/modules/network/programmes.service.js';
import { declareOfficers, ensureRegistered } from '../../src/modules/network/registry.service.js';
import { addSession } from '../../src/modules/network/sessions.service.js';

let seq = 0;
const uniq = () => `${process.pid}-${++seq}-${Math.random().toString(36).slice(2, 6)}`;
export const todayOfClock = (clock: Clock) => todayIn('Asia/Jakarta', clock.now());

/** A board of 5 (2 women) and 3 supervisors chaired by the village head: every structural check passes. */
export function goodBoard(prefix = 'Uji'): OfficersInput {
  return {
    officers: [
      { body: 'pengurus', position: 'ketua', fullName: `${prefix} Ketua`, sex: 'M', isVillageHead: false },
      { body: 'pengurus', position: 'wakil_ketua_usaha', fullName: `${prefix} Waka Usaha`, sex: 'F', isVillageHead: false },
      { body: 'pengurus', position: 'wakil_ketua_keanggotaan', fullName: `${prefix} Waka Anggota`, sex: 'M', isVillageHead: false },
      { body: 'pengurus', position: 'sekretaris', fullName: `${prefix} Sekretaris`, sex: 'F', isVillageHead: false },
      { body: 'pengurus', position: 'bendahara', fullName: `${prefix} Bendahara`, sex: 'M', isVillageHead: false },
      { body: 'pengawas', position: 'ketua_pengawas', fullName: `${prefix} Kepala Desa`, sex: 'M', isVillageHead: true },
      { body: 'pengawas', position: 'anggota_pengawas', fullName: `${prefix} Pengawas Satu`, sex: 'F', isVillageHead: false },
      { body: 'pengawas', position: 'anggota_pengawas', fullName: `${prefix} Pengawas Dua`, sex: 'M', isVillageHead: false },
    ],
    familyTies: [],
  };
}

/** Declares a fresh board (the previous one ends) and returns its officers by position. */
export async function makeBoard(db: Db, coopId: string, today: string) {
  await ensureRegistered(db, coopId);
  const entry = await declareOfficers(db, SYSTEM_ACTOR, coopId, goodBoard(`Pengurus ${uniq()}`), today);
  const active = entry.officers.filter((o) => !o.endedOn);
  return { ketua: active.find((o) => o.position === 'ketua')!, all: active };
}

export async function makeHost(db: Db) {
  return createHost(db, SYSTEM_ACTOR, {
    name: `Kopontren Uji ${uniq()}`,
    sector: 'agriculture',
    villageCode: '32.04.40.2005',
    location: 'Rancabali, Kab. Bandung',
  });
}

/** A programme with one batch around `today` that draws from the given provinces. */
export async function makeBatch(
  db: Db,
  today: string,
  o: { provinceCodes?: string[]; capacity?: number; startsOn?: string; endsOn?: string } = {},
) {
  const host = await makeHost(db);
  const programme = await createProgramme(db, SYSTEM_ACTOR, {
    name: `Magang Uji ${uniq()}`,
    year: Number(today.slice(0, 4)),
    hostIds: [host.id],
    minAttendancePct: 80,
  });
  return createBatch(db, SYSTEM_ACTOR, programme.id, {
    hostId: host.id,
    number: 1,
    startsOn: o.startsOn ?? addDays(today, -3),
    endsOn: o.endsOn ?? addDays(today, 4),
    capacity: o.capacity ?? 38,
    provinceCodes: o.provinceCodes ?? ['32'],
  });
}

/** An accepted participant (the coop's new ketua) in a fresh batch that is running today. */
export async function makeParticipant(db: Db, clock: Clock, coopId: string) {
  const today = todayOfClock(clock);
  const profile = await ensureRegistered(db, coopId);
  const { ketua } = await makeBoard(db, coopId, today);
  const batch = await makeBatch(db, today, { provinceCodes: [profile.provinceCode] });
  const p = await nominate(db, SYSTEM_ACTOR, batch.id, { cooperativeId: coopId, officerId: ketua.id }, today);
  return setStatus(db, SYSTEM_ACTOR, p.id, { to: 'accepted' }, today);
}

export async function makeSession(db: Db, clock: Clock) {
  const batch = await makeBatch(db, todayOfClock(clock));
  return addSession(db, SYSTEM_ACTOR, batch.id, {
    day: batch.startsOn,
    startsAt: '08:00',
    endsAt: '10:00',
    title: 'Pola tanam berbasis permintaan',
    kind: 'material',
  });
}

export async function makeActionItem(db: Db, clock: Clock, coopId: string) {
  const today = todayOfClock(clock);
  const p = await makeParticipant(db, clock, coopId);
  const items = await setActionPlan(
    db,
    SYSTEM_ACTOR,
    p.id,
    [{ title: 'Mitra ritel modern pertama', measure: 'modern_retail_partners', target: '1', dueOn: addDays(today, 120) }],
    today,
  );
  return items[0]!;
}

export async function makePartner(db: Db, kind: 'retailer' | 'offtaker' | 'state_company' = 'retailer') {
  return createPartner(db, SYSTEM_ACTOR, { name: `Mitra Uji ${uniq()}`, kind });
}

export async function makePartnership(db: Db, clock: Clock, coopId: string, kind: 'retailer' | 'offtaker' = 'retailer') {
  const partner = await makePartner(db, kind);
  return createPartnership(
    db,
    SYSTEM_ACTOR,
    coopId,
    { partnerId: partner.id, type: 'retail_supply', commodity: 'Tomat' },
    todayOfClock(clock),
  );
}

/** A tiny real PDF (header, one empty page, trailer). */
export const TINY_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

export async function makeDocument(db: Db, clock: Clock, coopId: string) {
  const p = await makePartnership(db, clock, coopId);
  return addDocument(db, SYSTEM_ACTOR, p.id, {
    title: 'Perjanjian kerja sama',
    fileName: 'pks.pdf',
    contentBase64: TINY_PDF.toString('base64'),
  });
}
