/**
 * Weights as the clerk types them (kg text, up to three decimals) read into exact grams for the
 * live sums on the form. The text itself is what goes to the server, which reads it the same way.
 */
import { formatKg, parseKg } from '@kopdes/shared/quantity';

/** Grams of a typed weight; null while empty or not (yet) a valid weight. */
export function gramsOf(text: string): bigint | null {
  if (!text.trim()) return null;
  try {
    return parseKg(text);
  } catch {
    return null;
  }
}

/** A whole count typed on the numeric keypad; null while empty or not a whole number. */
export function countOf(text: string): bigint | null {
  const t = text.trim();
  return /^\d{1,8}$/.test(t) ? BigInt(t) : null;
}

export const kgText = (grams: bigint) => formatKg(grams);

/** "+07:00"-free local date arithmetic on `YYYY-MM-DD`. */
export function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
