/**
 * Gross margin of the market link per commodity, partner and week. A received delivery line earns
 * its accepted quantity at the PO price; its cost of sales is what the delivery took out of stock
 * less the cost of the rejected part (written off or back in stock); the rejected part written
 * off is a loss of the sale. Credit notes reduce the partner's margin, stock losses (shrinkage,
 * spoilage, counts) the commodity's. Goods sent to the cooperative's own outlet move at cost and
 * earn nothing here.
 */
import type { Db } from '../../db/client.js';
import { concurrentOnPool } from '../../db/concurrent.js';
import { commodityRows, type CommodityRow } from '../produce/catalogue.service.js';
import { field, refuse } from '../produce/common.js';
import { stockLossesByCommodityWeek } from '../produce/lineage.service.js';
import { formatQuantity } from '@kopdes/shared/produce';
import * as repo from './margins.repository.js';
import { baseOf, lineAmount, orderUnitOf } from './quantities.js';

export interface LineFigures {
  revenue: bigint;
  costOfSales: bigint;
  rejectsWrittenOff: bigint;
  transferredAtCost: bigint;
  acceptedBase: bigint;
}

/** What one delivery line earned and cost; before the buyer's receiving only its cost is known. */
export function lineFigures(l: repo.SoldLineRow, com: CommodityRow): LineFigures {
  const unit = orderUnitOf(l.price_basis, com.unit);
  const pf = l.pack_format_id ? com.pack_formats.find((p) => p.id === l.pack_format_id) : undefined;
  const writtenOff = l.written_off ?? 0n;
  const kept = l.value - writtenOff - (l.returned_value ?? 0n);
  const internal = l.to_unit !== null;
  return {
    revenue: l.accepted === null || internal ? 0n : lineAmount(l.accepted, unit, l.unit_price),
    costOfSales: internal ? 0n : kept,
    rejectsWrittenOff: writtenOff,
    transferredAtCost: internal ? kept : 0n,
    acceptedBase: l.accepted === null ? 0n : baseOf(l.accepted, l.price_basis, pf ? BigInt(pf.content) : null),
  };
}

/** Per mille of `part` in `whole`, rounded half away from zero; 0 when `whole` is 0. */
export function permille(part: bigint, whole: bigint): number {
  if (whole === 0n) return 0;
  const n = part * 1000n;
  const q = (2n * (n < 0n ? -n : n) + whole) / (2n * whole);
  return Number(n < 0n ? -q : q);
}

type Sums = {
  revenue: bigint;
  costOfSales: bigint;
  rejectsWrittenOff: bigint;
  transferredAtCost: bigint;
  creditNotes: bigint;
  stockLosses: bigint;
};
const zero = (): Sums => ({ revenue: 0n, costOfSales: 0n, rejectsWrittenOff: 0n, transferredAtCost: 0n, creditNotes: 0n, stockLosses: 0n });
const add = (s: Sums, f: Partial<Sums>) => {
  for (const k of Object.keys(f) as (keyof Sums)[]) s[k] += f[k] ?? 0n;
};
const figures = (s: Sums, margin: bigint) => ({
  revenue: s.revenue.toString(),
  costOfSales: s.costOfSales.toString(),
  rejectsWrittenOff: s.rejectsWrittenOff.toString(),
  margin: margin.toString(),
  marginPermille: permille(margin, s.revenue),
});

