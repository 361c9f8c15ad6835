import {
  farmerSales,
  farmerSalesQuery,
  invoiceTrace,
  lotMargin,
  marginQuery,
  marginReport,
  reminderQuery,
  reminders,
} from '@kopdes/shared/market';
import { memberId } from '@kopdes/shared/members';
import { lotId } from '@kopdes/shared/produce';
import { coopParams, coopRoute, jsonOf, type Api } from '../../http/openapi.js';
import * as margins from './margins.service.js';
import * as collection from './reminders.service.js';
import { ctx, invoiceParams, tags } from './routing.js';
import * as trace from './trace.service.js';

export function registerReportRoutes(api: Api) {
  api.openapi(
    coopRoute('market.read', {
      method: 'get',
      path: '/api/coops/{coopId}/market/receivables/reminders',
      tags,
      summary: 'Reminders list: partners with overdue invoices, days overdue and amounts, the most urgent first',
      request: { params: coopParams, query: reminderQuery },
      responses: { 200: jsonOf(reminders) },
    }),
    async (c) => {
      const { db, coopId } = ctx(c);
      return c.json(await collection.reminders(db, coopId, c.req.valid('query')), 200);
    },
  );

  api.openapi(
    coopRoute('market.read', {
      method: 'get',
      path: '/api/coops/{coopId}/market/reports/margins',
      tags,
      summary: 'Gross margin of received deliveries per week, partner and commodity, with credit notes and stock losses',
      request: { params: coopParams, query: marginQuery },
      responses: { 200: jsonOf(marginReport) },
    }),
    async (c) => {
      const { db, coopId } = ctx(c);
      return c.json(await margins.marginReport(db, coopId, c.req.valid('query')), 200);
    },
  );

  api.openapi(
    coopRoute('market.read', {
      method: 'get',
      path: '/api/coops/{coopId}/market/lots/{lotId}/margin',
      tags,
      summary: 'A lot from its farmers (at their price) to its buyers (at theirs), the losses in between and the margin',
      request: { params: coopParams.extend({ lotId }) },
      responses: { 200: jsonOf(lotMargin) },
    }),
    async (c) => {
      const { db, coopId } = ctx(c);
      return c.json(await trace.lotMargin(db, coopId, c.req.valid('param').lotId), 200);
    },
  );

  api.openapi(
    coopRoute('market.read', {
      method: 'get',
      path: '/api/coops/{coopId}/market/invoices/{invoiceId}/trace',
      tags,
      summary: 'Every invoice line back to the farmers who grew what the buyer accepted, or the cooperative it was bought from',
      request: { params: invoiceParams },
      responses: { 200: jsonOf(invoiceTrace) },
    }),
    async (c) => {
      const { db, coopId } = ctx(c);
      return c.json(await trace.invoiceTrace(db, coopId, c.req.valid('param').invoiceId), 200);
    },
  );

  api.openapi(
    coopRoute('market.read', {
      method: 'get',
      path: '/api/coops/{coopId}/market/farmers/{memberId}/sales',
      tags,
      summary: "A farmer's produce forward: each intake lot in the period and the partners it reached, with the farmer's share",
      request: { params: coopParams.extend({ memberId }), query: farmerSalesQuery },
      responses: { 200: jsonOf(farmerSales) },
    }),
    async (c) => {
      const { db, coopId } = ctx(c);
      return c.json(await trace.farmerSales(db, coopId, c.req.valid('param').memberId, c.req.valid('query')), 200);
    },
  );
}
