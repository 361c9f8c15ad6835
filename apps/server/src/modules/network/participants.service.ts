/**
 * Participants of the internship: board members of KDMP nominated to a batch, accepted within its
 * capacity, attending, assessed per competency and — when they meet the programme's bar —
 * completed with a numbered certificate. One person never holds places in overlapping batches.
 */
import {
  COMPETENCIES,
  COMPETENCY_LABELS,
  PARTICIPANT_STATUS_LABELS,
  type Competency,
  type OfficerPosition,
  type OfficerSex,
  type Participant,
  type ParticipantStatus,
  type SessionKind,
} from '@kopdes/shared/network';
import type { Db } from '../../db/client.js';
import type { Lang } from '../../http/context.js';
import type { Actor } from '../../lib/actor.js';
import { AppError, conflict, invalidField, notFound } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { recordAudit, recordPlatformAudit } from '../audit/audit.service.js';
import { cooperativesByIds, getCooperative } from '../cooperatives/cooperatives.service.js';
import { provinceName } from './areas.js';
import { renderCertificate } from './certificate.js';
import { completionBlockers } from './completion.js';
import * as repo from './internship.repository.js';
import { monthOf, monthsBetween } from './months.js';
import { actionPlanOf } from './outcomes.service.js';
import * as outcomes from './outcomes.repository.js';
import { findBatchOrThrow } from './programmes.service.js';
import { concurrentOnPool, eachOnPool } from '../../db/concurrent.js';
import { activeOfficer, ensureRegistered } from './registry.service.js';
import { refreshCooperative } from './rollups.service.js';

const participantNotFound = () => notFound({ id: 'Peserta magang tidak ditemukan', en: 'Participant not found' });

const batchFull = (capacity: number) =>
  new AppError(
    'conflict',
    'batch_full',
    {
      id: `Gelombang penuh: ${capacity} dari ${capacity} tempat sudah terisi`,
      en: `The batch is full: ${capacity} of ${capacity} places taken`,
    },
    [
      {
        field: 'batchId',
        code: 'batch_full',
        message: { id: `Kapasitas ${capacity} peserta sudah terpenuhi`, en: `Capacity of ${capacity} reached` },
      },
    ],
  );

/** Nominate a board member of a cooperative to a batch. */
export async function nominate(db: Db, actor: Actor, batchId: string, input: { cooperativeId: string; officerId: string }, today: string) {
  return getParticipant(db, await writeNomination(db, actor, batchId, input, today), today);
}

