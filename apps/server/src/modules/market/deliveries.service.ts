/**
 * Fulfilment: the demand of a delivery day against stock, lots allocated to PO lines
 * first-expired-first-out within grade (and pack format), shortfalls before the truck leaves;
 * and the delivery note (surat jalan) that takes the lots out of stock with its cost of goods
 * sold — or, for the cooperative's own outlet, moves their cost to the outlet's inventory.
 * The buyer's receiving is in receiving.service.ts.
 */
import type { Delivery, DeliveryInput, RejectReason } from '@kopdes/shared/market';
import { ACCOUNTS } from '@kopdes/shared/ledger';
import { formatQuantity, type Grade, type UnitOfMeasure } from '@kopdes/shared/produce';
import type { Db } from '../../db/client.js';
import { nextNumber } from '../../db/numbering.js';
import type { Actor } from '../../lib/actor.js';
import { AppError, notFound, type FieldError } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { recordAudit } from '../audit/audit.service.js';
import { listUnits, postEntry } from '../ledger/ledger.service.js';
import { commodityRows, type CommodityRow } from '../produce/catalogue.service.js';
import { field, refuse, todayOf, UNIT, unusable } from '../produce/common.js';
import { locationRows } from '../produce/farmers.service.js';
import { issueLotsForSale, listLots, lotsForRequest } from '../produce/stock.service.js';
import { inTransaction } from '../../db/transaction.js';
import * as repo from './deliveries.repository.js';
import { lockPurchaseOrder, purchaseOrdersWithLines, type PoLineRow } from './orders.service.js';
import { partnerRow } from './partners.service.js';
import { baseOf, oq, orderUnitOf, orderUnitsIn, parseOrderQuantity, type OrderUnit } from './quantities.js';

export type { DeliveryRow, DeliveryLineRow } from './deliveries.repository.js';

const deliveryNotFound = () => notFound({ id: 'Surat jalan tidak ditemukan', en: 'Delivery note not found' });

const docNumber = async (tx: Db, cooperativeId: string, prefix: string, date: string) =>
  `${prefix}-${date.slice(0, 4)}-${(await nextNumber(tx, cooperativeId, `${prefix}-${date.slice(0, 4)}`)).toString().padStart(6, '0')}`;

/** The cooperative's own outlet is a business unit of its own: goods sent there are stock it holds, not a sale. */
export const OWN_OUTLET_UNIT = 'gerai_sembako';

/** The ledger unit that receives the goods when the buyer is the cooperative's own outlet; null for a sale. */
async function receivingUnit(tx: Db, cooperativeId: string, partnerId: string): Promise<string | null> {
  const partner = await partnerRow(tx, cooperativeId, partnerId);
  if (partner.kind !== 'own_outlet') return null;
  const unit = (await listUnits(tx, cooperativeId)).find((u) => u.code === OWN_OUTLET_UNIT);
  if (!unit?.enabled)
    throw unusable('purchaseOrderId', 'unit_disabled', {
      id: 'Unit Gerai Sembako tidak aktif di buku besar: aktifkan dulu untuk mengirim ke gerai sendiri',
      en: 'The Gerai Sembako unit is not enabled in the ledger: enable it before sending goods to the own outlet',
    });
  return OWN_OUTLET_UNIT;
}

/**
 * Where the cost of goods that left stock sits: cost of goods sold for a sale, the outlet's
 * inventory for goods moved to the cooperative's own outlet.
 */
export const goodsAccount = (toUnit: string | null) =>
  toUnit ? { account: ACCOUNTS.PERSEDIAAN_GERAI, unit: toUnit } : { account: ACCOUNTS.HPP, unit: UNIT };

// ── allocation ──────────────────────────────────────────────────────────────────────────────

interface Candidate {
  lotId: string;
  lotCode: string;
  locationId: string;
  locationName: string;
  expiresOn: string;
  packFormatId: string | null;
  /** What is left in base units as the allocation goes on. */
  base: bigint;
}

interface Allocation {
  c: Candidate;
  quantity: bigint;
  base: bigint;
}

