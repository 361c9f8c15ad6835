import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { fieldOfHeader, findLayout, headerKey, parseCsv, readSheets, type Sheet } from './import-sheet.js';

const sheet = (rows: (string | number | null)[][], name: string | null = 'Sheet1'): Sheet => ({
  name,
  rows: rows.map((cells, i) => ({ row: i + 1, cells })),
});

describe('header names', () => {
  it.each([
    ['No', 'rowNo'],
    ['No.', 'rowNo'],
    [' Nama Lengkap ', 'fullName'],
    ['NAMA', 'fullName'],
    ['Nama Sesuai KTP', 'fullName'],
    ['NIK', 'nik'],
    ['No. KTP', 'nik'],
    ['Jenis Kelamin (L/P)', 'sex'],
    ['L/P', 'sex'],
    ['JK', 'sex'],
    ['Tempat Lahir', 'birthPlace'],
    ['Tgl. Lahir', 'birthDate'],
    ['Tanggal Lahir (dd/mm/yyyy)', 'birthDate'],
    ['Tempat, Tanggal Lahir', 'birthPlaceDate'],
    ['TTL', 'birthPlaceDate'],
    ['Alamat', 'address'],
    ['RT/RW', 'rtRw'],
    ['Desa/Kelurahan', 'village'],
    ['No HP', 'phone'],
    ['No. HP/WA', 'phone'],
    ['Nomor Telepon', 'phone'],
    ['Pekerjaan', 'occupation'],
    ['Tgl Masuk', 'joinDate'],
    ['Tanggal Bergabung', 'joinDate'],
    ['Kelompok Tani', 'farmerGroup'],
    ['Poktan', 'farmerGroup'],
    ['No Anggota', 'number'],
    ['Keterangan', 'notes'],
    ['NIK*', 'nik'],
  ])('%j → %s', (header, field) => expect(fieldOfHeader(header)).toBe(field));

  it('leaves unknown columns unmapped', () => {
    expect(fieldOfHeader('Luas Lahan (ha)')).toBeUndefined();
    expect(headerKey(' Tgl.  Lahir (dd/mm/yyyy) ')).toBe('tgl lahir');
  });
});

describe('findLayout', () => {
  it('finds the header under a title and a blank line, and skips a row of column numbers', () => {
    const layout = findLayout([
      sheet([
        ['DAFTAR ANGGOTA KOPERASI', null, null],
        [null, null, null],
        ['No', 'Nama Lengkap', 'NIK', 'Luas Lahan'],
        [1, 2, 3, 4],
        [1, 'Ujang', '3204101708900001', '0,5'],
      ]),
    ])!;
    expect(layout.headerRow).toBe(3);
    expect(layout.columns.map((c) => c.field)).toEqual(['rowNo', 'fullName', 'nik', null]);
    expect(layout.dataRows.map((r) => r.row)).toEqual([5]);
  });

  it('takes the first sheet that has a header, and ignores a second column of the same meaning', () => {
    const layout = findLayout([
      sheet([['Petunjuk pengisian'], ['Isi lembar berikutnya']], 'Petunjuk'),
      sheet(
        [
          ['Nama', 'NIK', 'Nama'],
          ['Ujang', '3204101708900001', 'Poktan A'],
        ],
        'Data',
      ),
    ])!;
    expect(layout.sheet.name).toBe('Data');
    expect(layout.columns.map((c) => c.field)).toEqual(['fullName', 'nik', null]);
  });

  it('finds nothing when the name or NIK column is missing, or the header is too far down', () => {
    expect(
      findLayout([
        sheet([
          ['Nama', 'Alamat'],
          ['Ujang', 'Kp. Cibuni'],
        ]),
      ]),
    ).toBeUndefined();
    const deep = Array.from({ length: 25 }, () => [null] as (string | null)[]);
    deep.push(['Nama', 'NIK']);
    expect(findLayout([sheet(deep)])).toBeUndefined();
  });
});

describe('parseCsv', () => {
  it('reads semicolon files (Indonesian Excel), quoted fields with separators and line breaks, and keeps line numbers', () => {
    const rows = parseCsv(
      'Nama;NIK;Alamat\r\n"Ujang; H.";3204101708900001;"Kp. Cibuni\nRT 01"\r\n\r\nEuis;3204105708900002;"Jl. ""Mawar"""\r\n',
    );
    expect(rows).toEqual([
      { row: 1, cells: ['Nama', 'NIK', 'Alamat'] },
      { row: 2, cells: ['Ujang; H.', '3204101708900001', 'Kp. Cibuni\nRT 01'] },
      { row: 5, cells: ['Euis', '3204105708900002', 'Jl. "Mawar"'] },
    ]);
  });

  it('reads comma and tab separated files', () => {
    expect(parseCsv('a,b,c\n1,2,3')[1]!.cells).toEqual(['1', '2', '3']);
    expect(parseCsv('a\tb\tc\n1\t2\t3')[1]!.cells).toEqual(['1', '2', '3']);
  });
});

describe('readSheets', () => {
  it('reads an .xlsx with rich text, formulas and dates as their values', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Anggota');
    ws.getCell('A1').value = { richText: [{ text: 'Nama ' }, { text: 'Lengkap', font: { bold: true } }] };
    ws.getCell('B1').value = { formula: '"N"&"IK"', result: 'NIK' };
    ws.getCell('C1').value = new Date(Date.UTC(2025, 0, 15));
    const { format, sheets } = await readSheets(Buffer.from(await wb.xlsx.writeBuffer()), 'a.xlsx');
    expect(format).toBe('xlsx');
    expect(sheets[0]!.rows[0]!.cells.slice(0, 2)).toEqual(['Nama Lengkap', 'NIK']);
    expect((sheets[0]!.rows[0]!.cells[2] as Date).toISOString()).toBe('2025-01-15T00:00:00.000Z');
  });

  it('reads a CSV with a byte-order mark, and one saved as Windows-1252', async () => {
    const utf8 = await readSheets(Buffer.from('\uFEFFNama;NIK\nÉuis;1\n'), 'a.csv');
    expect(utf8.sheets[0]!.rows[1]!.cells[0]).toBe('Éuis');
    const latin = await readSheets(Buffer.from([0x4e, 0x61, 0x6d, 0x61, 0x0a, 0xc9, 0x75, 0x69, 0x73]), 'b.csv');
    expect(latin.sheets[0]!.rows[1]!.cells[0]).toBe('Éuis');
  });

  it('refuses an empty file, an old .xls and a damaged .xlsx with a message about the file', async () => {
    await expect(readSheets(Buffer.alloc(0), 'a.csv')).rejects.toMatchObject({ code: 'import_unreadable', fields: [{ field: 'file' }] });
    await expect(readSheets(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0, 0]), 'a.xls')).rejects.toMatchObject({
      msg: { id: expect.stringMatching(/\.xls .*tidak didukung/) },
    });
    await expect(readSheets(Buffer.from('PK\x03\x04rusak'), 'a.xlsx')).rejects.toMatchObject({ code: 'import_unreadable' });
  });
});
