/**
 * Whole beds, crop by crop. Without the land limits shared between crops (and the fairness terms,
 * which are never negative), the planting problem falls apart into one small problem per crop:
 * how many whole beds of each yield variant to plant in each week. HiGHS solves each as a MIP.
 *  - Their answers are a plan (after placing them on plots) that is usually far closer to the
 *    best whole-bed plan than rounding the LP.
 *  - The sum of their proven lower bounds is a lower bound of the whole problem too (a relaxation
 *    of it), and a much tighter one than the LP's, because it knows beds are whole.
 */
import { cellOf, TOTAL_CHANNEL, type Compiled } from './compile.js';
import type { Land } from './land.js';
import { runHighs } from './highs-run.js';
import { LAND_COST_PER_M2 } from './objective.js';

/** The plots where a crop yields the same (same yield per m², same grade mix), over all pools. */
export interface CropVariant {
  crop: number;
  yieldPerM2: number;
  mix: number[];
  sets: number[];
  plantable: Float64Array;
}

export function cropVariants(cp: Compiled, land: Land): CropVariant[] {
  const byKey = new Map<string, CropVariant>();
  for (const set of land.sets) {
    const key = `${set.crop}|${set.yieldPerM2}|${set.mix.join('/')}`;
    let v = byKey.get(key);
    if (!v) {
      v = { crop: set.crop, yieldPerM2: set.yieldPerM2, mix: set.mix, sets: [], plantable: new Float64Array(cp.W) };
      byKey.set(key, v);
    }
    v.sets.push(set.idx);
    for (let w = 0; w < cp.W; w++) v.plantable[w]! += set.plantable[w]!;
  }
  return [...byKey.values()];
}

export interface CropPlan {
  crop: number;
  /** Beds per variant index (into the crop's variants) and week. */
  beds: { variant: CropVariant; week: number; beds: number }[];
  bound: number;
  objective: number;
  status: string;
}

const num = (v: number) => {
  const s = Number(v.toPrecision(12)).toString();
  return s.includes('e') ? v.toFixed(12) : s;
};

export async function solveCrop(
  cp: Compiled,
  crop: number,
  variants: CropVariant[],
  fixedSupply: Float64Array,
  timeLimitSeconds: number,
): Promise<CropPlan | null> {
  const c = cp.crops[crop]!;
  const firstK = c.spread.findIndex((w) => w > 0);
  const vars: { variant: CropVariant; week: number; kg: number[] }[] = [];
  for (const v of variants) {
    for (let p = cp.open; p < cp.W; p++) {
      if (p + c.h + firstK >= cp.W) break;
      if (c.avoid.has(cp.weekOfYear(p)) || v.plantable[p]! < c.bed) continue;
      vars.push({ variant: v, week: p, kg: c.spreadFrac.map((f) => (c.bed * v.yieldPerM2 * f) / 1000) });
    }
  }
  if (!vars.length) return null;
  const { shortfallWeight: ws, oversupplyWeight: wo } = cp.settings;
  const obj: string[] = [];
  const rows: string[] = [];
  const bounds: string[] = [];
  const terms = new Map<number, string[]>();
  vars.forEach((x, i) => {
    obj.push(`+ ${num(LAND_COST_PER_M2 * c.bed)} n${i}`);
    bounds.push(` n${i} <= ${Math.floor(x.variant.plantable[x.week]! / c.bed)}`);
    const mixSum = x.variant.mix[0]! + x.variant.mix[1]! + x.variant.mix[2]!;
    x.kg.forEach((kg, k) => {
      const w = x.week + c.h + k;
      if (w >= cp.W || kg <= 0) return;
      for (const ch of c.channels) {
        const share = ch === TOTAL_CHANNEL ? 1 : x.variant.mix[ch]! / mixSum;
        if (share <= 0) continue;
        const cell = cellOf(cp.W, crop, ch, w);
        const list = terms.get(cell) ?? [];
        list.push(`+ ${num(kg * share)} n${i}`);
        terms.set(cell, list);
      }
    });
  });
  for (const [cell, t] of [...terms.entries()].sort((a, b) => a[0] - b[0])) {
    const d = cp.demand[cell]! / 1000;
    const rhs = d - fixedSupply[cell]! / 1000;
    if (d > 0) {
      t.push(`+ s${cell}`);
      obj.push(`+ ${num(ws)} s${cell}`);
      bounds.push(` s${cell} <= ${num(d)}`);
    }
    t.push(`- o${cell}`);
    obj.push(`+ ${num(wo)} o${cell}`);
    rows.push(` c${cell}: ${t.join(' ')} = ${num(rhs)}`);
  }
  const lp = [
    'Minimize',
    ` obj: ${obj.join(' ')}`,
    'Subject To',
    ...rows,
    'Bounds',
    ...bounds,
    'General',
    ...vars.map((_, i) => ` n${i}`),
    'End',
    '',
  ].join('\n');
  const answer = await runHighs(lp, { timeLimitSeconds, integer: true, plantingVars: vars.length });
  if (!answer.hasSolution) return null;
  const beds: CropPlan['beds'] = [];
  vars.forEach((x, i) => {
    const n = Math.round(answer.plantings[i]!);
    if (n > 0) beds.push({ variant: x.variant, week: x.week, beds: n });
  });
  return { crop, beds, bound: answer.bound, objective: answer.objective, status: answer.status };
}
