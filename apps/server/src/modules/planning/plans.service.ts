/**
 * Plans: the engine's input built from the cooperative's crops, capacity and demand; solving in a
 * worker thread (optimiser, spreadsheet baseline, independent checker) and saving only a plan the
 * checker passed; re-planning the open weeks with what is in the ground kept; the plan, its Gantt
 * and coverage views.
 */
import { createHash } from 'node:crypto';
import { todayIn } from '@kopdes/shared/format';
import { amountForGrams } from '@kopdes/shared/quantity';
import { PLANTING_STATUS_LABELS, type PlanSummary, type PlantingStatus } from '@kopdes/shared/planning';
import type { Db } from '../../db/client.js';
import { concurrentOnPool } from '../../db/concurrent.js';
import type { Actor } from '../../lib/actor.js';
import { AppError, conflict, notFound, type FieldError } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { recordAudit } from '../audit/audit.service.js';
import { getCooperative } from '../cooperatives/cooperatives.service.js';
import { addWeeks, weeksBetween } from './engine/calendar.js';
import { compile, type Compiled } from './engine/compile.js';
import { plantingHarvest, plantingTotalGrams } from './engine/harvest.js';
import { PlanningBusyError, PlanningWorkerError, withPlanningWorker } from './engine/run-worker.js';
import type { CheckReport, DemandCell, FixedPlanting, PlanFigures, PlanningProblem, Planting } from './engine/types.js';
import type { OptimisedPlan } from './engine/planner.js';
import { planSheetPdf } from './planning.pdf.js';
import { cropParams, forecastGrams, requireSeason } from './planning.service.js';
import * as repo from './planning.repository.js';

type Lang = 'id' | 'en';

/** Seconds the worker may run past HiGHS' own limit (placing, checking, the baseline) before it is stopped. */
const GRACE_SECONDS = 25;

interface Built {
  problem: PlanningProblem;
  /** Index → entity, to name the field of an input problem. */
  refs: { crops: string[]; farmers: string[]; plots: string[][]; demand: DemandCell[]; fixed: string[] };
}

/** The engine's input for a season, from the cooperative's own tables. */
export async function buildProblem(
  db: Db,
  coopId: string,
  season: repo.SeasonRow,
  opts: { firstOpenWeek: number; fixed: (FixedPlanting & { ref: string })[]; timeLimitSeconds: number },
): Promise<Built> {
  const [cropRows, farmerRows, plotRows, demandRows] = await concurrentOnPool(
    db,
    () => repo.listCrops(db, coopId),
    () => repo.listFarmers(db, coopId),
    () => repo.listPlots(db, coopId),
    () => repo.listDemand(db, coopId, season.id),
  );
  const active = cropRows.filter((c) => c.active);
  const fixedPlots = new Set(opts.fixed.map((f) => f.plotId));
  const farmers = farmerRows
    .map((f) => ({
      id: f.farmerId,
      name: f.name,
      group: f.groupName,
      // Inactive plots still carry what is in the ground on them.
      plots: plotRows
        .filter((p) => p.farmerId === f.farmerId && (p.active || fixedPlots.has(p.plotId)))
        .map((p) => ({
          id: p.plotId,
          name: p.name,
          areaM2: p.areaM2,
          altitudeM: p.altitudeM,
          allowedFamilies: p.active ? p.allowedFamilies : [],
          lastFamily: p.lastFamily,
        })),
      unavailableWeeks: f.unavailableWeeks.map((d) => weeksBetween(season.startDate, d)).filter((w) => w >= 0 && w < season.weeks),
      acceptsExtra: f.acceptsExtra,
    }))
    .filter((f) => f.plots.length);
  const fixedCrops = new Set(opts.fixed.map((f) => f.commodity));
  const commodities = cropRows.filter((c) => c.active || fixedCrops.has(c.code)).map(cropParams);
  const activeCodes = new Set(active.map((c) => c.code));
  const demand: DemandCell[] = demandRows
    .filter((r) => r.week >= opts.firstOpenWeek && r.week < season.weeks && activeCodes.has(r.commodityCode))
    .map((r) => ({
      commodity: r.commodityCode,
      grade: r.grade === '*' ? null : (r.grade as 'A' | 'B' | 'C'),
      week: r.week,
      grams: Number(forecastGrams(r, season.safetyMarginPct)),
    }))
    .filter((d) => d.grams > 0);
  const problem: PlanningProblem = {
    weeks: season.weeks,
    startDate: season.startDate,
    firstOpenWeek: opts.firstOpenWeek,
    commodities,
    farmers,
    demand,
    fixed: opts.fixed,
    settings: { timeLimitSeconds: opts.timeLimitSeconds },
  };
  return {
    problem,
    refs: {
      crops: commodities.map((c) => c.code),
      farmers: farmers.map((f) => f.id),
      plots: farmers.map((f) => f.plots.map((p) => p.id)),
      demand,
      fixed: opts.fixed.map((f) => f.ref),
    },
  };
}

