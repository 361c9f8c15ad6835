import type { Api } from '../../http/openapi.js';
import { registerCatalogueRoutes } from './catalogue.routes.js';
import { registerFarmerRoutes } from './farmers.routes.js';
import { registerIntakeRoutes } from './intake.routes.js';
import { registerPayoutRoutes } from './payouts.routes.js';
import { registerPurchaseRoutes } from './purchases.routes.js';
import { registerStockRoutes } from './stock.routes.js';

/** Produce aggregation: catalogue, farmers, intake, purchases, stock, payouts and views under /produce. */
export function registerProduceRoutes(api: Api) {
  registerCatalogueRoutes(api);
  registerFarmerRoutes(api);
  registerIntakeRoutes(api);
  registerPurchaseRoutes(api);
  registerStockRoutes(api);
  registerPayoutRoutes(api);
}
