/** Printable papers: intake slips, lot labels and payout slips as PDF files. */
import type { Db } from '../../db/client.js';
import { getCooperative } from '../cooperatives/cooperatives.service.js';
import { intakeSlipPdf, lotLabelsPdf, payoutSlipsPdf, type LabelData, type Letterhead } from './documents.pdf.js';
import { getIntake } from './intake.service.js';
import { getPayout, getPayoutRun } from './payouts.service.js';
import { traceLot } from './stock.service.js';

export interface FileOut {
  filename: string;
  contentType: string;
  body: Buffer | string;
}

async function letterhead(db: Db, cooperativeId: string): Promise<Letterhead> {
  const c = await getCooperative(db, cooperativeId);
  return { name: c.name, address: c.address ?? null };
}

export async function intakeSlip(db: Db, cooperativeId: string, intakeId: string): Promise<FileOut> {
  const intake = await getIntake(db, cooperativeId, intakeId);
  return {
    filename: `slip-${intake.number}.pdf`,
    contentType: 'application/pdf',
    body: await intakeSlipPdf(intake, await letterhead(db, cooperativeId)),
  };
}

async function labelOf(db: Db, cooperativeId: string, lotId: string): Promise<LabelData> {
  const t = await traceLot(db, cooperativeId, lotId);
  const place = t.lot.places[0];
  const fallbackExpiry = t.origin.intake ? null : t.lot.harvestDate;
  return {
    lotId: t.lot.id,
    code: t.lot.code,
    commodityName: t.lot.commodity.name,
    grade: t.lot.grade,
    quantity: t.lot.onHand.base !== '0' ? t.lot.onHand.text : t.lot.initial.text,
    harvestDate: t.lot.harvestDate,
    expiresOn: place?.expiresOn ?? fallbackExpiry ?? t.lot.harvestDate,
    farmer: t.origin.farmer
      ? `${t.origin.farmer.fullName} (${String(t.origin.farmer.number).padStart(4, '0')})`
      : t.origin.sources.length
        ? `${t.origin.sources.length} lot asal`
        : null,
    origin: t.origin.plot
      ? `${t.origin.plot.name}${t.origin.plot.villageName ? `, ${t.origin.plot.villageName}` : ''}, ${t.origin.plot.altitudeM} mdpl`
      : t.origin.purchase
        ? `${t.origin.purchase.supplierName} (${t.origin.purchase.number})`
        : null,
    intakeNumber: t.origin.intake?.number ?? null,
    packs: t.lot.packFormat ? `${t.lot.packFormat.packs} × ${t.lot.packFormat.name}` : null,
  };
}

export async function lotLabel(db: Db, cooperativeId: string, lotId: string): Promise<FileOut> {
  const label = await labelOf(db, cooperativeId, lotId);
  return {
    filename: `label-${label.code}.pdf`,
    contentType: 'application/pdf',
    body: await lotLabelsPdf([label], await letterhead(db, cooperativeId)),
  };
}

export async function intakeLabels(db: Db, cooperativeId: string, intakeId: string): Promise<FileOut> {
  const intake = await getIntake(db, cooperativeId, intakeId);
  const labels = [];
  for (const l of intake.lots) labels.push(await labelOf(db, cooperativeId, l.lotId));
  return {
    filename: `label-${intake.number}.pdf`,
    contentType: 'application/pdf',
    body: await lotLabelsPdf(labels, await letterhead(db, cooperativeId)),
  };
}

export async function payoutRunSlips(db: Db, cooperativeId: string, runId: string): Promise<FileOut> {
  const run = await getPayoutRun(db, cooperativeId, runId);
  return {
    filename: `slip-${run.number}.pdf`,
    contentType: 'application/pdf',
    body: await payoutSlipsPdf(run, run.payouts, await letterhead(db, cooperativeId)),
  };
}

export async function payoutSlip(db: Db, cooperativeId: string, payoutId: string): Promise<FileOut> {
  const { run, payout } = await getPayout(db, cooperativeId, payoutId);
  return {
    filename: `slip-${run.number}-${String(payout.number).padStart(4, '0')}.pdf`,
    contentType: 'application/pdf',
    body: await payoutSlipsPdf(run, [payout], await letterhead(db, cooperativeId)),
  };
}
