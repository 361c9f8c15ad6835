/**
 * Member lists as cooperatives really keep them, written with exceljs: a title above the header,
 * Indonesian column names, dates as text and as Excel serials, phones in every form, stray
 * spaces and titles, and the classic mistakes (a NIK in scientific notation, a duplicate NIK, a
 * sex that contradicts the NIK).
 */
import ExcelJS from 'exceljs';
import { nikOf, uniqueNik } from './members-factories.js';

/** Excel's serial of a date (1900 system). */
export const serialOf = (iso: string) => Math.round((Date.parse(`${iso}T00:00:00Z`) - Date.UTC(1899, 11, 30)) / 86_400_000);

export const MESSY_HEADER = [
  'No',
  ' Nama Lengkap ',
  'NIK',
  'Jenis Kelamin (L/P)',
  'Tempat Lahir',
  'Tgl Lahir',
  'Alamat',
  'No. HP',
  'Pekerjaan',
  'Tgl Masuk',
  'Kelompok Tani',
];

/** The NIK of a member who is already registered before the import (row 15 repeats it). */
export const REGISTERED_NIK = nikOf({ district: '40', birthDate: '1982-04-09', sex: 'F', serial: 10 });

/** Expected outcome per spreadsheet row, used by the tests. */
export const MESSY_EXPECTED: Record<number, { action: 'create' | 'error'; errors?: string[]; warnings?: string[] }> = {
  5: { action: 'create', warnings: ['fullName:title_removed'] },
  6: { action: 'create', warnings: ['fullName:title_removed'] },
  7: { action: 'error', errors: ['nik:nik_scientific'] },
  8: { action: 'error', errors: ['nik:nik_duplicate_in_file'], warnings: [] },
  9: { action: 'error', errors: ['sex:nik_sex_mismatch'] },
  10: { action: 'create' },
  11: { action: 'create', warnings: ['sex:sex_from_nik', 'birthDate:birth_date_from_nik', 'phone:phone_extra'] },
  12: { action: 'error', errors: ['birthDate:birth_date_future'] },
  13: { action: 'error', errors: ['phone:invalid_phone'] },
  15: { action: 'error', errors: ['nik:nik_taken'] },
};

