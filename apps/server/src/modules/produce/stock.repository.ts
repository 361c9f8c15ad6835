import type { Grade, MovementKind, StorageClass, UnitOfMeasure } from '@kopdes/shared/produce';
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../lib/actor.js';

const textArray = (ids: string[]) => `{${ids.join(',')}}`;

export type LotRow = {
  id: string;
  code: string;
  origin: 'intake' | 'packing' | 'return' | 'purchase';
  commodity_id: string;
  commodity_code: string;
  commodity_name: string;
  unit: UnitOfMeasure;
  grade: Grade;
  quantity: bigint;
  cost: bigint;
  harvest_date: string;
  created_date: string;
  intake_id: string | null;
  member_id: string | null;
  plot_id: string | null;
  packing_id: string | null;
  pack_format_id: string | null;
  pack_format_name: string | null;
  packs: number | null;
  price: bigint | null;
  source_lot_id: string | null;
  purchase_id: string | null;
  shelf_life_ambient: number | null;
  shelf_life_cool: number | null;
  shelf_life_cold: number | null;
  storage_class: StorageClass;
};

const lotColumns = sql`l.id, l.code, l.origin, l.commodity_id, c.code AS commodity_code, c.name AS commodity_name, l.unit, l.grade,
  l.quantity, l.cost, l.harvest_date, l.created_date, l.intake_id, l.member_id, l.plot_id, l.packing_id, l.pack_format_id,
  pf.name AS pack_format_name, l.packs, l.price, l.source_lot_id, l.purchase_id, c.shelf_life_ambient, c.shelf_life_cool, c.shelf_life_cold, c.storage_class`;
const lotJoins = sql`JOIN produce_commodities c ON c.cooperative_id = l.cooperative_id AND c.id = l.commodity_id
  LEFT JOIN produce_pack_formats pf ON pf.cooperative_id = l.cooperative_id AND pf.id = l.pack_format_id`;

export async function lots(db: Db, cooperativeId: string, ids: string[]): Promise<LotRow[]> {
  if (!ids.length) return [];
  const res = await db.execute<LotRow>(sql`
    SELECT ${lotColumns} FROM produce_lots l ${lotJoins}
    WHERE l.cooperative_id = ${cooperativeId} AND l.id = ANY(${textArray(ids)}::text[])`);
  return res.rows;
}

export type PlaceRow = {
  lot_id: string;
  location_id: string;
  location_name: string;
  storage_class: StorageClass;
  quantity: bigint;
  value: bigint;
  since: string;
  expires_on: string;
};

/** What is on hand of the given lots (or of every lot matching the filter), place by place, soonest expiry first. */
/** Stock positions with their lot, commodity and place (aliases s, l, c, lo). */
const STOCK_JOINS = sql`produce_stock s
    JOIN produce_lots l ON l.cooperative_id = s.cooperative_id AND l.id = s.lot_id
    JOIN produce_commodities c ON c.cooperative_id = l.cooperative_id AND c.id = l.commodity_id
    JOIN produce_locations lo ON lo.cooperative_id = s.cooperative_id AND lo.id = s.location_id`;
/** A position's expiry: harvest date plus the shelf life of the storage class where it is kept. */
const EXPIRES_ON = sql`l.harvest_date + produce_shelf_life(c.shelf_life_ambient, c.shelf_life_cool, c.shelf_life_cold, c.storage_class, lo.storage_class)`;

function stockConditions(
  cooperativeId: string,
  f: { lotIds?: string[]; commodityId?: string; grade?: string; locationId?: string; onHandOnly?: boolean },
): SQL[] {
  const conds: SQL[] = [sql`s.cooperative_id = ${cooperativeId}`];
  if (f.lotIds) conds.push(sql`s.lot_id = ANY(${textArray(f.lotIds)}::text[])`);
  if (f.commodityId) conds.push(sql`l.commodity_id = ${f.commodityId}`);
  if (f.grade) conds.push(sql`l.grade = ${f.grade}`);
  if (f.locationId) conds.push(sql`s.location_id = ${f.locationId}`);
  if (f.onHandOnly) conds.push(sql`s.quantity > 0`);
  return conds;
}

