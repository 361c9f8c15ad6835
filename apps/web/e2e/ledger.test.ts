/**
 * The general ledger in the browser: the bendahara posts a manual entry (blocked while it does not
 * balance), finds it in the journal and reverses it, reads the statements and downloads them; the
 * pengawas reads the same pages on a phone without any button that writes.
 */
import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test, vi } from 'vitest';
import { apiSignIn } from './api.js';
import { launchChromium, newPage, PHONE, signIn } from './browser.js';

const base = inject('baseUrl');
let browser: Browser;
let page: Page;
let close: () => Promise<void>;
let home: string;
let posted = '';

const MEMO = `Bayar listrik kantor (uji ${Date.now().toString(36)})`;
/** `Rp 1.234.567` on screen → 1234567n */
const rupiah = (text: string | null) => {
  const m = /(-?)Rp\s*([\d.]+)/.exec(text ?? '');
  if (!m) throw new Error(`no amount in ${JSON.stringify(text)}`);
  return BigInt(m[2]!.replace(/\./g, '')) * (m[1] ? -1n : 1n);
};

/** `1.234.567` (a trial-balance figure, no currency) → 1234567n */
const figure = (text: string | null) => {
  const m = /-?[\d.]+/.exec(text ?? '');
  if (!m) throw new Error(`no figure in ${JSON.stringify(text)}`);
  return BigInt(m[0].replace(/\./g, ''));
};

beforeAll(async () => {
  // The server seeds the demo's books in the background after it starts; give it the time to
  // finish so our posting does not queue behind that transaction. The checks below hold with or
  // without the demo's entries.
  const api = await apiSignIn(base, 'bendahara@alamendah.kopdes.id');
  const coopId = api.me.cooperatives[0].id as string;
  await vi
    .waitFor(
      async () => {
        const seeded = await api.get(`/api/coops/${coopId}/ledger/entries?sourceModule=demo&limit=1`);
        if (!seeded.items.length) throw new Error('the demo books are not seeded yet');
      },
      { timeout: 150_000, interval: 1000 },
    )
    .catch(() => console.warn('ledger e2e: no demo books; the statements show only what this test posts'));
  browser = await launchChromium();
  const opened = await newPage(browser, base);
  page = opened.page;
  close = () => opened.context.close();
  await signIn(page, 'bendahara@alamendah.kopdes.id');
  await page.waitForURL(/\/k\/kop_/);
  home = new URL(page.url()).pathname;
});
afterAll(async () => {
  await close?.();
  await browser?.close();
});

async function pickAccount(line: number, search: string, option: string) {
  const box = page.getByRole('group', { name: `Baris ${line}` }).getByRole('textbox', { name: 'Akun' });
  await box.click();
  await box.fill(search);
  await page.getByRole('option', { name: option }).click();
}

