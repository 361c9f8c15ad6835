/**
 * The planting model as a linear programme in CPLEX LP text, for HiGHS.
 *
 *   n[j,c,p] ≥ 0   beds of crop c planted in week p on land class j (whole beds in the MIP)
 *   S[c,b,w]       kg of crop c harvested in week w on land of altitude band b
 *   short, over    kg below / above demand per (crop, grade, week)
 *   U[j,w]         m² of class j in use by new plantings in week w, ≤ the free land
 *
 * minimise  Σ shortfallWeight·short + oversupplyWeight·over + fairnessWeight·(income outside the fair
 * band per land class) + a tiny cost per m² (no land used for nothing).
 *
 * Only cells some planting can reach are modelled; the others cannot change and are explained.
 */
import { cellOf, CHANNELS, TOTAL_CHANNEL, type Compiled } from './compile.js';
import type { LandClass } from './classes.js';
import { LAND_COST_PER_M2, type FairnessTerms } from './objective.js';

export interface PlantVar {
  cls: number;
  crop: number;
  week: number;
  /** kg harvested per bed in each harvest week (index k = week + h + k). */
  kgPerBed: number[];
  /** Income (thousand Rupiah) per bed from harvest inside the season. */
  incomePerBed: number;
}

export interface BuiltModel {
  lp: string;
  vars: PlantVar[];
  integer: boolean;
  rows: number;
  columns: number;
  /** 1 where some planting variable supplies the cell. */
  reachable: Uint8Array;
  fairness: FairnessTerms | null;
}


const num = (v: number) => {
  const s = Number(v.toPrecision(12)).toString();
  return s.includes('e') ? v.toFixed(12) : s;
};

export function plantingVars(cp: Compiled, classes: LandClass[]): PlantVar[] {
  const vars: PlantVar[] = [];
  for (const cls of classes) {
    for (const [c, y] of [...cls.crops.entries()].sort((a, b) => a[0] - b[0])) {
      const crop = cp.crops[c]!;
      const firstHarvestK = crop.spread.findIndex((w) => w > 0);
      for (let p = cp.open; p < cp.W; p++) {
        if (p + crop.h + firstHarvestK >= cp.W) break;
        if (crop.avoid.has(cp.weekOfYear(p))) continue;
        if (cls.plantable[p]! < crop.bed) continue;
        const kgPerBed = crop.spreadFrac.map((f) => (crop.bed * y.yieldPerM2 * f) / 1000);
        let inSeasonKg = 0;
        kgPerBed.forEach((kg, k) => {
          if (p + crop.h + k < cp.W) inSeasonKg += kg;
        });
        vars.push({ cls: cls.idx, crop: c, week: p, kgPerBed, incomePerBed: (inSeasonKg * crop.priceNum) / 1000 });
      }
    }
  }
  return vars;
}

export function fairnessTerms(cp: Compiled, classes: LandClass[], vars: PlantVar[]): FairnessTerms | null {
  const used = [...new Set(vars.map((v) => v.cls))].sort((a, b) => a - b);
  if (used.length < 2) return null;
  const area = used.reduce((s, j) => s + classes[j]!.area, 0);
  const demanded = cp.crops.filter((c) => c.channels.some((ch) => cp.demand.subarray(cellOf(cp.W, c.idx, ch, 0), cellOf(cp.W, c.idx, ch, 0) + cp.W).some((d) => d > 0)));
  const avgPriceK = demanded.length ? demanded.reduce((s, c) => s + c.priceNum, 0) / demanded.length / 1000 : 1;
  const share = new Float64Array(classes.length);
  for (const j of used) share[j] = classes[j]!.area / area;
  return {
    classes: used,
    share,
    cap: cp.settings.fairnessCap,
    floor: cp.settings.fairnessFloor,
    weight: cp.settings.fairnessWeight / Math.max(avgPriceK, 1e-6),
  };
}

