// The planning engine without the database: hand-computed optima, the checker against broken
// plans, determinism, bad input, time limits and the spreadsheet baseline.
import { describe, expect, it } from 'vitest';
import { checkPlan } from './checker.js';
import { compile } from './compile.js';
import { splitWhole, withClaims } from './harvest.js';
import { baselinePlan, optimisePlan, PlanningInputError, PlanningSolveError } from './planner.js';
import { PlanningWorkerError, withPlanningWorker } from './run-worker.js';
import { syntheticProblem } from './synthetic.js';
import type { CommodityParams, Plan, PlanningProblem, Planting } from './types.js';

const START = '2026-01-05'; // a Monday, ISO week 2

const crop = (over: Partial<CommodityParams> = {}): CommodityParams => ({
  code: 'SAWI',
  name: 'Sawi',
  family: 'brassicaceae',
  weeksToHarvest: 2,
  harvestWeeks: 1,
  yieldSpread: [1],
  yieldPerM2Grams: 1000,
  gradeMix: { A: 1, B: 0, C: 0 },
  altitudeMinM: 0,
  altitudeMaxM: 3000,
  avoidWeeks: [],
  bedM2: 10,
  pricePerKg: 1000n,
  ...over,
});

const plot = (
  id: string,
  areaM2: number,
  over: Partial<{ altitudeM: number; allowedFamilies: string[]; lastFamily: string | null }> = {},
) => ({
  id,
  areaM2,
  altitudeM: over.altitudeM ?? 1200,
  allowedFamilies: over.allowedFamilies ?? ['brassicaceae', 'solanaceae'],
  lastFamily: over.lastFamily ?? null,
});

const problem = (p: Partial<PlanningProblem>): PlanningProblem => ({
  weeks: 8,
  startDate: START,
  commodities: [crop()],
  farmers: [{ id: 'F1', group: 'Poktan A', plots: [plot('P1', 100)], unavailableWeeks: [] }],
  demand: [],
  fixed: [],
  ...p,
});

const newPlantings = (plan: Plan) =>
  plan.plantings
    .filter((p) => !p.fixed)
    .map((p) => `${p.commodity}@${p.plotId}:w${p.plantWeek}:${p.areaM2}`)
    .sort();

describe('small instances with a known optimum', () => {
  it('plants exactly what one week needs, weeks to harvest earlier', async () => {
    const pr = problem({ demand: [{ commodity: 'SAWI', grade: null, week: 3, grams: 50_000 }] });
    const r = await optimisePlan(pr);
    expect(newPlantings(r.plan)).toEqual(['SAWI@P1:w1:50']);
    expect(r.figures.shortfallGrams).toBe(0);
    expect(r.figures.oversupplyGrams).toBe(0);
    expect(r.solver.status).toBe('optimal');
    expect(r.solver.method).toBe('mip');
    expect(checkPlan(pr, r.plan).ok).toBe(true);
  });

  it('reuses land once a crop is harvested', async () => {
    // 50 kg in week 4 and 30 kg in week 6: the plantings of weeks 2 and 4 share week 4 on 100 m².
    const pr = problem({
      demand: [
        { commodity: 'SAWI', grade: null, week: 4, grams: 50_000 },
        { commodity: 'SAWI', grade: null, week: 6, grams: 30_000 },
      ],
    });
    const r = await optimisePlan(pr);
    expect(newPlantings(r.plan)).toEqual(['SAWI@P1:w2:50', 'SAWI@P1:w4:30']);
    expect(r.figures.shortfallGrams).toBe(0);
  });

  it('with too little land, gives it to the crop that yields more per m²', async () => {
    // 60 m²: kol yields 2 kg/m² (25 m² cover its 50 kg), sawi 1 kg/m² gets the other 35 m² and
    // falls 15 kg short. Any other split leaves more kg short.
    const pr = problem({
      commodities: [crop({ bedM2: 5 }), crop({ code: 'KOL', family: 'solanaceae', yieldPerM2Grams: 2000, bedM2: 5 })],
      farmers: [{ id: 'F1', group: 'Poktan A', plots: [plot('P1', 60)], unavailableWeeks: [] }],
      demand: [
        { commodity: 'SAWI', grade: null, week: 3, grams: 50_000 },
        { commodity: 'KOL', grade: null, week: 3, grams: 50_000 },
      ],
    });
    for (const mipMaxVariables of [600, 0]) {
      const r = await optimisePlan({ ...pr, settings: { mipMaxVariables } });
      expect(newPlantings(r.plan), `mipMaxVariables ${mipMaxVariables}`).toEqual(['KOL@P1:w1:25', 'SAWI@P1:w1:35']);
      expect(r.figures.shortfallGrams).toBe(15_000);
      expect(checkPlan(pr, r.plan).ok).toBe(true);
    }
  });

  it('keeps rotation: the plot whose last crop was of the same family is not used', async () => {
    const pr = problem({
      farmers: [
        { id: 'F1', group: 'Poktan A', plots: [plot('P1', 100, { lastFamily: 'brassicaceae' })], unavailableWeeks: [] },
        { id: 'F2', group: 'Poktan A', plots: [plot('P2', 30)], unavailableWeeks: [] },
      ],
      demand: [{ commodity: 'SAWI', grade: null, week: 3, grams: 50_000 }],
    });
    const r = await optimisePlan(pr);
    expect(newPlantings(r.plan)).toEqual(['SAWI@P2:w1:30']);
    expect(r.figures.shortfallGrams).toBe(20_000);
    expect(checkPlan(pr, r.plan).ok).toBe(true);
  });

  it('splits harvest over weeks and grades in whole grams that add up', () => {
    expect(splitWhole(1001, [1, 1, 1])).toEqual([334, 334, 333]);
    expect(splitWhole(100, [60, 30, 10])).toEqual([60, 30, 10]);
    expect(splitWhole(7, [0, 5, 5]).reduce((s, x) => s + x, 0)).toBe(7);
  });
});

