/**
 * The web shell in a real Chromium against the real server: signing in and out, language,
 * cooperative switcher, what each role sees, and a 360-pixel phone.
 */
import { formatDateId, todayIn } from '@kopdes/shared/format';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { apiSignIn, failSignIns, kopdes } from './api.js';
import { fillSignIn, launchChromium, newPage, PHONE, signIn } from './browser.js';

const base = inject('baseUrl');
const serverEnv = inject('serverEnv');
let browser: Browser;

const COOP_URL = /\/k\/kop_[0-9A-HJKMNP-TV-Z]{26}$/;
const DATE_ID =
  /^(Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu), \d{1,2} (Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember) \d{4}$/;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

/** Console errors and uncaught exceptions (a CSP violation is one). */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    // Asking `me` while signed out is answered 401 by design; the browser logs every such answer.
    if (m.type() === 'error' && !/status of 401/.test(m.text())) errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

const h1 = (page: Page) => page.getByRole('heading', { level: 1 });
const nav = (page: Page) => page.getByRole('navigation', { name: /^(Menu utama|Main menu)$/ });
const visibleText = (page: Page, text: string) => page.getByText(text, { exact: true }).filter({ visible: true });

describe('signing in', () => {
  test('the ketua lands on the home page of the cooperative, in Bahasa Indonesia', async () => {
    const { context, page } = await newPage(browser, base);
    const errors = watchErrors(page);
    await page.goto('/');
    await page.waitForURL(/\/masuk$/);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('id');
    expect(await h1(page).textContent()).toBe('Masuk');

    await signIn(page, 'ketua@alamendah.kopdes.id');
    await page.waitForURL(COOP_URL);
    await expect.poll(() => h1(page).textContent()).toMatch(/^Selamat (pagi|siang|sore|malam), Ujang$/);
    await page.getByRole('heading', { name: 'Koperasi Desa Merah Putih Alamendah' }).waitFor();

    const today = (await page.getByTestId('today').textContent())!.trim();
    expect(today).toMatch(DATE_ID);
    // The cooperative's calendar (WIB), written the Indonesian way: "28 November 2026".
    const wib = todayIn('Asia/Jakarta');
    expect(today.endsWith(formatDateId(wib))).toBe(true);
    await visibleText(page, 'WIB (UTC+7)').waitFor();
    await visibleText(page, 'Alamendah').waitFor();
    await visibleText(page, 'Rancabali').waitFor();
    await visibleText(page, 'Kabupaten Bandung').waitFor();
    await visibleText(page, 'Jawa Barat').waitFor();

    const links = await nav(page).getByRole('link').allTextContents();
    expect(links).toEqual([
      'Beranda',
      'Hasil panen',
      'Pola tanam',
      'Penjualan',
      'Anggota',
      'Simpanan',
      'Simpanan saya',
      'Buku besar',
      'Jejaring & magang',
      'Pengguna & peran',
      'Jejak audit',
      'Profil koperasi',
    ]);
    expect(errors).toEqual([]);
    await context.close();
  });

  test('a wrong password is refused with a message; a malformed identifier is named on its field', async () => {
    const { context, page } = await newPage(browser, base);
    await signIn(page, 'ketua@alamendah.kopdes.id', 'bukan-kata-sandinya');
    await page.getByRole('alert').filter({ hasText: 'Email/nomor HP atau kata sandi salah' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/masuk');

    await page.getByLabel('Email atau nomor HP').fill('12ab');
    await page.getByRole('button', { name: 'Masuk' }).click();
    const field = page.getByLabel('Email atau nomor HP');
    await expect.poll(() => field.getAttribute('aria-invalid')).toBe('true');
    await page.getByText('Masukkan email atau nomor HP (08…)').waitFor();

    await page.getByLabel('Email atau nomor HP').fill('');
    await page.getByLabel(/^Kata sandi/).fill('');
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.getByText('Isi email atau nomor HP').waitFor();
    await page.getByText('Isi kata sandi').waitFor();
    await context.close();
  });

  test('after too many failed attempts the page says how long to wait', async () => {
    // An account no other test signs in with: the block lasts 15 minutes on the shared server.
    await failSignIns(base, 'tamu@alamendah.kopdes.id', 10);
    const { context, page } = await newPage(browser, base);
    await signIn(page, 'tamu@alamendah.kopdes.id');
    const alert = page.getByRole('alert').filter({ hasText: 'Terlalu banyak percobaan' });
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/Coba lagi dalam 1[45] menit\./);
    expect(await page.getByRole('button', { name: 'Masuk' }).isDisabled()).toBe(true);
    await context.close();
  });

  test('signing out ends the session; a cooperative page then asks to sign in and comes back', async () => {
    const { context, page } = await newPage(browser, base);
    await signIn(page, 'ketua@alamendah.kopdes.id');
    await page.waitForURL(COOP_URL);
    const home = new URL(page.url()).pathname;
    await page.getByRole('button', { name: /^Menu akun Ujang Supriatna/ }).click();
    await page.getByRole('menuitem', { name: 'Keluar' }).click();
    await page.waitForURL(/\/masuk$/);
    const cookies = await context.cookies();
    expect(cookies.find((c) => c.name === 'kopdes_session')).toBeUndefined();

    await page.goto(`${home}/audit`);
    await page.waitForURL(/\/masuk\?next=/);
    await fillSignIn(page, 'ketua@alamendah.kopdes.id');
    await page.waitForURL(new RegExp(`${home}/audit$`));
    await page.getByRole('heading', { name: 'Jejak audit', level: 1 }).waitFor();
    await context.close();
  });
});

describe('language', () => {
  test('switches to English and back, and the choice follows the person to another device', async () => {
    const { context, page } = await newPage(browser, base);
    await signIn(page, 'pengurus@alamendah.kopdes.id');
    await page.waitForURL(COOP_URL);
    await expect.poll(() => h1(page).textContent()).toMatch(/^Selamat .*, Dadang$/);

    await visibleText(page, 'EN').click();
    await expect.poll(() => h1(page).textContent()).toMatch(/^Good (morning|afternoon|evening), Dadang$/);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await nav(page).getByRole('link').allTextContents()).toEqual([
      'Home',
      'Produce',
      'Planting plan',
      'Sales',
      'Members',
      'Savings',
      'My savings',
      'General ledger',
      'Network & internship',
      'Users & roles',
      'Audit trail',
      'Cooperative profile',
    ]);
    // Dates keep day-month-year; Rupiah and the zone label stay Indonesian.
    expect((await page.getByTestId('today').textContent())!.trim()).toMatch(
      /^(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), \d{1,2} [A-Z][a-z]+ \d{4}$/,
    );

    await page.reload();
    await expect.poll(() => h1(page).textContent()).toMatch(/^Good .*, Dadang$/);

    // Another browser, no local choice: the server remembered English.
    const other = await newPage(browser, base);
    await signIn(other.page, 'pengurus@alamendah.kopdes.id');
    await other.page.waitForURL(COOP_URL);
    await expect.poll(() => h1(other.page).textContent()).toMatch(/^Good .*, Dadang$/);
    await other.context.close();

    await visibleText(page, 'ID').click();
    await expect.poll(() => h1(page).textContent()).toMatch(/^Selamat .*, Dadang$/);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('id');
    await expect.poll(async () => (await apiSignIn(base, 'pengurus@alamendah.kopdes.id')).me.locale).toBe('id');
    await context.close();
  });
});

