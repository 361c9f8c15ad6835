import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { arr } from './partners.repository.js';

export type DeliveryRow = {
  id: string;
  number: string;
  date: string;
  po_id: string;
  po_number: string;
  partner_ref: string;
  partner_id: string;
  partner_code: string;
  partner_name: string;
  store_id: string;
  store_name: string;
  store_address: string;
  vehicle: string | null;
  driver: string | null;
  value: bigint;
  journal_entry_id: string | null;
  journal_number: string | null;
  received_on: string | null;
  received_by: string | null;
  written_off: bigint | null;
  receipt_journal_entry_id: string | null;
  receipt_journal_number: string | null;
  returned: bigint | null;
  to_unit: string | null;
  route_id: string | null;
  invoiced: boolean;
};

export type DeliveryLineRow = {
  delivery_id: string;
  line_no: number;
  po_id: string;
  po_line_no: number;
  lot_id: string;
  lot_code: string;
  location_id: string;
  quantity: bigint;
  base_quantity: bigint;
  value: bigint;
  commodity_id: string;
  grade: string;
  pack_format_id: string | null;
  price_basis: 'pack' | 'unit';
  unit_price: bigint;
  accepted: bigint | null;
  rejected: bigint | null;
  reason: string | null;
  written_off: bigint | null;
  return_lot_id: string | null;
  return_lot_code: string | null;
  return_grade: string | null;
  return_base: bigint | null;
  returned_value: bigint | null;
  invoice_id: string | null;
};

export async function deliveries(
  db: Db,
  cooperativeId: string,
  f: {
    ids?: string[];
    partnerId?: string;
    date?: string;
    from?: string;
    to?: string;
    poId?: string;
    uninvoiced?: boolean;
    received?: boolean;
    limit?: number;
  },
) {
  const res = await db.execute<DeliveryRow>(sql`
    SELECT d.id, d.number, d.date, d.po_id, o.number AS po_number, o.partner_ref, d.partner_id, p.code AS partner_code, p.name AS partner_name,
           d.store_id, s.name AS store_name, s.address AS store_address, d.vehicle, d.driver, d.value, d.journal_entry_id, d.journal_number,
           r.date AS received_on, r.received_by, r.written_off, r.journal_entry_id AS receipt_journal_entry_id,
           r.journal_number AS receipt_journal_number, r.returned, d.to_unit, rs.route_id,
           EXISTS (SELECT 1 FROM market_invoice_lines il WHERE il.cooperative_id = d.cooperative_id AND il.delivery_id = d.id) AS invoiced
    FROM market_deliveries d
    JOIN market_purchase_orders o ON o.cooperative_id = d.cooperative_id AND o.id = d.po_id
    JOIN market_partners p ON p.cooperative_id = d.cooperative_id AND p.id = d.partner_id
    JOIN market_stores s ON s.cooperative_id = d.cooperative_id AND s.id = d.store_id
    LEFT JOIN market_receipts r ON r.cooperative_id = d.cooperative_id AND r.delivery_id = d.id
    LEFT JOIN market_route_stops rs ON rs.cooperative_id = d.cooperative_id AND rs.delivery_id = d.id
    WHERE d.cooperative_id = ${cooperativeId}
      ${f.ids ? sql`AND d.id = ANY(${arr(f.ids)}::text[])` : sql``}
      ${f.partnerId ? sql`AND d.partner_id = ${f.partnerId}` : sql``}
      ${f.date ? sql`AND d.date = ${f.date}` : sql``}
      ${f.from ? sql`AND d.date >= ${f.from}` : sql``}
      ${f.to ? sql`AND d.date <= ${f.to}` : sql``}
      ${f.received === true ? sql`AND r.delivery_id IS NOT NULL` : f.received === false ? sql`AND r.delivery_id IS NULL` : sql``}
      ${f.poId ? sql`AND d.po_id = ${f.poId}` : sql``}
      ${
        f.uninvoiced === true
          ? sql`AND NOT EXISTS (SELECT 1 FROM market_invoice_lines il WHERE il.cooperative_id = d.cooperative_id AND il.delivery_id = d.id)`
          : f.uninvoiced === false
            ? sql`AND EXISTS (SELECT 1 FROM market_invoice_lines il WHERE il.cooperative_id = d.cooperative_id AND il.delivery_id = d.id)`
            : sql``
      }
    ORDER BY d.date DESC, d.number DESC
    LIMIT ${f.limit ?? 1000}`);
  return res.rows;
}

export async function deliveryLines(db: Db, cooperativeId: string, deliveryIds: string[]) {
  if (!deliveryIds.length) return [];
  const res = await db.execute<DeliveryLineRow>(sql`
    SELECT dl.delivery_id, dl.line_no, dl.po_id, dl.po_line_no, dl.lot_id, dl.lot_code, dl.location_id, dl.quantity, dl.base_quantity, dl.value,
           pl.commodity_id, pl.grade, pl.pack_format_id, pl.price_basis, pl.unit_price, rl.accepted, rl.rejected, rl.reason,
           rl.written_off, rl.return_lot_id, rl.return_lot_code, rl.return_grade, rl.return_base, rl.returned_value, il.invoice_id
    FROM market_delivery_lines dl
    JOIN market_po_lines pl ON pl.cooperative_id = dl.cooperative_id AND pl.po_id = dl.po_id AND pl.line_no = dl.po_line_no
    LEFT JOIN market_receipt_lines rl ON rl.cooperative_id = dl.cooperative_id AND rl.delivery_id = dl.delivery_id AND rl.line_no = dl.line_no
    LEFT JOIN market_invoice_lines il ON il.cooperative_id = dl.cooperative_id AND il.delivery_id = dl.delivery_id
                                     AND il.delivery_line_no = dl.line_no
    WHERE dl.cooperative_id = ${cooperativeId} AND dl.delivery_id = ANY(${arr(deliveryIds)}::text[])
    ORDER BY dl.delivery_id, dl.line_no`);
  return res.rows;
}

