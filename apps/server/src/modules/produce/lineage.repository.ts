/** Where lots came from and went: packings and buyer returns, read from the lots and their movements. */
import type { Grade, UnitOfMeasure } from '@kopdes/shared/produce';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';

const textArray = (ids: string[]) => `{${ids.join(',')}}`;

/** What went into each packing: the source lot and its grams (or pieces). */
export async function packInputs(db: Db, cooperativeId: string, packingIds: string[]) {
  if (!packingIds.length) return [];
  const res = await db.execute<{ packing_id: string; lot_id: string; quantity: bigint }>(sql`
    SELECT m.document_id AS packing_id, m.lot_id, -sum(m.quantity)::int8 AS quantity
    FROM produce_movements m
    WHERE m.cooperative_id = ${cooperativeId} AND m.kind = 'packing_out' AND m.document_id = ANY(${textArray(packingIds)}::text[])
    GROUP BY m.document_id, m.lot_id
    ORDER BY m.document_id, m.lot_id`);
  return res.rows;
}

/** Lots made from the given ones: pack lots (with the grams put in and the packing's whole input) and return lots. */
export async function madeFrom(db: Db, cooperativeId: string, lotIds: string[]) {
  if (!lotIds.length) return [];
  const res = await db.execute<{ from_lot_id: string; lot_id: string; code: string; part: bigint; whole: bigint }>(sql`
    SELECT m.lot_id AS from_lot_id, d.output_lot_id AS lot_id, ol.code, -sum(m.quantity)::int8 AS part, d.input_quantity AS whole
    FROM produce_movements m
    JOIN produce_stock_documents d ON d.cooperative_id = m.cooperative_id AND d.id = m.document_id AND d.kind = 'packing'
    JOIN produce_lots ol ON ol.cooperative_id = d.cooperative_id AND ol.id = d.output_lot_id
    WHERE m.cooperative_id = ${cooperativeId} AND m.kind = 'packing_out' AND m.lot_id = ANY(${textArray(lotIds)}::text[])
    GROUP BY m.lot_id, d.output_lot_id, ol.code, d.input_quantity
    UNION ALL
    SELECT r.source_lot_id, r.id, r.code, 1, 1
    FROM produce_lots r
    WHERE r.cooperative_id = ${cooperativeId} AND r.origin = 'return' AND r.source_lot_id = ANY(${textArray(lotIds)}::text[])`);
  return res.rows;
}

export type IntakeLotRow = {
  id: string;
  code: string;
  commodity_id: string;
  commodity_name: string;
  unit: UnitOfMeasure;
  grade: Grade;
  quantity: bigint;
  price: bigint;
  cost: bigint;
  member_id: string;
  intake_id: string;
  intake_number: string;
  intake_date: string;
};

/** Intake lots by id, or a farmer's intake lots received in a period, with their intake. */
export async function intakeLots(db: Db, cooperativeId: string, f: { ids?: string[]; memberId?: string; from?: string; to?: string }) {
  const res = await db.execute<IntakeLotRow>(sql`
    SELECT l.id, l.code, l.commodity_id, c.name AS commodity_name, l.unit, l.grade, l.quantity, l.price, l.cost, l.member_id, l.intake_id,
           i.number AS intake_number, i.date AS intake_date
    FROM produce_lots l
    JOIN produce_intakes i ON i.cooperative_id = l.cooperative_id AND i.id = l.intake_id
    JOIN produce_commodities c ON c.cooperative_id = l.cooperative_id AND c.id = l.commodity_id
    WHERE l.cooperative_id = ${cooperativeId} AND l.origin = 'intake'
      ${f.ids ? sql`AND l.id = ANY(${textArray(f.ids)}::text[])` : sql``}
      ${f.memberId ? sql`AND l.member_id = ${f.memberId}` : sql``}
      ${f.from ? sql`AND i.date >= ${f.from}` : sql``}
      ${f.to ? sql`AND i.date <= ${f.to}` : sql``}
    ORDER BY i.date, l.code
    LIMIT 5000`);
  return res.rows;
}

/** Losses and count adjustments of the given lots (value leaving as a positive number). */
export async function lossMovements(db: Db, cooperativeId: string, lotIds: string[]) {
  if (!lotIds.length) return [];
  const res = await db.execute<{
    lot_id: string;
    date: string;
    kind: 'loss' | 'count';
    quantity: bigint;
    value: bigint;
    reason: string | null;
  }>(sql`
    SELECT m.lot_id, m.date, m.kind, -m.quantity AS quantity, -m.value AS value, m.reason
    FROM produce_movements m
    WHERE m.cooperative_id = ${cooperativeId} AND m.kind IN ('loss', 'count') AND m.lot_id = ANY(${textArray(lotIds)}::text[])
    ORDER BY m.date, m.id`);
  return res.rows;
}

/** What is on hand of the given lots now (all places together). */
export async function onHandOf(db: Db, cooperativeId: string, lotIds: string[]) {
  if (!lotIds.length) return [];
  const res = await db.execute<{ lot_id: string; quantity: bigint; value: bigint }>(sql`
    SELECT s.lot_id, sum(s.quantity)::int8 AS quantity, sum(s.value)::int8 AS value
    FROM produce_stock s
    WHERE s.cooperative_id = ${cooperativeId} AND s.lot_id = ANY(${textArray(lotIds)}::text[])
    GROUP BY s.lot_id`);
  return res.rows;
}

/** Stock losses (value leaving, net of count surpluses) per commodity and ISO week in a period. */
export async function lossesByCommodityWeek(db: Db, cooperativeId: string, from: string, to: string) {
  const res = await db.execute<{ commodity_id: string; week: string; value: bigint }>(sql`
    SELECT l.commodity_id, to_char(date_trunc('week', m.date), 'YYYY-MM-DD') AS week, -sum(m.value)::int8 AS value
    FROM produce_movements m
    JOIN produce_lots l ON l.cooperative_id = m.cooperative_id AND l.id = m.lot_id
    WHERE m.cooperative_id = ${cooperativeId} AND m.kind IN ('loss', 'count') AND m.date BETWEEN ${from} AND ${to}
    GROUP BY l.commodity_id, week`);
  return res.rows;
}
