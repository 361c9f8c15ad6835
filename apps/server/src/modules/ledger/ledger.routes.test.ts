import { ACCOUNTS } from '@kopdes/shared/ledger';
import ExcelJS from 'exceljs';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { signIn, testApp, type Client, type TestApp } from '../../../test/support/app.js';
import { makeCoop, makeUser } from '../../../test/support/factories.js';
import { formatAmount } from './reports.pdf.js';

let t: TestApp;
let coopId: string;
let base: string;
const as: Record<string, Client> = {};

const line = (account: string, unit: string, side: 'debit' | 'credit', amount: number, extra: object = {}) => ({
  account,
  unit,
  [side]: String(amount),
  ...extra,
});

beforeAll(async () => {
  t = await testApp();
  coopId = (await makeCoop(t.db, { address: 'Jl. Raya Uji No. 1', legalEntityNumber: 'AHU-0000001.AH.01.29.TAHUN 2025' })).id;
  base = `/api/coops/${coopId}/ledger`;
  for (const role of ['ketua', 'bendahara', 'pengurus', 'pengawas', 'petugas', 'anggota'] as const) {
    const u = await makeUser(t.db, coopId, [role]);
    as[role] = await signIn(t.app, u.email, u.password);
  }
  const post = async (body: object) => {
    const r = await as.bendahara!.post(`${base}/entries`, body);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body;
  };
  await post({
    date: '2025-01-02',
    memo: 'Saldo awal: modal anggota dan pinjaman bank',
    lines: [
      line(ACCOUNTS.BANK, 'kantor', 'debit', 60_000_000),
      line(ACCOUNTS.PERALATAN, 'gudang', 'debit', 500_000_000),
      line(ACCOUNTS.SIMPANAN_POKOK, 'kantor', 'credit', 10_000_000),
      line(ACCOUNTS.SIMPANAN_WAJIB, 'kantor', 'credit', 50_000_000),
      line(ACCOUNTS.UTANG_BANK, 'kantor', 'credit', 500_000_000),
    ],
  });
  await post({
    date: '2025-03-05',
    memo: 'Penjualan sembako tunai',
    lines: [
      line(ACCOUNTS.KAS, 'gerai_sembako', 'debit', 3_500_000),
      line(ACCOUNTS.PENJUALAN_ANGGOTA, 'gerai_sembako', 'credit', 2_000_000, { memberId: 'mbr_uji_1' }),
      line(ACCOUNTS.PENJUALAN_NON_ANGGOTA, 'gerai_sembako', 'credit', 1_500_000),
      line(ACCOUNTS.HPP, 'gerai_sembako', 'debit', 2_800_000),
      line(ACCOUNTS.PERSEDIAAN_GERAI, 'gerai_sembako', 'credit', 2_800_000),
    ],
  });
  await post({
    date: '2025-03-05',
    memo: 'Pembelian stok beras',
    lines: [line(ACCOUNTS.PERSEDIAAN_GERAI, 'gerai_sembako', 'debit', 9_000_000), line(ACCOUNTS.BANK, 'kantor', 'credit', 9_000_000)],
  });
  await post({
    date: '2025-03-31',
    memo: 'Gaji karyawan Maret',
    lines: [line(ACCOUNTS.GAJI, 'kantor', 'debit', 2_500_000), line(ACCOUNTS.KAS, 'gerai_sembako', 'credit', 2_500_000)],
  });
});

