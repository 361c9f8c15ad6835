/**
 * `Idempotency-Key` for every money- or stock-moving POST. The key row is inserted in the same
 * transaction as the operation, so "done" and "remembered" commit together: a retry after a lost
 * response replays the stored answer, and a concurrent duplicate waits on the row lock and then
 * replays. A refusal (a 4xx that follows from the request and the books) is remembered too, with
 * the operation's writes rolled back to a savepoint: otherwise a copy of the request still on its
 * way (a client hung up and retried) could run after the refusal and take effect unseen. A refused
 * key may carry a corrected request (another body); the same key for another body after a success
 * is a 422. Errors of the server (5xx) and of the moment (401, 403, 408, 429) leave no key, nor
 * does a refusal of a posting left for the closing round trip that comes only at COMMIT (0004).
 */
import { and, eq, lt, sql } from 'drizzle-orm';
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { createHash } from 'node:crypto';
import type { Db } from '../db/client.js';
import pg from 'pg';
import { edgedTransaction, lateStatementsOf, sqlText, type LateStatement } from '../db/edged-transaction.js';
import { idempotencyKeys } from '../db/infra.schema.js';
import { AppError, invalidField } from '../lib/errors.js';
import type { Env } from './context.js';

export const KEEP_KEYS_MS = 48 * 3600_000; // promised: at least 24 hours

const SAVEPOINT = 'SAVEPOINT idempotent_operation';

/** Answers that depend on who asks or when, not on the request: never remembered. */
const TRANSIENT = new Set([401, 403, 408, 429]);
const remembered = (status: number) => status < 500 && !TRANSIENT.has(status);

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
  // A JSON body is already in Hono's cache (http/body.ts); a file upload is read from a copy,
  // since a multipart body re-read from the cache would lose its boundary.
  const body = /json/i.test(c.req.header('content-type') ?? '') ? await c.req.text() : await c.req.raw.clone().text();
  const requestHash = createHash('sha256').update(`${c.req.method} ${c.req.path}\n${body}`).digest('hex');
  const pool = c.get('db');

  let replay: Response | undefined;
  let late: { statements: readonly LateStatement[]; text: string; closed?: pg.QueryResult[] } | undefined;
  const keyRow = and(eq(idempotencyKeys.principal, principal), eq(idempotencyKeys.key, key));
  // The key's row and the savepoint go with BEGIN, its answer with COMMIT: see edged-transaction.
  const claim = sqlText`INSERT INTO idempotency_keys (principal, key, method, path, request_hash)
    VALUES (${principal}, ${key}, ${c.req.method}, ${c.req.path}, ${requestHash}) ON CONFLICT DO NOTHING RETURNING key`;
  try {
    const closed = await edgedTransaction(pool, [claim, SAVEPOINT], async (tx, [claimed]) => {
      if (!claimed!.rowCount) {
        // Either done before, or done by a concurrent twin whose commit we just waited for.
        const [row] = await tx.select().from(idempotencyKeys).where(keyRow).for('update');
        const refused = row?.status != null && row.status >= 400;
        if (row && row.requestHash === requestHash) {
          replay = new Response(row.body, {
            status: row.status ?? 200,
            headers: { 'content-type': row.contentType ?? 'application/json', 'idempotent-replayed': 'true' },
          });
          return { commit: [] };
        }
        if (!row || !refused) {
          throw new AppError('unprocessable', 'idempotency_key_reused', {
            id: 'Idempotency-Key ini sudah dipakai untuk permintaan lain',
            en: 'This Idempotency-Key was already used for a different request',
          });
        }
        // The key's request was refused and changed nothing: a corrected request may take it over.
        await tx
          .update(idempotencyKeys)
          .set({ method: c.req.method, path: c.req.path, requestHash, status: null, contentType: null, body: null, createdAt: new Date() })
          .where(keyRow);
        await tx.execute(sql.raw(SAVEPOINT)); // a refusal of the corrected request keeps the takeover
      }
      c.set('db', tx);
      const answered = answerText(c);
      await next();
      const status = c.res.status;
      if (!remembered(status)) return 'rollback'; // nothing of it is kept
      const text = answered.of(c.res) ?? (await c.res.clone().text());
      // A refusal keeps its key and answer, and nothing of what the operation wrote (nor left for the closing).
      if (status >= 400) return { commit: ['ROLLBACK TO SAVEPOINT idempotent_operation', remember(status, text)] };
      const statements = lateStatementsOf(tx);
      if (statements.length) late = { statements, text };
      // What was left for the closing runs first; the stored answer takes the values it made known.
      return { commit: [...statements.map((s) => s.text), remember(status, text, statements)] };
    });
    if (late) late.closed = closed;
  } catch (e) {
    // A failure of the closing is judged by those who left statements for it: the first to call it a refusal.
    throw late ? (late.statements.map((s) => s.refused(e)).find((judged) => judged !== e) ?? e) : e;
  } finally {
    c.set('db', pool);
  }
  if (replay) c.res = replay;
  else if (late) {
    const answer = filled(c.res, late.text, late.statements, late.closed!);
    c.res = undefined; // set afresh: replacing an answer would copy it through its stream
    c.res = answer;
  }

  function remember(status: number, text: string, statements: readonly LateStatement[] = []) {
    let body = pg.escapeLiteral(text);
    for (const f of statements.flatMap((s) => s.fills)) body = `replace(${body}, ${pg.escapeLiteral(f.token)}, ${f.sql})`;
    return sqlText`UPDATE idempotency_keys SET status = ${status}, content_type = ${c.res.headers.get('content-type')},
        body = `.concat(body, sqlText` WHERE principal = ${principal} AND key = ${key!}`);
  }
});

