/**
 * Produce aggregation API contract (the Al-Ittifaq model): the catalogue of commodities with
 * grades, shelf lives and pack formats; farmers' clusters, plots and collection points; buying
 * prices; harvest intake into graded lots; perishable stock and packing; farmer payouts.
 * Weights travel as kg text with up to three decimals ("12,5") and come back both as exact
 * integer base units (grams, or pieces) and formatted; money is whole Rupiah as decimal strings.
 */
import { z } from 'zod';
import { bi, idOf, isoDate, rupiahString } from './common.js';
import { formatKg, parseKg } from './quantity.js';

type Label = { id: string; en: string };

export const UNITS_OF_MEASURE = ['kg', 'bunch', 'piece'] as const;
export type UnitOfMeasure = (typeof UNITS_OF_MEASURE)[number];
export const UOM_LABELS: Record<UnitOfMeasure, Label> = {
  kg: { id: 'kg', en: 'kg' },
  bunch: { id: 'ikat', en: 'bunch' },
  piece: { id: 'buah', en: 'piece' },
};

export const GRADES = ['A', 'B', 'C', 'reject'] as const;
export type Grade = (typeof GRADES)[number];
export const GRADE_LABELS: Record<Grade, Label> = {
  A: { id: 'Grade A', en: 'Grade A' },
  B: { id: 'Grade B', en: 'Grade B' },
  C: { id: 'Grade C', en: 'Grade C' },
  reject: { id: 'Afkir', en: 'Reject' },
};

export const STORAGE_CLASSES = ['ambient', 'cool', 'cold'] as const;
export type StorageClass = (typeof STORAGE_CLASSES)[number];
export const STORAGE_LABELS: Record<StorageClass, Label> = {
  ambient: { id: 'Suhu ruang', en: 'Ambient' },
  cool: { id: 'Sejuk (10–15 °C)', en: 'Cool (10–15 °C)' },
  cold: { id: 'Dingin (0–5 °C)', en: 'Cold (0–5 °C)' },
};

export const CHANNELS = ['modern_retail', 'traditional_market', 'horeca', 'online', 'own_store', 'school_meal'] as const;
export type Channel = (typeof CHANNELS)[number];
export const CHANNEL_LABELS: Record<Channel, Label> = {
  modern_retail: { id: 'Ritel modern', en: 'Modern retail' },
  traditional_market: { id: 'Pasar tradisional', en: 'Traditional market' },
  horeca: { id: 'Hotel, restoran, katering', en: 'Hotels, restaurants, caterers' },
  online: { id: 'Toko daring', en: 'Online shop' },
  own_store: { id: 'Toko sendiri', en: 'Own store' },
  school_meal: { id: 'Dapur makan bergizi (SPPG)', en: 'School-meal kitchens' },
};

export const LOCATION_KINDS = ['packing_house', 'cold_storage', 'truck', 'collection_point'] as const;
export type LocationKind = (typeof LOCATION_KINDS)[number];
export const LOCATION_KIND_LABELS: Record<LocationKind, Label> = {
  packing_house: { id: 'Rumah kemas', en: 'Packing house' },
  cold_storage: { id: 'Gudang pendingin', en: 'Cold storage' },
  truck: { id: 'Truk', en: 'Truck' },
  collection_point: { id: 'Titik kumpul', en: 'Collection point' },
};

export const LOSS_KINDS = ['shrinkage', 'spoilage'] as const;
export type LossKind = (typeof LOSS_KINDS)[number];
export const LOSS_LABELS: Record<LossKind, Label> = {
  shrinkage: { id: 'Susut', en: 'Weight loss' },
  spoilage: { id: 'Busuk/rusak', en: 'Spoilage' },
};

export const MOVEMENT_KINDS = [
  'intake',
  'intake_void',
  'transfer_out',
  'transfer_in',
  'packing_out',
  'packing_in',
  'loss',
  'count',
  'sale',
  'return_in',
  'purchase',
  'purchase_void',
] as const;
export type MovementKind = (typeof MOVEMENT_KINDS)[number];
export const MOVEMENT_LABELS: Record<MovementKind, Label> = {
  intake: { id: 'Penerimaan', en: 'Intake' },
  intake_void: { id: 'Pembatalan penerimaan', en: 'Intake voided' },
  transfer_out: { id: 'Pindah keluar', en: 'Transfer out' },
  transfer_in: { id: 'Pindah masuk', en: 'Transfer in' },
  packing_out: { id: 'Dikemas (bahan)', en: 'Packed (input)' },
  packing_in: { id: 'Hasil kemas', en: 'Packed (output)' },
  loss: { id: 'Susut/busuk', en: 'Loss' },
  count: { id: 'Penyesuaian stok opname', en: 'Stock count adjustment' },
  sale: { id: 'Penjualan', en: 'Sale' },
  return_in: { id: 'Retur dari pembeli', en: 'Returned by a buyer' },
  purchase: { id: 'Pembelian dari koperasi lain', en: 'Bought from another cooperative' },
  purchase_void: { id: 'Pembatalan pembelian', en: 'Purchase voided' },
};

