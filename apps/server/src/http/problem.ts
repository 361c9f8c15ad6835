/**
 * The one place errors become HTTP: RFC 9457 problem documents with a stable `code`, per-field
 * messages in the caller's language, and the request id. Unknown errors are a 500 with no internals.
 */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { AppError, type ErrorKind } from '../lib/errors.js';
import type { Env, Lang } from './context.js';

const STATUS: Record<ErrorKind, ContentfulStatusCode> = {
  validation: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unprocessable: 422,
  rate_limited: 429,
};

export function langOf(header: string | undefined): Lang {
  // The product speaks Bahasa Indonesia unless the caller prefers English.
  if (!header) return 'id';
  const first = header.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'id';
}

export function problemResponse(c: Context<Env>, err: AppError): Response {
  const lang = c.get('lang') ?? 'id';
  const status = STATUS[err.kind];
  const body = {
    type: `https://kopdes.id/problems/${err.code}`,
    title: err.msg[lang],
    status,
    code: err.code,
    detail: err.msg[lang],
    errors: err.fields.map((f) => ({ field: f.field, code: f.code, message: f.message[lang] })),
    requestId: c.get('requestId'),
    ...err.extra,
  };
  const headers: Record<string, string> = { 'content-type': 'application/problem+json; charset=utf-8' };
  if (typeof err.extra.retryAfterSeconds === 'number') headers['retry-after'] = String(err.extra.retryAfterSeconds);
  return c.body(JSON.stringify(body), status, headers);
}

export function onError(err: Error, c: Context<Env>): Response {
  if (err instanceof AppError) return problemResponse(c, err);
  if (err instanceof HTTPException) {
    const status = err.status;
    if (status === 400 && /JSON/i.test(err.message)) {
      return problemResponse(
        c,
        new AppError(
          'validation',
          'malformed_json',
          {
            id: 'Isi permintaan bukan JSON yang valid',
            en: 'The request body is not valid JSON',
          },
          [{ field: '(body)', code: 'malformed_json', message: { id: 'JSON tidak valid', en: 'Invalid JSON' } }],
        ),
      );
    }
    if (status === 413)
      return problemResponse(
        c,
        new AppError('payload_too_large', 'payload_too_large', { id: 'Isi permintaan terlalu besar', en: 'Request body too large' }),
      );
    if (status === 415) {
      const msg = { id: 'Content-Type harus application/json', en: 'Content-Type must be application/json' };
      return problemResponse(
        c,
        new AppError('unsupported_media_type', 'unsupported_media_type', msg, [
          { field: 'header.Content-Type', code: 'unsupported_media_type', message: msg },
        ]),
      );
    }
    const kind: ErrorKind = status === 401 ? 'unauthorized' : status === 403 ? 'forbidden' : status === 404 ? 'not_found' : 'validation';
    return problemResponse(
      c,
      new AppError(kind, `http_${status}`, { id: err.message || 'Permintaan tidak valid', en: err.message || 'Bad request' }),
    );
  }
  c.get('log')?.error({ err }, 'unhandled error');
  const lang = c.get('lang') ?? 'id';
  return c.body(
    JSON.stringify({
      type: 'https://kopdes.id/problems/internal',
      title: lang === 'en' ? 'Internal error' : 'Terjadi kesalahan di server',
      status: 500,
      code: 'internal',
      requestId: c.get('requestId'),
    }),
    500,
    { 'content-type': 'application/problem+json; charset=utf-8' },
  );
}
