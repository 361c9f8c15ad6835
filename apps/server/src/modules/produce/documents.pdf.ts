/**
 * The papers of the produce module, in Bahasa Indonesia for farmers and clerks: the intake slip a
 * farmer takes home (A6), lot labels with a QR code of the lot id (100 × 70 mm), and the payout
 * slip (A5). Large type for the figures a farmer checks; amounts also in words.
 */
import { formatDateId } from '@kopdes/shared/format';
import { formatRupiah } from '@kopdes/shared/money';
import { GRADE_LABELS, type Intake, type PayoutLine, type PayoutRun } from '@kopdes/shared/produce';
import { terbilangRupiah } from '@kopdes/shared/terbilang';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';

export interface Letterhead {
  name: string;
  address: string | null;
}

const MM = 72 / 25.4;

function collect(doc: PDFKit.PDFDocument): Promise<Buffer> {
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  return new Promise((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}

function header(doc: PDFKit.PDFDocument, head: Letterhead, title: string, margin: number) {
  const width = doc.page.width - 2 * margin;
  doc.font('Helvetica-Bold').fontSize(10.5).text(head.name.toUpperCase(), margin, margin, { width, align: 'center' });
  if (head.address) doc.font('Helvetica').fontSize(7).text(head.address, { width, align: 'center' });
  const y = doc.y + 3;
  doc
    .moveTo(margin, y)
    .lineTo(margin + width, y)
    .lineWidth(1.2)
    .stroke();
  doc
    .font('Helvetica-Bold')
    .fontSize(12)
    .text(title, margin, y + 6, { width, align: 'center' });
  doc.moveDown(0.4);
}

/** Label–value pairs in two columns. */
function pairs(doc: PDFKit.PDFDocument, rows: [string, string][], x: number, width: number, size = 9) {
  const labelW = width * 0.36;
  for (const [k, v] of rows) {
    const y = doc.y;
    doc.font('Helvetica').fontSize(size).text(k, x, y, { width: labelW });
    doc
      .font('Helvetica-Bold')
      .fontSize(size)
      .text(v, x + labelW, y, { width: width - labelW });
    doc.moveDown(0.15);
  }
}

interface Col {
  header: string;
  width: number;
  align?: 'left' | 'right' | 'center';
}

function table(doc: PDFKit.PDFDocument, cols: Col[], rows: string[][], x: number, width: number, size = 9) {
  const total = cols.reduce((s, c) => s + c.width, 0);
  const ws = cols.map((c) => (c.width / total) * width);
  const draw = (cells: string[], bold: boolean, shade: boolean) => {
    const y = doc.y;
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(size);
    const h = Math.max(...cells.map((c, i) => doc.heightOfString(c, { width: ws[i]! - 6 }))) + 6;
    if (y + h > doc.page.height - doc.page.margins.bottom) {
      doc.addPage();
      return draw(cells, bold, shade);
    }
    if (shade) doc.rect(x, y, width, h).fill('#e6e6e6').fillColor('black');
    let cx = x;
    cells.forEach((c, i) => {
      doc.text(c, cx + 3, y + 3, { width: ws[i]! - 6, align: cols[i]!.align ?? 'left' });
      cx += ws[i]!;
    });
    doc
      .moveTo(x, y + h)
      .lineTo(x + width, y + h)
      .lineWidth(0.4)
      .stroke();
    doc.y = y + h;
  };
  draw(
    cols.map((c) => c.header),
    true,
    true,
  );
  for (const r of rows) draw(r, false, false);
  doc.x = x;
}

function signatures(doc: PDFKit.PDFDocument, left: [string, string], right: [string, string], margin: number) {
  const width = doc.page.width - 2 * margin;
  let y = doc.y + 10;
  if (y + 60 > doc.page.height - doc.page.margins.bottom) {
    doc.addPage();
    y = doc.page.margins.top;
  }
  const half = width / 2;
  doc.font('Helvetica').fontSize(8.5);
  doc.text(left[0], margin, y, { width: half, align: 'center' });
  doc.text(right[0], margin + half, y, { width: half, align: 'center' });
  doc.text(`( ${left[1]} )`, margin, y + 42, { width: half, align: 'center' });
  doc.text(`( ${right[1]} )`, margin + half, y + 42, { width: half, align: 'center' });
  doc.y = y + 56;
}

/** The intake slip (A6) a farmer takes home: weights, grades, prices and the amount. */
export async function intakeSlipPdf(intake: Intake, head: Letterhead): Promise<Buffer> {
  const margin = 16;
  const doc = new PDFDocument({
    size: 'A6',
    margins: { top: margin, bottom: margin, left: margin, right: margin },
    info: { Title: `Slip ${intake.number}` },
  });
  const done = collect(doc);
  const width = doc.page.width - 2 * margin;
  header(doc, head, 'SLIP PENERIMAAN HASIL PANEN', margin);
  pairs(
    doc,
    [
      ['Nomor', intake.number],
      ['Tanggal', formatDateId(intake.date)],
      ['Petani', `${intake.farmer.fullName} (No. ${String(intake.farmer.number).padStart(4, '0')})`],
      ...(intake.farmer.farmerGroupName ? ([['Kelompok tani', intake.farmer.farmerGroupName]] as [string, string][]) : []),
      ['Titik kumpul', intake.collectionPoint.name],
      ...(intake.plot
        ? ([['Lahan', `${intake.plot.name}${intake.plot.villageName ? `, ${intake.plot.villageName}` : ''}`]] as [string, string][])
        : []),
      ['Komoditas', intake.commodity.name],
      ['Tanggal panen', formatDateId(intake.harvestDate)],
    ],
    margin,
    width,
    8.5,
  );
  if (intake.commodity.unit === 'kg') {
    doc.moveDown(0.2);
    table(
      doc,
      [
        { header: 'Peti', width: 1, align: 'center' },
        { header: 'Berat kotor', width: 2, align: 'right' },
        { header: 'Tara', width: 1.6, align: 'right' },
        { header: 'Berat bersih', width: 2, align: 'right' },
      ],
      [[String(intake.crates), intake.gross.text, intake.tare.text, intake.net.text]],
      margin,
      width,
      8.5,
    );
  }
  doc.moveDown(0.4);
  table(
    doc,
    [
      { header: 'Grade', width: 1.2 },
      { header: 'Berat', width: 1.6, align: 'right' },
      { header: intake.commodity.unit === 'kg' ? 'Harga/kg' : 'Harga/satuan', width: 1.6, align: 'right' },
      { header: 'Jumlah', width: 2, align: 'right' },
    ],
    intake.lots.map((l) => [
      GRADE_LABELS[l.grade].id,
      l.quantity.text,
      l.paid ? formatRupiah(BigInt(l.price)) : 'tidak dibayar',
      formatRupiah(BigInt(l.amount)),
    ]),
    margin,
    width,
    8.5,
  );
  doc.moveDown(0.5);
  const y = doc.y;
  doc
    .font('Helvetica-Bold')
    .fontSize(11)
    .text('JUMLAH', margin, y + 2);
  doc.fontSize(15).text(formatRupiah(BigInt(intake.amount)), margin, y, { width, align: 'right' });
  doc
    .font('Helvetica-Oblique')
    .fontSize(7.5)
    .text(`Terbilang: ${terbilangRupiah(BigInt(intake.amount))}`, margin, doc.y + 2, { width });
  doc
    .font('Helvetica')
    .fontSize(7)
    .text('Dibayarkan pada pembayaran petani berikutnya, dikurangi potongan yang disepakati. Simpan slip ini.', { width });
  if (intake.voided)
    doc
      .font('Helvetica-Bold')
      .fontSize(9)
      .fillColor('#b00000')
      .text(`DIBATALKAN ${formatDateId(intake.voided.date)}: ${intake.voided.reason}`, { width })
      .fillColor('black');
  signatures(doc, ['Petugas', intake.createdBy], ['Petani', intake.farmer.fullName], margin);
  doc.end();
  return done;
}

export interface LabelData {
  lotId: string;
  code: string;
  commodityName: string;
  grade: keyof typeof GRADE_LABELS;
  quantity: string;
  harvestDate: string;
  expiresOn: string;
  farmer: string | null;
  origin: string | null;
  intakeNumber: string | null;
  packs: string | null;
}

function drawQr(doc: PDFKit.PDFDocument, text: string, x: number, y: number, size: number) {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const quiet = 2;
  const cell = size / (n + 2 * quiet);
  doc.rect(x, y, size, size).fill('white');
  doc.fillColor('black');
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) if (qr.modules.get(r, c)) doc.rect(x + (c + quiet) * cell, y + (r + quiet) * cell, cell, cell);
  }
  doc.fill('black');
}

