import type { Grade, RejectPolicy, UnitOfMeasure } from '@kopdes/shared/produce';
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { sqlText } from '../../db/edged-transaction.js';
import { executePrepared } from '../../db/prepared.js';
import type { Actor } from '../../lib/actor.js';
import type { IntakeRefs, PlannedIntake } from './intake.rules.js';

/**
 * Where received produce goes (intakes, purchases): the location named, else the cooperative's
 * default location, else its first active place, a packing house first.
 */
export const chosenLocationId = (cooperativeId: string, locationId: string | null | undefined) =>
  sql`coalesce(${locationId ?? null}::text,
    (SELECT default_location_id FROM produce_settings WHERE cooperative_id = ${cooperativeId}),
    (SELECT id FROM produce_locations WHERE cooperative_id = ${cooperativeId} AND active
     ORDER BY array_position(ARRAY['packing_house', 'cold_storage', 'collection_point', 'truck'], kind), id LIMIT 1))`;

/** Everything an intake is checked against, in one round trip. */
export async function loadIntakeRefs(
  db: Db,
  cooperativeId: string,
  q: {
    commodityId: string;
    collectionPointId: string;
    locationId?: string | null;
    plotId?: string | null;
    date: string;
    memberId?: string;
  },
): Promise<IntakeRefs> {
  // Prepared: every intake and preview reads it, and its plan costs more than its run.
  const res = await executePrepared<{
    reject_policy: RejectPolicy | null;
    commodity: IntakeRefs['commodity'] | null;
    prices: Record<string, string> | null;
    collection_point: IntakeRefs['collectionPoint'] | null;
    location: IntakeRefs['location'] | null;
    plot: IntakeRefs['plot'] | null;
    delivery_active: boolean | null;
  }>(
    db,
    sql`
    WITH s AS (SELECT reject_policy FROM produce_settings WHERE cooperative_id = ${cooperativeId})
    SELECT
      (SELECT reject_policy FROM s) AS reject_policy,
      (SELECT json_build_object('id', c.id, 'code', c.code, 'name', c.name, 'unit', c.unit, 'active', c.active,
                                'storage_class', c.storage_class, 'shelf_life_ambient', c.shelf_life_ambient,
                                'shelf_life_cool', c.shelf_life_cool, 'shelf_life_cold', c.shelf_life_cold,
                                'grades', (SELECT json_agg(g.grade) FROM produce_grades g
                                           WHERE g.cooperative_id = c.cooperative_id AND g.commodity_id = c.id))
       FROM produce_commodities c WHERE c.cooperative_id = ${cooperativeId} AND c.id = ${q.commodityId}) AS commodity,
      (SELECT json_object_agg(p.grade, p.price::text)
       FROM (SELECT DISTINCT ON (grade) grade, price FROM produce_prices
             WHERE cooperative_id = ${cooperativeId} AND commodity_id = ${q.commodityId} AND valid_from <= ${q.date}
             ORDER BY grade, valid_from DESC, id DESC) p) AS prices,
      (SELECT json_build_object('id', id, 'name', name, 'active', active) FROM produce_collection_points
       WHERE cooperative_id = ${cooperativeId} AND id = ${q.collectionPointId}) AS collection_point,
      (SELECT json_build_object('id', l.id, 'name', l.name, 'storage_class', l.storage_class, 'active', l.active)
       FROM produce_locations l
       WHERE l.cooperative_id = ${cooperativeId}
         AND l.id = ${chosenLocationId(cooperativeId, q.locationId)}
      ) AS location,
      (SELECT json_build_object('id', id, 'member_id', member_id, 'name', name, 'active', active, 'village_code', village_code)
       FROM produce_plots WHERE cooperative_id = ${cooperativeId} AND id = ${q.plotId ?? null}::text) AS plot,
      (SELECT delivery_active FROM produce_farmers WHERE cooperative_id = ${cooperativeId} AND member_id = ${q.memberId ?? null}::text)
        AS delivery_active`,
  );
  const r = res.rows[0]!;
  const prices: Partial<Record<Grade, bigint>> = {};
  for (const [g, p] of Object.entries(r.prices ?? {})) prices[g as Grade] = BigInt(p);
  return {
    rejectPolicy: r.reject_policy ?? 'unpaid',
    commodity: r.commodity ? { ...r.commodity, grades: r.commodity.grades ?? [] } : undefined,
    prices,
    collectionPoint: r.collection_point ?? undefined,
    location: r.location ?? undefined,
    plot: r.plot ?? undefined,
    farmerDelivers: r.delivery_active ?? true,
  };
}

export interface Posting {
  intakeId: string;
  journalEntryId: string;
  journalNumber: string;
}

