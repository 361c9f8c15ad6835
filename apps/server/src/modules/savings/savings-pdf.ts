/**
 * Printed papers of savings: the receipt (kuitansi) of one transaction, with the amount in words,
 * and the member's passbook (buku simpanan) with every transaction and the running balance of
 * each kind. Plain PDF with the standard fonts, so it prints anywhere.
 */
import { formatMemberNumber } from '@kopdes/shared/members';
import { formatDateId, formatDateTimeId } from '@kopdes/shared/format';
import { formatNumberId, formatRupiah } from '@kopdes/shared/money';
import type { SavingsKind, SavingsTransaction } from '@kopdes/shared/savings';
import { KIND_LABELS, METHOD_LABELS, TYPE_LABELS } from '@kopdes/shared/savings';
import { terbilangRupiah } from '@kopdes/shared/terbilang';
import PDFDocument from 'pdfkit';

export interface CoopHeader {
  name: string;
  address: string | null;
  legalEntityNumber: string | null;
  villageLine: string;
  /** Where papers are signed: "Alamendah, 20 Januari 2025". */
  villageName: string;
  timeZone: string;
}

export interface MemberHeader {
  number: number;
  fullName: string;
  nik: string;
  address: string | null;
  villageLine: string;
  farmerGroup: string | null;
  joinDate: string;
  statusLabel: string;
  sex: 'M' | 'F';
  /** Savings of a member who died are paid to the heirs. */
  deceased: boolean;
}