describe('journal', () => {
  test('an unbalanced entry cannot be posted; once balanced it is posted and listed', async () => {
    await page.goto(`${home}/buku-besar`);
    await page.getByRole('heading', { name: 'Buku besar', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Catat jurnal manual' }).click();
    await page.getByRole('heading', { name: 'Catat jurnal manual', level: 1 }).waitFor();

    await page.getByRole('textbox', { name: 'Keterangan' }).fill(MEMO);
    await pickAccount(1, 'listrik', '6103 · Beban Listrik, Air dan Telepon');
    await page.getByRole('group', { name: 'Baris 1' }).getByRole('textbox', { name: 'Debit (Rp)' }).fill('175.000');
    await pickAccount(2, '1101', '1101 · Kas');
    const credit2 = page.getByRole('group', { name: 'Baris 2' }).getByRole('textbox', { name: 'Kredit (Rp)' });
    await credit2.fill('150000');

    const summary = page.getByRole('region', { name: 'Ringkasan jurnal' });
    const post = page.getByRole('button', { name: 'Catat jurnal' });
    await summary.getByText('Belum seimbang').waitFor();
    expect(rupiah(await summary.getByText('Selisih', { exact: true }).locator('xpath=..').textContent())).toBe(25_000n);
    expect(rupiah(await summary.getByText('Jumlah debit', { exact: true }).locator('xpath=..').textContent())).toBe(175_000n);
    expect(await post.isDisabled()).toBe(true);

    await credit2.fill('175.000');
    await summary.getByText('Seimbang', { exact: true }).waitFor();
    expect(rupiah(await summary.getByText('Selisih', { exact: true }).locator('xpath=..').textContent())).toBe(0n);
    // The server's preview of the balance effect appears for a balanced draft.
    await summary.getByRole('table', { name: 'Pengaruh terhadap saldo' }).getByText('6103 Beban Listrik').waitFor();
    await expect.poll(() => post.isEnabled()).toBe(true);

    await post.dblclick();
    const note = page.getByText(/^Jurnal JU-\d{4}-\d{6} dicatat$/);
    await note.waitFor();
    posted = /JU-\d{4}-\d{6}/.exec((await note.textContent()) ?? '')![0];
    await page.waitForURL(/\/buku-besar$/);
    const row = page.getByRole('row').filter({ hasText: posted });
    await row.waitFor();
    expect(await row.textContent()).toContain(MEMO);
    expect(await row.textContent()).toContain('Jurnal manual');
    expect(rupiah(await row.textContent())).toBe(175_000n);
    // The double click posted once: one manual entry with this memo.
    expect(await page.getByRole('row').filter({ hasText: MEMO }).count()).toBe(1);
  });

  test('the entry shows its lines and is reversed with a reason', async () => {
    await page.getByRole('button', { name: `Lihat jurnal ${posted}` }).click();
    const entry = page.getByRole('dialog', { name: `Jurnal ${posted}` });
    await entry.getByRole('table', { name: 'Baris jurnal' }).waitFor();
    const lines = entry.getByRole('table', { name: 'Baris jurnal' });
    expect(await lines.getByRole('row').filter({ hasText: '6103' }).textContent()).toContain('Kantor Koperasi');
    await entry.getByRole('button', { name: 'Balik jurnal' }).click();

    const reverse = page.getByRole('dialog', { name: `Balik jurnal ${posted}` });
    await reverse.getByRole('button', { name: 'Balik jurnal' }).click();
    await reverse.getByText('Tulis alasan, minimal 3 karakter').waitFor();
    await reverse.getByRole('textbox', { name: 'Alasan pembalikan' }).fill('Salah catat: tagihan listrik sudah dibayar desa');
    await reverse.getByRole('button', { name: 'Balik jurnal' }).click();
    const done = page.getByText(new RegExp(`^Jurnal ${posted} dibalik dengan JU-\\d{4}-\\d{6}$`));
    await done.waitFor();
    const reversal = /dengan (JU-\d{4}-\d{6})/.exec((await done.textContent()) ?? '')![1]!;
    await reverse.waitFor({ state: 'detached' });
    await entry.getByText('Jurnal ini sudah dibalik.').waitFor();
    expect(await entry.getByRole('button', { name: 'Balik jurnal' }).count()).toBe(0);
    await entry.getByRole('button', { name: 'Tutup', exact: true }).first().click();

    await expect.poll(async () => (await page.getByRole('row').filter({ hasText: posted }).textContent()) ?? '').toContain('Sudah dibalik');
    const reversalRow = page.getByRole('row').filter({ hasText: reversal });
    expect(await reversalRow.textContent()).toContain('Jurnal pembalik');
    expect(await reversalRow.textContent()).toContain('Salah catat');
  });

  test('the source filter keeps only manual entries', async () => {
    await page.getByRole('textbox', { name: 'Sumber' }).click();
    await page.getByRole('option', { name: 'Jurnal manual' }).click();
    await page.waitForURL(/sumber=ledger\.manual/);
    await expect
      .poll(async () => {
        const rows = await page.locator('tbody tr').allTextContents();
        return rows.length > 0 && rows.every((r) => r.includes('Jurnal manual'));
      })
      .toBe(true);
    expect(await page.getByRole('row').filter({ hasText: posted }).count()).toBe(1);
  });
});

describe('periods', () => {
  test('a closed month refuses an entry dated in it, on the date field; the month is reopened', async () => {
    const year = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date()).slice(0, 4);
    const january = `Januari ${year}`;
    await page.goto(`${home}/buku-besar/periode`);
    await page.getByRole('button', { name: `Tutup bulan ${january}` }).click();
    await page
      .getByRole('dialog', { name: `Tutup bulan ${january}?` })
      .getByRole('button', { name: 'Tutup bulan' })
      .click();
    await page.getByText(`Bulan ${january} ditutup`).waitFor();
    await page.getByRole('row').filter({ hasText: january }).getByText('Ditutup').waitFor();

    await page.goto(`${home}/buku-besar/jurnal/baru`);
    await page.getByRole('textbox', { name: 'Keterangan' }).fill('Koreksi bulan Januari');
    const date = page.getByRole('button', { name: /^Tanggal transaksi/ });
    await date.click();
    const calendar = page.locator('[data-dates-dropdown]');
    await calendar.getByRole('button', { name: /^\p{L}+ \d{4}$/u }).click();
    await calendar.getByRole('button', { name: 'Jan', exact: true }).click();
    await calendar.getByRole('button', { name: `15 ${january}`, exact: true }).click();
    await pickAccount(1, '6109', '6109 · Beban Lain-lain');
    await page.getByRole('group', { name: 'Baris 1' }).getByRole('textbox', { name: 'Debit (Rp)' }).fill('10000');
    await pickAccount(2, '1101', '1101 · Kas');
    await page.getByRole('group', { name: 'Baris 2' }).getByRole('textbox', { name: 'Kredit (Rp)' }).fill('10000');
    await page.getByRole('button', { name: 'Catat jurnal' }).click();
    await page.getByText(`Periode ${january} sudah ditutup`, { exact: true }).waitFor();
    expect(
      await page
        .getByRole('textbox', { name: /^Tanggal transaksi/ })
        .or(date)
        .first()
        .getAttribute('aria-invalid'),
    ).toBe('true');
    expect(page.url()).toMatch(/\/jurnal\/baru$/);

    await page.goto(`${home}/buku-besar/periode`);
    await page.getByRole('button', { name: `Buka kembali bulan ${january}` }).click();
    await page
      .getByRole('dialog', { name: `Buka kembali bulan ${january}` })
      .getByRole('button', { name: 'Buka kembali', exact: true })
      .click();
    await page.getByText(`Bulan ${january} dibuka kembali`).waitFor();
    await page.getByRole('row').filter({ hasText: january }).getByText('Terbuka').waitFor();
  });
});

describe('statements', () => {
  test('the trial balance and the statement of financial position balance on screen', async () => {
    await page.goto(`${home}/buku-besar/laporan`);
    const tb = page.getByRole('table', { name: 'Neraca saldo' });
    await tb.waitFor();
    const total = async (which: string) => figure(await tb.locator(`[data-total="${which}"]`).textContent());
    // At least the entry posted above and its reversal moved the books.
    expect(await total('debit')).toBeGreaterThanOrEqual(350_000n);
    expect(await total('debit')).toBe(await total('credit'));
    expect(await total('closing-debit')).toBe(await total('closing-credit'));
    expect(await total('opening-debit')).toBe(await total('opening-credit'));
    await page.getByText('Debit dan kredit seimbang').waitFor();

    await page.getByRole('textbox', { name: 'Laporan', exact: true }).click();
    await page.getByRole('option', { name: 'Laporan posisi keuangan (neraca)' }).click();
    await page.waitForURL(/laporan=posisi-keuangan/);
    const assets = page.locator('[data-total="assets"]');
    await assets.waitFor();
    const totalAssets = rupiah(await assets.textContent());
    expect(rupiah(await page.locator('[data-total="liabilities-equity"]').textContent())).toBe(totalAssets);
    await page.getByText('Aset sama dengan liabilitas ditambah ekuitas').waitFor();

    await page.getByRole('textbox', { name: 'Laporan', exact: true }).click();
    await page.getByRole('option', { name: 'Laporan perhitungan hasil usaha (SHU)' }).click();
    const is = page.getByRole('table', { name: 'Laporan perhitungan hasil usaha (SHU)' });
    await is.getByRole('columnheader', { name: 'Pendapatan dari anggota' }).waitFor();
    await is.getByRole('columnheader', { name: 'Pendapatan dari non-anggota' }).waitFor();
    await page.locator('[data-total="surplus"]').waitFor();
  });

  test('the statements download as Excel and PDF', async () => {
    await page.getByRole('textbox', { name: 'Laporan', exact: true }).click();
    await page.getByRole('option', { name: 'Neraca saldo' }).click();
    await page.getByRole('table', { name: 'Neraca saldo' }).waitFor();
    for (const [button, magic] of [
      ['Unduh Excel', 'PK'],
      ['Unduh PDF', '%PDF'],
    ] as const) {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
      const file = await download.path();
      const bytes = fs.readFileSync(file);
      expect(bytes.subarray(0, magic.length).toString('latin1')).toBe(magic);
      expect(download.suggestedFilename()).toMatch(magic === 'PK' ? /\.xlsx$/ : /\.pdf$/);
    }
  });
});

describe('more statements and the year-end close', () => {
  test('cash flow, changes in equity, one account’s ledger and the cash book show the API’s totals; only the ketua may close the year', async () => {
    const api = await apiSignIn(base, 'bendahara@alamendah.kopdes.id');
    const coopId = api.me.cooperatives[0].id as string;
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date());
    const year = today.slice(0, 4);
    const report = async (kind: string, query: Record<string, string>) =>
      (await api.get(`/api/coops/${coopId}/ledger/reports/${kind}?${new URLSearchParams(query).toString()}`)) as Record<string, string>;
    /**
     * The figure on screen equals the API's. Other test files post into the same books, so a
     * mismatch reloads the page and compares again with a fresh answer before it fails.
     */
    const sameAsApi = async (which: string, parse: (t: string | null) => bigint, fromApi: () => Promise<string>) => {
      await expect
        .poll(
          async () => {
            const cell = page.locator(`[data-total="${which}"]`);
            await cell.waitFor();
            const shown = parse(await cell.textContent());
            const expected = BigInt(await fromApi());
            if (shown !== expected) await page.reload();
            return shown === expected ? 'same' : `${shown} on screen, ${expected} from the API`;
          },
          { timeout: 20_000, interval: 500 },
        )
        .toBe('same');
    };
    const choose = async (statement: string, slug: string) => {
      await page.getByRole('textbox', { name: 'Laporan', exact: true }).click();
      await page.getByRole('option', { name: statement, exact: true }).click();
      await page.waitForURL(new RegExp(`laporan=${slug}`));
      await page.getByRole('article', { name: statement }).waitFor();
    };

    await page.goto(`${home}/buku-besar/laporan`);
    await choose('Laporan arus kas', 'arus-kas');
    await page.locator('[data-total="closing-cash"]').waitFor();
    await sameAsApi('closing-cash', rupiah, async () => (await report('cash-flow', { from: `${year}-01-01`, to: today })).closingCash!);

    await choose('Laporan perubahan ekuitas', 'perubahan-ekuitas');
    await sameAsApi('closing', figure, async () => {
      const r = (await report('equity-changes', { from: `${year}-01-01`, to: today })) as unknown as { totals: { closing: string } };
      return r.totals.closing;
    });

    await choose('Buku besar per akun', 'buku-besar-akun');
    const account = page.getByRole('textbox', { name: 'Akun', exact: true });
    await account.click();
    await account.fill('6103');
    await page.getByRole('option', { name: '6103 · Beban Listrik, Air dan Telepon' }).click();
    await page.waitForURL(/akun=6103/);
    await page.getByText('6103 Beban Listrik, Air dan Telepon · saldo normal Debit').waitFor();
    // The entry posted above and its reversal are both in this account's lines.
    await page.getByRole('table', { name: 'Buku besar per akun' }).getByRole('row').filter({ hasText: posted }).first().waitFor();
    await sameAsApi(
      'debit',
      figure,
      async () => (await report('general-ledger', { account: '6103', from: `${year}-01-01`, to: today })).totalDebit!,
    );

    await choose('Buku kas harian', 'buku-kas');
    await sameAsApi('closing', figure, async () => (await report('cash-book', { date: today })).closing!);

    const ketua = await newPage(browser, base);
    try {
      await signIn(ketua.page, 'ketua@alamendah.kopdes.id');
      await ketua.page.waitForURL(/\/k\/kop_/);
      await ketua.page.goto(`${new URL(ketua.page.url()).pathname}/buku-besar/periode`);
      await ketua.page.getByRole('button', { name: `Tutup tahun buku ${year}` }).click();
      const dialog = ketua.page.getByRole('dialog', { name: `Tutup tahun buku ${year}?` });
      await dialog.getByText(/dipindahkan ke akun SHU Tahun Berjalan/).waitFor();
      // Not confirmed: the other test files post into this year.
      await dialog.getByRole('button', { name: 'Batal' }).click();
      await dialog.waitFor({ state: 'detached' });
    } finally {
      await ketua.context.close();
    }

    const pengawas = await newPage(browser, base, PHONE);
    try {
      const p = pengawas.page;
      await signIn(p, 'pengawas@alamendah.kopdes.id');
      await p.waitForURL(/\/k\/kop_/);
      const coop = new URL(p.url()).pathname;
      await p.goto(`${coop}/buku-besar/periode`);
      await p.getByRole('list', { name: 'Bulan-bulan tahun buku' }).getByRole('listitem').first().waitFor();
      expect(await p.getByRole('button', { name: /^Tutup tahun buku/ }).count()).toBe(0);
      await p.goto(`${coop}/buku-besar/laporan?laporan=buku-besar-akun&akun=1101`);
      await p.locator('[data-total="closing"]').waitFor();
      expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
      await p.goto(`${coop}/buku-besar/laporan?laporan=arus-kas`);
      await p.locator('[data-total="closing-cash"]').waitFor();
      expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    } finally {
      await pengawas.context.close();
    }
  });
});

