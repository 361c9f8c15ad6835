import { z } from '@hono/zod-openapi';
import { cooperative, cooperativeInput, cooperativeUpdate, village } from '@kopdes/shared/cooperatives';
import { actorOf, coopOf } from '../../http/middleware.js';
import { adminRoute, coopRoute, userRoute, type Api, jsonOf, jsonBody, coopParams } from '../../http/openapi.js';
import { searchVillages } from '../../lib/areas.js';
import { createCooperative, getCooperative, updateCooperative } from './cooperatives.service.js';

export function registerCooperativeRoutes(api: Api) {
  api.openapi(
    coopRoute('coop.read', {
      method: 'get',
      path: '/api/coops/{coopId}',
      tags: ['cooperatives'],
      summary: "The cooperative's profile",
      request: { params: coopParams },
      responses: { 200: jsonOf(cooperative) },
    }),
    async (c) => c.json(await getCooperative(c.get('db'), coopOf(c).id), 200),
  );

  api.openapi(
    coopRoute('coop.manage', {
      method: 'patch',
      path: '/api/coops/{coopId}',
      tags: ['cooperatives'],
      summary: 'Update the profile',
      request: { params: coopParams, ...jsonBody(cooperativeUpdate) },
      responses: { 200: jsonOf(cooperative) },
    }),
    async (c) => c.json(await updateCooperative(c.get('db'), actorOf(c), coopOf(c).id, c.req.valid('json')), 200),
  );

  api.openapi(
    adminRoute({
      method: 'post',
      path: '/api/admin/cooperatives',
      tags: ['network'],
      summary: 'Register a cooperative',
      request: jsonBody(cooperativeInput),
      responses: { 201: jsonOf(cooperative, 'Created') },
    }),
    async (c) => c.json(await createCooperative(c.get('db'), actorOf(c), c.req.valid('json')), 201),
  );

  api.openapi(
    userRoute({
      method: 'get',
      path: '/api/areas/villages',
      tags: ['areas'],
      summary: 'Search the official villages by name or code',
      request: {
        query: z.strictObject({ q: z.string().trim().min(2).max(100), limit: z.coerce.number().int().min(1).max(50).default(20) }),
      },
      responses: { 200: jsonOf(z.object({ items: z.array(village) })) },
    }),
    async (c) => {
      const { q, limit } = c.req.valid('query');
      return c.json({ items: searchVillages(q, limit) }, 200);
    },
  );
}
