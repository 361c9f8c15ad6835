/**
 * Export → import of the demo cooperative into other databases on the same server, and backup →
 * restore of a whole installation: the same rows, the same books, members' balances, stock and open
 * documents, users able to sign in; and every damaged, foreign or newer file refused with nothing
 * loaded.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../app.js';
import { systemClock } from '../../lib/clock.js';
import { startEmbedded } from '../../db/embedded.js';
import { ensureDatabase, migrate } from '../../db/migrate.js';
import { demoDatabase, testDatabase } from '../../../test/support/db.js';
import { makeCoop, makeUser } from '../../../test/support/factories.js';
import { signIn } from '../../../test/support/app.js';
import { DEMO_PASSWORD } from '../demo/demo-users.js';
import { ArchiveFormatError } from './archive-file.js';
import { exportArchive } from './export.js';
import { ArchiveRefusedError, importArchive } from './import.js';
import { ArchiveCheckError } from './verify.js';

// The demo cooperative and one other, in the database everything is exported from.
const demo = await demoDatabase();
const coopId = demo.cooperativeId;
const source = { database: demo, db: demo.db, app: createApp({ db: demo.db, clock: systemClock, mode: 'external' }) };
let otherCoopId: string;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kopdes-archive-'));
const file = path.join(dir, 'alamendah.kopdes');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

beforeAll(async () => {
  otherCoopId = (await makeCoop(source.db)).id;
  await makeUser(source.db, otherCoopId, ['ketua']);
});

async function query<T extends pg.QueryResultRow>(url: string, text: string, params: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<T>(text, params)).rows;
  } finally {
    await c.end();
  }
}

/** Every row of a table, as text, sorted: what "the same data" means. */
async function tableRows(url: string, table: string, scope: { coopId?: string; users?: boolean }): Promise<string[]> {
  const where =
    table === 'cooperatives'
      ? 'WHERE id = $1'
      : table === 'users'
        ? 'WHERE id IN (SELECT user_id FROM cooperative_roles WHERE cooperative_id = $1 UNION SELECT user_id FROM members WHERE cooperative_id = $1)'
        : 'WHERE cooperative_id = $1';
  const rows = await query<{ j: string }>(
    url,
    `SELECT (to_jsonb(t) - 'created_xid')::text AS j FROM "${table}" t ${scope.coopId ? where : ''} ORDER BY 1`,
    scope.coopId ? [scope.coopId] : [],
  );
  return rows.map((r) => r.j);
}

async function figures(url: string, id: string) {
  const app = createApp({
    db: (await import('../../db/client.js')).connect(url, 2).db,
    clock: systemClock,
    mode: 'external',
    bodyLimitBytes: 1 << 20,
  });
  const bendahara = await signIn(app, 'bendahara@alamendah.kopdes.id', DEMO_PASSWORD);
  const get = async (p: string) => {
    const r = await bendahara.request('GET', `/api/coops/${id}${p}`);
    expect(r.status, p).toBe(200);
    return r.body as unknown;
  };
  return {
    trialBalance: await get('/ledger/reports/trial-balance'),
    savings: await get('/savings/balances'),
    stock: await get('/produce/stock/valuation'),
    invoices: await get('/market/invoices'),
    orders: await get('/market/purchase-orders'),
  };
}

