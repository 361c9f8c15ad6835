/**
 * Writes an archive of one cooperative or of the whole installation from one consistent snapshot
 * (a read-only REPEATABLE READ transaction): a server that keeps taking deposits meanwhile changes
 * nothing in the file.
 */
import fs from 'node:fs';
import pg from 'pg';
import { VERSION } from '../../version.js';
import { ArchiveWriter, ARCHIVE_FORMAT, ARCHIVE_FORMAT_VERSION, type Manifest } from './archive-file.js';
import { cooperativeScope, cooperativeUsersQuery, ident, installationScope, readCatalog, type Catalog, type ScopePlan } from './catalog.js';

const FETCH_ROWS = 2000;

export class ArchiveSourceError extends Error {}

export interface ExportResult {
  manifest: Manifest;
  counts: Record<string, number>;
  bytes: number;
}

export async function exportArchive(databaseUrl: string, file: string, opts: { cooperativeId?: string } = {}): Promise<ExportResult> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const writer = new ArchiveWriter(file);
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const catalog = await readCatalog(client);
    const plan = opts.cooperativeId ? cooperativeScope(catalog) : installationScope(catalog);
    const manifest = await buildManifest(client, plan, opts.cooperativeId);
    await writer.line('M', JSON.stringify(manifest));
    const counts: Record<string, number> = {};
    for (const table of plan.tables) {
      const { where, params } = rowsOf(catalog, plan, table, opts.cooperativeId);
      await writer.line('T', JSON.stringify({ table, columns: catalog.get(table)!.columns }));
      counts[table] = await streamRows(client, writer, `SELECT to_jsonb(t)::text AS j FROM ${ident(table)} t ${where}`, params);
    }
    await writer.line('E', JSON.stringify({ counts }));
    await client.query('COMMIT');
    await writer.finish();
    return { manifest, counts, bytes: fs.statSync(file).size };
  } catch (e) {
    writer.abort();
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    await client.end();
  }
}

async function buildManifest(client: pg.Client, plan: ScopePlan, cooperativeId: string | undefined): Promise<Manifest> {
  const { rows: migrations } = await client.query<{ name: string; checksum: string }>(
    'SELECT name, checksum FROM kopdes_migrations ORDER BY name',
  );
  let cooperative: Manifest['cooperative'];
  if (cooperativeId) {
    const { rows } = await client.query<{ id: string; name: string }>('SELECT id, name FROM cooperatives WHERE id = $1', [cooperativeId]);
    if (!rows[0]) throw new ArchiveSourceError(`No cooperative with id ${cooperativeId} in this database.`);
    cooperative = rows[0];
  }
  return {
    format: ARCHIVE_FORMAT,
    formatVersion: ARCHIVE_FORMAT_VERSION,
    scope: cooperativeId ? 'cooperative' : 'installation',
    cooperative,
    kopdesVersion: VERSION,
    migrations,
    createdAt: new Date().toISOString(),
    tables: plan.tables,
    leftOut: plan.leftOut,
  };
}

function rowsOf(catalog: Catalog, plan: ScopePlan, table: string, cooperativeId: string | undefined) {
  if (!cooperativeId) return { where: '', params: [] as string[] };
  if (table === 'cooperatives') return { where: 'WHERE id = $1', params: [cooperativeId] };
  if (table === 'users') return { where: `WHERE id IN (${cooperativeUsersQuery(catalog, plan)})`, params: [cooperativeId] };
  return { where: 'WHERE cooperative_id = $1', params: [cooperativeId] };
}

async function streamRows(client: pg.Client, writer: ArchiveWriter, query: string, params: string[]): Promise<number> {
  await client.query(`DECLARE archive_rows NO SCROLL CURSOR FOR ${query}`, params);
  let count = 0;
  for (;;) {
    const { rows } = await client.query<{ j: string }>(`FETCH ${FETCH_ROWS} FROM archive_rows`);
    for (const row of rows) await writer.line('R', row.j);
    count += rows.length;
    if (rows.length < FETCH_ROWS) break;
  }
  await client.query('CLOSE archive_rows');
  return count;
}
