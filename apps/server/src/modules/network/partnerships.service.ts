/**
 * Partnerships (kemitraan) between cooperatives and partners — state companies, modern retailers,
 * mentor cooperatives, off-takers, banks — moving through a pipeline from proposed to ended, with
 * their agreed volumes or amounts and signed documents.
 */
import {
  PARTNERSHIP_STAGE_LABELS,
  PARTNERSHIP_STAGES,
  type PartnerKind,
  type PartnershipStage,
  type PartnershipType,
} from '@kopdes/shared/network';
import { createHash } from 'node:crypto';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../lib/actor.js';
import { AppError, conflict, invalidField, notFound } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { recordAudit, recordPlatformAudit } from '../audit/audit.service.js';
import { cooperativesByIds, getCooperative } from '../cooperatives/cooperatives.service.js';
import { gramsFromKg } from './input.js';
import { monthOf, monthsBetween } from './months.js';
import * as repo from './partnerships.repository.js';
import { concurrentOnPool } from '../../db/concurrent.js';
import { ensureRegistered } from './registry.service.js';
import { refreshCooperative } from './rollups.service.js';

export interface PartnerInput {
  name: string;
  kind: PartnerKind;
  mentorCooperativeId?: string | null;
  contactName?: string | null;
  contactPhone?: string | null;
}

const partnershipNotFound = () => notFound({ id: 'Kemitraan tidak ditemukan', en: 'Partnership not found' });

function presentPartner(p: repo.PartnerRow, counts: Record<string, number> = {}) {
  return {
    id: p.id,
    name: p.name,
    kind: p.kind as PartnerKind,
    mentorCooperativeId: p.mentorCooperativeId,
    contactName: p.contactName,
    contactPhone: p.contactPhone,
    partnerships: counts,
  };
}

export async function createPartner(db: Db, actor: Actor, input: PartnerInput) {
  if (input.mentorCooperativeId)
    await getCooperative(db, input.mentorCooperativeId).catch(() => {
      throw invalidField('mentorCooperativeId', 'unknown_cooperative', {
        id: 'Koperasi kakak asuh tidak ditemukan',
        en: 'Mentor cooperative not found',
      });
    });
  if (input.mentorCooperativeId && input.kind !== 'mentor_cooperative')
    throw invalidField('mentorCooperativeId', 'not_a_mentor', {
      id: 'Hanya mitra jenis koperasi kakak asuh yang menunjuk koperasi',
      en: 'Only a mentor-cooperative partner points to a cooperative',
    });
  if (await repo.findPartnerByName(db, input.name))
    throw new AppError(
      'conflict',
      'partner_exists',
      { id: `Mitra "${input.name}" sudah terdaftar`, en: `Partner "${input.name}" already exists` },
      [{ field: 'name', code: 'partner_exists', message: { id: 'Nama mitra sudah dipakai', en: 'Partner name already in use' } }],
    );
  return db.transaction(async (tx) => {
    const id = newId('ptn');
    const [row] = await repo.insertPartner(tx, {
      id,
      name: input.name,
      kind: input.kind,
      mentorCooperativeId: input.mentorCooperativeId ?? null,
      contactName: input.contactName ?? null,
      contactPhone: input.contactPhone ?? null,
    });
    await recordPlatformAudit(tx, actor, {
      action: 'network.partner.create',
      entityType: 'network_partner',
      entityId: id,
      changes: { ...input },
    });
    return presentPartner(row!);
  });
}

export async function listPartners(db: Db) {
  const [rows, counts] = await concurrentOnPool(
    db,
    () => repo.listPartners(db),
    () => repo.stageCountsByPartner(db),
  );
  const by = new Map<string, Record<string, number>>();
  for (const c of counts) by.set(c.partnerId, { ...(by.get(c.partnerId) ?? {}), [c.stage]: c.n });
  return rows.map((p) => presentPartner(p, by.get(p.id)));
}

export async function partnerByName(db: Db, name: string) {
  const p = await repo.findPartnerByName(db, name);
  return p ? presentPartner(p) : undefined;
}

export interface TermsInput {
  type?: PartnershipType;
  commodity?: string | null;
  agreedVolumeKg?: string | null;
  volumePeriod?: 'week' | 'month' | 'year' | 'contract' | null;
  agreedAmount?: string | null;
  startsOn?: string | null;
  endsOn?: string | null;
  notes?: string | null;
}

