/**
 * National roll-ups: one summary row per cooperative and month, refreshed incrementally after the
 * writes that change it (or by the refresh job), and sums per regency, province and nation
 * recomputed from the rows one level down. Dashboards read only these tables, never journal lines.
 */
import { divRoundHalfUp } from '@kopdes/shared/money';
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Figures } from '@kopdes/shared/network';
import type { Db } from '../../db/client.js';
import { invalidField } from '../../lib/errors.js';
import { listCoopUsers } from '../auth/users.service.js';
import { cooperativesByIds, getCooperative } from '../cooperatives/cooperatives.service.js';
import { figureForMonth, type FigureCode } from '../../workflows/network-outcomes.js';
import {
  PROVINCE_CODES,
  PROVINCE_TILES,
  TILE_GRID,
  provinceName,
  provinceOf,
  regenciesOf,
  regencyExists,
  regencyName,
  regencyOf,
} from './areas.js';
import { addMonths, monthEnd, monthLabel, monthOf, monthsBetween } from './months.js';
import { activePartnerships, activeTradingPartnerships } from './partner-counts.service.js';
import * as registry from './registry.repository.js';
import * as repo from './rollups.repository.js';
import { concurrentOnPool } from '../../db/concurrent.js';

/** Whether people of the cooperative work in kopdes, so its own data can be measured. */
export async function usesKopdes(db: Db, cooperativeId: string): Promise<boolean> {
  return (await listCoopUsers(db, cooperativeId)).some((u) => !u.disabled);
}

type Sources = Partial<Record<FigureCode, 'kopdes' | 'manual'>>;

async function computeRow(
  db: Db,
  profile: registry.ProfileRow,
  coop: { name: string; legalEntityNumber: string | null },
  kopdes: boolean,
  month: string,
): Promise<typeof import('./network.schema.js').networkMonthlyStats.$inferInsert> {
  const cooperativeId = profile.cooperativeId;
  const end = monthEnd(month);
  const manual = await repo.manualReport(db, cooperativeId, month);
  const sources: Sources = {};
  const figure = async (code: FigureCode, typed: bigint | number | null | undefined) => {
    if (kopdes) {
      const v = await figureForMonth(db, cooperativeId, code, month);
      if (v !== undefined) {
        sources[code] = 'kopdes';
        return v;
      }
    }
    if (typed === null || typed === undefined) return null;
    sources[code] = 'manual';
    return BigInt(typed);
  };
  const members = await figure('members', manual?.members);
  const savings = await figure('savings', manual?.savings);
  const intakeGrams = await figure('intakeGrams', manual?.intakeGrams);
  const sales = await figure('sales', manual?.sales);
  const [partners, trading, alumni] = await concurrentOnPool(
    db,
    () => activePartnerships(db, cooperativeId, month, end),
    () => activeTradingPartnerships(db, cooperativeId, month, end),
    () => repo.alumniCount(db, cooperativeId, end),
  );
  return {
    cooperativeId,
    month,
    provinceCode: profile.provinceCode,
    regencyCode: profile.regencyCode,
    cooperativeName: coop.name,
    formed: profile.legalEntityDate ? profile.legalEntityDate <= end : coop.legalEntityNumber !== null,
    // Trading: buying members' harvest, selling, or an active off-take / retail-supply partnership.
    operating: (intakeGrams ?? 0n) > 0n || (sales ?? 0n) > 0n || trading > 0,
    members: members === null ? null : Number(members),
    savings,
    intakeGrams,
    sales,
    activeUnits: profile.businessUnits.length,
    partnersActive: partners,
    alumni,
    sources,
    synthetic: profile.synthetic,
  };
}

/** Inside `deferRefreshes`, the cooperatives whose refresh waits for one bulk pass at the end. */
const deferred = new AsyncLocalStorage<Set<string>>();

/**
 * Recompute one cooperative's rows for the given months (future months are skipped), then the
 * regency, province and national sums those rows feed. Runs in the caller's transaction.
 */