/** An engine input path (`farmers.3.plots.0.areaM2`) as a field naming the entity (`plots.P1.areaM2`). */
function fieldOf(path: string, refs: Built['refs']): string {
  const p = path.split('.');
  const rest = (n: number) => p.slice(n).join('.');
  if (p[0] === 'commodities') return `crops.${refs.crops[Number(p[1])]}.${rest(2)}`;
  if (p[0] === 'farmers' && p[2] === 'plots') return `plots.${refs.plots[Number(p[1])]?.[Number(p[3])]}.${rest(4)}`;
  if (p[0] === 'farmers') return `farmers.${refs.farmers[Number(p[1])]}.${rest(2)}`;
  if (p[0] === 'demand') {
    const d = refs.demand[Number(p[1])];
    return d ? `demand.${d.commodity}.${d.grade ?? '*'}.${d.week}.${rest(2)}` : path;
  }
  if (p[0] === 'fixed') return `plantings.${refs.fixed[Number(p[1])]}.${rest(2)}`;
  return `season.${path}`;
}

function workerFailure(e: unknown, refs: Built['refs']): never {
  if (e instanceof PlanningBusyError) {
    throw conflict('planning_busy', {
      id: 'Sedang ada perhitungan rencana lain; coba lagi sebentar lagi',
      en: 'Another plan is being computed; try again shortly',
    });
  }
  if (!(e instanceof PlanningWorkerError)) throw e;
  const d = e.detail;
  if (d.kind === 'input') {
    const fields: FieldError[] = d.issues.map((i) => ({ field: fieldOf(i.path, refs), code: i.code, message: i.message }));
    throw new AppError(
      'validation',
      'planning_input',
      {
        id: `Data perencanaan tidak lengkap atau tidak masuk akal: ${d.issues[0]!.message.id}`,
        en: `The planning data is incomplete or makes no sense: ${d.issues[0]!.message.en}`,
      },
      fields,
    );
  }
  if (d.kind === 'solve') throw new AppError('unprocessable', d.code, d.msg, [], { details: d.details });
  throw e;
}

export interface SolveResult {
  optimised: OptimisedPlan;
  greedy: { plan: { plantings: Planting[] }; figures: PlanFigures };
  check: CheckReport;
  greedyCheck: CheckReport;
}

/** Optimiser, baseline and the checker on both, in one worker session. */
export async function solveProblem(problem: PlanningProblem, timeLimitSeconds: number): Promise<SolveResult> {
  return withPlanningWorker((timeLimitSeconds + GRACE_SECONDS) * 1000, async (s) => {
    const optimised = await s.optimise(problem);
    const greedy = await s.baseline(problem);
    const check = await s.check(problem, optimised.plan);
    const greedyCheck = await s.check(problem, greedy.plan);
    return { optimised, greedy, check, greedyCheck };
  });
}

const hashOf = (problem: PlanningProblem) =>
  createHash('sha256')
    .update(JSON.stringify(problem, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)))
    .digest('hex');

const figuresJson = (f: PlanFigures) => ({
  demandGrams: String(f.demandGrams),
  supplyGrams: String(f.supplyGrams),
  shortfallGrams: String(f.shortfallGrams),
  oversupplyGrams: String(f.oversupplyGrams),
  plantedM2: f.plantedM2,
  plantings: f.plantings,
  expectedIncome: f.expectedIncome.toString(),
  objective: Math.round(f.objective * 1000) / 1000,
  fairness: f.fairness,
});

