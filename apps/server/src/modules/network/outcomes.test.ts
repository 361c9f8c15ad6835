// Outcomes: an alumni cooperative's action-plan progress follows its own data (partnerships now;
// intake and sales once those modules land), and hand-typed reports are marked as such.
import { beforeAll, describe, expect, it } from 'vitest';
import { Client, signIn, testApp, type TestApp } from '../../../test/support/app.js';
import { makeCoop, makeUser } from '../../../test/support/factories.js';
import { goodBoard, makePartner } from '../../../test/support/network.js';
import { SYSTEM_ACTOR } from '../../lib/actor.js';
import { fixedClock } from '../../lib/clock.js';
import { setActionPlan } from './outcomes.service.js';
import { issueCertificates, nominate, saveAssessment, setStatus } from './participants.service.js';
import { createBatch, createHost, createProgramme } from './programmes.service.js';
import { declareOfficers } from './registry.service.js';
import { addSession, recordAttendance } from './sessions.service.js';

const clock = fixedClock('2025-11-23T03:00:00Z');
let t: TestApp;
let admin: Client;
const COMPETENCIES = ['production_planning', 'post_harvest', 'marketing_retail', 'bookkeeping', 'member_services'] as const;

/** Takes a cooperative's ketua through a finished batch (15–22 Nov 2025) with the given plan. */
async function alumnus(coopId: string, batchId: string, sessionId: string) {
  const entry = await declareOfficers(t.db, SYSTEM_ACTOR, coopId, goodBoard(`Alumni ${coopId.slice(-4)}`), '2025-11-01');
  const ketua = entry.officers.find((o) => o.position === 'ketua')!;
  const p = await nominate(t.db, SYSTEM_ACTOR, batchId, { cooperativeId: coopId, officerId: ketua.id }, '2025-11-01');
  await setStatus(t.db, SYSTEM_ACTOR, p.id, { to: 'accepted' }, '2025-11-02');
  await recordAttendance(t.db, SYSTEM_ACTOR, sessionId, [{ participantId: p.id, present: true }], '2025-11-15');
  await saveAssessment(
    t.db,
    SYSTEM_ACTOR,
    p.id,
    COMPETENCIES.map((competency) => ({ competency, preTest: 50, postTest: 80, mentor: 4 })),
    '2025-11-22',
  );
  await setActionPlan(
    t.db,
    SYSTEM_ACTOR,
    p.id,
    [
      { title: 'Mitra ritel modern pertama', measure: 'modern_retail_partners', target: '1', dueOn: '2026-03-31' },
      { title: 'Dua kemitraan berjalan', measure: 'active_partners', target: '2', dueOn: '2026-05-31' },
      { title: 'Mulai membeli hasil panen anggota', measure: 'intake_kg', target: '500', dueOn: '2026-02-28' },
    ],
    '2025-11-22',
  );
  return p.id;
}

let kopdesCoop: string;
let paperCoop: string;
let ketuaClient: Client;
const ids: Record<string, string> = {};
const people: Record<string, { email: string; password: string }> = {};

/** Moves the clock on; sessions lapse meanwhile, so both callers sign in again. */
async function advanceDays(days: number) {
  clock.advance(days * 86_400_000);
  admin = await signIn(t.app, people.admin!.email, people.admin!.password);
  ketuaClient = await signIn(t.app, people.ketua!.email, people.ketua!.password);
}

beforeAll(async () => {
  t = await testApp({ clock });
  people.admin = await makeUser(t.db, null, [], { platformRole: 'admin' });
  admin = await signIn(t.app, people.admin.email, people.admin.password);
  const host = await createHost(t.db, SYSTEM_ACTOR, {
    name: 'Kopontren Al-Ittifaq',
    sector: 'agriculture',
    villageCode: '32.04.40.2005',
    location: 'Ciwidey',
  });
  const prog = await createProgramme(t.db, SYSTEM_ACTOR, { name: 'Magang 2025', year: 2025, hostIds: [host.id], minAttendancePct: 80 });
  const batch = await createBatch(t.db, SYSTEM_ACTOR, prog.id, {
    hostId: host.id,
    number: 1,
    startsOn: '2025-11-15',
    endsOn: '2025-11-22',
    capacity: 38,
    provinceCodes: ['32'],
  });
  const session = await addSession(t.db, SYSTEM_ACTOR, batch.id, {
    day: '2025-11-15',
    startsAt: '08:00',
    endsAt: '12:00',
    title: 'Pembukaan',
    kind: 'material',
  });
  kopdesCoop = (await makeCoop(t.db, { villageCode: '32.04.40.2005' })).id;
  paperCoop = (await makeCoop(t.db, { villageCode: '32.04.40.2001' })).id;
  people.ketua = await makeUser(t.db, kopdesCoop, ['ketua']); // people work in kopdes: its own data is measured
  ketuaClient = await signIn(t.app, people.ketua.email, people.ketua.password);
  ids.kopdes = await alumnus(kopdesCoop, batch.id, session.id);
  ids.paper = await alumnus(paperCoop, batch.id, session.id);
  const run = await issueCertificates(t.db, SYSTEM_ACTOR, batch.id, '2025-11-22');
  expect(run.issued).toHaveLength(2);
});

const planOf = async (participantId: string) =>
  (
    (await admin.get(`/api/admin/network/participants/${participantId}`)).body.actionPlan as {
      measure: string;
      value: string | null;
      source: string;
      status: string;
    }[]
  ).reduce((m, i) => ({ ...m, [i.measure]: i }), {} as Record<string, { value: string | null; source: string; status: string }>);

