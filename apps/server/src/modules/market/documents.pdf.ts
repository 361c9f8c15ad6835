/**
 * The market papers, in Bahasa Indonesia: the delivery note (surat jalan, A4) listing every lot on
 * the truck for the store's receiving clerk, and the invoice (faktur, A4) with the amount in words.
 */
import { formatDateId } from '@kopdes/shared/format';
import type { Delivery, Invoice } from '@kopdes/shared/market';
import { formatRupiah } from '@kopdes/shared/money';
import { terbilangRupiah } from '@kopdes/shared/terbilang';
import PDFDocument from 'pdfkit';

export interface Letterhead {
  name: string;
  address: string | null;
}

export const MARGIN = 40;

export function collect(doc: PDFKit.PDFDocument): Promise<Buffer> {
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  return new Promise((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}

/** The letterhead, a rule, the title and under it `No. <number>` (or another line, e.g. the date of a picking list). */
export function heading(doc: PDFKit.PDFDocument, head: Letterhead, title: string, number: string, label = 'No. ') {
  const width = doc.page.width - 2 * MARGIN;
  doc.font('Helvetica-Bold').fontSize(13).text(head.name.toUpperCase(), MARGIN, MARGIN, { width });
  if (head.address) doc.font('Helvetica').fontSize(8.5).text(head.address, { width });
  const y = doc.y + 4;
  doc
    .moveTo(MARGIN, y)
    .lineTo(MARGIN + width, y)
    .lineWidth(1.2)
    .stroke();
  doc
    .font('Helvetica-Bold')
    .fontSize(15)
    .text(title, MARGIN, y + 10, { width, align: 'center' });
  doc.font('Helvetica').fontSize(10).text(`${label}${number}`, { width, align: 'center' });
  doc.moveDown(0.8);
}

export function pairs(doc: PDFKit.PDFDocument, rows: [string, string][], x: number, width: number) {
  for (const [k, v] of rows) {
    const y = doc.y;
    doc
      .font('Helvetica')
      .fontSize(9.5)
      .text(k, x, y, { width: width * 0.35 });
    doc
      .font('Helvetica-Bold')
      .fontSize(9.5)
      .text(v, x + width * 0.35, y, { width: width * 0.65 });
    doc.moveDown(0.2);
  }
}

export type Col = { header: string; width: number; align?: 'left' | 'right' | 'center' };

export function table(doc: PDFKit.PDFDocument, cols: Col[], rows: string[][], bold: Set<number> = new Set()) {
  const width = doc.page.width - 2 * MARGIN;
  const total = cols.reduce((s, c) => s + c.width, 0);
  const ws = cols.map((c) => (c.width / total) * width);
  const draw = (cells: string[], strong: boolean, shade: boolean) => {
    doc.font(strong ? 'Helvetica-Bold' : 'Helvetica').fontSize(9);
    const h = Math.max(...cells.map((c, i) => doc.heightOfString(c, { width: ws[i]! - 6 }))) + 7;
    if (doc.y + h > doc.page.height - MARGIN) doc.addPage();
    const y = doc.y;
    if (shade) doc.rect(MARGIN, y, width, h).fill('#e6e6e6').fillColor('black');
    let cx = MARGIN;
    cells.forEach((c, i) => {
      doc.text(c, cx + 3, y + 3.5, { width: ws[i]! - 6, align: cols[i]!.align ?? 'left' });
      cx += ws[i]!;
    });
    doc
      .moveTo(MARGIN, y + h)
      .lineTo(MARGIN + width, y + h)
      .lineWidth(0.4)
      .stroke();
    doc.y = y + h;
  };
  draw(
    cols.map((c) => c.header),
    true,
    true,
  );
  rows.forEach((r, i) => draw(r, bold.has(i), false));
  doc.x = MARGIN;
}

export function signatures(doc: PDFKit.PDFDocument, labels: string[]) {
  const width = doc.page.width - 2 * MARGIN;
  let y = doc.y + 24;
  if (y + 70 > doc.page.height - MARGIN) {
    doc.addPage();
    y = MARGIN;
  }
  const w = width / labels.length;
  doc.font('Helvetica').fontSize(9);
  labels.forEach((l, i) => {
    doc.text(l, MARGIN + i * w, y, { width: w, align: 'center' });
    doc.text('(....................................)', MARGIN + i * w, y + 52, { width: w, align: 'center' });
  });
  doc.y = y + 70;
}

export async function deliveryNotePdf(d: Delivery, head: Letterhead): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, info: { Title: `Surat Jalan ${d.number}` } });
  const done = collect(doc);
  const width = doc.page.width - 2 * MARGIN;
  heading(doc, head, 'SURAT JALAN', d.number);
  pairs(
    doc,
    [
      ['Tanggal kirim', formatDateId(d.date)],
      ['Kepada', `${d.partner.name} — ${d.store.name}`],
      ['Alamat', d.store.address],
      ['No. PO pembeli', `${d.purchaseOrder.partnerRef} (${d.purchaseOrder.number})`],
      ['Kendaraan / pengemudi', `${d.vehicle ?? '-'} / ${d.driver ?? '-'}`],
    ],
    MARGIN,
    width,
  );
  doc.moveDown(0.6);
  table(
    doc,
    [
      { header: 'No', width: 5, align: 'center' },
      { header: 'Barang', width: 30 },
      { header: 'Lot', width: 22 },
      { header: 'Jumlah', width: 15, align: 'right' },
      { header: 'Berat/isi', width: 14, align: 'right' },
      { header: 'Diterima', width: 14, align: 'right' },
    ],
    d.lines.map((l) => [
      String(l.lineNo),
      `${l.commodityName} grade ${l.grade}${l.packFormatName ? `, ${l.packFormatName}` : ''}`,
      `${l.lotCode}\n${l.lotId}`,
      l.quantity.text,
      l.base.text,
      l.accepted ? l.accepted.text : '',
    ]),
  );
  doc.moveDown(0.5);
  doc
    .font('Helvetica')
    .fontSize(8.5)
    .text(
      'Barang diterima dalam keadaan baik dan jumlah sesuai, kecuali yang dicatat pada kolom Diterima. Setiap lot dapat ditelusuri ke petani asalnya melalui nomor lot.',
      MARGIN,
      doc.y,
      { width },
    );
  signatures(doc, ['Pengirim', 'Pengemudi', 'Penerima (toko)']);
  doc.end();
  return done;
}