export async function refreshCooperative(db: Db, cooperativeId: string, months: string[], today: string, opts: { areas?: boolean } = {}) {
  const pending = deferred.getStore();
  if (pending) return void pending.add(cooperativeId);
  const current = monthOf(today);
  const wanted = [...new Set(months.map(monthOf))].filter((m) => m <= current).sort();
  if (!wanted.length) return;
  let profile = await registry.findProfile(db, cooperativeId);
  if (!profile) return;
  const coop = await getCooperative(db, cooperativeId);
  if (coop.villageCode !== profile.villageCode) {
    profile = await registry.updateProfile(db, cooperativeId, {
      villageCode: coop.villageCode,
      regencyCode: regencyOf(coop.villageCode),
      provinceCode: provinceOf(coop.villageCode),
    });
  }
  const kopdes = await usesKopdes(db, cooperativeId);
  const touched = new Set<string>();
  for (const month of wanted) {
    const before = await repo.monthlyRow(db, cooperativeId, month);
    if (before && before.regencyCode !== profile.regencyCode) touched.add(`${before.regencyCode}|${month}`);
    await repo.upsertMonthly(db, await computeRow(db, profile, coop, kopdes, month));
    touched.add(`${profile.regencyCode}|${month}`);
  }
  if (opts.areas !== false)
    await refreshAreas(
      db,
      [...touched].map((t) => ({ regency: t.split('|')[0]!, month: t.split('|')[1]! })),
    );
}

/**
 * Refresh many cooperatives for the given months in bulk: those working in kopdes one by one
 * (their figures come from the modules), the others in one statement from their hand reports,
 * then every area sum of those months rebuilt at once.
 */
export async function refreshMany(db: Db, ids: string[], months: string[], today: string, opts: { areas?: boolean } = {}) {
  const wanted = [...new Set(months.map(monthOf))].filter((m) => m <= monthOf(today)).sort();
  if (!ids.length || !wanted.length) return;
  await db.transaction(async (tx) => {
    const coops = await cooperativesByIds(tx, ids);
    const byReports: { id: string; name: string; hasLegalNumber: boolean }[] = [];
    for (const c of coops) {
      if (await usesKopdes(tx, c.id)) await refreshCooperative(tx, c.id, wanted, today, { areas: false });
      else {
        await ensureAreaCodes(tx, c.id, c.villageCode);
        byReports.push({ id: c.id, name: c.name, hasLegalNumber: c.legalEntityNumber !== null });
      }
    }
    await repo.refreshFromReports(tx, byReports, wanted);
    if (opts.areas !== false) await repo.rebuildAreas(tx, wanted);
  });
}

async function ensureAreaCodes(db: Db, cooperativeId: string, villageCode: string) {
  const p = await registry.findProfile(db, cooperativeId);
  if (p && p.villageCode !== villageCode)
    await registry.updateProfile(db, cooperativeId, {
      villageCode,
      regencyCode: regencyOf(villageCode),
      provinceCode: provinceOf(villageCode),
    });
}

/**
 * Run `fn` with every refresh it triggers collected, then refresh those cooperatives once, in
 * bulk, for `months` (seeding and imports: thousands of writes, one refresh pass).
 */
export async function deferRefreshes<T>(db: Db, months: string[], today: string, fn: () => Promise<T>): Promise<T> {
  const pending = new Set<string>();
  const out = await deferred.run(pending, fn);
  await refreshMany(db, [...pending], months, today);
  return out;
}

/** Recompute area sums for (regency, month) pairs, in lock order: regencies, provinces, nation. */
async function refreshAreas(db: Db, pairs: { regency: string; month: string }[]) {
  const sorted = [...pairs].sort((a, b) => a.regency.localeCompare(b.regency) || a.month.localeCompare(b.month));
  for (const p of sorted) await repo.refreshRegency(db, p.regency, p.month);
  const provinces = [...new Set(sorted.map((p) => `${p.regency.slice(0, 2)}|${p.month}`))].sort();
  for (const p of provinces) await repo.refreshParent(db, 'province', p.split('|')[0]!, p.split('|')[1]!);
  for (const m of [...new Set(sorted.map((p) => p.month))].sort()) await repo.refreshParent(db, 'national', 'ID', m);
}

/** Refresh every real cooperative of the registry for the last `months` months up to `month`. */
export async function refreshAll(db: Db, opts: { month?: string; months?: number }, today: string) {
  const started = performance.now();
  const last = opts.month ? `${opts.month}-01` : monthOf(today);
  const months = monthsBetween(addMonths(last, -((opts.months ?? 1) - 1)), last).filter((m) => m <= monthOf(today));
  const ids = await registry.realProfileIds(db);
  for (let i = 0; i < ids.length; i += 1000) await refreshMany(db, ids.slice(i, i + 1000), months, today, { areas: false });
  await rebuildAreas(db, months);
  return { cooperatives: ids.length, months: months.map(monthLabel), ms: Math.round(performance.now() - started) };
}

