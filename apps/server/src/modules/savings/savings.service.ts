/**
 * Members' savings: simpanan pokok (paid once on joining), wajib (billed monthly as dues) and
 * sukarela (deposited and withdrawn at will, never below zero). Every posting is one database
 * transaction with its journal entry; the balance row is locked by the update itself, so
 * concurrent withdrawals queue instead of overdrawing. Corrections are reversals.
 */
import { ACCOUNTS, CASH_ACCOUNT, type UnitCode } from '@kopdes/shared/ledger';
import { formatMemberNumber, type MemberStatus } from '@kopdes/shared/members';
import { formatDateId, todayIn } from '@kopdes/shared/format';
import { formatRupiah } from '@kopdes/shared/money';
import type {
  DepositInput,
  PaymentMethod,
  TransactionMethod,
  TransferInput,
  SavingsKind,
  SavingsSettingsInput,
  SavingsTransaction,
  SavingsTransactionType,
  TransactionQuery,
  WithdrawalInput,
} from '@kopdes/shared/savings';
import { KIND_LABELS, TYPE_LABELS } from '@kopdes/shared/savings';
import type { Db } from '../../db/client.js';
import { lateValue } from '../../db/edged-transaction.js';
import { inTransaction } from '../../db/transaction.js';
import type { Actor } from '../../lib/actor.js';
import { AppError, conflict, invalidField, notFound, type Msg } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { auditStatement, recordAudit } from '../audit/audit.service.js';
import { getCooperative } from '../cooperatives/cooperatives.service.js';
import { cte, postEntry, reverseEntry, type Posted, type PostingEntry, type PostingLine } from '../ledger/ledger.service.js';
import { memberDirectory, memberRef, memberRefAlongside, type MemberRef } from '../members/members.service.js';
import * as repo from './savings.repository.js';

/** Pokok and wajib are the cooperative's equity (kantor); sukarela funds the savings-and-loan unit. */
export const UNIT_OF: Record<SavingsKind, UnitCode> = { pokok: 'kantor', wajib: 'kantor', sukarela: 'simpan_pinjam' };
export const ACCOUNT_OF: Record<SavingsKind, string> = {
  pokok: ACCOUNTS.SIMPANAN_POKOK,
  wajib: ACCOUNTS.SIMPANAN_WAJIB,
  sukarela: ACCOUNTS.SIMPANAN_SUKARELA,
};

// A cooperative's time zone changes almost never; a short cache keeps it off the posting path.
const zones = new Map<string, { tz: string; at: number }>();
export async function todayOf(db: Db, cooperativeId: string): Promise<string> {
  let z = zones.get(cooperativeId);
  if (!z || Date.now() - z.at > 60_000) {
    z = { tz: (await getCooperative(db, cooperativeId)).timeZone, at: Date.now() };
    zones.set(cooperativeId, z);
  }
  return todayIn(z.tz);
}

const rp = (n: bigint) => formatRupiah(n);
const numberOf = (m: { number: number }) => formatMemberNumber(m.number);

export function checkDate(date: string, today: string, member?: { joinDate: string }) {
  if (date > today)
    throw invalidField('date', 'date_future', {
      id: 'Tanggal transaksi tidak boleh di masa depan',
      en: 'The transaction date cannot be in the future',
    });
  if (member && date < member.joinDate)
    throw invalidField('date', 'date_before_join', {
      id: `Tanggal transaksi tidak boleh sebelum tanggal masuk anggota (${formatDateId(member.joinDate)})`,
      en: `The transaction date cannot be before the member's join date (${member.joinDate})`,
    });
}

const STATUS_ID: Record<MemberStatus, string> = {
  applicant: 'calon anggota',
  active: 'aktif',
  left: 'sudah keluar',
  deceased: 'meninggal dunia',
};

export function requireStatus(m: MemberRef, allowed: MemberStatus[], action: Msg, field = 'memberId') {
  if (allowed.includes(m.status)) return;
  const message = {
    id: `${m.fullName} (No. ${numberOf(m)}) berstatus ${STATUS_ID[m.status]}: ${action.id} ditolak`,
    en: `${m.fullName} (No. ${numberOf(m)}) is ${m.status}: ${action.en} refused`,
  };
  throw new AppError('conflict', 'member_not_active', message, [{ field, code: 'member_not_active', message }]);
}

const memberUnknown = (field = 'memberId') => {
  const message = { id: 'Anggota tidak ditemukan di koperasi ini', en: 'Member not found in this cooperative' };
  return new AppError('unprocessable', 'member_not_found', message, [{ field, code: 'member_not_found', message }]);
};

function isForeignKeyViolation(e: unknown): boolean {
  for (let cur = e as { code?: unknown; cause?: unknown } | undefined, i = 0; cur && i < 4; i++) {
    if (cur.code === '23503') return true;
    cur = cur.cause as typeof cur;
  }
  return false;
}

