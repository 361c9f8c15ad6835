import { z } from '@hono/zod-openapi';
import {
  actualInput,
  asOfQuery,
  coverage,
  coverageQuery,
  crop,
  cropCode,
  cropInput,
  cropUpdate,
  demandChart,
  demandPut,
  demandTable,
  followUp,
  gantt,
  ganttQuery,
  planDetail,
  planId,
  planningFarmer,
  planningFarmerCreate,
  planningFarmerInput,
  planSummary,
  planting,
  plantingId,
  plantingUpdate,
  plot,
  plotInput,
  plotUpdate,
  refId,
  replanInput,
  season,
  seasonId,
  seasonInput,
  solveInput,
  warnings,
} from '@kopdes/shared/planning';
import { actorOf, coopOf } from '../../http/middleware.js';
import { coopParams, coopRoute, jsonBody, jsonOf, okSchema, type Api } from '../../http/openapi.js';
import { shortfallWarnings } from '../../workflows/shortfall-warnings.js';
import { addActual, followUp as followUpOf, updatePlanting } from './follow-up.service.js';
import {
  createCrop,
  createFarmer,
  createPlot,
  createSeason,
  deactivateCrop,
  deactivatePlot,
  demandChart as demandChartOf,
  getDemand,
  getSeason,
  listCapacity,
  listCrops,
  listSeasons,
  putDemand,
  seedDefaultCrops,
  updateCrop,
  updateFarmer,
  updatePlot,
} from './planning.service.js';
import { activePlanOf, coverageOf, ganttOf, getPlan, planSheet, replanSeason, solveSeason, todayOf } from './plans.service.js';

const tags = ['planning'];
const P = '/api/coops/{coopId}/planning';
const cropParam = coopParams.extend({ cropCode });
const farmerParam = coopParams.extend({ planningFarmerId: refId });
const plotParam = coopParams.extend({ capacityPlotId: refId });
const seasonParam = coopParams.extend({ planningSeasonId: seasonId });
const planParam = coopParams.extend({ planningPlanId: planId });
const plantingParam = coopParams.extend({ plantingId });
const items = <T extends z.ZodType>(schema: T) => z.object({ items: z.array(schema) });

const pdfResponse = {
  description: 'PDF',
  content: { 'application/pdf': { schema: z.string().openapi({ type: 'string', format: 'binary' }) } },
};

