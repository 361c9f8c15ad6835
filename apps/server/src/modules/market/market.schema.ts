// Mirrors db/migrations/0007_market.sql and 0009 (and market_partners.registry_cooperative_id of 0010); checks, foreign keys
// and the append-only triggers live there.
import { bigint, boolean, date, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

export const marketPartners = pgTable(
  'market_partners',
  {
    cooperativeId: text('cooperative_id').notNull(),
    id: text('id').notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    npwp: text('npwp'),
    memberId: text('member_id'),
    paymentTermsDays: integer('payment_terms_days').notNull().default(0),
    address: text('address'),
    contacts: jsonb('contacts').notNull().default([]),
    apiTokenId: text('api_token_id'),
    active: boolean('active').notNull().default(true),
    notes: text('notes'),
    registryCooperativeId: text('registry_cooperative_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.cooperativeId, t.id] })],
);

export const marketStores = pgTable(
  'market_stores',
  {
    cooperativeId: text('cooperative_id').notNull(),
    id: text('id').notNull(),
    partnerId: text('partner_id').notNull(),
    code: text('code'),
    name: text('name').notNull(),
    address: text('address').notNull(),
    receivingDays: text('receiving_days').notNull().default('1234567'),
    receivingHours: text('receiving_hours'),
    contactName: text('contact_name'),
    contactPhone: text('contact_phone'),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.cooperativeId, t.id] })],
);

export const marketContracts = pgTable(
  'market_contracts',
  {
    cooperativeId: text('cooperative_id').notNull(),
    id: text('id').notNull(),
    partnerId: text('partner_id').notNull(),
    reference: text('reference').notNull(),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validTo: date('valid_to', { mode: 'string' }).notNull(),
    qualityTolerance: text('quality_tolerance').notNull(),
    returnsPolicy: text('returns_policy').notNull(),
    offContract: text('off_contract').notNull(),
    volumeTolerancePct: integer('volume_tolerance_pct').notNull(),
    createdByLabel: text('created_by_label').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.cooperativeId, t.id] })],
);

export const marketContractItems = pgTable(
  'market_contract_items',
  {
    cooperativeId: text('cooperative_id').notNull(),
    contractId: text('contract_id').notNull(),
    lineNo: integer('line_no').notNull(),
    articleCode: text('article_code'),
    commodityId: text('commodity_id').notNull(),
    grade: text('grade').notNull(),
    packFormatId: text('pack_format_id'),
    priceBasis: text('price_basis').notNull(),
    price: bigint('price', { mode: 'bigint' }).notNull(),
    volumes: jsonb('volumes').notNull(),
  },
  (t) => [primaryKey({ columns: [t.cooperativeId, t.contractId, t.lineNo] })],
);

