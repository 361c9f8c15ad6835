/**
 * The picking list of a delivery day: the fulfilment proposal turned round for the people at the
 * shelves — place by place, lot by lot (soonest expiry first), how much to take for which store's
 * order — and what cannot be covered.
 */
import type { PickingList } from '@kopdes/shared/market';
import type { Db } from '../../db/client.js';
import { planDay } from './deliveries.service.js';
import { oq, type OrderUnit } from './quantities.js';

export async function pickingList(db: Db, cooperativeId: string, q: { date: string; locationId?: string }): Promise<PickingList> {
  const plan = await planDay(db, cooperativeId, q);
  type Lot = PickingList['places'][number]['lots'][number] & { sum: bigint; unit: OrderUnit };
  const places = new Map<string, { locationId: string; locationName: string; lots: Map<string, Lot> }>();
  for (const line of plan.lines) {
    for (const a of line.allocations) {
      const place = places.get(a.locationId) ?? { locationId: a.locationId, locationName: a.locationName, lots: new Map() };
      places.set(a.locationId, place);
      const lot = place.lots.get(a.lotId) ?? {
        lotId: a.lotId,
        lotCode: a.lotCode,
        commodityName: line.commodityName,
        grade: line.grade,
        packFormatName: line.packFormatName,
        expiresOn: a.expiresOn,
        total: a.quantity,
        picks: [],
        sum: 0n,
        unit: line.unit,
      };
      place.lots.set(a.lotId, lot);
      lot.sum += BigInt(a.quantity.value);
      lot.picks.push({
        purchaseOrderId: line.purchaseOrderId,
        purchaseOrderNumber: line.purchaseOrderNumber,
        partnerName: line.partnerName,
        storeName: line.storeName,
        lineNo: line.lineNo,
        quantity: a.quantity,
      });
    }
  }
  return {
    date: plan.date,
    places: [...places.values()]
      .sort((a, b) => a.locationName.localeCompare(b.locationName))
      .map((p) => ({
        locationId: p.locationId,
        locationName: p.locationName,
        lots: [...p.lots.values()]
          .sort((a, b) => a.expiresOn.localeCompare(b.expiresOn) || a.lotCode.localeCompare(b.lotCode))
          .map(({ sum, unit, ...lot }) => ({ ...lot, total: oq(sum, unit) })),
      })),
    shortfalls: plan.lines
      .filter((l) => l.shortfall.value !== '0')
      .map((l) => ({
        purchaseOrderNumber: l.purchaseOrderNumber,
        partnerName: l.partnerName,
        storeName: l.storeName,
        lineNo: l.lineNo,
        commodityName: l.commodityName,
        grade: l.grade,
        packFormatName: l.packFormatName,
        shortfall: l.shortfall,
      })),
    complete: plan.complete,
  };
}
