/**
 * Demand-first planning starts from what buyers want: the planting season's demand table built from
 * the market link — each week's volumes of the contract in force with every buyer, and the orders
 * placed outside contracts as history — with the pengurus's adjustments kept. See decision 0085.
 */
import { DEMAND_GRADES, demandFromMarket, seasonId as seasonIdSchema } from '@kopdes/shared/planning';
import type { Db } from '../db/client.js';
import { actorOf, coopOf } from '../http/middleware.js';
import { coopParams, coopRoute, jsonOf, type Api } from '../http/openapi.js';
import type { Actor } from '../lib/actor.js';
import { contractVolumesByDay, firstOffContractOrder, offContractOrdersByDay, type DayVolume } from '../modules/market/demand.service.js';
import { addDays, daysBetween } from '../modules/produce/common.js';
import { getDemand, getSeason, listCrops, putDemand } from '../modules/planning/planning.service.js';
import { todayOf } from '../modules/planning/plans.service.js';

type Lang = 'id' | 'en';
type Grade = (typeof DEMAND_GRADES)[number];
const RECENT_WEEKS = 8;
const key = (commodity: string, grade: string, week: number) => `${commodity}|${grade}|${week}`;

export async function buildDemandFromMarket(db: Db, actor: Actor, coopId: string, seasonId: string, today: string, lang: Lang) {
  return db.transaction(async (tx) => {
    const season = await getSeason(tx, coopId, seasonId);
    const end = addDays(season.startDate, season.weeks * 7 - 1);
    const weekOf = (from: string, day: string) => Math.floor(daysBetween(from, day) / 7);
    const crops = new Set((await listCrops(tx, coopId)).map((c) => c.code));
    const skipped = new Map<string, { commodity: string; reason: 'no_crop' | 'not_by_weight'; message: string }>();
    const usable = (v: DayVolume) => {
      if (v.grade === 'reject') return false;
      if (!v.byWeight) {
        skipped.set(v.commodityCode, {
          commodity: v.commodityCode,
          reason: 'not_by_weight',
          message:
            lang === 'id'
              ? `${v.commodityCode} dijual per buah/ikat; rencana tanam menghitung dalam gram`
              : `${v.commodityCode} is sold by the piece or bunch; planting plans count grams`,
        });
        return false;
      }
      if (!crops.has(v.commodityCode)) {
        skipped.set(v.commodityCode, {
          commodity: v.commodityCode,
          reason: 'no_crop',
          message:
            lang === 'id'
              ? `${v.commodityCode} belum punya parameter tanaman; tambahkan agar ikut direncanakan`
              : `${v.commodityCode} has no crop parameters; add them to plan it`,
        });
        return false;
      }
      return true;
    };

    const contract = new Map<string, bigint>();
    for (const v of (await contractVolumesByDay(tx, coopId, season.startDate, end)).filter(usable)) {
      const k = key(v.commodityCode, v.grade, weekOf(season.startDate, v.day));
      contract.set(k, (contract.get(k) ?? 0n) + v.base);
    }

    // History: orders outside contracts. With a year of them, the same weeks last year (the
    // seasonal pattern); else the weekly average of the last weeks before the season, every week.
    const history = new Map<string, bigint>();
    const first = await firstOffContractOrder(tx, coopId);
    const lastYear = addDays(season.startDate, -364);
    let historyBasis: 'last_year' | 'recent_weeks' | 'none' = 'none';
    if (first && first <= lastYear) {
      historyBasis = 'last_year';
      for (const v of (await offContractOrdersByDay(tx, coopId, lastYear, addDays(end, -364))).filter(usable)) {
        const k = key(v.commodityCode, v.grade, weekOf(lastYear, v.day));
        history.set(k, (history.get(k) ?? 0n) + v.base);
      }
    } else if (first) {
      historyBasis = 'recent_weeks';
      const until = addDays(season.startDate < today ? season.startDate : today, -1);
      const totals = new Map<string, bigint>();
      for (const v of (await offContractOrdersByDay(tx, coopId, addDays(until, -(RECENT_WEEKS * 7 - 1)), until)).filter(usable)) {
        const k = `${v.commodityCode}|${v.grade}`;
        totals.set(k, (totals.get(k) ?? 0n) + v.base);
      }
      const weeks = BigInt(RECENT_WEEKS);
      for (const [k, total] of totals) {
        const perWeek = (total + weeks / 2n) / weeks; // half-up to whole grams
        if (perWeek > 0n) for (let w = 0; w < season.weeks; w++) history.set(`${k}|${w}`, perWeek);
      }
    }

    // Keep the pengurus's adjustments; a commodity kept as one total (grade *) takes all grades.
    const existing = (await getDemand(tx, coopId, seasonId)).rows;
    const totalOnly = new Set(existing.filter((r) => r.grade === '*').map((r) => r.commodity));
    const rows = new Map<
      string,
      { commodity: string; grade: Grade; week: number; contract: bigint; history: bigint; adjustment: bigint }
    >();
    const row = (commodity: string, grade: string, week: number) => {
      const g = (totalOnly.has(commodity) ? '*' : grade) as Grade;
      const k = key(commodity, g, week);
      let r = rows.get(k);
      if (!r) rows.set(k, (r = { commodity, grade: g, week, contract: 0n, history: 0n, adjustment: 0n }));
      return r;
    };
    for (const r of existing)
      if (BigInt(r.adjustmentGrams) !== 0n) row(r.commodity, r.grade, r.week).adjustment += BigInt(r.adjustmentGrams);
    for (const [k, g] of contract) {
      const [c, gr, w] = k.split('|') as [string, string, string];
      if (Number(w) < season.weeks) row(c, gr, Number(w)).contract += g;
    }
    for (const [k, g] of history) {
      const [c, gr, w] = k.split('|') as [string, string, string];
      if (Number(w) < season.weeks) row(c, gr, Number(w)).history += g;
    }
    await putDemand(tx, actor, coopId, seasonId, {
      rows: [...rows.values()].map((r) => ({
        commodity: r.commodity,
        grade: r.grade,
        week: r.week,
        contractGrams: r.contract.toString(),
        historyGrams: r.history.toString(),
        adjustmentGrams: r.adjustment.toString(),
      })),
    });
    return { demand: await getDemand(tx, coopId, seasonId), historyBasis, skipped: [...skipped.values()] };
  });
}

export function registerDemandFromMarketRoute(api: Api) {
  api.openapi(
    coopRoute('planning.write', {
      method: 'post',
      path: '/api/coops/{coopId}/planning/seasons/{planningSeasonId}/demand/from-market',
      tags: ['planning'],
      summary: "Rebuild the season's demand from the buyers' contracts and orders, keeping the adjustments",
      request: { params: coopParams.extend({ planningSeasonId: seasonIdSchema }) },
      responses: { 200: jsonOf(demandFromMarket) },
    }),
    async (c) => {
      const db = c.get('db');
      const coopId = coopOf(c).id;
      const today = await todayOf(db, coopId);
      return c.json(await buildDemandFromMarket(db, actorOf(c), coopId, c.req.valid('param').planningSeasonId, today, c.get('lang')), 200);
    },
  );
}
