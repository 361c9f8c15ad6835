/**
 * Market link API contract: buyers (mitra) with their stores, contracts and price lists, purchase
 * orders, fulfilment and delivery notes (surat jalan), the buyer's receiving and QC, invoices
 * (faktur), credit notes, payments and receivables ageing.
 * Quantities travel in the order's own units as text: whole packs ("120"), kg with up to three
 * decimals ("12,5") or whole pieces; they come back as exact base values and formatted text.
 * Money is whole Rupiah as decimal strings.
 */
import { z } from 'zod';
import { bi, idOf, isoDate, rupiahString } from './common.js';
import { GRADES, UNITS_OF_MEASURE, commodityId, locationId, lotId, packFormatId } from './produce.js';

type Label = { id: string; en: string };

export const PARTNER_KINDS = ['modern_retail', 'horeca', 'school_meal', 'trader', 'own_outlet', 'cooperative', 'other'] as const;
export type PartnerKind = (typeof PARTNER_KINDS)[number];
export const PARTNER_KIND_LABELS: Record<PartnerKind, Label> = {
  modern_retail: { id: 'Ritel modern', en: 'Modern retail' },
  horeca: { id: 'Hotel, restoran, katering', en: 'Hotel, restaurant, caterer' },
  school_meal: { id: 'Dapur makan sekolah', en: 'School-meal kitchen' },
  trader: { id: 'Pedagang pasar', en: 'Market trader' },
  own_outlet: { id: 'Gerai koperasi sendiri', en: "Cooperative's own outlet" },
  cooperative: { id: 'Koperasi lain', en: 'Another cooperative' },
  other: { id: 'Lainnya', en: 'Other' },
};

export const PRICE_BASES = ['pack', 'unit'] as const;
export type PriceBasis = (typeof PRICE_BASES)[number];

export const REJECT_REASONS = ['quality', 'late', 'over_delivery', 'damaged', 'other'] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];
export const REJECT_REASON_LABELS: Record<RejectReason, Label> = {
  quality: { id: 'Mutu tidak sesuai', en: 'Quality' },
  late: { id: 'Terlambat', en: 'Late' },
  over_delivery: { id: 'Kelebihan kirim', en: 'Over-delivery' },
  damaged: { id: 'Rusak di jalan', en: 'Damaged in transit' },
  other: { id: 'Lainnya', en: 'Other' },
};

export const AGEING_BUCKETS = ['current', 'd1_30', 'd31_60', 'd61_90', 'over_90'] as const;
export type AgeingBucket = (typeof AGEING_BUCKETS)[number];
export const AGEING_LABELS: Record<AgeingBucket, Label> = {
  current: { id: 'Belum jatuh tempo', en: 'Current' },
  d1_30: { id: '1–30 hari', en: '1–30 days' },
  d31_60: { id: '31–60 hari', en: '31–60 days' },
  d61_90: { id: '61–90 hari', en: '61–90 days' },
  over_90: { id: '> 90 hari', en: '> 90 days' },
};

// ── ids ─────────────────────────────────────────────────────────────────────────────────────

export const partnerId = idOf('mtr');
export const storeId = idOf('tko');
export const contractId = idOf('ktr');
export const purchaseOrderId = idOf('po');
export const deliveryId = idOf('sj');
export const invoiceId = idOf('fkt');
export const paymentId = idOf('byr');
const memberRefId = idOf('mbr');
const tokenRefId = idOf('tok');

const name = z.string().trim().min(2).max(160);
const optionalText = (max: number) => z.string().trim().max(max).nullish();
const wholeRupiah = z
  .string()
  .regex(/^\d{1,12}$/, bi('Harga harus angka bulat rupiah, mis. "8500"', 'Price must be whole rupiah digits, e.g. "8500"'));
const amountInput = z
  .string()
  .regex(/^\d{1,15}$/, bi('Jumlah harus angka bulat rupiah, mis. "1250000"', 'Amount must be whole rupiah digits, e.g. "1250000"'));
/** A quantity in the order's units: whole packs or pieces, or kg with up to 3 decimals ("12,5"). */
export const orderQuantity = z
  .string()
  .trim()
  .min(1, bi('Jumlah wajib diisi', 'Quantity is required'))
  .max(20, bi('Jumlah terlalu panjang', 'Quantity too long'));
const weekday = z.number().int().min(1).max(7);

