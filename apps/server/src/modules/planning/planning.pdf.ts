/**
 * The printed plan sheet of one farmer for the farmer-group meeting (Bahasa Indonesia): what to
 * plant, on which plot and where on it, when, when it is harvested, how much is expected and what
 * it is worth at current prices, with the weekly harvest and room for signatures. Standard fonts,
 * A4 landscape, so it prints anywhere.
 */
import { formatDateId } from '@kopdes/shared/format';
import { formatNumberId, formatRupiah } from '@kopdes/shared/money';
import { formatKg } from '@kopdes/shared/quantity';
import PDFDocument from 'pdfkit';

export interface PlanSheetData {
  coopName: string;
  coopPlace: string;
  seasonName: string;
  seasonStart: string;
  seasonEnd: string;
  farmer: { id: string; name: string; group: string };
  plots: { name: string; areaM2: number; altitudeM: number }[];
  plantings: {
    commodityName: string;
    plotName: string;
    fromM2: number;
    toM2: number;
    areaM2: number;
    beds: number;
    bedM2: number;
    plantDate: string;
    plantWeek: number;
    harvestFrom: string;
    harvestTo: string;
    expectedGrams: bigint;
    expectedIncome: bigint;
    pricePerKg: bigint;
    status: string;
  }[];
  /** Expected harvest per week (all the farmer's plantings): week start and grams per commodity. */
  weekly: { weekStart: string; items: { commodityName: string; grams: bigint }[] }[];
  printedOn: string;
}

