import {
  intake,
  intakeForm,
  intakeFormQuery,
  intakeId,
  intakeInput,
  intakePage,
  intakePreview,
  intakeQuery,
  voidInput,
} from '@kopdes/shared/produce';
import { coopOf } from '../../http/middleware.js';
import { coopParams, coopRoute, jsonBody, jsonOf, type Api } from '../../http/openapi.js';
import { recordHarvestIntake, voidHarvestIntake } from '../../workflows/harvest-intake.js';
import { intakeLabels, intakeSlip } from './documents.service.js';
import * as intakes from './intake.service.js';
import { ctx, fileResponse, sendFile, tags } from './routing.js';

const intakeParams = coopParams.extend({ intakeId });

export function registerIntakeRoutes(api: Api) {
  api.openapi(
    coopRoute('produce.read', {
      method: 'get',
      path: '/api/coops/{coopId}/produce/intake-form',
      tags,
      summary: "Everything the clerk's one-screen intake form needs: places, farmers with plots, commodities with today's prices",
      request: { params: coopParams, query: intakeFormQuery },
      responses: { 200: jsonOf(intakeForm) },
    }),
    async (c) => c.json(await intakes.intakeForm(c.get('db'), coopOf(c).id, c.req.valid('query')), 200),
  );

  api.openapi(
    coopRoute('produce.intake', {
      method: 'post',
      path: '/api/coops/{coopId}/produce/intakes/preview',
      tags,
      summary: 'Check an intake and show its weights, prices and amount without recording it',
      request: { params: coopParams, ...jsonBody(intakeInput) },
      responses: { 200: jsonOf(intakePreview) },
    }),
    async (c) => c.json(await intakes.previewIntake(c.get('db'), coopOf(c).id, c.req.valid('json')), 200),
  );

  api.openapi(
    coopRoute(
      'produce.intake',
      {
        method: 'post',
        path: '/api/coops/{coopId}/produce/intakes',
        tags,
        summary: 'Record a delivery: weights, grading into lots, payable to the farmer, journal entry',
        description:
          'Weights are kg text with up to 3 decimals ("52,4"); grade weights must add up to gross − tare exactly. Send an Idempotency-Key: a retry replays the first answer.',
        request: { params: coopParams, ...jsonBody(intakeInput) },
        responses: { 201: jsonOf(intake, 'Recorded') },
      },
      { idempotent: true },
    ),
    async (c) => {
      const { db, coopId, actor } = ctx(c);
      // Through the workflow: the plan's actual harvest is recorded in the intake's transaction.
      return c.json(await recordHarvestIntake(db, coopId, actor, c.req.valid('json'), { lastWrite: true }), 201);
    },
  );

  api.openapi(
    coopRoute('produce.read', {
      method: 'get',
      path: '/api/coops/{coopId}/produce/intakes',
      tags,
      summary: 'Intakes, newest first',
      request: { params: coopParams, query: intakeQuery },
      responses: { 200: jsonOf(intakePage) },
    }),
    async (c) => c.json(await intakes.listIntakes(c.get('db'), coopOf(c).id, c.req.valid('query')), 200),
  );

  api.openapi(
    coopRoute('produce.read', {
      method: 'get',
      path: '/api/coops/{coopId}/produce/intakes/{intakeId}',
      tags,
      summary: 'One intake with its lots',
      request: { params: intakeParams },
      responses: { 200: jsonOf(intake) },
    }),
    async (c) => c.json(await intakes.getIntake(c.get('db'), coopOf(c).id, c.req.valid('param').intakeId), 200),
  );

  api.openapi(
    coopRoute(
      'produce.intake',
      {
        method: 'post',
        path: '/api/coops/{coopId}/produce/intakes/{intakeId}/void',
        tags,
        summary: 'Void an unpaid intake whose lots have not moved: stock out, journal reversed',
        request: { params: intakeParams, ...jsonBody(voidInput) },
        responses: { 200: jsonOf(intake) },
      },
      { idempotent: true },
    ),
    async (c) => {
      const { db, coopId, actor } = ctx(c);
      return c.json(await voidHarvestIntake(db, coopId, actor, c.req.valid('param').intakeId, c.req.valid('json')), 200);
    },
  );

  api.openapi(
    coopRoute('produce.read', {
      method: 'get',
      path: '/api/coops/{coopId}/produce/intakes/{intakeId}/slip.pdf',
      tags,
      summary: 'The intake slip for the farmer (A6 PDF)',
      request: { params: intakeParams },
      responses: { 200: fileResponse('application/pdf', 'Intake slip') },
    }),
    async (c) => sendFile(await intakeSlip(c.get('db'), coopOf(c).id, c.req.valid('param').intakeId)),
  );

  api.openapi(
    coopRoute('produce.read', {
      method: 'get',
      path: '/api/coops/{coopId}/produce/intakes/{intakeId}/labels.pdf',
      tags,
      summary: "Labels of the intake's lots, with a QR code of each lot id (100 × 70 mm PDF)",
      request: { params: intakeParams },
      responses: { 200: fileResponse('application/pdf', 'Lot labels') },
    }),
    async (c) => sendFile(await intakeLabels(c.get('db'), coopOf(c).id, c.req.valid('param').intakeId)),
  );
}
