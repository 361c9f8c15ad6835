/**
 * Purchase orders: entered by staff, imported from a buyer's file, or posted by the buyer's own
 * system with its API token. Each is checked against the contract in force on the delivery day
 * (item, pack, price, agreed volume for that weekday): differences are warnings kept on the order,
 * or a refusal when the contract says lines off it are refused.
 */
import type { Contract, PurchaseOrder, PurchaseOrderInput, Warning } from '@kopdes/shared/market';
import { formatRupiah } from '@kopdes/shared/money';
import { formatQuantity, type Grade } from '@kopdes/shared/produce';
import type { Db } from '../../db/client.js';
import { nextNumber } from '../../db/numbering.js';
import type { Actor } from '../../lib/actor.js';
import { AppError, notFound, type FieldError, type Msg } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { recordAudit } from '../audit/audit.service.js';
import { MAX_LINE_AMOUNT } from '../ledger/ledger.service.js';
import { commodityRows, type CommodityRow } from '../produce/catalogue.service.js';
import { field, pgConstraintOf, refuse, todayOf, weekStart } from '../produce/common.js';
import { inTransaction } from '../../db/transaction.js';
import * as repo from './orders.repository.js';
import { contractsOf, partnerOfToken, partnerRow, storeRows } from './partners.service.js';
import { lineAmount, oq, orderUnitOf, parseOrderQuantity } from './quantities.js';

export type Source = 'entry' | 'import' | 'partner_api';
export type { PoRow, PoLineRow } from './orders.repository.js';

const poNotFound = () => notFound({ id: 'Pesanan pembelian (PO) tidak ditemukan', en: 'Purchase order not found' });
const warn = (f: string, code: string, message: Msg): Warning => ({ field: f, code, message });
export const isoWeekday = (d: string) => new Date(`${d}T00:00:00Z`).getUTCDay() || 7;
const DAY_NAMES = ['', 'Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu', 'Minggu'];
const DAY_NAMES_EN = ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

export function presentPurchaseOrder(o: repo.PoRow, lines: repo.PoLineRow[], commodities: CommodityRow[]): PurchaseOrder {
  return {
    id: o.id,
    number: o.number,
    partner: { id: o.partner_id, code: o.partner_code, name: o.partner_name },
    store: { id: o.store_id, name: o.store_name, address: o.store_address },
    contractId: o.contract_id,
    partnerRef: o.partner_ref,
    orderDate: o.order_date,
    deliveryDate: o.delivery_date,
    source: o.source,
    amount: o.amount.toString(),
    warnings: o.warnings,
    notes: o.notes,
    createdBy: o.created_by_label,
    lines: lines
      .filter((l) => l.po_id === o.id)
      .map((l) => {
        const com = commodities.find((c) => c.id === l.commodity_id)!;
        const pf = l.pack_format_id ? com.pack_formats.find((p) => p.id === l.pack_format_id) : undefined;
        const unit = orderUnitOf(l.price_basis, com.unit);
        const open = l.quantity > l.delivered ? l.quantity - l.delivered : 0n;
        return {
          lineNo: l.line_no,
          commodity: { id: com.id, code: com.code, name: com.name, unit: com.unit },
          grade: l.grade as Grade,
          packFormat: pf ? { id: pf.id, name: pf.name, content: pf.content } : null,
          priceBasis: l.price_basis,
          quantity: oq(l.quantity, unit),
          unitPrice: l.unit_price.toString(),
          amount: l.amount.toString(),
          contractLineNo: l.contract_line_no,
          warnings: l.warnings,
          delivered: oq(l.delivered, unit),
          open: oq(open, unit),
        };
      }),
  };
}

export async function purchaseOrdersWithLines(db: Db, cooperativeId: string, f: Parameters<typeof repo.purchaseOrders>[2]) {
  const orders = await repo.purchaseOrders(db, cooperativeId, f);
  const lines = await repo.poLines(
    db,
    cooperativeId,
    orders.map((o) => o.id),
  );
  const commodities = lines.length ? await commodityRows(db, cooperativeId, [...new Set(lines.map((l) => l.commodity_id))]) : [];
  return { orders, lines, commodities };
}

