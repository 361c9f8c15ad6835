// Reminders, margins and traceability on a small fixed scenario whose figures are worked out by hand:
// two farmers each deliver tomato (30 kg A at 8.000, 17,5 kg B at 6.000); 13 kg A of each is packed
// into 100 trays of 250 g (cost 208.000); 1,5 kg of the second farmer's B spoils (9.000).
// P1 takes 60 trays (cost 124.800, 4 rejected and written off: 8.320) and 10 kg of the first
// farmer's B (60.000) at 4.500 a tray and 9.000 a kg; P2 takes 20 trays (41.600); P3 takes 5 kg of
// the second farmer's B (30.000). P1 gets a credit note of 13.500 and pays 100.000.
import { beforeAll, describe, expect, it } from 'vitest';
import { signIn, testApp, type Client } from '../../../../test/support/app.js';
import { makeCoop, makeUser } from '../../../../test/support/factories.js';
import { SYSTEM_ACTOR } from '../../../lib/actor.js';
import { packLots } from '../../produce/packing.service.js';
import { recordLoss } from '../../produce/stock.service.js';
import { DAY, makeFarmer, makeIntake } from '../../produce/tests/factories.js';
import { makeContracted, tag, type MarketSetup } from './factories.js';

const t = await testApp();
let coopId: string;
let base: string;
let board: Client;
let treasurer: Client;
const THURSDAY = '2025-08-14';
const f: { memberId: string; aLot: string; bLot: string }[] = [];
let packLot: string;
let p1: MarketSetup, p2: MarketSetup, p3: MarketSetup;
const invoices: Record<string, string> = {};

