/** Every table, for drizzle's typed queries. Each module owns its own file; this only gathers them. */
import * as audit from '../modules/audit/audit.schema.js';
import * as auth from '../modules/auth/auth.schema.js';
import * as cooperatives from '../modules/cooperatives/cooperatives.schema.js';
import * as ledger from '../modules/ledger/ledger.schema.js';
import * as market from '../modules/market/market.schema.js';
import * as members from '../modules/members/members.schema.js';
import * as network from '../modules/network/network.schema.js';
import * as planning from '../modules/planning/planning.schema.js';
import * as produce from '../modules/produce/produce.schema.js';
import * as savings from '../modules/savings/savings.schema.js';
import * as infra from './infra.schema.js';

export const schema = {
  ...infra,
  ...cooperatives,
  ...auth,
  ...audit,
  ...ledger,
  ...network,
  ...members,
  ...savings,
  ...produce,
  ...planning,
  ...market,
};
