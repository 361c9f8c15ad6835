import { ACCOUNTS } from '@kopdes/shared/ledger';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, testApp, type Client } from '../../../../test/support/app.js';
import { makeCoop, makeUser } from '../../../../test/support/factories.js';
import { databaseDigest } from '../../../../test/support/routes.js';
import { SYSTEM_ACTOR } from '../../../lib/actor.js';
import { accountBalance, postEntry, subsidiaryBalances } from '../../ledger/ledger.service.js';
import { registerPayoutDeduction, unregisterPayoutDeduction } from '../deductions.js';
import { setFarmerProfile } from '../farmers.service.js';
import { makeFarmer, makeIntake, produceSetup } from './factories.js';

const t = await testApp();
let coopId: string;
let treasurer: Client;
let clerk: Client;
let base: string;
const farmers: { memberId: string; plotId: string; fullName: string }[] = [];

/**
 * A real provider of the kind the extension point is for: farm inputs advanced on credit sit in
 * Piutang Anggota (1122) and are taken back from the payout.
 */
beforeAll(async () => {
  coopId = (await makeCoop(t.db)).id;
  base = `/api/coops/${coopId}/produce`;
  const [b, p] = await Promise.all([makeUser(t.db, coopId, ['bendahara']), makeUser(t.db, coopId, ['petugas'])]);
  [treasurer, clerk] = await Promise.all([signIn(t.app, b.email, b.password), signIn(t.app, p.email, p.password)]);
  await produceSetup(t.db, coopId);
  for (let i = 0; i < 3; i++) farmers.push(await makeFarmer(t.db, coopId));
  await setFarmerProfile(t.db, coopId, SYSTEM_ACTOR, farmers[1]!.memberId, {
    payoutMethod: 'bank',
    bankName: 'BRI',
    bankAccountNo: '002101000123567',
    bankAccountName: farmers[1]!.fullName,
    deliveryActive: true,
  });
  registerPayoutDeduction({
    kind: 'input_advance',
    async due(db, cooperativeId, memberIds, payDate) {
      const b = await subsidiaryBalances(db, cooperativeId, { account: ACCOUNTS.PIUTANG_ANGGOTA, asOf: payDate, memberIds });
      return new Map([...b].filter(([, v]) => v > 0n).map(([k, v]) => [k, { amount: v, reference: 'Bibit dan pupuk' }]));
    },
    async settle(tx, cooperativeId, actor, s) {
      const posted = await postEntry(tx, cooperativeId, actor, {
        date: s.date,
        memo: `Potongan saprotan dari pembayaran ${s.payoutRunNumber}`,
        source: { module: 'produce.test.advance', documentId: s.payoutId },
        lines: [
          { ...s.debit, debit: s.amount },
          { account: ACCOUNTS.PIUTANG_ANGGOTA, unit: 'agribisnis', credit: s.amount, memberId: s.memberId },
        ],
      });
      return { reference: 'Bibit dan pupuk', journalEntryId: posted.id };
    },
  });
  // Farmer 0 took Rp 50.000 of seed on credit.
  await postEntry(t.db, coopId, SYSTEM_ACTOR, {
    date: '2025-08-01',
    memo: 'Bibit tomat dibayar dari hasil panen',
    source: { module: 'produce.test.advance', documentId: 'adv-1' },
    lines: [
      { account: ACCOUNTS.PIUTANG_ANGGOTA, unit: 'agribisnis', debit: 50_000n, memberId: farmers[0]!.memberId },
      { account: ACCOUNTS.KAS, unit: 'agribisnis', credit: 50_000n },
    ],
  });
  for (const [i, date] of [
    [0, '2025-08-11'],
    [0, '2025-08-14'],
    [1, '2025-08-14'],
    [2, '2025-08-18'],
  ] as const) {
    await makeIntake(t.db, coopId, { farmer: farmers[i]!, date, harvestDate: date });
  }
}, 90_000);

afterAll(() => unregisterPayoutDeduction('input_advance'));

