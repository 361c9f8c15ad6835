/**
 * Monthly figures a cooperative reports by hand (members, savings, intake, sales) when it does not
 * run the kopdes module that holds them. They feed the roll-ups, marked `manual`.
 */
import type { z } from 'zod';
import type { monthlyReportInput } from '@kopdes/shared/network';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../lib/actor.js';
import { invalidField } from '../../lib/errors.js';
import { recordAudit } from '../audit/audit.service.js';
import { gramsFromKg } from './input.js';
import { monthOf } from './months.js';
import { ensureRegistered } from './registry.service.js';
import { presentManual, refreshCooperative, upsertManualReport } from './rollups.service.js';

export async function reportMonth(
  db: Db,
  actor: Actor,
  cooperativeId: string,
  month: string,
  input: z.infer<typeof monthlyReportInput>,
  today: string,
) {
  const first = `${month}-01`;
  if (first > monthOf(today))
    throw invalidField('month', 'future_month', { id: 'Bulan laporan belum berjalan', en: 'The month has not started yet' });
  return db.transaction(async (tx) => {
    await ensureRegistered(tx, cooperativeId);
    const row = await upsertManualReport(tx, {
      cooperativeId,
      month: first,
      members: input.members ?? null,
      savings: input.savings ? BigInt(input.savings) : null,
      intakeGrams: input.intakeKg ? gramsFromKg('intakeKg', input.intakeKg) : null,
      sales: input.sales ? BigInt(input.sales) : null,
      note: input.note ?? null,
      reportedBy: actor.label,
    });
    await recordAudit(tx, cooperativeId, actor, { action: 'network.report.month', entityType: 'network_report', entityId: month, changes: input });
    await refreshCooperative(tx, cooperativeId, [first], today);
    return presentManual(row);
  });
}
