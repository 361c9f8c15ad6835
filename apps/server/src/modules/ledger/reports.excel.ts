/**
 * A statement as an .xlsx workbook: values (never formulas), amounts as numbers with a thousands
 * format, negatives in parentheses, the cooperative's letterhead above the table.
 */
import ExcelJS from 'exceljs';
import type { Letterhead } from './reports.pdf.js';
import type { ReportTable } from './reports.tables.js';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MONEY_FORMAT = '#,##0;(#,##0);"-"';

/** Exact in a spreadsheet up to 2^53; anything larger is written as text rather than rounded. */
const cellValue = (v: string | bigint | null) =>
  typeof v === 'bigint' ? (v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= -BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v.toString()) : v;

export async function renderXlsx(table: ReportTable, head: Letterhead): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'kopdes';
  wb.created = head.printedAt;
  const ws = wb.addWorksheet(table.title.slice(0, 31), {
    pageSetup: { paperSize: 9, orientation: table.landscape ? 'landscape' : 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  const n = table.columns.length;
  const banner = (text: string, font: Partial<ExcelJS.Font>) => {
    const row = ws.addRow([text]);
    ws.mergeCells(row.number, 1, row.number, n);
    row.getCell(1).font = font;
    row.getCell(1).alignment = { horizontal: 'center' };
  };
  banner(head.name.toUpperCase(), { bold: true, size: 14 });
  for (const line of head.lines) banner(line, { size: 9 });
  ws.addRow([]);
  banner(table.title.toUpperCase(), { bold: true, size: 12 });
  if (table.subtitle) banner(table.subtitle, { size: 10 });
  banner(table.unitName, { size: 10 });
  banner(table.period, { size: 10 });
  ws.addRow([]);

  const header = ws.addRow(table.columns.map((c) => c.header));
  header.eachCell((cell, i) => {
    cell.font = { bold: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8E8E8' } };
    cell.border = { top: { style: 'thin' }, bottom: { style: 'thin' } };
    cell.alignment = { horizontal: table.columns[i - 1]!.kind === 'money' ? 'right' : 'left', vertical: 'middle', wrapText: true };
  });
  ws.views = [{ state: 'frozen', ySplit: header.number }];

  for (const r of table.rows) {
    const row = ws.addRow(r.cells.map(cellValue));
    const strong = r.style && r.style !== 'normal';
    table.columns.forEach((c, i) => {
      const cell = row.getCell(i + 1);
      if (c.kind === 'money') {
        cell.numFmt = MONEY_FORMAT;
        cell.alignment = { horizontal: 'right' };
      } else if (r.indent) {
        cell.alignment = { indent: r.indent };
      }
      if (strong) cell.font = { bold: true };
      if (r.style === 'subtotal' || r.style === 'total') cell.border = { top: { style: 'thin' } };
      if (r.style === 'grand') cell.border = { top: { style: 'thin' }, bottom: { style: 'double' } };
    });
  }
  const totalWidth = table.columns.reduce((s, c) => s + c.width, 0);
  table.columns.forEach((c, i) => {
    ws.getColumn(i + 1).width = Math.max(8, Math.round((c.width / totalWidth) * (table.landscape ? 150 : 100)));
  });
  ws.addRow([]);
  ws.addRow([`Dicetak ${head.printedLabel}`]).getCell(1).font = { italic: true, size: 8 };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
