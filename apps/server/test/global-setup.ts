/**
 * One PostgreSQL for the whole run: the embedded one in a temporary directory, or the server at
 * TEST_DATABASE_URL. A template database is migrated once; every test file clones its own from it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { startEmbedded, type EmbeddedDb } from '../src/db/embedded.js';
import { migrate } from '../src/db/migrate.js';

declare module 'vitest' {
  export interface ProvidedContext {
    dbServerUrl: string;
    templateDb: string;
  }
}

let embedded: EmbeddedDb | undefined;
let dir: string | undefined;
let serverUrl: string;
let template: string;

async function admin<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

export const withDatabase = (url: string, name: string) => {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
};

export async function setup(project: TestProject) {
  if (process.env.TEST_DATABASE_URL) {
    serverUrl = process.env.TEST_DATABASE_URL;
    await admin(serverUrl, (c) => c.query('SELECT 1')).catch((e: Error) => {
      throw new Error(`TEST_DATABASE_URL (${serverUrl}) is not reachable: ${e.message}`);
    });
  } else {
    // /tmp is reachable by the `postgres` system user when tests run as root.
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kopdes-test-'));
    fs.chmodSync(dir, 0o755);
    embedded = await startEmbedded(dir);
    serverUrl = embedded.url;
  }
  template = `kopdes_tpl_${process.pid}_${Date.now().toString(36)}`;
  await admin(serverUrl, (c) => c.query(`CREATE DATABASE ${template}`));
  await migrate(withDatabase(serverUrl, template));
  project.provide('dbServerUrl', serverUrl);
  project.provide('templateDb', template);
}

export async function teardown() {
  await admin(serverUrl, async (c) => {
    const { rows } = await c.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname = $1 OR datname LIKE $2`, [
      template,
      `${template}_%`,
    ]);
    for (const r of rows) await c.query(`DROP DATABASE IF EXISTS ${r.datname} WITH (FORCE)`);
  }).catch(() => undefined);
  await embedded?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
}
