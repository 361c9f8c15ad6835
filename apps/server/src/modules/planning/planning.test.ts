// The planning API end to end on a real database with the real solver: crops, capacity, demand,
// solve (checked, compared), views, the plan sheet, follow-up, warnings, re-planning, bad input.
import { beforeAll, describe, expect, it } from 'vitest';
import { signIn, testApp, type Client } from '../../../test/support/app.js';
import { makeCoop, makeUser } from '../../../test/support/factories.js';
import { addWeeks, mondayOf } from './engine/calendar.js';
import { recordActualHarvest } from './follow-up.service.js';
import { SYSTEM_ACTOR } from '../../lib/actor.js';
import { recordPurchase, voidPurchase } from '../produce/purchases.service.js';
import { makeSupplier, produceSetup, purchaseBody } from '../produce/tests/factories.js';
import type { PurchaseInput } from '@kopdes/shared/produce';

const t = await testApp();
let coopId: string;
let ketua: Client;
let petugas: Client;
let pengawas: Client;
let base: string;
let seasonId: string;
let planId: string;
const today = new Date().toISOString().slice(0, 10);
const start = addWeeks(mondayOf(today), -6);

beforeAll(async () => {
  coopId = (await makeCoop(t.db)).id;
  const [k, p, w] = await Promise.all([
    makeUser(t.db, coopId, ['ketua']),
    makeUser(t.db, coopId, ['petugas']),
    makeUser(t.db, coopId, ['pengawas']),
  ]);
  [ketua, petugas, pengawas] = await Promise.all([
    signIn(t.app, k.email, k.password),
    signIn(t.app, p.email, p.password),
    signIn(t.app, w.email, w.password),
  ]);
  base = `/api/coops/${coopId}/planning`;
}, 120_000);

describe('crops and capacity', () => {
  it('seeds the default highland crops once, and edits them', async () => {
    const r = await ketua.post(`${base}/crops/defaults`);
    expect(r.status).toBe(200);
    expect(r.body.added).toContain('TOMAT');
    expect(r.body.added.length).toBeGreaterThanOrEqual(20);
    expect((await ketua.post(`${base}/crops/defaults`)).body.added).toEqual([]);
    const list = await petugas.get(`${base}/crops`);
    expect(list.status).toBe(200);
    const kale = list.body.items.find((c: { code: string }) => c.code === 'KALE');
    expect(kale.pricePerKg).toBe('25000');
    const { code: _c, updatedAt: _u, ...update } = kale;
    const changed = await ketua.put(`${base}/crops/KALE`, { ...update, pricePerKg: '26000' });
    expect(changed.status).toBe(200);
    expect(changed.body.pricePerKg).toBe('26000');
  });

  it('refuses crop parameters that make no sense, naming the field', async () => {
    const bad = await ketua.post(`${base}/crops`, {
      code: 'ANEH',
      name: 'Tanaman aneh',
      family: 'solanaceae',
      weeksToHarvest: 0,
      harvestWeeks: 2,
      yieldSpread: [1, 1],
      yieldPerM2Grams: 0,
      gradeMix: { A: 1, B: 0, C: 0 },
      altitudeMinM: 0,
      altitudeMaxM: 100,
      bedM2: 10,
      pricePerKg: '1000',
    });
    expect(bad.status).toBe(400);
    const fields = bad.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['weeksToHarvest', 'yieldPerM2Grams']));
    const spread = await ketua.post(`${base}/crops`, {
      code: 'ANEH',
      name: 'Tanaman aneh',
      family: 'solanaceae',
      weeksToHarvest: 3,
      harvestWeeks: 3,
      yieldSpread: [1, 1],
      yieldPerM2Grams: 100,
      gradeMix: { A: 1, B: 0, C: 0 },
      altitudeMinM: 0,
      altitudeMaxM: 100,
      bedM2: 10,
      pricePerKg: '1000',
    });
    expect(spread.status).toBe(400);
    expect(spread.body.errors[0].field).toBe('yieldSpread');
  });

  it('keeps farmers and plots; a plot without area is refused', async () => {
    for (let i = 1; i <= 4; i++) {
      const f = await ketua.post(`${base}/farmers`, {
        farmerId: `mbr_api_${i}`,
        name: `Petani ${i}`,
        group: i <= 2 ? 'Poktan Mekar' : 'Poktan Sauyunan',
        unavailableWeeks: [],
        acceptsExtra: false,
      });
      expect(f.status).toBe(201);
      const p = await ketua.post(`${base}/plots`, {
        plotId: `LHN-${i}`,
        farmerId: `mbr_api_${i}`,
        name: `Blok ${i}`,
        areaM2: 1500 + i * 500,
        altitudeM: 1150 + i * 100,
        allowedFamilies: ['brassicaceae', 'solanaceae', 'apiaceae'],
        lastFamily: i === 1 ? 'brassicaceae' : null,
      });
      expect(p.status).toBe(201);
    }
    const noArea = await ketua.post(`${base}/plots`, {
      farmerId: 'mbr_api_1',
      name: 'Kosong',
      areaM2: 0,
      altitudeM: 1200,
      allowedFamilies: ['solanaceae'],
    });
    expect(noArea.status).toBe(400);
    expect(noArea.body.errors[0].field).toBe('areaM2');
    const unknownFarmer = await ketua.post(`${base}/plots`, {
      farmerId: 'mbr_tidak_ada',
      name: 'X',
      areaM2: 10,
      altitudeM: 1200,
      allowedFamilies: ['solanaceae'],
    });
    expect(unknownFarmer.status).toBe(400);
    expect(unknownFarmer.body.errors[0].field).toBe('farmerId');
    const capacity = await pengawas.get(`${base}/farmers`);
    expect(capacity.body.items).toHaveLength(4);
    expect(capacity.body.items[0].landM2).toBe(2000);
    expect(
      (
        await petugas.post(`${base}/plots`, {
          farmerId: 'mbr_api_1',
          name: 'X',
          areaM2: 10,
          altitudeM: 1200,
          allowedFamilies: ['solanaceae'],
        })
      ).status,
    ).toBe(403);
  });
});

