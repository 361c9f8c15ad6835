/**
 * Read-only counts of a cooperative's partnerships, for outcome measures and roll-ups. Kept apart
 * from partnerships.service so the measure registry can read them without a cycle of imports.
 */
import type { Db } from '../../db/client.js';
import { countActive } from './partnerships.repository.js';

/** Partnerships active at some time in [from, to]. */
export const activePartnerships = (db: Db, cooperativeId: string, from: string, to: string) => countActive(db, cooperativeId, from, to);

/** Active partnerships with modern retailers (the "first modern-retail partner" target). */
export const activeRetailPartnerships = (db: Db, cooperativeId: string, from: string, to: string) =>
  countActive(db, cooperativeId, from, to, 'retailer');

/** Active partnerships through which the cooperative sells (off-take or supply to retail): evidence of trading. */
export const activeTradingPartnerships = (db: Db, cooperativeId: string, from: string, to: string) =>
  countActive(db, cooperativeId, from, to, undefined, ['offtake', 'retail_supply']);