/** One 100 × 70 mm label per lot: QR code of the lot id, commodity, grade, weight, dates, origin. */
export async function lotLabelsPdf(labels: LabelData[], head: Letterhead): Promise<Buffer> {
  const size: [number, number] = [100 * MM, 70 * MM];
  const doc = new PDFDocument({
    size,
    margin: 0,
    autoFirstPage: false,
    info: { Title: `Label lot ${labels.map((l) => l.code).join(', ')}` },
  });
  const done = collect(doc);
  const pad = 4 * MM;
  for (const l of labels) {
    doc.addPage({ size, margin: 0 });
    const qr = 36 * MM;
    drawQr(doc, l.lotId, pad - 2 * MM, pad + 3 * MM, qr);
    doc
      .font('Helvetica')
      .fontSize(5.5)
      .text(l.lotId, pad - 2 * MM, pad + 3 * MM + qr, { width: qr, align: 'center' });
    const x = pad + qr;
    const w = size[0] - x - pad;
    doc.font('Helvetica').fontSize(6.5).text(head.name, x, pad, { width: w, lineBreak: false, ellipsis: true });
    doc
      .font('Helvetica-Bold')
      .fontSize(16)
      .text(l.commodityName, x, pad + 9, { width: w, lineBreak: false, ellipsis: true });
    doc.fontSize(20).text(GRADE_LABELS[l.grade].id.toUpperCase(), x, doc.y + 1, { width: w });
    doc.fontSize(14).text(l.quantity + (l.packs ? `  (${l.packs})` : ''), x, doc.y + 1, { width: w });
    doc.fontSize(9).text(l.code, x, doc.y + 2, { width: w });
    doc.font('Helvetica').fontSize(7.5);
    doc.text(`Panen: ${formatDateId(l.harvestDate)}`, x, doc.y + 2, { width: w });
    doc.font('Helvetica-Bold').text(`Baik sebelum: ${formatDateId(l.expiresOn)}`, x, doc.y, { width: w });
    doc.font('Helvetica');
    if (l.farmer) doc.text(`Petani: ${l.farmer}`, x, doc.y, { width: w, lineBreak: false, ellipsis: true });
    if (l.origin) doc.text(`Asal: ${l.origin}`, x, doc.y, { width: w, lineBreak: false, ellipsis: true });
    if (l.intakeNumber) doc.text(`Penerimaan: ${l.intakeNumber}`, x, doc.y, { width: w });
    doc
      .rect(1.5 * MM, 1.5 * MM, size[0] - 3 * MM, size[1] - 3 * MM)
      .lineWidth(0.6)
      .stroke();
  }
  doc.end();
  return done;
}