/**
 * The statements that write intakes with their lots and intake movements, numbering them from the
 * cooperative's gap-free series `PN-<year>` (a number is taken only when the row commits). The
 * movements' trigger puts the lots on hand. All intakes share the year of the first.
 * `journal`: each intake's posting, or `'alongside'` for one intake written in its own posting's
 * statement, where the entry is `h` (see journal.insertEntry).
 */
export function intakeStatements(
  cooperativeId: string,
  actor: Actor,
  plans: PlannedIntake[],
  journal: Map<string, Posting> | 'alongside',
): SQL[] {
  const year = plans[0]!.date.slice(0, 4);
  const n = plans.length;
  const postings = journal === 'alongside' ? new Map<string, Posting>() : journal;
  const intakes = JSON.stringify(
    plans.map((p, ord) => {
      const j = postings.get(p.id);
      return {
        ord: ord + 1,
        id: p.id,
        date: p.date,
        harvest_date: p.harvestDate,
        collection_point_id: p.collectionPoint.id,
        member_id: p.farmer.id,
        plot_id: p.plot?.id ?? null,
        commodity_id: p.commodity.id,
        unit: p.commodity.unit,
        location_id: p.location.id,
        crates: p.crates,
        gross: p.gross.toString(),
        tare: p.tare.toString(),
        net: p.net.toString(),
        amount: p.amount.toString(),
        reject_policy: p.rejectPolicy,
        journal_entry_id: j?.journalEntryId ?? null,
        journal_number: j?.journalNumber ?? null,
        notes: p.notes,
      };
    }),
  );
  const lots = JSON.stringify(
    plans.flatMap((p) =>
      p.lots.map((l) => ({
        id: l.id,
        intake_id: p.id,
        grade: l.grade,
        quantity: l.quantity.toString(),
        cost: l.amount.toString(),
        price: l.price.toString(),
        paid: l.paid,
        movement_id: `mvt_${l.id.slice(4)}`,
      })),
    ),
  );
  const entry = journal === 'alongside' ? { from: sql`, h`, id: sql`h.id`, number: sql`h.number` } : undefined;
  return [
    sql`seq AS (
      INSERT INTO number_sequences (cooperative_id, series, last_value) VALUES (${cooperativeId}, ${`PN-${year}`}, ${n})
      ON CONFLICT (cooperative_id, series) DO UPDATE SET last_value = number_sequences.last_value + ${n}
      RETURNING last_value
    )`,
    sql`x AS (
      SELECT * FROM jsonb_to_recordset(${intakes}::jsonb) AS x(ord integer, id text, date date, harvest_date date,
        collection_point_id text, member_id text, plot_id text, commodity_id text, unit text, location_id text, crates integer,
        gross bigint, tare bigint, net bigint, amount bigint, reject_policy text, journal_entry_id text, journal_number text, notes text)
    )`,
    sql`i AS (
      INSERT INTO produce_intakes (cooperative_id, id, number, date, harvest_date, collection_point_id, member_id, plot_id,
        commodity_id, unit, location_id, crates, gross, tare, net, amount, reject_policy, journal_entry_id, journal_number, notes,
        created_by_id, created_by_label, request_id)
      SELECT ${cooperativeId}, x.id, ${`PN-${year}-`} || lpad((seq.last_value - ${n} + x.ord)::text, 6, '0'), x.date, x.harvest_date,
        x.collection_point_id, x.member_id, x.plot_id, x.commodity_id, x.unit, x.location_id, x.crates, x.gross, x.tare, x.net,
        x.amount, x.reject_policy, ${entry?.id ?? sql`x.journal_entry_id`}, ${entry?.number ?? sql`x.journal_number`}, x.notes,
        ${actor.id}, ${actor.label}, ${actor.requestId ?? null}
      FROM x, seq${entry?.from ?? sql``}
      RETURNING id, number, date, harvest_date, commodity_id, unit, member_id, plot_id, location_id, journal_entry_id
    )`,
    sql`lot_rows AS (
      SELECT * FROM jsonb_to_recordset(${lots}::jsonb) AS l(id text, intake_id text, grade text, quantity bigint, cost bigint,
        price bigint, paid boolean, movement_id text)
    )`,
    sql`lots AS (
      INSERT INTO produce_lots (cooperative_id, id, code, origin, commodity_id, grade, unit, quantity, cost, price, paid, harvest_date,
        created_date, intake_id, member_id, plot_id)
      SELECT ${cooperativeId}, l.id, i.number || '-' || CASE l.grade WHEN 'reject' THEN 'R' ELSE l.grade END, 'intake', i.commodity_id,
        l.grade, i.unit, l.quantity, l.cost, l.price, l.paid, i.harvest_date, i.date, i.id, i.member_id, i.plot_id
      FROM lot_rows l JOIN i ON i.id = l.intake_id
      RETURNING id
    )`,
    sql`mv AS (
      INSERT INTO produce_movements (cooperative_id, id, lot_id, location_id, date, kind, quantity, value, document_type, document_id,
        journal_entry_id, created_by_label)
      SELECT ${cooperativeId}, l.movement_id, l.id, i.location_id, i.date, 'intake', l.quantity, l.cost, 'intake', i.id,
        i.journal_entry_id, ${actor.label}
      FROM lot_rows l JOIN i ON i.id = l.intake_id
      RETURNING id
    )`,
  ];
}

