/** Printable market papers: the delivery note and the invoice as PDF files. */
import type { Db } from '../../db/client.js';
import { getCooperative } from '../cooperatives/cooperatives.service.js';
import { getDelivery } from './deliveries.service.js';
import { deliveryNotePdf, invoicePdf, type Letterhead } from './documents.pdf.js';
import { getInvoice } from './invoices.service.js';

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
