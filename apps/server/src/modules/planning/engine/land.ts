/**
 * The land as the optimiser sees it. Plots that allow the same crop families form a pool; the
 * altitudes where crops start or stop growing, or change yield, cut the pools into altitude bands.
 * A crop (at one yield) may use the plots of a pool whose altitude lies in a run of bands, its plot
 * set. Plots of one set are interchangeable for that crop, so the model plans per plot set and a
 * later step places the plantings on plots.
 *
 * Land is shared: the model asks, per pool and week, that crops whose plot sets lie inside any run
 * of bands use no more than that run's free land. For crops that each use a contiguous run of
 * bands these conditions say exactly when the week's land can be shared out (Hall's condition for
 * convex bipartite graphs). Every plan on plots meets them, so the model is a relaxation and its
 * optimum a lower bound for any plan.
 */
import { suitable, yieldAt, type Compiled } from './compile.js';
import type { PlotStrip } from './strips.js';

export interface Pool {
  idx: number;
  plots: number[];
  area: number;
  /**
   * Rotation, early in the season: land on which `family` grew last (and nothing is in the ground)
   * cannot take that family again before another crop has grown there, so not before `untilWeek`.
   */
  rotationBlocked: { family: string; area: number; untilWeek: number }[];
  /** Free land (area minus plantings in the ground) per band and week. */
  free: Float64Array[];
  /** Free land whose farmer can plant, per week. */
  plantable: Float64Array;
}

export interface PlotSet {
  idx: number;
  pool: number;
  crop: number;
  /** First and last band (inclusive). */
  from: number;
  to: number;
  plots: number[];
  yieldPerM2: number;
  mix: number[];
  /** Free land of the set's plots whose farmer can plant, per week. */
  plantable: Float64Array;
}

export interface Land {
  /** Lower altitude bound of each band (m); band b covers [cuts[b], cuts[b + 1]). */
  cuts: number[];
  pools: Pool[];
  sets: PlotSet[];
  poolOfPlot: Int32Array;
}

export function landOf(cp: Compiled, strips: PlotStrip[]): Land {
  const alts = cp.plots.map((p) => p.altitude);
  const cutSet = new Set<number>();
  for (const c of cp.crops) {
    cutSet.add(c.altMin).add(c.altMax + 1);
    for (const b of c.bands) cutSet.add(b.fromM).add(b.toM);
  }
  const lo = Math.min(...alts, 0);
  const cuts = [lo, ...[...cutSet].filter((x) => x > lo)].sort((a, b) => a - b);
  const bandOf = (alt: number) => {
    let b = 0;
    while (b + 1 < cuts.length && cuts[b + 1]! <= alt) b++;
    return b;
  };

  const poolOfPlot = new Int32Array(cp.plots.length).fill(-1);
  const byKey = new Map<string, Pool>();
  const pools: Pool[] = [];
  const families = new Set(cp.crops.map((c) => c.family));
  const plotBand = new Int32Array(cp.plots.length);
  for (const plot of cp.plots) {
    const key = [...plot.allowed]
      .filter((f) => families.has(f))
      .sort()
      .join(',');
    if (!key) continue;
    let pool = byKey.get(key);
    if (!pool) {
      pool = {
        idx: pools.length,
        plots: [],
        area: 0,
        rotationBlocked: [],
        free: cuts.map(() => new Float64Array(cp.W)),
        plantable: new Float64Array(cp.W),
      };
      byKey.set(key, pool);
      pools.push(pool);
    }
    pool.plots.push(plot.idx);
    pool.area += plot.area;
    poolOfPlot[plot.idx] = pool.idx;
    const band = (plotBand[plot.idx] = bandOf(plot.altitude));
    const away = cp.farmers[plot.farmer]!.unavailable;
    for (let w = 0; w < cp.W; w++) {
      const free = plot.area - strips[plot.idx]!.usedIn(w);
      pool.free[band]![w]! += free;
      if (!away.has(w)) pool.plantable[w]! += free;
    }
  }

  for (const pool of pools) {
    const byFamily = new Map<string, number>();
    for (const p of pool.plots) {
      const plot = cp.plots[p]!;
      if (plot.lastFamily && !strips[p]!.pieces.length) byFamily.set(plot.lastFamily, (byFamily.get(plot.lastFamily) ?? 0) + plot.area);
    }
    for (const [family, area] of [...byFamily.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      // The soonest another family could have been planted there and harvested.
      let soonest = cp.W;
      for (const p of pool.plots) {
        const plot = cp.plots[p]!;
        if (plot.lastFamily !== family) continue;
        for (const c of cp.crops) if (c.family !== family && suitable(c, plot)) soonest = Math.min(soonest, cp.open + c.occ);
      }
      if (soonest > cp.open) pool.rotationBlocked.push({ family, area, untilWeek: Math.min(cp.W, soonest) });
    }
  }

  const sets: PlotSet[] = [];
  for (const pool of pools) {
    for (const crop of cp.crops) {
      const groups = new Map<number, number[]>();
      for (const p of pool.plots) {
        const plot = cp.plots[p]!;
        if (!plot.allowed.has(crop.family) || plot.altitude < crop.altMin || plot.altitude > crop.altMax) continue;
        const yb = yieldAt(crop, plot.altitude).band;
        const g = groups.get(yb);
        if (g) g.push(p);
        else groups.set(yb, [p]);
      }
      for (const [, plots] of [...groups.entries()].sort((a, b) => a[0] - b[0])) {
        const y = yieldAt(crop, cp.plots[plots[0]!]!.altitude);
        const bands = plots.map((p) => plotBand[p]!);
        const plantable = new Float64Array(cp.W);
        for (const p of plots) {
          const away = cp.farmers[cp.plots[p]!.farmer]!.unavailable;
          for (let w = 0; w < cp.W; w++) if (!away.has(w)) plantable[w]! += cp.plots[p]!.area - strips[p]!.usedIn(w);
        }
        sets.push({
          idx: sets.length,
          pool: pool.idx,
          crop: crop.idx,
          from: Math.min(...bands),
          to: Math.max(...bands),
          plots,
          yieldPerM2: y.yieldPerM2,
          mix: y.mix,
          plantable,
        });
      }
    }
  }
  return { cuts, pools, sets, poolOfPlot };
}

/**
 * The runs of bands whose land limits must be stated for a pool: for every group of plot sets that
 * some run holds, the tightest run around them (any wider run with the same sets follows from it).
 */
export function hallRuns(sets: PlotSet[]): { from: number; to: number; sets: number[] }[] {
  const froms = [...new Set(sets.map((s) => s.from))].sort((a, b) => a - b);
  const tos = [...new Set(sets.map((s) => s.to))].sort((a, b) => a - b);
  const runs = new Map<string, { from: number; to: number; sets: number[] }>();
  for (const a of froms) {
    for (const b of tos) {
      if (b < a) continue;
      const inside = sets.filter((s) => s.from >= a && s.to <= b);
      if (!inside.length) continue;
      const key = inside.map((s) => s.idx).join(',');
      if (runs.has(key)) continue;
      runs.set(key, {
        from: Math.min(...inside.map((s) => s.from)),
        to: Math.max(...inside.map((s) => s.to)),
        sets: inside.map((s) => s.idx),
      });
    }
  }
  return [...runs.values()];
}
