/**
 * The bank test: many concurrent clients move simpanan sukarela with deposits, withdrawals and
 * member-to-member transfers over real HTTP, retry with the same Idempotency-Key, and hang up in
 * the middle of requests. Afterwards every balance must equal the replay of the acknowledged
 * operations, none may be negative, the ledger must balance, and no answer may be a 5xx.
 * `npm test` runs a short version; KOPDES_BANK_OPS=10000 runs the full one (CI does).
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { accountBalance, subsidiaryBalances } from '../../src/modules/ledger/ledger.service.js';
import { ACCOUNTS } from '@kopdes/shared/ledger';
import { testDatabase } from '../support/db.js';
import { makeCoop, makeUser, TEST_PASSWORD } from '../support/factories.js';
import { makeMember } from '../support/members-factories.js';
import { httpSession, liveServer } from './live-server.js';

const OPS = Number(process.env.KOPDES_BANK_OPS ?? 300);
const CLIENTS = 16;
const SAVERS = ['Asep', 'Euis', 'Ujang', 'Neneng', 'Dadang', 'Iis', 'Cecep', 'Entin', 'Yayan', 'Odah', 'Wawan', 'Kokom'];
const MEMBERS = SAVERS.length;

type Op =
  | { kind: 'deposit'; member: number; amount: bigint }
  | { kind: 'withdrawal'; member: number; amount: bigint }
  | { kind: 'transfer'; member: number; to: number; amount: bigint };

interface Outcome {
  op: Op;
  status: number;
  attempts: number;
}

let server: Awaited<ReturnType<typeof liveServer>>;
let db: Awaited<ReturnType<typeof testDatabase>>['db'];
let coopId: string;
let memberIds: string[];
let auth: { cookie: string; csrfToken: string };

beforeAll(async () => {
  const database = await testDatabase();
  db = database.db;
  coopId = (await makeCoop(db)).id;
  const clerk = await makeUser(db, coopId, ['bendahara']);
  memberIds = [];
  for (let i = 0; i < MEMBERS; i++) memberIds.push((await makeMember(db, coopId, { fullName: `Penabung ${SAVERS[i]}` })).id);
  server = await liveServer(db);
  auth = await httpSession(server.url, clerk.email, TEST_PASSWORD);
}, 120_000);

afterAll(async () => server?.close());

function requestOf(op: Op): { path: string; body: unknown } {
  const base = `/api/coops/${coopId}/savings`;
  if (op.kind === 'deposit')
    return { path: `${base}/deposits`, body: { memberId: memberIds[op.member], kind: 'sukarela', amount: String(op.amount) } };
  if (op.kind === 'transfer')
    return {
      path: `${base}/transfers`,
      body: { fromMemberId: memberIds[op.member], toMemberId: memberIds[op.to], amount: String(op.amount) },
    };
  return { path: `${base}/withdrawals`, body: { memberId: memberIds[op.member], amount: String(op.amount) } };
}

const serverErrors: string[] = [];

/** Send once; maybe hang up after a few milliseconds. Returns the status, or undefined if we hung up. */
async function attempt(path: string, body: unknown, key: string, hangUpAfterMs: number | null): Promise<number | undefined> {
  const controller = new AbortController();
  const timer = hangUpAfterMs === null ? undefined : setTimeout(() => controller.abort(), hangUpAfterMs);
  try {
    const res = await fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: auth.cookie, 'x-csrf-token': auth.csrfToken, 'idempotency-key': key },
      body: JSON.stringify(body),
      signal: controller.signal,
    });
    const text = await res.text();
    if (res.status >= 500) serverErrors.push(`${res.status} ${path} ${text.slice(0, 200)}`);
    return res.status;
  } catch {
    // We hung up, or the connection dropped under us: the outcome is unknown, so the caller
    // retries with the same key, as a client on a bad line would.
    return undefined;
  } finally {
    clearTimeout(timer);
  }
}

