import { ACCOUNTS } from '@kopdes/shared/ledger';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { signIn, testApp, type Client } from '../../../../test/support/app.js';
import { makeCoop, makeUser } from '../../../../test/support/factories.js';
import { databaseDigest } from '../../../../test/support/routes.js';
import { SYSTEM_ACTOR } from '../../../lib/actor.js';
import { accountBalance, closeMonth, getEntry, postEntry } from '../../ledger/ledger.service.js';
import { updatePartner } from '../../market/partners.service.js';
import { createCommodity } from '../catalogue.service.js';
import { addDays, todayOf } from '../common.js';
import { issueLotForSale } from '../stock.service.js';
import { DAY, makeSupplier, produceSetup, purchaseBody, type Setup } from './factories.js';

const t = await testApp();
let coopId: string;
let clerk: Client;
let manager: Client;
let treasurer: Client;
let s: Setup;
let base: string;
let supplier: { id: string; name: string };

beforeAll(async () => {
  coopId = (await makeCoop(t.db)).id;
  base = `/api/coops/${coopId}/produce`;
  const [c, m, b] = await Promise.all([
    makeUser(t.db, coopId, ['petugas']),
    makeUser(t.db, coopId, ['pengurus']),
    makeUser(t.db, coopId, ['bendahara']),
  ]);
  [clerk, manager, treasurer] = await Promise.all([
    signIn(t.app, c.email, c.password),
    signIn(t.app, m.email, m.password),
    signIn(t.app, b.email, b.password),
  ]);
  s = await produceSetup(t.db, coopId);
  supplier = await makeSupplier(t.db, coopId, { name: 'Koperasi Desa Merah Putih Margamulya' });
}, 60_000);

const body = (o: Record<string, unknown> = {}) => purchaseBody(s, supplier.id, o);
const key = () => ({ 'idempotency-key': `pbl-${Math.random().toString(36).slice(2)}` });
const U = 'agribisnis';
const inventory = () => accountBalance(t.db, coopId, { account: ACCOUNTS.PERSEDIAAN_HASIL_PANEN, unit: U });
const payable = (partnerId: string) => accountBalance(t.db, coopId, { account: ACCOUNTS.UTANG_USAHA, unit: U, partnerId });
const cash = () => accountBalance(t.db, coopId, { account: ACCOUNTS.KAS, unit: U });
const bank = () => accountBalance(t.db, coopId, { account: ACCOUNTS.BANK, unit: U });
const journalLines = async (id: string) =>
  (await getEntry(t.db, coopId, id)).lines.map((l) => [l.account, l.debit, l.credit, l.partnerId, l.unit]);

/** The rows a purchase writes, counted. */
async function counts() {
  const res = await t.db.execute<Record<string, string>>(sql`
    SELECT (SELECT count(*) FROM produce_purchases)::text AS purchases, (SELECT count(*) FROM produce_lots)::text AS lots,
           (SELECT count(*) FROM produce_movements)::text AS movements, (SELECT count(*) FROM journal_entries)::text AS entries,
           (SELECT count(*) FROM produce_purchase_payments)::text AS payments, (SELECT count(*) FROM produce_purchase_voids)::text AS voids`);
  return res.rows[0]!;
}

const record = async (o: Record<string, unknown> = {}) => {
  const res = await manager.post(`${base}/purchases`, body(o), key());
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
};

