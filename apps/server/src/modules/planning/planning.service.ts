/**
 * Production planning (pola tanam): the planning module owns crop parameters, its own planting
 * capacity (farmers and plots, until the produce module owns plots), seasons with their weekly
 * demand, plans and plantings, and actual harvest per week. This file: crops, capacity, demand.
 */
import type { CropInput, CropUpdate, DemandPut, PlanningFarmerInput, PlotInput, PlotUpdate, SeasonInput } from '@kopdes/shared/planning';
import { divRoundHalfUp } from '@kopdes/shared/money';
import type { Db } from '../../db/client.js';
import { concurrentOnPool } from '../../db/concurrent.js';
import type { Actor } from '../../lib/actor.js';
import { AppError, conflict, invalidField, notFound } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { recordAudit } from '../audit/audit.service.js';
import { DEFAULT_CROPS } from './default-crops.js';
import { addWeeks } from './engine/calendar.js';
import type { CommodityParams } from './engine/types.js';
import * as repo from './planning.repository.js';

// ── crops ───────────────────────────────────────────────────────────────────────────────────

export function presentCrop(r: repo.CropRow) {
  return {
    code: r.code,
    name: r.name,
    family: r.family,
    weeksToHarvest: r.weeksToHarvest,
    harvestWeeks: r.harvestWeeks,
    yieldSpread: r.yieldSpread,
    yieldPerM2Grams: r.yieldPerM2Grams,
    gradeMix: r.gradeMix,
    altitudeMinM: r.altitudeMinM,
    altitudeMaxM: r.altitudeMaxM,
    altitudeYields: r.altitudeYields,
    avoidWeeks: r.avoidWeeks,
    bedM2: r.bedM2,
    pricePerKg: r.pricePerKg.toString(),
    active: r.active,
    updatedAt: r.updatedAt.toISOString(),
  };
}

export const cropParams = (r: repo.CropRow): CommodityParams => ({
  code: r.code,
  name: r.name,
  family: r.family,
  weeksToHarvest: r.weeksToHarvest,
  harvestWeeks: r.harvestWeeks,
  yieldSpread: r.yieldSpread,
  yieldPerM2Grams: r.yieldPerM2Grams,
  gradeMix: r.gradeMix,
  altitudeMinM: r.altitudeMinM,
  altitudeMaxM: r.altitudeMaxM,
  altitudeYields: r.altitudeYields,
  avoidWeeks: r.avoidWeeks,
  bedM2: r.bedM2,
  pricePerKg: r.pricePerKg,
});

const cropRow = (coopId: string, code: string, c: CropUpdate | CommodityParams) => ({
  cooperativeId: coopId,
  code,
  name: c.name ?? code,
  family: c.family,
  weeksToHarvest: c.weeksToHarvest,
  harvestWeeks: c.harvestWeeks,
  yieldSpread: c.yieldSpread,
  yieldPerM2Grams: c.yieldPerM2Grams,
  gradeMix: c.gradeMix,
  altitudeMinM: c.altitudeMinM,
  altitudeMaxM: c.altitudeMaxM,
  altitudeYields: c.altitudeYields ?? [],
  avoidWeeks: [...new Set(c.avoidWeeks)].sort((a, b) => a - b),
  bedM2: c.bedM2,
  pricePerKg: BigInt(c.pricePerKg),
  active: 'active' in c ? c.active : true,
});

export async function listCrops(db: Db, coopId: string) {
  return (await repo.listCrops(db, coopId)).map(presentCrop);
}

export async function createCrop(db: Db, actor: Actor, coopId: string, input: CropInput) {
  return db.transaction(async (tx) => {
    if (await repo.findCrop(tx, coopId, input.code)) {
      throw new AppError(
        'conflict',
        'crop_exists',
        { id: `Komoditas ${input.code} sudah ada`, en: `Commodity ${input.code} already exists` },
        [{ field: 'code', code: 'crop_exists', message: { id: 'Kode sudah dipakai', en: 'Code already used' } }],
      );
    }
    await repo.insertCrops(tx, [cropRow(coopId, input.code, input)]);
    await recordAudit(tx, coopId, actor, { action: 'planning.crop.create', entityType: 'crop', entityId: input.code, changes: input });
    return presentCrop((await repo.findCrop(tx, coopId, input.code))!);
  });
}

