import { z } from '@hono/zod-openapi';
import {
  asOfQuery,
  expiryAlerts,
  lossInput,
  lot,
  lotId,
  lotList,
  lotQuery,
  lotTrace,
  packingInput,
  stockCountInput,
  stockDocument,
  summaryQuery,
  transferInput,
  valuation,
} from '@kopdes/shared/produce';
import { bi } from '@kopdes/shared/common';
import { coopOf } from '../../http/middleware.js';
import { coopParams, coopRoute, jsonBody, jsonOf, type Api } from '../../http/openapi.js';
import { lotLabel } from './documents.service.js';
import { packLots } from './packing.service.js';
import { ctx, fileResponse, sendFile, tags } from './routing.js';
import * as stock from './stock.service.js';

const lotParams = coopParams.extend({ lotId });
const documentParams = coopParams.extend({
  stockDocumentId: z
    .string()
    .regex(/^(pdh|ssb|pkg|sop)_[0-9A-HJKMNP-TV-Z]{26}$/, bi('Id dokumen stok tidak valid', 'Not a valid stock document id')),
});

export function registerStockRoutes(api: Api) {
  api.openapi(
    coopRoute('produce.read', {
      method: 'get',
      path: '/api/coops/{coopId}/produce/lots',
      tags,
      summary: 'Lots on hand with remaining shelf life, the one to use first (first-expired-first-out) first',
      request: { params: coopParams, query: lotQuery },
      responses: { 200: jsonOf(lotList) },
    }),
    async (c) => c.json(await stock.listLots(c.get('db'), coopOf(c).id, c.req.valid('query')), 200),
  );

  api.openapi(
    coopRoute('produce.read', {
      method: 'get',
      path: '/api/coops/{coopId}/produce/lots/{lotId}',
      tags,
      summary: 'One lot with what is on hand where',
      request: { params: lotParams },
      responses: { 200: jsonOf(lot) },
    }),
    async (c) => c.json(await stock.getLot(c.get('db'), coopOf(c).id, c.req.valid('param').lotId), 200),
  );

  api.openapi(
    coopRoute('produce.read', {
      method: 'get',
      path: '/api/coops/{coopId}/produce/lots/{lotId}/trace',
      tags,
      summary: 'Trace a lot back to farmer, plot and intake, and forward to packs and buyers',
      request: { params: lotParams },
      responses: { 200: jsonOf(lotTrace) },
    }),
    async (c) => c.json(await stock.traceLot(c.get('db'), coopOf(c).id, c.req.valid('param').lotId), 200),
  );

  api.openapi(
    coopRoute('produce.read', {
      method: 'get',
      path: '/api/coops/{coopId}/produce/lots/{lotId}/label.pdf',
      tags,
      summary: 'The lot label with a QR code of the lot id (100 × 70 mm PDF)',
      request: { params: lotParams },
      responses: { 200: fileResponse('application/pdf', 'Lot label') },
    }),
    async (c) => sendFile(await lotLabel(c.get('db'), coopOf(c).id, c.req.valid('param').lotId)),
  );

  api.openapi(
    coopRoute(
      'produce.stock',
      {
        method: 'post',
        path: '/api/coops/{coopId}/produce/transfers',
        tags,
        summary: 'Move (part of) a lot to another location',
        request: { params: coopParams, ...jsonBody(transferInput) },
        responses: { 201: jsonOf(stockDocument, 'Recorded') },
      },
      { idempotent: true },
    ),
    async (c) => {
      const { db, coopId, actor } = ctx(c);
      return c.json(await stock.transferStock(db, coopId, actor, c.req.valid('json')), 201);
    },
  );

  api.openapi(
    coopRoute(
      'produce.stock',
      {
        method: 'post',
        path: '/api/coops/{coopId}/produce/losses',
        tags,
        summary: 'Write off weight loss (susut) or spoilage at cost, with the reason',
        request: { params: coopParams, ...jsonBody(lossInput) },
        responses: { 201: jsonOf(stockDocument, 'Recorded') },
      },
      { idempotent: true },
    ),
    async (c) => {
      const { db, coopId, actor } = ctx(c);
      return c.json(await stock.recordLoss(db, coopId, actor, c.req.valid('json')), 201);
    },
  );

  api.openapi(
    coopRoute(
      'produce.stock',
      {
        method: 'post',
        path: '/api/coops/{coopId}/produce/packings',
        tags,
        summary: 'Pack lots of one commodity and grade into channel packs; records yield and packing loss',
        request: { params: coopParams, ...jsonBody(packingInput) },
        responses: { 201: jsonOf(stockDocument, 'Recorded') },
      },
      { idempotent: true },
    ),
    async (c) => {
      const { db, coopId, actor } = ctx(c);
      return c.json(await packLots(db, coopId, actor, c.req.valid('json')), 201);
    },
  );

  api.openapi(
    coopRoute(
      'produce.stock',
      {
        method: 'post',
        path: '/api/coops/{coopId}/produce/stock-counts',
        tags,
        summary: 'A stock count at one location: lots are adjusted to what was counted',
        request: { params: coopParams, ...jsonBody(stockCountInput) },
        responses: { 201: jsonOf(stockDocument, 'Recorded') },
      },
      { idempotent: true },
    ),
    async (c) => {
      const { db, coopId, actor } = ctx(c);
      return c.json(await stock.countStock(db, coopId, actor, c.req.valid('json')), 201);
    },
  );

  api.openapi(
    coopRoute('produce.read', {
      method: 'get',
      path: '/api/coops/{coopId}/produce/stock-documents/{stockDocumentId}',
      tags,
      summary: 'A transfer, loss, packing or count with its movements',
      request: { params: documentParams },
      responses: { 200: jsonOf(stockDocument) },
    }),
    async (c) => c.json(await stock.getStockDocument(c.get('db'), coopOf(c).id, c.req.valid('param').stockDocumentId), 200),
  );

  api.openapi(
    coopRoute('produce.read', {
      method: 'get',
      path: '/api/coops/{coopId}/produce/stock/alerts',
      tags,
      summary: 'Lots close to (or past) their expiry',
      request: { params: coopParams, query: summaryQuery },
      responses: { 200: jsonOf(expiryAlerts) },
    }),
    async (c) => c.json(await stock.expiryAlerts(c.get('db'), coopOf(c).id, c.req.valid('query')), 200),
  );

  api.openapi(
    coopRoute('produce.read', {
      method: 'get',
      path: '/api/coops/{coopId}/produce/stock/valuation',
      tags,
      summary: 'Stock at cost by commodity, grade and location with ages, beside the ledger balance of account 1142',
      request: { params: coopParams, query: asOfQuery },
      responses: { 200: jsonOf(valuation) },
    }),
    async (c) => c.json(await stock.valuation(c.get('db'), coopOf(c).id, c.req.valid('query')), 200),
  );
}
