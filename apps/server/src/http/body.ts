/**
 * Request bodies: a size limit for every body, and for JSON one read straight from Node's request
 * into Hono's body cache, refused unless it is valid UTF-8. The validator, the Idempotency-Key hash
 * and the routes then read the cached text. Why not through `Request`: building the web `Request`
 * and its streams cost more CPU than the rest of a small write's own work in Node.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { createMiddleware } from 'hono/factory';
import type { IncomingMessage } from 'node:http';
import { invalidField } from '../lib/errors.js';
import type { Env } from './context.js';

const JSON_TYPE = /^application\/([\w.-]+\+)?json\b/i;
const NO_BODY = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Node's request under @hono/node-server; absent when the app is called with a `Request` (tests). */
const incomingOf = (c: Context<Env>) => (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;

async function readJsonBytes(c: Context<Env>, maxBytes: number, tooLarge: () => never): Promise<Uint8Array> {
  const declared = c.req.header('content-length');
  if (declared !== undefined && Number(declared) > maxBytes) tooLarge();
  const incoming = incomingOf(c);
  if (!incoming) {
    const bytes = new Uint8Array(await c.req.raw.arrayBuffer());
    if (bytes.byteLength > maxBytes) tooLarge();
    return bytes;
  }
  return new Promise<Uint8Array>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) return void chunks.push(chunk);
      // Read on and discard the rest: destroying the request would take the socket and our answer with it.
      incoming.off('data', onData);
      incoming.resume();
      try {
        tooLarge();
      } catch (e) {
        reject(e);
      }
    };
    incoming.on('data', onData);
    incoming.once('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size)));
    incoming.once('error', reject);
    incoming.once('close', () => reject(new Error('the client went away before sending the whole body')));
  });
}

/** `maxBytesFor(path)` and `tooLargeFor(path)`: the limit and its refusal may differ by route. */
export function requestBodies(maxBytesFor: (path: string) => number, tooLargeFor: (path: string) => () => never): MiddlewareHandler<Env> {
  const limits = new Map<number, MiddlewareHandler>();
  const otherBodies = (path: string) => {
    const max = maxBytesFor(path);
    let limit = limits.get(max);
    if (!limit) limits.set(max, (limit = bodyLimit({ maxSize: max, onError: () => tooLargeFor(path)() })));
    return limit;
  };
  return createMiddleware<Env>(async (c, next) => {
    if (NO_BODY.has(c.req.method)) return next();
    if (!JSON_TYPE.test(c.req.header('content-type') ?? '')) return otherBodies(c.req.path)(c, next);
    const bytes = await readJsonBytes(c, maxBytesFor(c.req.path), tooLargeFor(c.req.path));
    let text: string;
    try {
      // Decoding leniently would turn bad bytes into U+FFFD and store them.
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      throw invalidField('(body)', 'invalid_encoding', {
        id: 'Isi permintaan bukan teks UTF-8 yang valid',
        en: 'The request body is not valid UTF-8 text',
      });
    }
    // Hono keeps promises in its cache (its type says values): `json()` calls `.then` on the entry.
    // Only the text: Hono derives any other form from it when asked, and nothing asks on this path.
    (c.req.bodyCache as Record<string, Promise<unknown>>).text = Promise.resolve(text);
    await next();
  });
}