/** The answer with the values the closing made known in place of their tokens. */
function filled(res: Response, text: string, statements: readonly LateStatement[], closed: pg.QueryResult[]): Response {
  for (const [i, s] of statements.entries()) {
    const row = closed[i]!.rows[0] as Record<string, unknown>;
    for (const f of s.fills) {
      const value = f.value(row);
      if (!/^[\w./-]*$/.test(value)) throw new Error(`a value filled at commit must be plain: ${value}`);
      text = text.split(f.token).join(value);
    }
  }
  const headers = new Headers(res.headers);
  headers.set('content-length', String(Buffer.byteLength(text)));
  return new Response(text, { status: res.status, headers });
}

/**
 * The text of the answer the route makes with `c.json` or `c.body`, kept as it is made: reading it
 * back from the `Response` would go through a copy of its stream. `of(res)` is undefined when the
 * answer sent is not the one made here (then the caller reads the Response). Knowing the text also
 * gives the answer its Content-Length, so that compression can tell a small answer from a large one.
 */
function answerText(c: Context<Env>) {
  let made: { res: Response; text: string } | undefined;
  const { json, body } = c;
  c.json = ((object: unknown, ...rest: Parameters<typeof json> extends [unknown, ...infer R] ? R : never) => {
    const res = json(object, ...rest);
    made = { res, text: JSON.stringify(object) };
    return res;
  }) as typeof json;
  c.body = ((data: Parameters<typeof body>[0], ...rest: unknown[]) => {
    const res = (body as (...args: unknown[]) => Response)(data, ...rest);
    if (typeof data === 'string') made = { res, text: data };
    return res;
  }) as typeof body;
  return {
    of(sent: Response): string | undefined {
      if (!made || made.res !== sent) return undefined;
      if (!sent.headers.has('content-length')) sent.headers.set('content-length', String(Buffer.byteLength(made.text)));
      return made.text;
    },
  };
}

export async function purgeOldKeys(db: Db, now: Date): Promise<number> {
  const res = await db.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, new Date(now.getTime() - KEEP_KEYS_MS)));
  return res.rowCount ?? 0;
}