/** A quantity in the order's units as the API returns it: exact value (packs, grams or pieces) and text. */
export const orderQty = z.object({ value: z.string(), text: z.string() });
export type OrderQty = z.infer<typeof orderQty>;
const fieldMessage = z.object({ id: z.string(), en: z.string() });
export const warning = z.object({ field: z.string(), code: z.string(), message: fieldMessage });
export type Warning = z.infer<typeof warning>;
const journalRef = z.object({ id: z.string(), number: z.string() }).nullable();
/** A quantity in the commodity's base unit (grams or pieces) and as text. */
const baseQty = z.object({ base: z.string(), text: z.string() });

// ── partners and stores ─────────────────────────────────────────────────────────────────────

export const contactInput = z.strictObject({
  name: name,
  role: optionalText(80),
  phone: optionalText(30),
  email: z.email(bi('Alamat email tidak valid', 'Not a valid email address')).max(200).nullish(),
});

export const storeInput = z.strictObject({
  code: z.string().trim().min(1).max(40).nullish(),
  name,
  address: z.string().trim().min(5).max(300),
  receivingDays: z.array(weekday).min(1).max(7).optional(),
  receivingHours: z
    .string()
    .regex(
      /^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/,
      bi('Jam terima harus seperti 06:00-10:00', 'Receiving hours look like 06:00-10:00'),
    )
    .nullish(),
  contactName: optionalText(120),
  contactPhone: optionalText(30),
});
export type StoreInput = z.infer<typeof storeInput>;
export const storeUpdate = storeInput.partial().extend({ active: z.boolean().optional() }).strict();

export const partnerInput = z.strictObject({
  code: z
    .string()
    .trim()
    .regex(/^[A-Z0-9-]{2,16}$/, bi('Kode mitra 2–16 huruf besar/angka, mis. "SUPERINDO"', 'Partner code: 2–16 capitals/digits')),
  name,
  kind: z.enum(PARTNER_KINDS),
  npwp: z
    .string()
    .transform((s) => s.replace(/[.\-\s]/g, ''))
    .pipe(z.string().regex(/^\d{15,16}$/, bi('NPWP harus 15 atau 16 angka', 'NPWP must be 15 or 16 digits')))
    .nullish(),
  memberId: memberRefId.nullish(),
  paymentTermsDays: z.number().int().min(0).max(180).default(0),
  address: optionalText(300),
  contacts: z.array(contactInput).max(10).default([]),
  apiTokenId: tokenRefId.nullish(),
  notes: optionalText(1000),
  stores: z.array(storeInput).max(200).default([]),
});
export type PartnerInput = z.infer<typeof partnerInput>;
export const partnerUpdate = partnerInput
  .omit({ stores: true })
  .partial()
  .extend({ active: z.boolean().optional(), paymentTermsDays: z.number().int().min(0).max(180).optional() })
  .strict();
export type PartnerUpdate = z.infer<typeof partnerUpdate>;

export const store = z.object({
  id: z.string(),
  partnerId: z.string(),
  code: z.string().nullable(),
  name: z.string(),
  address: z.string(),
  receivingDays: z.array(z.number().int()),
  receivingHours: z.string().nullable(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  active: z.boolean(),
});
export const partner = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  kind: z.enum(PARTNER_KINDS),
  kindLabel: z.string(),
  npwp: z.string().nullable(),
  memberId: z.string().nullable(),
  isMember: z.boolean(),
  paymentTermsDays: z.number().int(),
  address: z.string().nullable(),
  contacts: z.array(z.object({ name: z.string(), role: z.string().nullish(), phone: z.string().nullish(), email: z.string().nullish() })),
  apiTokenId: z.string().nullable(),
  active: z.boolean(),
  notes: z.string().nullable(),
  /** The cooperative of the national registry this partner is (a supplier made from the registry), else null. */
  registryCooperativeId: z.string().nullable(),
  stores: z.array(store),
});
export type Partner = z.infer<typeof partner>;
export const partnerList = z.object({ items: z.array(partner) });
export const partnerQuery = z.strictObject({
  kind: z.enum(PARTNER_KINDS).optional(),
  q: z.string().trim().max(100).optional(),
  active: z.enum(['true', 'false', 'all']).default('true'),
});

// ── contracts ───────────────────────────────────────────────────────────────────────────────