async function sell(
  p: MarketSetup,
  lines: { articleCode: string; quantity: string; lotId: string }[],
  reject?: { lineNo: number; rejected: number },
) {
  const po = await board.post(`${base}/purchase-orders`, {
    partnerId: p.partnerId,
    storeId: p.storeId,
    partnerRef: `PO-${tag()}`,
    orderDate: DAY,
    deliveryDate: THURSDAY,
    lines: lines.map(({ articleCode, quantity }) => ({ articleCode, quantity })),
  });
  const d = await board.post(`${base}/deliveries`, {
    purchaseOrderId: po.body.id,
    date: THURSDAY,
    lines: lines.map((l, i) => ({ poLineNo: i + 1, lotId: l.lotId, locationId: p.packingHouseId, quantity: l.quantity })),
  });
  expect(d.status, JSON.stringify(d.body)).toBe(201);
  const r = await board.post(`${base}/deliveries/${d.body.id}/receipt`, {
    date: THURSDAY,
    lines: lines.map((l, i) =>
      reject?.lineNo === i + 1
        ? { lineNo: i + 1, accepted: String(Number(l.quantity) - reject.rejected), rejected: String(reject.rejected), reason: 'quality' }
        : { lineNo: i + 1, accepted: l.quantity },
    ),
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  const inv = await treasurer.post(`${base}/invoices`, { partnerId: p.partnerId, date: '2025-08-15', deliveryIds: [d.body.id] });
  expect(inv.status, JSON.stringify(inv.body)).toBe(201);
  return inv.body;
}

beforeAll(async () => {
  coopId = (await makeCoop(t.db)).id;
  base = `/api/coops/${coopId}/market`;
  const [u, b] = await Promise.all([makeUser(t.db, coopId, ['pengurus']), makeUser(t.db, coopId, ['bendahara'])]);
  board = await signIn(t.app, u.email, u.password);
  treasurer = await signIn(t.app, b.email, b.password);
  p1 = await makeContracted(t.db, coopId);
  p2 = await makeContracted(t.db, coopId, { paymentTermsDays: 14 });
  p3 = await makeContracted(t.db, coopId, { paymentTermsDays: 14 });
  for (let i = 0; i < 2; i++) {
    const farmer = await makeFarmer(t.db, coopId);
    const intake = await makeIntake(t.db, coopId, { farmer });
    f.push({
      memberId: farmer.memberId,
      aLot: intake.lots.find((l) => l.grade === 'A')!.lotId,
      bLot: intake.lots.find((l) => l.grade === 'B')!.lotId,
    });
  }
  const packing = await packLots(t.db, coopId, SYSTEM_ACTOR, {
    date: DAY,
    locationId: p1.packingHouseId,
    packFormatId: p1.trayFormatId,
    packs: 100,
    sources: f.map((x) => ({ lotId: x.aLot, kg: '13' })),
  });
  packLot = packing.packing!.outputLotId;
  await recordLoss(t.db, coopId, SYSTEM_ACTOR, {
    date: DAY,
    lotId: f[1]!.bLot,
    locationId: p1.packingHouseId,
    kind: 'spoilage',
    kg: '1,5',
    reason: 'Busuk di peti bawah',
  });
  invoices.p1 = (
    await sell(
      p1,
      [
        { articleCode: '200145', quantity: '60', lotId: packLot },
        { articleCode: '200146', quantity: '10', lotId: f[0]!.bLot },
      ],
      { lineNo: 1, rejected: 4 },
    )
  ).id;
  invoices.p2 = (await sell(p2, [{ articleCode: '200145', quantity: '20', lotId: packLot }])).id;
  invoices.p3 = (await sell(p3, [{ articleCode: '200146', quantity: '5', lotId: f[1]!.bLot }])).id;
  const cn = await treasurer.post(`${base}/invoices/${invoices.p1}/credit-notes`, {
    date: '2025-08-15',
    amount: '13500',
    reason: 'Klaim 3 tray layu',
  });
  expect(cn.status).toBe(201);
  const pay = await treasurer.post(`${base}/payments`, { partnerId: p1.partnerId, date: '2025-09-20', method: 'bank', amount: '100000' });
  expect(pay.status).toBe(201);
}, 120_000);

describe('margins', () => {
  it('per week, partner and commodity match the hand calculation', async () => {
    const res = await board.get(`${base}/reports/margins?from=2025-08-11&to=2025-08-17`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const row = (p: MarketSetup) => res.body.rows.find((r: { partnerId: string }) => r.partnerId === p.partnerId);
    // 56 × 4.500 + 10 × 9.000 = 342.000; cost (124.800 − 8.320) + 60.000 = 176.480; 342.000 − 176.480 − 8.320 = 157.200.
    expect(row(p1)).toMatchObject({
      week: '2025-08-11',
      commodityName: 'Tomat',
      delivered: { base: '25000', text: '25 kg' },
      accepted: { base: '24000', text: '24 kg' },
      revenue: '342000',
      costOfSales: '176480',
      rejectsWrittenOff: '8320',
      transferredAtCost: '0',
      margin: '157200',
      marginPermille: 460,
    });
    expect(row(p2)).toMatchObject({ revenue: '90000', costOfSales: '41600', rejectsWrittenOff: '0', margin: '48400', marginPermille: 538 });
    expect(row(p3)).toMatchObject({ revenue: '45000', costOfSales: '30000', margin: '15000', marginPermille: 333 });
    expect(res.body.byCommodity).toEqual([
      {
        commodityId: p1.tomatoId,
        commodityName: 'Tomat',
        revenue: '477000',
        costOfSales: '248080',
        rejectsWrittenOff: '8320',
        stockLosses: '9000',
        margin: '211600',
        marginPermille: 444,
      },
    ]);
    expect(res.body.byPartner.find((p: { partnerId: string }) => p.partnerId === p1.partnerId)).toMatchObject({
      creditNotes: '13500',
      margin: '143700',
    });
    expect(res.body.byWeek).toEqual([
      expect.objectContaining({ week: '2025-08-11', revenue: '477000', creditNotes: '13500', stockLosses: '9000', margin: '198100' }),
    ]);
    expect(res.body.totals).toMatchObject({ revenue: '477000', costOfSales: '248080', margin: '198100', transferredAtCost: '0' });
    expect((await board.get(`${base}/reports/margins?from=2025-08-18&to=2025-08-11`)).status).toBe(400);
    const none = (await board.get(`${base}/reports/margins?from=2025-09-01&to=2025-09-07`)).body;
    expect(none).toMatchObject({ rows: [], byCommodity: [], totals: { revenue: '0', margin: '0', marginPermille: 0 } });
  });

  it('per lot: farmers at their price, buyers at theirs, losses and what is left', async () => {
    const res = await board.get(`${base}/lots/${packLot}/margin`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.lot).toMatchObject({ origin: 'packing', packFormatName: 'Tray 250 g', cost: '208000', initial: { base: '25000' } });
    const farmers = Object.fromEntries(
      res.body.farmers.map((x: { memberId: string; quantity: { base: string }; amount: string; price: string }) => [
        x.memberId,
        [x.quantity.base, x.price, x.amount],
      ]),
    );
    expect(farmers).toEqual({ [f[0]!.memberId]: ['12500', '8000', '100000'], [f[1]!.memberId]: ['12500', '8000', '100000'] });
    expect(
      res.body.sales.map(
        (s: { partnerId: string; revenue: string; costOfSales: string; rejectsWrittenOff: string; sharePermille: number }) => [
          s.partnerId,
          s.sharePermille,
          s.revenue,
          s.costOfSales,
          s.rejectsWrittenOff,
        ],
      ),
    ).toEqual([
      [p1.partnerId, 1000, '252000', '116480', '8320'],
      [p2.partnerId, 1000, '90000', '41600', '0'],
    ]);
    expect(res.body.onHand).toEqual({ quantity: { base: '5000', text: '5 kg' }, value: '41600' });
    expect(res.body.totals).toEqual({
      bought: '200000',
      revenue: '342000',
      costOfSales: '158080',
      rejectsWrittenOff: '8320',
      stockLosses: '0',
      margin: '175600',
    });

    // The first farmer's grade A lot: half of the pack lot is theirs.
    const a = (await board.get(`${base}/lots/${f[0]!.aLot}/margin`)).body;
    expect(a.farmers).toEqual([
      expect.objectContaining({ memberId: f[0]!.memberId, quantity: { base: '30000', text: '30 kg' }, amount: '240000' }),
    ]);
    expect(a.sales.map((s: { sharePermille: number; revenue: string; lotId: string }) => [s.lotId, s.sharePermille, s.revenue])).toEqual([
      [packLot, 500, '126000'],
      [packLot, 500, '45000'],
    ]);
    expect(a.onHand).toEqual({ quantity: { base: '19500', text: '19,5 kg' }, value: '156800' });
    expect(a.totals).toMatchObject({
      bought: '240000',
      revenue: '171000',
      costOfSales: '79040',
      rejectsWrittenOff: '4160',
      margin: '87800',
    });

    // The second farmer's grade B lot: the spoilage is its loss.
    const b = (await board.get(`${base}/lots/${f[1]!.bLot}/margin`)).body;
    expect(b.losses).toEqual([expect.objectContaining({ kind: 'loss', quantity: { base: '1500', text: '1,5 kg' }, value: '9000' })]);
    expect(b.totals).toMatchObject({ revenue: '45000', costOfSales: '30000', stockLosses: '9000', margin: '6000' });
    expect((await board.get(`${base}/lots/lot_${'0'.repeat(26)}/margin`)).status).toBe(404);
  });
});

describe('traceability', () => {
  it('follows every invoice line back to the farmers who grew it', async () => {
    const res = await board.get(`${base}/invoices/${invoices.p1}/trace`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const [trays, loose] = res.body.lines;
    expect(trays.lotId).toBe(packLot);
    expect(trays.accepted).toEqual({ base: '14000', text: '14 kg' });
    const byFarmer = Object.fromEntries(
      trays.farmers.map((x: { memberId: string; quantity: { base: string }; amount: string }) => [x.memberId, [x.quantity.base, x.amount]]),
    );
    expect(byFarmer).toEqual({ [f[0]!.memberId]: ['7000', '56000'], [f[1]!.memberId]: ['7000', '56000'] });
    expect(loose.farmers).toEqual([
      expect.objectContaining({
        memberId: f[0]!.memberId,
        grade: 'B',
        price: '6000',
        quantity: { base: '10000', text: '10 kg' },
        amount: '60000',
      }),
    ]);
  });

  it("follows a farmer's produce forward to every partner, directly and through packs", async () => {
    const res = await board.get(`${base}/farmers/${f[0]!.memberId}/sales?from=2025-08-01&to=2025-08-31`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const a = res.body.lots.find((l: { lotId: string }) => l.lotId === f[0]!.aLot);
    expect(
      a.buyers.map((x: { partnerId: string; quantity: { base: string }; revenue: string }) => [x.partnerId, x.quantity.base, x.revenue]),
    ).toEqual([
      [p1.partnerId, '7000', '126000'],
      [p2.partnerId, '2500', '45000'],
    ]);
    const b = res.body.lots.find((l: { lotId: string }) => l.lotId === f[0]!.bLot);
    expect(b.buyers).toEqual([
      expect.objectContaining({ partnerId: p1.partnerId, quantity: { base: '10000', text: '10 kg' }, revenue: '90000' }),
    ]);
    const partners = Object.fromEntries(
      res.body.partners.map((p: { partnerId: string; deliveries: number; revenue: string }) => [p.partnerId, [p.deliveries, p.revenue]]),
    );
    expect(partners).toEqual({ [p1.partnerId]: [1, '216000'], [p2.partnerId]: [1, '45000'] });
    expect((await board.get(`${base}/farmers/mbr_${'0'.repeat(26)}/sales?from=2025-08-01&to=2025-08-31`)).status).toBe(404);
    expect((await board.get(`${base}/farmers/${f[0]!.memberId}/sales?from=2025-08-31&to=2025-08-01`)).status).toBe(400);
  });
});

describe('reminders', () => {
  it('lists overdue invoices per partner, longest overdue first, then the larger amount, agreeing with the ageing', async () => {
    const res = await treasurer.get(`${base}/receivables/reminders?asOf=2025-10-20`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    // P2 and P3 due 2025-08-29 (52 days); P1 due 2025-09-14 (36 days): 342.000 − 13.500 − 100.000 open.
    expect(
      res.body.items.map((i: { partnerId: string; maxDaysOverdue: number; overdue: string; level: string }) => [
        i.partnerId,
        i.maxDaysOverdue,
        i.overdue,
        i.level,
      ]),
    ).toEqual([
      [p2.partnerId, 52, '90000', 'second'],
      [p3.partnerId, 52, '45000', 'second'],
      [p1.partnerId, 36, '228500', 'second'],
    ]);
    expect(res.body.items[2].invoices).toEqual([
      expect.objectContaining({ invoiceId: invoices.p1, dueDate: '2025-09-14', daysOverdue: 36, amount: '342000', open: '228500' }),
    ]);
    expect(res.body.items[0].contacts[0]).toMatchObject({ phone: '081234567890' });
    expect(res.body.totals).toEqual({ partners: 3, invoices: 3, overdue: '363500' });
    const age = (await treasurer.get(`${base}/receivables/ageing?asOf=2025-10-20`)).body;
    expect(age.agrees).toBe(true);
    expect(BigInt(age.totals.open) - BigInt(age.totals.current)).toBe(363500n);

    const early = (await treasurer.get(`${base}/receivables/reminders?asOf=2025-09-01`)).body;
    expect(
      early.items.map((i: { partnerId: string; level: string; maxDaysOverdue: number }) => [i.partnerId, i.maxDaysOverdue, i.level]),
    ).toEqual([
      [p2.partnerId, 3, 'first'],
      [p3.partnerId, 3, 'first'],
    ]);
    const late = (await treasurer.get(`${base}/receivables/reminders?asOf=2025-11-01`)).body;
    expect(late.items[0]).toMatchObject({ partnerId: p2.partnerId, level: 'final', maxDaysOverdue: 64 });

    // P3 pays more than it owes: off the list, the rest kept as its credit.
    await treasurer.post(`${base}/payments`, { partnerId: p3.partnerId, date: '2025-11-05', method: 'cash', amount: '50000' });
    const after = (await treasurer.get(`${base}/receivables/reminders?asOf=2025-11-06`)).body;
    expect(after.items.map((i: { partnerId: string }) => i.partnerId)).toEqual([p2.partnerId, p1.partnerId]);
    expect((await treasurer.get(`${base}/receivables/reminders?asOf=2025-13-01`)).status).toBe(400);
  });
});
