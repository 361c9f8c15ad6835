/** Planning test data: crops, capacity, a season with demand, a solved plan (the real solver). */
import type { Db } from '../../../db/client.js';
import { SYSTEM_ACTOR } from '../../../lib/actor.js';
import { addWeeks, mondayOf } from '../engine/calendar.js';
import { createCrop, createFarmer, createPlot, createSeason, putDemand, seedDefaultCrops } from '../planning.service.js';
import { solveSeason } from '../plans.service.js';
import * as repo from '../planning.repository.js';

let seq = 0;
const uniq = () => `${process.pid.toString(36)}${(++seq).toString(36)}${Math.random().toString(36).slice(2, 5)}`.toUpperCase();

export async function makeCrop(db: Db, coopId: string, code = `Z${uniq()}`.slice(0, 12)) {
  await createCrop(db, SYSTEM_ACTOR, coopId, {
    code,
    name: `Sayur uji ${code}`,
    family: 'brassicaceae',
    weeksToHarvest: 3,
    harvestWeeks: 2,
    yieldSpread: [1, 1],
    yieldPerM2Grams: 2000,
    gradeMix: { A: 70, B: 20, C: 10 },
    altitudeMinM: 0,
    altitudeMaxM: 3000,
    altitudeYields: [],
    avoidWeeks: [],
    bedM2: 10,
    pricePerKg: '5000',
    active: true,
  });
  return code;
}

export async function makePlanningFarmer(db: Db, coopId: string, overrides: { farmerId?: string; group?: string; name?: string } = {}) {
  const farmerId = overrides.farmerId ?? `mbr_uji_${uniq()}`;
  await createFarmer(db, SYSTEM_ACTOR, coopId, {
    farmerId,
    name: overrides.name ?? `Petani ${farmerId.slice(-4)}`,
    group: overrides.group ?? 'Poktan Uji',
    unavailableWeeks: [],
    acceptsExtra: false,
  });
  return farmerId;
}

export async function makeCapacityPlot(
  db: Db,
  coopId: string,
  overrides: { farmerId?: string; areaM2?: number; altitudeM?: number; families?: string[] } = {},
) {
  const farmerId = overrides.farmerId ?? (await makePlanningFarmer(db, coopId));
  const p = await createPlot(db, SYSTEM_ACTOR, coopId, {
    farmerId,
    name: 'Blok uji',
    areaM2: overrides.areaM2 ?? 2000,
    altitudeM: overrides.altitudeM ?? 1300,
    allowedFamilies: overrides.families ?? ['brassicaceae', 'solanaceae', 'apiaceae', 'asteraceae', 'fabaceae'],
    lastFamily: null,
    active: true,
  });
  return p.plotId;
}

/**
 * A small cooperative season: the default crops, three farmers with a plot each, pakcoy and kale
 * demand from week 6, starting `weeksAgo` weeks before `today`.
 */
export async function makeSeasonWithDemand(db: Db, coopId: string, opts: { today?: string; weeksAgo?: number; weeks?: number } = {}) {
  await seedDefaultCrops(db, SYSTEM_ACTOR, coopId);
  for (let i = 0; i < 3; i++) await makeCapacityPlot(db, coopId, { areaM2: 1500 + 500 * i, altitudeM: 1200 + 150 * i });
  const start = addWeeks(mondayOf(opts.today ?? new Date().toISOString().slice(0, 10)), -(opts.weeksAgo ?? 4));
  const weeks = opts.weeks ?? 20;
  const season = await createSeason(db, SYSTEM_ACTOR, coopId, { name: 'Musim uji', startDate: start, weeks, safetyMarginPct: 10 });
  const rows = [];
  for (let w = 6; w < weeks; w++) {
    rows.push({ commodity: 'PAKCOY', grade: '*' as const, week: w, contractGrams: '150000', historyGrams: '20000', adjustmentGrams: '0' });
    for (const [grade, g] of [
      ['A', '60000'],
      ['B', '20000'],
    ] as const) {
      rows.push({ commodity: 'KALE', grade, week: w, contractGrams: g, historyGrams: '0', adjustmentGrams: '0' });
    }
  }
  await putDemand(db, SYSTEM_ACTOR, coopId, season.id, { rows });
  return season.id;
}

const solved = new Map<string, Promise<{ seasonId: string; planId: string }>>();

/** One solved season per cooperative, made once and reused (routes may re-plan it as often as they like). */
export function makeSolvedSeason(db: Db, coopId: string) {
  let p = solved.get(coopId);
  if (!p) {
    p = (async () => {
      const seasonId = await makeSeasonWithDemand(db, coopId);
      const plan = await solveSeason(db, SYSTEM_ACTOR, coopId, seasonId, { timeLimitSeconds: 20 }, 'id');
      return { seasonId, planId: plan.id };
    })();
    solved.set(coopId, p);
  }
  return p;
}

/** A planting of the season's plan in force. */
export async function makePlanting(db: Db, coopId: string) {
  const { seasonId } = await makeSolvedSeason(db, coopId);
  const plan = await repo.findActivePlan(db, coopId, seasonId);
  const rows = await repo.listPlantings(db, coopId, plan!.id);
  return (rows.find((r) => r.status === 'planned') ?? rows[0])!.id;
}
