/**
 * What a manager would do in a spreadsheet, as the baseline every plan is compared with: go
 * through each commodity's weeks in order; where the expected harvest does not cover the week's
 * demand, plant the difference `weeks to harvest` earlier, reckoning (as a spreadsheet does) that
 * the harvest spreads evenly over the harvest weeks; give the planting to the farmers in turn,
 * each on a plot that may grow it and has room. It keeps every rule the checker checks.
 */
import { cellOf, suitable, yieldAt, type Compiled } from './compile.js';
import { Layout } from './layout.js';
import type { Planting } from './types.js';

export function greedyPlantings(cp: Compiled): Planting[] {
  const layout = new Layout(cp);
  layout.placeFixed(cp.fixed);
  // The manager's own bookkeeping: kg expected per crop and week, harvest spread evenly.
  const expected = cp.crops.map(() => new Float64Array(cp.W));
  const book = (crop: number, plantWeek: number, kg: number) => {
    const c = cp.crops[crop]!;
    for (let k = 0; k < c.hw; k++) {
      const w = plantWeek + c.h + k;
      if (w >= 0 && w < cp.W) expected[crop]![w]! += kg / c.hw;
    }
  };
  for (const p of layout.pieces) book(p.crop, p.week, (p.len * yieldAt(cp.crops[p.crop]!, cp.plots[p.plot]!.altitude).yieldPerM2) / 1000);

  let turn = 0;
  const n = cp.farmers.length;
  for (const crop of cp.crops) {
    for (let w = 0; w < cp.W; w++) {
      let demandKg = 0;
      for (const ch of crop.channels) demandKg += cp.demand[cellOf(cp.W, crop.idx, ch, w)]! / 1000;
      let needKg = demandKg - expected[crop.idx]![w]!;
      const plantWeek = w - crop.h;
      if (needKg <= 1e-9 || plantWeek < cp.open || crop.avoid.has(cp.weekOfYear(plantWeek))) continue;
      for (let tried = 0; tried < n && needKg > 1e-9; tried++) {
        const farmer = cp.farmers[turn]!;
        turn = (turn + 1) % n;
        if (farmer.unavailable.has(plantWeek)) continue;
        for (const plotIdx of farmer.plots) {
          const plot = cp.plots[plotIdx]!;
          if (!suitable(crop, plot)) continue;
          const weeklyKgPerM2 = yieldAt(crop, plot.altitude).yieldPerM2 / 1000 / crop.hw;
          const beds = Math.ceil(needKg / weeklyKgPerM2 / crop.bed - 1e-9);
          const placed = layout.place(-1, [plotIdx], crop.idx, plantWeek, beds);
          if (placed > 0) {
            const kg = placed * crop.bed * weeklyKgPerM2 * crop.hw;
            book(crop.idx, plantWeek, kg);
            needKg -= kg / crop.hw;
            break;
          }
        }
      }
    }
  }
  return layout.plantings();
}