export const REJECT_POLICIES = ['unpaid', 'priced'] as const;
export type RejectPolicy = (typeof REJECT_POLICIES)[number];

export const PAYOUT_METHODS = ['cash', 'bank'] as const;
export type PayoutMethod = (typeof PAYOUT_METHODS)[number];

export const DEDUCTION_KINDS = ['simpanan_wajib', 'loan_instalment', 'input_advance'] as const;
export type DeductionKind = (typeof DEDUCTION_KINDS)[number];
export const DEDUCTION_LABELS: Record<DeductionKind, Label> = {
  simpanan_wajib: { id: 'Simpanan wajib', en: 'Mandatory savings' },
  loan_instalment: { id: 'Angsuran pinjaman', en: 'Loan instalment' },
  input_advance: { id: 'Pinjaman saprotan', en: 'Farm-input advance' },
};

// ── quantities ──────────────────────────────────────────────────────────────────────────────

/** Largest weight one entry may carry: 100 tonnes. */
export const MAX_GRAMS = 100_000_000n;

/**
 * A weight typed by a clerk, in kg with at most three decimals: `12`, `12,5`, `0,125`, `1.234,5`.
 * Refused, never rounded: more decimals, and the ambiguous `1.250` (write `1,250` or `1250`).
 */
export const kgText = z
  .string()
  .trim()
  .min(1, bi('Berat wajib diisi (kg)', 'Weight is required (kg)'))
  .max(20)
  .superRefine((s, ctx) => {
    let g: bigint;
    try {
      g = parseKg(s);
    } catch (e) {
      const msg = (e as Error).message;
      const m = msg.startsWith('ambiguous')
        ? bi(
            `"${s}" ambigu: tulis ${s.replace('.', ',')} untuk ${s.replace('.', ',')} kg atau ${s.replace('.', '')} untuk ${s} kg`,
            `"${s}" is ambiguous: write ${s.replace('.', ',')} or ${s.replace('.', '')}`,
          )
        : msg.includes('decimals')
          ? bi('Berat paling banyak 3 angka di belakang koma (gram)', 'A weight has at most 3 decimals (grams)')
          : bi('Berat harus angka kg, mis. 12,5', 'Weight must be a number of kg, e.g. 12.5');
      ctx.addIssue({ code: 'custom', message: m.message });
      return;
    }
    if (g > MAX_GRAMS) ctx.addIssue({ code: 'custom', ...bi('Berat lebih dari 100 ton', 'Weight over 100 tonnes') });
  });

/** Pieces or bunches, as a whole number. */
export const countInput = z.number().int().min(0).max(10_000_000);

/**
 * A quantity in the commodity's base unit (grams for kg, else pieces) for people to read.
 * @example formatQuantity(12500n, 'kg') // '12,5 kg'
 */
export function formatQuantity(q: bigint, unit: UnitOfMeasure): string {
  return unit === 'kg' ? formatKg(q) : `${q.toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.')} ${UOM_LABELS[unit].id}`;
}

/** A quantity as the API returns it: exact base units (grams or pieces) and the text to show. */
export const quantity = z.object({ base: z.string(), text: z.string() });
export type Quantity = z.infer<typeof quantity>;

// ── ids ─────────────────────────────────────────────────────────────────────────────────────

export const commodityId = idOf('kom');
export const packFormatId = idOf('pkf');
export const clusterId = idOf('klt');
export const plotId = idOf('plt');
export const collectionPointId = idOf('tkp');
export const locationId = idOf('lok');
export const intakeId = idOf('pnr');
export const lotId = idOf('lot');
export const payoutRunId = idOf('pyr');
export const payoutId = idOf('pyo');
export const purchaseId = idOf('pbl');
const memberRefId = idOf('mbr');

const name = z.string().trim().min(2).max(120);
const optionalText = (max: number) => z.string().trim().max(max).nullish();
const villageCode = z
  .string()
  .regex(/^\d{2}\.\d{2}\.\d{2}\.\d{4}$/, bi('Kode desa harus berformat 32.04.40.2005', 'Village code must look like 32.04.40.2005'));
const shelfDays = z.number().int().min(1).max(365).nullable();
const wholeRupiah = z
  .string()
  .regex(/^\d{1,12}$/, bi('Harga harus angka bulat rupiah, mis. "8500"', 'Price must be whole rupiah digits, e.g. "8500"'));

// ── catalogue ───────────────────────────────────────────────────────────────────────────────

export const gradeSpecInput = z.strictObject({
  grade: z.enum(GRADES),
  spec: z.string().trim().min(3).max(500),
});

export const shelfLifeInput = z.strictObject({ ambient: shelfDays, cool: shelfDays, cold: shelfDays });

export const commodityInput = z.strictObject({
  code: z
    .string()
    .trim()
    .regex(/^[A-Z0-9]{2,12}$/, bi('Kode komoditas 2–12 huruf besar/angka, mis. TOMAT', 'Commodity code: 2–12 capitals/digits, e.g. TOMAT')),
  name,
  unit: z.enum(UNITS_OF_MEASURE).default('kg'),
  variableWeight: z.boolean().default(false),
  storageClass: z.enum(STORAGE_CLASSES),
  shelfLifeDays: shelfLifeInput,
  grades: z.array(gradeSpecInput).min(1).max(4),
});
export type CommodityInput = z.infer<typeof commodityInput>;

