/**
 * What buyers want, day by day, in base units (grams for kg commodities, else pieces): the volumes
 * of the contract in force with each partner on each day, and the purchase orders placed without a
 * contract. Read by production planning to build its demand (workflows/demand-from-market.ts).
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';

export type DayVolumeRow = {
  day: string;
  commodity_code: string;
  unit: string;
  grade: string;
  base: bigint;
};

/** Per day and commodity/grade: the sum over partners of the volume their contract in force asks for that weekday. */
export async function contractVolumesByDay(db: Db, cooperativeId: string, from: string, to: string): Promise<DayVolumeRow[]> {
  const res = await db.execute<DayVolumeRow>(sql`
    WITH days AS (SELECT d::date AS day FROM generate_series(${from}::date, ${to}::date, interval '1 day') d),
    in_force AS (
      -- The contract in force with a partner on a day: the latest one covering it (as orders use).
      SELECT DISTINCT ON (c.partner_id, days.day) c.partner_id, days.day, c.id
      FROM days JOIN market_contracts c
        ON c.cooperative_id = ${cooperativeId} AND c.valid_from <= days.day AND c.valid_to >= days.day
      ORDER BY c.partner_id, days.day, c.valid_from DESC, c.created_at DESC, c.id DESC)
    SELECT f.day::text AS day, pc.code AS commodity_code, pc.unit, i.grade,
           sum((i.volumes ->> (extract(isodow FROM f.day)::int - 1))::bigint
               * CASE WHEN i.price_basis = 'pack' THEN pf.content ELSE 1 END)::bigint AS base
    FROM in_force f
    JOIN market_contract_items i ON i.cooperative_id = ${cooperativeId} AND i.contract_id = f.id
    JOIN produce_commodities pc ON pc.cooperative_id = i.cooperative_id AND pc.id = i.commodity_id
    LEFT JOIN produce_pack_formats pf ON pf.cooperative_id = i.cooperative_id AND pf.id = i.pack_format_id
    GROUP BY f.day, pc.code, pc.unit, i.grade
    HAVING sum((i.volumes ->> (extract(isodow FROM f.day)::int - 1))::bigint) > 0`);
  return res.rows;
}

/** Per delivery day and commodity/grade: what was ordered outside any contract. */
export async function offContractOrdersByDay(db: Db, cooperativeId: string, from: string, to: string): Promise<DayVolumeRow[]> {
  const res = await db.execute<DayVolumeRow>(sql`
    SELECT o.delivery_date::text AS day, pc.code AS commodity_code, pc.unit, l.grade,
           sum(l.quantity * CASE WHEN l.price_basis = 'pack' THEN pf.content ELSE 1 END)::bigint AS base
    FROM market_purchase_orders o
    JOIN market_po_lines l ON l.cooperative_id = o.cooperative_id AND l.po_id = o.id
    JOIN produce_commodities pc ON pc.cooperative_id = l.cooperative_id AND pc.id = l.commodity_id
    LEFT JOIN produce_pack_formats pf ON pf.cooperative_id = l.cooperative_id AND pf.id = l.pack_format_id
    WHERE o.cooperative_id = ${cooperativeId} AND o.contract_id IS NULL
      AND o.delivery_date BETWEEN ${from}::date AND ${to}::date AND l.grade <> 'reject'
    GROUP BY o.delivery_date, pc.code, pc.unit, l.grade`);
  return res.rows;
}

/** The earliest delivery date of an order placed outside a contract, if any. */
export async function firstOffContractOrder(db: Db, cooperativeId: string): Promise<string | null> {
  const res = await db.execute<{ first: string | null }>(sql`
    SELECT min(delivery_date)::text AS first FROM market_purchase_orders WHERE cooperative_id = ${cooperativeId} AND contract_id IS NULL`);
  return res.rows[0]?.first ?? null;
}
