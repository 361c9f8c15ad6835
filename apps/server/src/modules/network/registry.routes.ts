import { z } from '@hono/zod-openapi';
import {
  cooperativeIdParam,
  officersInput,
  ratInput,
  registryCooperativeInput,
  registryEntry,
  registryPage,
  registryProfileInput,
  registryQuery,
  registryVillage,
  registryVillagesQuery,
} from '@kopdes/shared/network';
import { actorOf, coopOf } from '../../http/middleware.js';
import { adminRoute, coopParams, coopRoute, jsonBody, jsonOf, type Api } from '../../http/openapi.js';
import type { Clock } from '../../lib/clock.js';
import { todayOf, todayOfCoop } from './http.js';
import * as registry from './registry.service.js';

const TAGS = ['network: registry'];

export function registerRegistryRoutes(api: Api, clock: Clock) {
  api.openapi(
    adminRoute({
      method: 'get',
      path: '/api/admin/network/cooperatives',
      tags: TAGS,
      summary:
        'The registry of cooperatives, filtered by village (name or code), area, formation model or governance, with the total that match',
      request: { query: registryQuery },
      responses: { 200: jsonOf(registryPage) },
    }),
    async (c) => c.json(await registry.listRegistry(c.get('db'), c.req.valid('query')), 200),
  );

  api.openapi(
    adminRoute({
      method: 'post',
      path: '/api/admin/network/cooperatives',
      tags: TAGS,
      summary: 'Register a new cooperative with its registry profile',
      request: jsonBody(registryCooperativeInput),
      responses: { 201: jsonOf(registryEntry, 'Created') },
    }),
    async (c) => c.json(await registry.registerCooperative(c.get('db'), actorOf(c), c.req.valid('json'), todayOf(clock)), 201),
  );

  api.openapi(
    adminRoute({
      method: 'get',
      path: '/api/admin/network/villages',
      tags: TAGS,
      summary: 'Search the ~83,000 official villages by name or code, with the registered cooperative of each',
      request: { query: registryVillagesQuery },
      responses: { 200: jsonOf(z.object({ items: z.array(registryVillage) })) },
    }),
    async (c) => {
      const { q, limit } = c.req.valid('query');
      return c.json({ items: await registry.searchRegistryVillages(c.get('db'), q, limit) }, 200);
    },
  );

  api.openapi(
    adminRoute({
      method: 'get',
      path: '/api/admin/network/cooperatives/{coopId}',
      tags: TAGS,
      summary: 'One registry entry: profile, board and supervisors, RAT dates and the governance checklist',
      request: { params: cooperativeIdParam },
      responses: { 200: jsonOf(registryEntry) },
    }),
    async (c) => c.json(await registry.getEntry(c.get('db'), c.req.valid('param').coopId, todayOf(clock)), 200),
  );

  api.openapi(
    adminRoute({
      method: 'put',
      path: '/api/admin/network/cooperatives/{coopId}/profile',
      tags: TAGS,
      summary: 'Set the registry profile (formation model, legal entity, NIB, NPWP, business units)',
      request: { params: cooperativeIdParam, ...jsonBody(registryProfileInput) },
      responses: { 200: jsonOf(registryEntry) },
    }),
    async (c) =>
      c.json(await registry.saveProfile(c.get('db'), actorOf(c), c.req.valid('param').coopId, c.req.valid('json'), todayOf(clock)), 200),
  );

  api.openapi(
    adminRoute({
      method: 'put',
      path: '/api/admin/network/cooperatives/{coopId}/officers',
      tags: TAGS,
      summary: 'Declare the board and supervisors (with family ties), replacing the previous declaration',
      request: { params: cooperativeIdParam, ...jsonBody(officersInput) },
      responses: { 200: jsonOf(registryEntry) },
    }),
    async (c) =>
      c.json(
        await registry.declareOfficers(c.get('db'), actorOf(c), c.req.valid('param').coopId, c.req.valid('json'), todayOf(clock)),
        200,
      ),
  );

  api.openapi(
    adminRoute({
      method: 'post',
      path: '/api/admin/network/cooperatives/{coopId}/rat',
      tags: TAGS,
      summary: "Record the date of a year's RAT (annual members' meeting)",
      request: { params: cooperativeIdParam, ...jsonBody(ratInput) },
      responses: { 200: jsonOf(registryEntry) },
    }),
    async (c) => {
      const b = c.req.valid('json');
      return c.json(
        await registry.recordRat(c.get('db'), actorOf(c), c.req.valid('param').coopId, b.financialYear, b.heldOn, todayOf(clock)),
        200,
      );
    },
  );

  // ── the cooperative's own registry entry ──

  api.openapi(
    coopRoute('network.read', {
      method: 'get',
      path: '/api/coops/{coopId}/network/profile',
      tags: TAGS,
      summary: "The cooperative's own registry entry and governance checklist",
      request: { params: coopParams },
      responses: { 200: jsonOf(registryEntry) },
    }),
    async (c) => {
      const id = coopOf(c).id;
      return c.json(await registry.getEntry(c.get('db'), id, await todayOfCoop(c, clock, id)), 200);
    },
  );

  api.openapi(
    coopRoute('network.manage', {
      method: 'put',
      path: '/api/coops/{coopId}/network/profile',
      tags: TAGS,
      summary: 'Update its registry profile',
      request: { params: coopParams, ...jsonBody(registryProfileInput) },
      responses: { 200: jsonOf(registryEntry) },
    }),
    async (c) => {
      const id = coopOf(c).id;
      return c.json(await registry.saveProfile(c.get('db'), actorOf(c), id, c.req.valid('json'), await todayOfCoop(c, clock, id)), 200);
    },
  );

  api.openapi(
    coopRoute('network.manage', {
      method: 'put',
      path: '/api/coops/{coopId}/network/officers',
      tags: TAGS,
      summary: 'Declare its board and supervisors (with family ties)',
      request: { params: coopParams, ...jsonBody(officersInput) },
      responses: { 200: jsonOf(registryEntry) },
    }),
    async (c) => {
      const id = coopOf(c).id;
      return c.json(await registry.declareOfficers(c.get('db'), actorOf(c), id, c.req.valid('json'), await todayOfCoop(c, clock, id)), 200);
    },
  );

  api.openapi(
    coopRoute('network.manage', {
      method: 'post',
      path: '/api/coops/{coopId}/network/rat',
      tags: TAGS,
      summary: 'Record the date of its RAT',
      request: { params: coopParams, ...jsonBody(ratInput) },
      responses: { 200: jsonOf(registryEntry) },
    }),
    async (c) => {
      const id = coopOf(c).id;
      const b = c.req.valid('json');
      return c.json(await registry.recordRat(c.get('db'), actorOf(c), id, b.financialYear, b.heldOn, await todayOfCoop(c, clock, id)), 200);
    },
  );
}