function payoutPage(doc: PDFKit.PDFDocument, run: PayoutRun | Omit<PayoutRun, 'payouts'>, p: PayoutLine, head: Letterhead, margin: number) {
  const width = doc.page.width - 2 * margin;
  header(doc, head, 'SLIP PEMBAYARAN HASIL PANEN', margin);
  pairs(
    doc,
    [
      ['Nomor', run.number ?? '-'],
      ['Tanggal bayar', formatDateId(run.payDate)],
      ['Periode setoran', `${formatDateId(run.from)} s.d. ${formatDateId(run.to)}`],
      ['Petani', `${p.fullName} (No. ${String(p.number).padStart(4, '0')})`],
      ...(p.farmerGroupName ? ([['Kelompok tani', p.farmerGroupName]] as [string, string][]) : []),
      ['Cara bayar', p.method === 'bank' ? `Transfer ${p.bankName ?? 'bank'} ${p.bankAccountNo ?? ''}` : 'Tunai'],
    ],
    margin,
    width,
    9.5,
  );
  doc.moveDown(0.4);
  doc.font('Helvetica-Bold').fontSize(10).text('Hasil panen yang disetor', margin);
  doc.moveDown(0.2);
  const rows: string[][] = [];
  for (const i of p.intakes) {
    for (const l of i.lines) {
      rows.push([
        formatDateId(i.date),
        i.commodityName,
        GRADE_LABELS[l.grade].id,
        l.quantity.text,
        formatRupiah(BigInt(l.price)),
        formatRupiah(BigInt(l.amount)),
      ]);
    }
  }
  table(
    doc,
    [
      { header: 'Tanggal', width: 2.2 },
      { header: 'Komoditas', width: 2.2 },
      { header: 'Grade', width: 1.3 },
      { header: 'Berat', width: 1.6, align: 'right' },
      { header: 'Harga', width: 1.6, align: 'right' },
      { header: 'Jumlah', width: 2, align: 'right' },
    ],
    rows,
    margin,
    width,
    8.5,
  );
  doc.moveDown(0.5);
  const line = (label: string, amount: string, bold = false, size = 10) => {
    const y = doc.y;
    doc
      .font(bold ? 'Helvetica-Bold' : 'Helvetica')
      .fontSize(size)
      .text(label, margin, y, { width: width * 0.6 });
    doc.text(amount, margin + width * 0.5, y, { width: width * 0.5, align: 'right' });
    doc.moveDown(0.2);
  };
  line('Jumlah hasil panen', formatRupiah(BigInt(p.gross)), true);
  for (const d of p.deductions) line(`Potongan ${d.label}${d.reference ? ` (${d.reference})` : ''}`, `- ${formatRupiah(BigInt(d.amount))}`);
  doc
    .moveTo(margin + width * 0.5, doc.y)
    .lineTo(margin + width, doc.y)
    .lineWidth(0.8)
    .stroke();
  doc.moveDown(0.3);
  line('DITERIMA BERSIH', formatRupiah(BigInt(p.net)), true, 15);
  doc
    .font('Helvetica-Oblique')
    .fontSize(8.5)
    .text(`Terbilang: ${terbilangRupiah(BigInt(p.net))}`, margin, doc.y, { width });
  signatures(doc, ['Bendahara', run.createdBy ?? ''], ['Penerima (petani)', p.fullName], margin);
}

/** Payout slips (A5), one page per farmer. */
export async function payoutSlipsPdf(
  run: PayoutRun | Omit<PayoutRun, 'payouts'>,
  payouts: PayoutLine[],
  head: Letterhead,
): Promise<Buffer> {
  const margin = 28;
  const doc = new PDFDocument({
    size: 'A5',
    margins: { top: margin, bottom: margin, left: margin, right: margin },
    autoFirstPage: false,
    info: { Title: `Slip pembayaran ${run.number ?? ''}` },
  });
  const done = collect(doc);
  for (const p of payouts) {
    doc.addPage();
    payoutPage(doc, run, p, head, margin);
  }
  if (!payouts.length) doc.addPage().font('Helvetica').fontSize(11).text('Tidak ada pembayaran.', margin, margin);
  doc.end();
  return done;
}
