/**
 * The independent checker: every plan is verified by this code, not by the code that made it,
 * before it is saved. It reads the raw problem and the plan and confirms, from scratch:
 *  - each planting is on a known plot of its farmer, of a known crop, with a positive area that
 *    lies inside the plot; new plantings also: family allowed on the plot, altitude in the crop's
 *    range, not in a week to avoid, not in a week the farmer is away, inside the open weeks, a
 *    whole number of beds;
 *  - the plantings already in the ground are all there, unchanged;
 *  - no two plantings lie on the same land in the same week, and no plot is ever over-used;
 *  - rotation: on every part of a new planting's land, the crop just before (or the plot's last
 *    family) and the crop just after are of another family;
 *  - the coverage the plan claims, cell by cell, and its totals equal what its plantings give,
 *    recomputed in exact integer grams.
 */
import { allocateLargestRemainder } from '@kopdes/shared/money';
import { addWeeks, isoWeekOf } from './calendar.js';
import {
  GRADES,
  type CheckReport,
  type CommodityParams,
  type Plan,
  type PlanningProblem,
  type PlotCapacity,
  type Violation,
} from './types.js';

const MAX_VIOLATIONS = 200;

interface Span {
  index: number;
  offset: number;
  end: number;
  from: number;
  to: number;
  family: string;
  fixed: boolean;
}

export function checkPlan(problem: PlanningProblem, plan: Plan): CheckReport {
  const violations: Violation[] = [];
  const flag = (code: Violation['code'], message: string, planting?: number) => {
    if (violations.length < MAX_VIOLATIONS) violations.push({ code, message, ...(planting !== undefined ? { planting } : {}) });
  };

  const crops = new Map<string, CommodityParams>(problem.commodities.map((c) => [c.code, c]));
  const plots = new Map<string, { plot: PlotCapacity; farmerId: string; unavailable: Set<number> }>();
  for (const f of problem.farmers)
    for (const p of f.plots) plots.set(p.id, { plot: p, farmerId: f.id, unavailable: new Set(f.unavailableWeeks) });
  const open = problem.firstOpenWeek ?? 0;
  const spans = new Map<string, Span[]>();

  plan.plantings.forEach((pl, i) => {
    const where = `#${i + 1} ${pl.commodity} ${pl.areaM2} m² plot ${pl.plotId} week ${pl.plantWeek + 1}`;
    const owner = plots.get(pl.plotId);
    const crop = crops.get(pl.commodity);
    if (!owner || owner.farmerId !== pl.farmerId) return flag('unknown_plot', `${where}: plot not found for farmer ${pl.farmerId}`, i);
    if (!crop) return flag('unknown_commodity', `${where}: unknown commodity`, i);
    const plot = owner.plot;
    if (!Number.isSafeInteger(pl.areaM2) || pl.areaM2 <= 0) flag('nonpositive_area', `${where}: area must be positive`, i);
    if (!Number.isSafeInteger(pl.offsetM2) || pl.offsetM2 < 0 || pl.offsetM2 + pl.areaM2 > plot.areaM2) {
      flag('outside_plot', `${where}: lies outside the plot's ${plot.areaM2} m² (at ${pl.offsetM2} m²)`, i);
    }
    if (pl.plantWeek >= problem.weeks) flag('week_out_of_range', `${where}: planted after the season`, i);
    if (!pl.fixed) {
      if (!plot.allowedFamilies.includes(crop.family))
        flag('family_not_allowed', `${where}: family ${crop.family} not allowed on the plot`, i);
      if (plot.altitudeM < crop.altitudeMinM || plot.altitudeM > crop.altitudeMaxM) {
        flag('altitude', `${where}: plot at ${plot.altitudeM} m, crop needs ${crop.altitudeMinM}–${crop.altitudeMaxM} m`, i);
      }
      if (pl.plantWeek < open) flag('before_open_week', `${where}: planted before the first open week ${open + 1}`, i);
      if (pl.plantWeek >= 0 && crop.avoidWeeks.includes(isoWeekOf(addWeeks(problem.startDate, pl.plantWeek)))) {
        flag('avoid_week', `${where}: planted in a week to avoid`, i);
      }
      if (owner.unavailable.has(pl.plantWeek)) flag('farmer_unavailable', `${where}: the farmer is unavailable that week`, i);
      if (pl.areaM2 % crop.bedM2 !== 0) flag('not_bed_multiple', `${where}: not a whole number of ${crop.bedM2} m² beds`, i);
    }
    const list = spans.get(pl.plotId) ?? [];
    list.push({
      index: i,
      offset: pl.offsetM2,
      end: pl.offsetM2 + pl.areaM2,
      from: pl.plantWeek,
      to: pl.plantWeek + crop.weeksToHarvest + crop.harvestWeeks,
      family: crop.family,
      fixed: pl.fixed,
    });
    spans.set(pl.plotId, list);
  });

  checkFixed(problem, plan, flag);
  for (const [plotId, list] of spans) checkLand(plots.get(plotId)!.plot, list, flag);
  checkCoverage(problem, plan, crops, plots, flag);
  return { ok: violations.length === 0, violations, checkedPlantings: plan.plantings.length };
}

