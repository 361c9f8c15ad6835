/** Produce test data on a real database: places, commodities with prices, farmers with plots, intakes. */
import type { PartnerKind } from '@kopdes/shared/market';
import type { IntakeInput, PurchaseInput } from '@kopdes/shared/produce';
import type { Db } from '../../../db/client.js';
import { SYSTEM_ACTOR } from '../../../lib/actor.js';
import { makeMember } from '../../../../test/support/members-factories.js';
import { createPartner } from '../../market/partners.service.js';
import { addPackFormat, createCommodity } from '../catalogue.service.js';
import { addPlot, saveCollectionPoint, saveLocation } from '../farmers.service.js';
import { recordIntake } from '../intake.service.js';
import { packLots } from '../packing.service.js';
import { runPayouts } from '../payouts.service.js';
import { setPrices } from '../prices.service.js';
import { recordPurchase } from '../purchases.service.js';
import { recordLoss } from '../stock.service.js';

export const PRICE_DATE = '2025-01-01';
export const DAY = '2025-08-12';

export interface Setup {
  collectionPointId: string;
  packingHouseId: string;
  coldStorageId: string;
  tomatoId: string;
  cabbageId: string;
  trayFormatId: string;
}

const setups = new Map<string, Promise<Setup>>();
let uniq = 0;
const NAMES = ['Ujang', 'Asep', 'Dadan', 'Cecep', 'Euis', 'Neneng', 'Iis', 'Yayat', 'Engkos', 'Odah', 'Kokom', 'Jajang'];
const SURNAMES = ['Sutisna', 'Saepulloh', 'Hidayat', 'Kurniawan', 'Rahmawati', 'Suryana', 'Nurjanah', 'Sopandi'];

/** Places, two commodities (tomato A/B/C/reject, cabbage A/B/reject) with prices, and a pack format; once per cooperative. */
export function produceSetup(db: Db, coopId: string): Promise<Setup> {
  let s = setups.get(coopId);
  if (!s) {
    s = (async () => {
      const cp = await saveCollectionPoint(db, coopId, SYSTEM_ACTOR, null, {
        name: 'Titik Kumpul Alamendah',
        villageCode: '32.04.40.2005',
        deliveryDays: [1, 4],
      });
      const ph = await saveLocation(db, coopId, SYSTEM_ACTOR, null, {
        name: 'Rumah Kemas',
        kind: 'packing_house',
        storageClass: 'ambient',
      });
      const cs = await saveLocation(db, coopId, SYSTEM_ACTOR, null, { name: 'Gudang Dingin', kind: 'cold_storage', storageClass: 'cold' });
      const tomato = await createCommodity(db, coopId, SYSTEM_ACTOR, {
        code: 'TOMAT',
        name: 'Tomat',
        unit: 'kg',
        variableWeight: false,
        storageClass: 'cool',
        shelfLifeDays: { ambient: 5, cool: 10, cold: null },
        grades: [
          { grade: 'A', spec: 'Merah merata, mulus, diameter ≥ 6 cm' },
          { grade: 'B', spec: 'Sedikit cacat kulit, diameter 4–6 cm' },
          { grade: 'C', spec: 'Cacat ringan, untuk olahan' },
        ],
      });
      const cabbage = await createCommodity(db, coopId, SYSTEM_ACTOR, {
        code: 'KOL',
        name: 'Kol',
        unit: 'kg',
        variableWeight: true,
        storageClass: 'cold',
        shelfLifeDays: { ambient: 4, cool: 14, cold: 30 },
        grades: [
          { grade: 'A', spec: 'Krop padat, ≥ 1 kg' },
          { grade: 'B', spec: 'Krop kurang padat' },
          { grade: 'reject', spec: 'Busuk atau rusak' },
        ],
      });
      await setPrices(db, coopId, SYSTEM_ACTOR, {
        validFrom: PRICE_DATE,
        items: [
          { commodityId: tomato.id, grade: 'A', price: '8000' },
          { commodityId: tomato.id, grade: 'B', price: '6000' },
          { commodityId: tomato.id, grade: 'C', price: '3500' },
          { commodityId: tomato.id, grade: 'reject', price: '500' },
          { commodityId: cabbage.id, grade: 'A', price: '4500' },
          { commodityId: cabbage.id, grade: 'B', price: '3000' },
        ],
      });
      const withTray = await addPackFormat(db, coopId, SYSTEM_ACTOR, tomato.id, {
        channel: 'modern_retail',
        name: 'Tray 250 g',
        grade: 'A',
        contentKg: '0,25',
        packaging: 'Tray styrofoam + wrap, label harga',
      });
      return {
        collectionPointId: cp.id,
        packingHouseId: ph.id,
        coldStorageId: cs.id,
        tomatoId: tomato.id,
        cabbageId: cabbage.id,
        trayFormatId: withTray.packFormats[0]!.id,
      };
    })();
    setups.set(coopId, s);
  }
  return s;
}

