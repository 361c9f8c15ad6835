/**
 * The rules of a member's fields, shared by the API and the spreadsheet import: NIK judgement
 * against the official regencies and what was typed, names without honorifics, dates as people
 * and Excel write them, phone numbers, sex and occupation words. Pure: no database.
 */
import type { MemberSex, Occupation } from '@kopdes/shared/members';
import { checkNikAgainst, parseNik, type ParsedNik } from '@kopdes/shared/nik';
import { normalizePhoneId } from '@kopdes/shared/phone';
import { regencyExists } from '../../lib/areas.js';
import type { Msg } from '../../lib/errors.js';

export interface Issue {
  field: string;
  code: string;
  message: Msg;
}

const issue = (field: string, code: string, id: string, en: string): Issue => ({ field, code, message: { id, en } });

const regency4 = (code4: string) => regencyExists(`${code4.slice(0, 2)}.${code4.slice(2, 4)}`);

export interface NikJudgement {
  parsed: ParsedNik | null;
  /** Sex and birth date as they will be stored: typed, or taken from the NIK. */
  sex: MemberSex | null;
  birthDate: string | null;
  errors: Issue[];
}

/**
 * Judges a NIK and what was typed next to it. Missing sex or birth date are filled in from the
 * NIK; typed ones must agree with it. A birth date in the future is refused on its own too.
 * @example judgeNik('3204125708900002', { sex: 'M' }, '2025-06-15').errors[0].code // 'nik_sex_mismatch'
 */
export function judgeNik(nik: string, typed: { sex?: MemberSex | null; birthDate?: string | null }, today: string): NikJudgement {
  const errors: Issue[] = [];
  if (typed.birthDate && typed.birthDate > today) {
    errors.push(issue('birthDate', 'birth_date_future', 'Tanggal lahir tidak boleh di masa depan', 'Birth date cannot be in the future'));
  }
  const parsed = parseNik(nik, { today, regencyExists: regency4 });
  if (!parsed.ok) {
    errors.push({ field: 'nik', code: parsed.code, message: parsed.message });
    return { parsed: null, sex: typed.sex ?? null, birthDate: typed.birthDate ?? null, errors };
  }
  if (!errors.length) {
    for (const m of checkNikAgainst(parsed, { sex: typed.sex ?? undefined, birthDate: typed.birthDate ?? undefined })) {
      errors.push({ field: m.field, code: m.code, message: m.message });
    }
  }
  // The NIK holds only two year digits; a typed year that agrees with them is the better guess.
  return { parsed, sex: typed.sex ?? parsed.sex, birthDate: typed.birthDate ?? parsed.birthDate, errors };
}

// ── names ───────────────────────────────────────────────────────────────────────────────────

const PREFIX_TITLES = new Set([
  'h',
  'hj',
  'haji',
  'hajjah',
  'kh',
  'bpk',
  'bapak',
  'pak',
  'ibu',
  'bu',
  'sdr',
  'sdri',
  'sdra',
  'tn',
  'ny',
  'nn',
  'dr',
  'drs',
  'dra',
  'ir',
  'prof',
  'ust',
  'ustad',
  'ustadz',
  'ustadzah',
]);
// Academic degrees written after a name: "S.Pd", "S.P.", "A.Md", "M.Pd.I", "SE", "Lc".
const DEGREE =
  /^(?:[A-Z]\.\s?[A-Za-z]{1,4}\.?(?:\s?[A-Z][a-z]?\.?)?|S\.?(?:E|H|T|P|Ag|Pd|Kom|Sos|IP|Kep|Si)\.?|A\.?Md\.?|M\.?(?:M|Si|Pd|Ag|Kes|T)\.?|Lc\.?)$/;

/**
 * Trims, collapses spaces and takes honorifics and degrees off a name, since the registry keeps
 * the name as on the KTP. Abbreviations that are part of a name ("Moh. Rizki", "M. Yusuf") stay.
 * @example cleanName('  Hj.  Euis   Komalasari, S.Pd ') // { name: 'Euis Komalasari', removed: ['Hj.', 'S.Pd'] }
 */
export function cleanName(raw: string): { name: string; removed: string[] } {
  let s = raw.replace(/[\u00a0\s]+/g, ' ').trim();
  const removed: string[] = [];
  for (;;) {
    const m = /^([A-Za-z]{1,8})(\.\s*|\s+)(?=\S)/.exec(s);
    if (!m || !PREFIX_TITLES.has(m[1]!.toLowerCase())) break;
    // "Dr" and "Ir" can only be titles with a dot or before a longer name; "H" alone needs a dot or space.
    removed.push(m[1]! + (m[2]!.includes('.') ? '.' : ''));
    s = s.slice(m[0].length);
  }
  const parts = s.split(',');
  if (parts.length > 1) {
    const tail = parts.slice(1).map((p) => p.trim());
    if (tail.every((p) => DEGREE.test(p) || p === '')) {
      removed.push(...tail.filter(Boolean));
      s = parts[0]!.trim();
    }
  }
  const words = s.split(' ');
  while (words.length > 1 && /\./.test(words[words.length - 1]!) && DEGREE.test(words[words.length - 1]!)) removed.push(words.pop()!);
  return { name: words.join(' ').trim(), removed };
}

