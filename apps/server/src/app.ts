/**
 * The HTTP root: request context, security headers, body limit, authentication, tenant guard,
 * every module's routes, the OpenAPI document and its browsable reference, and the web app.
 */
import { requestBodies } from './http/body.js';
import { mountDocs } from './http/docs.js';
import { compress } from 'hono/compress';
import { serveStatic } from '@hono/node-server/serve-static';
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from './db/client.js';
import { AppError, notFound } from './lib/errors.js';
import type { Clock } from './lib/clock.js';
import { authenticate, requestContext, securityHeaders, tenantAccess } from './http/middleware.js';
import { newApi } from './http/openapi.js';
import { onError } from './http/problem.js';
import { registerAuditRoutes } from './modules/audit/audit.routes.js';
import { registerAuthRoutes } from './modules/auth/auth.routes.js';
import { registerCooperativeRoutes } from './modules/cooperatives/cooperatives.routes.js';
import { registerHealthRoutes } from './modules/health/health.routes.js';
import { registerLedgerRoutes } from './modules/ledger/ledger.routes.js';
import { registerMarketRoutes } from './modules/market/market.routes.js';
import { isMemberImportPath, MEMBER_IMPORT_MAX_BYTES, registerMemberRoutes } from './modules/members/members.routes.js';
import { registerNetworkRoutes } from './modules/network/network.routes.js';
import { registerPlanningRoutes } from './modules/planning/planning.routes.js';
import { registerProduceRoutes } from './modules/produce/produce.routes.js';
import { registerWajibPayoutDeduction } from './workflows/payout-wajib.js';
import { VERSION } from './version.js';
import { registerDemandFromMarketRoute } from './workflows/demand-from-market.js';
import { registerNearbyCooperativeRoutes } from './workflows/nearby-cooperatives.js';
import { registerSelfRoutes } from './modules/members/self.routes.js';
import { registerSavingsRoutes } from './modules/savings/savings.routes.js';

export interface AppDeps {
  db: Db;
  clock: Clock;
  mode: 'embedded' | 'external';
  bodyLimitBytes?: number;
  secureCookies?: boolean;
  webDist?: string;
}

export function createApp(deps: AppDeps) {
  const api = newApi();
  api.onError(onError);
  api.use('*', requestContext(deps.db));
  api.use('*', securityHeaders);
  api.use('/api/*', compress());
  const maxBytes = deps.bodyLimitBytes ?? 1024 * 1024;
  const tooLarge = (): never => {
    throw new AppError('payload_too_large', 'payload_too_large', {
      id: `Isi permintaan melebihi ${Math.round(maxBytes / 1024)} KB`,
      en: `Request body exceeds ${Math.round(maxBytes / 1024)} KB`,
    });
  };
  const importTooLarge = (): never => {
    throw new AppError('payload_too_large', 'payload_too_large', {
      id: `Berkas impor melebihi ${MEMBER_IMPORT_MAX_BYTES / 1024 / 1024} MB; bagi menjadi beberapa berkas`,
      en: `The import file exceeds ${MEMBER_IMPORT_MAX_BYTES / 1024 / 1024} MB; split it into several files`,
    });
  };
  // The member import takes spreadsheets of up to 20 MB; every other route keeps the default limit.
  api.use(
    '/api/*',
    requestBodies(
      (p) => (isMemberImportPath(p) ? MEMBER_IMPORT_MAX_BYTES : maxBytes),
      (p) => (isMemberImportPath(p) ? importTooLarge : tooLarge),
    ),
  );
  api.use('/api/*', authenticate(deps.clock));
  api.use('/api/coops/:coopId', tenantAccess);
  api.use('/api/coops/:coopId/*', tenantAccess);

  registerHealthRoutes(api, { mode: deps.mode, version: VERSION });
  registerAuthRoutes(api, deps.clock, { secureCookies: deps.secureCookies ?? false });
  registerCooperativeRoutes(api);
  registerAuditRoutes(api);
  registerLedgerRoutes(api);
  registerMemberRoutes(api);
  registerSavingsRoutes(api);
  registerSelfRoutes(api);
  registerNetworkRoutes(api, deps.clock);
  registerProduceRoutes(api);
  registerWajibPayoutDeduction(); // payouts keep back the simpanan wajib farmers owe
  registerPlanningRoutes(api);
  registerMarketRoutes(api);
  registerDemandFromMarketRoute(api); // planning's demand built from the market link
  registerNearbyCooperativeRoutes(api); // cooperatives nearby to buy from, and making one a supplier

  api.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'kopdes API',
      version: VERSION,
      description:
        'Operating system for village cooperatives. Errors are RFC 9457 problem documents; money is whole Rupiah as decimal strings.',
    },
  });
  mountDocs(api);
  api.all('/api/*', () => {
    throw notFound({ id: 'Alamat API tidak dikenal', en: 'Unknown API route' });
  });

  const dist = deps.webDist;
  if (dist && fs.existsSync(path.join(dist, 'index.html'))) {
    const indexHtml = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
    api.use('/assets/*', async (c, next) => {
      await next();
      if (c.res.status === 200) c.header('cache-control', 'public, max-age=31536000, immutable');
    });
    api.use('/*', serveStatic({ root: path.relative(process.cwd(), dist) || '.', precompressed: true }));
    // The web app routes on the client: every other path gets index.html.
    api.get('*', (c) => c.html(indexHtml));
  }
  return api;
}