export interface NewDelivery {
  id: string;
  number: string;
  date: string;
  poId: string;
  partnerId: string;
  storeId: string;
  vehicle: string | null;
  driver: string | null;
  value: bigint;
  toUnit: string | null;
  journalEntryId: string | null;
  journalNumber: string | null;
  createdByLabel: string;
  requestId: string | null;
}

export interface NewDeliveryLine {
  lineNo: number;
  poLineNo: number;
  lotId: string;
  lotCode: string;
  locationId: string;
  quantity: bigint;
  baseQuantity: bigint;
  value: bigint;
  movementId: string;
}

export async function insertDelivery(db: Db, cooperativeId: string, d: NewDelivery, lines: NewDeliveryLine[]) {
  await db.execute(sql`
    INSERT INTO market_deliveries (cooperative_id, id, number, date, po_id, partner_id, store_id, vehicle, driver, value, to_unit,
      journal_entry_id, journal_number, created_by_label, request_id)
    VALUES (${cooperativeId}, ${d.id}, ${d.number}, ${d.date}, ${d.poId}, ${d.partnerId}, ${d.storeId}, ${d.vehicle}, ${d.driver}, ${d.value},
      ${d.toUnit}, ${d.journalEntryId}, ${d.journalNumber}, ${d.createdByLabel}, ${d.requestId})`);
  const json = JSON.stringify(
    lines.map((l) => ({ ...l, quantity: l.quantity.toString(), baseQuantity: l.baseQuantity.toString(), value: l.value.toString() })),
  );
  await db.execute(sql`
    INSERT INTO market_delivery_lines (cooperative_id, delivery_id, line_no, po_line_no, po_id, lot_id, lot_code, location_id, quantity,
      base_quantity, value, movement_id)
    SELECT ${cooperativeId}, ${d.id}, x."lineNo", x."poLineNo", ${d.poId}, x."lotId", x."lotCode", x."locationId", x.quantity, x."baseQuantity",
      x.value, x."movementId"
    FROM jsonb_to_recordset(${json}::jsonb) AS x("lineNo" integer, "poLineNo" integer, "lotId" text, "lotCode" text, "locationId" text,
      quantity bigint, "baseQuantity" bigint, value bigint, "movementId" text)`);
}

/** Holds the delivery until commit (one receipt, one invoice at a time). */
export async function lockDelivery(db: Db, cooperativeId: string, id: string) {
  await db.execute(sql`SELECT id FROM market_deliveries WHERE cooperative_id = ${cooperativeId} AND id = ${id} FOR UPDATE`);
}

export interface NewReceiptLine {
  lineNo: number;
  accepted: bigint;
  rejected: bigint;
  reason: string | null;
  note: string | null;
  writtenOff: bigint;
  returnLotId: string | null;
  returnLotCode: string | null;
  returnGrade: string | null;
  returnBase: bigint | null;
  returnedValue: bigint;
}

export async function insertReceipt(
  db: Db,
  cooperativeId: string,
  r: {
    deliveryId: string;
    date: string;
    receivedBy: string | null;
    writtenOff: bigint;
    returned: bigint;
    journalEntryId: string | null;
    journalNumber: string | null;
    createdByLabel: string;
    requestId: string | null;
  },
  lines: NewReceiptLine[],
) {
  await db.execute(sql`
    INSERT INTO market_receipts (cooperative_id, delivery_id, date, received_by, written_off, returned, journal_entry_id, journal_number,
      created_by_label, request_id)
    VALUES (${cooperativeId}, ${r.deliveryId}, ${r.date}, ${r.receivedBy}, ${r.writtenOff}, ${r.returned}, ${r.journalEntryId}, ${r.journalNumber},
      ${r.createdByLabel}, ${r.requestId})`);
  const json = JSON.stringify(
    lines.map((l) => ({
      ...l,
      accepted: l.accepted.toString(),
      rejected: l.rejected.toString(),
      writtenOff: l.writtenOff.toString(),
      returnBase: l.returnBase?.toString() ?? null,
      returnedValue: l.returnedValue.toString(),
    })),
  );
  await db.execute(sql`
    INSERT INTO market_receipt_lines (cooperative_id, delivery_id, line_no, accepted, rejected, reason, note, written_off, return_lot_id,
      return_lot_code, return_grade, return_base, returned_value)
    SELECT ${cooperativeId}, ${r.deliveryId}, x."lineNo", x.accepted, x.rejected, x.reason, x.note, x."writtenOff", x."returnLotId",
      x."returnLotCode", x."returnGrade", x."returnBase", x."returnedValue"
    FROM jsonb_to_recordset(${json}::jsonb) AS x("lineNo" integer, accepted bigint, rejected bigint, reason text, note text, "writtenOff" bigint,
      "returnLotId" text, "returnLotCode" text, "returnGrade" text, "returnBase" bigint, "returnedValue" bigint)`);
}
