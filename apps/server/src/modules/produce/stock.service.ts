/**
 * Perishable stock: lots on hand per location, with remaining shelf life (first-expired-first-out
 * order), transfers, weight loss and spoilage write-offs, stock counts, valuation at cost, expiry
 * alerts, the lot trace back to farm and forward to buyers, and the hook sales use to take stock.
 * Every change is a movement; the on-hand table follows the movements (database trigger).
 */
import { ACCOUNTS } from '@kopdes/shared/ledger';
import { mulDivRoundHalfUp } from '@kopdes/shared/money';
import { LOSS_LABELS, MOVEMENT_LABELS, type LossKind, type Lot, type UnitOfMeasure } from '@kopdes/shared/produce';
import type { Db } from '../../db/client.js';
import { concurrentOnPool } from '../../db/concurrent.js';
import { nextNumber } from '../../db/numbering.js';
import type { Actor } from '../../lib/actor.js';
import { villageInfo } from '../../lib/areas.js';
import { invalidField, notFound, type FieldError } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { recordAudit } from '../audit/audit.service.js';
import { accountBalance, postEntry } from '../ledger/ledger.service.js';
import { addDays, daysBetween, field, qty, readQuantity, refuse, todayOf, UNIT, unusable } from './common.js';
import { locationRows, plotRows, settingsRow, type LocationRow } from './farmers.service.js';
import { membersWithGroups } from './member-directory.js';
import { purchaseOrigins } from './purchases.repository.js';
import * as repo from './stock.repository.js';
import { inTransaction } from '../../db/transaction.js';

export type { LotRow } from './stock.repository.js';

/**
 * The cost leaving with `q` of a place holding `onHand` worth `value`: proportional, rounded
 * half-up, and exactly the rest when everything leaves, so a place never keeps value without stock.
 */
export function valueOut(onHand: bigint, value: bigint, q: bigint): bigint {
  if (q >= onHand) return value;
  return mulDivRoundHalfUp(value, q, onHand);
}

export function presentLot(l: repo.LotRow, places: repo.PlaceRow[], today: string): Lot {
  const mine = places.filter((p) => p.lot_id === l.id);
  const onHand = mine.reduce((s, p) => s + p.quantity, 0n);
  const value = mine.reduce((s, p) => s + p.value, 0n);
  return {
    id: l.id,
    code: l.code,
    origin: l.origin,
    commodity: { id: l.commodity_id, code: l.commodity_code, name: l.commodity_name, unit: l.unit },
    grade: l.grade,
    harvestDate: l.harvest_date,
    createdDate: l.created_date,
    ageDays: Math.max(0, daysBetween(l.harvest_date, today)),
    initial: qty(l.quantity, l.unit),
    cost: l.cost.toString(),
    onHand: qty(onHand, l.unit),
    value: value.toString(),
    places: mine
      .filter((p) => p.quantity > 0n)
      .map((p) => ({
        locationId: p.location_id,
        locationName: p.location_name,
        storageClass: p.storage_class,
        quantity: qty(p.quantity, l.unit),
        value: p.value.toString(),
        expiresOn: p.expires_on,
        daysLeft: daysBetween(today, p.expires_on),
      })),
    packFormat: l.pack_format_id ? { id: l.pack_format_id, name: l.pack_format_name ?? '', packs: l.packs ?? 0 } : null,
  };
}

/** Lots on hand, the one to use first (soonest expiry) first. */
export async function listLots(
  db: Db,
  cooperativeId: string,
  q: {
    commodityId?: string;
    grade?: string;
    locationId?: string;
    onHand?: 'true' | 'false';
    q?: string;
    expiry?: 'fresh' | 'expiring' | 'expired';
    offset?: number;
    limit: number;
  },
) {
  const offset = q.offset ?? 0;
  const today = await todayOf(db, cooperativeId);
  const onHandOnly = q.onHand !== 'false';
  let expiresFrom: string | undefined;
  let expiresTo: string | undefined;
  if (q.expiry === 'fresh') expiresFrom = today;
  if (q.expiry === 'expired') expiresTo = addDays(today, -1);
  if (q.expiry === 'expiring') {
    expiresFrom = today;
    expiresTo = addDays(today, (await settingsRow(db, cooperativeId)).expiry_alert_days);
  }
  // One more than a page tells whether there is a next one.
  const ids = await repo.lotPage(db, cooperativeId, {
    ...q,
    q: q.q || undefined,
    onHandOnly,
    expiresFrom,
    expiresTo,
    offset,
    limit: q.limit + 1,
  });
  const page = ids.slice(0, q.limit);
  const places = page.length ? await repo.places(db, cooperativeId, { lotIds: page, locationId: q.locationId, onHandOnly }) : [];
  const lots = new Map((await repo.lots(db, cooperativeId, page)).map((l) => [l.id, l]));
  return {
    items: page.map((id) => presentLot(lots.get(id)!, places, today)),
    nextOffset: ids.length > q.limit ? offset + q.limit : null,
  };
}