/** Credits the balance and reads the member in one round trip; an unknown member is refused naming `field`. */
async function creditMember(db: Db, cooperativeId: string, memberId: string, kind: SavingsKind, amount: bigint, field = 'memberId') {
  try {
    const credit = repo.creditStatement(cooperativeId, memberId, kind, amount);
    const { member, v } = await memberRefAlongside(db, cooperativeId, memberId, { inBody: true, field }, credit);
    return { member, balance: BigInt(v!) };
  } catch (e) {
    if (isForeignKeyViolation(e)) throw memberUnknown(field);
    throw e;
  }
}

function insufficient(kind: SavingsKind, available: bigint, amountField = 'amount') {
  const message = {
    id: `Saldo ${KIND_LABELS[kind].id.toLowerCase()} tidak cukup: tersedia ${rp(available)}`,
    en: `Insufficient ${KIND_LABELS[kind].en.toLowerCase()} balance: ${rp(available)} available`,
  };
  return new AppError('unprocessable', 'insufficient_balance', message, [{ field: amountField, code: 'insufficient_balance', message }], {
    available: available.toString(),
  });
}

// ── settings ────────────────────────────────────────────────────────────────────────────────

const presentSetting = (s: repo.SettingsRow) => ({
  effectiveFrom: s.effectiveFrom,
  pokokAmount: s.pokokAmount.toString(),
  wajibAmount: s.wajibAmount.toString(),
  wajibPeriodMonths: s.wajibPeriodMonths,
  createdBy: s.createdByLabel,
  createdAt: s.createdAt.toISOString(),
});

export async function getSettings(db: Db, cooperativeId: string) {
  const today = await todayOf(db, cooperativeId);
  const rows = await repo.listSettings(db, cooperativeId);
  const current = rows.find((r) => r.effectiveFrom <= today);
  return { current: current ? presentSetting(current) : null, history: rows.map(presentSetting) };
}

/**
 * Records the amounts in force from a date. A setting already in force cannot be changed (it
 * priced past postings); a new one from a later date replaces it going forward.
 */
export async function saveSettings(db: Db, actor: Actor, cooperativeId: string, input: SavingsSettingsInput) {
  const today = await todayOf(db, cooperativeId);
  const existing = (await repo.listSettings(db, cooperativeId)).find((r) => r.effectiveFrom === input.effectiveFrom);
  if (existing && existing.effectiveFrom <= today) {
    const message = {
      id: `Ketentuan simpanan yang berlaku sejak ${formatDateId(existing.effectiveFrom)} sudah dipakai; buat ketentuan baru dengan tanggal berlaku sesudah hari ini`,
      en: `The savings setting in force since ${existing.effectiveFrom} is in use; add a new one effective after today`,
    };
    throw new AppError('conflict', 'setting_in_force', message, [{ field: 'effectiveFrom', code: 'setting_in_force', message }]);
  }
  await db.transaction(async (tx) => {
    await repo.upsertSetting(tx, {
      cooperativeId,
      effectiveFrom: input.effectiveFrom,
      pokokAmount: BigInt(input.pokokAmount),
      wajibAmount: BigInt(input.wajibAmount),
      wajibPeriodMonths: input.wajibPeriodMonths,
      createdByLabel: actor.label,
    });
    await recordAudit(tx, cooperativeId, actor, {
      action: 'savings.settings',
      entityType: 'savings_settings',
      entityId: input.effectiveFrom,
      changes: input,
    });
  });
  return getSettings(db, cooperativeId);
}

async function settingOn(db: Db, cooperativeId: string, date: string) {
  const s = await repo.settingOn(db, cooperativeId, date);
  if (!s)
    throw conflict('savings_settings_missing', {
      id: `Belum ada ketentuan besaran simpanan pokok dan wajib yang berlaku pada ${formatDateId(date)}; atur dulu di Pengaturan Simpanan`,
      en: `No savings setting (pokok and wajib amounts) is in force on ${date}; add one first`,
    });
  return s;
}

// ── postings ────────────────────────────────────────────────────────────────────────────────

export interface Movement {
  id: string;
  member: MemberRef;
  kind: SavingsKind;
  type: SavingsTransactionType;
  direction: 'in' | 'out';
  amount: bigint;
  balanceAfter: bigint;
  date: string;
  method: TransactionMethod;
  memo: string | null;
  reversesId?: string;
  settlementId?: string;
  allocations: { period: string; amount: bigint }[];
}

/**
 * A receipt takes the number of its journal entry (JU-2025-000123 → KWT-2025-000123), so the
 * treasurer finds one from the other, and no second counter serialises postings. Several
 * transactions of one entry (a settlement, a daily recap) are told apart by /1, /2, …
 * @example receiptNumber('JU-2025-000123', 2) // 'KWT-2025-000123/2'
 */
