/**
 * Savings through the web app: the bendahara finds a member by name, deposits sukarela, sees the
 * balance and the receipt, is refused a withdrawal above the balance on the amount field, and
 * reverses the deposit; a member signed in as anggota sees their own savings and nobody else's.
 */
import { formatRupiah } from '@kopdes/shared/money';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { apiSignIn, type Session } from './api.js';
import { launchChromium, newPage, signIn } from './browser.js';

const base = inject('baseUrl');
let browser: Browser;
let page: Page;
let context: BrowserContext;
let home: string;
let coopId: string;
let bendahara: Session;
/** A demo member who is not one of the demo users, picked from the API. */
let member: { id: string; number: number; fullName: string };

beforeAll(async () => {
  bendahara = await apiSignIn(base, 'bendahara@alamendah.kopdes.id');
  coopId = bendahara.me.cooperatives[0].id;
  // The demo's members are seeded in the background after the server starts (minutes on a busy
  // machine, hence the long hook timeout): wait for them.
  for (let until = Date.now() + 360_000; (await bendahara.get(`/api/coops/${coopId}/members?limit=1`)).total < 100;) {
    if (Date.now() > until) throw new Error('the demo members were not seeded within 360 s');
    await new Promise((r) => setTimeout(r, 1000));
  }
  const { items } = await bendahara.get(`/api/coops/${coopId}/members?status=active&limit=40`);
  member = items.find((m: any) => m.number > 10 && items.filter((o: any) => o.fullName === m.fullName).length === 1);
  browser = await launchChromium();
  const opened = await newPage(browser, base);
  page = opened.page;
  context = opened.context;
  await signIn(page, 'bendahara@alamendah.kopdes.id');
  await page.waitForURL(/\/k\/kop_/);
  home = new URL(page.url()).pathname;
}, 420_000);
afterAll(async () => {
  await context?.close();
  await browser?.close();
});

const sukarela = async (memberId: string): Promise<bigint> =>
  BigInt((await bendahara.get(`/api/coops/${coopId}/members/${memberId}/savings`)).balances.sukarela);
const dialog = () => page.getByRole('dialog');
const balanceTile = (kind: string) => page.locator(`[data-balance="${kind}"]`);

describe('the bendahara at the counter', () => {
  let before: bigint;

  test('finds a member by name, deposits sukarela, sees the balance and the receipt', async () => {
    before = await sukarela(member.id);
    await page.goto(`${home}/anggota`);
    await page.getByRole('searchbox', { name: 'Cari anggota' }).fill(member.fullName);
    await page.getByRole('link', { name: `Buka ${member.fullName}` }).click();
    await page.getByRole('heading', { name: member.fullName, level: 1 }).waitFor();
    await expect.poll(() => balanceTile('sukarela').textContent()).toBe(formatRupiah(before));

    await page.getByRole('button', { name: 'Setor', exact: true }).click();
    await dialog().getByRole('radio', { name: 'Sukarela' }).check({ force: true });
    await dialog()
      .getByLabel(/^Jumlah/)
      .fill('75.000');
    await dialog().getByRole('button', { name: 'Simpan setoran' }).click();
    await dialog().waitFor({ state: 'detached' });
    await page.getByText(new RegExp(`Setoran Rp 75\\.000 untuk ${member.fullName} tercatat — KWT-`)).waitFor();
    await expect.poll(() => balanceTile('sukarela').textContent()).toBe(formatRupiah(before + 75_000n));
    expect(await sukarela(member.id)).toBe(before + 75_000n);

    const first = page.locator('tbody tr').first();
    await expect.poll(async () => (await first.textContent()) ?? '').toContain('Rp 75.000');
    expect(await first.textContent()).toContain('Setoran');
    const receipt = first.getByRole('link', { name: /^Kuitansi .* \(PDF\)$/ });
    const href = await receipt.getAttribute('href');
    const res = await page.request.get(href!);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toBe('application/pdf');
    expect((await res.body()).subarray(0, 4).toString('latin1')).toBe('%PDF');
    const passbook = await page.request.get((await page.getByRole('link', { name: 'Buku simpanan (PDF)' }).getAttribute('href'))!);
    expect((await passbook.body()).subarray(0, 4).toString('latin1')).toBe('%PDF');
  });

  test('a withdrawal above the balance is refused, with the message on the amount field', async () => {
    const balance = await sukarela(member.id);
    await page.getByRole('button', { name: 'Tarik', exact: true }).click();
    await dialog()
      .getByText(`Saldo sukarela tersedia: ${formatRupiah(balance)}`)
      .waitFor();
    const amount = dialog().getByLabel(/^Jumlah/);
    await amount.fill(String(balance + 1n));
    await dialog().getByRole('button', { name: 'Simpan penarikan' }).click();
    await dialog()
      .getByText(`Saldo simpanan sukarela tidak cukup: tersedia ${formatRupiah(balance)}`)
      .waitFor();
    expect(await amount.getAttribute('aria-invalid')).toBe('true');
    await dialog().getByRole('button', { name: 'Batal' }).click();
    expect(await sukarela(member.id)).toBe(balance);
  });

  test('a deposit is corrected by a reversal with a reason', async () => {
    const row = page.locator('tbody tr').filter({ hasText: 'Rp 75.000' }).first();
    await row.getByRole('button', { name: /^Koreksi KWT-/ }).click();
    await dialog().getByRole('button', { name: 'Simpan koreksi' }).click();
    await dialog().getByText('Mis. salah ketik jumlah').first().waitFor();
    await dialog()
      .getByLabel(/^Alasan koreksi/)
      .fill('Salah anggota, seharusnya disetor atas nama istrinya');
    await dialog().getByRole('button', { name: 'Simpan koreksi' }).click();
    await dialog().waitFor({ state: 'detached' });
    await expect.poll(() => balanceTile('sukarela').textContent()).toBe(formatRupiah(before));
    await page.locator('tbody tr').filter({ hasText: 'Koreksi (pembatalan)' }).first().waitFor();
    await page.getByText('Sudah dikoreksi').first().waitFor();
  });

  test('the arrears list shows who is behind on wajib; billing a month twice bills once', async () => {
    await page.goto(`${home}/simpanan/tunggakan`);
    await page.getByText(/anggota menunggak, Rp /).waitFor();
    await expect.poll(() => page.locator('tbody tr').count()).toBeGreaterThan(0);
    const billed = page.getByText(/^Tagihan .* (anggota baru ditagih|sudah dibuat sebelumnya)/);
    const already = page.getByText(/sudah dibuat sebelumnya; tidak ada tagihan baru/);
    await page.getByRole('button', { name: 'Buat tagihan' }).click();
    await billed.first().waitFor();
    const before = await already.count();
    await page.getByRole('button', { name: 'Buat tagihan' }).click();
    await expect.poll(() => already.count()).toBeGreaterThan(before);
  });

  test('the settings show the amounts in force; new amounts from a later date join the history', async () => {
    await page.goto(`${home}/simpanan/pengaturan`);
    await page.getByText('Yang berlaku sekarang').waitFor();
    await page.getByText('Rp 100.000', { exact: true }).first().waitFor();
    const nextYear = String(Number(new Date().toISOString().slice(0, 4)) + 1);
    await page.getByLabel('Berlaku mulai').fill(`${nextYear}-01-01`);
    await page.getByLabel('Simpanan wajib', { exact: false }).fill('0');
    await page.getByRole('button', { name: 'Simpan pengaturan' }).click();
    await page.getByText('Isi jumlah rupiah bulat lebih dari 0', { exact: false }).waitFor();
    await page.getByLabel('Simpanan wajib', { exact: false }).fill('25.000');
    await page.getByRole('button', { name: 'Simpan pengaturan' }).click();
    await page.getByText('Pengaturan simpanan disimpan').waitFor();
    await page.getByText(`1 Januari ${nextYear}`).first().waitFor();
    await page.getByText('Rp 25.000').first().waitFor();
  });
});

