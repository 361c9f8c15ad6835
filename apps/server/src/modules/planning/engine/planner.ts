/**
 * The planner: validate → compile → place what is in the ground → land classes → model → HiGHS →
 * whole beds on plots → local search → fair shares → the plan with its claims, figures and
 * explanations. Same input, same plan: inputs are sorted, the solver's options are fixed, and
 * every later step breaks ties by index.
 */
import { cellOf, compile, TOTAL_CHANNEL, type Compiled } from './compile.js';
import { explain } from './explain.js';
import { greedyPlantings } from './greedy.js';
import { supplyOf, withClaims } from './harvest.js';
import { runHighs } from './highs-run.js';
import { localSearch, rebalance, type SearchState } from './improve.js';
import { Layout, PlacementError } from './layout.js';
import { landOf, type Land } from './land.js';
import { buildModel, fairnessTerms, plantingVars, reachableCells, type BuiltModel, type PlantVar } from './model.js';
import { canGrowSomething, planFigures, planObjective, type ObjectiveTerms } from './metrics.js';
import type { Explanation, Plan, PlanFigures, PlanningProblem, SolverReport, SolverStatus } from './types.js';
import { validateProblem, type Issue } from './validate.js';

export class PlanningInputError extends Error {
  constructor(readonly issues: Issue[]) {
    super(issues.map((i) => `${i.path}: ${i.message.en}`).join('; '));
  }
}

export type SolveFailure = 'model_too_large' | 'time_limit' | 'solver_failed';

export class PlanningSolveError extends Error {
  constructor(
    readonly code: SolveFailure,
    readonly msg: { id: string; en: string },
    readonly details: Record<string, unknown> = {},
  ) {
    super(msg.en);
  }
}

export interface OptimisedPlan {
  plan: Plan;
  figures: PlanFigures;
  solver: SolverReport;
  explanations: Explanation[];
}

interface Prepared {
  cp: Compiled;
  layout: Layout;
  land: Land;
}

function prepare(problem: PlanningProblem): Prepared {
  const issues = validateProblem(problem);
  if (issues.length) throw new PlanningInputError(issues);
  const cp = compile(problem);
  const layout = new Layout(cp);
  try {
    layout.placeFixed(cp.fixed);
  } catch (e) {
    if (!(e instanceof PlacementError)) throw e;
    const f = cp.fixed[e.index]!;
    const index = problem.fixed.indexOf(f);
    throw new PlanningInputError([
      {
        path: `fixed.${index}.areaM2`,
        code: 'plot_overfull',
        message: {
          id: `Tanaman ${f.commodity} ${f.areaM2} m² di lahan ${f.plotId} tidak muat bersama tanaman lain yang sudah ada (luas lahan terlampaui)`,
          en: `Planting ${f.commodity} ${f.areaM2} m² on plot ${f.plotId} does not fit beside the other plantings in the ground (plot area exceeded)`,
        },
      },
    ]);
  }
  return { cp, layout, land: landOf(cp, layout.strips) };
}

function objectiveTerms(prep: Prepared): ObjectiveTerms {
  const vars = plantingVars(prep.cp, prep.land);
  return { reachable: reachableCells(prep.cp, vars), fairness: fairnessTerms(prep.cp, prep.land, vars), poolOfPlot: prep.land.poolOfPlot };
}

