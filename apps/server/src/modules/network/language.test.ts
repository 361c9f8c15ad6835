// What the network layer tells a person comes in Bahasa Indonesia and in English, and the caller's
// Accept-Language picks which: what blocks completion, the certificate run's reasons, measure labels.
import { COMPETENCIES, COMPETENCY_LABELS } from '@kopdes/shared/network';
import { beforeAll, describe, expect, it } from 'vitest';
import { Client, signIn, testApp, type TestApp } from '../../../test/support/app.js';
import { makeCoop, makeUser } from '../../../test/support/factories.js';
import { makeParticipant, todayOfClock } from '../../../test/support/network.js';
import { fixedClock } from '../../lib/clock.js';
import { completionBlockers } from './completion.js';
import { addDays } from './months.js';

const clock = fixedClock('2025-11-10T03:00:00Z');
const today = todayOfClock(clock);
const EN = { 'accept-language': 'en-GB,en;q=0.9,id;q=0.5' };
const ID = { 'accept-language': 'id-ID,id;q=0.9' };
let t: TestApp;
let admin: Client;
let participant: { id: string; batchId: string };

beforeAll(async () => {
  t = await testApp({ clock });
  const u = await makeUser(t.db, null, [], { platformRole: 'admin' });
  admin = await signIn(t.app, u.email, u.password);
  participant = await makeParticipant(t.db, clock, (await makeCoop(t.db)).id);
});

describe('messages in both languages', () => {
  it('has every completion blocker in both languages, and they differ', () => {
    const all = completionBlockers({
      status: 'accepted',
      batchEndsOn: '2025-11-22',
      minAttendancePct: 80,
      sessions: 10,
      attended: 5,
      scores: [],
      planItems: 0,
      today,
    });
    expect(all).toHaveLength(7);
    for (const m of all) {
      expect(m.id.length).toBeGreaterThan(0);
      expect(m.en.length).toBeGreaterThan(0);
      expect(m.en).not.toBe(m.id);
    }
    expect(all[2]!.en).toBe('Attended 5 of 10 sessions (50%), at least 80% required');
    expect(completionBlockers({ ...FACTS_DONE, status: 'completed' })).toEqual([{ id: 'Sudah lulus', en: 'Already completed' }]);
  });

  it('tells the ministry what blocks completion in the language it asks for', async () => {
    const path = `/api/admin/network/participants/${participant.id}`;
    const en = await admin.get(path, EN);
    expect(en.status).toBe(200);
    expect(en.body.completionBlockers).toEqual([
      'The participant is "Accepted", not "Attending"',
      expect.stringMatching(/^The batch has not ended yet \(ends \d{4}-\d{2}-\d{2}\)$/),
      'No sessions scheduled yet',
      `No pre-test yet: ${COMPETENCY_NAMES_EN}`,
      `No post-test yet: ${COMPETENCY_NAMES_EN}`,
      `No mentor's evaluation yet: ${COMPETENCY_NAMES_EN}`,
      'No action plan for their cooperative yet',
    ]);
    const id = await admin.get(path, ID);
    expect(id.body.completionBlockers).toHaveLength(7);
    expect(id.body.completionBlockers).toContain('Belum ada sesi terjadwal');
    // No header: Bahasa Indonesia, the product's language.
    expect((await admin.get(path)).body.completionBlockers).toEqual(id.body.completionBlockers);
  });

  it('labels the measures of an action plan in the language asked for', async () => {
    const plan = await admin.put(
      `/api/admin/network/participants/${participant.id}/action-plan`,
      { items: [{ title: 'Mitra ritel modern pertama', measure: 'modern_retail_partners', target: '1', dueOn: addDays(today, 120) }] },
      EN,
    );
    expect(plan.status).toBe(200);
    expect(plan.body.items[0].measureLabel).toBe('Active modern-retail partners');
    const detail = await admin.get(`/api/admin/network/participants/${participant.id}`, ID);
    expect(detail.body.actionPlan[0].measureLabel).toBe('Mitra ritel modern yang berjalan');

    const measures = await admin.get('/api/admin/network/measures', EN);
    expect(measures.body.items.find((m: { code: string }) => m.code === 'members').label).toBe('Active members');
    expect((await admin.get('/api/admin/network/measures')).body.items.find((m: { code: string }) => m.code === 'members').label).toBe(
      'Anggota aktif',
    );
  });

  it("gives the certificate run's reasons in the language asked for", async () => {
    const run = await admin.post(`/api/admin/network/batches/${participant.batchId}/certificates`, {}, EN);
    expect(run.status).toBe(200);
    expect(run.body.issued).toEqual([]);
    expect(run.body.notEligible[0].reasons).toContain('No sessions scheduled yet');
    expect(run.body.notEligible[0].reasons).not.toContain('Belum ada sesi terjadwal');
  });
});

const COMPETENCY_NAMES_EN = COMPETENCIES.map((c) => COMPETENCY_LABELS[c].en).join(', ');

const FACTS_DONE = {
  status: 'completed' as const,
  batchEndsOn: '2025-11-22',
  minAttendancePct: 80,
  sessions: 10,
  attended: 10,
  scores: COMPETENCIES.map((competency) => ({ competency, preTest: 50, postTest: 80, mentorScore: 4 })),
  planItems: 1,
  today: '2025-11-23',
};
