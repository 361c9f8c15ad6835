-- Produce aggregation (the Al-Ittifaq model): catalogue, farmers' clusters and plots, collection
-- points, storage locations, buying prices, harvest intakes split into graded lots, perishable
-- stock (every change a movement; the on-hand table follows the movements by trigger and never
-- goes negative), packing, losses, stock counts and farmer payouts. Members and farmer groups are
-- the members module's: they are referred to by plain id, checked through its service.

CREATE TABLE produce_settings (
  cooperative_id text NOT NULL REFERENCES cooperatives (id),
  reject_policy text NOT NULL DEFAULT 'unpaid' CHECK (reject_policy IN ('unpaid', 'priced')),
  expiry_alert_days integer NOT NULL DEFAULT 2 CHECK (expiry_alert_days BETWEEN 0 AND 30),
  default_location_id text,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by_label text NOT NULL,
  PRIMARY KEY (cooperative_id)
);

CREATE TABLE produce_commodities (
  cooperative_id text NOT NULL REFERENCES cooperatives (id),
  id text NOT NULL,
  code text NOT NULL CHECK (code ~ '^[A-Z0-9]{2,12}$'),
  name text NOT NULL CHECK (length(btrim(name)) BETWEEN 2 AND 120),
  unit text NOT NULL CHECK (unit IN ('kg', 'bunch', 'piece')),
  variable_weight boolean NOT NULL DEFAULT false,
  storage_class text NOT NULL CHECK (storage_class IN ('ambient', 'cool', 'cold')),
  shelf_life_ambient integer CHECK (shelf_life_ambient BETWEEN 1 AND 365),
  shelf_life_cool integer CHECK (shelf_life_cool BETWEEN 1 AND 365),
  shelf_life_cold integer CHECK (shelf_life_cold BETWEEN 1 AND 365),
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cooperative_id, id),
  CONSTRAINT produce_commodities_code_uq UNIQUE (cooperative_id, code),
  CHECK (shelf_life_ambient IS NOT NULL OR shelf_life_cool IS NOT NULL OR shelf_life_cold IS NOT NULL)
);
CREATE UNIQUE INDEX produce_commodities_name_uq ON produce_commodities (cooperative_id, lower(name));

-- Days a commodity keeps in a storage class; a class it has no figure for falls back to its own
-- recommended class (the same rule as shelfLifeDays in catalogue.service.ts).
CREATE FUNCTION produce_shelf_life(ambient integer, cool integer, cold integer, recommended text, cls text) RETURNS integer
  LANGUAGE sql IMMUTABLE AS $$
  SELECT coalesce(CASE cls WHEN 'ambient' THEN ambient WHEN 'cool' THEN cool ELSE cold END,
                  CASE recommended WHEN 'ambient' THEN ambient WHEN 'cool' THEN cool ELSE cold END,
                  ambient, cool, cold, 1)
$$;

CREATE TABLE produce_grades (
  cooperative_id text NOT NULL,
  commodity_id text NOT NULL,
  grade text NOT NULL CHECK (grade IN ('A', 'B', 'C', 'reject')),
  spec text NOT NULL CHECK (length(btrim(spec)) >= 3),
  PRIMARY KEY (cooperative_id, commodity_id, grade),
  FOREIGN KEY (cooperative_id, commodity_id) REFERENCES produce_commodities (cooperative_id, id)
);

CREATE TABLE produce_pack_formats (
  cooperative_id text NOT NULL,
  id text NOT NULL,
  commodity_id text NOT NULL,
  channel text NOT NULL CHECK (channel IN ('modern_retail', 'traditional_market', 'horeca', 'online', 'own_store', 'school_meal')),
  name text NOT NULL CHECK (length(btrim(name)) BETWEEN 2 AND 120),
  grade text CHECK (grade IN ('A', 'B', 'C', 'reject')),
  content bigint NOT NULL CHECK (content > 0), -- grams, or pieces for counted commodities
  packaging text NOT NULL,
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cooperative_id, id),
  FOREIGN KEY (cooperative_id, commodity_id) REFERENCES produce_commodities (cooperative_id, id)
);

CREATE TABLE produce_clusters (
  cooperative_id text NOT NULL REFERENCES cooperatives (id),
  id text NOT NULL,
  name text NOT NULL CHECK (length(btrim(name)) BETWEEN 2 AND 120),
  description text,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cooperative_id, id)
);
CREATE UNIQUE INDEX produce_clusters_name_uq ON produce_clusters (cooperative_id, lower(name));

