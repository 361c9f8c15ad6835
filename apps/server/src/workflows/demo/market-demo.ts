/**
 * The demo cooperative's buyers: three modern retailers with several stores, a caterer, a
 * school-meal kitchen (SPPG), two market traders and the cooperative's own outlet, each with a
 * contract for weekly volumes priced from the buying prices, signed before the harvest
 * (`seedMarketContracts`: the planting plan is made from them). On the day after every intake day
 * the packs and cold-stored lots of that intake are ordered, picked, loaded onto the truck,
 * delivered and received — some lines partly rejected, some of that back in stock a grade lower —
 * then invoiced (weekly for retail, per delivery for traders) and paid as each buyer pays: on time,
 * late, partly, in cash or by bank, so ageing, reminders, fill rate and margins show real figures.
 * A fixed-seed generator makes every run alike; nothing is dated after today.
 */
import { todayIn } from '@kopdes/shared/format';
import type { Contract, Partner, PartnerInput, PartnerKind } from '@kopdes/shared/market';
import type { Grade, Lot } from '@kopdes/shared/produce';
import type { Db } from '../../db/client.js';
import { dispatch } from '../../modules/market/deliveries.service.js';
import { createDeliveryRoute } from '../../modules/market/delivery-routes.service.js';
import { createCreditNote, createInvoice, recordPayment } from '../../modules/market/invoices.service.js';
import { createPurchaseOrder } from '../../modules/market/orders.service.js';
import { createContract, createPartner } from '../../modules/market/partners.service.js';
import { recordReceipt } from '../../modules/market/receiving.service.js';
import { commodityRows, type CommodityRow } from '../../modules/produce/catalogue.service.js';
import { locationRows } from '../../modules/produce/farmers.service.js';
import { priceRows } from '../../modules/produce/prices.service.js';
import { listLots } from '../../modules/produce/stock.service.js';
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

const DAY_MS = 86_400_000;
const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
const weekday = (d: string) => new Date(`${d}T00:00:00Z`).getUTCDay() || 7;
const kgText = (g: bigint) => `${g / 1000n},${String(g % 1000n).padStart(3, '0')}`;

/** How a buyer pays: days after the due date (negative: early), the part of each invoice, cash or bank. */
interface Habit {
  late: [number, number];
  part: number;
  method: 'cash' | 'bank';
}

interface DemoPartner {
  input: Omit<PartnerInput, 'contacts' | 'stores' | 'paymentTermsDays'> & {
    paymentTermsDays: number;
    contacts: PartnerInput['contacts'];
    stores: PartnerInput['stores'];
  };
  /** Which stock it takes: pack channels, and loose grades of cold-stored produce. */
  channels: string[];
  loose: Grade[];
  markup: number;
  habit: Habit;
  weekly: boolean;
  source: 'entry' | 'import' | 'partner_api';
}

const store = (name: string, address: string, days: number[], hours: string, contactName: string, code?: string) => ({
  code: code ?? null,
  name,
  address,
  receivingDays: days,
  receivingHours: hours,
  contactName,
  contactPhone: `08122${String(name.length * 7919).padStart(6, '0')}`,
});

