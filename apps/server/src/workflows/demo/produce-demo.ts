/**
 * The demo cooperative as an aggregation hub in the Al-Ittifaq way: twenty highland commodities
 * with grades, shelf lives and pack formats; three clusters; plots for every active farmer;
 * three collection points where farmers deliver twice a week (Monday and Thursday); eight weeks
 * of intakes at 3–6 tonnes a day, each graded into lots with its own journal entry; lots moved to
 * cold storage, packed for each channel, some lost to shrinkage and spoilage; and a payout every
 * week. A fixed-seed generator makes every run alike; the dates end today.
 *
 * Demand first: the places, catalogue and farmers come first (`seedProduceSetup`), then the buyers'
 * contracts and the planting plan made from them, then the intakes that bring in the plan's
 * harvest (`seedProduceIntakes`), which are the plan's actual harvest (workflows/harvest-intake.ts).
 */
import { todayIn } from '@kopdes/shared/format';
import type { Channel, Grade, IntakeInput, StorageClass, UnitOfMeasure } from '@kopdes/shared/produce';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../lib/actor.js';
import { addPackFormat, createCommodity } from '../../modules/produce/catalogue.service.js';
import {
  createCluster,
  farmerProfiles,
  importFarmerProfiles,
  importPlots,
  saveCollectionPoint,
  saveLocation,
  saveSettings,
} from '../../modules/produce/farmers.service.js';
import { intakeRefsFor, type IntakeRefs } from '../../modules/produce/intake.service.js';
import { membersWithGroups } from '../../modules/produce/member-directory.js';
import { packLots } from '../../modules/produce/packing.service.js';
import { runPayouts } from '../../modules/produce/payouts.service.js';
import { setPrices } from '../../modules/produce/prices.service.js';
import { issueLotForSale, lotsReceivedOn, recordLoss, transferStock } from '../../modules/produce/stock.service.js';
import { ACCOUNTS } from '@kopdes/shared/ledger';
import { postEntry } from '../../modules/ledger/ledger.service.js';
import { newId } from '../../lib/ids.js';
import { recordHarvestIntakeBatch } from '../harvest-intake.js';
import { actorFor } from './demo-users.js';

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface DemoCommodity {
  code: string;
  name: string;
  unit?: UnitOfMeasure;
  storage: StorageClass;
  shelf: [number | null, number | null, number | null];
  /** Buying price of grade A per kg (or per bunch). */
  price: number;
  /** A typical delivery: min and max kg (or bunches). */
  lot: [number, number];
  grades: Partial<Record<Grade, string>>;
  packs: { channel: Channel; name: string; content: string; grade?: Grade; packaging: string }[];
}

const tray = (g: string): DemoCommodity['packs'][number] => ({
  channel: 'modern_retail',
  name: `Tray ${g}`,
  content: g === '250 g' ? '0,25' : '0,5',
  grade: 'A',
  packaging: 'Tray styrofoam, plastik wrap, label barcode',
});
const bag1 = { channel: 'online' as const, name: 'Kantong 1 kg', content: '1', packaging: 'Kantong plastik berlubang, label' };
const crate10 = { channel: 'traditional_market' as const, name: 'Peti 10 kg', content: '10', packaging: 'Peti plastik sewa' };
const sack25 = { channel: 'traditional_market' as const, name: 'Karung 25 kg', content: '25', packaging: 'Karung jala' };
const horeca5 = { channel: 'horeca' as const, name: 'Boks 5 kg', content: '5', packaging: 'Boks karton berventilasi' };
const school10 = { channel: 'school_meal' as const, name: 'Keranjang SPPG 10 kg', content: '10', packaging: 'Keranjang plastik' };

