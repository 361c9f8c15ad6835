import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { arr } from './partners.repository.js';

export type InvoiceRow = {
  id: string;
  number: string;
  kind: 'invoice' | 'credit_note';
  partner_id: string;
  partner_code: string;
  partner_name: string;
  partner_npwp: string | null;
  date: string;
  due_date: string;
  amount: bigint;
  revenue_kind: 'member' | 'non_member';
  invoice_id: string | null;
  reason: string | null;
  journal_entry_id: string;
  journal_number: string;
  credited: bigint;
  paid: bigint;
};

export type InvoiceLineRow = {
  invoice_id: string;
  line_no: number;
  delivery_id: string | null;
  delivery_number: string | null;
  delivery_line_no: number | null;
  description: string;
  price_basis: 'pack' | 'unit' | null;
  quantity: bigint | null;
  unit_price: bigint | null;
  amount: bigint;
  commodity_id: string | null;
};

/** Invoices and credit notes with what has been credited and paid against each, up to `asOf` when given. */
export async function invoices(
  db: Db,
  cooperativeId: string,
  f: { ids?: string[]; partnerId?: string; kind?: 'invoice' | 'credit_note'; asOf?: string; limit?: number },
) {
  const upTo = (col: string) => (f.asOf ? sql`AND ${sql.raw(col)} <= ${f.asOf}` : sql``);
  const res = await db.execute<InvoiceRow>(sql`
    SELECT i.id, i.number, i.kind, i.partner_id, p.code AS partner_code, p.name AS partner_name, p.npwp AS partner_npwp, i.date, i.due_date,
           i.amount, i.revenue_kind, i.invoice_id, i.reason, i.journal_entry_id, i.journal_number,
           coalesce((SELECT sum(c.amount) FROM market_invoices c WHERE c.cooperative_id = i.cooperative_id AND c.invoice_id = i.id
                     ${upTo('c.date')}), 0)::int8 AS credited,
           coalesce((SELECT sum(a.amount) FROM market_payment_allocations a
                     JOIN market_payments y ON y.cooperative_id = a.cooperative_id AND y.id = a.payment_id
                     WHERE a.cooperative_id = i.cooperative_id AND a.invoice_id = i.id ${upTo('y.date')}), 0)::int8 AS paid
    FROM market_invoices i JOIN market_partners p ON p.cooperative_id = i.cooperative_id AND p.id = i.partner_id
    WHERE i.cooperative_id = ${cooperativeId}
      ${f.ids ? sql`AND i.id = ANY(${arr(f.ids)}::text[])` : sql``}
      ${f.partnerId ? sql`AND i.partner_id = ${f.partnerId}` : sql``}
      ${f.kind ? sql`AND i.kind = ${f.kind}` : sql``}
      ${f.asOf ? sql`AND i.date <= ${f.asOf}` : sql``}
    ORDER BY i.date DESC, i.number DESC
    LIMIT ${f.limit ?? 5000}`);
  return res.rows;
}

export async function invoiceLines(db: Db, cooperativeId: string, ids: string[]) {
  if (!ids.length) return [];
  const res = await db.execute<InvoiceLineRow>(sql`
    SELECT l.invoice_id, l.line_no, l.delivery_id, d.number AS delivery_number, l.delivery_line_no, l.description, l.price_basis, l.quantity,
           l.unit_price, l.amount, pl.commodity_id
    FROM market_invoice_lines l
    LEFT JOIN market_deliveries d ON d.cooperative_id = l.cooperative_id AND d.id = l.delivery_id
    LEFT JOIN market_delivery_lines dl ON dl.cooperative_id = l.cooperative_id AND dl.delivery_id = l.delivery_id
                                      AND dl.line_no = l.delivery_line_no
    LEFT JOIN market_po_lines pl ON pl.cooperative_id = dl.cooperative_id AND pl.po_id = dl.po_id AND pl.line_no = dl.po_line_no
    WHERE l.cooperative_id = ${cooperativeId} AND l.invoice_id = ANY(${arr(ids)}::text[])
    ORDER BY l.invoice_id, l.line_no`);
  return res.rows;
}

export interface NewInvoice {
  id: string;
  number: string;
  kind: 'invoice' | 'credit_note';
  partnerId: string;
  date: string;
  dueDate: string;
  amount: bigint;
  revenueKind: 'member' | 'non_member';
  invoiceId: string | null;
  reason: string | null;
  journalEntryId: string;
  journalNumber: string;
  createdByLabel: string;
  requestId: string | null;
}

export interface NewInvoiceLine {
  lineNo: number;
  deliveryId: string | null;
  deliveryLineNo: number | null;
  description: string;
  priceBasis: 'pack' | 'unit' | null;
  quantity: bigint | null;
  unitPrice: bigint | null;
  amount: bigint;
}

