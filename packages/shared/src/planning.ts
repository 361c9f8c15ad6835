/**
 * Production planning (pola tanam) API contract: crop parameters, planting capacity (farmers and
 * their plots), seasons with weekly demand, plans (solver status, gap, figures, the spreadsheet
 * comparison, explanations), plantings and their follow-up, coverage, warnings. Quantities are
 * integer grams as decimal strings ("1250000"); money is whole Rupiah as decimal strings.
 */
import { z } from 'zod';
import { bi, idOf, isoDate, rupiahString } from './common.js';

type Label = { id: string; en: string };

export const PLAN_GRADES = ['A', 'B', 'C'] as const;
/** '*': any grade (demand given as a total). */
export const DEMAND_GRADES = ['A', 'B', 'C', '*'] as const;
export type DemandGrade = (typeof DEMAND_GRADES)[number];

export const FAMILY_LABELS: Record<string, Label> = {
  solanaceae: { id: 'Terung-terungan (Solanaceae)', en: 'Nightshades (Solanaceae)' },
  brassicaceae: { id: 'Kubis-kubisan (Brassicaceae)', en: 'Cabbages (Brassicaceae)' },
  apiaceae: { id: 'Seledri-seledrian (Apiaceae)', en: 'Carrot family (Apiaceae)' },
  fabaceae: { id: 'Kacang-kacangan (Fabaceae)', en: 'Legumes (Fabaceae)' },
  cucurbitaceae: { id: 'Labu-labuan (Cucurbitaceae)', en: 'Gourds (Cucurbitaceae)' },
  asteraceae: { id: 'Kenikir-kenikiran (Asteraceae)', en: 'Daisy family (Asteraceae)' },
  amaryllidaceae: { id: 'Bawang-bawangan (Amaryllidaceae)', en: 'Onions (Amaryllidaceae)' },
  rosaceae: { id: 'Mawar-mawaran (Rosaceae)', en: 'Rose family (Rosaceae)' },
};

export const PLANTING_STATUSES = ['planned', 'confirmed', 'changed', 'planted', 'cancelled'] as const;
export type PlantingStatus = (typeof PLANTING_STATUSES)[number];
export const PLANTING_STATUS_LABELS: Record<PlantingStatus, Label> = {
  planned: { id: 'Direncanakan', en: 'Planned' },
  confirmed: { id: 'Disetujui kelompok', en: 'Confirmed' },
  changed: { id: 'Diubah kelompok', en: 'Changed' },
  planted: { id: 'Sudah ditanam', en: 'Planted' },
  cancelled: { id: 'Batal', en: 'Cancelled' },
};

// ── ids and atoms ───────────────────────────────────────────────────────────────────────────

export const seasonId = idOf('msm');
export const planId = idOf('rtn');
export const plantingId = idOf('tnm');

export const cropCode = z
  .string()
  .regex(
    /^[A-Z0-9]{2,12}$/,
    bi('Kode komoditas 2–12 huruf besar/angka, mis. TOMAT', 'Commodity code: 2–12 capitals or digits, e.g. TOMAT'),
  );
export const familyCode = z
  .string()
  .regex(/^[a-z]{3,40}$/, bi('Famili ditulis huruf kecil, mis. solanaceae', 'Family in lower case, e.g. solanaceae'));
/** A member id or a plot id from another module: letters, digits, _ and -. */
export const refId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, bi('Id hanya huruf, angka, _ dan -', 'An id has only letters, digits, _ and -'));
export const gramsString = z.string().regex(/^\d{1,13}$/, bi('Jumlah harus gram bulat ≥ 0', 'Amount must be whole grams ≥ 0'));
export const signedGramsString = z.string().regex(/^-?\d{1,13}$/, bi('Jumlah harus gram bulat', 'Amount must be whole grams'));
const priceString = rupiahString.refine((s) => !s.startsWith('-'), bi('Harga tidak boleh negatif', 'The price must not be negative'));
const name = z.string().trim().min(2).max(120);
const int = (min: number, max: number) => z.number().int().min(min).max(max);

export const monday = isoDate.refine(
  (s) => new Date(`${s}T00:00:00Z`).getUTCDay() === 1,
  bi('Tanggal harus hari Senin (awal minggu)', 'The date must be a Monday (start of a week)'),
);

export const gradeMix = z
  .strictObject({ A: int(0, 10_000), B: int(0, 10_000), C: int(0, 10_000) })
  .refine((m) => m.A + m.B + m.C > 0, bi('Komposisi mutu tidak boleh semuanya 0', 'The grade mix must not be all 0'));

// ── crops ───────────────────────────────────────────────────────────────────────────────────