const COMMODITIES: DemoCommodity[] = [
  {
    code: 'TOMAT',
    name: 'Tomat',
    storage: 'cool',
    shelf: [5, 10, null],
    price: 8000,
    lot: [30, 120],
    grades: { A: 'Merah merata 80%, mulus, diameter ≥ 6 cm', B: 'Sedikit cacat kulit, diameter 4–6 cm', C: 'Lecet ringan, untuk olahan' },
    packs: [tray('250 g'), crate10],
  },
  {
    code: 'KENTANG',
    name: 'Kentang Granola',
    storage: 'cool',
    shelf: [21, 60, 90],
    price: 9500,
    lot: [60, 250],
    grades: { A: 'Umbi 150–300 g, kulit mulus', B: 'Umbi 80–150 g', C: 'Umbi kecil < 80 g' },
    packs: [bag1, sack25, school10],
  },
  {
    code: 'WORTEL',
    name: 'Wortel',
    storage: 'cold',
    shelf: [5, 14, 28],
    price: 6500,
    lot: [40, 150],
    grades: { A: 'Lurus, panjang ≥ 15 cm, tanpa retak', B: 'Sedikit bengkok, 10–15 cm' },
    packs: [bag1, crate10],
  },
  {
    code: 'KOL',
    name: 'Kol (Kubis)',
    storage: 'cold',
    shelf: [5, 14, 30],
    price: 3500,
    lot: [60, 200],
    grades: { A: 'Krop padat ≥ 1 kg, daun luar bersih', B: 'Krop kurang padat atau < 1 kg' },
    packs: [crate10, school10],
  },
  {
    code: 'CMK',
    name: 'Cabai Merah Keriting',
    storage: 'cool',
    shelf: [4, 10, 14],
    price: 32000,
    lot: [8, 35],
    grades: { A: 'Merah penuh, segar, bertangkai', B: 'Merah 70%, sedikit layu', C: 'Patah atau bercak, untuk olahan' },
    packs: [tray('250 g'), horeca5],
  },
  {
    code: 'CRW',
    name: 'Cabai Rawit Hijau',
    storage: 'cool',
    shelf: [4, 10, 14],
    price: 28000,
    lot: [5, 25],
    grades: { A: 'Hijau segar, bertangkai', B: 'Sebagian tanpa tangkai' },
    packs: [tray('250 g')],
  },
  {
    code: 'PAKCOY',
    name: 'Pakcoy',
    storage: 'cold',
    shelf: [2, 5, 7],
    price: 7000,
    lot: [15, 60],
    grades: { A: 'Daun hijau segar, bonggol bersih, 150–250 g', B: 'Sedikit daun kuning' },
    packs: [tray('250 g'), horeca5],
  },
  {
    code: 'SAWI',
    name: 'Sawi Putih',
    storage: 'cold',
    shelf: [4, 10, 21],
    price: 4500,
    lot: [40, 150],
    grades: { A: 'Krop padat ≥ 1 kg', B: 'Krop kecil atau daun luar rusak' },
    packs: [crate10],
  },
  {
    code: 'BUNCIS',
    name: 'Buncis',
    storage: 'cool',
    shelf: [3, 7, 10],
    price: 9000,
    lot: [15, 60],
    grades: { A: 'Lurus, panjang 15–20 cm, renyah', B: 'Sedikit bengkok atau bintik' },
    packs: [tray('250 g'), bag1],
  },
  {
    code: 'BROKOLI',
    name: 'Brokoli',
    storage: 'cold',
    shelf: [2, 7, 14],
    price: 18000,
    lot: [10, 50],
    grades: { A: 'Kuntum rapat, hijau tua, ≥ 300 g', B: 'Kuntum mulai renggang' },
    packs: [tray('500 g'), horeca5],
  },
  {
    code: 'KEMBOL',
    name: 'Kembang Kol',
    storage: 'cold',
    shelf: [3, 10, 21],
    price: 12000,
    lot: [15, 60],
    grades: { A: 'Putih bersih, kompak, ≥ 500 g', B: 'Sedikit kekuningan' },
    packs: [tray('500 g')],
  },
  {
    code: 'PAPRM',
    name: 'Paprika Merah',
    storage: 'cool',
    shelf: [7, 14, 21],
    price: 35000,
    lot: [10, 40],
    grades: { A: 'Merah penuh, ≥ 200 g, mulus', B: '150–200 g atau sedikit cacat' },
    packs: [tray('500 g'), horeca5],
  },
  {
    code: 'PAPRH',
    name: 'Paprika Hijau',
    storage: 'cool',
    shelf: [7, 14, 21],
    price: 22000,
    lot: [10, 40],
    grades: { A: 'Hijau mengkilap, ≥ 200 g', B: '150–200 g' },
    packs: [tray('500 g')],
  },
  {
    code: 'DBAWANG',
    name: 'Daun Bawang',
    storage: 'cold',
    shelf: [2, 7, 10],
    price: 9000,
    lot: [10, 40],
    grades: { A: 'Batang putih ≥ 10 cm, daun segar', B: 'Daun ujung layu' },
    packs: [bag1],
  },
  {
    code: 'SELEDRI',
    name: 'Seledri',
    unit: 'bunch',
    storage: 'cold',
    shelf: [2, 5, 7],
    price: 2500,
    lot: [40, 160],
    grades: { A: 'Ikat 100 g, segar, berakar', B: 'Ikat kecil atau sedikit layu' },
    packs: [],
  },
  {
    code: 'SELADA',
    name: 'Selada Keriting',
    storage: 'cold',
    shelf: [2, 5, 7],
    price: 12000,
    lot: [8, 30],
    grades: { A: 'Daun keriting segar, 150–250 g', B: 'Sedikit sobek' },
    packs: [tray('250 g'), horeca5],
  },
  {
    code: 'LOBAK',
    name: 'Lobak',
    storage: 'cold',
    shelf: [5, 14, 21],
    price: 5000,
    lot: [20, 80],
    grades: { A: 'Putih mulus, ≥ 300 g', B: 'Kecil atau bercabang' },
    packs: [crate10],
  },
  {
    code: 'TERONG',
    name: 'Terong Ungu',
    storage: 'cool',
    shelf: [4, 10, null],
    price: 6000,
    lot: [20, 80],
    grades: { A: 'Ungu mengkilap, lurus, ≥ 20 cm', B: 'Bengkok atau lecet' },
    packs: [crate10],
  },
  {
    code: 'LBSIAM',
    name: 'Labu Siam',
    storage: 'ambient',
    shelf: [10, 21, null],
    price: 3000,
    lot: [50, 200],
    grades: { A: 'Hijau muda, 250–400 g', B: 'Terlalu tua atau kecil' },
    packs: [sack25],
  },
  {
    code: 'KAPRI',
    name: 'Kacang Kapri',
    storage: 'cool',
    shelf: [3, 7, 10],
    price: 24000,
    lot: [5, 25],
    grades: { A: 'Polong pipih muda, hijau segar', B: 'Polong mulai berisi' },
    packs: [tray('250 g')],
  },
];

