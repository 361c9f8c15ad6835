/**
 * start — what a village office sees after `git clone` and `npm ci`: the start command builds the
 * web app and starts kopdes on a new embedded PostgreSQL (initdb, migrations, the demo's people)
 * until /api/health answers; then a stop and a restart on the same data directory.
 * Bar: first start ≤ 60 s, restart ≤ 10 s. The machine is its own reference (wall time).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../apps/server/src/db/embedded.js';
import type { Benchmark } from './lib/harness.js';

const repo = path.resolve(import.meta.dirname, '..');
const CLI = path.join(repo, 'apps/server/bin/kopdes.js');

async function serveUntilHealthy(env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; ms: number }> {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn(process.execPath, [CLI, 'serve', '--demo', '--port', String(port)], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  for (;;) {
    if (child.exitCode !== null) throw new Error(`kopdes serve exited with ${child.exitCode}`);
    if (performance.now() - t0 > 180_000) throw new Error('kopdes serve was not healthy after 180 s');
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return { child, ms: performance.now() - t0 };
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

const stop = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });

const bench: Benchmark = async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kopdes-bench-start-'));
  fs.chmodSync(dir, 0o755); // as root, the embedded postgres runs as `postgres` and must enter it
  const dist = path.join(dir, 'dist');
  const env: NodeJS.ProcessEnv = { ...process.env, KOPDES_DATA_DIR: path.join(dir, 'data'), KOPDES_WEB_DIST: dist, LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL;
  try {
    // A fresh clone has no built web app: the start command builds it first.
    const b0 = performance.now();
    execFileSync(
      process.execPath,
      [path.join(repo, 'node_modules/vite/bin/vite.js'), 'build', '--outDir', dist, '--emptyOutDir', '--logLevel', 'warn'],
      {
        cwd: path.join(repo, 'apps/web'),
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    );
    const buildMs = performance.now() - b0;
    const first = await serveUntilHealthy(env);
    await stop(first.child);
    const again = await serveUntilHealthy(env);
    await stop(again.child);
    const firstStartMs = Math.round(buildMs + first.ms);
    const restartMs = Math.round(again.ms);
    const pass = firstStartMs <= 60_000 && restartMs <= 10_000;
    return {
      name: 'start',
      bar: 'first start (web build, initdb, migrations, demo people) to healthy ≤ 60 s; restart ≤ 10 s',
      pass,
      summary: `first start ${(firstStartMs / 1000).toFixed(1)} s (web build ${(buildMs / 1000).toFixed(1)} s), restart ${(restartMs / 1000).toFixed(1)} s`,
      figures: { firstStartMs, webBuildMs: Math.round(buildMs), serverFirstStartMs: Math.round(first.ms), restartMs },
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
};

export default bench;
