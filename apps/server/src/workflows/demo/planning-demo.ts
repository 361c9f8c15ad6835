/**
 * The demo cooperative's planting plan (pola tanam), already half followed: the default highland
 * crops; the farmers (the members' demo farmers in farmer groups) with plots at 1,100–1,700 m; a
 * 40-week season that began 14 weeks before the produce demo's first delivery (so that even potato,
 * planted in its first week, is ready for it), about half of it behind us; its demand rebuilt
 * from the buyers' contracts (workflows/demand-from-market.ts) with a festival peak the board
 * added; the plan solved by the real optimiser; plantings before this week reported planted (a few
 * changed or cancelled), the next weeks' confirmed. What comes back is the harvest each past
 * delivery day brings in — 90–102% of what the plan expects, potato well behind (late blight), so
 * a warning shows — which the produce demo's intakes deliver and so record as actual harvest.
 */
import { todayIn } from '@kopdes/shared/format';
import type { Db } from '../../db/client.js';
import { SYSTEM_ACTOR } from '../../lib/actor.js';
import { getCooperative } from '../../modules/cooperatives/cooperatives.service.js';
import { allMembers } from '../../modules/members/members.service.js';
import { addWeeks, isoWeekday, mondayOf, weeksBetween } from '../../modules/planning/engine/calendar.js';
import { mulberry32 } from '../../modules/planning/engine/synthetic.js';
import { markPlantedBefore, updatePlanting } from '../../modules/planning/follow-up.service.js';
import { createFarmer, createPlot, createSeason, getDemand, putDemand, seedDefaultCrops } from '../../modules/planning/planning.service.js';
import { coverageOf, getPlan, solveSeason } from '../../modules/planning/plans.service.js';
import { buildDemandFromMarket } from '../demand-from-market.js';
import type { DeliveryPlan } from './produce-demo.js';

/** Weeks from the season's start to the first delivery: potato, the slowest crop, takes 14. */
const LEAD_WEEKS = 14;
const SEASON_WEEKS = 40;
/** The weeks of the festival peak, counted from the first delivery week. */
const FESTIVAL = [12, 13];
const LAND_TYPES = [
  ['solanaceae', 'brassicaceae', 'apiaceae', 'fabaceae', 'cucurbitaceae', 'asteraceae', 'amaryllidaceae'],
  ['solanaceae', 'brassicaceae', 'apiaceae', 'amaryllidaceae'],
  ['brassicaceae', 'asteraceae', 'fabaceae', 'apiaceae'],
  ['solanaceae', 'rosaceae', 'cucurbitaceae', 'asteraceae'],
];

/** The demo's farmers: the first members' demo farmers who are in a farmer group. */
async function demoFarmers(db: Db, coopId: string) {
  const members = (await allMembers(db, coopId, { sort: 'number' })).filter((m) => m.status === 'active' && m.farmerGroup).slice(0, 30);
  return members.map((m) => ({ id: m.id, name: m.fullName, group: m.farmerGroup!.name }));
}

export interface PlanningDemoResult {
  seasonId: string;
  planId: string;
  /** What each past delivery day brings in: graded grams per commodity the plan counts. */
  harvest: DeliveryPlan;
}

