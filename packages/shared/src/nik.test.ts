import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { PROVINCE_CODES, checkNikAgainst, parseNik, type ParsedNik } from './nik.js';

const today = new Date('2025-06-15T00:00:00Z');
const ok = (nik: string, opts = {}): ParsedNik => {
  const r = parseNik(nik, { today, ...opts });
  if (!r.ok) throw new Error(`${nik}: ${r.code}`);
  return r;
};
const codeOf = (nik: string, opts = {}) => {
  const r = parseNik(nik, { today, ...opts });
  return r.ok ? 'ok' : r.code;
};

describe('PROVINCE_CODES', () => {
  it('has the 38 provinces', () => {
    expect(Object.keys(PROVINCE_CODES)).toHaveLength(38);
    expect(PROVINCE_CODES['32']).toBe('Jawa Barat');
    expect(PROVINCE_CODES['96']).toBe('Papua Barat Daya');
  });
});

describe('parseNik: valid', () => {
  it.each([
    // nik, province, regency, sex, birth date
    ['3204101708900001', '32', '32.04', 'M', '1990-08-17'], // Kab. Bandung, man
    ['3204125708900002', '32', '32.04', 'F', '1990-08-17'], // Kab. Bandung, woman (57 = 17 + 40)
    ['3204124101000001', '32', '32.04', 'F', '2000-01-01'], // day 41: woman born on the 1st
    ['3204127112850003', '32', '32.04', 'F', '1985-12-31'], // day 71: woman born on the 31st
    ['3273012902000001', '32', '32.73', 'M', '2000-02-29'], // Kota Bandung, leap day
    ['3273016902040005', '32', '32.73', 'F', '2004-02-29'], // leap day, woman
    ['3578015505950007', '35', '35.78', 'F', '1995-05-15'], // Surabaya
    ['5171012212800001', '51', '51.71', 'M', '1980-12-22'], // Denpasar
    ['1101014309880002', '11', '11.01', 'F', '1988-09-03'], // Aceh
    ['9171010101700001', '91', '91.71', 'M', '1970-01-01'], // Jayapura
    ['9601010101250001', '96', '96.01', 'M', '2025-01-01'], // Papua Barat Daya, born this year
    ['3204100101260001', '32', '32.04', 'M', '1926-01-01'], // 2026 is after today's year → 1926
  ])('%s', (nik, provinceCode, regencyCode, sex, birthDate) => {
    expect(ok(nik)).toMatchObject({ nik, provinceCode, regencyCode, sex, birthDate });
  });

  it('returns every decoded field', () => {
    expect(ok('3204125708900002')).toEqual({
      ok: true,
      nik: '3204125708900002',
      provinceCode: '32',
      provinceName: 'Jawa Barat',
      regencyCode: '32.04',
      districtCode: '32.04.12',
      sex: 'F',
      birthDate: '1990-08-17',
      serial: '0002',
    });
  });

  it.each(['3204 1017 0890 0001', ' 3204-1017-0890-0001 ', '32.04.10.170890.0001', "'3204101708900001", '’3204101708900001'])(
    'strips separators and the Excel apostrophe: %j',
    (s) => expect(ok(s).nik).toBe('3204101708900001'),
  );

  it('accepts today as a YYYY-MM-DD business date', () => {
    expect(parseNik('3204101506250001', { today: '2025-06-15' }).ok).toBe(true);
    expect(parseNik('3204101606250001', { today: '2025-06-15' })).toMatchObject({ code: 'nik_future' });
  });

  it('consults regencyExists with the 4-digit code', () => {
    const seen: string[] = [];
    const exists = (c: string) => (seen.push(c), c === '3204');
    expect(codeOf('3204101708900001', { regencyExists: exists })).toBe('ok');
    expect(codeOf('3299101708900001', { regencyExists: exists })).toBe('nik_regency');
    expect(seen).toEqual(['3204', '3299']);
  });

  it('round-trips any well-formed NIK', () => {
    const provinces = Object.keys(PROVINCE_CODES);
    fc.assert(
      fc.property(
        fc.constantFrom(...provinces),
        fc.integer({ min: 1, max: 99 }),
        fc.integer({ min: 1, max: 99 }),
        fc.date({ min: new Date('1926-01-01'), max: new Date('2025-06-15'), noInvalidDate: true }),
        fc.constantFrom('M' as const, 'F' as const),
        fc.integer({ min: 1, max: 9999 }),
        (pp, rr, dd, date, sex, serial) => {
          const iso = date.toISOString().slice(0, 10);
          const [y, m, d] = iso.split('-');
          const day = String(Number(d) + (sex === 'F' ? 40 : 0)).padStart(2, '0');
          const p2 = (n: number) => String(n).padStart(2, '0');
          const nik = `${pp}${p2(rr)}${p2(dd)}${day}${m}${y!.slice(2)}${String(serial).padStart(4, '0')}`;
          expect(ok(nik)).toMatchObject({ sex, birthDate: iso, districtCode: `${pp}.${p2(rr)}.${p2(dd)}` });
        },
      ),
    );
  });
});

