-- Production planning (pola tanam): crop parameters, planting capacity (farmers and their plots),
-- seasons with weekly demand, plans with their plantings, and actual harvest per week.
-- Farmers are members, referred to by plain id. planning_capacity holds the plots the planner
-- may use until the produce-aggregation module owns farmers' plots; then it becomes a view of them.

CREATE TABLE crops (
  cooperative_id text NOT NULL REFERENCES cooperatives (id),
  code text NOT NULL CHECK (code ~ '^[A-Z0-9]{2,12}$'),
  name text NOT NULL CHECK (length(btrim(name)) BETWEEN 2 AND 120),
  family text NOT NULL CHECK (family ~ '^[a-z]{3,40}$'),
  weeks_to_harvest integer NOT NULL CHECK (weeks_to_harvest BETWEEN 1 AND 104),
  harvest_weeks integer NOT NULL CHECK (harvest_weeks BETWEEN 1 AND 52),
  -- Integer weights, one per harvest week.
  yield_spread jsonb NOT NULL CHECK (jsonb_typeof(yield_spread) = 'array'),
  yield_per_m2_grams integer NOT NULL CHECK (yield_per_m2_grams BETWEEN 1 AND 100000),
  -- {"A": 60, "B": 30, "C": 10}
  grade_mix jsonb NOT NULL CHECK (jsonb_typeof(grade_mix) = 'object'),
  altitude_min_m integer NOT NULL CHECK (altitude_min_m BETWEEN -500 AND 6000),
  altitude_max_m integer NOT NULL CHECK (altitude_max_m BETWEEN -500 AND 6000),
  -- [{"fromM": 1400, "toM": 1600, "yieldPerM2Grams": 3200, "gradeMix": {…}}]
  altitude_yields jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(altitude_yields) = 'array'),
  -- ISO weeks of the year in which the crop is not planted.
  avoid_weeks jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(avoid_weeks) = 'array'),
  bed_m2 integer NOT NULL CHECK (bed_m2 BETWEEN 1 AND 10000),
  price_per_kg bigint NOT NULL CHECK (price_per_kg BETWEEN 0 AND 100000000),
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cooperative_id, code),
  CHECK (altitude_max_m >= altitude_min_m),
  CHECK (jsonb_array_length(yield_spread) = harvest_weeks)
);

CREATE TABLE planning_farmers (
  cooperative_id text NOT NULL REFERENCES cooperatives (id),
  farmer_id text NOT NULL CHECK (farmer_id ~ '^[A-Za-z0-9_-]{1,64}$'),
  name text NOT NULL CHECK (length(btrim(name)) BETWEEN 2 AND 120),
  group_name text NOT NULL CHECK (length(btrim(group_name)) BETWEEN 2 AND 120),
  -- Mondays (YYYY-MM-DD) of the weeks the farmer cannot plant.
  unavailable_weeks jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(unavailable_weeks) = 'array'),
  accepts_extra boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cooperative_id, farmer_id)
);

CREATE TABLE planning_capacity (
  cooperative_id text NOT NULL REFERENCES cooperatives (id),
  plot_id text NOT NULL CHECK (plot_id ~ '^[A-Za-z0-9_-]{1,64}$'),
  farmer_id text NOT NULL,
  name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 120),
  area_m2 integer NOT NULL CHECK (area_m2 BETWEEN 1 AND 10000000),
  altitude_m integer NOT NULL CHECK (altitude_m BETWEEN -500 AND 6000),
  allowed_families text[] NOT NULL,
  last_family text,
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cooperative_id, plot_id),
  FOREIGN KEY (cooperative_id, farmer_id) REFERENCES planning_farmers (cooperative_id, farmer_id)
);
CREATE INDEX planning_capacity_farmer_idx ON planning_capacity (cooperative_id, farmer_id);

CREATE TABLE planning_seasons (
  cooperative_id text NOT NULL REFERENCES cooperatives (id),
  id text NOT NULL,
  name text NOT NULL CHECK (length(btrim(name)) BETWEEN 2 AND 120),
  start_date date NOT NULL CHECK (extract(isodow FROM start_date) = 1),
  weeks integer NOT NULL CHECK (weeks BETWEEN 1 AND 52),
  safety_margin_pct integer NOT NULL DEFAULT 10 CHECK (safety_margin_pct BETWEEN 0 AND 100),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cooperative_id, id)
);

