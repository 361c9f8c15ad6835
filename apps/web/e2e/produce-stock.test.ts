/**
 * The produce back office on a phone: a pengurus adds a plot to a farmer (the server's refusal
 * lands on the field it names), moves part of a lot to cold storage, writes off spoilage there,
 * and finds both on the stock screen and in the lot's history with its journal entry.
 */
import { parseKg } from '@kopdes/shared/quantity';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test, vi } from 'vitest';
import { apiSignIn, type Session } from './api.js';
import { launchChromium, newPage, PHONE, signIn } from './browser.js';

const base = inject('baseUrl');
let browser: Browser;
let page: Page;
let close: () => Promise<void>;
let home: string;
let pengurus: Session;
let coopId: string;
const produce = (path: string) => `/api/coops/${coopId}/produce/${path}`;

beforeAll(async () => {
  pengurus = await apiSignIn(base, 'pengurus@alamendah.kopdes.id');
  coopId = pengurus.me.cooperatives[0].id;
  // The demo's harvests are seeded in the background after the server starts.
  await vi.waitFor(
    async () => {
      const form = await pengurus.get(produce('intake-form'));
      if (!form.farmers.length) throw new Error('the demo harvests are not seeded yet');
    },
    { timeout: 230_000, interval: 1000 },
  );
  browser = await launchChromium();
  const opened = await newPage(browser, base, PHONE);
  page = opened.page;
  close = () => opened.context.close();
  await signIn(page, 'pengurus@alamendah.kopdes.id');
  await page.waitForURL(/\/k\/kop_/);
  home = `${new URL(page.url()).pathname}/hasil-panen`;
});
afterAll(async () => {
  await close?.();
  await browser?.close();
});

const dialog = () => page.getByRole('dialog');

/** A Mantine select: type (when searchable) or open it, then click the option. */
async function choose(label: string, option: RegExp | string, typed?: string) {
  const box = dialog().getByRole('textbox', { name: label, exact: true });
  if (typed) await box.fill(typed);
  else await box.click();
  await page.getByRole('option', { name: option }).first().click();
}