describe('export and import of one cooperative', () => {
  let target: string;

  beforeAll(async () => {
    target = (await testDatabase()).url;
  });

  it('exports the demo cooperative and nothing of the other one', async () => {
    const r = await exportArchive(source.database.url, file, { cooperativeId: coopId });
    expect(r.manifest.scope).toBe('cooperative');
    expect(r.manifest.cooperative!.id).toBe(coopId);
    expect(r.counts.journal_entries).toBeGreaterThan(100);
    expect(r.counts.members).toBeGreaterThan(200);
    expect(r.counts.cooperatives).toBe(1);
    expect(fs.existsSync(`${file}.partial`)).toBe(false);
    // National programme records are the ministry's and stay on its server.
    expect(r.manifest.leftOut.map((t) => t.table)).toContain('network_participants');
    const text = zlib.gunzipSync(fs.readFileSync(file)).toString();
    expect(text).not.toContain(otherCoopId);
  });

  it('imports it into another database: the same rows, books, balances, stock and documents', async () => {
    const r = await importArchive(target, file, { scope: 'cooperative' });
    expect(r.matchedUsers).toEqual([]);
    const manifest = r.manifest;
    for (const table of manifest.tables) {
      expect(await tableRows(target, table, { coopId }), table).toEqual(await tableRows(source.database.url, table, { coopId }));
    }
    for (const table of [
      'ledger_monthly_totals',
      'produce_stock',
      'produce_lots',
      'savings_accounts',
      'cooperative_roles',
      'market_invoices',
      'market_payments',
    ]) {
      expect(manifest.tables).toContain(table);
      expect((await tableRows(target, table, { coopId })).length, table).toBeGreaterThan(0);
    }
    expect(await figures(target, coopId)).toEqual(await figures(source.database.url, coopId));
  }, 120_000);

  it('imports it into a fresh PostgreSQL server of its own (the laptop-to-server move, across versions)', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kopdes-archive-server-'));
    fs.chmodSync(dataDir, 0o755); // as root, the embedded postgres runs as `postgres` and must enter it
    const server = await startEmbedded(dataDir);
    try {
      const url = await ensureDatabase(server.url, 'kopdes');
      await migrate(url);
      await importArchive(url, file, { scope: 'cooperative' });
      expect(await figures(url, coopId)).toEqual(await figures(source.database.url, coopId));
    } finally {
      await server.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);

  it('postings go on after the move: the books take a new entry on the imported cooperative', async () => {
    const database = (await import('../../db/client.js')).connect(target, 2);
    const app = createApp({ db: database.db, clock: systemClock, mode: 'external', bodyLimitBytes: 1 << 20 });
    const bendahara = await signIn(app, 'bendahara@alamendah.kopdes.id', DEMO_PASSWORD);
    const [member] = await query<{ id: string }>(
      target,
      "SELECT member_id AS id FROM savings_accounts WHERE cooperative_id = $1 AND kind = 'sukarela' LIMIT 1",
      [coopId],
    );
    const res = await bendahara.request(
      'POST',
      `/api/coops/${coopId}/savings/deposits`,
      { memberId: member!.id, kind: 'sukarela', amount: '50000' },
      { 'idempotency-key': 'after-import-1' },
    );
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    await database.close();
  });

  it('refuses the same cooperative a second time and changes nothing', async () => {
    const before = await query<{ n: string }>(target, 'SELECT count(*) AS n FROM journal_entries');
    await expect(importArchive(target, file, { scope: 'cooperative' })).rejects.toThrow(ArchiveRefusedError);
    expect(await query<{ n: string }>(target, 'SELECT count(*) AS n FROM journal_entries')).toEqual(before);
  });

  it('matches users already on the target server by email and keeps their own password', async () => {
    const other = await testDatabase();
    const { id: existing } = await makeUser(other.db, null, [], { email: 'bendahara@alamendah.kopdes.id', fullName: 'Bendahara Lama' });
    const r = await importArchive(other.url, file, { scope: 'cooperative' });
    expect(r.matchedUsers).toEqual(['bendahara@alamendah.kopdes.id']);
    const roles = await query<{ user_id: string }>(
      other.url,
      "SELECT user_id FROM cooperative_roles WHERE cooperative_id = $1 AND role = 'bendahara'",
      [coopId],
    );
    expect(roles.map((x) => x.user_id)).toEqual([existing]);
    const [sourceUser] = await query<{ id: string }>(
      source.database.url,
      "SELECT id FROM users WHERE email = 'bendahara@alamendah.kopdes.id'",
    );
    const stale = await query<{ n: number }>(other.url, 'SELECT count(*)::int AS n FROM journal_entries WHERE created_by_id = $1', [
      sourceUser!.id,
    ]);
    expect(stale[0]!.n).toBe(0);
    const [{ full_name }] = (await query<{ full_name: string }>(other.url, 'SELECT full_name FROM users WHERE id = $1', [existing])) as [
      { full_name: string },
    ];
    expect(full_name).toBe('Bendahara Lama');
  }, 120_000);
});

/** Rewrites an archive line by line (decompressed), for the damaged-file cases. */
function rewrite(from: string, to: string, edit: (lines: string[]) => string[]) {
  const lines = zlib.gunzipSync(fs.readFileSync(from)).toString().split('\n').filter(Boolean);
  fs.writeFileSync(to, zlib.gzipSync(edit(lines).join('\n') + '\n'));
}

describe('damaged, foreign and newer files', () => {
  let target: string;
  const count = async () =>
    (await query<{ n: number }>(target, 'SELECT count(*)::int AS n FROM cooperatives WHERE id = $1', [coopId]))[0]!.n;

  beforeAll(async () => {
    target = (await testDatabase()).url;
  });

  it('refuses a file cut short', async () => {
    const cut = path.join(dir, 'cut.kopdes');
    const bytes = fs.readFileSync(file);
    fs.writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length / 2)));
    await expect(importArchive(target, cut, { scope: 'cooperative' })).rejects.toThrow(ArchiveFormatError);
    expect(await count()).toBe(0);
  });

  it('refuses a file that is not an archive', async () => {
    const junk = path.join(dir, 'junk.kopdes');
    fs.writeFileSync(junk, 'Nama,NIK\nSiti,3204\n');
    await expect(importArchive(target, junk, { scope: 'cooperative' })).rejects.toThrow(/not a complete kopdes archive/);
  });

  it('refuses a file from a newer kopdes', async () => {
    const newer = path.join(dir, 'newer.kopdes');
    rewrite(file, newer, (lines) => {
      const m = JSON.parse(lines[0]!.slice(2));
      m.migrations.push({ name: '0999_future', checksum: 'x' });
      return [`M\t${JSON.stringify(m)}`, ...lines.slice(1)];
    });
    await expect(importArchive(target, newer, { scope: 'cooperative' })).rejects.toThrow(/newer kopdes/);
    expect(await count()).toBe(0);
  });

  it('refuses a file whose journal lost a line, even with its counts mended, and loads nothing', async () => {
    const broken = path.join(dir, 'broken.kopdes');
    rewrite(file, broken, (lines) => {
      let table = '';
      let dropped = false;
      const out = lines.filter((l) => {
        if (l.startsWith('T\t')) table = JSON.parse(l.slice(2)).table;
        if (!dropped && table === 'journal_lines' && l.startsWith('R\t')) return !(dropped = true);
        return true;
      });
      const end = JSON.parse(out.at(-1)!.slice(2));
      end.counts.journal_lines--;
      return [...out.slice(0, -1), `E\t${JSON.stringify(end)}`];
    });
    await expect(importArchive(target, broken, { scope: 'cooperative' })).rejects.toThrow(ArchiveCheckError);
    expect(await count()).toBe(0);
    expect((await query<{ n: number }>(target, 'SELECT count(*)::int AS n FROM journal_lines'))[0]!.n).toBe(0);
  });

  it('refuses a file whose row counts do not match its end line', async () => {
    const short = path.join(dir, 'short.kopdes');
    rewrite(file, short, (lines) => {
      const end = JSON.parse(lines.at(-1)!.slice(2));
      end.counts.members++;
      return [...lines.slice(0, -1), `E\t${JSON.stringify(end)}`];
    });
    await expect(importArchive(target, short, { scope: 'cooperative' })).rejects.toThrow(/says members has/);
    expect(await count()).toBe(0);
  });

  it('refuses a backup where an export is expected', async () => {
    const backup = path.join(dir, 'whole.kopdes');
    await exportArchive(source.database.url, backup);
    await expect(importArchive(target, backup, { scope: 'cooperative' })).rejects.toThrow(/kopdes restore/);
  });
});

