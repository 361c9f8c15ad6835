import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Client, signIn, testApp } from '../../../../test/support/app.js';
import { makeApiToken, makeCoop, makeUser } from '../../../../test/support/factories.js';
import { databaseDigest } from '../../../../test/support/routes.js';
import { systemClock } from '../../../lib/clock.js';
import { makeContracted, makePartner, tag, type MarketSetup } from './factories.js';

const t = await testApp();
let coopId: string;
let board: Client;
let clerk: Client;
let m: MarketSetup;
let base: string;
const THURSDAY = '2025-08-14';

beforeAll(async () => {
  coopId = (await makeCoop(t.db)).id;
  base = `/api/coops/${coopId}/market`;
  const u = await makeUser(t.db, coopId, ['pengurus']);
  const c = await makeUser(t.db, coopId, ['petugas']);
  board = await signIn(t.app, u.email, u.password);
  clerk = await signIn(t.app, c.email, c.password);
  m = await makeContracted(t.db, coopId);
}, 60_000);

const po = (o: Record<string, unknown> = {}) => ({
  partnerId: m.partnerId,
  storeId: m.storeId,
  partnerRef: `PO-${tag()}`,
  orderDate: '2025-08-12',
  deliveryDate: THURSDAY,
  lines: [
    { articleCode: '200145', quantity: '80' },
    { articleCode: '200146', quantity: '12,5' },
  ],
  ...o,
});