/** `nominate` without reading the participant back; returns its id. */
export async function writeNomination(
  db: Db,
  actor: Actor,
  batchId: string,
  input: { cooperativeId: string; officerId: string },
  today: string,
) {
  const id = newId('prt');
  await db.transaction(async (tx) => {
    const batch = await findBatchOrThrow(tx, batchId, true);
    if (today > batch.endsOn)
      throw conflict('batch_finished', { id: `Gelombang sudah selesai (${batch.endsOn})`, en: `The batch has ended (${batch.endsOn})` });
    await getCooperative(tx, input.cooperativeId).catch(() => {
      throw invalidField('cooperativeId', 'unknown_cooperative', { id: 'Koperasi tidak ditemukan', en: 'Cooperative not found' });
    });
    const profile = await ensureRegistered(tx, input.cooperativeId);
    const officer = await activeOfficer(tx, input.cooperativeId, input.officerId, true);
    if (!officer)
      throw invalidField('officerId', 'unknown_officer', {
        id: 'Pengurus ini tidak tercatat (aktif) di koperasi tersebut',
        en: 'No such (serving) officer in that cooperative',
      });
    if (officer.body !== 'pengurus')
      throw invalidField('officerId', 'not_board_member', {
        id: `Magang untuk pengurus KDMP; ${officer.fullName} adalah pengawas`,
        en: `The internship is for board members; ${officer.fullName} is a supervisor`,
      });
    if (!batch.provinceCodes.includes(profile.provinceCode))
      throw invalidField('cooperativeId', 'province_not_in_batch', {
        id: `${batch.name} menerima peserta dari ${batch.provinceCodes.map(provinceName).join(', ')}; koperasi ini di ${provinceName(profile.provinceCode)}`,
        en: `${batch.name} takes participants from ${batch.provinceCodes.map(provinceName).join(', ')}; this cooperative is in ${provinceName(profile.provinceCode)}`,
      });
    if ((await repo.seatedCount(tx, batchId)) >= batch.capacity) throw batchFull(batch.capacity);
    const overlap = await repo.overlappingPlaces(tx, input.cooperativeId, input.officerId, batchId, batch.startsOn, batch.endsOn);
    if (overlap.length) {
      const o = overlap[0]!;
      throw new AppError(
        'conflict',
        'overlapping_batch',
        {
          id: `${officer.fullName} sudah terdaftar di ${o.batchName} (${o.startsOn} s.d. ${o.endsOn}) yang tanggalnya bertumpuk`,
          en: `${officer.fullName} already holds a place in ${o.batchName} (${o.startsOn} to ${o.endsOn}), whose dates overlap`,
        },
        [
          {
            field: 'officerId',
            code: 'overlapping_batch',
            message: { id: `Bertumpuk dengan ${o.batchName}`, en: `Overlaps ${o.batchName}` },
          },
        ],
      );
    }
    if (await repo.findPlace(tx, batchId, input.cooperativeId, input.officerId))
      throw conflict('already_nominated', {
        id: `${officer.fullName} sudah diusulkan ke gelombang ini`,
        en: `${officer.fullName} is already nominated to this batch`,
      });
    await repo.insertParticipant(tx, {
      cooperativeId: input.cooperativeId,
      id,
      batchId,
      officerId: officer.id,
      fullName: officer.fullName,
      position: officer.position,
      sex: officer.sex,
      provinceCode: profile.provinceCode,
      status: 'nominated',
    });
    await recordAudit(tx, input.cooperativeId, actor, {
      action: 'network.participant.nominate',
      entityType: 'network_participant',
      entityId: id,
      changes: { batchId, officerId: officer.id, fullName: officer.fullName },
    });
  });
  return id;
}

const MOVES: Record<ParticipantStatus, ParticipantStatus[]> = {
  nominated: ['accepted', 'rejected', 'withdrawn'],
  accepted: ['attending', 'withdrawn'],
  attending: ['withdrawn'],
  completed: [],
  rejected: [],
  withdrawn: [],
};

export async function setStatus(
  db: Db,
  actor: Actor,
  participantId: string,
  input: { to: 'accepted' | 'attending' | 'rejected' | 'withdrawn'; reason?: string },
  today: string,
  scope?: string,
) {
  await writeStatus(db, actor, participantId, input, today, scope);
  return getParticipant(db, participantId, today, scope);
}

/** `setStatus` without reading the participant back. */
export async function writeStatus(
  db: Db,
  actor: Actor,
  participantId: string,
  input: { to: 'accepted' | 'attending' | 'rejected' | 'withdrawn'; reason?: string },
  today: string,
  scope?: string,
) {
  await db.transaction(async (tx) => {
    const found = await repo.findParticipant(tx, participantId, scope);
    if (!found) throw participantNotFound();
    const batch = await findBatchOrThrow(tx, found.batchId, true);
    const p = (await repo.findParticipant(tx, participantId, scope, true))!;
    const from = p.status as ParticipantStatus;
    if (!MOVES[from].includes(input.to))
      throw new AppError(
        'conflict',
        'invalid_status_move',
        {
          id: `Peserta berstatus "${PARTICIPANT_STATUS_LABELS[from].id}": tidak bisa menjadi "${PARTICIPANT_STATUS_LABELS[input.to].id}"`,
          en: `The participant is "${PARTICIPANT_STATUS_LABELS[from].en}": cannot become "${PARTICIPANT_STATUS_LABELS[input.to].en}"`,
        },
        [
          {
            field: 'to',
            code: 'invalid_status_move',
            message: { id: 'Perubahan status tidak diizinkan', en: 'Status change not allowed' },
          },
        ],
      );
    if (input.to === 'accepted' && (await repo.seatedCount(tx, batch.id)) >= batch.capacity) throw batchFull(batch.capacity);
    if (input.to === 'attending' && today < batch.startsOn)
      throw conflict('batch_not_started', { id: `Gelombang baru dimulai ${batch.startsOn}`, en: `The batch starts on ${batch.startsOn}` });
    await repo.updateParticipant(tx, p.cooperativeId, p.id, { status: input.to, statusReason: input.reason ?? null });
    await recordAudit(tx, p.cooperativeId, actor, {
      action: 'network.participant.status',
      entityType: 'network_participant',
      entityId: p.id,
      changes: { from, to: input.to, reason: input.reason ?? null },
    });
  });
}

