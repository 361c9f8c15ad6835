import type { Grade, PayoutMethod, PurchasePayment, StorageClass, UnitOfMeasure } from '@kopdes/shared/produce';
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../lib/actor.js';
import { chosenLocationId } from './intake.repository.js';
import type { StockCommodityRef } from './intake.rules.js';

export interface PurchaseRefs {
  /** The supplier as the market module keeps it (read here with plain SQL: a module reads no other module's tables through drizzle). */
  partner?: { id: string; code: string; name: string; kind: string; active: boolean; registry_cooperative_id: string | null };
  commodity?: StockCommodityRef;
  location?: { id: string; name: string; storage_class: StorageClass; active: boolean };
}

/** Everything a purchase is checked against, in one round trip; the location as intakes choose it. */
export async function loadPurchaseRefs(
  db: Db,
  cooperativeId: string,
  q: { partnerId: string; commodityId: string; locationId?: string | null },
): Promise<PurchaseRefs> {
  const res = await db.execute<{
    partner: PurchaseRefs['partner'] | null;
    commodity: PurchaseRefs['commodity'] | null;
    location: PurchaseRefs['location'] | null;
  }>(sql`
    SELECT
      (SELECT json_build_object('id', p.id, 'code', p.code, 'name', p.name, 'kind', p.kind, 'active', p.active,
                                'registry_cooperative_id', p.registry_cooperative_id)
       FROM market_partners p WHERE p.cooperative_id = ${cooperativeId} AND p.id = ${q.partnerId}) AS partner,
      (SELECT json_build_object('id', c.id, 'code', c.code, 'name', c.name, 'unit', c.unit, 'active', c.active,
                                'storage_class', c.storage_class, 'shelf_life_ambient', c.shelf_life_ambient,
                                'shelf_life_cool', c.shelf_life_cool, 'shelf_life_cold', c.shelf_life_cold,
                                'grades', (SELECT json_agg(g.grade) FROM produce_grades g
                                           WHERE g.cooperative_id = c.cooperative_id AND g.commodity_id = c.id))
       FROM produce_commodities c WHERE c.cooperative_id = ${cooperativeId} AND c.id = ${q.commodityId}) AS commodity,
      (SELECT json_build_object('id', l.id, 'name', l.name, 'storage_class', l.storage_class, 'active', l.active)
       FROM produce_locations l
       WHERE l.cooperative_id = ${cooperativeId} AND l.id = ${chosenLocationId(cooperativeId, q.locationId)}) AS location`);
  const r = res.rows[0]!;
  return {
    partner: r.partner ?? undefined,
    commodity: r.commodity ? { ...r.commodity, grades: r.commodity.grades ?? [] } : undefined,
    location: r.location ?? undefined,
  };
}

export interface PurchaseInsert {
  id: string;
  number: string;
  date: string;
  harvestDate: string;
  partnerId: string;
  commodityId: string;
  unit: UnitOfMeasure;
  locationId: string;
  payment: PurchasePayment;
  quantity: bigint;
  amount: bigint;
  supplierReference: string | null;
  journalEntryId: string;
  journalNumber: string;
  notes: string | null;
  lots: { id: string; movementId: string; code: string; grade: Grade; quantity: bigint; price: bigint; amount: bigint }[];
}

/**
 * Writes the purchase, one lot per line (origin `purchase`) and a `purchase` movement per lot into
 * the location, in one statement; the movements' trigger puts the lots on hand.
 */