export async function messyWorkbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Data Anggota');
  ws.mergeCells('A1:K1');
  ws.getCell('A1').value = 'DAFTAR ANGGOTA KOPERASI DESA MERAH PUTIH ALAMENDAH';
  ws.getCell('A2').value = 'Kecamatan Rancabali, Kabupaten Bandung — keadaan 30 Juni 2025';
  ws.getRow(3).values = MESSY_HEADER;
  ws.getRow(4).values = MESSY_HEADER.map((_, i) => i + 1); // column numbering under the header

  const rows: unknown[][] = [
    // 5: title, stray spaces, text dates
    [
      1,
      '  H. Ujang   Supriatna ',
      '3204401708750001',
      'L',
      'Bandung',
      '17/08/1975',
      'Kp. Cibuni RT 01/RW 02',
      '0812-2025-0001',
      'Petani',
      '15/01/2025',
      'Poktan Mekar Tani',
    ],
    // 6: birth date as an Excel serial, join date as a date cell, +62 phone
    [
      2,
      'Hj. Euis Komalasari',
      '3204405503800002',
      'P',
      'Bandung',
      serialOf('1980-03-15'),
      'Kp. Cibuni RT 02/RW 02',
      '+62 812 2025 0002',
      'Pedagang',
      new Date(Date.UTC(2025, 0, 15)),
      'Poktan Mekar Tani',
    ],
    // 7: a NIK that Excel turned into 3.2E+15
    [
      3,
      'Dadang Hermawan',
      3.2e15,
      'L',
      'Bandung',
      '05/05/1979',
      'Kp. Rancabali',
      '081220250003',
      'Petani',
      '15/01/2025',
      'Poktan Mekar Tani',
    ],
    // 8: the NIK of row 5 again
    [
      4,
      'Asep Saepudin',
      '3204401708750001',
      'L',
      'Ciwidey',
      '17/08/1975',
      'Kp. Cibuni',
      '081220250004',
      'Petani',
      '15/01/2025',
      'Poktan Sauyunan',
    ],
    // 9: a man's NIK (day 12) typed as P
    [
      5,
      'Tati Rohayati',
      '3204401203850005',
      'P',
      'Bandung',
      '12/03/1985',
      'Kp. Sinumbra',
      '081220250005',
      'Petani',
      '15/01/2025',
      'Poktan Sauyunan',
    ],
    // 10: spaced NIK, dashed date, phone that lost its 0, serial join date
    [
      6,
      'Iwan Setiawan',
      ' 3204 4020 0688 0006 ',
      'l',
      'Bandung',
      '20-06-1988',
      'Kp. Sinumbra',
      81_220_250_006,
      'Buruh Tani',
      serialOf('2025-02-01'),
      'Poktan Sauyunan',
    ],
    // 11: no sex, no birth date (both from the NIK), two phone numbers
    [
      7,
      'Neneng Hasanah',
      '3204406112900007',
      '',
      '',
      '',
      'Kp. Babakan',
      '0857 1234 5678 / 0813 9999 0000',
      'Mengurus Rumah Tangga',
      '01/02/2025',
      'Poktan Harapan Jaya',
    ],
    // 12: a birth date in the future
    [
      8,
      'Cecep Supriadi',
      '3204400101300008',
      'L',
      'Bandung',
      '01/01/2030',
      'Kp. Babakan',
      '081220250008',
      'Petani',
      '01/02/2025',
      'Poktan Harapan Jaya',
    ],
    // 13: an impossible phone
    [
      9,
      'Yayan Sofyan',
      '3204401111700009',
      'L',
      'Bandung',
      '11 November 1970',
      'Kp. Babakan',
      '12345',
      'Petani',
      '01/02/2025',
      'Poktan Harapan Jaya',
    ],
  ];
  rows.forEach((r, i) => (ws.getRow(5 + i).values = r as ExcelJS.CellValue[]));
  ws.getCell('C7').numFmt = '0.00E+00';
  ws.getCell('J6').numFmt = 'dd/mm/yyyy';
  // 14 stays empty; 15: a NIK already registered in the cooperative
  ws.getRow(15).values = [
    10,
    'Dede Kurniasih',
    REGISTERED_NIK,
    'P',
    'Bandung',
    '09/04/1982',
    'Kp. Babakan',
    '081220250010',
    'Petani',
    '01/02/2025',
    'Poktan Harapan Jaya',
  ];
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A clean list of `n` members (header on row 1), for the timing test. */
export async function largeWorkbook(n: number): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Anggota');
  ws.addRow([
    'No',
    'Nama Lengkap',
    'NIK',
    'L/P',
    'Tempat Lahir',
    'Tgl Lahir',
    'Alamat',
    'No HP',
    'Pekerjaan',
    'Tgl Masuk',
    'Kelompok Tani',
  ]);
  for (let i = 0; i < n; i++) {
    const { nik, sex, birthDate } = uniqueNik();
    ws.addRow([
      i + 1,
      `Anggota Ke ${i + 1}`.replace(/\d/g, (d) => 'ABCDEFGHIJ'[Number(d)]!),
      nik,
      sex === 'M' ? 'L' : 'P',
      'Bandung',
      `${birthDate.slice(8)}/${birthDate.slice(5, 7)}/${birthDate.slice(0, 4)}`,
      `Kp. Cibuni RT ${String((i % 9) + 1).padStart(2, '0')}`,
      `0812${String(10_000_000 + i).slice(-8)}`,
      i % 5 ? 'Petani' : 'Pedagang',
      '15/01/2025',
      `Poktan ${['Mekar Tani', 'Sauyunan', 'Harapan Jaya'][i % 3]}`,
    ]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
