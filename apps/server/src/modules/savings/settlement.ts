/**
 * What a leaving member gets back: simpanan pokok and wajib are returned and sukarela paid out,
 * less what the member still owes the cooperative (piutang anggota), in one journal entry.
 * Outstanding loans block leaving: their schedule belongs to the loans module.
 */
import { ACCOUNTS, CASH_ACCOUNT } from '@kopdes/shared/ledger';
import { formatMemberNumber } from '@kopdes/shared/members';
import { formatRupiah } from '@kopdes/shared/money';
import type { LeavingInput, PaymentMethod, SavingsKind, Settlement } from '@kopdes/shared/savings';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../lib/actor.js';
import { AppError } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { recordAudit } from '../audit/audit.service.js';
import { accountBalance, listUnits, postEntry, type Posted, type PostingLine } from '../ledger/ledger.service.js';
import { memberRef, type MemberRef } from '../members/members.service.js';
import * as repo from './savings.repository.js';
import { ACCOUNT_OF, UNIT_OF, present, record, todayOf, type Movement } from './savings.service.js';

const KINDS: SavingsKind[] = ['pokok', 'wajib', 'sukarela'];
/** Set-off takes from the withdrawable savings first. */
const OFFSET_ORDER: SavingsKind[] = ['sukarela', 'wajib', 'pokok'];

interface Plan {
  balances: Record<SavingsKind, bigint>;
  receivables: { unit: string; amount: bigint }[];
  receivable: bigint;
  offsetByKind: Record<SavingsKind, bigint>;
  offset: bigint;
  netPaid: bigint;
  loan: bigint;
}

async function owed(db: Db, cooperativeId: string, memberId: string, asOf: string) {
  const units = await listUnits(db, cooperativeId);
  const receivables: { unit: string; amount: bigint }[] = [];
  for (const u of units) {
    const amount = await accountBalance(db, cooperativeId, { account: ACCOUNTS.PIUTANG_ANGGOTA, unit: u.code, memberId, asOf });
    if (amount > 0n) receivables.push({ unit: u.code, amount });
  }
  const loan = await accountBalance(db, cooperativeId, { account: ACCOUNTS.PINJAMAN_ANGGOTA, memberId, asOf });
  return { receivables, loan };
}

function plan(balances: Record<SavingsKind, bigint>, receivables: { unit: string; amount: bigint }[], loan: bigint): Plan {
  const total = balances.pokok + balances.wajib + balances.sukarela;
  const receivable = receivables.reduce((s, r) => s + r.amount, 0n);
  const offset = receivable < total ? receivable : total;
  const offsetByKind: Record<SavingsKind, bigint> = { pokok: 0n, wajib: 0n, sukarela: 0n };
  let left = offset;
  for (const k of OFFSET_ORDER) {
    const take = balances[k] < left ? balances[k] : left;
    offsetByKind[k] = take;
    left -= take;
  }
  return { balances, receivables, receivable, offsetByKind, offset, netPaid: total - offset, loan };
}

function blockers(member: MemberRef, p: Plan): string[] {
  const out: string[] = [];
  if (member.status === 'left' || member.status === 'deceased') out.push('Anggota sudah tidak aktif');
  if (p.loan > 0n) out.push(`Masih ada pinjaman ${formatRupiah(p.loan)}; lunasi atau selesaikan di unit simpan pinjam dulu`);
  return out;
}

const money = (n: bigint) => n.toString();

export async function leavingPreview(db: Db, cooperativeId: string, memberId: string) {
  const member = await memberRef(db, cooperativeId, memberId);
  const today = await todayOf(db, cooperativeId);
  const b = (await repo.balancesOf(db, cooperativeId, [memberId])).get(memberId)!;
  const o = await owed(db, cooperativeId, memberId, today);
  const p = plan(b, o.receivables, o.loan);
  const block = blockers(member, p);
  return {
    member: { id: member.id, number: member.number, fullName: member.fullName, status: member.status },
    balances: { pokok: money(b.pokok), wajib: money(b.wajib), sukarela: money(b.sukarela), total: money(b.pokok + b.wajib + b.sukarela) },
    receivable: money(p.receivable),
    receivableOffset: money(p.offset),
    receivableRemaining: money(p.receivable - p.offset),
    netPaid: money(p.netPaid),
    outstandingLoan: money(p.loan > 0n ? p.loan : 0n),
    canLeave: block.length === 0,
    blockers: block,
  };
}

function entryLines(member: MemberRef, p: Plan, method: PaymentMethod): PostingLine[] {
  const lines: PostingLine[] = [];
  for (const k of KINDS)
    if (p.balances[k] > 0n) lines.push({ account: ACCOUNT_OF[k], unit: UNIT_OF[k], debit: p.balances[k], memberId: member.id });
  let left = p.offset;
  for (const r of p.receivables) {
    if (left === 0n) break;
    const take = r.amount < left ? r.amount : left;
    lines.push({ account: ACCOUNTS.PIUTANG_ANGGOTA, unit: r.unit, credit: take, memberId: member.id, memo: 'Dipotong dari simpanan' });
    left -= take;
  }
  const cashByUnit = new Map<string, bigint>();
  for (const k of KINDS) cashByUnit.set(UNIT_OF[k], (cashByUnit.get(UNIT_OF[k]) ?? 0n) + p.balances[k] - p.offsetByKind[k]);
  for (const [unit, amount] of cashByUnit) if (amount > 0n) lines.push({ account: CASH_ACCOUNT[method], unit, credit: amount });
  return lines;
}