/** An active farmer member with one plot growing tomato and cabbage. */
export async function makeFarmer(
  db: Db,
  coopId: string,
  name = `${NAMES[++uniq % NAMES.length]} ${SURNAMES[Math.floor(uniq / NAMES.length) % SURNAMES.length]}`,
) {
  const s = await produceSetup(db, coopId);
  const m = await makeMember(db, coopId, { fullName: name, occupation: 'farmer' });
  const plot = await addPlot(db, coopId, SYSTEM_ACTOR, m.id, {
    name: 'Kebun Pasir Jambu',
    areaM2: 2500,
    villageCode: '32.04.40.2005',
    altitudeM: 1450,
    latitude: -7.1512,
    longitude: 107.4021,
    commodityIds: [s.tomatoId, s.cabbageId],
  });
  return { memberId: m.id, fullName: m.fullName, plotId: plot.id };
}

/** The standard delivery of the tests: 3 crates of tomato, 50 kg net, graded 30 A, 17,5 B, 2,5 reject; `o` overrides. */
export const intakeBody = (s: Setup, f: { memberId: string; plotId: string }, o: Record<string, unknown> = {}) => ({
  date: DAY,
  collectionPointId: s.collectionPointId,
  memberId: f.memberId,
  plotId: f.plotId,
  commodityId: s.tomatoId,
  harvestDate: DAY,
  crates: 3,
  grossKg: '52,4',
  tareKg: '2,4',
  grades: [
    { grade: 'A' as const, kg: '30' },
    { grade: 'B' as const, kg: '17,5' },
    { grade: 'reject' as const, kg: '2,5' },
  ],
  locationId: s.packingHouseId,
  ...o,
});

export async function makeIntake(db: Db, coopId: string, o: Partial<IntakeInput> & { farmer?: { memberId: string; plotId: string } } = {}) {
  const s = await produceSetup(db, coopId);
  const f = o.farmer ?? (await makeFarmer(db, coopId));
  return recordIntake(db, coopId, SYSTEM_ACTOR, intakeBody(s, f, o) as IntakeInput);
}

export async function makePacking(db: Db, coopId: string) {
  const s = await produceSetup(db, coopId);
  const intake = await makeIntake(db, coopId);
  return packLots(db, coopId, SYSTEM_ACTOR, {
    date: DAY,
    locationId: s.packingHouseId,
    packFormatId: s.trayFormatId,
    packs: 100,
    sources: [{ lotId: intake.lots[0]!.lotId, kg: '26' }],
  });
}

export async function makeLoss(db: Db, coopId: string) {
  const s = await produceSetup(db, coopId);
  const intake = await makeIntake(db, coopId);
  return recordLoss(db, coopId, SYSTEM_ACTOR, {
    date: DAY,
    lotId: intake.lots[1]!.lotId,
    locationId: s.packingHouseId,
    kind: 'spoilage',
    kg: '1,5',
    reason: 'Busuk di peti bawah',
  });
}

