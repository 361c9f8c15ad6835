/**
 * Planning's shortfall warnings with what was bought from other cooperatives counted as supply: a
 * warning that offers "buy 200 kg from another cooperative" shrinks once the purchase is recorded.
 * Planning does not read produce's purchases itself; this step hands them in (decision 0093).
 */
import type { Db } from '../db/client.js';
import { warningsOf } from '../modules/planning/follow-up.service.js';
import { purchasedByDay } from '../modules/produce/purchases.service.js';

export function shortfallWarnings(db: Db, coopId: string, planId: string, asOf: string, lang: 'id' | 'en') {
  return warningsOf(db, coopId, planId, asOf, lang, (from, to) => purchasedByDay(db, coopId, from, to));
}
