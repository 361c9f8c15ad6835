/**
 * The least an HTTP write can do on this machine: a Hono server whose one route reads a JSON body
 * and inserts it as one row in its own transaction (BEGIN, INSERT, COMMIT), with no session,
 * validation, journal or idempotency. The deposit and intake benchmarks measure it beside pgbench
 * to show how much of the bar any per-request design could reach here. Run as its own process.
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.FLOOR_DATABASE_URL, max: 20 }); // as the kopdes server's pool
await pool.query(
  'CREATE TABLE IF NOT EXISTS floor_writes (id bigserial PRIMARY KEY, body jsonb NOT NULL, at timestamptz NOT NULL DEFAULT now())',
);

const app = new Hono();
app.post('/write', async (c) => {
  const body = await c.req.json();
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
