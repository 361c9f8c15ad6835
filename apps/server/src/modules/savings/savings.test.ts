import { ACCOUNTS } from '@kopdes/shared/ledger';
import { todayIn } from '@kopdes/shared/format';
import { sql } from 'drizzle-orm';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../lib/actor.js';
import { signIn, testApp, type Client, type TestApp } from '../../../test/support/app.js';
import { makeCoop, makeUser } from '../../../test/support/factories.js';
import { makeMember, makeSavingsSettings } from '../../../test/support/members-factories.js';
import { createManualEntry, getEntry, subsidiaryBalances } from '../ledger/ledger.service.js';

let t: TestApp;
let coopId: string;
let treasurer: Client;
const today = todayIn('Asia/Jakarta');

beforeAll(async () => {
  t = await testApp();
  coopId = (await makeCoop(t.db)).id;
  await makeSavingsSettings(t.db, coopId, { pokok: 100_000n, wajib: 20_000n });
  const u = await makeUser(t.db, coopId, ['bendahara']);
  treasurer = await signIn(t.app, u.email, u.password);
});

const url = (p: string) => `/api/coops/${coopId}${p}`;
const deposit = (body: Record<string, unknown>, headers?: Record<string, string>, c = treasurer) =>
  c.post(url('/savings/deposits'), body, headers);
const withdraw = (body: Record<string, unknown>, headers?: Record<string, string>, c = treasurer) =>
  c.post(url('/savings/withdrawals'), body, headers);

/** Everything a refused posting must leave untouched. */
async function footprint(memberId: string) {
  const r = await t.db.execute<{ tx: number; je: number; bal: string }>(sql`
    SELECT (SELECT count(*)::int FROM savings_transactions WHERE cooperative_id = ${coopId}) AS tx,
           (SELECT count(*)::int FROM journal_entries WHERE cooperative_id = ${coopId}) AS je,
           (SELECT coalesce(sum(balance), 0)::text FROM savings_accounts WHERE cooperative_id = ${coopId} AND member_id = ${memberId}) AS bal`);
  return r.rows[0]!;
}

const ledgerBalance = async (account: string, memberId: string) =>
  (await subsidiaryBalances(t.db, coopId, { account, asOf: '2099-12-31', memberIds: [memberId] })).get(memberId) ?? 0n;

