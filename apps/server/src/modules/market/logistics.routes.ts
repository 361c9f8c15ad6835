import { deliveryRoute, deliveryRouteInput, deliveryRouteList, deliveryRouteQuery, pickingList, pickingQuery } from '@kopdes/shared/market';
import { coopParams, coopRoute, jsonBody, jsonOf, okSchema, type Api } from '../../http/openapi.js';
import * as routes from './delivery-routes.service.js';
import { pickingListDocument, routeSheet } from './documents.service.js';
import { pickingList as buildPickingList } from './picking.service.js';
import { ctx, deliveryRouteParams, fileResponse, sendFile, tags } from './routing.js';

export function registerLogisticsRoutes(api: Api) {
  api.openapi(
    coopRoute('market.read', {
      method: 'get',
      path: '/api/coops/{coopId}/market/picking-list',
      tags,
      summary: 'Picking list of a delivery day: per place and lot (first expiry first), how much for which store, and the shortfalls',
      request: { params: coopParams, query: pickingQuery },
      responses: { 200: jsonOf(pickingList) },
    }),
    async (c) => {
      const { db, coopId } = ctx(c);
      return c.json(await buildPickingList(db, coopId, c.req.valid('query')), 200);
    },
  );

  api.openapi(
    coopRoute('market.read', {
      method: 'get',
      path: '/api/coops/{coopId}/market/picking-list.pdf',
      tags,
      summary: 'The picking list as PDF, with a tick column',
      request: { params: coopParams, query: pickingQuery },
      responses: { 200: fileResponse('application/pdf', 'Picking list') },
    }),
    async (c) => {
      const { db, coopId } = ctx(c);
      return sendFile(await pickingListDocument(db, coopId, c.req.valid('query')));
    },
  );

  api.openapi(
    coopRoute('market.read', {
      method: 'get',
      path: '/api/coops/{coopId}/market/delivery-routes',
      tags,
      summary: 'Delivery routes (one truck, several stores in order), newest first',
      request: { params: coopParams, query: deliveryRouteQuery },
      responses: { 200: jsonOf(deliveryRouteList) },
    }),
    async (c) => {
      const { db, coopId } = ctx(c);
      return c.json(await routes.listDeliveryRoutes(db, coopId, c.req.valid('query')), 200);
    },
  );

  api.openapi(
    coopRoute(
      'market.deliver',
      {
        method: 'post',
        path: '/api/coops/{coopId}/market/delivery-routes',
        tags,
        summary: "Load a day's delivery notes onto one truck in unloading order",
        request: { params: coopParams, ...jsonBody(deliveryRouteInput) },
        responses: { 201: jsonOf(deliveryRoute, 'Loaded') },
      },
      { idempotent: true },
    ),
    async (c) => {
      const { db, coopId, actor } = ctx(c);
      return c.json(await routes.createDeliveryRoute(db, coopId, actor, c.req.valid('json')), 201);
    },
  );

  api.openapi(
    coopRoute('market.read', {
      method: 'get',
      path: '/api/coops/{coopId}/market/delivery-routes/{deliveryRouteId}',
      tags,
      summary: 'One delivery route with its stops and delivery notes',
      request: { params: deliveryRouteParams },
      responses: { 200: jsonOf(deliveryRoute) },
    }),
    async (c) => {
      const { db, coopId } = ctx(c);
      return c.json(await routes.getDeliveryRoute(db, coopId, c.req.valid('param').deliveryRouteId), 200);
    },
  );

  api.openapi(
    coopRoute('market.deliver', {
      method: 'delete',
      path: '/api/coops/{coopId}/market/delivery-routes/{deliveryRouteId}',
      tags,
      summary: 'Take a route apart (while nothing on it is received) so its notes can be loaded again',
      request: { params: deliveryRouteParams },
      responses: { 200: jsonOf(okSchema, 'Deleted') },
    }),
    async (c) => {
      const { db, coopId, actor } = ctx(c);
      return c.json(await routes.deleteDeliveryRoute(db, coopId, actor, c.req.valid('param').deliveryRouteId), 200);
    },
  );

  api.openapi(
    coopRoute('market.read', {
      method: 'get',
      path: '/api/coops/{coopId}/market/delivery-routes/{deliveryRouteId}/sheet.pdf',
      tags,
      summary: 'The route sheet as PDF for the driver: stops in order, addresses, receiving hours, notes to hand over',
      request: { params: deliveryRouteParams },
      responses: { 200: fileResponse('application/pdf', 'Route sheet') },
    }),
    async (c) => {
      const { db, coopId } = ctx(c);
      return sendFile(await routeSheet(db, coopId, c.req.valid('param').deliveryRouteId));
    },
  );
}