export const commodityUpdate = z.strictObject({
  name: name.optional(),
  variableWeight: z.boolean().optional(),
  storageClass: z.enum(STORAGE_CLASSES).optional(),
  shelfLifeDays: shelfLifeInput.optional(),
  grades: z.array(gradeSpecInput).min(1).max(4).optional(),
  active: z.boolean().optional(),
});
export type CommodityUpdate = z.infer<typeof commodityUpdate>;

export const packFormatInput = z.strictObject({
  channel: z.enum(CHANNELS),
  name,
  grade: z.enum(GRADES).nullish(),
  /** Content of one pack: kg text for kg commodities… */
  contentKg: kgText.optional(),
  /** …or pieces/bunches for counted ones. */
  contentCount: z.number().int().min(1).max(100_000).optional(),
  packaging: z.string().trim().min(2).max(200),
});
export type PackFormatInput = z.infer<typeof packFormatInput>;

export const packFormat = z.object({
  id: z.string(),
  commodityId: z.string(),
  channel: z.enum(CHANNELS),
  channelLabel: z.string(),
  name: z.string(),
  grade: z.enum(GRADES).nullable(),
  content: quantity,
  packaging: z.string(),
  active: z.boolean(),
});

export const commodity = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  unit: z.enum(UNITS_OF_MEASURE),
  unitLabel: z.string(),
  variableWeight: z.boolean(),
  storageClass: z.enum(STORAGE_CLASSES),
  shelfLifeDays: z.object({ ambient: z.number().nullable(), cool: z.number().nullable(), cold: z.number().nullable() }),
  grades: z.array(z.object({ grade: z.enum(GRADES), label: z.string(), spec: z.string() })),
  packFormats: z.array(packFormat),
  active: z.boolean(),
});
export type Commodity = z.infer<typeof commodity>;
export const commodityList = z.object({ items: z.array(commodity) });

// ── farmers, plots, collection points, locations ───────────────────────────────────────────

export const clusterInput = z.strictObject({ name, description: optionalText(500) });
export const cluster = z.object({ id: z.string(), name: z.string(), description: z.string().nullable(), farmers: z.number().int() });
export const clusterList = z.object({ items: z.array(cluster) });

export const farmerProfileInput = z.strictObject({
  clusterId: clusterId.nullish(),
  payoutMethod: z.enum(PAYOUT_METHODS).default('cash'),
  bankName: optionalText(60),
  bankAccountNo: z
    .string()
    .trim()
    .regex(/^\d{6,20}$/, bi('Nomor rekening 6–20 angka', 'Account number: 6–20 digits'))
    .nullish(),
  bankAccountName: optionalText(120),
  deliveryActive: z.boolean().default(true),
});
export type FarmerProfileInput = z.infer<typeof farmerProfileInput>;

const coordinate = (min: number, max: number) => z.number().min(min).max(max);
export const plotInput = z.strictObject({
  name: name,
  areaM2: z.number().int().min(1).max(10_000_000),
  villageCode,
  altitudeM: z.number().int().min(-100).max(4000),
  latitude: coordinate(-11.5, 6.5).nullish(),
  longitude: coordinate(94, 141.5).nullish(),
  commodityIds: z.array(commodityId).max(60).default([]),
});
export type PlotInput = z.infer<typeof plotInput>;
export const plotUpdate = plotInput.partial().extend({ active: z.boolean().optional() }).strict();
export type PlotUpdate = z.infer<typeof plotUpdate>;