const PARTNERS: DemoPartner[] = [
  {
    input: {
      code: 'SUPERINDO',
      name: 'PT Lion Super Indo (Superindo)',
      kind: 'modern_retail',
      npwp: '013165566092000',
      paymentTermsDays: 30,
      address: 'Jl. Ancol I No. 9–10, Jakarta Utara',
      contacts: [{ name: 'Rina Marlina', role: 'Merchandiser sayur Jawa Barat', phone: '081220045517', email: 'rina.m@superindo.example' }],
      stores: [
        store('Superindo Buah Batu', 'Jl. Buah Batu No. 256, Bandung', [2, 5], '06:00-10:00', 'Dedi (penerimaan)', 'BDG-BB'),
        store('Superindo Antapani', 'Jl. Terusan Jakarta No. 55, Antapani, Bandung', [2, 5], '06:00-10:00', 'Yuli (penerimaan)', 'BDG-AP'),
        store('Superindo Soreang', 'Jl. Raya Soreang No. 120, Kab. Bandung', [2, 5], '05:30-09:30', 'Asep (penerimaan)', 'BDG-SR'),
      ],
    },
    channels: ['modern_retail', 'online'],
    loose: [],
    markup: 1.6,
    habit: { late: [-2, 4], part: 1, method: 'bank' },
    weekly: true,
    source: 'import',
  },
  {
    input: {
      code: 'YOGYA',
      name: 'Toserba Yogya (PT Akur Pratama)',
      kind: 'modern_retail',
      npwp: '010012345441000',
      paymentTermsDays: 21,
      address: 'Jl. Jend. Sudirman No. 226, Bandung',
      contacts: [{ name: 'Hendra Gunawan', role: 'Bagian pembelian segar', phone: '081321776340' }],
      stores: [
        store('Yogya Sunda', 'Jl. Sunda No. 60, Bandung', [2, 5], '05:00-09:00', 'Iwan', 'YG-SND'),
        store('Yogya Kepatihan', 'Jl. Kepatihan No. 8, Bandung', [2, 5], '05:00-09:00', 'Nani', 'YG-KPT'),
        store('Griya Ciwidey', 'Jl. Raya Ciwidey No. 41, Kab. Bandung', [2, 5], '06:00-10:00', 'Ujang', 'YG-CWD'),
      ],
    },
    channels: ['modern_retail', 'online'],
    loose: [],
    markup: 1.55,
    habit: { late: [10, 30], part: 0.8, method: 'bank' },
    weekly: true,
    source: 'partner_api',
  },
  {
    input: {
      code: 'AEON',
      name: 'PT AEON Indonesia',
      kind: 'modern_retail',
      npwp: '031234567411000',
      paymentTermsDays: 45,
      address: 'AEON Mall Kota Baru Parahyangan, Padalarang',
      contacts: [{ name: 'Siti Rahmawati', role: 'Fresh buyer', email: 'fresh.bdg@aeon.example' }],
      stores: [
        store(
          'AEON Kota Baru Parahyangan',
          'Jl. Parahyangan Raya, Padalarang, Kab. Bandung Barat',
          [2, 5],
          '06:00-09:00',
          'Rudi',
          'AEON-KBP',
        ),
        store('AEON Store Bandung', 'Jl. Soekarno-Hatta No. 590, Bandung', [2, 5], '06:00-09:00', 'Maya', 'AEON-SH'),
      ],
    },
    channels: ['modern_retail'],
    loose: [],
    markup: 1.7,
    habit: { late: [0, 3], part: 1, method: 'bank' },
    weekly: true,
    source: 'entry',
  },
  {
    input: {
      code: 'SEHATI',
      name: 'Katering Sehati Bandung',
      kind: 'horeca',
      npwp: '092345678422000',
      paymentTermsDays: 14,
      address: 'Jl. Cihampelas No. 77, Bandung',
      contacts: [{ name: 'Bu Ratna', role: 'Pemilik', phone: '082118890123' }],
      stores: [store('Dapur Katering Sehati', 'Jl. Cihampelas No. 77, Bandung', [2, 5], '07:00-11:00', 'Bu Ratna')],
    },
    channels: ['horeca'],
    loose: ['A'],
    markup: 1.45,
    habit: { late: [5, 45], part: 0.6, method: 'bank' },
    weekly: true,
    source: 'entry',
  },
  {
    input: {
      code: 'SPPG-CWD',
      name: 'SPPG Ciwidey (Dapur MBG Yayasan Al-Ikhlas)',
      kind: 'school_meal',
      npwp: null,
      paymentTermsDays: 7,
      address: 'Jl. Raya Ciwidey No. 15, Kab. Bandung',
      contacts: [{ name: 'Pak Agus', role: 'Kepala SPPG', phone: '085220334455' }],
      stores: [store('Dapur SPPG Ciwidey', 'Jl. Raya Ciwidey No. 15, Kab. Bandung', [1, 2, 3, 4, 5], '05:00-07:00', 'Pak Agus')],
    },
    channels: ['school_meal'],
    loose: ['B'],
    markup: 1.3,
    habit: { late: [15, 50], part: 1, method: 'bank' },
    weekly: true,
    source: 'entry',
  },
  {
    input: {
      code: 'H-DADANG',
      name: 'H. Dadang — Pasar Induk Caringin',
      kind: 'trader',
      npwp: null,
      paymentTermsDays: 3,
      address: 'Pasar Induk Caringin Blok C, Bandung',
      contacts: [{ name: 'H. Dadang Suherman', phone: '081394412278' }],
      stores: [
        store('Los Sayur Blok C-21 Caringin', 'Pasar Induk Caringin Blok C-21, Bandung', [1, 2, 3, 4, 5, 6, 7], '02:00-06:00', 'H. Dadang'),
      ],
    },
    channels: ['traditional_market'],
    loose: ['A', 'B', 'C'],
    markup: 1.25,
    habit: { late: [-3, 2], part: 1, method: 'cash' },
    weekly: false,
    source: 'entry',
  },
  {
    input: {
      code: 'BU-EUIS',
      name: 'Bu Euis — Pasar Ciwidey',
      kind: 'trader',
      npwp: null,
      paymentTermsDays: 0,
      address: 'Pasar Ciwidey, los sayur No. 12',
      contacts: [{ name: 'Euis Komariah', phone: '087823001199' }],
      stores: [
        store('Kios Pasar Ciwidey', 'Pasar Ciwidey, los sayur No. 12, Kab. Bandung', [1, 2, 3, 4, 5, 6, 7], '04:00-08:00', 'Bu Euis'),
      ],
    },
    channels: ['traditional_market'],
    loose: ['B'],
    markup: 1.2,
    habit: { late: [0, 1], part: 1, method: 'cash' },
    weekly: false,
    source: 'entry',
  },
  {
    input: {
      code: 'GERAI',
      name: 'Gerai Koperasi Alamendah',
      kind: 'own_outlet',
      npwp: null,
      paymentTermsDays: 0,
      address: 'Jl. Raya Ciwidey–Rancabali, Alamendah',
      contacts: [{ name: 'Pengelola gerai' }],
      stores: [store('Gerai Sembako Alamendah', 'Jl. Raya Ciwidey–Rancabali, Alamendah', [2, 5], '07:00-09:00', 'Pengelola gerai')],
    },
    channels: ['online'],
    loose: [],
    markup: 1,
    habit: { late: [0, 0], part: 0, method: 'cash' },
    weekly: false,
    source: 'entry',
  },
];

