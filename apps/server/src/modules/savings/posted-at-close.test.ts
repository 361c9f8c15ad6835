/**
 * A deposit or withdrawal sent with an Idempotency-Key posts in the closing round trip, right
 * before COMMIT (postEntry's `atClose`), and its answer's numbers are filled there. These tests
 * hold that path to what the other one promises: the numbers answered are the numbers stored, a
 * retry replays the same answer, numbers stay gap-free under concurrent requests, and a refusal
 * that only the database can make (a month closed behind the server's back) is a refusal that
 * writes nothing, not a 500.
 */
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { signIn, testApp, type Client, type TestApp } from '../../../test/support/app.js';
import { makeCoop, makeUser } from '../../../test/support/factories.js';
import { makeMember } from '../../../test/support/members-factories.js';

let t: TestApp;
let coopId: string;
let treasurer: Client;
let keys = 0;

beforeAll(async () => {
  t = await testApp();
  coopId = (await makeCoop(t.db)).id;
  const u = await makeUser(t.db, coopId, ['bendahara']);
  treasurer = await signIn(t.app, u.email, u.password);
});

const url = (p: string) => `/api/coops/${coopId}${p}`;
const key = () => ({ 'idempotency-key': `tutup-${process.pid}-${++keys}` });

async function stored(id: string) {
  const rows = await t.db.execute<{
    number: string;
    journal_number: string;
    entry_number: string;
    amount: string;
    balance_after: string;
  }>(sql`
    SELECT s.number, s.journal_number, e.number AS entry_number, s.amount::text, s.balance_after::text
    FROM savings_transactions s JOIN journal_entries e ON e.cooperative_id = s.cooperative_id AND e.id = s.journal_entry_id
    WHERE s.cooperative_id = ${coopId} AND s.id = ${id}`);
  return rows.rows[0];
}

const storedAnswers = async () =>
  (await t.db.execute<{ body: string }>(sql`SELECT body FROM idempotency_keys WHERE key LIKE ${`tutup-${process.pid}-%`}`)).rows.map(
    (r) => r.body,
  );

describe('deposits and withdrawals posted at COMMIT', () => {
  it('answer the numbers they stored, and a retry replays that answer', async () => {
    const m = await makeMember(t.db, coopId, { fullName: 'Dadang Suherman' });
    const k = key();
    const res = await treasurer.post(url('/savings/deposits'), { memberId: m.id, kind: 'sukarela', amount: '125000' }, k);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.number).toMatch(/^KWT-\d{4}-\d{6}$/);
    expect(res.body.journalNumber).toMatch(/^JU-\d{4}-\d{6}$/);
    expect(res.body.number.slice(4)).toBe(res.body.journalNumber.slice(3));
    expect(await stored(res.body.id)).toEqual({
      number: res.body.number,
      journal_number: res.body.journalNumber,
      entry_number: res.body.journalNumber,
      amount: '125000',
      balance_after: '125000',
    });
    expect(Number(res.headers.get('content-length'))).toBe(Buffer.byteLength(JSON.stringify(res.body)));
    const again = await treasurer.post(url('/savings/deposits'), { memberId: m.id, kind: 'sukarela', amount: '125000' }, k);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(res.body);

    const out = await treasurer.post(url('/savings/withdrawals'), { memberId: m.id, amount: '25000' }, key());
    expect(out.status, JSON.stringify(out.body)).toBe(201);
    expect(await stored(out.body.id)).toMatchObject({
      number: out.body.number,
      journal_number: out.body.journalNumber,
      balance_after: '100000',
    });
  });

  it('keep journal numbers gap-free and each answer true to its rows under concurrent requests', async () => {
    const members = await Promise.all(
      ['Euis Komariah', 'Cecep Supriatna', 'Neneng Hasanah'].map((fullName) => makeMember(t.db, coopId, { fullName })),
    );
    for (const m of members) await treasurer.post(url('/savings/deposits'), { memberId: m.id, kind: 'sukarela', amount: '50000' }, key());
    const sent = await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        i % 3 === 2
          ? treasurer.post(url('/savings/withdrawals'), { memberId: members[i % 3]!.id, amount: '1000' }, key())
          : treasurer.post(url('/savings/deposits'), { memberId: members[i % 3]!.id, kind: 'sukarela', amount: String(1000 + i) }, key()),
      ),
    );
    for (const res of sent) {
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(await stored(res.body.id)).toMatchObject({ number: res.body.number, journal_number: res.body.journalNumber });
    }
    const numbers = (
      await t.db.execute<{ n: number }>(
        sql`SELECT substr(number, 9)::int AS n FROM journal_entries WHERE cooperative_id = ${coopId} ORDER BY 1`,
      )
    ).rows.map((r) => r.n);
    expect(numbers).toEqual(numbers.map((_, i) => i + 1));
    for (const body of await storedAnswers()) expect(body).not.toMatch(/late-/);
  });

  it('a month closed behind the server: refused by the database at COMMIT, named, nothing written', async () => {
    const m = await makeMember(t.db, coopId, { fullName: 'Iis Rahmawati' });
    await treasurer.post(url('/savings/deposits'), { memberId: m.id, kind: 'sukarela', amount: '40000' }, key());
    const before = await t.db.execute(
      sql`SELECT (SELECT count(*) FROM journal_entries) AS e, (SELECT count(*) FROM savings_transactions) AS s`,
    );
    // Straight into the table: the server's own cache of closed months does not know.
    await t.db.execute(
      sql`INSERT INTO ledger_closed_months (cooperative_id, month, closed_by_label) VALUES (${coopId}, '2025-06-01', 'uji')`,
    );
    const k = key();
    const res = await treasurer.post(
      url('/savings/deposits'),
      { memberId: m.id, kind: 'sukarela', amount: '10000', date: '2025-06-30' },
      k,
    );
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.body.code).toBe('period_closed');
    const after = await t.db.execute(
      sql`SELECT (SELECT count(*) FROM journal_entries) AS e, (SELECT count(*) FROM savings_transactions) AS s`,
    );
    expect(after.rows).toEqual(before.rows);
    const balance = await t.db.execute<{ b: string }>(
      sql`SELECT balance::text AS b FROM savings_accounts WHERE cooperative_id = ${coopId} AND member_id = ${m.id} AND kind = 'sukarela'`,
    );
    expect(balance.rows[0]!.b).toBe('40000');
    // Refused at COMMIT, the key is not kept: once the month is open again the same request goes through.
    await t.db.execute(sql`DELETE FROM ledger_closed_months WHERE cooperative_id = ${coopId} AND month = '2025-06-01'`);
    const retry = await treasurer.post(
      url('/savings/deposits'),
      { memberId: m.id, kind: 'sukarela', amount: '10000', date: '2025-06-30' },
      k,
    );
    expect(retry.status, JSON.stringify(retry.body)).toBe(201);
  });
});