/** A paid run for one fresh farmer's intake. */
export async function makePayoutRun(db: Db, coopId: string) {
  const intake = await makeIntake(db, coopId);
  return runPayouts(db, coopId, SYSTEM_ACTOR, { from: DAY, to: DAY, payDate: DAY, memberIds: [intake.farmer.memberId] });
}

const LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const tag = () => {
  let n = ++uniq * 7919 + Math.floor(Math.random() * 100_000);
  let s = '';
  for (let i = 0; i < 5; i++, n = Math.floor(n / LETTERS.length)) s += LETTERS[n % LETTERS.length];
  return s;
};

/** A fresh commodity (unique code and name), for routes that change one. */
export async function makeCommodity(db: Db, coopId: string) {
  const t = tag();
  const c = await createCommodity(db, coopId, SYSTEM_ACTOR, {
    code: `W${t}`,
    name: `Wortel ${t}`,
    unit: 'kg',
    variableWeight: false,
    storageClass: 'cold',
    shelfLifeDays: { ambient: 4, cool: 10, cold: 21 },
    grades: [{ grade: 'A', spec: 'Lurus, mulus, panjang ≥ 15 cm' }],
  });
  return c.id;
}

export async function makePackFormat(db: Db, coopId: string) {
  const s = await produceSetup(db, coopId);
  const c = await addPackFormat(db, coopId, SYSTEM_ACTOR, s.tomatoId, {
    channel: 'traditional_market',
    name: `Peti 10 kg ${tag()}`,
    contentKg: '10',
    packaging: 'Peti kayu',
  });
  return c.packFormats.find((p) => p.channel === 'traditional_market' && p.name.startsWith('Peti'))!.id;
}

export async function makeLocation(db: Db, coopId: string) {
  return (await saveLocation(db, coopId, SYSTEM_ACTOR, null, { name: `Truk ${tag()}`, kind: 'truck', storageClass: 'cool' })).id;
}

export async function makeCollectionPoint(db: Db, coopId: string) {
  return (
    await saveCollectionPoint(db, coopId, SYSTEM_ACTOR, null, {
      name: `Titik Kumpul ${tag()}`,
      villageCode: '32.04.40.2005',
      deliveryDays: [2, 5],
    })
  ).id;
}

/** A market partner that is another cooperative (a supplier to buy produce from); `kind` and `active` for refusal tests. */
export async function makeSupplier(db: Db, coopId: string, o: { kind?: PartnerKind; name?: string } = {}) {
  const t = tag();
  return createPartner(db, coopId, SYSTEM_ACTOR, {
    code: `K${t}`,
    name: o.name ?? `Koperasi Desa Merah Putih Sukamaju ${t}`,
    kind: o.kind ?? 'cooperative',
    paymentTermsDays: 14,
    address: 'Desa Sukamaju, Kec. Pangalengan, Kab. Bandung',
    contacts: [{ name: 'Dedi (ketua)', phone: '081298765432' }],
    stores: [],
  });
}

/** The standard purchase of the tests: tomato into the packing house, 40 kg A at Rp9.000 and 12,5 kg B at Rp6.500; `o` overrides. */
export const purchaseBody = (s: Setup, partnerId: string, o: Record<string, unknown> = {}) => ({
  date: DAY,
  partnerId,
  commodityId: s.tomatoId,
  harvestDate: DAY,
  locationId: s.packingHouseId,
  lines: [
    { grade: 'A' as const, kg: '40', price: '9000' },
    { grade: 'B' as const, kg: '12,5', price: '6500' },
  ],
  payment: 'credit' as const,
  supplierReference: 'SJ-0042',
  ...o,
});

/** A fresh open (credit) purchase from a fresh supplier: it can be paid or voided once. */
export async function makePurchase(db: Db, coopId: string, o: Partial<PurchaseInput> = {}) {
  const s = await produceSetup(db, coopId);
  const supplier = await makeSupplier(db, coopId);
  return recordPurchase(db, coopId, SYSTEM_ACTOR, purchaseBody(s, supplier.id, o) as PurchaseInput);
}