export async function updateCrop(db: Db, actor: Actor, coopId: string, code: string, input: CropUpdate) {
  return db.transaction(async (tx) => {
    const before = await repo.findCrop(tx, coopId, code);
    if (!before) throw notFound({ id: 'Komoditas tidak ditemukan', en: 'Commodity not found' });
    const { cooperativeId: _c, code: _k, ...set } = cropRow(coopId, code, input);
    const [row] = await repo.updateCrop(tx, coopId, code, set);
    await recordAudit(tx, coopId, actor, {
      action: 'planning.crop.update',
      entityType: 'crop',
      entityId: code,
      changes: { from: presentCrop(before), to: input },
    });
    return presentCrop(row!);
  });
}

/** Crops stay (plans refer to them); removing one makes it inactive so new plans leave it out. */
export async function deactivateCrop(db: Db, actor: Actor, coopId: string, code: string) {
  return db.transaction(async (tx) => {
    const before = await repo.findCrop(tx, coopId, code);
    if (!before) throw notFound({ id: 'Komoditas tidak ditemukan', en: 'Commodity not found' });
    const [row] = await repo.updateCrop(tx, coopId, code, { active: false });
    await recordAudit(tx, coopId, actor, { action: 'planning.crop.deactivate', entityType: 'crop', entityId: code });
    return presentCrop(row!);
  });
}

/** Adds the default highland crops the cooperative does not have yet; returns the codes added. */
export async function seedDefaultCrops(db: Db, actor: Actor, coopId: string): Promise<string[]> {
  return db.transaction(async (tx) => {
    const have = new Set((await repo.listCrops(tx, coopId)).map((c) => c.code));
    const missing = DEFAULT_CROPS.filter((c) => !have.has(c.code));
    if (missing.length) {
      await repo.insertCrops(
        tx,
        missing.map((c) => cropRow(coopId, c.code, c)),
      );
      await recordAudit(tx, coopId, actor, {
        action: 'planning.crop.defaults',
        entityType: 'crop',
        changes: { added: missing.map((c) => c.code) },
      });
    }
    return missing.map((c) => c.code);
  });
}

// ── capacity ────────────────────────────────────────────────────────────────────────────────

const presentPlot = (p: repo.PlotRow) => ({
  plotId: p.plotId,
  farmerId: p.farmerId,
  name: p.name,
  areaM2: p.areaM2,
  altitudeM: p.altitudeM,
  allowedFamilies: p.allowedFamilies,
  lastFamily: p.lastFamily,
  active: p.active,
});

export async function listCapacity(db: Db, coopId: string) {
  const [farmers, plots] = await concurrentOnPool(
    db,
    () => repo.listFarmers(db, coopId),
    () => repo.listPlots(db, coopId),
  );
  return farmers.map((f) => {
    const own = plots.filter((p) => p.farmerId === f.farmerId);
    return {
      farmerId: f.farmerId,
      name: f.name,
      group: f.groupName,
      unavailableWeeks: f.unavailableWeeks,
      acceptsExtra: f.acceptsExtra,
      landM2: own.filter((p) => p.active).reduce((s, p) => s + p.areaM2, 0),
      plots: own.map(presentPlot),
    };
  });
}

export async function createFarmer(db: Db, actor: Actor, coopId: string, input: PlanningFarmerInput & { farmerId: string }) {
  if (await repo.findFarmer(db, coopId, input.farmerId)) {
    throw new AppError(
      'conflict',
      'farmer_exists',
      { id: `Petani ${input.farmerId} sudah ada di kapasitas tanam`, en: `Farmer ${input.farmerId} is already in the planting capacity` },
      [{ field: 'farmerId', code: 'farmer_exists', message: { id: 'Petani sudah terdaftar', en: 'Farmer already listed' } }],
    );
  }
  return saveFarmer(db, actor, coopId, input.farmerId, input, 'planning.farmer.create');
}

