// Partnerships: partners, the pipeline with its rules, agreed volumes and amounts, documents.
import { beforeAll, describe, expect, it } from 'vitest';
import { Client, signIn, testApp, type TestApp } from '../../../test/support/app.js';
import { makeCoop, makeUser } from '../../../test/support/factories.js';
import { TINY_PDF } from '../../../test/support/network.js';
import { fixedClock } from '../../lib/clock.js';

const clock = fixedClock('2026-01-20T03:00:00Z');
let t: TestApp;
let admin: Client;
let coopId: string;
let otherCoopId: string;
let retailerId: string;

beforeAll(async () => {
  t = await testApp({ clock });
  const u = await makeUser(t.db, null, [], { platformRole: 'admin' });
  admin = await signIn(t.app, u.email, u.password);
  coopId = (await makeCoop(t.db, { villageCode: '32.04.40.2005' })).id;
  otherCoopId = (await makeCoop(t.db, { villageCode: '32.04.40.2001' })).id;
});

describe('partnerships', () => {
  it('keeps a list of partners by kind, unique by name', async () => {
    const r = await admin.post('/api/admin/network/partners', {
      name: 'PT Lion Super Indo',
      kind: 'retailer',
      contactName: 'Bagian Pengadaan',
    });
    expect(r.status).toBe(201);
    retailerId = r.body.id;
    const dup = await admin.post('/api/admin/network/partners', { name: 'pt lion super indo', kind: 'retailer' });
    expect(dup.status).toBe(409);
    expect(dup.body.errors[0].field).toBe('name');
    const wrongKind = await admin.post('/api/admin/network/partners', { name: 'Koperasi Lain', kind: 'bank', mentorCooperativeId: coopId });
    expect(wrongKind.status).toBe(400);
    const mentor = await admin.post('/api/admin/network/partners', {
      name: 'KAN Jabung (kakak asuh)',
      kind: 'mentor_cooperative',
      mentorCooperativeId: otherCoopId,
    });
    expect(mentor.status).toBe(201);
  });

  it('proposes a partnership with agreed volume and amount, checking the terms', async () => {
    const noPeriod = await admin.post('/api/admin/network/partnerships', {
      cooperativeId: coopId,
      partnerId: retailerId,
      type: 'retail_supply',
      agreedVolumeKg: '1500',
    });
    expect(noPeriod.status).toBe(400);
    expect(noPeriod.body.errors[0].field).toBe('volumePeriod');
    const backwards = await admin.post('/api/admin/network/partnerships', {
      cooperativeId: coopId,
      partnerId: retailerId,
      type: 'retail_supply',
      startsOn: '2026-02-01',
      endsOn: '2026-01-01',
    });
    expect(backwards.status).toBe(400);
    expect(backwards.body.errors[0].field).toBe('endsOn');
    const unknownCoop = await admin.post('/api/admin/network/partnerships', {
      cooperativeId: 'kop_01JD3K0000000000000000000Z',
      partnerId: retailerId,
      type: 'offtake',
    });
    expect(unknownCoop.status).toBe(400);
    expect(unknownCoop.body.errors[0].field).toBe('cooperativeId');
    const r = await admin.post('/api/admin/network/partnerships', {
      cooperativeId: coopId,
      partnerId: retailerId,
      type: 'retail_supply',
      commodity: 'Tomat, kentang, wortel',
      agreedVolumeKg: '1500,5',
      volumePeriod: 'week',
      agreedAmount: '45000000',
      startsOn: '2026-02-01',
      endsOn: '2026-12-31',
    });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      stage: 'proposed',
      agreedVolumeGrams: '1500500',
      agreedAmount: '45000000',
      partner: { name: 'PT Lion Super Indo', kind: 'retailer' },
      events: [{ fromStage: null, toStage: 'proposed', on: '2026-01-20' }],
    });
  });

  it('moves one stage at a time, or ends; never backwards', async () => {
    const p = (await admin.get(`/api/admin/network/partnerships?cooperativeId=${coopId}`)).body.items[0].id;
    const skip = await admin.post(`/api/admin/network/partnerships/${p}/stage`, { to: 'active' });
    expect(skip.status).toBe(409);
    expect(skip.body.detail).toBe('Kemitraan berada di tahap "Diusulkan": tahap berikutnya "Dalam pembicaraan" (atau diakhiri)');
    expect((await admin.post(`/api/admin/network/partnerships/${p}/stage`, { to: 'in_talks' })).status).toBe(200);
    const earlier = await admin.post(`/api/admin/network/partnerships/${p}/stage`, { to: 'agreed', on: '2026-01-05' });
    expect(earlier.status).toBe(400);
    expect(earlier.body.errors[0].field).toBe('on');
    const future = await admin.post(`/api/admin/network/partnerships/${p}/stage`, { to: 'agreed', on: '2026-02-01' });
    expect(future.status).toBe(400);
    expect((await admin.post(`/api/admin/network/partnerships/${p}/stage`, { to: 'agreed', note: 'MoU ditandatangani' })).status).toBe(200);
    const active = await admin.post(`/api/admin/network/partnerships/${p}/stage`, { to: 'active' });
    expect(active.body).toMatchObject({ stage: 'active', activeSince: '2026-01-20' });
    expect(active.body.events.map((e: { toStage: string }) => e.toStage)).toEqual(['proposed', 'in_talks', 'agreed', 'active']);
    expect((await admin.post(`/api/admin/network/partnerships/${p}/stage`, { to: 'in_talks' })).status).toBe(409);
    const terms = await admin.patch(`/api/admin/network/partnerships/${p}`, { agreedVolumeKg: '2000', notes: 'Tambah volume' });
    expect(terms.body).toMatchObject({ agreedVolumeGrams: '2000000', volumePeriod: 'week' });
    const partners = await admin.get('/api/admin/network/partners');
    expect(partners.body.items.find((x: { id: string }) => x.id === retailerId).partnerships).toEqual({ active: 1 });
  });

  it('stores documents whose content matches their type, and serves them back', async () => {
    const p = (await admin.get(`/api/admin/network/partnerships?cooperativeId=${coopId}`)).body.items[0].id;
    const fake = await admin.post(`/api/admin/network/partnerships/${p}/documents`, {
      title: 'Bukan PDF',
      fileName: 'mou.pdf',
      contentBase64: Buffer.from('hello world!').toString('base64'),
    });
    expect(fake.status).toBe(400);
    expect(fake.body.errors[0]).toMatchObject({ field: 'contentBase64', code: 'content_mismatch' });
    const exe = await admin.post(`/api/admin/network/partnerships/${p}/documents`, {
      title: 'Program',
      fileName: 'mou.exe',
      contentBase64: 'AAAA',
    });
    expect(exe.status).toBe(400);
    expect(exe.body.errors[0].field).toBe('fileName');
    const r = await admin.post(`/api/admin/network/partnerships/${p}/documents`, {
      title: 'MoU pasokan sayur',
      fileName: 'mou.pdf',
      contentBase64: TINY_PDF.toString('base64'),
    });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ contentType: 'application/pdf', sizeBytes: TINY_PDF.length });
    const res = await t.app.request(`/api/admin/network/partnership-documents/${r.body.id}`, {
      headers: { cookie: (admin as any).cookie },
    });
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(TINY_PDF)).toBe(true);
  });

  it('shows a cooperative its own partnerships only; pengawas cannot move them', async () => {
    const pengawas = await makeUser(t.db, coopId, ['pengawas']);
    const c = await signIn(t.app, pengawas.email, pengawas.password);
    const mine = await c.get(`/api/coops/${coopId}/network/partnerships`);
    expect(mine.body.items).toHaveLength(1);
    const p = mine.body.items[0].id;
    expect((await c.get(`/api/coops/${coopId}/network/partnerships/${p}`)).body.documents).toHaveLength(1);
    expect((await c.post(`/api/coops/${coopId}/network/partnerships/${p}/stage`, { to: 'ended' })).status).toBe(403);
    const stranger = await makeUser(t.db, otherCoopId, ['ketua']);
    const s = await signIn(t.app, stranger.email, stranger.password);
    expect((await s.get(`/api/coops/${otherCoopId}/network/partnerships/${p}`)).status).toBe(404);
    expect((await s.post(`/api/coops/${otherCoopId}/network/partnerships/${p}/stage`, { to: 'ended' })).status).toBe(404);
    expect((await s.get(`/api/coops/${otherCoopId}/network/partnerships`)).body.items).toEqual([]);
  });
});