const VILLAGES = ['32.04.40.2005', '32.04.40.2001', '32.04.40.2002', '32.04.40.2003', '32.04.40.2004', '32.04.39.2002'];
const CLUSTERS = ['Klaster Rancabali', 'Klaster Patengan', 'Klaster Ciwidey'];
const BANKS = ['BRI', 'Bank BJB', 'BNI', 'Bank Mandiri'];
const LOSS_REASONS: [kind: 'shrinkage' | 'spoilage', reason: string][] = [
  ['shrinkage', 'Susut timbang setelah sortir ulang'],
  ['spoilage', 'Busuk di tumpukan bawah'],
  ['spoilage', 'Memar saat bongkar muat'],
  ['shrinkage', 'Layu, susut air'],
];

const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
const DAY_MS = 86_400_000;
const kgText = (g: number) => `${Math.floor(g / 1000)},${String(g % 1000).padStart(3, '0')}`;

export interface ProduceDemoResult {
  intakes: number;
  tonnes: number;
  from: string;
  to: string;
  payoutRuns: number;
}

/** What a day's intakes bring in: graded grams (or pieces) per commodity code. */
export type DeliveryPlan = Map<string, Map<string, number>>;

export type ProduceDemoSetup = Awaited<ReturnType<typeof seedProduceSetup>>;

