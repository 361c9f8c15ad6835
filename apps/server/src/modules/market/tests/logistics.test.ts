// The picking list of a delivery day and loading delivery notes onto a truck's route.
import { beforeAll, describe, expect, it } from 'vitest';
import { signIn, testApp, type Client } from '../../../../test/support/app.js';
import { makeCoop, makeUser } from '../../../../test/support/factories.js';
import { databaseDigest } from '../../../../test/support/routes.js';
import { makeIntake } from '../../produce/tests/factories.js';
import { makeContracted, makeStock, tag, type MarketSetup } from './factories.js';

const t = await testApp();
let coopId: string;
let base: string;
let board: Client;
let clerk: Client;
let m: MarketSetup;
let trayLotId: string;
let oldLotB: string;
let otherStore: string;
const THURSDAY = '2025-08-14';
const pos: { id: string; number: string }[] = [];

beforeAll(async () => {
  coopId = (await makeCoop(t.db)).id;
  base = `/api/coops/${coopId}/market`;
  const [u, c] = await Promise.all([makeUser(t.db, coopId, ['pengurus']), makeUser(t.db, coopId, ['petugas'])]);
  board = await signIn(t.app, u.email, u.password);
  clerk = await signIn(t.app, c.email, c.password);
  m = await makeContracted(t.db, coopId);
  trayLotId = (await makeStock(t.db, coopId)).trayLotId;
  oldLotB = (await makeIntake(t.db, coopId, { harvestDate: '2025-08-10' })).lots.find((l) => l.grade === 'B')!.lotId;
  otherStore = (await board.get(`${base}/partners/${m.partnerId}`)).body.stores[1].id;
  for (const [storeId, trays, kg] of [
    [m.storeId, '80', '12,5'],
    [otherStore, '30', '10'],
  ] as const) {
    const res = await board.post(`${base}/purchase-orders`, {
      partnerId: m.partnerId,
      storeId,
      partnerRef: `PO-${tag()}`,
      orderDate: '2025-08-12',
      deliveryDate: THURSDAY,
      lines: [
        { articleCode: '200145', quantity: trays },
        { articleCode: '200146', quantity: kg },
      ],
    });
    pos.push({ id: res.body.id, number: res.body.number });
  }
}, 90_000);

