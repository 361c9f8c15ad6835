/**
 * Expected harvest of a planting in whole grams, and the coverage a plan claims. The rule: total =
 * area × yield per m² at the plot's altitude; split over the harvest weeks by the spread weights,
 * then each week over the grades by the grade mix, both by largest remainder (ties to the earlier
 * week / better grade), so every part is whole grams and the parts add up exactly.
 */
import { cellOf, CHANNELS, channelGrade, TOTAL_CHANNEL, yieldAt, type Compiled, type Crop } from './compile.js';
import type { CoverageCell, Plan, Planting, PlanTotals } from './types.js';

/** Largest-remainder split in safe integers. */
export function splitWhole(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((s, w) => s + w, 0);
  if (!Number.isSafeInteger(total * Math.max(...weights))) throw new RangeError('harvest too large to split exactly');
  const parts = weights.map((w) => Math.floor((total * w) / sum));
  let left = total - parts.reduce((s, x) => s + x, 0);
  const order = weights.map((w, i) => ({ i, rem: (total * w) % sum })).sort((a, b) => b.rem - a.rem || a.i - b.i);
  for (const { i } of order) {
    if (left === 0) break;
    parts[i]! += 1;
    left -= 1;
  }
  return parts;
}

export interface HarvestWeek {
  week: number;
  grams: number;
  byGrade: number[];
}

export function plantingHarvest(crop: Crop, altitudeM: number, areaM2: number, plantWeek: number): HarvestWeek[] {
  const { yieldPerM2, mix } = yieldAt(crop, altitudeM);
  const weekly = splitWhole(areaM2 * yieldPerM2, crop.spread);
  return weekly.map((grams, k) => ({ week: plantWeek + crop.h + k, grams, byGrade: splitWhole(grams, mix) }));
}

export function plantingTotalGrams(crop: Crop, altitudeM: number, areaM2: number): number {
  return areaM2 * yieldAt(crop, altitudeM).yieldPerM2;
}

/** Supply grams per cell from a list of plantings (only weeks inside the season count). */
export function supplyOf(cp: Compiled, plantings: readonly Planting[]): Float64Array {
  const supply = new Float64Array(cp.crops.length * CHANNELS * cp.W);
  for (const p of plantings) {
    const crop = cp.cropByCode.get(p.commodity)!;
    const plot = cp.plotById.get(p.plotId)!;
    for (const h of plantingHarvest(crop, plot.altitude, p.areaM2, p.plantWeek)) {
      if (h.week < 0 || h.week >= cp.W) continue;
      if (crop.graded) h.byGrade.forEach((g, ch) => (supply[cellOf(cp.W, crop.idx, ch, h.week)]! += g));
      else supply[cellOf(cp.W, crop.idx, TOTAL_CHANNEL, h.week)]! += h.grams;
    }
  }
  return supply;
}

/** The plan with the coverage and totals it claims, computed from its plantings. */
export function withClaims(cp: Compiled, plantings: Planting[]): Plan {
  const supply = supplyOf(cp, plantings);
  const coverage: CoverageCell[] = [];
  const totals: PlanTotals = {
    demandGrams: 0,
    supplyGrams: 0,
    shortfallGrams: 0,
    oversupplyGrams: 0,
    plantedM2: 0,
    plantings: plantings.length,
  };
  for (const crop of cp.crops) {
    for (const ch of crop.channels) {
      for (let w = 0; w < cp.W; w++) {
        const cell = cellOf(cp.W, crop.idx, ch, w);
        const d = cp.demand[cell]!;
        const s = supply[cell]!;
        if (d === 0 && s === 0) continue;
        const c: CoverageCell = {
          commodity: crop.code,
          grade: channelGrade(ch),
          week: w,
          demandGrams: d,
          supplyGrams: s,
          shortfallGrams: Math.max(0, d - s),
          oversupplyGrams: Math.max(0, s - d),
        };
        coverage.push(c);
        totals.demandGrams += d;
        totals.supplyGrams += s;
        totals.shortfallGrams += c.shortfallGrams;
        totals.oversupplyGrams += c.oversupplyGrams;
      }
    }
  }
  for (const d of cp.orphanDemand) {
    coverage.push({
      commodity: d.commodity,
      grade: d.grade,
      week: d.week,
      demandGrams: d.grams,
      supplyGrams: 0,
      shortfallGrams: d.grams,
      oversupplyGrams: 0,
    });
    totals.demandGrams += d.grams;
    totals.shortfallGrams += d.grams;
  }
  for (const p of plantings) if (!p.fixed) totals.plantedM2 += p.areaM2;
  return { plantings, coverage, totals };
}