describe('backup and restore of a whole installation', () => {
  it('takes a consistent snapshot while deposits go on, and restores every table', async () => {
    const backup = path.join(dir, 'installation.kopdes');
    const bendahara = await signIn(source.app, 'bendahara@alamendah.kopdes.id', DEMO_PASSWORD);
    const members = await query<{ id: string }>(
      source.database.url,
      "SELECT member_id AS id FROM savings_accounts WHERE cooperative_id = $1 AND kind = 'sukarela' LIMIT 20",
      [coopId],
    );
    let stop = false;
    let deposits = 0;
    const load = (async () => {
      for (let i = 0; !stop; i++) {
        const r = await bendahara.request(
          'POST',
          `/api/coops/${coopId}/savings/deposits`,
          { memberId: members[i % members.length]!.id, kind: 'sukarela', amount: '10000' },
          { 'idempotency-key': `during-backup-${i}` },
        );
        expect(r.status).toBe(201);
        deposits++;
      }
    })();
    const r = await exportArchive(source.database.url, backup);
    stop = true;
    await load;
    expect(deposits).toBeGreaterThan(0);
    expect(r.manifest.scope).toBe('installation');

    const empty = await testDatabase();
    const restored = await importArchive(empty.url, backup, { scope: 'installation' });
    expect(restored.counts.cooperatives).toBe(r.counts.cooperatives);
    for (const table of r.manifest.tables) {
      const rows = await tableRows(empty.url, table, {});
      expect(rows.length, table).toBe(r.counts[table]);
    }
    // The snapshot is one moment: every deposit in it is whole, its savings row, its account
    // balance and its journal entry together (a torn snapshot would break one of these).
    const torn = await query<{ n: number }>(
      empty.url,
      `SELECT count(*)::int AS n FROM savings_accounts a
        WHERE a.cooperative_id = $1 AND a.balance <> coalesce((
          SELECT sum(CASE t.direction WHEN 'in' THEN t.amount ELSE -t.amount END) FROM savings_transactions t
           WHERE t.cooperative_id = a.cooperative_id AND t.member_id = a.member_id AND t.kind = a.kind), 0)`,
      [coopId],
    );
    expect(torn[0]!.n).toBe(0);
    const orphans = await query<{ n: number }>(
      empty.url,
      `SELECT count(*)::int AS n FROM savings_transactions t WHERE t.cooperative_id = $1
          AND NOT EXISTS (SELECT 1 FROM journal_entries e WHERE e.cooperative_id = t.cooperative_id AND e.id = t.journal_entry_id)`,
      [coopId],
    );
    expect(orphans[0]!.n).toBe(0);
    await expect(importArchive(empty.url, backup, { scope: 'installation' })).rejects.toThrow(/empty installation/);
  }, 180_000);
});
