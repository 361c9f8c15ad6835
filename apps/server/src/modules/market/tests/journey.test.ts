/**
 * One retailer order from file to cash: a PO imported from the retailer's CSV, allocated from stock,
 * a delivery note, the store's QC with a reject, the invoice and a partial then a final payment. After
 * every step the ledger's receivable from the partner, the ageing report and the partner's statement
 * say the same, and the stock valuation equals the inventory account.
 */
import { ACCOUNTS } from '@kopdes/shared/ledger';
import { beforeAll, describe, expect, it } from 'vitest';
import { signIn, testApp, type Client } from '../../../../test/support/app.js';
import { makeCoop, makeUser } from '../../../../test/support/factories.js';
import { accountBalance } from '../../ledger/ledger.service.js';
import { makeContracted, makeStock, tag, type MarketSetup } from './factories.js';

const t = await testApp();
let coopId: string;
let board: Client;
let clerk: Client;
let treasurer: Client;
let m: MarketSetup;
let base: string;
const THURSDAY = '2025-08-14';
const AS_OF = '2025-11-30';

beforeAll(async () => {
  coopId = (await makeCoop(t.db)).id;
  base = `/api/coops/${coopId}/market`;
  const [u, c, b] = await Promise.all([
    makeUser(t.db, coopId, ['pengurus']),
    makeUser(t.db, coopId, ['petugas']),
    makeUser(t.db, coopId, ['bendahara']),
  ]);
  board = await signIn(t.app, u.email, u.password);
  clerk = await signIn(t.app, c.email, c.password);
  treasurer = await signIn(t.app, b.email, b.password);
  m = await makeContracted(t.db, coopId);
  await makeStock(t.db, coopId);
}, 90_000);

/** The three views of what the partner owes, and stock against the books: all must agree. */
async function agreement(expected: bigint) {
  const ledger = await accountBalance(t.db, coopId, { account: ACCOUNTS.PIUTANG_USAHA, unit: 'agribisnis', partnerId: m.partnerId });
  const ageing = (await treasurer.get(`${base}/receivables/ageing?asOf=${AS_OF}`)).body;
  const row = ageing.partners.find((p: { partnerId: string }) => p.partnerId === m.partnerId);
  const statement = (await treasurer.get(`${base}/partners/${m.partnerId}/statement?from=2025-01-01&to=${AS_OF}`)).body;
  const valuation = (await clerk.get(`/api/coops/${coopId}/produce/stock/valuation`)).body;
  expect(ledger).toBe(expected);
  expect(ageing.agrees).toBe(true);
  expect(BigInt(row?.balance ?? '0')).toBe(expected);
  expect(statement.agrees).toBe(true);
  expect(BigInt(statement.closing)).toBe(expected);
  expect(BigInt(statement.ledger)).toBe(expected);
  expect(valuation.agrees).toBe(true);
}

describe('a retailer order from its file to cash', () => {
  const ref = `SM-${tag()}`;
  let poId = '';
  let delivery: { id: string; value: string; lines: { lineNo: number; quantity: { text: string } }[] };
  let invoice: { id: string; amount: string };

  it('imports the PO from the retailer file; nothing is owed yet', async () => {
    const file = [
      'No PO;Tanggal PO;Tanggal Kirim;Kode Toko;Kode Artikel;Deskripsi;Qty;Harga',
      `${ref};12/08/2025;14/08/2025;BDG01;200145;TOMAT A TRAY 250G;40;4500`,
      `${ref};12/08/2025;14/08/2025;BDG01;200146;TOMAT B CURAH;5;9000`,
    ].join('\r\n');
    const res = await t.app.request(`${base}/purchase-orders/import?partnerId=${m.partnerId}&mode=commit`, {
      method: 'POST',
      headers: {
        'content-type': 'text/csv',
        cookie: (board as unknown as { cookie: string }).cookie,
        'x-csrf-token': (board as unknown as { csrf: string }).csrf,
      },
      body: file,
    });
    const body = await res.json();
    expect(res.status, JSON.stringify(body)).toBe(200);
    poId = body.orders[0].purchaseOrderId;
    await agreement(0n);
  });

  it('allocates from stock first-expired-first-out and writes the delivery note; stock leaves the books at cost', async () => {
    const day = (await clerk.get(`${base}/fulfilment?date=${THURSDAY}`)).body;
    expect(JSON.stringify(day)).toContain(poId);
    const res = await clerk.post(
      `${base}/deliveries`,
      { purchaseOrderId: poId, date: THURSDAY, vehicle: 'D 8123 XY' },
      { 'idempotency-key': `sj-${ref}` },
    );
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    delivery = res.body;
    expect(delivery.lines.map((l) => l.quantity.text)).toEqual(['40 pak', '5 kg']);
    expect((await clerk.get(`${base}/deliveries/${delivery.id}/note.pdf`)).status).toBe(200);
    await agreement(0n);
  });

  it('takes the store QC with a reject; only accepted goods will be invoiced', async () => {
    const res = await clerk.post(`${base}/deliveries/${delivery.id}/receipt`, {
      date: THURSDAY,
      lines: [
        { lineNo: 1, accepted: '38', rejected: '2', reason: 'quality' },
        { lineNo: 2, accepted: '5' },
      ],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    await agreement(0n);
  });

  it('invoices the accepted goods: the receivable appears in all three views', async () => {
    const res = await treasurer.post(`${base}/invoices`, { partnerId: m.partnerId, date: '2025-08-15', deliveryIds: [delivery.id] });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    invoice = res.body;
    expect(invoice.amount).toBe(String(38 * 4500 + 5 * 9000));
    await agreement(BigInt(invoice.amount));
  });

  it('takes a partial payment and then the rest; the account closes at zero', async () => {
    const first = await treasurer.post(
      `${base}/payments`,
      { partnerId: m.partnerId, date: '2025-09-01', method: 'bank', amount: '100000' },
      { 'idempotency-key': `pay1-${ref}` },
    );
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    await agreement(BigInt(invoice.amount) - 100000n);
    const rest = BigInt(invoice.amount) - 100000n;
    const second = await treasurer.post(
      `${base}/payments`,
      { partnerId: m.partnerId, date: '2025-09-20', method: 'cash', amount: rest.toString() },
      { 'idempotency-key': `pay2-${ref}` },
    );
    expect(second.status, JSON.stringify(second.body)).toBe(201);
    await agreement(0n);
    expect((await treasurer.get(`${base}/invoices/${invoice.id}`)).body.open).toBe('0');
  });
});