/** Places, catalogue and prices, clusters, farmers' payout details and plots, and the delivery days. */
export async function seedProduceSetup(db: Db, coopId: string) {
  const random = rng(20251117);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  const between = (a: number, b: number) => a + random() * (b - a);
  const today = todayIn('Asia/Jakarta');
  const todayMs = Date.parse(`${today}T00:00:00Z`);
  // The sixteen delivery days (Mondays and Thursdays) before today: eight weeks.
  const days: string[] = [];
  for (let t = todayMs - DAY_MS; days.length < 16; t -= DAY_MS) if ([1, 4].includes(new Date(t).getUTCDay())) days.unshift(iso(t));
  const start = iso(Date.parse(`${days[0]}T00:00:00Z`) - (new Date(`${days[0]}T00:00:00Z`).getUTCDay() === 4 ? 3 : 0) * DAY_MS);
  const clerk = await actorFor(db, 'petugas');
  const treasurer = await actorFor(db, 'bendahara');
  const board = await actorFor(db, 'pengurus');

  // Places.
  const packingHouse = await saveLocation(db, coopId, board, null, {
    name: 'Rumah Kemas Alamendah',
    kind: 'packing_house',
    storageClass: 'ambient',
  });
  const cold = await saveLocation(db, coopId, board, null, { name: 'Cold Storage Koperasi', kind: 'cold_storage', storageClass: 'cold' });
  await saveLocation(db, coopId, board, null, { name: 'Truk Berpendingin D 8125 KP', kind: 'truck', storageClass: 'cool' });
  await saveSettings(db, coopId, board, { rejectPolicy: 'unpaid', expiryAlertDays: 2, defaultLocationId: packingHouse.id });
  const points = [
    await saveCollectionPoint(db, coopId, board, null, {
      name: 'Titik Kumpul Alamendah',
      villageCode: '32.04.40.2005',
      address: 'Gudang koperasi, Jl. Raya Ciwidey–Rancabali',
      deliveryDays: [1, 4],
    }),
    await saveCollectionPoint(db, coopId, board, null, {
      name: 'Titik Kumpul Patengan',
      villageCode: '32.04.40.2001',
      address: 'Balai Desa Patengan',
      deliveryDays: [1, 4],
    }),
    await saveCollectionPoint(db, coopId, board, null, {
      name: 'Titik Kumpul Ciwidey',
      villageCode: '32.04.39.2002',
      address: 'Pasar Ciwidey, los sayur',
      deliveryDays: [1, 4],
    }),
  ];

  // Catalogue and prices.
  const commodities: (DemoCommodity & { id: string; formats: { id: string; content: number }[] })[] = [];
  for (const c of COMMODITIES) {
    const created = await createCommodity(db, coopId, board, {
      code: c.code,
      name: c.name,
      unit: c.unit ?? 'kg',
      variableWeight: c.code === 'KOL' || c.code === 'SAWI' || c.code === 'KEMBOL',
      storageClass: c.storage,
      shelfLifeDays: { ambient: c.shelf[0], cool: c.shelf[1], cold: c.shelf[2] },
      grades: Object.entries(c.grades).map(([grade, spec]) => ({ grade: grade as Grade, spec })),
    });
    let withPacks = created;
    for (const p of c.packs) {
      withPacks = await addPackFormat(db, coopId, board, created.id, {
        channel: p.channel,
        name: p.name,
        grade: p.grade ?? null,
        contentKg: p.content,
        packaging: p.packaging,
      });
    }
    commodities.push({ ...c, id: created.id, formats: withPacks.packFormats.map((p) => ({ id: p.id, content: Number(p.content.base) })) });
  }
  const priceItems = (factor: (c: DemoCommodity) => number) =>
    commodities.flatMap((c) => {
      const a = Math.round((c.price * factor(c)) / 50) * 50;
      return (['A', 'B', 'C'] as const)
        .filter((g) => c.grades[g])
        .map((g) => ({ commodityId: c.id, grade: g, price: String(g === 'A' ? a : Math.round((a * (g === 'B' ? 0.7 : 0.45)) / 50) * 50) }));
    });
  await setPrices(db, coopId, board, { validFrom: start, items: priceItems(() => 1) });
  const repriced = iso(Date.parse(`${start}T00:00:00Z`) + 4 * 7 * DAY_MS);
  await setPrices(db, coopId, board, { validFrom: repriced, items: priceItems(() => between(0.85, 1.2)) });

  // Farmers: clusters, payout details, plots.
  const clusters = [];
  for (const name of CLUSTERS)
    clusters.push(await createCluster(db, coopId, board, { name, description: `Petani mitra di ${name.replace('Klaster ', '')}` }));
  const members = (await membersWithGroups(db, coopId)).filter((m) => m.status === 'active');
  const known = new Set((await farmerProfiles(db, coopId)).map((p) => p.member_id));
  const farmers = members.filter((m) => m.farmerGroupId).slice(0, 220);
  const plots: { id: string; memberId: string; name: string; village: string; commodities: string[] }[] = [];
  const profiles = [];
  for (const [i, m] of farmers.entries()) {
    if (!known.has(m.id)) {
      const bank = random() < 0.25;
      profiles.push({
        memberId: m.id,
        clusterId: clusters[i % clusters.length]!.id,
        payoutMethod: bank ? ('bank' as const) : ('cash' as const),
        bankName: bank ? pick(BANKS) : null,
        bankAccountNo: bank ? String(1_000_000_000 + Math.floor(random() * 8_999_999_999)) : null,
        bankAccountName: bank ? m.fullName : null,
        deliveryActive: true,
      });
    }
    const n = random() < 0.35 ? 2 : 1;
    for (let k = 0; k < n; k++) {
      const grows = [...new Set(Array.from({ length: 3 + Math.floor(random() * 3) }, () => pick(commodities).id))];
      plots.push({
        id: '',
        memberId: m.id,
        name: k
          ? `Kebun ${pick(['Cibuni', 'Leuwi', 'Pasir Jambu', 'Sinumbra'])}`
          : `Lahan ${pick(['Babakan', 'Cikahuripan', 'Situ', 'Pangkalan'])}`,
        village: VILLAGES[i % VILLAGES.length]!,
        commodities: grows,
      });
    }
  }
  await importFarmerProfiles(db, coopId, board, profiles);
  const plotIds = await importPlots(
    db,
    coopId,
    board,
    plots.map((p) => ({
      memberId: p.memberId,
      name: p.name,
      areaM2: Math.round(between(1500, 12000) / 100) * 100,
      villageCode: p.village,
      altitudeM: Math.round(between(1150, 1750)),
      latitude: Math.round((-7.16 + between(-0.04, 0.04)) * 1e6) / 1e6,
      longitude: Math.round((107.41 + between(-0.06, 0.06)) * 1e6) / 1e6,
      commodityIds: p.commodities,
    })),
  );
  plots.forEach((p, i) => (p.id = plotIds[i]!));
  const byId = new Map(commodities.map((c) => [c.id, c]));
  return { random, days, start, repriced, clerk, treasurer, packingHouse, cold, points, commodities, farmers, plots, byId };
}

