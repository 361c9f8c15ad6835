/**
 * The problem in the shape the planner works on: inputs sorted (so the same input always gives the
 * same plan), indexes instead of ids, per-crop derived figures, and demand as a flat array of
 * cells. A cell is (crop, channel, week); channels 0–2 are grades A–C, channel 3 is "any grade".
 */
import { addWeeks, isoWeekOf } from './calendar.js';
import { DEFAULT_SETTINGS, GRADES, type FixedPlanting, type Grade, type PlanningProblem, type PlanningSettings } from './types.js';

export const TOTAL_CHANNEL = 3;
export const CHANNELS = 4;

export interface Crop {
  idx: number;
  code: string;
  name: string;
  family: string;
  h: number;
  hw: number;
  spread: number[];
  spreadFrac: number[];
  /** Weeks the land is occupied: planting week up to the last harvest week. */
  occ: number;
  altMin: number;
  altMax: number;
  bands: { fromM: number; toM: number; yieldPerM2: number; mix: number[] }[];
  yieldPerM2: number;
  mix: number[];
  avoid: Set<number>;
  bed: number;
  price: bigint;
  priceNum: number;
  /** Demand for it is given per grade (else as a total). */
  graded: boolean;
  channels: number[];
}

export interface PlotInfo {
  idx: number;
  id: string;
  name: string;
  farmer: number;
  area: number;
  altitude: number;
  allowed: Set<string>;
  lastFamily: string | null;
}

export interface FarmerInfo {
  idx: number;
  id: string;
  name: string;
  group: string;
  plots: number[];
  unavailable: Set<number>;
  acceptsExtra: boolean;
  land: number;
}

export interface Compiled {
  W: number;
  open: number;
  startDate: string;
  crops: Crop[];
  cropByCode: Map<string, Crop>;
  plots: PlotInfo[];
  plotById: Map<string, PlotInfo>;
  farmers: FarmerInfo[];
  farmerById: Map<string, FarmerInfo>;
  /** Demand grams per cell, cell = (crop × CHANNELS + channel) × W + week. */
  demand: Float64Array;
  /** Demand for commodities without crop parameters. */
  orphanDemand: { commodity: string; grade: Grade | null; week: number; grams: number }[];
  fixed: FixedPlanting[];
  settings: PlanningSettings;
  weekOfYear(week: number): number;
}

export const cellOf = (W: number, crop: number, channel: number, week: number) => (crop * CHANNELS + channel) * W + week;
export const channelGrade = (channel: number): Grade | null => (channel === TOTAL_CHANNEL ? null : GRADES[channel]!);
export const channelOf = (grade: Grade | null) => (grade === null ? TOTAL_CHANNEL : GRADES.indexOf(grade));

const byString =
  <T>(key: (t: T) => string) =>
  (a: T, b: T) =>
    key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;