export const receiptNumber = (journalNumber: string, part?: number) =>
  `${journalNumber.startsWith('JU-') ? `KWT-${journalNumber.slice(3)}` : `KWT-${journalNumber}`}${part ? `/${part}` : ''}`;

export function journalMemo(m: { type: SavingsTransactionType; kind: SavingsKind; member: { fullName: string; number: number } }) {
  return `${TYPE_LABELS[m.type].id} ${KIND_LABELS[m.kind].id} — ${m.member.fullName} (No. ${numberOf(m.member)})`;
}

/** Lines of a plain deposit or withdrawal: cash against the member's savings account, in the kind's unit. */
function linesOf(m: Movement): PostingLine[] {
  const unit = UNIT_OF[m.kind];
  const cash = { account: CASH_ACCOUNT[m.method as PaymentMethod], unit };
  const savings = { account: ACCOUNT_OF[m.kind], unit, memberId: m.member.id };
  return m.direction === 'in'
    ? [
        { ...cash, debit: m.amount },
        { ...savings, credit: m.amount },
      ]
    : [
        { ...savings, debit: m.amount },
        { ...cash, credit: m.amount },
      ];
}

/**
 * The audit record, the journal entry, the transaction row (numbered after the entry) and its dues
 * payments. `journal` is the entry to post (posted with the row in one statement), or the entry
 * already posted for several rows (a transfer's legs, a settlement's kinds).
 */
export async function record(
  db: Db,
  actor: Actor,
  cooperativeId: string,
  m: Movement,
  journal: PostingEntry | ((tx: Db) => Promise<Posted>),
  part?: number,
  atClose = false,
) {
  const audit = {
    action: `savings.${m.type}`,
    entityType: 'savings_transaction',
    entityId: m.id,
    changes: { memberId: m.member.id, kind: m.kind, amount: m.amount, date: m.date, method: m.method, reversesId: m.reversesId ?? null },
  };
  const before: repo.RowBeforeEntry = {
    cooperativeId,
    id: m.id,
    memberId: m.member.id,
    kind: m.kind,
    type: m.type,
    direction: m.direction,
    amount: m.amount,
    balanceAfter: m.balanceAfter,
    date: m.date,
    method: m.method,
    reversesId: m.reversesId ?? null,
    settlementId: m.settlementId ?? null,
    memo: m.memo,
    createdById: actor.id,
    createdByLabel: actor.label,
    requestId: actor.requestId ?? null,
  };
  // The journal's gap-free number serialises writers until commit: posted as late as possible.
  const numbered = (p: Posted) => ({ ...before, number: receiptNumber(p.number, part), journalEntryId: p.id, journalNumber: p.number });
  let posted: Posted;
  if (typeof journal === 'function') {
    await recordAudit(db, cooperativeId, actor, audit);
    posted = await journal(db);
    await repo.insertTransactions(db, [numbered(posted)]);
  } else {
    posted = await postEntry(db, cooperativeId, actor, journal, {
      alongside: {
        ctes: [
          cte('savings_row', repo.insertTransactionAlongsideEntry(before, part)),
          cte('audit_row', auditStatement(db, cooperativeId, actor, audit)),
        ],
      },
      // With no dues paid, nothing after the posting reads its rows: it can wait for COMMIT.
      atClose: atClose && m.allocations.length === 0,
    });
  }
  const row = posted.late
    ? {
        ...numbered(posted),
        number: lateValue(db, repo.receiptNumberSql(cooperativeId, m.id), (r) => receiptNumber(String(r.number), part)),
      }
    : numbered(posted);
  await repo.insertDuesPayments(
    db,
    m.allocations.map((a) => ({ cooperativeId, transactionId: m.id, memberId: m.member.id, period: a.period, amount: a.amount })),
  );
  return present({ ...row, createdAt: new Date() } as repo.TransactionRow, m.member, m.allocations, null);
}

export function present(
  row: repo.TransactionRow,
  member: { id: string; number: number; fullName: string },
  allocations: { period: string; amount: bigint }[],
  reversedById: string | null,
): SavingsTransaction {
  return {
    id: row.id,
    number: row.number,
    member: { id: member.id, number: member.number, fullName: member.fullName },
    kind: row.kind as SavingsKind,
    type: row.type as SavingsTransactionType,
    direction: row.direction as 'in' | 'out',
    amount: row.amount.toString(),
    balanceAfter: row.balanceAfter.toString(),
    date: row.date,
    method: row.method as TransactionMethod,
    memo: row.memo,
    journalEntryId: row.journalEntryId,
    journalNumber: row.journalNumber,
    reversesId: row.reversesId,
    reversedById,
    settlementId: row.settlementId,
    duesAllocations: allocations.map((a) => ({ period: a.period, amount: a.amount.toString() })),
    createdBy: row.createdByLabel,
    createdAt: row.createdAt.toISOString(),
  };
}