export async function insertPurchase(db: Db, cooperativeId: string, actor: Actor, p: PurchaseInsert) {
  const lots = JSON.stringify(
    p.lots.map((l) => ({
      id: l.id,
      movement_id: l.movementId,
      code: l.code,
      grade: l.grade,
      quantity: l.quantity.toString(),
      price: l.price.toString(),
      cost: l.amount.toString(),
    })),
  );
  await db.execute(sql`
    WITH p AS (
      INSERT INTO produce_purchases (cooperative_id, id, number, date, harvest_date, partner_id, commodity_id, unit, location_id, payment,
        quantity, amount, supplier_reference, journal_entry_id, journal_number, notes, created_by_id, created_by_label, request_id)
      VALUES (${cooperativeId}, ${p.id}, ${p.number}, ${p.date}, ${p.harvestDate}, ${p.partnerId}, ${p.commodityId}, ${p.unit},
        ${p.locationId}, ${p.payment}, ${p.quantity}, ${p.amount}, ${p.supplierReference}, ${p.journalEntryId}, ${p.journalNumber},
        ${p.notes}, ${actor.id}, ${actor.label}, ${actor.requestId ?? null})
      RETURNING id
    ), l AS (
      SELECT * FROM jsonb_to_recordset(${lots}::jsonb) AS l(id text, movement_id text, code text, grade text, quantity bigint,
        price bigint, cost bigint)
    ), lots AS (
      INSERT INTO produce_lots (cooperative_id, id, code, origin, commodity_id, grade, unit, quantity, cost, price, paid, harvest_date,
        created_date, purchase_id)
      SELECT ${cooperativeId}, l.id, l.code, 'purchase', ${p.commodityId}, l.grade, ${p.unit}, l.quantity, l.cost, l.price,
        ${p.payment !== 'credit'}::boolean, ${p.harvestDate}::date, ${p.date}::date, p.id
      FROM l, p
      RETURNING id
    )
    INSERT INTO produce_movements (cooperative_id, id, lot_id, location_id, date, kind, quantity, value, document_type, document_id,
      partner_id, journal_entry_id, created_by_label)
    SELECT ${cooperativeId}, l.movement_id, lots.id, ${p.locationId}, ${p.date}::date, 'purchase', l.quantity, l.cost, 'purchase', p.id,
      ${p.partnerId}, ${p.journalEntryId}, ${actor.label}
    FROM l JOIN lots ON lots.id = l.id, p`);
}

export type PurchaseRow = {
  id: string;
  number: string;
  date: string;
  harvest_date: string;
  partner_id: string;
  partner_code: string;
  partner_name: string;
  registry_cooperative_id: string | null;
  commodity_id: string;
  commodity_code: string;
  commodity_name: string;
  unit: UnitOfMeasure;
  location_id: string;
  location_name: string;
  payment: PurchasePayment;
  quantity: bigint;
  amount: bigint;
  supplier_reference: string | null;
  journal_entry_id: string;
  journal_number: string;
  notes: string | null;
  created_by_label: string;
  created_at: Date;
  paid_date: string | null;
  paid_method: PayoutMethod | null;
  paid_journal_number: string | null;
  void_date: string | null;
  void_reason: string | null;
  void_journal_number: string | null;
  lots: { id: string; code: string; grade: Grade; quantity: string; price: string; cost: string; expires_on: string }[];
};

export interface PurchaseFilter {
  ids?: string[];
  from?: string;
  to?: string;
  partnerId?: string;
  commodityId?: string;
  status?: 'paid' | 'open' | 'voided';
}

const textArray = (ids: string[]) => `{${ids.join(',')}}`;

/** The status as the contract defines it: voided if a void exists, open if on credit and unpaid, else paid. */
const STATUS = sql`CASE WHEN v.purchase_id IS NOT NULL THEN 'voided'
  WHEN p.payment = 'credit' AND pp.purchase_id IS NULL THEN 'open' ELSE 'paid' END`;
const JOINS = sql`produce_purchases p
    LEFT JOIN produce_purchase_payments pp ON pp.cooperative_id = p.cooperative_id AND pp.purchase_id = p.id
    LEFT JOIN produce_purchase_voids v ON v.cooperative_id = p.cooperative_id AND v.purchase_id = p.id`;

function conditions(cooperativeId: string, f: PurchaseFilter, withStatus: boolean): SQL[] {
  const conds: SQL[] = [sql`p.cooperative_id = ${cooperativeId}`];
  if (f.ids) conds.push(sql`p.id = ANY(${textArray(f.ids)}::text[])`);
  if (f.from) conds.push(sql`p.date >= ${f.from}`);
  if (f.to) conds.push(sql`p.date <= ${f.to}`);
  if (f.partnerId) conds.push(sql`p.partner_id = ${f.partnerId}`);
  if (f.commodityId) conds.push(sql`p.commodity_id = ${f.commodityId}`);
  if (withStatus && f.status) conds.push(sql`${STATUS} = ${f.status}`);
  return conds;
}

