/** What the network layer's routes share: today's date, file responses, and the open-API schema of a file. */
import { z } from '@hono/zod-openapi';
import { todayIn } from '@kopdes/shared/format';
import type { Context } from 'hono';
import type { Env } from '../../http/context.js';
import type { Clock } from '../../lib/clock.js';
import { getCooperative } from '../cooperatives/cooperatives.service.js';

/** The ministry works in WIB; a cooperative's own dates are in its zone (see todayOfCoop). */
export const todayOf = (clock: Clock) => todayIn('Asia/Jakarta', clock.now());

export const PDF = 'application/pdf';
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const binary = (description: string) => z.string().openapi({ type: 'string', format: 'binary', description });
export const fileOf = (type: string, description: string) => ({ description, content: { [type]: { schema: binary(description) } } });

export const sendFile = (c: Context<Env>, body: Buffer, type: string, fileName: string, inline = false) =>
  c.body(new Uint8Array(body), 200, {
    'content-type': type,
    'content-disposition': `${inline ? 'inline' : 'attachment'}; filename="${fileName.replace(/[^\w.-]/g, '_')}"`,
    'cache-control': 'private, no-store',
  }) as never;

/** Today in the cooperative's own time zone. */
export async function todayOfCoop(c: Context<Env>, clock: Clock, cooperativeId: string) {
  const coop = await getCooperative(c.get('db'), cooperativeId);
  return todayIn(coop.timeZone, clock.now());
}
