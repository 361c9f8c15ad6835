/**
 * What an archive holds, read from the database's own catalog so a table added by a later
 * migration is carried without anyone remembering to list it here.
 *
 * Two scopes:
 * - `installation`: every table except the ephemeral ones (sessions, idempotency keys, sign-in
 *   throttling, the migrations ledger) — a backup of a whole server.
 * - `cooperative`: the tables keyed by `cooperative_id`, for one cooperative, plus the users its rows
 *   name. A table whose foreign keys lead to national records (the ministry's internship batches,
 *   its partner registry) is left out: those records belong to the national server, not to the
 *   cooperative that moves (see docs/decisions/0090).
 */
import type pg from 'pg';

export interface ForeignKey {
  columns: string[];
  refTable: string;
  refColumns: string[];
}

export interface TableInfo {
  name: string;
  columns: string[];
  foreignKeys: ForeignKey[];
}

export type Catalog = Map<string, TableInfo>;

/** Rows that only matter to a running server: never archived. */
export const EPHEMERAL_TABLES = new Set(['sessions', 'idempotency_keys', 'auth_throttle', 'kopdes_migrations']);

/** Kept by triggers from the rows they summarise: archived, then checked against a recomputation. */
export const DERIVED_TABLES = new Set(['ledger_monthly_totals', 'produce_stock']);

/**
 * Columns that hold a user id without a foreign key (who did it). When an imported user is matched
 * to an existing account on the target server, these follow the match like the foreign keys do.
 */
export const USER_ID_COLUMNS = new Set(['actor_id', 'created_by_id', 'created_by', 'uploaded_by', 'reported_by', 'last_run_by']);

export async function readCatalog(client: pg.ClientBase): Promise<Catalog> {
  const { rows: cols } = await client.query<{ table: string; column: string }>(`
    SELECT c.relname AS table, a.attname AS column
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
     WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
     ORDER BY c.relname, a.attnum`);
  const catalog: Catalog = new Map();
  for (const { table, column } of cols) {
    const info = catalog.get(table) ?? { name: table, columns: [], foreignKeys: [] };
    info.columns.push(column);
    catalog.set(table, info);
  }
  const { rows: fks } = await client.query<{ table: string; ref_table: string; columns: string[]; ref_columns: string[] }>(`
    SELECT c.conrelid::regclass::text AS table, c.confrelid::regclass::text AS ref_table,
           array(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY k(n, i)
                   JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.i) AS columns,
           array(SELECT a.attname::text FROM unnest(c.confkey) WITH ORDINALITY k(n, i)
                   JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n ORDER BY k.i) AS ref_columns
      FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
     WHERE c.contype = 'f' AND n.nspname = 'public'
     ORDER BY 1, c.conname`);
  for (const fk of fks) {
    catalog.get(fk.table)?.foreignKeys.push({ columns: fk.columns, refTable: fk.ref_table, refColumns: fk.ref_columns });
  }
  return catalog;
}

export interface ScopePlan {
  /** Tables in the archive, in the order they are written (cooperatives and users first). */
  tables: string[];
  /** Cooperative-keyed tables left out, with the national table that keeps them out. */
  leftOut: { table: string; because: string }[];
}

export function installationScope(catalog: Catalog): ScopePlan {
  const rest = [...catalog.keys()].filter((t) => !EPHEMERAL_TABLES.has(t) && t !== 'cooperatives' && t !== 'users').sort();
  return { tables: ['cooperatives', 'users', ...rest], leftOut: [] };
}

export function cooperativeScope(catalog: Catalog): ScopePlan {
  const own = new Set(
    [...catalog.values()].filter((t) => t.columns.includes('cooperative_id') && !EPHEMERAL_TABLES.has(t.name)).map((t) => t.name),
  );
  own.delete('cooperatives');
  const leftOut: ScopePlan['leftOut'] = [];
  // Fixed point: a table stays only if every table it points to is in the archive.
  for (let changed = true; changed;) {
    changed = false;
    for (const name of [...own]) {
      const outside = catalog
        .get(name)!
        .foreignKeys.find((fk) => fk.refTable !== 'cooperatives' && fk.refTable !== 'users' && !own.has(fk.refTable));
      if (outside) {
        own.delete(name);
        leftOut.push({ table: name, because: outside.refTable });
        changed = true;
      }
    }
  }
  return { tables: ['cooperatives', 'users', ...[...own].sort()], leftOut: leftOut.sort((a, b) => a.table.localeCompare(b.table)) };
}

/** Columns of `table` that name a user: its foreign keys to users plus the known "who" columns. */
export function userColumns(info: TableInfo): string[] {
  const viaKeys = info.foreignKeys.filter((fk) => fk.refTable === 'users').flatMap((fk) => fk.columns);
  return [...new Set([...viaKeys, ...info.columns.filter((c) => USER_ID_COLUMNS.has(c))])];
}

/** The users a cooperative's rows point to by foreign key: the ones its archive must carry. */
export function cooperativeUsersQuery(catalog: Catalog, plan: ScopePlan): string {
  const parts = plan.tables
    .filter((t) => t !== 'users' && t !== 'cooperatives')
    .flatMap((t) =>
      catalog
        .get(t)!
        .foreignKeys.filter((fk) => fk.refTable === 'users')
        .map((fk) => `SELECT ${ident(fk.columns[0]!)} AS id FROM ${ident(t)} WHERE cooperative_id = $1`),
    );
  return parts.length ? parts.join(' UNION ') : 'SELECT NULL::text AS id WHERE false';
}

export const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
