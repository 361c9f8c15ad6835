/**
 * Why a participant cannot complete the internship yet, in both languages: the participant page
 * shows them and the certificate run lists them for everyone it leaves out. Pure.
 */
import {
  COMPETENCIES,
  COMPETENCY_LABELS,
  PARTICIPANT_STATUS_LABELS,
  type Competency,
  type ParticipantStatus,
} from '@kopdes/shared/network';
import type { Msg } from '../../lib/errors.js';

export interface CompletionFacts {
  status: ParticipantStatus;
  batchEndsOn: string;
  minAttendancePct: number;
  sessions: number;
  attended: number;
  scores: { competency: string; preTest: number | null; postTest: number | null; mentorScore: number | null }[];
  planItems: number;
  today: string;
}

const listOf = (competencies: Competency[]): Msg => ({
  id: competencies.map((c) => COMPETENCY_LABELS[c].id).join(', '),
  en: competencies.map((c) => COMPETENCY_LABELS[c].en).join(', '),
});

/** Empty when the participant can complete. */
export function completionBlockers(f: CompletionFacts): Msg[] {
  if (f.status === 'completed') return [{ id: 'Sudah lulus', en: 'Already completed' }];
  const out: Msg[] = [];
  if (f.status !== 'attending') {
    const label = PARTICIPANT_STATUS_LABELS[f.status];
    out.push({ id: `Status peserta "${label.id}", bukan "Mengikuti"`, en: `The participant is "${label.en}", not "Attending"` });
  }
  if (f.today < f.batchEndsOn)
    out.push({ id: `Gelombang belum selesai (berakhir ${f.batchEndsOn})`, en: `The batch has not ended yet (ends ${f.batchEndsOn})` });
  if (!f.sessions) out.push({ id: 'Belum ada sesi terjadwal', en: 'No sessions scheduled yet' });
  else if (f.attended * 100 < f.minAttendancePct * f.sessions) {
    const pct = Math.floor((f.attended * 100) / f.sessions);
    out.push({
      id: `Kehadiran ${f.attended} dari ${f.sessions} sesi (${pct}%), minimal ${f.minAttendancePct}%`,
      en: `Attended ${f.attended} of ${f.sessions} sessions (${pct}%), at least ${f.minAttendancePct}% required`,
    });
  }
  const missing = (k: 'preTest' | 'postTest' | 'mentorScore') =>
    COMPETENCIES.filter((c) => f.scores.find((s) => s.competency === c)?.[k] == null);
  const pre = missing('preTest');
  const post = missing('postTest');
  const mentor = missing('mentorScore');
  if (pre.length) out.push({ id: `Pre-test belum ada: ${listOf(pre).id}`, en: `No pre-test yet: ${listOf(pre).en}` });
  if (post.length) out.push({ id: `Post-test belum ada: ${listOf(post).id}`, en: `No post-test yet: ${listOf(post).en}` });
  if (mentor.length)
    out.push({ id: `Evaluasi mentor belum ada: ${listOf(mentor).id}`, en: `No mentor's evaluation yet: ${listOf(mentor).en}` });
  if (!f.planItems) out.push({ id: 'Belum ada rencana aksi untuk koperasinya', en: 'No action plan for their cooperative yet' });
  return out;
}
