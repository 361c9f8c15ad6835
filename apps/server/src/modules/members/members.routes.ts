import { z } from '@hono/zod-openapi';
import {
  activateInput,
  farmerGroup,
  farmerGroupInput,
  importQuery,
  importReport,
  linkUserInput,
  memberDetail,
  memberExportQuery,
  memberId,
  memberInput,
  memberPage,
  memberQuery,
  memberUpdate,
  nikCheck,
  nikCheckInput,
} from '@kopdes/shared/members';
import type { Context } from 'hono';
import type { Env } from '../../http/context.js';
import { AppError } from '../../lib/errors.js';
import { actorOf, coopOf } from '../../http/middleware.js';
import { coopParams, coopRoute, jsonBody, jsonOf, type Api } from '../../http/openapi.js';
import { importMembers, localizeImport } from './members-import.service.js';
import { membersWorkbook } from './members-export.js';
import * as members from './members.service.js';

/** The import route takes files up to this size; every other route keeps the default body limit. */
export const MEMBER_IMPORT_MAX_BYTES = 20 * 1024 * 1024;
export const isMemberImportPath = (path: string) => /^\/api\/coops\/[^/]+\/members\/import\/?$/.test(path);

const memberParams = coopParams.extend({ memberId });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const UPLOAD_TYPES = ['multipart/form-data', XLSX, 'text/csv', 'application/octet-stream'];

/** The uploaded file: the `file` part of a multipart form, or the raw body. Other types: 415. */
async function readUpload(c: Context<Env>, filename: string | undefined): Promise<{ data: Buffer; name: string }> {
  const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type && !UPLOAD_TYPES.includes(type)) {
    const message = {
      id: 'Kirim berkas sebagai multipart/form-data (bagian "file") atau langsung dengan tipe .xlsx / text/csv',
      en: 'Send the file as multipart/form-data (part "file") or as the raw body typed .xlsx / text/csv',
    };
    throw new AppError('unsupported_media_type', 'unsupported_media_type', message, [
      { field: 'header.Content-Type', code: 'unsupported_media_type', message },
    ]);
  }
  if (type === 'multipart/form-data') {
    const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
    const file = form.file;
    if (!(file instanceof File)) {
      const message = { id: 'Bagian "file" berisi berkas wajib ada', en: 'A "file" part holding the file is required' };
      throw new AppError('validation', 'file_required', message, [{ field: 'file', code: 'file_required', message }]);
    }
    return { data: Buffer.from(await file.arrayBuffer()), name: filename ?? (file.name || 'anggota.xlsx') };
  }
  return { data: Buffer.from(await c.req.arrayBuffer()), name: filename ?? (type === 'text/csv' ? 'anggota.csv' : 'anggota.xlsx') };
}
const binary = (description: string) => z.string().openapi({ type: 'string', format: 'binary', description });

