import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../test/support/db.js';
import type { Db } from './client.js';
import { concurrentOnPool } from './concurrent.js';

let db: Db;
beforeAll(async () => {
  db = (await testDatabase()).db;
});

/** A query that logs when it starts and ends, to see whether two of them overlapped. */
const traced = (on: Db, name: string, log: string[]) => async () => {
  log.push(`${name} start`);
  const r = await on.execute<{ pid: number }>(sql`SELECT pg_backend_pid() AS pid, pg_sleep(0.02)`);
  log.push(`${name} end`);
  return { name, pid: r.rows[0]!.pid };
};

describe('concurrentOnPool', () => {
  it('runs the queries at once on the pool, each on its own connection', async () => {
    const log: string[] = [];
    const [a, b] = await concurrentOnPool(db, traced(db, 'a', log), traced(db, 'b', log));
    expect(log.slice(0, 2)).toEqual(['a start', 'b start']);
    expect([a.name, b.name]).toEqual(['a', 'b']);
    expect(a.pid).not.toBe(b.pid);
  });

  it('runs them one after another in a transaction (and in a savepoint), in order', async () => {
    const log: string[] = [];
    await db.transaction(async (transaction) => {
      const tx = transaction as unknown as Db;
      const [a, b] = await concurrentOnPool(tx, traced(tx, 'a', log), traced(tx, 'b', log));
      expect([a.name, b.name]).toEqual(['a', 'b']);
      await tx.transaction(async (savepoint) => {
        const sp = savepoint as unknown as Db;
        await concurrentOnPool(sp, traced(sp, 'c', log), traced(sp, 'd', log));
      });
    });
    expect(log).toEqual(['a start', 'a end', 'b start', 'b end', 'c start', 'c end', 'd start', 'd end']);
  });
});