describe('the independent checker', () => {
  const pr = problem({
    commodities: [crop(), crop({ code: 'TOMAT', family: 'solanaceae', altitudeMaxM: 1500, avoidWeeks: [4] })],
    farmers: [
      { id: 'F1', group: 'Poktan A', plots: [plot('P1', 100)], unavailableWeeks: [5] },
      {
        id: 'F2',
        group: 'Poktan A',
        plots: [plot('P2', 100, { altitudeM: 1800, allowedFamilies: ['brassicaceae'] })],
        unavailableWeeks: [],
      },
    ],
    demand: [{ commodity: 'SAWI', grade: null, week: 3, grams: 40_000 }],
    fixed: [{ ref: 'old', farmerId: 'F2', plotId: 'P2', commodity: 'SAWI', plantWeek: -1, areaM2: 25, offsetM2: 0 }],
  });
  const cp = compile(pr);
  const planted = (over: Partial<Planting>): Planting => ({
    farmerId: 'F1',
    plotId: 'P1',
    commodity: 'SAWI',
    plantWeek: 1,
    areaM2: 40,
    offsetM2: 0,
    fixed: false,
    ...over,
  });
  const fixed: Planting = {
    farmerId: 'F2',
    plotId: 'P2',
    commodity: 'SAWI',
    plantWeek: -1,
    areaM2: 25,
    offsetM2: 0,
    fixed: true,
    ref: 'old',
  };
  const codes = (plantings: Planting[]) => checkPlan(pr, withClaims(cp, plantings)).violations.map((v) => v.code);

  it('passes a correct hand-made plan', () => {
    const report = checkPlan(pr, withClaims(cp, [fixed, planted({})]));
    expect(report.violations).toEqual([]);
    expect(report.ok).toBe(true);
  });

  it('rejects a plot used beyond its area', () => {
    expect(codes([fixed, planted({ areaM2: 110 })])).toContain('outside_plot');
    const both = codes([fixed, planted({ areaM2: 60 }), planted({ areaM2: 60, offsetM2: 40 })]);
    expect(both).toContain('overlap');
    expect(both).toContain('area_exceeded');
  });

  it('rejects a broken rotation, before and after', () => {
    // Sawi on P1 weeks 1–3, then sawi again on the same land from week 4.
    expect(codes([fixed, planted({}), planted({ plantWeek: 4, areaM2: 20, offsetM2: 30 })])).toContain('rotation');
    // The same with a tomato between them on that land is fine.
    expect(codes([fixed, planted({}), planted({ commodity: 'TOMAT', plantWeek: 5, areaM2: 40, farmerId: 'F1' })])).not.toContain(
      'rotation',
    );
    // The plot's last family counts for the first planting.
    const onP2 = problem({
      ...pr,
      farmers: [{ id: 'F1', group: 'A', plots: [plot('P1', 100, { lastFamily: 'brassicaceae' })], unavailableWeeks: [] }],
      fixed: [],
    });
    expect(checkPlan(onP2, withClaims(compile(onP2), [planted({})])).violations.map((v) => v.code)).toContain('rotation');
  });

  it('rejects claims that differ from what the plantings give', () => {
    const plan = withClaims(cp, [fixed, planted({})]);
    const lying = structuredClone(plan);
    lying.coverage[0]!.supplyGrams += 1;
    expect(checkPlan(pr, lying).violations.map((v) => v.code)).toContain('coverage_mismatch');
    const missing = structuredClone(plan);
    missing.coverage.pop();
    expect(checkPlan(pr, missing).violations.map((v) => v.code)).toContain('coverage_mismatch');
    const totals = structuredClone(plan);
    totals.totals.shortfallGrams -= 1000;
    expect(checkPlan(pr, totals).violations.map((v) => v.code)).toEqual(['totals_mismatch']);
  });

  it('rejects the other broken rules', () => {
    expect(codes([planted({})])).toContain('fixed_changed');
    expect(codes([{ ...fixed, areaM2: 30 }, planted({})])).toContain('fixed_changed');
    expect(codes([fixed, planted({ areaM2: 45 })])).toEqual(['not_bed_multiple']);
    expect(codes([fixed, planted({ commodity: 'TOMAT', plantWeek: 2 })])).toEqual(['avoid_week']);
    expect(codes([fixed, planted({ plantWeek: 5 })])).toEqual(['farmer_unavailable']);
    expect(codes([fixed, planted({ farmerId: 'F2', plotId: 'P2', commodity: 'TOMAT', offsetM2: 50 })])).toEqual(
      expect.arrayContaining(['family_not_allowed', 'altitude']),
    );
    expect(codes([fixed, planted({ plotId: 'P2' })])).toEqual(['unknown_plot']);
  });

  it('passes every plan the planner and the baseline make', async () => {
    const pr2 = syntheticProblem({ farmers: 25, commodities: 10, weeks: 30, seed: 11 });
    const opt = await optimisePlan(pr2);
    expect(checkPlan(pr2, opt.plan)).toMatchObject({ ok: true, violations: [] });
    expect(checkPlan(pr2, baselinePlan(pr2).plan)).toMatchObject({ ok: true, violations: [] });
  }, 120_000);
});

