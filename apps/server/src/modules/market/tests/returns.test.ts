// Rejected goods back into stock at the same or a lower grade (or written off), and deliveries to
// the cooperative's own outlet moving stock between ledger units instead of being sold.
import { ACCOUNTS } from '@kopdes/shared/ledger';
import { beforeAll, describe, expect, it } from 'vitest';
import { signIn, testApp, type Client } from '../../../../test/support/app.js';
import { makeCoop, makeUser } from '../../../../test/support/factories.js';
import { databaseDigest } from '../../../../test/support/routes.js';
import { newId } from '../../../lib/ids.js';
import { accountBalance, getEntry } from '../../ledger/ledger.service.js';
import { makeContracted, makeStock, tag, type MarketSetup } from './factories.js';

const t = await testApp();
let coopId: string;
let base: string;
let board: Client;
let clerk: Client;
let treasurer: Client;
let m: MarketSetup;
let trayLotId: string;
const THURSDAY = '2025-08-14';

const ledger = (account: string, unit = 'agribisnis') => accountBalance(t.db, coopId, { account, unit });

async function order(partner: MarketSetup, lines: { articleCode: string; quantity: string }[], storeId = partner.storeId) {
  const res = await board.post(`${base}/purchase-orders`, {
    partnerId: partner.partnerId,
    storeId,
    partnerRef: `PO-${tag()}`,
    orderDate: '2025-08-12',
    deliveryDate: THURSDAY,
    lines,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const d = await clerk.post(`${base}/deliveries`, { purchaseOrderId: res.body.id, date: THURSDAY });
  expect(d.status, JSON.stringify(d.body)).toBe(201);
  return d.body;
}

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
  trayLotId = (await makeStock(t.db, coopId)).trayLotId;
}, 90_000);