describe('picking list', () => {
  it('lists per place the lots to take, soonest expiry first, which store each part is for, and the shortfall', async () => {
    const res = await clerk.get(`${base}/picking-list?date=${THURSDAY}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.complete).toBe(false);
    expect(res.body.places).toHaveLength(1);
    const [place] = res.body.places;
    expect(place.locationId).toBe(m.packingHouseId);
    // The old grade B lot (harvested first, so expiring first) comes before the trays and the newer lots.
    expect(place.lots[0]).toMatchObject({ lotId: oldLotB, total: { value: '17500', text: '17,5 kg' } });
    expect(
      place.lots[0].picks.map((p: { purchaseOrderId: string; quantity: { text: string } }) => [p.purchaseOrderId, p.quantity.text]),
    ).toEqual([
      [pos[0]!.id, '12,5 kg'],
      [pos[1]!.id, '5 kg'],
    ]);
    const trays = place.lots.find((l: { lotId: string }) => l.lotId === trayLotId);
    expect(trays).toMatchObject({ packFormatName: 'Tray 250 g', total: { value: '100', text: '100 pak' } });
    expect(trays.picks.map((p: { storeName: string; quantity: { value: string } }) => p.quantity.value)).toEqual(['80', '20']);
    expect(res.body.shortfalls).toEqual([
      expect.objectContaining({ purchaseOrderNumber: pos[1]!.number, lineNo: 1, shortfall: { value: '10', text: '10 pak' } }),
    ]);
    const pdf = await clerk.get(`${base}/picking-list.pdf?date=${THURSDAY}`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(String(pdf.body).startsWith('%PDF')).toBe(true);
    expect((await clerk.get(`${base}/picking-list?date=2025-02-30`)).status).toBe(400);
    const empty = (await clerk.get(`${base}/picking-list?date=2025-08-20`)).body;
    expect(empty).toMatchObject({ places: [], shortfalls: [], complete: true });
  });
});

describe('delivery routes', () => {
  const notes: { id: string; number: string }[] = [];

  it('loads the day’s notes onto one truck in unloading order, one stop per store, with a route sheet', async () => {
    for (const po of pos) notes.push((await clerk.post(`${base}/deliveries`, { purchaseOrderId: po.id, date: THURSDAY })).body);
    const res = await clerk.post(`${base}/delivery-routes`, {
      date: THURSDAY,
      vehicle: 'D 8125 KP',
      driver: 'Ujang Rohman',
      departure: '05:30',
      deliveryIds: [notes[1]!.id, notes[0]!.id],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.number).toMatch(/^RUTE-2025-\d{6}$/);
    expect(
      res.body.stops.map((s: { stopNo: number; store: { id: string }; deliveries: { id: string }[] }) => [
        s.stopNo,
        s.store.id,
        s.deliveries[0]!.id,
      ]),
    ).toEqual([
      [1, otherStore, notes[1]!.id],
      [2, m.storeId, notes[0]!.id],
    ]);
    expect(res.body.stops[1].store).toMatchObject({ receivingHours: '06:00-10:00' });
    const list = (await clerk.get(`${base}/delivery-routes?date=${THURSDAY}`)).body;
    expect(list.items.map((r: { id: string }) => r.id)).toEqual([res.body.id]);
    expect((await clerk.get(`${base}/deliveries/${notes[0]!.id}`)).body.routeId).toBe(res.body.id);
    const pdf = await clerk.get(`${base}/delivery-routes/${res.body.id}/sheet.pdf`);
    expect(pdf.status).toBe(200);
    expect(String(pdf.body).startsWith('%PDF')).toBe(true);
  });

  it('refuses a note already on a truck, of another day, named twice or unknown; nothing written', async () => {
    const before = await databaseDigest(t.db);
    const send = (deliveryIds: string[], date = THURSDAY) =>
      clerk.post(`${base}/delivery-routes`, { date, vehicle: 'Pickup', deliveryIds });
    const taken = await send([notes[0]!.id]);
    expect(taken.status).toBe(422);
    expect(taken.body.errors[0]).toMatchObject({ field: 'deliveryIds.0', code: 'already_on_route' });
    const otherDay = await send([notes[0]!.id], '2025-08-15');
    expect(otherDay.body.errors[0]).toMatchObject({ field: 'deliveryIds.0', code: 'other_date' });
    const twice = await send([notes[0]!.id, notes[0]!.id]);
    expect(twice.body.errors.map((e: { field: string; code: string }) => [e.field, e.code])).toContainEqual([
      'deliveryIds.1',
      'duplicate_delivery',
    ]);
    const unknown = await send([`sj_${'0'.repeat(26)}`]);
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors[0].code).toBe('unknown_delivery');
    expect((await clerk.post(`${base}/delivery-routes`, { vehicle: 'X', deliveryIds: [] })).status).toBe(400);
    expect(await databaseDigest(t.db)).toEqual(before);
  });

  it('takes a route apart so its notes can be loaded again, but not once a store has received', async () => {
    const [route] = (await clerk.get(`${base}/delivery-routes?date=${THURSDAY}`)).body.items;
    expect((await clerk.delete(`${base}/delivery-routes/${route.id}`)).status).toBe(200);
    expect((await clerk.get(`${base}/delivery-routes/${route.id}`)).status).toBe(404);
    const again = await clerk.post(`${base}/delivery-routes`, { date: THURSDAY, vehicle: 'D 8125 KP', deliveryIds: [notes[0]!.id] });
    expect(again.status, JSON.stringify(again.body)).toBe(201);
    const d = (await clerk.get(`${base}/deliveries/${notes[0]!.id}`)).body;
    await clerk.post(`${base}/deliveries/${d.id}/receipt`, {
      date: THURSDAY,
      lines: d.lines.map((l: { lineNo: number; quantity: { text: string } }) => ({
        lineNo: l.lineNo,
        accepted: l.quantity.text.replace(/ (pak|kg)$/, ''),
      })),
    });
    const refused = await clerk.delete(`${base}/delivery-routes/${again.body.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('route_received');
    const received = await clerk.post(`${base}/delivery-routes`, {
      date: THURSDAY,
      vehicle: 'Pickup',
      deliveryIds: [notes[1]!.id, notes[0]!.id],
    });
    expect(received.body.errors.map((e: { field: string }) => e.field)).toEqual(['deliveryIds.1']);
  });
});
