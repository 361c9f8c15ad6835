// Harvest intakes posted over HTTP are the planting plan's actual harvest: the follow-up's actual
// for the intake's week goes up by the graded weights in the intake's transaction, once per
// Idempotency-Key, and comes back down when the intake is voided.
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { signIn, testApp, type Client } from '../../test/support/app.js';
import { makeCoop, makeUser } from '../../test/support/factories.js';
import { SYSTEM_ACTOR } from '../lib/actor.js';
import { addWeeks, mondayOf, weeksBetween } from '../modules/planning/engine/calendar.js';
import { createFarmer, createPlot, createSeason, putDemand, seedDefaultCrops } from '../modules/planning/planning.service.js';
import { solveSeason } from '../modules/planning/plans.service.js';
import { setPrices } from '../modules/produce/prices.service.js';
import { DAY, intakeBody, makeCommodity, makeFarmer, PRICE_DATE, produceSetup, type Setup } from '../modules/produce/tests/factories.js';

const t = await testApp();
let coopId: string;
let clerk: Client;
let base: string;
let planning: string;
let planId: string;
let s: Setup;
let farmer: { memberId: string; plotId: string };
// A season whose week 12 holds the intake day; tomato planted in week 0 is harvested from week 10.
const start = addWeeks(mondayOf(DAY), -12);
const week = weeksBetween(start, DAY);
const asOf = addWeeks(DAY, 1);

beforeAll(async () => {
  coopId = (await makeCoop(t.db)).id;
  base = `/api/coops/${coopId}/produce`;
  planning = `/api/coops/${coopId}/planning`;
  const u = await makeUser(t.db, coopId, ['petugas']);
  clerk = await signIn(t.app, u.email, u.password);
  s = await produceSetup(t.db, coopId);
  farmer = await makeFarmer(t.db, coopId, 'Ujang Rohman');
  await seedDefaultCrops(t.db, SYSTEM_ACTOR, coopId);
  await createFarmer(t.db, SYSTEM_ACTOR, coopId, {
    farmerId: farmer.memberId,
    name: 'Ujang Rohman',
    group: 'Poktan Mekar Tani',
    unavailableWeeks: [],
    acceptsExtra: false,
  });
  await createPlot(t.db, SYSTEM_ACTOR, coopId, {
    farmerId: farmer.memberId,
    name: 'Kebun Pasir Jambu',
    areaM2: 2500,
    altitudeM: 1450,
    allowedFamilies: ['solanaceae', 'brassicaceae'],
    lastFamily: null,
    active: true,
  });
  const season = await createSeason(t.db, SYSTEM_ACTOR, coopId, { name: 'Musim uji', startDate: start, weeks: 16, safetyMarginPct: 0 });
  const rows = [];
  for (let w = 10; w < 16; w++)
    rows.push({ commodity: 'TOMAT', grade: '*' as const, week: w, contractGrams: '150000', historyGrams: '0', adjustmentGrams: '0' });
  await putDemand(t.db, SYSTEM_ACTOR, coopId, season.id, { rows });
  planId = (await solveSeason(t.db, SYSTEM_ACTOR, coopId, season.id, { timeLimitSeconds: 20 }, 'id')).id;
}, 120_000);

const intake = (o: Record<string, unknown> = {}) => intakeBody(s, farmer, o);

/** Tomato's actual harvest in the intake's week (coverage) and to date (follow-up), in grams. */
async function tomatoActual() {
  const [coverage, follow] = await Promise.all([
    clerk.get(`${planning}/plans/${planId}/coverage?commodity=TOMAT`),
    clerk.get(`${planning}/plans/${planId}/follow-up?asOf=${asOf}`),
  ]);
  expect(coverage.status).toBe(200);
  expect(follow.status).toBe(200);
  const tomato = follow.body.commodities.find((c: { commodity: string }) => c.commodity === 'TOMAT');
  return { week: BigInt(coverage.body.commodities[0].actualGrams[week] ?? 0), toDate: BigInt(tomato.actualToDateGrams) };
}

describe('a harvest intake as the plan’s actual harvest', () => {
  let intakeId: string;

  it('counts the graded weights (not the reject) in the intake’s week, once per Idempotency-Key', async () => {
    const before = await tomatoActual();
    const h = { 'idempotency-key': 'harvest-actual-0001' };
    const first = await clerk.post(`${base}/intakes`, intake(), h);
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    intakeId = first.body.id;
    const after = await tomatoActual();
    expect(after.week - before.week).toBe(47_500n);
    expect(after.toDate - before.toDate).toBe(47_500n);
    // Written in the request's closing round trip, the rows name the intake by its number.
    const notes = await t.db.execute<{ note: string; grams: string }>(
      sql`SELECT note, grams::text FROM planning_actuals WHERE cooperative_id = ${coopId} ORDER BY grade`,
    );
    expect(notes.rows.map((r) => r.note)).toEqual(notes.rows.map(() => `Penerimaan ${first.body.number}`));
    expect(notes.rows.reduce((sum, r) => sum + BigInt(r.grams), 0n)).toBe(47_500n);
    // Posted in that closing too, the answer's numbers are the stored ones.
    expect(first.body.number).toMatch(/^PN-\d{4}-\d{6}$/);
    const stored = await t.db.execute<{ number: string; journal_number: string; codes: string[] }>(sql`
      SELECT i.number, i.journal_number, array(SELECT code FROM produce_lots l WHERE l.intake_id = i.id ORDER BY code) AS codes
      FROM produce_intakes i WHERE i.cooperative_id = ${coopId} AND i.id = ${intakeId}`);
    expect(stored.rows[0]).toEqual({
      number: first.body.number,
      journal_number: first.body.journal.number,
      codes: first.body.lots.map((l: { code: string }) => l.code).sort(),
    });
    const kept = await t.db.execute<{ body: string }>(sql`SELECT body FROM idempotency_keys WHERE key = 'harvest-actual-0001'`);
    expect(JSON.parse(kept.rows[0]!.body)).toEqual(first.body);

    const again = await clerk.post(`${base}/intakes`, intake(), h);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.id).toBe(intakeId);
    expect(await tomatoActual()).toEqual(after);
  });

  it('takes the harvest back when the intake is voided', async () => {
    const before = await tomatoActual();
    const v = await clerk.post(`${base}/intakes/${intakeId}/void`, { date: DAY, reason: 'Salah pilih komoditas' });
    expect(v.status, JSON.stringify(v.body)).toBe(200);
    const after = await tomatoActual();
    expect(before.week - after.week).toBe(47_500n);
    expect(before.toDate - after.toDate).toBe(47_500n);
  });

  it('records an intake of a commodity the planner does not know, counting nothing', async () => {
    const before = await tomatoActual();
    const commodityId = await makeCommodity(t.db, coopId);
    await setPrices(t.db, coopId, SYSTEM_ACTOR, { validFrom: PRICE_DATE, items: [{ commodityId, grade: 'A', price: '6000' }] });
    const res = await clerk.post(`${base}/intakes`, intake({ commodityId, grades: [{ grade: 'A', kg: '50' }] }));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(await tomatoActual()).toEqual(before);
  });
});
