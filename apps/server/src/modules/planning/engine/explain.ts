/**
 * What a plan cannot deliver and why, per commodity over runs of weeks: demand for a crop without
 * parameters, a family no plot may grow, no land at the right altitude, weeks before the first
 * possible harvest, planting weeks in a season to avoid or when the farmers are away, land already
 * full, or a harvest pattern that cannot follow the demand exactly.
 */
import { formatKg } from '@kopdes/shared/quantity';
import { cellOf, channelOf, type Compiled, type Crop } from './compile.js';
import type { Land } from './land.js';
import type { Layout } from './layout.js';
import type { Explanation, Plan, ReasonCode } from './types.js';

/** Shortfall below this share of a week's demand is a rounding matter, not worth a warning. */
const PATTERN_THRESHOLD = 0.05;

const weeksText = (a: number, b: number, lang: 'id' | 'en') =>
  a === b
    ? lang === 'id'
      ? `minggu ke-${a + 1}`
      : `week ${a + 1}`
    : lang === 'id'
      ? `minggu ke-${a + 1}–${b + 1}`
      : `weeks ${a + 1}–${b + 1}`;

function message(reason: ReasonCode, name: string, crop: Crop | undefined, cp: Compiled, a: number, b: number, grams: number) {
  const wi = weeksText(a, b, 'id');
  const we = weeksText(a, b, 'en');
  const kg = formatKg(BigInt(Math.round(grams)));
  const earliest = crop
    ? cp.open +
      crop.h +
      Math.max(
        0,
        crop.spread.findIndex((w) => w > 0),
      )
    : 0;
  switch (reason) {
    case 'no_crop_parameters':
      return {
        id: `${name}: belum ada parameter tanaman, permintaan ${wi} (${kg}) tidak bisa direncanakan`,
        en: `${name}: no crop parameters, demand in ${we} (${kg}) cannot be planned`,
      };
    case 'family_not_allowed':
      return {
        id: `${name}: tidak ada lahan yang boleh ditanami famili ${crop?.family}; permintaan ${wi} (${kg}) tidak bisa dipenuhi`,
        en: `${name}: no plot may grow the ${crop?.family} family; demand in ${we} (${kg}) cannot be met`,
      };
    case 'altitude':
      return {
        id: `${name}: tidak ada lahan yang cocok pada ketinggian ${crop?.altMin}–${crop?.altMax} m dpl; permintaan ${wi} (${kg}) tidak bisa dipenuhi`,
        en: `${name}: no suitable plot at ${crop?.altMin}–${crop?.altMax} m altitude; demand in ${we} (${kg}) cannot be met`,
      };
    case 'before_first_harvest':
      return {
        id: `${name}: permintaan ${wi} (${kg}) jatuh sebelum panen paling cepat (minggu ke-${earliest + 1}, ${crop?.h} minggu setelah tanam)`,
        en: `${name}: demand in ${we} (${kg}) falls before the earliest harvest (week ${earliest + 1}, ${crop?.h} weeks after planting)`,
      };
    case 'avoid_season':
      return {
        id: `${name}: untuk panen ${wi} harus ditanam pada minggu yang dihindari (musim); kurang ${kg}`,
        en: `${name}: a harvest in ${we} needs planting in weeks to avoid (season); ${kg} short`,
      };
    case 'farmers_unavailable':
      return {
        id: `${name}: petani dengan lahan yang cocok berhalangan pada minggu tanam untuk panen ${wi}; kurang ${kg}`,
        en: `${name}: farmers with suitable land are unavailable in the planting weeks for ${we}; ${kg} short`,
      };
    case 'no_land':
      return {
        id: `${name}: lahan yang cocok sudah terisi tanaman yang ada untuk panen ${wi}; kurang ${kg}`,
        en: `${name}: suitable land is taken by plantings already in the ground for ${we}; ${kg} short`,
      };
    case 'land_full':
      return {
        id: `${name}: lahan yang cocok penuh pada minggu tanam untuk panen ${wi}; kurang ${kg} — pertimbangkan membeli dari koperasi lain`,
        en: `${name}: suitable land is full in the planting weeks for ${we}; ${kg} short — consider buying from another cooperative`,
      };
    case 'harvest_pattern':
      return {
        id: `${name}: pola panen tidak bisa persis mengikuti permintaan ${wi}; kurang ${kg}`,
        en: `${name}: the harvest pattern cannot follow demand exactly in ${we}; ${kg} short`,
      };
  }
}