export function compile(p: PlanningProblem): Compiled {
  const W = p.weeks;
  const settings: PlanningSettings = { ...DEFAULT_SETTINGS, ...(p.settings ?? {}) };
  const gradedCodes = new Set(p.demand.filter((d) => d.grade !== null).map((d) => d.commodity));
  const crops: Crop[] = [...p.commodities].sort(byString((c) => c.code)).map((c, idx) => {
    const spreadSum = c.yieldSpread.reduce((s, w) => s + w, 0);
    const graded = gradedCodes.has(c.code);
    return {
      idx,
      code: c.code,
      name: c.name ?? c.code,
      family: c.family,
      h: c.weeksToHarvest,
      hw: c.harvestWeeks,
      spread: [...c.yieldSpread],
      spreadFrac: c.yieldSpread.map((w) => w / spreadSum),
      occ: c.weeksToHarvest + c.harvestWeeks,
      altMin: c.altitudeMinM,
      altMax: c.altitudeMaxM,
      bands: [...(c.altitudeYields ?? [])]
        .sort((a, b) => a.fromM - b.fromM)
        .map((b) => ({ fromM: b.fromM, toM: b.toM, yieldPerM2: b.yieldPerM2Grams, mix: mixOf(b.gradeMix ?? c.gradeMix) })),
      yieldPerM2: c.yieldPerM2Grams,
      mix: mixOf(c.gradeMix),
      avoid: new Set(c.avoidWeeks),
      bed: c.bedM2,
      price: c.pricePerKg,
      priceNum: Number(c.pricePerKg),
      graded,
      channels: graded ? [0, 1, 2] : [TOTAL_CHANNEL],
    };
  });
  const cropByCode = new Map(crops.map((c) => [c.code, c]));

  const farmers: FarmerInfo[] = [];
  const plots: PlotInfo[] = [];
  for (const f of [...p.farmers].sort(byString((x) => x.id))) {
    const fi: FarmerInfo = {
      idx: farmers.length,
      id: f.id,
      name: f.name ?? f.id,
      group: f.group,
      plots: [],
      unavailable: new Set(f.unavailableWeeks),
      acceptsExtra: f.acceptsExtra ?? false,
      land: 0,
    };
    farmers.push(fi);
    for (const pl of [...f.plots].sort(byString((x) => x.id))) {
      const info: PlotInfo = {
        idx: plots.length,
        id: pl.id,
        name: pl.name ?? pl.id,
        farmer: fi.idx,
        area: pl.areaM2,
        altitude: pl.altitudeM,
        allowed: new Set(pl.allowedFamilies),
        lastFamily: pl.lastFamily,
      };
      plots.push(info);
      fi.plots.push(info.idx);
      fi.land += pl.areaM2;
    }
  }

  const demand = new Float64Array(crops.length * CHANNELS * W);
  const orphanDemand: Compiled['orphanDemand'] = [];
  for (const d of p.demand) {
    const crop = cropByCode.get(d.commodity);
    if (!crop) {
      if (d.grams > 0) orphanDemand.push({ ...d });
      continue;
    }
    demand[cellOf(W, crop.idx, channelOf(d.grade), d.week)]! += d.grams;
  }
  orphanDemand.sort((a, b) => (a.commodity === b.commodity ? a.week - b.week : a.commodity < b.commodity ? -1 : 1));

  const woyCache = new Map<number, number>();
  const weekOfYear = (week: number) => {
    let v = woyCache.get(week);
    if (v === undefined) woyCache.set(week, (v = isoWeekOf(addWeeks(p.startDate, week))));
    return v;
  };

  const fixed = [...p.fixed].sort(
    (a, b) =>
      a.plantWeek - b.plantWeek || byString<FixedPlanting>((x) => `${x.plotId}|${x.commodity}|${x.ref ?? ''}`)(a, b) || a.areaM2 - b.areaM2,
  );
  return {
    W,
    open: p.firstOpenWeek ?? 0,
    startDate: p.startDate,
    crops,
    cropByCode,
    plots,
    plotById: new Map(plots.map((x) => [x.id, x])),
    farmers,
    farmerById: new Map(farmers.map((x) => [x.id, x])),
    demand,
    orphanDemand,
    fixed,
    settings,
    weekOfYear,
  };
}

function mixOf(m: Record<Grade, number>): number[] {
  return GRADES.map((g) => m[g]);
}

/** Yield and grade mix of a crop at an altitude (the first altitude band that holds it, else the default). */
export function yieldAt(crop: Crop, altitudeM: number): { yieldPerM2: number; mix: number[]; band: number } {
  const band = crop.bands.findIndex((b) => altitudeM >= b.fromM && altitudeM < b.toM);
  if (band < 0) return { yieldPerM2: crop.yieldPerM2, mix: crop.mix, band };
  const b = crop.bands[band]!;
  return { yieldPerM2: b.yieldPerM2, mix: b.mix, band };
}

export const suitable = (crop: Crop, plot: PlotInfo) =>
  plot.allowed.has(crop.family) && plot.altitude >= crop.altMin && plot.altitude <= crop.altMax;
