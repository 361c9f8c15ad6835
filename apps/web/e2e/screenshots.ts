/**
 * Screenshots of the main pages at desktop and phone width, for looking at the app as a person
 * would: `node --import tsx apps/web/e2e/screenshots.ts http://127.0.0.1:3000 /tmp/kopdes-shots`
 * against a server started with `kopdes serve --demo`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DESKTOP, launchChromium, newPage, PHONE, signIn } from './browser.js';

const [base = 'http://127.0.0.1:3000', out = 'screenshots'] = process.argv.slice(2);
fs.mkdirSync(out, { recursive: true });
const browser = await launchChromium();
try {
  for (const [name, viewport] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    const { context, page } = await newPage(browser, base, viewport);
    const shot = async (what: string) => {
      await page.waitForLoadState('networkidle');
      await page.screenshot({ path: path.join(out, `${name}-${what}.png`), fullPage: true });
    };
    await page.goto('/masuk');
    await page.getByRole('button', { name: 'Masuk' }).waitFor();
    await shot('sign-in');
    await signIn(page, 'ketua@alamendah.kopdes.id', 'bukan-kata-sandinya');
    await page.getByRole('alert').waitFor();
    await shot('sign-in-error');
    await signIn(page, 'ketua@alamendah.kopdes.id');
    await page.waitForURL(/\/k\/kop_/);
    await page.getByRole('heading', { name: /^Selamat/, level: 1 }).waitFor();
    await shot('home');
    const coopUrl = new URL(page.url()).pathname;
    await page.goto(`${coopUrl}/pengguna`);
    await page.getByRole('heading', { name: 'Pengguna & peran', level: 1 }).waitFor();
    await shot('users');
    await page.goto(`${coopUrl}/audit`);
    await page.getByRole('heading', { name: 'Jejak audit', level: 1 }).waitFor();
    await shot('audit');
    await page.goto(`${coopUrl}/profil`);
    await page.getByRole('heading', { name: 'Profil koperasi', level: 1 }).waitFor();
    await shot('profile');
    await page.goto(`${coopUrl}/pengguna`);
    await page.getByRole('button', { name: 'Tambah pengguna' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Tambahkan' }).click();
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(out, `${name}-add-user.png`) });
    await page.keyboard.press('Escape');
    await page.goto(coopUrl);
    if (viewport === PHONE) {
      await page.getByRole('button', { name: 'Buka menu' }).click();
      await page.waitForTimeout(400);
      await page.screenshot({ path: path.join(out, `${name}-menu.png`) });
    }
    await page.getByText('EN', { exact: true }).filter({ visible: true }).click();
    await page.getByRole('heading', { name: /^Good/, level: 1 }).waitFor();
    await shot('home-en');
    await page.getByText('ID', { exact: true }).filter({ visible: true }).click();
    await page.waitForFunction(() => document.documentElement.lang === 'id');
    await context.close();
  }
} finally {
  await browser.close();
}
console.log(`screenshots in ${out}`);
