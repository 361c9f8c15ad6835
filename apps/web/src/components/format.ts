/**
 * Dates for people in the interface's language, always in the cooperative's own zone. Bahasa
 * Indonesia uses the shared formatters (17 November 2025, 14.05 WIB); English keeps the same
 * day-month-year order with English month names.
 */
import { formatDateId, formatDateTimeId, zoneLabel } from '@kopdes/shared/format';
import type { Lang } from '../i18n/index.js';

const enDate = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** A business date `YYYY-MM-DD`. @example formatDate('2025-11-17', 'id') // '17 November 2025' */
export function formatDate(isoDate: string, lang: Lang): string {
  if (lang === 'id') return formatDateId(isoDate);
  formatDateId(isoDate); // same validation in both languages
  return enDate.format(new Date(`${isoDate}T00:00:00Z`));
}

const enDateTime = new Map<string, Intl.DateTimeFormat>();

/** An instant in a zone. @example formatDateTime('2025-11-17T07:05:00Z', 'Asia/Jakarta', 'id') // '17 November 2025 14.05 WIB' */
export function formatDateTime(instant: string | Date, timeZone: string, lang: Lang): string {
  if (lang === 'id') return formatDateTimeId(instant, timeZone);
  let f = enDateTime.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    enDateTime.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(new Date(instant)).map((x) => [x.type, x.value]));
  return `${p.day} ${p.month} ${p.year} ${p.hour}:${p.minute} ${zoneLabel(timeZone)}`;
}

/** The weekday of a business date. @example weekdayOf('2025-11-17', 'id') // 'Senin' */
export function weekdayOf(isoDate: string, lang: Lang): string {
  return new Intl.DateTimeFormat(lang === 'id' ? 'id-ID' : 'en-GB', { weekday: 'long', timeZone: 'UTC' }).format(
    new Date(`${isoDate}T00:00:00Z`),
  );
}

/** The hour (0–23) now in a zone, for the greeting. */
export function hourIn(timeZone: string, now = new Date()): number {
  const h = new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', hourCycle: 'h23' }).format(now);
  return Number(h);
}

/**
 * The UTC offset of a zone at an instant, as `+07:00`, for turning a local day into instants.
 * @example zoneOffset('Asia/Makassar') // '+08:00'
 */
export function zoneOffset(timeZone: string, at = new Date()): string {
  const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName')?.value;
  const m = /GMT([+-]\d{2}:\d{2})/.exec(name ?? '');
  return m ? m[1]! : '+00:00';
}
