/**
 * Quantities in a buyer's units. A line priced per pack counts packs of its pack format; a line
 * priced per unit counts the commodity's own unit (grams for kg commodities, else pieces/bunches).
 * Stock moves in base units: packs × the format's content, or the quantity itself.
 */
import { formatNumberId } from '@kopdes/shared/money';
import type { OrderQty, PriceBasis } from '@kopdes/shared/market';
import { formatQuantity, type UnitOfMeasure } from '@kopdes/shared/produce';
import { amountForGrams, parseKg } from '@kopdes/shared/quantity';
import { invalidField } from '../../lib/errors.js';

/** Largest order quantity: a million packs or pieces, or 100 tonnes. */
const MAX_COUNT = 1_000_000n;
const MAX_GRAMS = 100_000_000n;

export type OrderUnit = 'pack' | UnitOfMeasure;
export const orderUnitOf = (basis: PriceBasis, unit: UnitOfMeasure): OrderUnit => (basis === 'pack' ? 'pack' : unit);

/** Reads a quantity typed in the order's units; a refusal names `at`. */
export function parseOrderQuantity(at: string, text: string, unit: OrderUnit, opts: { allowZero?: boolean } = {}): bigint {
  let v: bigint;
  if (unit === 'kg') {
    try {
      v = parseKg(text);
    } catch {
      throw invalidField(at, 'invalid_quantity', {
        id: `Jumlah "${text}" harus angka kg, paling banyak 3 desimal (mis. 12,5)`,
        en: `Quantity "${text}" must be kg with at most 3 decimals (e.g. 12.5)`,
      });
    }
    if (v > MAX_GRAMS) throw invalidField(at, 'too_large', { id: 'Jumlah lebih dari 100 ton', en: 'Quantity over 100 tonnes' });
  } else {
    const t = text.trim().replace(/\./g, '');
    if (!/^\d{1,9}$/.test(t)) {
      const what = unit === 'pack' ? { id: 'pak', en: 'packs' } : { id: 'buah/ikat', en: 'pieces' };
      throw invalidField(at, 'invalid_quantity', {
        id: `Jumlah "${text}" harus bilangan bulat (${what.id})`,
        en: `Quantity "${text}" must be a whole number of ${what.en}`,
      });
    }
    v = BigInt(t);
    if (v > MAX_COUNT) throw invalidField(at, 'too_large', { id: 'Jumlah lebih dari satu juta', en: 'Quantity over one million' });
  }
  if (v === 0n && !opts.allowZero)
    throw invalidField(at, 'not_positive', { id: 'Jumlah harus lebih dari 0', en: 'Quantity must be more than 0' });
  return v;
}

export function formatOrderQuantity(v: bigint, unit: OrderUnit): string {
  return unit === 'pack' ? `${formatNumberId(v)} pak` : formatQuantity(v, unit);
}

export const oq = (v: bigint, unit: OrderUnit): OrderQty => ({ value: v.toString(), text: formatOrderQuantity(v, unit) });

/** Base units (grams or pieces) for a quantity in order units. */
export const baseOf = (v: bigint, basis: PriceBasis, packContent: bigint | null) => (basis === 'pack' ? v * packContent! : v);

/** Order units held in `base` units of stock (whole packs only). */
export const orderUnitsIn = (base: bigint, basis: PriceBasis, packContent: bigint | null) =>
  basis === 'pack' ? base / packContent! : base;

/** The amount of a line: packs or pieces × price, or grams × price per kg rounded half-up. */
export function lineAmount(quantity: bigint, unit: OrderUnit, price: bigint): bigint {
  return unit === 'kg' ? amountForGrams(quantity, price) : quantity * price;
}

/** "per pak", "per kg", "per ikat". */
export function priceUnitLabel(unit: OrderUnit): string {
  return unit === 'pack' ? 'pak' : unit === 'kg' ? 'kg' : unit === 'bunch' ? 'ikat' : 'buah';
}
