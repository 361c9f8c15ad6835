/**
 * A statement as a printable A4 PDF on the cooperative's letterhead (kop surat): amounts
 * right-aligned in Indonesian format, negatives in parentheses, the table header repeated on
 * every page, page numbers, and signature blocks for the ketua and the bendahara.
 */
import { formatNumberId } from '@kopdes/shared/money';
import PDFDocument from 'pdfkit';
import type { Cell, ReportTable, Row } from './reports.tables.js';

export interface Letterhead {
  name: string;
  /** Legal entity number, address, village–district–regency–province. */
  lines: string[];
  /** Where and when the statement is signed: "Alamendah, 30 November 2025". */
  placeAndDate: string;
  printedAt: Date;
  printedLabel: string;
}

const MARGIN = 40;
const GREY = '#e8e8e8';

export function formatAmount(v: bigint): string {
  if (v === 0n) return '-';
  return v < 0n ? `(${formatNumberId(-v)})` : formatNumberId(v);
}

const text = (c: Cell) => (c === null ? '' : typeof c === 'bigint' ? formatAmount(c) : c);

export function renderPdf(table: ReportTable, head: Letterhead): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    layout: table.landscape ? 'landscape' : 'portrait',
    margins: { top: MARGIN, bottom: MARGIN + 14, left: MARGIN, right: MARGIN },
    bufferPages: true,
    info: { Title: `${table.title} — ${head.name}`, Author: head.name, Creator: 'kopdes' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const width = doc.page.width - 2 * MARGIN;
  const fontSize = table.columns.length > 6 ? 8 : 9;
  const totalWeight = table.columns.reduce((s, c) => s + c.width, 0);
  const widths = table.columns.map((c) => (c.width / totalWeight) * width);
  const xs = widths.map((_, i) => MARGIN + widths.slice(0, i).reduce((s, w) => s + w, 0));
  const pad = 3;
  const bottom = () => doc.page.height - doc.page.margins.bottom;

  // Letterhead.
  let y = MARGIN;
  doc.font('Helvetica-Bold').fontSize(15).text(head.name.toUpperCase(), MARGIN, y, { width, align: 'center' });
  y = doc.y + 2;
  doc.font('Helvetica').fontSize(8.5);
  for (const line of head.lines) {
    doc.text(line, MARGIN, y, { width, align: 'center' });
    y = doc.y;
  }
  y += 4;
  doc
    .moveTo(MARGIN, y)
    .lineTo(MARGIN + width, y)
    .lineWidth(2)
    .stroke();
  doc
    .moveTo(MARGIN, y + 3)
    .lineTo(MARGIN + width, y + 3)
    .lineWidth(0.5)
    .stroke();
  y += 14;
  doc.font('Helvetica-Bold').fontSize(12.5).text(table.title.toUpperCase(), MARGIN, y, { width, align: 'center' });
  doc.font('Helvetica').fontSize(9.5);
  for (const line of [table.subtitle, table.unitName, table.period].filter(Boolean)) doc.text(line, { width, align: 'center' });
  y = doc.y + 10;

  const cellLines = (row: Row) =>
    row.cells.map((c, i) => {
      const indent = i === 1 || (i === 2 && table.columns[1]?.header === 'No. Jurnal') ? (row.indent ?? 0) * 10 : 0;
      return { s: text(c), indent, w: widths[i]! - 2 * pad - indent };
    });

  const rowHeight = (row: Row, bold: boolean) => {
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(fontSize);
    return Math.max(...cellLines(row).map((c) => (c.s ? doc.heightOfString(c.s, { width: c.w }) : 0)), fontSize) + 2 * pad;
  };

  const drawRow = (row: Row, opts: { bold: boolean; fill?: string }) => {
    const h = rowHeight(row, opts.bold);
    if (opts.fill) doc.rect(MARGIN, y, width, h).fill(opts.fill).fillColor('black');
    doc.font(opts.bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(fontSize);
    cellLines(row).forEach((c, i) => {
      if (!c.s) return;
      const money = table.columns[i]!.kind === 'money';
      doc.text(c.s, xs[i]! + pad + c.indent, y + pad, { width: c.w, align: money ? 'right' : 'left', lineBreak: !money });
    });
    return h;
  };

  const header: Row = { cells: table.columns.map((c) => c.header) };
  const drawHeader = () => {
    const h = drawRow(header, { bold: true, fill: GREY });
    doc
      .moveTo(MARGIN, y)
      .lineTo(MARGIN + width, y)
      .lineWidth(0.6)
      .stroke();
    doc
      .moveTo(MARGIN, y + h)
      .lineTo(MARGIN + width, y + h)
      .lineWidth(0.6)
      .stroke();
    y += h;
  };
  drawHeader();

  const moneyStart = xs[table.columns.findIndex((c) => c.kind === 'money')] ?? MARGIN;
  for (const row of table.rows) {
    const style = row.style ?? 'normal';
    const bold = style !== 'normal';
    const h = rowHeight(row, bold);
    if (y + h > bottom()) {
      doc.addPage();
      y = MARGIN;
      drawHeader();
    }
    if (style === 'section' || style === 'grand') y += 2;
    if (style === 'subtotal' || style === 'total' || style === 'grand') {
      doc
        .moveTo(style === 'subtotal' ? moneyStart : MARGIN, y)
        .lineTo(MARGIN + width, y)
        .lineWidth(0.5)
        .stroke();
    }
    const drawn = drawRow(row, { bold });
    if (style === 'grand') {
      doc
        .moveTo(moneyStart, y + drawn)
        .lineTo(MARGIN + width, y + drawn)
        .lineWidth(0.5)
        .stroke();
      doc
        .moveTo(moneyStart, y + drawn + 2)
        .lineTo(MARGIN + width, y + drawn + 2)
        .lineWidth(0.5)
        .stroke();
    }
    y += drawn + (style === 'total' || style === 'grand' ? 4 : 0);
  }

  if (table.signatures) {
    if (y + 120 > bottom()) {
      doc.addPage();
      y = MARGIN;
    }
    y += 24;
    const half = width / 2;
    doc.font('Helvetica').fontSize(9.5);
    doc.text(head.placeAndDate, MARGIN + half, y, { width: half, align: 'center' });
    y = doc.y + 2;
    const block = (x: number, lines: string[]) => {
      doc.text(lines.join('\n'), x, y, { width: half, align: 'center' });
      doc.text('(.................................................)', x, y + 70, { width: half, align: 'center' });
    };
    block(MARGIN, ['Mengetahui,', 'Ketua']);
    block(MARGIN + half, ['Dibuat oleh,', 'Bendahara']);
  }

  const range = doc.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    doc.page.margins.bottom = 0; // writing in the footer must not start a new page
    doc.font('Helvetica').fontSize(7.5).fillColor('#555555');
    doc.text(`${table.title} · ${table.unitName} · dicetak ${head.printedLabel}`, MARGIN, doc.page.height - MARGIN + 2, {
      width: width - 90,
      height: 10,
      ellipsis: true,
    });
    doc.text(`Halaman ${i + 1} dari ${range.count}`, MARGIN + width - 90, doc.page.height - MARGIN + 2, { width: 90, align: 'right' });
    doc.fillColor('black');
  }
  doc.end();
  return done;
}
