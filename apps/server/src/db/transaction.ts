import { PgTransaction } from 'drizzle-orm/pg-core';
import type { Db } from './client.js';

/**
 * Runs `fn` in the caller's transaction when there is one, else in a new one. No savepoint: an
 * error inside aborts the caller's transaction anyway (nothing catches and carries on), and the
 * two savepoint round trips would sit on the hot posting path.
 */
export async function inTransaction<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
  return db instanceof PgTransaction ? fn(db as unknown as Db) : db.transaction((tx) => fn(tx as unknown as Db));
}
