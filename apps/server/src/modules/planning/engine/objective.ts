/**
 * The planning objective's parts, shared by the model (as LP terms), the local search (as gains)
 * and the figures of a finished plan: weighted kg of shortfall and oversupply on the cells a plan
 * can reach (small deviations at reduced rates), income of each land pool outside its fair band,
 * and a tiny cost per m² planted.
 */
import type { Compiled } from './compile.js';

/** m² cost that keeps land unused when it does not help (and breaks ties the same way every time). */
export const LAND_COST_PER_M2 = 1e-4;

export interface FairnessTerms {
  pools: number[];
  /** Land share per pool index (0 for pools outside `pools`). */
  share: Float64Array;
  cap: number;
  floor: number;
  /** Penalty per thousand Rupiah outside the band. */
  weight: number;
}

/**
 * Weighted kg below or above a cell's demand, each part of the deviation at its tier's rate
 * (settings.deviationTiers), the part beyond the last tier at the full rate.
 */
export function cellPenalty(cp: Compiled, reachable: Uint8Array, cell: number, supplyGrams: number): number {
  if (!reachable[cell]) return 0;
  const d = cp.demand[cell]!;
  const { shortfallWeight, oversupplyWeight, deviationTiers } = cp.settings;
  let left = Math.abs(supplyGrams - d);
  let cost = 0;
  let from = 0;
  for (const tier of deviationTiers) {
    const part = Math.min(left, (tier.upToShare - from) * d);
    cost += tier.weight * part;
    left -= part;
    from = tier.upToShare;
  }
  cost += left;
  return ((supplyGrams < d ? shortfallWeight : oversupplyWeight) * cost) / 1000;
}

/** The same without tiers: plain weighted kg. */
export function strictCellPenalty(cp: Compiled, reachable: Uint8Array, cell: number, supplyGrams: number): number {
  if (!reachable[cell]) return 0;
  const d = cp.demand[cell]!;
  return supplyGrams < d
    ? (cp.settings.shortfallWeight * (d - supplyGrams)) / 1000
    : (cp.settings.oversupplyWeight * (supplyGrams - d)) / 1000;
}

/** Penalty for pool incomes (thousand Rupiah, by pool index) outside [floor, cap] × land share × total. */
export function fairnessPenalty(f: FairnessTerms, income: ArrayLike<number>): number {
  let total = 0;
  for (const j of f.pools) total += income[j]!;
  let penalty = 0;
  for (const j of f.pools) {
    const x = income[j]!;
    const s = f.share[j]!;
    penalty += Math.max(0, x - f.cap * s * total) + Math.max(0, f.floor * s * total - x);
  }
  return penalty * f.weight;
}