-- What the cooperative knows of a member as a supplying farmer (member_id: the members module's id).
CREATE TABLE produce_farmers (
  cooperative_id text NOT NULL REFERENCES cooperatives (id),
  member_id text NOT NULL,
  cluster_id text,
  payout_method text NOT NULL DEFAULT 'cash' CHECK (payout_method IN ('cash', 'bank')),
  bank_name text,
  bank_account_no text CHECK (bank_account_no ~ '^\d{6,20}$'),
  bank_account_name text,
  delivery_active boolean NOT NULL DEFAULT true,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cooperative_id, member_id),
  FOREIGN KEY (cooperative_id, cluster_id) REFERENCES produce_clusters (cooperative_id, id),
  CHECK (payout_method = 'cash' OR (bank_name IS NOT NULL AND bank_account_no IS NOT NULL))
);
CREATE INDEX produce_farmers_cluster_idx ON produce_farmers (cooperative_id, cluster_id);

CREATE TABLE produce_plots (
  cooperative_id text NOT NULL REFERENCES cooperatives (id),
  id text NOT NULL,
  member_id text NOT NULL,
  name text NOT NULL CHECK (length(btrim(name)) BETWEEN 2 AND 120),
  area_m2 integer NOT NULL CHECK (area_m2 > 0),
  village_code text NOT NULL CHECK (village_code ~ '^\d{2}\.\d{2}\.\d{2}\.\d{4}$'),
  altitude_m integer NOT NULL CHECK (altitude_m BETWEEN -100 AND 4000),
  latitude numeric(9, 6) CHECK (latitude BETWEEN -11.5 AND 6.5),
  longitude numeric(9, 6) CHECK (longitude BETWEEN 94 AND 141.5),
  commodity_ids text[] NOT NULL DEFAULT '{}',
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cooperative_id, id),
  CHECK ((latitude IS NULL) = (longitude IS NULL))
);
CREATE INDEX produce_plots_member_idx ON produce_plots (cooperative_id, member_id);

CREATE TABLE produce_collection_points (
  cooperative_id text NOT NULL REFERENCES cooperatives (id),
  id text NOT NULL,
  name text NOT NULL CHECK (length(btrim(name)) BETWEEN 2 AND 120),
  village_code text NOT NULL CHECK (village_code ~ '^\d{2}\.\d{2}\.\d{2}\.\d{4}$'),
  address text,
  -- ISO weekdays in order, e.g. '14' for Monday and Thursday.
  delivery_days text NOT NULL CHECK (delivery_days ~ '^1?2?3?4?5?6?7?$' AND delivery_days <> ''),
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cooperative_id, id)
);
CREATE UNIQUE INDEX produce_collection_points_name_uq ON produce_collection_points (cooperative_id, lower(name));

CREATE TABLE produce_locations (
  cooperative_id text NOT NULL REFERENCES cooperatives (id),
  id text NOT NULL,
  name text NOT NULL CHECK (length(btrim(name)) BETWEEN 2 AND 120),
  kind text NOT NULL CHECK (kind IN ('packing_house', 'cold_storage', 'truck', 'collection_point')),
  storage_class text NOT NULL CHECK (storage_class IN ('ambient', 'cool', 'cold')),
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cooperative_id, id)
);
CREATE UNIQUE INDEX produce_locations_name_uq ON produce_locations (cooperative_id, lower(name));

-- A price list row is never changed: a new row with a later valid_from (or a later row for the
-- same day) takes over. The price in force on a day is the newest row valid on or before it.
CREATE TABLE produce_prices (
  cooperative_id text NOT NULL,
  id text NOT NULL,
  commodity_id text NOT NULL,
  grade text NOT NULL,
  valid_from date NOT NULL,
  price bigint NOT NULL CHECK (price >= 0 AND price <= 999999999999),
  created_by_label text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cooperative_id, id),
  FOREIGN KEY (cooperative_id, commodity_id, grade) REFERENCES produce_grades (cooperative_id, commodity_id, grade),
  CHECK (price > 0 OR grade = 'reject')
);
CREATE INDEX produce_prices_lookup_idx ON produce_prices (cooperative_id, commodity_id, grade, valid_from DESC, id DESC);
CREATE TRIGGER produce_prices_append_only BEFORE UPDATE OR DELETE ON produce_prices
  FOR EACH ROW EXECUTE FUNCTION kopdes_append_only();

