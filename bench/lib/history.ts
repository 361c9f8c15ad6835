/**
 * A benchmark's cooperative starts with a history and statistics, as pgbench starts from tables it
 * has loaded and then vacuumed and analyzed (`pgbench -i`). Measured on a database made a moment
 * before, PostgreSQL would plan every statement for empty tables, keep those plans on the server's
 * connections (the ledger's guards and foreign-key checks among them) and then scan the growing
 * journal with them on every posting until autovacuum's first ANALYZE, a minute or more later: the
 * first minutes of a brand-new cooperative, not the working one the bar is about.
 */
import type pg from 'pg';

export async function settle(pool: pg.Pool, record: (i: number) => Promise<unknown>, count: number): Promise<void> {
  for (let i = 0; i < count; i++) await record(i);
  await pool.query('VACUUM ANALYZE');
}
