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

/** A whole number as people write it, with or without thousands dots: "1.250" or "1250"; null otherwise. */
export function wholeOf(text: string): number | null {
  const t = text.trim().replace(/\s/g, '');
  if (!/^-?(\d{1,3}(\.\d{3})+|\d{1,9})$/.test(t)) return null;
  return Number(t.replace(/\./g, ''));
}

/** A decimal with a comma or a point ("-6,9175"), as for coordinates; null when empty or not a number. */
export function decimalOf(text: string): number | null {
  const t = text.trim().replace(',', '.');
  return /^-?\d{1,3}(\.\d{1,8})?$/.test(t) ? Number(t) : null;
}
