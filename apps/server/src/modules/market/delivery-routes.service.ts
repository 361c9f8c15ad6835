/**
 * Delivery routes: one truck on one day carrying several delivery notes to several stores, in the
 * order it unloads them; consecutive notes for the same store are one stop. A delivery note rides
 * on one route. Routes are plans, not posted facts: a wrong one is deleted (while nothing on it
 * has been received) and made again.
 */
import type { DeliveryRoute, DeliveryRouteInput } from '@kopdes/shared/market';
import type { Db } from '../../db/client.js';
import { nextNumber } from '../../db/numbering.js';
import { inTransaction } from '../../db/transaction.js';
import type { Actor } from '../../lib/actor.js';
import { AppError, conflict, notFound, type FieldError } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { recordAudit } from '../audit/audit.service.js';
import { field, pgConstraintOf, refuse, todayOf } from '../produce/common.js';
import * as deliveries from './deliveries.repository.js';
import * as repo from './delivery-routes.repository.js';
import { storeRows } from './partners.service.js';

const routeNotFound = () => notFound({ id: 'Rute pengiriman tidak ditemukan', en: 'Delivery route not found' });

async function present(db: Db, cooperativeId: string, routes: repo.DeliveryRouteRow[]): Promise<DeliveryRoute[]> {
  const stops = await repo.routeStops(
    db,
    cooperativeId,
    routes.map((r) => r.id),
  );
  const ids = stops.map((s) => s.delivery_id);
  const notes = ids.length ? await deliveries.deliveries(db, cooperativeId, { ids }) : [];
  const lines = await deliveries.deliveryLines(db, cooperativeId, ids);
  const stores = notes.length ? await storeRows(db, cooperativeId, { ids: [...new Set(notes.map((n) => n.store_id))] }) : [];
  return routes.map((r) => {
    const out: DeliveryRoute['stops'] = [];
    let value = 0n;
    for (const s of stops.filter((x) => x.route_id === r.id)) {
      const d = notes.find((n) => n.id === s.delivery_id)!;
      const store = stores.find((x) => x.id === d.store_id)!;
      value += d.value;
      const note = {
        id: d.id,
        number: d.number,
        purchaseOrderNumber: d.po_number,
        partnerRef: d.partner_ref,
        lines: lines.filter((l) => l.delivery_id === d.id).length,
        value: d.value.toString(),
        received: d.received_on !== null,
      };
      const last = out[out.length - 1];
      if (last && last.store.id === d.store_id) last.deliveries.push(note);
      else
        out.push({
          stopNo: out.length + 1,
          partner: { id: d.partner_id, name: d.partner_name },
          store: {
            id: store.id,
            name: store.name,
            address: store.address,
            receivingHours: store.receiving_hours,
            contactName: store.contact_name,
            contactPhone: store.contact_phone,
          },
          deliveries: [note],
        });
    }
    return {
      id: r.id,
      number: r.number,
      date: r.date,
      vehicle: r.vehicle,
      driver: r.driver,
      departure: r.departure,
      notes: r.notes,
      value: value.toString(),
      stops: out,
      createdBy: r.created_by_label,
    };
  });
}

export async function getDeliveryRoute(db: Db, cooperativeId: string, id: string) {
  const rows = await repo.deliveryRoutes(db, cooperativeId, { ids: [id] });
  if (!rows[0]) throw routeNotFound();
  return (await present(db, cooperativeId, rows))[0]!;
}

export async function listDeliveryRoutes(db: Db, cooperativeId: string, q: { date?: string; from?: string; to?: string; limit: number }) {
  return { items: await present(db, cooperativeId, await repo.deliveryRoutes(db, cooperativeId, q)) };
}

/** Loads delivery notes of one day onto a truck, in unloading order. */
export async function createDeliveryRoute(db: Db, cooperativeId: string, actor: Actor, input: DeliveryRouteInput) {
  const date = input.date ?? (await todayOf(db, cooperativeId));
  const id = newId('rte');
  try {
    await inTransaction(db, async (tx) => {
      for (const d of [...new Set(input.deliveryIds)].sort()) await deliveries.lockDelivery(tx, cooperativeId, d);
      const notes = await deliveries.deliveries(tx, cooperativeId, { ids: input.deliveryIds });
      const fields: FieldError[] = [];
      const seen = new Set<string>();
      input.deliveryIds.forEach((dId, i) => {
        const bad = (code: string, id_: string, en: string) => fields.push(field(`deliveryIds.${i}`, code, { id: id_, en }));
        const d = notes.find((n) => n.id === dId);
        if (seen.has(dId)) return bad('duplicate_delivery', 'Surat jalan disebut dua kali', 'The delivery note is named twice');
        seen.add(dId);
        if (!d) return bad('unknown_delivery', 'Surat jalan tidak ditemukan', 'Delivery note not found');
        if (d.date !== date)
          return bad('other_date', `Surat jalan ${d.number} untuk tanggal ${d.date}`, `${d.number} is for ${d.date}, not ${date}`);
        if (d.route_id)
          return bad('already_on_route', `Surat jalan ${d.number} sudah dimuat di rute lain`, `${d.number} is on another route`);
        if (d.received_on)
          return bad('already_received', `Surat jalan ${d.number} sudah diterima pembeli`, `${d.number} is already received by the buyer`);
      });
      if (fields.length) throw refuse(fields, 'unprocessable');
      const number = `RUTE-${date.slice(0, 4)}-${(await nextNumber(tx, cooperativeId, `RUTE-${date.slice(0, 4)}`)).toString().padStart(6, '0')}`;
      await repo.insertDeliveryRoute(
        tx,
        cooperativeId,
        {
          id,
          number,
          date,
          vehicle: input.vehicle,
          driver: input.driver ?? null,
          departure: input.departure ?? null,
          notes: input.notes ?? null,
          created_by_label: actor.label,
          requestId: actor.requestId ?? null,
        },
        input.deliveryIds,
      );
      await recordAudit(tx, cooperativeId, actor, {
        action: 'market.route.create',
        entityType: 'market_route',
        entityId: id,
        changes: input,
      });
    });
  } catch (e) {
    // Two routes taking the same note at once: the unique index lets one through.
    if (pgConstraintOf(e) === 'market_route_stops_delivery_uq')
      throw conflict('already_on_route', {
        id: 'Surat jalan ini baru saja dimuat di rute lain',
        en: 'A delivery note was just put on another route',
      });
    throw e;
  }
  return getDeliveryRoute(db, cooperativeId, id);
}

/** Takes a route apart so its notes can be loaded again; refused once a store has received anything on it. */
export async function deleteDeliveryRoute(db: Db, cooperativeId: string, actor: Actor, id: string) {
  await inTransaction(db, async (tx) => {
    if (!(await repo.lockDeliveryRoute(tx, cooperativeId, id))) throw routeNotFound();
    const route = (await present(tx, cooperativeId, await repo.deliveryRoutes(tx, cooperativeId, { ids: [id] })))[0]!;
    const done = route.stops.flatMap((s) => s.deliveries).find((d) => d.received);
    if (done)
      throw new AppError('conflict', 'route_received', {
        id: `Rute ${route.number} tidak dapat dihapus: ${done.number} sudah diterima pembeli`,
        en: `Route ${route.number} cannot be deleted: ${done.number} is already received`,
      });
    await repo.deleteDeliveryRoute(tx, cooperativeId, id);
    await recordAudit(tx, cooperativeId, actor, {
      action: 'market.route.delete',
      entityType: 'market_route',
      entityId: id,
      changes: { number: route.number },
    });
  });
  return { ok: true as const };
}