/** One kind of stock on a delivery day: a commodity and grade, packed or loose, with the lots holding it. */
interface Item {
  key: string;
  com: CommodityRow;
  grade: Grade;
  packFormatId: string | null;
  channel: string | null;
  /** Order units: packs, or grams/pieces for loose stock. */
  lots: { lotId: string; locationId: string; left: bigint }[];
}

export interface MarketDemoResult {
  partners: number;
  purchaseOrders: number;
  deliveries: number;
  invoices: number;
  payments: number;
}

/** The stock of each intake day that the market link sells the day after: packs, and lots kept cold. */
function stockByDay(lots: Lot[], commodities: CommodityRow[], coldId: string) {
  const days = new Map<string, Map<string, Item>>();
  for (const l of lots) {
    if (l.grade === 'reject' || l.origin === 'return') continue;
    const com = commodities.find((c) => c.id === l.commodity.id)!;
    const pf = l.packFormat ? com.pack_formats.find((p) => p.id === l.packFormat!.id)! : null;
    for (const p of l.places) {
      if (!pf && p.locationId !== coldId) continue;
      const items = days.get(l.createdDate) ?? new Map<string, Item>();
      days.set(l.createdDate, items);
      const key = `${com.id}|${l.grade}|${pf?.id ?? ''}`;
      const item = items.get(key) ?? { key, com, grade: l.grade, packFormatId: pf?.id ?? null, channel: pf?.channel ?? null, lots: [] };
      items.set(key, item);
      const base = BigInt(p.quantity.base);
      item.lots.push({ lotId: l.id, locationId: p.locationId, left: pf ? base / BigInt(pf.content) : base });
    }
  }
  return days;
}