describe('demand', () => {
  it('keeps the weekly table with its parts and the safety margin, and charts it', async () => {
    const s = await ketua.post(`${base}/seasons`, { name: 'Musim hujan 2026', startDate: start, weeks: 24, safetyMarginPct: 10 });
    expect(s.status).toBe(201);
    seasonId = s.body.id;
    const rows = [];
    for (let w = 6; w < 24; w++) {
      rows.push({
        commodity: 'PAKCOY',
        grade: '*',
        week: w,
        contractGrams: '120000',
        historyGrams: '30000',
        adjustmentGrams: w === 10 ? '-50000' : '0',
      });
      rows.push({ commodity: 'KOL', grade: 'A', week: w, contractGrams: '80000' });
      rows.push({ commodity: 'KOL', grade: 'B', week: w, contractGrams: '20000' });
    }
    // Demand nobody may grow: no plot allows the cucurbit family.
    for (let w = 16; w < 24; w++) rows.push({ commodity: 'BUTTERNUT', grade: '*', week: w, contractGrams: '50000' });
    const put = await ketua.put(`${base}/seasons/${seasonId}/demand`, { rows });
    expect(put.status).toBe(200);
    const w10 = put.body.rows.find((r: { commodity: string; week: number }) => r.commodity === 'PAKCOY' && r.week === 10);
    // (120 + 30 − 50) kg × 1.10
    expect(w10.forecastGrams).toBe('110000');
    expect(w10.weekStart).toBe(addWeeks(start, 10));
    const chart = await petugas.get(`${base}/seasons/${seasonId}/demand/chart`);
    expect(chart.status).toBe(200);
    const kol = chart.body.series.find((x: { commodity: string }) => x.commodity === 'KOL');
    expect(kol.forecastGrams[6]).toBe('110000');
    expect(kol.forecastGrams[0]).toBe('0');
  });

  it('refuses demand for an unknown commodity or outside the season, naming the row', async () => {
    const unknown = await ketua.put(`${base}/seasons/${seasonId}/demand`, {
      rows: [{ commodity: 'DURIAN', grade: '*', week: 3, contractGrams: '1000' }],
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].field).toBe('rows.0.commodity');
    const late = await ketua.put(`${base}/seasons/${seasonId}/demand`, {
      rows: [{ commodity: 'KOL', grade: 'A', week: 30, contractGrams: '1000' }],
    });
    expect(late.status).toBe(400);
    expect(late.body.errors[0].field).toBe('rows.0.week');
    // Nothing was written: the table is as it was.
    expect((await ketua.get(`${base}/seasons/${seasonId}/demand`)).body.rows.length).toBeGreaterThan(50);
  });
});

