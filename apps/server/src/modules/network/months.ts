/** Calendar arithmetic on business dates (`YYYY-MM-DD`) and months (`YYYY-MM-01`), free of time zones. */

const pad = (n: number) => String(n).padStart(2, '0');

/** @example monthOf('2025-11-22') // '2025-11-01' */
export const monthOf = (date: string) => `${date.slice(0, 7)}-01`;

/** @example monthLabel('2025-11-01') // '2025-11' */
export const monthLabel = (month: string) => month.slice(0, 7);

/** @example addMonths('2025-11-30', 3) // '2026-02-28' (the day is clamped to the month's length) */
export function addMonths(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + n;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return `${String(ny).padStart(4, '0')}-${pad(nm)}-${pad(Math.min(d, last))}`;
}

/** @example addDays('2025-11-30', 1) // '2025-12-01' */
export function addDays(date: string, n: number): string {
  const t = new Date(`${date}T00:00:00Z`).getTime() + n * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** @example monthEnd('2026-02-01') // '2026-02-28' */
export const monthEnd = (month: string) => addDays(addMonths(monthOf(month), 1), -1);

/** Every month from `from` to `to` inclusive. @example monthsBetween('2025-11-01', '2026-01-01').length // 3 */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = monthOf(from); m <= monthOf(to); m = addMonths(m, 1)) out.push(m);
  return out;
}

/** @example daysBetween('2025-11-15', '2025-11-22') // 7 */
export const daysBetween = (a: string, b: string) =>
  Math.round((new Date(`${b}T00:00:00Z`).getTime() - new Date(`${a}T00:00:00Z`).getTime()) / 86_400_000);