export async function updateFarmer(db: Db, actor: Actor, coopId: string, farmerId: string, input: PlanningFarmerInput) {
  if (!(await repo.findFarmer(db, coopId, farmerId)))
    throw notFound({ id: 'Petani tidak ada di kapasitas tanam', en: 'Farmer is not in the planting capacity' });
  return saveFarmer(db, actor, coopId, farmerId, input, 'planning.farmer.update');
}

async function saveFarmer(db: Db, actor: Actor, coopId: string, farmerId: string, input: PlanningFarmerInput, action: string) {
  await db.transaction(async (tx) => {
    await repo.upsertFarmer(tx, {
      cooperativeId: coopId,
      farmerId,
      name: input.name,
      groupName: input.group,
      unavailableWeeks: [...new Set(input.unavailableWeeks)].sort(),
      acceptsExtra: input.acceptsExtra,
    });
    await recordAudit(tx, coopId, actor, { action, entityType: 'planning_farmer', entityId: farmerId, changes: input });
  });
  return (await listCapacity(db, coopId)).find((f) => f.farmerId === farmerId)!;
}

async function requireFarmer(db: Db, coopId: string, farmerId: string) {
  if (!(await repo.findFarmer(db, coopId, farmerId))) {
    throw invalidField('farmerId', 'unknown_farmer', {
      id: `Petani ${farmerId} belum terdaftar di kapasitas tanam; daftarkan dulu`,
      en: `Farmer ${farmerId} is not in the planting capacity yet; add the farmer first`,
    });
  }
}

export async function createPlot(db: Db, actor: Actor, coopId: string, input: PlotInput) {
  const plotId = input.plotId ?? newId('ptk');
  return db.transaction(async (tx) => {
    await requireFarmer(tx, coopId, input.farmerId);
    if (await repo.findPlot(tx, coopId, plotId)) {
      throw new AppError('conflict', 'plot_exists', { id: `Lahan ${plotId} sudah ada`, en: `Plot ${plotId} already exists` }, [
        { field: 'plotId', code: 'plot_exists', message: { id: 'Id lahan sudah dipakai', en: 'Plot id already used' } },
      ]);
    }
    await repo.insertPlots(tx, [
      {
        cooperativeId: coopId,
        plotId,
        farmerId: input.farmerId,
        name: input.name,
        areaM2: input.areaM2,
        altitudeM: input.altitudeM,
        allowedFamilies: [...new Set(input.allowedFamilies)].sort(),
        lastFamily: input.lastFamily,
        active: input.active,
      },
    ]);
    await recordAudit(tx, coopId, actor, { action: 'planning.plot.create', entityType: 'planning_plot', entityId: plotId, changes: input });
    return presentPlot((await repo.findPlot(tx, coopId, plotId))!);
  });
}

export async function updatePlot(db: Db, actor: Actor, coopId: string, plotId: string, input: PlotUpdate) {
  return db.transaction(async (tx) => {
    const before = await repo.findPlot(tx, coopId, plotId);
    if (!before) throw notFound({ id: 'Lahan tidak ditemukan', en: 'Plot not found' });
    await requireFarmer(tx, coopId, input.farmerId);
    const [row] = await repo.updatePlot(tx, coopId, plotId, { ...input, allowedFamilies: [...new Set(input.allowedFamilies)].sort() });
    await recordAudit(tx, coopId, actor, {
      action: 'planning.plot.update',
      entityType: 'planning_plot',
      entityId: plotId,
      changes: { from: presentPlot(before), to: input },
    });
    return presentPlot(row!);
  });
}

/** Plots stay (plantings refer to them); removing one takes it out of future plans. */
export async function deactivatePlot(db: Db, actor: Actor, coopId: string, plotId: string) {
  return db.transaction(async (tx) => {
    if (!(await repo.findPlot(tx, coopId, plotId))) throw notFound({ id: 'Lahan tidak ditemukan', en: 'Plot not found' });
    const [row] = await repo.updatePlot(tx, coopId, plotId, { active: false });
    await recordAudit(tx, coopId, actor, { action: 'planning.plot.deactivate', entityType: 'planning_plot', entityId: plotId });
    return presentPlot(row!);
  });
}

