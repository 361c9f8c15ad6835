import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { arr } from './partners.repository.js';

type WarningJson = { field: string; code: string; message: { id: string; en: string } };

export type PoRow = {
  id: string;
  number: string;
  partner_id: string;
  partner_code: string;
  partner_name: string;
  store_id: string;
  store_name: string;
  store_address: string;
  contract_id: string | null;
  partner_ref: string;
  order_date: string;
  delivery_date: string;
  source: 'entry' | 'import' | 'partner_api';
  amount: bigint;
  warnings: WarningJson[];
  notes: string | null;
  created_by_label: string;
};

export type PoLineRow = {
  po_id: string;
  line_no: number;
  commodity_id: string;
  grade: string;
  pack_format_id: string | null;
  price_basis: 'pack' | 'unit';
  quantity: bigint;
  unit_price: bigint;
  amount: bigint;
  contract_line_no: number | null;
  warnings: WarningJson[];
  delivered: bigint;
};

export async function purchaseOrders(
  db: Db,
  cooperativeId: string,
  f: { ids?: string[]; partnerId?: string; deliveryDate?: string; from?: string; to?: string; limit?: number },
) {
  const res = await db.execute<PoRow>(sql`
    SELECT o.id, o.number, o.partner_id, p.code AS partner_code, p.name AS partner_name, o.store_id, s.name AS store_name,
           s.address AS store_address, o.contract_id, o.partner_ref, o.order_date, o.delivery_date, o.source, o.amount, o.warnings,
           o.notes, o.created_by_label
    FROM market_purchase_orders o
    JOIN market_partners p ON p.cooperative_id = o.cooperative_id AND p.id = o.partner_id
    JOIN market_stores s ON s.cooperative_id = o.cooperative_id AND s.id = o.store_id
    WHERE o.cooperative_id = ${cooperativeId}
      ${f.ids ? sql`AND o.id = ANY(${arr(f.ids)}::text[])` : sql``}
      ${f.partnerId ? sql`AND o.partner_id = ${f.partnerId}` : sql``}
      ${f.deliveryDate ? sql`AND o.delivery_date = ${f.deliveryDate}` : sql``}
      ${f.from ? sql`AND o.delivery_date >= ${f.from}` : sql``}
      ${f.to ? sql`AND o.delivery_date <= ${f.to}` : sql``}
    ORDER BY o.delivery_date DESC, o.number DESC
    LIMIT ${f.limit ?? 1000}`);
  return res.rows;
}

/** PO lines with what has been delivered against each. */
export async function poLines(db: Db, cooperativeId: string, poIds: string[]) {
  if (!poIds.length) return [];
  const res = await db.execute<PoLineRow>(sql`
    SELECT l.po_id, l.line_no, l.commodity_id, l.grade, l.pack_format_id, l.price_basis, l.quantity, l.unit_price, l.amount,
           l.contract_line_no, l.warnings,
           coalesce((SELECT sum(d.quantity) FROM market_delivery_lines d
                     WHERE d.cooperative_id = l.cooperative_id AND d.po_id = l.po_id AND d.po_line_no = l.line_no), 0)::int8 AS delivered
    FROM market_po_lines l
    WHERE l.cooperative_id = ${cooperativeId} AND l.po_id = ANY(${arr(poIds)}::text[])
    ORDER BY l.po_id, l.line_no`);
  return res.rows;
}

/** Holds the PO until commit, so two deliveries against it are taken one after the other. */
export async function lockPurchaseOrder(db: Db, cooperativeId: string, id: string) {
  await db.execute(sql`SELECT id FROM market_purchase_orders WHERE cooperative_id = ${cooperativeId} AND id = ${id} FOR UPDATE`);
}

/** Quantities already ordered by a partner for delivery on a day, per contract line (for the volume check). */
export async function orderedOn(db: Db, cooperativeId: string, partnerId: string, contractId: string, date: string) {
  const res = await db.execute<{ contract_line_no: number; quantity: bigint }>(sql`
    SELECT l.contract_line_no, sum(l.quantity)::int8 AS quantity
    FROM market_po_lines l JOIN market_purchase_orders o ON o.cooperative_id = l.cooperative_id AND o.id = l.po_id
    WHERE o.cooperative_id = ${cooperativeId} AND o.partner_id = ${partnerId} AND o.contract_id = ${contractId}
      AND o.delivery_date = ${date} AND l.contract_line_no IS NOT NULL
    GROUP BY l.contract_line_no`);
  return new Map(res.rows.map((r) => [r.contract_line_no, r.quantity]));
}

export async function partnerRefsTaken(db: Db, cooperativeId: string, partnerId: string, refs: string[]) {
  if (!refs.length) return new Set<string>();
  const res = await db.execute<{ partner_ref: string }>(sql`
    SELECT partner_ref FROM market_purchase_orders
    WHERE cooperative_id = ${cooperativeId} AND partner_id = ${partnerId}
      AND partner_ref IN (SELECT jsonb_array_elements_text(${JSON.stringify(refs)}::jsonb))`);
  return new Set(res.rows.map((r) => r.partner_ref));
}

