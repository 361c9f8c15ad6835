/**
 * Members' savings API contract: settings (pokok and wajib amounts by date), deposits and
 * withdrawals, reversals, balances, monthly dues for simpanan wajib and arrears, and the
 * settlement when a member leaves. Money is whole Rupiah as decimal strings.
 */
import { z } from 'zod';
import { bi, idOf, isoDate, rupiahString } from './common.js';
import { MEMBER_STATUSES } from './members.js';

export const SAVINGS_KINDS = ['pokok', 'wajib', 'sukarela'] as const;
export type SavingsKind = (typeof SAVINGS_KINDS)[number];

export const TRANSACTION_TYPES = ['deposit', 'withdrawal', 'reversal', 'settlement', 'transfer'] as const;
export type SavingsTransactionType = (typeof TRANSACTION_TYPES)[number];

export const PAYMENT_METHODS = ['cash', 'bank'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export const WAJIB_PERIODS = [1, 3, 6, 12] as const;

type Label = { id: string; en: string };
export const KIND_LABELS: Record<SavingsKind, Label> = {
  pokok: { id: 'Simpanan Pokok', en: 'Principal savings' },
  wajib: { id: 'Simpanan Wajib', en: 'Mandatory savings' },
  sukarela: { id: 'Simpanan Sukarela', en: 'Voluntary savings' },
};
export const TYPE_LABELS: Record<SavingsTransactionType, Label> = {
  deposit: { id: 'Setoran', en: 'Deposit' },
  withdrawal: { id: 'Penarikan', en: 'Withdrawal' },
  reversal: { id: 'Koreksi (pembatalan)', en: 'Reversal' },
  settlement: { id: 'Pengembalian saat keluar', en: 'Returned on leaving' },
  transfer: { id: 'Pindah buku', en: 'Transfer between members' },
};
/** How a recorded transaction moved money: cash, bank, or from one member's savings to another's. */
export const TRANSACTION_METHODS = [...PAYMENT_METHODS, 'transfer'] as const;
export type TransactionMethod = (typeof TRANSACTION_METHODS)[number];
export const METHOD_LABELS: Record<TransactionMethod, Label> = {
  cash: { id: 'Tunai', en: 'Cash' },
  bank: { id: 'Transfer bank', en: 'Bank transfer' },
  transfer: { id: 'Pindah buku antar anggota', en: 'Between members' },
};

export const savingsTransactionId = idOf('stx');
export const settlementId = idOf('stl');

/** A positive whole-Rupiah amount: "0" and negatives are refused with a message naming the rule. */
export const positiveAmount = z
  .string()
  .regex(/^-?\d{1,15}$/, bi('Jumlah harus angka bulat rupiah, mis. "50000"', 'Amount must be whole rupiah digits, e.g. "50000"'))
  // Only judged when the digits are right (the regex reports the rest).
  .refine((v) => !/^-?\d{1,15}$/.test(v) || BigInt(v) > 0n, bi('Jumlah harus lebih dari Rp 0', 'Amount must be more than Rp 0'));

/** YYYY-MM */
export const periodMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, bi('Bulan harus berformat YYYY-MM', 'Month must be YYYY-MM'));

// ── settings ────────────────────────────────────────────────────────────────────────────────

export const savingsSettingsInput = z.strictObject({
  effectiveFrom: isoDate,
  pokokAmount: positiveAmount,
  wajibAmount: positiveAmount,
  wajibPeriodMonths: z
    .number()
    .int()
    .refine(
      (n) => (WAJIB_PERIODS as readonly number[]).includes(n),
      bi('Periode simpanan wajib harus 1, 3, 6 atau 12 bulan', 'The wajib period must be 1, 3, 6 or 12 months'),
    )
    .default(1),
});
export type SavingsSettingsInput = z.infer<typeof savingsSettingsInput>;

export const savingsSettings = z.object({
  effectiveFrom: z.string(),
  pokokAmount: rupiahString,
  wajibAmount: rupiahString,
  wajibPeriodMonths: z.number().int(),
  createdBy: z.string(),
  createdAt: z.string(),
});
export const savingsSettingsList = z.object({
  /** In force today; null before the first setting. */
  current: savingsSettings.nullable(),
  history: z.array(savingsSettings),
});