const lotNotFound = () => notFound({ id: 'Lot tidak ditemukan', en: 'Lot not found' });

export async function getLot(db: Db, cooperativeId: string, id: string) {
  const [l] = await repo.lots(db, cooperativeId, [id]);
  if (!l) throw lotNotFound();
  const places = await repo.places(db, cooperativeId, { lotIds: [id] });
  return presentLot(l, places, await todayOf(db, cooperativeId));
}

export const presentMovement = (m: repo.MovementRow) => ({
  id: m.id,
  date: m.date,
  kind: m.kind,
  kindLabel: MOVEMENT_LABELS[m.kind].id,
  locationId: m.location_id,
  locationName: m.location_name,
  quantity: qty(m.quantity, m.unit),
  value: m.value.toString(),
  documentType: m.document_type,
  documentId: m.document_id,
  reason: m.reason,
  partnerId: m.partner_id,
  journalEntryId: m.journal_entry_id,
});

/**
 * From a lot back to farmer, plot and intake (through the packing for a pack lot), or to the
 * purchase and supplier for a lot bought from another cooperative, and forward to packs and buyers.
 */
export async function traceLot(db: Db, cooperativeId: string, id: string) {
  const lot = await getLot(db, cooperativeId, id);
  const [row] = await repo.lots(db, cooperativeId, [id]);
  const [moves, packedInto, sources, members, returns, [source], [bought]] = await concurrentOnPool(
    db,
    () => repo.movements(db, cooperativeId, { lotIds: [id] }),
    () => repo.packedFrom(db, cooperativeId, id),
    () => (row!.packing_id ? repo.packSources(db, cooperativeId, row!.packing_id) : Promise.resolve([])),
    () => membersWithGroups(db, cooperativeId),
    () => repo.returnsOf(db, cooperativeId, id),
    () => (row!.source_lot_id ? repo.lots(db, cooperativeId, [row!.source_lot_id]) : Promise.resolve([])),
    () => (row!.purchase_id ? purchaseOrigins(db, cooperativeId, [id]) : Promise.resolve([])),
  );
  const member = row!.member_id ? members.find((m) => m.id === row!.member_id) : undefined;
  const [plot] = row!.plot_id ? await plotRows(db, cooperativeId, { ids: [row!.plot_id] }) : [];
  const intakeMove = moves.find((m) => m.kind === 'intake');
  const intake = row!.intake_id ? await repo.intakeHeader(db, cooperativeId, row!.intake_id) : null;
  return {
    lot,
    origin: {
      intake: intake && intakeMove ? intake : null,
      farmer: member
        ? { memberId: member.id, number: member.number, fullName: member.fullName, farmerGroupName: member.farmerGroupName }
        : null,
      plot: plot
        ? {
            id: plot.id,
            name: plot.name,
            villageName: villageInfo(plot.village_code)?.name ?? null,
            altitudeM: plot.altitude_m,
            areaM2: plot.area_m2,
          }
        : null,
      harvestDate: row!.harvest_date,
      sources: sources.map((s) => ({
        lotId: s.lot_id,
        code: s.code,
        quantity: qty(s.quantity, s.unit),
        farmerName: members.find((m) => m.id === s.member_id)?.fullName ?? null,
        intakeNumber: s.intake_number,
        supplierName: s.supplier_name,
        purchaseNumber: s.purchase_number,
      })),
      returnedFrom: source ? { lotId: source.id, code: source.code, grade: source.grade } : null,
      purchase: bought
        ? { id: bought.id, number: bought.number, date: bought.date, partnerId: bought.partner_id, supplierName: bought.supplier_name }
        : null,
    },
    movements: moves.map(presentMovement),
    returnedAs: returns.map((r) => ({ lotId: r.id, code: r.code, grade: r.grade, quantity: qty(r.quantity, r.unit) })),
    packedInto: packedInto.map((p) => ({ lotId: p.lot_id, code: p.code, packingId: p.packing_id, quantity: qty(p.quantity, row!.unit) })),
    buyers: moves
      .filter((m) => m.kind === 'sale')
      .map((m) => ({ partnerId: m.partner_id, documentId: m.document_id, date: m.date, quantity: qty(-m.quantity, m.unit) })),
  };
}