async function savePlan(
  db: Db,
  actor: Actor,
  coopId: string,
  season: repo.SeasonRow,
  built: Built,
  result: SolveResult,
  previous: { plan: repo.PlanRow; plantings: Map<string, repo.PlantingRow> } | null,
) {
  const { optimised, greedy, check, greedyCheck } = result;
  if (!check.ok) {
    throw new AppError(
      'unprocessable',
      'plan_check_failed',
      {
        id: `Pemeriksa menolak rencana (${check.violations.length} pelanggaran); tidak ada yang disimpan`,
        en: `The checker refused the plan (${check.violations.length} violations); nothing was saved`,
      },
      [],
      { violations: check.violations.slice(0, 20) },
    );
  }
  const cp = compile(built.problem);
  const planId = newId('rtn');
  const solver = optimised.solver;
  const summary = {
    solver: {
      status: solver.status,
      highsStatus: solver.highsStatus,
      method: solver.method,
      gapPct: Math.round(solver.gap * 1e6) / 1e4,
      bound: Math.round(solver.bound * 1000) / 1000,
      objective: Math.round(solver.objective * 1000) / 1000,
      variables: solver.variables,
      constraints: solver.constraints,
      landGroups: solver.landClasses,
      solveMs: solver.solveMs,
      totalMs: solver.totalMs,
    },
    figures: figuresJson(optimised.figures),
    greedy: figuresJson(greedy.figures),
    check: { ok: check.ok, checkedPlantings: check.checkedPlantings, greedyOk: greedyCheck.ok },
    explanations: optimised.explanations.map((e) => ({ ...e, shortfallGrams: String(e.shortfallGrams) })),
  };
  await db.transaction(async (tx) => {
    await repo.supersedePlans(tx, coopId, season.id);
    await repo.insertPlan(tx, {
      cooperativeId: coopId,
      id: planId,
      seasonId: season.id,
      status: 'active',
      firstOpenWeek: built.problem.firstOpenWeek ?? 0,
      solverStatus: solver.status,
      method: solver.method,
      gapPpm: Math.min(1_000_000, Math.round(solver.gap * 1e6)),
      demandGrams: BigInt(optimised.figures.demandGrams),
      shortfallGrams: BigInt(optimised.figures.shortfallGrams),
      oversupplyGrams: BigInt(optimised.figures.oversupplyGrams),
      expectedIncome: optimised.figures.expectedIncome,
      summary,
      inputHash: hashOf(built.problem),
      checkPassed: true,
      replacesPlanId: previous?.plan.id ?? null,
      createdBy: actor.id,
      createdByLabel: actor.label,
    });
    await repo.insertPlantings(
      tx,
      optimised.plan.plantings.map((p) => {
        const crop = cp.cropByCode.get(p.commodity)!;
        const plot = cp.plotById.get(p.plotId)!;
        const grams = BigInt(plantingTotalGrams(crop, plot.altitude, p.areaM2));
        const before = p.ref ? previous?.plantings.get(p.ref) : undefined;
        return {
          cooperativeId: coopId,
          id: newId('tnm'),
          planId,
          farmerId: p.farmerId,
          plotId: p.plotId,
          commodityCode: p.commodity,
          plantWeek: before?.plantWeek ?? p.plantWeek,
          areaM2: before?.areaM2 ?? p.areaM2,
          offsetM2: p.offsetM2,
          expectedGrams: grams,
          expectedIncome: amountForGrams(grams, crop.price),
          fixed: p.fixed,
          status: before?.status ?? 'planned',
          actualPlantWeek: before ? (before.actualPlantWeek ?? (p.plantWeek !== before.plantWeek ? p.plantWeek : null)) : null,
          actualAreaM2: before ? (before.actualAreaM2 ?? (p.areaM2 !== before.areaM2 ? p.areaM2 : null)) : null,
          note: before?.note ?? null,
          updatedByLabel: actor.label,
        };
      }),
    );
    await recordAudit(tx, coopId, actor, {
      action: previous ? 'planning.plan.replan' : 'planning.plan.solve',
      entityType: 'planning_plan',
      entityId: planId,
      changes: {
        seasonId: season.id,
        replaces: previous?.plan.id ?? null,
        solver: summary.solver,
        shortfallGrams: summary.figures.shortfallGrams,
      },
    });
  });
  return planId;
}

