/**
 * Simpanan wajib kept back from a farmer's produce payout. Farmers agree to pay their monthly
 * dues out of their harvest money: a payout run takes what the member owes in wajib dues up to the
 * pay date's month (never more than the payout itself) and records it, inside the run's
 * transaction, as an ordinary wajib deposit of the savings service whose journal entry debits the
 * farmer's payable instead of the till. The dues are marked paid oldest month first.
 */
import { formatDateId } from '@kopdes/shared/format';
import type { Db } from '../db/client.js';
import type { Actor } from '../lib/actor.js';
import { registerPayoutDeduction, type DeductionDue, type PayoutDeductionProvider } from '../modules/produce/deductions.js';
import { memberDirectory } from '../modules/members/members.service.js';
import { arrears, deposit } from '../modules/savings/savings.service.js';

const MONTHS_ID = [
  'Januari',
  'Februari',
  'Maret',
  'April',
  'Mei',
  'Juni',
  'Juli',
  'Agustus',
  'September',
  'Oktober',
  'November',
  'Desember',
];

/** '2025-07' → 'Juli 2025' */
const monthName = (period: string) => `${MONTHS_ID[Number(period.slice(5, 7)) - 1]} ${period.slice(0, 4)}`;

/**
 * What the farmer reads on the slip.
 * @example periodsText(['2025-07', '2025-08']) // 'Simpanan wajib Juli–Agustus 2025'
 */
export function periodsText(periods: string[]): string {
  if (!periods.length) return 'Simpanan wajib';
  const first = periods[0]!;
  const last = periods[periods.length - 1]!;
  if (first === last) return `Simpanan wajib ${monthName(first)}`;
  const from = first.slice(0, 4) === last.slice(0, 4) ? monthName(first).split(' ')[0] : monthName(first);
  return `Simpanan wajib ${from}–${monthName(last)}`;
}

async function due(db: Db, cooperativeId: string, memberIds: string[], payDate: string): Promise<Map<string, DeductionDue>> {
  // A deposit cannot be dated before the member joined: a delivery made before joining pays out whole.
  const joined = await memberDirectory(db, cooperativeId, { ids: memberIds, status: 'active', joinedBy: payDate });
  const wanted = new Set(joined.map((m) => m.id));
  if (!wanted.size) return new Map();
  const open = await arrears(db, cooperativeId, { asOf: payDate.slice(0, 7), minMonths: 1 });
  const out = new Map<string, DeductionDue>();
  for (const i of open.items) {
    const amount = BigInt(i.amount);
    if (wanted.has(i.member.id) && amount > 0n) out.set(i.member.id, { amount, reference: periodsText(i.periods) });
  }
  return out;
}

export const wajibPayoutDeduction: PayoutDeductionProvider = {
  kind: 'simpanan_wajib',
  due,
  async settle(tx: Db, cooperativeId: string, actor: Actor, s) {
    const t = await deposit(
      tx,
      actor,
      cooperativeId,
      {
        memberId: s.memberId,
        kind: 'wajib',
        amount: s.amount.toString(),
        date: s.date,
        method: 'cash',
        memo: `Dipotong dari pembayaran hasil panen ${s.payoutRunNumber} (${formatDateId(s.date)})`,
      },
      { debit: s.debit },
    );
    const periods = t.duesAllocations.map((a) => a.period);
    return { reference: `${periodsText(periods)} · ${t.number}`, journalEntryId: t.journalEntryId };
  },
};

/** Every payout run from now on keeps back the simpanan wajib its farmers owe. */
export function registerWajibPayoutDeduction(): void {
  registerPayoutDeduction(wajibPayoutDeduction);
}
