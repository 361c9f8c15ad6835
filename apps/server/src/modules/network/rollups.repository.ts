import { and, asc, eq, param, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { networkAreaStats, networkManualReports, networkMonthlyStats, networkParticipants } from './network.schema.js';

export type MonthlyRow = typeof networkMonthlyStats.$inferSelect;
export type AreaRow = typeof networkAreaStats.$inferSelect;
export type ManualRow = typeof networkManualReports.$inferSelect;

export const manualReport = (db: Db, cooperativeId: string, month: string) =>
  db
    .select()
    .from(networkManualReports)
    .where(and(eq(networkManualReports.cooperativeId, cooperativeId), eq(networkManualReports.month, month)))
    .then((r) => r[0]);

export const manualReportsOf = (db: Db, cooperativeId: string) =>
  db
    .select()
    .from(networkManualReports)
    .where(eq(networkManualReports.cooperativeId, cooperativeId))
    .orderBy(asc(networkManualReports.month));

export const upsertManualReport = (db: Db, row: typeof networkManualReports.$inferInsert) =>
  db
    .insert(networkManualReports)
    .values(row)
    .onConflictDoUpdate({
      target: [networkManualReports.cooperativeId, networkManualReports.month],
      set: {
        members: row.members,
        savings: row.savings,
        intakeGrams: row.intakeGrams,
        sales: row.sales,
        note: row.note,
        reportedBy: row.reportedBy,
        updatedAt: new Date(),
      },
    })
    .returning()
    .then((r) => r[0]!);

export const upsertManualReports = (db: Db, rows: (typeof networkManualReports.$inferInsert)[]) =>
  rows.length
    ? db
        .insert(networkManualReports)
        .values(rows)
        .onConflictDoUpdate({
          target: [networkManualReports.cooperativeId, networkManualReports.month],
          set: {
            members: sql`EXCLUDED.members`,
            savings: sql`EXCLUDED.savings`,
            intakeGrams: sql`EXCLUDED.intake_grams`,
            sales: sql`EXCLUDED.sales`,
            note: sql`EXCLUDED.note`,
            reportedBy: sql`EXCLUDED.reported_by`,
            updatedAt: new Date(),
          },
        })
    : Promise.resolve();

/** Board members of the cooperative who completed an internship by `asOf`. */
export const alumniCount = (db: Db, cooperativeId: string, asOf: string) =>
  db
    .select({ n: sql<number>`count(*)::int` })
    .from(networkParticipants)
    .where(
      and(
        eq(networkParticipants.cooperativeId, cooperativeId),
        eq(networkParticipants.status, 'completed'),
        sql`${networkParticipants.completedOn} <= ${asOf}`,
      ),
    )
    .then((r) => r[0]?.n ?? 0);

export const monthlyRow = (db: Db, cooperativeId: string, month: string) =>
  db
    .select()
    .from(networkMonthlyStats)
    .where(and(eq(networkMonthlyStats.cooperativeId, cooperativeId), eq(networkMonthlyStats.month, month)))
    .then((r) => r[0]);

export const monthlyRowsOf = (db: Db, cooperativeId: string) =>
  db.select().from(networkMonthlyStats).where(eq(networkMonthlyStats.cooperativeId, cooperativeId)).orderBy(asc(networkMonthlyStats.month));

export const upsertMonthly = (db: Db, row: typeof networkMonthlyStats.$inferInsert) =>
  db
    .insert(networkMonthlyStats)
    .values(row)
    .onConflictDoUpdate({
      target: [networkMonthlyStats.cooperativeId, networkMonthlyStats.month],
      set: { ...row, refreshedAt: new Date() },
    });

const REGENCY_COLUMNS = {
  cooperativeId: networkMonthlyStats.cooperativeId,
  cooperativeName: networkMonthlyStats.cooperativeName,
  formed: networkMonthlyStats.formed,
  operating: networkMonthlyStats.operating,
  members: networkMonthlyStats.members,
  savings: networkMonthlyStats.savings,
  intakeGrams: networkMonthlyStats.intakeGrams,
  sales: networkMonthlyStats.sales,
  activeUnits: networkMonthlyStats.activeUnits,
  partnersActive: networkMonthlyStats.partnersActive,
  alumni: networkMonthlyStats.alumni,
  synthetic: networkMonthlyStats.synthetic,
};
export type RegencyRow = Pick<MonthlyRow, keyof typeof REGENCY_COLUMNS>;

/** The cooperatives of a regency in a month (the regency dashboard's table): an index-only scan. */
export const monthlyRowsOfRegency = (db: Db, regencyCode: string, month: string) =>
  db
    .select(REGENCY_COLUMNS)
    .from(networkMonthlyStats)
    .where(and(eq(networkMonthlyStats.regencyCode, regencyCode), eq(networkMonthlyStats.month, month)))
    .orderBy(asc(networkMonthlyStats.cooperativeId));

/** Operating flags of cooperatives in given months, for the alumni views. */
export const operatingIn = (db: Db, pairs: { cooperativeId: string; month: string }[]) =>
  pairs.length
    ? db
        .select({
          cooperativeId: networkMonthlyStats.cooperativeId,
          month: networkMonthlyStats.month,
          operating: networkMonthlyStats.operating,
        })
        .from(networkMonthlyStats)
        .where(
          sql`(${networkMonthlyStats.cooperativeId}, ${networkMonthlyStats.month}) IN (SELECT * FROM unnest(${param(pairs.map((p) => p.cooperativeId))}::text[], ${param(pairs.map((p) => p.month))}::date[]))`,
        )
    : Promise.resolve([]);

// ── area sums ───────────────────────────────────────────────────────────────────────────────

const AREA_COLUMNS = [
  'cooperatives',
  'formed',
  'operating',
  'members',
  'savings',
  'intake_grams',
  'sales',
  'active_units',
  'partners_active',
  'alumni',
  'alumni_cooperatives',
  'alumni_operating',
  'synthetic',
] as const;
const COLS = sql.raw(AREA_COLUMNS.join(', '));
const EXCLUDED = sql.raw(AREA_COLUMNS.map((c) => `${c} = EXCLUDED.${c}`).join(', '));

/** The sums of cooperative rows, in AREA_COLUMNS order. */
const FROM_COOPERATIVES = sql.raw(`count(*)::int, count(*) FILTER (WHERE formed)::int, count(*) FILTER (WHERE operating)::int,
  coalesce(sum(members), 0)::bigint, coalesce(sum(savings), 0)::bigint, coalesce(sum(intake_grams), 0)::bigint,
  coalesce(sum(sales), 0)::bigint, coalesce(sum(active_units), 0)::bigint, coalesce(sum(partners_active), 0)::bigint,
  coalesce(sum(alumni), 0)::int, count(*) FILTER (WHERE alumni > 0)::int, count(*) FILTER (WHERE alumni > 0 AND operating)::int,
  count(*) FILTER (WHERE synthetic)::int`);

/** The sums of area rows one level down, in AREA_COLUMNS order. */
const FROM_AREAS = sql.raw(
  AREA_COLUMNS.map((c) =>
    ['members', 'savings', 'intake_grams', 'sales', 'active_units', 'partners_active'].includes(c) ? `sum(${c})::bigint` : `sum(${c})::int`,
  ).join(', '),
);

/**
 * Serialises refreshes of one area row: two cooperatives of a regency refreshed at once would each
 * sum without the other's uncommitted row. Taken regency → province → national, so no deadlock.
 */
const lockArea = (db: Db, level: string, code: string) =>
  db.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`network_area:${level}:${code}`}))`);

export async function refreshRegency(db: Db, regency: string, month: string) {
  await lockArea(db, 'regency', regency);
  await db.execute(sql`
    INSERT INTO network_area_stats (level, area_code, parent_code, month, ${COLS})
    SELECT 'regency', ${regency}, ${regency.slice(0, 2)}, ${month}::date, ${FROM_COOPERATIVES}
    FROM network_monthly_stats WHERE regency_code = ${regency} AND month = ${month}
    HAVING count(*) > 0
    ON CONFLICT (level, area_code, month) DO UPDATE SET ${EXCLUDED}, refreshed_at = now()`);
  await db.execute(sql`
    DELETE FROM network_area_stats WHERE level = 'regency' AND area_code = ${regency} AND month = ${month}
      AND NOT EXISTS (SELECT 1 FROM network_monthly_stats WHERE regency_code = ${regency} AND month = ${month})`);
}

export async function refreshParent(db: Db, level: 'province' | 'national', code: string, month: string) {
  const childLevel = level === 'province' ? 'regency' : 'province';
  const parent = level === 'province' ? 'ID' : '';
  await lockArea(db, level, code);
  await db.execute(sql`
    INSERT INTO network_area_stats (level, area_code, parent_code, month, ${COLS})
    SELECT ${level}, ${code}, ${parent}, ${month}::date, ${FROM_AREAS}
    FROM network_area_stats WHERE level = ${childLevel} AND parent_code = ${code} AND month = ${month}
    HAVING count(*) > 0
    ON CONFLICT (level, area_code, month) DO UPDATE SET ${EXCLUDED}, refreshed_at = now()`);
  await db.execute(sql`
    DELETE FROM network_area_stats WHERE level = ${level} AND area_code = ${code} AND month = ${month}
      AND NOT EXISTS (SELECT 1 FROM network_area_stats WHERE level = ${childLevel} AND parent_code = ${code} AND month = ${month})`);
}

/** Rebuild every area row of the given months from the cooperative rows, set-based (bulk loads). */
export async function rebuildAreas(db: Db, months: string[]) {
  await db.execute(sql`LOCK TABLE network_area_stats IN SHARE ROW EXCLUSIVE MODE`);
  await db.execute(sql`DELETE FROM network_area_stats WHERE month = ANY(${param(months)}::date[])`);
  await db.execute(sql`
    INSERT INTO network_area_stats (level, area_code, parent_code, month, ${COLS})
    SELECT 'regency', regency_code, left(regency_code, 2), month, ${FROM_COOPERATIVES}
    FROM network_monthly_stats WHERE month = ANY(${param(months)}::date[]) GROUP BY regency_code, month`);
  await db.execute(sql`
    INSERT INTO network_area_stats (level, area_code, parent_code, month, ${COLS})
    SELECT 'province', parent_code, 'ID', month, ${FROM_AREAS}
    FROM network_area_stats WHERE level = 'regency' AND month = ANY(${param(months)}::date[]) GROUP BY parent_code, month`);
  await db.execute(sql`
    INSERT INTO network_area_stats (level, area_code, parent_code, month, ${COLS})
    SELECT 'national', 'ID', '', month, ${FROM_AREAS}
    FROM network_area_stats WHERE level = 'province' AND month = ANY(${param(months)}::date[]) GROUP BY month`);
}

export const areaSeries = (db: Db, level: string, code: string, from: string, to: string) =>
  db
    .select()
    .from(networkAreaStats)
    .where(
      and(eq(networkAreaStats.level, level), eq(networkAreaStats.areaCode, code), sql`${networkAreaStats.month} BETWEEN ${from} AND ${to}`),
    )
    .orderBy(asc(networkAreaStats.month));

export const areaChildren = (db: Db, level: string, parent: string, month: string) =>
  db
    .select()
    .from(networkAreaStats)
    .where(and(eq(networkAreaStats.level, level), eq(networkAreaStats.parentCode, parent), eq(networkAreaStats.month, month)))
    .orderBy(asc(networkAreaStats.areaCode));

export const areaRow = (db: Db, level: string, code: string, month: string) =>
  db
    .select()
    .from(networkAreaStats)
    .where(and(eq(networkAreaStats.level, level), eq(networkAreaStats.areaCode, code), eq(networkAreaStats.month, month)))
    .then((r) => r[0]);

export const latestMonth = (db: Db) =>
  db
    .select({ m: sql<string | null>`max(${networkAreaStats.month})::text` })
    .from(networkAreaStats)
    .where(eq(networkAreaStats.level, 'national'))
    .then((r) => r[0]?.m ?? null);

/**
 * The set-based twin of the per-cooperative refresh, for cooperatives measured only from hand
 * reports (not working in kopdes): the same rules, for many cooperatives and months in one
 * statement. A test holds the two to the same result.
 */
export async function refreshFromReports(db: Db, coops: { id: string; name: string; hasLegalNumber: boolean }[], months: string[]) {
  if (!coops.length || !months.length) return;
  await db.execute(sql`
    INSERT INTO network_monthly_stats (cooperative_id, month, province_code, regency_code, cooperative_name, formed, operating, members,
      savings, intake_grams, sales, active_units, partners_active, alumni, sources, synthetic)
    SELECT p.cooperative_id, m.month, p.province_code, p.regency_code, l.name,
      CASE WHEN p.legal_entity_date IS NOT NULL THEN p.legal_entity_date <= e.month_end ELSE l.has_number END,
      coalesce(r.intake_grams, 0) > 0 OR coalesce(r.sales, 0) > 0 OR trading.n > 0,
      r.members, r.savings, r.intake_grams, r.sales,
      cardinality(p.business_units), active.n, alumni.n,
      jsonb_strip_nulls(jsonb_build_object(
        'members', CASE WHEN r.members IS NOT NULL THEN 'manual' END,
        'savings', CASE WHEN r.savings IS NOT NULL THEN 'manual' END,
        'intakeGrams', CASE WHEN r.intake_grams IS NOT NULL THEN 'manual' END,
        'sales', CASE WHEN r.sales IS NOT NULL THEN 'manual' END)),
      p.synthetic
    FROM network_profiles p
    JOIN unnest(${param(coops.map((c) => c.id))}::text[], ${param(coops.map((c) => c.name))}::text[],
      ${param(coops.map((c) => c.hasLegalNumber))}::boolean[]) AS l(id, name, has_number)
      ON l.id = p.cooperative_id
    CROSS JOIN unnest(${param(months)}::date[]) AS m(month)
    CROSS JOIN LATERAL (SELECT (m.month + interval '1 month - 1 day')::date AS month_end) e
    LEFT JOIN network_manual_reports r ON r.cooperative_id = p.cooperative_id AND r.month = m.month
    CROSS JOIN LATERAL (
      SELECT count(*)::int AS n FROM network_partnerships x
      WHERE x.cooperative_id = p.cooperative_id AND x.active_since <= e.month_end AND (x.ended_on IS NULL OR x.ended_on >= m.month)) active
    CROSS JOIN LATERAL (
      SELECT count(*)::int AS n FROM network_partnerships x
      WHERE x.cooperative_id = p.cooperative_id AND x.active_since <= e.month_end AND (x.ended_on IS NULL OR x.ended_on >= m.month)
        AND x.type IN ('offtake', 'retail_supply')) trading
    CROSS JOIN LATERAL (
      SELECT count(*)::int AS n FROM network_participants q
      WHERE q.cooperative_id = p.cooperative_id AND q.status = 'completed' AND q.completed_on <= e.month_end) alumni
    ON CONFLICT (cooperative_id, month) DO UPDATE SET
      province_code = EXCLUDED.province_code, regency_code = EXCLUDED.regency_code, cooperative_name = EXCLUDED.cooperative_name,
      formed = EXCLUDED.formed,
      operating = EXCLUDED.operating, members = EXCLUDED.members, savings = EXCLUDED.savings,
      intake_grams = EXCLUDED.intake_grams, sales = EXCLUDED.sales, active_units = EXCLUDED.active_units,
      partners_active = EXCLUDED.partners_active, alumni = EXCLUDED.alumni, sources = EXCLUDED.sources,
      synthetic = EXCLUDED.synthetic, refreshed_at = now()`);
}
