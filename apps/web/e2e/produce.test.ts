/**
 * Produce aggregation through the web app: the clerk (petugas) weighs and grades a delivery on a
 * phone, checks the server's calculation, saves it once even when the connection drops, prints the
 * slip, and finds the new lots in stock; a pengurus previews the farmers' payout.
 */
import { amountForGrams, parseKg } from '@kopdes/shared/quantity';
import { formatRupiah } from '@kopdes/shared/money';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test, vi } from 'vitest';
import { apiSignIn, type Session } from './api.js';
import { launchChromium, newPage, PHONE, signIn } from './browser.js';

const base = inject('baseUrl');
let browser: Browser;
let page: Page;
let close: () => Promise<void>;
let home: string;
let petugas: Session;
let coopId: string;

beforeAll(async () => {
  petugas = await apiSignIn(base, 'petugas@alamendah.kopdes.id');
  coopId = petugas.me.cooperatives[0].id;
  // The demo's harvests are seeded in the background after the server starts (all in one
  // transaction): once the farmers are there, so are the prices, lots and payouts.
  await vi.waitFor(
    async () => {
      const form = await petugas.get(`/api/coops/${coopId}/produce/intake-form`);
      if (!form.farmers.length) throw new Error('the demo harvests are not seeded yet');
    },
    { timeout: 230_000, interval: 1000 },
  );
  browser = await launchChromium();
  const opened = await newPage(browser, base, PHONE);
  page = opened.page;
  close = () => opened.context.close();
  await signIn(page, 'petugas@alamendah.kopdes.id');
  await page.waitForURL(/\/k\/kop_/);
  home = new URL(page.url()).pathname;
});
afterAll(async () => {
  await close?.();
  await browser?.close();
});

const field = (label: RegExp | string) => page.getByLabel(label, { exact: typeof label === 'string' });

async function pick(label: string, typed: string, option: RegExp | string) {
  await page.getByRole('textbox', { name: label }).fill(typed);
  await page.getByRole('option', { name: option }).first().click();
}

async function openIntake() {
  await page.goto(`${home}/hasil-panen`);
  await page.getByRole('link', { name: /Terima hasil panen/ }).click();
  await page.getByRole('heading', { name: 'Terima hasil panen', level: 1 }).waitFor();
}

