/** Small helpers every part of the produce module shares: dates, quantities, refusals. */
import { todayIn } from '@kopdes/shared/format';
import { formatQuantity, MAX_GRAMS, type Quantity, type UnitOfMeasure } from '@kopdes/shared/produce';
import { parseKg } from '@kopdes/shared/quantity';
import type { Db } from '../../db/client.js';
import { AppError, invalidField, type FieldError, type Msg } from '../../lib/errors.js';
import { getCooperative } from '../cooperatives/cooperatives.service.js';

/** The ledger unit this module posts to. */
export const UNIT = 'agribisnis';

const zones = new Map<string, { tz: string; at: number }>();

/** The cooperative's time zone, remembered for a minute: the intake path asks on every call. */
export async function zoneOf(db: Db, cooperativeId: string): Promise<string> {
  const hit = zones.get(cooperativeId);
  if (hit && Date.now() - hit.at < 60_000) return hit.tz;
  const coop = await getCooperative(db, cooperativeId);
  zones.set(cooperativeId, { tz: coop.timeZone, at: Date.now() });
  return coop.timeZone;
}

export async function todayOf(db: Db, cooperativeId: string): Promise<string> {
  return todayIn(await zoneOf(db, cooperativeId));
}

export const qty = (base: bigint, unit: UnitOfMeasure): Quantity => ({ base: base.toString(), text: formatQuantity(base, unit) });

/** Days from `a` to `b` (both YYYY-MM-DD). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

export function addDays(d: string, n: number): string {
  return new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/** Monday of the ISO week holding `d`. */
export function weekStart(d: string): string {
  const day = new Date(`${d}T00:00:00Z`).getUTCDay() || 7;
  return addDays(d, 1 - day);
}

export const field = (f: string, code: string, message: Msg): FieldError => ({ field: f, code, message });

/** One refusal carrying every field problem found. */
export function refuse(fields: FieldError[], kind: 'validation' | 'unprocessable' = 'validation'): AppError {
  const first = fields[0]!;
  const same = fields.every((f) => f.code === first.code);
  return new AppError(
    kind,
    same ? first.code : 'invalid_input',
    fields.length === 1 ? first.message : { id: 'Data ditolak: periksa kolom yang ditandai', en: 'Refused: see the marked fields' },
    fields,
  );
}

/** An id in the request body that names nothing usable (unknown, inactive, another cooperative's). */
export const unusable = (f: string, code: string, message: Msg) => refuse([field(f, code, message)], 'unprocessable');

/**
 * A quantity from the request in the commodity's base unit: `kg` text for kg commodities (to
 * grams, exactly), `count` for counted ones. Exactly one of them, and more than zero.
 */
export function readQuantity(
  at: string,
  unit: UnitOfMeasure,
  v: { kg?: string; count?: number },
  opts: { kgKey?: string; countKey?: string; allowZero?: boolean } = {},
): bigint {
  const kgKey = opts.kgKey ?? 'kg';
  const countKey = opts.countKey ?? 'count';
  const path = (k: string) => (at ? `${at}.${k}` : k);
  if (unit === 'kg') {
    if (v.count !== undefined && v.kg === undefined) {
      throw invalidField(path(kgKey), 'weight_required', {
        id: 'Komoditas ini dihitung dalam kg: isi beratnya, bukan jumlah buah',
        en: 'This commodity is weighed in kg: give a weight, not a count',
      });
    }
    if (v.kg === undefined) throw invalidField(path(kgKey), 'required', { id: 'Berat (kg) wajib diisi', en: 'Weight (kg) is required' });
    let g: bigint;
    try {
      g = parseKg(v.kg);
    } catch {
      throw invalidField(path(kgKey), 'invalid_weight', {
        id: 'Berat harus angka kg, paling banyak 3 desimal',
        en: 'Weight must be kg with at most 3 decimals',
      });
    }
    if (g <= 0n && !opts.allowZero)
      throw invalidField(path(kgKey), 'not_positive', { id: 'Berat harus lebih dari 0 kg', en: 'Weight must be more than 0 kg' });
    if (g > MAX_GRAMS) throw invalidField(path(kgKey), 'too_large', { id: 'Berat lebih dari 100 ton', en: 'Weight over 100 tonnes' });
    return g;
  }
  if (v.count === undefined) {
    throw invalidField(path(countKey), 'count_required', {
      id: 'Komoditas ini dihitung per buah/ikat: isi jumlahnya',
      en: 'This commodity is counted: give the number of pieces or bunches',
    });
  }
  if (v.count <= 0 && !opts.allowZero)
    throw invalidField(path(countKey), 'not_positive', { id: 'Jumlah harus lebih dari 0', en: 'Count must be more than 0' });
  return BigInt(v.count);
}

/** The constraint name of a check or unique violation, through drizzle's wrapping. */
export function pgConstraintOf(e: unknown): string | undefined {
  for (let cur = e as { code?: unknown; constraint?: string; cause?: unknown } | undefined, i = 0; cur && i < 4; i++) {
    if (cur.code === '23505' || cur.code === '23514') return cur.constraint;
    cur = cur.cause as typeof cur;
  }
  return undefined;
}
