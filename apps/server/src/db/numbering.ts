import { sql } from 'drizzle-orm';
import type { Db } from './client.js';

/**
 * Next gap-free number of a series (e.g. `JU-2025`), taken inside the caller's transaction: the row
 * lock is held until commit, so a rolled-back operation gives its number back. Call it as late in
 * the transaction as possible, since it serialises writers of the same series.
 * @example await nextNumber(tx, coopId, 'JU-2025') // 124n
 */
export async function nextNumber(db: Db, cooperativeId: string, series: string): Promise<bigint> {
  const res = await db.execute<{ last_value: bigint }>(sql`
    INSERT INTO number_sequences (cooperative_id, series, last_value) VALUES (${cooperativeId}, ${series}, 1)
    ON CONFLICT (cooperative_id, series) DO UPDATE SET last_value = number_sequences.last_value + 1
    RETURNING last_value`);
  return BigInt(res.rows[0]!.last_value);
}
