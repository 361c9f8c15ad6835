import { z } from '@hono/zod-openapi';
import {
  actionPlanInput,
  actionItem,
  assessmentInput,
  attendanceInput,
  attendanceRow,
  batch,
  batchInput,
  batchParams,
  batchUpdate,
  certificateRun,
  coopNominationInput,
  host,
  hostInput,
  nominationInput,
  participant,
  participantDetail,
  participantParams,
  participantStatusInput,
  programme,
  programmeInput,
  programmeParams,
  session,
  sessionInput,
  sessionParams,
  withdrawInput,
} from '@kopdes/shared/network';
import { actorOf, coopOf } from '../../http/middleware.js';
import { adminRoute, coopParams, coopRoute, jsonBody, jsonOf, type Api } from '../../http/openapi.js';
import type { Clock } from '../../lib/clock.js';
import { fileOf, PDF, sendFile, todayOf, todayOfCoop } from './http.js';
import { setActionPlan } from './outcomes.service.js';
import * as participants from './participants.service.js';
import * as programmes from './programmes.service.js';
import { findProfile } from './registry.service.js';
import * as sessions from './sessions.service.js';

const TAGS = ['network: internship'];
const items = <T extends z.ZodType>(s: T) => jsonOf(z.object({ items: z.array(s) }));
const certificate = fileOf(PDF, 'The certificate (PDF)');

