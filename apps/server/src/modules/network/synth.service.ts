/**
 * The synthetic network: up to one cooperative per real village (desa/kelurahan) that has none,
 * with registry profiles and months of roll-ups, for the national benchmark and a demo at national
 * scale. Every row is marked synthetic and `removeSynthetic` takes them all away again.
 */
import { BUSINESS_UNITS, FORMATION_MODELS } from '@kopdes/shared/network';
import type { Db } from '../../db/client.js';
import { invalidField } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { allVillages, isKelurahan, provinceOf, timeZoneOfProvince } from './areas.js';
import { addDays, addMonths, monthOf, monthsBetween } from './months.js';
import { rebuildAreas } from './rollups.service.js';
import * as repo from './synth.repository.js';

/** A small seeded generator (mulberry32): the same seed gives the same network. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SynthOptions {
  cooperatives: number;
  months: number;
  seed?: number;
  today: string;
  /** Rows per INSERT statement. */
  chunk?: number;
  log?: (line: string) => void;
}

export interface SynthResult {
  created: number;
  synthetic: number;
  months: string[];
  monthlyRows: number;
  seconds: { cooperatives: number; rollups: number; areas: number };
}

/** Villages without a cooperative, in a seeded shuffle. */
function pickVillages(free: { code: string; name: string }[], n: number, next: () => number) {
  const out = free.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out.slice(0, n);
}

export async function synthesize(db: Db, o: SynthOptions): Promise<SynthResult> {
  if (!Number.isInteger(o.cooperatives) || o.cooperatives < 1 || o.cooperatives > 90_000)
    throw invalidField('cooperatives', 'out_of_range', { id: 'Jumlah koperasi 1–90.000', en: 'Cooperatives must be 1–90,000' });
  if (!Number.isInteger(o.months) || o.months < 1 || o.months > 36)
    throw invalidField('months', 'out_of_range', { id: 'Jumlah bulan 1–36', en: 'Months must be 1–36' });
  const log = o.log ?? (() => undefined);
  const next = random(o.seed ?? 2025);
  const chunk = o.chunk ?? 10_000;
  const t0 = performance.now();
  const occupied = await repo.occupiedVillages(db);
  const free = allVillages().filter((v) => !occupied.has(v.code));
  const existing = await repo.syntheticCount(db);
  const wanted = Math.max(0, o.cooperatives - existing);
  const chosen = pickVillages(free, wanted, next);
  if (chosen.length < wanted) log(`only ${chosen.length} villages without a cooperative are left`);
  const last = monthOf(o.today);
  const months = monthsBetween(addMonths(last, -(o.months - 1)), last);
  // Most KDMP got their legal entity between May and October 2025; some later.
  const formedFrom = '2025-05-01';
  const formedDays = 365 - 60;
  for (let i = 0; i < chosen.length; i += chunk) {
    const rows = chosen.slice(i, i + chunk).map((v) => {
      const r = next();
      const legalEntityDate = addDays(formedFrom, Math.floor((r < 0.9 ? (r / 0.9) * 0.5 : 0.5 + (r - 0.9) * 5) * formedDays));
      const units = BUSINESS_UNITS.filter((_, k) => k < 2 || next() < 0.35);
      return {
        id: newId('kop'),
        name: `${isKelurahan(v.code) ? 'KKMP' : 'KDMP'} ${v.name}`.slice(0, 200),
        villageCode: v.code,
        timeZone: timeZoneOfProvince(provinceOf(v.code)),
        legalEntityNumber: `AHU-${String(Math.floor(next() * 9_999_999)).padStart(7, '0')}.AH.01.29.TAHUN ${legalEntityDate.slice(0, 4)}`,
        legalEntityDate,
        formationModel: FORMATION_MODELS[next() < 0.8 ? 0 : next() < 0.6 ? 1 : 2]!,
        nib: String(1_000_000_000_000 + Math.floor(next() * 8_999_999_999_999)),
        units: units.join(','),
      };
    });
    await db.transaction((tx) => repo.insertCooperatives(tx, rows));
    log(`cooperatives: ${Math.min(i + chunk, chosen.length)} / ${chosen.length}`);
  }
  const t1 = performance.now();
  await db.transaction((tx) => repo.generateMonths(tx, months));
  const t2 = performance.now();
  log(`roll-ups: ${months.length} months`);
  await rebuildAreas(db, months);
  await repo.analyze(db);
  const t3 = performance.now();
  const synthetic = await repo.syntheticCount(db);
  return {
    created: chosen.length,
    synthetic,
    months: months.map((m) => m.slice(0, 7)),
    monthlyRows: synthetic * months.length,
    seconds: { cooperatives: Math.round(t1 - t0) / 1000, rollups: Math.round(t2 - t1) / 1000, areas: Math.round(t3 - t2) / 1000 },
  };
}

/** Remove every synthetic cooperative and rebuild the area sums without them. */
export async function removeSynthetic(db: Db): Promise<{ removed: number }> {
  const removed = await db.transaction((tx) => repo.removeSynthetic(tx));
  await rebuildAreas(db, await repo.storedMonths(db));
  return { removed };
}