/** Agreed terms as columns; a volume needs its period, and the end cannot precede the start. */
function terms(input: TermsInput, current?: repo.PartnershipRow) {
  const out: Partial<repo.PartnershipRow> = {};
  if (input.type !== undefined) out.type = input.type;
  if (input.commodity !== undefined) out.commodity = input.commodity ?? null;
  if (input.agreedVolumeKg !== undefined) {
    const grams = input.agreedVolumeKg ? gramsFromKg('agreedVolumeKg', input.agreedVolumeKg) : null;
    if (grams === 0n)
      throw invalidField('agreedVolumeKg', 'not_positive', { id: 'Volume harus lebih dari nol', en: 'Volume must be above zero' });
    out.agreedVolumeGrams = grams;
  }
  if (input.volumePeriod !== undefined) out.volumePeriod = input.volumePeriod ?? null;
  if (input.agreedAmount !== undefined) {
    const amount = input.agreedAmount ? BigInt(input.agreedAmount) : null;
    if (amount === 0n)
      throw invalidField('agreedAmount', 'not_positive', { id: 'Nilai harus lebih dari nol', en: 'Amount must be above zero' });
    out.agreedAmount = amount;
  }
  if (input.startsOn !== undefined) out.startsOn = input.startsOn ?? null;
  if (input.endsOn !== undefined) out.endsOn = input.endsOn ?? null;
  if (input.notes !== undefined) out.notes = input.notes ?? null;
  const volume = out.agreedVolumeGrams !== undefined ? out.agreedVolumeGrams : current?.agreedVolumeGrams;
  const period = out.volumePeriod !== undefined ? out.volumePeriod : current?.volumePeriod;
  if (volume && !period)
    throw invalidField('volumePeriod', 'period_required', {
      id: 'Sebutkan periode volume (minggu, bulan, tahun atau kontrak)',
      en: 'Give the period of the volume (week, month, year or contract)',
    });
  const starts = out.startsOn !== undefined ? out.startsOn : current?.startsOn;
  const ends = out.endsOn !== undefined ? out.endsOn : current?.endsOn;
  if (starts && ends && ends < starts)
    throw invalidField('endsOn', 'ends_before_start', { id: 'Tanggal berakhir sebelum tanggal mulai', en: 'Ends before it starts' });
  return out;
}

type Joined = NonNullable<Awaited<ReturnType<typeof repo.findPartnership>>>;

function present(row: Joined, cooperativeName: string) {
  const p = row.p;
  return {
    id: p.id,
    cooperativeId: p.cooperativeId,
    cooperativeName,
    partner: { id: p.partnerId, name: row.partnerName, kind: row.partnerKind as PartnerKind },
    type: p.type as PartnershipType,
    stage: p.stage as PartnershipStage,
    commodity: p.commodity,
    agreedVolumeGrams: p.agreedVolumeGrams?.toString() ?? null,
    volumePeriod: p.volumePeriod as 'week' | 'month' | 'year' | 'contract' | null,
    agreedAmount: p.agreedAmount?.toString() ?? null,
    startsOn: p.startsOn,
    endsOn: p.endsOn,
    activeSince: p.activeSince,
    endedOn: p.endedOn,
    notes: p.notes,
    createdAt: p.createdAt.toISOString(),
  };
}

export async function createPartnership(
  db: Db,
  actor: Actor,
  cooperativeId: string,
  input: TermsInput & { partnerId: string; type: PartnershipType },
  today: string,
) {
  const partner = await repo.findPartner(db, input.partnerId);
  if (!partner) throw invalidField('partnerId', 'unknown_partner', { id: 'Mitra tidak ditemukan', en: 'Partner not found' });
  const cols = terms(input);
  const id = newId('kms');
  await db.transaction(async (tx) => {
    await ensureRegistered(tx, cooperativeId);
    await repo.insertPartnership(tx, { cooperativeId, id, partnerId: partner.id, stage: 'proposed', type: input.type, ...cols });
    await repo.insertEvent(tx, {
      cooperativeId,
      id: newId('kme'),
      partnershipId: id,
      fromStage: null,
      toStage: 'proposed',
      onDate: today,
      actorLabel: actor.label,
    });
    await recordAudit(tx, cooperativeId, actor, {
      action: 'network.partnership.create',
      entityType: 'network_partnership',
      entityId: id,
      changes: { ...input },
    });
  });
  return getPartnership(db, id, cooperativeId);
}

