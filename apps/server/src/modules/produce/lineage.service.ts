/**
 * Lot lineage for traceability and margins: which farmers' intake lots (and which lots bought from
 * other cooperatives) a lot is made of (through packings and buyer returns), and which lots were
 * made from it. A share is the part of a lot's content that comes from another lot, by weight put
 * in: a pack lot packed from 13 kg of one farmer and 13 kg of another is half each, however much
 * the packing lost.
 */
import type { Grade, UnitOfMeasure } from '@kopdes/shared/produce';
import type { Db } from '../../db/client.js';
import { concurrentOnPool } from '../../db/concurrent.js';
import * as lineage from './lineage.repository.js';
import { membersWithGroups } from './member-directory.js';
import * as purchases from './purchases.repository.js';
import * as repo from './stock.repository.js';

export interface Share {
  num: bigint;
  den: bigint;
}

const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? a : gcd(b, a % b));
export function times(a: Share, b: Share): Share {
  const num = a.num * b.num;
  const den = a.den * b.den;
  const g = gcd(num, den) || 1n;
  return { num: num / g, den: den / g };
}
export const WHOLE: Share = { num: 1n, den: 1n };

export interface FarmerSource {
  lotId: string;
  code: string;
  grade: Grade;
  unit: UnitOfMeasure;
  price: bigint;
  memberId: string;
  memberNumber: number | null;
  fullName: string | null;
  farmerGroupName: string | null;
  intakeId: string;
  intakeNumber: string;
  intakeDate: string;
  /** The part of the traced lot's content this intake lot makes up. */
  share: Share;
}

/** A lot bought from another cooperative that a traced lot is made of (no farmer: the supplier). */
export interface PurchaseSource {
  lotId: string;
  code: string;
  grade: Grade;
  unit: UnitOfMeasure;
  /** What the cooperative paid the supplier per kg (or per piece/bunch). */
  price: bigint;
  purchaseId: string;
  purchaseNumber: string;
  purchaseDate: string;
  partnerId: string;
  supplierName: string;
  /** The part of the traced lot's content this purchased lot makes up. */
  share: Share;
}

type Leaf = { lotId: string; share: Share };

/**
 * Walks back from each lot, level by level (pack lots to what was packed, return lots to the lot
 * they left as), to the lots that started it all: intake lots (farmers) and purchased lots (suppliers).
 */
async function leaves(db: Db, cooperativeId: string, lotIds: string[]) {
  const reached = new Map<string, { intake: Leaf[]; purchase: Leaf[] }>(lotIds.map((id) => [id, { intake: [], purchase: [] }]));
  let frontier = lotIds.map((id) => ({ root: id, lotId: id, share: WHOLE }));
  for (let depth = 0; frontier.length && depth < 20; depth++) {
    const rows = new Map((await repo.lots(db, cooperativeId, [...new Set(frontier.map((f) => f.lotId))])).map((l) => [l.id, l]));
    const packings = [...new Set([...rows.values()].filter((l) => l.origin === 'packing').map((l) => l.packing_id!))];
    const inputs = await lineage.packInputs(db, cooperativeId, packings);
    const next: typeof frontier = [];
    for (const f of frontier) {
      const l = rows.get(f.lotId);
      if (!l) continue;
      if (l.origin === 'intake') reached.get(f.root)!.intake.push({ lotId: l.id, share: f.share });
      else if (l.origin === 'purchase') reached.get(f.root)!.purchase.push({ lotId: l.id, share: f.share });
      else if (l.origin === 'return') next.push({ ...f, lotId: l.source_lot_id! });
      else {
        const mine = inputs.filter((i) => i.packing_id === l.packing_id);
        const total = mine.reduce((s, i) => s + i.quantity, 0n);
        for (const i of mine) next.push({ root: f.root, lotId: i.lot_id, share: times(f.share, { num: i.quantity, den: total }) });
      }
    }
    frontier = next;
  }
  return reached;
}

/** One leaf lot reached by two paths counts once, with the shares added. */
function merge(list: Leaf[]): Map<string, Share> {
  const merged = new Map<string, Share>();
  for (const r of list) {
    const s = merged.get(r.lotId);
    merged.set(r.lotId, s ? reduce({ num: s.num * r.share.den + r.share.num * s.den, den: s.den * r.share.den }) : r.share);
  }
  return merged;
}

type Walked = Awaited<ReturnType<typeof leaves>>;

