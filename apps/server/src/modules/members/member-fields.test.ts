import { describe, expect, it } from 'vitest';
import { cleanName, excelSerialToIso, judgeNik, parseDateCell, parseOccupation, parsePhoneCell, parseSex } from './member-fields.js';

const TODAY = '2025-06-15';
const codes = (nik: string, typed: Parameters<typeof judgeNik>[1] = {}) =>
  judgeNik(nik, typed, TODAY).errors.map((e) => `${e.field}:${e.code}`);

describe('judgeNik: valid NIKs of many regions and both sexes', () => {
  it.each([
    // nik, sex, birth date, region
    ['3204101708900001', 'M', '1990-08-17', 'Kab. Bandung, man'],
    ['3204105708900002', 'F', '1990-08-17', 'Kab. Bandung, woman: day 57 = 17 + 40'],
    ['3204404101850003', 'F', '1985-01-01', 'Rancabali, woman born on the 1st (41)'],
    ['3204407112790004', 'F', '1979-12-31', 'woman born on the 31st (71)'],
    ['3273012902000001', 'M', '2000-02-29', 'Kota Bandung, leap day'],
    ['3578016902040005', 'F', '2004-02-29', 'Surabaya, woman, leap day'],
    ['5171012212800001', 'M', '1980-12-22', 'Denpasar'],
    ['1101014309880002', 'F', '1988-09-03', 'Aceh Selatan'],
    ['9171010101700001', 'M', '1970-01-01', 'Kota Jayapura'],
    ['7371015506650009', 'F', '1965-06-15', 'Makassar'],
    ['6471052011990010', 'M', '1999-11-20', 'Balikpapan'],
    ['3471024404020011', 'F', '2002-04-04', 'Yogyakarta'],
    ['9601011203950012', 'M', '1995-03-12', 'Kab. Sorong, Papua Barat Daya'],
    ['1271036510550013', 'F', '1955-10-25', 'Medan'],
  ])('%s → %s %s (%s)', (nik, sex, birthDate) => {
    const j = judgeNik(nik, {}, TODAY);
    expect(j.errors).toEqual([]);
    expect({ sex: j.sex, birthDate: j.birthDate }).toEqual({ sex, birthDate });
  });

  it('fills in sex and birth date from the NIK when they were not typed, and keeps typed ones that agree', () => {
    expect(judgeNik('3204105708900002', {}, TODAY)).toMatchObject({ sex: 'F', birthDate: '1990-08-17', errors: [] });
    expect(judgeNik('3204105708900002', { sex: 'F', birthDate: '1990-08-17' }, TODAY).errors).toEqual([]);
  });

  it('keeps a typed century the NIK cannot tell (1924 vs 2024)', () => {
    expect(judgeNik('3204100101240001', { birthDate: '1924-01-01' }, TODAY)).toMatchObject({ birthDate: '1924-01-01', errors: [] });
  });

  it('accepts separators and the Excel apostrophe', () => {
    expect(judgeNik("'3204 1017 0890 0001", {}, TODAY).parsed?.nik).toBe('3204101708900001');
  });
});

