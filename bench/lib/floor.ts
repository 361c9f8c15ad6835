/**
 * Measures the HTTP write floors (floor-server.ts) with the same load the deposit and intake
 * benchmarks use: 8 connections, same duration, in a separate process, on a new database.
 */
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { freePort } from '../../apps/server/src/db/embedded.js';
import type { BenchContext } from './harness.js';

export interface FloorResult {
  writesPerSecond: number;
  latencyMsP99: number;
  ratioToPgbench: number;
  what: string;
}

const SERVER = path.join(import.meta.dirname, 'floor-server.ts');

const WHAT = {
  insert: 'HTTP POST of a JSON body, inserted as one row in its own transaction; no session, validation, journal or idempotency',
  'deposit-call':
    'HTTP POST of a deposit, written by one PL/pgSQL call in one round trip (key row, locked counter, journal header and two lines, balance, savings row); no session, validation or rules in Node',
  'deposit-batch':
    'HTTP POST of a deposit, written with the deposits that arrived while the previous batch was in the database: one PL/pgSQL call and one transaction per batch (per deposit: key row, locked counter, journal header and two lines, balance, savings row); no session, validation or rules in Node',
} as const;
export type FloorMode = keyof typeof WHAT;

export async function measureHttpFloor(
  ctx: BenchContext,
  seconds: number,
  pgbenchTps: number,
  mode: FloorMode = 'insert',
): Promise<FloorResult> {
  const url = await ctx.newDatabase('bench_floor');
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', SERVER], {
    env: { ...process.env, FLOOR_DATABASE_URL: url, FLOOR_PORT: String(port), FLOOR_MODE: mode },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  try {
    for (let up = false, i = 0; !up; i++) {
      if (child.exitCode !== null || i > 120) throw new Error(`the floor server did not start (exit ${child.exitCode})`);
      up = await fetch(`${base}/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (!up) await new Promise((r) => setTimeout(r, 250));
    }
    let n = 0;
    const result = await autocannon({
      url: base,
      connections: 8,
      duration: seconds,
      requests: [
        {
          method: 'POST',
          path: '/write',
          setupRequest: (req) => ({
            ...req,
            headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
            body: JSON.stringify({ memberId: `mbr_floor_${n++ % 500}`, kind: 'sukarela', amount: String(10_000 + (n % 90) * 1_000) }),
          }),
        },
      ],
    });
    if (result.non2xx + result.errors > 0) throw new Error(`the floor server failed ${result.non2xx + result.errors} requests`);
    return {
      writesPerSecond: result.requests.average,
      latencyMsP99: result.latency.p99,
      ratioToPgbench: result.requests.average / pgbenchTps,
      what: WHAT[mode],
    };
  } finally {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
  }
}