export async function optimisePlan(problem: PlanningProblem): Promise<OptimisedPlan> {
  const started = performance.now();
  const prep = prepare(problem);
  const { cp, land } = prep;
  const settings = cp.settings;
  const fixedSupply = supplyOf(cp, prep.layout.plantings());
  const model = buildModel(cp, land, fixedSupply);
  if (model.vars.length > settings.maxVariables) {
    throw new PlanningSolveError(
      'model_too_large',
      {
        id: `Model terlalu besar: ${model.vars.length} variabel tanam (batas ${settings.maxVariables}). Kurangi jumlah minggu atau komoditas, atau samakan jenis lahan.`,
        en: `Model too large: ${model.vars.length} planting variables (limit ${settings.maxVariables}). Shorten the season, drop commodities, or make plots' allowed families more uniform.`,
      },
      { variables: model.vars.length, limit: settings.maxVariables },
    );
  }
  const deadline = started + settings.timeLimitSeconds * 1000;
  let bound = 0;
  let highsStatus = 'Empty';
  let solveMs = 0;
  let values: Float64Array = new Float64Array(0);
  if (model.vars.length) {
    const timeLeft = Math.max(0.01, (deadline - performance.now()) / 1000);
    const answer = await runHighs(model.lp, { timeLimitSeconds: timeLeft * 0.8, integer: model.integer, plantingVars: model.vars.length });
    solveMs = answer.runMs;
    highsStatus = answer.status;
    if (!answer.hasSolution) {
      if (answer.status === 'Time limit reached') {
        throw new PlanningSolveError(
          'time_limit',
          {
            id: `Perhitungan rencana berhenti pada batas waktu ${settings.timeLimitSeconds} detik tanpa rencana yang layak; tidak ada yang disimpan. Naikkan batas waktu atau perkecil musim.`,
            en: `Planning stopped at the ${settings.timeLimitSeconds} s time limit without a usable plan; nothing was saved. Raise the limit or plan a shorter season.`,
          },
          { timeLimitSeconds: settings.timeLimitSeconds, variables: model.vars.length },
        );
      }
      throw new PlanningSolveError(
        'solver_failed',
        {
          id: `Pemecah masalah gagal (${answer.status}); tidak ada yang disimpan`,
          en: `The solver failed (${answer.status}); nothing was saved`,
        },
        { highsStatus: answer.status },
      );
    }
    bound = answer.bound;
    values = answer.plantings;
  }

  // Whole beds placed on plots in planting order (within a week the plot sets with the least land
  // first), then improved.
  const order = model.vars
    .map((_, i) => i)
    .sort((a, b) => {
      const x = model.vars[a]!;
      const y = model.vars[b]!;
      return x.week - y.week || land.sets[x.set]!.plots.length - land.sets[y.set]!.plots.length || x.set - y.set;
    });
  const want = wholeBeds(model, values);
  const layout = freshLayout(prep);
  for (const i of order) {
    const v = model.vars[i]!;
    if (want[i]! > 0) layout.place(v.set, land.sets[v.set]!.plots, v.crop, v.week, want[i]!);
  }
  const best = finish(prep, model, fixedSupply, layout, deadline);
  const { plan, objective, layout: finalLayout } = best;
  const gap = objective > 1e-9 ? Math.max(0, (objective - bound) / objective) : 0;
  const timedOut = highsStatus === 'Time limit reached' || best.cutShort;
  const status: SolverStatus = timedOut ? 'time_limit' : gap <= 1e-6 ? 'optimal' : 'feasible';
  const terms: ObjectiveTerms = { reachable: model.reachable, fairness: model.fairness, poolOfPlot: land.poolOfPlot };
  const figures = planFigures(cp, terms, plan);
  const explanations = explain(cp, plan, { reachable: model.reachable, land, layout: finalLayout });
  return {
    plan,
    figures,
    explanations,
    solver: {
      highsStatus,
      status,
      method: model.integer ? 'mip' : 'lp_rounded',
      bound,
      objective,
      gap,
      variables: model.columns,
      constraints: model.rows,
      landClasses: land.sets.length,
      solveMs: Math.round(solveMs),
      totalMs: Math.round(performance.now() - started),
    },
  };
}

/**
 * The model's beds made whole: the MIP's as they are; the LP's so that each plot set's running
 * total stays within half a bed of the LP's (neighbouring weeks' harvests overlap, so errors do
 * not pile up).
 */
function wholeBeds(model: BuiltModel, values: Float64Array): Int32Array {
  const beds = new Int32Array(model.vars.length);
  if (model.integer) {
    values.forEach((x, i) => (beds[i] = Math.round(x)));
    return beds;
  }
  const carry = new Map<number, number>();
  // Variables of a set come in week order (plantingVars builds them so).
  model.vars.forEach((v, i) => {
    const target = values[i]! + (carry.get(v.set) ?? 0);
    beds[i] = Math.max(0, Math.round(target));
    carry.set(v.set, target - beds[i]!);
  });
  return beds;
}

interface Finished {
  plan: Plan;
  objective: number;
  layout: Layout;
  /** The deadline stopped the local search or the sharing-out early. */
  cutShort: boolean;
}