describe('simpanan sukarela', () => {
  it('a deposit posts the transaction and its journal entry (cash in the savings-and-loan unit, the member as subsidiary)', async () => {
    const m = await makeMember(t.db, coopId, { fullName: 'Iwan Setiawan' });
    const res = await deposit({ memberId: m.id, kind: 'sukarela', amount: '50000', memo: 'Hasil panen kol' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      number: expect.stringMatching(/^KWT-\d{4}-\d{6}$/),
      member: { id: m.id, fullName: 'Iwan Setiawan' },
      kind: 'sukarela',
      type: 'deposit',
      direction: 'in',
      amount: '50000',
      balanceAfter: '50000',
      date: today,
      method: 'cash',
      journalNumber: expect.stringMatching(/^JU-/),
    });
    const entry = await getEntry(t.db, coopId, res.body.journalEntryId);
    expect(entry.source).toEqual({ module: 'savings', documentId: res.body.id });
    expect(entry.lines.map((l) => [l.account, l.unit, l.debit, l.credit, l.memberId])).toEqual([
      [ACCOUNTS.KAS, 'simpan_pinjam', '50000', '0', null],
      [ACCOUNTS.SIMPANAN_SUKARELA, 'simpan_pinjam', '0', '50000', m.id],
    ]);
    expect(await ledgerBalance(ACCOUNTS.SIMPANAN_SUKARELA, m.id)).toBe(50_000n);
  });

  it('a withdrawal above the balance is refused with the available amount; nothing written', async () => {
    const m = await makeMember(t.db, coopId);
    await deposit({ memberId: m.id, kind: 'sukarela', amount: '120000' });
    const before = await footprint(m.id);
    const res = await withdraw({ memberId: m.id, amount: '150000' });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({
      code: 'insufficient_balance',
      detail: 'Saldo simpanan sukarela tidak cukup: tersedia Rp 120.000',
      errors: [{ field: 'amount', code: 'insufficient_balance' }],
      available: '120000',
    });
    expect(await footprint(m.id)).toEqual(before);
    const en = await withdraw({ memberId: m.id, amount: '150000' }, { 'accept-language': 'en' });
    expect(en.body.detail).toBe('Insufficient voluntary savings balance: Rp 120.000 available');
    const ok = await withdraw({ memberId: m.id, amount: '120000', method: 'bank' });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ direction: 'out', balanceAfter: '0', method: 'bank' });
  });

  it.each([
    [{ amount: '0' }, 'amount', /lebih dari Rp 0/],
    [{ amount: '-5000' }, 'amount', /lebih dari Rp 0/],
    [{ amount: '12.5' }, 'amount', /angka bulat rupiah/],
    [{ amount: 50000 }, 'amount', /teks/],
    [{ kind: 'emas' }, 'kind', /pokok, wajib, sukarela/],
    [{ date: '2999-01-01' }, 'date', /masa depan/],
    [{ date: '2025-02-30' }, 'date', /.+/],
    [{ memberId: 'mbr_01ARZ3NDEKTSV4RRFFQ69G5FAV' }, 'memberId', /tidak ditemukan/],
    [{ memberId: 'bukan-id' }, 'memberId', /tidak valid/],
    [{ extra: 1 }, 'extra', /tidak dikenal/],
  ])('a deposit with %j is refused naming %s; nothing written', async (patch, field, message) => {
    const m = await makeMember(t.db, coopId);
    const before = await footprint(m.id);
    const res = await deposit({ memberId: m.id, kind: 'sukarela', amount: '10000', ...patch });
    expect([400, 422], JSON.stringify(res.body)).toContain(res.status);
    const e = res.body.errors.find((x: any) => x.field === field);
    expect(e, JSON.stringify(res.body)).toBeDefined();
    expect(e.message).toMatch(message);
    expect(await footprint(m.id)).toEqual(before);
  });

  it('never overdraws under concurrent withdrawals: of 24 parallel requests only those the balance covers succeed', async () => {
    const m = await makeMember(t.db, coopId);
    await deposit({ memberId: m.id, kind: 'sukarela', amount: '100000' });
    const amounts = Array.from({ length: 24 }, (_, i) => [7_000, 13_000, 25_000][i % 3]!);
    const replies = await Promise.all(amounts.map((a) => withdraw({ memberId: m.id, amount: String(a) })));
    const ok = replies.filter((r) => r.status === 201);
    const refused = replies.filter((r) => r.status !== 201);
    expect(refused.every((r) => r.status === 422 && r.body.code === 'insufficient_balance')).toBe(true);
    const taken = ok.reduce((s, r) => s + BigInt(r.body.amount), 0n);
    expect(taken).toBeLessThanOrEqual(100_000n);
    const left = 100_000n - taken;
    // Every refusal happened when the balance could not cover it.
    for (const r of refused) expect(BigInt(r.body.available)).toBeLessThan(BigInt(amounts[replies.indexOf(r)]!));
    expect(left).toBeLessThan(7_000n);
    const balances = ok.map((r) => BigInt(r.body.balanceAfter)).sort((a, b) => (a < b ? 1 : -1));
    expect(balances.every((b) => b >= 0n)).toBe(true);
    expect(balances[balances.length - 1]).toBe(left);
    const view = await treasurer.get(url(`/members/${m.id}/savings`));
    expect(view.body.balances.sukarela).toBe(String(left));
    expect(await ledgerBalance(ACCOUNTS.SIMPANAN_SUKARELA, m.id)).toBe(left);
  });

  it('the database itself refuses a negative balance', async () => {
    const m = await makeMember(t.db, coopId);
    await deposit({ memberId: m.id, kind: 'sukarela', amount: '1000' });
    const failure = (q: Promise<unknown>) =>
      q.then(
        () => 'accepted',
        (e: { cause?: { message?: string } }) => e.cause?.message ?? String(e),
      );
    expect(
      await failure(
        t.db.execute(
          sql`UPDATE savings_accounts SET balance = -1 WHERE cooperative_id = ${coopId} AND member_id = ${m.id} AND kind = 'sukarela'`,
        ),
      ),
    ).toMatch(/savings_balance_not_negative/);
    expect(await failure(t.db.execute(sql`DELETE FROM savings_transactions WHERE cooperative_id = ${coopId}`))).toMatch(/append-only/);
    expect(await failure(t.db.execute(sql`UPDATE savings_transactions SET amount = 1 WHERE cooperative_id = ${coopId}`))).toMatch(
      /append-only/,
    );
  });
});

