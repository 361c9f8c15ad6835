/**
 * Loads an archive into a migrated kopdes database in one transaction: all of it, checked, or
 * nothing.
 *
 * Rows are inserted exactly as exported, with triggers and foreign-key checks switched off for the
 * transaction (session_replication_role = replica, which needs a superuser connection): posted
 * rows are append-only and their triggers would refuse to replay history in any order but the
 * original one. verify.ts then checks, before the commit, everything those triggers guard.
 *
 * A cooperative's archive brings its users. A user already on the target server (same email or
 * phone) is not duplicated: the archive's rows are pointed at that account, and its password and
 * platform role stay as they are; a new user never arrives with a platform role.
 */
import pg from 'pg';
import { migrationFiles } from '../../db/migrate.js';
import { ArchiveFormatError, ARCHIVE_FORMAT_VERSION, readArchive, type Manifest } from './archive-file.js';
import { ident, readCatalog, userColumns, type Catalog } from './catalog.js';
import { verifyLoaded } from './verify.js';

export class ArchiveRefusedError extends Error {}

export interface ImportResult {
  manifest: Manifest;
  counts: Record<string, number>;
  /** Users of the archive that were matched to accounts already on the server, by email. */
  matchedUsers: string[];
}

const BATCH_ROWS = 1000;
const BATCH_CHARS = 4 * 1024 * 1024;

export async function importArchive(databaseUrl: string, file: string, opts: { scope: Manifest['scope'] }): Promise<ImportResult> {
  const lines = readArchive(file);
  const first = await lines.next();
  if (first.done || first.value.kind !== 'M') throw new ArchiveFormatError('The file does not start with a kopdes archive manifest.');
  const manifest = first.value.manifest;
  checkVersion(manifest);
  if (manifest.scope !== opts.scope) {
    throw new ArchiveRefusedError(
      manifest.scope === 'cooperative'
        ? 'This file is the export of one cooperative: load it with "kopdes import".'
        : 'This file is a backup of a whole installation: load it with "kopdes restore".',
    );
  }
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    await switchOffTriggers(client);
    await checkTarget(client, manifest);
    const catalog = await readCatalog(client);
    const load = new Loader(client, catalog, manifest);
    let ended: Record<string, number> | undefined;
    for await (const line of lines) {
      if (ended) throw new ArchiveFormatError('The archive has data after its end line.');
      if (line.kind === 'T') await load.startTable(line.table, line.columns);
      else if (line.kind === 'R') await load.row(line.json);
      else if (line.kind === 'E') ended = line.counts;
      else throw new ArchiveFormatError('The archive has a second manifest.');
    }
    const counts = await load.finish();
    if (!ended) throw new ArchiveFormatError(`${file} has no end line: it was cut short.`);
    for (const [table, n] of Object.entries(ended)) {
      if ((counts[table] ?? 0) !== n)
        throw new ArchiveFormatError(`The archive says ${table} has ${n} rows but holds ${counts[table] ?? 0}.`);
    }
    await client.query('SET LOCAL session_replication_role = origin');
    await verifyLoaded(client, catalog, Object.keys(counts), manifest.cooperative?.id);
    await client.query('COMMIT');
    return { manifest, counts, matchedUsers: load.matchedUsers };
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    await client.end();
  }
}

function checkVersion(manifest: Manifest) {
  if (manifest.formatVersion > ARCHIVE_FORMAT_VERSION) {
    throw new ArchiveRefusedError(
      `The file was written by a newer kopdes (archive format ${manifest.formatVersion}; this kopdes reads up to ${ARCHIVE_FORMAT_VERSION}). Upgrade kopdes first.`,
    );
  }
  const known = new Map(migrationFiles().map((f) => [f.name, f]));
  for (const m of manifest.migrations) {
    const mine = known.get(m.name);
    if (!mine) {
      throw new ArchiveRefusedError(
        `The file was written by a newer kopdes (its database has migration ${m.name}, which this kopdes does not know). Upgrade kopdes first.`,
      );
    }
    if (mine.checksum !== m.checksum) {
      throw new ArchiveRefusedError(
        `The file's migration ${m.name} differs from this kopdes's: it comes from a different build of kopdes.`,
      );
    }
  }
}

async function switchOffTriggers(client: pg.Client) {
  try {
    await client.query('SET LOCAL session_replication_role = replica');
  } catch (e) {
    throw new ArchiveRefusedError(
      `Loading an archive needs a database superuser (to replay append-only history); the connection's user may not (${(e as Error).message}).`,
    );
  }
}