/**
 * Eight weeks of Monday and Thursday deliveries bringing in `wanted` (the planting plan's harvest
 * of each delivery day), from the farmers whose plots grow each commodity; a commodity the plan
 * does not count (by the bunch, or without crop parameters) comes in a few deliveries a day.
 */
export async function seedProduceIntakes(
  db: Db,
  coopId: string,
  setup: ProduceDemoSetup,
  wanted: DeliveryPlan,
): Promise<ProduceDemoResult> {
  const { random, days, start, repriced, clerk, treasurer, packingHouse, cold, points, commodities, farmers, plots, byId } = setup;
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  const between = (a: number, b: number) => a + random() * (b - a);
  const growers = new Map<string, { m: (typeof farmers)[number]; plot: (typeof plots)[number] }[]>();
  for (const plot of plots) {
    const m = farmers.find((f) => f.id === plot.memberId)!;
    for (const id of plot.commodities) growers.set(id, [...(growers.get(id) ?? []), { m, plot }]);
  }
  const planned = new Set([...wanted.values()].flatMap((day) => [...day.keys()]));
  let intakes = 0;
  let grams = 0;
  let payoutRuns = 0;
  const refsCache = new Map<string, IntakeRefs>();
  let previousDay: string | undefined;
  for (const day of days) {
    const batch: {
      input: IntakeInput;
      farmer: { id: string; number: number; fullName: string; farmerGroupName: string | null };
      refs: IntakeRefs;
    }[] = [];
    const due = wanted.get(day) ?? new Map<string, number>();
    for (const c of commodities) {
      // The plan's harvest of the day; a commodity off the plan comes in one to three large lots a day.
      const largeLot = c.lot[1] * (c.unit === 'bunch' ? 1 : 1000);
      let left = planned.has(c.code) ? (due.get(c.code) ?? 0) : (1 + Math.floor(random() * 3)) * largeLot;
      const order = [...(growers.get(c.id) ?? [])].map((g) => ({ g, k: random() })).sort((a, b) => a.k - b.k);
      for (let i = 0; order.length && left >= (c.unit === 'bunch' ? 10 : 2000); i++) {
        const { m, plot } = order[i % order.length]!.g;
        const point = points[plots.indexOf(plot) % points.length]!;
        const key = `${c.id}|${day >= repriced}`; // prices change once, on the repricing day
        let refs = refsCache.get(key);
        if (!refs) {
          refs = await intakeRefsFor(db, coopId, {
            commodityId: c.id,
            collectionPointId: point.id,
            locationId: packingHouse.id,
            date: day,
          });
          refsCache.set(key, refs);
        }
        const quality = between(0.45, 0.8);
        const reject = between(0.01, 0.07);
        const hasC = !!c.grades.C;
        // A farmer's delivery, graded; the last one brings what is left rather than a small remainder.
        const unit = c.unit === 'bunch' ? 1 : 50;
        let graded = Math.round((between(c.lot[0], c.lot[1]) * 2 * (c.unit === 'bunch' ? 1 : 1000)) / unit) * unit;
        if (left - graded < graded / 3) graded = Math.round(left / unit) * unit;
        left -= graded;
        let lines: IntakeInput['grades'];
        let gross: string | undefined;
        let tare: string | undefined;
        let crates = 0;
        if (c.unit === 'bunch') {
          const a = Math.round(graded * quality);
          const r = Math.round(graded * reject);
          lines = [
            { grade: 'A', count: a },
            { grade: 'B', count: graded - a },
          ];
          if (r > 0) lines.push({ grade: 'reject', count: r });
        } else {
          const r = Math.round((graded * reject) / 50) * 50;
          const a = Math.round((graded * quality) / 50) * 50;
          const cg = hasC ? Math.round((graded * between(0, 0.1)) / 50) * 50 : 0;
          const net = graded + r;
          lines = [
            { grade: 'A', kg: kgText(a) },
            { grade: 'B', kg: kgText(graded - a - cg) },
          ];
          if (cg > 0) lines.push({ grade: 'C', kg: kgText(cg) });
          if (r > 0) lines.push({ grade: 'reject', kg: kgText(r) });
          crates = Math.max(1, Math.ceil(net / 25_000));
          gross = kgText(net + crates * 1_800);
          tare = kgText(crates * 1_800);
          grams += net;
        }
        batch.push({
          input: {
            date: day,
            collectionPointId: point.id,
            memberId: m.id,
            plotId: plot.id,
            commodityId: c.id,
            harvestDate: random() < 0.8 ? day : iso(Date.parse(`${day}T00:00:00Z`) - DAY_MS),
            crates,
            grossKg: gross,
            tareKg: tare,
            grades: lines,
            locationId: packingHouse.id,
          },
          farmer: { id: m.id, number: m.number, fullName: m.fullName, farmerGroupName: m.farmerGroupName },
          refs: {
            ...refs,
            collectionPoint: { id: point.id, name: point.name, active: true },
            plot: { id: plot.id, member_id: m.id, name: plot.name, active: true, village_code: plot.village },
          },
        });
      }
    }
    // Farmers arrive in no particular order of commodity.
    const arrivals = batch
      .map((b) => ({ b, k: random() }))
      .sort((x, y) => x.k - y.k)
      .map((x) => x.b);
    await recordHarvestIntakeBatch(db, coopId, clerk, arrivals);
    intakes += batch.length;

    // After intake: cold-chain commodities into cold storage, packing for the channels, losses.
    const lots = await lotsReceivedOn(db, coopId, packingHouse.id, day);
    const touched = new Set<string>();
    for (const l of lots) {
      const c = byId.get(l.commodityId)!;
      if (c.storage === 'cold' && l.grade !== 'reject' && touched.size < 6 && random() < 0.5) {
        await transferStock(db, coopId, clerk, {
          date: day,
          lotId: l.id,
          fromLocationId: packingHouse.id,
          toLocationId: cold.id,
          all: true,
        });
        touched.add(l.id);
      }
    }
    const packable = lots.filter(
      (l) => !touched.has(l.id) && l.grade === 'A' && byId.get(l.commodityId)!.formats.length && l.unit === 'kg',
    );
    for (const l of packable.slice(0, 6)) {
      const c = byId.get(l.commodityId)!;
      const { id: formatId, content } = pick(c.formats);
      const input = Math.min(l.quantity, Math.round(between(0.6, 1) * l.quantity));
      const packs = Math.floor((input * between(0.95, 0.99)) / content);
      if (packs < 1) continue;
      await packLots(db, coopId, clerk, {
        date: day,
        locationId: packingHouse.id,
        packFormatId: formatId,
        packs,
        sources: [{ lotId: l.id, kg: kgText(input) }],
      });
      touched.add(l.id);
    }
    for (const l of lots.filter((x) => x.unit === 'kg' && !touched.has(x.id)).slice(-3)) {
      const [kind, reason] = pick(LOSS_REASONS);
      const q = Math.max(50, Math.round((l.quantity * between(0.005, 0.03)) / 50) * 50);
      await recordLoss(db, coopId, clerk, { date: day, lotId: l.id, locationId: packingHouse.id, kind, kg: kgText(q), reason });
    }

    // What the previous delivery day left in the packing house goes to the buyers (a supermarket's
    // distribution centre, the Caringin wholesale market) at cost plus 15–25%, paid mostly by bank
    // transfer: one sales entry per day. The packs and the cold-stored lots are sold through the
    // market link's own documents (market-demo.ts).
    if (previousDay) await sellLeftovers(db, coopId, treasurer, packingHouse.id, previousDay, day, 115 + Math.floor(random() * 11));
    // The previous day's rejects (afkir) leave too: given to members' livestock or composted, written
    // off as spoilage (at no cost: rejects are not paid for), so the stock list holds sellable lots.
    if (previousDay) await discardRejects(db, coopId, clerk, packingHouse.id, previousDay, day);
    previousDay = day;

    // Each Monday the treasurer pays the week before.
    if (new Date(`${day}T00:00:00Z`).getUTCDay() === 1 && day > start) {
      const to = iso(Date.parse(`${day}T00:00:00Z`) - DAY_MS);
      await runPayouts(db, coopId, treasurer, { from: iso(Date.parse(`${to}T00:00:00Z`) - 6 * DAY_MS), to, payDate: day });
      payoutRuns++;
    }
  }
  return { intakes, tonnes: Math.round(grams / 1e5) / 10, from: days[0] ?? start, to: days[days.length - 1] ?? start, payoutRuns };
}