const takes = (p: DemoPartner, item: Item) => (item.channel ? p.channels.includes(item.channel) : p.loose.includes(item.grade));

/**
 * What the buyers agreed to take each week, by grade, in kg (bunches for seledri): the demand the
 * planting plan is made from (workflows/demand-from-market.ts). Grade A goes in packs of each
 * buyer's channels and loose to the caterer and the wholesale trader; B loose to the school
 * kitchen and the traders; C loose to the wholesale market for processing. Green paprika has no
 * crop parameters and seledri is sold by the bunch: the plan names both as left out.
 */
const WEEKLY: Record<string, Partial<Record<'A' | 'B' | 'C', number>>> = {
  TOMAT: { A: 650, B: 320, C: 110 },
  KENTANG: { A: 1000, B: 300, C: 140 },
  WORTEL: { A: 670, B: 290 },
  KOL: { A: 840, B: 360 },
  CMK: { A: 180, B: 90, C: 30 },
  CRW: { A: 100, B: 45 },
  PAKCOY: { A: 360, B: 120 },
  SAWI: { A: 420, B: 180 },
  BUNCIS: { A: 250, B: 110 },
  BROKOLI: { A: 170, B: 70 },
  KEMBOL: { A: 125, B: 55 },
  PAPRM: { A: 170, B: 70 },
  PAPRH: { A: 85, B: 35 },
  DBAWANG: { A: 170, B: 70 },
  SELEDRI: { A: 250, B: 110 },
  SELADA: { A: 135, B: 45 },
  LOBAK: { A: 210, B: 90 },
  TERONG: { A: 210, B: 90 },
  LBSIAM: { A: 340, B: 140 },
  KAPRI: { A: 85, B: 35 },
};

export type MarketBuyers = Awaited<ReturnType<typeof seedMarketContracts>>;

/**
 * The buyers and their contracts, in force from `from` (the first delivery day) for a year: every
 * commodity and grade of `WEEKLY` shared evenly by the buyers who take it, half on Tuesday and half
 * on Friday, priced from the buying prices with each buyer's markup.
 */