export function checkName(name: string): Issue[] {
  if (name.length < 2)
    return [
      issue('fullName', 'name_too_short', 'Nama lengkap wajib diisi (minimal 2 huruf)', 'Full name is required (at least 2 letters)'),
    ];
  if (/\d/.test(name))
    return [issue('fullName', 'name_digits', 'Nama lengkap tidak boleh berisi angka', 'Full name must not contain digits')];
  if (!/^[\p{L}][\p{L}\p{M} .'`’-]*$/u.test(name))
    return [
      issue(
        'fullName',
        'name_characters',
        'Nama lengkap hanya boleh berisi huruf, spasi, titik, tanda petik dan tanda hubung',
        'Full name may contain only letters, spaces, dots, apostrophes and hyphens',
      ),
    ];
  return [];
}

// ── sex ─────────────────────────────────────────────────────────────────────────────────────

const SEX_WORDS: Record<string, MemberSex> = {
  l: 'M',
  lk: 'M',
  'laki-laki': 'M',
  'laki laki': 'M',
  lakilaki: 'M',
  laki: 'M',
  pria: 'M',
  m: 'M',
  male: 'M',
  p: 'F',
  pr: 'F',
  perempuan: 'F',
  wanita: 'F',
  w: 'F',
  f: 'F',
  female: 'F',
};

/** @example parseSex('Perempuan') // 'F' */
export function parseSex(raw: string): MemberSex | undefined {
  return SEX_WORDS[raw.trim().toLowerCase().replace(/\.$/, '')];
}

// ── dates ───────────────────────────────────────────────────────────────────────────────────

const MONTH_WORDS: Record<string, number> = {
  jan: 1,
  januari: 1,
  january: 1,
  feb: 2,
  peb: 2,
  februari: 2,
  pebruari: 2,
  february: 2,
  mar: 3,
  maret: 3,
  march: 3,
  apr: 4,
  april: 4,
  mei: 5,
  may: 5,
  jun: 6,
  juni: 6,
  june: 6,
  jul: 7,
  juli: 7,
  july: 7,
  agu: 8,
  agt: 8,
  ags: 8,
  agus: 8,
  agust: 8,
  agustus: 8,
  aug: 8,
  august: 8,
  sep: 9,
  sept: 9,
  september: 9,
  okt: 10,
  oct: 10,
  oktober: 10,
  october: 10,
  nov: 11,
  nop: 11,
  november: 11,
  nopember: 11,
  des: 12,
  dec: 12,
  desember: 12,
  december: 12,
};

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function isoIfReal(y: number, m: number, d: number): string | undefined {
  if (y < 1000 || y > 9999) return undefined;
  const dt = new Date(Date.UTC(2000, m - 1, d));
  dt.setUTCFullYear(y);
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return undefined;
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
}

/** Days from 1899-12-30, Excel's (1900 system) epoch once its phantom 29 Feb 1900 is passed. */
export function excelSerialToIso(serial: number): string | undefined {
  if (!Number.isFinite(serial) || serial < 61 || serial > 2_958_465) return undefined;
  const ms = Date.UTC(1899, 11, 30) + Math.floor(serial + 1e-9) * 86_400_000;
  return new Date(ms).toISOString().slice(0, 10);
}

export type DateResult = { ok: true; date: string } | { ok: false; message: Msg };

const badDate = (raw: string): DateResult => ({
  ok: false,
  message: {
    id: `Tanggal "${raw}" tidak dikenali; tulis sebagai hari/bulan/tahun, mis. 17/08/1990`,
    en: `Date "${raw}" is not recognised; write it as day/month/year, e.g. 17/08/1990`,
  },
});

/**
 * Reads a date the way cooperatives write them: 17/08/1990, 17-8-90, 17.08.1990, 1990-08-17,
 * 17 Agustus 1990, an Excel serial (32737) or a cell that Excel already holds as a date. Day
 * comes before month; two-digit years are 20YY unless that is after `today`, then 19YY.
 * @example parseDateCell('17/08/1990', '2025-06-15') // { ok: true, date: '1990-08-17' }
 */
export function parseDateCell(value: string | number | Date, today: string): DateResult {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return badDate(String(value));
    // Spreadsheet dates arrive as UTC midnight of the written day (give or take float noise).
    return { ok: true, date: new Date(Math.round(value.getTime() / 60_000) * 60_000).toISOString().slice(0, 10) };
  }
  if (typeof value === 'number') return serialOrDigits(String(value), value, today);
  const raw = value.trim().replace(/^['‘’]/, '');
  const s = raw.replace(/\s+(?:\d{1,2}[:.]\d{2}(?:[:.]\d{2})?)$/, '').trim(); // a time after the date
  const year = (y: string) => {
    if (y.length === 4) return Number(y);
    const yy = Number(y);
    return 2000 + yy > Number(today.slice(0, 4)) ? 1900 + yy : 2000 + yy;
  };
  let m = /^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4}|\d{2})$/.exec(s);
  if (m) {
    const [d, mo] = [Number(m[1]), Number(m[2])];
    if (mo > 12 && d <= 12) {
      return {
        ok: false,
        message: {
          id: `Tanggal "${raw}": bulan ${mo} tidak ada; urutannya harus hari/bulan/tahun`,
          en: `Date "${raw}": there is no month ${mo}; the order must be day/month/year`,
        },
      };
    }
    const iso = isoIfReal(year(m[3]!), mo, d);
    return iso ? { ok: true, date: iso } : badDate(raw);
  }
  m = /^(\d{4})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})$/.exec(s);
  if (m) {
    const iso = isoIfReal(Number(m[1]), Number(m[2]), Number(m[3]));
    return iso ? { ok: true, date: iso } : badDate(raw);
  }
  m = /^(\d{1,2})[\s\-/.]+([A-Za-z]+)\.?[\s\-/.,]+(\d{4}|\d{2})$/.exec(s);
  if (m) {
    const mo = MONTH_WORDS[m[2]!.toLowerCase()];
    const iso = mo ? isoIfReal(year(m[3]!), mo, Number(m[1])) : undefined;
    return iso ? { ok: true, date: iso } : badDate(raw);
  }
  if (/^\d+(?:[.,]\d+)?$/.test(s) && !/^\d{4}$/.test(s)) return serialOrDigits(s, Number(s.replace(',', '.')), today);
  return badDate(raw);
}

