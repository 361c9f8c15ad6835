/**
 * A batch's schedule — classroom material, study visits, on-the-job training — and who attended
 * each session. The first attendance of an accepted participant marks them as attending.
 */
import type { Competency, SessionKind } from '@kopdes/shared/network';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../lib/actor.js';
import { AppError, invalidField, notFound, type FieldError } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { recordPlatformAudit } from '../audit/audit.service.js';
import * as repo from './internship.repository.js';
import { concurrentOnPool } from '../../db/concurrent.js';
import { findBatchOrThrow } from './programmes.service.js';

export interface SessionInput {
  day: string;
  startsAt: string;
  endsAt: string;
  title: string;
  kind: SessionKind;
  location?: string | null;
  facilitator?: string | null;
  competency?: Competency | null;
}

const sessionNotFound = () => notFound({ id: 'Sesi tidak ditemukan', en: 'Session not found' });

export async function addSession(db: Db, actor: Actor, batchId: string, input: SessionInput) {
  const batch = await findBatchOrThrow(db, batchId);
  if (input.day < batch.startsOn || input.day > batch.endsOn)
    throw invalidField('day', 'outside_batch', {
      id: `Tanggal sesi harus di dalam gelombang (${batch.startsOn} s.d. ${batch.endsOn})`,
      en: `The session must fall within the batch (${batch.startsOn} to ${batch.endsOn})`,
    });
  if (input.endsAt <= input.startsAt)
    throw invalidField('endsAt', 'ends_before_start', {
      id: 'Jam selesai harus setelah jam mulai',
      en: 'The session must end after it starts',
    });
  const id = newId('ses');
  await db.transaction(async (tx) => {
    await repo.insertSession(tx, {
      id,
      batchId,
      day: input.day,
      startsAt: input.startsAt,
      endsAt: input.endsAt,
      title: input.title,
      kind: input.kind,
      location: input.location ?? null,
      facilitator: input.facilitator ?? null,
      competency: input.competency ?? null,
    });
    await recordPlatformAudit(tx, actor, {
      action: 'network.session.create',
      entityType: 'network_session',
      entityId: id,
      changes: { batchId, ...input },
    });
  });
  return (await listSessions(db, batchId)).find((s) => s.id === id)!;
}

export async function listSessions(db: Db, batchId: string) {
  await findBatchOrThrow(db, batchId);
  const [sessions, tallies, participants] = await concurrentOnPool(
    db,
    () => repo.sessionsOf(db, batchId),
    () => repo.sessionTallies(db, batchId),
    () => repo.participantsOfBatch(db, batchId),
  );
  const expected = participants.filter((p) => repo.SEATED.includes(p.status)).length;
  return sessions.map((s) => {
    const t = tallies.find((x) => x.sessionId === s.id);
    const present = t?.present ?? 0;
    const absent = t?.absent ?? 0;
    return {
      id: s.id,
      batchId: s.batchId,
      day: s.day,
      startsAt: s.startsAt,
      endsAt: s.endsAt,
      title: s.title,
      kind: s.kind as SessionKind,
      location: s.location,
      facilitator: s.facilitator,
      competency: s.competency as Competency | null,
      present,
      absent,
      notRecorded: Math.max(0, expected - present - absent),
    };
  });
}

/** Attendance of a session, one row per seated participant (null: not yet recorded). */
export async function sessionAttendance(db: Db, sessionId: string) {
  const session = await repo.findSession(db, sessionId);
  if (!session) throw sessionNotFound();
  const [rows, participants] = await concurrentOnPool(
    db,
    () => repo.attendanceOfSession(db, sessionId),
    () => repo.participantsOfBatch(db, session.batchId),
  );
  return participants
    .filter((p) => repo.SEATED.includes(p.status) || rows.some((r) => r.participantId === p.id))
    .map((p) => {
      const r = rows.find((x) => x.participantId === p.id);
      return { participantId: p.id, fullName: p.fullName, present: r?.present ?? null, note: r?.note ?? null };
    });
}

export async function recordAttendance(
  db: Db,
  actor: Actor,
  sessionId: string,
  entries: { participantId: string; present: boolean; note?: string }[],
  today: string,
) {
  const session = await repo.findSession(db, sessionId);
  if (!session) throw sessionNotFound();
  if (session.day > today)
    throw invalidField('entries', 'session_not_held', {
      id: `Sesi ini baru berlangsung ${session.day}: kehadiran belum bisa dicatat`,
      en: `This session is on ${session.day}: attendance cannot be recorded yet`,
    });
  await db.transaction(async (tx) => {
    await findBatchOrThrow(tx, session.batchId, true);
    const participants = new Map((await repo.participantsOfBatch(tx, session.batchId)).map((p) => [p.id, p]));
    const errors: FieldError[] = [];
    const seen = new Set<string>();
    entries.forEach((e, i) => {
      const p = participants.get(e.participantId);
      if (!p)
        errors.push({
          field: `entries.${i}.participantId`,
          code: 'not_in_batch',
          message: { id: 'Bukan peserta gelombang ini', en: 'Not a participant of this batch' },
        });
      else if (!['accepted', 'attending'].includes(p.status))
        errors.push({
          field: `entries.${i}.participantId`,
          code: 'not_seated',
          message: {
            id: `${p.fullName} berstatus ${p.status}: kehadiran tidak dicatat`,
            en: `${p.fullName} is ${p.status}: attendance is not recorded`,
          },
        });
      if (seen.has(e.participantId))
        errors.push({
          field: `entries.${i}.participantId`,
          code: 'duplicate',
          message: { id: 'Peserta tercantum dua kali', en: 'Listed twice' },
        });
      seen.add(e.participantId);
    });
    if (errors.length)
      throw new AppError(
        'validation',
        'invalid_attendance',
        { id: 'Daftar hadir tidak valid', en: 'The attendance list is not valid' },
        errors,
      );
    await repo.upsertAttendance(
      tx,
      entries.map((e) => ({
        cooperativeId: participants.get(e.participantId)!.cooperativeId,
        participantId: e.participantId,
        sessionId,
        present: e.present,
        note: e.note ?? null,
      })),
    );
    for (const e of entries.filter((x) => x.present)) {
      const p = participants.get(e.participantId)!;
      if (p.status === 'accepted') await repo.updateParticipant(tx, p.cooperativeId, p.id, { status: 'attending' });
    }
    await recordPlatformAudit(tx, actor, {
      action: 'network.attendance.record',
      entityType: 'network_session',
      entityId: sessionId,
      changes: { present: entries.filter((e) => e.present).length, absent: entries.filter((e) => !e.present).length },
    });
  });
  return sessionAttendance(db, sessionId);
}
