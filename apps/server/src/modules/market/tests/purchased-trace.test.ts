// Margins and traceability of produce bought from another cooperative, worked out by hand: one
// farmer delivers tomato (30 kg A at 8.000); a supplier sells the cooperative 40 kg A at 9.000 and
// 12,5 kg B at 6.500 (81.250). 10 kg of the farmer's A and 16 kg of the bought A are packed into
// 100 trays of 250 g (25 kg: 5/13 the farmer's, 8/13 the supplier's). The partner takes 20 trays
// (5 kg) and 5 kg of the bought B.
import { beforeAll, describe, expect, it } from 'vitest';
import { signIn, testApp, type Client } from '../../../../test/support/app.js';
import { makeCoop, makeUser } from '../../../../test/support/factories.js';
import { SYSTEM_ACTOR } from '../../../lib/actor.js';
import { packLots } from '../../produce/packing.service.js';
import { DAY, makeFarmer, makeIntake, makePurchase } from '../../produce/tests/factories.js';
import { makeContracted, tag, type MarketSetup } from './factories.js';

const t = await testApp();
let base: string;
let board: Client;
let p: MarketSetup;
let farmer: { memberId: string; aLot: string };
let purchase: Awaited<ReturnType<typeof makePurchase>>;
let boughtA: string;
let boughtB: string;
let packLot: string;
let invoiceId: string;
const THURSDAY = '2025-08-14';

type Part = { quantity: { base: string }; amount: string };
const parts = (xs: Part[]) => xs.map((x) => [x.quantity.base, x.amount]);
const total = (xs: Part[]) => xs.reduce((s, x) => s + BigInt(x.quantity.base), 0n);