function freshLayout(prep: Prepared): Layout {
  const layout = new Layout(prep.cp);
  layout.placeFixed(prep.cp.fixed);
  return layout;
}

/** From placed whole beds to the finished plan: local search, fair shares, claims, objective. */
function finish(prep: Prepared, model: BuiltModel, fixedSupply: Float64Array, layout: Layout, deadline: number): Finished {
  const { cp, land } = prep;
  const index = new Map<string, number>();
  model.vars.forEach((v, i) => index.set(`${v.set}|${v.week}`, i));
  const beds = new Int32Array(model.vars.length);
  for (const p of layout.pieces) {
    if (p.group < 0 || p.len <= 0) continue;
    const i = index.get(`${p.group}|${p.week}`)!;
    beds[i]! += p.len / cp.crops[p.crop]!.bed;
  }
  const poolIncome = new Float64Array(land.pools.length);
  model.vars.forEach((v, i) => (poolIncome[v.pool]! += beds[i]! * v.incomePerBed));
  const state: SearchState = {
    cp,
    land,
    vars: model.vars,
    layout,
    beds,
    supply: supplyOfBeds(cp, fixedSupply, model.vars, beds, land),
    reachable: model.reachable,
    fairness: model.fairness,
    poolIncome,
  };
  const { cutShort } = localSearch(state, { maxMoves: 400_000, deadline });
  const rebalanceCut = rebalance(cp, land, layout, (f) => canGrowSomething(cp, f), { deadline });
  const plan = withClaims(cp, layout.plantings());
  const objective = planObjective(cp, { reachable: model.reachable, fairness: model.fairness, poolOfPlot: land.poolOfPlot }, plan);
  return { plan, objective, layout, cutShort: cutShort || rebalanceCut };
}

function supplyOfBeds(cp: Compiled, fixedSupply: Float64Array, vars: PlantVar[], beds: Int32Array, land: Land) {
  const supply = Float64Array.from(fixedSupply);
  vars.forEach((v, i) => {
    if (!beds[i]) return;
    const crop = cp.crops[v.crop]!;
    const mix = land.sets[v.set]!.mix;
    const mixSum = mix[0]! + mix[1]! + mix[2]!;
    v.kgPerBed.forEach((kg, k) => {
      const w = v.week + crop.h + k;
      if (w >= cp.W) return;
      const grams = kg * 1000 * beds[i]!;
      if (crop.graded) for (let ch = 0; ch < 3; ch++) supply[cellOf(cp.W, crop.idx, ch, w)]! += (grams * mix[ch]!) / mixSum;
      else supply[cellOf(cp.W, crop.idx, TOTAL_CHANNEL, w)]! += grams;
    });
  });
  return supply;
}

/** The spreadsheet baseline for the same problem, with the same figures. */
export function baselinePlan(problem: PlanningProblem): { plan: Plan; figures: PlanFigures } {
  const prep = prepare(problem);
  const plan = withClaims(prep.cp, greedyPlantings(prep.cp));
  return { plan, figures: planFigures(prep.cp, objectiveTerms(prep), plan) };
}

/**
 * The plan measured without the deviation tiers (plain weighted kg of shortfall and oversupply)
 * against the LP bound of that plain model: how far the plan is from the best possible by that
 * stricter measure. Costs one more LP solve; the benchmark reports it beside the planning gap.
 */
export async function strictFigures(problem: PlanningProblem, plan: Plan): Promise<{ bound: number; objective: number; gap: number }> {
  const strict = { ...problem, settings: { ...problem.settings, deviationTiers: [] } };
  const prep = prepare(strict);
  const model = buildModel(prep.cp, prep.land, supplyOf(prep.cp, prep.layout.plantings()));
  const answer = await runHighs(model.lp, {
    timeLimitSeconds: prep.cp.settings.timeLimitSeconds,
    integer: false,
    plantingVars: model.vars.length,
  });
  const objective = planObjective(
    prep.cp,
    { reachable: model.reachable, fairness: model.fairness, poolOfPlot: prep.land.poolOfPlot },
    plan,
  );
  return { bound: answer.bound, objective, gap: objective > 0 ? Math.max(0, (objective - answer.bound) / objective) : 0 };
}