export async function seedMarketContracts(db: Db, coopId: string, from: string) {
  const board = await actorFor(db, 'pengurus');
  const commodities = await commodityRows(db, coopId);
  const prices = await priceRows(db, coopId, { date: from });
  const offers: { p: DemoPartner; com: CommodityRow; grade: Grade; pf: CommodityRow['pack_formats'][number] | null; perDay: bigint }[] = [];
  for (const com of commodities) {
    for (const [grade, amount] of Object.entries(WEEKLY[com.code] ?? {}) as ['A' | 'B' | 'C', number][]) {
      if (!com.grades.some((g) => g.grade === grade)) continue;
      const takers = PARTNERS.flatMap((p) => {
        const packs = grade === 'A' ? com.pack_formats.filter((f) => p.channels.includes(f.channel) && (f.grade ?? 'A') === 'A') : [];
        return [...packs.map((pf) => ({ p, pf })), ...(p.loose.includes(grade) ? [{ p, pf: null }] : [])];
      });
      const weekly = BigInt(Math.round(amount * (com.unit === 'kg' ? 1000 : 1)));
      for (const t of takers) offers.push({ ...t, com, grade, perDay: weekly / BigInt(takers.length * 2) });
    }
  }
  const priceOf = (p: DemoPartner, o: (typeof offers)[number]) => {
    const buy = Number(prices.find((x) => x.commodity_id === o.com.id && x.grade === o.grade)?.price ?? 5000n);
    const perUnit = o.pf ? buy * (Number(o.pf.content) / (o.com.unit === 'kg' ? 1000 : 1)) : buy;
    return String(Math.max(50, Math.round((perUnit * p.markup) / 50) * 50));
  };
  const volume = (o: (typeof offers)[number]) => {
    if (o.pf) return String(o.perDay / BigInt(o.pf.content) || 1n);
    return o.com.unit === 'kg' ? kgText((o.perDay / 500n) * 500n) : String(o.perDay);
  };

  const partners: { p: DemoPartner; created: Partner; contract: Contract | null; storeTurn: number }[] = [];
  for (const p of PARTNERS) {
    const created = await createPartner(db, coopId, board, { ...p.input, notes: null });
    const mine = offers.filter((o) => o.p === p);
    const contract = mine.length
      ? await createContract(db, coopId, board, created.id, {
          reference: `KTR/${p.input.code}/${from.slice(0, 4)}`,
          validFrom: from,
          validTo: addDays(from, 365),
          qualityTolerance: 'Sesuai spesifikasi grade koperasi; cacat paling banyak 5% per kemasan, suhu kirim 4–8 °C untuk sayur daun',
          returnsPolicy: 'Barang ditolak dicatat di surat jalan saat penerimaan dan dibawa kembali; klaim susulan paling lambat 2 hari',
          offContract: 'warn',
          // The traders take what the other buyers leave: their volumes are a floor more than a ceiling.
          volumeTolerancePct: p.weekly ? 20 : 100,
          items: mine.map((o, i) => ({
            articleCode: `${p.input.code.slice(0, 3)}${String(i + 1).padStart(3, '0')}`,
            commodityId: o.com.id,
            grade: o.grade,
            packFormatId: o.pf?.id ?? null,
            price: priceOf(p, o),
            volumes: [1, 2, 3, 4, 5, 6, 7].map((d) => (d === 2 || d === 5 ? volume(o) : '0')),
          })),
        })
      : null;
    partners.push({ p, created, contract, storeTurn: 0 });
  }
  return partners;
}