export async function solveSeason(db: Db, actor: Actor, coopId: string, seasonId: string, input: { timeLimitSeconds: number }, lang: Lang) {
  const season = await requireSeason(db, coopId, seasonId);
  const active = await repo.findActivePlan(db, coopId, seasonId);
  if (active && (await repo.plantedCount(db, coopId, active.id)) > 0) {
    throw conflict('season_started', {
      id: 'Sebagian rencana sudah ditanam; gunakan rencana ulang (re-plan) untuk minggu yang masih terbuka',
      en: 'Part of the plan is already planted; re-plan the open weeks instead',
    });
  }
  const built = await buildProblem(db, coopId, season, { firstOpenWeek: 0, fixed: [], timeLimitSeconds: input.timeLimitSeconds });
  requireSomethingToPlan(built.problem);
  const result = await solveProblem(built.problem, input.timeLimitSeconds).catch((e) => workerFailure(e, built.refs));
  const planId = await savePlan(db, actor, coopId, season, built, result, null);
  return planSummary(db, coopId, planId, lang);
}

function requireSomethingToPlan(p: PlanningProblem) {
  if (!p.farmers.length) {
    throw new AppError('unprocessable', 'no_capacity', {
      id: 'Belum ada petani dengan lahan aktif di kapasitas tanam; tidak ada yang bisa direncanakan',
      en: 'No farmer with an active plot in the planting capacity; nothing can be planned',
    });
  }
  if (!p.demand.length) {
    throw new AppError('unprocessable', 'no_demand', {
      id: 'Belum ada permintaan untuk minggu yang masih terbuka; isi tabel permintaan dulu',
      en: 'No demand in the open weeks; fill in the demand table first',
    });
  }
}

/** Plantings as they are now: the group's change or what was actually planted, else the plan. */
export const effective = (p: repo.PlantingRow) => ({ week: p.actualPlantWeek ?? p.plantWeek, area: p.actualAreaM2 ?? p.areaM2 });

export async function replanSeason(
  db: Db,
  actor: Actor,
  coopId: string,
  seasonId: string,
  input: { asOf?: string; timeLimitSeconds: number },
  today: string,
  lang: Lang,
) {
  const season = await requireSeason(db, coopId, seasonId);
  const active = await repo.findActivePlan(db, coopId, seasonId);
  if (!active)
    throw notFound({ id: 'Musim ini belum punya rencana; buat rencana dulu', en: 'This season has no plan yet; make one first' });
  const currentWeek = Math.max(0, weeksBetween(season.startDate, input.asOf ?? today));
  if (currentWeek >= season.weeks) {
    throw new AppError('unprocessable', 'season_over', {
      id: 'Musim sudah selesai; tidak ada minggu terbuka untuk direncanakan ulang',
      en: 'The season is over; no open weeks to re-plan',
    });
  }
  const rows = (await repo.listPlantings(db, coopId, active.id)).filter((p) => p.status !== 'cancelled');
  // Kept as they are: what is in the ground (planted, or its planting week has passed) and what the
  // farmer groups have confirmed or changed — a farmer who agreed to plant has bought seed for it.
  const kept = rows.filter((p) => p.status !== 'planned' || effective(p).week < currentWeek);
  const fixed = kept.map((p) => ({
    ref: p.id,
    farmerId: p.farmerId,
    plotId: p.plotId,
    commodity: p.commodityCode,
    plantWeek: effective(p).week,
    areaM2: effective(p).area,
    offsetM2: p.offsetM2,
  }));
  const built = await buildProblem(db, coopId, season, { firstOpenWeek: currentWeek, fixed, timeLimitSeconds: input.timeLimitSeconds });
  requireSomethingToPlan(built.problem);
  const result = await solveProblem(built.problem, input.timeLimitSeconds).catch((e) => workerFailure(e, built.refs));
  const planId = await savePlan(db, actor, coopId, season, built, result, { plan: active, plantings: new Map(rows.map((p) => [p.id, p])) });
  return planSummary(db, coopId, planId, lang);
}

// ── reading plans ───────────────────────────────────────────────────────────────────────────

export async function requirePlan(db: Db, coopId: string, planId: string) {
  const plan = await repo.findPlan(db, coopId, planId);
  if (!plan) throw notFound({ id: 'Rencana tanam tidak ditemukan', en: 'Plan not found' });
  return plan;
}

type StoredSummary = {
  solver: PlanSummary['solver'];
  figures: ReturnType<typeof figuresJson>;
  greedy: ReturnType<typeof figuresJson>;
  check: { ok: boolean; checkedPlantings: number; greedyOk: boolean };
  explanations: {
    commodity: string;
    fromWeek: number;
    toWeek: number;
    shortfallGrams: string;
    reason: string;
    message: { id: string; en: string };
  }[];
};