export const contractItemInput = z.strictObject({
  articleCode: z.string().trim().min(1).max(40).nullish(),
  commodityId,
  grade: z.enum(GRADES),
  packFormatId: packFormatId.nullish(),
  price: wholeRupiah,
  /** Agreed quantity per ISO weekday, Monday first, in order units; "0" where nothing is delivered. */
  volumes: z.array(orderQuantity).length(7, bi('Volume harus 7 hari (Senin–Minggu)', 'Volumes are 7 days (Monday–Sunday)')),
});
export const contractInput = z
  .strictObject({
    reference: z.string().trim().min(1).max(60),
    validFrom: isoDate,
    validTo: isoDate,
    qualityTolerance: z.string().trim().min(3).max(1000),
    returnsPolicy: z.string().trim().min(3).max(1000),
    offContract: z.enum(['warn', 'refuse']).default('warn'),
    volumeTolerancePct: z.number().int().min(0).max(100).default(10),
    items: z.array(contractItemInput).min(1).max(200),
  })
  .refine((c) => c.validTo >= c.validFrom, {
    path: ['validTo'],
    ...bi('Tanggal akhir sebelum tanggal mulai', 'The end date is before the start date'),
  });
export type ContractInput = z.infer<typeof contractInput>;

const commodityRef = z.object({ id: z.string(), code: z.string(), name: z.string(), unit: z.enum(UNITS_OF_MEASURE) });
const packRef = z.object({ id: z.string(), name: z.string(), content: z.string() }).nullable();

export const contractItem = z.object({
  lineNo: z.number().int(),
  articleCode: z.string().nullable(),
  commodity: commodityRef,
  grade: z.enum(GRADES),
  packFormat: packRef,
  priceBasis: z.enum(PRICE_BASES),
  price: rupiahString,
  volumes: z.array(orderQty),
  weeklyVolume: orderQty,
});
export const contract = z.object({
  id: z.string(),
  partnerId: z.string(),
  reference: z.string(),
  validFrom: z.string(),
  validTo: z.string(),
  qualityTolerance: z.string(),
  returnsPolicy: z.string(),
  offContract: z.enum(['warn', 'refuse']),
  volumeTolerancePct: z.number().int(),
  items: z.array(contractItem),
  createdBy: z.string(),
});
export type Contract = z.infer<typeof contract>;
export const contractList = z.object({ items: z.array(contract) });

// ── purchase orders ─────────────────────────────────────────────────────────────────────────

export const poLineInput = z.strictObject({
  articleCode: z.string().trim().min(1).max(40).nullish(),
  commodityId: commodityId.optional(),
  grade: z.enum(GRADES).optional(),
  packFormatId: packFormatId.nullish(),
  quantity: orderQuantity,
  unitPrice: wholeRupiah.nullish(),
});
export const purchaseOrderInput = z
  .strictObject({
    partnerId: partnerId.optional(),
    storeId: storeId.optional(),
    storeCode: z.string().trim().min(1).max(40).optional(),
    partnerRef: z.string().trim().min(1).max(60),
    orderDate: isoDate.optional(),
    deliveryDate: isoDate,
    notes: optionalText(1000),
    lines: z.array(poLineInput).min(1).max(500),
  })
  .refine((p) => p.storeId || p.storeCode, {
    path: ['storeId'],
    ...bi('Toko tujuan wajib diisi (storeId atau storeCode)', 'The receiving store is required (storeId or storeCode)'),
  });
export type PurchaseOrderInput = z.infer<typeof purchaseOrderInput>;

