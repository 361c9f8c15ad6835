import { drizzle, type NodePgDatabase, type NodePgQueryResultHKT } from 'drizzle-orm/node-postgres';
import type { PgDatabase } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { schema } from './schema.js';

// bigint columns come back as strings by default; money and quantities must be exact bigint.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => BigInt(v));
// `date` stays the business-date string it is; parsing it into a JS Date would shift it by zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

export type Schema = typeof schema;
/** The database or a transaction on it: services accept either, so callers decide the boundary. */
export type Db = PgDatabase<NodePgQueryResultHKT, Schema>;

export interface Database {
  db: NodePgDatabase<Schema>;
  pool: pg.Pool;
  close(): Promise<void>;
}

export function connect(url: string, max = 20): Database {
  const pool = new pg.Pool({ connectionString: url, max, idleTimeoutMillis: 30_000 });
  pool.on('error', () => undefined); // a dropped idle connection is replaced on next use
  // A connection lost while checked out (the server shutting down under a running transaction)
  // also emits 'error' on the client; its query rejects with the same error, which is where it is
  // handled. Without a listener the event would end the process.
  pool.on('connect', (client) => client.on('error', () => undefined));
  const db = drizzle(pool, { schema });
  return { db, pool, close: () => pool.end() };
}