export interface NewPo {
  id: string;
  number: string;
  partnerId: string;
  storeId: string;
  contractId: string | null;
  partnerRef: string;
  orderDate: string;
  deliveryDate: string;
  source: string;
  amount: bigint;
  warnings: WarningJson[];
  notes: string | null;
  createdByLabel: string;
  requestId: string | null;
}

export interface NewPoLine {
  lineNo: number;
  commodityId: string;
  grade: string;
  packFormatId: string | null;
  priceBasis: 'pack' | 'unit';
  quantity: bigint;
  unitPrice: bigint;
  amount: bigint;
  contractLineNo: number | null;
  warnings: WarningJson[];
}

export async function insertPurchaseOrder(db: Db, cooperativeId: string, o: NewPo, lines: NewPoLine[]) {
  await db.execute(sql`
    INSERT INTO market_purchase_orders (cooperative_id, id, number, partner_id, store_id, contract_id, partner_ref, order_date, delivery_date,
      source, amount, warnings, notes, created_by_label, request_id)
    VALUES (${cooperativeId}, ${o.id}, ${o.number}, ${o.partnerId}, ${o.storeId}, ${o.contractId}, ${o.partnerRef}, ${o.orderDate},
      ${o.deliveryDate}, ${o.source}, ${o.amount}, ${JSON.stringify(o.warnings)}::jsonb, ${o.notes}, ${o.createdByLabel}, ${o.requestId})`);
  const json = JSON.stringify(
    lines.map((l) => ({ ...l, quantity: l.quantity.toString(), unitPrice: l.unitPrice.toString(), amount: l.amount.toString() })),
  );
  await db.execute(sql`
    INSERT INTO market_po_lines (cooperative_id, po_id, line_no, commodity_id, grade, pack_format_id, price_basis, quantity, unit_price, amount,
      contract_line_no, warnings)
    SELECT ${cooperativeId}, ${o.id}, x."lineNo", x."commodityId", x.grade, x."packFormatId", x."priceBasis", x.quantity, x."unitPrice", x.amount,
      x."contractLineNo", x.warnings
    FROM jsonb_to_recordset(${json}::jsonb) AS x("lineNo" integer, "commodityId" text, grade text, "packFormatId" text, "priceBasis" text,
      quantity bigint, "unitPrice" bigint, amount bigint, "contractLineNo" integer, warnings jsonb)`);
}

export type FillRow = {
  partner_id: string;
  partner_name: string;
  delivery_date: string;
  commodity_id: string;
  price_basis: 'pack' | 'unit';
  pack_format_id: string | null;
  quantity: bigint;
  delivered_base: bigint;
  accepted: bigint;
  received: boolean;
};

/** Per PO line of a period: ordered (order units), delivered (base units) and accepted (order units). */
export async function fillRows(db: Db, cooperativeId: string, from: string, to: string) {
  const res = await db.execute<FillRow>(sql`
    SELECT o.partner_id, p.name AS partner_name, o.delivery_date, l.commodity_id, l.price_basis, l.pack_format_id, l.quantity,
           coalesce((SELECT sum(dl.base_quantity) FROM market_delivery_lines dl
                     WHERE dl.cooperative_id = l.cooperative_id AND dl.po_id = l.po_id AND dl.po_line_no = l.line_no), 0)::int8 AS delivered_base,
           coalesce((SELECT sum(rl.accepted) FROM market_delivery_lines dl
                     JOIN market_receipt_lines rl ON rl.cooperative_id = dl.cooperative_id AND rl.delivery_id = dl.delivery_id
                                                 AND rl.line_no = dl.line_no
                     WHERE dl.cooperative_id = l.cooperative_id AND dl.po_id = l.po_id AND dl.po_line_no = l.line_no), 0)::int8 AS accepted,
           NOT EXISTS (SELECT 1 FROM market_delivery_lines dl
                       WHERE dl.cooperative_id = l.cooperative_id AND dl.po_id = l.po_id AND dl.po_line_no = l.line_no
                         AND NOT EXISTS (SELECT 1 FROM market_receipt_lines rl WHERE rl.cooperative_id = dl.cooperative_id
                                         AND rl.delivery_id = dl.delivery_id AND rl.line_no = dl.line_no)) AS received
    FROM market_po_lines l
    JOIN market_purchase_orders o ON o.cooperative_id = l.cooperative_id AND o.id = l.po_id
    JOIN market_partners p ON p.cooperative_id = o.cooperative_id AND p.id = o.partner_id
    WHERE l.cooperative_id = ${cooperativeId} AND o.delivery_date BETWEEN ${from} AND ${to}
    ORDER BY o.delivery_date, o.number, l.line_no`);
  return res.rows;
}
