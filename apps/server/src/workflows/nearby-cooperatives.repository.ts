/**
 * SQL of the nearby-cooperatives directory. It reads across modules on purpose (the registry's
 * profiles and officers, every cooperative's name, other cooperatives' produce catalogue and
 * intakes, our market partners), set-based, so 80,000 registry cooperatives stay two statements.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Nearness } from '@kopdes/shared/produce';
import type { Db } from '../db/client.js';

export interface NearbyFilter {
  cooperativeId: string;
  villageCode: string;
  within: Nearness;
  /** The asked commodity's code; absent: no commodity asked. */
  commodityCode?: string;
  /** First day of the recent-intake window (the asking cooperative's business date). */
  since: string;
  limit: number;
}

export type NearbyRow = {
  cooperative_id: string;
  name: string;
  village_code: string;
  nearness: number;
  agribusiness: boolean;
  handles: boolean | null;
  chair_name: string | null;
  chair_phone: string | null;
  partner_id: string | null;
};

/** 0 same district … 3 another province, from the administrative codes (`32.04.40.2005`). */
const nearnessOf = (v: string) => sql`CASE
  WHEN p.province_code <> ${v.slice(0, 2)} THEN 3
  WHEN p.regency_code <> ${v.slice(0, 5)} THEN 2
  WHEN left(p.village_code, 8) <> ${v.slice(0, 8)} THEN 1
  ELSE 0 END`;

/**
 * Registry cooperatives (but the asking one) within reach, written so the area index (province_code,
 * regency_code, …) finds them. Synthetic entries (made for benchmarks and the national demo) are no
 * one to buy from.
 */
function scope(f: { cooperativeId: string; villageCode: string; within: Nearness }): SQL {
  const v = f.villageCode;
  const area =
    f.within === 'district'
      ? sql`p.province_code = ${v.slice(0, 2)} AND p.regency_code = ${v.slice(0, 5)} AND left(p.village_code, 8) = ${v.slice(0, 8)}`
      : f.within === 'regency'
        ? sql`p.province_code = ${v.slice(0, 2)} AND p.regency_code = ${v.slice(0, 5)}`
        : f.within === 'province'
          ? sql`p.province_code = ${v.slice(0, 2)}`
          : sql`true`;
  return sql`${area} AND p.cooperative_id <> ${f.cooperativeId} AND NOT p.synthetic`;
}

/**
 * How many are within reach, counted at each nearness and everything nearer: [same district, same
 * regency, same province, anywhere] (beyond `within`, the count at `within`). Reads the profiles
 * alone; at 80,000 the whole country is one pass over the table.
 */
export async function cumulativeCounts(db: Db, f: Omit<NearbyFilter, 'commodityCode' | 'since' | 'limit'>): Promise<number[]> {
  const v = f.villageCode;
  const res = await db.execute<{ district: number; regency: number; province: number; country: number }>(sql`
    SELECT count(*) FILTER (WHERE p.regency_code = ${v.slice(0, 5)} AND left(p.village_code, 8) = ${v.slice(0, 8)})::int AS district,
      count(*) FILTER (WHERE p.regency_code = ${v.slice(0, 5)})::int AS regency,
      count(*) FILTER (WHERE p.province_code = ${v.slice(0, 2)})::int AS province,
      count(*)::int AS country
    FROM network_profiles p WHERE ${scope(f)}`);
  const r = res.rows[0]!;
  return [r.district, r.regency, r.province, r.country];
}

/** The current chair of the board (pengurus), the newest if the registry holds two. */
const chair = (id: SQL) => sql`LEFT JOIN LATERAL (
    SELECT o.full_name, o.phone FROM network_officers o
    WHERE o.cooperative_id = ${id} AND o.body = 'pengurus' AND o.position = 'ketua' AND o.ended_on IS NULL
    ORDER BY o.started_on DESC NULLS LAST, o.id DESC LIMIT 1) chair ON true`;