describe('Idempotency-Key', () => {
  it('a retried deposit with the same key posts once and replays the first answer', async () => {
    const m = await makeMember(t.db, coopId);
    const key = { 'idempotency-key': `setoran-${m.id}` };
    const body = { memberId: m.id, kind: 'sukarela', amount: '25000' };
    const first = await deposit(body, key);
    const again = await deposit(body, key);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    const other = await deposit({ ...body, amount: '30000' }, key);
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('idempotency_key_reused');
    expect((await treasurer.get(url(`/members/${m.id}/savings`))).body.balances.sukarela).toBe('25000');
  });

  it('a refused withdrawal stays refused under its key, even after the balance would allow it', async () => {
    const m = await makeMember(t.db, coopId);
    await deposit({ memberId: m.id, kind: 'sukarela', amount: '10000' });
    const key = { 'idempotency-key': `tarik-tolak-${m.id}` };
    const refused = await withdraw({ memberId: m.id, amount: '50000' }, key);
    expect(refused.status).toBe(422);
    await deposit({ memberId: m.id, kind: 'sukarela', amount: '100000' });
    // A copy of the refused request that was still on its way (the clerk's app hung up and retried).
    const late = await withdraw({ memberId: m.id, amount: '50000' }, key);
    expect(late.status).toBe(422);
    expect(late.headers.get('idempotent-replayed')).toBe('true');
    expect((await treasurer.get(url(`/members/${m.id}/savings`))).body.balances.sukarela).toBe('110000');
    // Corrected, the same key may carry the new request.
    const corrected = await withdraw({ memberId: m.id, amount: '5000' }, key);
    expect(corrected.status).toBe(201);
    expect((await treasurer.get(url(`/members/${m.id}/savings`))).body.balances.sukarela).toBe('105000');
  });

  it('concurrent retries of one withdrawal with one key post it once', async () => {
    const m = await makeMember(t.db, coopId);
    await deposit({ memberId: m.id, kind: 'sukarela', amount: '100000' });
    const key = { 'idempotency-key': `tarik-${m.id}` };
    const replies = await Promise.all(Array.from({ length: 8 }, () => withdraw({ memberId: m.id, amount: '30000' }, key)));
    expect(replies.every((r) => r.status === 201)).toBe(true);
    expect(new Set(replies.map((r) => r.body.id)).size).toBe(1);
    const tx = await treasurer.get(url(`/savings/transactions?memberId=${m.id}&type=withdrawal`));
    expect(tx.body.items).toHaveLength(1);
    expect((await treasurer.get(url(`/members/${m.id}/savings`))).body.balances.sukarela).toBe('70000');
  });
});