/** Purchases with their supplier, commodity, place, lots (with expiry at that place), payment and void; newest first. */
export async function purchaseRows(
  db: Db,
  cooperativeId: string,
  f: PurchaseFilter & { limit?: number; offset?: number },
): Promise<PurchaseRow[]> {
  const res = await db.execute<PurchaseRow>(sql`
    SELECT p.id, p.number, p.date, p.harvest_date, p.partner_id, mp.code AS partner_code, mp.name AS partner_name,
           mp.registry_cooperative_id, p.commodity_id, c.code AS commodity_code, c.name AS commodity_name, p.unit, p.location_id,
           lo.name AS location_name, p.payment, p.quantity, p.amount, p.supplier_reference, p.journal_entry_id, p.journal_number, p.notes,
           p.created_by_label, p.created_at, pp.date AS paid_date, pp.method AS paid_method, pp.journal_number AS paid_journal_number,
           v.date AS void_date, v.reason AS void_reason, v.journal_number AS void_journal_number,
           (SELECT json_agg(json_build_object('id', l.id, 'code', l.code, 'grade', l.grade, 'quantity', l.quantity::text,
                                              'price', l.price::text, 'cost', l.cost::text,
                                              'expires_on', l.harvest_date + produce_shelf_life(c.shelf_life_ambient,
                                                  c.shelf_life_cool, c.shelf_life_cold, c.storage_class, lo.storage_class))
                            ORDER BY array_position(ARRAY['A', 'B', 'C', 'reject'], l.grade))
            FROM produce_lots l WHERE l.cooperative_id = p.cooperative_id AND l.purchase_id = p.id) AS lots
    FROM ${JOINS}
    JOIN market_partners mp ON mp.cooperative_id = p.cooperative_id AND mp.id = p.partner_id
    JOIN produce_commodities c ON c.cooperative_id = p.cooperative_id AND c.id = p.commodity_id
    JOIN produce_locations lo ON lo.cooperative_id = p.cooperative_id AND lo.id = p.location_id
    WHERE ${sql.join(conditions(cooperativeId, f, true), sql` AND `)}
    ORDER BY p.date DESC, p.id DESC
    ${f.limit ? sql`LIMIT ${f.limit}` : sql``}
    ${f.offset ? sql`OFFSET ${f.offset}` : sql``}`);
  return res.rows;
}

/** How many purchases match the filter, and what is still owed on the open ones among those matching all but the status. */
export async function purchaseTotals(db: Db, cooperativeId: string, f: PurchaseFilter) {
  const res = await db.execute<{ total: bigint; open_amount: bigint }>(sql`
    SELECT count(*) FILTER (WHERE ${f.status ? sql`${STATUS} = ${f.status}` : sql`true`}) AS total,
           coalesce(sum(p.amount) FILTER (WHERE ${STATUS} = 'open'), 0)::int8 AS open_amount
    FROM ${JOINS}
    WHERE ${sql.join(conditions(cooperativeId, f, false), sql` AND `)}`);
  return res.rows[0]!;
}

/**
 * The purchase row locked for a payment or a void (so the two cannot both happen), with whether it
 * is already paid or void, read after the lock.
 */
export async function lockPurchase(db: Db, cooperativeId: string, id: string) {
  const res = await db.execute<{
    id: string;
    number: string;
    date: string;
    payment: PurchasePayment;
    partner_id: string;
    partner_name: string;
    location_id: string;
    amount: bigint;
    journal_entry_id: string;
  }>(sql`
    SELECT p.id, p.number, p.date, p.payment, p.partner_id, mp.name AS partner_name, p.location_id, p.amount, p.journal_entry_id
    FROM produce_purchases p JOIN market_partners mp ON mp.cooperative_id = p.cooperative_id AND mp.id = p.partner_id
    WHERE p.cooperative_id = ${cooperativeId} AND p.id = ${id}
    FOR UPDATE OF p`);
  const p = res.rows[0];
  if (!p) return undefined;
  const state = await db.execute<{ paid: boolean; voided: boolean }>(sql`
    SELECT EXISTS (SELECT 1 FROM produce_purchase_payments WHERE cooperative_id = ${cooperativeId} AND purchase_id = ${id}) AS paid,
           EXISTS (SELECT 1 FROM produce_purchase_voids WHERE cooperative_id = ${cooperativeId} AND purchase_id = ${id}) AS voided`);
  return { ...p, ...state.rows[0]! };
}