describe('manual entries over HTTP', () => {
  it('previews the balance effect without writing, and refuses what posting would refuse', async () => {
    const body = {
      date: '2025-03-06',
      memo: 'Bayar listrik',
      lines: [line(ACCOUNTS.LISTRIK_AIR_TELEPON, 'kantor', 'debit', 350_000), line(ACCOUNTS.KAS, 'gerai_sembako', 'credit', 350_000)],
    };
    const before = (await as.bendahara!.get(`${base}/entries?limit=200`)).body.items.length;
    const p = await as.bendahara!.post(`${base}/entries/preview`, body);
    expect(p.status).toBe(200);
    expect(p.body.total).toBe('350000');
    const kas = p.body.effects.find((e: any) => e.account === ACCOUNTS.KAS);
    expect(kas).toMatchObject({ before: '3500000', change: '-350000', after: '3150000' });
    expect((await as.bendahara!.get(`${base}/entries?limit=200`)).body.items.length).toBe(before);
    const bad = await as.bendahara!.post(`${base}/entries/preview`, { ...body, lines: [body.lines[0], { ...body.lines[1], credit: '1' }] });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0]).toMatchObject({ field: 'lines', code: 'unbalanced' });
    expect(bad.body.title).toMatch(/tidak seimbang/);
  });

  it('names the field of bad lines in Bahasa Indonesia and in English', async () => {
    const body = {
      date: '2025-03-06',
      memo: 'Salah',
      lines: [line('1999', 'kantor', 'debit', 100), line(ACCOUNTS.KAS, 'pabrik', 'credit', 100)],
    };
    const id = await as.bendahara!.post(`${base}/entries`, body);
    expect(id.status).toBe(400);
    expect(id.body.errors.map((e: any) => e.field)).toEqual(['lines.0.account', 'lines.1.unit']);
    expect(id.body.errors[0].message).toMatch(/tidak ada dalam bagan akun/);
    const en = await as.bendahara!.post(`${base}/entries`, body, { 'accept-language': 'en' });
    expect(en.body.errors[0].message).toMatch(/not in the chart/);
    const zero = await as.bendahara!.post(`${base}/entries`, {
      ...body,
      lines: [line(ACCOUNTS.KAS, 'kantor', 'debit', 0), line(ACCOUNTS.BANK, 'kantor', 'credit', 0)],
    });
    expect(zero.status).toBe(400);
    expect(zero.body.errors[0].field).toBe('lines.0.debit');
    const neg = await as.bendahara!.post(`${base}/entries`, {
      ...body,
      lines: [line(ACCOUNTS.KAS, 'kantor', 'debit', -5), line(ACCOUNTS.BANK, 'kantor', 'credit', -5)],
    });
    expect(neg.status).toBe(400);
    expect(neg.body.errors[0].field).toBe('lines.0.debit');
  });

  it('replays a retried manual entry with the same Idempotency-Key instead of posting twice', async () => {
    const body = {
      date: '2025-03-07',
      memo: 'Beli ATK',
      lines: [line(ACCOUNTS.ATK, 'kantor', 'debit', 75_000), line(ACCOUNTS.KAS, 'gerai_sembako', 'credit', 75_000)],
    };
    const key = { 'idempotency-key': 'atk-2025-03-07-001' };
    const a = await as.bendahara!.post(`${base}/entries`, body, key);
    const b = await as.bendahara!.post(`${base}/entries`, body, key);
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.body.number).toBe(a.body.number);
    const list = await as.bendahara!.get(`${base}/entries?account=${ACCOUNTS.ATK}`);
    expect(list.body.items).toHaveLength(1);
  });

  it('reverses an entry through the API and links both ways', async () => {
    const e = await as.bendahara!.post(`${base}/entries`, {
      date: '2025-03-08',
      memo: 'Transport salah catat',
      lines: [line(ACCOUNTS.TRANSPORT, 'logistik', 'debit', 40_000), line(ACCOUNTS.KAS, 'gerai_sembako', 'credit', 40_000)],
    });
    const r = await as.bendahara!.post(`${base}/entries/${e.body.id}/reverse`, { date: '2025-03-09', memo: 'Koreksi: salah catat' });
    expect(r.status).toBe(201);
    expect(r.body.reversesId).toBe(e.body.id);
    expect(r.body.lines[0]).toMatchObject({ account: ACCOUNTS.TRANSPORT, credit: '40000', debit: '0' });
    expect((await as.pengawas!.get(`${base}/entries/${e.body.id}`)).body.reversedById).toBe(r.body.id);
    expect((await as.bendahara!.post(`${base}/entries/${e.body.id}/reverse`, { date: '2025-03-09', memo: 'lagi' })).status).toBe(409);
  });

  it('pages the journal with a cursor and filters by source', async () => {
    const first = await as.pengawas!.get(`${base}/entries?limit=2`);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextCursor).toBeTruthy();
    const second = await as.pengawas!.get(`${base}/entries?limit=2&cursor=${first.body.nextCursor}`);
    const ids = [...first.body.items, ...second.body.items].map((e: any) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    const manual = await as.pengawas!.get(`${base}/entries?sourceModule=ledger.manual&from=2025-03-01&to=2025-03-31`);
    expect(manual.body.items.length).toBeGreaterThan(0);
    expect(manual.body.items.every((e: any) => e.source.module === 'ledger.manual' && e.date.startsWith('2025-03'))).toBe(true);
    expect((await as.pengawas!.get(`${base}/entries?cursor=rusak`)).status).toBe(400);
    const badDate = await as.pengawas!.get(`${base}/entries?from=2025-02-30`);
    expect(badDate.status).toBe(400);
    expect(badDate.body.errors[0].field).toBe('query.from');
  });
});