type Flag = (code: Violation['code'], message: string, planting?: number) => void;

function checkFixed(problem: PlanningProblem, plan: Plan, flag: Flag) {
  const key = (x: { plotId: string; commodity: string; plantWeek: number; areaM2: number }) =>
    `${x.plotId}|${x.commodity}|${x.plantWeek}|${x.areaM2}`;
  const wanted = new Map<string, number>();
  for (const f of problem.fixed) wanted.set(key(f), (wanted.get(key(f)) ?? 0) + 1);
  plan.plantings.forEach((p, i) => {
    if (!p.fixed) return;
    const n = wanted.get(key(p)) ?? 0;
    if (n === 0) flag('fixed_changed', `#${i + 1}: a planting marked as in the ground that is not in the input`, i);
    else wanted.set(key(p), n - 1);
  });
  for (const [k, n] of wanted) if (n > 0) flag('fixed_changed', `a planting in the ground is missing or changed: ${k}`);
  for (const f of problem.fixed) {
    if (f.offsetM2 === undefined) continue;
    const same = plan.plantings.some((p) => p.fixed && key(p) === key(f) && p.offsetM2 === f.offsetM2);
    if (!same) flag('fixed_changed', `a planting in the ground was moved: ${key(f)}`);
  }
}

function checkLand(plot: PlotCapacity, list: Span[], flag: Flag) {
  // Area per week, by a sweep over start/end events.
  const events = new Map<number, number>();
  for (const s of list) {
    events.set(s.from, (events.get(s.from) ?? 0) + (s.end - s.offset));
    events.set(s.to, (events.get(s.to) ?? 0) - (s.end - s.offset));
  }
  let inUse = 0;
  for (const week of [...events.keys()].sort((a, b) => a - b)) {
    inUse += events.get(week)!;
    if (inUse > plot.areaM2) {
      flag('area_exceeded', `plot ${plot.id}: ${inUse} m² in use in week ${week + 1}, the plot has ${plot.areaM2} m²`);
      break;
    }
  }
  for (let a = 0; a < list.length; a++) {
    for (let b = a + 1; b < list.length; b++) {
      const x = list[a]!;
      const y = list[b]!;
      if (x.offset < y.end && y.offset < x.end && x.from < y.to && y.from < x.to) {
        flag('overlap', `plot ${plot.id}: plantings #${x.index + 1} and #${y.index + 1} lie on the same land in the same weeks`, y.index);
      }
    }
  }
  for (const x of list) {
    if (x.fixed) continue;
    const cuts = new Set([x.offset]);
    for (const y of list) {
      if (y.offset > x.offset && y.offset < x.end) cuts.add(y.offset);
      if (y.end > x.offset && y.end < x.end) cuts.add(y.end);
    }
    for (const at of cuts) {
      let before: Span | undefined;
      let after: Span | undefined;
      for (const y of list) {
        if (y === x || y.offset > at || y.end <= at) continue;
        if (y.to <= x.from && (!before || y.to > before.to)) before = y;
        if (y.from >= x.to && (!after || y.from < after.from)) after = y;
      }
      const previous = before ? before.family : plot.lastFamily;
      if (previous === x.family) {
        flag('rotation', `plot ${plot.id}: #${x.index + 1} (${x.family}) follows the same family at ${at} m²`, x.index);
        break;
      }
      if (after && after.family === x.family) {
        flag(
          'rotation',
          `plot ${plot.id}: #${after.index + 1} (${x.family}) follows #${x.index + 1} of the same family at ${at} m²`,
          after.index,
        );
        break;
      }
    }
  }
}