describe('cooperative switcher', () => {
  let ubud: { id: string; name: string };

  beforeAll(async () => {
    // The ministry registers a second cooperative (in Bali: WITA) and the ketua becomes its bendahara.
    const admin = await apiSignIn(base, 'admin@kemenkop.kopdes.id');
    const { items } = await admin.get('/api/areas/villages?q=ubud&limit=5');
    const village = items.find((v: any) => v.province.code === '51');
    const created = await admin.send('POST', '/api/admin/cooperatives', {
      name: 'Koperasi Kelurahan Merah Putih Ubud',
      villageCode: village.code,
      timeZone: 'Asia/Makassar',
    });
    expect(created.status).toBe(201);
    ubud = created.body;
    await kopdes(serverEnv, 'user', 'grant', '--email', 'ketua@alamendah.kopdes.id', '--coop', ubud.id, '--role', 'bendahara');
  });

  test('opens the other cooperative, with its own zone and what the role there allows', async () => {
    const { context, page } = await newPage(browser, base);
    await signIn(page, 'ketua@alamendah.kopdes.id');
    await page.waitForURL(COOP_URL);
    const alamendah = new URL(page.url()).pathname;

    await nav(page).getByRole('link', { name: 'Pengguna & peran' }).click();
    await page.getByRole('button', { name: 'Tambah pengguna' }).waitFor();

    await page.getByRole('button', { name: /^Ganti koperasi/ }).click();
    await page.getByRole('menuitem', { name: /Koperasi Kelurahan Merah Putih Ubud/ }).click();
    // Same page in the other cooperative: a bendahara may read users but not manage them.
    await page.waitForURL(`${base}/k/${ubud.id}/pengguna`);
    await page.getByText('Hanya ketua dan pengurus yang dapat menambah pengguna', { exact: false }).waitFor();
    expect(await page.getByRole('button', { name: 'Tambah pengguna' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Ganti koperasi/ }).textContent()).toContain('KKMP Ubud');

    await nav(page).getByRole('link', { name: 'Beranda' }).click();
    await page.getByRole('heading', { name: 'Koperasi Kelurahan Merah Putih Ubud' }).waitFor();
    await visibleText(page, 'WITA (UTC+8)').waitFor();
    await visibleText(page, 'Kabupaten Gianyar').waitFor();
    expect((await page.getByTestId('today').textContent())!.trim().endsWith(formatDateId(todayIn('Asia/Makassar')))).toBe(true);
    // A bendahara reads the profile but cannot edit it.
    await nav(page).getByRole('link', { name: 'Profil koperasi' }).click();
    await visibleText(page, 'WITA — Waktu Indonesia Tengah (UTC+8)').waitFor();
    expect(await page.getByRole('button', { name: 'Ubah profil' }).count()).toBe(0);

    await page.getByRole('button', { name: /^Ganti koperasi/ }).click();
    await page.getByRole('menuitem', { name: /Koperasi Desa Merah Putih Alamendah/ }).click();
    await page.waitForURL(`${base}${alamendah}/profil`);
    await page.getByRole('button', { name: 'Ubah profil' }).waitFor();

    // The last cooperative opened is where the next visit lands.
    await page.goto(`/k/${ubud.id}`);
    await page.getByRole('heading', { name: 'Koperasi Kelurahan Merah Putih Ubud' }).waitFor();
    await page.goto('/');
    await page.waitForURL(`${base}/k/${ubud.id}`);
    await context.close();
  });
});