function collect(doc: PDFKit.PDFDocument): Promise<Buffer> {
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  return new Promise((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}

const shortDate = (iso: string) => {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y!.slice(2)}`;
};

export async function planSheetPdf(d: PlanSheetData): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: 36,
    info: { Title: `Rencana tanam ${d.farmer.name}`, Author: d.coopName },
  });
  const done = collect(doc);
  const left = 36;
  const width = doc.page.width - 72;
  const bottom = doc.page.height - 48;

  doc.font('Helvetica-Bold').fontSize(12).text(d.coopName.toUpperCase(), left, 36, { width, align: 'center' });
  doc.font('Helvetica-Bold').fontSize(14).text('RENCANA TANAM PETANI', { width, align: 'center' });
  doc
    .font('Helvetica')
    .fontSize(9)
    .text(`${d.seasonName} · ${formatDateId(d.seasonStart)} s.d. ${formatDateId(d.seasonEnd)}`, { width, align: 'center' });
  doc.moveDown(0.6);

  const infoTop = doc.y;
  const label = (l: string, v: string, x: number, y: number) => {
    doc.font('Helvetica').fontSize(9).text(l, x, y, { width: 90 });
    doc.font('Helvetica-Bold').text(`: ${v}`, x + 90, y, { width: 260 });
  };
  label('Nama petani', d.farmer.name, left, infoTop);
  label('No. anggota', d.farmer.id, left, infoTop + 13);
  label('Kelompok tani', d.farmer.group, left, infoTop + 26);
  doc
    .font('Helvetica')
    .fontSize(9)
    .text('Lahan', left + 380, infoTop, { width: 60 });
  d.plots.forEach((p, i) => {
    doc
      .font('Helvetica')
      .text(
        `: ${p.name} — ${formatNumberId(BigInt(p.areaM2))} m², ${formatNumberId(BigInt(p.altitudeM))} m dpl`,
        left + 440,
        infoTop + i * 13,
        { width: width - 440 },
      );
  });
  doc.y = infoTop + Math.max(3, d.plots.length) * 13 + 10;

  // Planting table.
  const cols = [
    { h: 'No', w: 22, a: 'right' as const },
    { h: 'Komoditas', w: 105 },
    { h: 'Lahan (posisi m²)', w: 112 },
    { h: 'Luas', w: 74, a: 'right' as const },
    { h: 'Tanam (minggu)', w: 76 },
    { h: 'Panen', w: 88 },
    { h: 'Perk. hasil', w: 66, a: 'right' as const },
    { h: 'Harga/kg', w: 56, a: 'right' as const },
    { h: 'Perk. pendapatan', w: 84, a: 'right' as const },
    { h: 'Status', w: width - 683 },
  ];
  const drawRow = (cells: string[], opts: { bold?: boolean; fill?: string } = {}) => {
    const y = doc.y;
    const h = 16;
    if (y + h > bottom) {
      doc.addPage();
      doc.y = 36;
      return drawRow(cells, opts);
    }
    if (opts.fill) doc.rect(left, y, width, h).fill(opts.fill).fillColor('#000');
    let x = left;
    cells.forEach((c, i) => {
      const col = cols[i]!;
      doc
        .font(opts.bold ? 'Helvetica-Bold' : 'Helvetica')
        .fontSize(8)
        .text(c, x + 3, y + 4, { width: col.w - 6, height: 10, align: col.a ?? 'left', lineBreak: false, ellipsis: true });
      x += col.w;
    });
    doc
      .moveTo(left, y + h)
      .lineTo(left + width, y + h)
      .lineWidth(0.3)
      .strokeColor('#999')
      .stroke()
      .strokeColor('#000');
    doc.y = y + h;
  };
  drawRow(
    cols.map((c) => c.h),
    { bold: true, fill: '#e8efe3' },
  );
  let totalGrams = 0n;
  let totalIncome = 0n;
  d.plantings.forEach((p, i) => {
    totalGrams += p.expectedGrams;
    totalIncome += p.expectedIncome;
    drawRow([
      String(i + 1),
      p.commodityName,
      `${p.plotName} (${formatNumberId(BigInt(p.fromM2))}–${formatNumberId(BigInt(p.toM2))})`,
      `${formatNumberId(BigInt(p.areaM2))} m² (${p.beds} bd)`,
      `${shortDate(p.plantDate)} (ke-${p.plantWeek + 1})`,
      `${shortDate(p.harvestFrom)}–${shortDate(p.harvestTo)}`,
      formatKg(p.expectedGrams),
      formatRupiah(p.pricePerKg),
      formatRupiah(p.expectedIncome),
      p.status,
    ]);
  });
  if (!d.plantings.length) drawRow(['', 'Tidak ada tanaman dalam rencana ini', '', '', '', '', '', '', '', '']);
  drawRow(['', 'JUMLAH', '', '', '', '', formatKg(totalGrams), '', formatRupiah(totalIncome), ''], { bold: true, fill: '#f4f4f4' });
  doc.moveDown(0.5);
  doc
    .font('Helvetica-Oblique')
    .fontSize(7.5)
    .text(
      'Perk. = perkiraan. Pendapatan dihitung dengan harga sekarang dan dapat berubah. Posisi m² dihitung dari ujung lahan; satu bedengan (bd) sesuai ukuran bedengan komoditas. ' +
        'Rotasi: jangan menanam famili yang sama berturut-turut di bedengan yang sama.',
      left,
      doc.y,
      { width },
    );
  doc.moveDown(0.6);

  // Weekly harvest, four columns.
  if (d.weekly.length) {
    if (doc.y + 60 > bottom) doc.addPage();
    doc.font('Helvetica-Bold').fontSize(9.5).text('Perkiraan panen per minggu', left, doc.y);
    doc.moveDown(0.3);
    const colW = width / 4;
    const perCol = Math.ceil(d.weekly.length / 4);
    const top = doc.y;
    let maxY = top;
    d.weekly.forEach((wk, i) => {
      const x = left + Math.floor(i / perCol) * colW;
      const y = i % perCol === 0 ? top : doc.y;
      const text = `${shortDate(wk.weekStart)}: ${wk.items.map((it) => `${it.commodityName} ${formatKg(it.grams)}`).join(', ')}`;
      doc
        .font('Helvetica')
        .fontSize(7.5)
        .text(text, x, y, { width: colW - 8 });
      maxY = Math.max(maxY, doc.y);
    });
    doc.y = maxY + 10;
  }

  // Signatures.
  if (doc.y + 70 > bottom) doc.addPage();
  const sigTop = doc.y + 4;
  const sigW = width / 3;
  doc
    .font('Helvetica')
    .fontSize(8.5)
    .text(`${d.coopPlace}, ${formatDateId(d.printedOn)}`, left + 2 * sigW, sigTop, { width: sigW, align: 'center' });
  ['Petani', 'Ketua Kelompok Tani', 'Pengurus Koperasi'].forEach((who, i) => {
    doc
      .font('Helvetica')
      .fontSize(8.5)
      .text(who, left + i * sigW, sigTop + 12, { width: sigW, align: 'center' });
    doc.text(i === 0 ? `( ${d.farmer.name} )` : '( ........................................ )', left + i * sigW, sigTop + 56, {
      width: sigW,
      align: 'center',
    });
  });
  doc.end();
  return done;
}