describe('a payout run', () => {
  it('previews every farmer with intakes, deductions and net, writing nothing', async () => {
    const before = await databaseDigest(t.db);
    const res = await treasurer.get(`${base}/payouts/preview?from=2025-08-11&to=2025-08-17&payDate=2025-08-18`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.farmers).toBe(2);
    const [p0, p1] = res.body.payouts;
    expect(p0).toMatchObject({ memberId: farmers[0]!.memberId, gross: '690000', deductionTotal: '50000', net: '640000', method: 'cash' });
    expect(p0.deductions).toEqual([{ kind: 'input_advance', label: 'Pinjaman saprotan', amount: '50000', reference: 'Bibit dan pupuk' }]);
    expect(p0.intakes).toHaveLength(2);
    expect(p1).toMatchObject({ gross: '345000', net: '345000', method: 'bank', bankName: 'BRI' });
    expect(res.body).toMatchObject({ gross: '1035000', deductions: '50000', net: '985000', cash: '640000', bank: '345000' });
    expect(await databaseDigest(t.db)).toEqual(before);
  });

  it('pays, posts one entry per farmer, and its totals equal the journal', async () => {
    const kas = await accountBalance(t.db, coopId, { account: ACCOUNTS.KAS, unit: 'agribisnis' });
    const res = await treasurer.post(
      `${base}/payout-runs`,
      { from: '2025-08-11', to: '2025-08-17', payDate: '2025-08-18' },
      { 'idempotency-key': 'payout-run-week-33' },
    );
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.number).toMatch(/^PB-2025-\d{5}$/);
    expect(res.body).toMatchObject({ farmers: 2, gross: '1035000', net: '985000' });
    const ids = res.body.payouts.map((p: any) => p.id);
    const journal = await t.db.execute<{ account: string; debit: bigint; credit: bigint }>(sql`
      SELECT l.account, sum(l.debit)::bigint AS debit, sum(l.credit)::bigint AS credit
      FROM journal_entries e JOIN journal_lines l ON l.cooperative_id = e.cooperative_id AND l.entry_id = e.id
      WHERE e.cooperative_id = ${coopId} AND e.source_document_id = ANY(${`{${ids.join(',')}}`}::text[])
      GROUP BY l.account ORDER BY l.account`);
    const by = Object.fromEntries(journal.rows.map((r) => [r.account, r]));
    expect(by[ACCOUNTS.UTANG_PETANI]!.debit).toBe(1_035_000n);
    expect(by[ACCOUNTS.KAS]!.credit + by[ACCOUNTS.BANK]!.credit).toBe(985_000n);
    expect(by[ACCOUNTS.BANK]!.credit).toBe(345_000n);
    expect(by[ACCOUNTS.PIUTANG_ANGGOTA]!.credit).toBe(50_000n);
    expect(await accountBalance(t.db, coopId, { account: ACCOUNTS.KAS, unit: 'agribisnis' })).toBe(kas - 640_000n);
    const payable = await subsidiaryBalances(t.db, coopId, { account: ACCOUNTS.UTANG_PETANI, asOf: '2025-08-31' });
    expect(payable.get(farmers[0]!.memberId) ?? 0n).toBe(0n);
    expect(payable.get(farmers[2]!.memberId)).toBe(345_000n);
  });

  it('is idempotent: the same key replays, and another run over the period pays nothing twice', async () => {
    const replay = await treasurer.post(
      `${base}/payout-runs`,
      { from: '2025-08-11', to: '2025-08-17', payDate: '2025-08-18' },
      { 'idempotency-key': 'payout-run-week-33' },
    );
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    const before = await databaseDigest(t.db);
    const again = await treasurer.post(`${base}/payout-runs`, { from: '2025-08-11', to: '2025-08-17', payDate: '2025-08-18' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('nothing_to_pay');
    expect(await databaseDigest(t.db)).toEqual(before);
    const wider = await treasurer.post(`${base}/payout-runs`, { from: '2025-08-01', to: '2025-08-31', payDate: '2025-08-31' });
    expect(wider.body.farmers).toBe(1);
    expect(wider.body.gross).toBe('345000');
  });

  it('refuses a paid intake being voided, and a clerk running payouts', async () => {
    const intakes = (await clerk.get(`${base}/intakes?memberId=${farmers[0]!.memberId}`)).body.items;
    expect(intakes[0].payoutId).toMatch(/^pyo_/);
    expect((await clerk.post(`${base}/intakes/${intakes[0].id}/void`, { reason: 'Coba batalkan' })).body.code).toBe('already_paid');
    expect((await clerk.post(`${base}/payout-runs`, { from: '2025-08-01', to: '2025-08-31' })).status).toBe(403);
  });

  it('gives the bank file, the slips and the payables view', async () => {
    const runs = (await treasurer.get(`${base}/payout-runs`)).body.items;
    const first = runs.find((r: any) => r.gross === '1035000');
    const csv = await t.app.request(`${base}/payout-runs/${first.id}/bank-file.csv`, { headers: { cookie: (treasurer as any).cookie } });
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines).toEqual([
      'No,Nama Penerima,Bank,Nomor Rekening,Nama di Rekening,Jumlah,Keterangan',
      `1,${farmers[1]!.fullName},BRI,002101000123567,${farmers[1]!.fullName},345000,Hasil panen ${first.number}`,
    ]);
    const run = (await treasurer.get(`${base}/payout-runs/${first.id}`)).body;
    for (const path of [`payout-runs/${first.id}/slips.pdf`, `payouts/${run.payouts[0].id}/slip.pdf`]) {
      const res = await t.app.request(`${base}/${path}`, { headers: { cookie: (treasurer as any).cookie } });
      expect(res.status).toBe(200);
      expect(
        Buffer.from(await res.arrayBuffer())
          .subarray(0, 5)
          .toString(),
      ).toBe('%PDF-');
    }
    const payables = (await treasurer.get(`${base}/views/payables?asOf=2025-08-31`)).body;
    expect(payables.total).toBe(payables.ledgerTotal);
    expect(payables.rows.every((r: any) => r.unpaidAmount === r.ledgerBalance)).toBe(true);
  });
});
