/**
 * `kopdes export | import | backup | restore`: moving a cooperative between servers and keeping a
 * whole installation safe. See docs/decisions/0090.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import type { Config } from '../../config.js';
import { isAlive, readLock, startEmbedded } from '../../db/embedded.js';
import { ensureDatabase, migrate } from '../../db/migrate.js';
import { ArchiveFormatError } from './archive-file.js';
import { ArchiveSourceError, exportArchive } from './export.js';
import { ArchiveRefusedError, importArchive } from './import.js';
import { ArchiveCheckError } from './verify.js';

export const ARCHIVE_HELP = `Usage: kopdes export --cooperative ID|NAME FILE
       kopdes import FILE
       kopdes backup FILE
       kopdes restore FILE [--replace]

  export    one cooperative's complete data (books, members, savings, harvests, stock, sales,
            plans, its users) from one consistent snapshot, to a compressed, versioned file.
            Safe while the server runs.
  import    load such a file into this kopdes (embedded, or DATABASE_URL): the cooperative must not
            be there yet; users with the same email or phone are matched to the existing accounts.
            A file from a newer kopdes is refused. All or nothing, checked before it commits.
  backup    the whole installation (every cooperative, user and national record) to one file.
            Safe while the server runs.
  restore   load a backup into an installation with no data yet.
    --replace  (embedded only, with the server stopped) drop this installation's database first.

The database is the embedded one in KOPDES_DATA_DIR, or DATABASE_URL when it is set. Loading needs
a superuser connection (the embedded database has one).`;

interface Access {
  withUrl: <T>(fn: (url: string) => Promise<T>) => Promise<T>;
  findCoop: (ref: string) => Promise<string>;
}

const usage = (message: string) => Object.assign(new Error(message), { code: 'ERR_PARSE_ARGS_ARCHIVE' });

export async function archiveCommand(
  cmd: 'export' | 'import' | 'backup' | 'restore',
  args: string[],
  config: Config,
  access: Access,
): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { cooperative: { type: 'string' }, replace: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) return (console.log(ARCHIVE_HELP), 0);
  if (positionals.length !== 1) throw usage(`Give exactly one file: kopdes ${cmd} ${cmd === 'export' ? '--cooperative ID|NAME ' : ''}FILE`);
  const file = path.resolve(positionals[0]!);
  if (values.cooperative && cmd !== 'export') throw usage('--cooperative is for "kopdes export" only.');
  if (values.replace && cmd !== 'restore') throw usage('--replace is for "kopdes restore" only.');
  try {
    switch (cmd) {
      case 'export':
      case 'backup': {
        if (cmd === 'export' && !values.cooperative) throw usage('--cooperative is required: the kop_… id or the exact name.');
        if (fs.existsSync(file)) throw usage(`${file} exists already; give a new file name.`);
        const cooperativeId = values.cooperative ? await access.findCoop(values.cooperative) : undefined;
        const r = await access.withUrl((url) => exportArchive(url, file, { cooperativeId }));
        const rows = Object.values(r.counts).reduce((s, n) => s + n, 0);
        console.log(
          `${cmd === 'export' ? `Exported ${r.manifest.cooperative!.name}` : 'Backed up the installation'}: ${rows} rows in ${r.manifest.tables.length} tables, ${kib(r.bytes)} → ${file}`,
        );
        if (r.manifest.leftOut.length) {
          console.log(`  Kept by the national server, not in the file: ${r.manifest.leftOut.map((t) => t.table).join(', ')}.`);
        }
        return 0;
      }
      case 'import': {
        const r = await access.withUrl((url) => importArchive(url, file, { scope: 'cooperative' }));
        const rows = Object.values(r.counts).reduce((s, n) => s + n, 0);
        console.log(`Imported ${r.manifest.cooperative!.name} (${r.manifest.cooperative!.id}): ${rows} rows, checked.`);
        if (r.matchedUsers.length)
          console.log(`  Users already on this server, kept with their own passwords: ${r.matchedUsers.join(', ')}.`);
        return 0;
      }
      case 'restore': {
        const r = await restore(config, file, !!values.replace, access);
        const rows = Object.values(r.counts).reduce((s, n) => s + n, 0);
        console.log(`Restored the backup of ${r.manifest.createdAt}: ${rows} rows, checked.`);
        return 0;
      }
    }
  } catch (e) {
    if (
      e instanceof ArchiveFormatError ||
      e instanceof ArchiveRefusedError ||
      e instanceof ArchiveCheckError ||
      e instanceof ArchiveSourceError
    ) {
      console.error(`kopdes: ${e.message}`);
      return 1;
    }
    throw e;
  }
}

async function restore(config: Config, file: string, replace: boolean, access: Access) {
  if (!replace) return access.withUrl(async (url) => importArchive(url, file, { scope: 'installation' }));
  if (config.databaseUrl) throw usage('--replace works on the embedded database only; restore into an empty DATABASE_URL instead.');
  const lock = readLock(config.dataDir);
  if (lock && isAlive(lock.pid)) throw new ArchiveRefusedError(`Stop the kopdes server (pid ${lock.pid}) before restoring over its data.`);
  const embedded = await startEmbedded(config.dataDir);
  try {
    // Load into a second database and swap it in only when the load has passed its checks: a
    // damaged backup never costs the installation its current data.
    await adminQuery(embedded.url, 'DROP DATABASE IF EXISTS kopdes_restoring WITH (FORCE)');
    const url = await ensureDatabase(embedded.url, 'kopdes_restoring');
    await migrate(url);
    const result = await importArchive(url, file, { scope: 'installation' });
    await adminQuery(embedded.url, 'DROP DATABASE IF EXISTS kopdes WITH (FORCE)');
    await adminQuery(embedded.url, 'ALTER DATABASE kopdes_restoring RENAME TO kopdes');
    return result;
  } catch (e) {
    await adminQuery(embedded.url, 'DROP DATABASE IF EXISTS kopdes_restoring WITH (FORCE)').catch(() => undefined);
    throw e;
  } finally {
    await embedded.stop();
  }
}

async function adminQuery(serverUrl: string, sql: string) {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

const kib = (bytes: number) => (bytes < 1024 * 1024 ? `${Math.ceil(bytes / 1024)} KiB` : `${(bytes / 1024 / 1024).toFixed(1)} MiB`);
