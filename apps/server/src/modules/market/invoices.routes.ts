import {
  ageing,
  ageingQuery,
  creditNoteInput,
  invoice,
  invoiceInput,
  invoiceList,
  invoiceQuery,
  payment,
  paymentInput,
  statement,
  statementQuery,
} from '@kopdes/shared/market';
import { coopParams, coopRoute, jsonBody, jsonOf, type Api } from '../../http/openapi.js';
import { invoiceDocument } from './documents.service.js';
import * as invoices from './invoices.service.js';
import { ctx, fileResponse, invoiceParams, partnerParams, paymentParams, sendFile, tags } from './routing.js';

export function registerInvoiceRoutes(api: Api) {
  api.openapi(
    coopRoute('market.read', {
      method: 'get',
      path: '/api/coops/{coopId}/market/invoices',
      tags,
      summary: 'Invoices and credit notes with what is credited, paid and open',
      request: { params: coopParams, query: invoiceQuery },
      responses: { 200: jsonOf(invoiceList) },
    }),
    async (c) => {
      const { db, coopId } = ctx(c);
      return c.json(await invoices.listInvoices(db, coopId, c.req.valid('query')), 200);
    },
  );

  api.openapi(
    coopRoute(
      'market.write',
      {
        method: 'post',
        path: '/api/coops/{coopId}/market/invoices',
        tags,
        summary: 'Invoice (faktur) the accepted quantities of received deliveries: receivable against member or non-member revenue',
        request: { params: coopParams, ...jsonBody(invoiceInput) },
        responses: { 201: jsonOf(invoice, 'Invoiced') },
      },
      { idempotent: true },
    ),
    async (c) => {
      const { db, coopId, actor } = ctx(c);
      return c.json(await invoices.createInvoice(db, coopId, actor, c.req.valid('json')), 201);
    },
  );

  api.openapi(
    coopRoute('market.read', {
      method: 'get',
      path: '/api/coops/{coopId}/market/invoices/{invoiceId}',
      tags,
      summary: 'One invoice or credit note with its lines',
      request: { params: invoiceParams },
      responses: { 200: jsonOf(invoice) },
    }),
    async (c) => {
      const { db, coopId } = ctx(c);
      return c.json(await invoices.getInvoice(db, coopId, c.req.valid('param').invoiceId), 200);
    },
  );

  api.openapi(
    coopRoute('market.read', {
      method: 'get',
      path: '/api/coops/{coopId}/market/invoices/{invoiceId}/document.pdf',
      tags,
      summary: 'The invoice or credit note as PDF',
      request: { params: invoiceParams },
      responses: { 200: fileResponse('application/pdf', 'Invoice') },
    }),
    async (c) => {
      const { db, coopId } = ctx(c);
      return sendFile(await invoiceDocument(db, coopId, c.req.valid('param').invoiceId));
    },
  );

  api.openapi(
    coopRoute(
      'market.write',
      {
        method: 'post',
        path: '/api/coops/{coopId}/market/invoices/{invoiceId}/credit-notes',
        tags,
        summary: 'A credit note for a later claim, up to what is open on the invoice',
        request: { params: invoiceParams, ...jsonBody(creditNoteInput) },
        responses: { 201: jsonOf(invoice, 'Credited') },
      },
      { idempotent: true },
    ),
    async (c) => {
      const { db, coopId, actor } = ctx(c);
      return c.json(await invoices.createCreditNote(db, coopId, actor, c.req.valid('param').invoiceId, c.req.valid('json')), 201);
    },
  );

  api.openapi(
    coopRoute(
      'market.write',
      {
        method: 'post',
        path: '/api/coops/{coopId}/market/payments',
        tags,
        summary: 'A payment received (cash or bank), matched to invoices; any excess stays as the partner credit',
        request: { params: coopParams, ...jsonBody(paymentInput) },
        responses: { 201: jsonOf(payment, 'Recorded') },
      },
      { idempotent: true },
    ),
    async (c) => {
      const { db, coopId, actor } = ctx(c);
      return c.json(await invoices.recordPayment(db, coopId, actor, c.req.valid('json')), 201);
    },
  );

  api.openapi(
    coopRoute('market.read', {
      method: 'get',
      path: '/api/coops/{coopId}/market/payments/{paymentId}',
      tags,
      summary: 'One payment with the invoices it paid',
      request: { params: paymentParams },
      responses: { 200: jsonOf(payment) },
    }),
    async (c) => {
      const { db, coopId } = ctx(c);
      return c.json(await invoices.getPayment(db, coopId, c.req.valid('param').paymentId), 200);
    },
  );

  api.openapi(
    coopRoute('market.read', {
      method: 'get',
      path: '/api/coops/{coopId}/market/receivables/ageing',
      tags,
      summary: 'Receivables ageing (current, 1–30, 31–60, 61–90, > 90 days) per partner, beside the ledger balance of 1121',
      request: { params: coopParams, query: ageingQuery },
      responses: { 200: jsonOf(ageing) },
    }),
    async (c) => {
      const { db, coopId } = ctx(c);
      return c.json(await invoices.ageing(db, coopId, c.req.valid('query')), 200);
    },
  );

  api.openapi(
    coopRoute('market.read', {
      method: 'get',
      path: '/api/coops/{coopId}/market/partners/{partnerId}/statement',
      tags,
      summary: "A partner's statement: invoices, credit notes and payments with the running balance, beside the ledger",
      request: { params: partnerParams, query: statementQuery },
      responses: { 200: jsonOf(statement) },
    }),
    async (c) => {
      const { db, coopId } = ctx(c);
      return c.json(await invoices.partnerStatement(db, coopId, c.req.valid('param').partnerId, c.req.valid('query')), 200);
    },
  );
}
