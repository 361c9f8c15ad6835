import { beforeAll, describe, expect, it } from 'vitest';
import { signIn, testApp, type Client } from '../../../../test/support/app.js';
import { makeCoop, makeUser } from '../../../../test/support/factories.js';
import { makeMember } from '../../../../test/support/members-factories.js';
import { databaseDigest } from '../../../../test/support/routes.js';
import { produceSetup, type Setup } from '../../produce/tests/factories.js';
import { partnerInput } from './factories.js';

const t = await testApp();
let coopId: string;
let board: Client;
let supervisor: Client;
let s: Setup;
let base: string;

beforeAll(async () => {
  coopId = (await makeCoop(t.db)).id;
  base = `/api/coops/${coopId}/market`;
  const u = await makeUser(t.db, coopId, ['pengurus']);
  const p = await makeUser(t.db, coopId, ['pengawas']);
  board = await signIn(t.app, u.email, u.password);
  supervisor = await signIn(t.app, p.email, p.password);
  s = await produceSetup(t.db, coopId);
}, 60_000);

const contractBody = () => ({
  reference: 'KTR/SM/2025/07',
  validFrom: '2025-07-01',
  validTo: '2025-12-31',
  qualityTolerance: 'Cacat kulit paling banyak 5%, warna merata',
  returnsPolicy: 'Retur saat penerimaan di toko; klaim paling lambat 48 jam',
  offContract: 'refuse',
  volumeTolerancePct: 15,
  items: [
    {
      articleCode: '200145',
      commodityId: s.tomatoId,
      grade: 'A',
      packFormatId: s.trayFormatId,
      price: '4500',
      volumes: ['80', '0', '0', '60', '0', '0', '0'],
    },
    { commodityId: s.tomatoId, grade: 'B', price: '9000', volumes: ['12,5', '0', '0', '10', '0', '0', '0'] },
  ],
});

describe('partners', () => {
  it('adds a retailer with stores, NPWP, terms and contacts; a member partner is marked so', async () => {
    const body = partnerInput({ npwp: '01.234.567.8-901.234' });
    const res = await board.post(`${base}/partners`, body);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      code: body.code,
      kind: 'modern_retail',
      kindLabel: 'Ritel modern',
      npwp: '012345678901234',
      paymentTermsDays: 30,
      isMember: false,
      contacts: [{ name: 'Rina (merchandiser)' }],
    });
    expect(res.body.stores).toHaveLength(2);
    expect(res.body.stores.find((x: { code: string }) => x.code === 'BDG01')).toMatchObject({
      receivingDays: [1, 4],
      receivingHours: '06:00-10:00',
    });

    const m = await makeMember(t.db, coopId);
    const own = await board.post(`${base}/partners`, partnerInput({ kind: 'own_outlet', memberId: m.id, npwp: null, stores: [] }));
    expect(own.status, JSON.stringify(own.body)).toBe(201);
    expect(own.body.isMember).toBe(true);

    const store = await board.post(`${base}/partners/${res.body.id}/stores`, {
      name: 'Segar Mart Cimahi',
      address: 'Jl. Amir Machmud 5, Cimahi',
    });
    expect(store.status).toBe(201);
    expect(store.body.stores).toHaveLength(3);
    const cimahi = store.body.stores.find((x: { name: string }) => x.name === 'Segar Mart Cimahi');
    const off = await board.patch(`${base}/stores/${cimahi.id}`, { active: false, receivingHours: '05:30-09:00' });
    expect(off.status).toBe(200);
    expect(off.body.stores.find((x: { id: string }) => x.id === cimahi.id)).toMatchObject({ active: false, receivingHours: '05:30-09:00' });

    const list = await supervisor.get(`${base}/partners?kind=own_outlet`);
    expect(list.status).toBe(200);
    expect(list.body.items.map((x: { id: string }) => x.id)).toEqual([own.body.id]);
  });

  it('refuses bad input naming the field, in both languages; nothing written', async () => {
    const first = await board.post(`${base}/partners`, partnerInput());
    const before = await databaseDigest(t.db);
    const npwp = await board.post(`${base}/partners`, partnerInput({ npwp: '12345' }));
    expect(npwp.status).toBe(400);
    expect(npwp.body.errors[0]).toMatchObject({ field: 'npwp' });
    const dup = await board.post(`${base}/partners`, partnerInput({ code: first.body.code }));
    expect(dup.status).toBe(409);
    expect(dup.body.errors[0]).toMatchObject({ field: 'code', code: 'duplicate' });
    const en = await board.post(`${base}/partners`, partnerInput({ code: first.body.code }), { 'accept-language': 'en' });
    expect(en.body.errors[0].message).toBe('Partner code already used');
    const member = await board.post(`${base}/partners`, partnerInput({ memberId: 'mbr_01JAAAAAAAAAAAAAAAAAAAAAAA' }));
    expect(member.status).toBe(422);
    expect(member.body.errors[0]).toMatchObject({ field: 'memberId' });
    const hours = await board.post(`${base}/partners`, {
      ...partnerInput(),
      stores: [{ name: 'Toko', address: 'Jl. Raya 1', receivingHours: '6 pagi' }],
    });
    expect(hours.status).toBe(400);
    expect(hours.body.errors[0].field).toBe('stores.0.receivingHours');
    const sameStore = await board.post(`${base}/partners/${first.body.id}/stores`, {
      name: first.body.stores[0].name,
      address: 'Jl. Lain 2',
    });
    expect(sameStore.status).toBe(409);
    expect(sameStore.body.errors[0].field).toBe('name');
    const pengawas = await supervisor.post(`${base}/partners`, partnerInput());
    expect(pengawas.status).toBe(403);
    expect(await databaseDigest(t.db)).toEqual(before);
  });
});