describe('roles', () => {
  it('pengawas and pengurus read the ledger but cannot post; petugas and anggota cannot read it', async () => {
    const entry = {
      date: '2025-03-10',
      memo: 'Uji peran',
      lines: [line(ACCOUNTS.KAS, 'kantor', 'debit', 1), line(ACCOUNTS.PENDAPATAN_LAIN, 'kantor', 'credit', 1)],
    };
    for (const role of ['pengawas', 'pengurus']) {
      expect((await as[role]!.get(`${base}/reports/trial-balance`)).status).toBe(200);
      expect((await as[role]!.get(`${base}/accounts`)).status).toBe(200);
      expect((await as[role]!.post(`${base}/entries`, entry)).status).toBe(403);
      expect((await as[role]!.post(`${base}/periods/2025-01/close`)).status).toBe(403);
    }
    for (const role of ['petugas', 'anggota']) {
      expect((await as[role]!.get(`${base}/reports/trial-balance`)).status).toBe(403);
      expect((await as[role]!.get(`${base}/entries`)).status).toBe(403);
      expect((await as[role]!.get(`${base}/reports/members/mbr_uji_1`)).status).toBe(403);
    }
    expect((await as.bendahara!.post(`${base}/years/reopen`, { year: 2024, reason: 'Koreksi temuan pengawas' })).status).toBe(403);
  });

  it('another cooperative’s ledger answers 404', async () => {
    const other = await makeCoop(t.db);
    expect((await as.bendahara!.get(`/api/coops/${other.id}/ledger/reports/trial-balance`)).status).toBe(404);
  });
});

describe('chart and units', () => {
  it('extends the chart with a child account that inherits its parent, and refuses a wrong group', async () => {
    const r = await as.bendahara!.post(`${base}/accounts`, { code: '1112', name: 'Bank BRI Unit Ciwidey', parentCode: ACCOUNTS.BANK });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ type: 'asset', normalSide: 'debit', cashFlow: 'cash', parentCode: '1111', standard: false });
    const wrong = await as.bendahara!.post(`${base}/accounts`, { code: '2999', name: 'Salah kelompok', parentCode: ACCOUNTS.BANK });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors[0].field).toBe('code');
    const dup = await as.bendahara!.post(`${base}/accounts`, { code: '1112', name: 'Lagi', parentCode: ACCOUNTS.BANK });
    expect(dup.body.errors[0].code).toBe('account_exists');
    const accounts = (await as.pengawas!.get(`${base}/accounts`)).body.items;
    expect(accounts.find((a: any) => a.code === '4102')).toMatchObject({ revenueKind: 'non_member', name: 'Penjualan kepada Non-Anggota' });
  });

  it('refuses to deactivate an account that still has a balance', async () => {
    const r = await as.bendahara!.post(`${base}/accounts/${ACCOUNTS.KAS}/deactivate`);
    expect(r.status).toBe(409);
    expect(r.body.code).toBe('account_has_balance');
  });

  it('lists, disables and re-enables units; a disabled unit refuses postings', async () => {
    const units = (await as.pengawas!.get(`${base}/units`)).body.items;
    expect(units.map((u: any) => u.code).sort()).toEqual(
      ['agribisnis', 'apotek', 'gerai_sembako', 'gudang', 'kantor', 'klinik', 'logistik', 'simpan_pinjam'].sort(),
    );
    expect((await as.bendahara!.post(`${base}/units/apotek/disable`)).body.enabled).toBe(false);
    const refused = await as.bendahara!.post(`${base}/entries`, {
      date: '2025-03-10',
      memo: 'Obat',
      lines: [line(ACCOUNTS.PERSEDIAAN_OBAT, 'apotek', 'debit', 10), line(ACCOUNTS.KAS, 'kantor', 'credit', 10)],
    });
    expect(refused.body.errors[0]).toMatchObject({ field: 'lines.0.unit', code: 'unit_disabled' });
    expect((await as.bendahara!.post(`${base}/units/apotek/enable`, {})).body.enabled).toBe(true);
    const custom = await as.bendahara!.post(`${base}/units/lpg/enable`, { name: 'Pangkalan LPG 3 kg' });
    expect(custom.body).toEqual({ code: 'lpg', name: 'Pangkalan LPG 3 kg', enabled: true });
  });
});

