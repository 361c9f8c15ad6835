/**
 * The planning engine's input and output as plain data, so any module can feed it: crops,
 * farmers with their plots, weekly demand and what is already in the ground go in; plantings
 * (who plants how many m² of what, where on which plot, in which week) and coverage come out.
 * Weeks are indexes from the season's first week (0-based); quantities are integer grams.
 */

export const GRADES = ['A', 'B', 'C'] as const;
export type Grade = (typeof GRADES)[number];

/** Integer weights (percent) per grade; they need not be normalised but must not all be zero. */
export type GradeMix = Record<Grade, number>;

/** A yield (and grade mix) that differs from the crop's default at some altitudes. */
export interface AltitudeYield {
  fromM: number;
  /** Exclusive upper bound. */
  toM: number;
  yieldPerM2Grams: number;
  gradeMix?: GradeMix;
}

export interface CommodityParams {
  code: string;
  name?: string;
  family: string;
  /** Weeks from planting to the first harvest week. */
  weeksToHarvest: number;
  /** How many weeks the harvest lasts. */
  harvestWeeks: number;
  /** Integer weights, one per harvest week: how the yield spreads over the harvest window. */
  yieldSpread: number[];
  /** Total yield over the whole harvest window, grams per m². */
  yieldPerM2Grams: number;
  gradeMix: GradeMix;
  altitudeMinM: number;
  altitudeMaxM: number;
  altitudeYields?: AltitudeYield[];
  /** ISO weeks of the year (1–53) in which this crop is not planted (rainy-season disease, …). */
  avoidWeeks: number[];
  /** The smallest planting unit (one bed), m². Planted areas are multiples of it. */
  bedM2: number;
  /** Current price, whole Rupiah per kg. */
  pricePerKg: bigint;
}

export interface PlotCapacity {
  id: string;
  name?: string;
  areaM2: number;
  altitudeM: number;
  /** Crop families this plot may grow. */
  allowedFamilies: string[];
  /** The family grown on the plot just before this plan (rotation), if known. */
  lastFamily: string | null;
}

export interface FarmerCapacity {
  /** A member id (plain text). */
  id: string;
  name?: string;
  /** The farmer group (poktan). */
  group: string;
  plots: PlotCapacity[];
  /** Week indexes in which the farmer cannot plant. */
  unavailableWeeks: number[];
  /** The farmer chose to take on more than a land-proportional share of the work. */
  acceptsExtra?: boolean;
}

export interface DemandCell {
  commodity: string;
  /** null: any grade (the commodity's demand is given as a total). */
  grade: Grade | null;
  week: number;
  grams: number;
}

/** A planting already in the ground (or otherwise decided): kept as it is, supplies its harvest. */
export interface FixedPlanting {
  ref?: string;
  farmerId: string;
  plotId: string;
  commodity: string;
  /** May be negative: planted before the season's first week. */
  plantWeek: number;
  areaM2: number;
  /** Where on the plot it lies (m² from the plot's start); placed automatically when absent. */
  offsetM2?: number;
}

export interface PlanningSettings {
  /** Penalty per kg of shortfall, relative to oversupply. */
  shortfallWeight: number;
  oversupplyWeight: number;
  /**
   * How the penalty per kg grows with the size of a week's deviation from demand: the part of a
   * deviation up to `upToShare` of the week's demand costs `weight` × the full rate (tiers in
   * increasing order); beyond the last tier the full rate. Expected harvests are far less certain
   * than one bed, so small deviations weigh little and large ones fully.
   */
  deviationTiers: { upToShare: number; weight: number }[];
  /** A farmer group's (land class's) income share may exceed its land share by this factor before it is penalised. */
  fairnessCap: number;
  /** … and should reach at least this factor of its land share. */
  fairnessFloor: number;
  /** Penalty per kg-equivalent of income outside the fair band. */
  fairnessWeight: number;
  /** Solver time limit in seconds. */
  timeLimitSeconds: number;
  /** Models with at most this many planting variables are solved with whole beds (MIP); larger ones as LP and rounded. */
  mipMaxVariables: number;
  /** Refuse models with more planting variables than this. */
  maxVariables: number;
}

export const DEFAULT_SETTINGS: PlanningSettings = {
  shortfallWeight: 2,
  oversupplyWeight: 1,
  // A piecewise-linear Huber loss: the rate per kg rises from 1/8 to 7/8 of the full rate as the
  // deviation grows to 8% of the week's demand, the full rate beyond.
  deviationTiers: [
    { upToShare: 0.02, weight: 0.125 },
    { upToShare: 0.04, weight: 0.375 },
    { upToShare: 0.06, weight: 0.625 },
    { upToShare: 0.08, weight: 0.875 },
  ],
  fairnessCap: 1.5,
  fairnessFloor: 0.5,
  fairnessWeight: 0.5,
  timeLimitSeconds: 30,
  mipMaxVariables: 200,
  maxVariables: 250_000,
};