export function presentSummary(plan: repo.PlanRow, lang: Lang) {
  const s = plan.summary as unknown as StoredSummary;
  return {
    id: plan.id,
    seasonId: plan.seasonId,
    status: plan.status as 'active' | 'superseded',
    firstOpenWeek: plan.firstOpenWeek,
    createdAt: plan.createdAt.toISOString(),
    solver: s.solver,
    figures: s.figures,
    greedy: s.greedy,
    check: s.check,
    explanations: s.explanations.map((e) => ({ ...e, message: e.message[lang] })),
  };
}

export async function planSummary(db: Db, coopId: string, planId: string, lang: Lang) {
  return presentSummary(await requirePlan(db, coopId, planId), lang);
}

interface Context {
  season: repo.SeasonRow;
  plan: repo.PlanRow;
  plantings: repo.PlantingRow[];
  crops: Map<string, repo.CropRow>;
  farmers: Map<string, repo.FarmerRow>;
  plots: Map<string, repo.PlotRow>;
  cp: Compiled;
}

/** A plan with everything needed to show it; `cp` knows every crop and plot, active or not. */
export async function planContext(db: Db, coopId: string, planId: string): Promise<Context> {
  const plan = await requirePlan(db, coopId, planId);
  const [season, plantings, cropRows, farmerRows, plotRows] = await concurrentOnPool(
    db,
    () => requireSeason(db, coopId, plan.seasonId),
    () => repo.listPlantings(db, coopId, planId),
    () => repo.listCrops(db, coopId),
    () => repo.listFarmers(db, coopId),
    () => repo.listPlots(db, coopId),
  );
  const cp = compile({
    weeks: season.weeks,
    startDate: season.startDate,
    commodities: cropRows.map(cropParams),
    farmers: farmerRows.map((f) => ({
      id: f.farmerId,
      group: f.groupName,
      unavailableWeeks: [],
      plots: plotRows
        .filter((p) => p.farmerId === f.farmerId)
        .map((p) => ({
          id: p.plotId,
          areaM2: p.areaM2,
          altitudeM: p.altitudeM,
          allowedFamilies: p.allowedFamilies,
          lastFamily: p.lastFamily,
        })),
    })),
    demand: [],
    fixed: [],
  });
  return {
    season,
    plan,
    plantings,
    crops: new Map(cropRows.map((c) => [c.code, c])),
    farmers: new Map(farmerRows.map((f) => [f.farmerId, f])),
    plots: new Map(plotRows.map((p) => [p.plotId, p])),
    cp,
  };
}

export function presentPlanting(ctx: Context, p: repo.PlantingRow) {
  const crop = ctx.crops.get(p.commodityCode)!;
  const e = effective(p);
  return {
    id: p.id,
    farmerId: p.farmerId,
    farmerName: ctx.farmers.get(p.farmerId)?.name ?? p.farmerId,
    group: ctx.farmers.get(p.farmerId)?.groupName ?? '',
    plotId: p.plotId,
    plotName: ctx.plots.get(p.plotId)?.name ?? p.plotId,
    commodity: p.commodityCode,
    commodityName: crop.name,
    plantWeek: p.plantWeek,
    plantDate: addWeeks(ctx.season.startDate, e.week),
    harvestFromWeek: e.week + crop.weeksToHarvest,
    harvestToWeek: e.week + crop.weeksToHarvest + crop.harvestWeeks - 1,
    areaM2: p.areaM2,
    offsetM2: p.offsetM2,
    beds: Math.floor(e.area / crop.bedM2),
    expectedGrams: p.expectedGrams.toString(),
    expectedIncome: p.expectedIncome.toString(),
    fixed: p.fixed,
    status: p.status as PlantingStatus,
    actualPlantWeek: p.actualPlantWeek,
    actualAreaM2: p.actualAreaM2,
    note: p.note,
  };
}

export async function getPlan(db: Db, coopId: string, planId: string, lang: Lang) {
  const ctx = await planContext(db, coopId, planId);
  return { summary: presentSummary(ctx.plan, lang), plantings: ctx.plantings.map((p) => presentPlanting(ctx, p)) };
}

export async function activePlanOf(db: Db, coopId: string, seasonId: string, lang: Lang) {
  await requireSeason(db, coopId, seasonId);
  const plan = await repo.findActivePlan(db, coopId, seasonId);
  if (!plan) throw notFound({ id: 'Musim ini belum punya rencana', en: 'This season has no plan yet' });
  return getPlan(db, coopId, plan.id, lang);
}

