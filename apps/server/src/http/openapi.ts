/**
 * Route definition helpers. Every route is an OpenAPI route with Zod schemas (the one contract);
 * tenant routes carry their permission as `x-permission`, which the role-matrix test reads back
 * from the OpenAPI document, and money/stock routes are wrapped by the idempotency middleware.
 */
import { createRoute, OpenAPIHono, z, type RouteConfig } from '@hono/zod-openapi';
import type { Permission } from '@kopdes/shared/auth';
import { problemSchema } from '@kopdes/shared/common';
import type { MiddlewareHandler } from 'hono';
import { AppError } from '../lib/errors.js';
import type { Env } from './context.js';
import { idempotent } from './idempotency.js';
import { requireAdmin, requirePermission, requireUser } from './middleware.js';
import { unstorableTextFields } from './text-guard.js';
import { zodIssuesToFields } from './zod-messages.js';

export function newApi() {
  return new OpenAPIHono<Env>({
    defaultHook: (result) => {
      const prefix = result.target === 'json' || result.target === 'form' ? '' : result.target;
      // zValidator hands the raw input over as `data` next to a failed result.
      const input = result.success ? result.data : (result as { data?: unknown }).data;
      const fields = [
        ...(result.success ? [] : zodIssuesToFields(result.error.issues, prefix, input)),
        ...unstorableTextFields(input, prefix),
      ];
      if (fields.length) {
        throw new AppError(
          'validation',
          result.success ? 'invalid_character' : 'invalid_input',
          { id: 'Data yang dikirim tidak valid', en: 'The submitted data is not valid' },
          fields,
        );
      }
    },
  });
}
export type Api = ReturnType<typeof newApi>;

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: problemSchema } },
});

export const ERROR_RESPONSES = {
  400: problem('Invalid input; `errors` names each field'),
  401: problem('Not signed in'),
  403: problem('Role lacks the permission, or CSRF refused'),
  404: problem("Not found (also: another cooperative's id)"),
  409: problem('Conflicts with the current state'),
  422: problem('Idempotency-Key reused with another body, or a rule refused the operation'),
  429: problem('Too many attempts'),
} as const;

const idempotencyHeader = {
  name: 'Idempotency-Key',
  in: 'header' as const,
  required: false,
  description:
    'Retry-safe key: the same key and body replays the first answer, a refusal included; a refused key may carry a corrected body (kept 48 hours).',
  schema: { type: 'string' as const, minLength: 8, maxLength: 128 },
};

type Extra = { idempotent?: boolean };

function withMiddleware<R extends RouteConfig>(config: R, mws: MiddlewareHandler<Env>[], extra: Extra) {
  const all = [...mws, ...(extra.idempotent ? [idempotent] : [])];
  return createRoute({
    ...config,
    middleware: all as unknown as R['middleware'],
    responses: { ...ERROR_RESPONSES, ...config.responses },
    parameters: extra.idempotent ? [...(config.parameters ?? []), idempotencyHeader] : config.parameters,
  });
}

/** A route inside one cooperative: `/api/coops/{coopId}/…`, guarded by a permission. */
export function coopRoute<R extends RouteConfig>(permission: Permission, config: R, extra: Extra = {}) {
  return {
    ...withMiddleware(config, [requirePermission(permission)], extra),
    'x-permission': permission,
  } as R & { 'x-permission': Permission };
}

/** A route for any signed-in person. */
export function userRoute<R extends RouteConfig>(config: R, extra: Extra = {}) {
  return { ...withMiddleware(config, [requireUser], extra), 'x-permission': 'signed-in' } as R;
}

/** A route of the ministry's network layer (platform role `admin`). */
export function adminRoute<R extends RouteConfig>(config: R, extra: Extra = {}) {
  return { ...withMiddleware(config, [requireAdmin], extra), 'x-permission': 'platform.admin' } as R;
}

/** A route anyone may call (health, sign-in). */
export function publicRoute<R extends RouteConfig>(config: R, extra: Extra = {}) {
  return { ...withMiddleware(config, [], extra), 'x-permission': 'public' } as R;
}

/** `responses: { 200: jsonOf(schema) }` */
export const jsonOf = <T extends z.ZodType>(schema: T, description = 'OK') => ({
  description,
  content: { 'application/json': { schema } },
});

/** `request: { ...jsonBody(schema) }` */
export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  body: { content: { 'application/json': { schema } }, required: true },
});

export const coopParams = z.object({ coopId: z.string() });
export const okSchema = z.object({ ok: z.literal(true) });
