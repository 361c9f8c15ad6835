/**
 * Applies the committed SQL files in db/migrations in name order, each in its own transaction,
 * under an advisory lock so two processes starting together never race. A database with an applied
 * migration this version does not have (renamed, or from a newer kopdes), or whose text changed,
 * is refused; files not applied yet are applied, even when an applied one sorts after them.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';

export const MIGRATIONS_DIR = new URL('./migrations/', import.meta.url).pathname;
const LOCK_KEY = 727_001; // arbitrary, constant: "kopdes migrations"

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

export function migrationFiles(dir = MIGRATIONS_DIR): MigrationFile[] {
  return fs
    .readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

export class MigrationMismatchError extends Error {}

export async function migrate(databaseUrl: string, files = migrationFiles()): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [LOCK_KEY]);
    await client.query(`CREATE TABLE IF NOT EXISTS kopdes_migrations (
      name text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const { rows } = await client.query<{ name: string; checksum: string }>('SELECT name, checksum FROM kopdes_migrations ORDER BY name');
    const known = new Map(files.map((f) => [f.name, f]));
    for (const row of rows) {
      const file = known.get(row.name);
      if (!file) {
        throw new MigrationMismatchError(
          `The database has migration ${row.name}, which this version of kopdes does not know. ` +
            `It was made by a newer kopdes; upgrade kopdes instead of starting an older one.`,
        );
      }
      if (file.checksum !== row.checksum) {
        throw new MigrationMismatchError(
          `Applied migration ${row.name} does not match the file of this version ` +
            `(migrations are append-only; an applied file must never change).`,
        );
      }
    }
    // Every file not applied yet, in name order — also one whose name sorts before an applied one:
    // a database made while 0008 existed and 0007 did not (two changes merged in the other order)
    // gets 0007 now instead of being refused. The upgrade fixture holds such a database.
    const done = new Set(rows.map((r) => r.name));
    const applied: string[] = [];
    for (const file of files.filter((f) => !done.has(f.name))) {
      await client.query('BEGIN');
      try {
        await client.query(file.sql);
        await client.query('INSERT INTO kopdes_migrations (name, checksum) VALUES ($1, $2)', [file.name, file.checksum]);
        await client.query('COMMIT');
      } catch (e) {
        await client.query('ROLLBACK');
        throw new Error(`Migration ${file.name} failed: ${(e as Error).message}`);
      }
      applied.push(file.name);
    }
    return applied;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]).catch(() => undefined);
    await client.end();
  }
}

/** Create the application database on a server if it is missing (embedded first start). */
export async function ensureDatabase(serverUrl: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE "${name.replace(/"/g, '')}"`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