export async function listPurchaseOrders(
  db: Db,
  cooperativeId: string,
  q: { partnerId?: string; deliveryDate?: string; from?: string; to?: string; limit: number },
) {
  const rows = await repo.purchaseOrders(db, cooperativeId, q);
  return { items: rows.map((o) => presentPurchaseOrder(o, [], [])).map(({ lines: _lines, ...rest }) => rest) };
}

export async function getPurchaseOrder(db: Db, cooperativeId: string, id: string) {
  const { orders, lines, commodities } = await purchaseOrdersWithLines(db, cooperativeId, { ids: [id] });
  if (!orders[0]) throw poNotFound();
  return presentPurchaseOrder(orders[0], lines, commodities);
}

export interface ResolvedOrder {
  po: Omit<repo.NewPo, 'id' | 'number' | 'createdByLabel' | 'requestId'>;
  lines: repo.NewPoLine[];
  storeName: string;
}

/**
 * Checks an order without writing: the partner and store, each line against the contract in force
 * on the delivery day. Throws the refusal (every field problem at once); returns the order with its warnings.
 */
export async function resolveOrder(
  db: Db,
  cooperativeId: string,
  input: PurchaseOrderInput,
  o: { source: Source; partnerId?: string; today: string },
): Promise<ResolvedOrder> {
  const partnerId = o.partnerId ?? input.partnerId;
  if (!partnerId)
    throw refuse([field('partnerId', 'required', { id: 'Mitra (partnerId) wajib diisi', en: 'The partner (partnerId) is required' })]);
  const partner = await partnerRow(db, cooperativeId, partnerId, 'partnerId');
  if (!partner.active)
    throw refuse(
      [field('partnerId', 'inactive_partner', { id: `Mitra ${partner.name} tidak aktif`, en: `Partner ${partner.name} is inactive` })],
      'unprocessable',
    );
  const stores = await storeRows(db, cooperativeId, { partnerIds: [partner.id] });
  const store = input.storeId
    ? stores.find((s) => s.id === input.storeId)
    : stores.find((s) => s.code && input.storeCode && s.code.toLowerCase() === input.storeCode.toLowerCase());
  const storeField = input.storeId ? 'storeId' : 'storeCode';
  if (!store)
    throw refuse(
      [
        field(storeField, 'unknown_store', {
          id: `Toko tidak ditemukan pada mitra ${partner.name}`,
          en: `Store not found for partner ${partner.name}`,
        }),
      ],
      'unprocessable',
    );
  if (!store.active)
    throw refuse(
      [field(storeField, 'inactive_store', { id: `Toko ${store.name} tidak aktif`, en: `Store ${store.name} is inactive` })],
      'unprocessable',
    );
  const orderDate = input.orderDate ?? o.today;
  if (input.deliveryDate < orderDate)
    throw refuse([
      field('deliveryDate', 'before_order_date', {
        id: 'Tanggal kirim sebelum tanggal pesanan',
        en: 'The delivery date is before the order date',
      }),
    ]);
  const weekday = isoWeekday(input.deliveryDate);
  const warnings: Warning[] = [];
  if (!store.receiving_days.includes(String(weekday)))
    warnings.push(
      warn('deliveryDate', 'store_closed', {
        id: `${store.name} tidak menerima barang hari ${DAY_NAMES[weekday]}`,
        en: `${store.name} does not receive on ${DAY_NAMES_EN[weekday]}`,
      }),
    );
  const [contract] = await contractsOf(db, cooperativeId, { partnerId: partner.id, on: input.deliveryDate });
  if (!contract)
    warnings.push(
      warn('deliveryDate', 'no_contract', {
        id: `Tidak ada kontrak ${partner.name} yang berlaku pada ${input.deliveryDate}`,
        en: `No contract with ${partner.name} in force on ${input.deliveryDate}`,
      }),
    );
  const ordered = contract
    ? await repo.orderedOn(db, cooperativeId, partner.id, contract.id, input.deliveryDate)
    : new Map<number, bigint>();
  const commodities = await commodityRows(db, cooperativeId);
  const fields: FieldError[] = [];
  let unprocessable = false;
  const lines: repo.NewPoLine[] = [];
  const seen = new Set<string>();
  input.lines.forEach((l, i) => {
    const at = `lines.${i}`;
    const lineWarnings: Warning[] = [];
    let commodityId = l.commodityId;
    let grade = l.grade;
    let packFormatId = l.packFormatId ?? null;
    let item: Contract['items'][number] | undefined;
    if (l.articleCode) {
      item = contract?.items.find((x) => x.articleCode === l.articleCode);
      if (!item) {
        unprocessable = true;
        fields.push(
          field(`${at}.articleCode`, 'unknown_article', {
            id: `Kode artikel ${l.articleCode} tidak ada di kontrak ${partner.name}`,
            en: `Article code ${l.articleCode} is not in the contract with ${partner.name}`,
          }),
        );
        return;
      }
      commodityId = item.commodity.id;
      grade = item.grade;
      packFormatId = item.packFormat?.id ?? null;
    } else if (!commodityId || !grade) {
      fields.push(
        field(`${at}.${commodityId ? 'grade' : 'commodityId'}`, 'required', {
          id: 'Isi kode artikel, atau komoditas dan grade',
          en: 'Give the article code, or the commodity and grade',
        }),
      );
      return;
    }
    const com = commodities.find((c) => c.id === commodityId);
    if (!com) {
      unprocessable = true;
      fields.push(field(`${at}.commodityId`, 'unknown_commodity', { id: 'Komoditas tidak ditemukan', en: 'Commodity not found' }));
      return;
    }
    if (!com.grades.some((g) => g.grade === grade)) {
      unprocessable = true;
      fields.push(
        field(`${at}.grade`, 'unknown_grade', { id: `${com.name} tidak punya grade ${grade}`, en: `${com.name} has no grade ${grade}` }),
      );
      return;
    }
    const pf = packFormatId ? com.pack_formats.find((p) => p.id === packFormatId) : undefined;
    if (packFormatId && !pf) {
      unprocessable = true;
      fields.push(
        field(`${at}.packFormatId`, 'unknown_pack_format', {
          id: `Format kemasan tidak ditemukan untuk ${com.name}`,
          en: `Pack format not found for ${com.name}`,
        }),
      );
      return;
    }
    const key = `${commodityId}|${grade}|${packFormatId ?? ''}`;
    if (seen.has(key)) {
      fields.push(
        field(`${at}.${l.articleCode ? 'articleCode' : 'commodityId'}`, 'duplicate_line', {
          id: 'Barang yang sama sudah ada di baris lain',
          en: 'The same item is on another line',
        }),
      );
      return;
    }
    seen.add(key);
    const basis = pf ? 'pack' : 'unit';
    const unit = orderUnitOf(basis, com.unit);
    let quantity: bigint;
    try {
      quantity = parseOrderQuantity(`${at}.quantity`, l.quantity, unit);
    } catch (e) {
      if (e instanceof AppError) fields.push(...e.fields);
      else throw e;
      return;
    }
    item ??= contract?.items.find(
      (x) => x.commodity.id === commodityId && x.grade === grade && (x.packFormat?.id ?? null) === packFormatId,
    );
    const label = `${com.name} ${grade}${pf ? ` ${pf.name}` : ''}`;
    if (contract && !item) {
      const samePack = contract.items.find((x) => x.commodity.id === commodityId && x.grade === grade);
      const msg: Msg = samePack
        ? {
            id: `${label}: kemasan berbeda dari kontrak (${samePack.packFormat?.name ?? 'curah per ' + com.unit})`,
            en: `${label}: pack differs from the contract (${samePack.packFormat?.name ?? 'loose per ' + com.unit})`,
          }
        : { id: `${label} tidak ada di kontrak ${contract.reference}`, en: `${label} is not in contract ${contract.reference}` };
      const code = samePack ? 'pack_differs' : 'off_contract';
      if (contract.offContract === 'refuse') {
        unprocessable = true;
        fields.push(field(at, code, msg));
        return;
      }
      lineWarnings.push(warn(at, code, msg));
    }
    let price: bigint;
    if (l.unitPrice) {
      price = BigInt(l.unitPrice);
      if (price === 0n) {
        fields.push(field(`${at}.unitPrice`, 'not_positive', { id: 'Harga harus lebih dari 0', en: 'The price must be more than 0' }));
        return;
      }
      if (item && BigInt(item.price) !== price)
        lineWarnings.push(
          warn(`${at}.unitPrice`, 'price_differs', {
            id: `${label}: harga PO ${formatRupiah(price)} berbeda dari kontrak ${formatRupiah(BigInt(item.price))}`,
            en: `${label}: PO price ${formatRupiah(price)} differs from the contract's ${formatRupiah(BigInt(item.price))}`,
          }),
        );
    } else if (item) {
      price = BigInt(item.price);
    } else {
      fields.push(
        field(`${at}.unitPrice`, 'price_required', {
          id: 'Harga wajib diisi: barang ini tidak ada di kontrak',
          en: 'A price is required: the item is not in a contract',
        }),
      );
      return;
    }
    if (item) {
      const agreed = BigInt(item.volumes[weekday - 1]!.value);
      const limit = agreed + (agreed * BigInt(contract!.volumeTolerancePct)) / 100n;
      const total = (ordered.get(item.lineNo) ?? 0n) + quantity;
      if (total > limit)
        lineWarnings.push(
          warn(`${at}.quantity`, 'over_volume', {
            id: `${label}: ${oq(total, unit).text} dipesan untuk ${DAY_NAMES[weekday]} ${input.deliveryDate}, volume kontrak ${oq(agreed, unit).text} (+${contract!.volumeTolerancePct}%)`,
            en: `${label}: ${oq(total, unit).text} ordered for ${DAY_NAMES_EN[weekday]} ${input.deliveryDate}, contract volume ${oq(agreed, unit).text} (+${contract!.volumeTolerancePct}%)`,
          }),
        );
    }
    const amount = lineAmount(quantity, unit, price);
    if (amount > MAX_LINE_AMOUNT) {
      fields.push(field(`${at}.quantity`, 'too_large', { id: 'Nilai baris terlalu besar', en: 'The line amount is too large' }));
      return;
    }
    warnings.push(...lineWarnings);
    lines.push({
      lineNo: i + 1,
      commodityId: com.id,
      grade: grade!,
      packFormatId: pf?.id ?? null,
      priceBasis: basis,
      quantity,
      unitPrice: price,
      amount,
      contractLineNo: item?.lineNo ?? null,
      warnings: lineWarnings,
    });
  });
  if (fields.length) throw refuse(fields, unprocessable ? 'unprocessable' : 'validation');
  return {
    storeName: store.name,
    po: {
      partnerId: partner.id,
      storeId: store.id,
      contractId: contract?.id ?? null,
      partnerRef: input.partnerRef,
      orderDate,
      deliveryDate: input.deliveryDate,
      source: o.source,
      amount: lines.reduce((s, l) => s + l.amount, 0n),
      warnings,
      notes: input.notes ?? null,
    },
    lines,
  };
}

