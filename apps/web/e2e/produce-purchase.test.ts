/**
 * Buying produce from another cooperative when the members' harvest falls short: the ketua follows
 * planning's shortfall warning to the cooperatives nearby, makes one a supplier, records a purchase
 * on credit on a phone (a bad weight is refused on its own field first), and finds it unpaid; the
 * bendahara pays it and it shows as paid, with nothing left owed.
 */
import { formatNumberId, formatRupiah } from '@kopdes/shared/money';
import { amountForGrams, parseKg } from '@kopdes/shared/quantity';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test, vi } from 'vitest';
import { apiSignIn, kopdes, type Session } from './api.js';
import { DEMO_PASSWORD, DESKTOP, launchChromium, newPage, PHONE, signIn } from './browser.js';

const base = inject('baseUrl');
const serverEnv = inject('serverEnv');
const SUPPLIER = 'Koperasi Desa Merah Putih Patengan';
let browser: Browser;
let page: Page;
let close: () => Promise<void>;
let home: string;
let ketua: Session;
let coopId: string;
let registryId: string;
let warning: any;
let shortfall: { commodity: any; kg: string };
const produce = (path: string) => `/api/coops/${coopId}/produce/${path}`;

beforeAll(async () => {
  ketua = await apiSignIn(base, 'ketua@alamendah.kopdes.id');
  coopId = ketua.me.cooperatives[0].id;
  // The demo's harvests and plan are seeded in the background after the server starts.
  await vi.waitFor(
    async () => {
      const form = await ketua.get(produce('intake-form'));
      const seasons = await ketua.get(`/api/coops/${coopId}/planning/seasons`);
      if (!form.farmers.length || !seasons.items.some((s: any) => s.activePlanId)) throw new Error('the demo is not seeded yet');
    },
    { timeout: 230_000, interval: 1000 },
  );
  // The shortfall to buy for: of the three warnings the page shows first, one of a commodity weighed in kg.
  const season = (await ketua.get(`/api/coops/${coopId}/planning/seasons`)).items.find((s: any) => s.activePlanId);
  const warnings = (await ketua.get(`/api/coops/${coopId}/planning/plans/${season.activePlanId}/warnings`)).warnings;
  const commodities = (await ketua.get(produce('commodities'))).items;
  warning = warnings
    .slice(0, 3)
    .find(
      (w: any) =>
        w.options.some((o: any) => o.kind === 'buy_from_other_coop') &&
        commodities.some((c: any) => c.code === w.commodity && c.unit === 'kg' && c.active),
    );
  expect(warning).toBeDefined();
  const grams = BigInt(warning.options.find((o: any) => o.kind === 'buy_from_other_coop').grams);
  shortfall = { commodity: commodities.find((c: any) => c.code === warning.commodity), kg: ((grams + 999n) / 1000n).toString() };
  await seedSupplier();

  browser = await launchChromium();
  const opened = await newPage(browser, base, PHONE);
  page = opened.page;
  close = () => opened.context.close();
  await signIn(page, 'ketua@alamendah.kopdes.id');
  await page.waitForURL(/\/k\/kop_/);
  home = new URL(page.url()).pathname;
});

/**
 * A village cooperative in the same district (Kec. Rancabali) in the network registry, with an
 * agribusiness unit and a chair to call, that runs kopdes too and took the short commodity in today.
 */
