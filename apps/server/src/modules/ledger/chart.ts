/**
 * Each cooperative's chart of accounts and business units, set up lazily on first use (so
 * creating a cooperative needs no ledger hook) and kept in a small per-process cache so a posting
 * validates without a round trip. The cache is only a convenience: the database re-checks every
 * line's account and unit (trigger), and any local change drops the cooperative's entry.
 */
import { STANDARD_CHART } from '@kopdes/shared/ledger';
import type { Db } from '../../db/client.js';
import * as repo from './chart.repository.js';
import type { AccountRow, UnitRow } from './chart.repository.js';

export type { AccountRow, UnitRow };

export interface Chart {
  accounts: Map<string, AccountRow>;
  units: Map<string, UnitRow>;
  /** Closed months (`YYYY-MM`), so a posting into one is refused before it reaches the database. */
  closedMonths: Set<string>;
  loadedAt: number;
}

const TTL_MS = 5_000;
const cache = new Map<string, Chart>();

export function forgetChart(cooperativeId: string) {
  cache.delete(cooperativeId);
}

/**
 * Makes sure a cooperative has the standard chart (every standard account it lacks) and, the
 * first time, all standard units enabled. Safe to call concurrently and repeatedly.
 */
export async function ensureLedgerSetup(db: Db, cooperativeId: string): Promise<void> {
  await loadChart(db, cooperativeId);
}

async function loadChart(db: Db, cooperativeId: string): Promise<Chart> {
  // One after the other: `db` may be a transaction, whose single connection runs one query at a time.
  const accounts = await repo.listAccounts(db, cooperativeId);
  const units = await repo.listUnits(db, cooperativeId);
  const closed = await repo.closedMonthKeys(db, cooperativeId);
  const standardCount = accounts.filter((a) => a.standard).length;
  if (standardCount < STANDARD_CHART.length || units.length === 0) {
    await repo.insertStandardSetup(db, cooperativeId, units.length === 0);
    return loadChart(db, cooperativeId);
  }
  const chart: Chart = {
    accounts: new Map(accounts.map((a) => [a.code, a])),
    units: new Map(units.map((u) => [u.code, u])),
    closedMonths: new Set(closed),
    loadedAt: Date.now(),
  };
  cache.set(cooperativeId, chart);
  return chart;
}

/** The cooperative's chart, from the cache when fresh. */
export async function chartOf(db: Db, cooperativeId: string): Promise<Chart> {
  const hit = cache.get(cooperativeId);
  if (hit && Date.now() - hit.loadedAt < TTL_MS) return hit;
  return loadChart(db, cooperativeId);
}