const altitudeYield = z
  .strictObject({ fromM: int(-500, 6000), toM: int(-500, 6000), yieldPerM2Grams: int(1, 100_000), gradeMix: gradeMix.optional() })
  .refine((a) => a.toM > a.fromM, {
    ...bi('Batas atas pita ketinggian harus > batas bawah', 'A band must end above where it starts'),
    path: ['toM'],
  });

const cropFields = z.strictObject({
  name,
  family: familyCode,
  weeksToHarvest: int(1, 104),
  harvestWeeks: int(1, 52),
  yieldSpread: z.array(int(0, 10_000)).min(1).max(52),
  yieldPerM2Grams: int(1, 100_000),
  gradeMix,
  altitudeMinM: int(-500, 6000),
  altitudeMaxM: int(-500, 6000),
  altitudeYields: z.array(altitudeYield).max(10).default([]),
  avoidWeeks: z.array(int(1, 53)).max(53).default([]),
  bedM2: int(1, 10_000),
  pricePerKg: priceString,
  active: z.boolean().default(true),
});

const cropRules = <T extends z.infer<typeof cropFields>>(c: T, ctx: z.RefinementCtx) => {
  if (c.yieldSpread.length !== c.harvestWeeks) {
    ctx.addIssue({
      code: 'custom',
      path: ['yieldSpread'],
      ...bi(
        `Sebaran hasil harus ${c.harvestWeeks} angka, satu per minggu panen`,
        `The yield spread needs ${c.harvestWeeks} numbers, one per harvest week`,
      ),
    });
  } else if (c.yieldSpread.every((w) => w === 0)) {
    ctx.addIssue({
      code: 'custom',
      path: ['yieldSpread'],
      ...bi('Sebaran hasil tidak boleh semuanya 0', 'The yield spread must not be all 0'),
    });
  }
  if (c.altitudeMaxM < c.altitudeMinM) {
    ctx.addIssue({
      code: 'custom',
      path: ['altitudeMaxM'],
      ...bi('Ketinggian maksimum harus ≥ minimum', 'The maximum altitude must be ≥ the minimum'),
    });
  }
};

export const cropInput = cropFields.extend({ code: cropCode }).superRefine(cropRules);
export type CropInput = z.infer<typeof cropInput>;
export const cropUpdate = cropFields.superRefine(cropRules);
export type CropUpdate = z.infer<typeof cropUpdate>;

export const crop = z.object({
  code: z.string(),
  name: z.string(),
  family: z.string(),
  weeksToHarvest: z.number(),
  harvestWeeks: z.number(),
  yieldSpread: z.array(z.number()),
  yieldPerM2Grams: z.number(),
  gradeMix: z.object({ A: z.number(), B: z.number(), C: z.number() }),
  altitudeMinM: z.number(),
  altitudeMaxM: z.number(),
  altitudeYields: z.array(
    z.object({
      fromM: z.number(),
      toM: z.number(),
      yieldPerM2Grams: z.number(),
      gradeMix: z.object({ A: z.number(), B: z.number(), C: z.number() }).optional(),
    }),
  ),
  avoidWeeks: z.array(z.number()),
  bedM2: z.number(),
  pricePerKg: z.string(),
  active: z.boolean(),
  updatedAt: z.string(),
});
export type Crop = z.infer<typeof crop>;

// ── capacity: farmers and plots ─────────────────────────────────────────────────────────────

export const planningFarmerInput = z.strictObject({
  name,
  group: name,
  unavailableWeeks: z.array(monday).max(60).default([]),
  acceptsExtra: z.boolean().default(false),
});
export type PlanningFarmerInput = z.infer<typeof planningFarmerInput>;
export const planningFarmerCreate = planningFarmerInput.extend({ farmerId: refId });

const plotFields = z.strictObject({
  farmerId: refId,
  name: z.string().trim().min(1).max(120),
  areaM2: z.number().int().min(1, bi('Luas lahan harus lebih dari 0 m²', 'The plot area must be more than 0 m²')).max(10_000_000),
  altitudeM: int(-500, 6000),
  allowedFamilies: z.array(familyCode).min(1, bi('Pilih paling sedikit satu famili tanaman', 'Choose at least one crop family')).max(20),
  lastFamily: familyCode.nullable().default(null),
  active: z.boolean().default(true),
});
export const plotInput = plotFields.extend({ plotId: refId.optional() });
export type PlotInput = z.infer<typeof plotInput>;
export const plotUpdate = plotFields;
export type PlotUpdate = z.infer<typeof plotUpdate>;