describe('recording a purchase', () => {
  it('on credit: one lot per line into the packing house, inventory against the payable to the supplier', async () => {
    const [inv0, owed0] = [await inventory(), await payable(supplier.id)];
    const res = await manager.post(`${base}/purchases`, body(), key());
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const p = res.body;
    expect(p.number).toMatch(/^PBL-2025-\d{6}$/);
    expect(p).toMatchObject({
      date: DAY,
      harvestDate: DAY,
      supplier: { partnerId: supplier.id, name: supplier.name, registryCooperativeId: null },
      commodity: { id: s.tomatoId, unit: 'kg' },
      location: { id: s.packingHouseId, name: 'Rumah Kemas' },
      quantity: { base: '52500', text: '52,5 kg' },
      amount: '441250',
      payment: 'credit',
      supplierReference: 'SJ-0042',
      status: 'open',
      paid: null,
      voided: null,
    });
    expect(p.lots.map((l: any) => [l.code, l.grade, l.quantity.base, l.price, l.amount, l.expiresOn])).toEqual([
      [`${p.number}-A`, 'A', '40000', '9000', '360000', '2025-08-17'], // ambient packing house: 5 days
      [`${p.number}-B`, 'B', '12500', '6500', '81250', '2025-08-17'],
    ]);
    expect(await journalLines(p.journal.id)).toEqual([
      [ACCOUNTS.PERSEDIAAN_HASIL_PANEN, '441250', '0', null, U],
      [ACCOUNTS.UTANG_USAHA, '0', '441250', supplier.id, U],
    ]);
    expect(await inventory()).toBe(inv0 + 441250n);
    expect(await payable(supplier.id)).toBe(owed0 + 441250n);
    const lot = (await clerk.get(`${base}/lots/${p.lots[1].lotId}`)).body;
    expect(lot).toMatchObject({ origin: 'purchase', onHand: { base: '12500' }, value: '81250', cost: '81250' });
    expect(lot.places.map((x: any) => [x.locationId, x.quantity.base, x.expiresOn])).toEqual([[s.packingHouseId, '12500', '2025-08-17']]);
    const again = await clerk.get(`${base}/purchases/${p.id}`);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(p);
  });

  it.each([
    ['cash', ACCOUNTS.KAS, cash],
    ['bank', ACCOUNTS.BANK, bank],
  ] as const)('paid by %s: inventory against %s, no payable, status paid', async (payment, account, balance) => {
    const [money0, owed0] = [await balance(), await payable(supplier.id)];
    const p = await record({ payment });
    expect(p).toMatchObject({ payment, status: 'paid', paid: { date: DAY, method: payment, journalNumber: p.journal.number } });
    expect(await journalLines(p.journal.id)).toEqual([
      [ACCOUNTS.PERSEDIAAN_HASIL_PANEN, '441250', '0', null, U],
      [account, '0', '441250', null, U],
    ]);
    expect(await balance()).toBe(money0 - 441250n);
    expect(await payable(supplier.id)).toBe(owed0);
  });

  it('rounds each kg line half-up to whole rupiah once, as intakes do, and prices counted produce per piece', async () => {
    const p = await record({
      lines: [
        { grade: 'A', kg: '1,333', price: '7777' }, // 1333 g × 7777 / 1000 = 10366,741 → 10367
        { grade: 'C', kg: '0,5', price: '3001' }, // 1500,5 → 1501 (half up)
      ],
      payment: 'cash',
    });
    expect(p.lots.map((l: any) => l.amount)).toEqual(['10367', '1501']);
    expect(p.amount).toBe('11868');
    const lettuce = await createCommodity(t.db, coopId, SYSTEM_ACTOR, {
      code: 'SELADA',
      name: 'Selada Bokor',
      unit: 'bunch',
      variableWeight: false,
      storageClass: 'cool',
      shelfLifeDays: { ambient: 2, cool: 6, cold: 8 },
      grades: [{ grade: 'A', spec: 'Daun utuh, segar, tanpa busuk' }],
    });
    const q = await record({ commodityId: lettuce.id, lines: [{ grade: 'A', count: 25, price: '3000' }], payment: 'cash' });
    expect(q.lots.map((l: any) => [l.quantity, l.amount, l.expiresOn])).toEqual([[{ base: '25', text: '25 ikat' }, '75000', '2025-08-14']]);
  });

  it('defaults the place to the packing house and the harvest date to the purchase date', async () => {
    const p = await record({ locationId: undefined, harvestDate: undefined });
    expect(p.location.id).toBe(s.packingHouseId);
    expect(p.harvestDate).toBe(DAY);
  });

  it('honours the Idempotency-Key: a retry replays the first answer and records nothing more', async () => {
    const h = { 'idempotency-key': 'purchase-retry-0001' };
    const first = await manager.post(`${base}/purchases`, body({ supplierReference: 'SJ-RETRY' }), h);
    expect(first.status).toBe(201);
    const [before, rows] = [await databaseDigest(t.db), await counts()];
    const again = await manager.post(`${base}/purchases`, body({ supplierReference: 'SJ-RETRY' }), h);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.id).toBe(first.body.id);
    expect(await counts()).toEqual(rows);
    expect(await databaseDigest(t.db)).toEqual(before);
  });

  it('is for the board, not the clerk (403 for a petugas, nothing written)', async () => {
    const rows = await counts();
    const res = await clerk.post(`${base}/purchases`, body(), key());
    expect(res.status).toBe(403);
    expect(await counts()).toEqual(rows);
  });
});