/** The buyers' orders of the produce demo's stock, day by day up to today (see the file's head). */
export async function seedMarketDemo(db: Db, coopId: string, partners: MarketBuyers): Promise<MarketDemoResult> {
  const random = rng(20251201);
  const between = (a: number, b: number) => a + random() * (b - a);
  const today = todayIn('Asia/Jakarta');
  const clerk = await actorFor(db, 'petugas');
  const treasurer = await actorFor(db, 'bendahara');
  const board = await actorFor(db, 'pengurus');
  const places = await locationRows(db, coopId);
  const cold = places.find((p) => p.kind === 'cold_storage');
  const packingHouse = places.find((p) => p.kind === 'packing_house');
  if (!cold || !packingHouse) return { partners: partners.length, purchaseOrders: 0, deliveries: 0, invoices: 0, payments: 0 };
  const commodities = await commodityRows(db, coopId);
  // Packs wait in the packing house (grade A only: the rest there is the reject the produce demo keeps); loose stock in the cold store.
  const [packed, kept] = [
    await listLots(db, coopId, { locationId: packingHouse.id, grade: 'A', onHand: 'true', limit: 500 }),
    await listLots(db, coopId, { locationId: cold.id, onHand: 'true', limit: 500 }),
  ];
  const days = stockByDay([...packed.items, ...kept.items], commodities, cold.id);
  const intakeDays = [...days.keys()].sort();
  if (!intakeDays.length) return { partners: partners.length, purchaseOrders: 0, deliveries: 0, invoices: 0, payments: 0 };
  const start = intakeDays[0]!;

  // Day by day up to today: deliveries the day after each intake day, weekly invoices on
  // Saturdays, traders invoiced on delivery, payments when each buyer pays.
  const result = { partners: partners.length, purchaseOrders: 0, deliveries: 0, invoices: 0, payments: 0 };
  const uninvoiced = new Map<string, string[]>();
  const payments = new Map<string, { partnerId: string; amount: bigint; method: 'cash' | 'bank' }[]>();
  let claimed = false;
  type Buyer = (typeof partners)[number];

  const invoice = async (pt: Buyer, date: string) => {
    const ids = uninvoiced.get(pt.created.id) ?? [];
    if (!ids.length) return;
    uninvoiced.set(pt.created.id, []);
    const inv = await createInvoice(db, coopId, treasurer, { partnerId: pt.created.id, date, deliveryIds: ids });
    result.invoices++;
    let amount = BigInt(inv.amount);
    if (!claimed && pt.p.input.code === 'YOGYA' && addDays(date, 2) <= today) {
      // One later claim: a few trays found wilted after receiving.
      claimed = true;
      const credit = (amount / 20n / 100n) * 100n;
      await createCreditNote(db, coopId, treasurer, inv.id, {
        date: addDays(date, 2),
        amount: String(credit),
        reason: 'Klaim tray layu ditemukan sesudah penerimaan',
      });
      amount -= credit;
    }
    const h = pt.p.habit;
    const on = addDays(inv.dueDate, Math.round(between(h.late[0], h.late[1])));
    const paid = (BigInt(Math.round(h.part * 100)) * amount) / 100n;
    const when = on < date ? date : on;
    if (paid > 0n) payments.set(when, [...(payments.get(when) ?? []), { partnerId: pt.created.id, amount: paid, method: h.method }]);
  };

  /**
   * Each buyer of an item asks for its part of what is left, sometimes a little more than there is.
   * The supermarkets, the caterer and the school kitchen keep to about their contract's volume for
   * the day (`agreed`), now and then a little over; the traders and the own outlet, asking last,
   * take what the others left.
   */
  const ask = (pt: Buyer, item: Item, agreed: bigint) => {
    const sharers = partners.filter((x) => x.contract && takes(x.p, item));
    const after = sharers.length - sharers.indexOf(pt);
    const have = item.lots.reduce((s, l) => s + l.left, 0n);
    const share = (Number(have) * between(0.75, 1.15)) / after;
    const want = pt.p.weekly ? Math.min(share, Number(agreed) * between(0.85, 1.3)) : share;
    const units = BigInt(Math.round(want));
    return !item.packFormatId && item.com.unit === 'kg' ? (units / 500n) * 500n : units;
  };

  for (let day = addDays(start, 1); day <= today; day = addDays(day, 1)) {
    const stock = days.get(addDays(day, -1));
    const sent: { pt: Buyer; d: Awaited<ReturnType<typeof dispatch>>; kg: boolean[] }[] = [];
    for (const pt of stock ? partners : []) {
      if (!pt.contract) continue;
      const st = pt.created.stores[pt.storeTurn++ % pt.created.stores.length]!;
      const lines: { item: Item; articleCode: string; quantity: bigint; kg: boolean }[] = [];
      for (const ci of pt.contract.items) {
        const item = stock!.get(`${ci.commodity.id}|${ci.grade}|${ci.packFormat?.id ?? ''}`);
        const want = item ? ask(pt, item, BigInt(ci.volumes[weekday(day) - 1]!.value)) : 0n;
        if (item && want > 0n)
          lines.push({ item, articleCode: ci.articleCode!, quantity: want, kg: !item.packFormatId && item.com.unit === 'kg' });
      }
      if (!lines.length) continue;
      const qtyText = (kg: boolean, v: bigint) => (kg ? kgText(v) : String(v));
      const po = await createPurchaseOrder(
        db,
        coopId,
        board,
        {
          partnerId: pt.created.id,
          storeId: st.id,
          partnerRef: `${pt.p.input.code.slice(0, 4)}-${day.replace(/-/g, '')}-${st.code ?? 'UTAMA'}`,
          orderDate: addDays(day, -1),
          deliveryDate: day,
          lines: lines.map((l) => ({ articleCode: l.articleCode, quantity: qtyText(l.kg, l.quantity) })),
        },
        { source: pt.p.source },
      );
      result.purchaseOrders++;
      // Pick lot after lot until the line is covered or that stock is gone (the shortfall shows in the fill rate).
      const picks: { poLineNo: number; lotId: string; locationId: string; quantity: string }[] = [];
      const kg: boolean[] = [];
      for (const [i, l] of lines.entries()) {
        let left = l.quantity;
        for (const lot of l.item.lots) {
          const take = lot.left < left ? lot.left : left;
          if (take <= 0n) continue;
          lot.left -= take;
          left -= take;
          picks.push({ poLineNo: i + 1, lotId: lot.lotId, locationId: lot.locationId, quantity: qtyText(l.kg, take) });
          kg.push(l.kg);
        }
      }
      if (!picks.length) continue;
      const d = await dispatch(db, coopId, clerk, {
        purchaseOrderId: po.id,
        date: day,
        vehicle: 'D 8125 KP',
        driver: 'Ujang Rohman',
        lines: picks,
      });
      result.deliveries++;
      sent.push({ pt, d, kg });
    }
    // The truck takes the stores' notes; the traders and the outlet collect their own.
    const onTruck = sent.filter((x) => !['trader', 'own_outlet'].includes(x.pt.p.input.kind)).map((x) => x.d.id);
    if (onTruck.length)
      await createDeliveryRoute(db, coopId, clerk, {
        date: day,
        vehicle: 'D 8125 KP',
        driver: 'Ujang Rohman',
        departure: '04:30',
        deliveryIds: onTruck,
      });
    for (const { pt, d, kg } of sent) {
      await receive(d, kg, pt.p.input.kind);
      if (pt.p.input.kind === 'own_outlet') continue;
      uninvoiced.set(pt.created.id, [...(uninvoiced.get(pt.created.id) ?? []), d.id]);
      if (!pt.p.weekly) await invoice(pt, day);
    }
    if (weekday(day) === 6) for (const pt of partners) if (pt.p.weekly) await invoice(pt, day);
    for (const pay of payments.get(day) ?? []) {
      await recordPayment(db, coopId, treasurer, { partnerId: pay.partnerId, date: day, method: pay.method, amount: String(pay.amount) });
      result.payments++;
    }
  }
  return result;

  /** The store's receiving: most lines in full; some partly rejected, half of those back in stock as grade B. */
  async function receive(d: Awaited<ReturnType<typeof dispatch>>, kg: boolean[], kind: PartnerKind) {
    const lines = d.lines.map((l, i) => {
      const q = BigInt(l.quantity.value);
      const text = (v: bigint) => (kg[i] ? kgText(v) : String(v));
      let rejected = random() < (kind === 'modern_retail' ? 0.12 : 0.06) ? (q * BigInt(Math.round(between(5, 20)))) / 100n : 0n;
      if (kg[i]) rejected = (rejected / 100n) * 100n;
      if (rejected <= 0n) return { lineNo: l.lineNo, accepted: text(q) };
      const back = l.grade === 'A' && random() < 0.5;
      return {
        lineNo: l.lineNo,
        accepted: text(q - rejected),
        rejected: text(rejected),
        reason: random() < 0.7 ? ('quality' as const) : ('damaged' as const),
        note: back ? 'Dibawa kembali, disortir ulang ke grade B' : 'Busuk atau memar, dibuang',
        returnToStock: back ? { grade: 'B' as const, locationId: packingHouse!.id } : null,
      };
    });
    await recordReceipt(db, coopId, clerk, d.id, { date: d.date, receivedBy: 'Petugas penerimaan toko', lines });
  }
}