// ── seasons and demand ──────────────────────────────────────────────────────────────────────

export async function listSeasons(db: Db, coopId: string) {
  const [seasons, active] = await concurrentOnPool(
    db,
    () => repo.listSeasons(db, coopId),
    () => repo.activePlanIds(db, coopId),
  );
  return seasons.map((s) => presentSeason(s, active.find((a) => a.seasonId === s.id)?.id ?? null));
}

const presentSeason = (s: repo.SeasonRow, activePlanId: string | null) => ({
  id: s.id,
  name: s.name,
  startDate: s.startDate,
  weeks: s.weeks,
  safetyMarginPct: s.safetyMarginPct,
  activePlanId,
});

export async function requireSeason(db: Db, coopId: string, seasonId: string) {
  const s = await repo.findSeason(db, coopId, seasonId);
  if (!s) throw notFound({ id: 'Musim tanam tidak ditemukan', en: 'Season not found' });
  return s;
}

export async function getSeason(db: Db, coopId: string, seasonId: string) {
  const s = await requireSeason(db, coopId, seasonId);
  return presentSeason(s, (await repo.findActivePlan(db, coopId, seasonId))?.id ?? null);
}

export async function createSeason(db: Db, actor: Actor, coopId: string, input: SeasonInput) {
  const id = newId('msm');
  await db.transaction(async (tx) => {
    await repo.insertSeason(tx, {
      cooperativeId: coopId,
      id,
      name: input.name,
      startDate: input.startDate,
      weeks: input.weeks,
      safetyMarginPct: input.safetyMarginPct,
    });
    await recordAudit(tx, coopId, actor, { action: 'planning.season.create', entityType: 'planning_season', entityId: id, changes: input });
  });
  return getSeason(db, coopId, id);
}

/** The forecast of one demand row: (contract + history + adjustment) × (100 + margin) / 100, half-up, not below 0. */
export function forecastGrams(r: { contractGrams: bigint; historyGrams: bigint; adjustmentGrams: bigint }, marginPct: number): bigint {
  const base = r.contractGrams + r.historyGrams + r.adjustmentGrams;
  return base <= 0n ? 0n : divRoundHalfUp(base * BigInt(100 + marginPct), 100n);
}

export async function getDemand(db: Db, coopId: string, seasonId: string) {
  const season = await requireSeason(db, coopId, seasonId);
  const rows = await repo.listDemand(db, coopId, seasonId);
  return {
    seasonId,
    safetyMarginPct: season.safetyMarginPct,
    rows: rows.map((r) => ({
      commodity: r.commodityCode,
      grade: r.grade as 'A' | 'B' | 'C' | '*',
      week: r.week,
      weekStart: addWeeks(season.startDate, r.week),
      contractGrams: r.contractGrams.toString(),
      historyGrams: r.historyGrams.toString(),
      adjustmentGrams: r.adjustmentGrams.toString(),
      forecastGrams: forecastGrams(r, season.safetyMarginPct).toString(),
    })),
  };
}

