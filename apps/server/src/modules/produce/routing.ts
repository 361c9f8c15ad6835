/** What the produce routes share: their tag, file responses, and the handler's context. */
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { Env } from '../../http/context.js';
import { actorOf, coopOf } from '../../http/middleware.js';
import type { FileOut } from './documents.service.js';

export const tags = ['produce'];
export const fileResponse = (type: string, description: string) => ({
  description,
  content: { [type]: { schema: z.string().openapi({ type: 'string', format: 'binary' }) } },
});
export const sendFile = (f: FileOut) =>
  new Response(typeof f.body === 'string' ? f.body : new Uint8Array(f.body), {
    status: 200,
    headers: { 'content-type': f.contentType, 'content-disposition': `inline; filename="${f.filename}"` },
  }) as never;

/** The three things every handler needs. */
export const ctx = (c: Context<Env>) => ({ db: c.get('db'), coopId: coopOf(c).id, actor: actorOf(c) });