export const plot = z.object({
  plotId: z.string(),
  farmerId: z.string(),
  name: z.string(),
  areaM2: z.number(),
  altitudeM: z.number(),
  allowedFamilies: z.array(z.string()),
  lastFamily: z.string().nullable(),
  active: z.boolean(),
});
export const planningFarmer = z.object({
  farmerId: z.string(),
  name: z.string(),
  group: z.string(),
  unavailableWeeks: z.array(z.string()),
  acceptsExtra: z.boolean(),
  landM2: z.number(),
  plots: z.array(plot),
});

// ── seasons and demand ──────────────────────────────────────────────────────────────────────

export const seasonInput = z.strictObject({
  name,
  startDate: monday,
  weeks: int(1, 52),
  safetyMarginPct: int(0, 100).default(10),
});
export type SeasonInput = z.infer<typeof seasonInput>;

export const season = z.object({
  id: z.string(),
  name: z.string(),
  startDate: z.string(),
  weeks: z.number(),
  safetyMarginPct: z.number(),
  activePlanId: z.string().nullable(),
});

export const demandRowInput = z.strictObject({
  commodity: cropCode,
  grade: z.enum(DEMAND_GRADES),
  week: int(0, 51),
  contractGrams: gramsString.default('0'),
  historyGrams: gramsString.default('0'),
  adjustmentGrams: signedGramsString.default('0'),
});
export const demandPut = z.strictObject({
  safetyMarginPct: int(0, 100).optional(),
  rows: z.array(demandRowInput).max(52 * 4 * 120),
});
export type DemandPut = z.infer<typeof demandPut>;

export const demandRow = z.object({
  commodity: z.string(),
  grade: z.enum(DEMAND_GRADES),
  week: z.number(),
  weekStart: z.string(),
  contractGrams: z.string(),
  historyGrams: z.string(),
  adjustmentGrams: z.string(),
  /** (contract + history + adjustment) × (1 + margin), half-up, never below 0. */
  forecastGrams: z.string(),
});
export const demandTable = z.object({ seasonId: z.string(), safetyMarginPct: z.number(), rows: z.array(demandRow) });

/**
 * The demand table rebuilt from the market link: contract volumes of the contract in force with each
 * buyer, and orders placed outside contracts as history (the same weeks a year before when there is
 * a year of them, else the weekly average of the last 8 weeks). Adjustments are kept.
 */
export const demandFromMarket = z.object({
  demand: demandTable,
  historyBasis: z.enum(['last_year', 'recent_weeks', 'none']),
  skipped: z.array(z.object({ commodity: z.string(), reason: z.enum(['no_crop', 'not_by_weight']), message: z.string() })),
});

export const weekRef = z.object({ week: z.number(), weekStart: z.string() });
export const demandChart = z.object({
  weeks: z.array(weekRef),
  series: z.array(
    z.object({
      commodity: z.string(),
      name: z.string(),
      contractGrams: z.array(z.string()),
      historyGrams: z.array(z.string()),
      adjustmentGrams: z.array(z.string()),
      forecastGrams: z.array(z.string()),
    }),
  ),
});

// ── solving and plans ───────────────────────────────────────────────────────────────────────

export const solveInput = z.strictObject({ timeLimitSeconds: int(5, 170).default(30) });
export const replanInput = z.strictObject({ asOf: isoDate.optional(), timeLimitSeconds: int(5, 170).default(30) });

const fairness = z.object({
  farmersWithLand: z.number(),
  farmersPlanting: z.number(),
  farmersLeftOut: z.number(),
  maxShareRatio: z.number(),
  incomePerM2Cv: z.number(),
  incomePerM2Gini: z.number(),
});
export const planFigures = z.object({
  demandGrams: z.string(),
  supplyGrams: z.string(),
  shortfallGrams: z.string(),
  oversupplyGrams: z.string(),
  plantedM2: z.number(),
  plantings: z.number(),
  expectedIncome: z.string(),
  objective: z.number(),
  fairness,
});
export const explanation = z.object({
  commodity: z.string(),
  fromWeek: z.number(),
  toWeek: z.number(),
  shortfallGrams: z.string(),
  reason: z.string(),
  message: z.string(),
});
export const planSummary = z.object({
  id: z.string(),
  seasonId: z.string(),
  status: z.enum(['active', 'superseded']),
  firstOpenWeek: z.number(),
  createdAt: z.string(),
  solver: z.object({
    status: z.enum(['optimal', 'feasible', 'time_limit', 'infeasible', 'error']),
    highsStatus: z.string(),
    method: z.string(),
    gapPct: z.number(),
    bound: z.number(),
    objective: z.number(),
    variables: z.number(),
    constraints: z.number(),
    landGroups: z.number(),
    solveMs: z.number(),
    totalMs: z.number(),
  }),
  figures: planFigures,
  greedy: planFigures,
  check: z.object({ ok: z.boolean(), checkedPlantings: z.number(), greedyOk: z.boolean() }),
  explanations: z.array(explanation),
});
export type PlanSummary = z.infer<typeof planSummary>;

