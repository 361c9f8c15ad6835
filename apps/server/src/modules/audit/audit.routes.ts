import { z } from '@hono/zod-openapi';
import { auditEntry, auditQuery } from '@kopdes/shared/audit';
import { coopOf } from '../../http/middleware.js';
import { coopRoute, type Api } from '../../http/openapi.js';
import { auditPage } from './audit.service.js';

export function registerAuditRoutes(api: Api) {
  api.openapi(
    coopRoute('audit.read', {
      method: 'get',
      path: '/api/coops/{coopId}/audit',
      tags: ['audit'],
      summary: 'The audit trail, newest first, filterable, paginated by cursor',
      request: { params: z.object({ coopId: z.string() }), query: auditQuery },
      responses: {
        200: {
          description: 'OK',
          content: { 'application/json': { schema: z.object({ items: z.array(auditEntry), nextCursor: z.string().nullable() }) } },
        },
      },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const page = await auditPage(c.get('db'), coopOf(c).id, {
        ...q,
        from: q.from ? new Date(q.from) : undefined,
        to: q.to ? new Date(q.to) : undefined,
        before: q.cursor,
      });
      return c.json(
        {
          items: page.items.map((r) => ({
            id: r.id,
            at: r.at.toISOString(),
            actorId: r.actorId,
            actorLabel: r.actorLabel,
            action: r.action,
            entityType: r.entityType,
            entityId: r.entityId,
            changes: r.changes,
            requestId: r.requestId,
          })),
          nextCursor: page.nextCursor,
        },
        200,
      );
    },
  );
}