describe('action-plan progress', () => {
  it('starts at zero from kopdes data, and "not reported" for a cooperative outside kopdes', async () => {
    const kopdes = await planOf(ids.kopdes!);
    expect(kopdes.modern_retail_partners).toMatchObject({ value: '0', source: 'kopdes', status: 'on_track' });
    // Intake has no module yet: even a kopdes cooperative reports it by hand, and it says so.
    expect(kopdes.intake_kg).toMatchObject({ value: null, source: 'manual', status: 'not_reported' });
    const paper = await planOf(ids.paper!);
    expect(paper.modern_retail_partners).toMatchObject({ value: null, source: 'manual', status: 'not_reported' });
  });

  it('changes when its own partnerships change', async () => {
    const retailer = await makePartner(t.db, 'retailer');
    const offtaker = await makePartner(t.db, 'offtaker');
    const created = await ketuaClient.post(`/api/coops/${kopdesCoop}/network/partnerships`, {
      partnerId: retailer.id,
      type: 'retail_supply',
      commodity: 'Tomat, kentang',
      agreedVolumeKg: '1500',
      volumePeriod: 'week',
    });
    expect(created.status).toBe(201);
    const p = created.body.id;
    for (const to of ['in_talks', 'agreed'])
      expect((await ketuaClient.post(`/api/coops/${kopdesCoop}/network/partnerships/${p}/stage`, { to })).status).toBe(200);
    expect((await planOf(ids.kopdes!)).modern_retail_partners!.value).toBe('0'); // agreed is not yet trading

    await advanceDays(30); // 2025-12-23
    const active = await ketuaClient.post(`/api/coops/${kopdesCoop}/network/partnerships/${p}/stage`, { to: 'active', on: '2025-12-20' });
    expect(active.status).toBe(200);
    expect(active.body.activeSince).toBe('2025-12-20');
    const after = await planOf(ids.kopdes!);
    expect(after.modern_retail_partners).toMatchObject({ value: '1', source: 'kopdes', status: 'achieved' });
    expect(after.active_partners).toMatchObject({ value: '1', status: 'on_track' });

    const second = await admin.post('/api/admin/network/partnerships', {
      cooperativeId: kopdesCoop,
      partnerId: offtaker.id,
      type: 'offtake',
    });
    for (const to of ['in_talks', 'agreed', 'active']) await admin.post(`/api/admin/network/partnerships/${second.body.id}/stage`, { to });
    expect((await planOf(ids.kopdes!)).active_partners).toMatchObject({ value: '2', status: 'achieved' });

    // Ending the retail partnership: the at-date measure falls back.
    await advanceDays(10); // 2026-01-02
    await admin.post(`/api/admin/network/partnerships/${p}/stage`, { to: 'ended', on: '2025-12-31', note: 'Kontrak tidak diperpanjang' });
    const ended = await planOf(ids.kopdes!);
    expect(ended.modern_retail_partners).toMatchObject({ value: '0', status: 'behind' });
    expect(ended.active_partners!.value).toBe('1');
  });

  it('feeds the monthly roll-up: partners and trading from the partnerships', async () => {
    const cmp = await ketuaClient.get(`/api/coops/${kopdesCoop}/network/comparison?month=2025-12`);
    expect(cmp.status).toBe(200);
    expect(cmp.body.own).toMatchObject({ partnersActive: 2, operating: true });
    expect(cmp.body.regency).toMatchObject({ code: '32.04', name: 'Kabupaten Bandung', cooperatives: 1, operatingPct: 100 });
  });

  it('takes hand reports for a cooperative outside kopdes, marked manual, and refuses them where data measures', async () => {
    const items = (await admin.get(`/api/admin/network/participants/${ids.paper}`)).body.actionPlan as { id: string; measure: string }[];
    const retail = items.find((i) => i.measure === 'modern_retail_partners')!;
    const r = await admin.post(`/api/admin/network/action-items/${retail.id}/reports`, {
      value: '1',
      asOf: '2025-12-28',
      note: 'Lapor lewat telepon',
    });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ value: '1', source: 'manual', asOf: '2025-12-28', status: 'achieved' });
    const future = await admin.post(`/api/admin/network/action-items/${retail.id}/reports`, { value: '1', asOf: '2027-01-01' });
    expect(future.status).toBe(400);
    expect(future.body.errors[0].field).toBe('asOf');

    const own = (await admin.get(`/api/admin/network/participants/${ids.kopdes}`)).body.actionPlan as { id: string; measure: string }[];
    const measured = own.find((i) => i.measure === 'modern_retail_partners')!;
    const refused = await admin.post(`/api/admin/network/action-items/${measured.id}/reports`, { value: '3', asOf: '2025-12-28' });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('measured_from_data');
    const intake = own.find((i) => i.measure === 'intake_kg')!;
    const typed = await ketuaClient.post(`/api/coops/${kopdesCoop}/network/action-items/${intake.id}/reports`, {
      value: '650',
      asOf: '2025-12-31',
    });
    expect(typed.status).toBe(201);
    expect(typed.body).toMatchObject({ source: 'manual', status: 'achieved', percent: 100 });
    const notMine = await ketuaClient.post(`/api/coops/${kopdesCoop}/network/action-items/${retail.id}/reports`, {
      value: '1',
      asOf: '2025-12-28',
    });
    expect(notMine.status).toBe(404);
  });

  it('lists the measures with their honest sources', async () => {
    const m = await admin.get('/api/admin/network/measures');
    const by = Object.fromEntries((m.body.items as { code: string; source: string }[]).map((x) => [x.code, x.source]));
    expect(by).toMatchObject({ modern_retail_partners: 'kopdes', active_partners: 'kopdes', planting_plan_farmers: 'manual' });
  });
});
