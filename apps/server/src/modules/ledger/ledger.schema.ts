import { sql } from 'drizzle-orm';
import { bigint, boolean, customType, date, integer, pgTable, primaryKey, smallint, text, timestamp } from 'drizzle-orm/pg-core';

/** The creating transaction's id: lines may only join an entry inside the transaction that made it. */
const xid8 = customType<{ data: string }>({ dataType: () => 'xid8' });

// Mirrors db/migrations/0002_ledger.sql; the triggers and checks live there.

export const ledgerAccounts = pgTable(
  'ledger_accounts',
  {
    cooperativeId: text('cooperative_id').notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    type: text('type').notNull(),
    normalSide: text('normal_side').notNull(),
    revenueKind: text('revenue_kind'),
    cashFlow: text('cash_flow').notNull(),
    subsidiary: text('subsidiary'),
    parentCode: text('parent_code'),
    standard: boolean('standard').notNull().default(false),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.cooperativeId, t.code] })],
);

export const ledgerUnits = pgTable(
  'ledger_units',
  {
    cooperativeId: text('cooperative_id').notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    enabled: boolean('enabled').notNull().default(true),
  },
  (t) => [primaryKey({ columns: [t.cooperativeId, t.code] })],
);

export const journalEntries = pgTable(
  'journal_entries',
  {
    cooperativeId: text('cooperative_id').notNull(),
    id: text('id').notNull(),
    number: text('number').notNull(),
    date: date('date', { mode: 'string' }).notNull(),
    memo: text('memo').notNull(),
    sourceModule: text('source_module').notNull(),
    sourceDocumentId: text('source_document_id').notNull(),
    reversesId: text('reverses_id'),
    closing: boolean('closing').notNull().default(false),
    createdById: text('created_by_id'),
    createdByLabel: text('created_by_label').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdXid: xid8('created_xid')
      .notNull()
      .default(sql`pg_current_xact_id()`),
  },
  (t) => [primaryKey({ columns: [t.cooperativeId, t.id] })],
);

export const journalLines = pgTable(
  'journal_lines',
  {
    cooperativeId: text('cooperative_id').notNull(),
    entryId: text('entry_id').notNull(),
    lineNo: smallint('line_no').notNull(),
    date: date('date', { mode: 'string' }).notNull(),
    account: text('account').notNull(),
    unit: text('unit').notNull(),
    memberId: text('member_id'),
    partnerId: text('partner_id'),
    debit: bigint('debit', { mode: 'bigint' }).notNull().default(0n),
    credit: bigint('credit', { mode: 'bigint' }).notNull().default(0n),
    memo: text('memo'),
  },
  (t) => [primaryKey({ columns: [t.cooperativeId, t.entryId, t.lineNo] })],
);

export const ledgerMonthlyTotals = pgTable(
  'ledger_monthly_totals',
  {
    cooperativeId: text('cooperative_id').notNull(),
    account: text('account').notNull(),
    unit: text('unit').notNull(),
    month: date('month', { mode: 'string' }).notNull(),
    debitTotal: bigint('debit_total', { mode: 'bigint' }).notNull(),
    creditTotal: bigint('credit_total', { mode: 'bigint' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.cooperativeId, t.account, t.unit, t.month] })],
);

export const ledgerClosedMonths = pgTable(
  'ledger_closed_months',
  {
    cooperativeId: text('cooperative_id').notNull(),
    month: date('month', { mode: 'string' }).notNull(),
    closedAt: timestamp('closed_at', { withTimezone: true }).notNull().defaultNow(),
    closedByLabel: text('closed_by_label').notNull(),
  },
  (t) => [primaryKey({ columns: [t.cooperativeId, t.month] })],
);

export const ledgerClosedYears = pgTable(
  'ledger_closed_years',
  {
    cooperativeId: text('cooperative_id').notNull(),
    year: integer('year').notNull(),
    closingEntryId: text('closing_entry_id'),
    closedAt: timestamp('closed_at', { withTimezone: true }).notNull().defaultNow(),
    closedByLabel: text('closed_by_label').notNull(),
  },
  (t) => [primaryKey({ columns: [t.cooperativeId, t.year] })],
);