describe('judgeNik: refusals name the field and the rule', () => {
  it.each([
    ['320410170890001', 'nik:nik_length'], // 15 digits
    ['32041017089000011', 'nik:nik_length'], // 17 digits
    ['3204A01708900001', 'nik:nik_digits'],
    ['9904101708900001', 'nik:nik_province'], // no province 99
    ['3299101708900001', 'nik:nik_regency'], // Jawa Barat has no regency 99
    ['9201101708900001', 'nik:nik_regency'], // Papua Barat's old 92.01 is gone
    ['3204001708900001', 'nik:nik_district'],
    ['3204103208900001', 'nik:nik_birthdate'], // day 32
    ['3204101713900001', 'nik:nik_birthdate'], // month 13
    ['3204103002900001', 'nik:nik_birthdate'], // 30 February
    ['3204107202900001', 'nik:nik_birthdate'], // a woman's 32nd (72)
    ['3204102902010001', 'nik:nik_birthdate'], // 29 Feb 2001: not a leap year
    ['3204101708900000', 'nik:nik_serial'],
    ['3204101012250001', 'nik:nik_future'], // 10 Dec 2025, after today
    ['3.2E+15', 'nik:nik_scientific'],
    ['3,20410E+15', 'nik:nik_scientific'],
    ['3204101708900001', 'sex:nik_sex_mismatch', { sex: 'F' as const }],
    ['3204105708900002', 'sex:nik_sex_mismatch', { sex: 'M' as const }],
    ['3204101708900001', 'birthDate:nik_birthdate_mismatch', { birthDate: '1990-08-18' }],
    ['3204101708900001', 'birthDate:birth_date_future', { birthDate: '2030-08-17' }],
  ])('%s → %s', (nik, expected, typed: Parameters<typeof judgeNik>[1] = {}) => {
    expect(codes(nik, typed)).toContain(expected);
  });

  it('says in both languages that digits lost to scientific notation cannot be repaired', () => {
    const [e] = judgeNik('3.2E+15', {}, TODAY).errors;
    expect(e!.message.id).toMatch(/notasi ilmiah.*hilang/);
    expect(e!.message.en).toMatch(/scientific notation.*lost/);
  });

  it('names what the NIK says when the typed sex disagrees', () => {
    const [e] = judgeNik('3204105708900002', { sex: 'M' }, TODAY).errors;
    expect(e!.message.id).toBe('Jenis kelamin tidak sesuai NIK: NIK menunjukkan perempuan');
  });
});

describe('cleanName', () => {
  it.each([
    ['  Ujang   Supriatna ', 'Ujang Supriatna', []],
    ['H. Ujang Supriatna', 'Ujang Supriatna', ['H.']],
    ['Hj. Euis Komalasari', 'Euis Komalasari', ['Hj.']],
    ['Hj.Euis Komalasari', 'Euis Komalasari', ['Hj.']],
    ['H Dadang Hermawan', 'Dadang Hermawan', ['H']],
    ['Drs. H. Asep Saepudin', 'Asep Saepudin', ['Drs.', 'H.']],
    ['Euis Komalasari, S.Pd', 'Euis Komalasari', ['S.Pd']],
    ['Dede Rohman, S.P., M.Si', 'Dede Rohman', ['S.P.', 'M.Si']],
    ['Iwan Setiawan S.Pd.I', 'Iwan Setiawan', ['S.Pd.I']],
    ['Moh. Rizki Ramadhan', 'Moh. Rizki Ramadhan', []], // an abbreviation that is part of the name
    ['M. Yusuf', 'M. Yusuf', []],
    ['Ibu Tati Rohayati', 'Tati Rohayati', ['Ibu']],
    ['Hadi Susanto', 'Hadi Susanto', []], // "Ha…" is not the title H.
  ])('%j → %j', (raw, name, removed) => {
    expect(cleanName(raw)).toEqual({ name, removed });
  });
});

