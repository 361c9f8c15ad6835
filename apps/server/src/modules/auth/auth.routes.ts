import { z } from '@hono/zod-openapi';
import { apiToken, coopUser, me, newUserInput, signInInput, tokenInput, userId } from '@kopdes/shared/users';
import { COOP_ROLES } from '@kopdes/shared/auth';
import { deleteCookie, setCookie } from 'hono/cookie';
import type { Clock } from '../../lib/clock.js';
import { unauthorized } from '../../lib/errors.js';
import { actorOf, clientIp, coopOf, SESSION_COOKIE } from '../../http/middleware.js';
import { coopRoute, publicRoute, userRoute, type Api, jsonOf, jsonBody, coopParams, okSchema } from '../../http/openapi.js';
import { signIn, signOut } from './sign-in.service.js';
import * as users from './users.service.js';

export function registerAuthRoutes(api: Api, clock: Clock, opts: { secureCookies: boolean }) {
  api.openapi(
    publicRoute({
      method: 'post',
      path: '/api/auth/sign-in',
      tags: ['auth'],
      summary: 'Sign in with email or phone and password',
      request: jsonBody(signInInput),
      responses: { 200: jsonOf(me) },
    }),
    async (c) => {
      const input = c.req.valid('json');
      const s = await signIn(c.get('db'), clock, { ...input, ip: clientIp(c), userAgent: c.req.header('user-agent') });
      setCookie(c, SESSION_COOKIE, s.token, {
        httpOnly: true,
        sameSite: 'Lax',
        secure: opts.secureCookies,
        path: '/',
        maxAge: 30 * 24 * 3600,
      });
      return c.json(await users.describeMe(c.get('db'), s.userId, s.csrfToken), 200);
    },
  );

  api.openapi(
    userRoute({
      method: 'post',
      path: '/api/auth/sign-out',
      tags: ['auth'],
      summary: 'Sign out (revokes the session)',
      responses: { 200: jsonOf(okSchema) },
    }),
    async (c) => {
      const p = c.get('principal');
      if (p?.kind === 'user') await signOut(c.get('db'), clock, p.sessionId);
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
      return c.json({ ok: true as const }, 200);
    },
  );

  api.openapi(
    userRoute({
      method: 'get',
      path: '/api/auth/me',
      tags: ['auth'],
      summary: 'Who am I, and my cooperatives',
      responses: { 200: jsonOf(me) },
    }),
    async (c) => {
      const p = c.get('principal');
      if (p?.kind !== 'user') throw unauthorized();
      return c.json(await users.describeMe(c.get('db'), p.userId, p.csrfToken), 200);
    },
  );

  api.openapi(
    userRoute({
      method: 'put',
      path: '/api/auth/me/locale',
      tags: ['auth'],
      summary: 'Choose the interface language',
      request: jsonBody(z.strictObject({ locale: z.enum(['id', 'en']) })),
      responses: { 200: jsonOf(okSchema) },
    }),
    async (c) => {
      const p = c.get('principal');
      if (p?.kind !== 'user') throw unauthorized();
      await users.setLocale(c.get('db'), p.userId, c.req.valid('json').locale);
      return c.json({ ok: true as const }, 200);
    },
  );

  api.openapi(
    coopRoute('users.read', {
      method: 'get',
      path: '/api/coops/{coopId}/users',
      tags: ['users'],
      summary: 'Users of the cooperative and their roles',
      request: { params: coopParams },
      responses: { 200: jsonOf(z.object({ items: z.array(coopUser) })) },
    }),
    async (c) => c.json({ items: await users.listCoopUsers(c.get('db'), coopOf(c).id) }, 200),
  );

  api.openapi(
    coopRoute('users.manage', {
      method: 'post',
      path: '/api/coops/{coopId}/users',
      tags: ['users'],
      summary: 'Add a user with a role',
      request: { params: coopParams, ...jsonBody(newUserInput) },
      responses: { 201: jsonOf(z.object({ id: z.string() }), 'Created') },
    }),
    async (c) => {
      const id = await users.addUserToCoop(c.get('db'), actorOf(c), coopOf(c).id, c.req.valid('json'));
      return c.json({ id }, 201);
    },
  );

  const roleParams = z.object({ coopId: z.string(), userId, role: z.enum(COOP_ROLES) });
  api.openapi(
    coopRoute('users.manage', {
      method: 'put',
      path: '/api/coops/{coopId}/users/{userId}/roles/{role}',
      tags: ['users'],
      summary: 'Grant a role',
      request: { params: roleParams },
      responses: { 200: jsonOf(okSchema) },
    }),
    async (c) => {
      const { userId: uid, role } = c.req.valid('param');
      await users.grantCoopRole(c.get('db'), actorOf(c), coopOf(c).id, uid, role);
      return c.json({ ok: true as const }, 200);
    },
  );

  api.openapi(
    coopRoute('users.manage', {
      method: 'delete',
      path: '/api/coops/{coopId}/users/{userId}/roles/{role}',
      tags: ['users'],
      summary: 'Revoke a role',
      request: { params: roleParams },
      responses: { 200: jsonOf(okSchema) },
    }),
    async (c) => {
      const { userId: uid, role } = c.req.valid('param');
      await users.revokeCoopRole(c.get('db'), actorOf(c), coopOf(c).id, uid, role);
      return c.json({ ok: true as const }, 200);
    },
  );

  api.openapi(
    coopRoute('tokens.manage', {
      method: 'get',
      path: '/api/coops/{coopId}/tokens',
      tags: ['users'],
      summary: 'API tokens for machine clients',
      request: { params: coopParams },
      responses: { 200: jsonOf(z.object({ items: z.array(apiToken) })) },
    }),
    async (c) => {
      const rows = await users.listApiTokens(c.get('db'), coopOf(c).id);
      const iso = (d: Date | null) => (d ? d.toISOString() : null);
      return c.json(
        {
          items: rows.map((r) => ({
            ...r,
            createdAt: r.createdAt.toISOString(),
            expiresAt: iso(r.expiresAt),
            revokedAt: iso(r.revokedAt),
            lastUsedAt: iso(r.lastUsedAt),
          })),
        },
        200,
      );
    },
  );

  api.openapi(
    coopRoute('tokens.manage', {
      method: 'post',
      path: '/api/coops/{coopId}/tokens',
      tags: ['users'],
      summary: 'Create an API token (the secret is shown once)',
      request: { params: coopParams, ...jsonBody(tokenInput) },
      responses: { 201: jsonOf(z.object({ id: z.string(), secret: z.string(), expiresAt: z.string().nullable() }), 'Created') },
    }),
    async (c) => {
      const p = c.get('principal');
      if (p?.kind !== 'user') throw unauthorized(); // tokens cannot mint tokens
      const t = await users.createApiToken(c.get('db'), actorOf(c), clock, coopOf(c).id, c.req.valid('json'));
      return c.json({ id: t.id, secret: t.secret, expiresAt: t.expiresAt?.toISOString() ?? null }, 201);
    },
  );

  api.openapi(
    coopRoute('tokens.manage', {
      method: 'delete',
      path: '/api/coops/{coopId}/tokens/{tokenId}',
      tags: ['users'],
      summary: 'Revoke an API token',
      request: { params: z.object({ coopId: z.string(), tokenId: z.string().max(40) }) },
      responses: { 200: jsonOf(okSchema) },
    }),
    async (c) => {
      await users.revokeApiToken(c.get('db'), actorOf(c), clock, coopOf(c).id, c.req.valid('param').tokenId);
      return c.json({ ok: true as const }, 200);
    },
  );
}
