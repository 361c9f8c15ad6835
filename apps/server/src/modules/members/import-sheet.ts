/**
 * Reads a member list as cooperatives keep it — an .xlsx workbook or a CSV (comma, semicolon or
 * tab) — into rows of cells, and finds the header row among the first rows by its Indonesian
 * column names. Knows nothing about members beyond the column names.
 */
import ExcelJS from 'exceljs';
import { AppError } from '../../lib/errors.js';

export type Cell = string | number | Date | null;
export interface SheetRow {
  /** 1-based, as the spreadsheet shows it. */
  row: number;
  cells: Cell[];
}
export interface Sheet {
  name: string | null;
  rows: SheetRow[];
}

export type ImportField =
  | 'rowNo'
  | 'number'
  | 'nik'
  | 'fullName'
  | 'sex'
  | 'birthPlace'
  | 'birthDate'
  | 'birthPlaceDate'
  | 'address'
  | 'rt'
  | 'rw'
  | 'rtRw'
  | 'village'
  | 'villageCode'
  | 'phone'
  | 'occupation'
  | 'joinDate'
  | 'farmerGroup'
  | 'status'
  | 'notes';

const ALIASES: Record<ImportField, string[]> = {
  rowNo: ['no', 'nomor', 'no urut', 'nomor urut', 'urut'],
  number: ['no anggota', 'nomor anggota', 'noanggota', 'nia', 'no induk anggota', 'nomor induk anggota', 'no reg', 'no registrasi'],
  nik: ['nik', 'no ktp', 'nomor ktp', 'nik ktp', 'no nik', 'nomor nik', 'nomor induk kependudukan', 'ktp'],
  fullName: ['nama', 'nama lengkap', 'nama anggota', 'nama sesuai ktp', 'nama lengkap sesuai ktp', 'nama lengkap anggota'],
  sex: ['jenis kelamin', 'jk', 'l/p', 'kelamin', 'gender', 'jns kelamin', 'jenis kel', 'sex'],
  birthPlace: ['tempat lahir', 'tmp lahir', 'tmpt lahir', 'tpt lahir'],
  birthDate: ['tanggal lahir', 'tgl lahir', 'tgllahir', 'tanggallahir', 'tgl lhr'],
  birthPlaceDate: ['tempat tanggal lahir', 'tempat/tanggal lahir', 'tempat/tgl lahir', 'ttl', 'tempat, tanggal lahir', 'tempat tgl lahir'],
  address: ['alamat', 'alamat lengkap', 'alamat rumah', 'dusun', 'kampung', 'alamat sesuai ktp'],
  rt: ['rt'],
  rw: ['rw'],
  rtRw: ['rt/rw', 'rt rw'],
  village: ['desa', 'kelurahan', 'desa/kelurahan', 'desa kelurahan', 'kel/desa', 'desa/kel'],
  villageCode: ['kode desa', 'kode wilayah', 'kode desa/kelurahan'],
  phone: [
    'no hp',
    'nomor hp',
    'hp',
    'no telp',
    'no telepon',
    'nomor telepon',
    'telepon',
    'telp',
    'no wa',
    'nomor wa',
    'whatsapp',
    'no hp/wa',
    'hp/wa',
    'no handphone',
    'kontak',
  ],
  occupation: ['pekerjaan', 'profesi', 'mata pencaharian', 'pekerjaan utama'],
  joinDate: [
    'tgl masuk',
    'tanggal masuk',
    'tgl bergabung',
    'tanggal bergabung',
    'tgl daftar',
    'tanggal daftar',
    'tgl gabung',
    'tanggal gabung',
    'tanggal masuk anggota',
    'tgl masuk anggota',
    'mulai anggota',
  ],
  farmerGroup: ['kelompok tani', 'poktan', 'kelompok', 'nama poktan', 'nama kelompok tani', 'nama kelompok'],
  status: ['status', 'status anggota', 'status keanggotaan'],
  notes: ['keterangan', 'ket', 'catatan'],
};

const ALIAS_INDEX = new Map<string, ImportField>();
for (const [field, names] of Object.entries(ALIASES) as [ImportField, string[]][]) for (const n of names) ALIAS_INDEX.set(n, field);

/** Header text to lookup key: lower case, without punctuation noise, "(dd/mm/yyyy)" hints or "*". */
export function headerKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/\([^)]*\)/g, ' ')
    .replace(/[*:._-]+/g, ' ')
    .replace(/\s*\/\s*/g, '/')
    .replace(/\s*,\s*/g, ', ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/,$/, '');
}

export const fieldOfHeader = (text: string): ImportField | undefined => ALIAS_INDEX.get(headerKey(text));

export interface ColumnMap {
  index: number;
  header: string;
  field: ImportField | null;
}

export interface Layout {
  sheet: Sheet;
  headerRow: number;
  columns: ColumnMap[];
  /** Rows after the header (a row of column numbers 1, 2, 3 … under it is left out). */
  dataRows: SheetRow[];
}

export const cellText = (c: Cell): string =>
  c === null ? '' : c instanceof Date ? c.toISOString().slice(0, 10) : typeof c === 'number' ? String(c) : c.trim();

