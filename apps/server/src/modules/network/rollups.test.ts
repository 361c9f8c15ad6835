// National roll-ups: figures reported by a cooperative flow incrementally into its regency,
// province and the nation; dashboards, the tile map, the Excel export and the comparison read them.
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { Client, signIn, testApp, type TestApp } from '../../../test/support/app.js';
import { makeCoop, makeUser } from '../../../test/support/factories.js';
import { makeMember } from '../../../test/support/members-factories.js';
import { fixedClock } from '../../lib/clock.js';
import { ensureRegistered } from './registry.service.js';
import { rebuildAreas, refreshCooperative, refreshMany } from './rollups.service.js';

const clock = fixedClock('2026-03-15T03:00:00Z');
let t: TestApp;
let admin: Client;
const coops: Record<string, string> = {};
const boards: Record<string, Client> = {};

beforeAll(async () => {
  t = await testApp({ clock });
  const u = await makeUser(t.db, null, [], { platformRole: 'admin' });
  admin = await signIn(t.app, u.email, u.password);
  const places = { a: '32.04.40.2005', b: '32.04.40.2001', c: '32.73.01.1001', d: '36.01.01.2001' };
  for (const [k, village] of Object.entries(places)) {
    coops[k] = (await makeCoop(t.db, { villageCode: village })).id;
    await ensureRegistered(t.db, coops[k]!);
  }
  // a and b work in kopdes: their members come from the members module; c and d report by hand.
  for (const k of ['a', 'b']) {
    const ketua = await makeUser(t.db, coops[k]!, ['ketua']);
    boards[k] = await signIn(t.app, ketua.email, ketua.password);
  }
  for (let i = 0; i < 3; i++) await makeMember(t.db, coops.a!, { joinDate: '2025-12-01' });
  await makeMember(t.db, coops.a!, { joinDate: '2026-03-01' }); // joined after February
  await makeMember(t.db, coops.b!, { joinDate: '2025-10-01' });
});

const areaRows = async () =>
  (
    await t.db.execute<Record<string, unknown>>(
      sql`SELECT level, area_code, month::text, cooperatives, operating, members, savings, intake_grams, sales FROM network_area_stats ORDER BY 1, 2, 3`,
    )
  ).rows;