/** Stock of one commodity and grade, place by place, the soonest expiry first. */
async function candidates(db: Db, cooperativeId: string, commodityId: string, grade: Grade, locationId?: string): Promise<Candidate[]> {
  const { items } = await listLots(db, cooperativeId, { commodityId, grade, locationId, onHand: 'true', limit: 500 });
  return items
    .flatMap((l) =>
      l.places
        .filter((p) => !locationId || p.locationId === locationId)
        .map((p) => ({
          lotId: l.id,
          lotCode: l.code,
          locationId: p.locationId,
          locationName: p.locationName,
          expiresOn: p.expiresOn,
          packFormatId: l.packFormat?.id ?? null,
          base: BigInt(p.quantity.base),
        })),
    )
    .sort((a, b) => a.expiresOn.localeCompare(b.expiresOn) || a.lotCode.localeCompare(b.lotCode));
}

/** Takes `want` order units for a line from the candidates, soonest expiry first; they keep what is left. */
function allocate(
  want: bigint,
  line: { price_basis: 'pack' | 'unit'; pack_format_id: string | null },
  content: bigint | null,
  cands: Candidate[],
) {
  const out: Allocation[] = [];
  let left = want;
  for (const c of cands) {
    if (left === 0n) break;
    if (c.packFormatId !== line.pack_format_id) continue;
    const avail = orderUnitsIn(c.base, line.price_basis, content);
    const take = avail < left ? avail : left;
    if (take <= 0n) continue;
    const base = baseOf(take, line.price_basis, content);
    c.base -= base;
    left -= take;
    out.push({ c, quantity: take, base });
  }
  return { allocations: out, shortfall: left };
}

const unitOfLine = (l: PoLineRow, commodities: CommodityRow[]) => {
  const com = commodities.find((c) => c.id === l.commodity_id)!;
  const pf = l.pack_format_id ? com.pack_formats.find((p) => p.id === l.pack_format_id)! : null;
  return { com, pf, unit: orderUnitOf(l.price_basis, com.unit), content: pf ? BigInt(pf.content) : null };
};

/** The delivery day: every open PO line, the lots proposed for it and what is short, and the totals per item. */
export async function fulfilmentPlan(db: Db, cooperativeId: string, q: { date: string; locationId?: string }) {
  const plan = await planDay(db, cooperativeId, q);
  return { ...plan, lines: plan.lines.map(({ unit: _unit, ...l }) => l) };
}

/** The fulfilment proposal with each line's order unit (for the picking list). */
export async function planDay(db: Db, cooperativeId: string, q: { date: string; locationId?: string }) {
  const { orders, lines, commodities } = await purchaseOrdersWithLines(db, cooperativeId, { deliveryDate: q.date });
  orders.sort((a, b) => a.number.localeCompare(b.number));
  const stock = new Map<string, Candidate[]>();
  const demand = new Map<
    string,
    { label: [string, Grade, string | null]; unit: OrderUnit; open: bigint; available: bigint; shortfall: bigint }
  >();
  const out = [];
  for (const o of orders) {
    for (const l of lines.filter((x) => x.po_id === o.id)) {
      const { com, pf, unit, content } = unitOfLine(l, commodities);
      const key = `${l.commodity_id}|${l.grade}`;
      if (!stock.has(key)) stock.set(key, await candidates(db, cooperativeId, l.commodity_id, l.grade as Grade, q.locationId));
      const cands = stock.get(key)!;
      const open = l.quantity > l.delivered ? l.quantity - l.delivered : 0n;
      const dKey = `${key}|${l.pack_format_id ?? ''}`;
      if (!demand.has(dKey)) {
        const available = cands
          .filter((c) => c.packFormatId === l.pack_format_id)
          .reduce((s, c) => s + orderUnitsIn(c.base, l.price_basis, content), 0n);
        demand.set(dKey, { label: [com.name, l.grade as Grade, pf?.name ?? null], unit, open: 0n, available, shortfall: 0n });
      }
      const { allocations, shortfall } = allocate(open, l, content, cands);
      const d = demand.get(dKey)!;
      d.open += open;
      d.shortfall += shortfall;
      out.push({
        purchaseOrderId: o.id,
        purchaseOrderNumber: o.number,
        partnerName: o.partner_name,
        storeName: o.store_name,
        lineNo: l.line_no,
        unit,
        commodityName: com.name,
        grade: l.grade as Grade,
        packFormatName: pf?.name ?? null,
        ordered: oq(l.quantity, unit),
        delivered: oq(l.delivered, unit),
        open: oq(open, unit),
        allocated: oq(open - shortfall, unit),
        shortfall: oq(shortfall, unit),
        allocations: allocations.map((a) => ({
          lotId: a.c.lotId,
          lotCode: a.c.lotCode,
          locationId: a.c.locationId,
          locationName: a.c.locationName,
          expiresOn: a.c.expiresOn,
          quantity: oq(a.quantity, unit),
        })),
      });
    }
  }
  const totals = [...demand.values()].map((d) => ({
    commodityName: d.label[0],
    grade: d.label[1],
    packFormatName: d.label[2],
    open: oq(d.open, d.unit),
    available: oq(d.available, d.unit),
    shortfall: oq(d.shortfall, d.unit),
  }));
  return { date: q.date, lines: out, demand: totals, complete: totals.every((d) => d.shortfall.value === '0') };
}

