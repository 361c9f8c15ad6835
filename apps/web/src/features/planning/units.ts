/**
 * Grams, kilograms and season weeks as the planning pages show them. The API counts integer grams
 * as decimal strings and weeks from 0; people read whole kilograms and weeks from 1.
 */
import { formatNumberId } from '@kopdes/shared/money';
import { parseKg } from '@kopdes/shared/quantity';
import type { Lang } from '../../i18n/index.js';

export const toGrams = (g: string | number | bigint | null | undefined): bigint =>
  g === null || g === undefined ? 0n : typeof g === 'bigint' ? g : BigInt(typeof g === 'number' ? Math.round(g) : g);

/** Whole kilograms, rounded half up, Indonesian grouping: `1.235 kg`. */
export function kg(grams: string | number | bigint | null | undefined, unit = true): string {
  const g = toGrams(grams);
  const neg = g < 0n;
  const a = neg ? -g : g;
  const whole = (a + 500n) / 1000n;
  const text = `${neg && whole > 0n ? '-' : ''}${formatNumberId(whole)}`;
  return unit ? `${text} kg` : text;
}

/** Tonnes with one decimal above 10 t, else kilograms: short labels for chart axes. */
export function kgShort(grams: number): string {
  if (grams >= 10_000_000) return `${formatNumberId(BigInt(Math.round(grams / 1_000_000)))} t`;
  if (grams >= 1_000_000) return `${(grams / 1_000_000).toFixed(1).replace('.', ',')} t`;
  return `${formatNumberId(BigInt(Math.round(grams / 1000)))} kg`;
}

/** Grams as the kg a person would type back: `12500` → `12,5`, `-3000` → `-3`. */
export function kgInput(grams: string | bigint): string {
  const g = toGrams(grams);
  const a = g < 0n ? -g : g;
  const frac = (a % 1000n).toString().padStart(3, '0').replace(/0+$/, '');
  return `${g < 0n ? '-' : ''}${a / 1000n}${frac ? `,${frac}` : ''}`;
}

/** Typed kg (may start with a minus) as grams; null when it is not a quantity. */
export function parseSignedKg(text: string): bigint | null {
  const t = text.trim();
  if (!t) return 0n;
  const neg = t.startsWith('-');
  try {
    const g = parseKg(neg ? t.slice(1) : t);
    return neg ? -g : g;
  } catch {
    return null;
  }
}

/** The demand the planner plans for: (contract + history + adjustment) × (1 + margin), half up, never below 0. */
export function forecast(contract: bigint, history: bigint, adjustment: bigint, marginPct: number): bigint {
  const b = contract + history + adjustment;
  if (b <= 0n) return 0n;
  const num = b * BigInt(100 + marginPct);
  return (num + 50n) / 100n;
}

/** A percentage with a comma for Bahasa Indonesia: `1,2%`. */
export function pct(value: number, lang: Lang, digits = 1): string {
  const s = value.toFixed(digits);
  return `${lang === 'id' ? s.replace('.', ',') : s}%`;
}

const shortDates = new Map<Lang, Intl.DateTimeFormat>();
/** `23 Nov` in either language. */
export function shortDate(isoDate: string, lang: Lang): string {
  let f = shortDates.get(lang);
  if (!f) {
    f = new Intl.DateTimeFormat(lang === 'id' ? 'id-ID' : 'en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
    shortDates.set(lang, f);
  }
  return f.format(new Date(`${isoDate}T00:00:00Z`));
}

/** The season week that holds `today` (may be before 0 or past the end). */
export function weekOf(startDate: string, today: string): number {
  const ms = Date.parse(`${today}T00:00:00Z`) - Date.parse(`${startDate}T00:00:00Z`);
  return Math.floor(ms / (7 * 86_400_000));
}

export const addWeeks = (isoDate: string, weeks: number) =>
  new Date(Date.parse(`${isoDate}T00:00:00Z`) + weeks * 7 * 86_400_000).toISOString().slice(0, 10);

/** Colours for commodities, in the order of the crop list, so a crop keeps its colour on every chart. */
const PALETTE = ['teal', 'orange', 'grape', 'blue', 'lime', 'pink', 'cyan', 'yellow', 'indigo', 'green', 'red', 'violet'] as const;

export function colourOf(code: string, order: readonly string[]): string {
  const i = order.indexOf(code);
  return PALETTE[(i < 0 ? [...code].reduce((s, c) => s + c.charCodeAt(0), 0) : i) % PALETTE.length]!;
}

export const mantineVar = (colour: string, shade: number) => `var(--mantine-color-${colour}-${shade})`;