async function checkTarget(client: pg.Client, manifest: Manifest) {
  if (manifest.scope === 'cooperative') {
    const coop = manifest.cooperative!;
    const { rowCount } = await client.query('SELECT 1 FROM cooperatives WHERE id = $1', [coop.id]);
    if (rowCount) throw new ArchiveRefusedError(`The cooperative ${coop.name} (${coop.id}) is already on this server; nothing was loaded.`);
    return;
  }
  const { rows } = await client.query<{ n: number }>('SELECT (SELECT count(*) FROM cooperatives) + (SELECT count(*) FROM users) AS n');
  if (Number(rows[0]!.n) > 0) {
    throw new ArchiveRefusedError('A backup is restored only into an empty installation; this database already has cooperatives or users.');
  }
}

/** Feeds the rows of each table to the database in batches. */
class Loader {
  readonly matchedUsers: string[] = [];
  private readonly counts: Record<string, number> = {};
  private table: string | undefined;
  private insert: string | undefined;
  private batch: string[] = [];
  private chars = 0;
  private userMap = false;

  constructor(
    private readonly client: pg.Client,
    private readonly catalog: Catalog,
    private readonly manifest: Manifest,
  ) {}

  async startTable(table: string, columns: string[]) {
    await this.flush();
    if (this.table === 'users' && this.manifest.scope === 'cooperative') await this.matchUsers();
    const info = this.catalog.get(table);
    if (!info) throw new ArchiveRefusedError(`The archive has a table ${table} that this kopdes does not have.`);
    const unknown = columns.filter((c) => !info.columns.includes(c));
    if (unknown.length)
      throw new ArchiveRefusedError(`The archive's table ${table} has columns this kopdes does not have: ${unknown.join(', ')}.`);
    if (table in this.counts) throw new ArchiveFormatError(`The archive has the table ${table} twice.`);
    this.table = table;
    this.counts[table] = 0;
    const remap = this.userMap ? new Set(userColumns(info)) : new Set<string>();
    const values = columns.map((c) => {
      // An entry's lines may only be added in the transaction that made it: the loaded entries
      // belong to this transaction, not to a transaction id of the server they came from.
      if (table === 'journal_entries' && c === 'created_xid') return 'pg_current_xact_id()';
      if (remap.has(c)) return `coalesce((SELECT m.to_id FROM archive_user_map m WHERE m.from_id = r.${ident(c)}), r.${ident(c)})`;
      return `r.${ident(c)}`;
    });
    const target = table === 'users' && this.manifest.scope === 'cooperative' ? 'archive_users' : table;
    if (target === 'archive_users') {
      await this.client.query('CREATE TEMP TABLE archive_users (LIKE users) ON COMMIT DROP');
    }
    this.insert = `INSERT INTO ${ident(target)} (${columns.map(ident).join(', ')})
      SELECT ${values.join(', ')} FROM jsonb_populate_recordset(NULL::${ident(table)}, $1::jsonb) r`;
  }

  async row(json: string) {
    if (!this.table) throw new ArchiveFormatError('The archive has a row before any table header.');
    this.batch.push(json);
    this.chars += json.length;
    this.counts[this.table]!++;
    if (this.batch.length >= BATCH_ROWS || this.chars >= BATCH_CHARS) await this.flush();
  }

  async finish(): Promise<Record<string, number>> {
    await this.flush();
    if (this.table === 'users' && this.manifest.scope === 'cooperative') await this.matchUsers();
    return this.counts;
  }

  private async flush() {
    if (!this.batch.length) return;
    await this.client.query(this.insert!, [`[${this.batch.join(',')}]`]);
    this.batch = [];
    this.chars = 0;
  }

  /** Users of a cooperative's archive: reuse the server's account with the same email or phone. */
  private async matchUsers() {
    const { rows } = await this.client.query<{
      id: string;
      email: string | null;
      same: string | null;
      by_email: string | null;
      by_phone: string | null;
    }>(`
      SELECT a.id, a.email, s.id AS same, e.id AS by_email, p.id AS by_phone
        FROM archive_users a
        LEFT JOIN users s ON s.id = a.id
        LEFT JOIN users e ON e.email = a.email
        LEFT JOIN users p ON p.phone = a.phone`);
    await this.client.query('CREATE TEMP TABLE archive_user_map (from_id text PRIMARY KEY, to_id text NOT NULL) ON COMMIT DROP');
    for (const u of rows) {
      if (u.same) continue;
      if (u.by_email && u.by_phone && u.by_email !== u.by_phone) {
        throw new ArchiveRefusedError(
          `The archive's user ${u.email ?? u.id} matches two different accounts on this server (by email and by phone).`,
        );
      }
      const existing = u.by_email ?? u.by_phone;
      if (existing) {
        await this.client.query('INSERT INTO archive_user_map (from_id, to_id) VALUES ($1, $2)', [u.id, existing]);
        this.matchedUsers.push(u.email ?? u.id);
      } else {
        await this.client.query('INSERT INTO users SELECT * FROM archive_users WHERE id = $1', [u.id]);
        await this.client.query('UPDATE users SET platform_role = NULL WHERE id = $1', [u.id]);
      }
    }
    this.userMap = this.matchedUsers.length > 0;
  }
}