export function buildModel(cp: Compiled, classes: LandClass[], fixedSupply: Float64Array): BuiltModel {
  const vars = plantingVars(cp, classes);
  const integer = vars.length <= cp.settings.mipMaxVariables;
  const { shortfallWeight: ws, oversupplyWeight: wo } = cp.settings;
  const W = cp.W;
  const nCells = cp.crops.length * CHANNELS * W;
  const reachable = new Uint8Array(nCells);

  const obj: string[] = [];
  let columns = vars.length;
  const rows: string[] = [];
  const bounds: string[] = [];
  let rowCount = 0;
  const row = (terms: string, sense: string, rhs: number) => rows.push(` r${rowCount++}: ${terms} ${sense} ${num(rhs)}`);

  // Supply rows: S[c,b,w] = Σ kg from plantings of crop c on band-b land harvested in week w.
  const supplyTerms = new Map<string, string[]>();
  const bandMix = new Map<string, number[]>();
  vars.forEach((v, i) => {
    const crop = cp.crops[v.crop]!;
    const y = classes[v.cls]!.crops.get(v.crop)!;
    obj.push(`+ ${num(LAND_COST_PER_M2 * crop.bed)} n${i}`);
    v.kgPerBed.forEach((kg, k) => {
      const w = v.week + crop.h + k;
      if (w >= W || kg <= 0) return;
      const key = `${v.crop}_${y.band + 1}_${w}`;
      let t = supplyTerms.get(key);
      if (!t) supplyTerms.set(key, (t = []));
      t.push(`+ ${num(kg)} n${i}`);
      bandMix.set(`${v.crop}_${y.band + 1}`, y.mix);
      for (const ch of crop.channels) reachable[cellOf(W, v.crop, ch, w)] = 1;
    });
  });
  for (const [key, terms] of supplyTerms) row(`${terms.join(' ')} - S${key}`, '=', 0);
  columns += supplyTerms.size;

  // Coverage rows per (crop, channel, week) the plan can reach.
  const bandsOf = new Map<number, { band: string; mix: number[] }[]>();
  for (const [key, mix] of bandMix) {
    const [c, band] = key.split('_') as [string, string];
    const list = bandsOf.get(Number(c)) ?? [];
    list.push({ band, mix });
    bandsOf.set(Number(c), list);
  }
  for (const crop of cp.crops) {
    const bands = bandsOf.get(crop.idx) ?? [];
    for (const ch of crop.channels) {
      for (let w = 0; w < W; w++) {
        const cell = cellOf(W, crop.idx, ch, w);
        if (!reachable[cell]) continue;
        const terms: string[] = [];
        for (const b of bands) {
          if (!supplyTerms.has(`${crop.idx}_${b.band}_${w}`)) continue;
          const share = ch === TOTAL_CHANNEL ? 1 : b.mix[ch]! / b.mix.reduce((s, x) => s + x, 0);
          if (share > 0) terms.push(`+ ${num(share)} S${crop.idx}_${b.band}_${w}`);
        }
        const d = cp.demand[cell]! / 1000;
        const rhs = d - fixedSupply[cell]! / 1000;
        if (d > 0) {
          terms.push(`+ s${cell}`);
          obj.push(`+ ${num(ws)} s${cell}`);
          bounds.push(` s${cell} <= ${num(d)}`);
          columns++;
        }
        terms.push(`- o${cell}`);
        obj.push(`+ ${num(wo)} o${cell}`);
        columns++;
        row(terms.join(' '), '=', rhs);
      }
    }
  }

  // Land in use per class and week: U[w] = U[w-1] + started − finished, bounded by the free land.
  const starts = new Map<string, string[]>();
  const ends = new Map<string, string[]>();
  const push = (m: Map<string, string[]>, k: string, t: string) => {
    const l = m.get(k);
    if (l) l.push(t);
    else m.set(k, [t]);
  };
  vars.forEach((v, i) => {
    const crop = cp.crops[v.crop]!;
    push(starts, `${v.cls}_${v.week}`, `${num(crop.bed)} n${i}`);
    if (v.week + crop.occ < W) push(ends, `${v.cls}_${v.week + crop.occ}`, `${num(crop.bed)} n${i}`);
  });
  const usedClasses = [...new Set(vars.map((v) => v.cls))].sort((a, b) => a - b);
  for (const j of usedClasses) {
    const cls = classes[j]!;
    for (let w = cp.open; w < W; w++) {
      const terms = [`U${j}_${w}`];
      if (w > cp.open) terms.push(`- U${j}_${w - 1}`);
      for (const t of starts.get(`${j}_${w}`) ?? []) terms.push(`- ${t}`);
      for (const t of ends.get(`${j}_${w}`) ?? []) terms.push(`+ ${t}`);
      row(terms.join(' '), '=', 0);
      bounds.push(` U${j}_${w} <= ${num(Math.max(0, cls.free[w]!))}`);
      columns++;
      const s = starts.get(`${j}_${w}`);
      if (s && cls.plantable[w]! < cls.free[w]!) row(s.map((t) => `+ ${t}`).join(' '), '<=', Math.max(0, cls.plantable[w]!));
    }
  }

  // Fairness between land classes: income share within [floor, cap] × land share, softly.
  const fairness = fairnessTerms(cp, classes, vars);
  if (fairness) {
    const income = new Map<number, string[]>();
    vars.forEach((v, i) => {
      if (v.incomePerBed > 0) push(income, String(v.cls), `+ ${num(v.incomePerBed)} n${i}`);
    });
    for (const j of fairness.classes) {
      row(`${(income.get(String(j)) ?? []).join(' ')} - I${j}`, '=', 0);
      const s = fairness.share[j]!;
      row(`I${j} - ${num(fairness.cap * s)} T - fu${j}`, '<=', 0);
      row(`I${j} - ${num(fairness.floor * s)} T + fl${j}`, '>=', 0);
      obj.push(`+ ${num(fairness.weight)} fu${j}`, `+ ${num(fairness.weight)} fl${j}`);
    }
    row(`${fairness.classes.map((j) => `+ I${j}`).join(' ')} - T`, '=', 0);
    columns += 3 * fairness.classes.length + 1;
  }

  for (const v of vars.keys()) {
    const pv = vars[v]!;
    bounds.push(` n${v} <= ${Math.floor(classes[pv.cls]!.plantable[pv.week]! / cp.crops[pv.crop]!.bed)}`);
  }
  const lines = ['Minimize', ` obj: ${obj.join(' ') || '0 n0'}`, 'Subject To', ...rows, 'Bounds', ...bounds];
  if (integer && vars.length) lines.push('General', ...chunk(vars.map((_, i) => `n${i}`), 20).map((l) => ` ${l.join(' ')}`));
  lines.push('End', '');
  return {
    lp: lines.join('\n'),
    vars,
    integer,
    rows: rowCount,
    columns,
    reachable,
    fairness,
  };
}

function chunk<T>(xs: T[], n: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}
