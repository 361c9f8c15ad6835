// Mirrors db/migrations/0004_produce.sql (and the later produce migrations, 0010 purchases); checks,
// triggers and the stock trigger live there.
import { bigint, boolean, date, integer, numeric, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

export const produceSettings = pgTable(
  'produce_settings',
  {
    cooperativeId: text('cooperative_id').notNull(),
    rejectPolicy: text('reject_policy').notNull().default('unpaid'),
    expiryAlertDays: integer('expiry_alert_days').notNull().default(2),
    defaultLocationId: text('default_location_id'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedByLabel: text('updated_by_label').notNull(),
  },
  (t) => [primaryKey({ columns: [t.cooperativeId] })],
);

export const produceCommodities = pgTable(
  'produce_commodities',
  {
    cooperativeId: text('cooperative_id').notNull(),
    id: text('id').notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    unit: text('unit').notNull(),
    variableWeight: boolean('variable_weight').notNull().default(false),
    storageClass: text('storage_class').notNull(),
    shelfLifeAmbient: integer('shelf_life_ambient'),
    shelfLifeCool: integer('shelf_life_cool'),
    shelfLifeCold: integer('shelf_life_cold'),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.cooperativeId, t.id] })],
);

export const produceGrades = pgTable(
  'produce_grades',
  {
    cooperativeId: text('cooperative_id').notNull(),
    commodityId: text('commodity_id').notNull(),
    grade: text('grade').notNull(),
    spec: text('spec').notNull(),
  },
  (t) => [primaryKey({ columns: [t.cooperativeId, t.commodityId, t.grade] })],
);

export const producePackFormats = pgTable(
  'produce_pack_formats',
  {
    cooperativeId: text('cooperative_id').notNull(),
    id: text('id').notNull(),
    commodityId: text('commodity_id').notNull(),
    channel: text('channel').notNull(),
    name: text('name').notNull(),
    grade: text('grade'),
    content: bigint('content', { mode: 'bigint' }).notNull(),
    packaging: text('packaging').notNull(),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.cooperativeId, t.id] })],
);

export const produceClusters = pgTable(
  'produce_clusters',
  {
    cooperativeId: text('cooperative_id').notNull(),
    id: text('id').notNull(),
    name: text('name').notNull(),
    description: text('description'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.cooperativeId, t.id] })],
);

export const produceFarmers = pgTable(
  'produce_farmers',
  {
    cooperativeId: text('cooperative_id').notNull(),
    memberId: text('member_id').notNull(),
    clusterId: text('cluster_id'),
    payoutMethod: text('payout_method').notNull().default('cash'),
    bankName: text('bank_name'),
    bankAccountNo: text('bank_account_no'),
    bankAccountName: text('bank_account_name'),
    deliveryActive: boolean('delivery_active').notNull().default(true),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.cooperativeId, t.memberId] })],
);

export const producePlots = pgTable(
  'produce_plots',
  {
    cooperativeId: text('cooperative_id').notNull(),
    id: text('id').notNull(),
    memberId: text('member_id').notNull(),
    name: text('name').notNull(),
    areaM2: integer('area_m2').notNull(),
    villageCode: text('village_code').notNull(),
    altitudeM: integer('altitude_m').notNull(),
    latitude: numeric('latitude', { precision: 9, scale: 6 }),
    longitude: numeric('longitude', { precision: 9, scale: 6 }),
    commodityIds: text('commodity_ids').array().notNull().default([]),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.cooperativeId, t.id] })],
);

export const produceCollectionPoints = pgTable(
  'produce_collection_points',
  {
    cooperativeId: text('cooperative_id').notNull(),
    id: text('id').notNull(),
    name: text('name').notNull(),
    villageCode: text('village_code').notNull(),
    address: text('address'),
    deliveryDays: text('delivery_days').notNull(),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.cooperativeId, t.id] })],
);

export const produceLocations = pgTable(
  'produce_locations',
  {
    cooperativeId: text('cooperative_id').notNull(),
    id: text('id').notNull(),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    storageClass: text('storage_class').notNull(),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.cooperativeId, t.id] })],
);

export const producePrices = pgTable(
  'produce_prices',
  {
    cooperativeId: text('cooperative_id').notNull(),
    id: text('id').notNull(),
    commodityId: text('commodity_id').notNull(),
    grade: text('grade').notNull(),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    price: bigint('price', { mode: 'bigint' }).notNull(),
    createdByLabel: text('created_by_label').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.cooperativeId, t.id] })],
);

