/**
 * The measures by which the network layer follows a cooperative: the monthly roll-up figures and
 * the targets of internship action plans. Each measure reads one cooperative's own data from the
 * module that holds it. A measure whose module does not exist yet has no reader and is `manual`:
 * its value is reported by hand and shown as such, never invented.
 *
 * To wire a new module (produce intake, market link, planning): give its figure a `read` below.
 */
import { ACCOUNTS } from '@kopdes/shared/ledger';
import { MEASURES, type MeasureCode, type MeasureSource } from '@kopdes/shared/network';
import type { Db } from '../db/client.js';
import { AppError } from '../lib/errors.js';
import { accountBalance } from '../modules/ledger/ledger.service.js';
import { listMembers } from '../modules/members/members.service.js';
import { activePartnerships, activeRetailPartnerships } from '../modules/network/partner-counts.service.js';
import { addDays, addMonths, monthEnd, monthOf, monthsBetween } from '../modules/network/months.js';

/** One cooperative's value over [from, to] (business dates, inclusive). */
export type MeasureFn = (db: Db, cooperativeId: string, from: string, to: string) => Promise<bigint | number>;

export type FigureCode = 'members' | 'savings' | 'intakeGrams' | 'sales';

/** Active members on `to`: members who joined by then and have not left. */
const membersAt: MeasureFn = async (db, cooperativeId, _from, to) =>
  (await listMembers(db, cooperativeId, { status: 'active', joinedTo: to, sort: 'number', limit: 1 })).total;

/** Members' capital and savings on `to`: simpanan pokok + wajib + sukarela, from the ledger. */
const savingsAt: MeasureFn = async (db, cooperativeId, _from, to) => {
  let total = 0n;
  for (const account of [ACCOUNTS.SIMPANAN_POKOK, ACCOUNTS.SIMPANAN_WAJIB, ACCOUNTS.SIMPANAN_SUKARELA]) {
    try {
      total += await accountBalance(db, cooperativeId, { account, asOf: to });
    } catch (e) {
      // A cooperative that never set up its ledger has no savings recorded.
      if (e instanceof AppError && e.code === 'unknown_account') return 0n;
      throw e;
    }
  }
  return total;
};

/**
 * The roll-up figures. A stock is read on the last day, a flow summed over the period. Intake
 * (grams) and sales (Rupiah) have no reader until the produce-intake and market-link modules exist.
 */
export const FIGURES: Record<FigureCode, { kind: 'stock' | 'flow'; read?: MeasureFn }> = {
  members: { kind: 'stock', read: membersAt },
  savings: { kind: 'stock', read: savingsAt },
  intakeGrams: { kind: 'flow' },
  sales: { kind: 'flow' },
};

type Label = { id: string; en: string };
export interface MeasureDef {
  code: MeasureCode;
  label: Label;
  unit: 'kg' | 'count' | 'rupiah';
  aggregation: 'sum_since_start' | 'best_month' | 'at_date';
  read?: MeasureFn;
}

const gramsToKg = (read: MeasureFn | undefined): MeasureFn | undefined =>
  read && (async (db, c, from, to) => BigInt(await read(db, c, from, to)) / 1000n);

/** The action-plan measures. */
export const MEASURE_DEFS: Record<MeasureCode, MeasureDef> = {
  intake_kg: {
    code: 'intake_kg',
    label: { id: 'Hasil panen anggota dibeli (kg, sejak pulang magang)', en: "Members' harvest bought (kg, since the internship)" },
    unit: 'kg',
    aggregation: 'sum_since_start',
    read: gramsToKg(FIGURES.intakeGrams.read),
  },
  monthly_intake_kg: {
    code: 'monthly_intake_kg',
    label: { id: 'Penerimaan hasil panen per bulan (kg, bulan terbaik)', en: 'Monthly intake (kg, best month)' },
    unit: 'kg',
    aggregation: 'best_month',
    read: gramsToKg(FIGURES.intakeGrams.read),
  },
  modern_retail_partners: {
    code: 'modern_retail_partners',
    label: { id: 'Mitra ritel modern yang berjalan', en: 'Active modern-retail partners' },
    unit: 'count',
    aggregation: 'at_date',
    read: activeRetailPartnerships,
  },
  active_partners: {
    code: 'active_partners',
    label: { id: 'Kemitraan yang berjalan', en: 'Active partnerships' },
    unit: 'count',
    aggregation: 'at_date',
    read: activePartnerships,
  },
  planting_plan_farmers: {
    code: 'planting_plan_farmers',
    label: { id: 'Petani anggota dalam pola tanam', en: 'Farmer members in a planting plan' },
    unit: 'count',
    aggregation: 'at_date',
  },
  monthly_sales: {
    code: 'monthly_sales',
    label: { id: 'Penjualan per bulan (Rp, bulan terbaik)', en: 'Monthly sales (Rp, best month)' },
    unit: 'rupiah',
    aggregation: 'best_month',
    read: FIGURES.sales.read,
  },
  members: {
    code: 'members',
    label: { id: 'Anggota aktif', en: 'Active members' },
    unit: 'count',
    aggregation: 'at_date',
    read: FIGURES.members.read,
  },
  savings: {
    code: 'savings',
    label: { id: 'Simpanan anggota (Rp)', en: "Members' savings (Rp)" },
    unit: 'rupiah',
    aggregation: 'at_date',
    read: FIGURES.savings.read,
  },
};

export const measureSource = (code: MeasureCode): MeasureSource => (MEASURE_DEFS[code].read ? 'kopdes' : 'manual');

export const measureList = () =>
  MEASURES.map((code) => {
    const d = MEASURE_DEFS[code];
    return { code, label: d.label.id, unit: d.unit, aggregation: d.aggregation, source: measureSource(code) };
  });

/**
 * The value of a measure for one cooperative between a plan's start and `asOf`, from its own
 * data; null for a manual measure (its value comes from reports typed by hand).
 */
export async function measureValue(
  db: Db,
  cooperativeId: string,
  code: MeasureCode,
  startsOn: string,
  asOf: string,
): Promise<bigint | null> {
  const def = MEASURE_DEFS[code];
  if (!def.read) return null;
  if (asOf < startsOn) return 0n;
  if (def.aggregation === 'at_date') return BigInt(await def.read(db, cooperativeId, asOf, asOf));
  if (def.aggregation === 'sum_since_start') return BigInt(await def.read(db, cooperativeId, startsOn, asOf));
  let best = 0n;
  for (const m of monthsBetween(monthOf(startsOn), monthOf(asOf))) {
    const from = m < startsOn ? startsOn : m;
    const end = monthEnd(m);
    const v = BigInt(await def.read(db, cooperativeId, from, end < asOf ? end : asOf));
    if (v > best) best = v;
  }
  return best;
}

/** A roll-up figure for one month, from the cooperative's own data; undefined when it has no reader. */
export async function figureForMonth(db: Db, cooperativeId: string, code: FigureCode, month: string): Promise<bigint | undefined> {
  const f = FIGURES[code];
  if (!f.read) return undefined;
  const end = addDays(addMonths(month, 1), -1);
  return BigInt(await f.read(db, cooperativeId, month, end));
}