// ── transactions ────────────────────────────────────────────────────────────────────────────

const memo = z.string().trim().max(300).optional();

/**
 * A deposit. Pokok: exactly the amount in force, once. Wajib: settles open dues, oldest first,
 * and may not exceed them. Sukarela: any amount. Date defaults to today; never in the future.
 */
export const depositInput = z.strictObject({
  memberId: idOf('mbr'),
  kind: z.enum(SAVINGS_KINDS),
  amount: positiveAmount,
  date: isoDate.optional(),
  method: z.enum(PAYMENT_METHODS).default('cash'),
  memo,
});
export type DepositInput = z.infer<typeof depositInput>;

/** A withdrawal of simpanan sukarela, never below zero. Pokok and wajib are returned only on leaving. */
export const withdrawalInput = z.strictObject({
  memberId: idOf('mbr'),
  kind: z.literal('sukarela').default('sukarela'),
  amount: positiveAmount,
  date: isoDate.optional(),
  method: z.enum(PAYMENT_METHODS).default('cash'),
  memo,
});
export type WithdrawalInput = z.infer<typeof withdrawalInput>;

/**
 * Simpanan sukarela moved from one member to another (pindah buku): never below zero for the
 * giver, one journal entry for both.
 */
export const transferInput = z.strictObject({
  fromMemberId: idOf('mbr'),
  toMemberId: idOf('mbr'),
  amount: positiveAmount,
  date: isoDate.optional(),
  memo,
});
export type TransferInput = z.infer<typeof transferInput>;

export const reversalInput = z.strictObject({
  reason: z
    .string()
    .trim()
    .min(5, bi('Alasan koreksi wajib diisi (minimal 5 karakter)', 'A reason of at least 5 characters is required'))
    .max(300),
  date: isoDate.optional(),
});

export const duesAllocation = z.object({ period: z.string(), amount: rupiahString });

export const savingsTransaction = z.object({
  id: z.string(),
  /** Receipt number, e.g. KWT-2025-000123. */
  number: z.string(),
  member: z.object({ id: z.string(), number: z.number().int(), fullName: z.string() }),
  kind: z.enum(SAVINGS_KINDS),
  type: z.enum(TRANSACTION_TYPES),
  direction: z.enum(['in', 'out']),
  amount: rupiahString,
  /** The member's balance of this kind right after this transaction. */
  balanceAfter: rupiahString,
  date: z.string(),
  method: z.enum(TRANSACTION_METHODS),
  memo: z.string().nullable(),
  journalEntryId: z.string(),
  journalNumber: z.string(),
  reversesId: z.string().nullable(),
  reversedById: z.string().nullable(),
  settlementId: z.string().nullable(),
  duesAllocations: z.array(duesAllocation),
  createdBy: z.string(),
  createdAt: z.string(),
});
export type SavingsTransaction = z.infer<typeof savingsTransaction>;

/** A transfer's two legs: out of the giver's account and into the receiver's (receipts /1 and /2). */
export const transferResult = z.object({ from: savingsTransaction, to: savingsTransaction });