export const rebuildAreas = (db: Db, months: string[]) => db.transaction((tx) => repo.rebuildAreas(tx, months));

// ── reading ─────────────────────────────────────────────────────────────────────────────────

const ZERO: Figures = {
  cooperatives: 0,
  formed: 0,
  operating: 0,
  members: 0,
  savings: '0',
  intakeGrams: '0',
  sales: '0',
  activeUnits: 0,
  partnersActive: 0,
  alumni: 0,
  alumniCooperatives: 0,
  alumniOperating: 0,
  synthetic: 0,
};

function figuresOf(r: repo.AreaRow | undefined): Figures {
  if (!r) return { ...ZERO };
  return {
    cooperatives: r.cooperatives,
    formed: r.formed,
    operating: r.operating,
    members: Number(r.members),
    savings: r.savings.toString(),
    intakeGrams: r.intakeGrams.toString(),
    sales: r.sales.toString(),
    activeUnits: Number(r.activeUnits),
    partnersActive: Number(r.partnersActive),
    alumni: r.alumni,
    alumniCooperatives: r.alumniCooperatives,
    alumniOperating: r.alumniOperating,
    synthetic: r.synthetic,
  };
}

function coopFiguresOf(r: repo.RegencyRow): Figures {
  return {
    cooperatives: 1,
    formed: r.formed ? 1 : 0,
    operating: r.operating ? 1 : 0,
    members: r.members ?? 0,
    savings: (r.savings ?? 0n).toString(),
    intakeGrams: (r.intakeGrams ?? 0n).toString(),
    sales: (r.sales ?? 0n).toString(),
    activeUnits: r.activeUnits,
    partnersActive: r.partnersActive,
    alumni: r.alumni,
    alumniCooperatives: r.alumni > 0 ? 1 : 0,
    alumniOperating: r.alumni > 0 && r.operating ? 1 : 0,
    synthetic: r.synthetic ? 1 : 0,
  };
}

/** The month a dashboard shows: the one asked for, else the latest with figures, else this month. */
async function resolveMonth(db: Db, month: string | undefined, today: string) {
  if (month) return `${month}-01`;
  return (await repo.latestMonth(db)) ?? monthOf(today);
}

function checkArea(level: 'national' | 'province' | 'regency', code: string | undefined) {
  if (level === 'national') return { areaCode: 'ID', name: 'Indonesia' };
  if (level === 'province' && code && PROVINCE_CODES.includes(code)) return { areaCode: code, name: provinceName(code) };
  if (level === 'regency' && code && regencyExists(code)) return { areaCode: code, name: regencyName(code) };
  throw invalidField('query.code', 'unknown_area', {
    id:
      level === 'province'
        ? `Kode provinsi ${code ?? '(kosong)'} tidak dikenal`
        : `Kode kabupaten/kota ${code ?? '(kosong)'} tidak dikenal`,
    en: level === 'province' ? `Unknown province code ${code ?? '(none)'}` : `Unknown regency code ${code ?? '(none)'}`,
  });
}

export async function dashboard(db: Db, q: { level: 'national' | 'province' | 'regency'; code?: string; month?: string }, today: string) {
  const area = checkArea(q.level, q.code);
  const month = await resolveMonth(db, q.month, today);
  const first = addMonths(month, -11);
  const [rows, childRows] = await concurrentOnPool(
    db,
    () => repo.areaSeries(db, q.level, area.areaCode, first, month),
    () =>
      q.level === 'regency'
        ? repo.monthlyRowsOfRegency(db, area.areaCode, month)
        : repo.areaChildren(db, q.level === 'national' ? 'province' : 'regency', area.areaCode, month),
  );
  const byMonth = new Map(rows.map((r) => [r.month, r]));
  const series = monthsBetween(first, month).map((m) => ({ month: monthLabel(m), ...figuresOf(byMonth.get(m)) }));
  let children: (Figures & { code: string; name: string; level: 'province' | 'regency' | 'cooperative' })[];
  if (q.level === 'regency') {
    children = (childRows as repo.RegencyRow[]).map((r) => ({
      code: r.cooperativeId,
      name: r.cooperativeName,
      level: 'cooperative',
      ...coopFiguresOf(r),
    }));
  } else {
    const areaRows = new Map((childRows as repo.AreaRow[]).map((r) => [r.areaCode, r]));
    const codes = q.level === 'national' ? PROVINCE_CODES : regenciesOf(area.areaCode);
    children = codes.map((code) => ({
      code,
      name: q.level === 'national' ? provinceName(code) : regencyName(code),
      level: q.level === 'national' ? ('province' as const) : ('regency' as const),
      ...figuresOf(areaRows.get(code)),
    }));
  }
  const current = byMonth.get(month);
  return {
    level: q.level,
    code: area.areaCode,
    name: area.name,
    month: monthLabel(month),
    totals: figuresOf(current),
    series,
    children,
    refreshedAt: current?.refreshedAt.toISOString() ?? null,
  };
}