async function seedSupplier() {
  const admin = await apiSignIn(base, 'admin@kemenkop.kopdes.id');
  const made = await admin.send('POST', '/api/admin/network/cooperatives', {
    cooperative: { name: SUPPLIER, villageCode: '32.04.40.2001', timeZone: 'Asia/Jakarta' },
    profile: { formationModel: 'new', businessUnits: ['agribisnis', 'gerai_sembako'] },
  });
  expect(made.status).toBe(201);
  registryId = made.body.cooperative.id;
  const officers = await admin.send('PUT', `/api/admin/network/cooperatives/${registryId}/officers`, {
    officers: [{ body: 'pengurus', position: 'ketua', fullName: 'Dedi Kurniawan', sex: 'M', phone: '0812-2233-4455' }],
  });
  expect(officers.status).toBe(200);

  process.env.KOPDES_PASSWORD = DEMO_PASSWORD;
  try {
    await kopdes(
      serverEnv,
      'user',
      'add',
      '--name',
      'Dedi Kurniawan',
      '--email',
      'ketua@patengan.test',
      '--coop',
      registryId,
      '--role',
      'ketua',
    );
  } finally {
    delete process.env.KOPDES_PASSWORD;
  }
  const them = await apiSignIn(base, 'ketua@patengan.test');
  const at = (path: string) => `/api/coops/${registryId}/${path}`;
  const ok = async (method: string, path: string, body: unknown) => {
    const r = await them.send(method, at(path), body);
    expect(r.status, `${path}: ${JSON.stringify(r.body)}`).toBe(201);
    return r.body;
  };
  const { code, name } = shortfall.commodity;
  const commodity = await ok('POST', 'produce/commodities', {
    code,
    name,
    storageClass: 'cool',
    shelfLifeDays: { ambient: 4, cool: 10, cold: null },
    grades: [{ grade: 'A', spec: 'mulus, warna merata' }],
  });
  await ok('POST', 'produce/locations', { name: 'Gudang Patengan', kind: 'packing_house', storageClass: 'cool' });
  const point = await ok('POST', 'produce/collection-points', {
    name: 'Balai Desa Patengan',
    villageCode: '32.04.40.2001',
    deliveryDays: [1, 4],
  });
  const farmer = await ok('POST', 'members', { nik: '3204401505800001', fullName: 'Asep Saepudin', occupation: 'farmer' });
  const { date } = await them.get(at('produce/intake-form'));
  await ok('POST', 'produce/prices', { validFrom: date, items: [{ commodityId: commodity.id, grade: 'A', price: '30000' }] });
  await ok('POST', 'produce/intakes', {
    collectionPointId: point.id,
    memberId: farmer.id,
    commodityId: commodity.id,
    grossKg: '25',
    grades: [{ grade: 'A', kg: '25' }],
  });
}

afterAll(async () => {
  await close?.();
  await browser?.close();
});

const line = (n: number) => page.getByRole('group', { name: `Baris ${n}` });
let number: string;
let amount: bigint;