/** Writes off every reject lot received on `received` that is still in the packing house, on `day`. */
async function discardRejects(db: Db, coopId: string, clerk: Actor, locationId: string, received: string, day: string) {
  for (const l of await lotsReceivedOn(db, coopId, locationId, received)) {
    if (l.grade !== 'reject' || l.quantity <= 0) continue;
    await recordLoss(db, coopId, clerk, {
      date: day,
      lotId: l.id,
      locationId,
      kind: 'spoilage',
      ...(l.unit === 'kg' ? { kg: kgText(l.quantity) } : { count: l.quantity }),
      reason: 'Afkir: untuk pakan ternak anggota dan kompos',
    });
  }
}

/** Sells every graded lot received on `received` that is still in the packing house, on `day`. */
async function sellLeftovers(
  db: Db,
  coopId: string,
  treasurer: Actor,
  locationId: string,
  received: string,
  day: string,
  pricePct: number,
) {
  let cost = 0n;
  for (const l of await lotsReceivedOn(db, coopId, locationId, received)) {
    if (l.grade === 'reject' || l.quantity <= 0) continue;
    const sold = await issueLotForSale(db, coopId, treasurer, {
      date: day,
      lotId: l.id,
      locationId,
      quantity: BigInt(l.quantity),
      documentId: newId('sal'),
    });
    cost += sold.value;
  }
  if (cost === 0n) return;
  const revenue = (cost * BigInt(pricePct)) / 100n;
  const byBank = (revenue * 7n) / 10n;
  const unit = 'agribisnis';
  await postEntry(db, coopId, treasurer, {
    date: day,
    memo: `Penjualan hasil panen penerimaan ${received} ke Superindo DC dan pasar induk Caringin`,
    source: { module: 'demo', documentId: `penjualan-${day}` },
    lines: [
      { account: ACCOUNTS.BANK, unit, debit: byBank },
      { account: ACCOUNTS.KAS, unit, debit: revenue - byBank },
      { account: ACCOUNTS.PENJUALAN_NON_ANGGOTA, unit, credit: revenue },
      { account: ACCOUNTS.HPP, unit, debit: cost },
      { account: ACCOUNTS.PERSEDIAAN_HASIL_PANEN, unit, credit: cost },
    ],
  });
}
