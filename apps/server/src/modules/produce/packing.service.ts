/**
 * Packing: lots of one commodity and grade go into channel packs (250 g trays, 1 kg bags, 10 kg
 * crates). The packs become a new lot that carries the whole cost of what went in; the difference
 * between input and output is the packing loss, recorded with the yield on the packing document.
 */
import { GRADE_LABELS, type Grade } from '@kopdes/shared/produce';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../lib/actor.js';
import { invalidField } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { recordAudit } from '../audit/audit.service.js';
import { packFormatRow } from './catalogue.service.js';
import { qty, readQuantity, refuse, field, todayOf, unusable } from './common.js';
import * as repo from './stock.repository.js';
import { docNumber, getStockDocument, locationForRequest, lotsForRequest, takeStock } from './stock.service.js';
import { inTransaction } from '../../db/transaction.js';

export async function packLots(
  db: Db,
  cooperativeId: string,
  actor: Actor,
  input: {
    date?: string;
    locationId: string;
    packFormatId: string;
    packs: number;
    sources: { lotId: string; kg?: string; count?: number }[];
  },
) {
  const date = input.date ?? (await todayOf(db, cooperativeId));
  const format = await packFormatRow(db, cooperativeId, input.packFormatId);
  if (!format || !format.active) {
    throw unusable('packFormatId', 'unknown_pack_format', {
      id: 'Format kemasan tidak ditemukan atau tidak aktif',
      en: 'Pack format not found or inactive',
    });
  }
  const loc = await locationForRequest(db, cooperativeId, input.locationId, 'locationId');
  const lots = await lotsForRequest(
    db,
    cooperativeId,
    input.sources.map((s, i) => ({ lotId: s.lotId, at: `sources.${i}.lotId` })),
  );
  let grade: Grade | null = format.grade;
  const seen = new Set<string>();
  const takes = input.sources.map((s, i) => {
    const lot = lots.get(s.lotId)!;
    if (seen.has(s.lotId))
      throw invalidField(`sources.${i}.lotId`, 'duplicate_lot', { id: 'Lot ini sudah disebut', en: 'This lot is listed twice' });
    seen.add(s.lotId);
    if (lot.commodity_id !== format.commodity_id) {
      throw unusable(`sources.${i}.lotId`, 'wrong_commodity', {
        id: `Lot ${lot.code} berisi ${lot.commodity_name}, bukan komoditas kemasan ${format.name}`,
        en: `Lot ${lot.code} holds ${lot.commodity_name}, not the commodity of ${format.name}`,
      });
    }
    if (grade && lot.grade !== grade) {
      throw unusable(`sources.${i}.lotId`, 'wrong_grade', {
        id: `Lot ${lot.code} ${GRADE_LABELS[lot.grade].id}; kemasan ini untuk ${GRADE_LABELS[grade].id}`,
        en: `Lot ${lot.code} is grade ${lot.grade}; this pack takes grade ${grade}`,
      });
    }
    grade = lot.grade;
    return {
      lot,
      locationId: loc.id,
      quantity: readQuantity(`sources.${i}`, lot.unit, s),
      at: `sources.${i}.${lot.unit === 'kg' ? 'kg' : 'count'}`,
    };
  });
  const unit = takes[0]!.lot.unit;
  const input_ = takes.reduce((s, t) => s + t.quantity, 0n);
  const output = BigInt(input.packs) * format.content;
  if (output > input_) {
    throw refuse([
      field('packs', 'output_exceeds_input', {
        id: `${input.packs} kemasan × ${qty(format.content, unit).text} = ${qty(output, unit).text}, melebihi bahan ${qty(input_, unit).text}`,
        en: `${input.packs} packs × ${qty(format.content, unit).text} = ${qty(output, unit).text}, more than the input ${qty(input_, unit).text}`,
      }),
    ]);
  }
  const id = newId('pkg');
  const outputLotId = newId('lot');
  await inTransaction(db, async (tx) => {
    const values = await takeStock(tx, cooperativeId, takes, () => loc.name);
    const cost = values.reduce((s, v) => s + v, 0n);
    const number = await docNumber(tx, cooperativeId, 'PK', date);
    await repo.insertStockDocument(tx, cooperativeId, actor, {
      id,
      number,
      kind: 'packing',
      date,
      locationId: loc.id,
      value: cost,
      packFormatId: input.packFormatId,
      outputLotId,
      packs: input.packs,
      inputQuantity: input_,
      outputQuantity: output,
    });
    await repo.insertPackLot(tx, cooperativeId, {
      id: outputLotId,
      code: number,
      commodityId: format.commodity_id,
      grade: grade!,
      unit,
      quantity: output,
      cost,
      harvestDate: takes.map((t) => t.lot.harvest_date).sort()[0]!,
      createdDate: date,
      packingId: id,
      packFormatId: input.packFormatId,
      packs: input.packs,
    });
    await repo.insertMovements(tx, cooperativeId, actor, { type: 'packing', id, date, reason: format.name }, [
      ...takes.map((t, i) => ({
        id: newId('mvt'),
        lotId: t.lot.id,
        locationId: loc.id,
        kind: 'packing_out' as const,
        quantity: -t.quantity,
        value: -values[i]!,
      })),
      { id: newId('mvt'), lotId: outputLotId, locationId: loc.id, kind: 'packing_in' as const, quantity: output, value: cost },
    ]);
    await recordAudit(tx, cooperativeId, actor, {
      action: 'produce.stock.packing',
      entityType: 'produce_stock_document',
      entityId: id,
      changes: input,
    });
  });
  return getStockDocument(db, cooperativeId, id);
}
