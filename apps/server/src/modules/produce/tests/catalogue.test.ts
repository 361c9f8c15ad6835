import { beforeAll, describe, expect, it } from 'vitest';
import { signIn, testApp, type Client } from '../../../../test/support/app.js';
import { makeCoop, makeUser } from '../../../../test/support/factories.js';
import { makeMember } from '../../../../test/support/members-factories.js';
import { plotsForPlanning } from '../farmers.service.js';

const t = await testApp();
let coopId: string;
let board: Client;
let clerk: Client;
let base: string;

beforeAll(async () => {
  coopId = (await makeCoop(t.db)).id;
  base = `/api/coops/${coopId}/produce`;
  const [b, c] = await Promise.all([makeUser(t.db, coopId, ['pengurus']), makeUser(t.db, coopId, ['petugas'])]);
  [board, clerk] = await Promise.all([signIn(t.app, b.email, b.password), signIn(t.app, c.email, c.password)]);
}, 60_000);

const potato = {
  code: 'KENTANG',
  name: 'Kentang Granola',
  storageClass: 'cool',
  shelfLifeDays: { ambient: 21, cool: 60, cold: 90 },
  grades: [
    { grade: 'A', spec: 'Umbi 150–300 g, kulit mulus' },
    { grade: 'B', spec: 'Umbi 80–150 g' },
  ],
};

describe('catalogue', () => {
  it('adds a commodity with grades (reject added), shelf lives and pack formats per channel', async () => {
    const res = await board.post(`${base}/commodities`, potato);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.grades.map((g: any) => g.grade)).toEqual(['A', 'B', 'reject']);
    expect(res.body.unit).toBe('kg');
    const withPack = await board.post(`${base}/commodities/${res.body.id}/pack-formats`, {
      channel: 'traditional_market',
      name: 'Karung 25 kg',
      contentKg: '25',
      packaging: 'Karung jala',
    });
    expect(withPack.status).toBe(201);
    expect(withPack.body.packFormats[0]).toMatchObject({ channelLabel: 'Pasar tradisional', content: { base: '25000', text: '25 kg' } });
    expect((await board.post(`${base}/commodities`, potato)).body.code).toBe('code_taken');
  });

  it('refuses a shelf life missing for the recommended class, and a clerk changing the catalogue', async () => {
    const bad = await board.post(`${base}/commodities`, {
      ...potato,
      code: 'KTG2',
      name: 'Kentang Atlantik',
      shelfLifeDays: { ambient: 21, cool: null, cold: 90 },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('shelfLifeDays.cool');
    expect((await clerk.post(`${base}/commodities`, { ...potato, code: 'KTG3', name: 'Kentang Merah' })).status).toBe(403);
  });

  it('applies the newest price valid on the date; older lists stay in the history', async () => {
    const c = (await board.get(`${base}/commodities`)).body.items.find((x: any) => x.code === 'KENTANG');
    await board.post(`${base}/prices`, { validFrom: '2025-08-01', items: [{ commodityId: c.id, grade: 'A', price: '9500' }] });
    await board.post(`${base}/prices`, { validFrom: '2025-08-15', items: [{ commodityId: c.id, grade: 'A', price: '10000' }] });
    expect((await clerk.get(`${base}/prices?date=2025-08-14`)).body.items[0]).toMatchObject({ price: '9500', validFrom: '2025-08-01' });
    expect((await clerk.get(`${base}/prices?date=2025-08-15`)).body.items[0]).toMatchObject({ price: '10000' });
    expect((await clerk.get(`${base}/prices?history=true&commodityId=${c.id}`)).body.items).toHaveLength(2);
    const zero = await board.post(`${base}/prices`, { validFrom: '2025-08-16', items: [{ commodityId: c.id, grade: 'B', price: '0' }] });
    expect(zero.body.code).toBe('price_zero');
  });
});

describe('farmers, plots and collection points', () => {
  it('gives a farmer a cluster, bank details and plots that planning can read', async () => {
    const c = (await board.get(`${base}/commodities`)).body.items[0];
    const cluster = (await board.post(`${base}/clusters`, { name: 'Klaster Rancabali' })).body;
    const m = await makeMember(t.db, coopId, { fullName: 'Cecep Hidayat' });
    const noAccount = await board.put(`${base}/farmers/${m.id}`, { clusterId: cluster.id, payoutMethod: 'bank', bankName: 'BRI' });
    expect(noAccount.body.code).toBe('bank_details_required');
    const prof = await board.put(`${base}/farmers/${m.id}`, {
      clusterId: cluster.id,
      payoutMethod: 'bank',
      bankName: 'BRI',
      bankAccountNo: '002101000123567',
    });
    expect(prof.status, JSON.stringify(prof.body)).toBe(200);
    expect(prof.body.cluster.name).toBe('Klaster Rancabali');
    const plot = await board.post(`${base}/farmers/${m.id}/plots`, {
      name: 'Kebun Cibuni',
      areaM2: 3500,
      villageCode: '32.04.40.2001',
      altitudeM: 1600,
      latitude: -7.165,
      longitude: 107.38,
      commodityIds: [c.id],
    });
    expect(plot.status, JSON.stringify(plot.body)).toBe(201);
    expect(plot.body).toMatchObject({ villageName: 'Patengan', latitude: -7.165, commodityIds: [c.id] });
    const onlyLat = await board.patch(`${base}/plots/${plot.body.id}`, { longitude: null });
    expect(onlyLat.body.code).toBe('coordinates_pair');
    const farmers = (await clerk.get(`${base}/farmers?clusterId=${cluster.id}`)).body.items;
    expect(farmers.map((f: any) => f.fullName)).toEqual(['Cecep Hidayat']);
    expect((await plotsForPlanning(t.db, coopId)).map((p) => p.id)).toContain(plot.body.id);
  });

  it('keeps collection points with their delivery days', async () => {
    const res = await board.post(`${base}/collection-points`, {
      name: 'Titik Kumpul Patengan',
      villageCode: '32.04.40.2001',
      deliveryDays: [4, 1],
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ deliveryDays: [1, 4], scheduleText: 'Setor 2× seminggu: Senin dan Kamis' });
    const moved = await board.patch(`${base}/collection-points/${res.body.id}`, { deliveryDays: [2, 5] });
    expect(moved.body.scheduleText).toBe('Setor 2× seminggu: Selasa dan Jumat');
  });

  it('gives the intake form everything on one screen', async () => {
    await board.post(`${base}/locations`, { name: 'Rumah Kemas', kind: 'packing_house', storageClass: 'ambient' });
    const form = (await clerk.get(`${base}/intake-form?date=2025-08-15`)).body;
    expect(form.collectionPoints.length).toBe(1);
    expect(form.farmers.map((f: any) => f.fullName)).toEqual(['Cecep Hidayat']);
    const potatoRow = form.commodities.find((c: any) => c.code === 'KENTANG');
    expect(potatoRow.grades.find((g: any) => g.grade === 'A').price).toBe('10000');
    expect(potatoRow.priced).toBe(true);
    expect(form.defaultLocationId).toMatch(/^lok_/);
    expect(form.today).toEqual({ intakes: 0, netKg: '0 kg', amount: '0' });
  });
});