export const transactionQuery = z.strictObject({
  memberId: idOf('mbr').optional(),
  kind: z.enum(SAVINGS_KINDS).optional(),
  type: z.enum(TRANSACTION_TYPES).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  cursor: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type TransactionQuery = z.infer<typeof transactionQuery>;
export const transactionPage = z.object({ items: z.array(savingsTransaction), nextCursor: z.string().nullable() });
export const selfTransactionQuery = transactionQuery.omit({ memberId: true });

// ── balances and dues ───────────────────────────────────────────────────────────────────────

export const balances = z.object({ pokok: rupiahString, wajib: rupiahString, sukarela: rupiahString, total: rupiahString });

export const duesItem = z.object({
  period: z.string(),
  dueDate: z.string(),
  amount: rupiahString,
  paid: rupiahString,
  outstanding: rupiahString,
});

export const memberSavings = z.object({
  member: z.object({ id: z.string(), number: z.number().int(), fullName: z.string(), status: z.enum(MEMBER_STATUSES) }),
  balances,
  /** Whether the one-time simpanan pokok has been paid. */
  pokokPaid: z.boolean(),
  arrears: z.object({ months: z.number().int(), amount: rupiahString, periods: z.array(duesItem) }),
});
export type MemberSavings = z.infer<typeof memberSavings>;

export const balancesQuery = z.strictObject({
  q: z.string().trim().max(100).optional(),
  status: z.enum(MEMBER_STATUSES).optional(),
  cursor: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export const balanceRow = z.object({
  member: z.object({ id: z.string(), number: z.number().int(), fullName: z.string(), status: z.enum(MEMBER_STATUSES) }),
  balances,
});
export const balancesPage = z.object({
  items: z.array(balanceRow),
  nextCursor: z.string().nullable(),
  /** Sums over every member matching the filters, not only this page. */
  totals: balances,
});

export const duesRunInput = z.strictObject({ period: periodMonth });
export const duesRun = z.object({
  period: z.string(),
  /** Dues created by this call; 0 when the month was already billed for everyone. */
  billedNow: z.number().int(),
  membersBilled: z.number().int(),
  amountBilled: rupiahString,
  firstRunAt: z.string(),
  lastRunAt: z.string(),
});
export const duesRunList = z.object({ items: z.array(duesRun) });

export const arrearsQuery = z.strictObject({
  asOf: periodMonth.optional(),
  farmerGroupId: idOf('ktn').optional(),
  minMonths: z.coerce.number().int().min(1).max(120).default(1),
});
export const arrearsRow = z.object({
  member: z.object({
    id: z.string(),
    number: z.number().int(),
    fullName: z.string(),
    farmerGroup: z.string().nullable(),
    phone: z.string().nullable(),
  }),
  months: z.number().int(),
  amount: rupiahString,
  periods: z.array(z.string()),
});
export const arrearsList = z.object({
  asOf: z.string(),
  items: z.array(arrearsRow),
  totals: z.object({ members: z.number().int(), months: z.number().int(), amount: rupiahString }),
});

// ── leaving ─────────────────────────────────────────────────────────────────────────────────

export const leavingInput = z.strictObject({
  outcome: z.enum(['left', 'deceased']),
  reason: z.string().trim().min(3, bi('Alasan wajib diisi', 'A reason is required')).max(500),
  date: isoDate.optional(),
  method: z.enum(PAYMENT_METHODS).default('cash'),
});
export type LeavingInput = z.infer<typeof leavingInput>;

export const leavingPreview = z.object({
  member: z.object({ id: z.string(), number: z.number().int(), fullName: z.string(), status: z.enum(MEMBER_STATUSES) }),
  balances,
  /** What the member owes the cooperative (piutang anggota), set against the savings. */
  receivable: rupiahString,
  receivableOffset: rupiahString,
  /** Still owed after the set-off: stays on the member's account. */
  receivableRemaining: rupiahString,
  /** Cash (or transfer) paid to the member or their heirs. */
  netPaid: rupiahString,
  /** Outstanding loans block leaving until the loan is settled. */
  outstandingLoan: rupiahString,
  canLeave: z.boolean(),
  blockers: z.array(z.string()),
});

export const settlement = z.object({
  id: z.string(),
  member: z.object({ id: z.string(), number: z.number().int(), fullName: z.string(), status: z.enum(MEMBER_STATUSES) }),
  outcome: z.enum(['left', 'deceased']),
  reason: z.string(),
  date: z.string(),
  pokok: rupiahString,
  wajib: rupiahString,
  sukarela: rupiahString,
  receivableOffset: rupiahString,
  netPaid: rupiahString,
  method: z.enum(PAYMENT_METHODS),
  journalEntryId: z.string().nullable(),
  journalNumber: z.string().nullable(),
  transactions: z.array(savingsTransaction),
  createdBy: z.string(),
  createdAt: z.string(),
});
export type Settlement = z.infer<typeof settlement>;