export const planting = z.object({
  id: z.string(),
  farmerId: z.string(),
  farmerName: z.string(),
  group: z.string(),
  plotId: z.string(),
  plotName: z.string(),
  commodity: z.string(),
  commodityName: z.string(),
  plantWeek: z.number(),
  plantDate: z.string(),
  harvestFromWeek: z.number(),
  harvestToWeek: z.number(),
  areaM2: z.number(),
  offsetM2: z.number(),
  beds: z.number(),
  expectedGrams: z.string(),
  expectedIncome: z.string(),
  fixed: z.boolean(),
  status: z.enum(PLANTING_STATUSES),
  actualPlantWeek: z.number().nullable(),
  actualAreaM2: z.number().nullable(),
  note: z.string().nullable(),
});
export type Planting = z.infer<typeof planting>;
export const planDetail = z.object({ summary: planSummary, plantings: z.array(planting) });

export const ganttQuery = z.strictObject({ group: z.string().trim().min(1).max(120).optional(), farmerId: refId.optional() });
export const gantt = z.object({
  weeks: z.array(weekRef),
  groups: z.array(
    z.object({
      group: z.string(),
      farmers: z.array(
        z.object({
          farmerId: z.string(),
          name: z.string(),
          bars: z.array(
            z.object({
              plantingId: z.string(),
              commodity: z.string(),
              commodityName: z.string(),
              plotName: z.string(),
              areaM2: z.number(),
              startWeek: z.number(),
              harvestFromWeek: z.number(),
              endWeek: z.number(),
              status: z.enum(PLANTING_STATUSES),
            }),
          ),
        }),
      ),
    }),
  ),
});

export const coverageQuery = z.strictObject({ commodity: cropCode.optional() });
export const coverage = z.object({
  weeks: z.array(weekRef),
  commodities: z.array(
    z.object({
      commodity: z.string(),
      name: z.string(),
      demandGrams: z.array(z.string()),
      expectedGrams: z.array(z.string()),
      actualGrams: z.array(z.string().nullable()),
    }),
  ),
});

// ── follow-up ───────────────────────────────────────────────────────────────────────────────

export const plantingUpdate = z
  .strictObject({
    status: z.enum(['confirmed', 'changed', 'planted', 'cancelled']),
    plantWeek: int(-104, 51).optional(),
    areaM2: z.number().int().min(1).max(10_000_000).optional(),
    note: z.string().trim().max(500).nullish(),
  })
  .refine((u) => u.status !== 'changed' || u.plantWeek !== undefined || u.areaM2 !== undefined, {
    ...bi('Perubahan harus menyebut minggu tanam atau luas yang baru', 'A change must give the new planting week or area'),
    path: ['status'],
  });
export type PlantingUpdate = z.infer<typeof plantingUpdate>;

export const actualInput = z.strictObject({
  commodity: cropCode,
  grade: z.enum(DEMAND_GRADES).default('*'),
  weekDate: isoDate,
  grams: signedGramsString,
  note: z.string().trim().max(500).nullish(),
});
export type ActualInput = z.infer<typeof actualInput>;

export const asOfQuery = z.strictObject({ asOf: isoDate.optional() });
export const followUp = z.object({
  asOf: z.string(),
  currentWeek: z.number(),
  commodities: z.array(
    z.object({
      commodity: z.string(),
      name: z.string(),
      expectedToDateGrams: z.string(),
      actualToDateGrams: z.string(),
      /** Actual ÷ expected over the weeks with intake so far; null before any. */
      realisation: z.number().nullable(),
    }),
  ),
  plantings: z.object({ planned: z.number(), confirmed: z.number(), changed: z.number(), planted: z.number(), cancelled: z.number() }),
});

export const warning = z.object({
  commodity: z.string(),
  name: z.string(),
  fromWeek: z.number(),
  toWeek: z.number(),
  fromDate: z.string(),
  demandGrams: z.string(),
  expectedGrams: z.string(),
  /** Bought from other cooperatives in those weeks, counted as supply in the week it came in. */
  boughtGrams: z.string(),
  shortfallGrams: z.string(),
  message: z.string(),
  options: z.array(
    z.object({
      kind: z.enum(['replan', 'buy_from_other_coop']),
      description: z.string(),
      grams: z.string().optional(),
      estimatedCost: z.string().optional(),
      fromWeek: z.number().optional(),
    }),
  ),
});
export const warnings = z.object({ asOf: z.string(), currentWeek: z.number(), lookaheadWeeks: z.number(), warnings: z.array(warning) });
