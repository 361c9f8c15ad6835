/** The internship certificate: one landscape A4 page, printable in black and white. */
import { formatDateId } from '@kopdes/shared/format';
import { POSITION_LABELS, type OfficerPosition } from '@kopdes/shared/network';
import PDFDocument from 'pdfkit';

export interface CertificateData {
  certificateNumber: string;
  fullName: string;
  position: OfficerPosition;
  cooperativeName: string;
  area: string;
  programmeName: string;
  batchName: string;
  hostName: string;
  hostLocation: string;
  startsOn: string;
  endsOn: string;
  attended: number;
  sessions: number;
  scores: { label: string; pre: number | null; post: number | null; mentor: number | null }[];
}

const RED = '#b3261e';
const INK = '#1f1f1f';
const GREY = '#5f6368';

/** @example const pdf = await renderCertificate(data) // Buffer starting with %PDF */
export function renderCertificate(d: CertificateData): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: 0,
    info: { Title: `Sertifikat Magang ${d.certificateNumber}`, Author: 'kopdes', Subject: d.programmeName },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const W = doc.page.width;
  const H = doc.page.height;
  doc
    .lineWidth(3)
    .strokeColor(RED)
    .rect(20, 20, W - 40, H - 40)
    .stroke();
  doc
    .lineWidth(0.8)
    .strokeColor(INK)
    .rect(28, 28, W - 56, H - 56)
    .stroke();

  const text = (s: string, y: number, size: number, opts: { bold?: boolean; color?: string } = {}) =>
    doc
      .font(opts.bold ? 'Helvetica-Bold' : 'Helvetica')
      .fontSize(size)
      .fillColor(opts.color ?? INK)
      .text(s, 60, y, { width: W - 120, align: 'center' });

  text('KEMENTERIAN KOPERASI REPUBLIK INDONESIA', 52, 11, { bold: true, color: GREY });
  text('SERTIFIKAT', 76, 34, { bold: true, color: RED });
  text(`Nomor: ${d.certificateNumber}`, 116, 11, { color: GREY });
  text('diberikan kepada', 142, 12);
  text(d.fullName, 162, 26, { bold: true });
  text(`${POSITION_LABELS[d.position].id} — ${d.cooperativeName}, ${d.area}`, 198, 12);
  text(`yang telah menyelesaikan ${d.programmeName}, ${d.batchName},`, 226, 12);
  text(`di ${d.hostName} (${d.hostLocation}), ${formatDateId(d.startsOn)} s.d. ${formatDateId(d.endsOn)},`, 244, 12);
  text(`dengan kehadiran ${d.attended} dari ${d.sessions} sesi.`, 262, 12);

  // Competency table
  const cols = [260, 80, 80, 100];
  const x0 = (W - cols.reduce((a, b) => a + b, 0)) / 2;
  const heads = ['Kompetensi', 'Pre-test', 'Post-test', 'Nilai mentor'];
  let y = 296;
  const row = (cells: string[], bold: boolean) => {
    let x = x0;
    cells.forEach((c, i) => {
      doc
        .font(bold ? 'Helvetica-Bold' : 'Helvetica')
        .fontSize(10)
        .fillColor(INK)
        .text(c, x + 6, y + 5, { width: cols[i]! - 12, align: i === 0 ? 'left' : 'center' });
      x += cols[i]!;
    });
    doc
      .lineWidth(0.5)
      .strokeColor(GREY)
      .moveTo(x0, y + 20)
      .lineTo(x, y + 20)
      .stroke();
    y += 20;
  };
  doc
    .lineWidth(0.5)
    .strokeColor(GREY)
    .moveTo(x0, y)
    .lineTo(x0 + cols.reduce((a, b) => a + b, 0), y)
    .stroke();
  row(heads, true);
  for (const s of d.scores)
    row([s.label, s.pre?.toString() ?? '-', s.post?.toString() ?? '-', s.mentor === null ? '-' : `${s.mentor} / 5`], false);

  // Signatures
  const sigY = H - 120;
  const sig = (x: number, title: string, name: string) => {
    doc.font('Helvetica').fontSize(10).fillColor(INK).text(title, x, sigY, { width: 240, align: 'center' });
    doc
      .lineWidth(0.6)
      .strokeColor(INK)
      .moveTo(x + 30, sigY + 50)
      .lineTo(x + 210, sigY + 50)
      .stroke();
    doc
      .font('Helvetica')
      .fontSize(9)
      .fillColor(GREY)
      .text(name, x, sigY + 56, { width: 240, align: 'center' });
  };
  sig(90, `${d.hostLocation.split(',')[0] ?? ''}, ${formatDateId(d.endsOn)}`, `Pimpinan ${d.hostName}`);
  sig(W - 330, 'Kementerian Koperasi', 'Penyelenggara Program Magang');
  doc.end();
  return done;
}
