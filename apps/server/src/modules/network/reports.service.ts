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
import { cooperativesByIds } from '../cooperatives/cooperatives.service.js';
import { gramsFromKg } from './input.js';
import { monthOf } from './months.js';
import { ensureRegistered } from './registry.service.js';
import { presentManual, refreshCooperative, upsertManualReport, upsertManualReports, usesKopdes } from './rollups.service.js';

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
      message: {
        id: 'Diukur dari data koperasi di kopdes; tidak diisi manual',
        en: "Measured from the cooperative's kopdes data; not typed by hand",
      },
    }));
  if (fields.length)
    throw new AppError(
      'conflict',
      'measured_from_data',
      {
        id: 'Sebagian angka diukur dari data koperasi sendiri di kopdes',
        en: "Some figures are measured from the cooperative's own kopdes data",
      },
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
    await recordAudit(tx, cooperativeId, actor, {
      action: 'network.report.month',
      entityType: 'network_report',
      entityId: month,
      changes: input,
    });
    await refreshCooperative(tx, cooperativeId, [first], today);
    return presentManual(row);
  });
}

export interface MonthRow {
  cooperativeId: string;
  month: string;
  members?: number | null;
  savings?: string | null;
  intakeKg?: string | null;
  sales?: string | null;
  note?: string | null;
}

/**
 * Many months of many cooperatives at once (a facilitator's sheet, the demo): the same checks as
 * `reportMonth`, one statement, one audit record per cooperative. Row errors name `rows.N.field`.
 */
export async function reportMonths(db: Db, actor: Actor, rows: MonthRow[], today: string) {
  const fields: FieldError[] = [];
  const known = new Set((await cooperativesByIds(db, [...new Set(rows.map((r) => r.cooperativeId))])).map((c) => c.id));
  rows.forEach((r, i) => {
    if (!known.has(r.cooperativeId))
      fields.push({
        field: `rows.${i}.cooperativeId`,
        code: 'unknown_cooperative',
        message: { id: 'Koperasi tidak ditemukan', en: 'Cooperative not found' },
      });
  });
  if (fields.length)
    throw new AppError(
      'validation',
      'invalid_reports',
      { id: 'Ada baris laporan yang tidak valid', en: 'Some report rows are not valid' },
      fields,
    );
  const kopdes = new Map<string, boolean>();
  for (const c of known) kopdes.set(c, await usesKopdes(db, c));
  const values = rows.map((r, i) => {
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(r.month) || `${r.month}-01` > monthOf(today))
      fields.push({
        field: `rows.${i}.month`,
        code: 'invalid_month',
        message: { id: 'Bulan tidak valid atau belum berjalan', en: 'Invalid or future month' },
      });
    for (const [field, figure] of Object.entries(FIELDS))
      if (kopdes.get(r.cooperativeId) && FIGURES[figure].read && r[field as keyof typeof FIELDS] != null)
        fields.push({
          field: `rows.${i}.${field}`,
          code: 'measured_from_data',
          message: { id: 'Diukur dari data kopdes', en: 'Measured from kopdes data' },
        });
    return {
      cooperativeId: r.cooperativeId,
      month: `${r.month}-01`,
      members: r.members ?? null,
      savings: r.savings ? BigInt(r.savings) : null,
      intakeGrams: r.intakeKg ? gramsFromKg(`rows.${i}.intakeKg`, r.intakeKg) : null,
      sales: r.sales ? BigInt(r.sales) : null,
      note: r.note ?? null,
      reportedBy: actor.label,
    };
  });
  if (fields.length)
    throw new AppError(
      'validation',
      'invalid_reports',
      { id: 'Ada baris laporan yang tidak valid', en: 'Some report rows are not valid' },
      fields,
    );
  await db.transaction(async (tx) => {
    for (const c of kopdes.keys()) await ensureRegistered(tx, c);
    await upsertManualReports(tx, values);
    for (const c of kopdes.keys()) {
      const own = values.filter((v) => v.cooperativeId === c);
      await recordAudit(tx, c, actor, {
        action: 'network.report.months',
        entityType: 'network_report',
        entityId: null,
        changes: { months: own.map((v) => v.month) },
      });
      await refreshCooperative(
        tx,
        c,
        own.map((v) => v.month),
        today,
      );
    }
  });
  return { rows: values.length };
}
