/** Small pieces of text the market pages share: item names, warnings in the chosen language, quantities. */
import { GRADE_LABELS, type Grade } from '@kopdes/shared/produce';
import { formatNumberId } from '@kopdes/shared/money';
import { formatKg, parseKg } from '@kopdes/shared/quantity';
import { currentLang } from '../../i18n/index.js';

type Bilingual = { id: string; en: string };

/** The server's bilingual message in the interface's language. */
export const say = (m: Bilingual) => m[currentLang()];

/** "Tomat · Grade A · Tray 250 g" or "Tomat · Grade B · curah". */
export function itemLabel(commodityName: string, grade: Grade, packFormatName: string | null, loose: string) {
  return `${commodityName} · ${GRADE_LABELS[grade][currentLang()]} · ${packFormatName ?? loose}`;
}

/** "80 pak" → "80", "1.234,5 kg" → "1.234,5": the number of a quantity text, to prefill an input. */
export const numberOf = (text: string) => text.replace(/\s+\D+$/, '');

/** The unit word of a quantity text ("pak", "kg", "ikat", "buah"). */
export const unitOf = (text: string) => /\s(\D+)$/.exec(text)?.[1] ?? '';

/**
 * A quantity typed in the unit of `like` (a text the server sent, e.g. "12,5 kg") as an exact
 * integer: grams for kg, else whole packs or pieces. Null when it is not a valid number.
 */
export function parseQty(typed: string, like: string): bigint | null {
  const t = typed.trim();
  if (!t) return null;
  if (unitOf(like) === 'kg') {
    try {
      return parseKg(t);
    } catch {
      return null;
    }
  }
  const whole = t.replace(/\./g, '');
  return /^\d{1,9}$/.test(whole) ? BigInt(whole) : null;
}

/** The inverse of parseQty: grams as "12,5", counts as "1.250". */
export function qtyText(v: bigint, like: string): string {
  return unitOf(like) === 'kg' ? formatKg(v).replace(/ kg$/, '') : formatNumberId(v);
}
