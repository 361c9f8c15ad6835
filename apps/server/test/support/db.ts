import { todayIn } from '@kopdes/shared/format';
import pg from 'pg';
import { afterAll, expect, inject, onTestFinished } from 'vitest';
import { connect, type Database } from '../../src/db/client.js';

let counter = 0;

const urlOf = (serverUrl: string, name: string) => {
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return u.toString();
};

async function withAdmin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: inject('dbServerUrl') });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

async function createFrom(admin: pg.Client, name: string, template: string) {
  for (let attempt = 0; ; attempt++) {
    try {
      await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
      return;
    } catch (e) {
      // Two files cloning the template at the same instant: PostgreSQL refuses one; try again.
      if (attempt > 20 || !/being accessed by other users/.test((e as Error).message)) throw e;
      await new Promise((r) => setTimeout(r, 50 + Math.random() * 200));
    }
  }
}

/** A clone of `template` for the calling test file, dropped when the file ends. */
async function cloneOf(template: string): Promise<Database & { url: string }> {
  // Named after the run's template, so global-setup's teardown drops whatever a crash left behind.
  const name = `${inject('templateDb')}_${process.pid}_${++counter}_${Math.random().toString(36).slice(2, 8)}`;
  await withAdmin((c) => createFrom(c, name, template));
  const url = urlOf(inject('dbServerUrl'), name);
  const database = connect(url, 10);
  afterAll(async () => {
    await database.close();
    await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  });
  return { ...database, url };
}

/**
 * A fresh database for the calling test file, cloned from the migrated template and dropped when
 * the file ends. @example const { db } = await testDatabase();
 */
export function testDatabase(): Promise<Database & { url: string }> {
  return cloneOf(inject('templateDb'));
}

/**
 * The migrated template with the whole demo seeded, made once per run by the first file that asks.
 * The name carries the demo's date (the demo is laid out around today in Jakarta), so a run that
 * crosses midnight seeds a new one rather than hand out yesterday's.
 */
async function demoTemplate(): Promise<string> {
  const base = inject('templateDb');
  const name = `${base}_demo_${todayIn('Asia/Jakarta').replaceAll('-', '')}`;
  // Seeded under another name and renamed when complete: a half-seeded demo is never cloned.
  const unfinished = `${name}_part`;
  await withAdmin(async (admin) => {
    // Session lock: released when this connection ends, also when the process dies mid-seed.
    await admin.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [name]);
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount) return;
    await admin.query(`DROP DATABASE IF EXISTS ${unfinished} WITH (FORCE)`);
    await createFrom(admin, unfinished, base);
    // Imported here, not at the top: most test files use this module and never need the demo.
    const { seedDemo } = await import('../../src/workflows/demo/seed-demo.js');
    const database = connect(urlOf(inject('dbServerUrl'), unfinished), 4);
    try {
      const started = performance.now();
      await seedDemo(database.db);
      console.log(`[figure] whole demo seeding (every module's demo data): ${Math.round(performance.now() - started)} ms`);
    } finally {
      await database.close();
    }
    await admin.query(`ALTER DATABASE ${unfinished} RENAME TO ${name}`);
  });
  return name;
}

/**
 * A database for the calling test file holding the whole demo (as `seedDemo` leaves it), cloned
 * from a template seeded once per run, and the demo cooperative's id. Dropped when the file ends.
 */
export async function demoDatabase(): Promise<Database & { url: string; cooperativeId: string }> {
  const database = await cloneOf(await demoTemplate());
  const { DEMO_COOP } = await import('../../src/workflows/demo/demo-users.js');
  const { findCooperativeByName } = await import('../../src/modules/cooperatives/cooperatives.service.js');
  const coop = await findCooperativeByName(database.db, DEMO_COOP.name);
  if (!coop) throw new Error(`the demo template has no cooperative named ${DEMO_COOP.name}`);
  return { ...database, cooperativeId: coop.id };
}

/**
 * An empty database (nothing migrated) for the calling test, dropped when the test ends (called
 * outside a test: when the file ends). Returns its URL.
 */
export async function emptyDatabase(): Promise<string> {
  const name = `kopdes_empty_${process.pid}_${++counter}_${Math.random().toString(36).slice(2, 8)}`;
  await withAdmin((c) => c.query(`CREATE DATABASE ${name}`));
  const drop = async () => {
    await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  };
  // Inside a test, `afterAll` would be ignored and the database left on the server.
  if (expect.getState().currentTestName !== undefined) onTestFinished(drop);
  else afterAll(drop);
  return urlOf(inject('dbServerUrl'), name);
}