export async function insertInvoice(db: Db, cooperativeId: string, i: NewInvoice, lines: NewInvoiceLine[]) {
  await db.execute(sql`
    INSERT INTO market_invoices (cooperative_id, id, number, kind, partner_id, date, due_date, amount, revenue_kind, invoice_id, reason,
      journal_entry_id, journal_number, created_by_label, request_id)
    VALUES (${cooperativeId}, ${i.id}, ${i.number}, ${i.kind}, ${i.partnerId}, ${i.date}, ${i.dueDate}, ${i.amount}, ${i.revenueKind},
      ${i.invoiceId}, ${i.reason}, ${i.journalEntryId}, ${i.journalNumber}, ${i.createdByLabel}, ${i.requestId})`);
  const json = JSON.stringify(
    lines.map((l) => ({
      ...l,
      quantity: l.quantity?.toString() ?? null,
      unitPrice: l.unitPrice?.toString() ?? null,
      amount: l.amount.toString(),
    })),
  );
  await db.execute(sql`
    INSERT INTO market_invoice_lines (cooperative_id, invoice_id, line_no, delivery_id, delivery_line_no, description, price_basis, quantity,
      unit_price, amount)
    SELECT ${cooperativeId}, ${i.id}, x."lineNo", x."deliveryId", x."deliveryLineNo", x.description, x."priceBasis", x.quantity, x."unitPrice",
      x.amount
    FROM jsonb_to_recordset(${json}::jsonb) AS x("lineNo" integer, "deliveryId" text, "deliveryLineNo" integer, description text,
      "priceBasis" text, quantity bigint, "unitPrice" bigint, amount bigint)`);
}

/** Holds a partner's receivables until commit: invoices, credit notes and payments of one partner one at a time. */
export async function lockPartner(db: Db, cooperativeId: string, partnerId: string) {
  await db.execute(sql`SELECT id FROM market_partners WHERE cooperative_id = ${cooperativeId} AND id = ${partnerId} FOR UPDATE`);
}

export type PaymentRow = {
  id: string;
  number: string;
  partner_id: string;
  partner_code: string;
  partner_name: string;
  date: string;
  method: 'cash' | 'bank';
  reference: string | null;
  amount: bigint;
  applied: bigint;
  journal_entry_id: string;
  journal_number: string;
};

export async function payments(db: Db, cooperativeId: string, f: { ids?: string[]; partnerId?: string; asOf?: string }) {
  const res = await db.execute<PaymentRow>(sql`
    SELECT y.id, y.number, y.partner_id, p.code AS partner_code, p.name AS partner_name, y.date, y.method, y.reference, y.amount,
           coalesce((SELECT sum(a.amount) FROM market_payment_allocations a
                     JOIN market_invoices i ON i.cooperative_id = a.cooperative_id AND i.id = a.invoice_id
                     WHERE a.cooperative_id = y.cooperative_id AND a.payment_id = y.id
                     ${f.asOf ? sql`AND i.date <= ${f.asOf}` : sql``}), 0)::int8 AS applied,
           y.journal_entry_id, y.journal_number
    FROM market_payments y JOIN market_partners p ON p.cooperative_id = y.cooperative_id AND p.id = y.partner_id
    WHERE y.cooperative_id = ${cooperativeId}
      ${f.ids ? sql`AND y.id = ANY(${arr(f.ids)}::text[])` : sql``}
      ${f.partnerId ? sql`AND y.partner_id = ${f.partnerId}` : sql``}
      ${f.asOf ? sql`AND y.date <= ${f.asOf}` : sql``}
    ORDER BY y.date, y.number`);
  return res.rows;
}

export async function allocations(db: Db, cooperativeId: string, paymentIds: string[]) {
  if (!paymentIds.length) return [];
  const res = await db.execute<{ payment_id: string; invoice_id: string; invoice_number: string; amount: bigint }>(sql`
    SELECT a.payment_id, a.invoice_id, i.number AS invoice_number, a.amount
    FROM market_payment_allocations a JOIN market_invoices i ON i.cooperative_id = a.cooperative_id AND i.id = a.invoice_id
    WHERE a.cooperative_id = ${cooperativeId} AND a.payment_id = ANY(${arr(paymentIds)}::text[])
    ORDER BY i.date, i.number`);
  return res.rows;
}

export async function insertPayment(
  db: Db,
  cooperativeId: string,
  p: {
    id: string;
    number: string;
    partnerId: string;
    date: string;
    method: string;
    reference: string | null;
    amount: bigint;
    journalEntryId: string;
    journalNumber: string;
    createdByLabel: string;
    requestId: string | null;
  },
) {
  await db.execute(sql`
    INSERT INTO market_payments (cooperative_id, id, number, partner_id, date, method, reference, amount, journal_entry_id, journal_number,
      created_by_label, request_id)
    VALUES (${cooperativeId}, ${p.id}, ${p.number}, ${p.partnerId}, ${p.date}, ${p.method}, ${p.reference}, ${p.amount}, ${p.journalEntryId},
      ${p.journalNumber}, ${p.createdByLabel}, ${p.requestId})`);
}

export async function insertAllocations(db: Db, cooperativeId: string, rows: { paymentId: string; invoiceId: string; amount: bigint }[]) {
  if (!rows.length) return;
  const json = JSON.stringify(rows.map((r) => ({ ...r, amount: r.amount.toString() })));
  await db.execute(sql`
    INSERT INTO market_payment_allocations (cooperative_id, payment_id, invoice_id, amount)
    SELECT ${cooperativeId}, x."paymentId", x."invoiceId", x.amount
    FROM jsonb_to_recordset(${json}::jsonb) AS x("paymentId" text, "invoiceId" text, amount bigint)`);
}