// ── taking stock ────────────────────────────────────────────────────────────────────────────

export interface Take {
  lot: repo.LotRow;
  locationId: string;
  quantity: bigint;
  /** Where the quantity came from in the request, for the refusal. */
  at: string;
}

/** Loads the lots named in a request body; an unknown one is a 422 naming its field. */
export async function lotsForRequest(db: Db, cooperativeId: string, refs: { lotId: string; at: string }[]) {
  const found = new Map((await repo.lots(db, cooperativeId, [...new Set(refs.map((r) => r.lotId))])).map((l) => [l.id, l]));
  for (const r of refs) {
    if (!found.has(r.lotId))
      throw unusable(r.at, 'unknown_lot', { id: 'Lot tidak ditemukan di koperasi ini', en: 'Lot not found in this cooperative' });
  }
  return found;
}

export async function locationForRequest(db: Db, cooperativeId: string, id: string, at: string): Promise<LocationRow> {
  const l = (await locationRows(db, cooperativeId)).find((x) => x.id === id);
  if (!l) throw unusable(at, 'unknown_location', { id: 'Lokasi tidak ditemukan', en: 'Location not found' });
  return l;
}

/**
 * Locks and checks the stock the takes need (in the caller's transaction) and returns the cost
 * leaving with each. More than is on hand is refused with what there is.
 */
export async function takeStock(tx: Db, cooperativeId: string, takes: Take[], locationName: (id: string) => string) {
  const locked = await repo.lockStock(
    tx,
    cooperativeId,
    takes.map((t) => ({ lotId: t.lot.id, locationId: t.locationId })),
  );
  const fields: FieldError[] = [];
  const left = new Map(locked.map((s) => [`${s.lot_id}|${s.location_id}`, { quantity: s.quantity, value: s.value }]));
  const values = takes.map((t) => {
    const k = `${t.lot.id}|${t.locationId}`;
    const s = left.get(k) ?? { quantity: 0n, value: 0n };
    if (t.quantity > s.quantity) {
      fields.push(
        field(t.at, 'insufficient_stock', {
          id: `Stok lot ${t.lot.code} di ${locationName(t.locationId)} hanya ${qty(s.quantity, t.lot.unit).text}; diminta ${qty(t.quantity, t.lot.unit).text}`,
          en: `Lot ${t.lot.code} at ${locationName(t.locationId)} holds only ${qty(s.quantity, t.lot.unit).text}; asked for ${qty(t.quantity, t.lot.unit).text}`,
        }),
      );
      return 0n;
    }
    const v = valueOut(s.quantity, s.value, t.quantity);
    left.set(k, { quantity: s.quantity - t.quantity, value: s.value - v });
    return v;
  });
  if (fields.length) throw refuse(fields, 'unprocessable');
  return values;
}

async function presentDocument(db: Db, cooperativeId: string, id: string) {
  const d = await repo.stockDocument(db, cooperativeId, id);
  if (!d) throw notFound({ id: 'Dokumen stok tidak ditemukan', en: 'Stock document not found' });
  const moves = await repo.movements(db, cooperativeId, { documentId: id });
  const unit: UnitOfMeasure = d.unit ?? moves[0]?.unit ?? 'kg';
  return {
    id: d.id,
    number: d.number,
    kind: d.kind,
    date: d.date,
    movements: moves.map(presentMovement),
    value: d.value.toString(),
    journal: d.journal_entry_id ? { id: d.journal_entry_id, number: d.journal_number ?? '' } : null,
    packing:
      d.kind === 'packing'
        ? {
            outputLotId: d.output_lot_id!,
            outputLotCode: d.output_lot_code ?? '',
            packs: d.packs ?? 0,
            input: qty(d.input_quantity ?? 0n, unit),
            output: qty(d.output_quantity ?? 0n, unit),
            loss: qty((d.input_quantity ?? 0n) - (d.output_quantity ?? 0n), unit),
            yieldPermille: d.input_quantity ? Number(((d.output_quantity ?? 0n) * 1000n) / d.input_quantity) : 0,
          }
        : null,
  };
}
export { presentDocument as getStockDocument };