function serialOrDigits(raw: string, n: number, today: string): DateResult {
  // 17081990 typed into a number cell: day, month, year without separators.
  if (/^\d{8}$/.test(raw)) {
    const iso = isoIfReal(Number(raw.slice(4)), Number(raw.slice(2, 4)), Number(raw.slice(0, 2)));
    if (iso) return { ok: true, date: iso };
  }
  const iso = excelSerialToIso(n);
  if (iso && iso >= '1910-01-01' && iso <= `${Number(today.slice(0, 4)) + 50}-12-31`) return { ok: true, date: iso };
  return badDate(raw);
}

// ── phones ──────────────────────────────────────────────────────────────────────────────────

export type PhoneCell = { ok: true; e164: string; others: string[] } | { ok: false; message: Msg };

/**
 * A phone cell: 08…, 628…, +62…, a number that lost its leading 0 in Excel (81234567890), or
 * several numbers (the first is kept).
 * @example parsePhoneCell(81234567890) // { ok: true, e164: '+6281234567890', others: [] }
 */
export function parsePhoneCell(value: string | number): PhoneCell {
  let s = typeof value === 'number' ? String(Math.trunc(value)) : value.trim().replace(/^['‘’]/, '');
  const [first, ...others] = s
    .split(/\s*(?:[/;,|]|\batau\b|\bdan\b)\s*/i)
    .map((x) => x.trim())
    .filter(Boolean);
  s = first ?? '';
  if (/^8\d{8,11}$/.test(s.replace(/[\s.-]/g, ''))) s = `0${s}`;
  const r = normalizePhoneId(s);
  return r.ok ? { ok: true, e164: r.e164, others } : { ok: false, message: r.message };
}

// ── occupations ─────────────────────────────────────────────────────────────────────────────

const OCCUPATION_WORDS: [RegExp, Occupation][] = [
  [/buruh\s*(harian\s*)?tani|\bbtl\b/, 'farm_labourer'],
  [/petani|pekebun|\btani\b|bertani|berkebun|pertanian/, 'farmer'],
  [/peternak|ternak/, 'livestock_farmer'],
  [/nelayan|pembudidaya|perikanan|ikan/, 'fisher'],
  [/pedagang|dagang|jualan|warung/, 'trader'],
  [/wiraswasta|wirausaha|pengusaha|usaha/, 'entrepreneur'],
  [/karyawan|pegawai\s*swasta|swasta/, 'private_employee'],
  [/\bpns\b|\basn\b|\btni\b|polri|pegawai\s*negeri|polisi/, 'civil_servant'],
  [/rumah\s*tangga|\birt\b/, 'homemaker'],
  [/\bguru\b|pengajar|dosen/, 'teacher'],
  [/buruh|\bbhl\b|kuli|tukang/, 'labourer'],
  [/pelajar|mahasiswa|siswa/, 'student'],
  [/pensiun|purnawirawan/, 'retired'],
];

/**
 * Maps a written occupation to its code; an unknown word is `other` with the word kept as detail.
 * @example parseOccupation('Petani/Pekebun') // { occupation: 'farmer', detail: null }
 */
export function parseOccupation(raw: string): { occupation: Occupation; detail: string | null } {
  const s = raw.trim().replace(/\s+/g, ' ');
  if (!s || /^[-–—.]+$/.test(s) || /^(lain|lainnya|lain-lain)$/i.test(s)) return { occupation: 'other', detail: null };
  const lower = s.toLowerCase();
  for (const [re, occupation] of OCCUPATION_WORDS) if (re.test(lower)) return { occupation, detail: null };
  return { occupation: 'other', detail: s.slice(0, 100) };
}