async function present(db: Db, rows: repo.ParticipantRow[], today: string): Promise<Participant[]> {
  const coops = new Map((await cooperativesByIds(db, [...new Set(rows.map((r) => r.cooperativeId))])).map((c) => [c.id, c]));
  const perBatch = new Map<string, { held: number; present: Map<string, number> }>();
  for (const batchId of new Set(rows.map((r) => r.batchId))) {
    const [sessions, counts] = await concurrentOnPool(
      db,
      () => repo.sessionsOf(db, batchId),
      () => repo.presentCounts(db, batchId),
    );
    perBatch.set(batchId, {
      held: sessions.filter((s) => s.day <= today).length,
      present: new Map(counts.map((c) => [c.participantId, c.present])),
    });
  }
  return rows.map((r) => {
    const c = coops.get(r.cooperativeId);
    const b = perBatch.get(r.batchId)!;
    return {
      id: r.id,
      batchId: r.batchId,
      cooperativeId: r.cooperativeId,
      cooperativeName: c?.name ?? '',
      provinceCode: r.provinceCode,
      provinceName: provinceName(r.provinceCode),
      regencyName: c?.village?.regency.name ?? '',
      officerId: r.officerId,
      fullName: r.fullName,
      position: r.position as OfficerPosition,
      sex: r.sex as OfficerSex,
      status: r.status as ParticipantStatus,
      statusReason: r.statusReason,
      nominatedAt: r.nominatedAt.toISOString(),
      completedAt: r.completedOn,
      certificateNumber: r.certificateNumber,
      attended: b.present.get(r.id) ?? 0,
      sessionsHeld: b.held,
    };
  });
}

export async function listParticipants(db: Db, batchId: string, today: string) {
  await findBatchOrThrow(db, batchId);
  return present(db, await repo.participantsOfBatch(db, batchId), today);
}

export async function getParticipant(db: Db, id: string, today: string, scope?: string) {
  const row = await repo.findParticipant(db, id, scope);
  if (!row) throw participantNotFound();
  return (await present(db, [row], today))[0]!;
}

async function programmeBar(db: Db, programmeId: string) {
  return (await repo.findProgramme(db, programmeId))!;
}

/** A participant with attendance, assessment, action plan and what blocks completion, in `lang`. */
export async function participantDetail(db: Db, id: string, today: string, scope?: string, lang: Lang = 'id') {
  const row = await repo.findParticipant(db, id, scope);
  if (!row) throw participantNotFound();
  const batch = (await repo.findBatch(db, row.batchId))!;
  const [base, host, programme, sessions, attendance, scores, plan] = await concurrentOnPool(
    db,
    () => getParticipant(db, id, today, scope),
    () => repo.findHost(db, batch.hostId),
    () => programmeBar(db, batch.programmeId),
    () => repo.sessionsOf(db, batch.id),
    () => repo.attendanceOfParticipant(db, row.cooperativeId, id),
    () => repo.assessmentOf(db, row.cooperativeId, id),
    () => actionPlanOf(db, row.cooperativeId, id, today, lang),
  );
  const attended = attendance.filter((a) => a.present).length;
  return {
    ...base,
    batch: { id: batch.id, name: batch.name, startsOn: batch.startsOn, endsOn: batch.endsOn, hostName: host?.name ?? '' },
    assessment: COMPETENCIES.map((c) => {
      const s = scores.find((x) => x.competency === c);
      return {
        competency: c,
        preTest: s?.preTest ?? null,
        postTest: s?.postTest ?? null,
        mentor: s?.mentorScore ?? null,
        mentorNote: s?.mentorNote ?? null,
      };
    }),
    attendance: sessions.map((s) => ({
      sessionId: s.id,
      day: s.day,
      title: s.title,
      kind: s.kind as SessionKind,
      present: attendance.find((a) => a.sessionId === s.id)?.present ?? null,
    })),
    actionPlan: plan,
    completionBlockers:
      row.status === 'completed'
        ? []
        : completionBlockers({
            status: row.status as ParticipantStatus,
            batchEndsOn: batch.endsOn,
            minAttendancePct: programme.minAttendancePct,
            sessions: sessions.length,
            attended,
            scores,
            planItems: plan.length,
            today,
          }).map((m) => m[lang]),
  };
}

