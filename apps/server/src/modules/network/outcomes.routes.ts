import { z } from '@hono/zod-openapi';
import { actionItem, actionItemParams, alumniQuery, alumniRow, measure, progressReportInput } from '@kopdes/shared/network';
import { actorOf, coopOf } from '../../http/middleware.js';
import { adminRoute, coopParams, coopRoute, jsonBody, jsonOf, type Api } from '../../http/openapi.js';
import type { Clock } from '../../lib/clock.js';
import type { Lang } from '../../http/context.js';
import { MEASURE_DEFS, measureList } from '../../workflows/network-outcomes.js';
import { todayOf, todayOfCoop } from './http.js';
import { alumniView, reportProgress } from './outcomes.service.js';

const TAGS = ['network: outcomes'];

/** The measures with their labels in the caller's language. */
const measuresIn = (lang: Lang) => measureList().map((m) => ({ ...m, label: MEASURE_DEFS[m.code].label[lang] }));

export function registerOutcomeRoutes(api: Api, clock: Clock) {
  api.openapi(
    adminRoute({
      method: 'get',
      path: '/api/admin/network/measures',
      tags: TAGS,
      summary: 'The measures an action-plan target can use, and whether each is read from kopdes data or reported by hand',
      responses: { 200: jsonOf(z.object({ items: z.array(measure) })) },
    }),
    async (c) => c.json({ items: measuresIn(c.get('lang')) }, 200),
  );

  api.openapi(
    adminRoute({
      method: 'post',
      path: '/api/admin/network/action-items/{actionItemId}/reports',
      tags: TAGS,
      summary: 'Report progress on a target by hand (for cooperatives not measured from their kopdes data)',
      request: { params: actionItemParams, ...jsonBody(progressReportInput) },
      responses: { 201: jsonOf(actionItem, 'Created') },
    }),
    async (c) =>
      c.json(
        await reportProgress(
          c.get('db'),
          actorOf(c),
          c.req.valid('param').actionItemId,
          c.req.valid('json'),
          todayOf(clock),
          undefined,
          c.get('lang'),
        ),
        201,
      ),
  );

  api.openapi(
    adminRoute({
      method: 'get',
      path: '/api/admin/network/alumni',
      tags: TAGS,
      summary: 'Alumni cooperatives trading 3 and 6 months after their batch, by batch, host or province',
      request: { query: alumniQuery },
      responses: { 200: jsonOf(z.object({ items: z.array(alumniRow) })) },
    }),
    async (c) => {
      const q = c.req.valid('query');
      return c.json({ items: await alumniView(c.get('db'), q.by, q.programmeId, todayOf(clock), c.get('lang')) }, 200);
    },
  );

  api.openapi(
    coopRoute('network.read', {
      method: 'get',
      path: '/api/coops/{coopId}/network/measures',
      tags: TAGS,
      summary: 'The measures of action-plan targets and their sources',
      request: { params: coopParams },
      responses: { 200: jsonOf(z.object({ items: z.array(measure) })) },
    }),
    async (c) => c.json({ items: measuresIn(c.get('lang')) }, 200),
  );

  api.openapi(
    coopRoute('network.manage', {
      method: 'post',
      path: '/api/coops/{coopId}/network/action-items/{actionItemId}/reports',
      tags: TAGS,
      summary: 'Report progress on one of its targets by hand',
      request: { params: coopParams.extend(actionItemParams.shape), ...jsonBody(progressReportInput) },
      responses: { 201: jsonOf(actionItem, 'Created') },
    }),
    async (c) => {
      const id = coopOf(c).id;
      return c.json(
        await reportProgress(
          c.get('db'),
          actorOf(c),
          c.req.valid('param').actionItemId,
          c.req.valid('json'),
          await todayOfCoop(c, clock, id),
          id,
          c.get('lang'),
        ),
        201,
      );
    },
  );
}
