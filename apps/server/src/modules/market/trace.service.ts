/**
 * Traceability with money: a lot from the farmers who grew it, or the cooperative it was bought
 * from (at what they were paid), to the partners who bought it (at what they pay) and the losses in
 * between; an invoice line back to its farmers and suppliers; a farmer's produce forward to the
 * partners. Lots made from other lots (packs, returns) carry their sources' shares, so figures of a
 * lot made from several are split by weight.
 */
import { allocateLargestRemainder, mulDivRoundHalfUp } from '@kopdes/shared/money';
import { formatQuantity, type UnitOfMeasure } from '@kopdes/shared/produce';
import { amountForGrams } from '@kopdes/shared/quantity';
import type { InvoiceTrace } from '@kopdes/shared/market';
import type { Db } from '../../db/client.js';
import { concurrentOnPool } from '../../db/concurrent.js';
import { notFound } from '../../lib/errors.js';
import { commodityRows, type CommodityRow } from '../produce/catalogue.service.js';
import { field, refuse } from '../produce/common.js';
import {
  farmerIntakeLots,
  lotAndDescendants,
  lotLosses,
  lotsOnHand,
  lotSources,
  type Descendant,
  type FarmerSource,
  type PurchaseSource,
  type Share,
} from '../produce/lineage.service.js';
import { oneMember } from '../produce/member-directory.js';
import { getLot } from '../produce/stock.service.js';
import * as deliveries from './deliveries.repository.js';
import * as invoices from './invoices.repository.js';
import { lineFigures, permille } from './margins.service.js';
import * as repo from './margins.repository.js';
import { baseOf, oq, orderUnitOf } from './quantities.js';

const part = (v: bigint, s: Share) => (s.num === s.den ? v : mulDivRoundHalfUp(v, s.num, s.den));
const bq = (v: bigint, unit: UnitOfMeasure) => ({ base: v.toString(), text: formatQuantity(v, unit) });
const lcm = (a: bigint, b: bigint) => {
  const g = (x: bigint, y: bigint): bigint => (y === 0n ? x : g(y, x % y));
  return (a * b) / g(a, b);
};

const amountOf = (quantity: bigint, unit: UnitOfMeasure, price: bigint) =>
  (unit === 'kg' ? amountForGrams(quantity, price) : quantity * price).toString();

/**
 * Splits `quantity` of a lot among where it came from, the farmers who grew it and the cooperatives
 * it was bought from, by their shares in one allocation over both (exactly, largest remainder), so
 * the parts add up to `quantity`; each part at its own price.
 */
function sourcesOf(farmerList: FarmerSource[], supplierList: PurchaseSource[], quantity: bigint) {
  const all = [...farmerList, ...supplierList];
  if (!all.length || quantity <= 0n) return { farmers: [], suppliers: [] };
  const den = all.reduce((d, s) => lcm(d, s.share.den), 1n);
  const parts = allocateLargestRemainder(
    quantity,
    all.map((s) => s.share.num * (den / s.share.den)),
  );
  const bought = parts.slice(farmerList.length);
  return {
    farmers: farmerList.map((s, i) => ({
      memberId: s.memberId,
      memberNumber: s.memberNumber,
      fullName: s.fullName,
      farmerGroupName: s.farmerGroupName,
      intakeId: s.intakeId,
      intakeNumber: s.intakeNumber,
      intakeDate: s.intakeDate,
      lotId: s.lotId,
      lotCode: s.code,
      grade: s.grade,
      price: s.price.toString(),
      quantity: bq(parts[i]!, s.unit),
      amount: amountOf(parts[i]!, s.unit, s.price),
    })),
    suppliers: supplierList.map((s, i) => ({
      partnerId: s.partnerId,
      supplierName: s.supplierName,
      purchaseId: s.purchaseId,
      purchaseNumber: s.purchaseNumber,
      purchaseDate: s.purchaseDate,
      lotId: s.lotId,
      lotCode: s.code,
      grade: s.grade,
      price: s.price.toString(),
      quantity: bq(bought[i]!, s.unit),
      amount: amountOf(bought[i]!, s.unit, s.price),
    })),
  };
}

const unitsOf = (l: repo.SoldLineRow | deliveries.DeliveryLineRow, com: CommodityRow) => {
  const pf = l.pack_format_id ? com.pack_formats.find((p) => p.id === l.pack_format_id) : undefined;
  return { unit: orderUnitOf(l.price_basis, com.unit), content: pf ? BigInt(pf.content) : null };
};

/**
 * A lot's farmers and suppliers (what its content cost), sales (its own and of the lots made from it,
 * at its share), losses, what is left, and the margin.
 */
