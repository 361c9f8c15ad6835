/**
 * What every benchmark gets: a PostgreSQL server (embedded, or BENCH_DATABASE_URL), fresh migrated
 * databases on it, the pgbench TPC-B reference on the same server, and one way to write
 * bench/results/<name>.json with the machine and commit beside the figures.
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startEmbedded, type EmbeddedDb } from '../../apps/server/src/db/embedded.js';
import { migrate } from '../../apps/server/src/db/migrate.js';
import { postgresCpuMs } from './cpu.js';

export interface PgbenchResult {
  tps: number;
  latencyMsAvg: number;
  clients: number;
  seconds: number;
  scale: number;
  command: string;
  /** PostgreSQL's CPU per TPC-B transaction in this run (lib/cpu). */
  postgresCpuMsPerTransaction: number;
}

export interface BenchContext {
  quick: boolean;
  /** Admin URL of the PostgreSQL server the benchmark runs on. */
  serverUrl: string;
  /** A new database on that server, migrated to the current schema. */
  newDatabase(prefix: string): Promise<string>;
  /** pgbench TPC-B on the same server: -i -s 10, then -c 8 -j 2 -T 20 (quick: -s 1, -T 5). */
  pgbench(): Promise<PgbenchResult>;
}

export interface BenchResult {
  name: string;
  /** The bar from docs/quality.md, in words. */
  bar: string;
  pass: boolean;
  summary: string;
  figures: Record<string, unknown>;
  reference?: Record<string, unknown>;
  ratio?: number;
}

export const RESULTS_DIR = path.join(import.meta.dirname, '..', 'results');

export function machine() {
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    /* not a git checkout */
  }
  return {
    nproc: os.availableParallelism(),
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    cpu: os.cpus()[0]?.model ?? 'unknown',
    node: process.version,
    commit,
  };
}

export function writeResult(r: BenchResult, quick: boolean): string {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${r.name}${quick ? '.quick' : ''}.json`);
  const body = { ...r, quick, machine: machine(), at: new Date().toISOString() };
  fs.writeFileSync(file, JSON.stringify(body, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), 2) + '\n');
  return file;
}

function dbUrl(serverUrl: string, name: string) {
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

async function admin(serverUrl: string, sql: string) {
  const c = new pg.Client({ connectionString: serverUrl });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

export function findPgbench(): string {
  for (const p of ['pgbench', '/usr/lib/postgresql/15/bin/pgbench', '/usr/lib/postgresql/16/bin/pgbench']) {
    try {
      execFileSync(p, ['--version'], { stdio: 'ignore' });
      return p;
    } catch {
      /* try the next */
    }
  }
  throw new Error(
    "pgbench is missing: install Debian's postgresql-client (apt-get install -y postgresql-client). It is the reference every throughput benchmark is measured against.",
  );
}

function run(cmd: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`${cmd} ${args.join(' ')} failed (${code}):\n${out}`))));
  });
}

export async function openContext(quick: boolean): Promise<BenchContext & { close(): Promise<void> }> {
  let embedded: EmbeddedDb | undefined;
  let dir: string | undefined;
  let serverUrl = process.env.BENCH_DATABASE_URL;
  if (!serverUrl) {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kopdes-bench-'));
    fs.chmodSync(dir, 0o755);
    embedded = await startEmbedded(dir);
    serverUrl = embedded.url;
  }
  const created: string[] = [];
  const ctx = {
    quick,
    serverUrl,
    async newDatabase(prefix: string) {
      const name = `${prefix}_${process.pid}_${Date.now().toString(36)}`;
      await admin(serverUrl, `CREATE DATABASE ${name}`);
      created.push(name);
      const url = dbUrl(serverUrl, name);
      await migrate(url);
      return url;
    },
    async pgbench(): Promise<PgbenchResult> {
      const bin = findPgbench();
      const name = `pgbench_${process.pid}_${Date.now().toString(36)}`;
      await admin(serverUrl, `CREATE DATABASE ${name}`);
      created.push(name);
      const url = dbUrl(serverUrl, name);
      const scale = quick ? 1 : 10;
      const seconds = quick ? 5 : 20;
      await run(bin, ['-i', '-q', '-s', String(scale), url]);
      const args = ['-c', '8', '-j', '2', '-T', String(seconds), url];
      const cpuBefore = postgresCpuMs();
      const out = await run(bin, args);
      const cpuMs = postgresCpuMs() - cpuBefore;
      const tps = Number(/tps = ([\d.]+) \(without initial connection time\)/.exec(out)?.[1] ?? /tps = ([\d.]+)/.exec(out)?.[1]);
      const latencyMsAvg = Number(/latency average = ([\d.]+) ms/.exec(out)?.[1]);
      if (!Number.isFinite(tps)) throw new Error(`could not read pgbench's tps:\n${out}`);
      const transactions = Number(/transactions actually processed: (\d+)/.exec(out)?.[1]);
      return {
        tps,
        latencyMsAvg,
        clients: 8,
        seconds,
        scale,
        command: `pgbench ${args.slice(0, -1).join(' ')}`,
        postgresCpuMsPerTransaction: cpuMs / Math.max(1, transactions),
      };
    },
    async close() {
      for (const name of created) await admin(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
      await embedded?.stop();
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  return ctx;
}

export type Benchmark = (ctx: BenchContext) => Promise<BenchResult>;