describe('roll-ups', () => {
  it('takes monthly figures reported by hand and refuses bad ones with the reason', async () => {
    const future = await boards.a!.put(`/api/coops/${coops.a}/network/reports`, { month: '2026-04', sales: '10' });
    expect(future.status).toBe(400);
    expect(future.body.errors[0].field).toBe('month');
    const ambiguous = await boards.a!.put(`/api/coops/${coops.a}/network/reports`, { month: '2026-02', intakeKg: '1.250' });
    expect(ambiguous.status).toBe(400);
    expect(ambiguous.body.errors[0]).toMatchObject({ field: 'intakeKg', code: 'invalid_quantity' });
    const measured = await boards.a!.put(`/api/coops/${coops.a}/network/reports`, { month: '2026-02', members: 120, savings: '1' });
    expect(measured.status).toBe(409);
    expect(measured.body.errors.map((e: { field: string }) => e.field)).toEqual(['members', 'savings']);
    const a = await boards.a!.put(`/api/coops/${coops.a}/network/reports`, { month: '2026-02', intakeKg: '1250,5', sales: '12500000' });
    expect(a.status).toBe(200);
    expect(a.body).toMatchObject({ month: '2026-02', intakeGrams: '1250500', members: null, reportedBy: expect.any(String) });
    expect((await boards.b!.put(`/api/coops/${coops.b}/network/reports`, { month: '2026-02', intakeKg: '0' })).status).toBe(200);
    const c = await admin.put(`/api/admin/network/cooperatives/${coops.c}/reports`, {
      month: '2026-02',
      members: 200,
      savings: '13600000',
      sales: '3000000',
    });
    expect(c.status).toBe(200);
  });

  it('answers the regency dashboard from the summary rows, cooperatives as its table', async () => {
    const r = await admin.get('/api/admin/network/dashboard?level=regency&code=32.04&month=2026-02');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ level: 'regency', code: '32.04', name: 'Kabupaten Bandung', month: '2026-02' });
    expect(r.body.totals).toMatchObject({
      cooperatives: 2,
      operating: 1,
      members: 4,
      savings: '0',
      intakeGrams: '1250500',
      sales: '12500000',
    });
    expect(r.body.series).toHaveLength(12);
    expect(r.body.series[0].month).toBe('2025-03');
    expect(r.body.series[11].cooperatives).toBe(2);
    expect(r.body.children.map((c: { code: string; level: string; operating: number }) => [c.code, c.level, c.operating]).sort()).toEqual(
      [
        [coops.a, 'cooperative', 1],
        [coops.b, 'cooperative', 0],
      ].sort(),
    );
  });

  it('sums regencies into the province and provinces into the nation', async () => {
    const p = await admin.get('/api/admin/network/dashboard?level=province&code=32&month=2026-02');
    expect(p.body.totals).toMatchObject({ cooperatives: 3, operating: 2, members: 204, savings: '13600000', sales: '15500000' });
    expect(p.body.children).toHaveLength(27);
    expect(p.body.children.find((c: { code: string }) => c.code === '32.73')).toMatchObject({ name: 'Kota Bandung', cooperatives: 1 });
    const n = await admin.get('/api/admin/network/dashboard?month=2026-02');
    // d (Banten) reported nothing and no refresh has run: it is not in February's figures yet.
    expect(n.body.totals).toMatchObject({ cooperatives: 3, operating: 2, members: 204 });
    expect(n.body.children).toHaveLength(38);
    expect(n.body.children.find((c: { code: string }) => c.code === '36')).toMatchObject({ name: 'Banten', cooperatives: 0 });
    const bad = await admin.get('/api/admin/network/dashboard?level=province&code=99');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('query.code');
  });

  it('updates incrementally and agrees with a full rebuild', async () => {
    await boards.b!.put(`/api/coops/${coops.b}/network/reports`, { month: '2026-02', sales: '750000' });
    const r = await admin.get('/api/admin/network/dashboard?level=regency&code=32.04&month=2026-02');
    expect(r.body.totals).toMatchObject({ operating: 2, sales: '13250000' });
    const incremental = await areaRows();
    await rebuildAreas(t.db, ['2026-02-01', '2026-03-01']);
    expect(await areaRows()).toEqual(incremental);
  });

  it('computes the same rows in bulk as one by one', async () => {
    const rows = async () =>
      (
        await t.db.execute<Record<string, unknown>>(
          sql`SELECT cooperative_id, month::text, province_code, regency_code, formed, operating, members, savings, intake_grams, sales,
                active_units, partners_active, alumni, sources FROM network_monthly_stats ORDER BY 1, 2`,
        )
      ).rows;
    const months = ['2026-01-01', '2026-02-01', '2026-03-01'];
    for (const k of ['a', 'b', 'c', 'd']) await refreshCooperative(t.db, coops[k]!, months, '2026-03-15');
    const oneByOne = await rows();
    await t.db.execute(sql`DELETE FROM network_monthly_stats WHERE cooperative_id IN (${coops.c}, ${coops.d})`);
    await refreshMany(t.db, Object.values(coops), months, '2026-03-15');
    expect(await rows()).toEqual(oneByOne);
    expect(oneByOne.filter((r) => r.cooperative_id === coops.c)).toHaveLength(3);
  });

  it('gives the tile map of the 38 provinces', async () => {
    const r = await admin.get('/api/admin/network/tile-map?month=2026-02');
    expect(r.status).toBe(200);
    expect(r.body.tiles).toHaveLength(38);
    const cells = new Set(r.body.tiles.map((x: { row: number; col: number }) => `${x.row},${x.col}`));
    expect(cells.size).toBe(38);
    for (const x of r.body.tiles) {
      expect(x.row).toBeLessThan(r.body.rows);
      expect(x.col).toBeLessThan(r.body.columns);
    }
    expect(r.body.tiles.find((x: { code: string }) => x.code === '32')).toMatchObject({
      abbr: 'JABAR',
      name: 'Jawa Barat',
      cooperatives: 3,
      operating: 3,
    });
  });

  it('exports the dashboard to a real Excel workbook', async () => {
    const res = await t.app.request('/api/admin/network/dashboard.xlsx?level=province&code=32&month=2026-02', {
      headers: { cookie: (admin as any).cookie },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as any);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Ringkasan', 'Kabupaten-Kota', 'Tren 12 bulan']);
    const table = wb.getWorksheet('Kabupaten-Kota')!;
    const bandung = table.getRows(2, table.rowCount - 1)!.find((row) => row.getCell(1).value === '32.04')!;
    expect(bandung.getCell(2).value).toBe('Kabupaten Bandung');
    expect(bandung.getCell(3).value).toBe(2); // cooperatives
    expect(bandung.getCell(8).value).toBeCloseTo(1250.5); // kg
  });

  it("shows a cooperative its figures beside its regency's and province's averages", async () => {
    const r = await boards.a!.get(`/api/coops/${coops.a}/network/comparison?month=2026-02`);
    expect(r.status).toBe(200);
    expect(r.body.own).toMatchObject({ members: 3, savings: '0', intakeGrams: '1250500', operating: true });
    expect(r.body.sources).toEqual({ members: 'kopdes', savings: 'kopdes', intakeGrams: 'manual', sales: 'manual' });
    expect(r.body.regency).toMatchObject({ code: '32.04', cooperatives: 2, members: 2, intakeGrams: '625250', operatingPct: 100 });
    expect(r.body.province).toMatchObject({ code: '32', cooperatives: 3, members: 68, savings: '4533333' });
    const pengawas = await makeUser(t.db, coops.a!, ['petugas']);
    const petugas = await signIn(t.app, pengawas.email, pengawas.password);
    expect((await petugas.get(`/api/coops/${coops.a}/network/comparison`)).status).toBe(403);
  });

  it("takes a facilitator's sheet of many months at once, all rows or none", async () => {
    const bad = await admin.post('/api/admin/network/reports', {
      rows: [
        { cooperativeId: coops.d, month: '2026-01', members: 35, sales: '400000' },
        { cooperativeId: coops.a, month: '2026-01', members: 9 },
        { cooperativeId: 'kop_01JD3K0000000000000000000Z', month: '2026-01', sales: '1' },
      ],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string; code: string }) => [e.field, e.code])).toEqual([
      ['rows.2.cooperativeId', 'unknown_cooperative'],
    ]);
    const measured = await admin.post('/api/admin/network/reports', {
      rows: [
        { cooperativeId: coops.d, month: '2026-01', members: 35, sales: '400000' },
        { cooperativeId: coops.a, month: '2026-01', members: 9 },
      ],
    });
    expect(measured.body.errors.map((e: { field: string }) => e.field)).toEqual(['rows.1.members']);
    const ok = await admin.post('/api/admin/network/reports', {
      rows: [
        { cooperativeId: coops.d, month: '2026-01', members: 35, sales: '400000' },
        { cooperativeId: coops.d, month: '2026-02', members: 36 },
      ],
    });
    expect(ok.body).toEqual({ rows: 2 });
    const banten = await admin.get('/api/admin/network/dashboard?level=province&code=36&month=2026-01');
    expect(banten.body.totals).toMatchObject({ cooperatives: 1, operating: 1, members: 35, sales: '400000' });
  });

  it('refreshes every real cooperative on demand', async () => {
    const r = await admin.post('/api/admin/network/rollups/refresh', { months: 3 });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ cooperatives: 4, months: ['2026-01', '2026-02', '2026-03'] });
    const n = await admin.get('/api/admin/network/dashboard?month=2026-02');
    expect(n.body.totals).toMatchObject({ cooperatives: 4, operating: 3, members: 240 });
    expect(n.body.children.find((c: { code: string }) => c.code === '36')).toMatchObject({ cooperatives: 1, operating: 0, members: 36 });
    const january = await admin.get('/api/admin/network/dashboard?month=2026-01');
    expect(january.body.totals).toMatchObject({ cooperatives: 4, operating: 1, members: 39 });
  });
});
