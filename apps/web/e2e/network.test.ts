/**
 * The network layer through the web app: the ministry reads the national dashboard down to a
 * regency, finds a cooperative in the registry and its governance checklist, moves a partnership
 * along the pipeline with a document; the cooperative's ketua sees its registry profile and
 * nominates a board member on a phone; the ministry accepts her, records attendance, scores and an
 * action plan, issues the certificate (a PDF), and the ketua finds it.
 */
import { todayIn } from '@kopdes/shared/format';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test, vi } from 'vitest';
import { apiSignIn, type Session } from './api.js';
import { launchChromium, newPage, PHONE, signIn } from './browser.js';

const base = inject('baseUrl');
const COOP = 'Koperasi Desa Merah Putih Alamendah';
const PARTNER = 'PT Rajawali Nusantara Indonesia';
const SESSION = 'Praktik penimbangan dan sortir di rumah kemas';
let browser: Browser;
let admin: Page;
let ketua: Page;
const closers: (() => Promise<void>)[] = [];
let api: Session;
let coopId: string;
let batch: { id: string; number: number };

const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

async function ok(res: Promise<{ status: number; body: any }>) {
  const r = await res;
  if (r.status >= 300) throw new Error(`${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

beforeAll(async () => {
  api = await apiSignIn(base, 'admin@kemenkop.kopdes.id');
  // The network demo is seeded in the background with the other modules, in one transaction.
  const programme = await vi.waitFor(
    async () => {
      const p = (await api.get('/api/admin/network/programmes')).items[0];
      if (!p) throw new Error('the network demo is not seeded yet');
      return p;
    },
    { timeout: 230_000, interval: 1000 },
  );
  coopId = (await api.get('/api/admin/network/cooperatives?q=Alamendah')).items[0].cooperativeId;
  // A batch for Jawa Barat that ends today: nominations are still open and completion can be decided.
  const today = todayIn('Asia/Jakarta');
  const numbers = (await api.get(`/api/admin/network/programmes/${programme.id}/batches`)).items.map((b: any) => b.number);
  batch = await ok(
    api.send('POST', `/api/admin/network/programmes/${programme.id}/batches`, {
      hostId: programme.hosts[0].id,
      number: Math.max(...numbers) + 1,
      startsOn: addDays(today, -2),
      endsOn: today,
      capacity: 5,
      provinceCodes: ['32'],
    }),
  );
  await ok(
    api.send('POST', `/api/admin/network/batches/${batch.id}/sessions`, {
      day: today,
      startsAt: '08:00',
      endsAt: '12:00',
      title: SESSION,
      kind: 'on_the_job',
      competency: 'post_harvest',
    }),
  );
  const partner = await ok(api.send('POST', '/api/admin/network/partners', { name: PARTNER, kind: 'state_company' }));
  await ok(
    api.send('POST', '/api/admin/network/partnerships', {
      cooperativeId: coopId,
      partnerId: partner.id,
      type: 'input_supply',
      commodity: 'Pupuk organik',
    }),
  );

  browser = await launchChromium();
  const a = await newPage(browser, base);
  admin = a.page;
  closers.push(() => a.context.close());
  await signIn(admin, 'admin@kemenkop.kopdes.id');
  await admin.waitForURL(/\/admin/);
  const k = await newPage(browser, base, PHONE);
  ketua = k.page;
  closers.push(() => k.context.close());
  await signIn(ketua, 'ketua@alamendah.kopdes.id');
  await ketua.waitForURL(/\/k\/kop_/);
});
afterAll(async () => {
  for (const close of closers) await close();
  await browser?.close();
});

const notice = (page: Page, text: string) => page.getByText(text, { exact: true }).first().waitFor();

describe('the ministry', () => {
  test('reads the dashboard down to a regency, finds a cooperative and its governance checklist', async () => {
    const national = await api.get('/api/admin/network/dashboard');
    await admin.getByRole('link', { name: 'Dasbor nasional' }).click();
    await admin.getByRole('heading', { name: 'Dasbor nasional', level: 1 }).waitFor();
    await expect.poll(() => admin.getByTestId('total-formed').textContent()).toBe(String(national.totals.formed));

    const xlsx = await admin.request.get((await admin.getByRole('link', { name: 'Unduh Excel' }).getAttribute('href'))!);
    expect(xlsx.status()).toBe(200);
    expect((await xlsx.body()).subarray(0, 2).toString()).toBe('PK');

    await admin.getByRole('button', { name: 'Jawa Barat', exact: true }).click();
    await expect.poll(() => admin.getByTestId('area-name').textContent()).toBe('Jawa Barat');
    await admin.getByRole('button', { name: 'Kabupaten Bandung', exact: true }).click();
    await expect.poll(() => admin.getByTestId('area-name').textContent()).toBe('Kabupaten Bandung');
    const row = admin.getByRole('row').filter({ hasText: COOP });
    expect(await row.getByText('Berdagang', { exact: true }).count()).toBe(1);

    await admin.getByRole('link', { name: 'Registri koperasi' }).click();
    await admin.getByLabel('Cari desa').fill('Alamendah');
    await admin.getByRole('link', { name: COOP }).click();
    await admin.getByRole('heading', { name: COOP, level: 1 }).waitFor();
    await admin.getByText('6 dari 6 terpenuhi').waitFor();
    const villageHead = admin.locator('[data-check="village_head_chairs_supervisors"]');
    expect(await villageHead.getAttribute('data-status')).toBe('pass');
    expect(await villageHead.textContent()).toContain('Kepala desa menjabat ketua pengawas');
    expect(await admin.getByRole('table', { name: 'Pengurus (5)' }).textContent()).toContain('Siti Rohmah');
  });

  test('moves a partnership along the pipeline and attaches its agreement', async () => {
    await admin.getByRole('link', { name: `Buka kemitraan dengan ${PARTNER}` }).click();
    await admin.getByRole('heading', { name: `Kemitraan dengan ${PARTNER}`, level: 1 }).waitFor();
    await admin.getByRole('button', { name: 'Lanjut ke: Dalam pembicaraan' }).click();
    await admin.getByRole('dialog').getByRole('button', { name: 'Pindah ke Dalam pembicaraan' }).click();
    await notice(admin, 'Kemitraan kini di tahap "Dalam pembicaraan"');
    await admin.getByRole('button', { name: 'Lanjut ke: Disepakati' }).waitFor();
    const id = new URL(admin.url()).pathname.split('/').pop();
    expect((await api.get(`/api/admin/network/partnerships/${id}`)).stage).toBe('in_talks');

    await admin.getByLabel('Judul dokumen').fill('Nota kesepahaman pasokan pupuk');
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
    await admin.locator('input[type="file"]').setInputFiles({ name: 'mou pupuk.pdf', mimeType: 'application/pdf', buffer: pdf });
    await admin.getByRole('button', { name: 'Unggah dokumen' }).click();
    const link = admin.getByRole('link', { name: 'Nota kesepahaman pasokan pupuk' });
    await link.waitFor();
    const doc = await admin.request.get((await link.getAttribute('href'))!);
    expect((await doc.body()).equals(pdf)).toBe(true);
  });
});

describe('the cooperative', () => {
  test('the ketua sees the registry profile and nominates a board member on a phone', async () => {
    const home = new URL(ketua.url()).pathname;
    await ketua.goto(`${home}/jejaring`);
    await ketua.getByRole('heading', { name: 'Jejaring & magang', level: 1 }).waitFor();
    await ketua.getByText('6 dari 6 terpenuhi').waitFor();
    await ketua.getByText('Tidak ada hubungan keluarga derajat pertama antara pengurus dan pengawas').waitFor();

    await ketua.getByRole('tab', { name: 'Magang' }).click();
    const card = ketua.locator(`[data-batch="${batch.id}"]`);
    await card.getByRole('textbox', { name: 'Pengurus yang diusulkan' }).click();
    await ketua.getByRole('option', { name: /^Siti Rohmah/ }).click();
    await card.getByRole('button', { name: 'Usulkan' }).click();
    await notice(ketua, 'Siti Rohmah diusulkan');
    const siti = ketua.locator('[data-participant="Siti Rohmah"]');
    await siti.getByText('Diusulkan', { exact: true }).waitFor();
  });
});

describe('the ministry runs the batch', () => {
  test('accepts the nominee, records attendance, scores and a plan, and issues the certificate', async () => {
    await admin.goto(`/admin/jejaring/magang/gelombang/${batch.id}`);
    const row = admin.getByRole('row').filter({ hasText: 'Siti Rohmah' });
    await row.getByText('Diusulkan', { exact: true }).waitFor();
    await row.getByRole('button', { name: 'Terima Siti Rohmah' }).click();
    await row.getByText('Diterima', { exact: true }).waitFor();

    await admin.getByRole('tab', { name: 'Jadwal & kehadiran' }).click();
    await admin.getByRole('link', { name: `Catat kehadiran: ${SESSION}` }).click();
    await admin.getByRole('heading', { name: SESSION, level: 1 }).waitFor();
    await admin.getByRole('radiogroup', { name: 'Kehadiran Siti Rohmah' }).getByText('Hadir', { exact: true }).click();
    await admin.getByRole('button', { name: 'Simpan kehadiran' }).click();
    await notice(admin, 'Kehadiran tersimpan: 1 dari 1 hadir');

    await admin.goto(`/admin/jejaring/magang/gelombang/${batch.id}`);
    await admin.getByRole('link', { name: 'Siti Rohmah' }).click();
    await admin.getByRole('heading', { name: 'Siti Rohmah', level: 1 }).waitFor();
    await admin.getByText('Mengikuti', { exact: true }).first().waitFor();
    const competencies = [
      'Perencanaan produksi (pola tanam)',
      'Penanganan pascapanen',
      'Pemasaran ke ritel modern',
      'Pembukuan',
      'Pelayanan anggota',
    ];
    for (const [i, c] of competencies.entries()) {
      await admin.getByLabel(`Pre-test — ${c}`).fill(String(40 + i));
      await admin.getByLabel(`Post-test — ${c}`).fill(String(80 + i));
      await admin.getByLabel(`Evaluasi mentor — ${c}`).fill('4');
    }
    await admin.getByRole('button', { name: 'Simpan nilai' }).click();
    await notice(admin, 'Nilai tersimpan');

    await admin.getByRole('button', { name: 'Tambah target' }).click();
    await admin.getByLabel('Target', { exact: true }).fill('Mitra ritel modern pertama');
    await admin.getByRole('textbox', { name: 'Ukuran' }).click();
    await admin.getByRole('option', { name: 'Mitra ritel modern yang berjalan' }).click();
    await admin.getByLabel('Angka target').fill('1');
    await admin.getByRole('button', { name: 'Simpan rencana aksi' }).click();
    await notice(admin, 'Rencana aksi tersimpan');
    // Alamendah runs on kopdes: its retail partner is read from its own data, and marked so.
    const item = admin.locator('[data-item="modern_retail_partners"]');
    await item.getByText('Dari data kopdes').waitFor();
    await item.getByText('Tercapai', { exact: true }).waitFor();
    await expect.poll(() => admin.getByText('Belum bisa lulus karena').count()).toBe(0);

    await admin.getByRole('link', { name: /Kembali ke Gelombang/ }).click();
    await admin.getByRole('tab', { name: 'Sertifikat' }).click();
    await admin.getByRole('button', { name: 'Terbitkan sertifikat' }).click();
    const run = admin.getByTestId('certificate-run');
    await run.getByText('1 sertifikat terbit').waitFor();
    const number = `001/MAGANG-KDMP/G${batch.number}/2025`;
    expect(await run.textContent()).toContain(`Siti Rohmah — ${number}`);
    const pdf = await admin.request.get((await admin.getByRole('link', { name: 'Sertifikat Siti Rohmah (PDF)' }).getAttribute('href'))!);
    expect(pdf.headers()['content-type']).toContain('application/pdf');
    expect((await pdf.body()).subarray(0, 4).toString()).toBe('%PDF');
  });

  test("the ketua finds the certificate among the cooperative's participants", async () => {
    await ketua.reload();
    const siti = ketua.locator('[data-participant="Siti Rohmah"]');
    await siti.getByText('Lulus', { exact: true }).waitFor();
    const pdf = await ketua.request.get((await siti.getByRole('link', { name: 'Sertifikat Siti Rohmah (PDF)' }).getAttribute('href'))!);
    expect((await pdf.body()).subarray(0, 4).toString()).toBe('%PDF');
  });
});