function checkCoverage(
  problem: PlanningProblem,
  plan: Plan,
  crops: Map<string, CommodityParams>,
  plots: Map<string, { plot: PlotCapacity }>,
  flag: Flag,
) {
  const graded = new Set(problem.demand.filter((d) => d.grade !== null).map((d) => d.commodity));
  const key = (c: string, g: string | null, w: number) => `${c}|${g ?? '*'}|${w}`;
  const supply = new Map<string, bigint>();
  for (const p of plan.plantings) {
    const crop = crops.get(p.commodity);
    const holder = plots.get(p.plotId);
    if (!crop || !holder) continue;
    const band = (crop.altitudeYields ?? []).find((b) => holder.plot.altitudeM >= b.fromM && holder.plot.altitudeM < b.toM);
    const yieldPerM2 = BigInt(band ? band.yieldPerM2Grams : crop.yieldPerM2Grams);
    const mix = band?.gradeMix ?? crop.gradeMix;
    const weekly = allocateLargestRemainder(BigInt(p.areaM2) * yieldPerM2, crop.yieldSpread.map(BigInt));
    weekly.forEach((grams, k) => {
      const week = p.plantWeek + crop.weeksToHarvest + k;
      if (week < 0 || week >= problem.weeks) return;
      if (graded.has(crop.code)) {
        allocateLargestRemainder(
          grams,
          GRADES.map((g) => BigInt(mix[g])),
        ).forEach((gg, gi) => {
          const k2 = key(crop.code, GRADES[gi]!, week);
          supply.set(k2, (supply.get(k2) ?? 0n) + gg);
        });
      } else {
        const k2 = key(crop.code, null, week);
        supply.set(k2, (supply.get(k2) ?? 0n) + grams);
      }
    });
  }
  const demand = new Map<string, bigint>();
  for (const d of problem.demand) {
    if (d.grams <= 0) continue;
    const k = key(d.commodity, d.grade, d.week);
    demand.set(k, (demand.get(k) ?? 0n) + BigInt(d.grams));
  }
  const expected = new Map<string, { d: bigint; s: bigint }>();
  for (const [k, d] of demand) expected.set(k, { d, s: supply.get(k) ?? 0n });
  for (const [k, s] of supply) if (!expected.has(k) && s > 0n) expected.set(k, { d: 0n, s });

  const claimed = new Set<string>();
  let demandTotal = 0n;
  let supplyTotal = 0n;
  let shortTotal = 0n;
  let overTotal = 0n;
  for (const c of plan.coverage) {
    const k = key(c.commodity, c.grade, c.week);
    if (claimed.has(k)) flag('coverage_mismatch', `coverage ${k} is claimed twice`);
    claimed.add(k);
    const e = expected.get(k) ?? { d: 0n, s: 0n };
    const short = e.d > e.s ? e.d - e.s : 0n;
    const over = e.s > e.d ? e.s - e.d : 0n;
    if (
      BigInt(c.demandGrams) !== e.d ||
      BigInt(c.supplyGrams) !== e.s ||
      BigInt(c.shortfallGrams) !== short ||
      BigInt(c.oversupplyGrams) !== over
    ) {
      flag(
        'coverage_mismatch',
        `coverage ${k}: claims demand ${c.demandGrams} g, supply ${c.supplyGrams} g, short ${c.shortfallGrams} g, over ${c.oversupplyGrams} g; the plantings give demand ${e.d} g, supply ${e.s} g`,
      );
    }
  }
  for (const [k, e] of expected) {
    if (!claimed.has(k)) flag('coverage_mismatch', `coverage ${k} (demand ${e.d} g, supply ${e.s} g) is missing from the plan`);
    demandTotal += e.d;
    supplyTotal += e.s;
    if (e.d > e.s) shortTotal += e.d - e.s;
    else overTotal += e.s - e.d;
  }
  const t = plan.totals;
  const planted = plan.plantings.reduce((s, p) => s + (p.fixed ? 0 : p.areaM2), 0);
  if (
    BigInt(t.demandGrams) !== demandTotal ||
    BigInt(t.supplyGrams) !== supplyTotal ||
    BigInt(t.shortfallGrams) !== shortTotal ||
    BigInt(t.oversupplyGrams) !== overTotal ||
    t.plantedM2 !== planted ||
    t.plantings !== plan.plantings.length
  ) {
    flag(
      'totals_mismatch',
      `totals claim demand ${t.demandGrams} g, supply ${t.supplyGrams} g, short ${t.shortfallGrams} g, over ${t.oversupplyGrams} g, ${t.plantedM2} m²; the plantings give ${demandTotal} g, ${supplyTotal} g, ${shortTotal} g, ${overTotal} g, ${planted} m²`,
    );
  }
}
