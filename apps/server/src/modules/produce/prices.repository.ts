import type { Grade, UnitOfMeasure } from '@kopdes/shared/produce';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';

export type PriceRow = {
  commodity_id: string;
  commodity_name: string;
  unit: UnitOfMeasure;
  grade: Grade;
  price: bigint;
  valid_from: string;
  created_by_label: string;
};

/** Prices in force on `date` (or every row ever set, newest first, with `history`). */
export async function priceRows(db: Db, cooperativeId: string, q: { date: string; commodityId?: string; history?: boolean }) {
  const byCommodity = q.commodityId ? sql`AND p.commodity_id = ${q.commodityId}` : sql``;
  const res = q.history
    ? await db.execute<PriceRow>(sql`
        SELECT p.commodity_id, c.name AS commodity_name, c.unit, p.grade, p.price, p.valid_from, p.created_by_label
        FROM produce_prices p JOIN produce_commodities c ON c.cooperative_id = p.cooperative_id AND c.id = p.commodity_id
        WHERE p.cooperative_id = ${cooperativeId} ${byCommodity}
        ORDER BY p.valid_from DESC, lower(c.name), p.grade, p.id DESC LIMIT 2000`)
    : await db.execute<PriceRow>(sql`
        SELECT DISTINCT ON (lower(c.name), p.commodity_id, p.grade) p.commodity_id, c.name AS commodity_name, c.unit, p.grade, p.price,
               p.valid_from, p.created_by_label
        FROM produce_prices p JOIN produce_commodities c ON c.cooperative_id = p.cooperative_id AND c.id = p.commodity_id
        WHERE p.cooperative_id = ${cooperativeId} AND p.valid_from <= ${q.date} ${byCommodity}
        ORDER BY lower(c.name), p.commodity_id, p.grade, p.valid_from DESC, p.id DESC`);
  return res.rows;
}

export async function insertPrices(db: Db, cooperativeId: string, validFrom: string, by: string, rows: string) {
  await db.execute(sql`
    INSERT INTO produce_prices (cooperative_id, id, commodity_id, grade, valid_from, price, created_by_label)
    SELECT ${cooperativeId}, x.id, x.commodity_id, x.grade, ${validFrom}, x.price, ${by}
    FROM jsonb_to_recordset(${rows}::jsonb) AS x(id text, commodity_id text, grade text, price bigint)`);
}
