/**
 * The planting model as a linear programme in CPLEX LP text, for HiGHS.
 *
 *   n[s,p] ≥ 0     beds planted in week p on plot set s (one crop, one yield; whole beds in the MIP)
 *   S[c,m,w]       kg of crop c of grade mix m harvested in week w
 *   a·, b·, s, o   kg below / above demand per (crop, grade, week), split into the deviation tiers
 *                  (a_k, b_k: tier k at its reduced rate) and the rest (s, o: full rate)
 *   U[t,r,w]       m² of pool t's band run r in use by new plantings in week w, ≤ that land still free
 *
 * minimise  Σ shortfallWeight·short + oversupplyWeight·over + fairnessWeight·(pool income outside
 * the fair band) + a tiny cost per m² (no land used for nothing).
 *
 * Only cells some planting can reach are modelled; the others cannot change and are explained.
 */
import { cellOf, CHANNELS, TOTAL_CHANNEL, type Compiled } from './compile.js';
import { hallRuns, type Land } from './land.js';
import { LAND_COST_PER_M2, type FairnessTerms } from './objective.js';

export interface PlantVar {
  set: number;
  pool: number;
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

export function plantingVars(cp: Compiled, land: Land): PlantVar[] {
  const vars: PlantVar[] = [];
  for (const set of land.sets) {
    const crop = cp.crops[set.crop]!;
    const firstHarvestK = crop.spread.findIndex((w) => w > 0);
    for (let p = cp.open; p < cp.W; p++) {
      if (p + crop.h + firstHarvestK >= cp.W) break;
      if (crop.avoid.has(cp.weekOfYear(p))) continue;
      if (set.plantable[p]! < crop.bed) continue;
      const kgPerBed = crop.spreadFrac.map((f) => (crop.bed * set.yieldPerM2 * f) / 1000);
      let inSeasonKg = 0;
      kgPerBed.forEach((kg, k) => {
        if (p + crop.h + k < cp.W) inSeasonKg += kg;
      });
      vars.push({ set: set.idx, pool: set.pool, crop: set.crop, week: p, kgPerBed, incomePerBed: (inSeasonKg * crop.priceNum) / 1000 });
    }
  }
  return vars;
}

/** Each crop's cells reached by some variable. */
export function reachableCells(cp: Compiled, vars: PlantVar[]): Uint8Array {
  const reachable = new Uint8Array(cp.crops.length * CHANNELS * cp.W);
  for (const v of vars) {
    const crop = cp.crops[v.crop]!;
    v.kgPerBed.forEach((kg, k) => {
      const w = v.week + crop.h + k;
      if (w < cp.W && kg > 0) for (const ch of crop.channels) reachable[cellOf(cp.W, crop.idx, ch, w)] = 1;
    });
  }
  return reachable;
}

export function fairnessTerms(cp: Compiled, land: Land, vars: PlantVar[]): FairnessTerms | null {
  const used = [...new Set(vars.map((v) => v.pool))].sort((a, b) => a - b);
  if (used.length < 2) return null;
  const area = used.reduce((s, t) => s + land.pools[t]!.area, 0);
  const demanded = cp.crops.filter((c) =>
    c.channels.some((ch) => cp.demand.subarray(cellOf(cp.W, c.idx, ch, 0), cellOf(cp.W, c.idx, ch, 0) + cp.W).some((d) => d > 0)),
  );
  const avgPriceK = demanded.length ? demanded.reduce((s, c) => s + c.priceNum, 0) / demanded.length / 1000 : 1;
  const share = new Float64Array(land.pools.length);
  for (const t of used) share[t] = land.pools[t]!.area / area;
  return {
    pools: used,
    share,
    cap: cp.settings.fairnessCap,
    floor: cp.settings.fairnessFloor,
    weight: cp.settings.fairnessWeight / Math.max(avgPriceK, 1e-6),
  };
}

export function buildModel(cp: Compiled, land: Land, fixedSupply: Float64Array): BuiltModel {
  const vars = plantingVars(cp, land);
  const integer = vars.length <= cp.settings.mipMaxVariables;
  const { shortfallWeight: ws, oversupplyWeight: wo, deviationTiers: tiers } = cp.settings;
  const W = cp.W;
  const reachable = reachableCells(cp, vars);
  const obj: string[] = [];
  const rows: string[] = [];
  const bounds: string[] = [];
  let columns = vars.length;
  let rowCount = 0;
  const row = (terms: string, sense: string, rhs: number) => rows.push(` r${rowCount++}: ${terms} ${sense} ${num(rhs)}`);
  const push = <K>(m: Map<K, string[]>, k: K, t: string) => {
    const l = m.get(k);
    if (l) l.push(t);
    else m.set(k, [t]);
  };

  // Supply rows: S[c,m,w] = Σ kg from plantings of crop c with grade mix m harvested in week w.
  const mixIds = new Map<string, number>();
  const mixes: number[][] = [];
  const supplyTerms = new Map<string, string[]>();
  const mixesOfCrop = new Map<number, Set<number>>();
  vars.forEach((v, i) => {
    const crop = cp.crops[v.crop]!;
    const set = land.sets[v.set]!;
    obj.push(`+ ${num(LAND_COST_PER_M2 * crop.bed)} n${i}`);
    const mixKey = set.mix.join('/');
    let m = mixIds.get(mixKey);
    if (m === undefined) {
      mixIds.set(mixKey, (m = mixes.length));
      mixes.push(set.mix);
    }
    const ofCrop = mixesOfCrop.get(v.crop) ?? new Set<number>();
    ofCrop.add(m);
    mixesOfCrop.set(v.crop, ofCrop);
    v.kgPerBed.forEach((kg, k) => {
      const w = v.week + crop.h + k;
      if (w < W && kg > 0) push(supplyTerms, `${v.crop}_${m}_${w}`, `+ ${num(kg)} n${i}`);
    });
  });
  for (const [key, terms] of supplyTerms) row(`${terms.join(' ')} - S${key}`, '=', 0);
  columns += supplyTerms.size;

  // Coverage rows per (crop, channel, week) the plan can reach.
  for (const crop of cp.crops) {
    const ms = [...(mixesOfCrop.get(crop.idx) ?? [])].sort((a, b) => a - b);
    for (const ch of crop.channels) {
      for (let w = 0; w < W; w++) {
        const cell = cellOf(W, crop.idx, ch, w);
        if (!reachable[cell]) continue;
        const terms: string[] = [];
        for (const m of ms) {
          if (!supplyTerms.has(`${crop.idx}_${m}_${w}`)) continue;
          const mix = mixes[m]!;
          const share = ch === TOTAL_CHANNEL ? 1 : mix[ch]! / (mix[0]! + mix[1]! + mix[2]!);
          if (share > 0) terms.push(`+ ${num(share)} S${crop.idx}_${m}_${w}`);
        }
        const d = cp.demand[cell]! / 1000;
        if (d > 0) {
          let from = 0;
          tiers.forEach((tier, k) => {
            const width = (tier.upToShare - from) * d;
            from = tier.upToShare;
            terms.push(`+ a${k}_${cell}`, `- b${k}_${cell}`);
            obj.push(`+ ${num(ws * tier.weight)} a${k}_${cell}`, `+ ${num(wo * tier.weight)} b${k}_${cell}`);
            bounds.push(` a${k}_${cell} <= ${num(width)}`, ` b${k}_${cell} <= ${num(width)}`);
            columns += 2;
          });
          terms.push(`+ s${cell}`);
          obj.push(`+ ${num(ws)} s${cell}`);
          bounds.push(` s${cell} <= ${num(Math.max(0, d * (1 - from)))}`);
          columns++;
        }
        terms.push(`- o${cell}`);
        obj.push(`+ ${num(wo)} o${cell}`);
        columns++;
        row(terms.join(' '), '=', d - fixedSupply[cell]! / 1000);
      }
    }
  }

  // Land: for each pool, run of bands and week, U[w] = U[w-1] + started − finished ≤ free land.
  const starts = new Map<string, string[]>();
  const ends = new Map<string, string[]>();
  vars.forEach((v, i) => {
    const crop = cp.crops[v.crop]!;
    push(starts, `${v.set}_${v.week}`, `${num(crop.bed)} n${i}`);
    if (v.week + crop.occ < W) push(ends, `${v.set}_${v.week + crop.occ}`, `${num(crop.bed)} n${i}`);
  });
  const setsInUse = new Set(vars.map((v) => v.set));
  for (const pool of land.pools) {
    const sets = land.sets.filter((s) => s.pool === pool.idx && setsInUse.has(s.idx));
    if (!sets.length) continue;
    hallRuns(sets).forEach((run, r) => {
      const name = `U${pool.idx}_${r}`;
      for (let w = cp.open; w < W; w++) {
        const terms = [`${name}_${w}`];
        if (w > cp.open) terms.push(`- ${name}_${w - 1}`);
        for (const s of run.sets) {
          for (const t of starts.get(`${s}_${w}`) ?? []) terms.push(`- ${t}`);
          for (const t of ends.get(`${s}_${w}`) ?? []) terms.push(`+ ${t}`);
        }
        row(terms.join(' '), '=', 0);
        let free = 0;
        for (let b = run.from; b <= run.to; b++) free += pool.free[b]![w]!;
        bounds.push(` ${name}_${w} <= ${num(Math.max(0, free))}`);
        columns++;
      }
    });
    // Rotation early in the season: a family cannot use the land where it grew last (a relaxation:
    // the soonest another crop could have grown there first bounds how long).
    for (const block of pool.rotationBlocked) {
      const famSets = sets.filter((x) => cp.crops[x.crop]!.family === block.family);
      if (!famSets.length) continue;
      const name = `R${pool.idx}_${block.family}`;
      for (let w = cp.open; w < block.untilWeek; w++) {
        const terms = [`${name}_${w}`];
        if (w > cp.open) terms.push(`- ${name}_${w - 1}`);
        for (const x of famSets) {
          for (const t of starts.get(`${x.idx}_${w}`) ?? []) terms.push(`- ${t}`);
          for (const t of ends.get(`${x.idx}_${w}`) ?? []) terms.push(`+ ${t}`);
        }
        row(terms.join(' '), '=', 0);
        let free = 0;
        for (const f of pool.free) free += f[w]!;
        bounds.push(` ${name}_${w} <= ${num(Math.max(0, free - block.area))}`);
        columns++;
      }
    }
    // Only farmers who are there can plant.
    for (let w = cp.open; w < W; w++) {
      let free = 0;
      for (const f of pool.free) free += f[w]!;
      if (pool.plantable[w]! >= free) continue;
      const terms = sets.flatMap((s) => (starts.get(`${s.idx}_${w}`) ?? []).map((t) => `+ ${t}`));
      if (terms.length) row(terms.join(' '), '<=', Math.max(0, pool.plantable[w]!));
    }
  }

  // Fairness between pools: income share within [floor, cap] × land share, softly.
  const fairness = fairnessTerms(cp, land, vars);
  if (fairness) {
    const income = new Map<number, string[]>();
    vars.forEach((v, i) => {
      if (v.incomePerBed > 0) push(income, v.pool, `+ ${num(v.incomePerBed)} n${i}`);
    });
    for (const t of fairness.pools) {
      row(`${(income.get(t) ?? []).join(' ')} - I${t}`, '=', 0);
      const s = fairness.share[t]!;
      row(`I${t} - ${num(fairness.cap * s)} T - fu${t}`, '<=', 0);
      row(`I${t} - ${num(fairness.floor * s)} T + fl${t}`, '>=', 0);
      obj.push(`+ ${num(fairness.weight)} fu${t}`, `+ ${num(fairness.weight)} fl${t}`);
    }
    row(`${fairness.pools.map((t) => `+ I${t}`).join(' ')} - T`, '=', 0);
    columns += 3 * fairness.pools.length + 1;
  }

  vars.forEach((v, i) => bounds.push(` n${i} <= ${Math.floor(land.sets[v.set]!.plantable[v.week]! / cp.crops[v.crop]!.bed)}`));
  const lines = ['Minimize', ` obj: ${obj.join(' ')}`, 'Subject To', ...rows, 'Bounds', ...bounds];
  if (integer && vars.length) {
    lines.push('General');
    for (let i = 0; i < vars.length; i += 20)
      lines.push(
        ` ${vars
          .slice(i, i + 20)
          .map((_, k) => `n${i + k}`)
          .join(' ')}`,
      );
  }
  lines.push('End', '');
  return { lp: lines.join('\n'), vars, integer, rows: rowCount, columns, reachable, fairness };
}