describe('purchase orders', () => {
  it('records a PO at the contract prices without warnings when it keeps to the contract', async () => {
    const res = await board.post(`${base}/purchase-orders`, po());
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ source: 'entry', amount: '472500', warnings: [], contractId: m.contractId });
    expect(res.body.number).toMatch(/^PO-2025-\d{6}$/);
    expect(res.body.lines[0]).toMatchObject({
      priceBasis: 'pack',
      quantity: { value: '80', text: '80 pak' },
      unitPrice: '4500',
      amount: '360000',
      contractLineNo: 1,
      open: { value: '80' },
    });
    expect(res.body.lines[1]).toMatchObject({ quantity: { value: '12500', text: '12,5 kg' }, amount: '112500', grade: 'B' });
    const list = await clerk.get(`${base}/purchase-orders?deliveryDate=${THURSDAY}`);
    expect(list.body.items.map((x: { id: string }) => x.id)).toContain(res.body.id);
  });

  it('warns about price, volume over the day (with what is already ordered), items off contract and a closed store', async () => {
    const res = await board.post(
      `${base}/purchase-orders`,
      po({
        deliveryDate: '2025-08-19', // Tuesday: the store receives Monday and Thursday; the contract has no volume then
        lines: [
          { articleCode: '200145', quantity: '10', unitPrice: '4200' },
          { commodityId: m.cabbageId, grade: 'A', quantity: '5', unitPrice: '7000' },
        ],
      }),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.warnings.map((w: { code: string }) => w.code).sort()).toEqual([
      'off_contract',
      'over_volume',
      'price_differs',
      'store_closed',
    ]);
    expect(res.body.lines[0].warnings.find((w: { code: string }) => w.code === 'price_differs').message.id).toContain('Rp 4.200');
    expect(res.body.amount).toBe(String(10 * 4200 + 5 * 7000));
    // 80 trays already ordered for Thursday: 10 more go over 80 + 10%.
    const more = await board.post(`${base}/purchase-orders`, po({ lines: [{ articleCode: '200145', quantity: '9' }] }));
    expect(more.body.warnings.map((w: { code: string }) => w.code)).toEqual(['over_volume']);
    const none = await board.post(
      `${base}/purchase-orders`,
      po({ deliveryDate: '2026-02-05', lines: [{ articleCode: '200145', quantity: '1' }] }),
    );
    expect(none.status).toBe(422);
    expect(none.body.errors[0]).toMatchObject({ field: 'lines.0.articleCode', code: 'unknown_article' });
    const priced = await board.post(
      `${base}/purchase-orders`,
      po({ deliveryDate: '2026-02-05', lines: [{ commodityId: m.tomatoId, grade: 'A', quantity: '3', unitPrice: '9500' }] }),
    );
    expect(priced.status).toBe(201);
    expect(priced.body.warnings.map((w: { code: string }) => w.code)).toEqual(['no_contract']);
  });

  it('refuses bad orders naming the field; nothing written', async () => {
    const strict = await makeContracted(t.db, coopId);
    const first = await board.post(`${base}/purchase-orders`, po());
    const before = await databaseDigest(t.db);
    const cases: [Record<string, unknown>, number, string][] = [
      [po({ lines: [{ articleCode: '999', quantity: '1' }] }), 422, 'lines.0.articleCode'],
      [po({ lines: [{ articleCode: '200145', quantity: '2,5' }] }), 400, 'lines.0.quantity'],
      [po({ lines: [{ articleCode: '200146', quantity: '0' }] }), 400, 'lines.0.quantity'],
      [po({ lines: [{ commodityId: m.cabbageId, grade: 'A', quantity: '5' }] }), 400, 'lines.0.unitPrice'],
      [po({ lines: [{ commodityId: m.cabbageId, grade: 'C', quantity: '5', unitPrice: '100' }] }), 422, 'lines.0.grade'],
      [
        po({
          lines: [
            { articleCode: '200146', quantity: '1' },
            { articleCode: '200146', quantity: '2' },
          ],
        }),
        400,
        'lines.1.articleCode',
      ],
      [po({ partnerRef: first.body.partnerRef }), 409, 'partnerRef'],
      [po({ deliveryDate: '2025-08-10' }), 400, 'deliveryDate'],
      [po({ storeId: strict.storeId }), 422, 'storeId'],
      [po({ storeId: undefined, storeCode: 'NOPE' }), 422, 'storeCode'],
      [po({ partnerId: 'mtr_01JAAAAAAAAAAAAAAAAAAAAAAA' }), 422, 'partnerId'],
      [po({ lines: [] }), 400, 'lines'],
    ];
    for (const [body, status, f] of cases) {
      const res = await board.post(`${base}/purchase-orders`, body);
      expect(res.status, JSON.stringify(res.body)).toBe(status);
      expect(res.body.errors[0].field, JSON.stringify(res.body)).toBe(f);
      expect(res.body.errors[0].message).toBeTruthy();
    }
    expect(await databaseDigest(t.db)).toEqual(before);
  });

  it('refuses a line off the contract when the contract says so', async () => {
    const strict = await makePartner(t.db, coopId);
    const contract = await board.post(`${base}/partners/${strict.id}/contracts`, {
      reference: 'KTR-KETAT',
      validFrom: '2025-01-01',
      validTo: '2025-12-31',
      qualityTolerance: 'Sesuai spesifikasi',
      returnsPolicy: 'Retur saat terima',
      offContract: 'refuse',
      items: [
        {
          commodityId: m.tomatoId,
          grade: 'A',
          packFormatId: m.trayFormatId,
          price: '4500',
          volumes: ['50', '50', '50', '50', '50', '0', '0'],
        },
      ],
    });
    expect(contract.status).toBe(201);
    const res = await board.post(
      `${base}/purchase-orders`,
      po({
        partnerId: strict.id,
        storeId: strict.stores[0]!.id,
        lines: [{ commodityId: m.tomatoId, grade: 'A', quantity: '10', unitPrice: '9000' }],
      }),
    );
    expect(res.status).toBe(422);
    expect(res.body.errors[0]).toMatchObject({ field: 'lines.0', code: 'pack_differs' });
  });

  it('replays the answer for a repeated Idempotency-Key', async () => {
    const body = po();
    const key = { 'idempotency-key': `po-${tag()}-key` };
    const a = await board.post(`${base}/purchase-orders`, body, key);
    const b = await board.post(`${base}/purchase-orders`, body, key);
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.body.id).toBe(a.body.id);
    const list = await board.get(`${base}/purchase-orders?partnerId=${m.partnerId}&limit=500`);
    expect(list.body.items.filter((x: { partnerRef: string }) => x.partnerRef === body.partnerRef)).toHaveLength(1);
  });

  it("takes orders from a partner's system with its own token, for that partner only", async () => {
    const token = await makeApiToken(t.db, systemClock, coopId, ['market.orders']);
    const link = await board.patch(`${base}/partners/${m.partnerId}`, { apiTokenId: token.id });
    expect(link.status, JSON.stringify(link.body)).toBe(200);
    const partnerSystem = Client.token(t.app, token.secret);
    const res = await partnerSystem.post(`${base}/purchase-orders`, {
      ...po(),
      partnerId: undefined,
      storeId: undefined,
      storeCode: 'bdg01',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ source: 'partner_api', partner: { id: m.partnerId }, store: { id: m.storeId } });
    expect(res.body.createdBy).toMatch(/^token:/);
    const other = await makeContracted(t.db, coopId);
    const theirs = await partnerSystem.post(`${base}/purchase-orders`, po({ partnerId: other.partnerId, storeId: other.storeId }));
    expect(theirs.status).toBe(403);
    expect(theirs.body.errors[0].field).toBe('partnerId');
    expect((await partnerSystem.get(`${base}/purchase-orders`)).status).toBe(403);
  });
});