/** Like a client on a bad line: retry with the same key until a definite answer arrives. */
async function perform(op: Op, rand: () => number): Promise<Outcome> {
  const { path, body } = requestOf(op);
  const key = `bank-${randomUUID()}`;
  let attempts = 0;
  for (;;) {
    attempts++;
    const hangUp = rand() < 0.15 && attempts < 6 ? Math.floor(rand() * 15) : null;
    const duplicate = rand() < 0.1 ? attempt(path, body, key, null) : undefined; // a concurrent twin
    const status = await attempt(path, body, key, hangUp);
    const twin = await duplicate;
    // Every answer under one key is the same answer: a refusal is remembered like a success, so
    // neither a twin nor a late copy of a request we hung up on can run after it.
    if (twin !== undefined && status !== undefined) expect(twin, `twin of ${path}`).toBe(status);
    if (status !== undefined) {
      if (rand() < 0.1) {
        // A retry after an answer must replay it, refusal or success, and not run again.
        expect(await attempt(path, body, key, null)).toBe(status);
      }
      return { op, status, attempts };
    }
  }
}

function makeRand(seed: number) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
}

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('deposit' as const), member: fc.nat(MEMBERS - 1), amount: fc.bigInt(1_000n, 500_000n) }),
  fc.record({ kind: fc.constant('withdrawal' as const), member: fc.nat(MEMBERS - 1), amount: fc.bigInt(1_000n, 400_000n) }),
  fc
    .record({
      kind: fc.constant('transfer' as const),
      member: fc.nat(MEMBERS - 1),
      to: fc.nat(MEMBERS - 2),
      amount: fc.bigInt(1_000n, 300_000n),
    })
    .map((op) => ({ ...op, to: op.to >= op.member ? op.to + 1 : op.to })), // never to oneself
);

describe(`bank: ${CLIENTS} clients, ${OPS} operations with retries and hang-ups`, () => {
  it('ends with every balance equal to the replay of acknowledged operations', async () => {
    const ops = fc.sample(opArb, { numRuns: OPS, seed: 20251117 });
    const outcomes: Outcome[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: CLIENTS }, async (_, c) => {
        const rand = makeRand(1000 + c);
        while (next < ops.length) outcomes.push(await perform(ops[next++]!, rand));
      }),
    );

    expect(serverErrors).toEqual([]);
    const statuses = new Set(outcomes.map((o) => o.status));
    for (const s of statuses) expect([201, 400, 409, 422]).toContain(s); // refused withdrawals: insufficient balance
    const acknowledged = outcomes.filter((o) => o.status === 201);
    expect(acknowledged.length).toBeGreaterThan(OPS / 3);
    expect(outcomes.some((o) => o.status !== 201)).toBe(true); // some withdrawals must have been refused
    expect(acknowledged.some((o) => o.op.kind === 'transfer')).toBe(true);

    const expected = memberIds.map(() => 0n);
    for (const { op } of acknowledged) {
      if (op.kind === 'deposit') expected[op.member]! += op.amount;
      else expected[op.member]! -= op.amount;
      if (op.kind === 'transfer') expected[op.to]! += op.amount;
    }

    const fromLedger = await subsidiaryBalances(db, coopId, { account: ACCOUNTS.SIMPANAN_SUKARELA, asOf: '2099-12-31', memberIds });
    for (let i = 0; i < MEMBERS; i++) {
      const res = await fetch(`${server.url}/api/coops/${coopId}/members/${memberIds[i]}/savings`, { headers: { cookie: auth.cookie } });
      const view = (await res.json()) as { balances: { sukarela: string } };
      expect(BigInt(view.balances.sukarela), `member ${i} (API)`).toBe(expected[i]);
      expect(fromLedger.get(memberIds[i]!) ?? 0n, `member ${i} (ledger)`).toBe(expected[i]);
      expect(expected[i]! >= 0n).toBe(true);
    }
    expect(await accountBalance(db, coopId, { account: ACCOUNTS.SIMPANAN_SUKARELA })).toBe(expected.reduce((a, b) => a + b, 0n));
    const tb = await db.execute<{ debit: bigint; credit: bigint }>(
      sql`SELECT coalesce(sum(debit), 0)::bigint AS debit, coalesce(sum(credit), 0)::bigint AS credit FROM journal_lines WHERE cooperative_id = ${coopId}`,
    );
    expect(tb.rows[0]!.debit).toBe(tb.rows[0]!.credit);
  }, 900_000);
});
