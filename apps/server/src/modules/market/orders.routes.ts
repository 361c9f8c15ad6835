import { z } from '@hono/zod-openapi';
import {
  fillRate,
  fillRateQuery,
  poImportQuery,
  poImportReport,
  purchaseOrder,
  purchaseOrderInput,
  purchaseOrderList,
  purchaseOrderQuery,
} from '@kopdes/shared/market';
import type { Context } from 'hono';
import type { Env } from '../../http/context.js';
import { coopParams, coopRoute, jsonBody, jsonOf, type Api } from '../../http/openapi.js';
import { AppError } from '../../lib/errors.js';
import { importPurchaseOrders } from './orders-import.service.js';
import * as orders from './orders.service.js';
import { ctx, purchaseOrderParams, tags } from './routing.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const UPLOAD_TYPES = ['multipart/form-data', XLSX, 'text/csv', 'application/octet-stream'];

/** The uploaded file: the `file` part of a multipart form, or the raw body. Other types: 415. */
async function upload(c: Context<Env>, filename: string | undefined): Promise<{ data: Buffer; name: string }> {
  const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type && !UPLOAD_TYPES.includes(type)) {
    const message = {
      id: 'Kirim berkas PO sebagai multipart/form-data (bagian "file") atau langsung dengan tipe .xlsx / text/csv',
      en: 'Send the PO file as multipart/form-data (part "file") or as the raw body typed .xlsx / text/csv',
    };
    throw new AppError('unsupported_media_type', 'unsupported_media_type', message, [
      { field: 'header.Content-Type', code: 'unsupported_media_type', message },
    ]);
  }
  if (type === 'multipart/form-data') {
    const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
    const file = form.file;
    if (!(file instanceof File)) {
      const message = { id: 'Bagian "file" berisi berkas wajib ada', en: 'A "file" part holding the file is required' };
      throw new AppError('validation', 'file_required', message, [{ field: 'file', code: 'file_required', message }]);
    }
    return { data: Buffer.from(await file.arrayBuffer()), name: filename ?? (file.name || 'po.xlsx') };
  }
  return { data: Buffer.from(await c.req.arrayBuffer()), name: filename ?? (type === 'text/csv' ? 'po.csv' : 'po.xlsx') };
}

export function registerOrderRoutes(api: Api) {
  api.openapi(
    coopRoute('market.read', {
      method: 'get',
      path: '/api/coops/{coopId}/market/purchase-orders',
      tags,
      summary: 'Purchase orders, by delivery date (newest first)',
      request: { params: coopParams, query: purchaseOrderQuery },
      responses: { 200: jsonOf(purchaseOrderList) },
    }),
    async (c) => {
      const { db, coopId } = ctx(c);
      return c.json(await orders.listPurchaseOrders(db, coopId, c.req.valid('query')), 200);
    },
  );

  api.openapi(
    coopRoute(
      'market.orders',
      {
        method: 'post',
        path: '/api/coops/{coopId}/market/purchase-orders',
        tags,
        summary: "A purchase order, entered or posted by the buyer's system (API token): checked against the contract with warnings",
        description:
          'A token linked to a partner (`apiTokenId` on the partner) orders for that partner only and may leave out `partnerId`. ' +
          'Lines name the article code of the contract, or the commodity, grade and pack format; the price defaults to the contract price.',
        request: { params: coopParams, ...jsonBody(purchaseOrderInput) },
        responses: { 201: jsonOf(purchaseOrder, 'Recorded') },
      },
      { idempotent: true },
    ),
    async (c) => {
      const { db, coopId, actor } = ctx(c);
      const p = c.get('principal');
      const tokenId = p?.kind === 'token' ? p.tokenId : null;
      return c.json(await orders.submitPurchaseOrder(db, coopId, actor, c.req.valid('json'), { tokenId }), 201);
    },
  );

  api.openapi(
    coopRoute('market.write', {
      method: 'post',
      path: '/api/coops/{coopId}/market/purchase-orders/import',
      tags,
      summary: "Import a buyer's PO file (.xlsx or CSV, one row per line): dry run, or commit all orders or none",
      description:
        'Columns found by name: No PO, Tanggal PO (optional), Tanggal Kirim, Kode Toko, Kode Artikel (PLU), Qty, Harga (optional). ' +
        'Send as `multipart/form-data` (part `file`) or the raw body with its content type. `mode=commit` with any order wrong writes nothing (422 with the report).',
      request: {
        params: coopParams,
        query: poImportQuery,
        body: {
          required: false,
          content: {
            'multipart/form-data': {
              schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } }, required: ['file'] },
            },
            [XLSX]: { schema: { type: 'string', format: 'binary', description: '.xlsx workbook' } },
            'text/csv': { schema: { type: 'string', format: 'binary', description: 'CSV' } },
            'application/octet-stream': { schema: z.string().openapi({ type: 'string', format: 'binary' }) },
          },
        },
      },
      responses: { 200: jsonOf(poImportReport, 'The report (and, when committed, the orders written)') },
    }),
    async (c) => {
      const { db, coopId, actor } = ctx(c);
      const q = c.req.valid('query');
      const file = await upload(c, q.filename);
      const report = await importPurchaseOrders(db, coopId, actor, file.data, {
        partnerId: q.partnerId,
        mode: q.mode,
        filename: file.name,
      });
      if (q.mode === 'commit' && report.summary.invalid > 0) {
        throw new AppError(
          'unprocessable',
          'import_has_errors',
          {
            id: `${report.summary.invalid} dari ${report.summary.orders} PO bermasalah; tidak ada yang diimpor`,
            en: `${report.summary.invalid} of ${report.summary.orders} orders have problems; nothing was imported`,
          },
          [],
          { report },
        );
      }
      return c.json(report, 200);
    },
  );

  api.openapi(
    coopRoute('market.read', {
      method: 'get',
      path: '/api/coops/{coopId}/market/purchase-orders/{purchaseOrderId}',
      tags,
      summary: 'One purchase order with its lines, warnings and what is delivered and open',
      request: { params: purchaseOrderParams },
      responses: { 200: jsonOf(purchaseOrder) },
    }),
    async (c) => {
      const { db, coopId } = ctx(c);
      return c.json(await orders.getPurchaseOrder(db, coopId, c.req.valid('param').purchaseOrderId), 200);
    },
  );

  api.openapi(
    coopRoute('market.read', {
      method: 'get',
      path: '/api/coops/{coopId}/market/reports/fill-rate',
      tags,
      summary: 'Fill rate per partner, commodity and week: delivered and accepted against ordered',
      request: { params: coopParams, query: fillRateQuery },
      responses: { 200: jsonOf(fillRate) },
    }),
    async (c) => {
      const { db, coopId } = ctx(c);
      return c.json(await orders.fillRate(db, coopId, c.req.valid('query')), 200);
    },
  );
}
