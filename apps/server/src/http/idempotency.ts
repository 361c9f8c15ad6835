/**
 * `Idempotency-Key` for every money- or stock-moving POST. The key row is inserted in the same
 * transaction as the operation, so "done" and "remembered" commit together: a retry after a lost
 * response replays the stored answer, a concurrent duplicate waits on the row lock and then
 * replays, and a request that failed leaves no key behind. Same key with another body: 422.
 */
import { and, eq, lt } from 'drizzle-orm';
import { createMiddleware } from 'hono/factory';
import { createHash } from 'node:crypto';
import type { Db } from '../db/client.js';
import { idempotencyKeys } from '../db/infra.schema.js';
import { AppError, invalidField } from '../lib/errors.js';
import type { Env } from './context.js';

export const KEEP_KEYS_MS = 48 * 3600_000; // promised: at least 24 hours

class Rollback extends Error {}

export const idempotent = createMiddleware<Env>(async (c, next) => {
  const key = c.req.header('idempotency-key');
  if (key === undefined) return next();
  if (!/^[\w.:-]{8,128}$/.test(key)) {
    throw invalidField('header.Idempotency-Key', 'invalid_idempotency_key', {
      id: 'Idempotency-Key harus 8–128 karakter huruf, angka, titik, titik dua, garis bawah atau tanda hubung',
      en: 'Idempotency-Key must be 8–128 letters, digits, dots, colons, underscores or hyphens',
    });
  }
  const p = c.get('principal');
  const principal = p ? (p.kind === 'user' ? p.userId : p.tokenId) : 'anonymous';
  const body = await c.req.raw.clone().text();
  const requestHash = createHash('sha256').update(`${c.req.method} ${c.req.path}\n${body}`).digest('hex');
  const pool = c.get('db');

  let replay: Response | undefined;
  try {
    await pool.transaction(async (tx) => {
      const inserted = await tx
        .insert(idempotencyKeys)
        .values({ principal, key, method: c.req.method, path: c.req.path, requestHash })
        .onConflictDoNothing()
        .returning({ key: idempotencyKeys.key });
      if (!inserted.length) {
        // Either done before, or done by a concurrent twin whose commit we just waited for.
        const [row] = await tx
          .select()
          .from(idempotencyKeys)
          .where(and(eq(idempotencyKeys.principal, principal), eq(idempotencyKeys.key, key)));
        if (!row || row.requestHash !== requestHash) {
          throw new AppError('unprocessable', 'idempotency_key_reused', {
            id: 'Idempotency-Key ini sudah dipakai untuk permintaan lain',
            en: 'This Idempotency-Key was already used for a different request',
          });
        }
        replay = new Response(row.body, {
          status: row.status ?? 200,
          headers: { 'content-type': row.contentType ?? 'application/json', 'idempotent-replayed': 'true' },
        });
        return;
      }
      c.set('db', tx as unknown as Db);
      await next();
      if (c.error || c.res.status >= 400) throw new Rollback(); // nothing of a failed request is kept
      const text = await c.res.clone().text();
      await tx
        .update(idempotencyKeys)
        .set({ status: c.res.status, contentType: c.res.headers.get('content-type'), body: text })
        .where(and(eq(idempotencyKeys.principal, principal), eq(idempotencyKeys.key, key)));
    });
  } catch (e) {
    if (!(e instanceof Rollback)) throw e;
  } finally {
    c.set('db', pool);
  }
  if (replay) c.res = replay;
});

export async function purgeOldKeys(db: Db, now: Date): Promise<number> {
  const res = await db.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, new Date(now.getTime() - KEEP_KEYS_MS)));
  return res.rowCount ?? 0;
}
