// A dialog keeps its Idempotency-Key after a network error (the outcome is unknown) and takes a
// fresh one after a refusal, so the same values go through once the balance allows it.
import { formatRupiah } from '@kopdes/shared/money';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { apiSignIn, type Session } from './api.js';
import { launchChromium, newPage, signIn } from './browser.js';

const base = inject('baseUrl');
let browser: Browser;
let page: Page;
let home: string;
let coopId: string;
let bendahara: Session;
let member: { id: string; fullName: string };

beforeAll(async () => {
  bendahara = await apiSignIn(base, 'bendahara@alamendah.kopdes.id');
  coopId = bendahara.me.cooperatives[0].id;
  for (let until = Date.now() + 360_000; (await bendahara.get(`/api/coops/${coopId}/members?limit=1`)).total < 100;) {
    if (Date.now() > until) throw new Error('members not seeded');
    await new Promise((r) => setTimeout(r, 1000));
  }
  const { items } = await bendahara.get(`/api/coops/${coopId}/members?status=active&limit=40`);
  // From the end of the page: savings.test.ts takes its member from the start.
  member = [...items].reverse().find((m: any) => m.number > 10 && items.filter((o: any) => o.fullName === m.fullName).length === 1);
  browser = await launchChromium();
  page = (await newPage(browser, base)).page;
  await signIn(page, 'bendahara@alamendah.kopdes.id');
  await page.waitForURL(/\/k\/kop_/);
  home = new URL(page.url()).pathname;
}, 420_000);
afterAll(async () => browser?.close());

const sukarela = async (): Promise<bigint> =>
  BigInt((await bendahara.get(`/api/coops/${coopId}/members/${member.id}/savings`)).balances.sukarela);

test('network error keeps the key; a refusal renews it; the same values then go through', async () => {
  const keys: string[] = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && r.url().includes('/savings/withdrawals')) keys.push(r.headers()['idempotency-key']!);
  });
  const balance = await sukarela();
  const want = balance + 50_000n;
  await page.goto(`${home}/anggota/${member.id}`);
  await page.getByRole('heading', { name: member.fullName, level: 1 }).waitFor();
  await page.getByRole('button', { name: 'Tarik', exact: true }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByText(`Saldo sukarela tersedia: ${formatRupiah(balance)}`).waitFor();
  await dialog.getByLabel(/^Jumlah/).fill(String(want));
  const submit = dialog.getByRole('button', { name: 'Simpan penarikan' });

  // 1. The connection drops: the outcome is unknown, the next attempt must reuse the key.
  await page.route('**/savings/withdrawals', (r) => r.abort('internetdisconnected'));
  await submit.click();
  await expect.poll(() => keys.length).toBe(1);
  await dialog.getByRole('alert').waitFor();
  await page.unroute('**/savings/withdrawals');

  // 2. Sent again: the server refuses (not enough balance) under the same key.
  await submit.click();
  await dialog.getByText(`Saldo simpanan sukarela tidak cukup: tersedia ${formatRupiah(balance)}`).waitFor();
  expect(keys.length).toBe(2);
  expect(keys[1]).toBe(keys[0]);

  // 3. The member brings money; the clerk submits the very same values: a fresh key, and it posts.
  const dep = await bendahara.send('POST', `/api/coops/${coopId}/savings/deposits`, {
    memberId: member.id,
    kind: 'sukarela',
    amount: '50000',
    method: 'cash',
  });
  expect(dep.status).toBe(201);
  await submit.click();
  await dialog.waitFor({ state: 'detached' });
  expect(keys.length).toBe(3);
  expect(keys[2]).not.toBe(keys[1]);
  expect(await sukarela()).toBe(0n);
});
