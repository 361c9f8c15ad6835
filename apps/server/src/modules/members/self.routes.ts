/**
 * Self-service for a signed-in member (role anggota): their own record, balances, transactions,
 * dues, receipts and passbook — found through the user's link to a member record, so no route
 * takes a member id and nothing of anyone else can be asked for.
 */
import { member } from '@kopdes/shared/members';
import { duesItem, memberSavings, savingsTransactionId, selfTransactionQuery, transactionPage } from '@kopdes/shared/savings';
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { Env } from '../../http/context.js';
import { coopOf } from '../../http/middleware.js';
import { coopParams, coopRoute, jsonOf, type Api } from '../../http/openapi.js';
import { unauthorized } from '../../lib/errors.js';
import { pdf, pdfResponse } from '../savings/savings.routes.js';
import { passbookFor, receiptFor } from '../savings/savings-papers.service.js';
import { listTransactions, memberDues, memberSavings as savingsOf } from '../savings/savings.service.js';
import { memberOfUser } from './members.service.js';

async function me(c: Context<Env>) {
  const p = c.get('principal');
  if (p?.kind !== 'user') throw unauthorized();
  return memberOfUser(c.get('db'), coopOf(c).id, p.userId);
}

export function registerSelfRoutes(api: Api) {
  api.openapi(
    coopRoute('self.read', {
      method: 'get',
      path: '/api/coops/{coopId}/me/member',
      tags: ['self-service'],
      summary: 'My member record (409 member_not_linked when my account has none)',
      request: { params: coopParams },
      responses: { 200: jsonOf(member) },
    }),
    async (c) => c.json(await me(c), 200),
  );

  api.openapi(
    coopRoute('self.read', {
      method: 'get',
      path: '/api/coops/{coopId}/me/savings',
      tags: ['self-service'],
      summary: 'My balances and open dues',
      request: { params: coopParams },
      responses: { 200: jsonOf(memberSavings) },
    }),
    async (c) => c.json(await savingsOf(c.get('db'), coopOf(c).id, (await me(c)).id), 200),
  );

  api.openapi(
    coopRoute('self.read', {
      method: 'get',
      path: '/api/coops/{coopId}/me/savings/transactions',
      tags: ['self-service'],
      summary: 'My savings transactions, newest first',
      request: { params: coopParams, query: selfTransactionQuery },
      responses: { 200: jsonOf(transactionPage) },
    }),
    async (c) => {
      const m = await me(c);
      return c.json(await listTransactions(c.get('db'), coopOf(c).id, { ...c.req.valid('query'), memberId: m.id }), 200);
    },
  );

  api.openapi(
    coopRoute('self.read', {
      method: 'get',
      path: '/api/coops/{coopId}/me/savings/dues',
      tags: ['self-service'],
      summary: 'My simpanan wajib dues, newest first',
      request: { params: coopParams },
      responses: { 200: jsonOf(z.object({ items: z.array(duesItem) })) },
    }),
    async (c) => c.json(await memberDues(c.get('db'), coopOf(c).id, (await me(c)).id), 200),
  );

  api.openapi(
    coopRoute('self.read', {
      method: 'get',
      path: '/api/coops/{coopId}/me/savings/transactions/{transactionId}/receipt.pdf',
      tags: ['self-service'],
      summary: 'The receipt of one of my transactions (404 for anyone else’s)',
      request: { params: coopParams.extend({ transactionId: savingsTransactionId }) },
      responses: { 200: pdfResponse('Receipt PDF') },
    }),
    async (c) => {
      const m = await me(c);
      return pdf(await receiptFor(c.get('db'), coopOf(c).id, c.req.valid('param').transactionId, m.id)) as never;
    },
  );

  api.openapi(
    coopRoute('self.read', {
      method: 'get',
      path: '/api/coops/{coopId}/me/savings/passbook.pdf',
      tags: ['self-service'],
      summary: 'My passbook (buku simpanan)',
      request: { params: coopParams },
      responses: { 200: pdfResponse('Passbook PDF') },
    }),
    async (c) => pdf(await passbookFor(c.get('db'), coopOf(c).id, (await me(c)).id)) as never,
  );
}