// ── delivery notes ──────────────────────────────────────────────────────────────────────────

export function presentDelivery(d: repo.DeliveryRow, lines: repo.DeliveryLineRow[], commodities: CommodityRow[]): Delivery {
  return {
    id: d.id,
    number: d.number,
    date: d.date,
    purchaseOrder: { id: d.po_id, number: d.po_number, partnerRef: d.partner_ref },
    partner: { id: d.partner_id, code: d.partner_code, name: d.partner_name },
    store: { id: d.store_id, name: d.store_name, address: d.store_address },
    vehicle: d.vehicle,
    driver: d.driver,
    value: d.value.toString(),
    toUnit: d.to_unit,
    routeId: d.route_id,
    journal: d.journal_entry_id ? { id: d.journal_entry_id, number: d.journal_number ?? '' } : null,
    receipt: d.received_on
      ? {
          date: d.received_on,
          receivedBy: d.received_by,
          writtenOff: (d.written_off ?? 0n).toString(),
          returned: (d.returned ?? 0n).toString(),
          journal: d.receipt_journal_entry_id ? { id: d.receipt_journal_entry_id, number: d.receipt_journal_number ?? '' } : null,
        }
      : null,
    lines: lines
      .filter((l) => l.delivery_id === d.id)
      .map((l) => {
        const com = commodities.find((c) => c.id === l.commodity_id)!;
        const pf = l.pack_format_id ? com.pack_formats.find((p) => p.id === l.pack_format_id) : undefined;
        const unit = orderUnitOf(l.price_basis, com.unit);
        return {
          lineNo: l.line_no,
          poLineNo: l.po_line_no,
          commodityName: com.name,
          grade: l.grade as Grade,
          packFormatName: pf?.name ?? null,
          lotId: l.lot_id,
          lotCode: l.lot_code,
          locationId: l.location_id,
          quantity: oq(l.quantity, unit),
          base: { base: l.base_quantity.toString(), text: formatQuantity(l.base_quantity, com.unit as UnitOfMeasure) },
          value: l.value.toString(),
          accepted: l.accepted === null ? null : oq(l.accepted, unit),
          rejected: l.rejected === null ? null : oq(l.rejected, unit),
          reason: (l.reason as RejectReason | null) ?? null,
          writtenOff: l.written_off === null ? null : l.written_off.toString(),
          returnedToStock: l.return_lot_id
            ? {
                lotId: l.return_lot_id,
                lotCode: l.return_lot_code!,
                grade: l.return_grade as Grade,
                quantity: { base: l.return_base!.toString(), text: formatQuantity(l.return_base!, com.unit as UnitOfMeasure) },
                value: (l.returned_value ?? 0n).toString(),
              }
            : null,
          invoiceId: l.invoice_id,
        };
      }),
  };
}

export async function deliveriesWithLines(db: Db, cooperativeId: string, f: Parameters<typeof repo.deliveries>[2]) {
  const rows = await repo.deliveries(db, cooperativeId, f);
  const lines = await repo.deliveryLines(
    db,
    cooperativeId,
    rows.map((r) => r.id),
  );
  const commodities = lines.length ? await commodityRows(db, cooperativeId, [...new Set(lines.map((l) => l.commodity_id))]) : [];
  return { rows, lines, commodities };
}