describe('bad input is refused with the reason and nothing is written', () => {
  const cases: [string, () => Promise<Record<string, unknown>>, number, string, string][] = [
    [
      'a partner that is not a cooperative',
      async () => body({ partnerId: (await makeSupplier(t.db, coopId, { kind: 'modern_retail' })).id }),
      422,
      'not_a_cooperative',
      'partnerId',
    ],
    [
      'an inactive supplier',
      async () => {
        const x = await makeSupplier(t.db, coopId);
        await updatePartner(t.db, coopId, SYSTEM_ACTOR, x.id, { active: false });
        return body({ partnerId: x.id });
      },
      422,
      'inactive_partner',
      'partnerId',
    ],
    ['an unknown partner', async () => body({ partnerId: 'mtr_01JAAAAAAAAAAAAAAAAAAAAAAA' }), 422, 'unknown_partner', 'partnerId'],
    ['an unknown commodity', async () => body({ commodityId: 'kom_01JAAAAAAAAAAAAAAAAAAAAAAA' }), 422, 'unknown_commodity', 'commodityId'],
    [
      'a count for a commodity weighed in kg',
      async () => body({ lines: [{ grade: 'A', count: 40, price: '9000' }] }),
      400,
      'weight_required',
      'lines.0.kg',
    ],
    [
      'a weight and a count on one kg line',
      async () => body({ lines: [{ grade: 'A', kg: '40', count: 40, price: '9000' }] }),
      400,
      'count_not_for_weight',
      'lines.0.count',
    ],
    [
      'a grade listed twice',
      async () =>
        body({
          lines: [
            { grade: 'A', kg: '40', price: '9000' },
            { grade: 'A', kg: '2', price: '9000' },
          ],
        }),
      400,
      'duplicate_grade',
      'lines.1.grade',
    ],
    [
      'a grade the commodity lacks',
      async () => body({ commodityId: s.cabbageId, lines: [{ grade: 'C', kg: '10', price: '2000' }] }),
      400,
      'unknown_grade',
      'lines.0.grade',
    ],
    ['a zero price', async () => body({ lines: [{ grade: 'A', kg: '40', price: '0' }] }), 400, 'price_not_positive', 'lines.0.price'],
    ['a zero weight', async () => body({ lines: [{ grade: 'A', kg: '0', price: '9000' }] }), 400, 'not_positive', 'lines.0.kg'],
    [
      'a line worth nothing once rounded',
      async () => body({ lines: [{ grade: 'A', kg: '0,001', price: '1' }] }),
      400,
      'amount_zero',
      'lines.0.price',
    ],
    ['a fractional price', async () => body({ lines: [{ grade: 'A', kg: '40', price: '9000,5' }] }), 400, 'invalid_input', 'lines.0.price'],
    ['harvest after the purchase', async () => body({ harvestDate: '2025-08-13' }), 400, 'harvest_after_purchase', 'harvestDate'],
    [
      'a date in the future',
      async () => {
        const tomorrow = addDays(await todayOf(t.db, coopId), 1);
        return body({ date: tomorrow, harvestDate: tomorrow });
      },
      400,
      'future_date',
      'date',
    ],
    [
      'a date in a closed month',
      async () => {
        await closeMonth(t.db, coopId, SYSTEM_ACTOR, '2025-03');
        return body({ date: '2025-03-10', harvestDate: '2025-03-09' });
      },
      400,
      'period_closed',
      'date',
    ],
    ['an unknown location', async () => body({ locationId: 'lok_01JAAAAAAAAAAAAAAAAAAAAAAA' }), 422, 'unknown_location', 'locationId'],
  ];
  it.each(cases)('%s', async (_name, make, status, code, field) => {
    const payload = await make();
    const [before, rows] = [await databaseDigest(t.db), await counts()];
    const res = await manager.post(`${base}/purchases`, payload, key());
    expect(res.status, JSON.stringify(res.body)).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.body.code).toBe(code);
    expect(res.body.errors.map((e: any) => e.field)).toContain(field);
    expect(res.body.errors.every((e: any) => e.message.length > 0)).toBe(true);
    expect(await counts()).toEqual(rows);
    expect(await databaseDigest(t.db)).toEqual(before);
  });

  it('speaks English when asked', async () => {
    const x = await makeSupplier(t.db, coopId, { kind: 'trader', name: 'Bandar Sayur Pangalengan' });
    const res = await manager.post(`${base}/purchases`, body({ partnerId: x.id }), { 'accept-language': 'en' });
    expect(res.body.errors[0].message).toMatch(/is not a cooperative/);
  });
});