const refTaken = (ref: string) =>
  new AppError(
    'conflict',
    'duplicate_partner_ref',
    { id: `PO ${ref} dari mitra ini sudah tercatat`, en: `PO ${ref} of this partner is already recorded` },
    [
      field('partnerRef', 'duplicate_partner_ref', {
        id: `PO ${ref} dari mitra ini sudah tercatat`,
        en: `PO ${ref} of this partner is already recorded`,
      }),
    ],
  );

/** Writes a checked order (inside the caller's transaction when there is one). */
export async function writeOrder(tx: Db, cooperativeId: string, actor: Actor, r: ResolvedOrder) {
  const id = newId('po');
  const year = r.po.orderDate.slice(0, 4);
  const number = `PO-${year}-${(await nextNumber(tx, cooperativeId, `PO-${year}`)).toString().padStart(6, '0')}`;
  try {
    await repo.insertPurchaseOrder(
      tx,
      cooperativeId,
      { ...r.po, id, number, createdByLabel: actor.label, requestId: actor.requestId ?? null },
      r.lines,
    );
  } catch (e) {
    if (pgConstraintOf(e) === 'market_purchase_orders_ref_uq') throw refTaken(r.po.partnerRef);
    throw e;
  }
  await recordAudit(tx, cooperativeId, actor, {
    action: 'market.po.create',
    entityType: 'market_purchase_order',
    entityId: id,
    changes: { number, partnerRef: r.po.partnerRef, source: r.po.source, lines: r.lines.length },
  });
  return { id, number };
}

