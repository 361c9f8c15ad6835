/**
 * Past savings in bulk: what a cooperative moving from paper passbooks (or the demo) brings in —
 * months of dues and thousands of deposits and withdrawals. The same rules as single postings
 * (pokok once at the set amount, wajib only against billed dues, sukarela never below zero), but
 * each day's postings of one kind share one journal entry (a daily recap, the member on each line)
 * and rows are written in a few statements.
 */
import { CASH_ACCOUNT } from '@kopdes/shared/ledger';
import { formatDateId } from '@kopdes/shared/format';
import { formatRupiah } from '@kopdes/shared/money';
import type { PaymentMethod, SavingsKind } from '@kopdes/shared/savings';
import { KIND_LABELS } from '@kopdes/shared/savings';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../lib/actor.js';
import { AppError } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { recordAudit } from '../audit/audit.service.js';
import { postEntry, type PostingLine } from '../ledger/ledger.service.js';
import { memberDirectory } from '../members/members.service.js';
import * as repo from './savings.repository.js';
import { ACCOUNT_OF, UNIT_OF, receiptNumber } from './savings.service.js';

export interface HistoryItem {
  memberId: string;
  kind: SavingsKind;
  type: 'deposit' | 'withdrawal';
  amount: bigint;
  date: string;
  method: PaymentMethod;
  memo?: string;
}

const refused = (index: number, message: { id: string; en: string }) =>
  new AppError('validation', 'history_refused', message, [{ field: `items.${index}`, code: 'history_refused', message }]);

const monthEnd = (period: string) => {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
};

interface Due {
  period: string;
  amount: bigint;
  paid: bigint;
}

/**
 * Bills wajib for `duesMonths` (every member active then, as `runDues` would) and posts `items`
 * in date order. All or nothing: the first item that breaks a rule refuses the whole history.
 */