export function registerMemberRoutes(api: Api) {
  api.openapi(
    coopRoute('members.read', {
      method: 'get',
      path: '/api/coops/{coopId}/members',
      tags: ['members'],
      summary: 'Search and filter members (name, NIK, number or phone in `q`), paginated by cursor',
      request: { params: coopParams, query: memberQuery },
      responses: { 200: jsonOf(memberPage) },
    }),
    async (c) => c.json(await members.listMembers(c.get('db'), coopOf(c).id, c.req.valid('query')), 200),
  );

  api.openapi(
    coopRoute('members.read', {
      method: 'get',
      path: '/api/coops/{coopId}/members/export.xlsx',
      tags: ['members'],
      summary: 'The members matching the filters as an Excel workbook (re-importable)',
      request: { params: coopParams, query: memberExportQuery },
      responses: { 200: { description: 'Excel workbook', content: { [XLSX]: { schema: binary('.xlsx') } } } },
    }),
    async (c) => {
      const db = c.get('db');
      const id = coopOf(c).id;
      const ctx = await members.coopContext(db, id);
      const rows = await members.allMembers(db, id, c.req.valid('query'));
      const file = await membersWorkbook(ctx.name, ctx.today, rows);
      return c.body(new Uint8Array(file), 200, {
        'content-type': XLSX,
        'content-disposition': `attachment; filename="anggota-${ctx.today}.xlsx"`,
      }) as never;
    },
  );

  api.openapi(
    coopRoute('members.write', {
      method: 'post',
      path: '/api/coops/{coopId}/members/import',
      tags: ['members'],
      summary: 'Import members from .xlsx or CSV: dry run (report per row), all-or-nothing, or valid rows only',
      description:
        'Send the file as `multipart/form-data` (part `file`) or as the raw body with its content type ' +
        '(.xlsx or text/csv) and `filename` in the query. Up to 20 MB and 50,000 rows. `mode=dry_run` (default) ' +
        'writes nothing; `mode=all` imports every row or, if any row is wrong, nothing (422 with the report in ' +
        '`report`); `mode=valid_only` imports the valid rows and reports the others.',
      request: {
        params: coopParams,
        query: importQuery,
        // Declared for the document only: the handler reads the upload itself (see readUpload).
        body: {
          required: false,
          content: {
            'multipart/form-data': {
              schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } }, required: ['file'] },
            },
            [XLSX]: { schema: { type: 'string', format: 'binary', description: '.xlsx workbook' } },
            'text/csv': { schema: { type: 'string', format: 'binary', description: 'CSV, comma, semicolon or tab separated' } },
            'application/octet-stream': { schema: { type: 'string', format: 'binary', description: '.xlsx or CSV' } },
          },
        },
      },
      responses: { 200: jsonOf(importReport, 'The report (and, unless a dry run, what was imported)') },
    }),
    async (c) => {
      const { mode, filename } = c.req.valid('query');
      const { data, name } = await readUpload(c, filename);
      const lang = c.get('lang');
      const result = await importMembers(c.get('db'), actorOf(c), coopOf(c).id, data, { mode, filename: name });
      const report = localizeImport(result, lang);
      if (mode === 'all' && !result.committed && report.summary.invalid > 0) {
        const bad = report.rows.filter((r) => r.errors.length);
        throw new AppError(
          'unprocessable',
          'import_has_errors',
          {
            id: `${bad.length} dari ${report.summary.rows} baris bermasalah; tidak ada yang diimpor. Perbaiki berkasnya, atau impor baris yang valid saja.`,
            en: `${bad.length} of ${report.summary.rows} rows have problems; nothing was imported. Fix the file, or import the valid rows only.`,
          },
          bad.slice(0, 50).flatMap((r) =>
            r.errors.map((e) => ({
              field: `rows.${r.row}.${e.field}`,
              code: e.code,
              message: {
                id: `Baris ${r.row}${e.column ? `, kolom ${e.column}` : ''}: ${e.message}`,
                en: `Row ${r.row}${e.column ? `, column ${e.column}` : ''}: ${e.message}`,
              },
            })),
          ),
          { report },
        );
      }
      return c.json(report, 200);
    },
  );

  api.openapi(
    coopRoute('members.read', {
      method: 'post',
      path: '/api/coops/{coopId}/members/check-nik',
      tags: ['members'],
      summary: 'Decode and check a NIK (province, regency, birth date, sex) against what was typed; writes nothing',
      request: { params: coopParams, ...jsonBody(nikCheckInput) },
      responses: { 200: jsonOf(nikCheck) },
    }),
    async (c) => c.json(await members.checkNik(c.get('db'), coopOf(c).id, c.req.valid('json'), c.get('lang')), 200),
  );

  api.openapi(
    coopRoute('members.write', {
      method: 'post',
      path: '/api/coops/{coopId}/members',
      tags: ['members'],
      summary: 'Register a member (or an applicant); sex and birth date are taken from the NIK when left out',
      request: { params: coopParams, ...jsonBody(memberInput) },
      responses: { 201: jsonOf(memberDetail, 'Created') },
    }),
    async (c) => c.json(await members.createMember(c.get('db'), actorOf(c), coopOf(c).id, c.req.valid('json')), 201),
  );

  api.openapi(
    coopRoute('members.read', {
      method: 'get',
      path: '/api/coops/{coopId}/members/{memberId}',
      tags: ['members'],
      summary: 'A member with their status history',
      request: { params: memberParams },
      responses: { 200: jsonOf(memberDetail) },
    }),
    async (c) => c.json(await members.getMember(c.get('db'), coopOf(c).id, c.req.valid('param').memberId), 200),
  );

  api.openapi(
    coopRoute('members.write', {
      method: 'patch',
      path: '/api/coops/{coopId}/members/{memberId}',
      tags: ['members'],
      summary: "Correct a member's data (the status changes through its own routes)",
      request: { params: memberParams, ...jsonBody(memberUpdate) },
      responses: { 200: jsonOf(memberDetail) },
    }),
    async (c) =>
      c.json(await members.updateMember(c.get('db'), actorOf(c), coopOf(c).id, c.req.valid('param').memberId, c.req.valid('json')), 200),
  );

  api.openapi(
    coopRoute('members.write', {
      method: 'post',
      path: '/api/coops/{coopId}/members/{memberId}/activate',
      tags: ['members'],
      summary: 'Admit an applicant: applicant → active',
      request: { params: memberParams, ...jsonBody(activateInput) },
      responses: { 200: jsonOf(memberDetail) },
    }),
    async (c) =>
      c.json(await members.activateMember(c.get('db'), actorOf(c), coopOf(c).id, c.req.valid('param').memberId, c.req.valid('json')), 200),
  );

  api.openapi(
    coopRoute('members.write', {
      method: 'put',
      path: '/api/coops/{coopId}/members/{memberId}/user',
      tags: ['members'],
      summary: 'Link the member to a user of this cooperative (who then sees their own savings), or unlink with null',
      request: { params: memberParams, ...jsonBody(linkUserInput) },
      responses: { 200: jsonOf(memberDetail) },
    }),
    async (c) =>
      c.json(await members.linkUser(c.get('db'), actorOf(c), coopOf(c).id, c.req.valid('param').memberId, c.req.valid('json').userId), 200),
  );

  api.openapi(
    coopRoute('members.read', {
      method: 'get',
      path: '/api/coops/{coopId}/farmer-groups',
      tags: ['members'],
      summary: 'Farmer groups (poktan) with their number of active members',
      request: { params: coopParams },
      responses: { 200: jsonOf(z.object({ items: z.array(farmerGroup) })) },
    }),
    async (c) => c.json({ items: await members.listFarmerGroups(c.get('db'), coopOf(c).id) }, 200),
  );

  api.openapi(
    coopRoute('members.write', {
      method: 'post',
      path: '/api/coops/{coopId}/farmer-groups',
      tags: ['members'],
      summary: 'Add a farmer group (poktan)',
      request: { params: coopParams, ...jsonBody(farmerGroupInput) },
      responses: { 201: jsonOf(farmerGroup, 'Created') },
    }),
    async (c) => c.json(await members.createFarmerGroup(c.get('db'), actorOf(c), coopOf(c).id, c.req.valid('json')), 201),
  );
}
