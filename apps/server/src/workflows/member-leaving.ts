/**
 * A member leaves (or has died): their savings are settled — pokok and wajib returned, sukarela
 * paid out, less what they owe — and their status becomes left / deceased, in one transaction.
 * The member's history (transactions, dues, status changes) stays.
 */
import type { LeavingInput } from '@kopdes/shared/savings';
import type { Db } from '../db/client.js';
import type { Actor } from '../lib/actor.js';
import { invalidField } from '../lib/errors.js';
import { lockMemberForLeaving, recordLeaving } from '../modules/members/members.service.js';
import { todayOf } from '../modules/savings/savings.service.js';
import { settleForLeaving, settlementOf } from '../modules/savings/settlement.js';

export async function memberLeaving(db: Db, actor: Actor, cooperativeId: string, memberId: string, input: LeavingInput) {
  const today = await todayOf(db, cooperativeId);
  const date = input.date ?? today;
  if (date > today)
    throw invalidField('date', 'date_future', {
      id: 'Tanggal keluar tidak boleh di masa depan',
      en: 'The leaving date cannot be in the future',
    });
  await db.transaction(async (tx) => {
    const member = await lockMemberForLeaving(tx, cooperativeId, memberId);
    if (date < member.joinDate)
      throw invalidField('date', 'date_before_join', {
        id: 'Tanggal keluar tidak boleh sebelum tanggal masuk',
        en: 'The leaving date cannot be before the join date',
      });
    await settleForLeaving(tx, actor, cooperativeId, member, { outcome: input.outcome, reason: input.reason, method: input.method, date });
    await recordLeaving(tx, actor, cooperativeId, memberId, input.outcome, date, input.reason);
  });
  return (await settlementOf(db, cooperativeId, memberId))!;
}