export async function updatePartnership(db: Db, actor: Actor, id: string, input: TermsInput, scope?: string) {
  const cooperativeId = await db.transaction(async (tx) => {
    const row = await repo.findPartnership(tx, id, scope, true);
    if (!row) throw partnershipNotFound();
    if (row.p.stage === 'ended')
      throw conflict('partnership_ended', {
        id: 'Kemitraan sudah berakhir dan tidak bisa diubah',
        en: 'The partnership has ended and cannot change',
      });
    await repo.updatePartnership(tx, row.p.cooperativeId, id, terms(input, row.p));
    await recordAudit(tx, row.p.cooperativeId, actor, {
      action: 'network.partnership.update',
      entityType: 'network_partnership',
      entityId: id,
      changes: { ...input },
    });
    return row.p.cooperativeId;
  });
  return getPartnership(db, id, cooperativeId);
}

const NEXT: Record<PartnershipStage, PartnershipStage | null> = {
  proposed: 'in_talks',
  in_talks: 'agreed',
  agreed: 'active',
  active: 'ended',
  ended: null,
};

/**
 * Move a partnership one stage forward (or end it from any stage). An active partnership counts in
 * the cooperative's figures from the move's date, so the roll-ups from that month on are refreshed.
 */
export async function moveStage(
  db: Db,
  actor: Actor,
  id: string,
  input: { to: PartnershipStage; on?: string; note?: string },
  today: string,
  scope?: string,
) {
  const on = input.on ?? today;
  if (on > today) throw invalidField('on', 'future_date', { id: 'Tanggal tidak boleh di masa depan', en: 'Date cannot be in the future' });
  const cooperativeId = await db.transaction(async (tx) => {
    const row = await repo.findPartnership(tx, id, scope, true);
    if (!row) throw partnershipNotFound();
    const from = row.p.stage as PartnershipStage;
    const allowed = input.to === 'ended' ? from !== 'ended' : NEXT[from] === input.to;
    if (!allowed) {
      const next = NEXT[from];
      throw new AppError(
        'conflict',
        'invalid_stage_move',
        next
          ? {
              id: `Kemitraan berada di tahap "${PARTNERSHIP_STAGE_LABELS[from].id}": tahap berikutnya "${PARTNERSHIP_STAGE_LABELS[next].id}" (atau diakhiri)`,
              en: `The partnership is "${PARTNERSHIP_STAGE_LABELS[from].en}": next is "${PARTNERSHIP_STAGE_LABELS[next].en}" (or end it)`,
            }
          : { id: 'Kemitraan sudah berakhir', en: 'The partnership has already ended' },
        [
          {
            field: 'to',
            code: 'invalid_stage_move',
            message: { id: `Tidak bisa pindah ke tahap ${input.to}`, en: `Cannot move to ${input.to}` },
          },
        ],
      );
    }
    const last = await repo.lastEvent(tx, row.p.cooperativeId, id);
    if (last && on < last.onDate)
      throw invalidField('on', 'before_last_move', {
        id: `Tanggal tidak boleh sebelum perpindahan tahap terakhir (${last.onDate})`,
        en: `Date cannot precede the last stage move (${last.onDate})`,
      });
    await repo.updatePartnership(tx, row.p.cooperativeId, id, {
      stage: input.to,
      ...(input.to === 'active' ? { activeSince: on } : {}),
      ...(input.to === 'ended' ? { endedOn: on } : {}),
    });
    await repo.insertEvent(tx, {
      cooperativeId: row.p.cooperativeId,
      id: newId('kme'),
      partnershipId: id,
      fromStage: from,
      toStage: input.to,
      onDate: on,
      note: input.note ?? null,
      actorLabel: actor.label,
    });
    await recordAudit(tx, row.p.cooperativeId, actor, {
      action: 'network.partnership.stage',
      entityType: 'network_partnership',
      entityId: id,
      changes: { from, to: input.to, on, note: input.note ?? null },
    });
    if (input.to === 'active' || (input.to === 'ended' && row.p.activeSince))
      await refreshCooperative(tx, row.p.cooperativeId, monthsBetween(monthOf(on), monthOf(today)).slice(-24), today);
    return row.p.cooperativeId;
  });
  return getPartnership(db, id, cooperativeId);
}

