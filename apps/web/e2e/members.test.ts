/**
 * The member registry through the web app: the bendahara adds a member (NIK checked on the field,
 * sex and birth date filled from it) and dry-runs an import of a small CSV to see a report per row.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { apiSignIn } from './api.js';
import { launchChromium, newPage, signIn } from './browser.js';

const base = inject('baseUrl');
let browser: Browser;
let page: Page;
let close: () => Promise<void>;
let home: string;

beforeAll(async () => {
  // The demo's members are seeded in the background after the server starts (minutes on a busy
  // machine, hence the long hook timeout): wait for them.
  const bendahara = await apiSignIn(base, 'bendahara@alamendah.kopdes.id');
  const coopId = bendahara.me.cooperatives[0].id;
  for (let until = Date.now() + 360_000; (await bendahara.get(`/api/coops/${coopId}/members?limit=1`)).total < 100;) {
    if (Date.now() > until) throw new Error('the demo members were not seeded within 360 s');
    await new Promise((r) => setTimeout(r, 1000));
  }
  browser = await launchChromium();
  const opened = await newPage(browser, base);
  page = opened.page;
  close = () => opened.context.close();
  await signIn(page, 'bendahara@alamendah.kopdes.id');
  await page.waitForURL(/\/k\/kop_/);
  home = new URL(page.url()).pathname;
}, 420_000);
afterAll(async () => {
  await close?.();
  await browser?.close();
});

describe('adding a member', () => {
  test('a wrong NIK is shown on the NIK field; a right one fills sex and birth date', async () => {
    await page.goto(`${home}/anggota`);
    await page.getByRole('link', { name: 'Tambah anggota' }).click();
    await page.getByRole('heading', { name: 'Tambah anggota', level: 1 }).waitFor();
    const nik = page.getByLabel(/^NIK/);
    // Day 32 of month 13 is no birth date.
    await nik.fill('3204403213900001');
    await page.getByLabel(/^Nama lengkap/).fill('Nining Kurniasih');
    await page.getByText('Tanggal lahir pada NIK tidak valid').waitFor();
    expect(await nik.getAttribute('aria-invalid')).toBe('true');
    await page.getByRole('button', { name: 'Simpan anggota' }).click();
    await expect.poll(() => nik.getAttribute('aria-invalid')).toBe('true');
    expect(page.url()).toMatch(/\/anggota\/baru$/);

    // 57 = day 17 + 40: a woman born 17 August 1990, registered in Kab. Bandung.
    await nik.fill('3204405708909901');
    await page.getByText(/NIK sah: .*Bandung/).waitFor();
    expect(await nik.getAttribute('aria-invalid')).not.toBe('true');
    expect(await page.getByRole('textbox', { name: 'Jenis kelamin' }).inputValue()).toBe('Perempuan');
    expect(await page.getByLabel('Tanggal lahir').inputValue()).toBe('1990-08-17');
    await page.getByLabel(/^Nomor HP/).fill('0813 2025 9901');
    await page.getByRole('button', { name: 'Simpan anggota' }).click();
    await page.getByRole('heading', { name: 'Nining Kurniasih', level: 1 }).waitFor();
    await page.getByText(/Nining Kurniasih ditambahkan sebagai anggota \d{4}/).waitFor();
    await page.getByText('0813-2025-9901').waitFor();
    await page.getByText('17 Agustus 1990').waitFor();

    // The same NIK again is refused on the field.
    await page.goto(`${home}/anggota/baru`);
    await page.getByLabel(/^NIK/).fill('3204405708909901');
    await page.getByText(/NIK sudah terdaftar untuk anggota \d{4} Nining Kurniasih/).waitFor();
  });

  test('the list finds the new member by NIK and by phone, and filters by status', async () => {
    await page.goto(`${home}/anggota`);
    const search = page.getByRole('searchbox', { name: 'Cari anggota' });
    await search.fill('3204405708909901');
    await page.waitForURL(/q=3204405708909901/);
    await page.getByRole('link', { name: 'Buka Nining Kurniasih' }).waitFor();
    await expect.poll(() => page.getByRole('link', { name: /^Buka / }).count()).toBe(1);
    await search.fill('0813-2025-9901');
    await page.getByRole('link', { name: 'Buka Nining Kurniasih' }).waitFor();
    await search.fill('');
    await page.getByRole('textbox', { name: 'Status' }).click();
    await page.getByRole('option', { name: 'Calon anggota' }).click();
    await page.waitForURL(/status=applicant/);
    const badges = page.locator('tbody tr');
    await expect.poll(() => badges.count()).toBeGreaterThan(0);
    expect((await badges.allTextContents()).every((t) => t.includes('Calon anggota'))).toBe(true);
  });
});

describe('import', () => {
  test('a dry run of a small CSV shows what each row would do; valid rows then import', async () => {
    await page.goto(`${home}/anggota/impor`);
    const csv = [
      'Daftar anggota baru',
      'Nama Lengkap;NIK;L/P;Tgl Lahir;No HP',
      'Hj. Euis Rohaeti;3204406103859902;P;21/03/1985;0812-2025-9902',
      'Asep Gunawan;3204401502889;L;15/02/1988;0812-2025-9903',
      'Cucu Suryani;3.20441E+15;P;01/01/1990;',
    ].join('\n');
    await page.locator('input[type=file]').setInputFiles({ name: 'anggota-baru.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: 'Periksa berkas' }).click();
    await page.getByText('3 baris dibaca dari anggota-baru.csv (judul di baris 2)').waitFor();
    await page.getByText('1 baris siap diimpor').waitFor();
    await page.getByText('2 baris bermasalah').waitFor();
    await page.getByRole('switch', { name: 'Tampilkan baris bermasalah saja' }).uncheck();
    const row = (n: number) => page.locator('tbody tr').filter({ has: page.locator('td', { hasText: new RegExp(`^${n}$`) }) });
    await expect.poll(async () => (await row(3).textContent()) ?? '').toContain('Akan dibuat');
    expect(await row(3).textContent()).toContain('Euis Rohaeti');
    expect(await row(4).textContent()).toContain('Salah');
    expect(await row(4).textContent()).toContain('NIK harus 16 digit angka');
    expect(await row(5).textContent()).toContain('Salah');
    expect(await row(5).textContent()).toMatch(/notasi ilmiah .* digit terakhirnya hilang/);
    expect(await page.getByRole('button', { name: /^Impor semua/ }).isDisabled()).toBe(true);

    await page.getByRole('button', { name: 'Impor 1 baris benar saja' }).click();
    await page.getByText('1 anggota berhasil diimpor').waitFor();
    await page.getByRole('link', { name: 'Lihat daftar anggota' }).click();
    await page.getByRole('searchbox', { name: 'Cari anggota' }).fill('Euis Rohaeti');
    await page.getByRole('link', { name: 'Buka Euis Rohaeti' }).waitFor();
  });
});
