import { ACCOUNTS } from '@kopdes/shared/ledger';
import { beforeAll, describe, expect, it } from 'vitest';
import { signIn, testApp, type Client } from '../../../../test/support/app.js';
import { makeCoop, makeUser } from '../../../../test/support/factories.js';
import { makeMember } from '../../../../test/support/members-factories.js';
import { databaseDigest } from '../../../../test/support/routes.js';
import { accountBalance } from '../../ledger/ledger.service.js';
import { makeIntake } from '../../produce/tests/factories.js';
import { makeContracted, makeStock, tag, type MarketSetup } from './factories.js';

const t = await testApp();
let coopId: string;
let board: Client;
let clerk: Client;
let treasurer: Client;
let m: MarketSetup;
let base: string;
let trayLotId: string;
let oldLotB: string;
const THURSDAY = '2025-08-14';
const po1 = { ref: `PO-${tag()}`, id: '' };
const po2 = { ref: `PO-${tag()}`, id: '' };
let delivery1: { id: string; number: string; value: string; lines: { lineNo: number; lotId: string; value: string }[] };

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
  // Older grade B harvested two days earlier: it expires first, so it goes first.
  const old = await makeIntake(t.db, coopId, { harvestDate: '2025-08-10' });
  oldLotB = old.lots.find((l) => l.grade === 'B')!.lotId;
  const a = await board.post(`${base}/purchase-orders`, {
    partnerId: m.partnerId,
    storeId: m.storeId,
    partnerRef: po1.ref,
    orderDate: '2025-08-12',
    deliveryDate: THURSDAY,
    lines: [
      { articleCode: '200145', quantity: '80' },
      { articleCode: '200146', quantity: '12,5' },
    ],
  });
  po1.id = a.body.id;
  const p = await board.get(`${base}/partners/${m.partnerId}`);
  const b2 = await board.post(`${base}/purchase-orders`, {
    partnerId: m.partnerId,
    storeId: p.body.stores[1].id,
    partnerRef: po2.ref,
    orderDate: '2025-08-12',
    deliveryDate: THURSDAY,
    lines: [
      { articleCode: '200145', quantity: '30' },
      { articleCode: '200146', quantity: '10' },
    ],
  });
  po2.id = b2.body.id;
}, 90_000);

const ledger = (account: string, partnerId?: string) => accountBalance(t.db, coopId, { account, unit: 'agribisnis', partnerId });