export const produceIntakes = pgTable(
  'produce_intakes',
  {
    cooperativeId: text('cooperative_id').notNull(),
    id: text('id').notNull(),
    number: text('number').notNull(),
    date: date('date', { mode: 'string' }).notNull(),
    harvestDate: date('harvest_date', { mode: 'string' }).notNull(),
    collectionPointId: text('collection_point_id').notNull(),
    memberId: text('member_id').notNull(),
    farmerGroupId: text('farmer_group_id'),
    plotId: text('plot_id'),
    commodityId: text('commodity_id').notNull(),
    unit: text('unit').notNull(),
    locationId: text('location_id').notNull(),
    crates: integer('crates').notNull(),
    gross: bigint('gross', { mode: 'bigint' }).notNull(),
    tare: bigint('tare', { mode: 'bigint' }).notNull(),
    net: bigint('net', { mode: 'bigint' }).notNull(),
    amount: bigint('amount', { mode: 'bigint' }).notNull(),
    rejectPolicy: text('reject_policy').notNull(),
    journalEntryId: text('journal_entry_id'),
    journalNumber: text('journal_number'),
    notes: text('notes'),
    createdById: text('created_by_id'),
    createdByLabel: text('created_by_label').notNull(),
    requestId: text('request_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.cooperativeId, t.id] })],
);

export const produceIntakeVoids = pgTable(
  'produce_intake_voids',
  {
    cooperativeId: text('cooperative_id').notNull(),
    intakeId: text('intake_id').notNull(),
    date: date('date', { mode: 'string' }).notNull(),
    reason: text('reason').notNull(),
    journalEntryId: text('journal_entry_id'),
    journalNumber: text('journal_number'),
    createdByLabel: text('created_by_label').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.cooperativeId, t.intakeId] })],
);

export const produceLots = pgTable(
  'produce_lots',
  {
    cooperativeId: text('cooperative_id').notNull(),
    id: text('id').notNull(),
    code: text('code').notNull(),
    origin: text('origin').notNull(),
    commodityId: text('commodity_id').notNull(),
    grade: text('grade').notNull(),
    unit: text('unit').notNull(),
    quantity: bigint('quantity', { mode: 'bigint' }).notNull(),
    cost: bigint('cost', { mode: 'bigint' }).notNull(),
    price: bigint('price', { mode: 'bigint' }),
    paid: boolean('paid').notNull(),
    harvestDate: date('harvest_date', { mode: 'string' }).notNull(),
    createdDate: date('created_date', { mode: 'string' }).notNull(),
    intakeId: text('intake_id'),
    memberId: text('member_id'),
    plotId: text('plot_id'),
    packingId: text('packing_id'),
    packFormatId: text('pack_format_id'),
    packs: integer('packs'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sourceLotId: text('source_lot_id'),
    purchaseId: text('purchase_id'),
  },
  (t) => [primaryKey({ columns: [t.cooperativeId, t.id] })],
);

export const produceMovements = pgTable(
  'produce_movements',
  {
    cooperativeId: text('cooperative_id').notNull(),
    id: text('id').notNull(),
    lotId: text('lot_id').notNull(),
    locationId: text('location_id').notNull(),
    date: date('date', { mode: 'string' }).notNull(),
    kind: text('kind').notNull(),
    quantity: bigint('quantity', { mode: 'bigint' }).notNull(),
    value: bigint('value', { mode: 'bigint' }).notNull(),
    documentType: text('document_type').notNull(),
    documentId: text('document_id').notNull(),
    reason: text('reason'),
    partnerId: text('partner_id'),
    journalEntryId: text('journal_entry_id'),
    createdByLabel: text('created_by_label').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.cooperativeId, t.id] })],
);

export const produceStock = pgTable(
  'produce_stock',
  {
    cooperativeId: text('cooperative_id').notNull(),
    lotId: text('lot_id').notNull(),
    locationId: text('location_id').notNull(),
    quantity: bigint('quantity', { mode: 'bigint' }).notNull(),
    value: bigint('value', { mode: 'bigint' }).notNull(),
    since: date('since', { mode: 'string' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.cooperativeId, t.lotId, t.locationId] })],
);