export function registerPlanningRoutes(api: Api) {
  // ── crops ──
  api.openapi(
    coopRoute('planning.read', {
      method: 'get',
      path: `${P}/crops`,
      tags,
      summary: 'Crop parameters',
      request: { params: coopParams },
      responses: { 200: jsonOf(items(crop)) },
    }),
    async (c) => c.json({ items: await listCrops(c.get('db'), coopOf(c).id) }, 200),
  );
  api.openapi(
    coopRoute('planning.write', {
      method: 'post',
      path: `${P}/crops`,
      tags,
      summary: 'Add a crop',
      request: { params: coopParams, ...jsonBody(cropInput) },
      responses: { 201: jsonOf(crop, 'Created') },
    }),
    async (c) => c.json(await createCrop(c.get('db'), actorOf(c), coopOf(c).id, c.req.valid('json')), 201),
  );
  api.openapi(
    coopRoute('planning.write', {
      method: 'post',
      path: `${P}/crops/defaults`,
      tags,
      summary: 'Add the default highland crops the cooperative does not have yet',
      request: { params: coopParams },
      responses: { 200: jsonOf(z.object({ added: z.array(z.string()) })) },
    }),
    async (c) => c.json({ added: await seedDefaultCrops(c.get('db'), actorOf(c), coopOf(c).id) }, 200),
  );
  api.openapi(
    coopRoute('planning.write', {
      method: 'put',
      path: `${P}/crops/{cropCode}`,
      tags,
      summary: "Change a crop's parameters",
      request: { params: cropParam, ...jsonBody(cropUpdate) },
      responses: { 200: jsonOf(crop) },
    }),
    async (c) => c.json(await updateCrop(c.get('db'), actorOf(c), coopOf(c).id, c.req.valid('param').cropCode, c.req.valid('json')), 200),
  );
  api.openapi(
    coopRoute('planning.write', {
      method: 'delete',
      path: `${P}/crops/{cropCode}`,
      tags,
      summary: 'Take a crop out of future plans',
      request: { params: cropParam },
      responses: { 200: jsonOf(crop) },
    }),
    async (c) => c.json(await deactivateCrop(c.get('db'), actorOf(c), coopOf(c).id, c.req.valid('param').cropCode), 200),
  );

  // ── capacity ──
  api.openapi(
    coopRoute('planning.read', {
      method: 'get',
      path: `${P}/farmers`,
      tags,
      summary: 'Planting capacity: farmers with their plots',
      request: { params: coopParams },
      responses: { 200: jsonOf(items(planningFarmer)) },
    }),
    async (c) => c.json({ items: await listCapacity(c.get('db'), coopOf(c).id) }, 200),
  );
  api.openapi(
    coopRoute('planning.write', {
      method: 'post',
      path: `${P}/farmers`,
      tags,
      summary: 'Add a farmer (a member) to the planting capacity',
      request: { params: coopParams, ...jsonBody(planningFarmerCreate) },
      responses: { 201: jsonOf(planningFarmer, 'Created') },
    }),
    async (c) => c.json(await createFarmer(c.get('db'), actorOf(c), coopOf(c).id, c.req.valid('json')), 201),
  );
  api.openapi(
    coopRoute('planning.write', {
      method: 'put',
      path: `${P}/farmers/{planningFarmerId}`,
      tags,
      summary: "Change a farmer's group, weeks away, willingness to take more",
      request: { params: farmerParam, ...jsonBody(planningFarmerInput) },
      responses: { 200: jsonOf(planningFarmer) },
    }),
    async (c) =>
      c.json(await updateFarmer(c.get('db'), actorOf(c), coopOf(c).id, c.req.valid('param').planningFarmerId, c.req.valid('json')), 200),
  );
  api.openapi(
    coopRoute('planning.write', {
      method: 'post',
      path: `${P}/plots`,
      tags,
      summary: 'Add a plot',
      request: { params: coopParams, ...jsonBody(plotInput) },
      responses: { 201: jsonOf(plot, 'Created') },
    }),
    async (c) => c.json(await createPlot(c.get('db'), actorOf(c), coopOf(c).id, c.req.valid('json')), 201),
  );
  api.openapi(
    coopRoute('planning.write', {
      method: 'put',
      path: `${P}/plots/{capacityPlotId}`,
      tags,
      summary: 'Change a plot',
      request: { params: plotParam, ...jsonBody(plotUpdate) },
      responses: { 200: jsonOf(plot) },
    }),
    async (c) =>
      c.json(await updatePlot(c.get('db'), actorOf(c), coopOf(c).id, c.req.valid('param').capacityPlotId, c.req.valid('json')), 200),
  );
  api.openapi(
    coopRoute('planning.write', {
      method: 'delete',
      path: `${P}/plots/{capacityPlotId}`,
      tags,
      summary: 'Take a plot out of future plans',
      request: { params: plotParam },
      responses: { 200: jsonOf(plot) },
    }),
    async (c) => c.json(await deactivatePlot(c.get('db'), actorOf(c), coopOf(c).id, c.req.valid('param').capacityPlotId), 200),
  );

  // ── seasons and demand ──
  api.openapi(
    coopRoute('planning.read', {
      method: 'get',
      path: `${P}/seasons`,
      tags,
      summary: 'Planting seasons',
      request: { params: coopParams },
      responses: { 200: jsonOf(items(season)) },
    }),
    async (c) => c.json({ items: await listSeasons(c.get('db'), coopOf(c).id) }, 200),
  );
  api.openapi(
    coopRoute('planning.write', {
      method: 'post',
      path: `${P}/seasons`,
      tags,
      summary: 'Open a season (up to 52 weeks from a Monday)',
      request: { params: coopParams, ...jsonBody(seasonInput) },
      responses: { 201: jsonOf(season, 'Created') },
    }),
    async (c) => c.json(await createSeason(c.get('db'), actorOf(c), coopOf(c).id, c.req.valid('json')), 201),
  );
  api.openapi(
    coopRoute('planning.read', {
      method: 'get',
      path: `${P}/seasons/{planningSeasonId}`,
      tags,
      summary: 'A season',
      request: { params: seasonParam },
      responses: { 200: jsonOf(season) },
    }),
    async (c) => c.json(await getSeason(c.get('db'), coopOf(c).id, c.req.valid('param').planningSeasonId), 200),
  );
  api.openapi(
    coopRoute('planning.read', {
      method: 'get',
      path: `${P}/seasons/{planningSeasonId}/demand`,
      tags,
      summary: 'The weekly demand table: contract, history, adjustment and the forecast with the safety margin',
      request: { params: seasonParam },
      responses: { 200: jsonOf(demandTable) },
    }),
    async (c) => c.json(await getDemand(c.get('db'), coopOf(c).id, c.req.valid('param').planningSeasonId), 200),
  );
  api.openapi(
    coopRoute('planning.write', {
      method: 'put',
      path: `${P}/seasons/{planningSeasonId}/demand`,
      tags,
      summary: 'Replace the demand table (and the safety margin)',
      request: { params: seasonParam, ...jsonBody(demandPut) },
      responses: { 200: jsonOf(demandTable) },
    }),
    async (c) =>
      c.json(await putDemand(c.get('db'), actorOf(c), coopOf(c).id, c.req.valid('param').planningSeasonId, c.req.valid('json')), 200),
  );
  api.openapi(
    coopRoute('planning.read', {
      method: 'get',
      path: `${P}/seasons/{planningSeasonId}/demand/chart`,
      tags,
      summary: 'Demand per commodity and week, for the chart',
      request: { params: seasonParam },
      responses: { 200: jsonOf(demandChart) },
    }),
    async (c) => c.json(await demandChartOf(c.get('db'), coopOf(c).id, c.req.valid('param').planningSeasonId), 200),
  );

  // ── plans ──
  api.openapi(
    coopRoute('planning.write', {
      method: 'post',
      path: `${P}/seasons/{planningSeasonId}/solve`,
      tags,
      summary:
        'Plan the season: optimiser (HiGHS) with a time limit, checked, compared with the spreadsheet way; saved only if the checker passes',
      request: { params: seasonParam, ...jsonBody(solveInput) },
      responses: { 201: jsonOf(planSummary, 'Plan saved') },
    }),
    async (c) =>
      c.json(
        await solveSeason(c.get('db'), actorOf(c), coopOf(c).id, c.req.valid('param').planningSeasonId, c.req.valid('json'), c.get('lang')),
        201,
      ),
  );
  api.openapi(
    coopRoute('planning.write', {
      method: 'post',
      path: `${P}/seasons/{planningSeasonId}/replan`,
      tags,
      summary: 'Re-plan the weeks still open, keeping what is in the ground',
      request: { params: seasonParam, ...jsonBody(replanInput) },
      responses: { 201: jsonOf(planSummary, 'Plan saved') },
    }),
    async (c) => {
      const db = c.get('db');
      const coopId = coopOf(c).id;
      return c.json(
        await replanSeason(
          db,
          actorOf(c),
          coopId,
          c.req.valid('param').planningSeasonId,
          c.req.valid('json'),
          await todayOf(db, coopId),
          c.get('lang'),
        ),
        201,
      );
    },
  );
  api.openapi(
    coopRoute('planning.read', {
      method: 'get',
      path: `${P}/seasons/{planningSeasonId}/plan`,
      tags,
      summary: "The season's plan in force, with its plantings",
      request: { params: seasonParam },
      responses: { 200: jsonOf(planDetail) },
    }),
    async (c) => c.json(await activePlanOf(c.get('db'), coopOf(c).id, c.req.valid('param').planningSeasonId, c.get('lang')), 200),
  );
  api.openapi(
    coopRoute('planning.read', {
      method: 'get',
      path: `${P}/plans/{planningPlanId}`,
      tags,
      summary: 'A plan with its plantings',
      request: { params: planParam },
      responses: { 200: jsonOf(planDetail) },
    }),
    async (c) => c.json(await getPlan(c.get('db'), coopOf(c).id, c.req.valid('param').planningPlanId, c.get('lang')), 200),
  );
  api.openapi(
    coopRoute('planning.read', {
      method: 'get',
      path: `${P}/plans/{planningPlanId}/gantt`,
      tags,
      summary: 'Calendar (Gantt) data per farmer group and farmer',
      request: { params: planParam, query: ganttQuery },
      responses: { 200: jsonOf(gantt) },
    }),
    async (c) => c.json(await ganttOf(c.get('db'), coopOf(c).id, c.req.valid('param').planningPlanId, c.req.valid('query')), 200),
  );
  api.openapi(
    coopRoute('planning.read', {
      method: 'get',
      path: `${P}/plans/{planningPlanId}/coverage`,
      tags,
      summary: 'Coverage chart data: demand, expected harvest and actual intake per commodity and week',
      request: { params: planParam, query: coverageQuery },
      responses: { 200: jsonOf(coverage) },
    }),
    async (c) => c.json(await coverageOf(c.get('db'), coopOf(c).id, c.req.valid('param').planningPlanId, c.req.valid('query')), 200),
  );
  api.openapi(
    coopRoute('planning.read', {
      method: 'get',
      path: `${P}/plans/{planningPlanId}/follow-up`,
      tags,
      summary: 'Expected against actual harvest so far, and how the plantings stand',
      request: { params: planParam, query: asOfQuery },
      responses: { 200: jsonOf(followUp) },
    }),
    async (c) => {
      const db = c.get('db');
      const coopId = coopOf(c).id;
      return c.json(
        await followUpOf(db, coopId, c.req.valid('param').planningPlanId, c.req.valid('query').asOf ?? (await todayOf(db, coopId))),
        200,
      );
    },
  );
  api.openapi(
    coopRoute('planning.read', {
      method: 'get',
      path: `${P}/plans/{planningPlanId}/warnings`,
      tags,
      summary: 'Shortfalls coming in the next weeks, with what can be done',
      request: { params: planParam, query: asOfQuery },
      responses: { 200: jsonOf(warnings) },
    }),
    async (c) => {
      const db = c.get('db');
      const coopId = coopOf(c).id;
      return c.json(
        await shortfallWarnings(
          db,
          coopId,
          c.req.valid('param').planningPlanId,
          c.req.valid('query').asOf ?? (await todayOf(db, coopId)),
          c.get('lang'),
        ),
        200,
      );
    },
  );
  api.openapi(
    coopRoute('planning.read', {
      method: 'get',
      path: `${P}/plans/{planningPlanId}/farmers/{planningFarmerId}/sheet.pdf`,
      tags,
      summary: "A farmer's printable plan sheet (PDF, Bahasa Indonesia)",
      request: { params: planParam.extend({ planningFarmerId: refId }) },
      responses: { 200: pdfResponse },
    }),
    async (c) => {
      const db = c.get('db');
      const coopId = coopOf(c).id;
      const { planningPlanId, planningFarmerId } = c.req.valid('param');
      const file = await planSheet(db, coopId, planningPlanId, planningFarmerId, await todayOf(db, coopId));
      return new Response(new Uint8Array(file.pdf), {
        status: 200,
        headers: { 'content-type': 'application/pdf', 'content-disposition': `inline; filename="${file.filename}"` },
      }) as never;
    },
  );

  // ── follow-up ──
  api.openapi(
    coopRoute('planning.write', {
      method: 'patch',
      path: `${P}/plantings/{plantingId}`,
      tags,
      summary: 'Confirm, change, report as planted or cancel a planting (as the farmer group decided)',
      request: { params: plantingParam, ...jsonBody(plantingUpdate) },
      responses: { 200: jsonOf(planting) },
    }),
    async (c) =>
      c.json(await updatePlanting(c.get('db'), actorOf(c), coopOf(c).id, c.req.valid('param').plantingId, c.req.valid('json')), 200),
  );
  api.openapi(
    coopRoute('planning.write', {
      method: 'post',
      path: `${P}/actuals`,
      tags,
      summary: 'Record actual harvest of a commodity in a week (until intake feeds it)',
      request: { params: coopParams, ...jsonBody(actualInput) },
      responses: { 201: jsonOf(okSchema, 'Recorded') },
    }),
    async (c) => c.json(await addActual(c.get('db'), actorOf(c), coopOf(c).id, c.req.valid('json')), 201),
  );
}
