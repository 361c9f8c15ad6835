/** What the market routes share: their tag, path parameters and the handler's context. */
import { z } from '@hono/zod-openapi';
import { contractId, deliveryId, deliveryRouteId, invoiceId, partnerId, paymentId, purchaseOrderId, storeId } from '@kopdes/shared/market';
import type { Context } from 'hono';
import type { Env } from '../../http/context.js';
import { actorOf, coopOf } from '../../http/middleware.js';
import { coopParams } from '../../http/openapi.js';

export const tags = ['market'];
export const partnerParams = coopParams.extend({ partnerId });
export const storeParams = coopParams.extend({ storeId });
export const contractParams = coopParams.extend({ contractId });
export const purchaseOrderParams = coopParams.extend({ purchaseOrderId });
export const deliveryParams = coopParams.extend({ deliveryId });
export const invoiceParams = coopParams.extend({ invoiceId });
export const paymentParams = coopParams.extend({ paymentId });
export const deliveryRouteParams = coopParams.extend({ deliveryRouteId });

export const fileResponse = (type: string, description: string) => ({
  description,
  content: { [type]: { schema: z.string().openapi({ type: 'string', format: 'binary' }) } },
});
export const sendFile = (f: { filename: string; contentType: string; body: Buffer }) =>
  new Response(new Uint8Array(f.body), {
    status: 200,
    headers: { 'content-type': f.contentType, 'content-disposition': `inline; filename="${f.filename}"` },
  }) as never;

/** The three things every handler needs. */
export const ctx = (c: Context<Env>) => ({ db: c.get('db'), coopId: coopOf(c).id, actor: actorOf(c) });
