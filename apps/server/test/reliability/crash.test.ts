/**
 * The crash test: the real `kopdes serve` on its embedded PostgreSQL takes deposits, withdrawals
 * and transfers from concurrent clients and is killed with SIGKILL at a random moment, again and
 * again. Each restart must come up by itself (stale lock replaced, orphaned postgres stopped).
 * Clients retry what got no answer with the same Idempotency-Key, as a clerk's phone would. At the
 * end every acknowledged operation is there exactly once, every balance equals the replay of the
 * operations, the ledger balances and every savings transaction has its journal entry.
 * `npm test` runs 3 cycles; KOPDES_CRASH_CYCLES=30 runs the full test.
 */
import { ACCOUNTS } from '@kopdes/shared/ledger';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { connect } from '../../src/db/client.js';
import { freePort, startEmbedded } from '../../src/db/embedded.js';
import { ensureDatabase, migrate } from '../../src/db/migrate.js';
import { accountBalance, subsidiaryBalances } from '../../src/modules/ledger/ledger.service.js';
import { makeCoop, makeUser, TEST_PASSWORD } from '../support/factories.js';
import { makeMember } from '../support/members-factories.js';
import { httpSession } from './live-server.js';

const CYCLES = Number(process.env.KOPDES_CRASH_CYCLES ?? 3);
const CLIENTS = 8;
const MEMBERS = 6;
const KOPDES = new URL('../../bin/kopdes.js', import.meta.url).pathname;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kopdes-crash-'));
fs.chmodSync(dataDir, 0o755); // as root, postgres runs as the `postgres` user and must enter it

type Op = { key: string; kind: 'deposit' | 'withdrawal' | 'transfer'; member: number; to: number; amount: bigint };
/** An operation's definite outcome: 201 done, 4xx refused; undefined while nobody knows. */
const outcomes = new Map<string, { op: Op; status?: number; id?: string }>();
let coopId: string;
let memberIds: string[];
let clerkEmail: string;
let child: ChildProcess | undefined;

function rand(seed: number) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
}

beforeAll(async () => {
  // The cooperative, its clerk and members, made on the data directory's own embedded server.
  const embedded = await startEmbedded(dataDir);
  try {
    const url = await ensureDatabase(embedded.url, 'kopdes');
    await migrate(url);
    const database = connect(url, 2);
    coopId = (await makeCoop(database.db)).id;
    clerkEmail = (await makeUser(database.db, coopId, ['bendahara'])).email;
    memberIds = [];
    for (let i = 0; i < MEMBERS; i++) memberIds.push((await makeMember(database.db, coopId)).id);
    await database.close();
  } finally {
    await embedded.stop();
  }
}, 180_000);