/** `deliveryDays`: the produce demo's delivery days (Mondays and Thursdays), oldest first, all before today. */
export async function seedPlanningDemo(db: Db, coopId: string, deliveryDays: string[]): Promise<PlanningDemoResult> {
  const rnd = mulberry32(20260);
  const actor = SYSTEM_ACTOR;
  const today = todayIn((await getCooperative(db, coopId)).timeZone);
  const firstWeek = mondayOf(deliveryDays[0]!);
  const start = addWeeks(firstWeek, -LEAD_WEEKS);
  const currentWeek = weeksBetween(start, today);
  await seedDefaultCrops(db, actor, coopId);

  for (const f of await demoFarmers(db, coopId)) {
    const away = rnd() < 0.15 ? [addWeeks(start, 4 + Math.floor(rnd() * 20))] : [];
    await createFarmer(db, actor, coopId, {
      farmerId: f.id,
      name: f.name,
      group: f.group,
      unavailableWeeks: away,
      acceptsExtra: rnd() < 0.1,
    });
    const plots = rnd() < 0.35 ? 2 : 1;
    for (let k = 0; k < plots; k++) {
      const families = LAND_TYPES[rnd() < 0.55 ? 0 : 1 + Math.floor(rnd() * 3)]!;
      await createPlot(db, actor, coopId, {
        farmerId: f.id,
        name: plots > 1 ? `Kebun ${k === 0 ? 'atas' : 'bawah'}` : 'Kebun',
        areaM2: Math.round((2000 + 4000 * rnd()) / (plots > 1 ? 1.5 : 1) / 10) * 10,
        altitudeM: Math.round((1100 + 600 * rnd()) / 10) * 10,
        allowedFamilies: families,
        lastFamily: rnd() < 0.3 ? null : families[Math.floor(rnd() * families.length)]!,
        active: true,
      });
    }
  }

  const end = addWeeks(start, SEASON_WEEKS - 1);
  const season = await createSeason(db, actor, coopId, {
    name: `Musim tanam ${start.slice(0, 4)}${end.slice(0, 4) === start.slice(0, 4) ? '' : `/${end.slice(0, 4)}`}`,
    startDate: start,
    weeks: SEASON_WEEKS,
    safetyMarginPct: 10,
  });
  // Demand first: the buyers' contracts, then the board's festival peak (a fifth more) on top.
  await buildDemandFromMarket(db, actor, coopId, season.id, today, 'id');
  const festival = new Set(FESTIVAL.map((w) => LEAD_WEEKS + w));
  const { rows } = await getDemand(db, coopId, season.id);
  await putDemand(db, actor, coopId, season.id, {
    rows: rows.map((r) => ({
      commodity: r.commodity,
      grade: r.grade,
      week: r.week,
      contractGrams: r.contractGrams,
      historyGrams: r.historyGrams,
      adjustmentGrams: festival.has(r.week) ? String((BigInt(r.contractGrams) / 5000n) * 1000n) : r.adjustmentGrams,
    })),
  });

  const summary = await solveSeason(db, actor, coopId, season.id, { timeLimitSeconds: 30 }, 'id');

  // The season so far: groups changed a few plantings, cancelled one or two, planted the rest.
  const plan = await getPlan(db, coopId, summary.id, 'id');
  const early = plan.plantings.filter((p) => !p.fixed && p.plantWeek < currentWeek);
  for (const p of early) {
    const r = rnd();
    if (r < 0.04) await updatePlanting(db, actor, coopId, p.id, { status: 'cancelled', note: 'Benih tidak tersedia' });
    else if (r < 0.12 && p.beds > 1) {
      // The checker may refuse (rotation across the freed bed): then the group keeps the plan.
      await updatePlanting(db, actor, coopId, p.id, {
        status: 'changed',
        areaM2: p.areaM2 - p.areaM2 / p.beds,
        note: 'Satu bedengan dipakai untuk pembibitan',
      }).catch(() => undefined);
    }
  }
  await markPlantedBefore(db, actor, coopId, summary.id, currentWeek);
  for (const p of plan.plantings.filter((x) => x.plantWeek >= currentWeek && x.plantWeek < currentWeek + 3)) {
    await updatePlanting(db, actor, coopId, p.id, { status: 'confirmed', note: 'Disetujui rapat kelompok' });
  }

  // What the farmers bring in: each week's expected harvest over its two delivery days (this week
  // has had those before today), at 90–102% of expectation, a little more or less each day;
  // potato behind. Contracts starting on a Thursday ask for half that week: its one day brings it.
  const coverage = await coverageOf(db, coopId, summary.id, {});
  const harvest: DeliveryPlan = new Map(deliveryDays.map((d) => [d, new Map()]));
  const thursdayStart = isoWeekday(deliveryDays[0]!) > 1;
  for (const c of coverage.commodities) {
    const base = c.commodity === 'KENTANG' ? 0.62 + 0.1 * rnd() : 0.9 + 0.12 * rnd();
    for (const day of deliveryDays) {
      const w = weeksBetween(start, day);
      const days = thursdayStart && mondayOf(day) === firstWeek ? 1 : 2;
      const factor = base * (0.95 + 0.1 * rnd());
      harvest.get(day)!.set(c.commodity, Math.round((Number(c.expectedGrams[w] ?? 0) * factor) / days / 50) * 50);
    }
  }
  return { seasonId: season.id, planId: summary.id, harvest };
}
