import { z } from '@hono/zod-openapi';
import { memberId } from '@kopdes/shared/members';
import {
  arrearsList,
  arrearsQuery,
  balancesPage,
  balancesQuery,
  depositInput,
  duesItem,
  duesRun,
  duesRunInput,
  duesRunList,
  leavingInput,
  leavingPreview,
  memberSavings,
  reversalInput,
  savingsSettingsInput,
  savingsSettingsList,
  savingsTransaction,
  savingsTransactionId,
  settlement,
  transactionPage,
  transactionQuery,
  transferInput,
  transferResult,
  withdrawalInput,
} from '@kopdes/shared/savings';
import { actorOf, coopOf } from '../../http/middleware.js';
import { coopParams, coopRoute, jsonBody, jsonOf, type Api } from '../../http/openapi.js';
import { memberLeaving } from '../../workflows/member-leaving.js';
import { passbookFor, receiptFor } from './savings-papers.service.js';
import * as savings from './savings.service.js';
import { leavingPreview as previewLeaving, settlementOf } from './settlement.js';

const memberParams = coopParams.extend({ memberId });
const transactionParams = coopParams.extend({ transactionId: savingsTransactionId });
export const pdfResponse = (description: string) => ({
  description,
  content: { 'application/pdf': { schema: z.string().openapi({ type: 'string', format: 'binary' }) } },
});
export const pdf = (file: { pdf: Buffer; filename: string }) =>
  new Response(new Uint8Array(file.pdf), {
    status: 200,
    headers: { 'content-type': 'application/pdf', 'content-disposition': `inline; filename="${file.filename}"` },
  });