export function registerInternshipRoutes(api: Api, clock: Clock) {
  api.openapi(
    adminRoute({
      method: 'get',
      path: '/api/admin/network/hosts',
      tags: TAGS,
      summary: 'Host cooperatives by sector',
      responses: { 200: items(host) },
    }),
    async (c) => c.json({ items: await programmes.listHosts(c.get('db')) }, 200),
  );

  api.openapi(
    adminRoute({
      method: 'post',
      path: '/api/admin/network/hosts',
      tags: TAGS,
      summary: 'Add a host cooperative',
      request: jsonBody(hostInput),
      responses: { 201: jsonOf(host, 'Created') },
    }),
    async (c) => c.json(await programmes.createHost(c.get('db'), actorOf(c), c.req.valid('json')), 201),
  );

  api.openapi(
    adminRoute({
      method: 'get',
      path: '/api/admin/network/programmes',
      tags: TAGS,
      summary: 'Internship programmes',
      responses: { 200: items(programme) },
    }),
    async (c) => c.json({ items: await programmes.listProgrammes(c.get('db')) }, 200),
  );

  api.openapi(
    adminRoute({
      method: 'post',
      path: '/api/admin/network/programmes',
      tags: TAGS,
      summary: 'Create a programme with its host cooperatives',
      request: jsonBody(programmeInput),
      responses: { 201: jsonOf(programme, 'Created') },
    }),
    async (c) => c.json(await programmes.createProgramme(c.get('db'), actorOf(c), c.req.valid('json')), 201),
  );

  api.openapi(
    adminRoute({
      method: 'get',
      path: '/api/admin/network/programmes/{networkProgrammeId}',
      tags: TAGS,
      summary: 'A programme',
      request: { params: programmeParams },
      responses: { 200: jsonOf(programme) },
    }),
    async (c) => c.json(await programmes.getProgramme(c.get('db'), c.req.valid('param').networkProgrammeId), 200),
  );

  api.openapi(
    adminRoute({
      method: 'get',
      path: '/api/admin/network/programmes/{networkProgrammeId}/batches',
      tags: TAGS,
      summary: 'The batches (gelombang) of a programme',
      request: { params: programmeParams },
      responses: { 200: items(batch) },
    }),
    async (c) => c.json({ items: await programmes.listBatches(c.get('db'), c.req.valid('param').networkProgrammeId) }, 200),
  );

  api.openapi(
    adminRoute({
      method: 'post',
      path: '/api/admin/network/programmes/{networkProgrammeId}/batches',
      tags: TAGS,
      summary: 'Open a batch: host, dates, capacity and the provinces it draws from',
      request: { params: programmeParams, ...jsonBody(batchInput) },
      responses: { 201: jsonOf(batch, 'Created') },
    }),
    async (c) =>
      c.json(await programmes.createBatch(c.get('db'), actorOf(c), c.req.valid('param').networkProgrammeId, c.req.valid('json')), 201),
  );

  api.openapi(
    adminRoute({
      method: 'get',
      path: '/api/admin/network/batches/{networkBatchId}',
      tags: TAGS,
      summary: 'A batch with participants by status and places left',
      request: { params: batchParams },
      responses: { 200: jsonOf(batch) },
    }),
    async (c) => c.json(await programmes.getBatch(c.get('db'), c.req.valid('param').networkBatchId), 200),
  );

  api.openapi(
    adminRoute({
      method: 'patch',
      path: '/api/admin/network/batches/{networkBatchId}',
      tags: TAGS,
      summary: 'Change a batch (never below the places already taken)',
      request: { params: batchParams, ...jsonBody(batchUpdate) },
      responses: { 200: jsonOf(batch) },
    }),
    async (c) =>
      c.json(await programmes.updateBatch(c.get('db'), actorOf(c), c.req.valid('param').networkBatchId, c.req.valid('json')), 200),
  );

  api.openapi(
    adminRoute({
      method: 'get',
      path: '/api/admin/network/batches/{networkBatchId}/participants',
      tags: TAGS,
      summary: 'Participants of a batch with attendance so far',
      request: { params: batchParams },
      responses: { 200: items(participant) },
    }),
    async (c) =>
      c.json({ items: await participants.listParticipants(c.get('db'), c.req.valid('param').networkBatchId, todayOf(clock)) }, 200),
  );

  api.openapi(
    adminRoute({
      method: 'post',
      path: '/api/admin/network/batches/{networkBatchId}/participants',
      tags: TAGS,
      summary: 'Nominate a board member of a cooperative (province, capacity and overlapping batches are checked)',
      request: { params: batchParams, ...jsonBody(nominationInput) },
      responses: { 201: jsonOf(participant, 'Created') },
    }),
    async (c) =>
      c.json(
        await participants.nominate(c.get('db'), actorOf(c), c.req.valid('param').networkBatchId, c.req.valid('json'), todayOf(clock)),
        201,
      ),
  );

  api.openapi(
    adminRoute({
      method: 'get',
      path: '/api/admin/network/batches/{networkBatchId}/sessions',
      tags: TAGS,
      summary: 'The schedule of a batch with attendance tallies',
      request: { params: batchParams },
      responses: { 200: items(session) },
    }),
    async (c) => c.json({ items: await sessions.listSessions(c.get('db'), c.req.valid('param').networkBatchId) }, 200),
  );

  api.openapi(
    adminRoute({
      method: 'post',
      path: '/api/admin/network/batches/{networkBatchId}/sessions',
      tags: TAGS,
      summary: 'Add a session: material, study visit or on-the-job training',
      request: { params: batchParams, ...jsonBody(sessionInput) },
      responses: { 201: jsonOf(session, 'Created') },
    }),
    async (c) => c.json(await sessions.addSession(c.get('db'), actorOf(c), c.req.valid('param').networkBatchId, c.req.valid('json')), 201),
  );

  api.openapi(
    adminRoute({
      method: 'post',
      path: '/api/admin/network/batches/{networkBatchId}/certificates',
      tags: TAGS,
      summary: 'Complete every participant who meets the bar and number their certificates; list the others with reasons',
      request: { params: batchParams },
      responses: { 200: jsonOf(certificateRun) },
    }),
    async (c) =>
      c.json(
        await participants.issueCertificates(c.get('db'), actorOf(c), c.req.valid('param').networkBatchId, todayOf(clock), c.get('lang')),
        200,
      ),
  );

  api.openapi(
    adminRoute({
      method: 'get',
      path: '/api/admin/network/sessions/{networkSessionId}/attendance',
      tags: TAGS,
      summary: 'Attendance of a session',
      request: { params: sessionParams },
      responses: { 200: items(attendanceRow) },
    }),
    async (c) => c.json({ items: await sessions.sessionAttendance(c.get('db'), c.req.valid('param').networkSessionId) }, 200),
  );

  api.openapi(
    adminRoute({
      method: 'put',
      path: '/api/admin/network/sessions/{networkSessionId}/attendance',
      tags: TAGS,
      summary: 'Record who attended a session',
      request: { params: sessionParams, ...jsonBody(attendanceInput) },
      responses: { 200: items(attendanceRow) },
    }),
    async (c) =>
      c.json(
        {
          items: await sessions.recordAttendance(
            c.get('db'),
            actorOf(c),
            c.req.valid('param').networkSessionId,
            c.req.valid('json').entries,
            todayOf(clock),
          ),
        },
        200,
      ),
  );

  api.openapi(
    adminRoute({
      method: 'get',
      path: '/api/admin/network/participants/{networkParticipantId}',
      tags: TAGS,
      summary: 'A participant: attendance, assessment, action plan with progress, and what blocks completion',
      request: { params: participantParams },
      responses: { 200: jsonOf(participantDetail) },
    }),
    async (c) =>
      c.json(
        await participants.participantDetail(
          c.get('db'),
          c.req.valid('param').networkParticipantId,
          todayOf(clock),
          undefined,
          c.get('lang'),
        ),
        200,
      ),
  );

  api.openapi(
    adminRoute({
      method: 'post',
      path: '/api/admin/network/participants/{networkParticipantId}/status',
      tags: TAGS,
      summary: 'Accept (within capacity), mark attending, reject or withdraw a participant',
      request: { params: participantParams, ...jsonBody(participantStatusInput) },
      responses: { 200: jsonOf(participant) },
    }),
    async (c) =>
      c.json(
        await participants.setStatus(
          c.get('db'),
          actorOf(c),
          c.req.valid('param').networkParticipantId,
          c.req.valid('json'),
          todayOf(clock),
        ),
        200,
      ),
  );

  api.openapi(
    adminRoute({
      method: 'put',
      path: '/api/admin/network/participants/{networkParticipantId}/assessment',
      tags: TAGS,
      summary: "Pre-test, post-test (0–100) and the mentor's evaluation (1–5) per competency",
      request: { params: participantParams, ...jsonBody(assessmentInput) },
      responses: { 200: jsonOf(participantDetail) },
    }),
    async (c) =>
      c.json(
        await participants.saveAssessment(
          c.get('db'),
          actorOf(c),
          c.req.valid('param').networkParticipantId,
          c.req.valid('json').scores,
          todayOf(clock),
          c.get('lang'),
        ),
        200,
      ),
  );

  api.openapi(
    adminRoute({
      method: 'put',
      path: '/api/admin/network/participants/{networkParticipantId}/action-plan',
      tags: TAGS,
      summary: "The participant's action plan for their own cooperative: targets, each with a measure and a due date",
      request: { params: participantParams, ...jsonBody(actionPlanInput) },
      responses: { 200: items(actionItem) },
    }),
    async (c) =>
      c.json(
        {
          items: await setActionPlan(
            c.get('db'),
            actorOf(c),
            c.req.valid('param').networkParticipantId,
            c.req.valid('json').items,
            todayOf(clock),
            undefined,
            c.get('lang'),
          ),
        },
        200,
      ),
  );

  api.openapi(
    adminRoute({
      method: 'get',
      path: '/api/admin/network/participants/{networkParticipantId}/certificate.pdf',
      tags: TAGS,
      summary: 'The certificate of a participant who completed',
      request: { params: participantParams },
      responses: { 200: certificate },
    }),
    async (c) => {
      const { fileName, pdf } = await participants.certificatePdf(c.get('db'), c.req.valid('param').networkParticipantId);
      return sendFile(c, pdf, PDF, fileName, true);
    },
  );

  // ── a cooperative's own board members in the programme ──

  api.openapi(
    coopRoute('network.read', {
      method: 'get',
      path: '/api/coops/{coopId}/network/batches',
      tags: TAGS,
      summary: 'Batches still open to its province',
      request: { params: coopParams },
      responses: { 200: items(batch) },
    }),
    async (c) => {
      const id = coopOf(c).id;
      const profile = await findProfile(c.get('db'), id);
      const today = await todayOfCoop(c, clock, id);
      return c.json({ items: profile ? await programmes.openBatchesFor(c.get('db'), profile.provinceCode, today) : [] }, 200);
    },
  );

  api.openapi(
    coopRoute('network.manage', {
      method: 'post',
      path: '/api/coops/{coopId}/network/nominations',
      tags: TAGS,
      summary: 'Nominate one of its board members to a batch',
      request: { params: coopParams, ...jsonBody(coopNominationInput) },
      responses: { 201: jsonOf(participant, 'Created') },
    }),
    async (c) => {
      const id = coopOf(c).id;
      const b = c.req.valid('json');
      return c.json(
        await participants.nominate(
          c.get('db'),
          actorOf(c),
          b.batchId,
          { cooperativeId: id, officerId: b.officerId },
          await todayOfCoop(c, clock, id),
        ),
        201,
      );
    },
  );

  api.openapi(
    coopRoute('network.read', {
      method: 'get',
      path: '/api/coops/{coopId}/network/participants',
      tags: TAGS,
      summary: 'Its board members in the programme, with their action plans and progress',
      request: { params: coopParams },
      responses: { 200: items(participantDetail) },
    }),
    async (c) => {
      const id = coopOf(c).id;
      return c.json({ items: await participants.participantsOfCoop(c.get('db'), id, await todayOfCoop(c, clock, id), c.get('lang')) }, 200);
    },
  );

  api.openapi(
    coopRoute('network.manage', {
      method: 'post',
      path: '/api/coops/{coopId}/network/participants/{networkParticipantId}/withdraw',
      tags: TAGS,
      summary: 'Withdraw one of its nominations',
      request: { params: coopParams.extend(participantParams.shape), ...jsonBody(withdrawInput) },
      responses: { 200: jsonOf(participant) },
    }),
    async (c) => {
      const id = coopOf(c).id;
      return c.json(
        await participants.setStatus(
          c.get('db'),
          actorOf(c),
          c.req.valid('param').networkParticipantId,
          { to: 'withdrawn', reason: c.req.valid('json').reason },
          await todayOfCoop(c, clock, id),
          id,
        ),
        200,
      );
    },
  );

  api.openapi(
    coopRoute('network.read', {
      method: 'get',
      path: '/api/coops/{coopId}/network/participants/{networkParticipantId}/certificate.pdf',
      tags: TAGS,
      summary: 'The certificate of one of its board members',
      request: { params: coopParams.extend(participantParams.shape) },
      responses: { 200: certificate },
    }),
    async (c) => {
      const { fileName, pdf } = await participants.certificatePdf(c.get('db'), c.req.valid('param').networkParticipantId, coopOf(c).id);
      return sendFile(c, pdf, PDF, fileName, true);
    },
  );
}