export async function lotMargin(db: Db, cooperativeId: string, lotId: string) {
  const lot = await getLot(db, cooperativeId, lotId);
  const [commodity] = await commodityRows(db, cooperativeId, [lot.commodity.id]);
  const family = await lotAndDescendants(db, cooperativeId, lot.id, lot.code);
  const shareOf = new Map(family.map((f) => [f.lotId, f]));
  const ids = family.map((f) => f.lotId);
  const [{ farmers: sources, suppliers: bought }, lines, losses, onHand] = await concurrentOnPool(
    db,
    () => lotSources(db, cooperativeId, [lot.id]),
    () => repo.soldLines(db, cooperativeId, { lotIds: ids }),
    () => lotLosses(db, cooperativeId, ids),
    () => lotsOnHand(db, cooperativeId, ids),
  );
  const { farmers, suppliers } = sourcesOf(sources.get(lot.id) ?? [], bought.get(lot.id) ?? [], BigInt(lot.initial.base));
  const sales = lines.map((l) => {
    const f = lineFigures(l, commodity!);
    const s = shareOf.get(l.lot_id)!.share;
    const { unit } = unitsOf(l, commodity!);
    return {
      deliveryId: l.delivery_id,
      deliveryNumber: l.delivery_number,
      date: l.date,
      partnerId: l.partner_id,
      partnerName: l.partner_name,
      storeName: l.store_name,
      lotId: l.lot_id,
      lotCode: l.lot_code,
      sharePermille: permille(s.num, s.den),
      delivered: oq(l.quantity, unit),
      accepted: l.accepted === null ? null : oq(l.accepted, unit),
      rejected: l.rejected === null ? null : oq(l.rejected, unit),
      unitPrice: l.unit_price.toString(),
      internal: l.to_unit !== null,
      revenue: part(f.revenue, s),
      costOfSales: part(f.costOfSales, s),
      rejectsWrittenOff: part(f.rejectsWrittenOff, s),
      invoiceId: l.invoice_id,
    };
  });
  const lossRows = losses.map((m) => {
    const f = shareOf.get(m.lot_id)!;
    return {
      date: m.date,
      lotId: m.lot_id,
      lotCode: f.code,
      kind: m.kind,
      reason: m.reason,
      quantity: bq(part(m.quantity, f.share), lot.commodity.unit),
      value: part(m.value, f.share),
    };
  });
  const left = onHand.reduce(
    (s, h) => {
      const f = shareOf.get(h.lot_id)!.share;
      return { quantity: s.quantity + part(h.quantity, f), value: s.value + part(h.value, f) };
    },
    { quantity: 0n, value: 0n },
  );
  const sum = <T>(xs: T[], f: (x: T) => bigint) => xs.reduce((s, x) => s + f(x), 0n);
  const revenue = sum(sales, (x) => x.revenue);
  const costOfSales = sum(sales, (x) => x.costOfSales);
  const rejects = sum(sales, (x) => x.rejectsWrittenOff);
  const stockLosses = sum(lossRows, (x) => x.value);
  return {
    lot: {
      id: lot.id,
      code: lot.code,
      origin: lot.origin,
      commodityId: lot.commodity.id,
      commodityName: lot.commodity.name,
      grade: lot.grade,
      packFormatName: lot.packFormat?.name ?? null,
      initial: { base: lot.initial.base, text: lot.initial.text },
      cost: lot.cost,
    },
    farmers,
    suppliers,
    sales: sales.map((x) => ({
      ...x,
      revenue: x.revenue.toString(),
      costOfSales: x.costOfSales.toString(),
      rejectsWrittenOff: x.rejectsWrittenOff.toString(),
    })),
    losses: lossRows.map((x) => ({ ...x, value: x.value.toString() })),
    onHand: { quantity: bq(left.quantity, lot.commodity.unit), value: left.value.toString() },
    totals: {
      bought: (sum(farmers, (x) => BigInt(x.amount)) + sum(suppliers, (x) => BigInt(x.amount))).toString(),
      revenue: revenue.toString(),
      costOfSales: costOfSales.toString(),
      rejectsWrittenOff: rejects.toString(),
      stockLosses: stockLosses.toString(),
      margin: (revenue - costOfSales - rejects - stockLosses).toString(),
    },
  };
}