/** Splits a wajib payment over the open dues, oldest first; more than is due is refused. */
function allocateToDues(open: repo.DuesWithPaid[], amount: bigint, member: MemberRef) {
  const due = open.reduce((s, d) => s + d.amount - d.paid, 0n);
  if (amount > due) {
    const message =
      due === 0n
        ? {
            id: `${member.fullName} tidak punya tagihan simpanan wajib yang terbuka; jalankan penagihan bulanan dulu`,
            en: `${member.fullName} has no open simpanan wajib dues; run the monthly billing first`,
          }
        : {
            id: `Setoran simpanan wajib melebihi tagihan terbuka: ${rp(due)} (${open.length} bulan)`,
            en: `The wajib deposit exceeds the open dues: ${rp(due)} (${open.length} months)`,
          };
    throw new AppError('unprocessable', 'exceeds_dues', message, [{ field: 'amount', code: 'exceeds_dues', message }], {
      due: due.toString(),
    });
  }
  const out: { period: string; amount: bigint }[] = [];
  let left = amount;
  for (const d of open) {
    if (left === 0n) break;
    const part = d.amount - d.paid < left ? d.amount - d.paid : left;
    out.push({ period: d.period, amount: part });
    left -= part;
  }
  return out;
}

/**
 * Where a deposit's money comes from when it is not the till or the bank: another module's account
 * that the deposit's journal entry debits instead (a farmer's payable when a produce payout keeps
 * back the simpanan wajib due).
 */
export interface DepositFunding {
  debit: { account: string; unit: string; memberId?: string };
}

/**
 * `lastWrite`: the caller writes nothing after this in its transaction and reads nothing of it, so
 * the posting may wait for the closing round trip of an Idempotency-Key request (postEntry's
 * `atClose`): the routes, not the workflows that go on writing.
 */
export interface LastWrite {
  lastWrite?: boolean;
}

export async function deposit(
  db: Db,
  actor: Actor,
  cooperativeId: string,
  input: DepositInput,
  funding?: DepositFunding,
  opts: LastWrite = {},
): Promise<SavingsTransaction> {
  const amount = BigInt(input.amount);
  const today = await todayOf(db, cooperativeId);
  const date = input.date ?? today;
  checkDate(date, today);
  const setting = input.kind === 'pokok' ? await settingOn(db, cooperativeId, date) : undefined;
  return inTransaction(db, async (tx) => {
    const { member, balance } = await creditMember(tx, cooperativeId, input.memberId, input.kind, amount);
    requireStatus(member, input.kind === 'pokok' ? ['applicant', 'active'] : ['active'], {
      id: `setoran ${KIND_LABELS[input.kind].id.toLowerCase()}`,
      en: `a ${input.kind} deposit`,
    });
    checkDate(date, today, member);
    let allocations: { period: string; amount: bigint }[] = [];
    if (input.kind === 'pokok') {
      if (balance !== amount) {
        const message = {
          id: `Simpanan pokok ${member.fullName} sudah dibayar (${rp(balance - amount)}); simpanan pokok hanya dibayar sekali`,
          en: `${member.fullName} has already paid simpanan pokok (${rp(balance - amount)}); it is paid once`,
        };
        throw new AppError('conflict', 'pokok_paid', message, [{ field: 'kind', code: 'pokok_paid', message }]);
      }
      if (amount !== setting!.pokokAmount) {
        const message = {
          id: `Simpanan pokok harus ${rp(setting!.pokokAmount)} (ketentuan sejak ${formatDateId(setting!.effectiveFrom)})`,
          en: `Simpanan pokok must be ${rp(setting!.pokokAmount)} (setting since ${setting!.effectiveFrom})`,
        };
        throw new AppError('unprocessable', 'pokok_amount', message, [{ field: 'amount', code: 'pokok_amount', message }]);
      }
    }
    if (input.kind === 'wajib') {
      const open = await repo.duesOf(tx, cooperativeId, { memberIds: [member.id], openOnly: true });
      allocations = allocateToDues(open, amount, member);
    }
    const m: Movement = {
      id: newId('stx'),
      member,
      kind: input.kind,
      type: 'deposit',
      direction: 'in',
      amount,
      balanceAfter: balance,
      date,
      method: input.method,
      memo: input.memo ?? null,
      allocations,
    };
    return record(
      tx,
      actor,
      cooperativeId,
      m,
      {
        date,
        memo: journalMemo(m),
        source: { module: 'savings', documentId: m.id },
        lines: funding
          ? [
              { ...funding.debit, debit: amount },
              { account: ACCOUNT_OF[m.kind], unit: UNIT_OF[m.kind], credit: amount, memberId: member.id },
            ]
          : linesOf(m),
      },
      undefined,
      opts.lastWrite,
    );
  });
}

