import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { arr } from './partners.repository.js';

export type SoldLineRow = {
  delivery_id: string;
  delivery_number: string;
  line_no: number;
  date: string;
  week: string;
  partner_id: string;
  partner_name: string;
  store_name: string;
  to_unit: string | null;
  lot_id: string;
  lot_code: string;
  commodity_id: string;
  pack_format_id: string | null;
  price_basis: 'pack' | 'unit';
  unit_price: bigint;
  quantity: bigint;
  base_quantity: bigint;
  value: bigint;
  accepted: bigint | null;
  rejected: bigint | null;
  written_off: bigint | null;
  returned_value: bigint | null;
  invoice_id: string | null;
};

/** Delivery lines with what the buyer accepted: in a period (by delivery date) or from the given lots. */
export async function soldLines(
  db: Db,
  cooperativeId: string,
  f: { from?: string; to?: string; lotIds?: string[]; receivedOnly?: boolean },
) {
  const res = await db.execute<SoldLineRow>(sql`
    SELECT dl.delivery_id, d.number AS delivery_number, dl.line_no, d.date, to_char(date_trunc('week', d.date), 'YYYY-MM-DD') AS week,
           d.partner_id, p.name AS partner_name, s.name AS store_name, d.to_unit, dl.lot_id, dl.lot_code, pl.commodity_id,
           pl.pack_format_id, pl.price_basis, pl.unit_price, dl.quantity, dl.base_quantity, dl.value, rl.accepted, rl.rejected,
           rl.written_off, rl.returned_value, il.invoice_id
    FROM market_delivery_lines dl
    JOIN market_deliveries d ON d.cooperative_id = dl.cooperative_id AND d.id = dl.delivery_id
    JOIN market_partners p ON p.cooperative_id = d.cooperative_id AND p.id = d.partner_id
    JOIN market_stores s ON s.cooperative_id = d.cooperative_id AND s.id = d.store_id
    JOIN market_po_lines pl ON pl.cooperative_id = dl.cooperative_id AND pl.po_id = dl.po_id AND pl.line_no = dl.po_line_no
    LEFT JOIN market_receipt_lines rl ON rl.cooperative_id = dl.cooperative_id AND rl.delivery_id = dl.delivery_id AND rl.line_no = dl.line_no
    LEFT JOIN market_invoice_lines il ON il.cooperative_id = dl.cooperative_id AND il.delivery_id = dl.delivery_id
                                     AND il.delivery_line_no = dl.line_no
    WHERE dl.cooperative_id = ${cooperativeId}
      ${f.from ? sql`AND d.date >= ${f.from}` : sql``}
      ${f.to ? sql`AND d.date <= ${f.to}` : sql``}
      ${f.lotIds ? sql`AND dl.lot_id = ANY(${arr(f.lotIds)}::text[])` : sql``}
      ${f.receivedOnly ? sql`AND rl.delivery_id IS NOT NULL` : sql``}
    ORDER BY d.date, d.number, dl.line_no`);
  return res.rows;
}

/** Credit notes per partner and ISO week of their date. */
export async function creditNotesByWeek(db: Db, cooperativeId: string, from: string, to: string) {
  const res = await db.execute<{ partner_id: string; partner_name: string; week: string; amount: bigint }>(sql`
    SELECT i.partner_id, p.name AS partner_name, to_char(date_trunc('week', i.date), 'YYYY-MM-DD') AS week, sum(i.amount)::int8 AS amount
    FROM market_invoices i JOIN market_partners p ON p.cooperative_id = i.cooperative_id AND p.id = i.partner_id
    WHERE i.cooperative_id = ${cooperativeId} AND i.kind = 'credit_note' AND i.date BETWEEN ${from} AND ${to}
    GROUP BY i.partner_id, p.name, week`);
  return res.rows;
}