/** The stored number of an intake, as an SQL expression (for what is filled at commit). */
export const intakeNumberSql = (cooperativeId: string, id: string) =>
  sqlText`(SELECT number FROM produce_intakes WHERE cooperative_id = ${cooperativeId} AND id = ${id})`;

/** Writes intakes (see intakeStatements) in one statement; returns each intake's number. */
export async function insertIntakes(
  db: Db,
  cooperativeId: string,
  actor: Actor,
  plans: PlannedIntake[],
  postings: Map<string, Posting>,
): Promise<Map<string, string>> {
  const statements = intakeStatements(cooperativeId, actor, plans, postings);
  const res = await db.execute<{ id: string; number: string }>(sql`WITH ${sql.join(statements, sql`, `)} SELECT i.id, i.number FROM i`);
  return new Map(res.rows.map((r) => [r.id, r.number]));
}

export type IntakeRow = {
  id: string;
  number: string;
  date: string;
  harvest_date: string;
  collection_point_id: string;
  collection_point_name: string;
  member_id: string;
  plot_id: string | null;
  plot_name: string | null;
  plot_village_code: string | null;
  commodity_id: string;
  commodity_code: string;
  commodity_name: string;
  unit: UnitOfMeasure;
  storage_class: string;
  location_id: string;
  location_name: string;
  crates: number;
  gross: bigint;
  tare: bigint;
  net: bigint;
  amount: bigint;
  reject_policy: RejectPolicy;
  journal_entry_id: string | null;
  journal_number: string | null;
  notes: string | null;
  created_by_label: string;
  created_at: Date;
  void_date: string | null;
  void_reason: string | null;
  void_journal_number: string | null;
  payout_id: string | null;
  lots: { id: string; code: string; grade: Grade; quantity: string; price: string; cost: string; paid: boolean; expires_on: string }[];
};

export interface IntakeFilter {
  ids?: string[];
  from?: string;
  to?: string;
  memberId?: string;
  collectionPointId?: string;
  commodityId?: string;
  /** Keyset: intakes before (date, id) in newest-first order. */
  before?: { date: string; id: string };
  limit?: number;
}

export async function intakeRows(db: Db, cooperativeId: string, f: IntakeFilter): Promise<IntakeRow[]> {
  const conds: SQL[] = [sql`i.cooperative_id = ${cooperativeId}`];
  if (f.ids) conds.push(sql`i.id = ANY(${`{${f.ids.join(',')}}`}::text[])`);
  if (f.from) conds.push(sql`i.date >= ${f.from}`);
  if (f.to) conds.push(sql`i.date <= ${f.to}`);
  if (f.memberId) conds.push(sql`i.member_id = ${f.memberId}`);
  if (f.collectionPointId) conds.push(sql`i.collection_point_id = ${f.collectionPointId}`);
  if (f.commodityId) conds.push(sql`i.commodity_id = ${f.commodityId}`);
  if (f.before) conds.push(sql`(i.date, i.id) < (${f.before.date}::date, ${f.before.id})`);
  const res = await db.execute<IntakeRow>(sql`
    SELECT i.id, i.number, i.date, i.harvest_date, i.collection_point_id, cp.name AS collection_point_name, i.member_id, i.plot_id,
           pl.name AS plot_name, pl.village_code AS plot_village_code, i.commodity_id, c.code AS commodity_code, c.name AS commodity_name,
           i.unit, c.storage_class, i.location_id, lo.name AS location_name, i.crates, i.gross, i.tare, i.net, i.amount, i.reject_policy,
           i.journal_entry_id, i.journal_number, i.notes, i.created_by_label, i.created_at,
           v.date AS void_date, v.reason AS void_reason, v.journal_number AS void_journal_number, pi.payout_id,
           (SELECT json_agg(json_build_object('id', l.id, 'code', l.code, 'grade', l.grade, 'quantity', l.quantity::text,
                                              'price', l.price::text, 'cost', l.cost::text, 'paid', l.paid,
                                              'expires_on', l.harvest_date + produce_shelf_life(c.shelf_life_ambient,
                                                  c.shelf_life_cool, c.shelf_life_cold, c.storage_class, lo.storage_class))
                            ORDER BY array_position(ARRAY['A', 'B', 'C', 'reject'], l.grade))
            FROM produce_lots l WHERE l.cooperative_id = i.cooperative_id AND l.intake_id = i.id) AS lots
    FROM produce_intakes i
    JOIN produce_collection_points cp ON cp.cooperative_id = i.cooperative_id AND cp.id = i.collection_point_id
    JOIN produce_commodities c ON c.cooperative_id = i.cooperative_id AND c.id = i.commodity_id
    JOIN produce_locations lo ON lo.cooperative_id = i.cooperative_id AND lo.id = i.location_id
    LEFT JOIN produce_plots pl ON pl.cooperative_id = i.cooperative_id AND pl.id = i.plot_id
    LEFT JOIN produce_intake_voids v ON v.cooperative_id = i.cooperative_id AND v.intake_id = i.id
    LEFT JOIN produce_payout_items pi ON pi.cooperative_id = i.cooperative_id AND pi.intake_id = i.id
    WHERE ${sql.join(conds, sql` AND `)}
    ORDER BY i.date DESC, i.id DESC
    ${f.limit ? sql`LIMIT ${f.limit}` : sql``}`);
  return res.rows;
}