describe('paying a credit purchase', () => {
  it('settles the payable in full from cash (the treasurer may), and refuses a second payment', async () => {
    const x = await makeSupplier(t.db, coopId);
    const p = await record({ partnerId: x.id });
    expect(await payable(x.id)).toBe(441250n);
    expect((await manager.post(`${base}/purchases/${p.id}/payment`, { date: DAY, method: 'cash' })).status).toBe(403);
    const cash0 = await cash();
    const res = await treasurer.post(`${base}/purchases/${p.id}/payment`, { date: '2025-08-20', method: 'cash' }, key());
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ status: 'paid', paid: { date: '2025-08-20', method: 'cash' } });
    expect(await payable(x.id)).toBe(0n);
    expect(await cash()).toBe(cash0 - 441250n);
    const [payment] = (
      await t.db.execute<{ journal_entry_id: string }>(
        sql`SELECT journal_entry_id FROM produce_purchase_payments WHERE cooperative_id = ${coopId} AND purchase_id = ${p.id}`,
      )
    ).rows;
    expect(await journalLines(payment!.journal_entry_id)).toEqual([
      [ACCOUNTS.UTANG_USAHA, '441250', '0', x.id, U],
      [ACCOUNTS.KAS, '0', '441250', null, U],
    ]);
    const rows = await counts();
    const twice = await treasurer.post(`${base}/purchases/${p.id}/payment`, { date: '2025-08-21', method: 'bank' }, key());
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('already_paid');
    expect(twice.body.title).toMatch(/sudah dibayar/);
    expect(await counts()).toEqual(rows);
  });

  it('refuses a purchase paid on the spot, and a payment dated before the purchase', async () => {
    const p = await record({ payment: 'bank' });
    const res = await treasurer.post(`${base}/purchases/${p.id}/payment`, { date: DAY, method: 'cash' });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('not_on_credit');
    const q = await record();
    const early = await treasurer.post(`${base}/purchases/${q.id}/payment`, { date: '2025-08-11', method: 'bank' });
    expect(early.status).toBe(400);
    expect(early.body.errors.map((e: any) => e.field)).toEqual(['date']);
  });

  it('lists purchases newest first with what is still owed, by supplier and status', async () => {
    const x = await makeSupplier(t.db, coopId);
    const older = await record({ partnerId: x.id, date: '2025-08-10', harvestDate: '2025-08-09' });
    const newer = await record({ partnerId: x.id });
    const paidNow = await record({ partnerId: x.id, payment: 'cash' });
    const all = (await clerk.get(`${base}/purchases?partnerId=${x.id}`)).body;
    expect(all.total).toBe(3);
    const sameDay = [newer.id, paidNow.id].sort().reverse();
    expect(all.items.map((p: any) => p.id)).toEqual([...sameDay, older.id]);
    expect(all.openAmount).toBe('882500');
    const open = (await clerk.get(`${base}/purchases?partnerId=${x.id}&status=open&limit=1`)).body;
    expect(open.total).toBe(2);
    expect(open.items).toHaveLength(1);
    expect(open.openAmount).toBe('882500');
    await treasurer.post(`${base}/purchases/${older.id}/payment`, { date: DAY, method: 'bank' });
    const after = (await clerk.get(`${base}/purchases?partnerId=${x.id}&status=paid`)).body;
    expect(after.items.map((p: any) => p.id).sort()).toEqual([older.id, paidNow.id].sort());
    expect(after.openAmount).toBe('441250');
    expect((await clerk.get(`${base}/purchases/pbl_01JAAAAAAAAAAAAAAAAAAAAAAA`)).status).toBe(404);
  });
});

