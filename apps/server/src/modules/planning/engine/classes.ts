/**
 * Land classes: plots on which every crop is equally allowed and yields the same (same families
 * allowed, same altitude band for every crop) are interchangeable for the optimiser, so the model
 * plans per class and a later step places each class's plantings on its plots. Planning per class
 * is a relaxation of planning per plot: any plan on plots, summed per class, satisfies the class
 * model, so the class model's optimum is a lower bound for the plan.
 */
import { suitable, yieldAt, type Compiled } from './compile.js';
import type { PlotStrip } from './strips.js';

export interface LandClass {
  idx: number;
  plots: number[];
  area: number;
  /** Crop index → yield per m² and grade mix here (only crops that may grow here). */
  crops: Map<number, { yieldPerM2: number; mix: number[]; band: number }>;
  /** Land free for new plantings per week (area minus what is already in the ground). */
  free: number[];
  /** Land whose farmer can plant in that week (free part). */
  plantable: number[];
}

export function landClasses(cp: Compiled, strips: PlotStrip[]): LandClass[] {
  const byKey = new Map<string, LandClass>();
  const classes: LandClass[] = [];
  for (const plot of cp.plots) {
    const parts: string[] = [];
    const crops = new Map<number, { yieldPerM2: number; mix: number[]; band: number }>();
    for (const crop of cp.crops) {
      if (!suitable(crop, plot)) {
        parts.push('-');
        continue;
      }
      const y = yieldAt(crop, plot.altitude);
      crops.set(crop.idx, y);
      parts.push(String(y.band));
    }
    if (!crops.size) continue;
    const key = parts.join(',');
    let cls = byKey.get(key);
    if (!cls) {
      cls = { idx: classes.length, plots: [], area: 0, crops, free: new Array(cp.W).fill(0), plantable: new Array(cp.W).fill(0) };
      byKey.set(key, cls);
      classes.push(cls);
    }
    cls.plots.push(plot.idx);
    cls.area += plot.area;
    const farmer = cp.farmers[plot.farmer]!;
    const strip = strips[plot.idx]!;
    for (let w = 0; w < cp.W; w++) {
      const free = plot.area - strip.usedIn(w);
      cls.free[w]! += free;
      if (!farmer.unavailable.has(w)) cls.plantable[w]! += free;
    }
  }
  return classes;
}
