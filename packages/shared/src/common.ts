import { z } from 'zod';

/**
 * A validation message in both languages, carried through Zod's `message` as JSON and read back
 * by the server's error mapper. @example z.string().regex(/x/, bi('Harus x', 'Must be x'))
 */
export const bi = (id: string, en: string) => ({ message: JSON.stringify({ id, en }) });

/** Ids are prefixed ULIDs; a malformed one is refused before it reaches the database. */
export const idOf = (prefix: string) =>
  z.string().regex(new RegExp(`^${prefix}_[0-9A-HJKMNP-TV-Z]{26}$`), bi(`Id ${prefix} tidak valid`, `Not a valid ${prefix} id`));

/** Whole Rupiah as a decimal string in JSON ("1250000"): exact, and safe past 2^53. */
export const rupiahString = z.string().regex(/^-?\d{1,15}$/, bi('Jumlah harus angka bulat rupiah', 'Amount must be whole rupiah digits'));

const isCalendarDate = (s: string) => {
  const [y, m, d] = s.split('-').map(Number) as [number, number, number];
  const check = new Date(0);
  check.setUTCFullYear(y, m - 1, d);
  return y >= 1 && check.getUTCMonth() === m - 1 && check.getUTCDate() === d;
};

/** A real calendar date: 2025-02-30 or year 0000 is refused here rather than by PostgreSQL. */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { ...bi('Tanggal harus berformat YYYY-MM-DD', 'Date must be YYYY-MM-DD'), abort: true })
  .refine(isCalendarDate, bi('Tanggal tidak ada di kalender', 'Not a real calendar date'));

/** An instant with its offset (`2025-11-17T07:05:00+07:00`), from year 0001 on as PostgreSQL needs. */
export const isoInstant = z.iso
  .datetime({ offset: true })
  .refine((s) => new Date(s).getUTCFullYear() >= 1, bi('Tahun harus 0001 atau sesudahnya', 'The year must be 0001 or later'));

export const cursorQuery = z.strictObject({
  cursor: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  code: z.string(),
  detail: z.string().optional(),
  errors: z.array(z.object({ field: z.string(), code: z.string(), message: z.string() })).optional(),
  requestId: z.string().optional(),
});

export const page = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });
