import { ACCOUNTS } from '@kopdes/shared/ledger';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { signIn, testApp, type Client, type TestApp } from '../../../test/support/app.js';
import { makeCoop, makeUser } from '../../../test/support/factories.js';

let t: TestApp;
let coopId: string;
let base: string;
let bendahara: Client;
let ketua: Client;

const entry = (date: string, amount = 1_000_000) => ({
  date,
  memo: 'Penjualan sembako',
  lines: [
    { account: ACCOUNTS.KAS, unit: 'gerai_sembako', debit: String(amount) },
    { account: ACCOUNTS.PENJUALAN_ANGGOTA, unit: 'gerai_sembako', credit: String(amount) },
  ],
});

const expense = (date: string, amount: number) => ({
  date,
  memo: 'Gaji',
  lines: [
    { account: ACCOUNTS.GAJI, unit: 'kantor', debit: String(amount) },
    { account: ACCOUNTS.KAS, unit: 'kantor', credit: String(amount) },
  ],
});

beforeAll(async () => {
  t = await testApp();
  coopId = (await makeCoop(t.db)).id;
  base = `/api/coops/${coopId}/ledger`;
  const b = await makeUser(t.db, coopId, ['bendahara']);
  const k = await makeUser(t.db, coopId, ['ketua']);
  bendahara = await signIn(t.app, b.email, b.password);
  ketua = await signIn(t.app, k.email, k.password);
  for (const body of [entry('2025-02-10', 5_000_000), expense('2025-02-28', 1_200_000), entry('2025-06-01', 3_000_000)]) {
    expect((await bendahara.post(`${base}/entries`, body)).status).toBe(201);
  }
});

describe('closing months', () => {
  it('refuses a posting dated in a closed month, naming the period; reopening lets it through', async () => {
    const closed = await bendahara.post(`${base}/periods/2025-03/close`);
    expect(closed.status).toBe(200);
    expect(closed.body.months.find((m: any) => m.month === '2025-03')).toMatchObject({ closed: true });
    const refused = await bendahara.post(`${base}/entries`, entry('2025-03-15'));
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe('period_closed');
    expect(refused.body.title).toContain('Maret 2025');
    expect(refused.body.errors[0]).toMatchObject({ field: 'date', code: 'period_closed' });
    const en = await bendahara.post(`${base}/entries`, entry('2025-03-15'), { 'accept-language': 'en' });
    expect(en.body.title).toContain('2025-03 is closed');
    expect((await bendahara.post(`${base}/entries/preview`, entry('2025-03-15'))).body.code).toBe('period_closed');
    expect((await bendahara.post(`${base}/periods/2025-03/close`)).status).toBe(409);
    expect((await bendahara.post(`${base}/periods/2025-03/reopen`, { reason: 'Faktur terlambat masuk' })).status).toBe(200);
    expect((await bendahara.post(`${base}/entries`, entry('2025-03-15'))).status).toBe(201);
    expect((await bendahara.post(`${base}/periods/2025-13/close`)).status).toBe(400);
  });

  it('a reversal dated in a closed month is refused too', async () => {
    const e = await bendahara.post(`${base}/entries`, entry('2025-04-02', 10_000));
    await bendahara.post(`${base}/periods/2025-04/close`);
    const r = await bendahara.post(`${base}/entries/${e.body.id}/reverse`, { date: '2025-04-03', memo: 'Koreksi' });
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('period_closed');
    const later = await bendahara.post(`${base}/entries/${e.body.id}/reverse`, { date: '2025-05-02', memo: 'Koreksi di bulan berjalan' });
    expect(later.status).toBe(201);
  });
});

