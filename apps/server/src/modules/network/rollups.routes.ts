import { z } from '@hono/zod-openapi';
import {
  comparison,
  cooperativeIdParam,
  dashboard,
  dashboardQuery,
  monthlyReport,
  monthlyReportInput,
  monthlyReportsInput,
  monthQuery,
  refreshInput,
  refreshResult,
  tileMap,
  tileMapQuery,
} from '@kopdes/shared/network';
import { actorOf, coopOf } from '../../http/middleware.js';
import { adminRoute, coopParams, coopRoute, jsonBody, jsonOf, type Api } from '../../http/openapi.js';
import type { Clock } from '../../lib/clock.js';
import { fileOf, sendFile, todayOf, todayOfCoop, XLSX } from './http.js';
import { reportMonth, reportMonths } from './reports.service.js';
import { dashboardWorkbook } from './rollups.excel.js';
import * as rollups from './rollups.service.js';

const TAGS = ['network: national'];

export function registerRollupRoutes(api: Api, clock: Clock) {
  api.openapi(
    adminRoute({
      method: 'get',
      path: '/api/admin/network/dashboard',
      tags: TAGS,
      summary: 'National, province or regency figures for a month, 12-month series and the table one level down',
      request: { query: dashboardQuery },
      responses: { 200: jsonOf(dashboard) },
    }),
    async (c) => c.json(await rollups.dashboard(c.get('db'), c.req.valid('query'), todayOf(clock)), 200),
  );

  api.openapi(
    adminRoute({
      method: 'get',
      path: '/api/admin/network/dashboard.xlsx',
      tags: TAGS,
      summary: 'The same dashboard as an Excel workbook',
      request: { query: dashboardQuery },
      responses: { 200: fileOf(XLSX, 'Excel workbook') },
    }),
    async (c) => {
      const d = await rollups.dashboard(c.get('db'), c.req.valid('query'), todayOf(clock));
      return sendFile(c, await dashboardWorkbook(d), XLSX, `kopdes-${d.level}-${d.code}-${d.month}.xlsx`);
    },
  );

  api.openapi(
    adminRoute({
      method: 'get',
      path: '/api/admin/network/tile-map',
      tags: TAGS,
      summary: "Per-province figures with each province's tile on a grid map of Indonesia",
      request: { query: tileMapQuery },
      responses: { 200: jsonOf(tileMap) },
    }),
    async (c) => c.json(await rollups.tileMap(c.get('db'), c.req.valid('query'), todayOf(clock)), 200),
  );

  api.openapi(
    adminRoute({
      method: 'post',
      path: '/api/admin/network/rollups/refresh',
      tags: TAGS,
      summary: "Refresh every real cooperative's monthly figures (the periodic job, on demand)",
      request: jsonBody(refreshInput),
      responses: { 200: jsonOf(refreshResult) },
    }),
    async (c) => c.json(await rollups.refreshAll(c.get('db'), c.req.valid('json'), todayOf(clock)), 200),
  );

  api.openapi(
    adminRoute({
      method: 'put',
      path: '/api/admin/network/cooperatives/{coopId}/reports',
      tags: TAGS,
      summary: "Enter a cooperative's monthly figures by hand (e.g. gathered by a facilitator)",
      request: { params: cooperativeIdParam, ...jsonBody(monthlyReportInput) },
      responses: { 200: jsonOf(monthlyReport) },
    }),
    async (c) => {
      const input = c.req.valid('json');
      return c.json(await reportMonth(c.get('db'), actorOf(c), c.req.valid('param').coopId, input.month, input, todayOf(clock)), 200);
    },
  );

  api.openapi(
    adminRoute({
      method: 'post',
      path: '/api/admin/network/reports',
      tags: TAGS,
      summary: "Many cooperatives' monthly figures at once, as facilitators gathered them (all rows or none)",
      request: jsonBody(monthlyReportsInput),
      responses: { 200: jsonOf(z.object({ rows: z.number().int() })) },
    }),
    async (c) => c.json(await reportMonths(c.get('db'), actorOf(c), c.req.valid('json').rows, todayOf(clock)), 200),
  );

  api.openapi(
    coopRoute('network.read', {
      method: 'get',
      path: '/api/coops/{coopId}/network/comparison',
      tags: TAGS,
      summary: 'Its own figures for a month beside the averages of its regency and province',
      request: { params: coopParams, query: monthQuery },
      responses: { 200: jsonOf(comparison) },
    }),
    async (c) => {
      const id = coopOf(c).id;
      return c.json(await rollups.comparison(c.get('db'), id, c.req.valid('query'), await todayOfCoop(c, clock, id)), 200);
    },
  );

  api.openapi(
    coopRoute('network.read', {
      method: 'get',
      path: '/api/coops/{coopId}/network/reports',
      tags: TAGS,
      summary: 'Monthly figures it reported by hand',
      request: { params: coopParams },
      responses: { 200: jsonOf(z.object({ items: z.array(monthlyReport) })) },
    }),
    async (c) => c.json({ items: await rollups.manualReportsOf(c.get('db'), coopOf(c).id) }, 200),
  );

  api.openapi(
    coopRoute('network.manage', {
      method: 'put',
      path: '/api/coops/{coopId}/network/reports',
      tags: TAGS,
      summary: 'Report a month’s figures by hand (for what it does not run in kopdes)',
      request: { params: coopParams, ...jsonBody(monthlyReportInput) },
      responses: { 200: jsonOf(monthlyReport) },
    }),
    async (c) => {
      const id = coopOf(c).id;
      const input = c.req.valid('json');
      return c.json(await reportMonth(c.get('db'), actorOf(c), id, input.month, input, await todayOfCoop(c, clock, id)), 200);
    },
  );
}
