/** SQL of the planning module; every query is scoped by cooperative. */
import { and, asc, eq, inArray, lt, param, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import {
  crops,
  planningActuals,
  planningCapacity,
  planningDemand,
  planningFarmers,
  planningPlans,
  planningPlantings,
  planningSeasons,
} from './planning.schema.js';

export type CropRow = typeof crops.$inferSelect;
export type FarmerRow = typeof planningFarmers.$inferSelect;
export type PlotRow = typeof planningCapacity.$inferSelect;
export type SeasonRow = typeof planningSeasons.$inferSelect;
export type DemandRow = typeof planningDemand.$inferSelect;
export type PlanRow = typeof planningPlans.$inferSelect;
export type PlantingRow = typeof planningPlantings.$inferSelect;

// ── crops ──
export const listCrops = (db: Db, coopId: string) =>
  db.select().from(crops).where(eq(crops.cooperativeId, coopId)).orderBy(asc(crops.code));
export const findCrop = (db: Db, coopId: string, code: string) =>
  db
    .select()
    .from(crops)
    .where(and(eq(crops.cooperativeId, coopId), eq(crops.code, code)))
    .then((r) => r[0]);
export const insertCrops = (db: Db, rows: (typeof crops.$inferInsert)[]) => db.insert(crops).values(rows).onConflictDoNothing();
export const updateCrop = (db: Db, coopId: string, code: string, set: Partial<typeof crops.$inferInsert>) =>
  db
    .update(crops)
    .set({ ...set, updatedAt: new Date() })
    .where(and(eq(crops.cooperativeId, coopId), eq(crops.code, code)))
    .returning();

// ── capacity ──
export const listFarmers = (db: Db, coopId: string) =>
  db.select().from(planningFarmers).where(eq(planningFarmers.cooperativeId, coopId)).orderBy(asc(planningFarmers.farmerId));
export const findFarmer = (db: Db, coopId: string, farmerId: string) =>
  db
    .select()
    .from(planningFarmers)
    .where(and(eq(planningFarmers.cooperativeId, coopId), eq(planningFarmers.farmerId, farmerId)))
    .then((r) => r[0]);
export const upsertFarmer = (db: Db, row: typeof planningFarmers.$inferInsert) =>
  db
    .insert(planningFarmers)
    .values(row)
    .onConflictDoUpdate({
      target: [planningFarmers.cooperativeId, planningFarmers.farmerId],
      set: {
        name: row.name,
        groupName: row.groupName,
        unavailableWeeks: row.unavailableWeeks,
        acceptsExtra: row.acceptsExtra,
        updatedAt: new Date(),
      },
    });
export const listPlots = (db: Db, coopId: string) =>
  db.select().from(planningCapacity).where(eq(planningCapacity.cooperativeId, coopId)).orderBy(asc(planningCapacity.plotId));
export const findPlot = (db: Db, coopId: string, plotId: string) =>
  db
    .select()
    .from(planningCapacity)
    .where(and(eq(planningCapacity.cooperativeId, coopId), eq(planningCapacity.plotId, plotId)))
    .then((r) => r[0]);
export const insertPlots = (db: Db, rows: (typeof planningCapacity.$inferInsert)[]) => db.insert(planningCapacity).values(rows);
export const updatePlot = (db: Db, coopId: string, plotId: string, set: Partial<typeof planningCapacity.$inferInsert>) =>
  db
    .update(planningCapacity)
    .set({ ...set, updatedAt: new Date() })
    .where(and(eq(planningCapacity.cooperativeId, coopId), eq(planningCapacity.plotId, plotId)))
    .returning();

// ── seasons and demand ──
export const listSeasons = (db: Db, coopId: string) =>
  db
    .select()
    .from(planningSeasons)
    .where(eq(planningSeasons.cooperativeId, coopId))
    .orderBy(asc(planningSeasons.startDate), asc(planningSeasons.id));
export const findSeason = (db: Db, coopId: string, id: string) =>
  db
    .select()
    .from(planningSeasons)
    .where(and(eq(planningSeasons.cooperativeId, coopId), eq(planningSeasons.id, id)))
    .then((r) => r[0]);
export const insertSeason = (db: Db, row: typeof planningSeasons.$inferInsert) => db.insert(planningSeasons).values(row);
export const updateSeason = (db: Db, coopId: string, id: string, set: Partial<typeof planningSeasons.$inferInsert>) =>
  db
    .update(planningSeasons)
    .set({ ...set, updatedAt: new Date() })
    .where(and(eq(planningSeasons.cooperativeId, coopId), eq(planningSeasons.id, id)));
export const listDemand = (db: Db, coopId: string, seasonId: string) =>
  db
    .select()
    .from(planningDemand)
    .where(and(eq(planningDemand.cooperativeId, coopId), eq(planningDemand.seasonId, seasonId)))
    .orderBy(asc(planningDemand.commodityCode), asc(planningDemand.grade), asc(planningDemand.week));
export async function replaceDemand(db: Db, coopId: string, seasonId: string, rows: (typeof planningDemand.$inferInsert)[]) {
  await db.delete(planningDemand).where(and(eq(planningDemand.cooperativeId, coopId), eq(planningDemand.seasonId, seasonId)));
  for (let i = 0; i < rows.length; i += 2000) await db.insert(planningDemand).values(rows.slice(i, i + 2000));
}

// ── plans and plantings ──
export const findPlan = (db: Db, coopId: string, id: string) =>
  db
    .select()
    .from(planningPlans)
    .where(and(eq(planningPlans.cooperativeId, coopId), eq(planningPlans.id, id)))
    .then((r) => r[0]);
export const findActivePlan = (db: Db, coopId: string, seasonId: string) =>
  db
    .select()
    .from(planningPlans)
    .where(and(eq(planningPlans.cooperativeId, coopId), eq(planningPlans.seasonId, seasonId), eq(planningPlans.status, 'active')))
    .then((r) => r[0]);
export const activePlanIds = (db: Db, coopId: string) =>
  db
    .select({ seasonId: planningPlans.seasonId, id: planningPlans.id })
    .from(planningPlans)
    .where(and(eq(planningPlans.cooperativeId, coopId), eq(planningPlans.status, 'active')));
export const supersedePlans = (db: Db, coopId: string, seasonId: string) =>
  db
    .update(planningPlans)
    .set({ status: 'superseded' })
    .where(and(eq(planningPlans.cooperativeId, coopId), eq(planningPlans.seasonId, seasonId), eq(planningPlans.status, 'active')));
export const insertPlan = (db: Db, row: typeof planningPlans.$inferInsert) => db.insert(planningPlans).values(row);
export async function insertPlantings(db: Db, rows: (typeof planningPlantings.$inferInsert)[]) {
  for (let i = 0; i < rows.length; i += 1000) await db.insert(planningPlantings).values(rows.slice(i, i + 1000));
}
export const listPlantings = (db: Db, coopId: string, planId: string) =>
  db
    .select()
    .from(planningPlantings)
    .where(and(eq(planningPlantings.cooperativeId, coopId), eq(planningPlantings.planId, planId)))
    .orderBy(
      asc(planningPlantings.plantWeek),
      asc(planningPlantings.farmerId),
      asc(planningPlantings.plotId),
      asc(planningPlantings.offsetM2),
    );
export const findPlanting = (db: Db, coopId: string, id: string) =>
  db
    .select()
    .from(planningPlantings)
    .where(and(eq(planningPlantings.cooperativeId, coopId), eq(planningPlantings.id, id)))
    .then((r) => r[0]);
export const updatePlanting = (db: Db, coopId: string, id: string, set: Partial<typeof planningPlantings.$inferInsert>) =>
  db
    .update(planningPlantings)
    .set({ ...set, updatedAt: new Date() })
    .where(and(eq(planningPlantings.cooperativeId, coopId), eq(planningPlantings.id, id)))
    .returning();
export const plantedCount = (db: Db, coopId: string, planId: string) =>
  db
    .select({ n: sql<number>`count(*)::int` })
    .from(planningPlantings)
    .where(and(eq(planningPlantings.cooperativeId, coopId), eq(planningPlantings.planId, planId), eq(planningPlantings.status, 'planted')))
    .then((r) => r[0]?.n ?? 0);

// ── actual harvest ──
export type ActualInsert = typeof planningActuals.$inferInsert;
export const insertActual = (db: Db, row: ActualInsert) => db.insert(planningActuals).values(row);
/**
 * Inserts the rows whose commodity has crop parameters and leaves out the others, in one statement
 * (the intake path runs it on every delivery). Returns how many were written.
 */
export async function insertActualsOfKnownCrops(db: Db, rows: ActualInsert[], noteSql?: SQL): Promise<number> {
  if (!rows.length) return 0;
  const res = await db.execute(actualsOfKnownCropsStatement(rows, noteSql));
  return res.rowCount ?? 0;
}

/** The insert of `insertActualsOfKnownCrops`: rows of commodities without crop parameters are left out. */
/**
 * The insert of `insertActualsOfKnownCrops`: rows of commodities without crop parameters are left
 * out. `noteSql`, when given, is every row's note, read in SQL (a document's number that only the
 * database knows yet).
 */
export function actualsOfKnownCropsStatement(rows: ActualInsert[], noteSql?: SQL) {
  const col = (f: (r: ActualInsert) => string | null) => param(rows.map(f));
  return sql`
    INSERT INTO planning_actuals (cooperative_id, id, commodity_code, grade, week_start, grams, source, note, recorded_by_label)
    SELECT r.cooperative_id, r.id, r.commodity_code, r.grade, r.week_start, r.grams, r.source, ${noteSql ?? sql`r.note`}, r.recorded_by_label
    FROM unnest(${col((r) => r.cooperativeId)}::text[], ${col((r) => r.id)}::text[], ${col((r) => r.commodityCode)}::text[],
                ${col((r) => r.grade)}::text[], ${col((r) => r.weekStart)}::date[], ${col((r) => r.grams.toString())}::bigint[],
                ${col((r) => r.source)}::text[], ${col((r) => r.note ?? null)}::text[], ${col((r) => r.recordedByLabel)}::text[])
      AS r(cooperative_id, id, commodity_code, grade, week_start, grams, source, note, recorded_by_label)
    WHERE EXISTS (SELECT 1 FROM crops c WHERE c.cooperative_id = r.cooperative_id AND c.code = r.commodity_code)`;
}

/** Actual grams per commodity and week start, in [from, to). */
export const actualsByWeek = (db: Db, coopId: string, from: string, to: string, codes?: string[]) =>
  db
    .select({
      commodity: planningActuals.commodityCode,
      weekStart: planningActuals.weekStart,
      grams: sql<string>`sum(${planningActuals.grams})::text`,
    })
    .from(planningActuals)
    .where(
      and(
        eq(planningActuals.cooperativeId, coopId),
        sql`${planningActuals.weekStart} >= ${from}`,
        lt(planningActuals.weekStart, to),
        codes ? inArray(planningActuals.commodityCode, codes) : undefined,
      ),
    )
    .groupBy(planningActuals.commodityCode, planningActuals.weekStart);
