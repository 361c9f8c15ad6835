/**
 * Request plumbing shared by every route: request id and logger, language, security headers,
 * authentication (session cookie or bearer token), CSRF, and tenant access.
 */
import type { Permission } from '@kopdes/shared/auth';
import { permissionsOf } from '@kopdes/shared/auth';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import { randomUUID } from 'node:crypto';
import type { Db } from '../db/client.js';
import type { Clock } from '../lib/clock.js';
import { AppError, forbidden, notFound, unauthorized } from '../lib/errors.js';
import { logger } from '../lib/logger.js';
import type { Actor } from '../lib/actor.js';
import { resolveApiToken, resolveSession } from '../modules/auth/sign-in.service.js';
import { rolesIn } from '../modules/auth/users.service.js';
import type { Env } from './context.js';
import { langOf } from './problem.js';

export const SESSION_COOKIE = 'kopdes_session';

export const requestContext = (db: Db): MiddlewareHandler<Env> =>
  createMiddleware<Env>(async (c, next) => {
    const incoming = c.req.header('x-request-id');
    const requestId = incoming && /^[\w.-]{1,64}$/.test(incoming) ? incoming : randomUUID();
    c.set('requestId', requestId);
    c.set('log', logger.child({ requestId }));
    c.set('lang', langOf(c.req.header('accept-language')));
    c.set('db', db);
    const started = performance.now();
    await next();
    setHeader(c, 'x-request-id', requestId);
    c.get('log').info(
      { method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(performance.now() - started) },
      'request',
    );
  });

/**
 * A header on the answer already made. `c.header` would rebuild the answer through a web `Response`
 * and its stream; the answer's own headers take the value in place, unless they are read-only.
 */
export function setHeader(c: Context<Env>, name: string, value: string) {
  try {
    c.res.headers.set(name, value);
  } catch {
    c.header(name, value);
  }
}

const SECURITY_HEADERS: [string, string][] = [
  ['x-content-type-options', 'nosniff'],
  ['x-frame-options', 'DENY'],
  ['referrer-policy', 'same-origin'],
  ['cross-origin-opener-policy', 'same-origin'],
  [
    'content-security-policy',
    "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'",
  ],
];

export const securityHeaders = createMiddleware<Env>(async (c, next) => {
  await next();
  for (const [name, value] of SECURITY_HEADERS) setHeader(c, name, value);
});

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** A browser tells where a request comes from; a write from another site is refused. */
function crossSite(c: Context<Env>): boolean {
  const site = c.req.header('sec-fetch-site');
  if (site === 'cross-site') return true;
  const origin = c.req.header('origin');
  if (!origin) return false;
  try {
    return new URL(origin).host !== c.req.header('host');
  } catch {
    return true;
  }
}

const csrfRefused = () =>
  new AppError('forbidden', 'csrf', {
    id: 'Permintaan ditolak: berasal dari situs lain atau token CSRF tidak cocok',
    en: 'Request refused: cross-site, or the CSRF token does not match',
  });

/** The cooperative a path is for: its roles are read together with the session. */
const COOP_PATH = /^\/api\/coops\/(kop_[0-9A-HJKMNP-TV-Z]{26})(?:\/|$)/;

/** Resolves who is calling. Does not require it; `requireUser` does. */
export const authenticate = (clock: Clock) =>
  createMiddleware<Env>(async (c, next) => {
    const db = c.get('db');
    const bearer = c.req.header('authorization');
    if (bearer?.startsWith('Bearer ')) {
      const p = await resolveApiToken(db, clock, bearer.slice(7).trim());
      if (!p) throw unauthorized();
      c.set('principal', p);
    } else {
      const token = getCookie(c, SESSION_COOKIE);
      if (token) {
        const p = await resolveSession(db, clock, token, COOP_PATH.exec(c.req.path)?.[1]);
        if (p) c.set('principal', p);
      }
      if (UNSAFE.has(c.req.method)) {
        if (crossSite(c)) throw csrfRefused();
        const p = c.get('principal');
        if (p?.kind === 'user' && c.req.header('x-csrf-token') !== p.csrfToken) throw csrfRefused();
      }
    }
    await next();
  });

export function actorOf(c: Context<Env>): Actor {
  const p = c.get('principal');
  if (!p) return { id: null, label: 'anonymous', requestId: c.get('requestId') };
  return p.kind === 'user'
    ? { id: p.userId, label: p.name, requestId: c.get('requestId') }
    : { id: null, label: `token:${p.name}`, requestId: c.get('requestId') };
}

export const requireUser = createMiddleware<Env>(async (c, next) => {
  if (c.get('principal')?.kind !== 'user') throw unauthorized();
  await next();
});

export const requireAdmin = createMiddleware<Env>(async (c, next) => {
  const p = c.get('principal');
  if (!p) throw unauthorized();
  if (p.kind !== 'user' || p.platformRole !== 'admin') throw forbidden();
  await next();
});

const COOP_ID = /^kop_[0-9A-HJKMNP-TV-Z]{26}$/;

/**
 * For `/api/coops/:coopId/*`: the caller must hold a role there (or a token of it). Any other
 * cooperative, existing or not, answers 404: another tenant's ids are indistinguishable from none.
 */
export const tenantAccess = createMiddleware<Env>(async (c, next) => {
  const p = c.get('principal');
  if (!p) throw unauthorized();
  const coopId = c.req.param('coopId') ?? '';
  if (!COOP_ID.test(coopId)) throw notFound();
  if (p.kind === 'token') {
    if (p.cooperativeId !== coopId) throw notFound();
    c.set('coop', { id: coopId, roles: [], permissions: new Set(p.scopes) });
  } else {
    const roles = p.rolesIn?.cooperativeId === coopId ? p.rolesIn.roles : await rolesIn(c.get('db'), coopId, p.userId);
    if (!roles.length) throw notFound();
    c.set('coop', { id: coopId, roles, permissions: permissionsOf(roles) });
  }
  await next();
});

export const requirePermission = (permission: Permission) =>
  createMiddleware<Env>(async (c, next) => {
    const coop = c.get('coop');
    if (!coop) throw notFound();
    if (!coop.permissions.has(permission)) throw forbidden();
    await next();
  });

export function coopOf(c: Context<Env>) {
  const coop = c.get('coop');
  if (!coop) throw notFound();
  return coop;
}

export function clientIp(c: Context<Env>): string {
  // Only trust the proxy header when told the server runs behind one.
  if (process.env.KOPDES_TRUST_PROXY === '1') {
    const fwd = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (fwd) return fwd;
  }
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? 'unknown';
}