export async function marginReport(db: Db, cooperativeId: string, q: { from: string; to: string }) {
  if (q.from > q.to)
    throw refuse([field('from', 'after_to', { id: 'Tanggal awal sesudah tanggal akhir', en: 'The start is after the end' })]);
  const [lines, credits, losses] = await concurrentOnPool(
    db,
    () => repo.soldLines(db, cooperativeId, { from: q.from, to: q.to, receivedOnly: true }),
    () => repo.creditNotesByWeek(db, cooperativeId, q.from, q.to),
    () => stockLossesByCommodityWeek(db, cooperativeId, q.from, q.to),
  );
  const ids = [...new Set([...lines.map((l) => l.commodity_id), ...losses.map((l) => l.commodity_id)])];
  const commodities = ids.length ? await commodityRows(db, cooperativeId, ids) : [];
  const com = (id: string) => commodities.find((c) => c.id === id)!;

  const rows = new Map<
    string,
    { week: string; partnerId: string; partnerName: string; com: CommodityRow; delivered: bigint; accepted: bigint; s: Sums }
  >();
  const byCommodity = new Map<string, Sums>();
  const byPartner = new Map<string, { name: string; s: Sums }>();
  const byWeek = new Map<string, Sums>();
  const total = zero();
  const bucket = <K>(m: Map<K, Sums>, k: K) => m.get(k) ?? m.set(k, zero()).get(k)!;
  for (const l of lines) {
    const c = com(l.commodity_id);
    const f = lineFigures(l, c);
    const key = `${l.week}|${l.partner_id}|${l.commodity_id}`;
    const r = rows.get(key) ?? {
      week: l.week,
      partnerId: l.partner_id,
      partnerName: l.partner_name,
      com: c,
      delivered: 0n,
      accepted: 0n,
      s: zero(),
    };
    rows.set(key, r);
    r.delivered += l.base_quantity;
    r.accepted += f.acceptedBase;
    const part = {
      revenue: f.revenue,
      costOfSales: f.costOfSales,
      rejectsWrittenOff: f.rejectsWrittenOff,
      transferredAtCost: f.transferredAtCost,
    };
    for (const s of [r.s, bucket(byCommodity, l.commodity_id), bucket(byWeek, l.week), total]) add(s, part);
    const p = byPartner.get(l.partner_id) ?? { name: l.partner_name, s: zero() };
    byPartner.set(l.partner_id, p);
    add(p.s, part);
  }
  for (const cn of credits) {
    const p = byPartner.get(cn.partner_id) ?? { name: cn.partner_name, s: zero() };
    byPartner.set(cn.partner_id, p);
    for (const s of [p.s, bucket(byWeek, cn.week), total]) add(s, { creditNotes: cn.amount });
  }
  for (const x of losses)
    for (const s of [bucket(byCommodity, x.commodity_id), bucket(byWeek, x.week), total]) add(s, { stockLosses: x.value });

  const sold = (s: Sums) => s.revenue - s.costOfSales - s.rejectsWrittenOff;
  return {
    from: q.from,
    to: q.to,
    rows: [...rows.values()]
      .sort((a, b) => a.week.localeCompare(b.week) || a.partnerName.localeCompare(b.partnerName) || a.com.name.localeCompare(b.com.name))
      .map((r) => ({
        week: r.week,
        partnerId: r.partnerId,
        partnerName: r.partnerName,
        commodityId: r.com.id,
        commodityName: r.com.name,
        delivered: { base: r.delivered.toString(), text: formatQuantity(r.delivered, r.com.unit) },
        accepted: { base: r.accepted.toString(), text: formatQuantity(r.accepted, r.com.unit) },
        transferredAtCost: r.s.transferredAtCost.toString(),
        ...figures(r.s, sold(r.s)),
      })),
    byCommodity: [...byCommodity.entries()]
      .map(([id, s]) => ({
        commodityId: id,
        commodityName: com(id).name,
        stockLosses: s.stockLosses.toString(),
        ...figures(s, sold(s) - s.stockLosses),
      }))
      .sort((a, b) => a.commodityName.localeCompare(b.commodityName)),
    byPartner: [...byPartner.entries()]
      .map(([id, p]) => ({
        partnerId: id,
        partnerName: p.name,
        creditNotes: p.s.creditNotes.toString(),
        ...figures(p.s, sold(p.s) - p.s.creditNotes),
      }))
      .sort((a, b) => a.partnerName.localeCompare(b.partnerName)),
    byWeek: [...byWeek.entries()]
      .sort((a, b) => a[0].localeCompare(b[0]))
      .map(([week, s]) => ({
        week,
        creditNotes: s.creditNotes.toString(),
        stockLosses: s.stockLosses.toString(),
        ...figures(s, sold(s) - s.creditNotes - s.stockLosses),
      })),
    totals: {
      creditNotes: total.creditNotes.toString(),
      stockLosses: total.stockLosses.toString(),
      transferredAtCost: total.transferredAtCost.toString(),
      ...figures(total, sold(total) - total.creditNotes - total.stockLosses),
    },
  };
}