describe('pengawas', () => {
  test('reads the journal and statements on a phone, with no button that writes', async () => {
    const opened = await newPage(browser, base, PHONE);
    const p = opened.page;
    try {
      await signIn(p, 'pengawas@alamendah.kopdes.id');
      await p.waitForURL(/\/k\/kop_/);
      const coop = new URL(p.url()).pathname;
      await p.goto(`${coop}/buku-besar`);
      await p.getByText('Anda dapat membaca buku besar, tetapi tidak dapat mencatat atau membalik jurnal.').waitFor();
      const cards = p.getByRole('list', { name: 'Jurnal umum' }).getByRole('listitem');
      await cards.first().waitFor();
      expect(await p.getByRole('link', { name: 'Catat jurnal manual' }).count()).toBe(0);
      expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);

      await cards
        .first()
        .getByRole('button', { name: /^Lihat jurnal JU-/ })
        .click();
      const entry = p.getByRole('dialog', { name: /^Jurnal JU-/ });
      await entry.getByRole('list', { name: 'Baris jurnal' }).getByRole('listitem').first().waitFor();
      expect(await entry.getByRole('button', { name: 'Balik jurnal' }).count()).toBe(0);
      await p.keyboard.press('Escape');

      // The form's address does not open the form for someone who may not post.
      await p.goto(`${coop}/buku-besar/jurnal/baru`);
      await p.getByRole('heading', { name: 'Buku besar', level: 1 }).waitFor();
      expect(await p.getByRole('button', { name: 'Catat jurnal' }).count()).toBe(0);

      await p.goto(`${coop}/buku-besar/periode`);
      await p.getByRole('list', { name: 'Bulan-bulan tahun buku' }).getByRole('listitem').first().waitFor();
      expect(await p.getByRole('button', { name: /^Tutup bulan/ }).count()).toBe(0);

      await p.goto(`${coop}/buku-besar/laporan`);
      await p.getByText('Debit dan kredit seimbang').waitFor();
      expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    } finally {
      await opened.context.close();
    }
  });
});