/** Participants of one cooperative with their batch, assessment and action-plan progress. */
export async function participantsOfCoop(db: Db, cooperativeId: string, today: string, lang: Lang = 'id') {
  const rows = await repo.participantsOfCoop(db, cooperativeId);
  return eachOnPool(db, rows, (r) => participantDetail(db, r.id, today, cooperativeId, lang));
}

export interface ScoreInput {
  competency: Competency;
  preTest?: number | null;
  postTest?: number | null;
  mentor?: number | null;
  mentorNote?: string | null;
}

/** Record scores; a field left out keeps its value, `null` clears it. */
export async function saveAssessment(db: Db, actor: Actor, participantId: string, scores: ScoreInput[], today: string, lang: Lang = 'id') {
  await writeAssessment(db, actor, participantId, scores);
  return participantDetail(db, participantId, today, undefined, lang);
}

/** `saveAssessment` without reading the participant back. */
export async function writeAssessment(db: Db, actor: Actor, participantId: string, scores: ScoreInput[]) {
  const dup = scores.findIndex((s, i) => scores.findIndex((x) => x.competency === s.competency) !== i);
  if (dup >= 0)
    throw invalidField(`scores.${dup}.competency`, 'duplicate', { id: 'Kompetensi tercantum dua kali', en: 'Competency listed twice' });
  await db.transaction(async (tx) => {
    const p = await repo.findParticipant(tx, participantId, undefined, true);
    if (!p) throw participantNotFound();
    if (!['accepted', 'attending'].includes(p.status))
      throw conflict('assessment_closed', {
        id: p.status === 'completed' ? 'Sertifikat sudah terbit: nilai tidak bisa diubah' : `Peserta berstatus ${p.status}: tidak dinilai`,
        en: p.status === 'completed' ? 'The certificate is issued: scores cannot change' : `The participant is ${p.status}: not assessed`,
      });
    const existing = await repo.assessmentOf(tx, p.cooperativeId, p.id);
    for (const s of scores) {
      const e = existing.find((x) => x.competency === s.competency);
      await repo.upsertAssessment(tx, {
        cooperativeId: p.cooperativeId,
        participantId: p.id,
        competency: s.competency,
        preTest: s.preTest !== undefined ? s.preTest : (e?.preTest ?? null),
        postTest: s.postTest !== undefined ? s.postTest : (e?.postTest ?? null),
        mentorScore: s.mentor !== undefined ? s.mentor : (e?.mentorScore ?? null),
        mentorNote: s.mentorNote !== undefined ? s.mentorNote : (e?.mentorNote ?? null),
      });
    }
    await recordAudit(tx, p.cooperativeId, actor, {
      action: 'network.assessment.save',
      entityType: 'network_participant',
      entityId: p.id,
      changes: { scores },
    });
  });
}

/**
 * Complete every participant of the batch who meets the bar and number their certificates
 * (gap-free per batch, under the batch's lock); report the others with their reasons.
 */