export const plot = z.object({
  id: z.string(),
  memberId: z.string(),
  name: z.string(),
  areaM2: z.number().int(),
  villageCode: z.string(),
  villageName: z.string().nullable(),
  altitudeM: z.number().int(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  commodityIds: z.array(z.string()),
  active: z.boolean(),
});
export type Plot = z.infer<typeof plot>;

export const farmer = z.object({
  memberId: z.string(),
  number: z.number().int(),
  fullName: z.string(),
  status: z.string(),
  farmerGroup: z.object({ id: z.string(), name: z.string() }).nullable(),
  cluster: z.object({ id: z.string(), name: z.string() }).nullable(),
  payoutMethod: z.enum(PAYOUT_METHODS),
  bankName: z.string().nullable(),
  bankAccountNo: z.string().nullable(),
  bankAccountName: z.string().nullable(),
  deliveryActive: z.boolean(),
  plots: z.array(plot),
  commodityIds: z.array(z.string()),
});
export type Farmer = z.infer<typeof farmer>;
export const farmerList = z.object({ items: z.array(farmer) });
export const farmerQuery = z.strictObject({
  q: z.string().trim().max(100).optional(),
  farmerGroupId: idOf('ktn').optional(),
  clusterId: clusterId.optional(),
});

export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const; // ISO: 1 Monday … 7 Sunday
export const WEEKDAY_LABELS = ['', 'Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu', 'Minggu'] as const;

export const collectionPointInput = z.strictObject({
  name,
  villageCode,
  address: optionalText(300),
  deliveryDays: z
    .array(z.number().int().min(1).max(7))
    .min(1, bi('Pilih minimal satu hari setor', 'Choose at least one delivery day'))
    .max(7),
  active: z.boolean().default(true),
});
export type CollectionPointInput = z.infer<typeof collectionPointInput>;
export const collectionPointUpdate = collectionPointInput.partial().strict();
export const collectionPoint = z.object({
  id: z.string(),
  name: z.string(),
  villageCode: z.string(),
  villageName: z.string().nullable(),
  address: z.string().nullable(),
  deliveryDays: z.array(z.number().int()),
  scheduleText: z.string(),
  active: z.boolean(),
});
export const collectionPointList = z.object({ items: z.array(collectionPoint) });

export const locationInput = z.strictObject({
  name,
  kind: z.enum(LOCATION_KINDS),
  storageClass: z.enum(STORAGE_CLASSES),
  active: z.boolean().default(true),
});
export type LocationInput = z.infer<typeof locationInput>;
export const locationUpdate = locationInput.partial().strict();
export const location = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(LOCATION_KINDS),
  storageClass: z.enum(STORAGE_CLASSES),
  active: z.boolean(),
});
export const locationList = z.object({ items: z.array(location) });

export const settingsInput = z.strictObject({
  rejectPolicy: z.enum(REJECT_POLICIES),
  expiryAlertDays: z.number().int().min(0).max(30),
  defaultLocationId: locationId.nullish(),
});
export type SettingsInput = z.infer<typeof settingsInput>;
export const settings = z.object({
  rejectPolicy: z.enum(REJECT_POLICIES),
  expiryAlertDays: z.number().int(),
  defaultLocationId: z.string().nullable(),
});

// ── prices ──────────────────────────────────────────────────────────────────────────────────

export const priceListInput = z.strictObject({
  validFrom: isoDate,
  items: z
    .array(z.strictObject({ commodityId, grade: z.enum(GRADES), price: wholeRupiah }))
    .min(1)
    .max(500),
});
export type PriceListInput = z.infer<typeof priceListInput>;

export const price = z.object({
  commodityId: z.string(),
  commodityName: z.string(),
  grade: z.enum(GRADES),
  /** Per kg, bunch or piece. */
  price: rupiahString,
  unit: z.enum(UNITS_OF_MEASURE),
  validFrom: z.string(),
  setBy: z.string(),
});
export const priceList = z.object({ date: z.string(), items: z.array(price) });
export const priceQuery = z.strictObject({
  date: isoDate.optional(),
  commodityId: commodityId.optional(),
  history: z.enum(['true', 'false']).optional(),
});

// ── intake ──────────────────────────────────────────────────────────────────────────────────

export const gradeLineInput = z.strictObject({
  grade: z.enum(GRADES),
  kg: kgText.optional(),
  count: countInput.optional(),
});

/**
 * A delivery weighed at a collection point. For kg commodities `grossKg` − `tareKg` is the net,
 * and the grade weights must add up to it exactly; counted commodities give `count` per grade.
 */
export const intakeInput = z.strictObject({
  date: isoDate.optional(),
  collectionPointId,
  memberId: memberRefId,
  plotId: plotId.nullish(),
  commodityId,
  harvestDate: isoDate.optional(),
  crates: z.number().int().min(0).max(10_000).default(0),
  grossKg: kgText.optional(),
  tareKg: kgText.optional(),
  /** Optional cross-check from the scale: must equal gross − tare. */
  netKg: kgText.optional(),
  grades: z.array(gradeLineInput).min(1).max(4),
  locationId: locationId.nullish(),
  notes: optionalText(500),
});
export type IntakeInput = z.infer<typeof intakeInput>;

export const intakeLot = z.object({
  lotId: z.string(),
  code: z.string(),
  grade: z.enum(GRADES),
  gradeLabel: z.string(),
  quantity: quantity,
  price: rupiahString,
  amount: rupiahString,
  paid: z.boolean(),
  expiresOn: z.string(),
});

export const intake = z.object({
  id: z.string(),
  number: z.string(),
  date: z.string(),
  harvestDate: z.string(),
  collectionPoint: z.object({ id: z.string(), name: z.string() }),
  farmer: z.object({ memberId: z.string(), number: z.number().int(), fullName: z.string(), farmerGroupName: z.string().nullable() }),
  plot: z.object({ id: z.string(), name: z.string(), villageName: z.string().nullable() }).nullable(),
  commodity: z.object({ id: z.string(), code: z.string(), name: z.string(), unit: z.enum(UNITS_OF_MEASURE) }),
  location: z.object({ id: z.string(), name: z.string() }),
  crates: z.number().int(),
  gross: quantity,
  tare: quantity,
  net: quantity,
  lots: z.array(intakeLot),
  amount: rupiahString,
  rejectPolicy: z.enum(REJECT_POLICIES),
  journal: z.object({ id: z.string(), number: z.string() }).nullable(),
  voided: z.object({ date: z.string(), reason: z.string(), journalNumber: z.string().nullable() }).nullable(),
  payoutId: z.string().nullable(),
  notes: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
});
export type Intake = z.infer<typeof intake>;