export async function withdraw(
  db: Db,
  actor: Actor,
  cooperativeId: string,
  input: WithdrawalInput,
  opts: LastWrite = {},
): Promise<SavingsTransaction> {
  const amount = BigInt(input.amount);
  const today = await todayOf(db, cooperativeId);
  const date = input.date ?? today;
  checkDate(date, today);
  const action = { id: 'penarikan simpanan sukarela', en: 'a withdrawal' };
  return inTransaction(db, async (tx) => {
    const debited = repo.debitIfCoveredStatement(cooperativeId, input.memberId, 'sukarela', amount);
    const { member, v } = await memberRefAlongside(tx, cooperativeId, input.memberId, { inBody: true }, debited);
    const balance = v === null ? undefined : BigInt(v);
    requireStatus(member, ['active'], action);
    if (balance === undefined) throw insufficient('sukarela', await repo.balanceOf(tx, cooperativeId, member.id, 'sukarela'));
    checkDate(date, today, member);
    const m: Movement = {
      id: newId('stx'),
      member,
      kind: 'sukarela',
      type: 'withdrawal',
      direction: 'out',
      amount,
      balanceAfter: balance,
      date,
      method: input.method,
      memo: input.memo ?? null,
      allocations: [],
    };
    const entry = { date, memo: journalMemo(m), source: { module: 'savings', documentId: m.id }, lines: linesOf(m) };
    return record(tx, actor, cooperativeId, m, entry, undefined, opts.lastWrite);
  });
}

const transactionNotFound = () => notFound({ id: 'Transaksi simpanan tidak ditemukan', en: 'Savings transaction not found' });

/**
 * Undoes a deposit, withdrawal or transfer with its mirror image, linked to it; the original
 * stays. A transfer is undone whole: both members' legs, one reversing journal entry.
 */
export async function reverseTransaction(
  db: Db,
  actor: Actor,
  cooperativeId: string,
  id: string,
  input: { reason: string; date?: string },
) {
  const today = await todayOf(db, cooperativeId);
  const date = input.date ?? today;
  checkDate(date, today);
  return inTransaction(db, async (tx) => {
    const original = await repo.findTransaction(tx, cooperativeId, id);
    if (!original) throw transactionNotFound();
    if (original.type === 'reversal')
      throw conflict('is_reversal', { id: 'Transaksi koreksi tidak dapat dikoreksi lagi', en: 'A reversal cannot itself be reversed' });
    if (original.type === 'settlement')
      throw conflict('settlement_final', {
        id: 'Pengembalian simpanan saat keluar tidak dapat dibatalkan',
        en: 'Savings returned on leaving cannot be reversed',
      });
    const legs = original.type === 'transfer' ? await repo.transactionsOfEntry(tx, cooperativeId, original.journalEntryId) : [original];
    const [already] = await repo.reversalsOf(
      tx,
      cooperativeId,
      legs.map((l) => l.id),
    );
    if (already)
      throw conflict('already_reversed', {
        id: `Transaksi ${original.number} sudah dikoreksi`,
        en: `Transaction ${original.number} has already been reversed`,
      });
    if (date < original.date)
      throw invalidField('date', 'before_original', {
        id: `Tanggal koreksi tidak boleh sebelum tanggal transaksi asal (${formatDateId(original.date)})`,
        en: `A reversal cannot be dated before the original (${original.date})`,
      });
    // Balances are locked in member order, so two corrections touching the same members cannot deadlock.
    const balances = new Map<string, bigint>();
    for (const leg of [...legs].sort((a, b) => (a.memberId < b.memberId ? -1 : 1))) {
      const kind = leg.kind as SavingsKind;
      if (leg.direction === 'in') {
        const after = await repo.debitIfCovered(tx, cooperativeId, leg.memberId, kind, leg.amount);
        if (after === undefined) {
          const available = await repo.balanceOf(tx, cooperativeId, leg.memberId, kind);
          const message = {
            id: `Koreksi ditolak: saldo ${KIND_LABELS[kind].id.toLowerCase()} tinggal ${rp(available)}, kurang dari ${rp(leg.amount)} yang dibatalkan`,
            en: `Reversal refused: the ${kind} balance is ${rp(available)}, less than the ${rp(leg.amount)} to undo`,
          };
          throw new AppError('unprocessable', 'insufficient_balance', message, [{ field: 'id', code: 'insufficient_balance', message }]);
        }
        balances.set(leg.id, after);
      } else balances.set(leg.id, await repo.credit(tx, cooperativeId, leg.memberId, kind, leg.amount));
    }
    let posted: Posted | undefined;
    let first: SavingsTransaction | undefined;
    for (const [i, leg] of legs.entries()) {
      const member = await memberRef(tx, cooperativeId, leg.memberId);
      requireStatus(member, ['applicant', 'active'], { id: 'koreksi', en: 'a reversal' });
      const allocations = (await repo.duesPaymentsOf(tx, cooperativeId, [leg.id])).map((p) => ({ period: p.period, amount: -p.amount }));
      const m: Movement = {
        id: newId('stx'),
        member,
        kind: leg.kind as SavingsKind,
        type: 'reversal',
        direction: leg.direction === 'in' ? 'out' : 'in',
        amount: leg.amount,
        balanceAfter: balances.get(leg.id)!,
        date,
        method: leg.method as TransactionMethod,
        memo: `Koreksi ${leg.number}: ${input.reason}`,
        reversesId: leg.id,
        allocations,
      };
      const done = await record(
        tx,
        actor,
        cooperativeId,
        m,
        async (t) =>
          (posted ??= await reverseEntry(t, cooperativeId, actor, original.journalEntryId, {
            date,
            memo: `${journalMemo(m)} — Koreksi ${original.number}: ${input.reason}`,
          })),
        legs.length > 1 ? i + 1 : undefined,
      );
      if (leg.id === original.id) first = done;
    }
    return first!;
  });
}

