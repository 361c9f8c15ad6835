import { formatDateId } from './format.js';

// NIK layout: PP RR DD DDMMYY SSSS — area of first registration, birth date (+40 on the day for
// women), serial. A valid NIK therefore tells province, birth date and sex; we check them.

/** The 38 current province codes (first two NIK digits). */
export const PROVINCE_CODES: Readonly<Record<string, string>> = {
  '11': 'Aceh',
  '12': 'Sumatera Utara',
  '13': 'Sumatera Barat',
  '14': 'Riau',
  '15': 'Jambi',
  '16': 'Sumatera Selatan',
  '17': 'Bengkulu',
  '18': 'Lampung',
  '19': 'Kepulauan Bangka Belitung',
  '21': 'Kepulauan Riau',
  '31': 'DKI Jakarta',
  '32': 'Jawa Barat',
  '33': 'Jawa Tengah',
  '34': 'DI Yogyakarta',
  '35': 'Jawa Timur',
  '36': 'Banten',
  '51': 'Bali',
  '52': 'Nusa Tenggara Barat',
  '53': 'Nusa Tenggara Timur',
  '61': 'Kalimantan Barat',
  '62': 'Kalimantan Tengah',
  '63': 'Kalimantan Selatan',
  '64': 'Kalimantan Timur',
  '65': 'Kalimantan Utara',
  '71': 'Sulawesi Utara',
  '72': 'Sulawesi Tengah',
  '73': 'Sulawesi Selatan',
  '74': 'Sulawesi Tenggara',
  '75': 'Gorontalo',
  '76': 'Sulawesi Barat',
  '81': 'Maluku',
  '82': 'Maluku Utara',
  '91': 'Papua',
  '92': 'Papua Barat',
  '93': 'Papua Selatan',
  '94': 'Papua Tengah',
  '95': 'Papua Pegunungan',
  '96': 'Papua Barat Daya',
};

export type Sex = 'M' | 'F';
export type Message = { id: string; en: string };

export type NikErrorCode =
  | 'nik_scientific'
  | 'nik_length'
  | 'nik_digits'
  | 'nik_province'
  | 'nik_regency'
  | 'nik_district'
  | 'nik_birthdate'
  | 'nik_future'
  | 'nik_serial';

export type ParsedNik = {
  ok: true;
  nik: string;
  provinceCode: string;
  provinceName: string;
  /** 'PP.RR' */
  regencyCode: string;
  /** 'PP.RR.DD' */
  districtCode: string;
  sex: Sex;
  /** YYYY-MM-DD; the century is inferred (a NIK holds only YY). */
  birthDate: string;
  serial: string;
};

export type NikError = { ok: false; code: NikErrorCode; message: Message };

export type NikOptions = {
  /** Defaults to now; a Date is read by its UTC calendar date, a string is 'YYYY-MM-DD' (see todayIn). */
  today?: Date | string;
  /** Lookup of 4-digit regency codes ('3204'), when the caller has the official list. */
  regencyExists?: (code4: string) => boolean;
};

const MESSAGES: Record<NikErrorCode, Message> = {
  nik_scientific: {
    id: 'NIK berubah menjadi notasi ilmiah (mis. 3,27E+15) oleh Excel dan digit terakhirnya hilang; tidak dapat diperbaiki. Ketik ulang ke-16 digit NIK.',
    en: 'Excel turned the NIK into scientific notation (e.g. 3.27E+15) and its last digits were lost; it cannot be repaired. Re-enter all 16 digits.',
  },
  nik_length: { id: 'NIK harus 16 digit angka', en: 'NIK must be 16 digits' },
  nik_digits: { id: 'NIK hanya boleh berisi angka', en: 'NIK may contain digits only' },
  nik_province: { id: 'Kode provinsi pada NIK tidak dikenal', en: 'The NIK has an unknown province code' },
  nik_regency: { id: 'Kode kabupaten/kota pada NIK tidak dikenal', en: 'The NIK has an unknown regency/city code' },
  nik_district: { id: 'Kode kecamatan pada NIK tidak valid', en: 'The NIK has an invalid district code' },
  nik_birthdate: { id: 'Tanggal lahir pada NIK tidak valid', en: 'The NIK contains an invalid birth date' },
  nik_future: { id: 'Tanggal lahir pada NIK ada di masa depan', en: 'The NIK contains a birth date in the future' },
  nik_serial: { id: 'Nomor urut NIK tidak boleh 0000', en: 'The NIK serial number cannot be 0000' },
};

