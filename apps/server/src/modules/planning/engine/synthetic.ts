/**
 * A seeded, realistic planning problem of any size, for the benchmark and the large tests: highland
 * crops (the defaults and variants of them), farmers with one to three plots at 1,100–1,700 m of a
 * few land types, some away for a few weeks, and contract demand that starts once a harvest is
 * possible, follows a seasonal swing with week-to-week noise, and asks per grade for most crops.
 */
import { DEFAULT_CROPS } from '../default-crops.js';
import type { CommodityParams, DemandCell, FarmerCapacity, PlanningProblem } from './types.js';

export function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LAND_TYPES: { share: number; families: string[] }[] = [
  { share: 0.5, families: ['solanaceae', 'brassicaceae', 'apiaceae', 'fabaceae', 'cucurbitaceae', 'asteraceae', 'amaryllidaceae'] },
  { share: 0.2, families: ['solanaceae', 'brassicaceae', 'apiaceae', 'amaryllidaceae'] },
  { share: 0.1, families: ['solanaceae', 'rosaceae', 'cucurbitaceae', 'asteraceae'] },
  { share: 0.2, families: ['brassicaceae', 'asteraceae', 'fabaceae', 'apiaceae'] },
];

export interface SyntheticOptions {
  farmers: number;
  commodities: number;
  weeks: number;
  seed?: number;
  startDate?: string;
  /** Share of the land the demand needs in use on average. */
  landUse?: number;
}

export function syntheticCommodities(count: number, rnd: () => number): CommodityParams[] {
  const out: CommodityParams[] = DEFAULT_CROPS.slice(0, count).map((c) => ({ ...c }));
  for (let k = 0; out.length < count; k++) {
    const base = DEFAULT_CROPS[k % DEFAULT_CROPS.length]!;
    const h = Math.max(3, base.weeksToHarvest + Math.round((rnd() - 0.5) * 4));
    out.push({
      ...base,
      code: `${base.code.slice(0, 10)}V${Math.floor(k / DEFAULT_CROPS.length) + 1}`,
      name: `${base.name} varietas ${Math.floor(k / DEFAULT_CROPS.length) + 1}`,
      weeksToHarvest: h,
      yieldPerM2Grams: Math.round((base.yieldPerM2Grams * (0.8 + 0.4 * rnd())) / 10) * 10,
      altitudeYields: base.altitudeYields?.map((b) => ({ ...b })),
      pricePerKg: BigInt(Math.round((Number(base.pricePerKg) * (0.8 + 0.5 * rnd())) / 100) * 100),
    });
  }
  return out;
}

export function syntheticProblem(o: SyntheticOptions): PlanningProblem {
  const rnd = mulberry32(o.seed ?? 1);
  const weeks = o.weeks;
  const commodities = syntheticCommodities(o.commodities, rnd);
  const groups = Math.max(1, Math.round(o.farmers / 35));
  const farmers: FarmerCapacity[] = [];
  let totalArea = 0;
  for (let i = 0; i < o.farmers; i++) {
    const nPlots = rnd() < 0.6 ? 1 : rnd() < 0.75 ? 2 : 3;
    const plots = [];
    for (let k = 0; k < nPlots; k++) {
      let r = rnd();
      const type = LAND_TYPES.find((t) => (r -= t.share) < 0) ?? LAND_TYPES[0]!;
      const areaM2 = Math.round((1500 + 4500 * rnd()) / (nPlots > 1 ? 1.6 : 1) / 10) * 10;
      totalArea += areaM2;
      plots.push({
        id: `P${String(i + 1).padStart(5, '0')}-${k + 1}`,
        name: `Lahan ${k + 1}`,
        areaM2,
        altitudeM: Math.round((1100 + 600 * rnd()) / 10) * 10,
        allowedFamilies: type.families,
        lastFamily: rnd() < 0.2 ? null : type.families[Math.floor(rnd() * type.families.length)]!,
      });
    }
    const unavailableWeeks: number[] = [];
    if (rnd() < 0.1) {
      const from = Math.floor(rnd() * (weeks - 4));
      const len = 2 + Math.floor(rnd() * 3);
      for (let w = from; w < from + len; w++) unavailableWeeks.push(w);
    }
    farmers.push({
      id: `F${String(i + 1).padStart(5, '0')}`,
      name: `Petani ${i + 1}`,
      group: `Poktan ${(i % groups) + 1}`,
      plots,
      unavailableWeeks,
      acceptsExtra: rnd() < 0.05,
    });
  }

  // Demand sized so the land in use averages `landUse` of all land: planting D/y m² a week of a
  // crop that occupies the land for occ weeks keeps D/y·occ m² busy.
  const weights = commodities.map(() => 0.3 + 1.4 * rnd());
  const landPerKg = commodities.map((c) => (c.weeksToHarvest + c.harvestWeeks) / (c.yieldPerM2Grams / 1000));
  const scale = ((o.landUse ?? 0.35) * totalArea) / weights.reduce((s, w, i) => s + w * landPerKg[i]!, 0);
  const demand: DemandCell[] = [];
  commodities.forEach((c, i) => {
    const weeklyKg = weights[i]! * scale;
    const firstWeek = c.weeksToHarvest + Math.floor(rnd() * 5);
    const phase = rnd() * 52;
    const graded = rnd() < 0.7;
    const mixTotal = c.gradeMix.A + c.gradeMix.B + c.gradeMix.C;
    const split = graded
      ? (['A', 'B', 'C'] as const).map((g) => [g, (c.gradeMix[g] / mixTotal) * (0.85 + 0.3 * rnd())] as const)
      : ([[null, 1]] as const);
    for (let w = firstWeek; w < weeks; w++) {
      const kg = weeklyKg * (1 + 0.25 * Math.sin((2 * Math.PI * (w + phase)) / 52)) * (0.9 + 0.2 * rnd());
      for (const [grade, share] of split) {
        const grams = Math.round(kg * share * 1000);
        if (grams > 0) demand.push({ commodity: c.code, grade, week: w, grams });
      }
    }
  });
  return { weeks, startDate: o.startDate ?? '2026-01-05', commodities, farmers, demand, fixed: [] };
}
