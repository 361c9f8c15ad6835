import { z } from '@hono/zod-openapi';
import { page } from '@kopdes/shared/common';
import {
  coopPartnershipInput,
  documentInput,
  documentParams,
  partner,
  partnerInput,
  partnershipDetail,
  partnershipDocument,
  partnershipInput,
  partnershipParams,
  partnershipQuery,
  partnershipUpdate,
  stageInput,
} from '@kopdes/shared/network';
import { actorOf, coopOf } from '../../http/middleware.js';
import { adminRoute, coopParams, coopRoute, jsonBody, jsonOf, type Api } from '../../http/openapi.js';
import type { Clock } from '../../lib/clock.js';
import { invalidField } from '../../lib/errors.js';
import { getCooperative } from '../cooperatives/cooperatives.service.js';
import { fileOf, sendFile, todayOf, todayOfCoop } from './http.js';
import * as partnerships from './partnerships.service.js';

const TAGS = ['network: partnerships'];
const partnership = partnershipDetail.omit({ events: true, documents: true });
const file = fileOf('application/octet-stream', 'The document (PDF, JPEG or PNG)');

export function registerPartnershipRoutes(api: Api, clock: Clock) {
  api.openapi(
    adminRoute({
      method: 'get',
      path: '/api/admin/network/partners',
      tags: TAGS,
      summary: 'Partners (state companies, retailers, mentor cooperatives, off-takers, banks) with partnerships by stage',
      responses: { 200: jsonOf(z.object({ items: z.array(partner) })) },
    }),
    async (c) => c.json({ items: await partnerships.listPartners(c.get('db')) }, 200),
  );

  api.openapi(
    adminRoute({
      method: 'post',
      path: '/api/admin/network/partners',
      tags: TAGS,
      summary: 'Add a partner',
      request: jsonBody(partnerInput),
      responses: { 201: jsonOf(partner, 'Created') },
    }),
    async (c) => c.json(await partnerships.createPartner(c.get('db'), actorOf(c), c.req.valid('json')), 201),
  );

  api.openapi(
    adminRoute({
      method: 'get',
      path: '/api/admin/network/partnerships',
      tags: TAGS,
      summary: 'Partnerships, by cooperative, partner or stage',
      request: { query: partnershipQuery },
      responses: { 200: jsonOf(page(partnership)) },
    }),
    async (c) => c.json(await partnerships.listPartnerships(c.get('db'), c.req.valid('query')), 200),
  );

  api.openapi(
    adminRoute({
      method: 'post',
      path: '/api/admin/network/partnerships',
      tags: TAGS,
      summary: 'Propose a partnership between a cooperative and a partner',
      request: jsonBody(partnershipInput),
      responses: { 201: jsonOf(partnershipDetail, 'Created') },
    }),
    async (c) => {
      const { cooperativeId, ...input } = c.req.valid('json');
      const db = c.get('db');
      await getCooperative(db, cooperativeId).catch(() => {
        throw invalidField('cooperativeId', 'unknown_cooperative', { id: 'Koperasi tidak ditemukan', en: 'Cooperative not found' });
      });
      return c.json(await partnerships.createPartnership(db, actorOf(c), cooperativeId, input, todayOf(clock)), 201);
    },
  );

  api.openapi(
    adminRoute({
      method: 'get',
      path: '/api/admin/network/partnerships/{partnershipId}',
      tags: TAGS,
      summary: 'A partnership with its stage history and documents',
      request: { params: partnershipParams },
      responses: { 200: jsonOf(partnershipDetail) },
    }),
    async (c) => c.json(await partnerships.getPartnership(c.get('db'), c.req.valid('param').partnershipId), 200),
  );

  api.openapi(
    adminRoute({
      method: 'patch',
      path: '/api/admin/network/partnerships/{partnershipId}',
      tags: TAGS,
      summary: 'Change the agreed terms (type, commodity, volume, amount, dates, notes)',
      request: { params: partnershipParams, ...jsonBody(partnershipUpdate) },
      responses: { 200: jsonOf(partnershipDetail) },
    }),
    async (c) =>
      c.json(await partnerships.updatePartnership(c.get('db'), actorOf(c), c.req.valid('param').partnershipId, c.req.valid('json')), 200),
  );

  api.openapi(
    adminRoute({
      method: 'post',
      path: '/api/admin/network/partnerships/{partnershipId}/stage',
      tags: TAGS,
      summary: 'Move along the pipeline: proposed → in talks → agreed → active → ended (or end it early)',
      request: { params: partnershipParams, ...jsonBody(stageInput) },
      responses: { 200: jsonOf(partnershipDetail) },
    }),
    async (c) =>
      c.json(
        await partnerships.moveStage(c.get('db'), actorOf(c), c.req.valid('param').partnershipId, c.req.valid('json'), todayOf(clock)),
        200,
      ),
  );

  api.openapi(
    adminRoute({
      method: 'post',
      path: '/api/admin/network/partnerships/{partnershipId}/documents',
      tags: TAGS,
      summary: 'Attach a document (signed agreement, MoU) as base64 PDF, JPEG or PNG, up to 600 KB',
      request: { params: partnershipParams, ...jsonBody(documentInput) },
      responses: { 201: jsonOf(partnershipDocument, 'Created') },
    }),
    async (c) =>
      c.json(await partnerships.addDocument(c.get('db'), actorOf(c), c.req.valid('param').partnershipId, c.req.valid('json')), 201),
  );

  api.openapi(
    adminRoute({
      method: 'get',
      path: '/api/admin/network/partnership-documents/{partnershipDocumentId}',
      tags: TAGS,
      summary: 'Download a partnership document',
      request: { params: documentParams },
      responses: { 200: file },
    }),
    async (c) => {
      const d = await partnerships.getDocument(c.get('db'), c.req.valid('param').partnershipDocumentId);
      return sendFile(c, d.content, d.contentType, d.fileName);
    },
  );

  // ── a cooperative's own partnerships ──

  api.openapi(
    coopRoute('network.read', {
      method: 'get',
      path: '/api/coops/{coopId}/network/partners',
      tags: TAGS,
      summary: 'Partners it can propose a partnership with',
      request: { params: coopParams },
      responses: { 200: jsonOf(z.object({ items: z.array(partner) })) },
    }),
    async (c) => c.json({ items: (await partnerships.listPartners(c.get('db'))).map((p) => ({ ...p, partnerships: {} })) }, 200),
  );

  api.openapi(
    coopRoute('network.read', {
      method: 'get',
      path: '/api/coops/{coopId}/network/partnerships',
      tags: TAGS,
      summary: 'Its partnerships',
      request: { params: coopParams, query: partnershipQuery.omit({ cooperativeId: true }) },
      responses: { 200: jsonOf(page(partnership)) },
    }),
    async (c) => c.json(await partnerships.listPartnerships(c.get('db'), { ...c.req.valid('query'), cooperativeId: coopOf(c).id }), 200),
  );

  api.openapi(
    coopRoute('network.manage', {
      method: 'post',
      path: '/api/coops/{coopId}/network/partnerships',
      tags: TAGS,
      summary: 'Propose a partnership',
      request: { params: coopParams, ...jsonBody(coopPartnershipInput) },
      responses: { 201: jsonOf(partnershipDetail, 'Created') },
    }),
    async (c) => {
      const id = coopOf(c).id;
      return c.json(
        await partnerships.createPartnership(c.get('db'), actorOf(c), id, c.req.valid('json'), await todayOfCoop(c, clock, id)),
        201,
      );
    },
  );

  api.openapi(
    coopRoute('network.read', {
      method: 'get',
      path: '/api/coops/{coopId}/network/partnerships/{partnershipId}',
      tags: TAGS,
      summary: 'One of its partnerships with history and documents',
      request: { params: coopParams.extend(partnershipParams.shape) },
      responses: { 200: jsonOf(partnershipDetail) },
    }),
    async (c) => c.json(await partnerships.getPartnership(c.get('db'), c.req.valid('param').partnershipId, coopOf(c).id), 200),
  );

  api.openapi(
    coopRoute('network.manage', {
      method: 'post',
      path: '/api/coops/{coopId}/network/partnerships/{partnershipId}/stage',
      tags: TAGS,
      summary: 'Move one of its partnerships along the pipeline',
      request: { params: coopParams.extend(partnershipParams.shape), ...jsonBody(stageInput) },
      responses: { 200: jsonOf(partnershipDetail) },
    }),
    async (c) => {
      const id = coopOf(c).id;
      return c.json(
        await partnerships.moveStage(
          c.get('db'),
          actorOf(c),
          c.req.valid('param').partnershipId,
          c.req.valid('json'),
          await todayOfCoop(c, clock, id),
          id,
        ),
        200,
      );
    },
  );

  api.openapi(
    coopRoute('network.manage', {
      method: 'post',
      path: '/api/coops/{coopId}/network/partnerships/{partnershipId}/documents',
      tags: TAGS,
      summary: 'Attach a document to one of its partnerships',
      request: { params: coopParams.extend(partnershipParams.shape), ...jsonBody(documentInput) },
      responses: { 201: jsonOf(partnershipDocument, 'Created') },
    }),
    async (c) =>
      c.json(
        await partnerships.addDocument(c.get('db'), actorOf(c), c.req.valid('param').partnershipId, c.req.valid('json'), coopOf(c).id),
        201,
      ),
  );

  api.openapi(
    coopRoute('network.read', {
      method: 'get',
      path: '/api/coops/{coopId}/network/partnership-documents/{partnershipDocumentId}',
      tags: TAGS,
      summary: 'Download a document of one of its partnerships',
      request: { params: coopParams.extend(documentParams.shape) },
      responses: { 200: file },
    }),
    async (c) => {
      const d = await partnerships.getDocument(c.get('db'), c.req.valid('param').partnershipDocumentId, coopOf(c).id);
      return sendFile(c, d.content, d.contentType, d.fileName);
    },
  );
}