/**
 * The first `limit` registry cooperatives within reach of one village: nearest first, then those
 * handling the commodity, then those with an agribusiness unit, then by name. Ranking by name needs
 * each one's name from `cooperatives`: only the (nearness, handles, agribusiness) groups that reach
 * into the page are named; the caller narrows `within` to the nearness that fills the page.
 */
export async function nearbyCooperatives(db: Db, f: NearbyFilter): Promise<NearbyRow[]> {
  // Tenant privacy: of another cooperative's books only this yes/no leaves — the commodity is in
  // its active catalogue and an intake of it (not voided) falls in the window. No volumes, no prices.
  const handles = f.commodityCode
    ? sql`CASE WHEN pc.id IS NULL THEN false ELSE EXISTS (
        SELECT 1 FROM produce_intakes i
        WHERE i.cooperative_id = pc.cooperative_id AND i.date >= ${f.since} AND i.commodity_id = pc.id
          AND NOT EXISTS (SELECT 1 FROM produce_intake_voids x WHERE x.cooperative_id = i.cooperative_id AND x.intake_id = i.id)) END`
    : sql`NULL::boolean`;
  const commodity = f.commodityCode
    ? sql`LEFT JOIN produce_commodities pc ON pc.cooperative_id = p.cooperative_id AND pc.code = ${f.commodityCode} AND pc.active`
    : sql``;
  const res = await db.execute<NearbyRow>(sql`
    WITH s AS MATERIALIZED (
      SELECT p.cooperative_id, p.village_code, ${nearnessOf(f.villageCode)} AS nearness,
        'agribisnis' = ANY(p.business_units) AS agribusiness, ${handles} AS handles
      FROM network_profiles p
      ${commodity}
      WHERE ${scope(f)}
    ), g AS (
      SELECT nearness, handles, agribusiness,
        coalesce(sum(count(*)) OVER (ORDER BY nearness, handles DESC NULLS LAST, agribusiness DESC
          ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS before
      FROM s GROUP BY nearness, handles, agribusiness
    ), m AS (
      SELECT s.*, c.name FROM s
      JOIN g ON g.nearness = s.nearness AND g.handles IS NOT DISTINCT FROM s.handles AND g.agribusiness = s.agribusiness
      JOIN cooperatives c ON c.id = s.cooperative_id
      WHERE g.before < ${f.limit}
      ORDER BY s.nearness, s.handles DESC NULLS LAST, s.agribusiness DESC, lower(c.name), s.cooperative_id
      LIMIT ${f.limit}
    )
    SELECT m.cooperative_id, m.name, m.village_code, m.nearness, m.agribusiness, m.handles,
      chair.full_name AS chair_name, chair.phone AS chair_phone, mp.id AS partner_id
    FROM m
    ${chair(sql`m.cooperative_id`)}
    LEFT JOIN market_partners mp ON mp.cooperative_id = ${f.cooperativeId} AND mp.registry_cooperative_id = m.cooperative_id
    ORDER BY m.nearness, m.handles DESC NULLS LAST, m.agribusiness DESC, lower(m.name), m.cooperative_id`);
  return res.rows;
}

export type RegistryCooperativeRow = {
  cooperative_id: string;
  name: string;
  village_code: string;
  synthetic: boolean;
  chair_name: string | null;
  chair_phone: string | null;
};

/** One cooperative of the registry with its current chair. */
export async function registryCooperative(db: Db, id: string): Promise<RegistryCooperativeRow | undefined> {
  const res = await db.execute<RegistryCooperativeRow>(sql`
    SELECT p.cooperative_id, c.name, p.village_code, p.synthetic, chair.full_name AS chair_name, chair.phone AS chair_phone
    FROM network_profiles p
    JOIN cooperatives c ON c.id = p.cooperative_id
    ${chair(sql`p.cooperative_id`)}
    WHERE p.cooperative_id = ${id}`);
  return res.rows[0];
}