describe('buying from another cooperative', () => {
  test('a shortfall warning leads to the cooperatives nearby; one becomes a supplier and the purchase form starts from it', async () => {
    await page.goto(`${home}/pola-tanam/tindak-lanjut`);
    await page.getByRole('heading', { name: /^Peringatan kekurangan/ }).waitFor();
    await page
      .getByTestId('shortfall-warning')
      .filter({ hasText: warning.message })
      .getByRole('link', { name: 'Cari koperasi terdekat' })
      .click();
    await page.getByRole('tab', { name: 'Koperasi terdekat', selected: true }).waitFor();
    const url = new URL(page.url());
    expect(url.pathname).toBe(`${home}/hasil-panen/pembelian`);
    expect(url.searchParams.get('komoditas')).toBe(shortfall.commodity.id);
    expect(url.searchParams.get('kg')).toBe(shortfall.kg);
    await page.getByText(`Kekurangan ${shortfall.kg} kg ${shortfall.commodity.name} menurut rencana tanam`).waitFor();
    expect(await page.getByRole('textbox', { name: 'Komoditas', exact: true }).inputValue()).toBe(shortfall.commodity.name);

    // Nearest first: the cooperative of the same district heads the list.
    const cards = page.getByRole('list', { name: 'Koperasi terdekat' }).getByRole('listitem');
    await cards.first().waitFor();
    expect(await cards.first().getAttribute('aria-label')).toBe(SUPPLIER);
    const card = page.getByRole('listitem', { name: SUPPLIER });
    const text = await card.textContent();
    expect(text).toContain('Satu kecamatan');
    expect(text).toContain(`Menangani ${shortfall.commodity.name}`);
    expect(text).toContain('Unit agribisnis');
    expect(text).toContain('Desa Patengan, Kec. Rancabali');
    expect(text).toContain('Dedi Kurniawan · Ketua');
    // Farther cooperatives that never took the commodity in carry no such badge.
    expect(await cards.nth(1).textContent()).not.toContain('Menangani');
    expect(await card.getByRole('link', { name: 'Telepon Dedi Kurniawan di 0812-2233-4455' }).getAttribute('href')).toBe(
      'tel:081222334455',
    );
    expect(await card.getByRole('link', { name: 'Beli dari koperasi ini' }).count()).toBe(0);

    await card.getByRole('button', { name: 'Jadikan pemasok' }).click();
    await page.getByText(`${SUPPLIER} sekarang pemasok koperasi Anda`).waitFor();
    await card.getByText('Sudah pemasok').waitFor();
    const partners = (await ketua.get(`/api/coops/${coopId}/market/partners?kind=cooperative`)).items;
    const supplier = partners.find((p: any) => p.registryCooperativeId === registryId);
    expect(supplier).toMatchObject({ name: SUPPLIER, kind: 'cooperative', active: true });

    await card.getByRole('link', { name: 'Beli dari koperasi ini' }).click();
    await page.getByRole('heading', { name: 'Catat pembelian', level: 1 }).waitFor();
    expect(await page.getByRole('textbox', { name: 'Koperasi pemasok' }).inputValue()).toBe('KDMP Patengan');
    expect(await page.getByRole('textbox', { name: 'Komoditas', exact: true }).inputValue()).toBe(shortfall.commodity.name);
    expect(
      await line(1)
        .getByLabel(/^Berat/)
        .inputValue(),
    ).toBe(shortfall.kg);
    await page.getByText(`Kekurangan menurut rencana tanam: ${formatNumberId(BigInt(shortfall.kg))} kg`, { exact: false }).waitFor();
  });

  test('a weight with four decimals is refused on its line; the corrected credit purchase is saved and listed as unpaid', async () => {
    const before = (await ketua.get(produce('purchases'))).total;
    await line(1)
      .getByLabel(/^Berat/)
      .fill('12,3456');
    await line(1)
      .getByLabel(/^Harga/)
      .fill('35000');
    await page.getByRole('button', { name: 'Tambah grade' }).click();
    await line(2)
      .getByLabel(/^Berat/)
      .fill('10,5');
    await line(2)
      .getByLabel(/^Harga/)
      .fill('28.000');
    await page.getByRole('radio', { name: /^Utang/ }).click();
    await page.getByLabel(/^No\. nota pemasok/).fill('SJ-PTG-0117');
    await page.getByRole('button', { name: 'Simpan pembelian' }).click();
    await line(1).getByText('Berat paling banyak 3 angka di belakang koma (gram)').waitFor();
    expect(
      await line(1)
        .getByLabel(/^Berat/)
        .getAttribute('aria-invalid'),
    ).toBe('true');
    expect(
      await line(2)
        .getByLabel(/^Berat/)
        .getAttribute('aria-invalid'),
    ).not.toBe('true');
    expect((await ketua.get(produce('purchases'))).total).toBe(before);

    await line(1)
      .getByLabel(/^Berat/)
      .fill('20');
    amount = amountForGrams(parseKg('20'), 35_000n) + amountForGrams(parseKg('10,5'), 28_000n);
    await expect.poll(() => page.getByTestId('purchase-total').textContent()).toBe(formatRupiah(amount));
    await page.getByRole('button', { name: 'Simpan pembelian' }).click();
    await page.getByRole('heading', { name: /^Pembelian PBL-/, level: 1 }).waitFor();
    number = (await page.getByRole('heading', { level: 1 }).textContent())!.replace('Pembelian ', '');
    await page.getByText('Belum dibayar', { exact: true }).first().waitFor();

    const list = await ketua.get(produce('purchases'));
    expect(list.total).toBe(before + 1);
    const saved = list.items.find((p: any) => p.number === number);
    expect(saved).toMatchObject({
      status: 'open',
      payment: 'credit',
      amount: amount.toString(),
      supplierReference: 'SJ-PTG-0117',
      supplier: { name: SUPPLIER, registryCooperativeId: registryId },
      commodity: { id: shortfall.commodity.id },
      paid: null,
    });
    expect(saved.lots.map((l: any) => [l.grade, l.quantity.text])).toEqual([
      ['A', '20 kg'],
      ['B', '10,5 kg'],
    ]);

    // Each lot opens on the stock's lot page, which names the purchase it came from.
    const lotA = saved.lots[0];
    await page.getByRole('link', { name: `Buka lot ${lotA.code}` }).click();
    await page.getByRole('heading', { name: `Lot ${lotA.code}`, level: 1 }).waitFor();
    await page.getByText(`${SUPPLIER} · ${number}`).waitFor();

    await page.goto(`${home}/hasil-panen/pembelian`);
    await page.getByRole('heading', { name: 'Beli dari koperasi lain', level: 1 }).waitFor();
    const row = page.getByRole('listitem').filter({ hasText: number });
    await row.waitFor();
    expect(await row.textContent()).toContain('Belum dibayar');
    expect(await row.textContent()).toContain(formatRupiah(amount));
    await expect.poll(() => page.getByTestId('open-amount').textContent()).toBe(formatRupiah(BigInt(list.openAmount)));
    expect(BigInt(list.openAmount)).toBeGreaterThanOrEqual(amount);
  });

  test('the bendahara pays the purchase: it shows as paid and nothing is owed', async () => {
    const opened = await newPage(browser, base, DESKTOP);
    try {
      const p = opened.page;
      await signIn(p, 'bendahara@alamendah.kopdes.id');
      await p.waitForURL(/\/k\/kop_/);
      await p.goto(`${home}/hasil-panen/pembelian`);
      await p.getByRole('heading', { name: 'Beli dari koperasi lain', level: 1 }).waitFor();
      // The bendahara pays but does not buy: no purchase form, no void.
      expect(await p.getByRole('link', { name: 'Catat pembelian' }).count()).toBe(0);
      await p.getByRole('button', { name: `Rincian pembelian ${number}` }).click();
      await p.getByRole('heading', { name: `Pembelian ${number}`, level: 1 }).waitFor();
      expect(await p.getByRole('button', { name: 'Batalkan' }).count()).toBe(0);
      await p.getByRole('button', { name: 'Bayar' }).click();
      const dialog = p.getByRole('dialog');
      await dialog.getByText(formatRupiah(amount)).first().waitFor();
      await dialog.getByText('Transfer bank', { exact: true }).click();
      await dialog.getByRole('button', { name: 'Ya, bayar' }).click();
      await p.getByText(`Pembelian ${number} lunas`).waitFor();
      await dialog.waitFor({ state: 'detached' });
      await p.getByText('Lunas', { exact: true }).first().waitFor();
      await p.getByText(/^Dibayar .* · Transfer bank · jurnal /).waitFor();
      expect(await p.getByRole('button', { name: 'Bayar' }).count()).toBe(0);

      const paid = (await ketua.get(produce('purchases'))).items.find((x: any) => x.number === number);
      expect(paid).toMatchObject({ status: 'paid', paid: { method: 'bank' } });

      await p.getByRole('link', { name: 'Kembali ke pembelian' }).click();
      const row = p.getByRole('row').filter({ hasText: number });
      await row.waitFor();
      // The list may first show what it had before the payment, then its refreshed rows.
      await expect.poll(() => row.textContent()).toContain('Lunas');
      const owed = BigInt((await ketua.get(produce('purchases?status=open'))).openAmount);
      if (owed === 0n) await p.getByText('Semua pembelian sudah dibayar').waitFor();
      else await expect.poll(() => p.getByTestId('open-amount').textContent()).toBe(formatRupiah(owed));
    } finally {
      await opened.context.close();
    }
  });

  test('a supplier set inactive is not offered, and the purchase form says why and where to change it', async () => {
    const supplier = (await ketua.get(`/api/coops/${coopId}/market/partners?kind=cooperative`)).items.find(
      (p: any) => p.registryCooperativeId === registryId,
    );
    const setActive = async (active: boolean) =>
      expect((await ketua.send('PATCH', `/api/coops/${coopId}/market/partners/${supplier.id}`, { active })).status).toBe(200);
    await setActive(false);
    try {
      await page.goto(`${home}/hasil-panen/pembelian/baru?pemasok=${supplier.id}`);
      await page.getByRole('heading', { name: 'Catat pembelian', level: 1 }).waitFor();
      await page.getByText('KDMP Patengan dinonaktifkan di daftar mitra, jadi tidak bisa dipilih.', { exact: false }).waitFor();
      expect(await page.getByRole('textbox', { name: 'Koperasi pemasok' }).inputValue()).toBe('');
      await page.getByRole('link', { name: 'Buka mitra ini' }).click();
      await page.waitForURL(new RegExp(`/penjualan/mitra/${supplier.id}$`));
    } finally {
      await setActive(true);
    }
  });
});