const docNumber = async (tx: Db, cooperativeId: string, prefix: string, date: string) =>
  `${prefix}-${date.slice(0, 4)}-${(await nextNumber(tx, cooperativeId, `${prefix}-${date.slice(0, 4)}`)).toString().padStart(6, '0')}`;
export { docNumber };

// ── transfers, losses, counts ───────────────────────────────────────────────────────────────

export async function transferStock(
  db: Db,
  cooperativeId: string,
  actor: Actor,
  input: { date?: string; lotId: string; fromLocationId: string; toLocationId: string; kg?: string; count?: number; all?: boolean },
) {
  const date = input.date ?? (await todayOf(db, cooperativeId));
  const lot = (await lotsForRequest(db, cooperativeId, [{ lotId: input.lotId, at: 'lotId' }])).get(input.lotId)!;
  const from = await locationForRequest(db, cooperativeId, input.fromLocationId, 'fromLocationId');
  const to = await locationForRequest(db, cooperativeId, input.toLocationId, 'toLocationId');
  if (from.id === to.id)
    throw invalidField('toLocationId', 'same_location', {
      id: 'Lokasi tujuan sama dengan lokasi asal',
      en: 'The destination is the origin',
    });
  if (!to.active)
    throw unusable('toLocationId', 'inactive_location', { id: `Lokasi ${to.name} tidak aktif`, en: `Location ${to.name} is inactive` });
  const id = newId('pdh');
  await inTransaction(db, async (tx) => {
    let quantity: bigint;
    if (input.all) {
      const [s] = await repo.lockStock(tx, cooperativeId, [{ lotId: lot.id, locationId: from.id }]);
      quantity = s?.quantity ?? 0n;
      if (quantity === 0n)
        throw unusable('lotId', 'insufficient_stock', {
          id: `Lot ${lot.code} tidak ada di ${from.name}`,
          en: `Lot ${lot.code} is not at ${from.name}`,
        });
    } else {
      quantity = readQuantity('', lot.unit, input);
    }
    const [value] = await takeStock(
      tx,
      cooperativeId,
      [{ lot, locationId: from.id, quantity, at: lot.unit === 'kg' ? 'kg' : 'count' }],
      () => from.name,
    );
    const number = await docNumber(tx, cooperativeId, 'PD', date);
    await repo.insertStockDocument(tx, cooperativeId, actor, {
      id,
      number,
      kind: 'transfer',
      date,
      locationId: from.id,
      toLocationId: to.id,
      value: value!,
    });
    await repo.insertMovements(tx, cooperativeId, actor, { type: 'transfer', id, date }, [
      { id: newId('mvt'), lotId: lot.id, locationId: from.id, kind: 'transfer_out', quantity: -quantity, value: -value! },
      { id: newId('mvt'), lotId: lot.id, locationId: to.id, kind: 'transfer_in', quantity, value: value! },
    ]);
    await recordAudit(tx, cooperativeId, actor, {
      action: 'produce.stock.transfer',
      entityType: 'produce_stock_document',
      entityId: id,
      changes: input,
    });
  });
  return presentDocument(db, cooperativeId, id);
}