export async function putDemand(db: Db, actor: Actor, coopId: string, seasonId: string, input: DemandPut) {
  await db.transaction(async (tx) => {
    const season = await requireSeason(tx, coopId, seasonId);
    const known = new Map((await repo.listCrops(tx, coopId)).map((c) => [c.code, c]));
    const seen = new Set<string>();
    const gradedBy = new Map<string, boolean>();
    input.rows.forEach((r, i) => {
      if (!known.has(r.commodity)) {
        throw invalidField(`rows.${i}.commodity`, 'unknown_commodity', {
          id: `Komoditas ${r.commodity} belum punya parameter tanaman; tambahkan dulu`,
          en: `Commodity ${r.commodity} has no crop parameters; add them first`,
        });
      }
      if (r.week >= season.weeks) {
        throw invalidField(`rows.${i}.week`, 'week_outside_season', {
          id: `Minggu ke-${r.week + 1} di luar musim (${season.weeks} minggu)`,
          en: `Week ${r.week + 1} is outside the season (${season.weeks} weeks)`,
        });
      }
      const key = `${r.commodity}|${r.grade}|${r.week}`;
      if (seen.has(key)) {
        throw invalidField(`rows.${i}`, 'duplicate', {
          id: `Baris ${r.commodity} mutu ${r.grade} minggu ke-${r.week + 1} tercantum dua kali`,
          en: `Row ${r.commodity} grade ${r.grade} week ${r.week + 1} is listed twice`,
        });
      }
      seen.add(key);
      const graded = r.grade !== '*';
      if (gradedBy.has(r.commodity) && gradedBy.get(r.commodity) !== graded) {
        throw invalidField(`rows.${i}.grade`, 'mixed_grades', {
          id: `${r.commodity}: isi permintaan per mutu (A/B/C) atau total (*), jangan keduanya`,
          en: `${r.commodity}: give demand per grade (A/B/C) or as a total (*), not both`,
        });
      }
      gradedBy.set(r.commodity, graded);
    });
    if (input.safetyMarginPct !== undefined) await repo.updateSeason(tx, coopId, seasonId, { safetyMarginPct: input.safetyMarginPct });
    await repo.replaceDemand(
      tx,
      coopId,
      seasonId,
      input.rows.map((r) => ({
        cooperativeId: coopId,
        seasonId,
        commodityCode: r.commodity,
        grade: r.grade,
        week: r.week,
        contractGrams: BigInt(r.contractGrams),
        historyGrams: BigInt(r.historyGrams),
        adjustmentGrams: BigInt(r.adjustmentGrams),
      })),
    );
    await recordAudit(tx, coopId, actor, {
      action: 'planning.demand.put',
      entityType: 'planning_season',
      entityId: seasonId,
      changes: { rows: input.rows.length, safetyMarginPct: input.safetyMarginPct ?? season.safetyMarginPct },
    });
  });
  return getDemand(db, coopId, seasonId);
}

export async function demandChart(db: Db, coopId: string, seasonId: string) {
  const season = await requireSeason(db, coopId, seasonId);
  const [rows, crops] = await concurrentOnPool(
    db,
    () => repo.listDemand(db, coopId, seasonId),
    () => repo.listCrops(db, coopId),
  );
  const names = new Map(crops.map((c) => [c.code, c.name]));
  const series = new Map<string, { contract: bigint[]; history: bigint[]; adjustment: bigint[]; forecast: bigint[] }>();
  for (const r of rows) {
    let s = series.get(r.commodityCode);
    if (!s) {
      const zeros = () => new Array<bigint>(season.weeks).fill(0n);
      series.set(r.commodityCode, (s = { contract: zeros(), history: zeros(), adjustment: zeros(), forecast: zeros() }));
    }
    if (r.week >= season.weeks) continue;
    s.contract[r.week]! += r.contractGrams;
    s.history[r.week]! += r.historyGrams;
    s.adjustment[r.week]! += r.adjustmentGrams;
    s.forecast[r.week]! += forecastGrams(r, season.safetyMarginPct);
  }
  const str = (xs: bigint[]) => xs.map((x) => x.toString());
  return {
    weeks: Array.from({ length: season.weeks }, (_, w) => ({ week: w, weekStart: addWeeks(season.startDate, w) })),
    series: [...series.entries()].map(([commodity, s]) => ({
      commodity,
      name: names.get(commodity) ?? commodity,
      contractGrams: str(s.contract),
      historyGrams: str(s.history),
      adjustmentGrams: str(s.adjustment),
      forecastGrams: str(s.forecast),
    })),
  };
}

export const seasonHasPlanted = async (db: Db, coopId: string, seasonId: string) => {
  const plan = await repo.findActivePlan(db, coopId, seasonId);
  return plan ? (await repo.plantedCount(db, coopId, plan.id)) > 0 : false;
};

export const planningConflict = (code: string, id: string, en: string) => conflict(code, { id, en });
