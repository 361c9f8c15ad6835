/**
 * Planning's shortfall warnings with what was bought from other cooperatives, and is still on hand,
 * counted as supply: a warning that offers "buy 200 kg from another cooperative" shrinks once the
 * purchase is recorded, and grows again as that stock is sold or goes off.
 * Planning does not read produce's purchases itself; this step hands them in (decision 0093).
 */
import type { Db } from '../db/client.js';
import { warningsOf } from '../modules/planning/follow-up.service.js';
import { purchasedOnHand } from '../modules/produce/stock.service.js';

export function shortfallWarnings(db: Db, coopId: string, planId: string, asOf: string, lang: 'id' | 'en') {
  return warningsOf(db, coopId, planId, asOf, lang, () => purchasedOnHand(db, coopId));
}