export const intakePreview = intake.pick({ crates: true, gross: true, tare: true, net: true, amount: true, rejectPolicy: true }).extend({
  lines: z.array(z.object({ grade: z.enum(GRADES), quantity: quantity, price: rupiahString, amount: rupiahString })),
});

export const intakeQuery = z.strictObject({
  from: isoDate.optional(),
  to: isoDate.optional(),
  memberId: memberRefId.optional(),
  collectionPointId: collectionPointId.optional(),
  commodityId: commodityId.optional(),
  cursor: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const intakePage = z.object({ items: z.array(intake), nextCursor: z.string().nullable() });

export const voidInput = z.strictObject({
  date: isoDate.optional(),
  reason: z.string().trim().min(5, bi('Alasan wajib diisi, minimal 5 karakter', 'A reason of at least 5 characters is required')).max(500),
});

/** What the one-screen intake form needs, in one call. */
export const intakeForm = z.object({
  date: z.string(),
  rejectPolicy: z.enum(REJECT_POLICIES),
  collectionPoints: z.array(collectionPoint),
  locations: z.array(location),
  defaultLocationId: z.string().nullable(),
  farmers: z.array(
    z.object({
      memberId: z.string(),
      number: z.number().int(),
      fullName: z.string(),
      farmerGroupName: z.string().nullable(),
      plots: z.array(z.object({ id: z.string(), name: z.string(), commodityIds: z.array(z.string()) })),
    }),
  ),
  commodities: z.array(
    z.object({
      id: z.string(),
      code: z.string(),
      name: z.string(),
      unit: z.enum(UNITS_OF_MEASURE),
      grades: z.array(z.object({ grade: z.enum(GRADES), label: z.string(), spec: z.string(), price: rupiahString.nullable() })),
      priced: z.boolean(),
    }),
  ),
  today: z.object({ intakes: z.number().int(), netKg: z.string(), amount: rupiahString }),
});
export const intakeFormQuery = z.strictObject({ date: isoDate.optional(), collectionPointId: collectionPointId.optional() });

// ── lots and stock ──────────────────────────────────────────────────────────────────────────

export const stockPlace = z.object({
  locationId: z.string(),
  locationName: z.string(),
  storageClass: z.enum(STORAGE_CLASSES),
  quantity: quantity,
  value: rupiahString,
  expiresOn: z.string(),
  daysLeft: z.number().int(),
});

export const lot = z.object({
  id: z.string(),
  code: z.string(),
  origin: z.enum(['intake', 'packing', 'return', 'purchase']),
  commodity: z.object({ id: z.string(), code: z.string(), name: z.string(), unit: z.enum(UNITS_OF_MEASURE) }),
  grade: z.enum(GRADES),
  harvestDate: z.string(),
  createdDate: z.string(),
  ageDays: z.number().int(),
  initial: quantity,
  cost: rupiahString,
  onHand: quantity,
  value: rupiahString,
  places: z.array(stockPlace),
  packFormat: z.object({ id: z.string(), name: z.string(), packs: z.number().int() }).nullable(),
});
export type Lot = z.infer<typeof lot>;
export const lotList = z.object({
  items: z.array(lot),
  /** The offset of the next page, or null when this was the last. */
  nextOffset: z.number().int().nullable(),
});
export const LOT_EXPIRY_FILTERS = ['fresh', 'expiring', 'expired'] as const;

export const lotQuery = z.strictObject({
  commodityId: commodityId.optional(),
  grade: z.enum(GRADES).optional(),
  locationId: locationId.optional(),
  onHand: z.enum(['true', 'false']).default('true'),
  /** Part of the lot code or of the commodity's name. */
  q: z.string().trim().max(60, bi('Pencarian paling banyak 60 karakter', 'Search is at most 60 characters')).optional(),
  /** fresh: not expired; expiring: within the alert window; expired: past its shelf life. */
  expiry: z.enum(LOT_EXPIRY_FILTERS).optional(),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});

export const movement = z.object({
  id: z.string(),
  date: z.string(),
  kind: z.enum(MOVEMENT_KINDS),
  kindLabel: z.string(),
  locationId: z.string(),
  locationName: z.string(),
  quantity: quantity,
  value: rupiahString,
  documentType: z.string(),
  documentId: z.string(),
  reason: z.string().nullable(),
  partnerId: z.string().nullable(),
  journalEntryId: z.string().nullable(),
});

/** From a lot back to the farm and forward to every pack and buyer. */
export const lotTrace = z.object({
  lot: lot,
  origin: z.object({
    intake: z.object({ id: z.string(), number: z.string(), date: z.string(), collectionPointName: z.string() }).nullable(),
    farmer: z
      .object({ memberId: z.string(), number: z.number().int(), fullName: z.string(), farmerGroupName: z.string().nullable() })
      .nullable(),
    plot: z
      .object({
        id: z.string(),
        name: z.string(),
        villageName: z.string().nullable(),
        altitudeM: z.number().int(),
        areaM2: z.number().int(),
      })
      .nullable(),
    harvestDate: z.string(),
    /** For a pack lot: the lots it was packed from, each traced to its farmer. */
    sources: z.array(
      z.object({
        lotId: z.string(),
        code: z.string(),
        quantity: quantity,
        farmerName: z.string().nullable(),
        intakeNumber: z.string().nullable(),
        /** For a source bought from another cooperative: the supplier and the purchase. */
        supplierName: z.string().nullish(),
        purchaseNumber: z.string().nullish(),
      }),
    ),
    /** For goods a buyer sent back: the lot they were delivered from. */
    returnedFrom: z.object({ lotId: z.string(), code: z.string(), grade: z.enum(GRADES) }).nullable(),
    /** For a lot bought from another cooperative: the purchase and its supplier (there is no farmer). */
    purchase: z.object({ id: z.string(), number: z.string(), date: z.string(), partnerId: z.string(), supplierName: z.string() }).nullish(),
  }),
  movements: z.array(movement),
  /** Lots that took back what buyers rejected of this one. */
  returnedAs: z.array(z.object({ lotId: z.string(), code: z.string(), grade: z.enum(GRADES), quantity: quantity })),
  /** Lots packed from this one. */
  packedInto: z.array(z.object({ lotId: z.string(), code: z.string(), packingId: z.string(), quantity: quantity })),
  /** Outgoing sales movements with the buyer. */
  buyers: z.array(z.object({ partnerId: z.string().nullable(), documentId: z.string(), date: z.string(), quantity: quantity })),
});

export const transferInput = z.strictObject({
  date: isoDate.optional(),
  lotId,
  fromLocationId: locationId,
  toLocationId: locationId,
  kg: kgText.optional(),
  count: countInput.optional(),
  /** Move everything of the lot at that location. */
  all: z.boolean().default(false),
});

export const lossInput = z.strictObject({
  date: isoDate.optional(),
  lotId,
  locationId,
  kind: z.enum(LOSS_KINDS),
  kg: kgText.optional(),
  count: countInput.optional(),
  reason: z.string().trim().min(3, bi('Alasan wajib diisi', 'A reason is required')).max(300),
});

export const packingInput = z.strictObject({
  date: isoDate.optional(),
  locationId,
  packFormatId,
  packs: z.number().int().min(1).max(1_000_000),
  sources: z
    .array(z.strictObject({ lotId, kg: kgText.optional(), count: countInput.optional() }))
    .min(1)
    .max(50),
});

export const stockCountInput = z.strictObject({
  date: isoDate.optional(),
  locationId,
  reason: z.string().trim().min(3).max(300),
  lines: z
    .array(z.strictObject({ lotId, countedKg: kgText.optional(), countedCount: countInput.optional() }))
    .min(1)
    .max(1000),
});

export const stockDocument = z.object({
  id: z.string(),
  number: z.string(),
  kind: z.enum(['transfer', 'loss', 'packing', 'count']),
  date: z.string(),
  movements: z.array(movement),
  value: rupiahString,
  journal: z.object({ id: z.string(), number: z.string() }).nullable(),
  packing: z
    .object({
      outputLotId: z.string(),
      outputLotCode: z.string(),
      packs: z.number().int(),
      input: quantity,
      output: quantity,
      loss: quantity,
      /** Output over input, in per mille (0–1000). */
      yieldPermille: z.number().int(),
    })
    .nullable(),
});

export const expiryAlerts = z.object({
  date: z.string(),
  alertDays: z.number().int(),
  items: z.array(
    z.object({
      lotId: z.string(),
      code: z.string(),
      commodityName: z.string(),
      grade: z.enum(GRADES),
      locationName: z.string(),
      quantity: quantity,
      value: rupiahString,
      expiresOn: z.string(),
      daysLeft: z.number().int(),
    }),
  ),
});

export const valuation = z.object({
  asOf: z.string(),
  rows: z.array(
    z.object({
      commodityId: z.string(),
      commodityName: z.string(),
      grade: z.enum(GRADES),
      locationId: z.string(),
      locationName: z.string(),
      lots: z.number().int(),
      quantity: quantity,
      value: rupiahString,
      oldestAgeDays: z.number().int(),
      averageAgeDays: z.number().int(),
    }),
  ),
  total: rupiahString,
  /** Balance of account 1142 (unit agribisnis): equal to `total` when the books agree. */
  ledger: rupiahString,
  agrees: z.boolean(),
});

// ── payouts ─────────────────────────────────────────────────────────────────────────────────

export const payoutPreviewQuery = z.strictObject({ from: isoDate, to: isoDate, payDate: isoDate.optional() });

export const payoutRunInput = z.strictObject({
  from: isoDate,
  to: isoDate,
  payDate: isoDate.optional(),
  /** Pay everyone by this method instead of each farmer's own preference. */
  method: z.enum(PAYOUT_METHODS).optional(),
  memberIds: z.array(memberRefId).max(5000).optional(),
});

const deductionLine = z.object({
  kind: z.enum(DEDUCTION_KINDS),
  label: z.string(),
  amount: rupiahString,
  reference: z.string().nullable(),
});
const payoutIntakeLine = z.object({
  intakeId: z.string(),
  number: z.string(),
  date: z.string(),
  commodityName: z.string(),
  lines: z.array(z.object({ grade: z.enum(GRADES), quantity: quantity, price: rupiahString, amount: rupiahString })),
  amount: rupiahString,
});

export const payoutLine = z.object({
  id: z.string().nullable(),
  memberId: z.string(),
  number: z.number().int(),
  fullName: z.string(),
  farmerGroupName: z.string().nullable(),
  method: z.enum(PAYOUT_METHODS),
  bankName: z.string().nullable(),
  bankAccountNo: z.string().nullable(),
  intakes: z.array(payoutIntakeLine),
  gross: rupiahString,
  deductions: z.array(deductionLine),
  deductionTotal: rupiahString,
  net: rupiahString,
  journal: z.object({ id: z.string(), number: z.string() }).nullable(),
});
export type PayoutLine = z.infer<typeof payoutLine>;

export const payoutRun = z.object({
  id: z.string().nullable(),
  number: z.string().nullable(),
  from: z.string(),
  to: z.string(),
  payDate: z.string(),
  farmers: z.number().int(),
  gross: rupiahString,
  deductions: rupiahString,
  net: rupiahString,
  cash: rupiahString,
  bank: rupiahString,
  payouts: z.array(payoutLine),
  createdBy: z.string().nullable(),
  createdAt: z.string().nullable(),
});
export type PayoutRun = z.infer<typeof payoutRun>;
export const payoutRunList = z.object({
  items: z.array(payoutRun.omit({ payouts: true })),
});

// ── views ───────────────────────────────────────────────────────────────────────────────────

const gradeMix = z.object({ grade: z.enum(GRADES), quantity: quantity, permille: z.number().int() });

export const intakeSummary = z.object({
  date: z.string(),
  weekFrom: z.string(),
  weekTo: z.string(),
  today: z.object({ intakes: z.number().int(), farmers: z.number().int(), net: quantity, amount: rupiahString }),
  week: z.object({ intakes: z.number().int(), farmers: z.number().int(), net: quantity, amount: rupiahString }),
  byCommodity: z.array(
    z.object({
      commodityId: z.string(),
      commodityName: z.string(),
      unit: z.enum(UNITS_OF_MEASURE),
      today: quantity,
      week: quantity,
      weekAmount: rupiahString,
      weekGrades: z.array(gradeMix),
    }),
  ),
});
export const summaryQuery = z.strictObject({ date: isoDate.optional() });

export const gradeMixQuery = z.strictObject({
  by: z.enum(['farmer', 'group']).default('farmer'),
  from: isoDate.optional(),
  to: isoDate.optional(),
  commodityId: commodityId.optional(),
});
export const gradeMixReport = z.object({
  by: z.enum(['farmer', 'group']),
  from: z.string(),
  to: z.string(),
  rows: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      total: quantity,
      grades: z.array(gradeMix),
      /** Per ISO week (Monday): the share of grade A over time. */
      weeks: z.array(z.object({ week: z.string(), total: quantity, gradeAPermille: z.number().int(), rejectPermille: z.number().int() })),
    }),
  ),
});