describe('parseNik: invalid', () => {
  it.each([
    ['3.27E+15', 'nik_scientific'],
    ['3,27E+15', 'nik_scientific'],
    ['3.204E15', 'nik_scientific'],
    ["'3.20412E+15", 'nik_scientific'],
    ['3.27e+15 ', 'nik_scientific'],
    ['', 'nik_length'],
    ['320410170890001', 'nik_length'],
    ['32041017089000011', 'nik_length'],
    ['32041017089O0001', 'nik_digits'],
    ['3204/1017/0890/0001', 'nik_digits'],
    ['2004101708900001', 'nik_province'],
    ['9904101708900001', 'nik_province'],
    ['3200101708900001', 'nik_regency'],
    ['3204001708900001', 'nik_district'],
    ['3204100008900001', 'nik_birthdate'], // day 00
    ['3204103208900001', 'nik_birthdate'], // day 32
    ['3204104008900001', 'nik_birthdate'], // day 40
    ['3204107208900001', 'nik_birthdate'], // day 72 (woman's 32)
    ['3204101713900001', 'nik_birthdate'], // month 13
    ['3204101700900001', 'nik_birthdate'], // month 00
    ['3204103102900001', 'nik_birthdate'], // 31 February
    ['3204107102900001', 'nik_birthdate'], // 31 February, woman
    ['3204102902010001', 'nik_birthdate'], // 29 February 2001
    ['3204107104900001', 'nik_birthdate'], // woman, 31 April
    ['3204100112250001', 'nik_future'], // 1 December 2025, after 15 June 2025
    ['3204101708900000', 'nik_serial'],
  ])('%j → %s', (nik, code) => {
    expect(codeOf(nik)).toBe(code);
  });

  it('explains the Excel case and cannot be repaired', () => {
    const r = parseNik('3.27E+15');
    expect(r).toMatchObject({ ok: false, code: 'nik_scientific' });
    if (!r.ok) {
      expect(r.message.id).toMatch(/Excel/);
      expect(r.message.en).toMatch(/Excel.*scientific notation.*cannot be repaired.*16 digits/);
    }
  });

  it('length message', () => {
    expect(parseNik('123')).toEqual({
      ok: false,
      code: 'nik_length',
      message: { id: 'NIK harus 16 digit angka', en: 'NIK must be 16 digits' },
    });
  });
});

describe('checkNikAgainst', () => {
  const woman = ok('3204125708900002');
  it('finds nothing when the form agrees', () => {
    expect(checkNikAgainst(woman, { sex: 'F', birthDate: '1990-08-17' })).toEqual([]);
    expect(checkNikAgainst(woman, {})).toEqual([]);
  });
  it('reports sex and birth date mismatches', () => {
    expect(checkNikAgainst(woman, { sex: 'M', birthDate: '1990-08-18' })).toEqual([
      {
        field: 'sex',
        code: 'nik_sex_mismatch',
        message: {
          id: 'Jenis kelamin tidak sesuai NIK: NIK menunjukkan perempuan',
          en: 'Sex does not match the NIK: the NIK indicates female',
        },
      },
      {
        field: 'birthDate',
        code: 'nik_birthdate_mismatch',
        message: {
          id: 'Tanggal lahir tidak sesuai NIK: NIK menunjukkan 17 Agustus 1990',
          en: 'Birth date does not match the NIK: the NIK indicates 1990-08-17',
        },
      },
    ]);
    expect(checkNikAgainst(ok('3204101708900001'), { sex: 'F' })[0]?.message.id).toMatch(/laki-laki$/);
  });
  it('does not blame the century, which a NIK cannot tell', () => {
    const r = ok('3204100101240001'); // read as 2024-01-01
    expect(checkNikAgainst(r, { birthDate: '1924-01-01' })).toEqual([]);
    expect(checkNikAgainst(r, { birthDate: '1925-01-01' })).toHaveLength(1);
  });
});
