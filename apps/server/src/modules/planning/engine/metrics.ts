/**
 * Figures of a plan, the same way for the optimiser's plan and the spreadsheet baseline: shortfall,
 * oversupply, the planning objective on the modelled part, expected income (whole Rupiah) and how
 * evenly it falls on farmers relative to their land.
 */
import { amountForGrams } from '@kopdes/shared/quantity';
import { cellOf, channelOf, suitable, type Compiled } from './compile.js';
import { plantingHarvest } from './harvest.js';
import { cellPenalty, fairnessPenalty, LAND_COST_PER_M2, type FairnessTerms } from './objective.js';
import type { FairnessFigures, Plan, PlanFigures, Planting } from './types.js';

export interface ObjectiveTerms {
  reachable: Uint8Array;
  fairness: FairnessTerms | null;
  poolOfPlot: Int32Array;
}

/** Thousand Rupiah earned inside the season by one planting (what the model's fairness terms count). */
function inSeasonIncomeK(cp: Compiled, p: Planting): number {
  const crop = cp.cropByCode.get(p.commodity)!;
  const plot = cp.plotById.get(p.plotId)!;
  let grams = 0;
  for (const h of plantingHarvest(crop, plot.altitude, p.areaM2, p.plantWeek)) if (h.week < cp.W) grams += h.grams;
  return (grams * crop.priceNum) / 1e6;
}

/** Thousand Rupiah earned inside the season per land pool by the plan's new plantings. */
export function poolIncomes(cp: Compiled, poolOfPlot: Int32Array, plantings: readonly Planting[], poolCount: number): Float64Array {
  const income = new Float64Array(poolCount);
  for (const p of plantings) {
    if (p.fixed) continue;
    const j = poolOfPlot[cp.plotById.get(p.plotId)!.idx]!;
    if (j >= 0) income[j]! += inSeasonIncomeK(cp, p);
  }
  return income;
}

export function planObjective(cp: Compiled, terms: ObjectiveTerms, plan: Plan): number {
  let objective = 0;
  for (const c of plan.coverage) {
    const crop = cp.cropByCode.get(c.commodity);
    if (!crop) continue;
    objective += cellPenalty(cp, terms.reachable, cellOf(cp.W, crop.idx, channelOf(c.grade), c.week), c.supplyGrams);
  }
  for (const p of plan.plantings) if (!p.fixed) objective += LAND_COST_PER_M2 * p.areaM2;
  if (terms.fairness)
    objective += fairnessPenalty(terms.fairness, poolIncomes(cp, terms.poolOfPlot, plan.plantings, terms.fairness.share.length));
  return objective;
}

export function expectedIncome(cp: Compiled, p: Planting): bigint {
  const crop = cp.cropByCode.get(p.commodity)!;
  const plot = cp.plotById.get(p.plotId)!;
  let grams = 0;
  for (const h of plantingHarvest(crop, plot.altitude, p.areaM2, p.plantWeek)) grams += h.grams;
  return amountForGrams(BigInt(grams), crop.price);
}

/**
 * Whether a farmer could be given work: away in some open week less than all of them, and with a
 * plot where a demanded crop may grow as its next crop (family allowed, altitude, not the family
 * grown there last).
 */
export function canGrowSomething(cp: Compiled, farmer: number): boolean {
  const f = cp.farmers[farmer]!;
  let away = 0;
  for (let w = cp.open; w < cp.W; w++) if (f.unavailable.has(w)) away++;
  if (away >= cp.W - cp.open) return false;
  return f.plots.some((p) => {
    const plot = cp.plots[p]!;
    return cp.crops.some((c) => demanded(cp, c.idx) && suitable(c, plot) && plot.lastFamily !== c.family);
  });
}

const demandedCache = new WeakMap<Compiled, boolean[]>();
function demanded(cp: Compiled, crop: number): boolean {
  let list = demandedCache.get(cp);
  if (!list) {
    list = cp.crops.map((c) =>
      c.channels.some((ch) => cp.demand.subarray(cellOf(cp.W, c.idx, ch, 0), cellOf(cp.W, c.idx, ch, 0) + cp.W).some((d) => d > 0)),
    );
    demandedCache.set(cp, list);
  }
  return list[crop]!;
}

export function fairnessFigures(cp: Compiled, plan: Plan): FairnessFigures {
  const income = new Map<string, number>();
  const planting = new Set<string>();
  for (const p of plan.plantings) {
    income.set(p.farmerId, (income.get(p.farmerId) ?? 0) + Number(expectedIncome(cp, p)));
    if (!p.fixed) planting.add(p.farmerId);
  }
  const withLand = cp.farmers.filter((f) => f.land > 0);
  const canPlant = withLand.filter((f) => canGrowSomething(cp, f.idx));
  const totalIncome = withLand.reduce((s, f) => s + (income.get(f.id) ?? 0), 0);
  const totalLand = withLand.reduce((s, f) => s + f.land, 0);
  let maxShareRatio = 0;
  for (const f of withLand) {
    if (f.acceptsExtra || totalIncome <= 0) continue;
    maxShareRatio = Math.max(maxShareRatio, (income.get(f.id) ?? 0) / totalIncome / (f.land / totalLand));
  }
  const perM2 = withLand.map((f) => (income.get(f.id) ?? 0) / f.land);
  const mean = perM2.reduce((s, x) => s + x, 0) / Math.max(1, perM2.length);
  const sd = Math.sqrt(perM2.reduce((s, x) => s + (x - mean) ** 2, 0) / Math.max(1, perM2.length));
  return {
    farmersWithLand: withLand.length,
    farmersPlanting: planting.size,
    farmersLeftOut: canPlant.filter((f) => !planting.has(f.id)).length,
    maxShareRatio: round4(maxShareRatio),
    incomePerM2Cv: round4(mean > 0 ? sd / mean : 0),
    incomePerM2Gini: round4(gini(perM2)),
  };
}

function gini(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  const n = sorted.length;
  const total = sorted.reduce((s, x) => s + x, 0);
  if (!n || total <= 0) return 0;
  let weighted = 0;
  sorted.forEach((x, i) => (weighted += (i + 1) * x));
  return (2 * weighted) / (n * total) - (n + 1) / n;
}

const round4 = (x: number) => Math.round(x * 1e4) / 1e4;

export function planFigures(cp: Compiled, terms: ObjectiveTerms, plan: Plan): PlanFigures {
  return {
    shortfallGrams: plan.totals.shortfallGrams,
    oversupplyGrams: plan.totals.oversupplyGrams,
    demandGrams: plan.totals.demandGrams,
    supplyGrams: plan.totals.supplyGrams,
    plantedM2: plan.totals.plantedM2,
    plantings: plan.plantings.filter((p) => !p.fixed).length,
    expectedIncome: plan.plantings.reduce((s, p) => s + expectedIncome(cp, p), 0n),
    objective: planObjective(cp, terms, plan),
    fairness: fairnessFigures(cp, plan),
  };
}
