import { bigint, date, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

export const savingsSettings = pgTable(
  'savings_settings',
  {
    cooperativeId: text('cooperative_id').notNull(),
    effectiveFrom: date('effective_from').notNull(),
    pokokAmount: bigint('pokok_amount', { mode: 'bigint' }).notNull(),
    wajibAmount: bigint('wajib_amount', { mode: 'bigint' }).notNull(),
    wajibPeriodMonths: integer('wajib_period_months').notNull(),
    createdByLabel: text('created_by_label').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.cooperativeId, t.effectiveFrom] })],
);

export const savingsAccounts = pgTable(
  'savings_accounts',
  {
    cooperativeId: text('cooperative_id').notNull(),
    memberId: text('member_id').notNull(),
    kind: text('kind').notNull(),
    balance: bigint('balance', { mode: 'bigint' }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.cooperativeId, t.memberId, t.kind] })],
);

export const savingsTransactions = pgTable(
  'savings_transactions',
  {
    cooperativeId: text('cooperative_id').notNull(),
    id: text('id').notNull(),
    number: text('number').notNull(),
    memberId: text('member_id').notNull(),
    kind: text('kind').notNull(),
    type: text('type').notNull(),
    direction: text('direction').notNull(),
    amount: bigint('amount', { mode: 'bigint' }).notNull(),
    balanceAfter: bigint('balance_after', { mode: 'bigint' }).notNull(),
    date: date('date').notNull(),
    method: text('method').notNull(),
    journalEntryId: text('journal_entry_id').notNull(),
    journalNumber: text('journal_number').notNull(),
    reversesId: text('reverses_id'),
    settlementId: text('settlement_id'),
    memo: text('memo'),
    createdById: text('created_by_id'),
    createdByLabel: text('created_by_label').notNull(),
    requestId: text('request_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.cooperativeId, t.id] })],
);

export const savingsDues = pgTable(
  'savings_dues',
  {
    cooperativeId: text('cooperative_id').notNull(),
    memberId: text('member_id').notNull(),
    period: text('period').notNull(),
    amount: bigint('amount', { mode: 'bigint' }).notNull(),
    dueDate: date('due_date').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.cooperativeId, t.memberId, t.period] })],
);

export const savingsDuesRuns = pgTable(
  'savings_dues_runs',
  {
    cooperativeId: text('cooperative_id').notNull(),
    period: text('period').notNull(),
    membersBilled: integer('members_billed').notNull(),
    amountBilled: bigint('amount_billed', { mode: 'bigint' }).notNull(),
    firstRunAt: timestamp('first_run_at', { withTimezone: true }).notNull().defaultNow(),
    lastRunAt: timestamp('last_run_at', { withTimezone: true }).notNull().defaultNow(),
    lastRunBy: text('last_run_by').notNull(),
  },
  (t) => [primaryKey({ columns: [t.cooperativeId, t.period] })],
);

export const savingsDuesPayments = pgTable(
  'savings_dues_payments',
  {
    cooperativeId: text('cooperative_id').notNull(),
    transactionId: text('transaction_id').notNull(),
    memberId: text('member_id').notNull(),
    period: text('period').notNull(),
    amount: bigint('amount', { mode: 'bigint' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.cooperativeId, t.transactionId, t.period] })],
);

export const memberSettlements = pgTable(
  'member_settlements',
  {
    cooperativeId: text('cooperative_id').notNull(),
    id: text('id').notNull(),
    memberId: text('member_id').notNull(),
    date: date('date').notNull(),
    outcome: text('outcome').notNull(),
    reason: text('reason').notNull(),
    pokok: bigint('pokok', { mode: 'bigint' }).notNull(),
    wajib: bigint('wajib', { mode: 'bigint' }).notNull(),
    sukarela: bigint('sukarela', { mode: 'bigint' }).notNull(),
    receivableOffset: bigint('receivable_offset', { mode: 'bigint' }).notNull(),
    netPaid: bigint('net_paid', { mode: 'bigint' }).notNull(),
    method: text('method').notNull(),
    journalEntryId: text('journal_entry_id'),
    journalNumber: text('journal_number'),
    createdById: text('created_by_id'),
    createdByLabel: text('created_by_label').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.cooperativeId, t.id] })],
);
