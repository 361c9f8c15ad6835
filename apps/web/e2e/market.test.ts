/**
 * The market link through the web app, on a phone: a pengurus enters a buyer's PO (the server
 * warns that the price differs from the contract), sends it from the delivery day's view with the
 * lots proposed first-expired-first-out, prints the surat jalan and records the buyer's receiving
 * with a rejected part; the bendahara invoices the accepted part, records a partial payment, and
 * the buyer's line in the receivables ageing follows every step and agrees with the ledger.
 * A trader of the demo who is also a member is linked to that member, and unlinked again.
 */
import { formatDateId, todayIn } from '@kopdes/shared/format';
import { formatMemberNumber } from '@kopdes/shared/members';
import { formatRupiah } from '@kopdes/shared/money';
import { amountForGrams, formatKg } from '@kopdes/shared/quantity';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test, vi } from 'vitest';
import { apiSignIn, type Session } from './api.js';
import { launchChromium, newPage, PHONE, signIn } from './browser.js';

const base = inject('baseUrl');
const PRICE = 12_000n; // contract price per kg
const PO_PRICE = 12_500n; // what the buyer's PO says: a warning, and the price invoiced
const ORDERED = 20_000n; // grams
const REJECTED = 1_500n;
const PAID = 100_000n;

let browser: Browser;
const contexts: BrowserContext[] = [];
let home: string;
let coopId: string;
let ketua: Session;
let partner: { id: string; name: string };
let commodity: { id: string; name: string };
let today: string;

async function openAs(email: string): Promise<Page> {
  const { context, page } = await newPage(browser, base, PHONE);
  contexts.push(context);
  await signIn(page, email);
  await page.waitForURL(/\/k\/kop_/);
  home = new URL(page.url()).pathname;
  return page;
}

/** Picks an option of a Mantine select by its label (typing first when it is searchable). */
async function pick(page: Page, label: RegExp, option: RegExp | string, typed?: string, scope: Page | Locator = page) {
  const box = scope.getByRole('textbox', { name: label });
  if (typed) await box.fill(typed);
  else await box.click();
  await page.getByRole('option', { name: option }).first().click();
}

/** The buyer's open receivables in the ageing report, read from the API. */
async function owed(): Promise<bigint> {
  const ageing = await ketua.get(`/api/coops/${coopId}/market/receivables/ageing`);
  expect(ageing.agrees).toBe(true);
  const row = ageing.partners.find((p: any) => p.partnerId === partner.id);
  return row ? BigInt(row.open) : 0n;
}

beforeAll(async () => {
  ketua = await apiSignIn(base, 'ketua@alamendah.kopdes.id');
  coopId = ketua.me.cooperatives[0].id;
  const coop = await ketua.get(`/api/coops/${coopId}`);
  today = todayIn(coop.timeZone ?? 'Asia/Jakarta');
  // The demo (harvests, and the market's own buyers) is seeded in one transaction in the
  // background after the server starts: wait for loose grade-A stock of a commodity that no
  // other order of today still asks for, so the day's plan covers this test's order in full.
  commodity = await vi.waitFor(
    async () => {
      const [{ items }, plan] = await Promise.all([
        ketua.get(`/api/coops/${coopId}/produce/lots?grade=A&limit=500`),
        ketua.get(`/api/coops/${coopId}/market/fulfilment?date=${today}`),
      ]);
      const busy = new Set(plan.lines.filter((l: any) => l.open.value !== '0').map((l: any) => l.commodityName));
      const onHand = new Map<string, { lot: any; grams: bigint }>();
      for (const l of items.filter((x: any) => !x.packFormat && x.commodity.unit === 'kg' && !busy.has(x.commodity.name))) {
        const had = onHand.get(l.commodity.id);
        onHand.set(l.commodity.id, { lot: l, grams: (had?.grams ?? 0n) + BigInt(l.onHand.base) });
      }
      const found = [...onHand.values()].find((c) => c.grams >= 2n * ORDERED);
      if (!found) throw new Error('the demo harvests are not seeded yet');
      return found.lot.commodity;
    },
    { timeout: 230_000, interval: 1000 },
  );
  // A buyer of its own with one store and a contract for that commodity, so the test owns every number it checks.
  const suffix = Date.now().toString(36).toUpperCase().slice(-6);
  const created = await ketua.send('POST', `/api/coops/${coopId}/market/partners`, {
    code: `UJI${suffix}`,
    name: `Toko Uji ${suffix}`,
    kind: 'modern_retail',
    paymentTermsDays: 0,
    contacts: [{ name: 'Rina', phone: '081234567890' }],
    stores: [{ code: 'UJI01', name: `Toko Uji ${suffix} Ciwidey`, address: 'Jl. Raya Ciwidey 12, Bandung', receivingHours: '06:00-10:00' }],
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  partner = created.body;
  const contract = await ketua.send('POST', `/api/coops/${coopId}/market/partners/${partner.id}/contracts`, {
    reference: `KTR-UJI-${suffix}`,
    validFrom: today,
    validTo: `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`,
    qualityTolerance: 'Segar, cacat paling banyak 5%',
    returnsPolicy: 'Ditolak saat penerimaan',
    items: [{ articleCode: `ART${suffix}`, commodityId: commodity.id, grade: 'A', price: PRICE.toString(), volumes: Array(7).fill('50') }],
  });
  expect(contract.status, JSON.stringify(contract.body)).toBe(201);
  browser = await launchChromium();
}, 300_000);
afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
});

