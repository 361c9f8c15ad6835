// Mirrors db/migrations/0006_planning.sql; checks and the append-only trigger live there.
import { bigint, boolean, date, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

const created = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updated = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

export const crops = pgTable(
  'crops',
  {
    cooperativeId: text('cooperative_id').notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    family: text('family').notNull(),
    weeksToHarvest: integer('weeks_to_harvest').notNull(),
    harvestWeeks: integer('harvest_weeks').notNull(),
    yieldSpread: jsonb('yield_spread').$type<number[]>().notNull(),
    yieldPerM2Grams: integer('yield_per_m2_grams').notNull(),
    gradeMix: jsonb('grade_mix').$type<{ A: number; B: number; C: number }>().notNull(),
    altitudeMinM: integer('altitude_min_m').notNull(),
    altitudeMaxM: integer('altitude_max_m').notNull(),
    altitudeYields: jsonb('altitude_yields')
      .$type<{ fromM: number; toM: number; yieldPerM2Grams: number; gradeMix?: { A: number; B: number; C: number } }[]>()
      .notNull()
      .default([]),
    avoidWeeks: jsonb('avoid_weeks').$type<number[]>().notNull().default([]),
    bedM2: integer('bed_m2').notNull(),
    pricePerKg: bigint('price_per_kg', { mode: 'bigint' }).notNull(),
    active: boolean('active').notNull().default(true),
    createdAt: created(),
    updatedAt: updated(),
  },
  (t) => [primaryKey({ columns: [t.cooperativeId, t.code] })],
);

export const planningFarmers = pgTable(
  'planning_farmers',
  {
    cooperativeId: text('cooperative_id').notNull(),
    farmerId: text('farmer_id').notNull(),
    name: text('name').notNull(),
    groupName: text('group_name').notNull(),
    unavailableWeeks: jsonb('unavailable_weeks').$type<string[]>().notNull().default([]),
    acceptsExtra: boolean('accepts_extra').notNull().default(false),
    createdAt: created(),
    updatedAt: updated(),
  },
  (t) => [primaryKey({ columns: [t.cooperativeId, t.farmerId] })],
);

export const planningCapacity = pgTable(
  'planning_capacity',
  {
    cooperativeId: text('cooperative_id').notNull(),
    plotId: text('plot_id').notNull(),
    farmerId: text('farmer_id').notNull(),
    name: text('name').notNull(),
    areaM2: integer('area_m2').notNull(),
    altitudeM: integer('altitude_m').notNull(),
    allowedFamilies: text('allowed_families').array().notNull(),
    lastFamily: text('last_family'),
    active: boolean('active').notNull().default(true),
    createdAt: created(),
    updatedAt: updated(),
  },
  (t) => [primaryKey({ columns: [t.cooperativeId, t.plotId] })],
);

export const planningSeasons = pgTable(
  'planning_seasons',
  {
    cooperativeId: text('cooperative_id').notNull(),
    id: text('id').notNull(),
    name: text('name').notNull(),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    weeks: integer('weeks').notNull(),
    safetyMarginPct: integer('safety_margin_pct').notNull().default(10),
    createdAt: created(),
    updatedAt: updated(),
  },
  (t) => [primaryKey({ columns: [t.cooperativeId, t.id] })],
);

export const planningDemand = pgTable(
  'planning_demand',
  {
    cooperativeId: text('cooperative_id').notNull(),
    seasonId: text('season_id').notNull(),
    commodityCode: text('commodity_code').notNull(),
    grade: text('grade').notNull(),
    week: integer('week').notNull(),
    contractGrams: bigint('contract_grams', { mode: 'bigint' }).notNull().default(0n),
    historyGrams: bigint('history_grams', { mode: 'bigint' }).notNull().default(0n),
    adjustmentGrams: bigint('adjustment_grams', { mode: 'bigint' }).notNull().default(0n),
  },
  (t) => [primaryKey({ columns: [t.cooperativeId, t.seasonId, t.commodityCode, t.grade, t.week] })],
);

export const planningPlans = pgTable(
  'planning_plans',
  {
    cooperativeId: text('cooperative_id').notNull(),
    id: text('id').notNull(),
    seasonId: text('season_id').notNull(),
    status: text('status').notNull(),
    firstOpenWeek: integer('first_open_week').notNull(),
    solverStatus: text('solver_status').notNull(),
    method: text('method').notNull(),
    gapPpm: integer('gap_ppm').notNull(),
    demandGrams: bigint('demand_grams', { mode: 'bigint' }).notNull(),
    shortfallGrams: bigint('shortfall_grams', { mode: 'bigint' }).notNull(),
    oversupplyGrams: bigint('oversupply_grams', { mode: 'bigint' }).notNull(),
    expectedIncome: bigint('expected_income', { mode: 'bigint' }).notNull(),
    summary: jsonb('summary').$type<Record<string, unknown>>().notNull(),
    inputHash: text('input_hash').notNull(),
    checkPassed: boolean('check_passed').notNull(),
    replacesPlanId: text('replaces_plan_id'),
    createdBy: text('created_by'),
    createdByLabel: text('created_by_label').notNull(),
    createdAt: created(),
  },
  (t) => [primaryKey({ columns: [t.cooperativeId, t.id] })],
);

export const planningPlantings = pgTable(
  'planning_plantings',
  {
    cooperativeId: text('cooperative_id').notNull(),
    id: text('id').notNull(),
    planId: text('plan_id').notNull(),
    farmerId: text('farmer_id').notNull(),
    plotId: text('plot_id').notNull(),
    commodityCode: text('commodity_code').notNull(),
    plantWeek: integer('plant_week').notNull(),
    areaM2: integer('area_m2').notNull(),
    offsetM2: integer('offset_m2').notNull(),
    expectedGrams: bigint('expected_grams', { mode: 'bigint' }).notNull(),
    expectedIncome: bigint('expected_income', { mode: 'bigint' }).notNull(),
    fixed: boolean('fixed').notNull(),
    status: text('status').notNull(),
    actualPlantWeek: integer('actual_plant_week'),
    actualAreaM2: integer('actual_area_m2'),
    note: text('note'),
    updatedAt: updated(),
    updatedByLabel: text('updated_by_label'),
  },
  (t) => [primaryKey({ columns: [t.cooperativeId, t.id] })],
);

export const planningActuals = pgTable(
  'planning_actuals',
  {
    cooperativeId: text('cooperative_id').notNull(),
    id: text('id').notNull(),
    commodityCode: text('commodity_code').notNull(),
    grade: text('grade').notNull(),
    weekStart: date('week_start', { mode: 'string' }).notNull(),
    grams: bigint('grams', { mode: 'bigint' }).notNull(),
    source: text('source').notNull(),
    note: text('note'),
    recordedByLabel: text('recorded_by_label').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.cooperativeId, t.id] })],
);