/**
 * Pindah buku: simpanan sukarela from one member to another, never below zero for the giver (also
 * under concurrent withdrawals and transfers), two receipts and one journal entry.
 */
export async function transfer(db: Db, actor: Actor, cooperativeId: string, input: TransferInput) {
  const amount = BigInt(input.amount);
  const today = await todayOf(db, cooperativeId);
  const date = input.date ?? today;
  checkDate(date, today);
  if (input.fromMemberId === input.toMemberId)
    throw invalidField('toMemberId', 'same_member', {
      id: 'Anggota penerima harus berbeda dari anggota pengirim',
      en: 'The receiving member must differ from the giving member',
    });
  return inTransaction(db, async (tx) => {
    // Accounts are locked in member order, so opposite transfers cannot deadlock.
    let fromBalance: bigint | undefined;
    const giverFirst = input.fromMemberId < input.toMemberId;
    if (giverFirst) fromBalance = await repo.debitIfCovered(tx, cooperativeId, input.fromMemberId, 'sukarela', amount);
    const { member: to, balance: toBalance } = await creditMember(tx, cooperativeId, input.toMemberId, 'sukarela', amount, 'toMemberId');
    if (!giverFirst) fromBalance = await repo.debitIfCovered(tx, cooperativeId, input.fromMemberId, 'sukarela', amount);
    const from = await memberRef(tx, cooperativeId, input.fromMemberId, { inBody: true, field: 'fromMemberId' });
    requireStatus(from, ['active'], { id: 'pindah buku', en: 'a transfer' }, 'fromMemberId');
    requireStatus(to, ['active'], { id: 'pindah buku', en: 'a transfer' }, 'toMemberId');
    if (fromBalance === undefined) throw insufficient('sukarela', await repo.balanceOf(tx, cooperativeId, from.id, 'sukarela'));
    checkDate(date, today, from);
    checkDate(date, today, to);
    const memo = input.memo ?? null;
    const leg = (member: MemberRef, direction: 'in' | 'out', balanceAfter: bigint): Movement => ({
      id: newId('stx'),
      member,
      kind: 'sukarela',
      type: 'transfer',
      direction,
      amount,
      balanceAfter,
      date,
      method: 'transfer',
      memo: memo ?? (direction === 'out' ? `Ke ${to.fullName} (No. ${numberOf(to)})` : `Dari ${from.fullName} (No. ${numberOf(from)})`),
      allocations: [],
    });
    const unit = UNIT_OF.sukarela;
    const account = ACCOUNT_OF.sukarela;
    let posted: Posted | undefined;
    const post = async (t: Db) =>
      (posted ??= await postEntry(t, cooperativeId, actor, {
        date,
        memo: `Pindah buku simpanan sukarela — ${from.fullName} (No. ${numberOf(from)}) ke ${to.fullName} (No. ${numberOf(to)})`,
        source: { module: 'savings', documentId: outLeg.id },
        lines: [
          { account, unit, debit: amount, memberId: from.id },
          { account, unit, credit: amount, memberId: to.id },
        ],
      }));
    const outLeg = leg(from, 'out', fromBalance);
    const inLeg = leg(to, 'in', toBalance);
    const sent = await record(tx, actor, cooperativeId, outLeg, post, 1);
    const received = await record(tx, actor, cooperativeId, inLeg, post, 2);
    return { from: sent, to: received };
  });
}

// ── reading ─────────────────────────────────────────────────────────────────────────────────