describe('simpanan pokok', () => {
  it('is paid once, exactly the amount in force; an applicant may pay it', async () => {
    const m = await makeMember(t.db, coopId, { status: 'applicant' });
    const wrong = await deposit({ memberId: m.id, kind: 'pokok', amount: '50000' });
    expect(wrong.status).toBe(422);
    expect(wrong.body.detail).toMatch(/Simpanan pokok harus Rp 100\.000/);
    const ok = await deposit({ memberId: m.id, kind: 'pokok', amount: '100000' });
    expect(ok.status).toBe(201);
    const entry = await getEntry(t.db, coopId, ok.body.journalEntryId);
    expect(entry.lines.map((l) => [l.account, l.unit])).toEqual([
      [ACCOUNTS.KAS, 'kantor'],
      [ACCOUNTS.SIMPANAN_POKOK, 'kantor'],
    ]);
    const twice = await deposit({ memberId: m.id, kind: 'pokok', amount: '100000' });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('pokok_paid');
    expect((await treasurer.get(url(`/members/${m.id}/savings`))).body).toMatchObject({ pokokPaid: true, balances: { pokok: '100000' } });
  });

  it('cannot be withdrawn (only returned on leaving)', async () => {
    const m = await makeMember(t.db, coopId);
    const res = await withdraw({ memberId: m.id, kind: 'pokok', amount: '100000' });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].field).toBe('kind');
  });

  it('uses the setting in force on the date; one in force cannot be changed', async () => {
    const other = (await makeCoop(t.db)).id;
    const u = await makeUser(t.db, other, ['ketua']);
    const k = await signIn(t.app, u.email, u.password);
    const none = await k.post(`/api/coops/${other}/savings/deposits`, {
      memberId: (await makeMember(t.db, other)).id,
      kind: 'pokok',
      amount: '1',
    });
    expect(none.body.code).toBe('savings_settings_missing');
    const s = await k.post(`/api/coops/${other}/savings/settings`, {
      effectiveFrom: '2024-01-01',
      pokokAmount: '50000',
      wajibAmount: '10000',
    });
    expect(s.status).toBe(200);
    expect(s.body.current).toMatchObject({ pokokAmount: '50000', wajibAmount: '10000', wajibPeriodMonths: 1 });
    const change = await k.post(`/api/coops/${other}/savings/settings`, {
      effectiveFrom: '2024-01-01',
      pokokAmount: '60000',
      wajibAmount: '10000',
    });
    expect(change.status).toBe(409);
    expect(change.body.errors[0].field).toBe('effectiveFrom');
    const zero = await k.post(`/api/coops/${other}/savings/settings`, {
      effectiveFrom: '2030-01-01',
      pokokAmount: '0',
      wajibAmount: '10000',
    });
    expect(zero.body.errors[0]).toMatchObject({ field: 'pokokAmount' });
  });
});

describe('simpanan wajib dues', () => {
  let coop: string;
  let k: Client;
  let members: { id: string }[];
  beforeAll(async () => {
    coop = (await makeCoop(t.db)).id;
    await makeSavingsSettings(t.db, coop, { wajib: 20_000n, effectiveFrom: '2024-01-01' });
    const u = await makeUser(t.db, coop, ['petugas']);
    k = await signIn(t.app, u.email, u.password);
    members = [
      await makeMember(t.db, coop, { fullName: 'Ujang Supriatna', joinDate: '2024-12-01' }),
      await makeMember(t.db, coop, { fullName: 'Euis Komalasari', joinDate: '2024-12-01' }),
      await makeMember(t.db, coop, { fullName: 'Calon Anggota', status: 'applicant', joinDate: '2024-12-01' }),
    ];
  });
  const run = (period: string) => k.post(`/api/coops/${coop}/savings/dues/runs`, { period });

  it('bills every active member once per month, however often the run is repeated', async () => {
    const first = await run('2025-01');
    expect(first.body).toMatchObject({ period: '2025-01', billedNow: 2, membersBilled: 2, amountBilled: '40000' });
    const again = await run('2025-01');
    expect(again.body).toMatchObject({ billedNow: 0, membersBilled: 2, amountBilled: '40000' });
    await run('2025-02');
    await run('2025-03');
    const late = await makeMember(t.db, coop, { fullName: 'Anggota Baru', joinDate: '2025-02-10' });
    const rerun = await run('2025-02');
    expect(rerun.body).toMatchObject({ billedNow: 1, membersBilled: 3 });
    expect((await run('2099-01')).body.errors[0]).toMatchObject({ field: 'period', code: 'period_future' });
    const dues = await k.get(`/api/coops/${coop}/members/${late.id}/dues`);
    expect(dues.body.items.map((d: any) => d.period)).toEqual(['2025-02']);
  });

  it('lists members in arrears with months and amounts, and collection settles the oldest dues first', async () => {
    const before = await k.get(`/api/coops/${coop}/savings/arrears?asOf=2025-03`);
    expect(before.body.items.map((i: any) => [i.member.fullName, i.months, i.amount])).toEqual([
      ['Ujang Supriatna', 3, '60000'],
      ['Euis Komalasari', 3, '60000'],
      ['Anggota Baru', 1, '20000'],
    ]);
    expect(before.body.totals).toEqual({ members: 3, months: 7, amount: '140000' });
    const pay = await k.post(`/api/coops/${coop}/savings/deposits`, {
      memberId: members[0]!.id,
      kind: 'wajib',
      amount: '50000',
      date: '2025-03-20',
    });
    expect(pay.status, JSON.stringify(pay.body)).toBe(201);
    expect(pay.body.duesAllocations).toEqual([
      { period: '2025-01', amount: '20000' },
      { period: '2025-02', amount: '20000' },
      { period: '2025-03', amount: '10000' },
    ]);
    const after = await k.get(`/api/coops/${coop}/savings/arrears?asOf=2025-03`);
    expect(after.body.items.find((i: any) => i.member.id === members[0]!.id)).toMatchObject({
      months: 1,
      amount: '10000',
      periods: ['2025-03'],
    });
    const two = await k.get(`/api/coops/${coop}/savings/arrears?asOf=2025-03&minMonths=2`);
    expect(two.body.items.map((i: any) => i.member.fullName)).toEqual(['Euis Komalasari']);
    const over = await k.post(`/api/coops/${coop}/savings/deposits`, { memberId: members[0]!.id, kind: 'wajib', amount: '20000' });
    expect(over.status).toBe(422);
    expect(over.body.detail).toBe('Setoran simpanan wajib melebihi tagihan terbuka: Rp 10.000 (1 bulan)');
    // A reversal of the collection opens the dues again.
    const rev = await k.post(`/api/coops/${coop}/savings/transactions/${pay.body.id}/reverse`, { reason: 'Salah catat anggota' });
    expect(rev.status).toBe(201);
    expect(rev.body.duesAllocations.map((a: any) => a.amount)).toEqual(['-20000', '-20000', '-10000']);
    const reopened = await k.get(`/api/coops/${coop}/members/${members[0]!.id}/savings`);
    expect(reopened.body).toMatchObject({ balances: { wajib: '0' }, arrears: { months: expect.any(Number), amount: expect.any(String) } });
    expect(reopened.body.arrears.periods.slice(0, 3).map((p: any) => p.outstanding)).toEqual(['20000', '20000', '20000']);
  });
});