/** Every line of an invoice back to the farmers who grew what the buyer accepted, or the cooperative it was bought from. */
export async function invoiceTrace(db: Db, cooperativeId: string, invoiceId: string): Promise<InvoiceTrace> {
  const [inv] = await invoices.invoices(db, cooperativeId, { ids: [invoiceId] });
  if (!inv) throw notFound({ id: 'Faktur tidak ditemukan', en: 'Invoice not found' });
  const lines = await invoices.invoiceLines(db, cooperativeId, [invoiceId]);
  const dls = await deliveries.deliveryLines(db, cooperativeId, [
    ...new Set(lines.map((l) => l.delivery_id).filter((x): x is string => !!x)),
  ]);
  const commodities = dls.length ? await commodityRows(db, cooperativeId, [...new Set(dls.map((d) => d.commodity_id))]) : [];
  const lotIds = [...new Set(dls.map((d) => d.lot_id))];
  const { farmers: sources, suppliers: bought } = await lotSources(db, cooperativeId, lotIds);
  return {
    invoiceId: inv.id,
    number: inv.number,
    partner: { id: inv.partner_id, name: inv.partner_name },
    lines: lines.map((l) => {
      const dl = dls.find((d) => d.delivery_id === l.delivery_id && d.line_no === l.delivery_line_no);
      if (!dl)
        return {
          lineNo: l.line_no,
          description: l.description,
          deliveryId: null,
          deliveryNumber: null,
          lotId: null,
          lotCode: null,
          accepted: null,
          farmers: [],
          suppliers: [],
        };
      const com = commodities.find((c) => c.id === dl.commodity_id)!;
      const { content } = unitsOf(dl, com);
      const accepted = baseOf(dl.accepted ?? 0n, dl.price_basis, content);
      return {
        lineNo: l.line_no,
        description: l.description,
        deliveryId: l.delivery_id,
        deliveryNumber: l.delivery_number,
        lotId: dl.lot_id,
        lotCode: dl.lot_code,
        accepted: bq(accepted, com.unit),
        ...sourcesOf(sources.get(dl.lot_id) ?? [], bought.get(dl.lot_id) ?? [], accepted),
      };
    }),
  };
}

/** A farmer's intake lots in a period and every partner their produce reached, with the farmer's share. */
export async function farmerSales(db: Db, cooperativeId: string, memberId: string, q: { from: string; to: string }) {
  if (!(await oneMember(db, cooperativeId, memberId))) throw notFound({ id: 'Anggota tidak ditemukan', en: 'Member not found' });
  if (q.from > q.to)
    throw refuse([field('from', 'after_to', { id: 'Tanggal awal sesudah tanggal akhir', en: 'The start is after the end' })]);
  const lots = await farmerIntakeLots(db, cooperativeId, memberId, q.from, q.to);
  const families: Descendant[][] = [];
  for (const l of lots) families.push(await lotAndDescendants(db, cooperativeId, l.id, l.code));
  const allIds = [...new Set(families.flat().map((f) => f.lotId))];
  const lines = allIds.length ? await repo.soldLines(db, cooperativeId, { lotIds: allIds }) : [];
  const commodities = lots.length ? await commodityRows(db, cooperativeId, [...new Set(lots.map((l) => l.commodity_id))]) : [];
  const partners = new Map<string, { partnerName: string; deliveries: Set<string>; revenue: bigint }>();
  const out = lots.map((l, i) => {
    const com = commodities.find((c) => c.id === l.commodity_id)!;
    const buyers = [];
    for (const f of families[i]!) {
      for (const s of lines.filter((x) => x.lot_id === f.lotId && x.to_unit === null)) {
        const fig = lineFigures(s, com);
        const base = s.accepted === null ? s.base_quantity : fig.acceptedBase;
        const revenue = part(fig.revenue, f.share);
        buyers.push({
          partnerId: s.partner_id,
          partnerName: s.partner_name,
          deliveryId: s.delivery_id,
          deliveryNumber: s.delivery_number,
          date: s.date,
          viaLotCode: f.code,
          quantity: bq(part(base, f.share), com.unit),
          revenue: revenue.toString(),
        });
        const p = partners.get(s.partner_id) ?? { partnerName: s.partner_name, deliveries: new Set<string>(), revenue: 0n };
        partners.set(s.partner_id, p);
        p.deliveries.add(s.delivery_id);
        p.revenue += revenue;
      }
    }
    return {
      lotId: l.id,
      lotCode: l.code,
      intakeNumber: l.intake_number,
      intakeDate: l.intake_date,
      commodityName: l.commodity_name,
      grade: l.grade,
      quantity: bq(l.quantity, l.unit),
      price: l.price.toString(),
      amount: l.cost.toString(),
      buyers,
    };
  });
  return {
    memberId,
    from: q.from,
    to: q.to,
    lots: out,
    partners: [...partners.entries()]
      .map(([id, p]) => ({ partnerId: id, partnerName: p.partnerName, deliveries: p.deliveries.size, revenue: p.revenue.toString() }))
      .sort((a, b) => a.partnerName.localeCompare(b.partnerName)),
  };
}