/** For each walked lot, the farmers' intake lots it is made of, each with its share (a purchased part has no farmer). */
async function farmersOf(db: Db, cooperativeId: string, walked: Walked): Promise<Map<string, FarmerSource[]>> {
  const reached = new Map([...walked].map(([root, r]) => [root, r.intake]));
  const intakeIds = [...new Set([...reached.values()].flat().map((r) => r.lotId))];
  const [intakes, members] = await concurrentOnPool(
    db,
    () => (intakeIds.length ? lineage.intakeLots(db, cooperativeId, { ids: intakeIds }) : Promise.resolve([])),
    () => (intakeIds.length ? membersWithGroups(db, cooperativeId) : Promise.resolve([])),
  );
  const byId = new Map(intakes.map((i) => [i.id, i]));
  const out = new Map<string, FarmerSource[]>();
  for (const [root, list] of reached) {
    out.set(
      root,
      [...merge(list).entries()].map(([id, share]) => {
        const i = byId.get(id)!;
        const m = members.find((x) => x.id === i.member_id);
        return {
          lotId: i.id,
          code: i.code,
          grade: i.grade,
          unit: i.unit,
          price: i.price,
          memberId: i.member_id,
          memberNumber: m?.number ?? null,
          fullName: m?.fullName ?? null,
          farmerGroupName: m?.farmerGroupName ?? null,
          intakeId: i.intake_id,
          intakeNumber: i.intake_number,
          intakeDate: i.intake_date,
          share,
        };
      }),
    );
  }
  return out;
}

const reduce = (s: Share) => times(s, WHOLE);

/** For each lot, both: the farmers and the suppliers it is made of, from one walk back through its lineage. */
export async function lotSources(db: Db, cooperativeId: string, lotIds: string[]) {
  const walked = await leaves(db, cooperativeId, lotIds);
  // Sequential: `db` may be a transaction (one connection, one query at a time).
  const farmers = await farmersOf(db, cooperativeId, walked);
  const suppliers = await suppliersOf(db, cooperativeId, walked);
  return { farmers, suppliers };
}

/** For each walked lot, the lots bought from other cooperatives it is made of, with purchase, supplier and share. */
async function suppliersOf(db: Db, cooperativeId: string, walked: Walked): Promise<Map<string, PurchaseSource[]>> {
  const bought = [...new Set([...walked.values()].flatMap((r) => r.purchase.map((p) => p.lotId)))];
  const origins = new Map((await purchases.purchaseOrigins(db, cooperativeId, bought)).map((o) => [o.lot_id, o]));
  const out = new Map<string, PurchaseSource[]>();
  for (const [root, r] of walked) {
    out.set(
      root,
      [...merge(r.purchase).entries()].flatMap(([lotId, share]) => {
        const o = origins.get(lotId);
        return o
          ? [
              {
                lotId,
                code: o.code,
                grade: o.grade,
                unit: o.unit,
                price: o.price,
                purchaseId: o.id,
                purchaseNumber: o.number,
                purchaseDate: o.date,
                partnerId: o.partner_id,
                supplierName: o.supplier_name,
                share,
              },
            ]
          : [];
      }),
    );
  }
  return out;
}

export interface Descendant {
  lotId: string;
  code: string;
  /** The part of this descendant's content that comes from the traced lot. */
  share: Share;
}

/** The lot itself (share 1) and every lot made from it, through packings and returns, with the share that is the traced lot's. */
export async function lotAndDescendants(db: Db, cooperativeId: string, lotId: string, code: string): Promise<Descendant[]> {
  const out: Descendant[] = [{ lotId, code, share: WHOLE }];
  let frontier = out;
  for (let depth = 0; frontier.length && depth < 20; depth++) {
    const rows = await lineage.madeFrom(
      db,
      cooperativeId,
      frontier.map((f) => f.lotId),
    );
    const next: Descendant[] = [];
    for (const r of rows) {
      const from = frontier.find((f) => f.lotId === r.from_lot_id)!;
      next.push({ lotId: r.lot_id, code: r.code, share: times(from.share, { num: r.part, den: r.whole }) });
    }
    out.push(...next);
    frontier = next;
  }
  return out;
}

/** A farmer's intake lots received in a period. */
export const farmerIntakeLots = (db: Db, cooperativeId: string, memberId: string, from: string, to: string) =>
  lineage.intakeLots(db, cooperativeId, { memberId, from, to });

export const lotLosses = lineage.lossMovements;
export const lotsOnHand = lineage.onHandOf;
export const stockLossesByCommodityWeek = lineage.lossesByCommodityWeek;