export async function getPartnership(db: Db, id: string, scope?: string) {
  const row = await repo.findPartnership(db, id, scope);
  if (!row) throw partnershipNotFound();
  const [coop, events, documents] = await concurrentOnPool(
    db,
    () => getCooperative(db, row.p.cooperativeId),
    () => repo.eventsOf(db, row.p.cooperativeId, id),
    () => repo.documentsOf(db, row.p.cooperativeId, id),
  );
  return {
    ...present(row, coop.name),
    events: events.map((e) => ({
      id: e.id,
      fromStage: e.fromStage as PartnershipStage | null,
      toStage: e.toStage as PartnershipStage,
      on: e.onDate,
      note: e.note,
      actorLabel: e.actorLabel,
      at: e.at.toISOString(),
    })),
    documents: documents.map((d) => ({ ...d, uploadedAt: d.uploadedAt.toISOString() })),
  };
}

export async function listPartnerships(
  db: Db,
  f: { cooperativeId?: string; partnerId?: string; stage?: string; cursor?: string; limit: number },
) {
  if (f.stage && !PARTNERSHIP_STAGES.includes(f.stage as PartnershipStage)) return { items: [], nextCursor: null };
  const rows = await repo.listPartnerships(db, { ...f, after: f.cursor, limit: f.limit + 1 });
  const more = rows.length > f.limit;
  const page = more ? rows.slice(0, f.limit) : rows;
  const names = new Map((await cooperativesByIds(db, [...new Set(page.map((r) => r.p.cooperativeId))])).map((c) => [c.id, c.name]));
  return { items: page.map((r) => present(r, names.get(r.p.cooperativeId) ?? '')), nextCursor: more ? page[page.length - 1]!.p.id : null };
}

const SIGNATURES: Record<string, { type: string; magic: number[] }> = {
  pdf: { type: 'application/pdf', magic: [0x25, 0x50, 0x44, 0x46] },
  png: { type: 'image/png', magic: [0x89, 0x50, 0x4e, 0x47] },
  jpg: { type: 'image/jpeg', magic: [0xff, 0xd8, 0xff] },
  jpeg: { type: 'image/jpeg', magic: [0xff, 0xd8, 0xff] },
};
export const MAX_DOCUMENT_BYTES = 600 * 1024;

/** Attach a signed document (PDF or scan); its content must match its file type. */
export async function addDocument(
  db: Db,
  actor: Actor,
  id: string,
  input: { title: string; fileName: string; contentBase64: string },
  scope?: string,
) {
  const ext = input.fileName.split('.').pop()!.toLowerCase();
  const sig = SIGNATURES[ext]!;
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(input.contentBase64) || input.contentBase64.length % 4 !== 0)
    throw invalidField('contentBase64', 'invalid_base64', {
      id: 'Isi berkas bukan base64 yang valid',
      en: 'The file content is not valid base64',
    });
  const content = Buffer.from(input.contentBase64, 'base64');
  if (content.length > MAX_DOCUMENT_BYTES)
    throw invalidField('contentBase64', 'file_too_large', {
      id: `Berkas ${Math.ceil(content.length / 1024)} KB melebihi batas 600 KB`,
      en: `The file (${Math.ceil(content.length / 1024)} KB) exceeds 600 KB`,
    });
  if (!sig.magic.every((b, i) => content[i] === b))
    throw invalidField('contentBase64', 'content_mismatch', {
      id: `Isi berkas bukan ${ext.toUpperCase()} seperti nama berkasnya`,
      en: `The content is not a ${ext.toUpperCase()} file as its name says`,
    });
  return db.transaction(async (tx) => {
    const row = await repo.findPartnership(tx, id, scope);
    if (!row) throw partnershipNotFound();
    const docId = newId('dok');
    const sha256 = createHash('sha256').update(content).digest('hex');
    await repo.insertDocument(tx, {
      cooperativeId: row.p.cooperativeId,
      id: docId,
      partnershipId: id,
      title: input.title,
      fileName: input.fileName,
      contentType: sig.type,
      sizeBytes: content.length,
      sha256,
      content,
      uploadedBy: actor.label,
    });
    await recordAudit(tx, row.p.cooperativeId, actor, {
      action: 'network.partnership.document',
      entityType: 'network_partnership',
      entityId: id,
      changes: { documentId: docId, title: input.title, fileName: input.fileName, sizeBytes: content.length, sha256 },
    });
    return {
      id: docId,
      title: input.title,
      fileName: input.fileName,
      contentType: sig.type,
      sizeBytes: content.length,
      sha256,
      uploadedAt: new Date().toISOString(),
    };
  });
}

export async function getDocument(db: Db, documentId: string, scope?: string) {
  const doc = await repo.findDocument(db, documentId, scope);
  if (!doc) throw notFound({ id: 'Dokumen tidak ditemukan', en: 'Document not found' });
  return doc;
}