describe('the member at home', () => {
  test('the anggota sees their own savings only', async () => {
    const iwan = await apiSignIn(base, 'anggota@alamendah.kopdes.id');
    const mine = await iwan.get(`/api/coops/${coopId}/me/savings`);
    const { context: ctx, page: p } = await newPage(browser, base);
    try {
      await signIn(p, 'anggota@alamendah.kopdes.id');
      await p.waitForURL(/\/k\/kop_/);
      await p.getByRole('link', { name: 'Simpanan saya' }).first().click();
      await p.getByRole('heading', { name: 'Simpanan saya', level: 1 }).waitFor();
      await p.getByText(/Iwan Setiawan · Nomor anggota 0004/).waitFor();
      await expect.poll(() => p.locator('[data-balance="total"]').textContent()).toBe(formatRupiah(BigInt(mine.balances.total)));
      const rows = p.locator('table').first().locator('tbody tr');
      await expect.poll(() => rows.count()).toBeGreaterThan(0);
      // Own receipts open; the list has no member column because every row is theirs.
      const href = await rows
        .first()
        .getByRole('link', { name: /^Kuitansi / })
        .getAttribute('href');
      expect(href).toContain('/me/savings/');
      const pdf = await p.request.get(href!);
      expect((await pdf.body()).subarray(0, 4).toString('latin1')).toBe('%PDF');
      expect(await p.locator('table').first().locator('th').allTextContents()).not.toContain('Anggota');

      // Someone else's receipt through the self-service route: not found.
      const { items } = await bendahara.get(`/api/coops/${coopId}/savings/transactions?memberId=${member.id}&limit=1`);
      const other = await p.request.get(`/api/coops/${coopId}/me/savings/transactions/${items[0].id}/receipt.pdf`);
      expect(other.status()).toBe(404);

      // The cooperative's member and savings pages are closed to them.
      expect(await p.getByRole('link', { name: 'Anggota', exact: true }).count()).toBe(0);
      await p.goto(`${home}/simpanan`);
      await p.getByText('Tidak ada akses').waitFor();
      await p.goto(`${home}/anggota/${member.id}`);
      await p.getByText('Tidak ada akses').waitFor();
    } finally {
      await ctx.close();
    }
  });
});
