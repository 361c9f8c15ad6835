import { ACCOUNTS } from '@kopdes/shared/ledger';
import { beforeAll, describe, expect, it } from 'vitest';
import { signIn, testApp, type Client } from '../../test/support/app.js';
import { makeCoop, makeUser } from '../../test/support/factories.js';
import { makeMember, makeSavingsSettings } from '../../test/support/members-factories.js';
import { SYSTEM_ACTOR } from '../lib/actor.js';
import { accountBalance, subsidiaryBalances } from '../modules/ledger/ledger.service.js';
import { DAY, makeFarmer, makeIntake } from '../modules/produce/tests/factories.js';
import { deposit, memberSavings, runDues } from '../modules/savings/savings.service.js';
import { periodsText } from './payout-wajib.js';

// createApp registers the provider, as the server does on start.
const t = await testApp();
let coopId: string;
let treasurer: Client;
let base: string;
let owing: { memberId: string; plotId: string; fullName: string };
let paidUp: { memberId: string; plotId: string; fullName: string };
let lateJoiner: { memberId: string };
const PAY_DATE = '2025-08-14';

beforeAll(async () => {
  coopId = (await makeCoop(t.db)).id;
  base = `/api/coops/${coopId}/produce`;
  const b = await makeUser(t.db, coopId, ['bendahara']);
  treasurer = await signIn(t.app, b.email, b.password);
  await makeSavingsSettings(t.db, coopId, { wajib: 25_000n });
  owing = await makeFarmer(t.db, coopId);
  paidUp = await makeFarmer(t.db, coopId);
  // Joined on 13 August, after delivering on the 12th: billed for August only.
  lateJoiner = { memberId: (await makeMember(t.db, coopId, { fullName: 'Asep Late', joinDate: '2025-08-13' })).id };
  await runDues(t.db, SYSTEM_ACTOR, coopId, '2025-07');
  await runDues(t.db, SYSTEM_ACTOR, coopId, '2025-08');
  // The second farmer paid both months at the office, in cash.
  await deposit(t.db, SYSTEM_ACTOR, coopId, {
    memberId: paidUp.memberId,
    kind: 'wajib',
    amount: '50000',
    date: '2025-08-05',
    method: 'cash',
  });
  await makeIntake(t.db, coopId, { farmer: owing, date: DAY, harvestDate: DAY });
  await makeIntake(t.db, coopId, { farmer: paidUp, date: DAY, harvestDate: DAY });
  await makeIntake(t.db, coopId, { farmer: { memberId: lateJoiner.memberId, plotId: undefined as never }, date: DAY, harvestDate: DAY });
}, 90_000);

describe('simpanan wajib kept back from a produce payout', () => {
  it('names the months on the slip', () => {
    expect(periodsText(['2025-07', '2025-08'])).toBe('Simpanan wajib Juli–Agustus 2025');
    expect(periodsText(['2024-12', '2025-01'])).toBe('Simpanan wajib Desember 2024–Januari 2025');
    expect(periodsText(['2025-08'])).toBe('Simpanan wajib Agustus 2025');
  });

  it('the preview deducts the open dues of the farmer who owes them, and nothing from the one who paid', async () => {
    const r = await treasurer.get(`${base}/payouts/preview?from=${DAY}&to=${DAY}&payDate=${PAY_DATE}`);
    expect(r.status).toBe(200);
    const a = r.body.payouts.find((p: any) => p.memberId === owing.memberId);
    const b = r.body.payouts.find((p: any) => p.memberId === paidUp.memberId);
    expect(a.deductions).toEqual([
      { kind: 'simpanan_wajib', label: 'Simpanan wajib', amount: '50000', reference: 'Simpanan wajib Juli–Agustus 2025' },
    ]);
    expect(BigInt(a.net)).toBe(BigInt(a.gross) - 50_000n);
    expect(b.deductions).toEqual([]);
    expect(b.net).toBe(b.gross);
    const c = r.body.payouts.find((p: any) => p.memberId === lateJoiner.memberId);
    expect(c.deductions).toMatchObject([{ amount: '25000', reference: 'Simpanan wajib Agustus 2025' }]);
    expect(r.body.deductions).toBe('75000');
  });

  it('keeps back nothing from a payout dated before the farmer joined', async () => {
    const r = await treasurer.get(`${base}/payouts/preview?from=${DAY}&to=${DAY}&payDate=${DAY}`);
    expect(r.status).toBe(200);
    const c = r.body.payouts.find((p: any) => p.memberId === lateJoiner.memberId);
    expect(c.deductions).toEqual([]);
    expect(c.net).toBe(c.gross);
    expect(r.body.payouts.find((p: any) => p.memberId === owing.memberId).deductionTotal).toBe('50000');
  });

  it('the run pays the dues into simpanan wajib out of the payable, once, however often it is retried', async () => {
    const wajibBefore = await accountBalance(t.db, coopId, { account: ACCOUNTS.SIMPANAN_WAJIB, asOf: PAY_DATE });
    const body = { from: DAY, to: DAY, payDate: PAY_DATE };
    const first = await treasurer.post(`${base}/payout-runs`, body, { 'idempotency-key': 'wajib-run-0001' });
    expect(first.status).toBe(201);
    const again = await treasurer.post(`${base}/payout-runs`, body, { 'idempotency-key': 'wajib-run-0001' });
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);

    const a = first.body.payouts.find((p: any) => p.memberId === owing.memberId);
    expect(a.deductions).toHaveLength(1);
    expect(a.deductions[0]).toMatchObject({ kind: 'simpanan_wajib', amount: '50000' });
    expect(a.deductions[0].reference).toMatch(/^Simpanan wajib Juli–Agustus 2025 · KWT-/);

    // The member's dues are paid and the deposit sits in their wajib balance.
    const savings = await memberSavings(t.db, coopId, owing.memberId);
    expect(savings.balances.wajib).toBe('50000');
    expect(savings.arrears.months).toBe(0);
    // The books: wajib grew by exactly the deduction, and the farmer is owed nothing.
    const wajibAfter = await accountBalance(t.db, coopId, { account: ACCOUNTS.SIMPANAN_WAJIB, asOf: PAY_DATE });
    expect(wajibAfter - wajibBefore).toBe(75_000n);
    const payable = await subsidiaryBalances(t.db, coopId, {
      account: ACCOUNTS.UTANG_PETANI,
      asOf: PAY_DATE,
      memberIds: [owing.memberId, paidUp.memberId],
    });
    expect(payable.get(owing.memberId) ?? 0n).toBe(0n);
    expect(payable.get(paidUp.memberId) ?? 0n).toBe(0n);

    // Nothing is owed any more: a later run for the same days has nothing to pay or deduct.
    const preview = await treasurer.get(`${base}/payouts/preview?from=${DAY}&to=${DAY}&payDate=${PAY_DATE}`);
    expect(preview.body.farmers).toBe(0);
  });
});