describe('same input, same plan', () => {
  it('gives identical plantings on a second run and with the input shuffled', async () => {
    // A generous time limit: a run the deadline cuts short says so (status time_limit) and may differ.
    const pr = { ...syntheticProblem({ farmers: 20, commodities: 8, weeks: 26, seed: 5 }), settings: { timeLimitSeconds: 300 } };
    const a = await optimisePlan(pr);
    const shuffled = {
      ...pr,
      farmers: [...pr.farmers].reverse(),
      commodities: [...pr.commodities].reverse(),
      demand: [...pr.demand].reverse(),
    };
    const b = await optimisePlan(shuffled);
    expect(JSON.stringify(b.plan.plantings)).toBe(JSON.stringify(a.plan.plantings));
    expect(b.solver.objective).toBe(a.solver.objective);
    expect(a.solver.status).not.toBe('time_limit');
  }, 300_000);
});

describe('bad input gets an explanation, never a crash or a silent partial plan', () => {
  const issues = (pr: PlanningProblem) => {
    try {
      compile(pr);
      return optimisePlan(pr).then(
        () => [],
        (e) => (e instanceof PlanningInputError ? e.issues.map((i) => `${i.path}:${i.code}`) : Promise.reject(e)),
      );
    } catch (e) {
      return Promise.reject(e);
    }
  };

  it('names crop parameters that make no sense and plots without area', async () => {
    expect(await issues(problem({ commodities: [crop({ yieldPerM2Grams: 0 })] }))).toContain('commodities.0.yieldPerM2Grams:zero_yield');
    expect(await issues(problem({ commodities: [crop({ weeksToHarvest: 0 })] }))).toContain(
      'commodities.0.weeksToHarvest:harvest_before_planting',
    );
    expect(await issues(problem({ commodities: [crop({ harvestWeeks: 2 })] }))).toContain('commodities.0.yieldSpread:spread_length');
    expect(await issues(problem({ farmers: [{ id: 'F1', group: 'A', plots: [plot('P1', 0)], unavailableWeeks: [] }] }))).toContain(
      'farmers.0.plots.0.areaM2:no_area',
    );
    expect(
      await issues(
        problem({
          fixed: [
            { farmerId: 'F1', plotId: 'P1', commodity: 'SAWI', plantWeek: 0, areaM2: 80 },
            { farmerId: 'F1', plotId: 'P1', commodity: 'SAWI', plantWeek: 0, areaM2: 80 },
          ],
        }),
      ),
    ).toEqual([expect.stringMatching(/^fixed\.\d\.areaM2:plot_overfull$/)]);
  });

  it('explains demand that cannot be met: no crop parameters, a family nobody may grow, too early, wrong altitude', async () => {
    const pr = problem({
      weeks: 12,
      commodities: [
        crop(),
        crop({ code: 'LABU', family: 'cucurbitaceae' }),
        crop({ code: 'TEH', family: 'brassicaceae', altitudeMinM: 2000, altitudeMaxM: 3000 }),
      ],
      demand: [
        { commodity: 'DURIAN', grade: null, week: 5, grams: 1000 },
        { commodity: 'LABU', grade: null, week: 5, grams: 1000 },
        { commodity: 'LABU', grade: null, week: 6, grams: 1000 },
        { commodity: 'TEH', grade: null, week: 7, grams: 1000 },
        { commodity: 'SAWI', grade: null, week: 0, grams: 5000 },
        { commodity: 'SAWI', grade: null, week: 1, grams: 5000 },
        { commodity: 'SAWI', grade: null, week: 6, grams: 5000 },
      ],
    });
    const r = await optimisePlan(pr);
    const why = r.explanations.map((e) => `${e.commodity}:${e.reason}:${e.fromWeek}-${e.toWeek}`);
    expect(why).toEqual([
      'DURIAN:no_crop_parameters:5-5',
      'LABU:family_not_allowed:5-6',
      'SAWI:before_first_harvest:0-1',
      'TEH:altitude:7-7',
    ]);
    expect(r.explanations[2]!.message.id).toMatch(/panen paling cepat \(minggu ke-3/);
    expect(r.figures.shortfallGrams).toBe(14_000);
    expect(checkPlan(pr, r.plan).ok).toBe(true);
  });

  it('refuses a model that is too large', async () => {
    const pr = syntheticProblem({ farmers: 10, commodities: 5, weeks: 20, seed: 2 });
    await expect(optimisePlan({ ...pr, settings: { maxVariables: 10 } })).rejects.toMatchObject({ code: 'model_too_large' });
  });
});

describe('time limits', () => {
  it("stops at HiGHS' time limit and says so, saving nothing", async () => {
    const pr = syntheticProblem({ farmers: 80, commodities: 30, weeks: 52, seed: 3 });
    const e = await optimisePlan({ ...pr, settings: { timeLimitSeconds: 0.01 } }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(PlanningSolveError);
    expect((e as PlanningSolveError).code).toBe('time_limit');
    expect((e as PlanningSolveError).msg.id).toMatch(/batas waktu/);
  }, 60_000);

  it('terminates the worker when it runs past the hard limit', async () => {
    const pr = syntheticProblem({ farmers: 80, commodities: 30, weeks: 52, seed: 3 });
    const started = performance.now();
    const e = await withPlanningWorker(300, (s) => s.optimise(pr)).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(PlanningWorkerError);
    expect((e as PlanningWorkerError).detail).toMatchObject({ kind: 'solve', code: 'time_limit' });
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('runs optimiser, baseline and checker in the worker thread', async () => {
    const pr = syntheticProblem({ farmers: 12, commodities: 6, weeks: 26, seed: 9 });
    const r = await withPlanningWorker(60_000, async (s) => {
      const o = await s.optimise(pr);
      return { o, check: await s.check(pr, o.plan), greedy: await s.baseline(pr) };
    });
    expect(r.check.ok).toBe(true);
    expect(typeof r.o.figures.expectedIncome).toBe('bigint');
    expect(r.greedy.plan.plantings.length).toBeGreaterThan(0);
  }, 60_000);
});

describe('compared with the spreadsheet way', () => {
  it('has less shortfall and less oversupply than giving each week to farmers in turn', async () => {
    const pr = syntheticProblem({ farmers: 40, commodities: 12, weeks: 40, seed: 21 });
    const opt = await optimisePlan(pr);
    const greedy = baselinePlan(pr);
    expect(opt.figures.shortfallGrams).toBeLessThan(greedy.figures.shortfallGrams);
    expect(opt.figures.oversupplyGrams).toBeLessThan(greedy.figures.oversupplyGrams);
    expect(opt.figures.objective).toBeLessThan(greedy.figures.objective);
    expect(opt.figures.fairness.farmersLeftOut).toBe(0);
  }, 120_000);
});
