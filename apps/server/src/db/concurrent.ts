import { PgTransaction } from 'drizzle-orm/pg-core';
import type { Db } from './client.js';

type Tasks<T extends unknown[]> = { [K in keyof T]: () => PromiseLike<T[K]> };

/**
 * Independent queries: all at once on the pool, where each borrows its own connection, but one
 * after another in a transaction. A transaction is a single connection, and pg only queues
 * overlapping queries on one (with a deprecation warning); pg 9 refuses them. Pass functions, not
 * promises, so that nothing starts before it is its turn.
 *
 * @example const [members, plots] = await concurrentOnPool(db, () => membersWithGroups(db, id), () => repo.plots(db, id));
 */
export async function concurrentOnPool<T extends unknown[]>(db: Db, ...tasks: Tasks<T>): Promise<T> {
  const run = tasks as (() => PromiseLike<unknown>)[];
  if (!(db instanceof PgTransaction)) return (await Promise.all(run.map((task) => task()))) as T;
  const results: unknown[] = [];
  for (const task of run) results.push(await task());
  return results as T;
}

/** `items.map(fn)`, awaited, by the same rule: at once on the pool, one at a time in a transaction. */
export async function eachOnPool<T, U>(db: Db, items: readonly T[], fn: (item: T) => Promise<U>): Promise<U[]> {
  if (!(db instanceof PgTransaction)) return Promise.all(items.map(fn));
  const out: U[] = [];
  for (const item of items) out.push(await fn(item));
  return out;
}
