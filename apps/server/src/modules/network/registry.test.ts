// The registry over HTTP: registering a cooperative with its profile, declaring the board,
// the governance checklist, searching by village, and what each role may do.
import { beforeAll, describe, expect, it } from 'vitest';
import { Client, signIn, testApp, type TestApp } from '../../../test/support/app.js';
import { makeCoop, makeUser } from '../../../test/support/factories.js';
import { goodBoard } from '../../../test/support/network.js';
import { fixedClock } from '../../lib/clock.js';
import { allVillages } from './areas.js';
import { ensureRegistered } from './registry.service.js';

const clock = fixedClock('2026-02-10T03:00:00Z');
let t: TestApp;
let admin: Client;

const profile = {
  formationModel: 'new',
  legalEntityNumber: 'AHU-0012345.AH.01.29.TAHUN 2025',
  legalEntityDate: '2025-07-21',
  nib: '1234-5678-90123',
  npwp: '01.234.567.8-901.000',
  businessUnits: ['gerai_sembako', 'simpan_pinjam', 'agribisnis', 'gerai_sembako'],
};

beforeAll(async () => {
  t = await testApp({ clock });
  const u = await makeUser(t.db, null, [], { platformRole: 'admin' });
  admin = await signIn(t.app, u.email, u.password);
});

