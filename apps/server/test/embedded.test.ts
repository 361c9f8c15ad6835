/**
 * The laptop installation's embedded PostgreSQL (decision 0002), driven through the real
 * `kopdes serve`: one process per data directory, recovery by itself after `kill -9`, and a clean
 * stop on SIGTERM that leaves no lock and no postgres behind. Prints first-start and restart times.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../src/db/embedded.js';

const KOPDES = new URL('../bin/kopdes.js', import.meta.url).pathname;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kopdes-embedded-'));
fs.chmodSync(dataDir, 0o755); // as root, postgres runs as the `postgres` user and must enter it
const pgDir = path.join(dataDir, 'pg');
const lockFile = path.join(dataDir, 'kopdes.lock');
const started: ChildProcess[] = [];

interface Serve {
  child: ChildProcess;
  port: number;
  output: () => string;
  exited: Promise<number | null>;
}

async function serve(): Promise<Serve> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, KOPDES_DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, [KOPDES, 'serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  started.push(child);
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, port, output: () => out, exited };
}

async function healthy(s: Serve, timeoutMs = 180_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  let exitCode: number | null | undefined;
  void s.exited.then((c) => (exitCode = c));
  while (Date.now() < until) {
    if (exitCode !== undefined) throw new Error(`kopdes exited with ${exitCode} before it was healthy:\n${s.output()}`);
    try {
      const res = await fetch(`http://127.0.0.1:${s.port}/api/health`);
      if (res.status === 200) {
        const body = (await res.json()) as { database: { mode: string } };
        expect(body.database.mode).toBe('embedded');
        return;
      }
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`kopdes was not healthy within ${timeoutMs} ms:\n${s.output()}`);
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const postmasterPid = () => Number(fs.readFileSync(path.join(pgDir, 'postmaster.pid'), 'utf8').split('\n')[0]);

/** Every process running a postgres on this data directory. */
function postgresOf(dir: string): number[] {
  const pids: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmd = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (cmd[0]?.endsWith('postgres') && cmd.includes(dir)) pids.push(Number(entry));
    } catch {
      /* gone meanwhile */
    }
  }
  return pids;
}

const listening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });

afterAll(async () => {
  for (const c of started) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  for (const pid of postgresOf(pgDir)) process.kill(pid, 'SIGKILL');
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('kopdes serve with the embedded PostgreSQL', () => {
  let first: Serve;
  let oldPostgres: number;
  let oldPort: number;

  it('starts on a fresh data directory and answers /api/health', async () => {
    const t0 = performance.now();
    first = await serve();
    await healthy(first);
    const ms = Math.round(performance.now() - t0);
    console.log(`embedded: first start (initdb, migrations) to healthy in ${ms} ms`);
    const lock = JSON.parse(fs.readFileSync(lockFile, 'utf8')) as { pid: number; port: number };
    expect(lock.pid).toBe(first.child.pid);
    oldPort = lock.port;
    oldPostgres = postmasterPid();
    expect(postgresOf(pgDir)).toEqual([oldPostgres]);
  }, 240_000);

  it('a second kopdes on the same data directory exits non-zero and names the process holding it', async () => {
    const second = await serve();
    const code = await second.exited;
    expect(code).not.toBe(0);
    expect(second.output()).toMatch(
      new RegExp(`Another kopdes process \\(pid ${first.child.pid}\\b.*${dataDir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 's'),
    );
    expect((await fetch(`http://127.0.0.1:${first.port}/api/health`)).status).toBe(200);
  }, 120_000);

  it('after kill -9 the next start recovers by itself: stale lock replaced, orphaned postgres stopped', async () => {
    first.child.kill('SIGKILL');
    await first.exited;
    // What a crash leaves behind: the lock of a dead process and a postgres nobody supervises.
    expect(fs.existsSync(lockFile)).toBe(true);
    expect(alive(oldPostgres)).toBe(true);
    expect(await listening(oldPort)).toBe(true);

    const t0 = performance.now();
    const next = await serve();
    await healthy(next);
    console.log(`embedded: restart after kill -9 to healthy in ${Math.round(performance.now() - t0)} ms`);
    expect(alive(oldPostgres)).toBe(false);
    expect(next.output()).toMatch(/removing stale lock/);
    expect(next.output()).toMatch(/stopping the embedded PostgreSQL left running by a previous kopdes/);
    const lock = JSON.parse(fs.readFileSync(lockFile, 'utf8')) as { pid: number; port: number };
    expect(lock.pid).toBe(next.child.pid);
    expect(postgresOf(pgDir)).toEqual([postmasterPid()]);
    if (lock.port !== oldPort) expect(await listening(oldPort)).toBe(false);

    // SIGTERM: a clean stop, exit code 0, no lock and no postgres left.
    next.child.kill('SIGTERM');
    expect(await next.exited).toBe(0);
    expect(fs.existsSync(lockFile)).toBe(false);
    expect(postgresOf(pgDir)).toEqual([]);
    expect(await listening(lock.port)).toBe(false);
    expect(await listening(next.port)).toBe(false);
  }, 300_000);

  it('starts again after a clean stop, keeping its data', async () => {
    const t0 = performance.now();
    const again = await serve();
    await healthy(again);
    console.log(`embedded: restart after a clean stop to healthy in ${Math.round(performance.now() - t0)} ms`);
    again.child.kill('SIGTERM');
    expect(await again.exited).toBe(0);
    expect(fs.existsSync(path.join(pgDir, 'PG_VERSION'))).toBe(true);
    expect(postgresOf(pgDir)).toEqual([]);
  }, 240_000);
});