describe('parseDateCell', () => {
  it.each([
    ['17/08/1990', '1990-08-17'],
    ['17-08-1990', '1990-08-17'],
    ['17.08.1990', '1990-08-17'],
    ['7/8/1990', '1990-08-07'],
    [' 17/08/1990 ', '1990-08-17'],
    ["'17/08/1990", '1990-08-17'],
    ['17/08/90', '1990-08-17'],
    ['01/02/03', '2003-02-01'],
    ['1990-08-17', '1990-08-17'],
    ['17 Agustus 1990', '1990-08-17'],
    ['17 Agt 1990', '1990-08-17'],
    ['17-Aug-1990', '1990-08-17'],
    ['5 Pebruari 1975', '1975-02-05'],
    ['17/08/1990 00:00:00', '1990-08-17'],
    ['32737', '1989-08-17'], // an Excel serial written as text (CSV)
    [32_737, '1989-08-17'],
    [45_658, '2025-01-01'],
    [17_081_990, '1990-08-17'], // ddmmyyyy typed into a number cell
    [new Date(Date.UTC(1990, 7, 17)), '1990-08-17'],
    [new Date(Date.UTC(1990, 7, 16, 23, 59, 59, 999)), '1990-08-17'], // float noise from a serial
  ] as const)('%j → %s', (value, iso) => {
    expect(parseDateCell(value as string | number | Date, TODAY)).toEqual({ ok: true, date: iso });
  });

  it.each(['31/02/1990', '00/01/1990', 'besok', '1990', '17/13/1990', '12.5.19900', ''])('refuses %j', (v) => {
    expect(parseDateCell(v, TODAY).ok).toBe(false);
  });

  it('refuses month/day order with a message that explains day/month/year', () => {
    const r = parseDateCell('08/17/1990', TODAY);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message.id).toMatch(/hari\/bulan\/tahun/);
  });

  it('converts Excel serials past the 1900 leap-year bug', () => {
    expect(excelSerialToIso(61)).toBe('1900-03-01');
    expect(excelSerialToIso(44_927)).toBe('2023-01-01');
    expect(excelSerialToIso(60)).toBeUndefined();
  });
});

describe('parsePhoneCell', () => {
  it.each([
    ['0812-3456-7890', '+6281234567890', []],
    ['+62 812 3456 7890', '+6281234567890', []],
    ['6281234567890', '+6281234567890', []],
    [81_234_567_890, '+6281234567890', []], // Excel dropped the leading 0
    ['81234567890', '+6281234567890', []],
    ["'081234567890", '+6281234567890', []],
    ['0812 3456 7890 / 0813 1111 2222', '+6281234567890', ['0813 1111 2222']],
    ['0812-3456-7890 atau 0857-1234-5678', '+6281234567890', ['0857-1234-5678']],
  ] as const)('%j → %s', (value, e164, others) => {
    expect(parsePhoneCell(value)).toEqual({ ok: true, e164, others });
  });

  it.each(['12345', '+1 415 555 0100', 'tidak ada'])('refuses %j', (v) => expect(parsePhoneCell(v).ok).toBe(false));
});

describe('parseSex and parseOccupation', () => {
  it.each([
    ['L', 'M'],
    ['l', 'M'],
    ['Laki-laki', 'M'],
    ['LK', 'M'],
    ['Pria', 'M'],
    ['P', 'F'],
    ['Perempuan', 'F'],
    ['PR', 'F'],
    ['Wanita', 'F'],
  ] as const)('%s → %s', (raw, sex) => expect(parseSex(raw)).toBe(sex));

  it('does not guess at an unknown word', () => expect(parseSex('X')).toBeUndefined());

  it.each([
    ['Petani', 'farmer'],
    ['PETANI/PEKEBUN', 'farmer'],
    ['Buruh Tani', 'farm_labourer'],
    ['Buruh Harian Lepas', 'labourer'],
    ['Pedagang', 'trader'],
    ['Wiraswasta', 'entrepreneur'],
    ['Mengurus Rumah Tangga', 'homemaker'],
    ['IRT', 'homemaker'],
    ['Peternak Domba', 'livestock_farmer'],
    ['PNS', 'civil_servant'],
    ['Guru Honorer', 'teacher'],
    ['Pensiunan', 'retired'],
    ['-', 'other'],
  ] as const)('%s → %s', (raw, occupation) => expect(parseOccupation(raw).occupation).toBe(occupation));

  it('keeps an unknown occupation as detail under other', () => {
    expect(parseOccupation('Penyadap Getah Pinus')).toEqual({ occupation: 'other', detail: 'Penyadap Getah Pinus' });
  });
});