export const produceStockDocuments = pgTable(
  'produce_stock_documents',
  {
    cooperativeId: text('cooperative_id').notNull(),
    id: text('id').notNull(),
    number: text('number').notNull(),
    kind: text('kind').notNull(),
    date: date('date', { mode: 'string' }).notNull(),
    locationId: text('location_id').notNull(),
    toLocationId: text('to_location_id'),
    lossKind: text('loss_kind'),
    reason: text('reason'),
    value: bigint('value', { mode: 'bigint' }).notNull(),
    packFormatId: text('pack_format_id'),
    outputLotId: text('output_lot_id'),
    packs: integer('packs'),
    inputQuantity: bigint('input_quantity', { mode: 'bigint' }),
    outputQuantity: bigint('output_quantity', { mode: 'bigint' }),
    journalEntryId: text('journal_entry_id'),
    journalNumber: text('journal_number'),
    createdById: text('created_by_id'),
    createdByLabel: text('created_by_label').notNull(),
    requestId: text('request_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.cooperativeId, t.id] })],
);

export const producePayoutRuns = pgTable(
  'produce_payout_runs',
  {
    cooperativeId: text('cooperative_id').notNull(),
    id: text('id').notNull(),
    number: text('number').notNull(),
    periodFrom: date('period_from', { mode: 'string' }).notNull(),
    periodTo: date('period_to', { mode: 'string' }).notNull(),
    payDate: date('pay_date', { mode: 'string' }).notNull(),
    farmers: integer('farmers').notNull(),
    gross: bigint('gross', { mode: 'bigint' }).notNull(),
    deductions: bigint('deductions', { mode: 'bigint' }).notNull(),
    net: bigint('net', { mode: 'bigint' }).notNull(),
    createdById: text('created_by_id'),
    createdByLabel: text('created_by_label').notNull(),
    requestId: text('request_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.cooperativeId, t.id] })],
);

export const producePayouts = pgTable(
  'produce_payouts',
  {
    cooperativeId: text('cooperative_id').notNull(),
    id: text('id').notNull(),
    runId: text('run_id').notNull(),
    memberId: text('member_id').notNull(),
    method: text('method').notNull(),
    bankName: text('bank_name'),
    bankAccountNo: text('bank_account_no'),
    bankAccountName: text('bank_account_name'),
    gross: bigint('gross', { mode: 'bigint' }).notNull(),
    deductions: bigint('deductions', { mode: 'bigint' }).notNull(),
    net: bigint('net', { mode: 'bigint' }).notNull(),
    journalEntryId: text('journal_entry_id'),
    journalNumber: text('journal_number'),
  },
  (t) => [primaryKey({ columns: [t.cooperativeId, t.id] })],
);

export const producePayoutItems = pgTable(
  'produce_payout_items',
  {
    cooperativeId: text('cooperative_id').notNull(),
    intakeId: text('intake_id').notNull(),
    payoutId: text('payout_id').notNull(),
    amount: bigint('amount', { mode: 'bigint' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.cooperativeId, t.intakeId] })],
);

export const producePayoutDeductions = pgTable(
  'produce_payout_deductions',
  {
    cooperativeId: text('cooperative_id').notNull(),
    payoutId: text('payout_id').notNull(),
    kind: text('kind').notNull(),
    amount: bigint('amount', { mode: 'bigint' }).notNull(),
    reference: text('reference'),
    journalEntryId: text('journal_entry_id'),
  },
  (t) => [primaryKey({ columns: [t.cooperativeId, t.payoutId, t.kind] })],
);

// Purchases from other cooperatives (0010_produce_purchases.sql).
export const producePurchases = pgTable(
  'produce_purchases',
  {
    cooperativeId: text('cooperative_id').notNull(),
    id: text('id').notNull(),
    number: text('number').notNull(),
    date: date('date', { mode: 'string' }).notNull(),
    harvestDate: date('harvest_date', { mode: 'string' }).notNull(),
    partnerId: text('partner_id').notNull(),
    commodityId: text('commodity_id').notNull(),
    unit: text('unit').notNull(),
    locationId: text('location_id').notNull(),
    payment: text('payment').notNull(),
    quantity: bigint('quantity', { mode: 'bigint' }).notNull(),
    amount: bigint('amount', { mode: 'bigint' }).notNull(),
    supplierReference: text('supplier_reference'),
    journalEntryId: text('journal_entry_id').notNull(),
    journalNumber: text('journal_number').notNull(),
    notes: text('notes'),
    createdById: text('created_by_id'),
    createdByLabel: text('created_by_label').notNull(),
    requestId: text('request_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.cooperativeId, t.id] })],
);

export const producePurchasePayments = pgTable(
  'produce_purchase_payments',
  {
    cooperativeId: text('cooperative_id').notNull(),
    purchaseId: text('purchase_id').notNull(),
    date: date('date', { mode: 'string' }).notNull(),
    method: text('method').notNull(),
    amount: bigint('amount', { mode: 'bigint' }).notNull(),
    journalEntryId: text('journal_entry_id').notNull(),
    journalNumber: text('journal_number').notNull(),
    createdByLabel: text('created_by_label').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.cooperativeId, t.purchaseId] })],
);

export const producePurchaseVoids = pgTable(
  'produce_purchase_voids',
  {
    cooperativeId: text('cooperative_id').notNull(),
    purchaseId: text('purchase_id').notNull(),
    date: date('date', { mode: 'string' }).notNull(),
    reason: text('reason').notNull(),
    journalEntryId: text('journal_entry_id').notNull(),
    journalNumber: text('journal_number').notNull(),
    createdByLabel: text('created_by_label').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.cooperativeId, t.purchaseId] })],
);
