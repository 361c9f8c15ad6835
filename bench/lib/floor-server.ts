/**
 * The least an HTTP write can do on this machine, in three shapes (FLOOR_MODE), each a Hono server
 * with no session, no validation and no rules in Node. The deposit and intake benchmarks measure
 * them beside pgbench to show how much of the bar any per-request design could reach here.
 * - `insert`: the JSON body inserted as one row in its own transaction (BEGIN, INSERT, COMMIT).
 * - `deposit-call`: a deposit's writes done by one PL/pgSQL call in one round trip, in autocommit:
 *   the idempotency key row, the next number of a single counter (locked to commit, as a gap-free
 *   journal number is), a journal header and two lines, the member's balance and the savings row.
 *   It is what moving the whole posting into the database would leave for Node to do.
 * - `deposit-batch`: the same writes, with the deposits that arrive while a batch is in the database
 *   going together in the next one: one call and one transaction per batch. It is what batching
 *   across requests would leave.
 * Run as its own process.
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.FLOOR_DATABASE_URL, max: 20 }); // as the kopdes server's pool
const mode = process.env.FLOOR_MODE ?? 'insert';

await pool.query(`
  CREATE TABLE IF NOT EXISTS floor_writes (id bigserial PRIMARY KEY, body jsonb NOT NULL, at timestamptz NOT NULL DEFAULT now());
  CREATE TABLE IF NOT EXISTS floor_keys (key text PRIMARY KEY, at timestamptz NOT NULL DEFAULT now());
  CREATE TABLE IF NOT EXISTS floor_counter (series text PRIMARY KEY, last bigint NOT NULL);
  CREATE TABLE IF NOT EXISTS floor_entries (id bigserial PRIMARY KEY, number bigint NOT NULL UNIQUE, memo text NOT NULL,
    at timestamptz NOT NULL DEFAULT now());
  CREATE TABLE IF NOT EXISTS floor_lines (entry_id bigint NOT NULL REFERENCES floor_entries, account text NOT NULL,
    debit bigint NOT NULL, credit bigint NOT NULL, member text);
  CREATE TABLE IF NOT EXISTS floor_balances (member text PRIMARY KEY, balance bigint NOT NULL CHECK (balance >= 0));
  CREATE TABLE IF NOT EXISTS floor_savings (id bigserial PRIMARY KEY, member text NOT NULL, amount bigint NOT NULL,
    balance_after bigint NOT NULL, entry_id bigint NOT NULL);
  INSERT INTO floor_counter VALUES ('JU-2026', 0) ON CONFLICT DO NOTHING;
  CREATE OR REPLACE FUNCTION floor_deposit(k text, m text, amount bigint) RETURNS bigint LANGUAGE plpgsql AS $$
  DECLARE n bigint; e bigint; b bigint;
  BEGIN
    INSERT INTO floor_keys (key) VALUES (k);
    INSERT INTO floor_balances VALUES (m, amount)
      ON CONFLICT (member) DO UPDATE SET balance = floor_balances.balance + amount RETURNING balance INTO b;
    UPDATE floor_counter SET last = last + 1 WHERE series = 'JU-2026' RETURNING last INTO n;
    INSERT INTO floor_entries (number, memo) VALUES (n, 'Setoran simpanan sukarela') RETURNING id INTO e;
    INSERT INTO floor_lines VALUES (e, '1101', amount, 0, NULL), (e, '3103', 0, amount, m);
    INSERT INTO floor_savings (member, amount, balance_after, entry_id) VALUES (m, amount, b, e);
    RETURN n;
  END $$;
  CREATE OR REPLACE FUNCTION floor_deposits(k text[], m text[], amount bigint[]) RETURNS bigint[] LANGUAGE plpgsql AS $$
  DECLARE out bigint[] := '{}';
  BEGIN
    FOR i IN 1 .. array_length(k, 1) LOOP
      out := out || floor_deposit(k[i], m[i], amount[i]);
    END LOOP;
    RETURN out;
  END $$;`);

// deposit-batch: requests that arrive while a batch is in the database go together in the next one.
type Waiting = { k: string; m: string; a: string; done: (n: string) => void; failed: (e: unknown) => void };
let queue: Waiting[] = [];
let inFlight = false;
function flush() {
  if (inFlight || !queue.length) return;
  const batch = queue;
  queue = [];
  inFlight = true;
  pool
    .query<{ n: string[] }>('SELECT floor_deposits($1, $2, $3) AS n', [batch.map((w) => w.k), batch.map((w) => w.m), batch.map((w) => w.a)])
    .then(
      (res) => batch.forEach((w, i) => w.done(String(res.rows[0]!.n[i]))),
      (e) => batch.forEach((w) => w.failed(e)),
    )
    .finally(() => {
      inFlight = false;
      flush();
    });
}

const app = new Hono();
app.post('/write', async (c) => {
  const body = await c.req.json();
  if (mode === 'deposit-batch') {
    const n = await new Promise<string>((done, failed) => {
      queue.push({ k: c.req.header('idempotency-key')!, m: body.memberId, a: body.amount, done, failed });
      flush();
    });
    return c.json({ number: n }, 201);
  }
  if (mode === 'deposit-call') {
    const res = await pool.query<{ n: string }>('SELECT floor_deposit($1, $2, $3) AS n', [
      c.req.header('idempotency-key'),
      body.memberId,
      body.amount,
    ]);
    return c.json({ number: res.rows[0]!.n }, 201);
  }
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const res = await client.query<{ id: string }>('INSERT INTO floor_writes (body) VALUES ($1) RETURNING id', [body]);
    await client.query('COMMIT');
    return c.json({ id: res.rows[0]!.id }, 201);
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
});
app.get('/health', (c) => c.text('ok'));

serve({ fetch: app.fetch, hostname: '127.0.0.1', port: Number(process.env.FLOOR_PORT) });