CREATE TABLE produce_intakes (
  cooperative_id text NOT NULL,
  id text NOT NULL,
  number text NOT NULL,
  date date NOT NULL,
  harvest_date date NOT NULL CHECK (harvest_date <= date),
  collection_point_id text NOT NULL,
  member_id text NOT NULL,
  farmer_group_id text,
  plot_id text,
  commodity_id text NOT NULL,
  unit text NOT NULL CHECK (unit IN ('kg', 'bunch', 'piece')),
  location_id text NOT NULL,
  crates integer NOT NULL CHECK (crates >= 0),
  gross bigint NOT NULL CHECK (gross > 0),
  tare bigint NOT NULL CHECK (tare >= 0),
  net bigint NOT NULL CHECK (net > 0),
  amount bigint NOT NULL CHECK (amount >= 0),
  reject_policy text NOT NULL CHECK (reject_policy IN ('unpaid', 'priced')),
  journal_entry_id text,
  journal_number text,
  notes text,
  created_by_id text,
  created_by_label text NOT NULL,
  request_id text,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cooperative_id, id),
  CONSTRAINT produce_intakes_number_uq UNIQUE (cooperative_id, number),
  FOREIGN KEY (cooperative_id, collection_point_id) REFERENCES produce_collection_points (cooperative_id, id),
  FOREIGN KEY (cooperative_id, plot_id) REFERENCES produce_plots (cooperative_id, id),
  FOREIGN KEY (cooperative_id, commodity_id) REFERENCES produce_commodities (cooperative_id, id),
  FOREIGN KEY (cooperative_id, location_id) REFERENCES produce_locations (cooperative_id, id),
  CHECK (net = gross - tare),
  CHECK ((amount = 0) = (journal_entry_id IS NULL))
);
CREATE INDEX produce_intakes_date_idx ON produce_intakes (cooperative_id, date, id);
CREATE INDEX produce_intakes_member_idx ON produce_intakes (cooperative_id, member_id, date);
CREATE TRIGGER produce_intakes_append_only BEFORE UPDATE OR DELETE ON produce_intakes
  FOR EACH ROW EXECUTE FUNCTION kopdes_append_only();

CREATE TABLE produce_intake_voids (
  cooperative_id text NOT NULL,
  intake_id text NOT NULL,
  date date NOT NULL,
  reason text NOT NULL,
  journal_entry_id text,
  journal_number text,
  created_by_label text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cooperative_id, intake_id),
  FOREIGN KEY (cooperative_id, intake_id) REFERENCES produce_intakes (cooperative_id, id)
);
CREATE TRIGGER produce_intake_voids_append_only BEFORE UPDATE OR DELETE ON produce_intake_voids
  FOR EACH ROW EXECUTE FUNCTION kopdes_append_only();

-- A lot: one grade of one intake, or the packs of one packing. Its cost is what it was bought for
-- (or the cost of what was packed into it); the quantity and value on hand live in produce_stock.
CREATE TABLE produce_lots (
  cooperative_id text NOT NULL,
  id text NOT NULL,
  code text NOT NULL,
  origin text NOT NULL CHECK (origin IN ('intake', 'packing')),
  commodity_id text NOT NULL,
  grade text NOT NULL CHECK (grade IN ('A', 'B', 'C', 'reject')),
  unit text NOT NULL CHECK (unit IN ('kg', 'bunch', 'piece')),
  quantity bigint NOT NULL CHECK (quantity > 0),
  cost bigint NOT NULL CHECK (cost >= 0),
  price bigint CHECK (price >= 0),
  paid boolean NOT NULL,
  harvest_date date NOT NULL,
  created_date date NOT NULL,
  intake_id text,
  member_id text,
  plot_id text,
  packing_id text,
  pack_format_id text,
  packs integer CHECK (packs > 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cooperative_id, id),
  CONSTRAINT produce_lots_code_uq UNIQUE (cooperative_id, code),
  FOREIGN KEY (cooperative_id, commodity_id) REFERENCES produce_commodities (cooperative_id, id),
  FOREIGN KEY (cooperative_id, intake_id) REFERENCES produce_intakes (cooperative_id, id),
  FOREIGN KEY (cooperative_id, pack_format_id) REFERENCES produce_pack_formats (cooperative_id, id),
  CHECK ((origin = 'intake') = (intake_id IS NOT NULL AND member_id IS NOT NULL AND price IS NOT NULL)),
  CHECK ((origin = 'packing') = (packing_id IS NOT NULL AND pack_format_id IS NOT NULL AND packs IS NOT NULL))
);
CREATE INDEX produce_lots_intake_idx ON produce_lots (cooperative_id, intake_id) WHERE intake_id IS NOT NULL;
CREATE INDEX produce_lots_commodity_idx ON produce_lots (cooperative_id, commodity_id, grade);
CREATE TRIGGER produce_lots_append_only BEFORE UPDATE OR DELETE ON produce_lots
  FOR EACH ROW EXECUTE FUNCTION kopdes_append_only();

