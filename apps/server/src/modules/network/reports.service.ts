/**
 * Monthly figures a cooperative reports by hand (members, savings, intake, sales) when it does not
 * run the kopdes module that holds them. They feed the roll-ups, marked `manual`.
 */
import type { z } from 'zod';
import type { monthlyReportInput } from '@kopdes/shared/network';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../lib/actor.js';
import { AppError, invalidField, type FieldError } from '../../lib/errors.js';
import { FIGURES, type FigureCode } from '../../workflows/network-outcomes.js';
import { recordAudit } from '../audit/audit.service.js';
import { gramsFromKg } from './input.js';
import { monthOf } from './months.js';
import { ensureRegistered } from './registry.service.js';
import { presentManual, refreshCooperative, upsertManualReport, usesKopdes } from './rollups.service.js';

const FIELDS: Record<'members' | 'savings' | 'intakeKg' | 'sales', FigureCode> = {
  members: 'members',
  savings: 'savings',
  intakeKg: 'intakeGrams',
  sales: 'sales',
};

/** A cooperative working in kopdes has figures its own data measures: those are not typed by hand. */
async function refuseMeasured(db: Db, cooperativeId: string, input: z.infer<typeof monthlyReportInput>) {
  if (!(await usesKopdes(db, cooperativeId))) return;
  const fields: FieldError[] = Object.entries(FIELDS)
    .filter(([field, figure]) => input[field as keyof typeof FIELDS] != null && FIGURES[figure].read)
    .map(([field]) => ({
      field,
      code: 'measured_from_data',
      message: { id: 'Diukur dari data koperasi di kopdes; tidak diisi manual', en: "Measured from the cooperative's kopdes data; not typed by hand" },
    }));
  if (fields.length)
    throw new AppError(
      'conflict',
      'measured_from_data',
      { id: 'Sebagian angka diukur dari data koperasi sendiri di kopdes', en: "Some figures are measured from the cooperative's own kopdes data" },
      fields,
    );
}

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
  await refuseMeasured(db, cooperativeId, input);
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