export async function insertPayment(
  db: Db,
  cooperativeId: string,
  actor: Actor,
  p: { purchaseId: string; date: string; method: PayoutMethod; amount: bigint; journalEntryId: string; journalNumber: string },
) {
  await db.execute(sql`
    INSERT INTO produce_purchase_payments (cooperative_id, purchase_id, date, method, amount, journal_entry_id, journal_number,
      created_by_label)
    VALUES (${cooperativeId}, ${p.purchaseId}, ${p.date}, ${p.method}, ${p.amount}, ${p.journalEntryId}, ${p.journalNumber},
      ${actor.label})`);
}

/**
 * The purchase's lots, place by place (a lot moved elsewhere has a row per place), with what is on
 * hand and how many movements the lot has; the stock locked for a void.
 */
export async function lockPurchaseLots(db: Db, cooperativeId: string, purchaseId: string) {
  const res = await db.execute<{
    lot_id: string;
    code: string;
    quantity: bigint;
    cost: bigint;
    location_id: string;
    on_hand: bigint;
    value: bigint;
    moves: bigint;
  }>(sql`
    SELECT l.id AS lot_id, l.code, l.quantity, l.cost, s.location_id, s.quantity AS on_hand, s.value,
           (SELECT count(*) FROM produce_movements m WHERE m.cooperative_id = l.cooperative_id AND m.lot_id = l.id) AS moves
    FROM produce_lots l JOIN produce_stock s ON s.cooperative_id = l.cooperative_id AND s.lot_id = l.id
    WHERE l.cooperative_id = ${cooperativeId} AND l.purchase_id = ${purchaseId}
    ORDER BY l.code
    FOR UPDATE OF s`);
  return res.rows;
}

export async function insertVoid(
  db: Db,
  cooperativeId: string,
  actor: Actor,
  v: { purchaseId: string; date: string; reason: string; journalEntryId: string; journalNumber: string },
  movements: { id: string; lotId: string; locationId: string; quantity: bigint; value: bigint }[],
) {
  const mv = JSON.stringify(movements.map((m) => ({ ...m, quantity: m.quantity.toString(), value: m.value.toString() })));
  await db.execute(sql`
    WITH v AS (
      INSERT INTO produce_purchase_voids (cooperative_id, purchase_id, date, reason, journal_entry_id, journal_number, created_by_label)
      VALUES (${cooperativeId}, ${v.purchaseId}, ${v.date}, ${v.reason}, ${v.journalEntryId}, ${v.journalNumber}, ${actor.label})
      RETURNING purchase_id
    )
    INSERT INTO produce_movements (cooperative_id, id, lot_id, location_id, date, kind, quantity, value, document_type, document_id,
      reason, journal_entry_id, created_by_label)
    SELECT ${cooperativeId}, m.id, m."lotId", m."locationId", ${v.date}::date, 'purchase_void', m.quantity, m.value, 'purchase_void',
      v.purchase_id, ${v.reason}, ${v.journalEntryId}, ${actor.label}
    FROM v, jsonb_to_recordset(${mv}::jsonb) AS m(id text, "lotId" text, "locationId" text, quantity bigint, value bigint)`);
}

/** The purchase of each given purchased lot, with its supplier's name and the lot's code, grade, unit and price (for the lot trace). */
export async function purchaseOrigins(db: Db, cooperativeId: string, lotIds: string[]) {
  if (!lotIds.length) return [];
  const res = await db.execute<{
    lot_id: string;
    code: string;
    grade: Grade;
    unit: UnitOfMeasure;
    price: bigint;
    id: string;
    number: string;
    date: string;
    partner_id: string;
    supplier_name: string;
  }>(sql`
    SELECT l.id AS lot_id, l.code, l.grade, l.unit, l.price, p.id, p.number, p.date, p.partner_id, mp.name AS supplier_name
    FROM produce_lots l
    JOIN produce_purchases p ON p.cooperative_id = l.cooperative_id AND p.id = l.purchase_id
    JOIN market_partners mp ON mp.cooperative_id = p.cooperative_id AND mp.id = p.partner_id
    WHERE l.cooperative_id = ${cooperativeId} AND l.id = ANY(${textArray(lotIds)}::text[])`);
  return res.rows;
}