const fail = (code: NikErrorCode): NikError => ({ ok: false, code, message: MESSAGES[code] });

const pad2 = (n: number): string => String(n).padStart(2, '0');

function isRealDate(y: number, m: number, d: number): boolean {
  const dt = new Date(0);
  dt.setUTCFullYear(y, m - 1, d);
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

/**
 * Validates and decodes a NIK. Spaces, dots and dashes (`3204 1017 0890 0001`) and a leading
 * apostrophe (Excel's text marker) are ignored. Century: 20YY unless that year is after today's,
 * then 19YY; so a birth later this year is reported as `nik_future`.
 * @example parseNik('3204125708900002') // { ok: true, sex: 'F', birthDate: '1990-08-17', regencyCode: '32.04', … }
 */
export function parseNik(input: string, opts: NikOptions = {}): ParsedNik | NikError {
  const raw = input.trim().replace(/^['‘’]/, '');
  // Check before stripping dots, which would turn 3.27E+15 into a different-looking junk string.
  if (/^\d+(?:[.,]\d+)?e\+?\d+$/i.test(raw.replace(/\s/g, ''))) return fail('nik_scientific');
  const nik = raw.replace(/[\s.-]/g, '');
  if (!/^\d*$/.test(nik)) return fail('nik_digits');
  if (nik.length !== 16) return fail('nik_length');

  const [pp, rr, dd] = [nik.slice(0, 2), nik.slice(2, 4), nik.slice(4, 6)];
  const provinceName = PROVINCE_CODES[pp];
  if (provinceName === undefined) return fail('nik_province');
  if (rr === '00' || (opts.regencyExists && !opts.regencyExists(pp + rr))) return fail('nik_regency');
  if (dd === '00') return fail('nik_district');

  const rawDay = Number(nik.slice(6, 8));
  const month = Number(nik.slice(8, 10));
  const yy = Number(nik.slice(10, 12));
  const sex: Sex = rawDay > 40 ? 'F' : 'M';
  const day = sex === 'F' ? rawDay - 40 : rawDay;
  const today = typeof opts.today === 'string' ? opts.today : (opts.today ?? new Date()).toISOString().slice(0, 10);
  const year = 2000 + yy > Number(today.slice(0, 4)) ? 1900 + yy : 2000 + yy;
  if (!isRealDate(year, month, day)) return fail('nik_birthdate');
  const birthDate = `${year}-${pad2(month)}-${pad2(day)}`;
  if (birthDate > today) return fail('nik_future');

  const serial = nik.slice(12);
  if (serial === '0000') return fail('nik_serial');
  return {
    ok: true,
    nik,
    provinceCode: pp,
    provinceName,
    regencyCode: `${pp}.${rr}`,
    districtCode: `${pp}.${rr}.${dd}`,
    sex,
    birthDate,
    serial,
  };
}

export type NikMismatch = {
  field: 'sex' | 'birthDate';
  code: 'nik_sex_mismatch' | 'nik_birthdate_mismatch';
  message: Message;
};

/**
 * Compares what was typed on a form with what a valid NIK says. The birth date is compared on
 * day, month and the last two year digits only, since the NIK cannot tell 1924 from 2024.
 * @example checkNikAgainst(parsed, { sex: 'M' }) // [{ field: 'sex', code: 'nik_sex_mismatch', … }] for a woman's NIK
 */
export function checkNikAgainst(parsed: ParsedNik, typed: { sex?: Sex; birthDate?: string }): NikMismatch[] {
  const out: NikMismatch[] = [];
  if (typed.sex !== undefined && typed.sex !== parsed.sex) {
    const [id, en] = parsed.sex === 'F' ? ['perempuan', 'female'] : ['laki-laki', 'male'];
    out.push({
      field: 'sex',
      code: 'nik_sex_mismatch',
      message: {
        id: `Jenis kelamin tidak sesuai NIK: NIK menunjukkan ${id}`,
        en: `Sex does not match the NIK: the NIK indicates ${en}`,
      },
    });
  }
  if (typed.birthDate !== undefined && typed.birthDate.slice(2) !== parsed.birthDate.slice(2)) {
    out.push({
      field: 'birthDate',
      code: 'nik_birthdate_mismatch',
      message: {
        id: `Tanggal lahir tidak sesuai NIK: NIK menunjukkan ${formatDateId(parsed.birthDate)}`,
        en: `Birth date does not match the NIK: the NIK indicates ${parsed.birthDate}`,
      },
    });
  }
  return out;
}