describe('year-end close', () => {
  it('moves revenue and expense into SHU Tahun Berjalan, keeps the income statement, closes every month', async () => {
    const isBefore = (await bendahara.get(`${base}/reports/income-statement?from=2025-01-01&to=2025-12-31`)).body;
    const closed = await bendahara.post(`${base}/years/close`, { year: 2025 });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    expect(closed.body.surplus).toBe(isBefore.surplus);
    expect(closed.body.closingEntry.number).toMatch(/^JU-2025-/);

    const isAfter = (await bendahara.get(`${base}/reports/income-statement?from=2025-01-01&to=2025-12-31`)).body;
    expect(isAfter.surplus).toBe(isBefore.surplus);
    const fp = (await bendahara.get(`${base}/reports/financial-position?asOf=2025-12-31`)).body;
    expect(fp.currentSurplus).toBe('0');
    const shu = fp.equity.flatMap((s: any) => s.lines).find((l: any) => l.account === ACCOUNTS.SHU_TAHUN_BERJALAN);
    expect(shu.amount).toBe(isBefore.surplus);
    expect(fp.totalAssets).toBe(fp.totalLiabilitiesAndEquity);
    const tb = (await bendahara.get(`${base}/reports/trial-balance?from=2025-01-01&to=2025-12-31`)).body;
    expect(
      tb.rows
        .filter((r: any) => r.type === 'revenue' || r.type === 'expense')
        .every((r: any) => r.closingDebit === '0' && r.closingCredit === '0'),
    ).toBe(true);

    const periods = (await bendahara.get(`${base}/periods?year=2025`)).body;
    expect(periods.yearClosed).toBe(true);
    expect(periods.months.every((m: any) => m.closed)).toBe(true);
    expect((await bendahara.post(`${base}/entries`, entry('2025-12-30'))).body.code).toBe('period_closed');
    expect((await bendahara.post(`${base}/periods/2025-11/reopen`, {})).body.code).toBe('year_closed');
    expect((await bendahara.post(`${base}/years/close`, { year: 2025 })).status).toBe(409);
    const closingEntry = (await bendahara.get(`${base}/entries/${closed.body.closingEntry.id}`)).body;
    expect(closingEntry.closing).toBe(true);
    expect((await bendahara.post(`${base}/entries/${closingEntry.id}/reverse`, { date: '2026-01-02', memo: 'Coba batalkan' })).status).toBe(
      409,
    );
    // The next year starts clean.
    expect((await bendahara.post(`${base}/entries`, entry('2026-01-05', 700_000))).status).toBe(201);
    const is2026 = (await bendahara.get(`${base}/reports/income-statement?from=2026-01-01&to=2026-12-31`)).body;
    expect(is2026.surplus).toBe('700000');
  });

  it('only the ketua reopens a year, with a reason that lands in the audit trail', async () => {
    expect((await bendahara.post(`${base}/years/reopen`, { year: 2025, reason: 'Temuan pengawas atas persediaan' })).status).toBe(403);
    const noReason = await ketua.post(`${base}/years/reopen`, { year: 2025, reason: '' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors[0].field).toBe('reason');
    const reopened = await ketua.post(`${base}/years/reopen`, { year: 2025, reason: 'Temuan pengawas atas persediaan gudang' });
    expect(reopened.status).toBe(200);
    expect(reopened.body.yearClosed).toBe(false);
    expect(reopened.body.months.find((m: any) => m.month === '2025-12').closed).toBe(false);
    const audit = await t.db.execute<{ changes: any }>(
      sql`SELECT changes FROM audit_log WHERE cooperative_id = ${coopId} AND action = 'ledger.year.reopen'`,
    );
    expect(audit.rows[0]!.changes.reason).toBe('Temuan pengawas atas persediaan gudang');
    const fp = (await bendahara.get(`${base}/reports/financial-position?asOf=2025-12-31`)).body;
    const is = (await bendahara.get(`${base}/reports/income-statement?from=2025-01-01&to=2025-12-31`)).body;
    expect(fp.currentSurplus).toBe(is.surplus);
    expect(fp.totalAssets).toBe(fp.totalLiabilitiesAndEquity);
    // A correction, then the year is closed again with the new result.
    expect((await bendahara.post(`${base}/entries`, expense('2025-12-31', 250_000))).status).toBe(201);
    const again = await bendahara.post(`${base}/years/close`, { year: 2025 });
    expect(BigInt(again.body.surplus)).toBe(BigInt(is.surplus) - 250_000n);
    const eq = (await bendahara.get(`${base}/reports/equity-changes?from=2025-01-01&to=2025-12-31`)).body;
    const fpAgain = (await bendahara.get(`${base}/reports/financial-position?asOf=2025-12-31`)).body;
    expect(eq.totals.closing).toBe(fpAgain.totalEquity);
  });
});