describe('registry', () => {
  let coopId: string;

  it('registers a cooperative with its profile, and refuses a village that does not exist', async () => {
    const bad = await admin.post('/api/admin/network/cooperatives', {
      cooperative: { name: 'Koperasi Desa Merah Putih Khayalan', villageCode: '32.04.40.9999', timeZone: 'Asia/Jakarta' },
      profile,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0]).toMatchObject({
      field: 'villageCode',
      code: 'unknown_village',
      message: 'Kode desa 32.04.40.9999 tidak ada dalam daftar wilayah Kemendagri',
    });
    const badNib = await admin.post('/api/admin/network/cooperatives', {
      cooperative: { name: 'Koperasi Desa Merah Putih Patengan', villageCode: '32.04.40.2001', timeZone: 'Asia/Jakarta' },
      profile: { ...profile, nib: '12345' },
    });
    expect(badNib.status).toBe(400);
    const r = await admin.post('/api/admin/network/cooperatives', {
      cooperative: { name: 'Koperasi Desa Merah Putih Patengan', villageCode: '32.04.40.2001', timeZone: 'Asia/Jakarta' },
      profile,
    });
    expect(r.status).toBe(201);
    coopId = r.body.cooperative.id;
    expect(r.body.cooperative).toMatchObject({ legalEntityNumber: profile.legalEntityNumber, village: { regency: { code: '32.04' } } });
    expect(r.body.profile).toMatchObject({
      formationModel: 'new',
      nib: '1234567890123',
      npwp: '012345678901000',
      businessUnits: ['gerai_sembako', 'simpan_pinjam', 'agribisnis'],
    });
    expect(r.body.governance).toMatchObject({ failed: 4, pending: 1 }); // no board declared yet; first RAT due 2026-03-31
  });

  it('declares the board and supervisors and shows the checklist', async () => {
    const board = goodBoard('Patengan');
    const r = await admin.put(`/api/admin/network/cooperatives/${coopId}/officers`, {
      ...board,
      familyTies: [{ a: 0, b: 5, relation: 'spouse' }],
    });
    expect(r.status).toBe(200);
    expect(r.body.officers).toHaveLength(8);
    const byCode = Object.fromEntries(r.body.governance.checks.map((c: { code: string; status: string }) => [c.code, c.status]));
    expect(byCode).toEqual({
      board_size: 'pass',
      board_positions: 'pass',
      women_represented: 'pass',
      village_head_chairs_supervisors: 'pass',
      no_family_ties: 'fail',
      rat_held: 'pending',
    });
    const listed = await admin.get('/api/admin/network/cooperatives?governance=issues&province=32');
    expect(
      listed.body.items.map((i: { cooperativeId: string; governanceIssues: string[] }) => [i.cooperativeId, i.governanceIssues]),
    ).toEqual([[coopId, ['no_family_ties']]]);
    // Re-declare keeping everyone (by id) but the tie: the checklist clears and the ids stay.
    const keep = r.body.officers.map((o: Record<string, unknown>, i: number) => ({ ...board.officers[i], id: o.id }));
    const again = await admin.put(`/api/admin/network/cooperatives/${coopId}/officers`, { officers: keep, familyTies: [] });
    expect(again.body.officers.map((o: { id: string }) => o.id)).toEqual(r.body.officers.map((o: { id: string }) => o.id));
    expect(again.body.governance.failed).toBe(0);
    expect((await admin.get('/api/admin/network/cooperatives?governance=ok&q=Patengan')).body.items).toHaveLength(1);
  });

  it('ends officers left out of a new declaration, and refuses inconsistent ones', async () => {
    const current = (await admin.get(`/api/admin/network/cooperatives/${coopId}`)).body.officers;
    const four = current
      .slice(0, 4)
      .map((o: Record<string, unknown>) => ({ id: o.id, body: o.body, position: o.position, fullName: o.fullName, sex: o.sex }));
    const r = await admin.put(`/api/admin/network/cooperatives/${coopId}/officers`, { officers: four });
    expect(r.status).toBe(200);
    expect(r.body.officers.filter((o: { endedOn: string | null }) => o.endedOn === '2026-02-10')).toHaveLength(4);
    expect(r.body.governance.checks[0].detail.id).toBe('Hanya 4 orang pengurus; minimal 5');

    const mismatch = await admin.put(`/api/admin/network/cooperatives/${coopId}/officers`, {
      officers: [{ body: 'pengawas', position: 'ketua', fullName: 'Salah Tempat', sex: 'M' }],
      familyTies: [{ a: 0, b: 3, relation: 'spouse' }],
    });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.errors.map((e: { field: string }) => e.field)).toEqual(['officers.0.position', 'familyTies.0.b']);
    const ended = await admin.put(`/api/admin/network/cooperatives/${coopId}/officers`, {
      officers: [{ id: current[7].id, body: 'pengawas', position: 'anggota_pengawas', fullName: 'Sudah Berhenti', sex: 'M' }],
    });
    expect(ended.status).toBe(400);
    expect(ended.body.errors[0]).toMatchObject({ field: 'officers.0.id', code: 'unknown_officer' });
  });

  it('records the RAT and checks it against 31 March', async () => {
    const early = await admin.post(`/api/admin/network/cooperatives/${coopId}/rat`, { financialYear: 2025, heldOn: '2025-12-30' });
    expect(early.status).toBe(400);
    expect(early.body.errors[0].field).toBe('heldOn');
    const r = await admin.post(`/api/admin/network/cooperatives/${coopId}/rat`, { financialYear: 2025, heldOn: '2026-02-07' });
    expect(r.status).toBe(200);
    expect(r.body.ratMeetings).toEqual([{ financialYear: 2025, heldOn: '2026-02-07' }]);
  });

  it('finds villages by name or code with their registered cooperative', async () => {
    const r = await admin.get('/api/admin/network/villages?q=Patengan');
    expect(r.status).toBe(200);
    const hit = r.body.items.find((v: { code: string }) => v.code === '32.04.40.2001');
    expect(hit).toMatchObject({ name: 'Patengan', cooperativeId: coopId, cooperativeName: 'Koperasi Desa Merah Putih Patengan' });
    const byCode = await admin.get('/api/admin/network/cooperatives?q=32.04.40');
    expect(byCode.body.items.map((i: { cooperativeId: string }) => i.cooperativeId)).toContain(coopId);
  });

  it('lets a cooperative read and keep its own entry; pengawas read only; petugas and anggota nothing', async () => {
    const coop = await makeCoop(t.db, { villageCode: '32.04.40.2005' });
    const people = {
      ketua: await makeUser(t.db, coop.id, ['ketua']),
      pengawas: await makeUser(t.db, coop.id, ['pengawas']),
      petugas: await makeUser(t.db, coop.id, ['petugas']),
    };
    const ketua = await signIn(t.app, people.ketua.email, people.ketua.password);
    const put = await ketua.put(`/api/coops/${coop.id}/network/profile`, { formationModel: 'revival', businessUnits: ['lpg', 'pupuk'] });
    expect(put.status).toBe(200);
    expect(put.body.profile).toMatchObject({ formationModel: 'revival', businessUnits: ['lpg', 'pupuk'] });
    expect((await ketua.put(`/api/coops/${coop.id}/network/officers`, goodBoard('Alamendah'))).body.governance.failed).toBe(0);
    expect((await ketua.get('/api/admin/network/cooperatives')).status).toBe(403);
    expect((await ketua.get(`/api/coops/${coopId}/network/profile`)).status).toBe(404);

    const pengawas = await signIn(t.app, people.pengawas.email, people.pengawas.password);
    expect((await pengawas.get(`/api/coops/${coop.id}/network/profile`)).status).toBe(200);
    expect((await pengawas.put(`/api/coops/${coop.id}/network/profile`, { formationModel: 'new' })).status).toBe(403);
    const petugas = await signIn(t.app, people.petugas.email, people.petugas.password);
    expect((await petugas.get(`/api/coops/${coop.id}/network/profile`)).status).toBe(403);
  });

  it('says how many cooperatives match the filters, the same on every page', async () => {
    // Three in one regency of Jawa Tengah and one in another.
    const villages = allVillages().filter((v) => v.code.startsWith('33.01.'));
    const elsewhere = allVillages().find((v) => v.code.startsWith('33.02.'))!;
    for (const v of [...villages.slice(0, 3), elsewhere]) await ensureRegistered(t.db, (await makeCoop(t.db, { villageCode: v.code })).id);

    const first = await admin.get('/api/admin/network/cooperatives?province=33&limit=3');
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ total: 4, nextCursor: expect.any(String) });
    expect(first.body.items).toHaveLength(3);
    const second = await admin.get(`/api/admin/network/cooperatives?province=33&limit=3&cursor=${first.body.nextCursor}`);
    expect(second.body).toMatchObject({ total: 4, nextCursor: null });
    expect(second.body.items).toHaveLength(1);

    expect((await admin.get('/api/admin/network/cooperatives?regency=33.01')).body.total).toBe(3);
    expect((await admin.get('/api/admin/network/cooperatives?province=32&regency=33.01')).body.total).toBe(0);
    expect((await admin.get('/api/admin/network/cooperatives?q=Tidakadadesa')).body).toMatchObject({ items: [], total: 0 });
    const all = await admin.get('/api/admin/network/cooperatives?limit=200');
    expect(all.body.total).toBe(all.body.items.length);
    expect(all.body.total).toBeGreaterThanOrEqual(6);
  });

  it('writes the audit trail of the cooperative', async () => {
    const rows = await t.db.execute<{ action: string }>(
      (await import('drizzle-orm')).sql`SELECT action FROM audit_log WHERE cooperative_id = ${coopId} ORDER BY at, id`,
    );
    expect(rows.rows.map((r) => r.action)).toEqual(
      expect.arrayContaining(['cooperative.create', 'network.profile.save', 'network.officers.declare', 'network.rat.record']),
    );
  });
});
