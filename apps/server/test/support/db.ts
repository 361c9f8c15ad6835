import pg from 'pg';
import { afterAll, inject } from 'vitest';
import { connect, type Database } from '../../src/db/client.js';

let counter = 0;

/**
 * A fresh database for the calling test file, cloned from the migrated template and dropped when
 * the file ends. @example const { db } = await testDatabase();
 */
export async function testDatabase(): Promise<Database & { url: string }> {
  const serverUrl = inject('dbServerUrl');
  const template = inject('templateDb');
  const name = `${template}_${process.pid}_${++counter}_${Math.random().toString(36).slice(2, 8)}`;
  const adminClient = new pg.Client({ connectionString: serverUrl });
  await adminClient.connect();
  for (let attempt = 0; ; attempt++) {
    try {
      await adminClient.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
      break;
    } catch (e) {
      // Two files cloning the template at the same instant: PostgreSQL refuses one; try again.
      if (attempt > 20 || !/being accessed by other users/.test((e as Error).message)) throw e;
      await new Promise((r) => setTimeout(r, 50 + Math.random() * 200));
    }
  }
  await adminClient.end();
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  const database = connect(u.toString(), 10);
  afterAll(async () => {
    await database.close();
    const c = new pg.Client({ connectionString: serverUrl });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.end();
  });
  return { ...database, url: u.toString() };
}

/** An empty database (nothing migrated) for the calling test file, dropped when the file ends. Returns its URL. */
export async function emptyDatabase(): Promise<string> {
  const serverUrl = inject('dbServerUrl');
  const name = `kopdes_empty_${process.pid}_${++counter}_${Math.random().toString(36).slice(2, 8)}`;
  const c = new pg.Client({ connectionString: serverUrl });
  await c.connect();
  await c.query(`CREATE DATABASE ${name}`);
  await c.end();
  afterAll(async () => {
    const d = new pg.Client({ connectionString: serverUrl });
    await d.connect();
    await d.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await d.end();
  });
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return u.toString();
}