export interface PlanningProblem {
  /** Length of the season in weeks (≤ 52 for demand; plantings may harvest after it). */
  weeks: number;
  /** Monday of week 0 (YYYY-MM-DD): maps week indexes to ISO weeks for avoidWeeks. */
  startDate: string;
  /** New plantings may start from this week on (re-planning keeps earlier weeks as they are). */
  firstOpenWeek?: number;
  commodities: CommodityParams[];
  farmers: FarmerCapacity[];
  demand: DemandCell[];
  fixed: FixedPlanting[];
  settings?: Partial<PlanningSettings>;
}

export interface Planting {
  farmerId: string;
  plotId: string;
  commodity: string;
  plantWeek: number;
  areaM2: number;
  offsetM2: number;
  fixed: boolean;
  ref?: string;
}

export interface CoverageCell {
  commodity: string;
  grade: Grade | null;
  week: number;
  demandGrams: number;
  supplyGrams: number;
  shortfallGrams: number;
  oversupplyGrams: number;
}

export interface PlanTotals {
  demandGrams: number;
  supplyGrams: number;
  shortfallGrams: number;
  oversupplyGrams: number;
  plantedM2: number;
  plantings: number;
}

/** What a plan says of itself: the checker recomputes every figure from the plantings. */
export interface Plan {
  plantings: Planting[];
  coverage: CoverageCell[];
  totals: PlanTotals;
}

export type ReasonCode =
  | 'no_crop_parameters'
  | 'family_not_allowed'
  | 'altitude'
  | 'no_land'
  | 'before_first_harvest'
  | 'avoid_season'
  | 'farmers_unavailable'
  | 'land_full'
  | 'harvest_pattern';

/** One thing the plan cannot do, for a commodity over a run of weeks, with the reason. */
export interface Explanation {
  commodity: string;
  grade: Grade | null;
  fromWeek: number;
  toWeek: number;
  shortfallGrams: number;
  reason: ReasonCode;
  message: { id: string; en: string };
}

export interface FairnessFigures {
  farmersWithLand: number;
  farmersPlanting: number;
  /** Farmers who could grow something demanded (land, weeks, rotation) but were given nothing new. */
  farmersLeftOut: number;
  /** Highest income share ÷ land share among farmers who did not ask for more. */
  maxShareRatio: number;
  /** Coefficient of variation of expected income per m² of land across farmers with land. */
  incomePerM2Cv: number;
  /** Gini coefficient of expected income per m² of land. */
  incomePerM2Gini: number;
}

export interface PlanFigures {
  shortfallGrams: number;
  oversupplyGrams: number;
  demandGrams: number;
  supplyGrams: number;
  plantedM2: number;
  plantings: number;
  expectedIncome: bigint;
  /** The planning objective (weighted kg of shortfall and oversupply, fairness, land), on the modelled part. */
  objective: number;
  fairness: FairnessFigures;
}

export type SolverStatus = 'optimal' | 'feasible' | 'time_limit' | 'infeasible' | 'error';

export interface SolverReport {
  /** HiGHS' own model status, as it says it. */
  highsStatus: string;
  status: SolverStatus;
  method: 'lp_rounded' | 'mip';
  /** A lower bound of the objective (LP relaxation or MIP dual bound). */
  bound: number;
  /** The saved plan's objective. */
  objective: number;
  /** (objective − bound) ÷ objective: how far the saved plan may be from the best possible. */
  gap: number;
  variables: number;
  constraints: number;
  landClasses: number;
  solveMs: number;
  totalMs: number;
}

export interface Violation {
  code:
    | 'unknown_plot'
    | 'unknown_commodity'
    | 'family_not_allowed'
    | 'altitude'
    | 'avoid_week'
    | 'farmer_unavailable'
    | 'before_open_week'
    | 'week_out_of_range'
    | 'not_bed_multiple'
    | 'nonpositive_area'
    | 'outside_plot'
    | 'overlap'
    | 'area_exceeded'
    | 'rotation'
    | 'fixed_changed'
    | 'coverage_mismatch'
    | 'totals_mismatch';
  message: string;
  planting?: number;
}

export interface CheckReport {
  ok: boolean;
  violations: Violation[];
  /** Coverage as the checker computed it (grams), to compare. */
  checkedPlantings: number;
}

export interface PlanOutcome {
  plan: Plan;
  figures: PlanFigures;
  solver: SolverReport;
  explanations: Explanation[];
  greedy: { plan: Plan; figures: PlanFigures };
}
