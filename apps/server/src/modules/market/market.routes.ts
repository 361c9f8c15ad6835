import type { Api } from '../../http/openapi.js';
import { registerDeliveryRoutes } from './deliveries.routes.js';
import { registerInvoiceRoutes } from './invoices.routes.js';
import { registerOrderRoutes } from './orders.routes.js';
import { registerPartnerRoutes } from './partners.routes.js';

/** Market link: buyers, contracts, purchase orders, deliveries, receiving, invoices and payments under /market. */
export function registerMarketRoutes(api: Api) {
  registerPartnerRoutes(api);
  registerOrderRoutes(api);
  registerDeliveryRoutes(api);
  registerInvoiceRoutes(api);
}
