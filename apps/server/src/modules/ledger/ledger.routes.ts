import { z } from '@hono/zod-openapi';
import { idOf } from '@kopdes/shared/common';
import {
  account,
  accountInput,
  asOfQuery,
  cashBook,
  cashBookQuery,
  cashFlow,
  entryPreview,
  equityChanges,
  financialPosition,
  generalLedger,
  generalLedgerQuery,
  incomeStatement,
  journalEntry,
  journalQuery,
  manualEntryInput,
  memberLedgerQuery,
  monthReopenInput,
  periodMonth,
  periodQuery,
  periodsList,
  periodsQuery,
  reverseInput,
  subsidiaryIdParam,
  subsidiaryLedger,
  trialBalance,
  unit,
  unitEnableInput,
  yearCloseInput,
  yearCloseResult,
  yearReopenInput,
} from '@kopdes/shared/ledger';
import type { Context } from 'hono';
import type { Env } from '../../http/context.js';
import { actorOf, coopOf } from '../../http/middleware.js';
import { coopRoute, jsonBody, jsonOf, type Api } from '../../http/openapi.js';
import {
  closeMonth,
  closeYear,
  createAccount,
  createManualEntry,
  getEntry,
  listAccounts,
  listEntries,
  listPeriods,
  listUnits,
  previewEntry,
  reopenMonth,
  reopenYear,
  reverseEntry,
  setAccountActive,
  setUnitEnabled,
} from './ledger.service.js';
import { FILE_TYPES, renderFile } from './reports.files.js';
import * as reports from './reports.service.js';
import * as tables from './reports.tables.js';
import type { ReportTable } from './reports.tables.js';

const tags = ['ledger'];
const base = '/api/coops/{coopId}/ledger';
const coopId = z.string();
const accountCodeParam = z.object({ coopId, accountCode: z.string().regex(/^\d{4}$/) });
const unitCodeParam = z.object({ coopId, unitCode: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/) });
const entryParam = z.object({ coopId, entryId: idOf('jrn') });
const monthParam = z.object({ coopId, month: periodMonth });

/** A statement answers as JSON, or as the same numbers in an .xlsx or a letterhead PDF. */
const reportResponse = <T extends z.ZodType>(schema: T) => ({
  200: {
    description: 'The statement (`format=json`), or the file (`format=xlsx|pdf`)',
    content: {
      'application/json': { schema },
      [FILE_TYPES.xlsx]: { schema: z.string().openapi({ format: 'binary' }) },
      [FILE_TYPES.pdf]: { schema: z.string().openapi({ format: 'binary' }) },
    },
  },
});

async function answer<R>(
  c: Context<Env>,
  format: 'json' | 'xlsx' | 'pdf',
  ctx: reports.ReportContext,
  report: R,
  toTable: (r: R) => ReportTable,
) {
  if (format === 'json') return c.json(report as object, 200);
  const file = await renderFile(format, toTable(report), ctx);
  return c.body(new Uint8Array(file.body), 200, {
    'content-type': file.contentType,
    'content-disposition': `attachment; filename="${file.fileName}"`,
  });
}

