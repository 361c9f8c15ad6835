import type { Api } from '../../http/openapi.js';
import { registerDeliveryRoutes } from './deliveries.routes.js';
import { registerInvoiceRoutes } from './invoices.routes.js';
import { registerLogisticsRoutes } from './logistics.routes.js';
import { registerOrderRoutes } from './orders.routes.js';
import { registerPartnerRoutes } from './partners.routes.js';
import { registerReportRoutes } from './reports.routes.js';

/**
 * Market link under /market: buyers, contracts, purchase orders, deliveries, receiving, invoices and
 * payments; picking lists and delivery routes; reminders, margins and traceability.
 */
export function registerMarketRoutes(api: Api) {
  registerPartnerRoutes(api);
  registerOrderRoutes(api);
  registerDeliveryRoutes(api);
  registerInvoiceRoutes(api);
  registerLogisticsRoutes(api);
  registerReportRoutes(api);
}
