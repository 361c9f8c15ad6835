/**
 * Migrations (decision 0003): each file applied once, in order, in its own transaction, under an
 * advisory lock; a database with an applied migration this version lacks, or whose text changed, is
 * refused — by migrate() and by `kopdes serve` / `kopdes migrate` at start-up.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { migrate, MigrationMismatchError, migrationFiles } from '../src/db/migrate.js';
import { emptyDatabase } from './support/db.js';

const KOPDES = new URL('../bin/kopdes.js', import.meta.url).pathname;

async function query<T extends pg.QueryResultRow>(url: string, text: string, values: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<T>(text, values)).rows;
  } finally {
    await c.end();
  }
}

const applied = (url: string) =>
  query<{ name: string; checksum: string; applied_at: Date }>(
    url,
    'SELECT name, checksum, applied_at FROM kopdes_migrations ORDER BY name',
  );

/** A migrations directory of its own: `{ '0001_a.sql': 'CREATE TABLE …' }`. */
function migrationsDir(files: Record<string, string>) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kopdes-migrations-'));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return migrationFiles(dir);
}

const A = { '0001_anggota.sql': 'CREATE TABLE uji_anggota (id text PRIMARY KEY);' };
const B = { '0002_simpanan.sql': 'CREATE TABLE uji_simpanan (id text PRIMARY KEY, anggota text REFERENCES uji_anggota);' };

describe('migrate()', () => {
  it("applies the project's migrations once on a fresh database; a second run changes nothing", async () => {
    const url = await emptyDatabase();
    const files = migrationFiles();
    expect(files.length).toBeGreaterThan(0);
    expect(await migrate(url)).toEqual(files.map((f) => f.name));
    const first = await applied(url);
    expect(first.map((r) => [r.name, r.checksum])).toEqual(files.map((f) => [f.name, f.checksum]));
    expect(await migrate(url)).toEqual([]);
    expect(await applied(url)).toEqual(first);
  });

  it('reads only NNNN_name.sql files, in name order', () => {
    const files = migrationsDir({
      '0002_b.sql': 'SELECT 2;',
      '0001_a.sql': 'SELECT 1;',
      'README.md': '#',
      '3_c.sql': 'SELECT 3;',
      '0004_D.sql': '',
    });
    expect(files.map((f) => f.name)).toEqual(['0001_a.sql', '0002_b.sql']);
  });

  it('migrations started at the same moment wait for each other: every file is applied exactly once', async () => {
    const url = await emptyDatabase();
    // The slow file keeps the first migrator inside its work while the others arrive.
    const files = [...migrationFiles(), ...migrationsDir({ '9990_lambat.sql': 'SELECT pg_sleep(0.5); CREATE TABLE uji_lambat (id int);' })];
    const results = await Promise.all([migrate(url, files), migrate(url, files), migrate(url, files)]);
    expect(results.flat().sort()).toEqual(files.map((f) => f.name).sort());
    expect(results.filter((r) => r.length > 0)).toHaveLength(1);
    expect((await applied(url)).map((r) => r.name)).toEqual(files.map((f) => f.name));
  });

  it('applies only the files after the applied prefix', async () => {
    const url = await emptyDatabase();
    expect(await migrate(url, migrationsDir(A))).toEqual(['0001_anggota.sql']);
    expect(await migrate(url, migrationsDir({ ...A, ...B }))).toEqual(['0002_simpanan.sql']);
  });

  it('applies a file that arrived after a later-numbered one was applied (changes merged out of order)', async () => {
    const url = await emptyDatabase();
    const C = { '0003_pinjaman.sql': 'CREATE TABLE uji_pinjaman (id text PRIMARY KEY);' };
    expect(await migrate(url, migrationsDir({ ...A, ...C }))).toEqual(['0001_anggota.sql', '0003_pinjaman.sql']);
    expect(await migrate(url, migrationsDir({ ...A, ...B, ...C }))).toEqual(['0002_simpanan.sql']);
    expect((await applied(url)).map((m) => m.name)).toEqual(['0001_anggota.sql', '0002_simpanan.sql', '0003_pinjaman.sql']);
  });

  it('refuses a database with a migration this version does not know (made by a newer kopdes)', async () => {
    const url = await emptyDatabase();
    await migrate(url, migrationsDir({ ...A, ...B }));
    const err = await migrate(url, migrationsDir(A)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MigrationMismatchError);
    expect((err as Error).message).toMatch(/0002_simpanan\.sql.*newer kopdes/s);
  });

  it('refuses an applied file whose text changed, or that was renamed', async () => {
    const url = await emptyDatabase();
    await migrate(url, migrationsDir({ ...A, ...B }));
    const edited = await migrate(url, migrationsDir({ ...A, '0002_simpanan.sql': `${B['0002_simpanan.sql']} -- diubah` })).catch(
      (e: unknown) => e,
    );
    expect(edited).toBeInstanceOf(MigrationMismatchError);
    expect((edited as Error).message).toMatch(/0002_simpanan\.sql does not match/);
    const renamed = await migrate(url, migrationsDir({ ...A, '0002_tabungan.sql': B['0002_simpanan.sql'] })).catch((e: unknown) => e);
    expect(renamed).toBeInstanceOf(MigrationMismatchError);
    expect(await migrate(url, migrationsDir({ ...A, ...B }))).toEqual([]);
  });

  it('a failing migration leaves nothing of itself behind and is not recorded', async () => {
    const url = await emptyDatabase();
    const bad = { '0002_rusak.sql': 'CREATE TABLE uji_setengah (id int); SELECT 1 / 0;' };
    const err = await migrate(url, migrationsDir({ ...A, ...bad })).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/Migration 0002_rusak\.sql failed: division by zero/);
    expect((await applied(url)).map((r) => r.name)).toEqual(['0001_anggota.sql']);
    expect(await query(url, "SELECT to_regclass('uji_setengah') AS t")).toEqual([{ t: null }]);
    expect(await migrate(url, migrationsDir({ ...A, ...B }))).toEqual(['0002_simpanan.sql']);
  });
});

describe('start-up', () => {
  const run = (args: string[], databaseUrl: string) =>
    spawnSync(process.execPath, [KOPDES, ...args], {
      env: { ...process.env, DATABASE_URL: databaseUrl, PORT: '0', LOG_LEVEL: 'silent' },
      encoding: 'utf8',
      timeout: 60_000,
    });

  it('`kopdes serve` refuses a database from a newer kopdes, and says why', async () => {
    const url = await emptyDatabase();
    await migrate(url);
    await query(url, "INSERT INTO kopdes_migrations (name, checksum) VALUES ('9999_dari_versi_baru.sql', 'x')");
    const res = run(['serve'], url);
    expect(res.status, res.stderr).toBe(1);
    expect(res.stderr).toMatch(/kopdes: The database has migration 9999_dari_versi_baru\.sql.*upgrade kopdes/s);
    expect(res.stdout).not.toMatch(/running at/);
  }, 90_000);

  it('`kopdes migrate` refuses an applied migration that was edited afterwards', async () => {
    const url = await emptyDatabase();
    await migrate(url);
    await query(url, "UPDATE kopdes_migrations SET checksum = 'bukan-aslinya' WHERE name = (SELECT min(name) FROM kopdes_migrations)");
    const res = run(['migrate'], url);
    expect(res.status, res.stderr).toBe(1);
    expect(res.stderr).toMatch(/does not match the file/);
  }, 90_000);
});