describe('farmers and plots', () => {
  test('a pengurus adds a plot to a farmer; a lone latitude is refused on the longitude field', async () => {
    const euis = (await pengurus.get(produce('farmers?q=Euis'))).items[0];
    const tomat = (await pengurus.get(produce('commodities'))).items.find((c: any) => c.name === 'Tomat');
    const coop = await pengurus.get(`/api/coops/${coopId}`);
    const name = `Kebun Uji ${Date.now() % 100_000}`;

    await page.goto(`${home}/petani`);
    await page.getByRole('heading', { name: 'Petani & kebun', level: 1 }).waitFor();
    await page.getByLabel('Cari petani').fill('Euis');
    await page.getByRole('link', { name: 'Buka Euis Komalasari' }).click();
    await page.getByRole('heading', { name: 'Euis Komalasari', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Tambah lahan' }).click();
    await dialog().getByLabel('Nama lahan').fill(name);
    await dialog().getByLabel('Luas').fill('2.500');
    await dialog().getByLabel('Ketinggian').fill('1.250');
    await dialog().getByLabel('Lintang').fill('-7,1523');
    await choose('Bisa ditanami', 'Tomat', 'Tom');
    await dialog().getByLabel('Nama lahan').click(); // a multi-select stays open after a pick
    await dialog().getByRole('button', { name: 'Tambahkan lahan' }).click();
    await dialog().getByText('Isi lintang dan bujur bersama-sama, atau kosongkan keduanya').waitFor();
    expect(await dialog().getByLabel('Bujur').getAttribute('aria-invalid')).toBe('true');
    expect((await pengurus.get(produce(`farmers/${euis.memberId}`))).plots.some((p: any) => p.name === name)).toBe(false);

    await dialog().getByLabel('Bujur').fill('107,6312');
    await dialog().getByRole('button', { name: 'Tambahkan lahan' }).click();
    await dialog().waitFor({ state: 'detached' });
    const card = page.getByRole('listitem').filter({ hasText: name });
    await card.waitFor();
    expect(await card.textContent()).toContain('2.500 m²');
    expect(await card.textContent()).toContain('1.250 mdpl');

    const plot = (await pengurus.get(produce(`farmers/${euis.memberId}`))).plots.find((p: any) => p.name === name);
    expect(plot).toMatchObject({ areaM2: 2500, altitudeM: 1250, villageCode: coop.villageCode, latitude: -7.1523, longitude: 107.6312 });
    expect(plot.commodityIds).toEqual([tomat.id]);
  });
});

describe('stock movements', () => {
  test('a lot moves to cold storage, spoils there, and the stock screen and the lot history show it', async () => {
    const locations = (await pengurus.get(produce('locations'))).items;
    const house = locations.find((l: any) => l.kind === 'packing_house');
    const cold = locations.find((l: any) => l.kind === 'cold_storage');
    const tomat = (await pengurus.get(produce('commodities'))).items.find((c: any) => c.name === 'Tomat');
    const lots = (await pengurus.get(produce(`lots?commodityId=${tomat.id}&locationId=${house.id}&limit=500`))).items;
    const atHouse = (l: any) => l.places.find((p: any) => p.locationId === house.id);
    // A fresh lot with at least 3 kg in the packing house and none in cold storage yet.
    const lot = lots.find(
      (l: any) =>
        atHouse(l)?.daysLeft >= 0 && BigInt(atHouse(l).quantity.base) >= 3000n && !l.places.some((p: any) => p.locationId === cold.id),
    );
    expect(lot).toBeDefined();
    const before = BigInt(lot.onHand.base);

    await page.goto(`${home}/stok`);
    await page.getByRole('heading', { name: 'Stok hasil panen', level: 1 }).waitFor();

    // Move 2 kg; asking for more than the lot holds first is refused on the weight field.
    await page.getByRole('button', { name: 'Pindahkan', exact: true }).click();
    await choose('Komoditas', 'Tomat', 'Tomat');
    await choose('Lot', new RegExp(`^${lot.code} `), lot.code);
    expect(await dialog().getByRole('textbox', { name: 'Dari', exact: true }).inputValue()).toContain(house.name);
    await choose('Ke', cold.name);
    await dialog()
      .getByLabel(/^Berat yang dipindah/)
      .fill('99999');
    await dialog().getByRole('button', { name: 'Pindahkan' }).click();
    await dialog()
      .getByText(`Stok lot ${lot.code} di ${house.name} hanya ${atHouse(lot).quantity.text}`, { exact: false })
      .waitFor();
    expect(
      await dialog()
        .getByLabel(/^Berat yang dipindah/)
        .getAttribute('aria-invalid'),
    ).toBe('true');
    await dialog()
      .getByLabel(/^Berat yang dipindah/)
      .fill('2');
    await dialog().getByRole('button', { name: 'Pindahkan' }).click();
    await page.getByText(new RegExp(`^Tercatat PD-\\d{4}-\\d+: 2 kg lot ${lot.code} dipindah ke ${cold.name}$`)).waitFor();
    await dialog().waitFor({ state: 'detached' });

    // Half a kilo spoils in cold storage.
    await page.getByRole('button', { name: 'Susut/busuk', exact: true }).click();
    await choose('Komoditas', 'Tomat', 'Tomat');
    await choose('Lot', new RegExp(`^${lot.code} `), lot.code);
    await choose('Lokasi', `${cold.name} · 2 kg`);
    await dialog().getByText('Busuk/rusak').click();
    await dialog()
      .getByLabel(/^Berat yang hilang/)
      .fill('0,5');
    await dialog()
      .getByLabel(/^Alasan/)
      .fill('memar setelah dipindah');
    await dialog().getByRole('button', { name: 'Catat' }).click();
    await page.getByText(/^Tercatat SS-\d{4}-\d+: 0,5 kg dihapus dari stok$/).waitFor();
    await dialog().waitFor({ state: 'detached' });

    const after = await pengurus.get(produce(`lots/${lot.id}`));
    expect(BigInt(after.onHand.base)).toBe(before - parseKg('0,5'));
    expect(after.places.find((p: any) => p.locationId === cold.id).quantity.text).toBe('1,5 kg');

    // The stock screen, narrowed to cold storage, lists the lot with what is left there.
    await page.getByRole('textbox', { name: 'Lokasi', exact: true }).click();
    await page.getByRole('option', { name: cold.name }).click();
    await page.getByRole('textbox', { name: 'Komoditas', exact: true }).fill('Tomat');
    await page.getByRole('option', { name: 'Tomat' }).first().click();
    await page.getByLabel('Cari kode lot').fill(lot.code);
    const row = page.getByRole('listitem').filter({ hasText: lot.code });
    await row.waitFor();
    expect(await row.textContent()).toContain('1,5 kg');
    expect(await row.textContent()).toContain(cold.name);

    // The lot's history has both movements; the loss opens with its journal entry.
    await row.getByRole('button', { name: `Rincian lot ${lot.code}` }).click();
    await page.getByRole('heading', { name: `Lot ${lot.code}`, level: 1 }).waitFor();
    await page.getByText(`${cold.name} · 1,5 kg`).waitFor();
    const moves = page.getByRole('list', { name: 'Riwayat gerakan' }).getByRole('listitem');
    await moves.filter({ hasText: 'Pindah masuk' }).waitFor();
    const loss = moves.filter({ hasText: 'Busuk/rusak: memar setelah dipindah' });
    await loss.getByRole('button', { name: 'Lihat' }).click();
    await dialog()
      .getByText(/^Jurnal /)
      .waitFor();
    expect(await dialog().textContent()).toContain('-0,5 kg');
  });
});