describe('corrections are reversals', () => {
  it('reverses a deposit with a linked mirror entry, once; the original stays', async () => {
    const m = await makeMember(t.db, coopId);
    const d = await deposit({ memberId: m.id, kind: 'sukarela', amount: '40000' });
    const r = await treasurer.post(url(`/savings/transactions/${d.body.id}/reverse`), { reason: 'Salah ketik jumlah' });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ type: 'reversal', direction: 'out', amount: '40000', balanceAfter: '0', reversesId: d.body.id });
    const entry = await getEntry(t.db, coopId, r.body.journalEntryId);
    expect(entry.reversesId).toBe(d.body.journalEntryId);
    expect((await treasurer.get(url(`/savings/transactions/${d.body.id}`))).body.reversedById).toBe(r.body.id);
    const twice = await treasurer.post(url(`/savings/transactions/${d.body.id}/reverse`), { reason: 'Salah ketik jumlah' });
    expect(twice.status).toBe(409);
    const ofReversal = await treasurer.post(url(`/savings/transactions/${r.body.id}/reverse`), { reason: 'Batal koreksi' });
    expect(ofReversal.body.code).toBe('is_reversal');
    expect(await ledgerBalance(ACCOUNTS.SIMPANAN_SUKARELA, m.id)).toBe(0n);
  });

  it('refuses to reverse a deposit that was already withdrawn', async () => {
    const m = await makeMember(t.db, coopId);
    const d = await deposit({ memberId: m.id, kind: 'sukarela', amount: '40000' });
    await withdraw({ memberId: m.id, amount: '30000' });
    const r = await treasurer.post(url(`/savings/transactions/${d.body.id}/reverse`), { reason: 'Salah ketik jumlah' });
    expect(r.status).toBe(422);
    expect(r.body.detail).toMatch(/tinggal Rp 10\.000/);
  });
});

