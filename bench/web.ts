/**
 * web — a treasurer on a slow village connection: Chromium with the network held to 400 kbit/s and
 * 400 ms round trips, no cache. Time from opening the address to a usable sign-in form, then from
 * pressing "Masuk" to a usable home page with the cooperative's menu; and the gzip size of the
 * JavaScript the first route loads. Bar: each page ≤ 8 s, first-route JS ≤ 300 KB gzip.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { chromium } from 'playwright-core';
import { connect } from '../apps/server/src/db/client.js';
import { SYSTEM_ACTOR } from '../apps/server/src/lib/actor.js';
import { hashPassword } from '../apps/server/src/lib/password.js';
import { createUser, grantRoleAsSystem } from '../apps/server/src/modules/auth/users.service.js';
import { createCooperative } from '../apps/server/src/modules/cooperatives/cooperatives.service.js';
import type { Benchmark } from './lib/harness.js';
import { startServerProcess } from './lib/server.js';
import { chromiumPath } from '../apps/web/e2e/browser.js';

const repo = path.resolve(import.meta.dirname, '..');
const dist = path.join(repo, 'apps/web/dist');
const KBIT = 1000 / 8;

const bench: Benchmark = async (ctx) => {
  // The same build `npm start` serves (rebuilt only when the sources changed).
  execFileSync(process.execPath, [path.join(repo, 'scripts/build-web-if-needed.mjs')], { stdio: ['ignore', 'ignore', 'inherit'] });
  const url = await ctx.newDatabase('bench_web');
  const database = connect(url, 2);
  const password = 'bench-password-1';
  try {
    const coop = await createCooperative(database.db, SYSTEM_ACTOR, {
      name: 'Koperasi Desa Merah Putih Bench',
      villageCode: '32.04.40.2005',
      timeZone: 'Asia/Jakarta',
    });
    const userId = await createUser(database.db, {
      fullName: 'Bendahara Bench',
      email: 'web@kopdes.id',
      passwordHash: await hashPassword(password),
    });
    await grantRoleAsSystem(database.db, coop.id, userId, 'bendahara');
  } finally {
    await database.close();
  }
  const server = await startServerProcess(url);
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'id-ID', isMobile: true, hasTouch: true });
    const page = await context.newPage();
    page.setDefaultTimeout(60_000);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 400,
      downloadThroughput: 400 * KBIT,
      uploadThroughput: 400 * KBIT,
    });
    const scripts: string[] = [];
    page.on('response', (r) => {
      if (r.request().resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
    });

    const t0 = performance.now();
    await page.goto(`${server.url}/masuk`, { waitUntil: 'commit' });
    const email = page.getByLabel(/Email atau nomor HP/);
    await email.waitFor({ state: 'visible' });
    await email.fill('web@kopdes.id');
    const signInMs = performance.now() - t0;
    const firstRouteScripts = [...new Set(scripts)];

    await page.getByLabel(/^Kata sandi/).fill(password);
    const t1 = performance.now();
    await page.getByRole('button', { name: /^Masuk$/ }).click();
    await page.waitForURL(/\/k\/kop_/);
    await page.locator('.kd-tile').first().waitFor({ state: 'visible' });
    const dashboardMs = performance.now() - t1;

    const gzipBytes = firstRouteScripts
      .map((p) => path.join(dist, p))
      .filter((f) => fs.existsSync(f))
      .reduce((sum, f) => sum + zlib.gzipSync(fs.readFileSync(f), { level: 9 }).length, 0);
    const pass = signInMs <= 8000 && dashboardMs <= 8000 && gzipBytes <= 300 * 1024;
    return {
      name: 'web',
      bar: 'sign-in page and home page each usable ≤ 8 s at 400 kbit/s and 400 ms RTT; first-route JS ≤ 300 KB gzip',
      pass,
      summary: `sign-in usable in ${(signInMs / 1000).toFixed(1)} s, home page in ${(dashboardMs / 1000).toFixed(1)} s, first-route JS ${Math.round(gzipBytes / 1024)} KB gzip (${firstRouteScripts.length} files)`,
      figures: {
        signInMs: Math.round(signInMs),
        dashboardMs: Math.round(dashboardMs),
        firstRouteJsGzipBytes: gzipBytes,
        firstRouteScripts,
        network: { downKbit: 400, upKbit: 400, rttMs: 400 },
      },
    };
  } finally {
    await browser.close();
    await server.stop();
  }
};

export default bench;
