/**
 * The network layer's HTTP surface: the ministry's routes under /api/admin/network (platform role
 * `admin`) and what a cooperative sees of it under /api/coops/{coopId}/network.
 */
import type { Api } from '../../http/openapi.js';
import type { Clock } from '../../lib/clock.js';
import { registerInternshipRoutes } from './internship.routes.js';
import { registerOutcomeRoutes } from './outcomes.routes.js';
import { registerPartnershipRoutes } from './partnerships.routes.js';
import { registerRegistryRoutes } from './registry.routes.js';
import { registerRollupRoutes } from './rollups.routes.js';

export function registerNetworkRoutes(api: Api, clock: Clock) {
  registerRegistryRoutes(api, clock);
  registerPartnershipRoutes(api, clock);
  registerInternshipRoutes(api, clock);
  registerOutcomeRoutes(api, clock);
  registerRollupRoutes(api, clock);
}