describe('from a purchase order to the money in', () => {
  let poNumber: string;
  let invoiced: bigint;

  test('the pengurus enters the PO, sends it from the delivery day and records the buyer receiving', async () => {
    const page = await openAs('pengurus@alamendah.kopdes.id');
    await page.goto(`${home}/penjualan`);
    await page.getByRole('link', { name: /Pesanan \(PO\)/ }).click();
    await page.getByRole('button', { name: 'PO baru' }).click();
    await page.getByRole('heading', { name: 'Catat PO', level: 1 }).waitFor();
    await pick(page, /^Mitra/, partner.name, partner.name);
    await expect.poll(() => page.getByRole('textbox', { name: /^Toko tujuan/ }).inputValue()).toContain('Ciwidey');
    await page.getByLabel(/^No. PO mitra/).fill(`PO-${partner.name.slice(-6)}`);
    await page.getByLabel(/^Tanggal kirim/).fill(today);
    await page.getByText(/^Kontrak KTR-UJI-.* berlaku pada tanggal kirim/).waitFor();
    await pick(page, /^Barang/, `ART${partner.name.slice(-6)} · ${commodity.name} A · curah`);
    await page.getByLabel(/^Jumlah \(kg\)/).fill(formatKg(ORDERED).replace(' kg', ''));
    await page.getByLabel(/^Harga per kg/).fill(PO_PRICE.toString());
    await page.getByText(`Nilai: ${formatRupiah(amountForGrams(ORDERED, PO_PRICE))}`).waitFor();
    await page.getByRole('button', { name: 'Simpan PO' }).click();

    const heading = page.getByRole('heading', { name: /^PO PO-\d{4}-\d{6}$/, level: 1 });
    await heading.waitFor();
    poNumber = (await heading.textContent())!.replace(/^PO /, '');
    // The server's contract check: kept on the order and shown in the person's language.
    const warnings = page.getByRole('status').filter({ hasText: '1 peringatan kontrak' });
    await warnings.getByText(`harga PO ${formatRupiah(PO_PRICE)} berbeda dari kontrak ${formatRupiah(PRICE)}`, { exact: false }).waitFor();

    // The delivery day: our line is covered from stock, lots first-expired-first-out.
    await page.getByRole('link', { name: formatDateId(today) }).click();
    await page.getByRole('heading', { name: 'Pengiriman', level: 1 }).waitFor();
    const card = page.locator('.mantine-Card-root').filter({ hasText: poNumber });
    await card.getByText(`sisa ${formatKg(ORDERED)} · dialokasikan ${formatKg(ORDERED)}`, { exact: false }).waitFor();
    expect(await card.getByText(/^Kurang /).count()).toBe(0);
    const lotCodes = await card
      .getByRole('cell')
      .filter({ hasText: /^P[NK]-\d{4}-/ })
      .allTextContents();
    expect(lotCodes.length).toBeGreaterThan(0);

    await card.getByRole('button', { name: `Buat surat jalan untuk ${poNumber}` }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Kendaraan').fill('D 8123 XY');
    await dialog.getByLabel('Sopir').fill('Asep');
    await dialog.getByRole('button', { name: 'Buat surat jalan' }).click();
    await page.getByRole('heading', { name: /^Surat jalan SJ-\d{4}-\d{6}$/, level: 1 }).waitFor();
    for (const code of lotCodes) await page.getByText(code, { exact: true }).first().waitFor();
    const deliveryId = new URL(page.url()).pathname.split('/').pop()!;
    const pdf = await page.request.get((await page.getByRole('link', { name: 'Surat jalan (PDF)' }).getAttribute('href'))!);
    expect(pdf.headers()['content-type']).toContain('application/pdf');
    expect((await pdf.body()).subarray(0, 4).toString()).toBe('%PDF');

    // The buyer rejects part of the largest lot line; its accepted part follows as the rest of what was sent.
    const sent = (await ketua.get(`/api/coops/${coopId}/market/deliveries/${deliveryId}`)).lines;
    expect(sent.reduce((s: bigint, l: any) => s + BigInt(l.quantity.value), 0n)).toBe(ORDERED);
    const big = sent.reduce((a: any, b: any) => (BigInt(b.quantity.value) > BigInt(a.quantity.value) ? b : a));
    const line = page.getByRole('group', { name: new RegExp(`${big.lotCode}$`) });
    await line.getByLabel(/^Ditolak \(kg\)/).fill(formatKg(REJECTED).replace(' kg', ''));
    expect(await line.getByLabel(/^Diterima \(kg\)/).inputValue()).toBe(formatKg(BigInt(big.quantity.value) - REJECTED).replace(' kg', ''));
    await pick(page, /^Alasan tolak/, 'Mutu tidak sesuai', undefined, line);
    await page.getByLabel(/^Diterima oleh/).fill('Dedi (gudang)');
    await page.getByRole('button', { name: 'Simpan penerimaan' }).click();
    await page.getByText(/^Penerimaan SJ-\d{4}-\d{6} tersimpan$/).waitFor();
    await page.getByText('Sudah diterima').first().waitFor();
    await page.getByText(formatKg(REJECTED), { exact: true }).waitFor();
    // What will be invoiced: each accepted line at the PO price, rounded per line as the server does.
    const received = (await ketua.get(`/api/coops/${coopId}/market/deliveries/${deliveryId}`)).lines;
    invoiced = received.reduce((s: bigint, l: any) => s + amountForGrams(BigInt(l.accepted.value), PO_PRICE), 0n);
    expect(received.reduce((s: bigint, l: any) => s + BigInt(l.rejected.value), 0n)).toBe(REJECTED);
    expect(await owed()).toBe(0n);
  });

  test('the bendahara invoices the accepted part, records a partial payment, and the ageing follows', async () => {
    const page = await openAs('bendahara@alamendah.kopdes.id');
    await page.goto(`${home}/penjualan/faktur`);
    await page.getByRole('button', { name: 'Buat faktur' }).click();
    const dialog = page.getByRole('dialog');
    await pick(page, /^Mitra/, partner.name, partner.name, dialog);
    await dialog.getByRole('checkbox', { name: /^SJ-\d{4}-\d{6}/ }).check();
    await dialog.getByRole('button', { name: 'Buat faktur' }).click();
    await page.getByRole('heading', { name: /^Faktur FKT-\d{4}-\d{6}$/, level: 1 }).waitFor();
    await page.getByText(formatRupiah(invoiced), { exact: true }).first().waitFor();
    const pdf = await page.request.get((await page.getByRole('link', { name: 'Faktur (PDF)' }).getAttribute('href'))!);
    expect((await pdf.body()).subarray(0, 4).toString()).toBe('%PDF');
    expect(await owed()).toBe(invoiced);

    await page.getByRole('button', { name: 'Catat pembayaran' }).click();
    await dialog.getByLabel(/^Jumlah diterima/).fill(PAID.toString());
    await dialog.getByText('Untuk faktur', { exact: true }).waitFor();
    await dialog.getByRole('button', { name: 'Simpan pembayaran' }).click();
    await page
      .getByText(new RegExp(`^Pembayaran BYR-\\d{4}-\\d{6} sebesar ${formatRupiah(PAID).replace(/\./g, '\\.')} tersimpan$`))
      .waitFor();
    await expect.poll(() => page.getByText(formatRupiah(invoiced - PAID), { exact: true }).count()).toBeGreaterThan(0);
    expect(await owed()).toBe(invoiced - PAID);

    // The ageing: the buyer's line shows what is still open, not yet due, beside the ledger.
    await page.goto(`${home}/penjualan/faktur?tab=umur`);
    const row = page.getByRole('listitem').filter({ hasText: partner.name });
    await expect.poll(() => row.textContent()).toContain(formatRupiah(invoiced - PAID));
    expect(await row.textContent()).toContain(`Belum jatuh tempo${formatRupiah(invoiced - PAID)}`);
    await page.getByText('Cocok dengan buku besar').waitFor();
  });
});

describe('a buyer who is also a member', () => {
  test('the pengurus links a trader of the demo to a member, follows the link, then unlinks', async () => {
    // A trader of the demo and an active member with a name of their own, read from the API.
    const trader = (await ketua.get(`/api/coops/${coopId}/market/partners`)).items.find((p: any) => p.code === 'BU-EUIS');
    const { items } = await ketua.get(`/api/coops/${coopId}/members?status=active&limit=40`);
    const member = items.find(
      (m: any) => m.number > 10 && m.fullName.includes(' ') && items.filter((o: any) => o.fullName === m.fullName).length === 1,
    );
    const label = `${formatMemberNumber(member.number)} · ${member.fullName}`;
    try {
      const page = await openAs('pengurus@alamendah.kopdes.id');
      await page.goto(`${home}/penjualan/mitra`);
      await page.getByRole('button', { name: `Buka mitra ${trader.name}` }).click();
      await page.getByRole('heading', { name: trader.name, level: 1 }).waitFor();

      // Link by typing part of the name (the surname); only active members are offered.
      await page.getByRole('button', { name: 'Ubah data' }).click();
      const dialog = page.getByRole('dialog');
      await pick(page, /^Anggota koperasi/, label, member.fullName.split(' ').at(-1), dialog);
      await dialog.getByRole('button', { name: 'Simpan' }).click();
      await dialog.waitFor({ state: 'detached' });
      expect((await ketua.get(`/api/coops/${coopId}/market/partners/${trader.id}`)).memberId).toBe(member.id);

      // The partner page names the member and links to the member's page.
      await page.getByText('Anggota koperasi', { exact: true }).waitFor();
      await page.getByRole('link', { name: `No. ${label}` }).click();
      await page.getByRole('heading', { name: member.fullName, level: 1 }).waitFor();
      expect(new URL(page.url()).pathname).toBe(`${home}/anggota/${member.id}`);
      await page.goBack();

      // The partner list marks the buyer as a member.
      await page.goto(`${home}/penjualan/mitra`);
      const listed = page.getByRole('listitem').filter({ hasText: trader.name });
      await expect.poll(() => listed.getByText('Anggota', { exact: true }).count()).toBe(1);
      await page.getByRole('button', { name: `Buka mitra ${trader.name}` }).click();
      await page.getByRole('heading', { name: trader.name, level: 1 }).waitFor();

      // Editing again starts with the member shown; clearing it unlinks.
      await page.getByRole('button', { name: 'Ubah data' }).click();
      const field = dialog.getByRole('textbox', { name: /^Anggota koperasi/ });
      await expect.poll(() => field.inputValue()).toBe(label);
      await dialog.getByRole('button', { name: 'Hapus pilihan anggota' }).click();
      expect(await field.inputValue()).toBe('');
      await dialog.getByRole('button', { name: 'Simpan' }).click();
      await dialog.waitFor({ state: 'detached' });
      expect((await ketua.get(`/api/coops/${coopId}/market/partners/${trader.id}`)).memberId).toBeNull();
      await expect.poll(() => page.getByRole('link', { name: `No. ${label}` }).count()).toBe(0);
      expect(await page.getByText('Anggota koperasi', { exact: true }).count()).toBe(0);
    } finally {
      // Other files share the server: the demo trader goes back to what it was, contacts as stored included.
      const { code, name, kind, npwp, memberId, paymentTermsDays, address, contacts, notes, active } = trader;
      const restored = await ketua.send('PATCH', `/api/coops/${coopId}/market/partners/${trader.id}`, {
        code,
        name,
        kind,
        npwp,
        memberId,
        paymentTermsDays,
        address,
        contacts,
        notes,
        active,
      });
      expect(restored.status, JSON.stringify(restored.body)).toBe(200);
    }
  });

  test('a buyer linked to a member who has left says that its sales are now non-member sales', async () => {
    const trader = (await ketua.get(`/api/coops/${coopId}/market/partners`)).items.find((p: any) => p.code === 'BU-EUIS');
    const left = (await ketua.get(`/api/coops/${coopId}/members?status=left&limit=5`)).items[0];
    const { code, name, kind, npwp, memberId, paymentTermsDays, address, contacts, notes, active } = trader;
    const restore = { code, name, kind, npwp, memberId, paymentTermsDays, address, contacts, notes, active };
    try {
      // Linked while a member (the form offers only active members); the API keeps the link after they left.
      expect(
        (await ketua.send('PATCH', `/api/coops/${coopId}/market/partners/${trader.id}`, { ...restore, memberId: left.id })).status,
      ).toBe(200);
      const page = await openAs('pengurus@alamendah.kopdes.id');
      await page.goto(`${home}/penjualan/mitra/${trader.id}`);
      const warning = page.getByTestId('partner-member-left');
      await warning.waitFor();
      expect(await warning.textContent()).toBe(
        `Bukan anggota lagi sejak ${formatDateId(left.statusDate)}: penjualan sesudahnya dibukukan sebagai penjualan ke non-anggota.`,
      );
    } finally {
      await ketua.send('PATCH', `/api/coops/${coopId}/market/partners/${trader.id}`, restore);
    }
  });
});
