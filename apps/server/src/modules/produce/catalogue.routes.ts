import { z } from '@hono/zod-openapi';
import {
  commodity,
  commodityId,
  commodityInput,
  commodityList,
  commodityUpdate,
  packFormatId,
  packFormatInput,
  priceList,
  priceListInput,
  priceQuery,
  settings,
  settingsInput,
} from '@kopdes/shared/produce';
import { coopOf } from '../../http/middleware.js';
import { coopParams, coopRoute, jsonBody, jsonOf, type Api } from '../../http/openapi.js';
import * as catalogue from './catalogue.service.js';
import { getSettings, saveSettings } from './farmers.service.js';
import { listPrices, setPrices } from './prices.service.js';
import { ctx, tags } from './routing.js';

const commodityParams = coopParams.extend({ commodityId });
const packFormatParams = coopParams.extend({ packFormatId });

export function registerCatalogueRoutes(api: Api) {
  api.openapi(
    coopRoute('produce.read', {
      method: 'get',
      path: '/api/coops/{coopId}/produce/commodities',
      tags,
      summary: 'Commodities with grades, shelf lives and pack formats',
      request: { params: coopParams },
      responses: { 200: jsonOf(commodityList) },
    }),
    async (c) => c.json(await catalogue.listCommodities(c.get('db'), coopOf(c).id), 200),
  );

  api.openapi(
    coopRoute('produce.manage', {
      method: 'post',
      path: '/api/coops/{coopId}/produce/commodities',
      tags,
      summary: 'Add a commodity (a reject grade is added when not given)',
      request: { params: coopParams, ...jsonBody(commodityInput) },
      responses: { 201: jsonOf(commodity, 'Created') },
    }),
    async (c) => {
      const { db, coopId, actor } = ctx(c);
      return c.json(await catalogue.createCommodity(db, coopId, actor, c.req.valid('json')), 201);
    },
  );

  api.openapi(
    coopRoute('produce.read', {
      method: 'get',
      path: '/api/coops/{coopId}/produce/commodities/{commodityId}',
      tags,
      summary: 'One commodity',
      request: { params: commodityParams },
      responses: { 200: jsonOf(commodity) },
    }),
    async (c) => c.json(await catalogue.getCommodity(c.get('db'), coopOf(c).id, c.req.valid('param').commodityId), 200),
  );

  api.openapi(
    coopRoute('produce.manage', {
      method: 'patch',
      path: '/api/coops/{coopId}/produce/commodities/{commodityId}',
      tags,
      summary: 'Change a commodity: name, grades and specs, shelf life, active',
      request: { params: commodityParams, ...jsonBody(commodityUpdate) },
      responses: { 200: jsonOf(commodity) },
    }),
    async (c) => {
      const { db, coopId, actor } = ctx(c);
      return c.json(await catalogue.updateCommodity(db, coopId, actor, c.req.valid('param').commodityId, c.req.valid('json')), 200);
    },
  );

  api.openapi(
    coopRoute('produce.manage', {
      method: 'post',
      path: '/api/coops/{coopId}/produce/commodities/{commodityId}/pack-formats',
      tags,
      summary: 'Add a pack format for a sales channel',
      request: { params: commodityParams, ...jsonBody(packFormatInput) },
      responses: { 201: jsonOf(commodity, 'Created') },
    }),
    async (c) => {
      const { db, coopId, actor } = ctx(c);
      return c.json(await catalogue.addPackFormat(db, coopId, actor, c.req.valid('param').commodityId, c.req.valid('json')), 201);
    },
  );

  api.openapi(
    coopRoute('produce.manage', {
      method: 'put',
      path: '/api/coops/{coopId}/produce/pack-formats/{packFormatId}/active',
      tags,
      summary: 'Use or retire a pack format',
      request: { params: packFormatParams, ...jsonBody(z.strictObject({ active: z.boolean() })) },
      responses: { 200: jsonOf(commodity) },
    }),
    async (c) => {
      const { db, coopId, actor } = ctx(c);
      return c.json(
        await catalogue.setPackFormatActive(db, coopId, actor, c.req.valid('param').packFormatId, c.req.valid('json').active),
        200,
      );
    },
  );

  api.openapi(
    coopRoute('produce.read', {
      method: 'get',
      path: '/api/coops/{coopId}/produce/prices',
      tags,
      summary: 'Buying prices in force on a date (default today), or their history',
      request: { params: coopParams, query: priceQuery },
      responses: { 200: jsonOf(priceList) },
    }),
    async (c) => c.json(await listPrices(c.get('db'), coopOf(c).id, c.req.valid('query')), 200),
  );

  api.openapi(
    coopRoute('produce.manage', {
      method: 'post',
      path: '/api/coops/{coopId}/produce/prices',
      tags,
      summary: 'Set buying prices per commodity and grade, valid from a date',
      request: { params: coopParams, ...jsonBody(priceListInput) },
      responses: { 201: jsonOf(priceList, 'Created') },
    }),
    async (c) => {
      const { db, coopId, actor } = ctx(c);
      return c.json(await setPrices(db, coopId, actor, c.req.valid('json')), 201);
    },
  );

  api.openapi(
    coopRoute('produce.read', {
      method: 'get',
      path: '/api/coops/{coopId}/produce/settings',
      tags,
      summary: 'How rejects are paid, the expiry alert window, the default storage location',
      request: { params: coopParams },
      responses: { 200: jsonOf(settings) },
    }),
    async (c) => c.json(await getSettings(c.get('db'), coopOf(c).id), 200),
  );

  api.openapi(
    coopRoute('produce.manage', {
      method: 'put',
      path: '/api/coops/{coopId}/produce/settings',
      tags,
      summary: 'Change the produce settings',
      request: { params: coopParams, ...jsonBody(settingsInput) },
      responses: { 200: jsonOf(settings) },
    }),
    async (c) => {
      const { db, coopId, actor } = ctx(c);
      return c.json(await saveSettings(db, coopId, actor, c.req.valid('json')), 200);
    },
  );
}