async function presentRows(db: Db, cooperativeId: string, rows: repo.TransactionRow[]) {
  const ids = rows.map((r) => r.id);
  // Sequential reads: `db` may be a caller's transaction, which runs one query at a time.
  const members = await memberDirectory(db, cooperativeId, { ids: [...new Set(rows.map((r) => r.memberId))] });
  const payments = await repo.duesPaymentsOf(db, cooperativeId, ids);
  const reversals = await repo.reversalsOf(db, cooperativeId, ids);
  const byId = new Map(members.map((m) => [m.id, m]));
  const reversedBy = new Map(reversals.map((r) => [r.reversesId!, r.id]));
  return rows.map((r) =>
    present(
      r,
      byId.get(r.memberId) ?? { id: r.memberId, number: 0, fullName: '' },
      payments.filter((p) => p.transactionId === r.id),
      reversedBy.get(r.id) ?? null,
    ),
  );
}

export async function getTransaction(db: Db, cooperativeId: string, id: string, onlyMemberId?: string) {
  const row = await repo.findTransaction(db, cooperativeId, id);
  if (!row || (onlyMemberId && row.memberId !== onlyMemberId)) throw transactionNotFound();
  return (await presentRows(db, cooperativeId, [row]))[0]!;
}

const encodeCursor = (r: { date: string; id: string }) => Buffer.from(`${r.date}|${r.id}`).toString('base64url');
function decodeCursor(c: string | undefined) {
  if (!c) return undefined;
  const [date, id] = Buffer.from(c, 'base64url').toString().split('|');
  if (!date || !id || !/^\d{4}-\d{2}-\d{2}$/.test(date))
    throw invalidField('query.cursor', 'invalid_cursor', { id: 'Kursor halaman tidak valid', en: 'Invalid page cursor' });
  return { date, id };
}

export async function listTransactions(db: Db, cooperativeId: string, q: TransactionQuery) {
  const rows = await repo.listTransactions(db, cooperativeId, { ...q, before: decodeCursor(q.cursor), limit: q.limit + 1 });
  const more = rows.length > q.limit;
  const page = more ? rows.slice(0, q.limit) : rows;
  return { items: await presentRows(db, cooperativeId, page), nextCursor: more ? encodeCursor(page[page.length - 1]!) : null };
}

/** Every transaction of a member in posting order: the passbook. */
export async function memberHistory(db: Db, cooperativeId: string, memberId: string) {
  const rows = await repo.listTransactions(db, cooperativeId, { memberId }, 'oldest');
  return presentRows(db, cooperativeId, rows);
}

const balancesJson = (b: Record<repo.Kind, bigint>) => ({
  pokok: b.pokok.toString(),
  wajib: b.wajib.toString(),
  sukarela: b.sukarela.toString(),
  total: (b.pokok + b.wajib + b.sukarela).toString(),
});

export async function memberBalances(db: Db, cooperativeId: string, memberId: string) {
  return (await repo.balancesOf(db, cooperativeId, [memberId])).get(memberId)!;
}

const currentPeriod = (today: string) => today.slice(0, 7);

/** Balances, whether pokok is paid, and the open wajib dues up to this month. */
export async function memberSavings(db: Db, cooperativeId: string, memberId: string) {
  const member = await memberRef(db, cooperativeId, memberId);
  const today = await todayOf(db, cooperativeId);
  const b = await memberBalances(db, cooperativeId, memberId);
  const open = await repo.duesOf(db, cooperativeId, { memberIds: [memberId], openOnly: true, upTo: currentPeriod(today) });
  const periods = open.map(duesJson);
  return {
    member: { id: member.id, number: member.number, fullName: member.fullName, status: member.status },
    balances: balancesJson(b),
    pokokPaid: b.pokok > 0n,
    arrears: { months: open.length, amount: open.reduce((s, d) => s + d.amount - d.paid, 0n).toString(), periods },
  };
}

const duesJson = (d: repo.DuesWithPaid) => ({
  period: d.period,
  dueDate: d.dueDate,
  amount: d.amount.toString(),
  paid: d.paid.toString(),
  outstanding: (d.amount - d.paid).toString(),
});

/** All dues of a member with what was paid on each, newest first. */
export async function memberDues(db: Db, cooperativeId: string, memberId: string) {
  await memberRef(db, cooperativeId, memberId);
  const rows = await repo.duesOf(db, cooperativeId, { memberIds: [memberId] });
  return { items: rows.reverse().map(duesJson) };
}

export async function balancesPage(
  db: Db,
  cooperativeId: string,
  q: { q?: string; status?: MemberStatus; cursor?: string; limit: number },
) {
  let members = await memberDirectory(db, cooperativeId, { status: q.status });
  if (q.q) {
    const needle = q.q.toLowerCase();
    members = members.filter((m) => m.fullName.toLowerCase().includes(needle) || String(m.number) === needle.replace(/^0+/, ''));
  }
  const after = q.cursor ? Number(q.cursor) : 0;
  if (!Number.isInteger(after) || after < 0)
    throw invalidField('query.cursor', 'invalid_cursor', { id: 'Kursor halaman tidak valid', en: 'Invalid page cursor' });
  const rest = members.filter((m) => m.number > after);
  const page = rest.slice(0, q.limit);
  const b = await repo.balancesOf(
    db,
    cooperativeId,
    page.map((m) => m.id),
  );
  const totals = await repo.balanceTotals(db, cooperativeId, q.q || q.status ? members.map((m) => m.id) : undefined);
  return {
    items: page.map((m) => ({
      member: { id: m.id, number: m.number, fullName: m.fullName, status: m.status },
      balances: balancesJson(b.get(m.id)!),
    })),
    nextCursor: rest.length > q.limit ? String(page[page.length - 1]!.number) : null,
    totals: balancesJson(totals),
  };
}