describe('statements', () => {
  it('trial balance sums to zero; the financial position balances; the income statement splits member revenue', async () => {
    const tb = (await as.pengawas!.get(`${base}/reports/trial-balance?from=2025-01-01&to=2025-12-31`)).body;
    expect(tb.totals.closingDebit).toBe(tb.totals.closingCredit);
    expect(tb.totals.debit).toBe(tb.totals.credit);
    const fp = (await as.pengawas!.get(`${base}/reports/financial-position?asOf=2025-12-31`)).body;
    expect(fp.totalAssets).toBe(fp.totalLiabilitiesAndEquity);
    const is = (await as.pengawas!.get(`${base}/reports/income-statement?from=2025-01-01&to=2025-12-31`)).body;
    expect(is.memberRevenue.total).toBe('2000000');
    expect(is.nonMemberRevenue.total).toBe('1500000');
    expect(is.costOfSales.total).toBe('2800000');
    expect(BigInt(is.surplus)).toBe(BigInt(fp.currentSurplus));
    const cf = (await as.pengawas!.get(`${base}/reports/cash-flow?from=2025-01-01&to=2025-12-31`)).body;
    expect(BigInt(cf.closingCash)).toBe(
      BigInt(
        fp.assets[0].lines
          .filter((l: any) => ['1101', '1111', '1112'].includes(l.account))
          .reduce((s: bigint, l: any) => s + BigInt(l.amount), 0n),
      ),
    );
    // The sale posted with its cost of goods counts as receipts from the sale, not inventory coming in.
    const op = cf.operating.lines;
    expect(op.find((l: any) => l.account === '4101')).toMatchObject({ inflow: '2000000' });
    expect(op.find((l: any) => l.account === '1141')).toMatchObject({ inflow: '0', outflow: '9000000' });
    const eq = (await as.pengawas!.get(`${base}/reports/equity-changes?from=2025-01-01&to=2025-12-31`)).body;
    expect(eq.totals.closing).toBe(fp.totalEquity);
  });

  it('per unit: a unit’s position balances through its inter-unit account', async () => {
    const fp = (await as.pengawas!.get(`${base}/reports/financial-position?asOf=2025-12-31&unit=gerai_sembako`)).body;
    expect(fp.unitName).toBe('Gerai Sembako');
    expect(fp.totalAssets).toBe(fp.totalLiabilitiesAndEquity);
    expect(fp.liabilities.some((s: any) => s.title === 'Rekening Antar Unit')).toBe(true);
    const unknown = await as.pengawas!.get(`${base}/reports/financial-position?unit=tambang`);
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].field).toBe('query.unit');
  });

  it('refuses impossible dates and periods with 400 naming the query field', async () => {
    for (const [q, field] of [
      ['financial-position?asOf=9999-12-31', 'query.asOf'],
      ['financial-position?asOf=2025-02-30', 'query.asOf'],
      ['trial-balance?from=2025-06-01&to=2025-01-31', 'query.from'],
      ['income-statement?to=2025-13-01', 'query.to'],
      ['trial-balance?format=docx', 'query.format'],
    ]) {
      const r = await as.pengawas!.get(`${base}/reports/${q}`);
      expect(r.status, q).toBe(400);
      expect(r.body.errors[0].field, q).toBe(field);
    }
  });

  it('general ledger, cash book and member ledger come from the same lines', async () => {
    const gl = (await as.pengawas!.get(`${base}/reports/general-ledger?account=${ACCOUNTS.KAS}&from=2025-03-01&to=2025-03-31`)).body;
    expect(gl.opening).toBe('0');
    expect(gl.rows[0]).toMatchObject({ debit: '3500000', balance: '3500000' });
    expect(BigInt(gl.closing)).toBe(BigInt(gl.totalDebit) - BigInt(gl.totalCredit));
    const cb = (await as.pengawas!.get(`${base}/reports/cash-book?date=2025-03-31`)).body;
    expect(cb.rows.some((r: any) => r.payment === '2500000')).toBe(true);
    expect(BigInt(cb.closing)).toBe(BigInt(cb.opening) + BigInt(cb.totalReceipts) - BigInt(cb.totalPayments));
    const m = (await as.pengawas!.get(`${base}/reports/members/mbr_uji_1?asOf=2025-12-31`)).body;
    expect(m.balances).toEqual([{ account: '4101', name: 'Penjualan kepada Anggota', balance: '2000000' }]);
    expect((await as.pengawas!.get(`${base}/reports/general-ledger?account=1999`)).body.errors[0].field).toBe('query.account');
  });

  it('the Excel and PDF files carry the same totals as the JSON', async () => {
    const fpJson = (await as.pengawas!.get(`${base}/reports/financial-position?asOf=2025-12-31`)).body;
    const isJson = (await as.pengawas!.get(`${base}/reports/income-statement?from=2025-01-01&to=2025-12-31`)).body;
    const tbJson = (await as.pengawas!.get(`${base}/reports/trial-balance?from=2025-01-01&to=2025-12-31`)).body;
    const fetchFile = async (p: string) => {
      const res = await t.app.request(p, { headers: { cookie: (as.pengawas as any).cookie } });
      return { res, buf: Buffer.from(await res.arrayBuffer()) };
    };
    const xlsx = await fetchFile(`${base}/reports/financial-position?asOf=2025-12-31&format=xlsx`);
    expect(xlsx.res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(xlsx.res.headers.get('content-disposition')).toBe('attachment; filename="laporan-posisi-keuangan-2025-12-31.xlsx"');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.buf as any);
    const ws = wb.worksheets[0]!;
    const valueOf = (label: string) => {
      let v: unknown;
      ws.eachRow((row) => {
        if (row.getCell(2).value === label) v = row.getCell(3).value;
      });
      return v;
    };
    expect(valueOf('JUMLAH ASET')).toBe(Number(fpJson.totalAssets));
    expect(valueOf('JUMLAH LIABILITAS DAN EKUITAS')).toBe(Number(fpJson.totalLiabilitiesAndEquity));
    let formulas = 0;
    ws.eachRow((row) => row.eachCell((cell) => void (cell.type === ExcelJS.ValueType.Formula && formulas++)));
    expect(formulas).toBe(0);
    expect(ws.getRow(1).getCell(1).value).toMatch(/^KOPERASI DESA MERAH PUTIH UJI/);

    const pdf = await fetchFile(`${base}/reports/income-statement?from=2025-01-01&to=2025-12-31&format=pdf`);
    expect(pdf.res.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.buf.subarray(0, 5).toString()).toBe('%PDF-');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kopdes-ledger-'));
    fs.writeFileSync(path.join(dir, 'lphu.pdf'), pdf.buf);
    const text = execFileSync('pdftotext', ['-layout', path.join(dir, 'lphu.pdf'), '-']).toString();
    const id = (v: string) => formatAmount(BigInt(v));
    const re = (v: string) => id(v).replace(/[.()]/g, (c) => `\\${c}`);
    expect(text).toContain('LAPORAN PERHITUNGAN HASIL USAHA');
    expect(text).toMatch(new RegExp(`SISA HASIL USAHA \\(SHU\\) SETELAH PAJAK\\s+${re(isJson.surplus)}`));
    expect(text).toContain(id(isJson.memberRevenue.total));
    expect(text).toContain('Pendapatan dari Non-Anggota');
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', path.join(dir, 'lphu.pdf'), path.join(dir, 'page')]);
    expect(fs.readdirSync(dir).some((f) => f.startsWith('page') && f.endsWith('.png'))).toBe(true);

    const tbPdf = await fetchFile(`${base}/reports/trial-balance?from=2025-01-01&to=2025-12-31&format=pdf`);
    fs.writeFileSync(path.join(dir, 'tb.pdf'), tbPdf.buf);
    const tbText = execFileSync('pdftotext', ['-layout', path.join(dir, 'tb.pdf'), '-']).toString();
    expect(tbText).toMatch(new RegExp(`JUMLAH.*${re(tbJson.totals.closingDebit)}\\s+${re(tbJson.totals.closingCredit)}`));
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
