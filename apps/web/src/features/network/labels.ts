/** Labels and number formats of the network pages, in the interface's language. */
import { formatNumberId } from '@kopdes/shared/money';
import { formatKg } from '@kopdes/shared/quantity';
import type { ParticipantStatus, PartnershipStage } from '@kopdes/shared/network';
import { currentLang } from '../../i18n/index.js';

type Label = { id: string; en: string };

/** `labelOf(PARTNERSHIP_STAGE_LABELS, 'in_talks')` → "Dalam pembicaraan" */
export const labelOf = <K extends string>(map: Record<K, Label>, key: K) => map[key][currentLang()];

/** A server message given in both languages (governance rules and findings). */
export const bilingual = (l: Label) => l[currentLang()];

/** `12.345` — counts grouped the Indonesian way in both languages, like Rupiah. */
export const count = (n: number | bigint | string) => formatNumberId(BigInt(n));

/** One decimal for averages: `3,7`. */
export const decimal = (n: number) => n.toLocaleString(currentLang() === 'id' ? 'id-ID' : 'en-GB', { maximumFractionDigits: 1 });

/** `12,3` from a value in tenths: the decimal comma in Bahasa Indonesia, a point in English. */
const tenths = (t: bigint) => {
  const sep = currentLang() === 'id' ? ',' : '.';
  const whole = currentLang() === 'id' ? formatNumberId(t / 10n) : (t / 10n).toLocaleString('en-GB');
  return t % 10n ? `${whole}${sep}${t % 10n}` : whole;
};

/** Grams as whole kg below a tonne, else tonnes to one decimal (national sums run to thousands of tonnes). */
export function weight(grams: string | bigint): string {
  const g = BigInt(grams);
  if (g >= 1_000_000n) return `${tenths((g + 50_000n) / 100_000n)} ton`;
  return formatKg((g / 1000n) * 1000n);
}

/** Rupiah in words of scale for a figure tile: `Rp 2,6 miliar` (the exact amount goes beside it). */
export function compactRupiah(amount: string | bigint): string {
  const a = BigInt(amount);
  const scales: [bigint, string, string][] = [
    [1_000_000_000_000n, 'triliun', 'trillion'],
    [1_000_000_000n, 'miliar', 'billion'],
    [1_000_000n, 'juta', 'million'],
  ];
  for (const [unit, id, en] of scales)
    if (a >= unit) return `Rp ${tenths((a * 10n + unit / 2n) / unit)} ${currentLang() === 'id' ? id : en}`;
  return `Rp ${formatNumberId(a)}`;
}

/** Share as a whole percent; `—` when there is nothing to share. */
export const percent = (part: number, whole: number) => (whole ? `${Math.round((part * 100) / whole)}%` : '—');

export const STAGE_COLORS: Record<PartnershipStage, string> = {
  proposed: 'gray',
  in_talks: 'yellow',
  agreed: 'blue',
  active: 'green',
  ended: 'dark',
};

export const STATUS_COLORS: Record<ParticipantStatus, string> = {
  nominated: 'gray',
  accepted: 'blue',
  attending: 'yellow',
  completed: 'green',
  rejected: 'red',
  withdrawn: 'dark',
};

export const ITEM_STATUS_COLORS: Record<string, string> = {
  achieved: 'green',
  on_track: 'blue',
  behind: 'yellow',
  overdue: 'red',
  not_reported: 'gray',
};

/** A value in its measure's unit, as typed or shown: kg, a count, or whole Rupiah. */
export function measured(unit: 'kg' | 'count' | 'rupiah', value: string): string {
  if (unit === 'rupiah') return `Rp ${formatNumberId(BigInt(value))}`;
  if (unit === 'kg') return `${formatNumberId(BigInt(value))} kg`;
  return formatNumberId(BigInt(value));
}

/** Months for a picker, newest first: `2026-11` … twelve back. */
export function monthOptions(latest: string, n = 12): string[] {
  const [y, m] = latest.split('-').map(Number) as [number, number];
  return Array.from({ length: n }, (_, i) => {
    const d = new Date(Date.UTC(y, m - 1 - i, 1));
    return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
  });
}

/** `2026-11` → "November 2026" (or "Nov 2026" short). */
export function monthName(month: string, short = false): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Intl.DateTimeFormat(currentLang() === 'id' ? 'id-ID' : 'en-GB', {
    month: short ? 'short' : 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(y, m - 1, 1)));
}