export async function issueCertificates(db: Db, actor: Actor, batchId: string, today: string, lang: Lang = 'id') {
  return db.transaction(async (tx) => {
    const batch = await findBatchOrThrow(tx, batchId, true);
    const programme = await programmeBar(tx, batch.programmeId);
    const [participants, sessions, counts] = await concurrentOnPool(
      tx,
      () => repo.participantsOfBatch(tx, batchId),
      () => repo.sessionsOf(tx, batchId),
      () => repo.presentCounts(tx, batchId),
    );
    const candidates = participants.filter((p) => ['accepted', 'attending'].includes(p.status));
    const scores = await repo.assessmentsOfBatch(
      tx,
      candidates.map((p) => p.id),
    );
    let serial = await repo.certificatesIssued(tx, batchId);
    const issued: { participantId: string; fullName: string; certificateNumber: string }[] = [];
    const notEligible: { participantId: string; fullName: string; reasons: string[] }[] = [];
    for (const p of candidates) {
      const attended = counts.find((c) => c.participantId === p.id)?.present ?? 0;
      const items = (await outcomes.itemsOf(tx, p.cooperativeId, p.id)).length;
      const reasons = completionBlockers({
        status: p.status as ParticipantStatus,
        batchEndsOn: batch.endsOn,
        minAttendancePct: programme.minAttendancePct,
        sessions: sessions.length,
        attended,
        scores: scores.filter((s) => s.participantId === p.id),
        planItems: items,
        today,
      }).map((m) => m[lang]);
      if (reasons.length) {
        notEligible.push({ participantId: p.id, fullName: p.fullName, reasons });
        continue;
      }
      serial++;
      const certificateNumber = `${String(serial).padStart(3, '0')}/MAGANG-KDMP/G${batch.number}/${programme.year}`;
      await repo.updateParticipant(tx, p.cooperativeId, p.id, { status: 'completed', completedOn: batch.endsOn, certificateNumber });
      await recordAudit(tx, p.cooperativeId, actor, {
        action: 'network.participant.complete',
        entityType: 'network_participant',
        entityId: p.id,
        changes: { batchId, certificateNumber },
      });
      issued.push({ participantId: p.id, fullName: p.fullName, certificateNumber });
    }
    for (const c of new Set(issued.map((i) => participants.find((p) => p.id === i.participantId)!.cooperativeId)))
      await refreshCooperative(tx, c, monthsBetween(monthOf(batch.endsOn), monthOf(today)).slice(-24), today);
    await recordPlatformAudit(tx, actor, {
      action: 'network.certificates.issue',
      entityType: 'network_batch',
      entityId: batchId,
      changes: { issued: issued.length, notEligible: notEligible.length },
    });
    return { issued, notEligible };
  });
}

/** The certificate of a participant who completed, as a PDF. */
export async function certificatePdf(db: Db, participantId: string, scope?: string): Promise<{ fileName: string; pdf: Buffer }> {
  const p = await repo.findParticipant(db, participantId, scope);
  if (!p) throw participantNotFound();
  if (p.status !== 'completed' || !p.certificateNumber)
    throw conflict('no_certificate', {
      id: 'Peserta belum lulus: sertifikat belum terbit',
      en: 'The participant has not completed: no certificate yet',
    });
  const batch = (await repo.findBatch(db, p.batchId))!;
  const [host, programme, coop, scores, sessions, attendance] = await concurrentOnPool(
    db,
    () => repo.findHost(db, batch.hostId),
    () => programmeBar(db, batch.programmeId),
    () => getCooperative(db, p.cooperativeId),
    () => repo.assessmentOf(db, p.cooperativeId, p.id),
    () => repo.sessionsOf(db, batch.id),
    () => repo.attendanceOfParticipant(db, p.cooperativeId, p.id),
  );
  const pdf = await renderCertificate({
    certificateNumber: p.certificateNumber,
    fullName: p.fullName,
    position: p.position as OfficerPosition,
    cooperativeName: coop.name,
    area: coop.village ? `${coop.village.regency.name}, ${coop.village.province.name}` : provinceName(p.provinceCode),
    programmeName: programme.name,
    batchName: batch.name,
    hostName: host?.name ?? '',
    hostLocation: host?.location ?? '',
    startsOn: batch.startsOn,
    endsOn: batch.endsOn,
    attended: attendance.filter((a) => a.present).length,
    sessions: sessions.length,
    scores: COMPETENCIES.map((c) => {
      const s = scores.find((x) => x.competency === c);
      return { label: COMPETENCY_LABELS[c].id, pre: s?.preTest ?? null, post: s?.postTest ?? null, mentor: s?.mentorScore ?? null };
    }),
  });
  return { fileName: `sertifikat-${p.certificateNumber.replace(/\//g, '-')}.pdf`, pdf };
}
