#!/usr/bin/env node
/**
 * Makes an upgrade fixture: the database an older kopdes leaves behind, to prove that today's
 * kopdes starts on it and loses nothing (apps/server/test/upgrade.test.ts).
 *
 *   node scripts/make-upgrade-fixture.mjs <commit> [postgres://postgres@127.0.0.1:5432/postgres]
 *
 * Checks the commit out in a temporary worktree, installs it, lets it create its demo cooperative
 * in a fresh database on the given server, and writes
 *   apps/server/test/fixtures/upgrade/<commit>.sql.gz   the database (pg_dump, plain INSERTs)
 *   apps/server/test/fixtures/upgrade/<commit>.json     what it held: row counts, ledger and
 *                                                      savings figures per cooperative
 * Needs git, npm, pg_dump and a PostgreSQL server the caller may create databases on.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import pg from 'pg';

const [commitArg, serverUrl = 'postgres://postgres@127.0.0.1:5432/postgres'] = process.argv.slice(2);
if (!commitArg) {
  console.error('Usage: node scripts/make-upgrade-fixture.mjs <commit> [server-url]');
  process.exit(2);
}
const repo = path.resolve(new URL('..', import.meta.url).pathname);
const commit = execFileSync('git', ['rev-parse', '--short=7', commitArg], { cwd: repo, encoding: 'utf8' }).trim();
const work = fs.mkdtempSync(path.join(os.tmpdir(), `kopdes-fixture-${commit}-`));
const dbName = `kopdes_fixture_${commit}`;
const dbUrl = Object.assign(new URL(serverUrl), { pathname: `/${dbName}` }).toString();
const outDir = path.join(repo, 'apps/server/test/fixtures/upgrade');
const run = (cmd, args, opts = {}) => execFileSync(cmd, args, { stdio: 'inherit', ...opts });

async function sql(url, text, params) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(text, params)).rows;
  } finally {
    await c.end();
  }
}

try {
  run('git', ['worktree', 'add', '--detach', work, commit], { cwd: repo });
  run('npm', ['ci', '--no-audit', '--no-fund'], { cwd: work });
  await sql(serverUrl, `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await sql(serverUrl, `CREATE DATABASE ${dbName}`);
  run(process.execPath, ['apps/server/bin/kopdes.js', 'demo'], {
    cwd: work,
    env: { ...process.env, DATABASE_URL: dbUrl, LOG_LEVEL: 'warn' },
  });

  const dump = execFileSync('pg_dump', ['--inserts', '--rows-per-insert=200', '--no-owner', '--no-privileges', '--no-comments', dbUrl], {
    maxBuffer: 1 << 30,
  });
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, `${commit}.sql.gz`), zlib.gzipSync(dump, { level: 9 }));

  const tables = await sql(dbUrl, `SELECT relname AS name FROM pg_stat_user_tables ORDER BY relname`);
  const counts = {};
  for (const { name } of tables) counts[name] = Number((await sql(dbUrl, `SELECT count(*) AS n FROM "${name}"`))[0].n);
  const figures = await sql(
    dbUrl,
    `SELECT c.id, c.name,
            (SELECT json_object_agg(account, balance ORDER BY account) FROM (
               SELECT account, (sum(debit) - sum(credit))::text AS balance FROM journal_lines l
                WHERE l.cooperative_id = c.id GROUP BY account) a) AS balances,
            (SELECT coalesce(sum(balance), 0)::text FROM savings_accounts s WHERE s.cooperative_id = c.id) AS savings
       FROM cooperatives c ORDER BY c.id`,
  );
  const migrations = (await sql(dbUrl, 'SELECT name FROM kopdes_migrations ORDER BY name')).map((m) => m.name);
  const made = { commit, madeAt: new Date().toISOString(), migrations, counts, cooperatives: figures };
  fs.writeFileSync(path.join(outDir, `${commit}.json`), JSON.stringify(made, null, 2) + '\n');
  console.log(`Fixture of ${commit}: ${migrations.length} migrations, ${Object.values(counts).reduce((s, n) => s + n, 0)} rows.`);
} finally {
  await sql(serverUrl, `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => undefined);
  execFileSync('git', ['worktree', 'remove', '--force', work], { cwd: repo, stdio: 'inherit' });
}