describe('roles', () => {
  test('an anggota sees neither users nor the audit trail, and cannot open them by address', async () => {
    const { context, page } = await newPage(browser, base);
    await signIn(page, 'anggota@alamendah.kopdes.id');
    await page.waitForURL(COOP_URL);
    const home = new URL(page.url()).pathname;
    await expect.poll(() => h1(page).textContent()).toMatch(/Iwan$/);
    const links = await nav(page).getByRole('link').allTextContents();
    expect(links).not.toContain('Pengguna & peran');
    expect(links).not.toContain('Jejak audit');
    expect(await page.getByRole('link', { name: /Jejak audit|Pengguna & peran/ }).count()).toBe(0);

    await page.goto(`${home}/audit`);
    await page.getByText('Tidak ada akses').waitFor();
    await page.goto('/k/kop_00000000000000000000000000');
    await page.getByText('Halaman tidak ditemukan').waitFor();
    await context.close();
  });
});

describe('on a 360-pixel phone', () => {
  test('nothing scrolls sideways and the menu opens from the burger', async () => {
    const { context, page } = await newPage(browser, base, PHONE);
    const scrollWidth = () => page.evaluate(() => document.scrollingElement!.scrollWidth);
    await page.goto('/masuk');
    await page.getByRole('button', { name: 'Masuk' }).waitFor();
    expect(await scrollWidth()).toBeLessThanOrEqual(360);

    await signIn(page, 'ketua@alamendah.kopdes.id');
    await page.waitForURL(COOP_URL);
    const home = new URL(page.url()).pathname;
    await page.getByRole('heading', { name: 'Koperasi Desa Merah Putih Alamendah' }).waitFor();
    expect(await scrollWidth()).toBeLessThanOrEqual(360);

    const usersLink = nav(page).getByRole('link', { name: 'Pengguna & peran' });
    const onScreen = async () => {
      const box = await usersLink.boundingBox();
      return !!box && box.x >= 0 && box.x + box.width <= 360;
    };
    expect(await onScreen()).toBe(false);
    await page.getByRole('button', { name: 'Buka menu' }).click();
    await expect.poll(onScreen).toBe(true);
    await usersLink.click();
    await page.waitForURL(`${base}${home}/pengguna`);
    await expect.poll(onScreen).toBe(false);
    // Rows become cards on a phone.
    await page.getByRole('listitem').filter({ hasText: 'Euis Komalasari' }).waitFor();
    expect(await page.locator('table').count()).toBe(0);
    expect(await scrollWidth()).toBeLessThanOrEqual(360);

    await page.goto(`${home}/audit`);
    await page.getByRole('heading', { name: 'Jejak audit', level: 1 }).waitFor();
    await page.getByRole('listitem').first().waitFor();
    expect(await scrollWidth()).toBeLessThanOrEqual(360);
    await page.goto(`${home}/profil`);
    await page.getByRole('heading', { name: 'Profil koperasi', level: 1 }).waitFor();
    expect(await scrollWidth()).toBeLessThanOrEqual(360);
    await context.close();
  });
});
