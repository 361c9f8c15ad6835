/** Start the real kopdes server as a separate process on a benchmark database, and sign in to it. */
import type autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { freePort } from '../../apps/server/src/db/embedded.js';
import { processCpuMs } from './cpu.js';

const CLI = path.join(import.meta.dirname, '..', '..', 'apps', 'server', 'bin', 'kopdes.js');

export async function startServerProcess(
  databaseUrl: string,
): Promise<{ url: string; child: ChildProcess; cpuMs(): number; stop(): Promise<void> }> {
  const port = await freePort();
  // BENCH_NODE_ARGS='--cpu-prof --cpu-prof-dir=DIR' profiles the server under the benchmark's load.
  const nodeArgs = process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...nodeArgs, CLI, 'serve', '--port', String(port)], {
    env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info' },
    // BENCH_SERVER_LOG=<file> keeps the server's request log (JSON lines) to see what failed.
    stdio: ['ignore', process.env.BENCH_SERVER_LOG ? fs.openSync(process.env.BENCH_SERVER_LOG, 'a') : 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null) throw new Error(`kopdes serve exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    child,
    cpuMs: () => processCpuMs(child.pid!),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export async function signInOver(url: string, identifier: string, password: string) {
  const res = await fetch(`${url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ identifier, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie, csrfToken };
}

/** An autocannon request: a signed-in JSON POST of `body()`, each with a new Idempotency-Key, as a client sends it. */
export function signedPost(auth: { cookie: string; csrfToken: string }, path: string, body: () => unknown): autocannon.Request {
  return {
    method: 'POST',
    path,
    setupRequest: (req) => ({
      ...req,
      headers: {
        'content-type': 'application/json',
        cookie: auth.cookie,
        'x-csrf-token': auth.csrfToken,
        'idempotency-key': randomUUID(),
      },
      body: JSON.stringify(body()),
    }),
  };
}

/** Waits until no other session of the database at `url` is running a statement (three checks in a row). */
export async function untilIdle(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (let quiet = 0; quiet < 3;) {
      const busy = await client.query<{ n: string }>(
        "SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND state <> 'idle'",
      );
      quiet = Number(busy.rows[0]!.n) === 0 ? quiet + 1 : 0;
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    await client.end();
  }
}
