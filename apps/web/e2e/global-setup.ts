/**
 * Starts the real kopdes server as a child process, serving the built web app with the demo data:
 * against a fresh database on TEST_DATABASE_URL, or else its embedded PostgreSQL in a fresh
 * temporary data directory. The build itself is done by `npm run test:e2e` before this runs.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { chromiumPath } from './browser.js';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    /** What a `kopdes` command needs to reach the same database as the running server. */
    serverEnv: Record<string, string>;
  }
}

const repo = fileURLToPath(new URL('../../../', import.meta.url));
// KOPDES_E2E_DIST lets a second build (another working copy of the web app) be tested without
// overwriting apps/web/dist.
const dist = path.resolve(process.env.KOPDES_E2E_DIST ?? path.join(repo, 'apps/web/dist'));

let child: ChildProcess | undefined;
let dataDir: string | undefined;
let external: { adminUrl: string; name: string } | undefined;
let output = '';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

const withDb = (url: string, name: string) => {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
};

async function sql(url: string, text: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(text);
  } finally {
    await c.end();
  }
}

async function waitHealthy(url: string, timeoutMs: number) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child?.exitCode !== null && child?.exitCode !== undefined) {
      throw new Error(`kopdes exited with code ${child.exitCode} before it was healthy:\n${output}`);
    }
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`kopdes did not become healthy within ${timeoutMs / 1000} s:\n${output}`);
}

export async function setup(project: TestProject) {
  chromiumPath(); // fail now, and clearly, when the browser is missing
  if (!fs.existsSync(path.join(dist, 'index.html'))) {
    throw new Error(`The web app is not built (${dist}/index.html is missing). Run "npm run build:web" first.`);
  }

  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', KOPDES_WEB_DIST: dist, LOG_LEVEL: 'warn' };
  delete env.NODE_ENV;
  if (process.env.TEST_DATABASE_URL) {
    const name = `kopdes_e2e_${process.pid}_${Date.now().toString(36)}`;
    external = { adminUrl: process.env.TEST_DATABASE_URL, name };
    await sql(external.adminUrl, `CREATE DATABASE ${name}`);
    env.DATABASE_URL = withDb(external.adminUrl, name);
  } else {
    // /tmp is reachable by the `postgres` system user when the tests run as root.
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kopdes-e2e-'));
    fs.chmodSync(dataDir, 0o755);
    env.KOPDES_DATA_DIR = dataDir;
    delete env.DATABASE_URL;
  }

  child = spawn(process.execPath, [path.join(repo, 'apps/server/bin/kopdes.js'), 'serve', '--demo'], {
    cwd: repo,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (b: Buffer) => {
    output = (output + b.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);

  const baseUrl = `http://127.0.0.1:${port}`;
  await waitHealthy(baseUrl, 300_000);

  project.provide('baseUrl', baseUrl);
  project.provide('serverEnv', dataDir ? { KOPDES_DATA_DIR: dataDir } : { DATABASE_URL: env.DATABASE_URL! });
}

export async function teardown() {
  if (child && child.exitCode === null) {
    const exited = new Promise<void>((r) => child!.once('exit', () => r()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child?.kill('SIGKILL'), 30_000);
    await exited;
    clearTimeout(timer);
  }
  if (external) await sql(external.adminUrl, `DROP DATABASE IF EXISTS ${external.name} WITH (FORCE)`).catch(() => undefined);
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
}