-- Every change of stock, signed: quantity in base units (grams or pieces), value in Rupiah at cost.
CREATE TABLE produce_movements (
  cooperative_id text NOT NULL,
  id text NOT NULL,
  lot_id text NOT NULL,
  location_id text NOT NULL,
  date date NOT NULL,
  kind text NOT NULL CHECK (kind IN ('intake', 'intake_void', 'transfer_out', 'transfer_in', 'packing_out', 'packing_in',
    'loss', 'count', 'sale')),
  quantity bigint NOT NULL,
  value bigint NOT NULL,
  document_type text NOT NULL,
  document_id text NOT NULL,
  reason text,
  partner_id text,
  journal_entry_id text,
  created_by_label text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cooperative_id, id),
  FOREIGN KEY (cooperative_id, lot_id) REFERENCES produce_lots (cooperative_id, id),
  FOREIGN KEY (cooperative_id, location_id) REFERENCES produce_locations (cooperative_id, id),
  CHECK (quantity <> 0 OR value <> 0),
  CHECK ((kind IN ('intake', 'transfer_in', 'packing_in') AND quantity > 0 AND value >= 0)
      OR (kind IN ('intake_void', 'transfer_out', 'packing_out', 'loss', 'sale') AND quantity < 0 AND value <= 0)
      OR kind = 'count')
);
CREATE INDEX produce_movements_lot_idx ON produce_movements (cooperative_id, lot_id, id);
CREATE INDEX produce_movements_document_idx ON produce_movements (cooperative_id, document_id);
CREATE TRIGGER produce_movements_append_only BEFORE UPDATE OR DELETE ON produce_movements
  FOR EACH ROW EXECUTE FUNCTION kopdes_append_only();

-- On hand per lot and location, kept by the trigger below from the movements alone, so it always
-- equals their sum; the CHECKs refuse negative stock (and value left on an empty place).
CREATE TABLE produce_stock (
  cooperative_id text NOT NULL,
  lot_id text NOT NULL,
  location_id text NOT NULL,
  quantity bigint NOT NULL CONSTRAINT produce_stock_not_negative CHECK (quantity >= 0),
  value bigint NOT NULL CONSTRAINT produce_stock_value_not_negative CHECK (value >= 0),
  since date NOT NULL,
  PRIMARY KEY (cooperative_id, lot_id, location_id),
  CONSTRAINT produce_stock_empty_has_no_value CHECK (quantity > 0 OR value = 0)
);
CREATE INDEX produce_stock_on_hand_idx ON produce_stock (cooperative_id, location_id) WHERE quantity > 0;

CREATE FUNCTION produce_movement_to_stock() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Update first: an upsert would check the proposed row (a negative quantity) before finding the conflict.
  UPDATE produce_stock
     SET quantity = quantity + NEW.quantity,
         value = value + NEW.value,
         since = CASE WHEN quantity = 0 THEN NEW.date ELSE since END
   WHERE cooperative_id = NEW.cooperative_id AND lot_id = NEW.lot_id AND location_id = NEW.location_id;
  IF NOT FOUND THEN
    INSERT INTO produce_stock AS s (cooperative_id, lot_id, location_id, quantity, value, since)
    VALUES (NEW.cooperative_id, NEW.lot_id, NEW.location_id, NEW.quantity, NEW.value, NEW.date)
    ON CONFLICT (cooperative_id, lot_id, location_id) DO UPDATE
      SET quantity = s.quantity + EXCLUDED.quantity, value = s.value + EXCLUDED.value;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER produce_movements_stock AFTER INSERT ON produce_movements
  FOR EACH ROW EXECUTE FUNCTION produce_movement_to_stock();