describe('leaving', () => {
  it('returns pokok and wajib, pays out sukarela less what the member owes, in one entry; the history stays', async () => {
    const m = await makeMember(t.db, coopId, { fullName: 'Dadang Hermawan', joinDate: '2024-12-01' });
    await deposit({ memberId: m.id, kind: 'pokok', amount: '100000' });
    await t.db.execute(sql`INSERT INTO savings_dues (cooperative_id, member_id, period, amount, due_date)
      VALUES (${coopId}, ${m.id}, '2025-01', 20000, '2025-01-31'), (${coopId}, ${m.id}, '2025-02', 20000, '2025-02-28')`);
    await deposit({ memberId: m.id, kind: 'wajib', amount: '40000' });
    await deposit({ memberId: m.id, kind: 'sukarela', amount: '50000' });
    await createManualEntry(t.db, coopId, SYSTEM_ACTOR, {
      date: today,
      memo: 'Belanja pupuk di gerai, belum dibayar',
      lines: [
        { account: ACCOUNTS.PIUTANG_ANGGOTA, unit: 'gerai_sembako', debit: '30000', memberId: m.id },
        { account: ACCOUNTS.PENJUALAN_ANGGOTA, unit: 'gerai_sembako', credit: '30000' },
      ],
    });
    const preview = await treasurer.get(url(`/members/${m.id}/leaving`));
    expect(preview.body).toMatchObject({
      balances: { pokok: '100000', wajib: '40000', sukarela: '50000', total: '190000' },
      receivable: '30000',
      receivableOffset: '30000',
      netPaid: '160000',
      canLeave: true,
    });
    const res = await treasurer.post(
      url(`/members/${m.id}/leaving`),
      { outcome: 'left', reason: 'Pindah ke Kota Bandung' },
      { 'idempotency-key': `keluar-${m.id}` },
    );
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      member: { status: 'left' },
      pokok: '100000',
      wajib: '40000',
      sukarela: '50000',
      receivableOffset: '30000',
      netPaid: '160000',
    });
    expect(res.body.transactions.map((x: any) => [x.kind, x.type, x.amount, x.balanceAfter])).toEqual([
      ['pokok', 'settlement', '100000', '0'],
      ['wajib', 'settlement', '40000', '0'],
      ['sukarela', 'settlement', '50000', '0'],
    ]);
    const entry = await getEntry(t.db, coopId, res.body.journalEntryId);
    expect(entry.lines.map((l) => [l.account, l.unit, l.debit, l.credit])).toEqual([
      [ACCOUNTS.SIMPANAN_POKOK, 'kantor', '100000', '0'],
      [ACCOUNTS.SIMPANAN_WAJIB, 'kantor', '40000', '0'],
      [ACCOUNTS.SIMPANAN_SUKARELA, 'simpan_pinjam', '50000', '0'],
      [ACCOUNTS.PIUTANG_ANGGOTA, 'gerai_sembako', '0', '30000'],
      [ACCOUNTS.KAS, 'kantor', '0', '140000'],
      [ACCOUNTS.KAS, 'simpan_pinjam', '0', '20000'],
    ]);
    for (const acc of [ACCOUNTS.SIMPANAN_POKOK, ACCOUNTS.SIMPANAN_WAJIB, ACCOUNTS.SIMPANAN_SUKARELA, ACCOUNTS.PIUTANG_ANGGOTA])
      expect(await ledgerBalance(acc, m.id)).toBe(0n);
    const member = await treasurer.get(url(`/members/${m.id}`));
    expect(member.body).toMatchObject({ status: 'left', statusReason: 'Pindah ke Kota Bandung' });
    expect(member.body.statusHistory.map((h: any) => h.to)).toEqual(['active', 'left']);
    expect((await treasurer.get(url(`/savings/transactions?memberId=${m.id}`))).body.items).toHaveLength(6);
    // A member who has left: refused, nothing written.
    const before = await footprint(m.id);
    const dep = await deposit({ memberId: m.id, kind: 'sukarela', amount: '10000' });
    expect(dep.status).toBe(409);
    expect(dep.body.errors[0]).toMatchObject({ field: 'memberId', code: 'member_not_active' });
    expect(dep.body.detail).toMatch(/sudah keluar/);
    expect(await footprint(m.id)).toEqual(before);
    expect((await treasurer.post(url(`/members/${m.id}/leaving`), { outcome: 'left', reason: 'Lagi' })).status).toBe(409);
    expect((await treasurer.get(url(`/members/${m.id}/settlement`))).body.id).toBe(res.body.id);
  });

  it('is blocked by an outstanding loan', async () => {
    const m = await makeMember(t.db, coopId);
    await createManualEntry(t.db, coopId, SYSTEM_ACTOR, {
      date: today,
      memo: 'Pinjaman modal tanam',
      lines: [
        { account: ACCOUNTS.PINJAMAN_ANGGOTA, unit: 'simpan_pinjam', debit: '500000', memberId: m.id },
        { account: ACCOUNTS.KAS, unit: 'simpan_pinjam', credit: '500000' },
      ],
    });
    expect((await treasurer.get(url(`/members/${m.id}/leaving`))).body).toMatchObject({ canLeave: false, outstandingLoan: '500000' });
    const res = await treasurer.post(url(`/members/${m.id}/leaving`), { outcome: 'deceased', reason: 'Meninggal dunia' });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('loan_outstanding');
    expect((await treasurer.get(url(`/members/${m.id}`))).body.status).toBe('active');
  });
});

