/**
 * The one way the web app talks to the server: same-origin fetch with the session cookie, the
 * chosen language, the CSRF token on writes, and problem+json errors turned into ApiError.
 */
import i18next from 'i18next';
import { currentLang } from '../i18n/index.js';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Per-field messages keyed by the server's dotted field path (`email`, `lines.2.amount`). */
    readonly fieldErrors: Record<string, string> = {},
    readonly retryAfterSeconds: number | null = null,
    readonly requestId: string | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;

let csrfToken: string | null = null;

/** Set from `me.csrfToken` whenever the session is read or created. */
export function setCsrfToken(token: string | null) {
  csrfToken = token;
}

/**
 * A fresh key for a retry-safe POST. Make it once per user action and reuse it when retrying.
 * `crypto.randomUUID` exists only on https or localhost; a village office often reaches the
 * server over plain http on its LAN, so fall back to getRandomValues, which works everywhere.
 */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function' && window.isSecureContext) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  query?: Query;
  /** Sent as `Idempotency-Key`; pass one from `newIdempotencyKey()` for money and stock writes. */
  idempotencyKey?: string;
  signal?: AbortSignal;
}

type Problem = {
  title?: string;
  detail?: string;
  code?: string;
  errors?: { field: string; message: string }[];
  requestId?: string;
  retryAfterSeconds?: number;
};

function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') qs.set(k, String(v));
  const s = qs.toString();
  return s ? `${path}?${s}` : path;
}

async function toApiError(res: Response): Promise<ApiError> {
  let p: Problem = {};
  try {
    p = (await res.json()) as Problem;
  } catch {
    /* not a problem document: fall back to the status */
  }
  const fields: Record<string, string> = {};
  for (const e of p.errors ?? []) fields[e.field] ??= e.message;
  const header = Number(res.headers.get('retry-after'));
  const retryAfter = typeof p.retryAfterSeconds === 'number' ? p.retryAfterSeconds : Number.isFinite(header) && header > 0 ? header : null;
  return new ApiError(
    res.status,
    p.code ?? `http_${res.status}`,
    p.detail ?? p.title ?? i18next.t('errors.http', { status: res.status }),
    fields,
    retryAfter,
    p.requestId ?? res.headers.get('x-request-id'),
  );
}

/** @example await api<Me>('/api/auth/me') */
export async function api<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const method = opts.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': currentLang() };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  if (opts.idempotencyKey) headers['idempotency-key'] = opts.idempotencyKey;
  let res: Response;
  try {
    res = await fetch(withQuery(path, opts.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      signal: opts.signal,
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, 'network', i18next.t('errors.network'));
  }
  if (!res.ok) throw await toApiError(res);
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}
