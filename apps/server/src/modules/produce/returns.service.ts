/**
 * Goods a buyer rejected coming back into stock: a new lot of the same or a lower grade that
 * names the lot it left as, so the trace still reaches the farmers. Valued at the lower of what
 * it cost and what the cooperative pays farmers for that grade today; the seller posts the journal.
 */
import { GRADE_LABELS, type Grade } from '@kopdes/shared/produce';
import { amountForGrams } from '@kopdes/shared/quantity';
import type { Db } from '../../db/client.js';
import { nextNumber } from '../../db/numbering.js';
import type { Actor } from '../../lib/actor.js';
import { newId } from '../../lib/ids.js';
import { commodityRows } from './catalogue.service.js';
import { field, qty, refuse, unusable } from './common.js';
import { priceRows } from './prices.service.js';
import * as repo from './stock.repository.js';
import { locationForRequest, lotsForRequest } from './stock.service.js';

const GRADE_ORDER: Grade[] = ['A', 'B', 'C', 'reject'];

export interface ReturnRequest {
  date: string;
  /** The lot the goods were delivered from. */
  sourceLotId: string;
  grade: Grade;
  locationId: string;
  /** Grams or pieces coming back. */
  quantity: bigint;
  /** Their cost in the seller's books (their share of what the delivery took out of stock). */
  cost: bigint;
  /** The document taking them back (the buyer's receipt) and the buyer. */
  documentId: string;
  partnerId: string | null;
  reason: string;
  /** Where the request named the grade and the place, for refusals. */
  at: { grade: string; locationId: string };
}

/**
 * The value goods coming back carry: their cost when they keep their grade; re-graded, the lower
 * of their cost and the buying price of the new grade on the day (no price: nothing).
 */
async function returnValue(tx: Db, cooperativeId: string, lot: repo.LotRow, r: ReturnRequest) {
  if (r.grade === lot.grade) return r.cost;
  const row = (await priceRows(tx, cooperativeId, { date: r.date, commodityId: lot.commodity_id })).find((p) => p.grade === r.grade);
  const perUnit = row?.price ?? 0n;
  const worth = lot.unit === 'kg' ? amountForGrams(r.quantity, perUnit) : r.quantity * perUnit;
  return worth < r.cost ? worth : r.cost;
}

/**
 * Takes rejected goods back into stock inside the caller's transaction: a new lot (origin
 * `return`) with a `return_in` movement at `location`. Unchanged grade keeps the pack format
 * when whole packs come back; a lower grade comes back loose.
 * @example const { lotId, value } = await receiveReturn(tx, coopId, actor, { date, sourceLotId, grade: 'B', … })
 */
export async function receiveReturn(tx: Db, cooperativeId: string, actor: Actor, r: ReturnRequest) {
  const lot = (await lotsForRequest(tx, cooperativeId, [{ lotId: r.sourceLotId, at: r.at.grade }])).get(r.sourceLotId)!;
  const [commodity] = await commodityRows(tx, cooperativeId, [lot.commodity_id]);
  if (GRADE_ORDER.indexOf(r.grade) < GRADE_ORDER.indexOf(lot.grade))
    throw refuse([
      field(r.at.grade, 'grade_higher', {
        id: `Barang kembali tidak boleh naik grade: lot ${lot.code} ${GRADE_LABELS[lot.grade].id}`,
        en: `Returned goods cannot move up a grade: lot ${lot.code} is grade ${lot.grade}`,
      }),
    ]);
  if (r.grade !== 'reject' && !commodity!.grades.some((g) => g.grade === r.grade))
    throw unusable(r.at.grade, 'unknown_grade', {
      id: `${commodity!.name} tidak memiliki ${GRADE_LABELS[r.grade].id}`,
      en: `${commodity!.name} has no grade ${r.grade}`,
    });
  const loc = await locationForRequest(tx, cooperativeId, r.locationId, r.at.locationId);
  if (!loc.active)
    throw unusable(r.at.locationId, 'inactive_location', { id: `Lokasi ${loc.name} tidak aktif`, en: `Location ${loc.name} is inactive` });
  const content = lot.pack_format_id ? BigInt(commodity!.pack_formats.find((p) => p.id === lot.pack_format_id)!.content) : null;
  const keepsPack = content !== null && r.grade === lot.grade && r.quantity % content === 0n;
  const value = await returnValue(tx, cooperativeId, lot, r);
  const number = await nextNumber(tx, cooperativeId, `RB-${r.date.slice(0, 4)}`);
  const code = `RB-${r.date.slice(0, 4)}-${number.toString().padStart(6, '0')}-${r.grade === 'reject' ? 'R' : r.grade}`;
  const lotId = newId('lot');
  await repo.insertReturnLot(tx, cooperativeId, {
    id: lotId,
    code,
    commodityId: lot.commodity_id,
    grade: r.grade,
    unit: lot.unit,
    quantity: r.quantity,
    cost: value,
    harvestDate: lot.harvest_date,
    createdDate: r.date,
    sourceLotId: lot.id,
    packFormatId: keepsPack ? lot.pack_format_id : null,
    packs: keepsPack ? Number(r.quantity / content) : null,
  });
  const movementId = newId('mvt');
  await repo.insertMovements(
    tx,
    cooperativeId,
    actor,
    { type: 'market_receipt', id: r.documentId, date: r.date, reason: r.reason, partnerId: r.partnerId },
    [{ id: movementId, lotId, locationId: loc.id, kind: 'return_in', quantity: r.quantity, value }],
  );
  return { lotId, code, movementId, value, quantity: qty(r.quantity, lot.unit) };
}