export const payablesReport = z.object({
  asOf: z.string(),
  rows: z.array(
    z.object({
      memberId: z.string(),
      number: z.number().int(),
      fullName: z.string(),
      farmerGroupName: z.string().nullable(),
      unpaidIntakes: z.number().int(),
      unpaidAmount: rupiahString,
      ledgerBalance: rupiahString,
      oldestUnpaid: z.string().nullable(),
    }),
  ),
  total: rupiahString,
  ledgerTotal: rupiahString,
});
export const asOfQuery = z.strictObject({ asOf: isoDate.optional() });

// ── purchases from other cooperatives ───────────────────────────────────────────────────────

/** How a purchase is settled: on the spot in cash or by bank, or on credit (a payable to the supplier). */
export const PURCHASE_PAYMENTS = ['cash', 'bank', 'credit'] as const;
export type PurchasePayment = (typeof PURCHASE_PAYMENTS)[number];
export const PURCHASE_PAYMENT_LABELS: Record<PurchasePayment, Label> = {
  cash: { id: 'Tunai', en: 'Cash' },
  bank: { id: 'Transfer bank', en: 'Bank transfer' },
  credit: { id: 'Utang (dibayar kemudian)', en: 'On credit (paid later)' },
};

/** One graded line of a purchase: its weight (or count) and the price per kg (or piece) agreed with the supplier. */
export const purchaseLineInput = z.strictObject({
  grade: z.enum(GRADES),
  kg: kgText.optional(),
  count: countInput.optional(),
  price: wholeRupiah,
});