export const poLine = z.object({
  lineNo: z.number().int(),
  commodity: commodityRef,
  grade: z.enum(GRADES),
  packFormat: packRef,
  priceBasis: z.enum(PRICE_BASES),
  quantity: orderQty,
  unitPrice: rupiahString,
  amount: rupiahString,
  contractLineNo: z.number().int().nullable(),
  warnings: z.array(warning),
  delivered: orderQty,
  open: orderQty,
});
export const purchaseOrder = z.object({
  id: z.string(),
  number: z.string(),
  partner: z.object({ id: z.string(), code: z.string(), name: z.string() }),
  store: z.object({ id: z.string(), name: z.string(), address: z.string() }),
  contractId: z.string().nullable(),
  partnerRef: z.string(),
  orderDate: z.string(),
  deliveryDate: z.string(),
  source: z.enum(['entry', 'import', 'partner_api']),
  amount: rupiahString,
  warnings: z.array(warning),
  notes: z.string().nullable(),
  lines: z.array(poLine),
  createdBy: z.string(),
});
export type PurchaseOrder = z.infer<typeof purchaseOrder>;
export const purchaseOrderList = z.object({ items: z.array(purchaseOrder.omit({ lines: true })) });
export const purchaseOrderQuery = z.strictObject({
  partnerId: partnerId.optional(),
  deliveryDate: isoDate.optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const poImportQuery = z.strictObject({
  partnerId,
  mode: z.enum(['dry_run', 'commit']).default('dry_run'),
  filename: z.string().max(200).optional(),
});
export const poImportReport = z.object({
  mode: z.enum(['dry_run', 'commit']),
  committed: z.boolean(),
  orders: z.array(
    z.object({
      partnerRef: z.string(),
      rows: z.array(z.number().int()),
      storeName: z.string().nullable(),
      deliveryDate: z.string().nullable(),
      lines: z.number().int(),
      amount: rupiahString,
      errors: z.array(warning),
      warnings: z.array(warning),
      purchaseOrderId: z.string().nullable(),
      number: z.string().nullable(),
    }),
  ),
  summary: z.object({ orders: z.number().int(), valid: z.number().int(), invalid: z.number().int() }),
});
export type PoImportReport = z.infer<typeof poImportReport>;

// ── fulfilment and deliveries ───────────────────────────────────────────────────────────────

export const fulfilmentQuery = z.strictObject({ date: isoDate, locationId: locationId.optional() });
const allocation = z.object({
  lotId: z.string(),
  lotCode: z.string(),
  locationId: z.string(),
  locationName: z.string(),
  expiresOn: z.string(),
  quantity: orderQty,
});
export const fulfilmentPlan = z.object({
  date: z.string(),
  lines: z.array(
    z.object({
      purchaseOrderId: z.string(),
      purchaseOrderNumber: z.string(),
      partnerName: z.string(),
      storeName: z.string(),
      lineNo: z.number().int(),
      commodityName: z.string(),
      grade: z.enum(GRADES),
      packFormatName: z.string().nullable(),
      ordered: orderQty,
      delivered: orderQty,
      open: orderQty,
      allocated: orderQty,
      shortfall: orderQty,
      allocations: z.array(allocation),
    }),
  ),
  demand: z.array(
    z.object({
      commodityName: z.string(),
      grade: z.enum(GRADES),
      packFormatName: z.string().nullable(),
      open: orderQty,
      available: orderQty,
      shortfall: orderQty,
    }),
  ),
  complete: z.boolean(),
});

export const deliveryLineInput = z.strictObject({
  poLineNo: z.number().int().min(1),
  lotId,
  locationId,
  quantity: orderQuantity,
});
export const deliveryInput = z.strictObject({
  purchaseOrderId,
  date: isoDate.optional(),
  vehicle: optionalText(40),
  driver: optionalText(120),
  /** Omitted: the open quantity of every line is taken from stock first-expired-first-out. */
  lines: z.array(deliveryLineInput).min(1).max(500).optional(),
});
export type DeliveryInput = z.infer<typeof deliveryInput>;

/**
 * Rejected goods taken back into stock as a lot of the same or a lower grade; without it they
 * are written off. `quantity` is in the commodity's own unit (kg or pieces); omitted: all of the
 * rejected part comes back.
 */
export const returnToStockInput = z.strictObject({
  grade: z.enum(GRADES),
  locationId,
  quantity: orderQuantity.optional(),
});
export const receiptLineInput = z.strictObject({
  lineNo: z.number().int().min(1),
  accepted: orderQuantity,
  rejected: orderQuantity.optional(),
  reason: z.enum(REJECT_REASONS).nullish(),
  note: optionalText(300),
  returnToStock: returnToStockInput.nullish(),
});
export const receiptInput = z.strictObject({
  date: isoDate.optional(),
  receivedBy: optionalText(120),
  lines: z.array(receiptLineInput).min(1).max(500),
});
export type ReceiptInput = z.infer<typeof receiptInput>;

export const delivery = z.object({
  id: z.string(),
  number: z.string(),
  date: z.string(),
  purchaseOrder: z.object({ id: z.string(), number: z.string(), partnerRef: z.string() }),
  partner: z.object({ id: z.string(), code: z.string(), name: z.string() }),
  store: z.object({ id: z.string(), name: z.string(), address: z.string() }),
  vehicle: z.string().nullable(),
  driver: z.string().nullable(),
  value: rupiahString,
  /** The ledger unit the goods went to when the buyer is the cooperative's own outlet (no sale, no invoice). */
  toUnit: z.string().nullable(),
  routeId: z.string().nullable(),
  journal: journalRef,
  lines: z.array(
    z.object({
      lineNo: z.number().int(),
      poLineNo: z.number().int(),
      commodityName: z.string(),
      grade: z.enum(GRADES),
      packFormatName: z.string().nullable(),
      lotId: z.string(),
      lotCode: z.string(),
      locationId: z.string(),
      quantity: orderQty,
      base: z.object({ base: z.string(), text: z.string() }),
      value: rupiahString,
      accepted: orderQty.nullable(),
      rejected: orderQty.nullable(),
      reason: z.enum(REJECT_REASONS).nullable(),
      /** Cost of the rejected part written off to spoilage. */
      writtenOff: rupiahString.nullable(),
      returnedToStock: z
        .object({ lotId: z.string(), lotCode: z.string(), grade: z.enum(GRADES), quantity: baseQty, value: rupiahString })
        .nullable(),
      invoiceId: z.string().nullable(),
    }),
  ),
  receipt: z
    .object({
      date: z.string(),
      receivedBy: z.string().nullable(),
      writtenOff: rupiahString,
      returned: rupiahString,
      journal: journalRef,
    })
    .nullable(),
});
export type Delivery = z.infer<typeof delivery>;
export const deliveryList = z.object({ items: z.array(delivery.omit({ lines: true })) });
export const deliveryQuery = z.strictObject({
  partnerId: partnerId.optional(),
  date: isoDate.optional(),
  uninvoiced: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

// ── invoices, credit notes, payments ────────────────────────────────────────────────────────

export const invoiceInput = z.strictObject({
  partnerId,
  date: isoDate.optional(),
  deliveryIds: z.array(deliveryId).min(1).max(200),
});
export const creditNoteInput = z.strictObject({
  date: isoDate.optional(),
  amount: amountInput,
  reason: z.string().trim().min(3).max(300),
});
export const paymentInput = z.strictObject({
  partnerId,
  date: isoDate.optional(),
  method: z.enum(['cash', 'bank']),
  reference: optionalText(60),
  amount: amountInput,
  /** Omitted: applied to the oldest open invoices first; what is left stays as the partner's credit. */
  allocations: z
    .array(z.strictObject({ invoiceId, amount: amountInput }))
    .max(200)
    .optional(),
});
export type PaymentInput = z.infer<typeof paymentInput>;

export const invoice = z.object({
  id: z.string(),
  number: z.string(),
  kind: z.enum(['invoice', 'credit_note']),
  partner: z.object({ id: z.string(), code: z.string(), name: z.string(), npwp: z.string().nullable() }),
  date: z.string(),
  dueDate: z.string(),
  amount: rupiahString,
  credited: rupiahString,
  paid: rupiahString,
  open: rupiahString,
  revenueKind: z.enum(['member', 'non_member']),
  invoiceId: z.string().nullable(),
  reason: z.string().nullable(),
  journal: journalRef,
  lines: z.array(
    z.object({
      lineNo: z.number().int(),
      deliveryId: z.string().nullable(),
      deliveryNumber: z.string().nullable(),
      description: z.string(),
      quantity: orderQty.nullable(),
      unitPrice: rupiahString.nullable(),
      amount: rupiahString,
    }),
  ),
});
export type Invoice = z.infer<typeof invoice>;
export const invoiceList = z.object({ items: z.array(invoice.omit({ lines: true })) });
export const invoiceQuery = z.strictObject({
  partnerId: partnerId.optional(),
  open: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const payment = z.object({
  id: z.string(),
  number: z.string(),
  partner: z.object({ id: z.string(), code: z.string(), name: z.string() }),
  date: z.string(),
  method: z.enum(['cash', 'bank']),
  reference: z.string().nullable(),
  amount: rupiahString,
  applied: rupiahString,
  unapplied: rupiahString,
  allocations: z.array(z.object({ invoiceId: z.string(), invoiceNumber: z.string(), amount: rupiahString })),
  journal: journalRef,
});
export type Payment = z.infer<typeof payment>;

export const ageingQuery = z.strictObject({ asOf: isoDate.optional() });
const buckets = z.object({
  current: rupiahString,
  d1_30: rupiahString,
  d31_60: rupiahString,
  d61_90: rupiahString,
  over_90: rupiahString,
});
export const ageing = z.object({
  asOf: z.string(),
  partners: z.array(
    z.object({
      partnerId: z.string(),
      partnerName: z.string(),
      buckets,
      open: rupiahString,
      credit: rupiahString,
      balance: rupiahString,
      invoices: z.array(
        z.object({
          invoiceId: z.string(),
          number: z.string(),
          date: z.string(),
          dueDate: z.string(),
          daysOverdue: z.number().int(),
          bucket: z.enum(AGEING_BUCKETS),
          open: rupiahString,
        }),
      ),
    }),
  ),
  totals: buckets.extend({ open: rupiahString, credit: rupiahString, balance: rupiahString }),
  ledger: rupiahString,
  agrees: z.boolean(),
});

export const statementQuery = z.strictObject({ from: isoDate.optional(), to: isoDate.optional() });
export const statement = z.object({
  partner: z.object({ id: z.string(), code: z.string(), name: z.string() }),
  from: z.string(),
  to: z.string(),
  opening: rupiahString,
  entries: z.array(
    z.object({
      date: z.string(),
      kind: z.enum(['invoice', 'credit_note', 'payment']),
      documentId: z.string(),
      number: z.string(),
      description: z.string(),
      debit: rupiahString,
      credit: rupiahString,
      balance: rupiahString,
    }),
  ),
  closing: rupiahString,
  ledger: rupiahString,
  agrees: z.boolean(),
});

export const fillRateQuery = z.strictObject({ from: isoDate, to: isoDate });
export const fillRate = z.object({
  from: z.string(),
  to: z.string(),
  rows: z.array(
    z.object({
      partnerId: z.string(),
      partnerName: z.string(),
      commodityId: z.string(),
      commodityName: z.string(),
      week: z.string(),
      ordered: baseQty,
      delivered: baseQty,
      accepted: baseQty,
      deliveredPermille: z.number().int(),
      acceptedPermille: z.number().int(),
    }),
  ),
});

// ── picking and delivery routes ─────────────────────────────────────────────────────────────

export const pickingQuery = z.strictObject({ date: isoDate, locationId: locationId.optional() });
export const pickingList = z.object({
  date: z.string(),
  /** Place by place, the lots to take off the shelf (soonest expiry first) and which store each part is for. */
  places: z.array(
    z.object({
      locationId: z.string(),
      locationName: z.string(),
      lots: z.array(
        z.object({
          lotId: z.string(),
          lotCode: z.string(),
          commodityName: z.string(),
          grade: z.enum(GRADES),
          packFormatName: z.string().nullable(),
          expiresOn: z.string(),
          total: orderQty,
          picks: z.array(
            z.object({
              purchaseOrderId: z.string(),
              purchaseOrderNumber: z.string(),
              partnerName: z.string(),
              storeName: z.string(),
              lineNo: z.number().int(),
              quantity: orderQty,
            }),
          ),
        }),
      ),
    }),
  ),
  /** What stock cannot cover, per PO line. */
  shortfalls: z.array(
    z.object({
      purchaseOrderNumber: z.string(),
      partnerName: z.string(),
      storeName: z.string(),
      lineNo: z.number().int(),
      commodityName: z.string(),
      grade: z.enum(GRADES),
      packFormatName: z.string().nullable(),
      shortfall: orderQty,
    }),
  ),
  complete: z.boolean(),
});
export type PickingList = z.infer<typeof pickingList>;

export const deliveryRouteId = idOf('rte');
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, bi('Jam berangkat seperti 05:30', 'Departure time looks like 05:30'));
export const deliveryRouteInput = z.strictObject({
  date: isoDate.optional(),
  vehicle: z.string().trim().min(2).max(40),
  driver: z.string().trim().min(2).max(120).nullish(),
  departure: clock.nullish(),
  notes: optionalText(500),
  /** In the order the truck unloads them; notes for the same store one after another make one stop. */
  deliveryIds: z.array(deliveryId).min(1).max(60),
});
export type DeliveryRouteInput = z.infer<typeof deliveryRouteInput>;
export const deliveryRoute = z.object({
  id: z.string(),
  number: z.string(),
  date: z.string(),
  vehicle: z.string(),
  driver: z.string().nullable(),
  departure: z.string().nullable(),
  notes: z.string().nullable(),
  value: rupiahString,
  stops: z.array(
    z.object({
      stopNo: z.number().int(),
      partner: z.object({ id: z.string(), name: z.string() }),
      store: z.object({
        id: z.string(),
        name: z.string(),
        address: z.string(),
        receivingHours: z.string().nullable(),
        contactName: z.string().nullable(),
        contactPhone: z.string().nullable(),
      }),
      deliveries: z.array(
        z.object({
          id: z.string(),
          number: z.string(),
          purchaseOrderNumber: z.string(),
          partnerRef: z.string(),
          lines: z.number().int(),
          value: rupiahString,
          received: z.boolean(),
        }),
      ),
    }),
  ),
  createdBy: z.string(),
});
export type DeliveryRoute = z.infer<typeof deliveryRoute>;
export const deliveryRouteList = z.object({ items: z.array(deliveryRoute) });
export const deliveryRouteQuery = z.strictObject({
  date: isoDate.optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

// ── collection and margins ──────────────────────────────────────────────────────────────────

export const REMINDER_LEVELS = ['first', 'second', 'final'] as const;
export type ReminderLevel = (typeof REMINDER_LEVELS)[number];
export const REMINDER_LEVEL_LABELS: Record<ReminderLevel, Label> = {
  first: { id: 'Pengingat (1–30 hari)', en: 'Reminder (1–30 days)' },
  second: { id: 'Pengingat kedua (31–60 hari)', en: 'Second reminder (31–60 days)' },
  final: { id: 'Teguran akhir (> 60 hari)', en: 'Final notice (> 60 days)' },
};
export const reminderQuery = z.strictObject({ asOf: isoDate.optional() });
export const reminders = z.object({
  asOf: z.string(),
  /** Partners with overdue invoices, the most urgent first (longest overdue, then largest amount). */
  items: z.array(
    z.object({
      partnerId: z.string(),
      partnerCode: z.string(),
      partnerName: z.string(),
      kind: z.enum(PARTNER_KINDS),
      paymentTermsDays: z.number().int(),
      contacts: z.array(
        z.object({ name: z.string(), role: z.string().nullish(), phone: z.string().nullish(), email: z.string().nullish() }),
      ),
      level: z.enum(REMINDER_LEVELS),
      maxDaysOverdue: z.number().int(),
      overdue: rupiahString,
      notYetDue: rupiahString,
      credit: rupiahString,
      invoices: z.array(
        z.object({
          invoiceId: z.string(),
          number: z.string(),
          date: z.string(),
          dueDate: z.string(),
          daysOverdue: z.number().int(),
          amount: rupiahString,
          open: rupiahString,
        }),
      ),
    }),
  ),
  totals: z.object({ partners: z.number().int(), invoices: z.number().int(), overdue: rupiahString }),
});

export const marginQuery = z.strictObject({ from: isoDate, to: isoDate });
const marginFigures = {
  revenue: rupiahString,
  costOfSales: rupiahString,
  rejectsWrittenOff: rupiahString,
  margin: rupiahString,
  /** Margin ÷ revenue in per mille, rounded half-up; 0 without revenue. */
  marginPermille: z.number().int(),
};
export const marginReport = z.object({
  from: z.string(),
  to: z.string(),
  /** Received deliveries per ISO week (Monday), partner and commodity. */
  rows: z.array(
    z.object({
      week: z.string(),
      partnerId: z.string(),
      partnerName: z.string(),
      commodityId: z.string(),
      commodityName: z.string(),
      delivered: baseQty,
      accepted: baseQty,
      /** Cost of goods moved to the cooperative's own outlet (no revenue, no margin of their own). */
      transferredAtCost: rupiahString,
      ...marginFigures,
    }),
  ),
  byCommodity: z.array(z.object({ commodityId: z.string(), commodityName: z.string(), stockLosses: rupiahString, ...marginFigures })),
  byPartner: z.array(z.object({ partnerId: z.string(), partnerName: z.string(), creditNotes: rupiahString, ...marginFigures })),
  byWeek: z.array(z.object({ week: z.string(), creditNotes: rupiahString, stockLosses: rupiahString, ...marginFigures })),
  totals: z.object({ creditNotes: rupiahString, stockLosses: rupiahString, transferredAtCost: rupiahString, ...marginFigures }),
});

const farmerShare = z.object({
  memberId: z.string(),
  memberNumber: z.number().int().nullable(),
  fullName: z.string().nullable(),
  farmerGroupName: z.string().nullable(),
  intakeId: z.string(),
  intakeNumber: z.string(),
  intakeDate: z.string(),
  lotId: z.string(),
  lotCode: z.string(),
  grade: z.enum(GRADES),
  /** The buying price per kg (or per piece/bunch) the farmer was paid. */
  price: rupiahString,
  quantity: baseQty,
  /** quantity × price: what the farmer was paid for this part. */
  amount: rupiahString,
});

/** A part of a lot bought from another cooperative: the supplier, the purchase and the purchased lot. */
const supplierShare = z.object({
  partnerId: z.string(),
  supplierName: z.string(),
  purchaseId: z.string(),
  purchaseNumber: z.string(),
  purchaseDate: z.string(),
  lotId: z.string(),
  lotCode: z.string(),
  grade: z.enum(GRADES),
  /** The buying price per kg (or per piece/bunch) the cooperative paid the supplier. */
  price: rupiahString,
  quantity: baseQty,
  /** quantity × price: what the supplier was paid for this part. */
  amount: rupiahString,
});

export const lotMargin = z.object({
  lot: z.object({
    id: z.string(),
    code: z.string(),
    origin: z.enum(['intake', 'packing', 'return', 'purchase']),
    commodityId: z.string(),
    commodityName: z.string(),
    grade: z.enum(GRADES),
    packFormatName: z.string().nullable(),
    initial: baseQty,
    cost: rupiahString,
  }),
  /**
   * Where the lot came from: the farmers who grew it, or the cooperative it was bought from, each
   * with their part of it (the parts of both lists together add up to the lot's initial quantity).
   */
  farmers: z.array(farmerShare),
  /** The cooperatives it was bought from (see `farmers`). */
  suppliers: z.array(supplierShare),
  /** Deliveries from the lot and from the lots made of it; figures are the lot's share (`sharePermille`). */
  sales: z.array(
    z.object({
      deliveryId: z.string(),
      deliveryNumber: z.string(),
      date: z.string(),
      partnerId: z.string(),
      partnerName: z.string(),
      storeName: z.string(),
      lotId: z.string(),
      lotCode: z.string(),
      sharePermille: z.number().int(),
      delivered: orderQty,
      accepted: orderQty.nullable(),
      rejected: orderQty.nullable(),
      unitPrice: rupiahString,
      internal: z.boolean(),
      revenue: rupiahString,
      costOfSales: rupiahString,
      rejectsWrittenOff: rupiahString,
      invoiceId: z.string().nullable(),
    }),
  ),
  /** Weight loss, spoilage and count differences of the lot and the lots made of it, at their share. */
  losses: z.array(
    z.object({
      date: z.string(),
      lotId: z.string(),
      lotCode: z.string(),
      kind: z.enum(['loss', 'count']),
      reason: z.string().nullable(),
      quantity: baseQty,
      value: rupiahString,
    }),
  ),
  onHand: z.object({ quantity: baseQty, value: rupiahString }),
  totals: z.object({
    /** What the lot's content cost: the farmers' amounts plus the suppliers' amounts. */
    bought: rupiahString,
    revenue: rupiahString,
    costOfSales: rupiahString,
    rejectsWrittenOff: rupiahString,
    stockLosses: rupiahString,
    margin: rupiahString,
  }),
});

export const invoiceTrace = z.object({
  invoiceId: z.string(),
  number: z.string(),
  partner: z.object({ id: z.string(), name: z.string() }),
  lines: z.array(
    z.object({
      lineNo: z.number().int(),
      description: z.string(),
      deliveryId: z.string().nullable(),
      deliveryNumber: z.string().nullable(),
      lotId: z.string().nullable(),
      lotCode: z.string().nullable(),
      accepted: baseQty.nullable(),
      /**
       * Where what was invoiced came from: the farmers who grew it, or the cooperative it was bought
       * from, each with their part of the accepted quantity (both lists together add up to it).
       */
      farmers: z.array(farmerShare),
      /** The cooperatives it was bought from (see `farmers`). */
      suppliers: z.array(supplierShare),
    }),
  ),
});

export type InvoiceTrace = z.infer<typeof invoiceTrace>;

export const farmerSalesQuery = z.strictObject({ from: isoDate, to: isoDate });
export const farmerSales = z.object({
  memberId: z.string(),
  from: z.string(),
  to: z.string(),
  /** Each intake lot of the farmer in the period and the buyers its produce reached (directly or packed). */
  lots: z.array(
    z.object({
      lotId: z.string(),
      lotCode: z.string(),
      intakeNumber: z.string(),
      intakeDate: z.string(),
      commodityName: z.string(),
      grade: z.enum(GRADES),
      quantity: baseQty,
      price: rupiahString,
      amount: rupiahString,
      buyers: z.array(
        z.object({
          partnerId: z.string(),
          partnerName: z.string(),
          deliveryId: z.string(),
          deliveryNumber: z.string(),
          date: z.string(),
          viaLotCode: z.string(),
          /** The farmer's part of what was delivered, in grams or pieces. */
          quantity: baseQty,
          revenue: rupiahString,
        }),
      ),
    }),
  ),
  /** Per buyer: the farmer's share of the revenue. */
  partners: z.array(z.object({ partnerId: z.string(), partnerName: z.string(), deliveries: z.number().int(), revenue: rupiahString })),
});
