/**
 * Property: whatever sequence of intakes, transfers, packings, losses, counts and sales happens
 * (including requests for more than there is, which must be refused), every lot's stock on hand
 * at every place equals what came in less what went out, never negative; the on-hand table equals
 * the sum of the movements; and the stock value at cost equals the ledger's inventory account.
 */
import { ACCOUNTS } from '@kopdes/shared/ledger';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { testApp } from '../../../../test/support/app.js';
import { makeCoop } from '../../../../test/support/factories.js';
import { SYSTEM_ACTOR } from '../../../lib/actor.js';
import { AppError } from '../../../lib/errors.js';
import { accountBalance, postEntry } from '../../ledger/ledger.service.js';
import { recordIntake } from '../intake.service.js';
import { packLots } from '../packing.service.js';
import { countStock, issueLotForSale, recordLoss, transferStock, valuation } from '../stock.service.js';
import { DAY, makeFarmer, produceSetup } from './factories.js';

const t = await testApp();

const kg = (g: number) => `${Math.floor(g / 1000)},${String(g % 1000).padStart(3, '0')}`;

type Op =
  | { op: 'intake'; a: number; b: number; r: number }
  | { op: 'transfer'; lot: number; grams: number }
  | { op: 'loss'; lot: number; grams: number }
  | { op: 'pack'; lot: number; packs: number }
  | { op: 'count'; lot: number; grams: number }
  | { op: 'sale'; lot: number; grams: number };

const grams = fc.integer({ min: 1, max: 40_000 });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant('intake' as const),
      a: grams,
      b: fc.integer({ min: 0, max: 20_000 }),
      r: fc.integer({ min: 0, max: 3_000 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('transfer' as const), lot: fc.nat(), grams }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('loss' as const), lot: fc.nat(), grams }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('pack' as const), lot: fc.nat(), packs: fc.integer({ min: 1, max: 200 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('count' as const), lot: fc.nat(), grams: fc.integer({ min: 0, max: 40_000 }) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('sale' as const), lot: fc.nat(), grams }) },
);