describe('fulfilment', () => {
  it('shows demand against stock for the day, lots first-expired-first-out within grade, and the shortfall', async () => {
    const res = await clerk.get(`${base}/fulfilment?date=${THURSDAY}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.complete).toBe(false);
    const trays = res.body.demand.find((d: { packFormatName: string | null }) => d.packFormatName === 'Tray 250 g');
    expect(trays).toMatchObject({ open: { value: '110' }, available: { value: '100' }, shortfall: { value: '10', text: '10 pak' } });
    const [l1, l2, l3, l4] = res.body.lines;
    expect(l1).toMatchObject({ purchaseOrderId: po1.id, lineNo: 1, allocated: { value: '80' }, shortfall: { value: '0' } });
    expect(l1.allocations).toEqual([expect.objectContaining({ lotId: trayLotId, quantity: { value: '80', text: '80 pak' } })]);
    expect(l2.allocations[0]).toMatchObject({ lotId: oldLotB, quantity: { value: '12500', text: '12,5 kg' } });
    expect(l3).toMatchObject({ purchaseOrderId: po2.id, allocated: { value: '20' }, shortfall: { value: '10' } });
    // What is left of the old lot (5 kg) goes first, then a newer one.
    expect(l4.allocations.map((a: { lotId: string; quantity: { value: string } }) => [a.lotId === oldLotB, a.quantity.value])).toEqual([
      [true, '5000'],
      [false, '5000'],
    ]);
  });

  it('dispatches a PO from stock first-expired-first-out in one transaction with cost of goods sold', async () => {
    const inventoryBefore = await ledger(ACCOUNTS.PERSEDIAAN_HASIL_PANEN);
    const key = { 'idempotency-key': `sj-${tag()}-one` };
    const res = await clerk.post(
      `${base}/deliveries`,
      { purchaseOrderId: po1.id, date: THURSDAY, vehicle: 'D 8123 XY', driver: 'Ujang' },
      key,
    );
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const again = await clerk.post(
      `${base}/deliveries`,
      { purchaseOrderId: po1.id, date: THURSDAY, vehicle: 'D 8123 XY', driver: 'Ujang' },
      key,
    );
    expect(again.body.id).toBe(res.body.id);
    delivery1 = res.body;
    expect(res.body.number).toMatch(/^SJ-2025-\d{6}$/);
    expect(res.body.lines.map((l: { lotId: string; quantity: { text: string } }) => [l.lotId, l.quantity.text])).toEqual([
      [trayLotId, '80 pak'],
      [oldLotB, '12,5 kg'],
    ]);
    expect(res.body.lines[0].base).toEqual({ base: '20000', text: '20 kg' });
    const value = BigInt(res.body.value);
    expect(value).toBeGreaterThan(0n);
    expect(res.body.journal).not.toBeNull();
    expect(await ledger(ACCOUNTS.PERSEDIAAN_HASIL_PANEN)).toBe(inventoryBefore - value);
    expect(await ledger(ACCOUNTS.HPP)).toBe(value);
    const valuation = (await clerk.get(`/api/coops/${coopId}/produce/stock/valuation`)).body;
    expect(valuation.agrees).toBe(true);
    const trace = (await clerk.get(`/api/coops/${coopId}/produce/lots/${oldLotB}/trace`)).body;
    expect(trace.buyers).toEqual([
      expect.objectContaining({ partnerId: m.partnerId, documentId: res.body.id, quantity: { base: '12500', text: '12,5 kg' } }),
    ]);
    const po = (await clerk.get(`${base}/purchase-orders/${po1.id}`)).body;
    expect(po.lines.map((l: { open: { value: string } }) => l.open.value)).toEqual(['0', '0']);
    const nothing = await clerk.post(`${base}/deliveries`, { purchaseOrderId: po1.id, date: THURSDAY });
    expect(nothing.status).toBe(422);
    expect(nothing.body.errors[0]).toMatchObject({ field: 'purchaseOrderId', code: 'nothing_to_deliver' });
    const pdf = await clerk.get(`${base}/deliveries/${res.body.id}/note.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(String(pdf.body).startsWith('%PDF')).toBe(true);
  });

  it('refuses more than the PO line has open, a lot of another grade or pack, and more than the lot holds; nothing written', async () => {
    const before = await databaseDigest(t.db);
    const send = (lines: unknown[]) => clerk.post(`${base}/deliveries`, { purchaseOrderId: po2.id, date: THURSDAY, lines });
    const over = await send([{ poLineNo: 1, lotId: trayLotId, locationId: m.packingHouseId, quantity: '31' }]);
    expect(over.status).toBe(422);
    expect(over.body.errors[0]).toMatchObject({ field: 'lines.0.quantity', code: 'over_delivery' });
    const grade = await send([{ poLineNo: 1, lotId: oldLotB, locationId: m.packingHouseId, quantity: '5' }]);
    expect(grade.status).toBe(422);
    expect(grade.body.errors[0]).toMatchObject({ field: 'lines.0.lotId', code: 'lot_mismatch' });
    const stock = await send([{ poLineNo: 1, lotId: trayLotId, locationId: m.packingHouseId, quantity: '25' }]);
    expect(stock.status).toBe(422);
    expect(stock.body.errors[0].field).toBe('lines.0.quantity');
    const line = await send([{ poLineNo: 9, lotId: trayLotId, locationId: m.packingHouseId, quantity: '1' }]);
    expect(line.status).toBe(422);
    expect(line.body.errors[0].field).toBe('lines.0.poLineNo');
    const place = await send([{ poLineNo: 1, lotId: trayLotId, locationId: m.coldStorageId, quantity: '1' }]);
    expect(place.status).toBe(422);
    expect(place.body.errors[0].field).toBe('lines.0.quantity');
    const kg = await send([{ poLineNo: 2, lotId: oldLotB, locationId: m.packingHouseId, quantity: '1,2345' }]);
    expect(kg.status).toBe(400);
    expect(kg.body.errors[0].field).toBe('lines.0.quantity');
    expect(await databaseDigest(t.db)).toEqual(before);
    // What stock there is goes: 20 trays (10 short) and the 10 kg of grade B.
    const partial = await board.post(`${base}/deliveries`, { purchaseOrderId: po2.id, date: THURSDAY });
    expect(partial.status, JSON.stringify(partial.body)).toBe(201);
    expect(partial.body.lines.map((l: { quantity: { text: string } }) => l.quantity.text)).toEqual(['20 pak', '5 kg', '5 kg']);
    expect(BigInt(partial.body.number.slice(-6))).toBe(BigInt(delivery1.number.slice(-6)) + 1n);
  });
});

describe('receiving, invoices and payments', () => {
  it('records QC per line; rejects are written off at cost; accepted + rejected must equal delivered', async () => {
    const url = `${base}/deliveries/${delivery1.id}/receipt`;
    const before = await databaseDigest(t.db);
    const mismatch = await clerk.post(url, {
      date: THURSDAY,
      lines: [
        { lineNo: 1, accepted: '78', rejected: '1', reason: 'quality' },
        { lineNo: 2, accepted: '12,5' },
      ],
    });
    expect(mismatch.status).toBe(422);
    expect(mismatch.body.errors[0]).toMatchObject({ field: 'lines.0.accepted', code: 'quantity_mismatch' });
    const noReason = await clerk.post(url, {
      date: THURSDAY,
      lines: [
        { lineNo: 1, accepted: '78', rejected: '2' },
        { lineNo: 2, accepted: '12,5' },
      ],
    });
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors[0].field).toBe('lines.0.reason');
    const missing = await clerk.post(url, { date: THURSDAY, lines: [{ lineNo: 1, accepted: '80' }] });
    expect(missing.status).toBe(400);
    expect(missing.body.errors[0].field).toBe('lines');
    const early = await clerk.post(url, {
      date: '2025-08-13',
      lines: [
        { lineNo: 1, accepted: '80' },
        { lineNo: 2, accepted: '12,5' },
      ],
    });
    expect(early.status).toBe(400);
    expect(await databaseDigest(t.db)).toEqual(before);
    const hpp = await ledger(ACCOUNTS.HPP);
    const res = await clerk.post(url, {
      date: THURSDAY,
      receivedBy: 'Dedi (penerimaan Buah Batu)',
      lines: [
        { lineNo: 1, accepted: '78', rejected: '2', reason: 'quality', note: 'memar' },
        { lineNo: 2, accepted: '12,5' },
      ],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const writtenOff = (BigInt(delivery1.lines[0]!.value) * 2n * 2n + 80n) / (2n * 80n); // half-up of value × 2/80
    expect(res.body.receipt).toMatchObject({ writtenOff: writtenOff.toString(), receivedBy: 'Dedi (penerimaan Buah Batu)' });
    expect(res.body.lines[0]).toMatchObject({ accepted: { value: '78' }, rejected: { value: '2' }, reason: 'quality' });
    expect(await ledger(ACCOUNTS.HPP)).toBe(hpp - writtenOff);
    expect(await ledger(ACCOUNTS.SUSUT_DAN_BUSUK)).toBe(writtenOff);
    const twice = await clerk.post(url, {
      date: THURSDAY,
      lines: [
        { lineNo: 1, accepted: '80' },
        { lineNo: 2, accepted: '12,5' },
      ],
    });
    expect(twice.status).toBe(409);
  });

  it('invoices accepted quantities only, refuses unreceived or invoiced deliveries, takes credit notes and payments; ageing agrees with the ledger', async () => {
    const other = (await board.get(`${base}/deliveries?partnerId=${m.partnerId}&uninvoiced=true`)).body.items.find(
      (d: { id: string }) => d.id !== delivery1.id,
    );
    const unreceived = await treasurer.post(`${base}/invoices`, { partnerId: m.partnerId, date: '2025-08-15', deliveryIds: [other.id] });
    expect(unreceived.status).toBe(422);
    expect(unreceived.body.errors[0]).toMatchObject({ field: 'deliveryIds.0', code: 'not_received' });
    const inv = await treasurer.post(`${base}/invoices`, { partnerId: m.partnerId, date: '2025-08-15', deliveryIds: [delivery1.id] });
    expect(inv.status, JSON.stringify(inv.body)).toBe(201);
    expect(inv.body).toMatchObject({
      amount: String(78 * 4500 + 112500),
      revenueKind: 'non_member',
      dueDate: '2025-09-14',
      open: '463500',
    });
    expect(inv.body.number).toMatch(/^FKT-2025-\d{6}$/);
    expect(inv.body.lines[0].description).toContain('78 pak');
    expect(await ledger(ACCOUNTS.PIUTANG_USAHA, m.partnerId)).toBe(463500n);
    expect(await ledger(ACCOUNTS.PENJUALAN_NON_ANGGOTA)).toBe(463500n);
    const again = await treasurer.post(`${base}/invoices`, { partnerId: m.partnerId, date: '2025-08-15', deliveryIds: [delivery1.id] });
    expect(again.status).toBe(422);
    expect(again.body.errors[0].code).toBe('already_invoiced');
    expect((await clerk.post(`${base}/invoices`, { partnerId: m.partnerId, deliveryIds: [delivery1.id] })).status).toBe(403);

    const tooMuch = await treasurer.post(`${base}/invoices/${inv.body.id}/credit-notes`, {
      date: '2025-08-20',
      amount: '463501',
      reason: 'Klaim susut',
    });
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.body.errors[0].field).toBe('amount');
    const cn = await treasurer.post(`${base}/invoices/${inv.body.id}/credit-notes`, {
      date: '2025-08-20',
      amount: '13500',
      reason: 'Klaim 3 tray layu',
    });
    expect(cn.status, JSON.stringify(cn.body)).toBe(201);
    expect(cn.body.number).toMatch(/^NK-2025-/);

    const over = await treasurer.post(`${base}/payments`, {
      partnerId: m.partnerId,
      date: '2025-09-10',
      method: 'bank',
      amount: '500000',
      allocations: [{ invoiceId: inv.body.id, amount: '450001' }],
    });
    expect(over.status).toBe(422);
    expect(over.body.errors[0].field).toBe('allocations.0.amount');
    const pay = await treasurer.post(`${base}/payments`, {
      partnerId: m.partnerId,
      date: '2025-09-10',
      method: 'bank',
      reference: 'TRF 0910',
      amount: '500000',
    });
    expect(pay.status, JSON.stringify(pay.body)).toBe(201);
    expect(pay.body).toMatchObject({ applied: '450000', unapplied: '50000', allocations: [{ invoiceId: inv.body.id, amount: '450000' }] });
    expect(await ledger(ACCOUNTS.BANK)).toBe(500000n);
    expect(await ledger(ACCOUNTS.PIUTANG_USAHA, m.partnerId)).toBe(-50000n);
    const paid = (await treasurer.get(`${base}/invoices/${inv.body.id}`)).body;
    expect(paid).toMatchObject({ credited: '13500', paid: '450000', open: '0' });

    // The second delivery: received in full, invoiced; the credit of 50.000 is applied to it at once.
    const d2 = (await board.get(`${base}/deliveries/${other.id}`)).body;
    const rec = await clerk.post(`${base}/deliveries/${other.id}/receipt`, {
      date: THURSDAY,
      lines: d2.lines.map((l: { lineNo: number; quantity: { text: string; value: string } }) => ({
        lineNo: l.lineNo,
        accepted: l.quantity.text.replace(/ (pak|kg)$/, ''),
      })),
    });
    expect(rec.status, JSON.stringify(rec.body)).toBe(201);
    const inv2 = await treasurer.post(`${base}/invoices`, { partnerId: m.partnerId, date: '2025-09-15', deliveryIds: [other.id] });
    expect(inv2.status, JSON.stringify(inv2.body)).toBe(201);
    expect(BigInt(inv2.body.open)).toBe(BigInt(inv2.body.amount) - 50000n);

    const age = (await treasurer.get(`${base}/receivables/ageing?asOf=2025-11-20`)).body;
    expect(age.agrees).toBe(true);
    const row = age.partners.find((p: { partnerId: string }) => p.partnerId === m.partnerId);
    expect(row.buckets.d31_60).toBe(inv2.body.open); // due 2025-10-15, 36 days overdue
    expect(row.credit).toBe('0');
    const early = (await treasurer.get(`${base}/receivables/ageing?asOf=2025-09-12`)).body;
    expect(early.agrees).toBe(true);
    expect(early.partners.find((p: { partnerId: string }) => p.partnerId === m.partnerId)).toMatchObject({
      open: '0',
      credit: '50000',
      balance: '-50000',
    });
    const st = (await treasurer.get(`${base}/partners/${m.partnerId}/statement?from=2025-09-01&to=2025-11-20`)).body;
    expect(st).toMatchObject({ opening: '450000', agrees: true, closing: row.balance, ledger: row.balance });
    expect(st.entries.map((e: { kind: string; debit: string; credit: string }) => [e.kind, e.debit, e.credit])).toEqual([
      ['payment', '0', '500000'],
      ['invoice', inv2.body.amount, '0'],
    ]);
    expect((await treasurer.get(`${base}/partners/${m.partnerId}/statement?from=2025-12-01&to=2025-11-01`)).status).toBe(400);
    const pdf = await treasurer.get(`${base}/invoices/${inv.body.id}/document.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
  });

  /** A partner linked to the member orders two of an article on Thursday, takes them, and is invoiced. */
  async function invoiceMemberPartner(memberId: string, refPrefix: string) {
    const mp = await makeContracted(t.db, coopId, { kind: 'cooperative', memberId, paymentTermsDays: 0 });
    const po = await board.post(`${base}/purchase-orders`, {
      partnerId: mp.partnerId,
      storeId: mp.storeId,
      partnerRef: `${refPrefix}-${tag()}`,
      orderDate: '2025-08-12',
      deliveryDate: THURSDAY,
      lines: [{ articleCode: '200146', quantity: '2' }],
    });
    const d = await clerk.post(`${base}/deliveries`, { purchaseOrderId: po.body.id, date: THURSDAY });
    expect(d.status, JSON.stringify(d.body)).toBe(201);
    await clerk.post(`${base}/deliveries/${d.body.id}/receipt`, { date: THURSDAY, lines: [{ lineNo: 1, accepted: '2' }] });
    const inv = await treasurer.post(`${base}/invoices`, { partnerId: mp.partnerId, date: THURSDAY, deliveryIds: [d.body.id] });
    expect(inv.status, JSON.stringify(inv.body)).toBe(201);
    return inv;
  }

  it('books sales to a member partner as member revenue', async () => {
    const member = await makeMember(t.db, coopId);
    const before = await ledger(ACCOUNTS.PENJUALAN_ANGGOTA);
    const inv = await invoiceMemberPartner(member.id, 'M');
    expect(inv.body.revenueKind).toBe('member');
    expect(await ledger(ACCOUNTS.PENJUALAN_ANGGOTA)).toBe(before + 18000n);
  });

  it('books sales to a partner whose member has left as non-member revenue', async () => {
    const member = await makeMember(t.db, coopId, { fullName: 'Anggota Sudah Keluar' });
    const left = await treasurer.post(`/api/coops/${coopId}/members/${member.id}/leaving`, {
      outcome: 'left',
      reason: 'Pindah ke luar desa',
      date: '2025-08-13',
    });
    expect(left.status, JSON.stringify(left.body)).toBe(201);
    const [members, others] = [await ledger(ACCOUNTS.PENJUALAN_ANGGOTA), await ledger(ACCOUNTS.PENJUALAN_NON_ANGGOTA)];
    const inv = await invoiceMemberPartner(member.id, 'L');
    // Left on 13 August: the sale of the 14th is business with a non-member.
    expect(inv.body.revenueKind).toBe('non_member');
    expect(await ledger(ACCOUNTS.PENJUALAN_ANGGOTA)).toBe(members);
    expect(await ledger(ACCOUNTS.PENJUALAN_NON_ANGGOTA)).toBe(others + 18000n);
  });

  it('replays a payment for a repeated Idempotency-Key: one receipt, one journal entry', async () => {
    const key = { 'idempotency-key': `pay-${tag()}-retry` };
    const bank = await ledger(ACCOUNTS.BANK);
    const body = { partnerId: m.partnerId, date: '2025-11-21', method: 'bank', amount: '25000' };
    const a = await treasurer.post(`${base}/payments`, body, key);
    const b = await treasurer.post(`${base}/payments`, body, key);
    expect(a.status, JSON.stringify(a.body)).toBe(201);
    expect(b.body.id).toBe(a.body.id);
    expect(await ledger(ACCOUNTS.BANK)).toBe(bank + 25000n);
    const other = await treasurer.post(`${base}/payments`, { ...body, amount: '26000' }, key);
    expect(other.status).toBe(422);
  });

  it('reports the fill rate per partner, commodity and week as a hand count gives it', async () => {
    // Ordered 80 + 30 trays of 250 g and 12,5 + 10 kg loose = 50 kg; delivered 80 + 20 trays and 22,5 kg = 47,5 kg;
    // accepted 78 + 20 trays and 22,5 kg = 47 kg.
    const res = await board.get(`${base}/reports/fill-rate?from=2025-08-11&to=2025-08-17`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const row = res.body.rows.find((r: { partnerId: string }) => r.partnerId === m.partnerId);
    expect(row).toMatchObject({
      week: '2025-08-11',
      commodityName: 'Tomat',
      ordered: { base: '50000', text: '50 kg' },
      delivered: { base: '47500' },
      accepted: { base: '47000' },
      deliveredPermille: 950,
      acceptedPermille: 940,
    });
    expect((await board.get(`${base}/reports/fill-rate?from=2025-08-17&to=2025-08-11`)).status).toBe(400);
  });
});