/**
 * Inside the leaving workflow's transaction, with the member already locked: locks the balances,
 * posts the settlement entry, writes one settlement transaction per kind with a balance, and
 * leaves every balance at zero.
 */
export async function settleForLeaving(
  db: Db,
  actor: Actor,
  cooperativeId: string,
  member: MemberRef,
  input: Required<Pick<LeavingInput, 'outcome' | 'reason' | 'method'>> & { date: string },
) {
  const balances = await repo.lockBalances(db, cooperativeId, member.id);
  const o = await owed(db, cooperativeId, member.id, input.date);
  const p = plan(balances, o.receivables, o.loan);
  if (p.loan > 0n) {
    const message = {
      id: `${member.fullName} masih punya pinjaman ${formatRupiah(p.loan)}; lunasi atau selesaikan pinjaman dulu sebelum keluar`,
      en: `${member.fullName} still has a loan of ${formatRupiah(p.loan)}; settle it before leaving`,
    };
    throw new AppError('conflict', 'loan_outstanding', message, [{ field: 'memberId', code: 'loan_outstanding', message }]);
  }
  const id = newId('stl');
  const total = p.balances.pokok + p.balances.wajib + p.balances.sukarela;
  let posted: Posted | null = null;
  if (total > 0n) {
    posted = await postEntry(db, cooperativeId, actor, {
      date: input.date,
      memo: `Pengembalian simpanan anggota ${input.outcome === 'deceased' ? 'meninggal dunia (ahli waris)' : 'keluar'} — ${member.fullName} (No. ${formatMemberNumber(member.number)})`,
      source: { module: 'savings.settlement', documentId: id },
      lines: entryLines(member, p, input.method),
    });
  }
  await repo.insertSettlement(db, {
    cooperativeId,
    id,
    memberId: member.id,
    date: input.date,
    outcome: input.outcome,
    reason: input.reason,
    pokok: p.balances.pokok,
    wajib: p.balances.wajib,
    sukarela: p.balances.sukarela,
    receivableOffset: p.offset,
    netPaid: p.netPaid,
    method: input.method,
    journalEntryId: posted?.id ?? null,
    journalNumber: posted?.number ?? null,
    createdById: actor.id,
    createdByLabel: actor.label,
  });
  const transactions = [];
  const kinds = KINDS.filter((k) => p.balances[k] > 0n);
  for (const [i, kind] of kinds.entries()) {
    const m: Movement = {
      id: newId('stx'),
      member,
      kind,
      type: 'settlement',
      direction: 'out',
      amount: p.balances[kind],
      balanceAfter: 0n,
      date: input.date,
      method: input.method,
      memo: p.offsetByKind[kind] > 0n ? `Dipotong piutang ${formatRupiah(p.offsetByKind[kind])}` : null,
      settlementId: id,
      allocations: [],
    };
    transactions.push(await record(db, actor, cooperativeId, m, async () => posted!, kinds.length > 1 ? i + 1 : undefined));
  }
  await repo.zeroBalances(db, cooperativeId, member.id);
  await recordAudit(db, cooperativeId, actor, {
    action: 'savings.settlement',
    entityType: 'member_settlement',
    entityId: id,
    changes: { memberId: member.id, outcome: input.outcome, ...p.balances, receivableOffset: p.offset, netPaid: p.netPaid },
  });
  return { id, plan: p, posted, transactions };
}

/** The settlement of a member who left; null while they are a member (404 for an unknown member). */
export async function settlementOf(db: Db, cooperativeId: string, memberId: string): Promise<Settlement | null> {
  const member = await memberRef(db, cooperativeId, memberId);
  const s = await repo.settlementOfMember(db, cooperativeId, memberId);
  if (!s) return null;
  const rows = await repo.listTransactions(db, cooperativeId, { memberId, settlementId: s.id }, 'oldest');
  return {
    id: s.id,
    member: { id: member.id, number: member.number, fullName: member.fullName, status: member.status },
    outcome: s.outcome as 'left' | 'deceased',
    reason: s.reason,
    date: s.date,
    pokok: money(s.pokok),
    wajib: money(s.wajib),
    sukarela: money(s.sukarela),
    receivableOffset: money(s.receivableOffset),
    netPaid: money(s.netPaid),
    method: s.method as PaymentMethod,
    journalEntryId: s.journalEntryId,
    journalNumber: s.journalNumber,
    transactions: rows.map((r) => present(r, member, [], null)),
    createdBy: s.createdByLabel,
    createdAt: s.createdAt.toISOString(),
  };
}