export async function importSavingsHistory(
  db: Db,
  actor: Actor,
  cooperativeId: string,
  input: { items: HistoryItem[]; duesMonths: string[] },
) {
  const members = new Map((await memberDirectory(db, cooperativeId)).map((m) => [m.id, m]));
  const settings = await repo.listSettings(db, cooperativeId);
  const settingOn = (date: string) => settings.find((s) => s.effectiveFrom <= date);

  return db.transaction(async (tx) => {
    // Dues first: a wajib payment settles what was billed.
    const dues = new Map<string, Due[]>();
    const duesRows: repo.DuesInsert[] = [];
    for (const period of [...input.duesMonths].sort()) {
      const end = monthEnd(period);
      const s = settingOn(end);
      if (!s) throw refused(-1, { id: `Tidak ada ketentuan simpanan wajib untuk ${period}`, en: `No wajib setting for ${period}` });
      let count = 0;
      for (const m of members.values()) {
        if (m.joinDate > end || m.status === 'applicant') continue;
        duesRows.push({ cooperativeId, memberId: m.id, period, amount: s.wajibAmount, dueDate: end });
        dues.set(m.id, [...(dues.get(m.id) ?? []), { period, amount: s.wajibAmount, paid: 0n }]);
        count++;
      }
      await repo.recordRun(tx, cooperativeId, period, { count, amount: s.wajibAmount * BigInt(count) }, actor.label);
    }
    await repo.insertDues(tx, duesRows);

    const order = input.items
      .map((item, index) => ({ item, index }))
      .sort((a, b) => a.item.date.localeCompare(b.item.date) || a.index - b.index);
    const key = (memberId: string, kind: SavingsKind) => `${memberId}|${kind}`;
    // Balances the members already have: the history continues from them.
    const initial = new Map<string, bigint>();
    const current = await repo.balancesOf(tx, cooperativeId, [...new Set(input.items.map((i) => i.memberId))]);
    for (const [memberId, b] of current)
      for (const kind of ['pokok', 'wajib', 'sukarela'] as const) initial.set(key(memberId, kind), b[kind]);
    const balances = new Map(initial);
    const rows: (repo.TransactionInsert & { lineOf: string })[] = [];
    const payments: { transactionId: string; memberId: string; period: string; amount: bigint }[] = [];
    for (const { item, index } of order) {
      const m = members.get(item.memberId);
      if (!m) throw refused(index, { id: 'Anggota tidak ditemukan', en: 'Member not found' });
      if (item.amount <= 0n) throw refused(index, { id: 'Jumlah harus lebih dari Rp 0', en: 'Amount must be more than Rp 0' });
      if (item.date < m.joinDate)
        throw refused(index, { id: `${m.fullName}: transaksi sebelum tanggal masuk`, en: `${m.fullName}: a posting before the join date` });
      const k = key(m.id, item.kind);
      const before = balances.get(k) ?? 0n;
      const id = newId('stx');
      if (item.type === 'withdrawal') {
        if (item.kind !== 'sukarela')
          throw refused(index, { id: 'Hanya simpanan sukarela yang dapat ditarik', en: 'Only sukarela can be withdrawn' });
        if (item.amount > before)
          throw refused(index, {
            id: `${m.fullName}: saldo simpanan sukarela tidak cukup pada ${formatDateId(item.date)}: tersedia ${formatRupiah(before)}`,
            en: `${m.fullName}: insufficient sukarela balance on ${item.date}: ${formatRupiah(before)} available`,
          });
      }
      if (item.kind === 'pokok') {
        const s = settingOn(item.date);
        if (before > 0n || !s || item.amount !== s.pokokAmount)
          throw refused(index, {
            id: `${m.fullName}: simpanan pokok hanya sekali, sebesar ketentuan`,
            en: `${m.fullName}: pokok is paid once, at the set amount`,
          });
      }
      if (item.kind === 'wajib') {
        let left = item.amount;
        for (const d of dues.get(m.id) ?? []) {
          if (left === 0n || d.period > item.date.slice(0, 7)) break;
          const part = d.amount - d.paid < left ? d.amount - d.paid : left;
          if (part > 0n) {
            d.paid += part;
            left -= part;
            payments.push({ transactionId: id, memberId: m.id, period: d.period, amount: part });
          }
        }
        if (left > 0n)
          throw refused(index, {
            id: `${m.fullName}: setoran wajib melebihi tagihan`,
            en: `${m.fullName}: the wajib payment exceeds the dues`,
          });
      }
      const after = item.type === 'deposit' ? before + item.amount : before - item.amount;
      balances.set(k, after);
      rows.push({
        cooperativeId,
        id,
        number: '',
        memberId: m.id,
        kind: item.kind,
        type: item.type,
        direction: item.type === 'deposit' ? 'in' : 'out',
        amount: item.amount,
        balanceAfter: after,
        date: item.date,
        method: item.method,
        journalEntryId: '',
        journalNumber: '',
        memo: item.memo ?? null,
        createdById: actor.id,
        createdByLabel: actor.label,
        lineOf: `${item.date}|${item.kind}|${item.type}|${item.method}`,
      });
    }

    // One journal entry per day, kind, direction and payment method.
    const groups = new Map<string, typeof rows>();
    for (const r of rows) groups.set(r.lineOf, [...(groups.get(r.lineOf) ?? []), r]);
    for (const group of groups.values()) {
      const first = group[0]!;
      const kind = first.kind as SavingsKind;
      const unit = UNIT_OF[kind];
      const total = group.reduce((s, r) => s + r.amount, 0n);
      const incoming = first.direction === 'in';
      const savingsLines: PostingLine[] = group.map((r) => ({
        account: ACCOUNT_OF[kind],
        unit,
        memberId: r.memberId,
        ...(incoming ? { credit: r.amount } : { debit: r.amount }),
      }));
      const cash: PostingLine = {
        account: CASH_ACCOUNT[first.method as PaymentMethod],
        unit,
        ...(incoming ? { debit: total } : { credit: total }),
      };
      const posted = await postEntry(tx, cooperativeId, actor, {
        date: first.date,
        memo: `Rekap ${incoming ? 'setoran' : 'penarikan'} ${KIND_LABELS[kind].id.toLowerCase()} ${formatDateId(first.date)} (${group.length} anggota)`,
        source: { module: 'savings', documentId: `rekap-${first.id}` },
        lines: incoming ? [cash, ...savingsLines] : [...savingsLines, cash],
      });
      group.forEach((r, i) => {
        r.journalEntryId = posted.id;
        r.journalNumber = posted.number;
        r.number = receiptNumber(posted.number, group.length > 1 ? i + 1 : undefined);
      });
    }
    await repo.insertTransactionsBulk(tx, rows);
    await repo.insertDuesPaymentsBulk(
      tx,
      payments.map((p) => ({ cooperativeId, ...p })),
    );
    await repo.addToBalances(
      tx,
      cooperativeId,
      [...balances.entries()]
        .map(([k, after]) => {
          const [memberId, kind] = k.split('|') as [string, SavingsKind];
          return { memberId, kind, amount: after - (initial.get(k) ?? 0n) };
        })
        .filter((d) => d.amount !== 0n),
    );
    await recordAudit(tx, cooperativeId, actor, {
      action: 'savings.history_import',
      entityType: 'savings_transaction',
      entityId: null,
      changes: { transactions: rows.length, dues: duesRows.length, entries: groups.size },
    });
    return { transactions: rows.length, dues: duesRows.length, entries: groups.size };
  });
}