/** The intake's lots with what is on hand of each, locked for a void. */
export async function lockIntakeLots(db: Db, cooperativeId: string, intakeId: string) {
  const res = await db.execute<{
    lot_id: string;
    quantity: bigint;
    cost: bigint;
    location_id: string;
    on_hand: bigint;
    value: bigint;
    moves: bigint;
  }>(sql`
    SELECT l.id AS lot_id, l.quantity, l.cost, s.location_id, s.quantity AS on_hand, s.value,
           (SELECT count(*) FROM produce_movements m WHERE m.cooperative_id = l.cooperative_id AND m.lot_id = l.id) AS moves
    FROM produce_lots l JOIN produce_stock s ON s.cooperative_id = l.cooperative_id AND s.lot_id = l.id
    WHERE l.cooperative_id = ${cooperativeId} AND l.intake_id = ${intakeId}
    FOR UPDATE OF s`);
  return res.rows;
}

export async function insertVoid(
  db: Db,
  cooperativeId: string,
  actor: Actor,
  v: { intakeId: string; date: string; reason: string; journalEntryId: string | null; journalNumber: string | null },
  movements: { id: string; lotId: string; locationId: string; quantity: bigint; value: bigint }[],
) {
  const mv = JSON.stringify(movements.map((m) => ({ ...m, quantity: m.quantity.toString(), value: m.value.toString() })));
  await db.execute(sql`
    WITH v AS (
      INSERT INTO produce_intake_voids (cooperative_id, intake_id, date, reason, journal_entry_id, journal_number, created_by_label)
      VALUES (${cooperativeId}, ${v.intakeId}, ${v.date}, ${v.reason}, ${v.journalEntryId}, ${v.journalNumber}, ${actor.label})
      RETURNING intake_id
    )
    INSERT INTO produce_movements (cooperative_id, id, lot_id, location_id, date, kind, quantity, value, document_type, document_id,
      reason, journal_entry_id, created_by_label)
    SELECT ${cooperativeId}, m.id, m."lotId", m."locationId", ${v.date}, 'intake_void', m.quantity, m.value, 'intake_void', v.intake_id,
      ${v.reason}, ${v.journalEntryId}, ${actor.label}
    FROM v, jsonb_to_recordset(${mv}::jsonb) AS m(id text, "lotId" text, "locationId" text, quantity bigint, value bigint)`);
}

export async function todayTotals(db: Db, cooperativeId: string, date: string, collectionPointId?: string) {
  const res = await db.execute<{ n: bigint; net: bigint | null; amount: bigint | null }>(sql`
    SELECT count(*) AS n, (sum(net) FILTER (WHERE unit = 'kg'))::bigint AS net, sum(amount)::bigint AS amount
    FROM produce_intakes i WHERE cooperative_id = ${cooperativeId} AND date = ${date}
      ${collectionPointId ? sql`AND collection_point_id = ${collectionPointId}` : sql``}
      AND NOT EXISTS (SELECT 1 FROM produce_intake_voids v WHERE v.cooperative_id = i.cooperative_id AND v.intake_id = i.id)`);
  return res.rows[0]!;
}