describe('voiding a purchase', () => {
  it('takes untouched lots out of stock and reverses the journal: the payable goes', async () => {
    const x = await makeSupplier(t.db, coopId);
    const inv0 = await inventory();
    const p = await record({ partnerId: x.id });
    const res = await manager.post(`${base}/purchases/${p.id}/void`, { date: DAY, reason: 'Salah pilih pemasok' }, key());
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ status: 'voided', voided: { date: DAY, reason: 'Salah pilih pemasok' } });
    expect(await inventory()).toBe(inv0);
    expect(await payable(x.id)).toBe(0n);
    for (const l of p.lots) {
      const lot = (await clerk.get(`${base}/lots/${l.lotId}`)).body;
      expect([lot.onHand.base, lot.value]).toEqual(['0', '0']);
    }
    const reversal = await getEntry(t.db, coopId, (await getEntry(t.db, coopId, p.journal.id)).reversedById!);
    expect(reversal.lines.map((l) => [l.account, l.debit, l.credit, l.partnerId])).toEqual([
      [ACCOUNTS.PERSEDIAAN_HASIL_PANEN, '0', '441250', null],
      [ACCOUNTS.UTANG_USAHA, '441250', '0', x.id],
    ]);
    const again = await manager.post(`${base}/purchases/${p.id}/void`, { date: DAY, reason: 'Dicoba lagi' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('already_void');
    const pay = await treasurer.post(`${base}/purchases/${p.id}/payment`, { date: DAY, method: 'cash' });
    expect(pay.status).toBe(409);
    expect(pay.body.code).toBe('purchase_voided');
  });

  it('gives the money back to cash when a cash purchase is voided', async () => {
    const cash0 = await cash();
    const p = await record({ payment: 'cash' });
    expect(await cash()).toBe(cash0 - 441250n);
    expect((await manager.post(`${base}/purchases/${p.id}/void`, { date: DAY, reason: 'Barang dikembalikan utuh' })).status).toBe(200);
    expect(await cash()).toBe(cash0);
  });

  it('refuses a credit purchase already paid', async () => {
    const p = await record();
    await treasurer.post(`${base}/purchases/${p.id}/payment`, { date: DAY, method: 'bank' });
    const res = await manager.post(`${base}/purchases/${p.id}/void`, { date: DAY, reason: 'Terlambat dibatalkan' });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('already_paid');
  });

  it.each([
    [
      'a transfer',
      (lotId: string) =>
        clerk.post(`${base}/transfers`, { date: DAY, lotId, fromLocationId: s.packingHouseId, toLocationId: s.coldStorageId, kg: '5' }),
    ],
    [
      'a loss',
      (lotId: string) =>
        clerk.post(`${base}/losses`, {
          date: DAY,
          lotId,
          locationId: s.packingHouseId,
          kind: 'spoilage',
          kg: '1',
          reason: 'Busuk di peti',
        }),
    ],
  ])('refuses once a lot has moved (%s): 409 with the reason, nothing written', async (_name, move) => {
    const p = await record();
    expect((await move(p.lots[1].lotId)).status).toBe(201);
    const [before, rows] = [await databaseDigest(t.db), await counts()];
    const res = await manager.post(`${base}/purchases/${p.id}/void`, { date: DAY, reason: 'Salah catat' }, key());
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('lots_moved');
    expect(res.body.title).toContain(p.lots[1].code);
    expect(await counts()).toEqual(rows);
    expect(await databaseDigest(t.db)).toEqual(before);
  });
});

