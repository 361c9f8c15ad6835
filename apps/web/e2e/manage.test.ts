/**
 * Users, roles, the cooperative's profile and the audit trail, driven through the web app by the
 * ketua, and read (not changed) by the pengawas.
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
  browser = await launchChromium();
  const opened = await newPage(browser, base);
  page = opened.page;
  close = () => opened.context.close();
  await signIn(page, 'ketua@alamendah.kopdes.id');
  await page.waitForURL(/\/k\/kop_/);
  home = new URL(page.url()).pathname;
});
afterAll(async () => {
  await close?.();
  await browser?.close();
});

const dialog = () => page.getByRole('dialog');
const row = (name: string) => page.getByRole('row').filter({ hasText: name });

describe('users and roles', () => {
  test('the ketua adds a user; a taken email is shown on the email field', async () => {
    await page.goto(`${home}/pengguna`);
    await page.getByRole('button', { name: 'Tambah pengguna' }).click();
    await dialog()
      .getByLabel(/^Nama lengkap/)
      .fill('Siti Aminah');
    await dialog()
      .getByLabel(/^Email/)
      .fill('bendahara@alamendah.kopdes.id');
    await dialog()
      .getByLabel(/^Kata sandi awal/)
      .fill('kopdes-siti-2025');
    await dialog().getByRole('button', { name: 'Tambahkan' }).click();
    await dialog().getByText('Email sudah dipakai').waitFor();
    const email = dialog().getByLabel(/^Email/);
    expect(await email.getAttribute('aria-invalid')).toBe('true');

    await email.fill('siti@alamendah.kopdes.id');
    await dialog()
      .getByLabel(/^Nomor HP/)
      .fill('0812 2025 0077');
    await dialog().getByRole('button', { name: 'Tambahkan' }).click();
    await dialog().waitFor({ state: 'detached' });
    await page.getByText('Siti Aminah ditambahkan').waitFor();
    const siti = row('Siti Aminah');
    await siti.waitFor();
    expect(await siti.textContent()).toContain('0812-2025-0077');
    expect(await siti.textContent()).toContain('Anggota');
  });

  test('the ketua grants and revokes a role; the last role cannot be taken away', async () => {
    await row('Siti Aminah').getByRole('button', { name: 'Atur peran Siti Aminah' }).click();
    const anggota = dialog().getByRole('checkbox', { name: 'Anggota' });
    expect(await anggota.isChecked()).toBe(true);
    expect(await anggota.isDisabled()).toBe(true);

    await dialog().getByRole('checkbox', { name: 'Petugas' }).check();
    await page.getByText('Peran Petugas diberikan kepada Siti Aminah').waitFor();
    await expect.poll(() => anggota.isDisabled()).toBe(false);
    await anggota.uncheck();
    await page.getByText('Peran Anggota dicabut dari Siti Aminah').waitFor();
    await expect.poll(() => dialog().getByRole('checkbox', { name: 'Petugas' }).isDisabled()).toBe(true);
    await dialog().getByRole('button', { name: 'Tutup' }).click();
    await expect.poll(async () => (await row('Siti Aminah').textContent()) ?? '').toMatch(/Petugas/);
    expect(await row('Siti Aminah').textContent()).not.toContain('Anggota');
  });

  test('the ketua cannot take away their own ketua role', async () => {
    await row('Ujang Supriatna')
      .getByRole('button', { name: /^Atur peran/ })
      .click();
    expect(await dialog().getByRole('checkbox', { name: 'Ketua' }).isDisabled()).toBe(true);
    await dialog().getByText('Anda tidak dapat mencabut peran ketua Anda sendiri').waitFor();
    await dialog().getByRole('button', { name: 'Tutup' }).click();
  });
});

describe('cooperative profile', () => {
  test('the ketua edits the address', async () => {
    await page.goto(`${home}/profil`);
    await page.getByRole('button', { name: 'Ubah profil' }).click();
    await page.getByLabel(/^Alamat/).fill('Jl. Raya Ciwidey–Rancabali No. 12, Alamendah');
    await page.getByRole('button', { name: 'Simpan' }).click();
    await page.getByText('Profil koperasi tersimpan').waitFor();
    await page.getByText('Jl. Raya Ciwidey–Rancabali No. 12, Alamendah').waitFor();
  });
});

describe('audit trail', () => {
  test('lists what was done, newest first, and filters by action', async () => {
    await page.goto(`${home}/audit`);
    await page.getByRole('heading', { name: 'Jejak audit', level: 1 }).waitFor();
    const actions = async () => (await page.locator('tbody tr').allTextContents()).map((t) => t.replace(/\s+/g, ' '));
    await expect.poll(async () => (await actions())[0] ?? '').toContain('Profil koperasi diubah');
    const all = await actions();
    expect(all.some((t) => t.includes('Peran dicabut') && t.includes('Ujang Supriatna'))).toBe(true);
    expect(all.some((t) => t.includes('Pengguna ditambahkan'))).toBe(true);
    expect(all[0]).toMatch(
      /\d{1,2} (Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember) \d{4} \d{2}\.\d{2} WIB/,
    );

    await page.getByRole('textbox', { name: 'Tindakan' }).click();
    await page.getByRole('option', { name: 'Peran diberikan' }).click();
    await page.waitForURL(/tindakan=role\.grant/);
    // An empty table (the filtered page still loading) passes `every`: wait until the filtered rows are there.
    const filtered = (rows: string[]) => rows.length > 0 && rows.every((t) => t.includes('Peran diberikan'));
    await expect.poll(async () => filtered(await actions())).toBe(true);
    expect((await actions()).some((t) => t.includes('Ujang Supriatna'))).toBe(true);

    await page
      .getByRole('button', { name: /^Lihat rincian/ })
      .first()
      .click();
    await page.getByRole('dialog').getByText('petugas').waitFor();
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: 'Hapus saringan' }).click();
    await expect.poll(async () => (await actions()).length).toBe(all.length);
  });

  test('loads older records page by page', async () => {
    const ketua = await apiSignIn(base, 'ketua@alamendah.kopdes.id');
    const coopId = home.split('/')[2]!;
    const { items } = await ketua.get(`/api/coops/${coopId}/users`);
    const siti = items.find((u: any) => u.fullName === 'Siti Aminah');
    for (let i = 0; i < 30; i++) {
      expect((await ketua.send('PUT', `/api/coops/${coopId}/users/${siti.id}/roles/anggota`)).status).toBe(200);
      expect((await ketua.send('DELETE', `/api/coops/${coopId}/users/${siti.id}/roles/anggota`)).status).toBe(200);
    }
    // Every record, counted through the API's own cursor.
    let expected = 0;
    for (let cursor = ''; ;) {
      const pageOf = await ketua.get(`/api/coops/${coopId}/audit?limit=200${cursor ? `&cursor=${cursor}` : ''}`);
      expected += pageOf.items.length;
      if (!pageOf.nextCursor) break;
      cursor = pageOf.nextCursor;
    }
    expect(expected).toBeGreaterThan(60);

    await page.goto(`${home}/audit`);
    const rows = page.locator('tbody tr');
    const more = page.getByRole('button', { name: 'Muat lebih banyak' });
    await expect.poll(() => rows.count()).toBe(50);
    for (let shown = 50; shown < expected; shown = Math.min(shown + 50, expected)) {
      await more.click();
      await expect.poll(() => rows.count()).toBe(Math.min(shown + 50, expected));
    }
    expect(await more.count()).toBe(0);
    await page.getByText(`Sudah sampai catatan paling awal · ${expected} catatan ditampilkan`).waitFor();
    expect(await rows.last().textContent()).toContain('Koperasi didaftarkan');
  });

  test('a date range in the cooperative calendar that holds nothing shows the empty state', async () => {
    await page.goto(`${home}/audit?dari=2020-01-01&sampai=2020-01-31`);
    await page.getByText('Tidak ada catatan yang cocok dengan saringan').waitFor();
  });
});

describe('the pengawas', () => {
  test('reads users and the audit trail but changes nothing', async () => {
    const other = await newPage(browser, base);
    await signIn(other.page, 'pengawas@alamendah.kopdes.id');
    await other.page.waitForURL(/\/k\/kop_/);
    await other.page.goto(`${home}/pengguna`);
    await other.page.getByRole('row').filter({ hasText: 'Siti Aminah' }).waitFor();
    expect(await other.page.getByRole('button', { name: 'Tambah pengguna' }).count()).toBe(0);
    expect(await other.page.getByRole('button', { name: /^Atur peran/ }).count()).toBe(0);
    await other.page.goto(`${home}/audit`);
    await other.page.locator('tbody tr').first().waitFor();
    await other.page.goto(`${home}/profil`);
    await other.page.getByRole('heading', { name: 'Profil koperasi', level: 1 }).waitFor();
    expect(await other.page.getByRole('button', { name: 'Ubah profil' }).count()).toBe(0);
    await other.context.close();
  });
});
