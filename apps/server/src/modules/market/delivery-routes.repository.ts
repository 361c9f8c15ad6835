import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { arr } from './partners.repository.js';

export type DeliveryRouteRow = {
  id: string;
  number: string;
  date: string;
  vehicle: string;
  driver: string | null;
  departure: string | null;
  notes: string | null;
  created_by_label: string;
};

export async function deliveryRoutes(
  db: Db,
  cooperativeId: string,
  f: { ids?: string[]; date?: string; from?: string; to?: string; limit?: number },
) {
  const res = await db.execute<DeliveryRouteRow>(sql`
    SELECT id, number, date, vehicle, driver, departure, notes, created_by_label FROM market_routes
    WHERE cooperative_id = ${cooperativeId}
      ${f.ids ? sql`AND id = ANY(${arr(f.ids)}::text[])` : sql``}
      ${f.date ? sql`AND date = ${f.date}` : sql``}
      ${f.from ? sql`AND date >= ${f.from}` : sql``}
      ${f.to ? sql`AND date <= ${f.to}` : sql``}
    ORDER BY date DESC, number DESC
    LIMIT ${f.limit ?? 200}`);
  return res.rows;
}

/** The delivery notes on the given routes, in loading order. */
export async function routeStops(db: Db, cooperativeId: string, routeIds: string[]) {
  if (!routeIds.length) return [];
  const res = await db.execute<{ route_id: string; seq: number; delivery_id: string }>(sql`
    SELECT route_id, seq, delivery_id FROM market_route_stops
    WHERE cooperative_id = ${cooperativeId} AND route_id = ANY(${arr(routeIds)}::text[])
    ORDER BY route_id, seq`);
  return res.rows;
}

export async function insertDeliveryRoute(
  db: Db,
  cooperativeId: string,
  r: DeliveryRouteRow & { requestId: string | null },
  deliveryIds: string[],
) {
  await db.execute(sql`
    INSERT INTO market_routes (cooperative_id, id, number, date, vehicle, driver, departure, notes, created_by_label, request_id)
    VALUES (${cooperativeId}, ${r.id}, ${r.number}, ${r.date}, ${r.vehicle}, ${r.driver}, ${r.departure}, ${r.notes}, ${r.created_by_label},
      ${r.requestId})`);
  await db.execute(sql`
    INSERT INTO market_route_stops (cooperative_id, route_id, seq, delivery_id)
    SELECT ${cooperativeId}, ${r.id}, x.seq::int, x.delivery_id
    FROM unnest(${arr(deliveryIds)}::text[]) WITH ORDINALITY AS x(delivery_id, seq)`);
}

export async function deleteDeliveryRoute(db: Db, cooperativeId: string, id: string) {
  await db.execute(sql`DELETE FROM market_routes WHERE cooperative_id = ${cooperativeId} AND id = ${id}`);
}

/** Holds the route until commit. */
export async function lockDeliveryRoute(db: Db, cooperativeId: string, id: string) {
  const res = await db.execute<{ id: string }>(
    sql`SELECT id FROM market_routes WHERE cooperative_id = ${cooperativeId} AND id = ${id} FOR UPDATE`,
  );
  return res.rows.length > 0;
}
