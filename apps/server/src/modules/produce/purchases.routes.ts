import {
  purchase,
  purchaseId,
  purchaseInput,
  purchaseList,
  purchasePaymentInput,
  purchaseQuery,
  purchaseVoidInput,
} from '@kopdes/shared/produce';
import { coopOf } from '../../http/middleware.js';
import { coopParams, coopRoute, jsonBody, jsonOf, type Api } from '../../http/openapi.js';
import * as purchases from './purchases.service.js';
import { ctx, tags } from './routing.js';

const purchaseParams = coopParams.extend({ purchaseId });

export function registerPurchaseRoutes(api: Api) {
  api.openapi(
    coopRoute(
      'produce.manage',
      {
        method: 'post',
        path: '/api/coops/{coopId}/produce/purchases',
        tags,
        summary: 'Record produce bought from another cooperative: graded lots into stock, journal against cash, bank or a payable',
        description:
          'The supplier is an active market partner of kind `cooperative`. Lines give kg text (up to 3 decimals) or a count, by the ' +
          "commodity's unit, and the price per kg or piece; each line's amount is rounded half-up to whole rupiah once. " +
          'Send an Idempotency-Key: a retry replays the first answer.',
        request: { params: coopParams, ...jsonBody(purchaseInput) },
        responses: { 201: jsonOf(purchase, 'Recorded') },
      },
      { idempotent: true },
    ),
    async (c) => {
      const { db, coopId, actor } = ctx(c);
      return c.json(await purchases.recordPurchase(db, coopId, actor, c.req.valid('json')), 201);
    },
  );

  api.openapi(
    coopRoute('produce.read', {
      method: 'get',
      path: '/api/coops/{coopId}/produce/purchases',
      tags,
      summary: 'Purchases from other cooperatives, newest first, with what is still owed on credit purchases',
      request: { params: coopParams, query: purchaseQuery },
      responses: { 200: jsonOf(purchaseList) },
    }),
    async (c) => c.json(await purchases.listPurchases(c.get('db'), coopOf(c).id, c.req.valid('query')), 200),
  );

  api.openapi(
    coopRoute('produce.read', {
      method: 'get',
      path: '/api/coops/{coopId}/produce/purchases/{purchaseId}',
      tags,
      summary: 'One purchase with its lots, payment and void',
      request: { params: purchaseParams },
      responses: { 200: jsonOf(purchase) },
    }),
    async (c) => c.json(await purchases.getPurchase(c.get('db'), coopOf(c).id, c.req.valid('param').purchaseId), 200),
  );

  api.openapi(
    coopRoute(
      'payouts.run',
      {
        method: 'post',
        path: '/api/coops/{coopId}/produce/purchases/{purchaseId}/payment',
        tags,
        summary: 'Pay a credit purchase in full: the payable to the supplier against cash or bank',
        request: { params: purchaseParams, ...jsonBody(purchasePaymentInput) },
        responses: { 200: jsonOf(purchase) },
      },
      { idempotent: true },
    ),
    async (c) => {
      const { db, coopId, actor } = ctx(c);
      return c.json(await purchases.payPurchase(db, coopId, actor, c.req.valid('param').purchaseId, c.req.valid('json')), 200);
    },
  );

  api.openapi(
    coopRoute(
      'produce.manage',
      {
        method: 'post',
        path: '/api/coops/{coopId}/produce/purchases/{purchaseId}/void',
        tags,
        summary: 'Void a purchase whose lots have not moved and that was not paid later: stock out, journal reversed',
        request: { params: purchaseParams, ...jsonBody(purchaseVoidInput) },
        responses: { 200: jsonOf(purchase) },
      },
      { idempotent: true },
    ),
    async (c) => {
      const { db, coopId, actor } = ctx(c);
      return c.json(await purchases.voidPurchase(db, coopId, actor, c.req.valid('param').purchaseId, c.req.valid('json')), 200);
    },
  );
}