describe('rejected goods back into stock', () => {
  let delivery: { id: string; value: string; lines: { lineNo: number; lotId: string; value: string }[] };

  it('refuses a higher grade, more than was rejected, a return without a rejection and an unknown place; nothing written', async () => {
    // 40 trays (10 kg of the 25 kg pack lot worth 208.000) and 10 kg of grade B (of 17,5 kg worth 105.000).
    delivery = await order(m, [
      { articleCode: '200145', quantity: '40' },
      { articleCode: '200146', quantity: '10' },
    ]);
    expect(delivery.lines.map((l) => [l.lotId === trayLotId, l.value])).toEqual([
      [true, '83200'],
      [false, '60000'],
    ]);
    const url = `${base}/deliveries/${delivery.id}/receipt`;
    const send = (lines: unknown[]) => clerk.post(url, { date: THURSDAY, lines });
    const before = await databaseDigest(t.db);
    const ok = {
      lineNo: 1,
      accepted: '30',
      rejected: '10',
      reason: 'quality',
      returnToStock: { grade: 'B', locationId: m.packingHouseId },
    };
    const up = await send([
      ok,
      { lineNo: 2, accepted: '8', rejected: '2', reason: 'damaged', returnToStock: { grade: 'A', locationId: m.packingHouseId } },
    ]);
    expect(up.status).toBe(400);
    expect(up.body.errors[0]).toMatchObject({ field: 'lines.1.returnToStock.grade', code: 'grade_higher' });
    const more = await send([
      { ...ok, returnToStock: { grade: 'B', locationId: m.packingHouseId, quantity: '3' } },
      { lineNo: 2, accepted: '10' },
    ]);
    expect(more.status).toBe(422);
    expect(more.body.errors[0]).toMatchObject({ field: 'lines.0.returnToStock.quantity', code: 'more_than_rejected' });
    const none = await send([
      { lineNo: 1, accepted: '40', returnToStock: { grade: 'B', locationId: m.packingHouseId } },
      { lineNo: 2, accepted: '10' },
    ]);
    expect(none.status).toBe(400);
    expect(none.body.errors[0]).toMatchObject({ field: 'lines.0.returnToStock', code: 'nothing_rejected' });
    const nowhere = await send([
      { ...ok, returnToStock: { grade: 'B', locationId: newId('lok') } },
      { lineNo: 2, accepted: '10' },
    ]);
    expect(nowhere.status).toBe(422);
    expect(nowhere.body.errors[0]).toMatchObject({ field: 'lines.0.returnToStock.locationId', code: 'unknown_location' });
    const badKg = await send([
      { ...ok, returnToStock: { grade: 'B', locationId: m.packingHouseId, quantity: '1,23456' } },
      { lineNo: 2, accepted: '10' },
    ]);
    expect(badKg.status).toBe(400);
    expect(badKg.body.errors[0].field).toBe('lines.0.returnToStock.quantity');
    expect(await databaseDigest(t.db)).toEqual(before);
  });

  it('takes rejects back as new lots at the lower of cost and the grade’s buying price, writes off the rest, in one entry; a retry counts once', async () => {
    const hpp = await ledger(ACCOUNTS.HPP);
    const inventory = await ledger(ACCOUNTS.PERSEDIAAN_HASIL_PANEN);
    const body = {
      date: THURSDAY,
      receivedBy: 'Dedi',
      lines: [
        // 10 trays (2,5 kg) cost 20.800; as grade B they are worth 2,5 × 6.000 = 15.000: 5.800 written off.
        { lineNo: 1, accepted: '30', rejected: '10', reason: 'quality', returnToStock: { grade: 'B', locationId: m.packingHouseId } },
        // 2 kg cost 12.000; 1,5 kg come back as grade C: cost 9.000, worth 1,5 × 3.500 = 5.250; 6.750 written off.
        {
          lineNo: 2,
          accepted: '8',
          rejected: '2',
          reason: 'damaged',
          returnToStock: { grade: 'C', locationId: m.packingHouseId, quantity: '1,5' },
        },
      ],
    };
    const key = { 'idempotency-key': `rcv-${tag()}-returns` };
    const res = await clerk.post(`${base}/deliveries/${delivery.id}/receipt`, body, key);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const again = await clerk.post(`${base}/deliveries/${delivery.id}/receipt`, body, key);
    expect(again.status).toBe(201);
    expect(again.body.lines[0].returnedToStock.lotId).toBe(res.body.lines[0].returnedToStock.lotId);
    expect(res.body.receipt).toMatchObject({ writtenOff: '12550', returned: '20250' });
    const [l1, l2] = res.body.lines;
    expect(l1).toMatchObject({
      writtenOff: '5800',
      returnedToStock: { grade: 'B', quantity: { base: '2500', text: '2,5 kg' }, value: '15000' },
    });
    expect(l1.returnedToStock.lotCode).toMatch(/^RB-2025-\d{6}-B$/);
    expect(l2).toMatchObject({ writtenOff: '6750', returnedToStock: { grade: 'C', quantity: { base: '1500' }, value: '5250' } });
    expect(await ledger(ACCOUNTS.HPP)).toBe(hpp - 32800n);
    expect(await ledger(ACCOUNTS.SUSUT_DAN_BUSUK)).toBe(12550n);
    expect(await ledger(ACCOUNTS.PERSEDIAAN_HASIL_PANEN)).toBe(inventory + 20250n);
    const entry = await getEntry(t.db, coopId, res.body.receipt.journal.id);
    expect(entry.lines.map((l) => [l.account, l.debit, l.credit])).toEqual([
      [ACCOUNTS.SUSUT_DAN_BUSUK, '12550', '0'],
      [ACCOUNTS.PERSEDIAAN_HASIL_PANEN, '20250', '0'],
      [ACCOUNTS.HPP, '0', '32800'],
    ]);

    const lot = (await clerk.get(`/api/coops/${coopId}/produce/lots/${l1.returnedToStock.lotId}`)).body;
    expect(lot).toMatchObject({
      origin: 'return',
      grade: 'B',
      packFormat: null,
      onHand: { text: '2,5 kg' },
      value: '15000',
      cost: '15000',
    });
    const trace = (await clerk.get(`/api/coops/${coopId}/produce/lots/${lot.id}/trace`)).body;
    expect(trace.origin.returnedFrom).toMatchObject({ lotId: trayLotId, grade: 'A' });
    expect(trace.movements).toEqual([expect.objectContaining({ kind: 'return_in', partnerId: m.partnerId, documentId: delivery.id })]);
    const source = (await clerk.get(`/api/coops/${coopId}/produce/lots/${trayLotId}/trace`)).body;
    expect(source.returnedAs).toEqual([expect.objectContaining({ lotId: lot.id, grade: 'B', quantity: { base: '2500', text: '2,5 kg' } })]);
    expect((await clerk.get(`/api/coops/${coopId}/produce/stock/valuation`)).body.agrees).toBe(true);

    const inv = await treasurer.post(`${base}/invoices`, { partnerId: m.partnerId, date: THURSDAY, deliveryIds: [delivery.id] });
    expect(inv.status, JSON.stringify(inv.body)).toBe(201);
    expect(inv.body.amount).toBe(String(30 * 4500 + 8 * 9000));
  });

  it('takes goods back unchanged in their pack format at their cost, ready to be sold again', async () => {
    const d = await order(m, [{ articleCode: '200145', quantity: '10' }]);
    expect(d.lines[0].value).toBe('20800'); // 2,5 kg of the 15 kg left worth 124.800
    const res = await clerk.post(`${base}/deliveries/${d.id}/receipt`, {
      date: THURSDAY,
      lines: [
        { lineNo: 1, accepted: '6', rejected: '4', reason: 'over_delivery', returnToStock: { grade: 'A', locationId: m.packingHouseId } },
      ],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.lines[0]).toMatchObject({ writtenOff: '0', returnedToStock: { grade: 'A', value: '8320' } });
    const lot = (await clerk.get(`/api/coops/${coopId}/produce/lots/${res.body.lines[0].returnedToStock.lotId}`)).body;
    expect(lot.packFormat).toMatchObject({ name: 'Tray 250 g', packs: 4 });
    // The trays back on the shelf count for the next order: 50 left in the pack lot and 4 returned.
    const po = await board.post(`${base}/purchase-orders`, {
      partnerId: m.partnerId,
      storeId: m.storeId,
      partnerRef: `PO-${tag()}`,
      orderDate: '2025-08-14',
      deliveryDate: '2025-08-18',
      lines: [{ articleCode: '200145', quantity: '1' }],
    });
    expect(po.status).toBe(201);
    const plan = (await clerk.get(`${base}/fulfilment?date=2025-08-18`)).body;
    expect(plan.demand[0].available).toMatchObject({ value: '54' });
  });
});

describe("deliveries to the cooperative's own outlet", () => {
  it('move the cost to the outlet unit’s inventory, send rejects back out of it, and are never invoiced', async () => {
    const outlet = await makeContracted(t.db, coopId, { kind: 'own_outlet', npwp: null, paymentTermsDays: 0 });
    const hpp = await ledger(ACCOUNTS.HPP);
    const d = await order(outlet, [{ articleCode: '200146', quantity: '5' }]);
    expect(d.toUnit).toBe('gerai_sembako');
    const value = BigInt(d.value);
    expect(value).toBe(30000n); // 5 kg of grade B at 6.000
    const entry = await getEntry(t.db, coopId, d.journal.id);
    expect(entry.lines.map((l) => [l.account, l.unit, l.debit, l.credit])).toEqual([
      [ACCOUNTS.PERSEDIAAN_GERAI, 'gerai_sembako', '30000', '0'],
      [ACCOUNTS.PERSEDIAAN_HASIL_PANEN, 'agribisnis', '0', '30000'],
    ]);
    expect(await ledger(ACCOUNTS.HPP)).toBe(hpp);
    expect(await ledger(ACCOUNTS.PERSEDIAAN_GERAI, 'gerai_sembako')).toBe(30000n);

    const spoilage = await ledger(ACCOUNTS.SUSUT_DAN_BUSUK);
    const rec = await clerk.post(`${base}/deliveries/${d.id}/receipt`, {
      date: THURSDAY,
      lines: [{ lineNo: 1, accepted: '4', rejected: '1', reason: 'quality' }],
    });
    expect(rec.status, JSON.stringify(rec.body)).toBe(201);
    expect(rec.body.receipt.writtenOff).toBe('6000');
    expect(await ledger(ACCOUNTS.PERSEDIAAN_GERAI, 'gerai_sembako')).toBe(24000n);
    expect(await ledger(ACCOUNTS.SUSUT_DAN_BUSUK)).toBe(spoilage + 6000n);

    const inv = await treasurer.post(`${base}/invoices`, { partnerId: outlet.partnerId, date: THURSDAY, deliveryIds: [d.id] });
    expect(inv.status).toBe(422);
    expect(inv.body.errors[0]).toMatchObject({ field: 'deliveryIds.0', code: 'internal_transfer' });

    const margins = (await board.get(`${base}/reports/margins?from=2025-08-11&to=2025-08-17`)).body;
    const row = margins.rows.find((r: { partnerId: string }) => r.partnerId === outlet.partnerId);
    expect(row).toMatchObject({ revenue: '0', costOfSales: '0', transferredAtCost: '24000', rejectsWrittenOff: '6000', margin: '-6000' });
  });
});