export function registerSavingsRoutes(api: Api) {
  api.openapi(
    coopRoute('savings.read', {
      method: 'get',
      path: '/api/coops/{coopId}/savings/settings',
      tags: ['savings'],
      summary: 'Simpanan pokok and wajib amounts: the one in force today and every dated setting',
      request: { params: coopParams },
      responses: { 200: jsonOf(savingsSettingsList) },
    }),
    async (c) => c.json(await savings.getSettings(c.get('db'), coopOf(c).id), 200),
  );

  api.openapi(
    coopRoute('savings.manage', {
      method: 'post',
      path: '/api/coops/{coopId}/savings/settings',
      tags: ['savings'],
      summary: 'Set the pokok and wajib amounts (and wajib period) from a date on',
      request: { params: coopParams, ...jsonBody(savingsSettingsInput) },
      responses: { 200: jsonOf(savingsSettingsList) },
    }),
    async (c) => c.json(await savings.saveSettings(c.get('db'), actorOf(c), coopOf(c).id, c.req.valid('json')), 200),
  );

  api.openapi(
    coopRoute(
      'savings.post',
      {
        method: 'post',
        path: '/api/coops/{coopId}/savings/deposits',
        tags: ['savings'],
        summary: 'Deposit: pokok (once, the set amount), wajib (against open dues, oldest first) or sukarela',
        request: { params: coopParams, ...jsonBody(depositInput) },
        responses: { 201: jsonOf(savingsTransaction, 'Posted, with its journal entry') },
      },
      { idempotent: true },
    ),
    async (c) =>
      c.json(await savings.deposit(c.get('db'), actorOf(c), coopOf(c).id, c.req.valid('json'), undefined, { lastWrite: true }), 201),
  );

  api.openapi(
    coopRoute(
      'savings.post',
      {
        method: 'post',
        path: '/api/coops/{coopId}/savings/withdrawals',
        tags: ['savings'],
        summary: 'Withdraw simpanan sukarela; never below zero, also under concurrent withdrawals',
        request: { params: coopParams, ...jsonBody(withdrawalInput) },
        responses: { 201: jsonOf(savingsTransaction, 'Posted, with its journal entry') },
      },
      { idempotent: true },
    ),
    async (c) => c.json(await savings.withdraw(c.get('db'), actorOf(c), coopOf(c).id, c.req.valid('json'), { lastWrite: true }), 201),
  );

  api.openapi(
    coopRoute(
      'savings.post',
      {
        method: 'post',
        path: '/api/coops/{coopId}/savings/transfers',
        tags: ['savings'],
        summary: 'Move simpanan sukarela from one member to another (pindah buku); never below zero for the giver',
        request: { params: coopParams, ...jsonBody(transferInput) },
        responses: { 201: jsonOf(transferResult, 'Both legs, with their one journal entry') },
      },
      { idempotent: true },
    ),
    async (c) => c.json(await savings.transfer(c.get('db'), actorOf(c), coopOf(c).id, c.req.valid('json')), 201),
  );

  api.openapi(
    coopRoute(
      'savings.post',
      {
        method: 'post',
        path: '/api/coops/{coopId}/savings/transactions/{transactionId}/reverse',
        tags: ['savings'],
        summary: 'Correct a deposit or withdrawal by reversing it (the original stays, linked to its reversal)',
        request: { params: transactionParams, ...jsonBody(reversalInput) },
        responses: { 201: jsonOf(savingsTransaction, 'The reversal') },
      },
      { idempotent: true },
    ),
    async (c) =>
      c.json(
        await savings.reverseTransaction(c.get('db'), actorOf(c), coopOf(c).id, c.req.valid('param').transactionId, c.req.valid('json')),
        201,
      ),
  );

  api.openapi(
    coopRoute('savings.read', {
      method: 'get',
      path: '/api/coops/{coopId}/savings/transactions',
      tags: ['savings'],
      summary: 'Savings transactions, newest first, filterable, paginated by cursor',
      request: { params: coopParams, query: transactionQuery },
      responses: { 200: jsonOf(transactionPage) },
    }),
    async (c) => c.json(await savings.listTransactions(c.get('db'), coopOf(c).id, c.req.valid('query')), 200),
  );

  api.openapi(
    coopRoute('savings.read', {
      method: 'get',
      path: '/api/coops/{coopId}/savings/transactions/{transactionId}',
      tags: ['savings'],
      summary: 'One savings transaction',
      request: { params: transactionParams },
      responses: { 200: jsonOf(savingsTransaction) },
    }),
    async (c) => c.json(await savings.getTransaction(c.get('db'), coopOf(c).id, c.req.valid('param').transactionId), 200),
  );

  api.openapi(
    coopRoute('savings.read', {
      method: 'get',
      path: '/api/coops/{coopId}/savings/transactions/{transactionId}/receipt.pdf',
      tags: ['savings'],
      summary: 'The receipt (kuitansi) of a transaction, with the amount in words',
      request: { params: transactionParams },
      responses: { 200: pdfResponse('Receipt PDF') },
    }),
    async (c) => pdf(await receiptFor(c.get('db'), coopOf(c).id, c.req.valid('param').transactionId)) as never,
  );

  api.openapi(
    coopRoute('savings.read', {
      method: 'get',
      path: '/api/coops/{coopId}/savings/balances',
      tags: ['savings'],
      summary: "Members' balances by number, with totals over all matching members",
      request: { params: coopParams, query: balancesQuery },
      responses: { 200: jsonOf(balancesPage) },
    }),
    async (c) => c.json(await savings.balancesPage(c.get('db'), coopOf(c).id, c.req.valid('query')), 200),
  );

  api.openapi(
    coopRoute('savings.read', {
      method: 'get',
      path: '/api/coops/{coopId}/members/{memberId}/savings',
      tags: ['savings'],
      summary: "A member's balances, whether pokok is paid, and open wajib dues",
      request: { params: memberParams },
      responses: { 200: jsonOf(memberSavings) },
    }),
    async (c) => c.json(await savings.memberSavings(c.get('db'), coopOf(c).id, c.req.valid('param').memberId), 200),
  );

  api.openapi(
    coopRoute('savings.read', {
      method: 'get',
      path: '/api/coops/{coopId}/members/{memberId}/dues',
      tags: ['savings'],
      summary: "A member's simpanan wajib dues with what was paid on each, newest first",
      request: { params: memberParams },
      responses: { 200: jsonOf(z.object({ items: z.array(duesItem) })) },
    }),
    async (c) => c.json(await savings.memberDues(c.get('db'), coopOf(c).id, c.req.valid('param').memberId), 200),
  );

  api.openapi(
    coopRoute('savings.read', {
      method: 'get',
      path: '/api/coops/{coopId}/members/{memberId}/passbook.pdf',
      tags: ['savings'],
      summary: "The member's passbook (buku simpanan): every transaction with running balances",
      request: { params: memberParams },
      responses: { 200: pdfResponse('Passbook PDF') },
    }),
    async (c) => pdf(await passbookFor(c.get('db'), coopOf(c).id, c.req.valid('param').memberId)) as never,
  );

  api.openapi(
    coopRoute(
      'savings.post',
      {
        method: 'post',
        path: '/api/coops/{coopId}/savings/dues/runs',
        tags: ['savings'],
        summary: 'Bill simpanan wajib for a month to every active member (idempotent per month)',
        request: { params: coopParams, ...jsonBody(duesRunInput) },
        responses: { 200: jsonOf(duesRun) },
      },
      { idempotent: true },
    ),
    async (c) => c.json(await savings.runDues(c.get('db'), actorOf(c), coopOf(c).id, c.req.valid('json').period), 200),
  );

  api.openapi(
    coopRoute('savings.read', {
      method: 'get',
      path: '/api/coops/{coopId}/savings/dues/runs',
      tags: ['savings'],
      summary: 'Billing runs, newest month first',
      request: { params: coopParams },
      responses: { 200: jsonOf(duesRunList) },
    }),
    async (c) => c.json(await savings.listDuesRuns(c.get('db'), coopOf(c).id), 200),
  );

  api.openapi(
    coopRoute('savings.read', {
      method: 'get',
      path: '/api/coops/{coopId}/savings/arrears',
      tags: ['savings'],
      summary: 'Active members in arrears on simpanan wajib: months and amounts, most months first',
      request: { params: coopParams, query: arrearsQuery },
      responses: { 200: jsonOf(arrearsList) },
    }),
    async (c) => c.json(await savings.arrears(c.get('db'), coopOf(c).id, c.req.valid('query')), 200),
  );

  api.openapi(
    coopRoute('savings.read', {
      method: 'get',
      path: '/api/coops/{coopId}/members/{memberId}/leaving',
      tags: ['savings'],
      summary: 'What leaving would settle: savings returned, debts set off, net paid, and what blocks it',
      request: { params: memberParams },
      responses: { 200: jsonOf(leavingPreview) },
    }),
    async (c) => c.json(await previewLeaving(c.get('db'), coopOf(c).id, c.req.valid('param').memberId), 200),
  );

  api.openapi(
    coopRoute(
      'savings.post',
      {
        method: 'post',
        path: '/api/coops/{coopId}/members/{memberId}/leaving',
        tags: ['savings'],
        summary: 'The member leaves (or has died): savings settled with the journal entry, status changed, history kept',
        request: { params: memberParams, ...jsonBody(leavingInput) },
        responses: { 201: jsonOf(settlement, 'Settled') },
      },
      { idempotent: true },
    ),
    async (c) =>
      c.json(await memberLeaving(c.get('db'), actorOf(c), coopOf(c).id, c.req.valid('param').memberId, c.req.valid('json')), 201),
  );

  api.openapi(
    coopRoute('savings.read', {
      method: 'get',
      path: '/api/coops/{coopId}/members/{memberId}/settlement',
      tags: ['savings'],
      summary: 'The settlement made when the member left; null while they are a member',
      request: { params: memberParams },
      responses: { 200: jsonOf(settlement.nullable()) },
    }),
    async (c) => c.json(await settlementOf(c.get('db'), coopOf(c).id, c.req.valid('param').memberId), 200),
  );
}