/** Lots bought from other cooperatives still on hand, rejects left out: commodity code, day received, expiry, quantity. */
export async function purchasedOnHand(db: Db, cooperativeId: string) {
  const res = await db.execute<{ commodity: string; received_on: string; expires_on: string; quantity: string }>(sql`
    SELECT c.code AS commodity, p.date::text AS received_on, (${EXPIRES_ON})::text AS expires_on, s.quantity::text AS quantity
    FROM ${STOCK_JOINS}
    JOIN produce_purchases p ON p.cooperative_id = l.cooperative_id AND p.id = l.purchase_id
    WHERE s.cooperative_id = ${cooperativeId} AND s.quantity > 0 AND l.grade <> 'reject'`);
  return res.rows.map((r) => ({
    commodity: r.commodity,
    receivedOn: r.received_on,
    expiresOn: r.expires_on,
    quantity: BigInt(r.quantity),
  }));
}

export async function places(
  db: Db,
  cooperativeId: string,
  f: { lotIds?: string[]; commodityId?: string; grade?: string; locationId?: string; onHandOnly?: boolean; limit?: number },
): Promise<PlaceRow[]> {
  const res = await db.execute<PlaceRow>(sql`
    SELECT s.lot_id, s.location_id, lo.name AS location_name, lo.storage_class, s.quantity, s.value, s.since, ${EXPIRES_ON} AS expires_on
    FROM ${STOCK_JOINS}
    WHERE ${sql.join(stockConditions(cooperativeId, f), sql` AND `)}
    ORDER BY expires_on, l.harvest_date, l.code, lo.name
    ${f.limit ? sql`LIMIT ${f.limit}` : sql``}`);
  return res.rows;
}

export interface LotPageFilter {
  commodityId?: string;
  grade?: string;
  locationId?: string;
  onHandOnly: boolean;
  /** Matched against the lot code and the commodity's name, case-insensitively. */
  q?: string;
  /** Only lots whose earliest expiry (over the listed places) falls in this range. */
  expiresFrom?: string;
  expiresTo?: string;
  offset: number;
  limit: number;
}

/**
 * One page of lot ids, the one to use first first: ordered by the earliest expiry over the lot's
 * listed places (first-expired-first-out), then harvest date and code.
 */
export async function lotPage(db: Db, cooperativeId: string, f: LotPageFilter): Promise<string[]> {
  const conds = stockConditions(cooperativeId, f);
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    conds.push(sql`(l.code ILIKE ${like} OR c.name ILIKE ${like})`);
  }
  const having: SQL[] = [];
  if (f.expiresFrom) having.push(sql`min(x.expires_on) >= ${f.expiresFrom}::date`);
  if (f.expiresTo) having.push(sql`min(x.expires_on) <= ${f.expiresTo}::date`);
  const res = await db.execute<{ lot_id: string }>(sql`
    SELECT x.lot_id FROM (
      SELECT s.lot_id, l.harvest_date, l.code, ${EXPIRES_ON} AS expires_on
      FROM ${STOCK_JOINS}
      WHERE ${sql.join(conds, sql` AND `)}) x
    GROUP BY x.lot_id, x.harvest_date, x.code
    ${having.length ? sql`HAVING ${sql.join(having, sql` AND `)}` : sql``}
    ORDER BY min(x.expires_on), x.harvest_date, x.code
    OFFSET ${f.offset} LIMIT ${f.limit}`);
  return res.rows.map((r) => r.lot_id);
}

/** Locks the stock of each (lot, location) pair for the caller's transaction; missing pairs are absent. */
export async function lockStock(db: Db, cooperativeId: string, pairs: { lotId: string; locationId: string }[]) {
  const json = JSON.stringify(pairs);
  const res = await db.execute<{ lot_id: string; location_id: string; quantity: bigint; value: bigint }>(sql`
    SELECT s.lot_id, s.location_id, s.quantity, s.value FROM produce_stock s
    JOIN jsonb_to_recordset(${json}::jsonb) AS p("lotId" text, "locationId" text) ON s.lot_id = p."lotId" AND s.location_id = p."locationId"
    WHERE s.cooperative_id = ${cooperativeId}
    ORDER BY s.lot_id, s.location_id
    FOR UPDATE OF s`);
  return res.rows;
}