describe('solving and the plan', () => {
  it('solves: status, gap, figures, the spreadsheet comparison, and explains what cannot be met', async () => {
    const r = await ketua.post(`${base}/seasons/${seasonId}/solve`, { timeLimitSeconds: 20 });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    planId = r.body.id;
    expect(['optimal', 'feasible']).toContain(r.body.solver.status);
    expect(r.body.solver.gapPct).toBeGreaterThanOrEqual(0);
    expect(r.body.check.ok).toBe(true);
    expect(r.body.check.greedyOk).toBe(true);
    expect(BigInt(r.body.figures.shortfallGrams)).toBeLessThanOrEqual(BigInt(r.body.greedy.shortfallGrams));
    expect(r.body.figures.plantings).toBeGreaterThan(0);
    const butternut = r.body.explanations.filter((e: { commodity: string }) => e.commodity === 'BUTTERNUT');
    expect(butternut).toHaveLength(1);
    expect(butternut[0].reason).toBe('family_not_allowed');
    expect(butternut[0].message).toMatch(/cucurbitaceae/);
    expect(butternut[0].fromWeek).toBe(16);
    const early = r.body.explanations.find(
      (e: { commodity: string; reason: string }) => e.commodity === 'KOL' && e.reason === 'before_first_harvest',
    );
    expect(early.message).toMatch(/panen paling cepat/);
  }, 120_000);

  it('shows the plan, its Gantt per group and farmer, and coverage', async () => {
    const plan = await petugas.get(`${base}/seasons/${seasonId}/plan`);
    expect(plan.status).toBe(200);
    expect(plan.body.summary.id).toBe(planId);
    const first = plan.body.plantings[0];
    expect(first.areaM2 % 10).toBe(0);
    expect(first.plantDate).toBe(addWeeks(start, first.plantWeek));
    const gantt = await petugas.get(`${base}/plans/${planId}/gantt?group=Poktan%20Mekar`);
    expect(gantt.status).toBe(200);
    expect(gantt.body.groups.map((g: { group: string }) => g.group)).toEqual(['Poktan Mekar']);
    expect(gantt.body.weeks).toHaveLength(24);
    const coverage = await pengawas.get(`${base}/plans/${planId}/coverage?commodity=PAKCOY`);
    expect(coverage.status).toBe(200);
    const pak = coverage.body.commodities[0];
    expect(pak.commodity).toBe('PAKCOY');
    expect(pak.demandGrams[12]).toBe('165000');
    expect(pak.expectedGrams.some((g: string) => Number(g) > 0)).toBe(true);
  });

  it('prints a farmer plan sheet as PDF', async () => {
    const res = await petugas.get(`${base}/plans/${planId}/farmers/mbr_api_2/sheet.pdf`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(String(res.body).startsWith('%PDF-')).toBe(true);
    expect((await petugas.get(`${base}/plans/${planId}/farmers/mbr_orang_lain/sheet.pdf`)).status).toBe(404);
  });

  it('refuses to solve a season without demand', async () => {
    const s = await ketua.post(`${base}/seasons`, { name: 'Musim kosong', startDate: start, weeks: 10 });
    const r = await ketua.post(`${base}/seasons/${s.body.id}/solve`, {});
    expect(r.status).toBe(422);
    expect(r.body.code).toBe('no_demand');
  });
});

describe('following the plan', () => {
  it('records confirmations and changes, refusing a change that does not fit the plot', async () => {
    const plan = (await ketua.get(`${base}/plans/${planId}`)).body;
    const p = plan.plantings.find((x: { status: string; plantWeek: number }) => x.status === 'planned' && x.plantWeek >= 6);
    const ok = await ketua.patch(`${base}/plantings/${p.id}`, { status: 'confirmed', note: 'Disetujui rapat poktan' });
    expect(ok.status).toBe(200);
    expect(ok.body.status).toBe('confirmed');
    const tooBig = await ketua.patch(`${base}/plantings/${p.id}`, { status: 'changed', areaM2: 99_990 });
    expect(tooBig.status).toBe(409);
    expect(tooBig.body.code).toBe('planting_conflict');
    expect(tooBig.body.errors[0].field).toBe('areaM2');
    const notBeds = await ketua.patch(`${base}/plantings/${p.id}`, { status: 'changed', areaM2: 15 });
    expect(notBeds.status).toBe(409);
    const smaller = await ketua.patch(`${base}/plantings/${p.id}`, { status: 'changed', areaM2: 10 });
    expect(smaller.status).toBe(200);
    expect(smaller.body.actualAreaM2).toBe(10);
    expect((await petugas.patch(`${base}/plantings/${p.id}`, { status: 'confirmed' })).status).toBe(403);
  });

  it('compares expected with actual harvest and warns of a shortfall with options', async () => {
    const cov = (await ketua.get(`${base}/plans/${planId}/coverage?commodity=PAKCOY`)).body.commodities[0];
    // Intake so far (weeks 7–12) at half of what was expected.
    for (let w = 6; w < 12; w++) {
      const expected = BigInt(cov.expectedGrams[w]);
      if (expected > 0n)
        expect(await recordActualHarvest(t.db, coopId, { commodity: 'PAKCOY', week: addWeeks(start, w), grams: expected / 2n })).toBe(true);
    }
    expect(await recordActualHarvest(t.db, coopId, { commodity: 'DURIAN', week: today, grams: 5n })).toBe(false);
    const manual = await ketua.post(`${base}/actuals`, { commodity: 'KOL', weekDate: addWeeks(start, 5), grams: '1000' });
    expect(manual.status).toBe(201);
    const asOf = addWeeks(start, 12);
    const follow = await petugas.get(`${base}/plans/${planId}/follow-up?asOf=${asOf}`);
    expect(follow.status).toBe(200);
    expect(follow.body.currentWeek).toBe(12);
    const pakFollow = follow.body.commodities.find((x: { commodity: string }) => x.commodity === 'PAKCOY');
    expect(pakFollow.realisation).toBeGreaterThan(0.45);
    expect(pakFollow.realisation).toBeLessThan(0.55);
    const warnings = await petugas.get(`${base}/plans/${planId}/warnings?asOf=${asOf}`);
    expect(warnings.status).toBe(200);
    const pak = warnings.body.warnings.find((x: { commodity: string }) => x.commodity === 'PAKCOY');
    expect(pak, JSON.stringify(warnings.body)).toBeDefined();
    expect(pak.options.map((o: { kind: string }) => o.kind)).toContain('buy_from_other_coop');
    expect(BigInt(pak.shortfallGrams)).toBeGreaterThan(0n);
    expect(pak.message).toMatch(/panen aktual selama ini 5\d% dari perkiraan/);
    // Kol cannot be harvested before week 12 at all: only buying helps there.
    const early = await petugas.get(`${base}/plans/${planId}/warnings?asOf=${addWeeks(start, 6)}`);
    const kol = early.body.warnings.find((x: { commodity: string }) => x.commodity === 'KOL');
    expect(kol.options.map((o: { kind: string }) => o.kind)).toEqual(['buy_from_other_coop']);
  });

  it('counts what was bought from another cooperative and is still on hand as supply, and not once the purchase is voided', async () => {
    type Warning = {
      commodity: string;
      fromWeek: number;
      boughtGrams: string;
      shortfallGrams: string;
      message: string;
      options: { kind: string; grams?: string }[];
    };
    const kolThisWeek = async (): Promise<Warning | undefined> =>
      (await petugas.get(`${base}/plans/${planId}/warnings?asOf=${today}`)).body.warnings.find(
        (x: Warning) => x.commodity === 'KOL' && x.fromWeek === 6,
      );
    const before = await kolThisWeek();
    expect(before, 'Kol is short this week before anything is bought').toBeDefined();
    expect(before!.boughtGrams).toBe('0');
    const s = await produceSetup(t.db, coopId);
    const supplier = await makeSupplier(t.db, coopId);
    const purchase = await recordPurchase(t.db, coopId, SYSTEM_ACTOR, {
      ...purchaseBody(s, supplier.id),
      date: today,
      harvestDate: today,
      commodityId: s.cabbageId,
      lines: [
        { grade: 'A', kg: '1', price: '4500' },
        { grade: 'reject', kg: '0,5', price: '500' },
      ],
    } as PurchaseInput);
    const after = await kolThisWeek();
    // The saleable kilogram counts; the rejected half does not.
    expect(after!.boughtGrams).toBe('1000');
    expect(BigInt(after!.shortfallGrams)).toBe(BigInt(before!.shortfallGrams) - 1000n);
    expect(after!.options.find((o) => o.kind === 'buy_from_other_coop')!.grams).toBe(after!.shortfallGrams);
    expect(after!.message).toMatch(/kurang .*, setelah dihitung 1 kg yang dibeli dari koperasi lain$/);
    await voidPurchase(t.db, coopId, SYSTEM_ACTOR, purchase.id, { reason: 'Salah catat' });
    expect(await kolThisWeek()).toEqual(before);
  });

  it('re-plans the open weeks keeping what is in the ground and what the groups confirmed', async () => {
    const before = (await ketua.get(`${base}/plans/${planId}`)).body.plantings;
    const asOf = addWeeks(start, 6);
    const confirmedLater = before.find((p: { plantWeek: number; status: string }) => p.plantWeek >= 6 && p.status === 'planned');
    expect((await ketua.patch(`${base}/plantings/${confirmedLater.id}`, { status: 'confirmed' })).status).toBe(200);
    confirmedLater.status = 'confirmed';
    const inGround = before.filter(
      (p: { plantWeek: number; actualPlantWeek: number | null; status: string }) =>
        ((p.actualPlantWeek ?? p.plantWeek) < 6 && p.status !== 'cancelled') || p.status === 'confirmed',
    );
    const r = await ketua.post(`${base}/seasons/${seasonId}/replan`, { asOf, timeLimitSeconds: 20 });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.firstOpenWeek).toBe(6);
    expect(r.body.check.ok).toBe(true);
    const after = (await ketua.get(`${base}/plans/${r.body.id}`)).body.plantings;
    for (const p of inGround) {
      const kept = after.find(
        (q: any) =>
          q.fixed &&
          q.plotId === p.plotId &&
          q.commodity === p.commodity &&
          (q.actualPlantWeek ?? q.plantWeek) === (p.actualPlantWeek ?? p.plantWeek),
      );
      expect(kept, `${p.commodity} on ${p.plotId} week ${p.plantWeek}`).toBeDefined();
      if (p.status === 'confirmed') expect(kept.status).toBe('confirmed');
    }
    for (const p of after.filter((q: any) => !q.fixed)) expect(p.plantWeek).toBeGreaterThanOrEqual(6);
    expect((await ketua.get(`${base}/plans/${planId}`)).body.summary.status).toBe('superseded');
  }, 120_000);
});