/** Weight loss (susut) or spoilage written off at cost: shrinkage/spoilage expense against inventory. */
export async function recordLoss(
  db: Db,
  cooperativeId: string,
  actor: Actor,
  input: { date?: string; lotId: string; locationId: string; kind: LossKind; kg?: string; count?: number; reason: string },
) {
  const date = input.date ?? (await todayOf(db, cooperativeId));
  const lot = (await lotsForRequest(db, cooperativeId, [{ lotId: input.lotId, at: 'lotId' }])).get(input.lotId)!;
  const loc = await locationForRequest(db, cooperativeId, input.locationId, 'locationId');
  const quantity = readQuantity('', lot.unit, input);
  const id = newId('ssb');
  await inTransaction(db, async (tx) => {
    const [value] = await takeStock(
      tx,
      cooperativeId,
      [{ lot, locationId: loc.id, quantity, at: lot.unit === 'kg' ? 'kg' : 'count' }],
      () => loc.name,
    );
    const number = await docNumber(tx, cooperativeId, 'SS', date);
    const posted =
      value! > 0n
        ? await postEntry(tx, cooperativeId, actor, {
            date,
            memo: `${LOSS_LABELS[input.kind].id} ${lot.commodity_name} ${lot.grade} ${qty(quantity, lot.unit).text} (${lot.code}): ${input.reason}`,
            source: { module: 'produce.loss', documentId: id },
            lines: [
              { account: ACCOUNTS.SUSUT_DAN_BUSUK, unit: UNIT, debit: value! },
              { account: ACCOUNTS.PERSEDIAAN_HASIL_PANEN, unit: UNIT, credit: value! },
            ],
          })
        : null;
    await repo.insertStockDocument(tx, cooperativeId, actor, {
      id,
      number,
      kind: 'loss',
      date,
      locationId: loc.id,
      lossKind: input.kind,
      reason: input.reason,
      value: value!,
      journalEntryId: posted?.id,
      journalNumber: posted?.number,
    });
    await repo.insertMovements(
      tx,
      cooperativeId,
      actor,
      { type: 'loss', id, date, reason: `${LOSS_LABELS[input.kind].id}: ${input.reason}`, journalEntryId: posted?.id },
      [{ id: newId('mvt'), lotId: lot.id, locationId: loc.id, kind: 'loss', quantity: -quantity, value: -value! }],
    );
    await recordAudit(tx, cooperativeId, actor, {
      action: 'produce.stock.loss',
      entityType: 'produce_stock_document',
      entityId: id,
      changes: input,
    });
  });
  return presentDocument(db, cooperativeId, id);
}

/**
 * A stock count at one location: each counted lot is adjusted to what was counted. A shortfall
 * leaves at its share of the cost; a surplus comes in at the lot's original unit cost. The net
 * goes to the shrinkage/spoilage expense.
 */
export async function countStock(
  db: Db,
  cooperativeId: string,
  actor: Actor,
  input: { date?: string; locationId: string; reason: string; lines: { lotId: string; countedKg?: string; countedCount?: number }[] },
) {
  const date = input.date ?? (await todayOf(db, cooperativeId));
  const loc = await locationForRequest(db, cooperativeId, input.locationId, 'locationId');
  const lots = await lotsForRequest(
    db,
    cooperativeId,
    input.lines.map((l, i) => ({ lotId: l.lotId, at: `lines.${i}.lotId` })),
  );
  const seen = new Set<string>();
  const counted = input.lines.map((l, i) => {
    if (seen.has(l.lotId))
      throw invalidField(`lines.${i}.lotId`, 'duplicate_lot', { id: 'Lot ini sudah ada di baris lain', en: 'This lot is on another line' });
    seen.add(l.lotId);
    const lot = lots.get(l.lotId)!;
    return {
      lot,
      counted: readQuantity(
        `lines.${i}`,
        lot.unit,
        { kg: l.countedKg, count: l.countedCount },
        { kgKey: 'countedKg', countKey: 'countedCount', allowZero: true },
      ),
    };
  });
  const id = newId('sop');
  await inTransaction(db, async (tx) => {
    const locked = await repo.lockStock(
      tx,
      cooperativeId,
      counted.map((c) => ({ lotId: c.lot.id, locationId: loc.id })),
    );
    const book = new Map(locked.map((s) => [s.lot_id, s]));
    const moves: repo.NewMovement[] = [];
    for (const c of counted) {
      const s = book.get(c.lot.id) ?? { quantity: 0n, value: 0n };
      const diff = c.counted - s.quantity;
      if (diff === 0n) continue;
      const value = diff < 0n ? -valueOut(s.quantity, s.value, -diff) : mulDivRoundHalfUp(c.lot.cost, diff, c.lot.quantity);
      moves.push({ id: newId('mvt'), lotId: c.lot.id, locationId: loc.id, kind: 'count', quantity: diff, value });
    }
    const net = moves.reduce((s, m) => s + m.value, 0n);
    const number = await docNumber(tx, cooperativeId, 'SO', date);
    const posted =
      net !== 0n
        ? await postEntry(tx, cooperativeId, actor, {
            date,
            memo: `Stok opname ${loc.name} ${number}: ${input.reason}`,
            source: { module: 'produce.count', documentId: id },
            lines:
              net < 0n
                ? [
                    { account: ACCOUNTS.SUSUT_DAN_BUSUK, unit: UNIT, debit: -net },
                    { account: ACCOUNTS.PERSEDIAAN_HASIL_PANEN, unit: UNIT, credit: -net },
                  ]
                : [
                    { account: ACCOUNTS.PERSEDIAAN_HASIL_PANEN, unit: UNIT, debit: net },
                    { account: ACCOUNTS.SUSUT_DAN_BUSUK, unit: UNIT, credit: net },
                  ],
          })
        : null;
    await repo.insertStockDocument(tx, cooperativeId, actor, {
      id,
      number,
      kind: 'count',
      date,
      locationId: loc.id,
      reason: input.reason,
      value: net,
      journalEntryId: posted?.id,
      journalNumber: posted?.number,
    });
    await repo.insertMovements(
      tx,
      cooperativeId,
      actor,
      { type: 'count', id, date, reason: input.reason, journalEntryId: posted?.id },
      moves,
    );
    await recordAudit(tx, cooperativeId, actor, {
      action: 'produce.stock.count',
      entityType: 'produce_stock_document',
      entityId: id,
      changes: input,
    });
  });
  return presentDocument(db, cooperativeId, id);
}