export function registerLedgerRoutes(api: Api) {
  // ── Chart of accounts and units ──────────────────────────────────────────────────────────
  api.openapi(
    coopRoute('ledger.read', {
      method: 'get',
      path: `${base}/accounts`,
      tags,
      summary: 'The chart of accounts',
      request: { params: z.object({ coopId }) },
      responses: { 200: jsonOf(z.object({ items: z.array(account) })) },
    }),
    async (c) => c.json({ items: await listAccounts(c.get('db'), coopOf(c).id) }, 200),
  );

  api.openapi(
    coopRoute('ledger.setup', {
      method: 'post',
      path: `${base}/accounts`,
      tags,
      summary: 'Extend the chart with a child account (inherits its parent’s type and side)',
      request: { params: z.object({ coopId }), ...jsonBody(accountInput) },
      responses: { 201: jsonOf(account, 'Created') },
    }),
    async (c) => c.json(await createAccount(c.get('db'), coopOf(c).id, actorOf(c), c.req.valid('json')), 201),
  );

  for (const [action, active] of [
    ['deactivate', false],
    ['activate', true],
  ] as const) {
    api.openapi(
      coopRoute('ledger.setup', {
        method: 'post',
        path: `${base}/accounts/{accountCode}/${action}`,
        tags,
        summary: active ? 'Activate an account' : 'Deactivate an account (its balance must be zero)',
        request: { params: accountCodeParam },
        responses: { 200: jsonOf(account) },
      }),
      async (c) => c.json(await setAccountActive(c.get('db'), coopOf(c).id, actorOf(c), c.req.valid('param').accountCode, active), 200),
    );
  }

  api.openapi(
    coopRoute('ledger.read', {
      method: 'get',
      path: `${base}/units`,
      tags,
      summary: "The cooperative's business units",
      request: { params: z.object({ coopId }) },
      responses: { 200: jsonOf(z.object({ items: z.array(unit) })) },
    }),
    async (c) => c.json({ items: await listUnits(c.get('db'), coopOf(c).id) }, 200),
  );

  api.openapi(
    coopRoute('ledger.setup', {
      method: 'post',
      path: `${base}/units/{unitCode}/enable`,
      tags,
      summary: 'Enable a business unit (a new code needs a name)',
      request: { params: unitCodeParam, ...jsonBody(unitEnableInput) },
      responses: { 200: jsonOf(unit) },
    }),
    async (c) =>
      c.json(
        await setUnitEnabled(c.get('db'), coopOf(c).id, actorOf(c), c.req.valid('param').unitCode, true, c.req.valid('json').name),
        200,
      ),
  );

  api.openapi(
    coopRoute('ledger.setup', {
      method: 'post',
      path: `${base}/units/{unitCode}/disable`,
      tags,
      summary: 'Disable a business unit (no new postings; its history stays)',
      request: { params: unitCodeParam },
      responses: { 200: jsonOf(unit) },
    }),
    async (c) => c.json(await setUnitEnabled(c.get('db'), coopOf(c).id, actorOf(c), c.req.valid('param').unitCode, false), 200),
  );

  // ── Journal ──────────────────────────────────────────────────────────────────────────────
  api.openapi(
    coopRoute('ledger.read', {
      method: 'get',
      path: `${base}/entries`,
      tags,
      summary: 'Journal entries, newest first, filtered by date, account or source; cursor paginated',
      request: { params: z.object({ coopId }), query: journalQuery },
      responses: { 200: jsonOf(z.object({ items: z.array(journalEntry), nextCursor: z.string().nullable() })) },
    }),
    async (c) => c.json(await listEntries(c.get('db'), coopOf(c).id, c.req.valid('query')), 200),
  );

  api.openapi(
    coopRoute('ledger.read', {
      method: 'get',
      path: `${base}/entries/{entryId}`,
      tags,
      summary: 'One journal entry with its lines',
      request: { params: entryParam },
      responses: { 200: jsonOf(journalEntry) },
    }),
    async (c) => c.json(await getEntry(c.get('db'), coopOf(c).id, c.req.valid('param').entryId), 200),
  );

  api.openapi(
    coopRoute(
      'ledger.post',
      {
        method: 'post',
        path: `${base}/entries`,
        tags,
        summary: 'Post a manual journal entry (bendahara)',
        request: { params: z.object({ coopId }), ...jsonBody(manualEntryInput) },
        responses: { 201: jsonOf(journalEntry, 'Posted') },
      },
      { idempotent: true },
    ),
    async (c) => c.json(await createManualEntry(c.get('db'), coopOf(c).id, actorOf(c), c.req.valid('json')), 201),
  );

  api.openapi(
    coopRoute('ledger.post', {
      method: 'post',
      path: `${base}/entries/preview`,
      tags,
      summary: 'Validate a manual entry and show its effect on each balance, without posting',
      request: { params: z.object({ coopId }), ...jsonBody(manualEntryInput) },
      responses: { 200: jsonOf(entryPreview) },
    }),
    async (c) => c.json(await previewEntry(c.get('db'), coopOf(c).id, c.req.valid('json')), 200),
  );

  api.openapi(
    coopRoute(
      'ledger.post',
      {
        method: 'post',
        path: `${base}/entries/{entryId}/reverse`,
        tags,
        summary: 'Correct an entry by posting its reversal, linked to it',
        request: { params: entryParam, ...jsonBody(reverseInput) },
        responses: { 201: jsonOf(journalEntry, 'Reversal posted') },
      },
      { idempotent: true },
    ),
    async (c) => {
      const db = c.get('db');
      const coop = coopOf(c).id;
      const posted = await reverseEntry(db, coop, actorOf(c), c.req.valid('param').entryId, c.req.valid('json'));
      return c.json(await getEntry(db, coop, posted.id), 201);
    },
  );

  // ── Periods ──────────────────────────────────────────────────────────────────────────────
  api.openapi(
    coopRoute('ledger.read', {
      method: 'get',
      path: `${base}/periods`,
      tags,
      summary: 'The months of a year: open or closed, and whether the year is closed',
      request: { params: z.object({ coopId }), query: periodsQuery },
      responses: { 200: jsonOf(periodsList) },
    }),
    async (c) => c.json(await listPeriods(c.get('db'), coopOf(c).id, c.req.valid('query').year), 200),
  );

  api.openapi(
    coopRoute('ledger.close', {
      method: 'post',
      path: `${base}/periods/{month}/close`,
      tags,
      summary: 'Close a month: no posting may be dated in it any more',
      request: { params: monthParam },
      responses: { 200: jsonOf(periodsList) },
    }),
    async (c) => c.json(await closeMonth(c.get('db'), coopOf(c).id, actorOf(c), c.req.valid('param').month), 200),
  );

  api.openapi(
    coopRoute('ledger.close', {
      method: 'post',
      path: `${base}/periods/{month}/reopen`,
      tags,
      summary: 'Reopen a closed month of a year that is not closed',
      request: { params: monthParam, ...jsonBody(monthReopenInput) },
      responses: { 200: jsonOf(periodsList) },
    }),
    async (c) =>
      c.json(await reopenMonth(c.get('db'), coopOf(c).id, actorOf(c), c.req.valid('param').month, c.req.valid('json').reason), 200),
  );

  api.openapi(
    coopRoute(
      'ledger.close',
      {
        method: 'post',
        path: `${base}/years/close`,
        tags,
        summary: 'Year-end close: revenue and expense into SHU Tahun Berjalan, all months closed',
        request: { params: z.object({ coopId }), ...jsonBody(yearCloseInput) },
        responses: { 200: jsonOf(yearCloseResult) },
      },
      { idempotent: true },
    ),
    async (c) => c.json(await closeYear(c.get('db'), coopOf(c).id, actorOf(c), c.req.valid('json').year), 200),
  );

  api.openapi(
    coopRoute(
      'ledger.reopen_year',
      {
        method: 'post',
        path: `${base}/years/reopen`,
        tags,
        summary: 'Reopen a closed year (ketua only, with a reason kept in the audit trail)',
        request: { params: z.object({ coopId }), ...jsonBody(yearReopenInput) },
        responses: { 200: jsonOf(periodsList) },
      },
      { idempotent: true },
    ),
    async (c) => {
      const { year, reason } = c.req.valid('json');
      return c.json(await reopenYear(c.get('db'), coopOf(c).id, actorOf(c), year, reason), 200);
    },
  );

  // ── Statements and books ─────────────────────────────────────────────────────────────────
  api.openapi(
    coopRoute('ledger.read', {
      method: 'get',
      path: `${base}/reports/trial-balance`,
      tags,
      summary: 'Neraca saldo: opening, movements and closing per account for a period',
      request: { params: z.object({ coopId }), query: periodQuery },
      responses: reportResponse(trialBalance),
    }),
    async (c) => {
      const q = c.req.valid('query');
      const ctx = await reports.reportContext(c.get('db'), coopOf(c).id, q.unit);
      return answer(c, q.format, ctx, await reports.trialBalance(c.get('db'), coopOf(c).id, ctx, q), tables.trialBalanceTable);
    },
  );

  api.openapi(
    coopRoute('ledger.read', {
      method: 'get',
      path: `${base}/reports/financial-position`,
      tags,
      summary: 'Laporan posisi keuangan as of a date (assets = liabilities + equity, with the current surplus)',
      request: { params: z.object({ coopId }), query: asOfQuery },
      responses: reportResponse(financialPosition),
    }),
    async (c) => {
      const q = c.req.valid('query');
      const ctx = await reports.reportContext(c.get('db'), coopOf(c).id, q.unit);
      return answer(c, q.format, ctx, await reports.financialPosition(c.get('db'), coopOf(c).id, ctx, q), tables.financialPositionTable);
    },
  );

  api.openapi(
    coopRoute('ledger.read', {
      method: 'get',
      path: `${base}/reports/income-statement`,
      tags,
      summary: 'Laporan perhitungan hasil usaha, member and non-member revenue apart',
      request: { params: z.object({ coopId }), query: periodQuery },
      responses: reportResponse(incomeStatement),
    }),
    async (c) => {
      const q = c.req.valid('query');
      const ctx = await reports.reportContext(c.get('db'), coopOf(c).id, q.unit);
      return answer(c, q.format, ctx, await reports.incomeStatement(c.get('db'), coopOf(c).id, ctx, q), tables.incomeStatementTable);
    },
  );

  api.openapi(
    coopRoute('ledger.read', {
      method: 'get',
      path: `${base}/reports/cash-flow`,
      tags,
      summary: 'Laporan arus kas, direct method from the cash and bank accounts',
      request: { params: z.object({ coopId }), query: periodQuery },
      responses: reportResponse(cashFlow),
    }),
    async (c) => {
      const q = c.req.valid('query');
      const ctx = await reports.reportContext(c.get('db'), coopOf(c).id, q.unit);
      return answer(c, q.format, ctx, await reports.cashFlow(c.get('db'), coopOf(c).id, ctx, q), tables.cashFlowTable);
    },
  );

  api.openapi(
    coopRoute('ledger.read', {
      method: 'get',
      path: `${base}/reports/equity-changes`,
      tags,
      summary: 'Laporan perubahan ekuitas for a period',
      request: { params: z.object({ coopId }), query: periodQuery },
      responses: reportResponse(equityChanges),
    }),
    async (c) => {
      const q = c.req.valid('query');
      const ctx = await reports.reportContext(c.get('db'), coopOf(c).id, q.unit);
      return answer(c, q.format, ctx, await reports.equityChanges(c.get('db'), coopOf(c).id, ctx, q), tables.equityChangesTable);
    },
  );

  api.openapi(
    coopRoute('ledger.read', {
      method: 'get',
      path: `${base}/reports/general-ledger`,
      tags,
      summary: 'Buku besar of one account with running balance',
      request: { params: z.object({ coopId }), query: generalLedgerQuery },
      responses: reportResponse(generalLedger),
    }),
    async (c) => {
      const q = c.req.valid('query');
      const ctx = await reports.reportContext(c.get('db'), coopOf(c).id, q.unit);
      return answer(c, q.format, ctx, await reports.generalLedger(c.get('db'), coopOf(c).id, ctx, q), tables.generalLedgerTable);
    },
  );

  api.openapi(
    coopRoute('ledger.read', {
      method: 'get',
      path: `${base}/reports/cash-book`,
      tags,
      summary: 'Buku kas harian: one day of the cash and bank accounts',
      request: { params: z.object({ coopId }), query: cashBookQuery },
      responses: reportResponse(cashBook),
    }),
    async (c) => {
      const q = c.req.valid('query');
      const ctx = await reports.reportContext(c.get('db'), coopOf(c).id, q.unit);
      return answer(c, q.format, ctx, await reports.cashBook(c.get('db'), coopOf(c).id, ctx, q), tables.cashBookTable);
    },
  );

  for (const kind of ['member', 'partner'] as const) {
    api.openapi(
      coopRoute('ledger.read', {
        method: 'get',
        path: `${base}/reports/${kind}s/{subsidiaryId}`,
        tags,
        summary: `Buku pembantu: one ${kind}'s balance per account and their lines, as of a date`,
        request: { params: z.object({ coopId, subsidiaryId: subsidiaryIdParam }), query: memberLedgerQuery },
        responses: reportResponse(subsidiaryLedger),
      }),
      async (c) => {
        const q = c.req.valid('query');
        const ctx = await reports.reportContext(c.get('db'), coopOf(c).id, q.unit);
        const report = await reports.subsidiaryLedger(c.get('db'), coopOf(c).id, ctx, {
          kind,
          id: c.req.valid('param').subsidiaryId,
          asOf: q.asOf,
        });
        return answer(c, q.format, ctx, report, tables.subsidiaryLedgerTable);
      },
    );
  }
}
