-- Goods a buyer rejects come back into stock as a new lot (origin 'return') that names the lot
-- they left as (source_lot_id), through a 'return_in' movement; the receipt line keeps which lot
-- took them back and at what value. Deliveries to the cooperative's own outlet move stock to
-- another ledger unit (to_unit) instead of being sold. Routes load delivery notes onto one truck.

ALTER TABLE produce_lots ADD COLUMN source_lot_id text;
ALTER TABLE produce_lots DROP CONSTRAINT produce_lots_origin_check;
ALTER TABLE produce_lots ADD CONSTRAINT produce_lots_origin_check CHECK (origin IN ('intake', 'packing', 'return'));
ALTER TABLE produce_lots ADD CONSTRAINT produce_lots_return_source_check CHECK ((origin = 'return') = (source_lot_id IS NOT NULL));
ALTER TABLE produce_lots ADD CONSTRAINT produce_lots_source_fk FOREIGN KEY (cooperative_id, source_lot_id)
  REFERENCES produce_lots (cooperative_id, id);
CREATE INDEX produce_lots_source_idx ON produce_lots (cooperative_id, source_lot_id) WHERE source_lot_id IS NOT NULL;

ALTER TABLE produce_movements DROP CONSTRAINT produce_movements_kind_check;
ALTER TABLE produce_movements ADD CONSTRAINT produce_movements_kind_check CHECK (kind IN ('intake', 'intake_void', 'transfer_out',
  'transfer_in', 'packing_out', 'packing_in', 'loss', 'count', 'sale', 'return_in'));
ALTER TABLE produce_movements DROP CONSTRAINT produce_movements_check1;
ALTER TABLE produce_movements ADD CONSTRAINT produce_movements_sign_check CHECK (
  (kind IN ('intake', 'transfer_in', 'packing_in', 'return_in') AND quantity > 0 AND value >= 0)
  OR (kind IN ('intake_void', 'transfer_out', 'packing_out', 'loss', 'sale') AND quantity < 0 AND value <= 0)
  OR kind = 'count');

-- The ledger unit that received the goods when the buyer is one of the cooperative's own units.
ALTER TABLE market_deliveries ADD COLUMN to_unit text CHECK (to_unit ~ '^[a-z][a-z0-9_]{1,39}$');

ALTER TABLE market_receipts ADD COLUMN returned bigint NOT NULL DEFAULT 0 CHECK (returned >= 0);
ALTER TABLE market_receipts DROP CONSTRAINT market_receipts_check;
ALTER TABLE market_receipts ADD CONSTRAINT market_receipts_journal_check
  CHECK ((written_off = 0 AND returned = 0) = (journal_entry_id IS NULL));

-- return_base: grams or pieces taken back into stock; returned_value: the value they came back at.
ALTER TABLE market_receipt_lines ADD COLUMN return_lot_id text;
ALTER TABLE market_receipt_lines ADD COLUMN return_lot_code text;
ALTER TABLE market_receipt_lines ADD COLUMN return_grade text CHECK (return_grade IN ('A', 'B', 'C', 'reject'));
ALTER TABLE market_receipt_lines ADD COLUMN return_base bigint CHECK (return_base > 0);
ALTER TABLE market_receipt_lines ADD COLUMN returned_value bigint NOT NULL DEFAULT 0 CHECK (returned_value >= 0);
ALTER TABLE market_receipt_lines ADD CONSTRAINT market_receipt_lines_return_check CHECK (
  (return_lot_id IS NULL) = (return_lot_code IS NULL AND return_grade IS NULL AND return_base IS NULL)
  AND (return_lot_id IS NOT NULL OR returned_value = 0)
  AND (return_lot_id IS NULL OR rejected > 0));
ALTER TABLE market_receipt_lines ADD CONSTRAINT market_receipt_lines_return_lot_fk FOREIGN KEY (cooperative_id, return_lot_id)
  REFERENCES produce_lots (cooperative_id, id);

-- A route: one truck on one day taking delivery notes to several stores, in order. Routes are
-- plans, not posted facts: a wrong one is deleted and made again.
CREATE TABLE market_routes (
  cooperative_id text NOT NULL REFERENCES cooperatives (id),
  id text NOT NULL,
  number text NOT NULL,
  date date NOT NULL,
  vehicle text NOT NULL CHECK (length(btrim(vehicle)) BETWEEN 2 AND 40),
  driver text CHECK (length(btrim(driver)) BETWEEN 2 AND 120),
  departure text CHECK (departure ~ '^([01]\d|2[0-3]):[0-5]\d$'),
  notes text,
  created_by_label text NOT NULL,
  request_id text,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cooperative_id, id),
  CONSTRAINT market_routes_number_uq UNIQUE (cooperative_id, number)
);
CREATE INDEX market_routes_date_idx ON market_routes (cooperative_id, date, id);

CREATE TABLE market_route_stops (
  cooperative_id text NOT NULL,
  route_id text NOT NULL,
  -- Loading order: the truck unloads seq 1 first.
  seq integer NOT NULL CHECK (seq > 0),
  delivery_id text NOT NULL,
  PRIMARY KEY (cooperative_id, route_id, seq),
  FOREIGN KEY (cooperative_id, route_id) REFERENCES market_routes (cooperative_id, id) ON DELETE CASCADE,
  FOREIGN KEY (cooperative_id, delivery_id) REFERENCES market_deliveries (cooperative_id, id)
);
-- A delivery note rides on one truck.
CREATE UNIQUE INDEX market_route_stops_delivery_uq ON market_route_stops (cooperative_id, delivery_id);