// ── dues ────────────────────────────────────────────────────────────────────────────────────

const lastDayOf = (period: string) => {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
};

const presentRun = (r: Awaited<ReturnType<typeof repo.recordRun>>, billedNow: number) => ({
  period: r.period,
  billedNow,
  membersBilled: r.membersBilled,
  amountBilled: r.amountBilled.toString(),
  firstRunAt: r.firstRunAt.toISOString(),
  lastRunAt: r.lastRunAt.toISOString(),
});

/**
 * Bills simpanan wajib for a month to every member active then. Running a month again bills only
 * members who have no bill for it yet (e.g. admitted since), so a repeated run changes nothing.
 */
export async function runDues(db: Db, actor: Actor, cooperativeId: string, period: string) {
  const today = await todayOf(db, cooperativeId);
  if (period > currentPeriod(today)) {
    const message = { id: `Bulan ${period} belum tiba; tagihan hanya untuk bulan ini atau sebelumnya`, en: `${period} has not come yet` };
    throw new AppError('validation', 'period_future', message, [{ field: 'period', code: 'period_future', message }]);
  }
  const end = lastDayOf(period);
  const setting = await settingOn(db, cooperativeId, end);
  const [y, m] = period.split('-').map(Number) as [number, number];
  if ((y * 12 + m - 1) % setting.wajibPeriodMonths !== 0) {
    const message = {
      id: `Simpanan wajib ditagih tiap ${setting.wajibPeriodMonths} bulan; ${period} bukan bulan tagihan`,
      en: `Simpanan wajib is billed every ${setting.wajibPeriodMonths} months; ${period} is not a billing month`,
    };
    throw new AppError('validation', 'not_billing_month', message, [{ field: 'period', code: 'not_billing_month', message }]);
  }
  const members = await memberDirectory(db, cooperativeId, { status: 'active', joinedBy: end });
  return db.transaction(async (tx) => {
    const billed = await repo.insertDues(
      tx,
      members.map((mb) => ({ cooperativeId, memberId: mb.id, period, amount: setting.wajibAmount, dueDate: end })),
    );
    const run = await repo.recordRun(tx, cooperativeId, period, billed, actor.label);
    await recordAudit(tx, cooperativeId, actor, {
      action: 'savings.dues_run',
      entityType: 'savings_dues_run',
      entityId: period,
      changes: { billedNow: billed.count, amount: billed.amount },
    });
    return presentRun(run, billed.count);
  });
}

export async function listDuesRuns(db: Db, cooperativeId: string) {
  return { items: (await repo.listRuns(db, cooperativeId)).map((r) => presentRun(r, 0)) };
}

/** Active members with unpaid wajib dues up to a month, most months first. */
export async function arrears(db: Db, cooperativeId: string, q: { asOf?: string; farmerGroupId?: string; minMonths: number }) {
  const asOf = q.asOf ?? currentPeriod(await todayOf(db, cooperativeId));
  const members = await memberDirectory(db, cooperativeId, { status: 'active', farmerGroupId: q.farmerGroupId });
  const open = await repo.duesOf(db, cooperativeId, { memberIds: members.map((m) => m.id), upTo: asOf, openOnly: true });
  const byMember = new Map<string, repo.DuesWithPaid[]>();
  for (const d of open) byMember.set(d.memberId, [...(byMember.get(d.memberId) ?? []), d]);
  const items = members
    .filter((m) => (byMember.get(m.id)?.length ?? 0) >= q.minMonths)
    .map((m) => {
      const dues = byMember.get(m.id)!;
      return {
        member: { id: m.id, number: m.number, fullName: m.fullName, farmerGroup: m.farmerGroupName, phone: m.phone },
        months: dues.length,
        amount: dues.reduce((s, d) => s + d.amount - d.paid, 0n),
        periods: dues.map((d) => d.period),
      };
    })
    .sort((a, b) => b.months - a.months || a.member.number - b.member.number);
  return {
    asOf,
    items: items.map((i) => ({ ...i, amount: i.amount.toString() })),
    totals: {
      members: items.length,
      months: items.reduce((s, i) => s + i.months, 0),
      amount: items.reduce((s, i) => s + i.amount, 0n).toString(),
    },
  };
}