/** Planting weeks whose harvest reaches week w. */
function plantingWeeksFor(cp: Compiled, crop: Crop, w: number): number[] {
  const out: number[] = [];
  for (let k = 0; k < crop.hw; k++) {
    const p = w - crop.h - k;
    if (p >= cp.open && p < cp.W && crop.spread[k]! > 0) out.push(p);
  }
  return out;
}

function structuralReason(cp: Compiled, crop: Crop, w: number): ReasonCode {
  const familyPlots = cp.plots.filter((p) => p.allowed.has(crop.family));
  if (!familyPlots.length) return 'family_not_allowed';
  const fit = familyPlots.filter((p) => p.altitude >= crop.altMin && p.altitude <= crop.altMax);
  if (!fit.length) return 'altitude';
  const weeks = plantingWeeksFor(cp, crop, w);
  if (!weeks.length) return 'before_first_harvest';
  const open = weeks.filter((p) => !crop.avoid.has(cp.weekOfYear(p)));
  if (!open.length) return 'avoid_season';
  if (open.every((p) => fit.every((pl) => cp.farmers[pl.farmer]!.unavailable.has(p)))) return 'farmers_unavailable';
  return 'no_land';
}

export interface ExplainContext {
  reachable: Uint8Array;
  land?: Land;
  layout?: Layout;
}

export function explain(cp: Compiled, plan: Plan, ctx: ExplainContext): Explanation[] {
  const out: Explanation[] = [];
  // Per crop and week: shortfall summed over grades, and the reason.
  const perCrop = new Map<string, Map<number, { grams: number; demand: number; reachable: boolean }>>();
  for (const c of plan.coverage) {
    if (c.shortfallGrams <= 0) continue;
    const crop = cp.cropByCode.get(c.commodity);
    const reachable = crop ? ctx.reachable[cellOf(cp.W, crop.idx, channelOf(c.grade), c.week)] === 1 : false;
    let m = perCrop.get(c.commodity);
    if (!m) perCrop.set(c.commodity, (m = new Map()));
    const e = m.get(c.week) ?? { grams: 0, demand: 0, reachable: false };
    e.grams += c.shortfallGrams;
    e.demand += c.demandGrams;
    e.reachable ||= reachable;
    m.set(c.week, e);
  }
  const room = roomCheck(cp, ctx);
  for (const code of [...perCrop.keys()].sort()) {
    const crop = cp.cropByCode.get(code);
    const weeks = [...perCrop.get(code)!.entries()].sort((a, b) => a[0] - b[0]);
    let run: { reason: ReasonCode; from: number; to: number; grams: number } | null = null;
    const flush = () => {
      if (!run) return;
      out.push({
        commodity: code,
        grade: null,
        fromWeek: run.from,
        toWeek: run.to,
        shortfallGrams: run.grams,
        reason: run.reason,
        message: message(run.reason, crop?.name ?? code, crop, cp, run.from, run.to, run.grams),
      });
      run = null;
    };
    for (const [w, e] of weeks) {
      let reason: ReasonCode | null;
      if (!crop) reason = 'no_crop_parameters';
      else if (!e.reachable) reason = structuralReason(cp, crop, w);
      else if (e.grams < PATTERN_THRESHOLD * e.demand) reason = null;
      else reason = room && landFull(cp, crop, w, room) ? 'land_full' : 'harvest_pattern';
      if (run && (reason !== run.reason || w !== run.to + 1)) flush();
      if (!reason) continue;
      if (run) {
        run.to = w;
        run.grams += e.grams;
      } else {
        run = { reason, from: w, to: w, grams: e.grams };
      }
    }
    flush();
  }
  return out;
}

/** Whether any plot of a crop's plot sets, whose farmer is there, still has a bed free in a week. */
function roomCheck(cp: Compiled, ctx: ExplainContext): ((crop: Crop, week: number) => boolean) | null {
  const { land, layout } = ctx;
  if (!land || !layout) return null;
  const cache = new Map<string, boolean>();
  return (crop, week) => {
    const key = `${crop.idx}|${week}`;
    let room = cache.get(key);
    if (room === undefined) {
      room = land.sets.some(
        (set) =>
          set.crop === crop.idx &&
          set.plots.some(
            (p) =>
              !cp.farmers[cp.plots[p]!.farmer]!.unavailable.has(week) && cp.plots[p]!.area - layout.strips[p]!.usedIn(week) >= crop.bed,
          ),
      );
      cache.set(key, room);
    }
    return room;
  };
}

function landFull(cp: Compiled, crop: Crop, w: number, room: (crop: Crop, week: number) => boolean): boolean {
  const weeks = plantingWeeksFor(cp, crop, w).filter((p) => !crop.avoid.has(cp.weekOfYear(p)));
  return weeks.length > 0 && weeks.every((p) => !room(crop, p));
}
