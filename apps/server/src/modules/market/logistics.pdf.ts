/**
 * Papers for the packing house and the driver, in Bahasa Indonesia: the picking list of a delivery
 * day (place by place, lot by lot, with a tick column) and the route sheet (stops in order with
 * the store's address, receiving hours, contact and the delivery notes to hand over).
 */
import { formatDateId } from '@kopdes/shared/format';
import type { DeliveryRoute, PickingList } from '@kopdes/shared/market';
import { formatRupiah } from '@kopdes/shared/money';
import PDFDocument from 'pdfkit';
import { collect, heading, MARGIN, pairs, signatures, table, type Letterhead } from './documents.pdf.js';

const item = (x: { commodityName: string; grade: string; packFormatName: string | null }) =>
  `${x.commodityName} grade ${x.grade}${x.packFormatName ? `, ${x.packFormatName}` : ''}`;

export async function pickingListPdf(p: PickingList, head: Letterhead): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, info: { Title: `Daftar Ambil ${p.date}` } });
  const done = collect(doc);
  const width = doc.page.width - 2 * MARGIN;
  heading(doc, head, 'DAFTAR AMBIL BARANG (PICKING LIST)', formatDateId(p.date), 'Tanggal kirim ');
  if (!p.places.length) doc.font('Helvetica').fontSize(10).text('Tidak ada pesanan terbuka untuk tanggal ini.', MARGIN, doc.y, { width });
  for (const place of p.places) {
    doc.moveDown(0.4);
    doc.font('Helvetica-Bold').fontSize(11).text(`Lokasi: ${place.locationName}`, MARGIN, doc.y, { width });
    doc.moveDown(0.2);
    table(
      doc,
      [
        { header: 'Lot', width: 20 },
        { header: 'Barang', width: 21 },
        { header: 'Kedaluwarsa', width: 15 },
        { header: 'Untuk (toko, PO)', width: 30 },
        { header: 'Jumlah', width: 10, align: 'right' },
        { header: 'Cek', width: 5, align: 'center' },
      ],
      place.lots.flatMap((l) =>
        l.picks.map((k, i) => [
          i === 0 ? `${l.lotCode}\n${l.lotId}` : '',
          i === 0 ? `${item(l)}\nTotal ${l.total.text}` : '',
          i === 0 ? formatDateId(l.expiresOn) : '',
          `${k.partnerName} — ${k.storeName}\n${k.purchaseOrderNumber} baris ${k.lineNo}`,
          k.quantity.text,
          '',
        ]),
      ),
    );
  }
  if (p.shortfalls.length) {
    doc.moveDown(0.6);
    doc.font('Helvetica-Bold').fontSize(11).text('Kekurangan stok (belum dapat dipenuhi)', MARGIN, doc.y, { width });
    doc.moveDown(0.2);
    table(
      doc,
      [
        { header: 'Toko', width: 34 },
        { header: 'PO', width: 20 },
        { header: 'Barang', width: 30 },
        { header: 'Kurang', width: 16, align: 'right' },
      ],
      p.shortfalls.map((s) => [
        `${s.partnerName} — ${s.storeName}`,
        `${s.purchaseOrderNumber} baris ${s.lineNo}`,
        item(s),
        s.shortfall.text,
      ]),
    );
  }
  signatures(doc, ['Disiapkan oleh', 'Diperiksa oleh']);
  doc.end();
  return done;
}

export async function routeSheetPdf(r: DeliveryRoute, head: Letterhead): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, info: { Title: `Rute ${r.number}` } });
  const done = collect(doc);
  const width = doc.page.width - 2 * MARGIN;
  heading(doc, head, 'LEMBAR RUTE PENGIRIMAN', r.number);
  pairs(
    doc,
    [
      ['Tanggal', formatDateId(r.date)],
      ['Kendaraan', r.vehicle],
      ['Pengemudi', r.driver ?? '-'],
      ['Berangkat', r.departure ?? '-'],
      ['Jumlah titik / surat jalan', `${r.stops.length} / ${r.stops.reduce((s, x) => s + x.deliveries.length, 0)}`],
      ['Nilai barang (harga pokok)', formatRupiah(BigInt(r.value))],
      ...(r.notes ? ([['Catatan', r.notes]] as [string, string][]) : []),
    ],
    MARGIN,
    width,
  );
  doc.moveDown(0.6);
  table(
    doc,
    [
      { header: 'No', width: 5, align: 'center' },
      { header: 'Tujuan', width: 38 },
      { header: 'Jam terima / kontak', width: 20 },
      { header: 'Surat jalan', width: 22 },
      { header: 'Tiba / paraf', width: 15 },
    ],
    r.stops.map((s) => [
      String(s.stopNo),
      `${s.partner.name} — ${s.store.name}\n${s.store.address}`,
      `${s.store.receivingHours ?? '-'}\n${[s.store.contactName, s.store.contactPhone].filter(Boolean).join(', ') || '-'}`,
      s.deliveries.map((d) => `${d.number} (${d.lines} baris)\nPO ${d.partnerRef}`).join('\n'),
      '',
    ]),
  );
  doc.moveDown(0.5);
  doc
    .font('Helvetica')
    .fontSize(8.5)
    .text(
      'Serahkan surat jalan di setiap titik dan minta tanda tangan penerima; catat barang yang ditolak beserta alasannya.',
      MARGIN,
      doc.y,
      {
        width,
      },
    );
  signatures(doc, ['Petugas gudang', 'Pengemudi']);
  doc.end();
  return done;
}
