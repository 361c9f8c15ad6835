import { z } from '@hono/zod-openapi';
import { sql } from 'drizzle-orm';
import { jsonOf, publicRoute, type Api } from '../../http/openapi.js';

const health = z.object({
  status: z.enum(['ok', 'degraded']),
  database: z.object({ ok: z.boolean(), latencyMs: z.number().nullable(), mode: z.enum(['embedded', 'external']) }),
  version: z.string(),
});

export function registerHealthRoutes(api: Api, info: { mode: 'embedded' | 'external'; version: string }) {
  api.openapi(
    publicRoute({
      method: 'get',
      path: '/api/health',
      tags: ['system'],
      summary: 'Liveness and database state',
      responses: { 200: jsonOf(health), 503: jsonOf(health, 'Database unreachable') },
    }),
    async (c) => {
      const started = performance.now();
      try {
        await c.get('db').execute(sql`SELECT 1`);
        const latencyMs = Math.round((performance.now() - started) * 10) / 10;
        return c.json({ status: 'ok' as const, database: { ok: true, latencyMs, mode: info.mode }, version: info.version }, 200);
      } catch {
        return c.json(
          { status: 'degraded' as const, database: { ok: false, latencyMs: null, mode: info.mode }, version: info.version },
          503,
        );
      }
    },
  );
}