const weekRefs = (season: repo.SeasonRow) =>
  Array.from({ length: season.weeks }, (_, w) => ({ week: w, weekStart: addWeeks(season.startDate, w) }));

export async function ganttOf(db: Db, coopId: string, planId: string, q: { group?: string; farmerId?: string }) {
  const ctx = await planContext(db, coopId, planId);
  const groups = new Map<string, Map<string, ReturnType<typeof presentPlanting>[]>>();
  for (const row of ctx.plantings) {
    const p = presentPlanting(ctx, row);
    if ((q.group && p.group !== q.group) || (q.farmerId && p.farmerId !== q.farmerId)) continue;
    let g = groups.get(p.group);
    if (!g) groups.set(p.group, (g = new Map()));
    const list = g.get(p.farmerId) ?? [];
    list.push(p);
    g.set(p.farmerId, list);
  }
  return {
    weeks: weekRefs(ctx.season),
    groups: [...groups.entries()]
      .sort((a, b) => a[0].localeCompare(b[0]))
      .map(([group, farmers]) => ({
        group,
        farmers: [...farmers.entries()]
          .sort((a, b) => a[0].localeCompare(b[0]))
          .map(([farmerId, list]) => ({
            farmerId,
            name: list[0]!.farmerName,
            bars: list.map((p) => ({
              plantingId: p.id,
              commodity: p.commodity,
              commodityName: p.commodityName,
              plotName: p.plotName,
              areaM2: p.actualAreaM2 ?? p.areaM2,
              startWeek: p.actualPlantWeek ?? p.plantWeek,
              harvestFromWeek: p.harvestFromWeek,
              endWeek: p.harvestToWeek,
              status: p.status,
            })),
          })),
      })),
  };
}

/** Expected grams per commodity and week from the plan's live plantings (changes and cancellations counted). */
export function expectedByWeek(ctx: Context): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const p of ctx.plantings) {
    if (p.status === 'cancelled') continue;
    const crop = ctx.cp.cropByCode.get(p.commodityCode);
    const plot = ctx.cp.plotById.get(p.plotId);
    if (!crop || !plot) continue;
    const e = effective(p);
    let series = out.get(p.commodityCode);
    if (!series) out.set(p.commodityCode, (series = new Array<number>(ctx.season.weeks).fill(0)));
    for (const h of plantingHarvest(crop, plot.altitude, e.area, e.week))
      if (h.week >= 0 && h.week < ctx.season.weeks) series[h.week]! += h.grams;
  }
  return out;
}

export async function demandByWeek(db: Db, coopId: string, season: repo.SeasonRow): Promise<Map<string, bigint[]>> {
  const out = new Map<string, bigint[]>();
  for (const r of await repo.listDemand(db, coopId, season.id)) {
    if (r.week >= season.weeks) continue;
    let s = out.get(r.commodityCode);
    if (!s) out.set(r.commodityCode, (s = new Array<bigint>(season.weeks).fill(0n)));
    s[r.week]! += forecastGrams(r, season.safetyMarginPct);
  }
  return out;
}

export async function actualByWeek(db: Db, coopId: string, season: repo.SeasonRow): Promise<Map<string, (bigint | null)[]>> {
  const out = new Map<string, (bigint | null)[]>();
  const rows = await repo.actualsByWeek(db, coopId, season.startDate, addWeeks(season.startDate, season.weeks));
  for (const r of rows) {
    const w = weeksBetween(season.startDate, r.weekStart);
    if (w < 0 || w >= season.weeks) continue;
    let s = out.get(r.commodity);
    if (!s) out.set(r.commodity, (s = new Array<bigint | null>(season.weeks).fill(null)));
    s[w] = (s[w] ?? 0n) + BigInt(r.grams);
  }
  return out;
}