export async function createPurchaseOrder(
  db: Db,
  cooperativeId: string,
  actor: Actor,
  input: PurchaseOrderInput,
  o: { source: Source; partnerId?: string },
) {
  const today = await todayOf(db, cooperativeId);
  const r = await resolveOrder(db, cooperativeId, input, { ...o, today });
  if ((await repo.partnerRefsTaken(db, cooperativeId, r.po.partnerId, [input.partnerRef])).size) throw refTaken(input.partnerRef);
  const { id } = await inTransaction(db, (tx) => writeOrder(tx, cooperativeId, actor, r));
  return getPurchaseOrder(db, cooperativeId, id);
}

export const refsTaken = repo.partnerRefsTaken;
export const lockPurchaseOrder = repo.lockPurchaseOrder;

/**
 * The POST of an order: a token linked to a partner (its own system) orders for that partner
 * only; a cooperative's own token or a person names the partner.
 */
export async function submitPurchaseOrder(
  db: Db,
  cooperativeId: string,
  actor: Actor,
  input: PurchaseOrderInput,
  caller: { tokenId: string | null },
) {
  if (!caller.tokenId) return createPurchaseOrder(db, cooperativeId, actor, input, { source: 'entry' });
  const own = await partnerOfToken(db, cooperativeId, caller.tokenId);
  if (own && input.partnerId && input.partnerId !== own.id) {
    const msg = { id: 'Token ini hanya boleh memesan atas nama mitranya sendiri', en: 'This token may only order for its own partner' };
    throw new AppError('forbidden', 'other_partner', msg, [field('partnerId', 'other_partner', msg)]);
  }
  return createPurchaseOrder(db, cooperativeId, actor, input, { source: 'partner_api', partnerId: own?.id });
}