const MONTHS = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];
const monthName = (period: string) => `${MONTHS[Number(period.slice(5, 7)) - 1]} ${period.slice(0, 4)}`;
const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function collect(doc: PDFKit.PDFDocument): Promise<Buffer> {
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  return new Promise((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}

function letterhead(doc: PDFKit.PDFDocument, coop: CoopHeader, x: number, width: number) {
  doc.font('Helvetica-Bold').fontSize(12).fillColor('#000').text(coop.name.toUpperCase(), x, doc.y, { width, align: 'center' });
  doc.font('Helvetica').fontSize(8);
  if (coop.legalEntityNumber) doc.text(`Badan Hukum No. ${coop.legalEntityNumber}`, { width, align: 'center' });
  // Addresses often name the village already; say it once.
  const village = coop.address && coop.address.toLowerCase().includes(coop.villageName.toLowerCase()) ? null : coop.villageLine;
  doc.text([coop.address, village].filter(Boolean).join(' · '), { width, align: 'center' });
  const y = doc.y + 4;
  doc
    .moveTo(x, y)
    .lineTo(x + width, y)
    .lineWidth(1.2)
    .stroke();
  doc
    .moveTo(x, y + 2)
    .lineTo(x + width, y + 2)
    .lineWidth(0.4)
    .stroke();
  doc.y = y + 10;
}

/** What the money was for, as a person writes it on a receipt. */
function purpose(t: SavingsTransaction): string {
  const kind = KIND_LABELS[t.kind].id;
  if (t.type === 'settlement') return `Pengembalian ${kind} karena keluar dari keanggotaan`;
  if (t.type === 'reversal') return `Koreksi (pembatalan) ${kind}`;
  if (t.type === 'withdrawal') return `Penarikan ${kind}`;
  const months = t.duesAllocations.filter((a) => BigInt(a.amount) > 0n).map((a) => monthName(a.period));
  if (t.kind === 'wajib' && months.length) return `Setoran ${kind} bulan ${months.join(', ')}`;
  return `Setoran ${kind}`;
}

export interface ReceiptData {
  coop: CoopHeader;
  member: MemberHeader;
  transaction: SavingsTransaction;
  /** The receipt number of the transaction a reversal undoes. */
  reversesNumber: string | null;
  printedAt: Date;
}

/** A5 landscape kuitansi. */
export async function receiptPdf(d: ReceiptData): Promise<Buffer> {
  const t = d.transaction;
  const doc = new PDFDocument({
    size: 'A5',
    layout: 'landscape',
    margin: 32,
    info: { Title: `Kuitansi ${t.number}`, Author: d.coop.name },
  });
  const done = collect(doc);
  const left = 32;
  const width = doc.page.width - 64;
  letterhead(doc, d.coop, left, width);

  const incoming = t.direction === 'in';
  const correction = t.type === 'reversal';
  const title: string = {
    deposit: 'KUITANSI',
    withdrawal: 'BUKTI PENARIKAN',
    reversal: 'KUITANSI KOREKSI',
    settlement: 'BUKTI PENGEMBALIAN SIMPANAN',
    transfer: incoming ? 'BUKTI PINDAH BUKU (MASUK)' : 'BUKTI PINDAH BUKU (KELUAR)',
  }[t.type];
  const top = doc.y;
  doc
    .font('Helvetica-Bold')
    .fontSize(15)
    .text(title, left, top, { width: width / 2 });
  doc
    .font('Helvetica')
    .fontSize(9)
    .text(`No. ${t.number}`, left + width / 2, top, { width: width / 2, align: 'right' });
  doc.text(`Tanggal ${formatDateId(t.date)}`, left + width / 2, doc.y, { width: width / 2, align: 'right' });
  doc.y = Math.max(doc.y, top + 20) + 8;

  const labelW = 118;
  const row = (label: string, value: string, opts: { bold?: boolean; italic?: boolean } = {}) => {
    const y = doc.y;
    doc.font('Helvetica').fontSize(9.5).text(label, left, y, { width: labelW });
    doc.text(':', left + labelW, y);
    doc
      .font(opts.bold ? 'Helvetica-Bold' : opts.italic ? 'Helvetica-Oblique' : 'Helvetica')
      .text(value, left + labelW + 10, y, { width: width - labelW - 10 });
    doc.y = Math.max(doc.y, y + 12) + 5;
  };
  const who = correction ? 'Anggota' : incoming ? 'Telah terima dari' : 'Dibayarkan kepada';
  const heirs = t.type === 'settlement' && d.member.deceased;
  const person = `${d.member.fullName} (No. Anggota ${formatMemberNumber(d.member.number)})`;
  row(who, heirs ? `Ahli waris ${d.member.sex === 'F' ? 'almarhumah' : 'almarhum'} ${person}` : person, { bold: true });
  row(correction ? 'Sejumlah' : 'Uang sejumlah', capitalise(terbilangRupiah(BigInt(t.amount))), { italic: true });
  const what = heirs ? `Pengembalian ${KIND_LABELS[t.kind].id} anggota yang meninggal dunia` : purpose(t);
  row(correction ? 'Keterangan' : 'Untuk pembayaran', what + (t.memo && !correction ? ` — ${t.memo}` : ''));
  if (d.reversesNumber) row('Membatalkan', d.reversesNumber);
  if (correction && t.memo) row('Alasan', t.memo.replace(/^Koreksi \S+: /, ''));
  row('Cara bayar', METHOD_LABELS[t.method].id);
  row(`Saldo ${KIND_LABELS[t.kind].id.toLowerCase()}`, `${formatRupiah(BigInt(t.balanceAfter))} setelah transaksi ini`);

  const boxY = doc.y + 6;
  doc.rect(left, boxY, 190, 30).lineWidth(1).stroke();
  doc
    .font('Helvetica-Bold')
    .fontSize(15)
    .text(formatRupiah(BigInt(t.amount)), left + 10, boxY + 8, { width: 170 });

  const signW = 150;
  const signX1 = left + width - 2 * signW - 20;
  const signX2 = left + width - signW;
  doc.font('Helvetica').fontSize(9);
  doc.text(`${d.coop.villageName}, ${formatDateId(t.date)}`, signX1, boxY, { width: 2 * signW + 20, align: 'right' });
  const y = boxY + 16;
  doc.text(correction ? 'Anggota,' : incoming ? 'Penyetor,' : heirs ? 'Penerima (ahli waris),' : 'Penerima,', signX1, y, {
    width: signW,
    align: 'center',
  });
  doc.text(t.kind === 'sukarela' ? 'Petugas,' : 'Bendahara,', signX2, y, { width: signW, align: 'center' });
  doc.text(heirs ? '( ............................ )' : `( ${d.member.fullName} )`, signX1, y + 48, { width: signW, align: 'center' });
  doc.text(`( ${t.createdBy} )`, signX2, y + 48, { width: signW, align: 'center' });

  doc.page.margins.bottom = 0; // the footer sits in the margin; without this pdfkit would start a new page
  doc.font('Helvetica').fontSize(7).fillColor('#555');
  doc.text(`Jurnal ${t.journalNumber} · dicetak ${formatDateTimeId(d.printedAt, d.coop.timeZone)}`, left, doc.page.height - 32 - 9, {
    width,
    align: 'center',
    lineBreak: false,
  });
  doc.end();
  return done;
}

export interface PassbookData {
  coop: CoopHeader;
  member: MemberHeader;
  /** In posting order. */
  transactions: SavingsTransaction[];
  balances: Record<SavingsKind, bigint>;
  printedAt: Date;
  today: string;
}

const KIND_ORDER: SavingsKind[] = ['pokok', 'wajib', 'sukarela'];

function describe(t: SavingsTransaction): string {
  if (t.type === 'deposit' && t.kind === 'wajib') {
    const months = t.duesAllocations.map((a) => monthName(a.period).replace(/^(\w{3})\w*/, '$1'));
    return months.length ? `Setoran ${months.join(', ')}` : 'Setoran';
  }
  if (t.type === 'reversal') return t.memo ?? 'Koreksi';
  if (t.type === 'settlement') return 'Dikembalikan, keluar' + (t.memo ? ` (${t.memo})` : '');
  return TYPE_LABELS[t.type].id + (t.memo ? ` — ${t.memo}` : '');
}

/** A4 portrait buku simpanan: member details, balances, then one table per kind of savings. */
export async function passbookPdf(d: PassbookData): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 36, bottom: 48, left: 36, right: 36 },
    bufferPages: true,
    info: { Title: `Buku Simpanan ${d.member.fullName}`, Author: d.coop.name },
  });
  const done = collect(doc);
  const left = 36;
  const width = doc.page.width - 72;
  const bottom = doc.page.height - 48;
  letterhead(doc, d.coop, left, width);
  doc.font('Helvetica-Bold').fontSize(14).text('BUKU SIMPANAN ANGGOTA', left, doc.y, { width, align: 'center' });
  doc.moveDown(0.6);

  const infoTop = doc.y;
  const pair = (x: number, y: number, label: string, value: string) => {
    doc.font('Helvetica').fontSize(9).fillColor('#444').text(label, x, y, { width: 82 });
    doc.fillColor('#000').text(`: ${value}`, x + 82, y, { width: width / 2 - 90 });
  };
  const m = d.member;
  const leftPairs: [string, string][] = [
    ['Nama', m.fullName],
    ['No. Anggota', formatMemberNumber(m.number)],
    ['NIK', m.nik],
    ['Kelompok tani', m.farmerGroup ?? '-'],
  ];
  const rightPairs: [string, string][] = [
    ['Alamat', m.address ?? '-'],
    ['Desa', m.villageLine],
    ['Tanggal masuk', formatDateId(m.joinDate)],
    ['Status', m.statusLabel],
  ];
  let yl = infoTop;
  for (const [l, v] of leftPairs) {
    pair(left, yl, l, v);
    yl = Math.max(doc.y, yl + 11) + 3;
  }
  let yr = infoTop;
  for (const [l, v] of rightPairs) {
    pair(left + width / 2, yr, l, v);
    yr = Math.max(doc.y, yr + 11) + 3;
  }
  doc.y = Math.max(yl, yr) + 6;

  // Balances as of printing.
  const boxY = doc.y;
  const cellW = width / 4;
  const total = d.balances.pokok + d.balances.wajib + d.balances.sukarela;
  const cells: [string, bigint][] = [
    ['Simpanan Pokok', d.balances.pokok],
    ['Simpanan Wajib', d.balances.wajib],
    ['Simpanan Sukarela', d.balances.sukarela],
    ['Jumlah Simpanan', total],
  ];
  doc.rect(left, boxY, width, 38).fillAndStroke('#f2f2f2', '#999');
  cells.forEach(([label, v], i) => {
    doc
      .fillColor('#444')
      .font('Helvetica')
      .fontSize(8)
      .text(label, left + i * cellW, boxY + 6, { width: cellW, align: 'center' });
    doc
      .fillColor('#000')
      .font('Helvetica-Bold')
      .fontSize(11)
      .text(formatRupiah(v), left + i * cellW, boxY + 19, { width: cellW, align: 'center' });
  });
  doc
    .font('Helvetica')
    .fontSize(7.5)
    .fillColor('#555')
    .text(`Saldo per ${formatDateId(d.today)}`, left, boxY + 42, { width, align: 'right' });
  doc.fillColor('#000');
  doc.y = boxY + 58;

  const cols = [
    { key: 'no', title: 'No', w: 24, align: 'right' as const },
    { key: 'date', title: 'Tanggal', w: 62, align: 'left' as const },
    { key: 'receipt', title: 'No. Bukti', w: 86, align: 'left' as const },
    { key: 'desc', title: 'Keterangan', w: 0, align: 'left' as const },
    { key: 'in', title: 'Setor (Rp)', w: 68, align: 'right' as const },
    { key: 'out', title: 'Tarik (Rp)', w: 68, align: 'right' as const },
    { key: 'bal', title: 'Saldo (Rp)', w: 74, align: 'right' as const },
  ];
  cols[3]!.w = width - cols.reduce((s, c) => s + c.w, 0);

  const header = () => {
    const y = doc.y;
    doc.rect(left, y, width, 15).fill('#dcdcdc');
    doc.fillColor('#000').font('Helvetica-Bold').fontSize(8);
    let x = left;
    for (const c of cols) {
      doc.text(c.title, x + 3, y + 4, { width: c.w - 6, align: c.align, lineBreak: false });
      x += c.w;
    }
    doc.y = y + 17;
  };

  for (const kind of KIND_ORDER) {
    const rows = d.transactions.filter((t) => t.kind === kind);
    if (doc.y + 70 > bottom) doc.addPage();
    doc.font('Helvetica-Bold').fontSize(10.5).text(KIND_LABELS[kind].id, left, doc.y);
    doc.moveDown(0.25);
    header();
    if (!rows.length) {
      doc
        .font('Helvetica-Oblique')
        .fontSize(8.5)
        .fillColor('#555')
        .text('Belum ada transaksi', left + 3, doc.y + 2);
      doc.fillColor('#000');
      doc.y += 10;
    }
    let running = 0n;
    let totalIn = 0n;
    let totalOut = 0n;
    rows.forEach((t, i) => {
      const amount = BigInt(t.amount);
      running += t.direction === 'in' ? amount : -amount;
      if (t.direction === 'in') totalIn += amount;
      else totalOut += amount;
      const values: Record<string, string> = {
        no: String(i + 1),
        date: formatShort(t.date),
        receipt: t.number,
        desc: describe(t),
        in: t.direction === 'in' ? formatNumberId(amount) : '',
        out: t.direction === 'out' ? formatNumberId(amount) : '',
        // The stored balance after each posting; it equals the running sum (checked in tests).
        bal: formatNumberId(BigInt(t.balanceAfter)),
      };
      doc.font('Helvetica').fontSize(8);
      const h = Math.max(12, doc.heightOfString(values.desc!, { width: cols[3]!.w - 6 }) + 4);
      if (doc.y + h > bottom) {
        doc.addPage();
        doc.font('Helvetica-Bold').fontSize(9).text(`${KIND_LABELS[kind].id} (lanjutan)`, left, doc.y);
        header();
        doc.font('Helvetica').fontSize(8);
      }
      const y = doc.y;
      if (i % 2 === 1)
        doc
          .rect(left, y - 1, width, h)
          .fill('#f7f7f7')
          .fillColor('#000');
      let x = left;
      for (const c of cols) {
        doc.text(values[c.key]!, x + 3, y + 1, { width: c.w - 6, align: c.align, lineBreak: c.key === 'desc' });
        x += c.w;
      }
      doc.y = y + h;
    });
    if (running !== d.balances[kind])
      throw new Error(`passbook ${kind} running balance ${running} differs from the balance ${d.balances[kind]}`);
    const y = doc.y + 1;
    doc
      .moveTo(left, y)
      .lineTo(left + width, y)
      .lineWidth(0.5)
      .stroke();
    doc.font('Helvetica-Bold').fontSize(8);
    let x = left;
    for (const c of cols) {
      const v =
        c.key === 'desc'
          ? 'Jumlah'
          : c.key === 'in'
            ? formatNumberId(totalIn)
            : c.key === 'out'
              ? formatNumberId(totalOut)
              : c.key === 'bal'
                ? formatNumberId(running)
                : '';
      doc.text(v, x + 3, y + 3, { width: c.w - 6, align: c.align, lineBreak: false });
      x += c.w;
    }
    doc.y = y + 22;
  }

  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    doc.page.margins.bottom = 0;
    doc.font('Helvetica').fontSize(7).fillColor('#555');
    doc.text(
      `${d.member.fullName} · No. ${formatMemberNumber(d.member.number)} · dicetak ${formatDateTimeId(d.printedAt, d.coop.timeZone)} · halaman ${i - range.start + 1} dari ${range.count}`,
      left,
      doc.page.height - 32,
      { width, align: 'center', lineBreak: false },
    );
  }
  doc.end();
  return done;
}

const formatShort = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