afterAll(() => {
  child?.kill('SIGKILL');
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function serve(): Promise<{ url: string; exited: Promise<unknown> }> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, KOPDES_DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL;
  const proc = spawn(process.execPath, [KOPDES, 'serve'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  child = proc;
  let err = '';
  proc.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise((resolve) => proc.once('exit', resolve));
  const url = `http://127.0.0.1:${port}`;
  for (const until = Date.now() + 180_000; Date.now() < until;) {
    if (proc.exitCode !== null) throw new Error(`kopdes exited with ${proc.exitCode} on restart:\n${err}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) return { url, exited };
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`kopdes did not come back within 180 s:\n${err}`);
}

function requestOf(op: Op) {
  const base = `/api/coops/${coopId}/savings`;
  const amount = String(op.amount);
  if (op.kind === 'deposit') return { path: `${base}/deposits`, body: { memberId: memberIds[op.member], kind: 'sukarela', amount } };
  if (op.kind === 'withdrawal') return { path: `${base}/withdrawals`, body: { memberId: memberIds[op.member], amount } };
  return { path: `${base}/transfers`, body: { fromMemberId: memberIds[op.member], toMemberId: memberIds[op.to], amount } };
}

const serverErrors: string[] = [];

/** Sends an operation once; records its outcome when the answer is definite. */
async function send(url: string, auth: { cookie: string; csrfToken: string }, op: Op) {
  const { path: p, body } = requestOf(op);
  try {
    const res = await fetch(`${url}${p}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: auth.cookie, 'x-csrf-token': auth.csrfToken, 'idempotency-key': op.key },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    if (res.status >= 500) serverErrors.push(`${res.status} ${p} ${text.slice(0, 200)}`);
    const json = res.status === 201 ? (JSON.parse(text) as { id?: string; from?: { id: string } }) : undefined;
    outcomes.set(op.key, { op, status: res.status, id: json?.id ?? json?.from?.id });
  } catch {
    outcomes.set(op.key, { op }); // killed mid-request: unknown, retried after the restart
  }
}

describe(`crash: ${CYCLES} × kill -9 of kopdes serve (embedded PostgreSQL) under load`, () => {
  it('loses no acknowledged operation, writes nothing by halves, and restarts cleanly every time', async () => {
    const r = rand(20251128);
    let n = 0;
    const nextOp = (): Op => {
      const member = Math.floor(r() * MEMBERS);
      const kind = n++ < 30 ? 'deposit' : (['deposit', 'withdrawal', 'transfer'] as const)[Math.floor(r() * 3)]!;
      const to = (member + 1 + Math.floor(r() * (MEMBERS - 1))) % MEMBERS;
      return { key: `crash-${randomUUID()}`, kind, member, to, amount: BigInt(1_000 + Math.floor(r() * 200) * 1_000) };
    };
    let auth: { cookie: string; csrfToken: string } | undefined;
    for (let cycle = 0; cycle < CYCLES; cycle++) {
      const { url, exited } = await serve();
      // Sessions live in the database: the one signed in before the first crash still works.
      auth ??= await httpSession(url, clerkEmail, TEST_PASSWORD);
      // First, what the last crash left without an answer, with the same keys.
      for (const o of [...outcomes.values()].filter((x) => x.status === undefined)) await send(url, auth, o.op);
      let running = true;
      const load = Promise.all(
        Array.from({ length: CLIENTS }, async () => {
          while (running) await send(url, auth!, nextOp());
        }),
      );
      await new Promise((res) => setTimeout(res, 300 + Math.floor(r() * 1500)));
      child!.kill('SIGKILL');
      await exited;
      running = false;
      await load;
    }

    // A last start settles every unknown outcome, then a clean stop.
    const { url, exited } = await serve();
    for (const o of [...outcomes.values()].filter((x) => x.status === undefined)) await send(url, auth!, o.op);
    child!.kill('SIGTERM');
    await exited;
    expect(fs.existsSync(path.join(dataDir, 'kopdes.lock')), 'a clean stop leaves no lock').toBe(false);

    expect(serverErrors).toEqual([]);
    const all = [...outcomes.values()];
    expect(all.every((o) => o.status !== undefined)).toBe(true);
    for (const o of all) expect([201, 409, 422]).toContain(o.status);
    const done = all.filter((o) => o.status === 201);
    expect(done.length).toBeGreaterThan(CYCLES * 5);

    const embedded = await startEmbedded(dataDir);
    try {
      const database = connect(`${embedded.url.replace(/\/postgres$/, '')}/kopdes`, 2);
      const db = database.db;
      try {
        // Every acknowledged operation exactly once; nothing without its journal entry.
        const rows = await db.execute<{ id: string; journal_entry_id: string }>(
          sql`SELECT id, journal_entry_id FROM savings_transactions WHERE cooperative_id = ${coopId}`,
        );
        const ids = new Set(rows.rows.map((x) => x.id));
        for (const o of done) expect(ids.has(o.id!), `operation ${o.op.key} acknowledged but missing`).toBe(true);
        expect(rows.rows.length).toBe(done.reduce((s, o) => s + (o.op.kind === 'transfer' ? 2 : 1), 0));
        const orphans = await db.execute<{ n: number }>(sql`
          SELECT count(*)::int AS n FROM savings_transactions t
          WHERE t.cooperative_id = ${coopId}
            AND NOT EXISTS (SELECT 1 FROM journal_entries e WHERE e.cooperative_id = t.cooperative_id AND e.id = t.journal_entry_id)`);
        expect(orphans.rows[0]!.n).toBe(0);

        const expected = memberIds.map(() => 0n);
        for (const { op } of done) {
          if (op.kind === 'deposit') expected[op.member]! += op.amount;
          else expected[op.member]! -= op.amount;
          if (op.kind === 'transfer') expected[op.to]! += op.amount;
        }
        const ledger = await subsidiaryBalances(db, coopId, { account: ACCOUNTS.SIMPANAN_SUKARELA, asOf: '2099-12-31', memberIds });
        const kept = await db.execute<{ member_id: string; balance: bigint }>(
          sql`SELECT member_id, balance FROM savings_accounts WHERE cooperative_id = ${coopId} AND kind = 'sukarela'`,
        );
        const balanceOf = new Map(kept.rows.map((x) => [x.member_id, BigInt(x.balance)]));
        memberIds.forEach((m, i) => {
          expect(ledger.get(m) ?? 0n, `member ${i} in the ledger`).toBe(expected[i]);
          expect(balanceOf.get(m) ?? 0n, `member ${i} balance`).toBe(expected[i]);
          expect(expected[i]! >= 0n).toBe(true);
        });
        expect(await accountBalance(db, coopId, { account: ACCOUNTS.SIMPANAN_SUKARELA })).toBe(expected.reduce((a, b) => a + b, 0n));
        const tb = await db.execute<{ debit: bigint; credit: bigint }>(
          sql`SELECT coalesce(sum(debit), 0)::bigint AS debit, coalesce(sum(credit), 0)::bigint AS credit FROM journal_lines WHERE cooperative_id = ${coopId}`,
        );
        expect(tb.rows[0]!.debit).toBe(tb.rows[0]!.credit);
      } finally {
        await database.close();
      }
    } finally {
      await embedded.stop();
    }
  }, 1_800_000);
});