export const marketPurchaseOrders = pgTable(
  'market_purchase_orders',
  {
    cooperativeId: text('cooperative_id').notNull(),
    id: text('id').notNull(),
    number: text('number').notNull(),
    partnerId: text('partner_id').notNull(),
    storeId: text('store_id').notNull(),
    contractId: text('contract_id'),
    partnerRef: text('partner_ref').notNull(),
    orderDate: date('order_date', { mode: 'string' }).notNull(),
    deliveryDate: date('delivery_date', { mode: 'string' }).notNull(),
    source: text('source').notNull(),
    amount: bigint('amount', { mode: 'bigint' }).notNull(),
    warnings: jsonb('warnings').notNull().default([]),
    notes: text('notes'),
    createdByLabel: text('created_by_label').notNull(),
    requestId: text('request_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.cooperativeId, t.id] })],
);

export const marketPoLines = pgTable(
  'market_po_lines',
  {
    cooperativeId: text('cooperative_id').notNull(),
    poId: text('po_id').notNull(),
    lineNo: integer('line_no').notNull(),
    commodityId: text('commodity_id').notNull(),
    grade: text('grade').notNull(),
    packFormatId: text('pack_format_id'),
    priceBasis: text('price_basis').notNull(),
    quantity: bigint('quantity', { mode: 'bigint' }).notNull(),
    unitPrice: bigint('unit_price', { mode: 'bigint' }).notNull(),
    amount: bigint('amount', { mode: 'bigint' }).notNull(),
    contractLineNo: integer('contract_line_no'),
    warnings: jsonb('warnings').notNull().default([]),
  },
  (t) => [primaryKey({ columns: [t.cooperativeId, t.poId, t.lineNo] })],
);

export const marketDeliveries = pgTable(
  'market_deliveries',
  {
    cooperativeId: text('cooperative_id').notNull(),
    id: text('id').notNull(),
    number: text('number').notNull(),
    date: date('date', { mode: 'string' }).notNull(),
    poId: text('po_id').notNull(),
    partnerId: text('partner_id').notNull(),
    storeId: text('store_id').notNull(),
    vehicle: text('vehicle'),
    driver: text('driver'),
    value: bigint('value', { mode: 'bigint' }).notNull(),
    journalEntryId: text('journal_entry_id'),
    journalNumber: text('journal_number'),
    createdByLabel: text('created_by_label').notNull(),
    requestId: text('request_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    toUnit: text('to_unit'),
  },
  (t) => [primaryKey({ columns: [t.cooperativeId, t.id] })],
);

export const marketDeliveryLines = pgTable(
  'market_delivery_lines',
  {
    cooperativeId: text('cooperative_id').notNull(),
    deliveryId: text('delivery_id').notNull(),
    lineNo: integer('line_no').notNull(),
    poLineNo: integer('po_line_no').notNull(),
    poId: text('po_id').notNull(),
    lotId: text('lot_id').notNull(),
    lotCode: text('lot_code').notNull(),
    locationId: text('location_id').notNull(),
    quantity: bigint('quantity', { mode: 'bigint' }).notNull(),
    baseQuantity: bigint('base_quantity', { mode: 'bigint' }).notNull(),
    value: bigint('value', { mode: 'bigint' }).notNull(),
    movementId: text('movement_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.cooperativeId, t.deliveryId, t.lineNo] })],
);

export const marketReceipts = pgTable(
  'market_receipts',
  {
    cooperativeId: text('cooperative_id').notNull(),
    deliveryId: text('delivery_id').notNull(),
    date: date('date', { mode: 'string' }).notNull(),
    receivedBy: text('received_by'),
    writtenOff: bigint('written_off', { mode: 'bigint' }).notNull(),
    journalEntryId: text('journal_entry_id'),
    journalNumber: text('journal_number'),
    createdByLabel: text('created_by_label').notNull(),
    requestId: text('request_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    returned: bigint('returned', { mode: 'bigint' }).notNull().default(0n),
  },
  (t) => [primaryKey({ columns: [t.cooperativeId, t.deliveryId] })],
);

export const marketReceiptLines = pgTable(
  'market_receipt_lines',
  {
    cooperativeId: text('cooperative_id').notNull(),
    deliveryId: text('delivery_id').notNull(),
    lineNo: integer('line_no').notNull(),
    accepted: bigint('accepted', { mode: 'bigint' }).notNull(),
    rejected: bigint('rejected', { mode: 'bigint' }).notNull(),
    reason: text('reason'),
    note: text('note'),
    writtenOff: bigint('written_off', { mode: 'bigint' }).notNull(),
    returnLotId: text('return_lot_id'),
    returnLotCode: text('return_lot_code'),
    returnGrade: text('return_grade'),
    returnBase: bigint('return_base', { mode: 'bigint' }),
    returnedValue: bigint('returned_value', { mode: 'bigint' }).notNull().default(0n),
  },
  (t) => [primaryKey({ columns: [t.cooperativeId, t.deliveryId, t.lineNo] })],
);

export const marketInvoices = pgTable(
  'market_invoices',
  {
    cooperativeId: text('cooperative_id').notNull(),
    id: text('id').notNull(),
    number: text('number').notNull(),
    kind: text('kind').notNull(),
    partnerId: text('partner_id').notNull(),
    date: date('date', { mode: 'string' }).notNull(),
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    amount: bigint('amount', { mode: 'bigint' }).notNull(),
    revenueKind: text('revenue_kind').notNull(),
    invoiceId: text('invoice_id'),
    reason: text('reason'),
    journalEntryId: text('journal_entry_id').notNull(),
    journalNumber: text('journal_number').notNull(),
    createdByLabel: text('created_by_label').notNull(),
    requestId: text('request_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.cooperativeId, t.id] })],
);

export const marketInvoiceLines = pgTable(
  'market_invoice_lines',
  {
    cooperativeId: text('cooperative_id').notNull(),
    invoiceId: text('invoice_id').notNull(),
    lineNo: integer('line_no').notNull(),
    deliveryId: text('delivery_id'),
    deliveryLineNo: integer('delivery_line_no'),
    description: text('description').notNull(),
    priceBasis: text('price_basis'),
    quantity: bigint('quantity', { mode: 'bigint' }),
    unitPrice: bigint('unit_price', { mode: 'bigint' }),
    amount: bigint('amount', { mode: 'bigint' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.cooperativeId, t.invoiceId, t.lineNo] })],
);

export const marketPayments = pgTable(
  'market_payments',
  {
    cooperativeId: text('cooperative_id').notNull(),
    id: text('id').notNull(),
    number: text('number').notNull(),
    partnerId: text('partner_id').notNull(),
    date: date('date', { mode: 'string' }).notNull(),
    method: text('method').notNull(),
    reference: text('reference'),
    amount: bigint('amount', { mode: 'bigint' }).notNull(),
    journalEntryId: text('journal_entry_id').notNull(),
    journalNumber: text('journal_number').notNull(),
    createdByLabel: text('created_by_label').notNull(),
    requestId: text('request_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.cooperativeId, t.id] })],
);

export const marketPaymentAllocations = pgTable(
  'market_payment_allocations',
  {
    cooperativeId: text('cooperative_id').notNull(),
    paymentId: text('payment_id').notNull(),
    invoiceId: text('invoice_id').notNull(),
    amount: bigint('amount', { mode: 'bigint' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.cooperativeId, t.paymentId, t.invoiceId] })],
);

export const marketRoutes = pgTable(
  'market_routes',
  {
    cooperativeId: text('cooperative_id').notNull(),
    id: text('id').notNull(),
    number: text('number').notNull(),
    date: date('date', { mode: 'string' }).notNull(),
    vehicle: text('vehicle').notNull(),
    driver: text('driver'),
    departure: text('departure'),
    notes: text('notes'),
    createdByLabel: text('created_by_label').notNull(),
    requestId: text('request_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.cooperativeId, t.id] })],
);

export const marketRouteStops = pgTable(
  'market_route_stops',
  {
    cooperativeId: text('cooperative_id').notNull(),
    routeId: text('route_id').notNull(),
    seq: integer('seq').notNull(),
    deliveryId: text('delivery_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.cooperativeId, t.routeId, t.seq] })],
);