it('stock on hand equals intakes − packing, losses and sales ± counts, per lot and place; value equals the ledger', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(opArb, { minLength: 4, maxLength: 14 }), async (ops) => {
      const coopId = (await makeCoop(t.db)).id;
      const s = await produceSetup(t.db, coopId);
      const farmer = await makeFarmer(t.db, coopId);
      const expected = new Map<string, bigint>(); // `${lotId}|${locationId}` → grams
      const lots: { id: string; grade: string }[] = [];
      const key = (lot: string, loc: string) => `${lot}|${loc}`;
      const add = (lot: string, loc: string, q: bigint) => expected.set(key(lot, loc), (expected.get(key(lot, loc)) ?? 0n) + q);
      const places = [s.packingHouseId, s.coldStorageId];
      /** Runs the operation; a refusal (4xx) must leave the model as it is. */
      const attempt = async (fn: () => Promise<void>) => {
        try {
          await fn();
        } catch (e) {
          if (!(e instanceof AppError) || !['unprocessable', 'validation'].includes(e.kind)) throw e;
        }
      };
      const whereIs = (lot: string) => places.find((p) => (expected.get(key(lot, p)) ?? 0n) > 0n) ?? s.packingHouseId;

      for (const o of ops) {
        if (o.op === 'intake') {
          const net = o.a + o.b + o.r;
          const grades = [
            { grade: 'A' as const, kg: kg(o.a) },
            ...(o.b ? [{ grade: 'B' as const, kg: kg(o.b) }] : []),
            ...(o.r ? [{ grade: 'reject' as const, kg: kg(o.r) }] : []),
          ];
          const i = await recordIntake(t.db, coopId, SYSTEM_ACTOR, {
            date: DAY,
            collectionPointId: s.collectionPointId,
            memberId: farmer.memberId,
            commodityId: s.tomatoId,
            crates: 1,
            grossKg: kg(net + 1500),
            tareKg: '1,5',
            grades,
            locationId: s.packingHouseId,
          });
          for (const l of i.lots) {
            lots.push({ id: l.lotId, grade: l.grade });
            add(l.lotId, s.packingHouseId, BigInt(l.quantity.base));
          }
          continue;
        }
        if (!lots.length) continue;
        const lot = lots[o.lot % lots.length]!;
        const at = whereIs(lot.id);
        if (o.op === 'transfer') {
          const to = places.find((p) => p !== at)!;
          await attempt(async () => {
            await transferStock(t.db, coopId, SYSTEM_ACTOR, {
              date: DAY,
              lotId: lot.id,
              fromLocationId: at,
              toLocationId: to,
              kg: kg(o.grams),
            });
            add(lot.id, at, -BigInt(o.grams));
            add(lot.id, to, BigInt(o.grams));
          });
        } else if (o.op === 'loss') {
          await attempt(async () => {
            await recordLoss(t.db, coopId, SYSTEM_ACTOR, {
              date: DAY,
              lotId: lot.id,
              locationId: at,
              kind: 'shrinkage',
              kg: kg(o.grams),
              reason: 'Susut timbang',
            });
            add(lot.id, at, -BigInt(o.grams));
          });
        } else if (o.op === 'pack') {
          const input = BigInt(o.packs) * 250n + 37n;
          await attempt(async () => {
            const doc = await packLots(t.db, coopId, SYSTEM_ACTOR, {
              date: DAY,
              locationId: at,
              packFormatId: s.trayFormatId,
              packs: o.packs,
              sources: [{ lotId: lot.id, kg: kg(Number(input)) }],
            });
            add(lot.id, at, -input);
            lots.push({ id: doc.packing!.outputLotId, grade: lot.grade });
            add(doc.packing!.outputLotId, at, BigInt(o.packs) * 250n);
          });
        } else if (o.op === 'count') {
          await attempt(async () => {
            await countStock(t.db, coopId, SYSTEM_ACTOR, {
              date: DAY,
              locationId: at,
              reason: 'Opname mingguan',
              lines: [{ lotId: lot.id, countedKg: kg(o.grams) }],
            });
            expected.set(key(lot.id, at), BigInt(o.grams));
          });
        } else {
          await attempt(async () => {
            await t.db.transaction(async (tx) => {
              const { value } = await issueLotForSale(tx, coopId, SYSTEM_ACTOR, {
                date: DAY,
                lotId: lot.id,
                locationId: at,
                quantity: BigInt(o.grams),
                documentId: `inv_uji_${lots.length}_${o.grams}`,
                partnerId: 'mtr_pasar_caringin',
              });
              if (value > 0n) {
                await postEntry(tx, coopId, SYSTEM_ACTOR, {
                  date: DAY,
                  memo: 'HPP penjualan uji',
                  source: { module: 'sales.test', documentId: `inv_uji_${lots.length}` },
                  lines: [
                    { account: ACCOUNTS.HPP, unit: 'agribisnis', debit: value },
                    { account: ACCOUNTS.PERSEDIAAN_HASIL_PANEN, unit: 'agribisnis', credit: value },
                  ],
                });
              }
            });
            add(lot.id, at, -BigInt(o.grams));
          });
        }
      }

      const stock = await t.db.execute<{
        lot_id: string;
        location_id: string;
        quantity: bigint;
        value: bigint;
        moved_q: bigint;
        moved_v: bigint;
      }>(sql`
        SELECT s.lot_id, s.location_id, s.quantity, s.value,
               (SELECT sum(quantity) FROM produce_movements m WHERE m.cooperative_id = s.cooperative_id AND m.lot_id = s.lot_id AND m.location_id = s.location_id)::bigint AS moved_q,
               (SELECT sum(value) FROM produce_movements m WHERE m.cooperative_id = s.cooperative_id AND m.lot_id = s.lot_id AND m.location_id = s.location_id)::bigint AS moved_v
        FROM produce_stock s WHERE s.cooperative_id = ${coopId}`);
      const actual = new Map(stock.rows.map((r) => [key(r.lot_id, r.location_id), r.quantity]));
      for (const [k, q] of expected) expect(actual.get(k) ?? 0n, k).toBe(q);
      for (const r of stock.rows) {
        expect(r.quantity).toBeGreaterThanOrEqual(0n);
        expect(r.value).toBeGreaterThanOrEqual(0n);
        expect(r.quantity).toBe(r.moved_q);
        expect(r.value).toBe(r.moved_v);
        expect(expected.get(key(r.lot_id, r.location_id)) ?? 0n).toBe(r.quantity);
      }
      const v = await valuation(t.db, coopId, { asOf: DAY });
      const ledger = await accountBalance(t.db, coopId, { account: ACCOUNTS.PERSEDIAAN_HASIL_PANEN, unit: 'agribisnis' });
      expect(v.total).toBe(ledger.toString());
      expect(v.agrees).toBe(true);
    }),
    { numRuns: 12, seed: 20250812, endOnFailure: true },
  );
}, 600_000);