export async function coverageOf(db: Db, coopId: string, planId: string, q: { commodity?: string }) {
  const ctx = await planContext(db, coopId, planId);
  const [demand, actual] = await concurrentOnPool(
    db,
    () => demandByWeek(db, coopId, ctx.season),
    () => actualByWeek(db, coopId, ctx.season),
  );
  const expected = expectedByWeek(ctx);
  const codes = [...new Set([...demand.keys(), ...expected.keys()])].filter((c) => !q.commodity || c === q.commodity).sort();
  const zeros = () => new Array<bigint>(ctx.season.weeks).fill(0n);
  return {
    weeks: weekRefs(ctx.season),
    commodities: codes.map((code) => ({
      commodity: code,
      name: ctx.crops.get(code)?.name ?? code,
      demandGrams: (demand.get(code) ?? zeros()).map(String),
      expectedGrams: (expected.get(code) ?? new Array<number>(ctx.season.weeks).fill(0)).map(String),
      actualGrams: (actual.get(code) ?? new Array<bigint | null>(ctx.season.weeks).fill(null)).map((x) =>
        x === null ? null : x.toString(),
      ),
    })),
  };
}

/** Today in the cooperative's own time zone. */
export async function todayOf(db: Db, coopId: string): Promise<string> {
  return todayIn((await getCooperative(db, coopId)).timeZone);
}

/** The farmer's plan sheet (PDF) for the group meeting. */
export async function planSheet(db: Db, coopId: string, planId: string, farmerId: string, today: string) {
  const ctx = await planContext(db, coopId, planId);
  const farmer = ctx.farmers.get(farmerId);
  const own = ctx.plantings.filter((p) => p.farmerId === farmerId && p.status !== 'cancelled');
  if (!farmer && !own.length) throw notFound({ id: 'Petani tidak ada dalam rencana ini', en: 'The farmer is not in this plan' });
  const coop = await getCooperative(db, coopId);
  const weekly = new Map<number, Map<string, bigint>>();
  const rows = own
    .map((p) => {
      const crop = ctx.crops.get(p.commodityCode)!;
      const e = effective(p);
      const plot = ctx.cp.plotById.get(p.plotId);
      const grams = plot ? BigInt(plantingTotalGrams(ctx.cp.cropByCode.get(p.commodityCode)!, plot.altitude, e.area)) : p.expectedGrams;
      if (plot) {
        for (const h of plantingHarvest(ctx.cp.cropByCode.get(p.commodityCode)!, plot.altitude, e.area, e.week)) {
          if (h.grams <= 0) continue;
          const m = weekly.get(h.week) ?? new Map<string, bigint>();
          m.set(crop.name, (m.get(crop.name) ?? 0n) + BigInt(h.grams));
          weekly.set(h.week, m);
        }
      }
      return {
        commodityName: crop.name,
        plotName: ctx.plots.get(p.plotId)?.name ?? p.plotId,
        fromM2: p.offsetM2,
        toM2: p.offsetM2 + e.area,
        areaM2: e.area,
        beds: Math.floor(e.area / crop.bedM2),
        bedM2: crop.bedM2,
        plantWeek: e.week,
        plantDate: addWeeks(ctx.season.startDate, e.week),
        harvestFrom: addWeeks(ctx.season.startDate, e.week + crop.weeksToHarvest),
        harvestTo: addWeeks(ctx.season.startDate, e.week + crop.weeksToHarvest + crop.harvestWeeks - 1),
        expectedGrams: grams,
        expectedIncome: amountForGrams(grams, crop.pricePerKg),
        pricePerKg: crop.pricePerKg,
        status: PLANTING_STATUS_LABELS[p.status as PlantingStatus].id,
      };
    })
    .sort((a, b) => a.plantWeek - b.plantWeek || a.plotName.localeCompare(b.plotName) || a.fromM2 - b.fromM2);
  const pdf = await planSheetPdf({
    coopName: coop.name,
    coopPlace: coop.village?.name ?? '',
    seasonName: ctx.season.name,
    seasonStart: ctx.season.startDate,
    seasonEnd: addWeeks(ctx.season.startDate, ctx.season.weeks - 1),
    farmer: { id: farmerId, name: farmer?.name ?? farmerId, group: farmer?.groupName ?? '' },
    plots: [...ctx.plots.values()]
      .filter((p) => p.farmerId === farmerId && p.active)
      .map((p) => ({ name: p.name, areaM2: p.areaM2, altitudeM: p.altitudeM })),
    plantings: rows,
    weekly: [...weekly.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([w, m]) => ({
        weekStart: addWeeks(ctx.season.startDate, w),
        items: [...m.entries()].map(([commodityName, grams]) => ({ commodityName, grams })),
      })),
    printedOn: today,
  });
  const safeName = (farmer?.name ?? farmerId)
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase();
  return { pdf, filename: `rencana-tanam-${safeName || 'petani'}.pdf` };
}
