/**
 * Deductions a farmer agreed to have taken from a payout (simpanan wajib due, later loan
 * instalments and input advances), as a small registry other modules plug into. A provider says
 * what is due and settles it inside the payout's transaction with its own records and its own
 * journal entry, which debits the farmer's payable (Utang Petani 2102, unit agribisnis, the
 * member) and credits the provider's account; the payout then pays out only the rest.
 */
import { DEDUCTION_KINDS, type DeductionKind } from '@kopdes/shared/produce';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../lib/actor.js';

export interface DeductionDue {
  amount: bigint;
  /** What the farmer sees on the slip, e.g. "Simpanan wajib Agustus–September 2025". */
  reference: string | null;
}

export interface DeductionSettlement {
  memberId: string;
  amount: bigint;
  date: string;
  payoutId: string;
  payoutRunNumber: string;
  /** The account the provider's entry must debit: the farmer's payable. */
  debit: { account: string; unit: string; memberId: string };
}

export interface PayoutDeductionProvider {
  kind: DeductionKind;
  /** Amounts due per farmer on the pay date; farmers owing nothing are left out. */
  due(db: Db, cooperativeId: string, memberIds: string[], payDate: string): Promise<Map<string, DeductionDue>>;
  /** Settles part or all of what is due, in the caller's transaction. */
  settle(
    tx: Db,
    cooperativeId: string,
    actor: Actor,
    s: DeductionSettlement,
  ): Promise<{ reference: string | null; journalEntryId: string | null }>;
}

const providers = new Map<DeductionKind, PayoutDeductionProvider>();

/**
 * Plugs a deduction into every payout run from now on (one provider per kind).
 * @example registerPayoutDeduction({ kind: 'loan_instalment', due: …, settle: … })
 */
export function registerPayoutDeduction(p: PayoutDeductionProvider): void {
  providers.set(p.kind, p);
}

export function unregisterPayoutDeduction(kind: DeductionKind): void {
  providers.delete(kind);
}

/** The registered providers in the order deductions are taken: savings first, then loans, then advances. */
export function payoutDeductionProviders(): PayoutDeductionProvider[] {
  return DEDUCTION_KINDS.map((k) => providers.get(k)).filter((p): p is PayoutDeductionProvider => !!p);
}