/**
 * The hook sales use to take a lot out of stock, inside the sale's own transaction: records the
 * outgoing movement with the buyer and returns the cost leaving, which the sale posts (cost of
 * goods sold against inventory, account 1142 unit agribisnis) in its own journal entry.
 * @example const { value } = await issueLotForSale(tx, coopId, actor, { date, lotId, locationId, quantity: 25_000n,
 *   documentId: invoice.id, partnerId: buyer.id })
 */
export async function issueLotForSale(
  tx: Db,
  cooperativeId: string,
  actor: Actor,
  s: { date: string; lotId: string; locationId: string; quantity: bigint; documentId: string; partnerId?: string | null; at?: string },
): Promise<{ movementId: string; value: bigint }> {
  const [one] = await issueLotsForSale(tx, cooperativeId, actor, { ...s, items: [s] });
  return one!;
}

/**
 * Several lots leaving stock for one sale document at once (one lock, one insert), in the
 * caller's transaction; the same lot and place may appear more than once. Returns each take's
 * movement and the cost leaving with it, in order.
 */
export async function issueLotsForSale(
  tx: Db,
  cooperativeId: string,
  actor: Actor,
  s: {
    date: string;
    documentId: string;
    partnerId?: string | null;
    items: { lotId: string; locationId: string; quantity: bigint; at?: string }[];
  },
): Promise<{ movementId: string; value: bigint }[]> {
  const lots = await lotsForRequest(
    tx,
    cooperativeId,
    s.items.map((i) => ({ lotId: i.lotId, at: i.at ?? 'lotId' })),
  );
  const places = await locationRows(tx, cooperativeId);
  const takes = s.items.map((i) => {
    if (!places.some((p) => p.id === i.locationId))
      throw unusable('locationId', 'unknown_location', { id: 'Lokasi tidak ditemukan', en: 'Location not found' });
    if (i.quantity <= 0n)
      throw invalidField(i.at ?? 'quantity', 'not_positive', { id: 'Jumlah harus lebih dari 0', en: 'Quantity must be more than 0' });
    return { lot: lots.get(i.lotId)!, locationId: i.locationId, quantity: i.quantity, at: i.at ?? 'quantity' };
  });
  const values = await takeStock(tx, cooperativeId, takes, (id) => places.find((p) => p.id === id)!.name);
  const moves = takes.map((t, i) => ({
    id: newId('mvt'),
    lotId: t.lot.id,
    locationId: t.locationId,
    kind: 'sale' as const,
    quantity: -t.quantity,
    value: -values[i]!,
  }));
  await repo.insertMovements(
    tx,
    cooperativeId,
    actor,
    { type: 'sale', id: s.documentId, date: s.date, partnerId: s.partnerId ?? null },
    moves,
  );
  return moves.map((m, i) => ({ movementId: m.id, value: values[i]! }));
}

