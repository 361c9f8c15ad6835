import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { signIn, testApp, type Client, type TestApp } from '../../../test/support/app.js';
import { makeCoop, makeUser } from '../../../test/support/factories.js';
import { makeMember, nikOf, uniqueNik } from '../../../test/support/members-factories.js';

let t: TestApp;
let coopId: string;
let clerk: Client;
let supervisor: Client;

beforeAll(async () => {
  t = await testApp();
  coopId = (await makeCoop(t.db)).id;
  const [u, s] = await Promise.all([makeUser(t.db, coopId, ['petugas']), makeUser(t.db, coopId, ['pengawas'])]);
  [clerk, supervisor] = await Promise.all([signIn(t.app, u.email, u.password), signIn(t.app, s.email, s.password)]);
});

const members = () => `/api/coops/${coopId}/members`;
const count = async () =>
  Number((await t.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM members WHERE cooperative_id = ${coopId}`)).rows[0]!.n);

describe('registering a member', () => {
  it('takes sex and birth date from the NIK, stores the phone as E.164, and numbers members in order', async () => {
    const nik = nikOf({ district: '40', birthDate: '1990-08-17', sex: 'F', serial: 501 });
    const res = await clerk.post(members(), {
      nik: `${nik.slice(0, 4)} ${nik.slice(4, 8)} ${nik.slice(8, 12)} ${nik.slice(12)}`,
      fullName: '  Hj.  Euis  Komalasari ',
      birthPlace: 'Bandung',
      phone: '0812-2025-0002',
      occupation: 'trader',
      joinDate: '2025-01-15',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      nik,
      fullName: 'Euis Komalasari',
      sex: 'F',
      birthDate: '1990-08-17',
      phone: '+6281220250002',
      villageCode: '32.04.40.2005',
      village: { name: 'Alamendah', regency: { name: 'Kabupaten Bandung' } },
      status: 'active',
      statusDate: '2025-01-15',
      statusHistory: [{ from: null, to: 'active', date: '2025-01-15' }],
    });
    const next = await clerk.post(members(), { nik: uniqueNik().nik, fullName: 'Ujang Supriatna' });
    expect(next.body.number).toBe(res.body.number + 1);
  });

  it.each([
    [{ nik: '320410170890001' }, 'nik', 'nik_length', /NIK harus 16 digit/],
    [{ nik: '3.2E+15' }, 'nik', 'nik_scientific', /notasi ilmiah/],
    [{ nik: '3299101708900001' }, 'nik', 'nik_regency', /kabupaten\/kota/],
    [{ nik: '3204103208900001' }, 'nik', 'nik_birthdate', /Tanggal lahir pada NIK tidak valid/],
    [{ nik: '3204101708900001', sex: 'F' }, 'sex', 'nik_sex_mismatch', /NIK menunjukkan laki-laki/],
    [{ nik: '3204101708900001', birthDate: '2030-01-01' }, 'birthDate', 'birth_date_future', /masa depan/],
    [{ nik: '3204101708900001', birthDate: '1990-08-18' }, 'birthDate', 'nik_birthdate_mismatch', /17 Agustus 1990/],
    [{ nik: '3204101708900001', phone: '12345' }, 'phone', 'invalid_phone', /diawali 0, 62 atau \+62/],
    [{ nik: '3204101708900001', villageCode: '32.04.40.9999' }, 'villageCode', 'unknown_village', /Kemendagri/],
    [{ nik: '3204101708900001', joinDate: '2999-01-01' }, 'joinDate', 'join_date_future', /masa depan/],
    [{ nik: '3204101708900001', fullName: 'Ujang 2' }, 'fullName', 'name_digits', /angka/],
  ] as const)('refuses %j naming %s (%s); nothing written', async (patch, field, code, message) => {
    const before = await count();
    const res = await clerk.post(members(), { fullName: 'Uji Tolak', ...patch });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/problem\+json/);
    const e = res.body.errors.find((x: any) => x.field === field);
    expect(e, JSON.stringify(res.body)).toMatchObject({ code });
    expect(e.message).toMatch(message);
    expect(await count()).toBe(before);
  });

  it('refuses a NIK already registered in this cooperative (409, naming the holder), but not in another one', async () => {
    const m = await makeMember(t.db, coopId, { fullName: 'Asep Saepudin' });
    const before = await count();
    const res = await clerk.post(members(), { nik: m.nik, fullName: 'Orang Lain' });
    expect(res.status).toBe(409);
    expect(res.body.errors[0]).toMatchObject({
      field: 'nik',
      code: 'nik_taken',
      message: expect.stringMatching(/Asep Saepudin \(No\. \d{4}\)/),
    });
    expect(await count()).toBe(before);
    expect((await makeMember(t.db, (await makeCoop(t.db)).id, { nik: m.nik })).nik).toBe(m.nik);
  });

  it('answers in English when asked', async () => {
    const res = await clerk.post(members(), { nik: '3204101708900001', fullName: 'Uji', sex: 'F' }, { 'accept-language': 'en' });
    expect(res.body.errors[0].message).toBe('Sex does not match the NIK: the NIK indicates male');
  });

  it('is not open to a supervisor (403), who may read', async () => {
    expect((await supervisor.post(members(), { nik: uniqueNik().nik, fullName: 'Uji' })).status).toBe(403);
    expect((await supervisor.get(members())).status).toBe(200);
  });
});

describe('checking a NIK for a form', () => {
  it('decodes region, sex and birth date, and names a member who already has it', async () => {
    const m = await makeMember(t.db, coopId, { fullName: 'Dadang Hermawan' });
    const res = await clerk.post(`${members()}/check-nik`, { nik: m.nik });
    expect(res.body).toMatchObject({
      valid: true,
      province: { code: '32', name: 'Jawa Barat' },
      regency: { code: '32.04', name: 'Kabupaten Bandung' },
      existingMember: { id: m.id, fullName: 'Dadang Hermawan' },
    });
    const bad = await clerk.post(`${members()}/check-nik`, { nik: '3204101708900001', sex: 'F' });
    expect(bad.body).toMatchObject({ valid: false, sex: 'M', errors: [{ field: 'sex', code: 'nik_sex_mismatch' }] });
  });
});

describe('finding members', () => {
  let coop: string;
  let c: Client;
  beforeAll(async () => {
    coop = (await makeCoop(t.db)).id;
    const u = await makeUser(t.db, coop, ['bendahara']);
    c = await signIn(t.app, u.email, u.password);
    const group = (await c.post(`/api/coops/${coop}/farmer-groups`, { name: 'Poktan Mekar Tani' })).body;
    await makeMember(t.db, coop, {
      fullName: 'Ujang Supriatna',
      phone: '081220250001',
      farmerGroupId: group.id,
      occupation: 'farmer',
      sex: 'M',
    });
    await makeMember(t.db, coop, { fullName: 'Euis Komalasari', occupation: 'trader', sex: 'F', joinDate: '2025-03-01' });
    await makeMember(t.db, coop, { fullName: 'Neneng Hasanah', farmerGroupId: group.id, sex: 'F', status: 'applicant' });
    for (let i = 0; i < 5; i++) await makeMember(t.db, coop, { fullName: `Anggota Tambahan ${'ABCDE'[i]}`, sex: 'M' });
  });
  const list = (q: string) => c.get(`/api/coops/${coop}/members?${q}`);
  const names = (r: any) => r.body.items.map((m: any) => m.fullName);

  it('searches by name, NIK, number and phone', async () => {
    expect(names(await list('q=komala'))).toEqual(['Euis Komalasari']);
    const ujang = (await list('q=Ujang')).body.items[0];
    expect(names(await list(`q=${ujang.nik.slice(0, 12)}`))).toContain('Ujang Supriatna');
    expect(names(await list(`q=${ujang.number}`))).toContain('Ujang Supriatna');
    expect(names(await list('q=0812-2025-0001'))).toEqual(['Ujang Supriatna']);
    expect(names(await list('q=%2B6281220250001'))).toEqual(['Ujang Supriatna']);
  });

  it('filters by status, sex, occupation, farmer group and join date, and counts the total', async () => {
    expect(names(await list('status=applicant'))).toEqual(['Neneng Hasanah']);
    expect(names(await list('sex=F&status=active'))).toEqual(['Euis Komalasari']);
    expect(names(await list('occupation=trader'))).toEqual(['Euis Komalasari']);
    const g = (await c.get(`/api/coops/${coop}/farmer-groups`)).body.items[0];
    expect(g).toMatchObject({ name: 'Poktan Mekar Tani', activeMembers: 1 });
    expect(names(await list(`farmerGroupId=${g.id}`)).sort()).toEqual(['Neneng Hasanah', 'Ujang Supriatna']);
    expect(names(await list('joinedFrom=2025-02-01'))).toEqual(['Euis Komalasari']);
    expect((await list('limit=3')).body.total).toBe(8);
  });

  it('pages by cursor in number and in name order without repeats', async () => {
    for (const sort of ['number', 'name']) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: any = await list(`sort=${sort}&limit=3${cursor ? `&cursor=${cursor}` : ''}`);
        seen.push(...names(page));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(seen).toHaveLength(8);
      expect(new Set(seen).size).toBe(8);
      if (sort === 'name') expect(seen).toEqual([...seen].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
    }
    expect((await list('cursor=rusak')).status).toBe(400);
  });

  it('exports the filtered list to an Excel workbook with NIKs as text, which imports back cleanly', async () => {
    const res = await t.app.request(`/api/coops/${coop}/members/export.xlsx?status=active`, {
      headers: { cookie: (c as any).cookie },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="anggota-\d{4}-\d{2}-\d{2}\.xlsx"/);
    const file = Buffer.from(await res.arrayBuffer());
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getCell('A1').value).toMatch(/^DAFTAR ANGGOTA KOPERASI/);
    expect(ws.getRow(3).getCell(2).value).toBe('Nama Lengkap');
    expect(ws.rowCount).toBe(3 + 7);
    expect(typeof ws.getRow(4).getCell(3).value).toBe('string');
    // The export is a valid import file for another cooperative.
    const other = (await makeCoop(t.db)).id;
    const u = await makeUser(t.db, other, ['ketua']);
    const k = await signIn(t.app, u.email, u.password);
    const dry = await t.app.request(`/api/coops/${other}/members/import?mode=dry_run&filename=export.xlsx`, {
      method: 'POST',
      headers: { cookie: (k as any).cookie, 'x-csrf-token': (k as any).csrf, 'content-type': 'application/octet-stream' },
      body: new Uint8Array(file),
    });
    const report = (await dry.json()) as any;
    expect(report.summary).toMatchObject({ rows: 7, valid: 7, invalid: 0 });
    expect(report.rows[0].member.farmerGroup).toBe('Poktan Mekar Tani');
  });
});

describe('lifecycle', () => {
  it('admits an applicant (applicant → active) with date and reason, and refuses it twice', async () => {
    const m = await makeMember(t.db, coopId, { status: 'applicant', joinDate: '2025-01-02' });
    const res = await clerk.post(`${members()}/${m.id}/activate`, { date: '2025-02-01', reason: 'Rapat pengurus 1 Februari' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'active',
      statusDate: '2025-02-01',
      joinDate: '2025-02-01',
      statusReason: 'Rapat pengurus 1 Februari',
    });
    expect(res.body.statusHistory.map((h: any) => [h.from, h.to, h.date])).toEqual([
      [null, 'applicant', '2025-01-02'],
      ['applicant', 'active', '2025-02-01'],
    ]);
    const again = await clerk.post(`${members()}/${m.id}/activate`, {});
    expect(again.status).toBe(409);
    expect(again.body.detail).toMatch(/berstatus aktif/);
  });

  it('corrects data with the same NIK rules, and keeps the audit trail', async () => {
    const m = await makeMember(t.db, coopId, { sex: 'M' });
    const bad = await clerk.patch(`${members()}/${m.id}`, { sex: 'F' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('sex');
    const fresh = uniqueNik('F');
    const ok = await clerk.patch(`${members()}/${m.id}`, { nik: fresh.nik, address: 'Kp. Cibuni RT 03' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ nik: fresh.nik, sex: 'F', birthDate: fresh.birthDate, address: 'Kp. Cibuni RT 03' });
    const audit = await t.db.execute<{ changes: any }>(
      sql`SELECT changes FROM audit_log WHERE entity_id = ${m.id} AND action = 'member.update'`,
    );
    expect(audit.rows[0]!.changes.nik).toEqual({ from: m.nik, to: fresh.nik });
  });

  it('links a user account (granting anggota), refuses a user of another cooperative or a second link', async () => {
    const m = await makeMember(t.db, coopId);
    const u = await makeUser(t.db, coopId, ['petugas']);
    const res = await clerk.put(`${members()}/${m.id}/user`, { userId: u.id });
    expect(res.status).toBe(200);
    expect(res.body.userId).toBe(u.id);
    const roles = await t.db.execute<{ role: string }>(sql`SELECT role FROM cooperative_roles WHERE user_id = ${u.id} ORDER BY role`);
    expect(roles.rows.map((r) => r.role)).toEqual(['anggota', 'petugas']);
    const stranger = await makeUser(t.db, (await makeCoop(t.db)).id, ['anggota']);
    expect((await clerk.put(`${members()}/${m.id}/user`, { userId: stranger.id })).body).toMatchObject({ code: 'user_not_found' });
    const other = await makeMember(t.db, coopId);
    const twice = await clerk.put(`${members()}/${other.id}/user`, { userId: u.id });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('user_linked');
    expect((await clerk.put(`${members()}/${m.id}/user`, { userId: null })).body.userId).toBeNull();
  });

  it("hides another cooperative's member (404)", async () => {
    const elsewhere = await makeMember(t.db, (await makeCoop(t.db)).id);
    expect((await clerk.get(`${members()}/${elsewhere.id}`)).status).toBe(404);
    expect((await clerk.patch(`${members()}/${elsewhere.id}`, { address: 'x' })).status).toBe(404);
  });
});