/**
 * Produce bought from another cooperative (a market partner of kind `cooperative`) when the
 * members' harvest falls short: each line becomes a lot, the journal puts the inventory against
 * cash, bank or a payable to the supplier.
 */
export const purchaseInput = z.strictObject({
  date: isoDate.optional(),
  partnerId: idOf('mtr'),
  commodityId,
  /** Default: the purchase date. */
  harvestDate: isoDate.optional(),
  /** Default: the cooperative's packing house. */
  locationId: locationId.nullish(),
  lines: z.array(purchaseLineInput).min(1).max(4),
  payment: z.enum(PURCHASE_PAYMENTS),
  /** The supplier's delivery note or invoice number. */
  supplierReference: optionalText(60),
  notes: optionalText(500),
});
export type PurchaseInput = z.infer<typeof purchaseInput>;

export const purchaseLot = z.object({
  lotId: z.string(),
  code: z.string(),
  grade: z.enum(GRADES),
  gradeLabel: z.string(),
  quantity: quantity,
  price: rupiahString,
  amount: rupiahString,
  expiresOn: z.string(),
});

export const purchase = z.object({
  id: z.string(),
  number: z.string(),
  date: z.string(),
  harvestDate: z.string(),
  supplier: z.object({ partnerId: z.string(), code: z.string(), name: z.string(), registryCooperativeId: z.string().nullable() }),
  commodity: z.object({ id: z.string(), code: z.string(), name: z.string(), unit: z.enum(UNITS_OF_MEASURE) }),
  location: z.object({ id: z.string(), name: z.string() }),
  lots: z.array(purchaseLot),
  quantity: quantity,
  amount: rupiahString,
  payment: z.enum(PURCHASE_PAYMENTS),
  supplierReference: z.string().nullable(),
  /** Open: a credit purchase not paid yet (and not voided). */
  status: z.enum(['paid', 'open', 'voided']),
  paid: z.object({ date: z.string(), method: z.enum(PAYOUT_METHODS), journalNumber: z.string() }).nullable(),
  voided: z.object({ date: z.string(), reason: z.string(), journalNumber: z.string() }).nullable(),
  journal: z.object({ id: z.string(), number: z.string() }),
  notes: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
});
export type Purchase = z.infer<typeof purchase>;