describe('a purchased lot is a lot like any other', () => {
  it('is listed first-expired-first-out, transferred, packed, sold and traced to its supplier; stock and books agree', async () => {
    const p = await record({ harvestDate: '2025-08-08', payment: 'bank' });
    const [lotA, lotB] = p.lots as any[];
    const listed = (await clerk.get(`${base}/lots?commodityId=${s.tomatoId}&locationId=${s.packingHouseId}&limit=500`)).body.items;
    const mine = listed.find((l: any) => l.id === lotA.lotId);
    expect(mine).toMatchObject({ origin: 'purchase', code: lotA.code, harvestDate: '2025-08-08' });
    // Harvested before every other tomato in the packing house, it expires first and is listed first.
    expect(mine.places[0].expiresOn).toBe('2025-08-13');
    expect(listed[0].id).toBe(lotA.lotId);

    const moved = await clerk.post(`${base}/transfers`, {
      date: DAY,
      lotId: lotB.lotId,
      fromLocationId: s.packingHouseId,
      toLocationId: s.coldStorageId,
      all: true,
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(201);
    expect(moved.body.value).toBe('81250');

    const packed = await clerk.post(`${base}/packings`, {
      date: DAY,
      locationId: s.packingHouseId,
      packFormatId: s.trayFormatId,
      packs: 38,
      sources: [{ lotId: lotA.lotId, kg: '10' }],
    });
    expect(packed.status, JSON.stringify(packed.body)).toBe(201);
    expect(packed.body.value).toBe('90000'); // a quarter of the lot's 360.000
    const packLot = packed.body.packing.outputLotId;

    await t.db.transaction(async (tx) => {
      const { value } = await issueLotForSale(tx, coopId, SYSTEM_ACTOR, {
        date: DAY,
        lotId: lotA.lotId,
        locationId: s.packingHouseId,
        quantity: 6_000n,
        documentId: 'dlv_01JPURCHASEDLOTSALE000001',
        partnerId: 'mtr_buyer',
      });
      expect(value).toBe(54_000n);
      await postEntry(tx, coopId, SYSTEM_ACTOR, {
        date: DAY,
        memo: 'HPP penjualan uji',
        source: { module: 'sales.test', documentId: 'dlv_01JPURCHASEDLOTSALE000001' },
        lines: [
          { account: ACCOUNTS.HPP, unit: U, debit: value },
          { account: ACCOUNTS.PERSEDIAAN_HASIL_PANEN, unit: U, credit: value },
        ],
      });
    });

    const trace = (await clerk.get(`${base}/lots/${lotA.lotId}/trace`)).body;
    expect(trace.origin).toMatchObject({
      intake: null,
      farmer: null,
      plot: null,
      harvestDate: '2025-08-08',
      purchase: { id: p.id, number: p.number, date: DAY, partnerId: supplier.id, supplierName: supplier.name },
    });
    expect(trace.movements.map((m: any) => [m.kind, m.quantity.base, m.value])).toEqual([
      ['purchase', '40000', '360000'],
      ['packing_out', '-10000', '-90000'],
      ['sale', '-6000', '-54000'],
    ]);
    expect(trace.movements[0].partnerId).toBe(supplier.id);
    expect(trace.packedInto.map((x: any) => x.lotId)).toEqual([packLot]);
    expect(trace.buyers.map((b: any) => b.partnerId)).toEqual(['mtr_buyer']);

    const packTrace = (await clerk.get(`${base}/lots/${packLot}/trace`)).body;
    expect(packTrace.origin.purchase).toBeNull();
    expect(packTrace.origin.sources).toEqual([
      {
        lotId: lotA.lotId,
        code: lotA.code,
        quantity: { base: '10000', text: '10 kg' },
        farmerName: null,
        intakeNumber: null,
        supplierName: supplier.name,
        purchaseNumber: p.number,
      },
    ]);

    const label = await t.app.request(`${base}/lots/${lotA.lotId}/label.pdf`, { headers: { cookie: (clerk as any).cookie } });
    expect(label.status).toBe(200);

    const valuation = (await clerk.get(`${base}/stock/valuation?asOf=${DAY}`)).body;
    expect(valuation.agrees, JSON.stringify(valuation)).toBe(true);
  });
});
