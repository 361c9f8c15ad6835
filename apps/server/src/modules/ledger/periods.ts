const MONTHS = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];

/**
 * A month as a treasurer names it.
 * @example monthLabel('2025-08') // 'Agustus 2025'
 */
export function monthLabel(month: string): string {
  const m = /^(\d{4})-(\d{2})/.exec(month);
  if (!m) return month;
  return `${MONTHS[Number(m[2]) - 1] ?? m[2]} ${m[1]}`;
}

/** '2025-08' → '2025-08-01' */
export const monthStart = (month: string) => `${month.slice(0, 7)}-01`;

/** The last day of a month: '2025-02' → '2025-02-28'. */
export function monthEnd(month: string): string {
  const y = Number(month.slice(0, 4));
  const mo = Number(month.slice(5, 7));
  const last = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return `${month.slice(0, 7)}-${String(last).padStart(2, '0')}`;
}

/** The day before a date: '2025-03-01' → '2025-02-28'. */
export function dayBefore(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}
