/**
 * Following the plan: farmer groups confirm or change planned plantings and report what they
 * planted; actual harvest per week comes in (from every harvest intake, through
 * `recordActualHarvests`, or typed in); expected harvest is compared with it, and a shortfall
 * coming in the next weeks is warned of with what can be done: re-plan the open weeks, or buy from
 * another cooperative.
 */
import { formatKg, amountForGrams } from '@kopdes/shared/quantity';
import type { ActualInput, PlantingUpdate, warning } from '@kopdes/shared/planning';
import type { z } from '@hono/zod-openapi';
import { formatRupiah } from '@kopdes/shared/money';
import type { SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { leaveForClose, literalText } from '../../db/edged-transaction.js';
import { concurrentOnPool } from '../../db/concurrent.js';
import type { Actor } from '../../lib/actor.js';
import { SYSTEM_ACTOR } from '../../lib/actor.js';
import { AppError, invalidField, notFound } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { recordAudit } from '../audit/audit.service.js';
import { addWeeks, mondayOf, weeksBetween } from './engine/calendar.js';
import { checkPlan } from './engine/checker.js';
import { withClaims } from './engine/harvest.js';
import { compile } from './engine/compile.js';
import type { Planting, Violation } from './engine/types.js';
import { cropParams } from './planning.service.js';
import * as repo from './planning.repository.js';
import { actualByWeek, demandByWeek, effective, expectedByWeek, planContext, presentPlanting } from './plans.service.js';

type Lang = 'id' | 'en';

const REFUSALS: Partial<Record<Violation['code'], { id: string; en: string }>> = {
  outside_plot: { id: 'Tidak muat di lahan ini', en: 'Does not fit on this plot' },
  overlap: {
    id: 'Bertumpuk dengan tanaman lain di lahan yang sama pada minggu-minggu itu',
    en: 'Overlaps another planting on the same land in those weeks',
  },
  area_exceeded: { id: 'Luas lahan terlampaui pada minggu-minggu itu', en: 'The plot area is exceeded in those weeks' },
  rotation: {
    id: 'Melanggar rotasi: famili yang sama berturut-turut di lahan yang sama',
    en: 'Breaks rotation: the same family twice in a row on the same land',
  },
  not_bed_multiple: { id: 'Luas harus kelipatan ukuran bedengan', en: 'The area must be a whole number of beds' },
  avoid_week: {
    id: 'Minggu tanam jatuh pada musim yang dihindari untuk tanaman ini',
    en: 'The planting week falls in a season this crop avoids',
  },
  farmer_unavailable: { id: 'Petani berhalangan pada minggu tanam itu', en: 'The farmer is unavailable in that planting week' },
  before_open_week: { id: 'Minggu tanam sebelum awal musim', en: 'The planting week is before the season starts' },
  week_out_of_range: { id: 'Minggu tanam di luar musim', en: 'The planting week is outside the season' },
};

/**
 * Confirms, changes, reports as planted or cancels a planting. A change or a report must still fit
 * the plot beside the other plantings there (area, overlap, rotation): the checker decides.
 */
export async function updatePlanting(db: Db, actor: Actor, coopId: string, plantingId: string, input: PlantingUpdate) {
  return db.transaction(async (tx) => {
    const row = await repo.findPlanting(tx, coopId, plantingId);
    if (!row) throw notFound({ id: 'Tanaman dalam rencana tidak ditemukan', en: 'Planting not found' });
    const plan = await repo.findPlan(tx, coopId, row.planId);
    if (plan?.status !== 'active') {
      throw new AppError('conflict', 'plan_superseded', {
        id: 'Rencana ini sudah diganti; ubah tanaman di rencana yang berlaku',
        en: 'This plan was replaced; change plantings in the current plan',
      });
    }
    if (row.status === 'cancelled') {
      throw new AppError('conflict', 'planting_cancelled', { id: 'Tanaman ini sudah dibatalkan', en: 'This planting was cancelled' });
    }
    const week = input.plantWeek ?? effective(row).week;
    const area = input.areaM2 ?? effective(row).area;
    if (input.status !== 'cancelled' && (input.plantWeek !== undefined || input.areaM2 !== undefined)) {
      await checkOnPlot(tx, coopId, row, plan, { week, area, asFact: input.status === 'planted' });
    }
    const changedValues = input.plantWeek !== undefined || input.areaM2 !== undefined;
    const [updated] = await repo.updatePlanting(tx, coopId, plantingId, {
      status: input.status,
      actualPlantWeek: changedValues ? week : row.actualPlantWeek,
      actualAreaM2: changedValues ? area : row.actualAreaM2,
      note: input.note === undefined ? row.note : input.note,
      updatedByLabel: actor.label,
    });
    await recordAudit(tx, coopId, actor, {
      action: 'planning.planting.update',
      entityType: 'planning_planting',
      entityId: plantingId,
      changes: {
        from: { status: row.status, week: effective(row).week, area: effective(row).area },
        to: { status: input.status, week, area },
      },
    });
    return presentPlanting(await planContext(tx, coopId, row.planId), updated!);
  });
}

async function checkOnPlot(
  db: Db,
  coopId: string,
  row: repo.PlantingRow,
  plan: repo.PlanRow,
  next: { week: number; area: number; asFact: boolean },
) {
  const [season, plot, farmer, cropRows, onPlot] = await concurrentOnPool(
    db,
    () => repo.findSeason(db, coopId, plan.seasonId),
    () => repo.findPlot(db, coopId, row.plotId),
    () => repo.findFarmer(db, coopId, row.farmerId),
    () => repo.listCrops(db, coopId),
    async () =>
      (await repo.listPlantings(db, coopId, plan.id)).filter((p) => p.plotId === row.plotId && p.status !== 'cancelled' && p.id !== row.id),
  );
  const others: Planting[] = onPlot.map((p) => ({
    farmerId: p.farmerId,
    plotId: p.plotId,
    commodity: p.commodityCode,
    plantWeek: effective(p).week,
    areaM2: effective(p).area,
    offsetM2: p.offsetM2,
    fixed: true,
  }));
  const target: Planting = {
    farmerId: row.farmerId,
    plotId: row.plotId,
    commodity: row.commodityCode,
    plantWeek: next.week,
    areaM2: next.area,
    offsetM2: row.offsetM2,
    fixed: next.asFact,
  };
  const problem = {
    weeks: season!.weeks,
    startDate: season!.startDate,
    firstOpenWeek: 0,
    commodities: cropRows.map(cropParams),
    farmers: [
      {
        id: row.farmerId,
        group: farmer?.groupName ?? '',
        unavailableWeeks: (farmer?.unavailableWeeks ?? []).map((d) => weeksBetween(season!.startDate, d)),
        plots: [
          {
            id: plot!.plotId,
            areaM2: plot!.areaM2,
            altitudeM: plot!.altitudeM,
            allowedFamilies: plot!.allowedFamilies,
            lastFamily: plot!.lastFamily,
          },
        ],
      },
    ],
    demand: [],
    fixed: [...others, ...(next.asFact ? [target] : [])].map((p) => ({
      farmerId: p.farmerId,
      plotId: p.plotId,
      commodity: p.commodity,
      plantWeek: p.plantWeek,
      areaM2: p.areaM2,
      offsetM2: p.offsetM2,
    })),
  };
  const plantings = [...others, target];
  const report = checkPlan(problem, withClaims(compile(problem), plantings));
  const v = report.violations.find((x) => x.planting === plantings.length - 1) ?? report.violations[0];
  if (v) {
    const reason = REFUSALS[v.code] ?? { id: 'Tidak memenuhi aturan rencana', en: 'Breaks a planning rule' };
    const field = v.code === 'avoid_week' || v.code === 'farmer_unavailable' || v.code.includes('week') ? 'plantWeek' : 'areaM2';
    throw new AppError('conflict', 'planting_conflict', { id: `Perubahan ditolak: ${reason.id}`, en: `Change refused: ${reason.en}` }, [
      { field, code: v.code, message: reason },
    ]);
  }
}

/**
 * Reports every planned or confirmed planting of a plan sown before `week` as planted, as a farmer
 * group does at its meeting; returns how many.
 */
export async function markPlantedBefore(db: Db, actor: Actor, coopId: string, planId: string, week: number): Promise<number> {
  return db.transaction(async (tx) => {
    const rows = (await repo.listPlantings(tx, coopId, planId)).filter(
      (p) => (p.status === 'planned' || p.status === 'confirmed' || p.status === 'changed') && effective(p).week < week,
    );
    for (const p of rows) await repo.updatePlanting(tx, coopId, p.id, { status: 'planted', updatedByLabel: actor.label });
    await recordAudit(tx, coopId, actor, {
      action: 'planning.planting.planted',
      entityType: 'planning_plan',
      entityId: planId,
      changes: { beforeWeek: week, plantings: rows.length },
    });
    return rows.length;
  });
}

/** Harvest of one commodity and grade that came in during the week of `week` (any date in it). */
export interface ActualHarvest {
  commodity: string;
  week: string;
  /** Negative to take back what an intake recorded (a voided intake). */
  grams: bigint;
  grade?: 'A' | 'B' | 'C' | '*';
  source?: 'intake' | 'manual';
  note?: string | null;
}

/**
 * Records actual harvest, in one statement. Harvest intakes record theirs through
 * `workflows/harvest-intake.ts`, in the intake's transaction. A commodity the planner has no crop
 * parameters for is left out (not counted in the result), so an intake never fails because of planning.
 * @example await recordActualHarvests(tx, coopId, [{ commodity: 'TOMAT', week: '2026-03-04', grams: 125000n, grade: 'A' }])
 */
export async function recordActualHarvests(db: Db, coopId: string, rows: ActualHarvest[], actor: Actor = SYSTEM_ACTOR): Promise<number> {
  return repo.insertActualsOfKnownCrops(db, actualRows(coopId, rows, actor));
}

/**
 * `recordActualHarvests` for a caller that writes nothing after it and needs no count: in an
 * Idempotency-Key request the insert waits for the closing round trip (see db/edged-transaction),
 * one round trip fewer while the caller's posting holds the journal's number. `noteSql`: every
 * row's note as SQL, for a note naming a document numbered only in that closing.
 */
export async function recordActualHarvestsLast(
  db: Db,
  coopId: string,
  rows: ActualHarvest[],
  actor: Actor = SYSTEM_ACTOR,
  noteSql?: SQL,
): Promise<void> {
  if (!rows.length) return;
  const inserts = actualRows(coopId, rows, actor);
  const text = literalText(db, repo.actualsOfKnownCropsStatement(inserts, noteSql));
  if (!leaveForClose(db, { text, fills: [], refused: (e) => e })) await repo.insertActualsOfKnownCrops(db, inserts, noteSql);
}

function actualRows(coopId: string, rows: ActualHarvest[], actor: Actor) {
  return rows.map((a) => ({
    cooperativeId: coopId,
    id: newId('hpn'),
    commodityCode: a.commodity,
    grade: a.grade ?? '*',
    weekStart: mondayOf(a.week),
    grams: a.grams,
    source: a.source ?? 'intake',
    note: a.note ?? null,
    recordedByLabel: actor.label,
  }));
}

/**
 * Records actual harvest of a commodity in a week; false (nothing recorded) when the commodity
 * has no crop parameters.
 * @example await recordActualHarvest(db, coopId, { commodity: 'TOMAT', week: '2026-03-04', grams: 125000n })
 */
export async function recordActualHarvest(db: Db, coopId: string, a: ActualHarvest, actor: Actor = SYSTEM_ACTOR): Promise<boolean> {
  return (await recordActualHarvests(db, coopId, [a], actor)) === 1;
}

export async function addActual(db: Db, actor: Actor, coopId: string, input: ActualInput) {
  return db.transaction(async (tx) => {
    const ok = await recordActualHarvest(
      tx,
      coopId,
      {
        commodity: input.commodity,
        week: input.weekDate,
        grams: BigInt(input.grams),
        grade: input.grade,
        source: 'manual',
        note: input.note,
      },
      actor,
    );
    if (!ok) {
      throw invalidField('commodity', 'unknown_commodity', {
        id: `Komoditas ${input.commodity} belum punya parameter tanaman`,
        en: `Commodity ${input.commodity} has no crop parameters`,
      });
    }
    await recordAudit(tx, coopId, actor, {
      action: 'planning.actual.record',
      entityType: 'planning_actual',
      entityId: input.commodity,
      changes: input,
    });
    return { ok: true as const };
  });
}

const LOOKAHEAD_WEEKS = 8;
/** A week is short when the projected harvest is below this share of demand. */
const WARN_BELOW = 0.9;

/** Actual ÷ expected per commodity over the weeks before `currentWeek` that have intake. */
function realisation(expected: Map<string, number[]>, actual: Map<string, (bigint | null)[]>, currentWeek: number) {
  const out = new Map<string, { expected: number; actual: number; ratio: number | null }>();
  for (const [code, series] of expected) {
    let e = 0;
    let a = 0;
    let any = false;
    const act = actual.get(code);
    for (let w = 0; w < Math.min(currentWeek, series.length); w++) {
      const x = act?.[w];
      if (x === null || x === undefined) continue;
      any = true;
      e += series[w]!;
      a += Number(x);
    }
    out.set(code, { expected: e, actual: a, ratio: any && e > 0 ? Math.round((a / e) * 1000) / 1000 : null });
  }
  return out;
}

export async function followUp(db: Db, coopId: string, planId: string, asOf: string) {
  const ctx = await planContext(db, coopId, planId);
  const currentWeek = weeksBetween(ctx.season.startDate, asOf);
  const expected = expectedByWeek(ctx);
  const actual = await actualByWeek(db, coopId, ctx.season);
  const real = realisation(expected, actual, currentWeek);
  const counts = { planned: 0, confirmed: 0, changed: 0, planted: 0, cancelled: 0 };
  for (const p of ctx.plantings) counts[p.status as keyof typeof counts]++;
  return {
    asOf,
    currentWeek,
    commodities: [...real.entries()]
      .sort((a, b) => a[0].localeCompare(b[0]))
      .map(([code, r]) => ({
        commodity: code,
        name: ctx.crops.get(code)?.name ?? code,
        expectedToDateGrams: String(Math.round(r.expected)),
        actualToDateGrams: String(Math.round(r.actual)),
        realisation: r.ratio,
      })),
    plantings: counts,
  };
}

/**
 * Supply that is not the members' harvest: what was bought from other cooperatives and is still on
 * hand, by commodity code, with the day it came in and the day it expires. Another module keeps it;
 * the workflow that asks for warnings hands it in.
 */
export type BoughtSupply = () => Promise<{ commodity: string; receivedOn: string; expiresOn: string; quantity: bigint }[]>;

/** Bought stock per commodity, soonest expiry first, with what is left of it as the weeks use it up. */
async function boughtStock(bought: BoughtSupply | undefined) {
  const out = new Map<string, { receivedOn: string; expiresOn: string; left: bigint }[]>();
  for (const r of bought ? await bought() : []) {
    let lots = out.get(r.commodity);
    if (!lots) out.set(r.commodity, (lots = []));
    lots.push({ receivedOn: r.receivedOn, expiresOn: r.expiresOn, left: r.quantity });
  }
  for (const lots of out.values()) lots.sort((a, b) => a.expiresOn.localeCompare(b.expiresOn));
  return out;
}

/** Takes up to `gap` from the bought lots that are in and still fresh in the week starting `monday`. */
function takeBought(lots: { receivedOn: string; expiresOn: string; left: bigint }[], monday: string, gap: bigint): bigint {
  let taken = 0n;
  for (const lot of lots) {
    if (taken === gap) break;
    if (mondayOf(lot.receivedOn) > monday || lot.expiresOn < monday || lot.left === 0n) continue;
    const take = lot.left < gap - taken ? lot.left : gap - taken;
    lot.left -= take;
    taken += take;
  }
  return taken;
}

/**
 * Shortfalls in the coming weeks. What was bought from another cooperative and is still on hand
 * counts as supply in the weeks before it expires, soonest-expiring first, up to each week's gap.
 */
export async function warningsOf(db: Db, coopId: string, planId: string, asOf: string, lang: Lang, bought?: BoughtSupply) {
  const ctx = await planContext(db, coopId, planId);
  const currentWeek = weeksBetween(ctx.season.startDate, asOf);
  const expected = expectedByWeek(ctx);
  const [demand, actual, purchased] = await concurrentOnPool(
    db,
    () => demandByWeek(db, coopId, ctx.season),
    () => actualByWeek(db, coopId, ctx.season),
    () => boughtStock(bought),
  );
  const real = realisation(expected, actual, currentWeek);
  const out: z.infer<typeof warning>[] = [];
  for (const [code, need] of [...demand.entries()].sort((a, b) => a[0].localeCompare(b[0]))) {
    const crop = ctx.crops.get(code);
    if (!crop) continue;
    // What the plan is expected to give, scaled by how far actual harvest has been running behind.
    const factor = Math.min(1, real.get(code)?.ratio ?? 1);
    const series = expected.get(code) ?? [];
    const boughtLots = purchased.get(code) ?? [];
    let run: { from: number; to: number; demand: bigint; expected: bigint; bought: bigint } | null = null;
    const flush = () => {
      if (!run) return;
      const short = run.demand - run.expected - run.bought;
      const replanHelps = run.to >= currentWeek + crop.weeksToHarvest;
      const shortKg = formatKg(short);
      const weeks =
        run.from === run.to
          ? { id: `minggu ke-${run.from + 1}`, en: `week ${run.from + 1}` }
          : { id: `minggu ke-${run.from + 1}–${run.to + 1}`, en: `weeks ${run.from + 1}–${run.to + 1}` };
      const cost = amountForGrams(short, crop.pricePerKg);
      const options = [];
      if (replanHelps) {
        options.push({
          kind: 'replan' as const,
          fromWeek: currentWeek,
          description:
            lang === 'id'
              ? `Rencanakan ulang minggu yang masih terbuka (mulai minggu ke-${currentWeek + 1}); tanaman yang sudah di lahan tetap. Panen baru paling cepat minggu ke-${currentWeek + crop.weeksToHarvest + 1}.`
              : `Re-plan the open weeks (from week ${currentWeek + 1}), keeping what is in the ground. New harvest comes from week ${currentWeek + crop.weeksToHarvest + 1} at the earliest.`,
        });
      }
      options.push({
        kind: 'buy_from_other_coop' as const,
        grams: short.toString(),
        estimatedCost: cost.toString(),
        description:
          lang === 'id'
            ? `Beli ${shortKg} ${crop.name} dari koperasi lain (perkiraan ${formatRupiah(cost)} pada harga sekarang)`
            : `Buy ${shortKg} of ${crop.name} from another cooperative (about ${formatRupiah(cost)} at current prices)`,
      });
      out.push({
        commodity: code,
        name: crop.name,
        fromWeek: run.from,
        toWeek: run.to,
        fromDate: addWeeks(ctx.season.startDate, run.from),
        demandGrams: run.demand.toString(),
        expectedGrams: run.expected.toString(),
        boughtGrams: run.bought.toString(),
        shortfallGrams: short.toString(),
        message:
          lang === 'id'
            ? `${crop.name}: ${weeks.id} diperkirakan kurang ${shortKg}${factor < 1 ? ` (panen aktual selama ini ${Math.round(factor * 100)}% dari perkiraan)` : ''}${run.bought > 0n ? `, setelah dihitung ${formatKg(run.bought)} yang dibeli dari koperasi lain` : ''}`
            : `${crop.name}: ${weeks.en} expected ${shortKg} short${factor < 1 ? ` (actual harvest so far ${Math.round(factor * 100)}% of expected)` : ''}${run.bought > 0n ? `, counting ${formatKg(run.bought)} bought from another cooperative` : ''}`,
        options,
      });
      run = null;
    };
    for (let w = Math.max(0, currentWeek); w < Math.min(ctx.season.weeks, currentWeek + LOOKAHEAD_WEEKS); w++) {
      const d = need[w]!;
      const e = BigInt(Math.round((series[w] ?? 0) * factor));
      const b = takeBought(boughtLots, addWeeks(ctx.season.startDate, w), d > e ? d - e : 0n);
      const short = d > 0n && Number(e + b) < WARN_BELOW * Number(d);
      if (!short) {
        flush();
        continue;
      }
      if (run && run.to === w - 1) {
        run.to = w;
        run.demand += d;
        run.expected += e;
        run.bought += b;
      } else {
        flush();
        run = { from: w, to: w, demand: d, expected: e, bought: b };
      }
    }
    flush();
  }
  return { asOf, currentWeek, lookaheadWeeks: LOOKAHEAD_WEEKS, warnings: out };
}
