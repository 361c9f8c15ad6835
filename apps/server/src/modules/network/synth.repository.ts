/**
 * Set-based SQL for the synthetic generator. It writes `cooperatives` rows directly (decision
 * 0052): 80,000 service calls with their audit rows would take minutes and could never be removed,
 * because the audit trail is append-only. Nothing here touches a cooperative not marked synthetic.
 */
import { param, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';

export const occupiedVillages = async (db: Db) =>
  new Set(
    (await db.execute<{ village_code: string }>(sql`SELECT DISTINCT village_code FROM cooperatives`)).rows.map((r) => r.village_code),
  );

export interface SynthCoop {
  id: string;
  name: string;
  villageCode: string;
  timeZone: string;
  legalEntityNumber: string;
  legalEntityDate: string;
  formationModel: string;
  nib: string;
  units: string;
}

export async function insertCooperatives(db: Db, rows: SynthCoop[]) {
  const col = <K extends keyof SynthCoop>(k: K) => param(rows.map((r) => r[k]));
  await db.execute(sql`
    INSERT INTO cooperatives (id, name, legal_entity_number, village_code, time_zone)
    SELECT * FROM unnest(${col('id')}::text[], ${col('name')}::text[], ${col('legalEntityNumber')}::text[], ${col('villageCode')}::text[], ${col('timeZone')}::text[])`);
  await db.execute(sql`
    INSERT INTO network_profiles (cooperative_id, village_code, regency_code, province_code, formation_model, legal_entity_date, nib, business_units, synthetic)
    SELECT id, v, left(v, 5), left(v, 2), fm, ld, nib, string_to_array(units, ','), true
    FROM unnest(${col('id')}::text[], ${col('villageCode')}::text[], ${col('formationModel')}::text[], ${col('legalEntityDate')}::date[],
                ${col('nib')}::text[], ${col('units')}::text[]) AS t(id, v, fm, ld, nib, units)`);
}

/**
 * Monthly rows for every synthetic cooperative, derived from hashes of its id so a rerun gives the
 * same figures: members and savings grow with age, trading starts a few months after formation.
 */
export async function generateMonths(db: Db, months: string[]) {
  await db.execute(sql`
    INSERT INTO network_monthly_stats (cooperative_id, month, province_code, regency_code, cooperative_name, formed, operating, members,
      savings, intake_grams, sales, active_units, partners_active, alumni, sources, synthetic)
    SELECT cooperative_id, month, province_code, regency_code, name, formed, operating,
      CASE WHEN formed THEN members END,
      CASE WHEN formed THEN members::bigint * (50000 + 10000 * least(age, 24)) + (h_s % 1000) * 1000 END,
      CASE WHEN operating THEN (1000 + h_i % 14000)::bigint * 1000 ELSE 0 END,
      CASE WHEN operating THEN (1000 + h_i % 14000)::bigint * (6000 + h_p % 3000) + 5000000 + (h_g % 30000) * 1000 ELSE 0 END,
      units, CASE WHEN operating THEN (h_k % 4)::int ELSE 0 END, 0, '{}'::jsonb, true
    FROM (
      SELECT p.cooperative_id, m.month::date AS month, p.province_code, p.regency_code, c.name,
        cardinality(p.business_units) AS units,
        p.legal_entity_date <= (m.month + interval '1 month - 1 day')::date AS formed,
        (extract(year FROM m.month)::int * 12 + extract(month FROM m.month)::int)
          - (extract(year FROM p.legal_entity_date)::int * 12 + extract(month FROM p.legal_entity_date)::int) AS age,
        (30 + abs(hashtext(p.cooperative_id || ':m')) % 470)
          * (60 + 4 * least(greatest((extract(year FROM m.month)::int * 12 + extract(month FROM m.month)::int)
          - (extract(year FROM p.legal_entity_date)::int * 12 + extract(month FROM p.legal_entity_date)::int), 0), 10)) / 100 AS members,
        abs(hashtext(p.cooperative_id || ':start')) % 14 AS starts_after,
        abs(hashtext(p.cooperative_id || m.month::text || ':q')) % 100 AS quiet,
        abs(hashtext(p.cooperative_id || ':s')) AS h_s,
        abs(hashtext(p.cooperative_id || m.month::text || ':i')) AS h_i,
        abs(hashtext(p.cooperative_id || m.month::text || ':p')) AS h_p,
        abs(hashtext(p.cooperative_id || m.month::text || ':g')) AS h_g,
        abs(hashtext(p.cooperative_id || m.month::text || ':k')) AS h_k
      FROM network_profiles p JOIN cooperatives c ON c.id = p.cooperative_id CROSS JOIN unnest(${param(months)}::date[]) AS m(month)
      WHERE p.synthetic
    ) base
    CROSS JOIN LATERAL (SELECT formed AND age >= starts_after AND quiet < 88 AS operating) op
    ON CONFLICT (cooperative_id, month) DO NOTHING`);
}

export const syntheticCount = async (db: Db) =>
  (await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM network_profiles WHERE synthetic`)).rows[0]!.n;

/** Months with any roll-up, cooperative or area: the ones a rebuild must cover. */
export const storedMonths = async (db: Db) =>
  (
    await db.execute<{ m: string }>(
      sql`SELECT month::text AS m FROM network_monthly_stats UNION SELECT month::text FROM network_area_stats ORDER BY 1`,
    )
  ).rows.map((r) => r.m);

/** Remove every synthetic cooperative and what the network layer holds of it. */
export async function removeSynthetic(db: Db): Promise<number> {
  await db.execute(
    sql`CREATE TEMP TABLE synthetic_ids ON COMMIT DROP AS SELECT cooperative_id AS id FROM network_profiles WHERE synthetic`,
  );
  const tables = [
    'network_action_reports',
    'network_action_items',
    'network_assessments',
    'network_attendance',
    'network_participants',
    'network_family_ties',
    'network_rat_meetings',
    'network_partnership_documents',
    'network_partnership_events',
    'network_partnerships',
    'network_manual_reports',
    'network_monthly_stats',
    'network_officers',
    'network_profiles',
  ];
  for (const t of tables) await db.execute(sql`DELETE FROM ${sql.identifier(t)} WHERE cooperative_id IN (SELECT id FROM synthetic_ids)`);
  const res = await db.execute(sql`DELETE FROM cooperatives WHERE id IN (SELECT id FROM synthetic_ids)`);
  return res.rowCount ?? 0;
}

export const analyze = (db: Db) => db.execute(sql`ANALYZE network_profiles, network_monthly_stats, network_area_stats, cooperatives`);