-- The weekly forecast's parts; the forecast is (contract + history + adjustment) × (1 + margin).
CREATE TABLE planning_demand (
  cooperative_id text NOT NULL,
  season_id text NOT NULL,
  commodity_code text NOT NULL,
  -- '*' when the demand is for any grade.
  grade text NOT NULL CHECK (grade IN ('A', 'B', 'C', '*')),
  week integer NOT NULL CHECK (week BETWEEN 0 AND 51),
  contract_grams bigint NOT NULL DEFAULT 0 CHECK (contract_grams BETWEEN 0 AND 1000000000000),
  history_grams bigint NOT NULL DEFAULT 0 CHECK (history_grams BETWEEN 0 AND 1000000000000),
  adjustment_grams bigint NOT NULL DEFAULT 0 CHECK (adjustment_grams BETWEEN -1000000000000 AND 1000000000000),
  PRIMARY KEY (cooperative_id, season_id, commodity_code, grade, week),
  FOREIGN KEY (cooperative_id, season_id) REFERENCES planning_seasons (cooperative_id, id) ON DELETE CASCADE,
  FOREIGN KEY (cooperative_id, commodity_code) REFERENCES crops (cooperative_id, code)
);

CREATE TABLE planning_plans (
  cooperative_id text NOT NULL,
  id text NOT NULL,
  season_id text NOT NULL,
  status text NOT NULL CHECK (status IN ('active', 'superseded')),
  first_open_week integer NOT NULL CHECK (first_open_week BETWEEN 0 AND 51),
  solver_status text NOT NULL,
  method text NOT NULL,
  -- Optimality gap in millionths (10000 = 1%).
  gap_ppm integer NOT NULL CHECK (gap_ppm BETWEEN 0 AND 1000000),
  demand_grams bigint NOT NULL,
  shortfall_grams bigint NOT NULL,
  oversupply_grams bigint NOT NULL,
  expected_income bigint NOT NULL,
  -- Solver report, figures, the spreadsheet comparison, explanations, the checker's verdict.
  summary jsonb NOT NULL,
  input_hash text NOT NULL,
  -- Only plans the independent checker passed are saved.
  check_passed boolean NOT NULL CHECK (check_passed),
  replaces_plan_id text,
  created_by text,
  created_by_label text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cooperative_id, id),
  FOREIGN KEY (cooperative_id, season_id) REFERENCES planning_seasons (cooperative_id, id)
);
CREATE UNIQUE INDEX planning_plans_active_uq ON planning_plans (cooperative_id, season_id) WHERE status = 'active';

CREATE TABLE planning_plantings (
  cooperative_id text NOT NULL,
  id text NOT NULL,
  plan_id text NOT NULL,
  farmer_id text NOT NULL,
  plot_id text NOT NULL,
  commodity_code text NOT NULL,
  plant_week integer NOT NULL CHECK (plant_week BETWEEN -104 AND 51),
  area_m2 integer NOT NULL CHECK (area_m2 > 0),
  offset_m2 integer NOT NULL CHECK (offset_m2 >= 0),
  expected_grams bigint NOT NULL CHECK (expected_grams >= 0),
  expected_income bigint NOT NULL CHECK (expected_income >= 0),
  -- Already in the ground (or decided) when the plan was made: kept as it was.
  fixed boolean NOT NULL,
  status text NOT NULL CHECK (status IN ('planned', 'confirmed', 'changed', 'planted', 'cancelled')),
  actual_plant_week integer CHECK (actual_plant_week BETWEEN -104 AND 51),
  actual_area_m2 integer CHECK (actual_area_m2 > 0),
  note text CHECK (length(note) <= 500),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by_label text,
  PRIMARY KEY (cooperative_id, id),
  FOREIGN KEY (cooperative_id, plan_id) REFERENCES planning_plans (cooperative_id, id),
  FOREIGN KEY (cooperative_id, plot_id) REFERENCES planning_capacity (cooperative_id, plot_id),
  FOREIGN KEY (cooperative_id, commodity_code) REFERENCES crops (cooperative_id, code)
);
CREATE INDEX planning_plantings_plan_idx ON planning_plantings (cooperative_id, plan_id, plant_week);

-- Actual harvest per commodity and week (from intake, or typed in); facts, never changed:
-- a correction is another row with negative grams.
CREATE TABLE planning_actuals (
  cooperative_id text NOT NULL,
  id text NOT NULL,
  commodity_code text NOT NULL,
  grade text NOT NULL CHECK (grade IN ('A', 'B', 'C', '*')),
  week_start date NOT NULL CHECK (extract(isodow FROM week_start) = 1),
  grams bigint NOT NULL CHECK (grams BETWEEN -1000000000000 AND 1000000000000),
  source text NOT NULL CHECK (source IN ('intake', 'manual')),
  note text CHECK (length(note) <= 500),
  recorded_by_label text NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cooperative_id, id),
  FOREIGN KEY (cooperative_id, commodity_code) REFERENCES crops (cooperative_id, code)
);
CREATE INDEX planning_actuals_week_idx ON planning_actuals (cooperative_id, commodity_code, week_start);
CREATE TRIGGER planning_actuals_append_only BEFORE UPDATE OR DELETE ON planning_actuals
  FOR EACH ROW EXECUTE FUNCTION kopdes_append_only();
