import {
  asOfQuery,
  gradeMixQuery,
  gradeMixReport,
  intakeSummary,
  payablesReport,
  payoutId,
  payoutPreviewQuery,
  payoutRun,
  payoutRunId,
  payoutRunInput,
  payoutRunList,
  summaryQuery,
} from '@kopdes/shared/produce';
import { coopOf } from '../../http/middleware.js';
import { coopParams, coopRoute, jsonBody, jsonOf, type Api } from '../../http/openapi.js';
import { payoutRunSlips, payoutSlip } from './documents.service.js';
import * as payouts from './payouts.service.js';
import { ctx, fileResponse, sendFile, tags } from './routing.js';
import * as views from './views.service.js';

const runParams = coopParams.extend({ payoutRunId });
const payoutParams = coopParams.extend({ payoutId });

export function registerPayoutRoutes(api: Api) {
  api.openapi(
    coopRoute('produce.read', {
      method: 'get',
      path: '/api/coops/{coopId}/produce/payouts/preview',
      tags,
      summary: 'What a payout run for the period would pay each farmer, deductions and net; nothing is written',
      request: { params: coopParams, query: payoutPreviewQuery },
      responses: { 200: jsonOf(payoutRun) },
    }),
    async (c) => c.json(await payouts.previewPayouts(c.get('db'), coopOf(c).id, c.req.valid('query')), 200),
  );

  api.openapi(
    coopRoute(
      'payouts.run',
      {
        method: 'post',
        path: '/api/coops/{coopId}/produce/payout-runs',
        tags,
        summary: "Pay farmers for the period's unpaid intakes, less agreed deductions, by cash or bank transfer",
        request: { params: coopParams, ...jsonBody(payoutRunInput) },
        responses: { 201: jsonOf(payoutRun, 'Paid') },
      },
      { idempotent: true },
    ),
    async (c) => {
      const { db, coopId, actor } = ctx(c);
      return c.json(await payouts.runPayouts(db, coopId, actor, c.req.valid('json')), 201);
    },
  );

  api.openapi(
    coopRoute('produce.read', {
      method: 'get',
      path: '/api/coops/{coopId}/produce/payout-runs',
      tags,
      summary: 'Payout runs, newest first',
      request: { params: coopParams },
      responses: { 200: jsonOf(payoutRunList) },
    }),
    async (c) => c.json(await payouts.listPayoutRuns(c.get('db'), coopOf(c).id), 200),
  );

  api.openapi(
    coopRoute('produce.read', {
      method: 'get',
      path: '/api/coops/{coopId}/produce/payout-runs/{payoutRunId}',
      tags,
      summary: 'One payout run with every farmer',
      request: { params: runParams },
      responses: { 200: jsonOf(payoutRun) },
    }),
    async (c) => c.json(await payouts.getPayoutRun(c.get('db'), coopOf(c).id, c.req.valid('param').payoutRunId), 200),
  );

  api.openapi(
    coopRoute('produce.read', {
      method: 'get',
      path: '/api/coops/{coopId}/produce/payout-runs/{payoutRunId}/bank-file.csv',
      tags,
      summary: "The run's bank transfers as CSV for the bank's bulk upload",
      request: { params: runParams },
      responses: { 200: fileResponse('text/csv', 'Bank transfer file') },
    }),
    async (c) => {
      const f = await payouts.bankFile(c.get('db'), coopOf(c).id, c.req.valid('param').payoutRunId);
      return sendFile({ filename: f.filename, contentType: 'text/csv; charset=utf-8', body: f.csv });
    },
  );

  api.openapi(
    coopRoute('produce.read', {
      method: 'get',
      path: '/api/coops/{coopId}/produce/payout-runs/{payoutRunId}/slips.pdf',
      tags,
      summary: 'Payout slips of the run, one A5 page per farmer',
      request: { params: runParams },
      responses: { 200: fileResponse('application/pdf', 'Payout slips') },
    }),
    async (c) => sendFile(await payoutRunSlips(c.get('db'), coopOf(c).id, c.req.valid('param').payoutRunId)),
  );

  api.openapi(
    coopRoute('produce.read', {
      method: 'get',
      path: '/api/coops/{coopId}/produce/payouts/{payoutId}/slip.pdf',
      tags,
      summary: "One farmer's payout slip (A5 PDF, Bahasa Indonesia)",
      request: { params: payoutParams },
      responses: { 200: fileResponse('application/pdf', 'Payout slip') },
    }),
    async (c) => sendFile(await payoutSlip(c.get('db'), coopOf(c).id, c.req.valid('param').payoutId)),
  );

  api.openapi(
    coopRoute('produce.read', {
      method: 'get',
      path: '/api/coops/{coopId}/produce/views/intake-summary',
      tags,
      summary: 'Intake today and this week by commodity, with the week’s grade mix',
      request: { params: coopParams, query: summaryQuery },
      responses: { 200: jsonOf(intakeSummary) },
    }),
    async (c) => c.json(await views.intakeSummary(c.get('db'), coopOf(c).id, c.req.valid('query')), 200),
  );

  api.openapi(
    coopRoute('produce.read', {
      method: 'get',
      path: '/api/coops/{coopId}/produce/views/grade-mix',
      tags,
      summary: 'Grade mix per farmer or per farmer group, week by week',
      request: { params: coopParams, query: gradeMixQuery },
      responses: { 200: jsonOf(gradeMixReport) },
    }),
    async (c) => c.json(await views.gradeMix(c.get('db'), coopOf(c).id, c.req.valid('query')), 200),
  );

  api.openapi(
    coopRoute('produce.read', {
      method: 'get',
      path: '/api/coops/{coopId}/produce/views/payables',
      tags,
      summary: 'What is payable to each farmer: unpaid intakes beside the ledger (account 2102)',
      request: { params: coopParams, query: asOfQuery },
      responses: { 200: jsonOf(payablesReport) },
    }),
    async (c) => c.json(await views.payables(c.get('db'), coopOf(c).id, c.req.valid('query')), 200),
  );
}
