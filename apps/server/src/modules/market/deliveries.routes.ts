import { delivery, deliveryInput, deliveryList, deliveryQuery, fulfilmentPlan, fulfilmentQuery, receiptInput } from '@kopdes/shared/market';
import { coopParams, coopRoute, jsonBody, jsonOf, type Api } from '../../http/openapi.js';
import * as deliveries from './deliveries.service.js';
import { deliveryNote } from './documents.service.js';
import { recordReceipt } from './receiving.service.js';
import { ctx, deliveryParams, fileResponse, sendFile, tags } from './routing.js';

export function registerDeliveryRoutes(api: Api) {
  api.openapi(
    coopRoute('market.read', {
      method: 'get',
      path: '/api/coops/{coopId}/market/fulfilment',
      tags,
      summary: 'A delivery day: demand of all POs against stock, lots proposed first-expired-first-out within grade, shortfalls',
      request: { params: coopParams, query: fulfilmentQuery },
      responses: { 200: jsonOf(fulfilmentPlan) },
    }),
    async (c) => {
      const { db, coopId } = ctx(c);
      return c.json(await deliveries.fulfilmentPlan(db, coopId, c.req.valid('query')), 200);
    },
  );

  api.openapi(
    coopRoute('market.read', {
      method: 'get',
      path: '/api/coops/{coopId}/market/deliveries',
      tags,
      summary: 'Delivery notes (surat jalan), newest first',
      request: { params: coopParams, query: deliveryQuery },
      responses: { 200: jsonOf(deliveryList) },
    }),
    async (c) => {
      const { db, coopId } = ctx(c);
      return c.json(await deliveries.listDeliveries(db, coopId, c.req.valid('query')), 200);
    },
  );

  api.openapi(
    coopRoute(
      'market.deliver',
      {
        method: 'post',
        path: '/api/coops/{coopId}/market/deliveries',
        tags,
        summary: 'Dispatch against a PO: lots leave stock, cost of goods sold is posted, the delivery note is numbered',
        description: 'Without `lines`, the open quantity of every PO line is taken first-expired-first-out from matching lots.',
        request: { params: coopParams, ...jsonBody(deliveryInput) },
        responses: { 201: jsonOf(delivery, 'Dispatched') },
      },
      { idempotent: true },
    ),
    async (c) => {
      const { db, coopId, actor } = ctx(c);
      return c.json(await deliveries.dispatch(db, coopId, actor, c.req.valid('json')), 201);
    },
  );

  api.openapi(
    coopRoute('market.read', {
      method: 'get',
      path: '/api/coops/{coopId}/market/deliveries/{deliveryId}',
      tags,
      summary: 'One delivery note with its lots and, once received, what the buyer accepted and rejected',
      request: { params: deliveryParams },
      responses: { 200: jsonOf(delivery) },
    }),
    async (c) => {
      const { db, coopId } = ctx(c);
      return c.json(await deliveries.getDelivery(db, coopId, c.req.valid('param').deliveryId), 200);
    },
  );

  api.openapi(
    coopRoute('market.read', {
      method: 'get',
      path: '/api/coops/{coopId}/market/deliveries/{deliveryId}/note.pdf',
      tags,
      summary: 'The delivery note (surat jalan) as PDF, listing every lot id',
      request: { params: deliveryParams },
      responses: { 200: fileResponse('application/pdf', 'Delivery note') },
    }),
    async (c) => {
      const { db, coopId } = ctx(c);
      return sendFile(await deliveryNote(db, coopId, c.req.valid('param').deliveryId));
    },
  );

  api.openapi(
    coopRoute(
      'market.deliver',
      {
        method: 'post',
        path: '/api/coops/{coopId}/market/deliveries/{deliveryId}/receipt',
        tags,
        summary:
          "The buyer's receiving and QC: accepted and rejected per line with reasons; rejects back to stock (same or lower grade) or written off",
        request: { params: deliveryParams, ...jsonBody(receiptInput) },
        responses: { 201: jsonOf(delivery, 'Recorded') },
      },
      { idempotent: true },
    ),
    async (c) => {
      const { db, coopId, actor } = ctx(c);
      return c.json(await recordReceipt(db, coopId, actor, c.req.valid('param').deliveryId, c.req.valid('json')), 201);
    },
  );
}