/**
 * Fill rate per partner, commodity and week (Monday of the delivery date), in the commodity's base
 * units so packs and loose lines add up: delivered ÷ ordered and accepted ÷ ordered, in per mille
 * rounded half-up. Lines delivered but not yet received count as not accepted.
 */
export async function fillRate(db: Db, cooperativeId: string, q: { from: string; to: string }) {
  if (q.from > q.to)
    throw refuse([field('from', 'after_to', { id: 'Tanggal awal sesudah tanggal akhir', en: 'The start is after the end' })]);
  const rows = await repo.fillRows(db, cooperativeId, q.from, q.to);
  const commodities = rows.length ? await commodityRows(db, cooperativeId, [...new Set(rows.map((r) => r.commodity_id))]) : [];
  const groups = new Map<
    string,
    { partnerId: string; partnerName: string; com: CommodityRow; week: string; ordered: bigint; delivered: bigint; accepted: bigint }
  >();
  for (const r of rows) {
    const com = commodities.find((c) => c.id === r.commodity_id)!;
    const content = r.pack_format_id ? BigInt(com.pack_formats.find((p) => p.id === r.pack_format_id)!.content) : 1n;
    const week = weekStart(r.delivery_date);
    const k = `${r.partner_id}|${r.commodity_id}|${week}`;
    const g = groups.get(k) ?? {
      partnerId: r.partner_id,
      partnerName: r.partner_name,
      com,
      week,
      ordered: 0n,
      delivered: 0n,
      accepted: 0n,
    };
    g.ordered += r.quantity * content;
    g.delivered += r.delivered_base;
    g.accepted += r.accepted * content;
    groups.set(k, g);
  }
  const permille = (a: bigint, b: bigint) => (b === 0n ? 0 : Number((a * 2000n + b) / (2n * b)));
  return {
    from: q.from,
    to: q.to,
    rows: [...groups.values()]
      .sort((a, b) => a.week.localeCompare(b.week) || a.partnerName.localeCompare(b.partnerName) || a.com.name.localeCompare(b.com.name))
      .map((g) => ({
        partnerId: g.partnerId,
        partnerName: g.partnerName,
        commodityId: g.com.id,
        commodityName: g.com.name,
        week: g.week,
        ordered: { base: g.ordered.toString(), text: formatQuantity(g.ordered, g.com.unit) },
        delivered: { base: g.delivered.toString(), text: formatQuantity(g.delivered, g.com.unit) },
        accepted: { base: g.accepted.toString(), text: formatQuantity(g.accepted, g.com.unit) },
        deliveredPermille: permille(g.delivered, g.ordered),
        acceptedPermille: permille(g.accepted, g.ordered),
      })),
  };
}