describe('intake at a collection point', () => {
  test('the petugas weighs and grades a delivery, sees the payable, saves it once, prints the slip, and finds the lots in stock', async () => {
    const form = await petugas.get(`/api/coops/${coopId}/produce/intake-form`);
    const ujang = form.farmers.find((f: any) => f.fullName === 'Ujang Supriatna');
    const tomat = form.commodities.find((c: any) => c.name === 'Tomat');
    const price = (g: string) => BigInt(tomat.grades.find((x: any) => x.grade === g).price);
    const expected =
      amountForGrams(parseKg('30'), price('A')) + amountForGrams(parseKg('12,5'), price('B')) + amountForGrams(parseKg('5'), price('C'));
    const listed = async () =>
      (await petugas.get(`/api/coops/${coopId}/produce/intakes?memberId=${ujang.memberId}&from=${form.date}&to=${form.date}`)).items.length;
    const before = await listed();

    await openIntake();
    await pick('Petani', 'Ujang', /Ujang Supriatna/);
    await pick('Komoditas', 'Tomat', 'Tomat');
    await field('Jumlah peti').fill('3');
    await field(/^Berat kotor/).fill('52,4');
    await field(/^Tara/).fill('4,5');
    await expect.poll(() => page.getByTestId('net').textContent()).toBe('47,9 kg');
    await field(/^Grade A/).fill('30');
    await field(/^Grade B/).fill('12,5');
    await expect.poll(() => page.getByTestId('remainder').textContent()).toBe('5,4 kg');
    await field(/^Grade C/).fill('5');
    await field(/^Afkir/).fill('0,4');
    await page.getByText('Sortir pas dengan berat bersih').waitFor();

    await page.getByRole('button', { name: 'Periksa & hitung' }).click();
    const payable = page.getByTestId('payable');
    await payable.waitFor();
    expect(await payable.textContent()).toContain(formatRupiah(expected));
    expect(await page.getByRole('table', { name: 'Perhitungan' }).textContent()).toContain('0,4 kg');

    // The first save reaches the server but its answer is lost on the way back, as on a weak signal.
    let dropped = 0;
    await page.route(/\/produce\/intakes$/, async (route) => {
      if (dropped++ === 0) {
        await route.fetch();
        await route.abort('failed');
      } else await route.continue();
    });
    await page.getByRole('button', { name: 'Simpan penerimaan' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: /koneksi|jaringan|server/i })
      .waitFor();
    expect(await listed()).toBe(before + 1);
    await page.getByRole('button', { name: 'Simpan penerimaan' }).click();
    await page.getByText(/^Penerimaan PN-\d{4}-\d+ tersimpan$/).waitFor();
    await page.unroute(/\/produce\/intakes$/);
    expect(dropped).toBe(2);
    expect(await listed()).toBe(before + 1); // the retry replayed the first answer

    const slipHref = await page.getByRole('link', { name: 'Slip penerimaan (PDF)' }).getAttribute('href');
    const slip = await page.request.get(slipHref!);
    expect(slip.status()).toBe(200);
    expect(slip.headers()['content-type']).toContain('application/pdf');
    expect((await slip.body()).subarray(0, 4).toString()).toBe('%PDF');
    const labels = await page.request.get((await page.getByRole('link', { name: 'Label lot (PDF)' }).getAttribute('href'))!);
    expect((await labels.body()).subarray(0, 4).toString()).toBe('%PDF');

    const codes = await page.getByText(/^PN-\d{4}-\d+-\w+$/).allTextContents();
    const codeA = codes.find((c) => c.endsWith('-A'))!;
    expect(codes.length).toBe(4); // A, B, C and the (unpaid) reject
    await page.goto(`${home}/hasil-panen/stok`);
    await page.getByRole('heading', { name: 'Stok hasil panen', level: 1 }).waitFor();
    await pick('Komoditas', 'Tomat', 'Tomat');
    await page.getByLabel('Cari kode lot').fill(codeA.slice(0, -2));
    const lotA = page.getByRole('listitem').filter({ hasText: codeA });
    await lotA.waitFor();
    expect(await lotA.textContent()).toContain('30 kg');
    expect((await page.getByRole('listitem').allTextContents()).filter((t) => codes.some((c) => t.includes(c)))).toHaveLength(4);
    await lotA.getByRole('button', { name: `Rincian lot ${codeA}` }).click();
    await page.getByRole('heading', { name: `Lot ${codeA}`, level: 1 }).waitFor();
    await page.getByText('Ujang Supriatna · No. 1', { exact: false }).waitFor();
  });

  test('a grading heavier than the net weight is refused on the grading fields', async () => {
    // The overview counts today's intakes, the one just recorded among them.
    const today = (await petugas.get(`/api/coops/${coopId}/produce/intake-form`)).today;
    expect(today.intakes).toBeGreaterThan(0);
    await page.goto(`${home}/hasil-panen`);
    await page.getByText(`${today.intakes} penerimaan`, { exact: true }).waitFor();
    await openIntake();
    await pick('Petani', 'Euis', /Euis Komalasari/);
    await pick('Komoditas', 'Wortel', 'Wortel');
    await field(/^Berat kotor/).fill('20');
    await field(/^Grade A/).fill('15');
    await field(/^Grade B/).fill('6');
    await page.getByText('Kelebihan sortir').waitFor();
    expect(await page.getByTestId('remainder').textContent()).toBe('1 kg');
    await page.getByRole('button', { name: 'Periksa & hitung' }).click();
    await page.getByText('Jumlah hasil sortir 21 kg tidak sama dengan berat bersih 20 kg (selisih 1 kg)').waitFor();
    expect(await field(/^Grade A/).getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByTestId('payable').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Simpan penerimaan' }).count()).toBe(0);
  });
});

describe('farmer payouts', () => {
  test('a pengurus previews a payout run: gross, deductions and net per farmer, but cannot pay', async () => {
    const pengurus = await apiSignIn(base, 'pengurus@alamendah.kopdes.id');
    const opened = await newPage(browser, base);
    try {
      const p = opened.page;
      await signIn(p, 'pengurus@alamendah.kopdes.id');
      await p.waitForURL(/\/k\/kop_/);
      await p.goto(`${home}/hasil-panen/bayar`);
      await p.getByRole('heading', { name: 'Bayar petani', level: 1 }).waitFor();
      const from = await p.getByLabel('Dari tanggal').inputValue();
      const to = await p.getByLabel('Sampai tanggal').inputValue();
      const expected = await pengurus.get(`/api/coops/${coopId}/produce/payouts/preview?from=${from}&to=${to}`);
      expect(expected.farmers).toBeGreaterThan(0);
      await p.getByRole('button', { name: 'Tampilkan pratinjau' }).click();
      await p.getByRole('heading', { name: 'Pratinjau pembayaran' }).waitFor();
      const ujang = expected.payouts.find((l: any) => l.fullName === 'Ujang Supriatna');
      const row = p.getByRole('row').filter({ hasText: 'Ujang Supriatna' });
      await row.waitFor();
      expect(await row.textContent()).toContain(formatRupiah(BigInt(ujang.net)));
      expect(await p.getByRole('table', { name: 'Pratinjau pembayaran' }).getByRole('row').count()).toBe(expected.payouts.length + 1);
      expect(await p.locator('main').textContent()).toContain(formatRupiah(BigInt(expected.net)));
      await p.getByText('Pembayaran dibuat oleh ketua atau bendahara.').waitFor();
      expect(await p.getByRole('button', { name: 'Buat pembayaran' }).count()).toBe(0);
    } finally {
      await opened.context.close();
    }
  });
});