export async function getDelivery(db: Db, cooperativeId: string, id: string) {
  const { rows, lines, commodities } = await deliveriesWithLines(db, cooperativeId, { ids: [id] });
  if (!rows[0]) throw deliveryNotFound();
  return presentDelivery(rows[0], lines, commodities);
}

export async function listDeliveries(
  db: Db,
  cooperativeId: string,
  q: { partnerId?: string; date?: string; uninvoiced?: 'true' | 'false'; limit: number },
) {
  const rows = await repo.deliveries(db, cooperativeId, {
    ...q,
    uninvoiced: q.uninvoiced === undefined ? undefined : q.uninvoiced === 'true',
  });
  return { items: rows.map((r) => presentDelivery(r, [], [])).map(({ lines: _lines, ...rest }) => rest) };
}

/**
 * Dispatch against one PO: the lots named (or, without lines, its open quantity first-expired-
 * first-out) leave stock through the produce hook, cost of goods sold is posted against
 * inventory, and the delivery note is numbered without gaps — one transaction.
 */
export async function dispatch(db: Db, cooperativeId: string, actor: Actor, input: DeliveryInput) {
  const date = input.date ?? (await todayOf(db, cooperativeId));
  const id = newId('sj');
  await inTransaction(db, async (tx) => {
    await lockPurchaseOrder(tx, cooperativeId, input.purchaseOrderId);
    const { orders, lines, commodities } = await purchaseOrdersWithLines(tx, cooperativeId, { ids: [input.purchaseOrderId] });
    const po = orders[0];
    if (!po) throw unusable('purchaseOrderId', 'unknown_purchase_order', { id: 'PO tidak ditemukan', en: 'Purchase order not found' });
    const toUnit = await receivingUnit(tx, cooperativeId, po.partner_id);
    if (date < po.order_date)
      throw refuse([
        field('date', 'before_order_date', {
          id: `Tanggal kirim sebelum tanggal PO (${po.order_date})`,
          en: `Dispatch date before the PO date (${po.order_date})`,
        }),
      ]);
    const planned: (Allocation & { line: PoLineRow; at: string })[] = [];
    if (input.lines) {
      const lots = await lotsForRequest(
        tx,
        cooperativeId,
        input.lines.map((l, i) => ({ lotId: l.lotId, at: `lines.${i}.lotId` })),
      );
      const places = await locationRows(tx, cooperativeId);
      const fields: FieldError[] = [];
      let unprocessable = false;
      const taken = new Map<number, bigint>();
      input.lines.forEach((l, i) => {
        const at = `lines.${i}`;
        if (!places.some((p) => p.id === l.locationId)) {
          unprocessable = true;
          fields.push(field(`${at}.locationId`, 'unknown_location', { id: 'Lokasi tidak ditemukan', en: 'Location not found' }));
          return;
        }
        const line = lines.find((x) => x.line_no === l.poLineNo);
        if (!line) {
          unprocessable = true;
          fields.push(
            field(`${at}.poLineNo`, 'unknown_po_line', {
              id: `PO ${po.number} tidak punya baris ${l.poLineNo}`,
              en: `PO ${po.number} has no line ${l.poLineNo}`,
            }),
          );
          return;
        }
        const { unit, content, com } = unitOfLine(line, commodities);
        const lot = lots.get(l.lotId)!;
        if (lot.commodity_id !== line.commodity_id || lot.grade !== line.grade || (lot.pack_format_id ?? null) !== line.pack_format_id) {
          unprocessable = true;
          fields.push(
            field(`${at}.lotId`, 'lot_mismatch', {
              id: `Lot ${lot.code} (${lot.commodity_name} ${lot.grade}${lot.pack_format_name ? `, ${lot.pack_format_name}` : ''}) tidak sesuai baris PO (${com.name} ${line.grade})`,
              en: `Lot ${lot.code} (${lot.commodity_name} ${lot.grade}) does not match the PO line (${com.name} ${line.grade})`,
            }),
          );
          return;
        }
        let q: bigint;
        try {
          q = parseOrderQuantity(`${at}.quantity`, l.quantity, unit);
        } catch (e) {
          if (e instanceof AppError) fields.push(...e.fields);
          else throw e;
          return;
        }
        const open = line.quantity - line.delivered - (taken.get(line.line_no) ?? 0n);
        if (q > open) {
          unprocessable = true;
          fields.push(
            field(`${at}.quantity`, 'over_delivery', {
              id: `Melebihi sisa pesanan baris ${line.line_no}: tinggal ${oq(open > 0n ? open : 0n, unit).text}`,
              en: `More than line ${line.line_no} still has open: ${oq(open > 0n ? open : 0n, unit).text}`,
            }),
          );
          return;
        }
        taken.set(line.line_no, (taken.get(line.line_no) ?? 0n) + q);
        planned.push({
          line,
          at: `${at}.quantity`,
          quantity: q,
          base: baseOf(q, line.price_basis, content),
          c: {
            lotId: lot.id,
            lotCode: lot.code,
            locationId: l.locationId,
            locationName: '',
            expiresOn: '',
            packFormatId: lot.pack_format_id,
            base: 0n,
          },
        });
      });
      if (fields.length) throw refuse(fields, unprocessable ? 'unprocessable' : 'validation');
    } else {
      const stock = new Map<string, Candidate[]>();
      for (const line of lines) {
        const open = line.quantity - line.delivered;
        if (open <= 0n) continue;
        const key = `${line.commodity_id}|${line.grade}`;
        if (!stock.has(key)) stock.set(key, await candidates(tx, cooperativeId, line.commodity_id, line.grade as Grade));
        const { content } = unitOfLine(line, commodities);
        for (const a of allocate(open, line, content, stock.get(key)!).allocations) planned.push({ ...a, line, at: 'purchaseOrderId' });
      }
      if (!planned.length)
        throw unusable('purchaseOrderId', 'nothing_to_deliver', {
          id: `Tidak ada stok yang cocok untuk sisa PO ${po.number}`,
          en: `No matching stock for what is open on PO ${po.number}`,
        });
    }
    const taken = await issueLotsForSale(tx, cooperativeId, actor, {
      date,
      documentId: id,
      partnerId: po.partner_id,
      items: planned.map((p) => ({ lotId: p.c.lotId, locationId: p.c.locationId, quantity: p.base, at: p.at })),
    });
    const issued = planned.map((p, i) => ({ ...p, ...taken[i]! }));
    const value = issued.reduce((s, x) => s + x.value, 0n);
    const number = await docNumber(tx, cooperativeId, 'SJ', date);
    const to = goodsAccount(toUnit);
    const posted =
      value > 0n
        ? await postEntry(tx, cooperativeId, actor, {
            date,
            memo: toUnit
              ? `Pindah stok ke ${po.partner_name} (unit ${toUnit}), surat jalan ${number}, harga pokok`
              : `HPP surat jalan ${number} ${po.partner_name} (PO ${po.partner_ref})`,
            source: { module: 'market.delivery', documentId: id },
            lines: [
              { account: to.account, unit: to.unit, debit: value },
              { account: ACCOUNTS.PERSEDIAAN_HASIL_PANEN, unit: UNIT, credit: value },
            ],
          })
        : null;
    await repo.insertDelivery(
      tx,
      cooperativeId,
      {
        id,
        number,
        date,
        poId: po.id,
        partnerId: po.partner_id,
        storeId: po.store_id,
        vehicle: input.vehicle ?? null,
        driver: input.driver ?? null,
        value,
        toUnit,
        journalEntryId: posted?.id ?? null,
        journalNumber: posted?.number ?? null,
        createdByLabel: actor.label,
        requestId: actor.requestId ?? null,
      },
      issued.map((x, i) => ({
        lineNo: i + 1,
        poLineNo: x.line.line_no,
        lotId: x.c.lotId,
        lotCode: x.c.lotCode,
        locationId: x.c.locationId,
        quantity: x.quantity,
        baseQuantity: x.base,
        value: x.value,
        movementId: x.movementId,
      })),
    );
    await recordAudit(tx, cooperativeId, actor, {
      action: 'market.delivery.create',
      entityType: 'market_delivery',
      entityId: id,
      changes: input,
    });
  });
  return getDelivery(db, cooperativeId, id);
}

export const lockDelivery = repo.lockDelivery;