describe('contracts', () => {
  it('records a price list with weekly volume by delivery day, in packs and kg', async () => {
    const p = await board.post(`${base}/partners`, partnerInput());
    const res = await board.post(`${base}/partners/${p.body.id}/contracts`, contractBody());
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ offContract: 'refuse', volumeTolerancePct: 15, partnerId: p.body.id });
    expect(res.body.items[0]).toMatchObject({
      articleCode: '200145',
      priceBasis: 'pack',
      price: '4500',
      packFormat: { id: s.trayFormatId, content: '250' },
      weeklyVolume: { value: '140', text: '140 pak' },
    });
    expect(res.body.items[1]).toMatchObject({
      priceBasis: 'unit',
      packFormat: null,
      weeklyVolume: { value: '22500', text: '22,5 kg' },
    });
    expect(res.body.items[1].volumes[0]).toEqual({ value: '12500', text: '12,5 kg' });
    const list = await supervisor.get(`${base}/partners/${p.body.id}/contracts`);
    expect(list.body.items.map((c: { id: string }) => c.id)).toEqual([res.body.id]);
    expect((await supervisor.get(`${base}/contracts/${res.body.id}`)).body.items).toHaveLength(2);
  });

  it('refuses unknown commodities, grades and packs (422), malformed volumes and dates (400), naming the item', async () => {
    const p = await board.post(`${base}/partners`, partnerInput());
    const url = `${base}/partners/${p.body.id}/contracts`;
    const before = await databaseDigest(t.db);
    const b = contractBody();
    const grade = await board.post(url, { ...b, items: [{ ...b.items[1], commodityId: s.cabbageId, grade: 'C' }] });
    expect(grade.status).toBe(422);
    expect(grade.body.errors[0]).toMatchObject({ field: 'items.0.grade', code: 'unknown_grade' });
    const pack = await board.post(url, { ...b, items: [{ ...b.items[0], commodityId: s.cabbageId }] });
    expect(pack.status).toBe(422);
    expect(pack.body.errors[0].field).toBe('items.0.packFormatId');
    const vol = await board.post(url, { ...b, items: [b.items[0], { ...b.items[1], volumes: ['1', '2', 'banyak', '0', '0', '0', '0'] }] });
    expect(vol.status).toBe(400);
    expect(vol.body.errors[0].field).toBe('items.1.volumes.2');
    const packs = await board.post(url, { ...b, items: [{ ...b.items[0], volumes: ['2,5', '0', '0', '0', '0', '0', '0'] }] });
    expect(packs.status).toBe(400);
    expect(packs.body.errors[0].field).toBe('items.0.volumes.0');
    const dup = await board.post(url, { ...b, items: [b.items[1], b.items[1]] });
    expect(dup.status).toBe(400);
    expect(dup.body.errors[0].field).toBe('items.1.commodityId');
    const dates = await board.post(url, { ...b, validTo: '2025-06-01' });
    expect(dates.status).toBe(400);
    expect(dates.body.errors[0].field).toBe('validTo');
    expect((await board.post(`${base}/partners/mtr_01JAAAAAAAAAAAAAAAAAAAAAAA/contracts`, b)).status).toBe(404);
    expect(await databaseDigest(t.db)).toEqual(before);
  });
});
