// Dates for people: Indonesian month names, and each cooperative's own time zone.

export const TIME_ZONES = ['Asia/Jakarta', 'Asia/Pontianak', 'Asia/Makassar', 'Asia/Jayapura'] as const;
export type TimeZone = (typeof TIME_ZONES)[number];

const MONTHS = [
  'Januari',
  'Februari',
  'Maret',
  'April',
  'Mei',
  'Juni',
  'Juli',
  'Agustus',
  'September',
  'Oktober',
  'November',
  'Desember',
] as const;

const LABELS: Record<TimeZone, string> = {
  'Asia/Jakarta': 'WIB',
  'Asia/Pontianak': 'WIB',
  'Asia/Makassar': 'WITA',
  'Asia/Jayapura': 'WIT',
};

/**
 * The Indonesian label of a zone; any other IANA zone is shown by its name.
 * @example zoneLabel('Asia/Makassar') // 'WITA'
 */
export function zoneLabel(tz: string): string {
  return (LABELS as Record<string, string | undefined>)[tz] ?? tz;
}

/**
 * @example formatDateId('2025-11-17') // '17 November 2025'
 */
export function formatDateId(isoDate: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  const [y, mo, d] = m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [0, 0, 0];
  const check = new Date(0);
  check.setUTCFullYear(y, mo - 1, d); // Date.UTC would map years 0-99 to 19xx
  if (!m || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) {
    throw new RangeError(`not a date: ${JSON.stringify(isoDate)}`);
  }
  return `${d} ${MONTHS[mo - 1]} ${m[1]}`;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Calendar fields of an instant as seen in a zone; Intl does the offsets (and any DST). */
function partsIn(instant: Date, timeZone: string) {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      hourCycle: 'h23', // plain hour12:false prints midnight as 24 in some engines
    });
    formatters.set(timeZone, f);
  }
  if (Number.isNaN(instant.getTime())) throw new RangeError('invalid date');
  const p = Object.fromEntries(f.formatToParts(instant).map((x) => [x.type, x.value]));
  return { y: Number(p.year), mo: Number(p.month), d: Number(p.day), h: Number(p.hour), mi: Number(p.minute) };
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/**
 * @example formatDateTimeId('2025-11-17T07:05:00Z', 'Asia/Jakarta') // '17 November 2025 14.05 WIB'
 */
export function formatDateTimeId(instant: Date | string, timeZone: string): string {
  const { y, mo, d, h, mi } = partsIn(new Date(instant), timeZone);
  return `${d} ${MONTHS[mo - 1]} ${y} ${pad2(h)}.${pad2(mi)} ${zoneLabel(timeZone)}`;
}

/**
 * The business date (YYYY-MM-DD) in a zone at `now`.
 * @example todayIn('Asia/Jayapura', new Date('2025-11-17T16:00:00Z')) // '2025-11-18'
 */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  const { y, mo, d } = partsIn(now, timeZone);
  return `${String(y).padStart(4, '0')}-${pad2(mo)}-${pad2(d)}`;
}