describe('import from a retailer file', () => {
  const csv = (rows: string[][]) =>
    ['No PO;Tanggal PO;Tanggal Kirim;Kode Toko;Kode Artikel;Deskripsi;Qty;Harga', ...rows.map((r) => r.join(';'))].join('\r\n');
  const send = (c: Client, body: string | Buffer, q: string, type = 'text/csv') =>
    c.app.request(`${base}/purchase-orders/import?partnerId=${m.partnerId}&${q}`, {
      method: 'POST',
      headers: {
        'content-type': type,
        cookie: (c as unknown as { cookie: string }).cookie,
        'x-csrf-token': (c as unknown as { csrf: string }).csrf,
      },
      body: typeof body === 'string' ? body : new Uint8Array(body),
    });

  it('dry-runs, then commits every order of the file, grouped by PO number', async () => {
    const a = `SM-${tag()}`;
    const b = `SM-${tag()}`;
    const file = csv([
      [a, '12/08/2025', '14/08/2025', 'BDG01', '200145', 'TOMAT A TRAY 250G', '40', '4500'],
      [a, '12/08/2025', '14/08/2025', 'BDG01', '200146', 'TOMAT B CURAH', '7,5', ''],
      [b, '12/08/2025', '14/08/2025', 'BDG02', '200145', 'TOMAT A TRAY 250G', '30', '4400'],
    ]);
    const before = await databaseDigest(t.db);
    const dry = await send(board, file, 'mode=dry_run');
    const report = await dry.json();
    expect(dry.status, JSON.stringify(report)).toBe(200);
    expect(report.summary).toEqual({ orders: 2, valid: 2, invalid: 0 });
    expect(report.orders[0]).toMatchObject({ partnerRef: a, rows: [2, 3], lines: 2, amount: String(40 * 4500 + 67500), errors: [] });
    expect(report.orders[1].warnings.map((w: { code: string }) => w.code)).toContain('price_differs');
    expect(await databaseDigest(t.db)).toEqual(before);
    const commit = await send(board, file, 'mode=commit');
    const done = await commit.json();
    expect(done.committed).toBe(true);
    const id = done.orders[0].purchaseOrderId;
    const got = await board.get(`${base}/purchase-orders/${id}`);
    expect(got.body).toMatchObject({ source: 'import', partnerRef: a, orderDate: '2025-08-12', deliveryDate: THURSDAY });
    // The same file again: every order is already there; nothing is written.
    const again = await send(board, file, 'mode=commit');
    expect(again.status).toBe(422);
    const body = await again.json();
    expect(body.report.orders[0].errors[0].code).toBe('duplicate_partner_ref');
  });

  it('reads an .xlsx, reports rows it cannot use by row number, and refuses a file without the columns', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('PO');
    ws.addRow(['PURCHASE ORDER SEGAR MART']);
    ws.addRow(['PO Number', 'Order Date', 'Delivery Date', 'Store', 'PLU', 'Qty']);
    const ref = `X-${tag()}`;
    ws.addRow([ref, new Date(Date.UTC(2025, 7, 12)), new Date(Date.UTC(2025, 7, 14)), 'BDG01', '200145', 20]);
    ws.addRow([ref, new Date(Date.UTC(2025, 7, 12)), new Date(Date.UTC(2025, 7, 14)), 'BDG01', '777777', 5]);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    const res = await send(board, xlsx, 'mode=dry_run', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const report = await res.json();
    expect(res.status, JSON.stringify(report)).toBe(200);
    expect(report.summary.invalid).toBe(1);
    expect(report.orders[0].errors[0]).toMatchObject({ field: 'row 4.articleCode', code: 'unknown_article' });
    const bad = await send(board, 'a;b;c\n1;2;3', 'mode=dry_run');
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors[0].field).toBe('file');
  });
});