/** Intake lots received at a location on a day, with what is still there (the packing house's work list). */
export async function lotsReceivedOn(db: Db, cooperativeId: string, locationId: string, date: string) {
  const rows = await repo.receivedOn(db, cooperativeId, locationId, date);
  return rows.map((r) => ({ id: r.lot_id, commodityId: r.commodity_id, grade: r.grade, unit: r.unit, quantity: Number(r.quantity) }));
}

/**
 * What was bought from other cooperatives and is still on hand, rejects left out, by commodity code
 * with the day it came in and when it expires. Planning counts it as supply for the coming weeks
 * (workflows/shortfall-warnings).
 */
export const purchasedOnHand = (db: Db, cooperativeId: string) => repo.purchasedOnHand(db, cooperativeId);

// ── reports ─────────────────────────────────────────────────────────────────────────────────

/** Stock at cost by commodity, grade and location with ages, beside the ledger's inventory balance. */
export async function valuation(db: Db, cooperativeId: string, q: { asOf?: string }) {
  const asOf = q.asOf ?? (await todayOf(db, cooperativeId));
  const [rows, ledger] = await concurrentOnPool(
    db,
    () => repo.holdingsAsOf(db, cooperativeId, asOf),
    () => accountBalance(db, cooperativeId, { account: ACCOUNTS.PERSEDIAAN_HASIL_PANEN, unit: UNIT, asOf }),
  );
  const groups = new Map<string, { r: (typeof rows)[number]; lots: number; quantity: bigint; value: bigint; ages: number[] }>();
  for (const r of rows) {
    const k = `${r.commodity_id}|${r.grade}|${r.location_id}`;
    const g = groups.get(k) ?? { r, lots: 0, quantity: 0n, value: 0n, ages: [] };
    g.value += r.value;
    if (r.quantity > 0n) {
      g.lots += 1;
      g.quantity += r.quantity;
      g.ages.push(Math.max(0, daysBetween(r.harvest_date, asOf)));
    }
    groups.set(k, g);
  }
  const total = rows.reduce((s, r) => s + r.value, 0n);
  return {
    asOf,
    rows: [...groups.values()].map((g) => ({
      commodityId: g.r.commodity_id,
      commodityName: g.r.commodity_name,
      grade: g.r.grade,
      locationId: g.r.location_id,
      locationName: g.r.location_name,
      lots: g.lots,
      quantity: qty(g.quantity, g.r.unit),
      value: g.value.toString(),
      oldestAgeDays: g.ages.length ? Math.max(...g.ages) : 0,
      averageAgeDays: g.ages.length ? Math.round(g.ages.reduce((s, a) => s + a, 0) / g.ages.length) : 0,
    })),
    total: total.toString(),
    ledger: ledger.toString(),
    agrees: total === ledger,
  };
}

/** Lots on hand that expire within the alert window (or already have). */
export async function expiryAlerts(db: Db, cooperativeId: string, q: { date?: string }) {
  const date = q.date ?? (await todayOf(db, cooperativeId));
  const settings = await settingsRow(db, cooperativeId);
  const places = await repo.places(db, cooperativeId, { onHandOnly: true });
  const due = places.filter((p) => daysBetween(date, p.expires_on) <= settings.expiry_alert_days);
  const lots = new Map((await repo.lots(db, cooperativeId, [...new Set(due.map((p) => p.lot_id))])).map((l) => [l.id, l]));
  return {
    date,
    alertDays: settings.expiry_alert_days,
    items: due.map((p) => {
      const l = lots.get(p.lot_id)!;
      return {
        lotId: l.id,
        code: l.code,
        commodityName: l.commodity_name,
        grade: l.grade,
        locationName: p.location_name,
        quantity: qty(p.quantity, l.unit),
        value: p.value.toString(),
        expiresOn: p.expires_on,
        daysLeft: daysBetween(date, p.expires_on),
      };
    }),
  };
}