beforeAll(async () => {
  const coopId = (await makeCoop(t.db)).id;
  base = `/api/coops/${coopId}/market`;
  const [u, b] = await Promise.all([makeUser(t.db, coopId, ['pengurus']), makeUser(t.db, coopId, ['bendahara'])]);
  board = await signIn(t.app, u.email, u.password);
  const treasurer = await signIn(t.app, b.email, b.password);
  p = await makeContracted(t.db, coopId);
  const f = await makeFarmer(t.db, coopId);
  const intake = await makeIntake(t.db, coopId, { farmer: f });
  farmer = { memberId: f.memberId, aLot: intake.lots.find((l) => l.grade === 'A')!.lotId };
  purchase = await makePurchase(t.db, coopId);
  boughtA = purchase.lots.find((l) => l.grade === 'A')!.lotId;
  boughtB = purchase.lots.find((l) => l.grade === 'B')!.lotId;
  const packing = await packLots(t.db, coopId, SYSTEM_ACTOR, {
    date: DAY,
    locationId: p.packingHouseId,
    packFormatId: p.trayFormatId,
    packs: 100,
    sources: [
      { lotId: farmer.aLot, kg: '10' },
      { lotId: boughtA, kg: '16' },
    ],
  });
  packLot = packing.packing!.outputLotId;

  const lines = [
    { articleCode: '200145', quantity: '20', lotId: packLot },
    { articleCode: '200146', quantity: '5', lotId: boughtB },
  ];
  const po = await board.post(`${base}/purchase-orders`, {
    partnerId: p.partnerId,
    storeId: p.storeId,
    partnerRef: `PO-${tag()}`,
    orderDate: DAY,
    deliveryDate: THURSDAY,
    lines: lines.map(({ articleCode, quantity }) => ({ articleCode, quantity })),
  });
  expect(po.status, JSON.stringify(po.body)).toBe(201);
  const d = await board.post(`${base}/deliveries`, {
    purchaseOrderId: po.body.id,
    date: THURSDAY,
    lines: lines.map((l, i) => ({ poLineNo: i + 1, lotId: l.lotId, locationId: p.packingHouseId, quantity: l.quantity })),
  });
  expect(d.status, JSON.stringify(d.body)).toBe(201);
  const r = await board.post(`${base}/deliveries/${d.body.id}/receipt`, {
    date: THURSDAY,
    lines: lines.map((l, i) => ({ lineNo: i + 1, accepted: l.quantity })),
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  const inv = await treasurer.post(`${base}/invoices`, { partnerId: p.partnerId, date: '2025-08-15', deliveryIds: [d.body.id] });
  expect(inv.status, JSON.stringify(inv.body)).toBe(201);
  invoiceId = inv.body.id;
}, 120_000);

describe('margins of bought produce', () => {
  it('a purely bought lot: the supplier with the whole quantity at its price, and that is what it cost', async () => {
    const res = await board.get(`${base}/lots/${boughtB}/margin`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.lot).toMatchObject({ origin: 'purchase', cost: '81250', initial: { base: '12500' } });
    expect(res.body.farmers).toEqual([]);
    expect(res.body.suppliers).toEqual([
      {
        partnerId: purchase.supplier.partnerId,
        supplierName: purchase.supplier.name,
        purchaseId: purchase.id,
        purchaseNumber: purchase.number,
        purchaseDate: DAY,
        lotId: boughtB,
        lotCode: purchase.lots.find((l) => l.grade === 'B')!.code,
        grade: 'B',
        price: '6500',
        quantity: { base: '12500', text: '12,5 kg' },
        amount: '81250',
      },
    ]);
    // 5 kg at 9.000 = 45.000; cost 5 kg at 6.500 = 32.500.
    expect(res.body.totals).toEqual({
      bought: '81250',
      revenue: '45000',
      costOfSales: '32500',
      rejectsWrittenOff: '0',
      stockLosses: '0',
      margin: '12500',
    });
  });

  it('a pack of a farmer and a supplier: one exact split of its content over both, each at their price', async () => {
    const res = await board.get(`${base}/lots/${packLot}/margin`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.lot).toMatchObject({ origin: 'packing', initial: { base: '25000' } });
    // 25 kg × 5/13 = 9.615,38 g and × 8/13 = 15.384,62 g: the larger remainder takes the last gram.
    expect(res.body.farmers).toEqual([
      expect.objectContaining({
        memberId: farmer.memberId,
        lotId: farmer.aLot,
        price: '8000',
        quantity: { base: '9615', text: '9,615 kg' },
      }),
    ]);
    expect(res.body.suppliers).toEqual([
      expect.objectContaining({ partnerId: purchase.supplier.partnerId, lotId: boughtA, grade: 'A', price: '9000' }),
    ]);
    expect(parts(res.body.farmers)).toEqual([['9615', '76920']]);
    expect(parts(res.body.suppliers)).toEqual([['15385', '138465']]);
    expect(total(res.body.farmers) + total(res.body.suppliers)).toBe(25000n);
    expect(res.body.totals).toMatchObject({ bought: String(76920 + 138465), revenue: '90000' });
  });
});

describe('traceability of bought produce', () => {
  it('names the supplier of every invoice line, beside the farmers', async () => {
    const res = await board.get(`${base}/invoices/${invoiceId}/trace`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const [trays, loose] = res.body.lines;
    expect(trays).toMatchObject({ lotId: packLot, accepted: { base: '5000', text: '5 kg' } });
    // 5 kg × 5/13 = 1.923,08 g and × 8/13 = 3.076,92 g.
    expect(parts(trays.farmers)).toEqual([['1923', '15384']]);
    expect(parts(trays.suppliers)).toEqual([['3077', '27693']]);
    expect(total(trays.farmers) + total(trays.suppliers)).toBe(5000n);
    expect(loose.lotId).toBe(boughtB);
    expect(loose.farmers).toEqual([]);
    expect(loose.suppliers).toEqual([
      expect.objectContaining({
        supplierName: purchase.supplier.name,
        purchaseNumber: purchase.number,
        purchaseId: purchase.id,
        grade: 'B',
        price: '6500',
        quantity: { base: '5000', text: '5 kg' },
        amount: '32500',
      }),
    ]);
  });
});