-- Stock documents other than intakes: transfers, losses, packings and counts, one table.
CREATE TABLE produce_stock_documents (
  cooperative_id text NOT NULL,
  id text NOT NULL,
  number text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('transfer', 'loss', 'packing', 'count')),
  date date NOT NULL,
  location_id text NOT NULL,
  to_location_id text,
  loss_kind text CHECK (loss_kind IN ('shrinkage', 'spoilage')),
  reason text,
  value bigint NOT NULL,
  pack_format_id text,
  output_lot_id text,
  packs integer,
  input_quantity bigint,
  output_quantity bigint,
  journal_entry_id text,
  journal_number text,
  created_by_id text,
  created_by_label text NOT NULL,
  request_id text,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cooperative_id, id),
  CONSTRAINT produce_stock_documents_number_uq UNIQUE (cooperative_id, number),
  FOREIGN KEY (cooperative_id, location_id) REFERENCES produce_locations (cooperative_id, id),
  CHECK ((kind = 'packing') = (output_lot_id IS NOT NULL AND packs IS NOT NULL AND input_quantity IS NOT NULL)),
  CHECK (kind <> 'packing' OR output_quantity <= input_quantity),
  CHECK ((kind = 'loss') = (loss_kind IS NOT NULL)),
  CHECK ((kind = 'transfer') = (to_location_id IS NOT NULL))
);
CREATE INDEX produce_stock_documents_date_idx ON produce_stock_documents (cooperative_id, date, id);
CREATE TRIGGER produce_stock_documents_append_only BEFORE UPDATE OR DELETE ON produce_stock_documents
  FOR EACH ROW EXECUTE FUNCTION kopdes_append_only();

CREATE TABLE produce_payout_runs (
  cooperative_id text NOT NULL,
  id text NOT NULL,
  number text NOT NULL,
  period_from date NOT NULL,
  period_to date NOT NULL CHECK (period_to >= period_from),
  pay_date date NOT NULL,
  farmers integer NOT NULL,
  gross bigint NOT NULL,
  deductions bigint NOT NULL,
  net bigint NOT NULL,
  created_by_id text,
  created_by_label text NOT NULL,
  request_id text,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cooperative_id, id),
  CONSTRAINT produce_payout_runs_number_uq UNIQUE (cooperative_id, number),
  CHECK (net = gross - deductions)
);
CREATE TRIGGER produce_payout_runs_append_only BEFORE UPDATE OR DELETE ON produce_payout_runs
  FOR EACH ROW EXECUTE FUNCTION kopdes_append_only();

CREATE TABLE produce_payouts (
  cooperative_id text NOT NULL,
  id text NOT NULL,
  run_id text NOT NULL,
  member_id text NOT NULL,
  method text NOT NULL CHECK (method IN ('cash', 'bank')),
  bank_name text,
  bank_account_no text,
  bank_account_name text,
  gross bigint NOT NULL CHECK (gross > 0),
  deductions bigint NOT NULL CHECK (deductions >= 0),
  net bigint NOT NULL CHECK (net >= 0),
  journal_entry_id text,
  journal_number text,
  PRIMARY KEY (cooperative_id, id),
  CONSTRAINT produce_payouts_member_uq UNIQUE (cooperative_id, run_id, member_id),
  FOREIGN KEY (cooperative_id, run_id) REFERENCES produce_payout_runs (cooperative_id, id),
  CHECK (net = gross - deductions),
  CHECK ((net = 0) = (journal_entry_id IS NULL)),
  CHECK (method = 'cash' OR bank_account_no IS NOT NULL)
);
CREATE INDEX produce_payouts_member_idx ON produce_payouts (cooperative_id, member_id);
CREATE TRIGGER produce_payouts_append_only BEFORE UPDATE OR DELETE ON produce_payouts
  FOR EACH ROW EXECUTE FUNCTION kopdes_append_only();

-- Each intake is paid at most once: the primary key is the intake.
CREATE TABLE produce_payout_items (
  cooperative_id text NOT NULL,
  intake_id text NOT NULL,
  payout_id text NOT NULL,
  amount bigint NOT NULL CHECK (amount >= 0),
  PRIMARY KEY (cooperative_id, intake_id),
  FOREIGN KEY (cooperative_id, intake_id) REFERENCES produce_intakes (cooperative_id, id),
  FOREIGN KEY (cooperative_id, payout_id) REFERENCES produce_payouts (cooperative_id, id)
);
CREATE INDEX produce_payout_items_payout_idx ON produce_payout_items (cooperative_id, payout_id);
CREATE TRIGGER produce_payout_items_append_only BEFORE UPDATE OR DELETE ON produce_payout_items
  FOR EACH ROW EXECUTE FUNCTION kopdes_append_only();

CREATE TABLE produce_payout_deductions (
  cooperative_id text NOT NULL,
  payout_id text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('simpanan_wajib', 'loan_instalment', 'input_advance')),
  amount bigint NOT NULL CHECK (amount > 0),
  reference text,
  journal_entry_id text,
  PRIMARY KEY (cooperative_id, payout_id, kind),
  FOREIGN KEY (cooperative_id, payout_id) REFERENCES produce_payouts (cooperative_id, id)
);
CREATE TRIGGER produce_payout_deductions_append_only BEFORE UPDATE OR DELETE ON produce_payout_deductions
  FOR EACH ROW EXECUTE FUNCTION kopdes_append_only();