export type NewMovement = {
  id: string;
  lotId: string;
  locationId: string;
  kind: MovementKind;
  quantity: bigint;
  value: bigint;
};

export async function insertMovements(
  db: Db,
  cooperativeId: string,
  actor: Actor,
  doc: { type: string; id: string; date: string; reason?: string | null; partnerId?: string | null; journalEntryId?: string | null },
  rows: NewMovement[],
) {
  if (!rows.length) return;
  const json = JSON.stringify(rows.map((r) => ({ ...r, quantity: r.quantity.toString(), value: r.value.toString() })));
  await db.execute(sql`
    INSERT INTO produce_movements (cooperative_id, id, lot_id, location_id, date, kind, quantity, value, document_type, document_id,
      reason, partner_id, journal_entry_id, created_by_label)
    SELECT ${cooperativeId}, m.id, m."lotId", m."locationId", ${doc.date}, m.kind, m.quantity, m.value, ${doc.type}, ${doc.id},
      ${doc.reason ?? null}, ${doc.partnerId ?? null}, ${doc.journalEntryId ?? null}, ${actor.label}
    FROM jsonb_to_recordset(${json}::jsonb) AS m(id text, "lotId" text, "locationId" text, kind text, quantity bigint, value bigint)`);
}

export async function insertPackLot(
  db: Db,
  cooperativeId: string,
  l: {
    id: string;
    code: string;
    commodityId: string;
    grade: string;
    unit: string;
    quantity: bigint;
    cost: bigint;
    harvestDate: string;
    createdDate: string;
    packingId: string;
    packFormatId: string;
    packs: number;
  },
) {
  await db.execute(sql`
    INSERT INTO produce_lots (cooperative_id, id, code, origin, commodity_id, grade, unit, quantity, cost, paid, harvest_date, created_date,
      packing_id, pack_format_id, packs)
    VALUES (${cooperativeId}, ${l.id}, ${l.code}, 'packing', ${l.commodityId}, ${l.grade}, ${l.unit}, ${l.quantity}, ${l.cost}, true,
      ${l.harvestDate}, ${l.createdDate}, ${l.packingId}, ${l.packFormatId}, ${l.packs})`);
}

export type StockDocumentInsert = {
  id: string;
  number: string;
  kind: 'transfer' | 'loss' | 'packing' | 'count';
  date: string;
  locationId: string;
  toLocationId?: string | null;
  lossKind?: string | null;
  reason?: string | null;
  value: bigint;
  packFormatId?: string | null;
  outputLotId?: string | null;
  packs?: number | null;
  inputQuantity?: bigint | null;
  outputQuantity?: bigint | null;
  journalEntryId?: string | null;
  journalNumber?: string | null;
};

export async function insertStockDocument(db: Db, cooperativeId: string, actor: Actor, d: StockDocumentInsert) {
  await db.execute(sql`
    INSERT INTO produce_stock_documents (cooperative_id, id, number, kind, date, location_id, to_location_id, loss_kind, reason, value,
      pack_format_id, output_lot_id, packs, input_quantity, output_quantity, journal_entry_id, journal_number, created_by_id,
      created_by_label, request_id)
    VALUES (${cooperativeId}, ${d.id}, ${d.number}, ${d.kind}, ${d.date}, ${d.locationId}, ${d.toLocationId ?? null}, ${d.lossKind ?? null},
      ${d.reason ?? null}, ${d.value}, ${d.packFormatId ?? null}, ${d.outputLotId ?? null}, ${d.packs ?? null}, ${d.inputQuantity ?? null},
      ${d.outputQuantity ?? null}, ${d.journalEntryId ?? null}, ${d.journalNumber ?? null}, ${actor.id}, ${actor.label},
      ${actor.requestId ?? null})`);
}

export type StockDocumentRow = {
  id: string;
  number: string;
  kind: 'transfer' | 'loss' | 'packing' | 'count';
  date: string;
  value: bigint;
  output_lot_id: string | null;
  output_lot_code: string | null;
  packs: number | null;
  input_quantity: bigint | null;
  output_quantity: bigint | null;
  unit: UnitOfMeasure | null;
  journal_entry_id: string | null;
  journal_number: string | null;
};