export async function tileMap(db: Db, q: { month?: string }, today: string) {
  const month = await resolveMonth(db, q.month, today);
  const rows = new Map((await repo.areaChildren(db, 'province', 'ID', month)).map((r) => [r.areaCode, r]));
  return {
    month: monthLabel(month),
    rows: TILE_GRID.rows,
    columns: TILE_GRID.columns,
    tiles: PROVINCE_TILES.map((t) => ({ ...t, name: provinceName(t.code), ...figuresOf(rows.get(t.code)) })),
  };
}

/** Averages per cooperative: counts to one decimal, money and grams rounded half-up. */
function averages(r: repo.AreaRow | undefined) {
  const n = r?.cooperatives ?? 0;
  const avg1 = (v: bigint) => (n ? Number(divRoundHalfUp(v * 10n, BigInt(n))) / 10 : 0);
  const avg = (v: bigint) => (n ? divRoundHalfUp(v, BigInt(n)).toString() : '0');
  return {
    cooperatives: n,
    members: avg1(r?.members ?? 0n),
    savings: avg(r?.savings ?? 0n),
    intakeGrams: avg(r?.intakeGrams ?? 0n),
    sales: avg(r?.sales ?? 0n),
    activeUnits: avg1(r?.activeUnits ?? 0n),
    partnersActive: avg1(r?.partnersActive ?? 0n),
    operatingPct: n ? Number(divRoundHalfUp(BigInt(r!.operating) * 100n, BigInt(n))) : 0,
  };
}

/** A cooperative's own month beside the averages of its regency and province. */
export async function comparison(db: Db, cooperativeId: string, q: { month?: string }, today: string) {
  const coop = await getCooperative(db, cooperativeId);
  const month = q.month ? `${q.month}-01` : monthOf(today);
  const profile = await registry.findProfile(db, cooperativeId);
  const regency = profile?.regencyCode ?? regencyOf(coop.villageCode);
  const province = profile?.provinceCode ?? provinceOf(coop.villageCode);
  const [own, reg, prov] = await concurrentOnPool(
    db,
    () => repo.monthlyRow(db, cooperativeId, month),
    () => repo.areaRow(db, 'regency', regency, month),
    () => repo.areaRow(db, 'province', province, month),
  );
  return {
    month: monthLabel(month),
    own: own
      ? {
          members: own.members,
          savings: own.savings?.toString() ?? null,
          intakeGrams: own.intakeGrams?.toString() ?? null,
          sales: own.sales?.toString() ?? null,
          activeUnits: own.activeUnits,
          partnersActive: own.partnersActive,
          operating: own.operating,
        }
      : null,
    sources: (own?.sources ?? {}) as Record<string, 'kopdes' | 'manual'>,
    regency: { code: regency, name: regencyName(regency), ...averages(reg) },
    province: { code: province, name: provinceName(province), ...averages(prov) },
  };
}

// ── monthly figures reported by hand ────────────────────────────────────────────────────────

export function presentManual(r: repo.ManualRow) {
  return {
    month: monthLabel(r.month),
    members: r.members,
    savings: r.savings?.toString() ?? null,
    intakeGrams: r.intakeGrams?.toString() ?? null,
    sales: r.sales?.toString() ?? null,
    note: r.note,
    reportedBy: r.reportedBy,
    updatedAt: r.updatedAt.toISOString(),
  };
}

export const manualReportsOf = async (db: Db, cooperativeId: string) => (await repo.manualReportsOf(db, cooperativeId)).map(presentManual);
export const upsertManualReport = repo.upsertManualReport;
export const upsertManualReports = repo.upsertManualReports;
export const operatingIn = repo.operatingIn;
export const monthlyRowsOf = repo.monthlyRowsOf;