export const purchaseQuery = z.strictObject({
  from: isoDate.optional(),
  to: isoDate.optional(),
  partnerId: idOf('mtr').optional(),
  commodityId: commodityId.optional(),
  status: z.enum(['paid', 'open', 'voided']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export const purchaseList = z.object({ items: z.array(purchase), total: z.number().int(), openAmount: rupiahString });

/** Pays a credit purchase in full. */
export const purchasePaymentInput = z.strictObject({ date: isoDate.optional(), method: z.enum(PAYOUT_METHODS) });
/** Voids a purchase whose lots are untouched (nothing moved, packed or sold) and that is not paid. */
export const purchaseVoidInput = z.strictObject({ date: isoDate.optional(), reason: z.string().trim().min(3).max(500) });

// ── cooperatives nearby (where to buy what the members cannot grow in time) ───────────────

/** How near another cooperative is, by the administrative codes of the two villages. */
export const NEARNESS = ['district', 'regency', 'province', 'country'] as const;
export type Nearness = (typeof NEARNESS)[number];
export const NEARNESS_LABELS: Record<Nearness, Label> = {
  district: { id: 'Satu kecamatan', en: 'Same district' },
  regency: { id: 'Satu kabupaten/kota', en: 'Same regency' },
  province: { id: 'Satu provinsi', en: 'Same province' },
  country: { id: 'Provinsi lain', en: 'Another province' },
};

export const nearbyCooperativesQuery = z.strictObject({
  commodityId: commodityId.optional(),
  /** At most this far; default: the same province. */
  within: z.enum(NEARNESS).default('province'),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});

export const nearbyCooperative = z.object({
  registryCooperativeId: z.string(),
  name: z.string(),
  villageCode: z.string(),
  villageName: z.string().nullable(),
  districtName: z.string().nullable(),
  regencyName: z.string().nullable(),
  provinceName: z.string().nullable(),
  nearness: z.enum(NEARNESS),
  /** Its registry entry lists an agribusiness unit. */
  agribusiness: z.boolean(),
  /** It keeps this commodity in its kopdes catalogue and has taken some in within the last 8 weeks (null: no commodity asked). */
  handlesCommodity: z.boolean().nullable(),
  /** The chair's name and phone from the registry, to call. */
  contact: z.object({ name: z.string(), position: z.string(), phone: z.string().nullable() }).nullable(),
  /** The market partner this cooperative already is in our books, if it is one. */
  partnerId: z.string().nullable(),
});
export type NearbyCooperative = z.infer<typeof nearbyCooperative>;
export const nearbyCooperativeList = z.object({ items: z.array(nearbyCooperative), total: z.number().int() });

/** Makes a registry cooperative a supplier in our books (a market partner of kind `cooperative`), or returns the one it already is. */
export const supplierFromRegistryInput = z.strictObject({ registryCooperativeId: z.string().regex(/^kop_[0-9A-HJKMNP-TV-Z]{26}$/) });