export async function stockDocument(db: Db, cooperativeId: string, id: string) {
  const res = await db.execute<StockDocumentRow>(sql`
    SELECT d.id, d.number, d.kind, d.date, d.value, d.output_lot_id, ol.code AS output_lot_code, d.packs, d.input_quantity,
           d.output_quantity, ol.unit, d.journal_entry_id, d.journal_number
    FROM produce_stock_documents d
    LEFT JOIN produce_lots ol ON ol.cooperative_id = d.cooperative_id AND ol.id = d.output_lot_id
    WHERE d.cooperative_id = ${cooperativeId} AND d.id = ${id}`);
  return res.rows[0];
}

export type MovementRow = {
  id: string;
  lot_id: string;
  date: string;
  kind: MovementKind;
  location_id: string;
  location_name: string;
  quantity: bigint;
  value: bigint;
  document_type: string;
  document_id: string;
  reason: string | null;
  partner_id: string | null;
  journal_entry_id: string | null;
  unit: UnitOfMeasure;
};

export async function movements(db: Db, cooperativeId: string, f: { lotIds?: string[]; documentId?: string }) {
  const conds: SQL[] = [sql`m.cooperative_id = ${cooperativeId}`];
  if (f.lotIds) conds.push(sql`m.lot_id = ANY(${textArray(f.lotIds)}::text[])`);
  if (f.documentId) conds.push(sql`m.document_id = ${f.documentId}`);
  const res = await db.execute<MovementRow>(sql`
    SELECT m.id, m.lot_id, m.date, m.kind, m.location_id, lo.name AS location_name, m.quantity, m.value, m.document_type, m.document_id,
           m.reason, m.partner_id, m.journal_entry_id, l.unit
    FROM produce_movements m
    JOIN produce_locations lo ON lo.cooperative_id = m.cooperative_id AND lo.id = m.location_id
    JOIN produce_lots l ON l.cooperative_id = m.cooperative_id AND l.id = m.lot_id
    WHERE ${sql.join(conds, sql` AND `)}
    ORDER BY m.date, m.id`);
  return res.rows;
}

/** Pack lots made from the given lots, with how much of each went in. */
export async function packedFrom(db: Db, cooperativeId: string, lotId: string) {
  const res = await db.execute<{ lot_id: string; code: string; packing_id: string; quantity: bigint }>(sql`
    SELECT ol.id AS lot_id, ol.code, d.id AS packing_id, -m.quantity AS quantity
    FROM produce_movements m
    JOIN produce_stock_documents d ON d.cooperative_id = m.cooperative_id AND d.id = m.document_id AND d.kind = 'packing'
    JOIN produce_lots ol ON ol.cooperative_id = d.cooperative_id AND ol.id = d.output_lot_id
    WHERE m.cooperative_id = ${cooperativeId} AND m.lot_id = ${lotId} AND m.kind = 'packing_out'
    ORDER BY m.date, m.id`);
  return res.rows;
}

/** The lots a pack lot was packed from, with their intake or, bought from another cooperative, their purchase and supplier. */
export async function packSources(db: Db, cooperativeId: string, packingId: string) {
  const res = await db.execute<{
    lot_id: string;
    code: string;
    quantity: bigint;
    unit: UnitOfMeasure;
    member_id: string | null;
    intake_number: string | null;
    purchase_number: string | null;
    supplier_name: string | null;
  }>(sql`
    SELECT l.id AS lot_id, l.code, -m.quantity AS quantity, l.unit, l.member_id, i.number AS intake_number,
           pu.number AS purchase_number, mp.name AS supplier_name
    FROM produce_movements m
    JOIN produce_lots l ON l.cooperative_id = m.cooperative_id AND l.id = m.lot_id
    LEFT JOIN produce_intakes i ON i.cooperative_id = l.cooperative_id AND i.id = l.intake_id
    LEFT JOIN produce_purchases pu ON pu.cooperative_id = l.cooperative_id AND pu.id = l.purchase_id
    LEFT JOIN market_partners mp ON mp.cooperative_id = pu.cooperative_id AND mp.id = pu.partner_id
    WHERE m.cooperative_id = ${cooperativeId} AND m.document_id = ${packingId} AND m.kind = 'packing_out'
    ORDER BY l.code`);
  return res.rows;
}

