/** Week arithmetic on business dates (YYYY-MM-DD, no time zone: a date is a date). */

const DAY_MS = 86_400_000;

const toUtc = (isoDate: string) => {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d);
};
const fromUtc = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** 1 = Monday … 7 = Sunday. */
export const isoWeekday = (isoDate: string) => ((new Date(toUtc(isoDate)).getUTCDay() + 6) % 7) + 1;

/** The Monday of the week the date falls in. @example mondayOf('2025-11-20') // '2025-11-17' */
export const mondayOf = (isoDate: string) => fromUtc(toUtc(isoDate) - (isoWeekday(isoDate) - 1) * DAY_MS);

export const addWeeks = (isoDate: string, weeks: number) => fromUtc(toUtc(isoDate) + weeks * 7 * DAY_MS);

/** Whole weeks from `from` to `to` (both taken as their weeks' Mondays). */
export const weeksBetween = (from: string, to: string) => Math.round((toUtc(mondayOf(to)) - toUtc(mondayOf(from))) / (7 * DAY_MS));

/** ISO 8601 week number (1–53). @example isoWeekOf('2026-01-01') // 1 */
export function isoWeekOf(isoDate: string): number {
  const t = new Date(toUtc(isoDate));
  const thursday = new Date(t.getTime() + (4 - isoWeekday(isoDate)) * DAY_MS);
  const yearStart = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  return Math.floor((thursday.getTime() - yearStart) / DAY_MS / 7) + 1;
}
