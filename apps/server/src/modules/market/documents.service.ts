/** Printable market papers: the delivery note, the invoice, the picking list and the route sheet as PDF files. */
import type { Db } from '../../db/client.js';
import { getCooperative } from '../cooperatives/cooperatives.service.js';
import { getDelivery } from './deliveries.service.js';
import { deliveryNotePdf, invoicePdf, type Letterhead } from './documents.pdf.js';
import { getInvoice } from './invoices.service.js';
import { getDeliveryRoute } from './delivery-routes.service.js';
import { pickingListPdf, routeSheetPdf } from './logistics.pdf.js';
import { pickingList } from './picking.service.js';

export interface FileOut {
  filename: string;
  contentType: string;
  body: Buffer;
}

async function letterhead(db: Db, cooperativeId: string): Promise<Letterhead> {
  const c = await getCooperative(db, cooperativeId);
  return { name: c.name, address: c.address ?? null };
}

export async function deliveryNote(db: Db, cooperativeId: string, id: string): Promise<FileOut> {
  const d = await getDelivery(db, cooperativeId, id);
  return {
    filename: `surat-jalan-${d.number}.pdf`,
    contentType: 'application/pdf',
    body: await deliveryNotePdf(d, await letterhead(db, cooperativeId)),
  };
}

export async function invoiceDocument(db: Db, cooperativeId: string, id: string): Promise<FileOut> {
  const inv = await getInvoice(db, cooperativeId, id);
  return {
    filename: `${inv.kind === 'credit_note' ? 'nota-kredit' : 'faktur'}-${inv.number}.pdf`,
    contentType: 'application/pdf',
    body: await invoicePdf(inv, await letterhead(db, cooperativeId), null),
  };
}

export async function pickingListDocument(db: Db, cooperativeId: string, q: { date: string; locationId?: string }): Promise<FileOut> {
  const p = await pickingList(db, cooperativeId, q);
  return {
    filename: `daftar-ambil-${p.date}.pdf`,
    contentType: 'application/pdf',
    body: await pickingListPdf(p, await letterhead(db, cooperativeId)),
  };
}

export async function routeSheet(db: Db, cooperativeId: string, id: string): Promise<FileOut> {
  const r = await getDeliveryRoute(db, cooperativeId, id);
  return {
    filename: `rute-${r.number}.pdf`,
    contentType: 'application/pdf',
    body: await routeSheetPdf(r, await letterhead(db, cooperativeId)),
  };
}