/** On hand as of a date, from the movements, per lot and place (what the valuation sums). */
export async function holdingsAsOf(db: Db, cooperativeId: string, asOf: string) {
  const res = await db.execute<{
    lot_id: string;
    commodity_id: string;
    commodity_name: string;
    unit: UnitOfMeasure;
    grade: Grade;
    location_id: string;
    location_name: string;
    harvest_date: string;
    quantity: bigint;
    value: bigint;
  }>(sql`
    SELECT m.lot_id, l.commodity_id, c.name AS commodity_name, l.unit, l.grade, m.location_id, lo.name AS location_name, l.harvest_date,
           sum(m.quantity)::bigint AS quantity, sum(m.value)::bigint AS value
    FROM produce_movements m
    JOIN produce_lots l ON l.cooperative_id = m.cooperative_id AND l.id = m.lot_id
    JOIN produce_commodities c ON c.cooperative_id = l.cooperative_id AND c.id = l.commodity_id
    JOIN produce_locations lo ON lo.cooperative_id = m.cooperative_id AND lo.id = m.location_id
    WHERE m.cooperative_id = ${cooperativeId} AND m.date <= ${asOf}
    GROUP BY m.lot_id, l.commodity_id, c.name, l.unit, l.grade, m.location_id, lo.name, l.harvest_date
    HAVING sum(m.quantity) <> 0 OR sum(m.value) <> 0
    ORDER BY lower(c.name), l.grade, lo.name`);
  return res.rows;
}

export async function intakeHeader(db: Db, cooperativeId: string, intakeId: string) {
  const res = await db.execute<{ id: string; number: string; date: string; collection_point_name: string }>(sql`
    SELECT i.id, i.number, i.date, cp.name AS collection_point_name FROM produce_intakes i
    JOIN produce_collection_points cp ON cp.cooperative_id = i.cooperative_id AND cp.id = i.collection_point_id
    WHERE i.cooperative_id = ${cooperativeId} AND i.id = ${intakeId}`);
  const r = res.rows[0];
  return r ? { id: r.id, number: r.number, date: r.date, collectionPointName: r.collection_point_name } : null;
}

export async function receivedOn(db: Db, cooperativeId: string, locationId: string, date: string) {
  const res = await db.execute<{ lot_id: string; commodity_id: string; grade: Grade; unit: UnitOfMeasure; quantity: bigint }>(sql`
    SELECT l.id AS lot_id, l.commodity_id, l.grade, l.unit, s.quantity
    FROM produce_lots l JOIN produce_stock s ON s.cooperative_id = l.cooperative_id AND s.lot_id = l.id AND s.location_id = ${locationId}
    WHERE l.cooperative_id = ${cooperativeId} AND l.origin = 'intake' AND l.created_date = ${date} AND s.quantity > 0
    ORDER BY s.quantity DESC, l.id`);
  return res.rows;
}

export async function insertReturnLot(
  db: Db,
  cooperativeId: string,
  l: {
    id: string;
    code: string;
    commodityId: string;
    grade: string;
    unit: string;
    quantity: bigint;
    cost: bigint;
    harvestDate: string;
    createdDate: string;
    sourceLotId: string;
    packFormatId: string | null;
    packs: number | null;
  },
) {
  await db.execute(sql`
    INSERT INTO produce_lots (cooperative_id, id, code, origin, commodity_id, grade, unit, quantity, cost, paid, harvest_date, created_date,
      source_lot_id, pack_format_id, packs)
    VALUES (${cooperativeId}, ${l.id}, ${l.code}, 'return', ${l.commodityId}, ${l.grade}, ${l.unit}, ${l.quantity}, ${l.cost}, true,
      ${l.harvestDate}, ${l.createdDate}, ${l.sourceLotId}, ${l.packFormatId}, ${l.packs})`);
}

/** Lots that took back what buyers rejected of the given lot. */
export async function returnsOf(db: Db, cooperativeId: string, lotId: string) {
  const res = await db.execute<{ id: string; code: string; grade: Grade; quantity: bigint; unit: UnitOfMeasure }>(sql`
    SELECT id, code, grade, quantity, unit FROM produce_lots
    WHERE cooperative_id = ${cooperativeId} AND origin = 'return' AND source_lot_id = ${lotId}
    ORDER BY created_date, code`);
  return res.rows;
}
