// Pindah buku: simpanan sukarela from one member to another.
import { ACCOUNTS } from '@kopdes/shared/ledger';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { signIn, testApp, type Client, type TestApp } from '../../../test/support/app.js';
import { makeCoop, makeUser } from '../../../test/support/factories.js';
import { makeMember } from '../../../test/support/members-factories.js';
import { getEntry, subsidiaryBalances } from '../ledger/ledger.service.js';

let t: TestApp;
let coopId: string;
let treasurer: Client;

beforeAll(async () => {
  t = await testApp();
  coopId = (await makeCoop(t.db)).id;
  const u = await makeUser(t.db, coopId, ['bendahara']);
  treasurer = await signIn(t.app, u.email, u.password);
});

const url = (p: string) => `/api/coops/${coopId}${p}`;
const deposit = (memberId: string, amount: string) => treasurer.post(url('/savings/deposits'), { memberId, kind: 'sukarela', amount });
const transfer = (body: Record<string, unknown>, headers?: Record<string, string>) =>
  treasurer.post(url('/savings/transfers'), body, headers);
const balance = async (memberId: string) =>
  (await subsidiaryBalances(t.db, coopId, { account: ACCOUNTS.SIMPANAN_SUKARELA, asOf: '2099-12-31', memberIds: [memberId] })).get(
    memberId,
  ) ?? 0n;
const counts = async () =>
  (
    await t.db.execute<{ tx: number; je: number }>(sql`
      SELECT (SELECT count(*)::int FROM savings_transactions WHERE cooperative_id = ${coopId}) AS tx,
             (SELECT count(*)::int FROM journal_entries WHERE cooperative_id = ${coopId}) AS je`)
  ).rows[0]!;

describe('transfers between members', () => {
  it('moves sukarela with two receipts and one journal entry, the members as subsidiaries', async () => {
    const a = await makeMember(t.db, coopId, { fullName: 'Asep Sunandar' });
    const b = await makeMember(t.db, coopId, { fullName: 'Euis Komariah' });
    await deposit(a.id, '100000');
    const res = await transfer({ fromMemberId: a.id, toMemberId: b.id, amount: '40000' }, { 'idempotency-key': 'transfer-one-0001' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.from).toMatchObject({ type: 'transfer', direction: 'out', amount: '40000', balanceAfter: '60000', method: 'transfer' });
    expect(res.body.to).toMatchObject({ type: 'transfer', direction: 'in', amount: '40000', balanceAfter: '40000', method: 'transfer' });
    expect(res.body.from.number).toMatch(/\/1$/);
    expect(res.body.to.number).toMatch(/\/2$/);
    expect(res.body.from.journalEntryId).toBe(res.body.to.journalEntryId);
    const entry = await getEntry(t.db, coopId, res.body.from.journalEntryId);
    expect(entry.lines.map((l) => [l.account, l.debit, l.credit, l.memberId])).toEqual([
      [ACCOUNTS.SIMPANAN_SUKARELA, '40000', '0', a.id],
      [ACCOUNTS.SIMPANAN_SUKARELA, '0', '40000', b.id],
    ]);
    expect([await balance(a.id), await balance(b.id)]).toEqual([60_000n, 40_000n]);
    // The same key again replays; nothing moves twice.
    const before = await counts();
    const again = await transfer({ fromMemberId: a.id, toMemberId: b.id, amount: '40000' }, { 'idempotency-key': 'transfer-one-0001' });
    expect(again.status).toBe(201);
    expect(again.body.from.id).toBe(res.body.from.id);
    expect(await counts()).toEqual(before);
  });

  it('refuses more than the giver has, the same member twice and an unknown receiver, naming the field; nothing written', async () => {
    const a = await makeMember(t.db, coopId);
    const b = await makeMember(t.db, coopId);
    await deposit(a.id, '30000');
    const before = await counts();
    const over = await transfer({ fromMemberId: a.id, toMemberId: b.id, amount: '30001' });
    expect(over.status).toBe(422);
    expect(over.body.errors[0]).toMatchObject({ field: 'amount', code: 'insufficient_balance' });
    const self = await transfer({ fromMemberId: a.id, toMemberId: a.id, amount: '1000' });
    expect(self.status).toBe(400);
    expect(self.body.errors[0]).toMatchObject({ field: 'toMemberId', code: 'same_member' });
    const unknown = await transfer({ fromMemberId: a.id, toMemberId: 'mbr_01JD3K0000000000000000000Z', amount: '1000' });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors[0]).toMatchObject({ field: 'toMemberId', code: 'member_not_found' });
    expect(await counts()).toEqual(before);
    expect(await balance(a.id)).toBe(30_000n);
  });

  it('opposite transfers at the same moment neither deadlock nor overdraw', async () => {
    const a = await makeMember(t.db, coopId);
    const b = await makeMember(t.db, coopId);
    await deposit(a.id, '50000');
    await deposit(b.id, '50000');
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        transfer(
          i % 2 ? { fromMemberId: a.id, toMemberId: b.id, amount: '7000' } : { fromMemberId: b.id, toMemberId: a.id, amount: '9000' },
        ),
      ),
    );
    expect(results.every((r) => r.status === 201 || r.status === 422)).toBe(true);
    const [ba, bb] = [await balance(a.id), await balance(b.id)];
    expect(ba >= 0n && bb >= 0n).toBe(true);
    expect(ba + bb).toBe(100_000n);
  });

  it('a correction undoes the whole transfer, both legs in one reversing entry', async () => {
    const a = await makeMember(t.db, coopId);
    const b = await makeMember(t.db, coopId);
    await deposit(a.id, '80000');
    const res = await transfer({ fromMemberId: a.id, toMemberId: b.id, amount: '25000' });
    const rev = await treasurer.post(url(`/savings/transactions/${res.body.to.id}/reverse`), { reason: 'Salah anggota penerima' });
    expect(rev.status, JSON.stringify(rev.body)).toBe(201);
    expect(rev.body).toMatchObject({ type: 'reversal', reversesId: res.body.to.id, direction: 'out', balanceAfter: '0' });
    expect([await balance(a.id), await balance(b.id)]).toEqual([80_000n, 0n]);
    const twice = await treasurer.post(url(`/savings/transactions/${res.body.from.id}/reverse`), { reason: 'Salah anggota penerima' });
    expect(twice.status).toBe(409);
  });
});