const HEADER_SCAN_ROWS = 20;

/** The first sheet whose first rows hold a header naming at least the name and the NIK. */
export function findLayout(sheets: Sheet[]): Layout | undefined {
  for (const sheet of sheets) {
    for (const r of sheet.rows) {
      if (r.row > HEADER_SCAN_ROWS) break;
      const columns: ColumnMap[] = [];
      const seen = new Set<ImportField>();
      r.cells.forEach((c, index) => {
        const header = typeof c === 'string' ? c.replace(/\s+/g, ' ').trim() : '';
        if (!header) return;
        let field = fieldOfHeader(header) ?? null;
        if (field && seen.has(field)) field = null; // a second "Nama" column (e.g. of the group) is not the member's
        if (field) seen.add(field);
        columns.push({ index, header, field });
      });
      if (!seen.has('fullName') || !seen.has('nik')) continue;
      let dataRows = sheet.rows.filter((x) => x.row > r.row);
      const next = dataRows[0];
      if (next && isColumnNumbering(next)) dataRows = dataRows.slice(1);
      return { sheet, headerRow: r.row, columns, dataRows };
    }
  }
  return undefined;
}

function isColumnNumbering(r: SheetRow): boolean {
  const values = r.cells.filter((c) => c !== null && cellText(c) !== '').map(cellText);
  return values.length >= 3 && values.every((v, i) => v === String(i + 1) || v === `(${i + 1})`);
}

// ── file formats ────────────────────────────────────────────────────────────────────────────

const unreadable = (id: string, en: string) =>
  new AppError('validation', 'import_unreadable', { id, en }, [{ field: 'file', code: 'import_unreadable', message: { id, en } }]);

export type FileFormat = 'xlsx' | 'csv';

export async function readSheets(data: Buffer, filename: string): Promise<{ format: FileFormat; sheets: Sheet[] }> {
  if (data.length === 0) throw unreadable('Berkas kosong', 'The file is empty');
  if (data[0] === 0xd0 && data[1] === 0xcf && data[2] === 0x11 && data[3] === 0xe0) {
    throw unreadable(
      'Berkas .xls (Excel 97–2003) tidak didukung; simpan ulang sebagai .xlsx atau CSV',
      'Old .xls (Excel 97–2003) files are not supported; save it as .xlsx or CSV',
    );
  }
  if (data[0] === 0x50 && data[1] === 0x4b) return { format: 'xlsx', sheets: await readXlsx(data) };
  if (/\.(xlsx|xlsm|xls|ods|pdf|docx?)$/i.test(filename)) {
    throw unreadable(`Berkas "${filename}" tidak dapat dibaca sebagai .xlsx`, `"${filename}" cannot be read as an .xlsx workbook`);
  }
  return { format: 'csv', sheets: [{ name: null, rows: parseCsv(decodeText(data)) }] };
}

async function readXlsx(data: Buffer): Promise<Sheet[]> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    throw unreadable('Berkas .xlsx rusak atau tidak dapat dibaca', 'The .xlsx file is damaged or cannot be read');
  }
  return wb.worksheets.map((ws) => {
    const rows: SheetRow[] = [];
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const values = row.values as unknown[];
      const cells: Cell[] = [];
      for (let i = 1; i < values.length; i++) cells.push(excelCell(values[i]));
      rows.push({ row: rowNumber, cells });
    });
    return { name: ws.name, rows };
  });
}

function excelCell(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return v;
  if (typeof v === 'object') {
    const o = v as { richText?: { text: string }[]; result?: unknown; text?: unknown; error?: string };
    if (o.richText) return o.richText.map((t) => t.text).join('');
    if ('result' in o) return excelCell(o.result);
    if (typeof o.text === 'string') return o.text;
    if (o.error) return o.error;
  }
  return String(v);
}

function decodeText(data: Buffer): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    text = new TextDecoder('windows-1252').decode(data); // CSV saved by an older Excel
  }
  return text.replace(/^\uFEFF/, '');
}

/** RFC 4180 CSV with the delimiter guessed from the first lines (Indonesian Excel writes ";"). */
export function parseCsv(text: string): SheetRow[] {
  const sample = text.split(/\r?\n/).slice(0, 20).join('\n');
  const count = (ch: string) => sample.split(ch).length - 1;
  const delimiter = [';', ',', '\t'].reduce((best, ch) => (count(ch) > count(best) ? ch : best), ',');
  const rows: SheetRow[] = [];
  let cells: Cell[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let rowStart = 1;
  const endField = () => {
    cells.push(field === '' ? null : field);
    field = '';
  };
  const endRow = () => {
    endField();
    if (cells.some((c) => c !== null && String(c).trim() !== '')) rows.push({ row: rowStart, cells });
    cells = [];
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
    } else if (ch === '"' && field.trim() === '') {
      quoted = true;
      field = '';
    } else if (ch === delimiter) endField();
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRow();
      line++;
      rowStart = line;
    } else field += ch;
  }
  if (field !== '' || cells.length) endRow();
  return rows;
}
