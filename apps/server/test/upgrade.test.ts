/**
 * Upgrade: a database left by an older kopdes (a fixture made by scripts/make-upgrade-fixture.mjs,
 * with its demo cooperative) starts with today's code: the missing migrations apply — here one that
 * sorts before an applied one — nothing is lost, the books still hold together, and people sign in
 * and post as before.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { connect } from '../src/db/client.js';
import { migrate, migrationFiles } from '../src/db/migrate.js';
import { systemClock } from '../src/lib/clock.js';
import { DEMO_PASSWORD } from '../src/workflows/demo/demo-users.js';
import { readCatalog } from '../src/workflows/archive/catalog.js';
import { verifyLoaded } from '../src/workflows/archive/verify.js';
import { signIn } from './support/app.js';
import { emptyDatabase } from './support/db.js';

const FIXTURES = new URL('./fixtures/upgrade/', import.meta.url).pathname;

interface Fixture {
  commit: string;
  migrations: string[];
  counts: Record<string, number>;
  cooperatives: { id: string; name: string; balances: Record<string, string> | null; savings: string }[];
}

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** Loads a plain pg_dump: psql's own commands (\restrict and the like) are not SQL and are skipped. */
async function loadDump(url: string, file: string) {
  const text = zlib
    .gunzipSync(fs.readFileSync(file))
    .toString('utf8')
    .split('\n')
    .filter((line) => !line.startsWith('\\'))
    .join('\n');
  await withClient(url, (c) => c.query(text));
}

const fixtures = fs.readdirSync(FIXTURES).filter((f) => f.endsWith('.json'));

describe('upgrading a database made by an older kopdes', () => {
  it('there is at least one fixture', () => expect(fixtures.length).toBeGreaterThan(0));

  for (const name of fixtures) {
    const fixture = JSON.parse(fs.readFileSync(path.join(FIXTURES, name), 'utf8')) as Fixture;

    it(`starts on the database of ${fixture.commit} and loses nothing`, async () => {
      const url = await emptyDatabase();
      await loadDump(url, path.join(FIXTURES, `${fixture.commit}.sql.gz`));

      const applied = await migrate(url);
      const expected = migrationFiles()
        .map((f) => f.name)
        .filter((n) => !fixture.migrations.includes(n));
      expect(applied).toEqual(expected);
      expect(applied.length).toBeGreaterThan(0);

      await withClient(url, async (c) => {
        for (const [table, n] of Object.entries(fixture.counts)) {
          const grown = table === 'kopdes_migrations' ? applied.length : 0;
          const { rows } = await c.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${table}"`);
          expect(rows[0]!.n, table).toBe(n + grown);
        }
        for (const coop of fixture.cooperatives) {
          const { rows } = await c.query<{ account: string; balance: string }>(
            `SELECT account, (sum(debit) - sum(credit))::text AS balance FROM journal_lines WHERE cooperative_id = $1 GROUP BY account ORDER BY account`,
            [coop.id],
          );
          expect(Object.fromEntries(rows.map((r) => [r.account, r.balance])), coop.name).toEqual(coop.balances ?? {});
          const savings = await c.query<{ s: string }>(
            'SELECT coalesce(sum(balance), 0)::text AS s FROM savings_accounts WHERE cooperative_id = $1',
            [coop.id],
          );
          expect(savings.rows[0]!.s).toBe(coop.savings);
        }
        // References, trigger-kept totals and balanced entries, over the whole upgraded database.
        const catalog = await readCatalog(c);
        await verifyLoaded(c, catalog, [...catalog.keys()]);
      });

      const database = connect(url, 2);
      try {
        const app = createApp({ db: database.db, clock: systemClock, mode: 'external', bodyLimitBytes: 1 << 20 });
        const bendahara = await signIn(app, 'bendahara@alamendah.kopdes.id', DEMO_PASSWORD);
        const [{ coopId }] = (await withClient(
          url,
          async (c) =>
            (
              await c.query<{ coopId: string }>(
                `SELECT r.cooperative_id AS "coopId" FROM cooperative_roles r JOIN users u ON u.id = r.user_id
                WHERE u.email = 'bendahara@alamendah.kopdes.id'`,
              )
            ).rows,
        )) as [{ coopId: string }];
        expect((await bendahara.request('GET', `/api/coops/${coopId}/ledger/reports/trial-balance`)).status).toBe(200);
        const [member] = await withClient(
          url,
          async (c) =>
            (
              await c.query<{ id: string }>(
                "SELECT member_id AS id FROM savings_accounts WHERE cooperative_id = $1 AND kind = 'sukarela' LIMIT 1",
                [coopId],
              )
            ).rows,
        );
        const deposit = await bendahara.request(
          'POST',
          `/api/coops/${coopId}/savings/deposits`,
          { memberId: member!.id, kind: 'sukarela', amount: '25000' },
          { 'idempotency-key': 'after-upgrade-1' },
        );
        expect(deposit.status, JSON.stringify(deposit.body)).toBe(201);
        // A module the old kopdes did not have works on the old data.
        expect((await bendahara.request('GET', `/api/coops/${coopId}/market/partners`)).status).toBe(200);
      } finally {
        await database.close();
      }
    }, 240_000);
  }
});