describe('papers', () => {
  const pdfText = async (file: Buffer) => {
    const p = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kopdes-pdf-')), 'x.pdf');
    fs.writeFileSync(p, file);
    return (await promisify(execFile)('pdftotext', ['-layout', p, '-'])).stdout;
  };
  const getPdf = async (c: Client, p: string) => {
    const res = await t.app.request(p, { headers: { cookie: (c as any).cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    return Buffer.from(await res.arrayBuffer());
  };

  it('a receipt carries the number, the member, the amount and the amount in words', async () => {
    const m = await makeMember(t.db, coopId, { fullName: 'Neneng Hasanah' });
    const d = await deposit({ memberId: m.id, kind: 'sukarela', amount: '1250000' });
    const text = await pdfText(await getPdf(treasurer, url(`/savings/transactions/${d.body.id}/receipt.pdf`)));
    expect(text).toMatch(/KUITANSI/);
    expect(text).toContain(d.body.number);
    expect(text).toMatch(/Neneng Hasanah \(No\. Anggota \d{4}\)/);
    expect(text).toContain('Rp 1.250.000');
    expect(text).toContain('Satu juta dua ratus lima puluh ribu rupiah');
    expect(text).toMatch(/Setoran Simpanan Sukarela/);
  });

  it('member view, passbook and ledger agree on every balance', async () => {
    const m = await makeMember(t.db, coopId, { fullName: 'Asep Saepudin', joinDate: '2024-12-01' });
    await deposit({ memberId: m.id, kind: 'pokok', amount: '100000' });
    await t.db.execute(sql`INSERT INTO savings_dues (cooperative_id, member_id, period, amount, due_date)
      VALUES (${coopId}, ${m.id}, '2025-01', 20000, '2025-01-31'), (${coopId}, ${m.id}, '2025-02', 20000, '2025-02-28')`);
    await deposit({ memberId: m.id, kind: 'wajib', amount: '40000' });
    for (const a of ['75000', '20000', '130000']) await deposit({ memberId: m.id, kind: 'sukarela', amount: a });
    await withdraw({ memberId: m.id, amount: '45000' });
    const wrong = await deposit({ memberId: m.id, kind: 'sukarela', amount: '9000' });
    await treasurer.post(url(`/savings/transactions/${wrong.body.id}/reverse`), { reason: 'Uang palsu dikembalikan' });
    const view = (await treasurer.get(url(`/members/${m.id}/savings`))).body.balances;
    expect(view).toEqual({ pokok: '100000', wajib: '40000', sukarela: '180000', total: '320000' });
    const ledger = {
      pokok: String(await ledgerBalance(ACCOUNTS.SIMPANAN_POKOK, m.id)),
      wajib: String(await ledgerBalance(ACCOUNTS.SIMPANAN_WAJIB, m.id)),
      sukarela: String(await ledgerBalance(ACCOUNTS.SIMPANAN_SUKARELA, m.id)),
    };
    expect(ledger).toEqual({ pokok: view.pokok, wajib: view.wajib, sukarela: view.sukarela });
    const text = await pdfText(await getPdf(treasurer, url(`/members/${m.id}/passbook.pdf`)));
    expect(text).toMatch(/BUKU SIMPANAN ANGGOTA/);
    expect(text).toMatch(/Rp 100\.000\s+Rp 40\.000\s+Rp 180\.000\s+Rp 320\.000/);
    const totals = [...text.matchAll(/Jumlah\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)/g)].map((x) => x.slice(1, 4));
    expect(totals).toEqual([
      ['100.000', '0', '100.000'],
      ['40.000', '0', '40.000'],
      ['234.000', '54.000', '180.000'],
    ]);
    expect(text).toMatch(/Setoran Jan 2025, Feb 2025/);
  });
});