export async function invoicePdf(inv: Invoice, head: Letterhead, npwpCoop: string | null): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, info: { Title: `Faktur ${inv.number}` } });
  const done = collect(doc);
  const width = doc.page.width - 2 * MARGIN;
  const credit = inv.kind === 'credit_note';
  heading(doc, head, credit ? 'NOTA KREDIT' : 'FAKTUR PENJUALAN', inv.number);
  pairs(
    doc,
    [
      ['Tanggal', formatDateId(inv.date)],
      ...(credit ? [] : ([['Jatuh tempo', formatDateId(inv.dueDate)]] as [string, string][])),
      ['Kepada', inv.partner.name],
      ['NPWP pembeli', inv.partner.npwp ?? '-'],
      ...(npwpCoop ? ([['NPWP koperasi', npwpCoop]] as [string, string][]) : []),
      ...(credit && inv.reason ? ([['Alasan', inv.reason]] as [string, string][]) : []),
    ],
    MARGIN,
    width,
  );
  doc.moveDown(0.6);
  const rows = inv.lines.map((l) => [
    String(l.lineNo),
    l.description,
    l.deliveryNumber ?? '',
    l.quantity?.text ?? '',
    l.unitPrice ? formatRupiah(BigInt(l.unitPrice)) : '',
    formatRupiah(BigInt(l.amount)),
  ]);
  rows.push(['', 'JUMLAH', '', '', '', formatRupiah(BigInt(inv.amount))]);
  table(
    doc,
    [
      { header: 'No', width: 5, align: 'center' },
      { header: 'Uraian', width: 34 },
      { header: 'Surat jalan', width: 18 },
      { header: 'Jumlah', width: 12, align: 'right' },
      { header: 'Harga', width: 13, align: 'right' },
      { header: 'Nilai', width: 16, align: 'right' },
    ],
    rows,
    new Set([rows.length - 1]),
  );
  doc.moveDown(0.5);
  doc
    .font('Helvetica-Oblique')
    .fontSize(9)
    .text(`Terbilang: ${terbilangRupiah(BigInt(inv.amount))}`, MARGIN, doc.y, { width });
  signatures(doc, ['Bendahara']);
  doc.end();
  return done;
}
