/**
 * Buying prices per commodity and grade, each valid from a date, set by the pengurus. The price
 * that applies to an intake is the newest one valid on the intake date; the intake keeps a copy.
 */
import type { PriceListInput } from '@kopdes/shared/produce';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../lib/actor.js';
import { invalidField } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { recordAudit } from '../audit/audit.service.js';
import { commodityRows } from './catalogue.service.js';
import { todayOf, unusable } from './common.js';
import * as repo from './prices.repository.js';

export type { PriceRow } from './prices.repository.js';
export const priceRows = repo.priceRows;

export async function listPrices(db: Db, cooperativeId: string, q: { date?: string; commodityId?: string; history?: 'true' | 'false' }) {
  const date = q.date ?? (await todayOf(db, cooperativeId));
  const rows = await priceRows(db, cooperativeId, { date, commodityId: q.commodityId, history: q.history === 'true' });
  return {
    date,
    items: rows.map((r) => ({
      commodityId: r.commodity_id,
      commodityName: r.commodity_name,
      grade: r.grade,
      price: r.price.toString(),
      unit: r.unit,
      validFrom: r.valid_from,
      setBy: r.created_by_label,
    })),
  };
}

/** Sets a price list valid from a date. Each commodity must have the grade; reject may be 0. */
export async function setPrices(db: Db, cooperativeId: string, actor: Actor, input: PriceListInput) {
  const ids = [...new Set(input.items.map((i) => i.commodityId))];
  const commodities = new Map((await commodityRows(db, cooperativeId, ids)).map((c) => [c.id, c]));
  const seen = new Set<string>();
  input.items.forEach((item, i) => {
    const c = commodities.get(item.commodityId);
    if (!c) throw unusable(`items.${i}.commodityId`, 'unknown_commodity', { id: 'Komoditas tidak ditemukan', en: 'Commodity not found' });
    if (!c.grades.some((g) => g.grade === item.grade)) {
      throw unusable(`items.${i}.grade`, 'unknown_grade', {
        id: `${c.name} tidak memiliki grade ${item.grade}`,
        en: `${c.name} has no grade ${item.grade}`,
      });
    }
    const key = `${item.commodityId}|${item.grade}`;
    if (seen.has(key)) {
      throw invalidField(`items.${i}`, 'duplicate_price', {
        id: `Harga ${c.name} grade ${item.grade} disebut dua kali`,
        en: `${c.name} grade ${item.grade} is listed twice`,
      });
    }
    seen.add(key);
    if (BigInt(item.price) === 0n && item.grade !== 'reject') {
      throw invalidField(`items.${i}.price`, 'price_zero', {
        id: 'Harga beli harus lebih dari Rp 0 (kecuali afkir)',
        en: 'A buying price must be above Rp 0 (except reject)',
      });
    }
  });
  const rows = JSON.stringify(input.items.map((i) => ({ id: newId('hrg'), commodity_id: i.commodityId, grade: i.grade, price: i.price })));
  await db.transaction(async (tx) => {
    await repo.insertPrices(tx, cooperativeId, input.validFrom, actor.label, rows);
    await recordAudit(tx, cooperativeId, actor, {
      action: 'produce.prices.set',
      entityType: 'produce_price_list',
      entityId: input.validFrom,
      changes: input,
    });
  });
  return listPrices(db, cooperativeId, { date: input.validFrom });
}
