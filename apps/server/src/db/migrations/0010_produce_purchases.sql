-- Produce bought from another cooperative (pembelian dari koperasi lain) when the members' harvest
-- falls short of what buyers ordered. The supplier is a market partner of kind 'cooperative'; each
-- graded line becomes a lot (origin 'purchase') through a 'purchase' movement, valued at what was
-- paid. The journal puts the inventory against cash, bank or a payable to the supplier (2101 with
-- the partner as subsidiary); a payment settles a payable purchase in full; a void reverses a
-- purchase whose lots are untouched. All three are append-only.

-- The registry cooperative a partner is, when it is one: no foreign key, because the registry entry
-- may live on another server than the cooperative's own books (a village laptop, an export).
ALTER TABLE market_partners ADD COLUMN registry_cooperative_id text CHECK (registry_cooperative_id ~ '^kop_[0-9A-HJKMNP-TV-Z]{26}$');
CREATE UNIQUE INDEX market_partners_registry_uq ON market_partners (cooperative_id, registry_cooperative_id)
  WHERE registry_cooperative_id IS NOT NULL;

CREATE TABLE produce_purchases (
  cooperative_id text NOT NULL,
  id text NOT NULL,
  number text NOT NULL,
  date date NOT NULL,
  harvest_date date NOT NULL CHECK (harvest_date <= date),
  partner_id text NOT NULL,
  commodity_id text NOT NULL,
  unit text NOT NULL CHECK (unit IN ('kg', 'bunch', 'piece')),
  location_id text NOT NULL,
  payment text NOT NULL CHECK (payment IN ('cash', 'bank', 'credit')),
  quantity bigint NOT NULL CHECK (quantity > 0),
  amount bigint NOT NULL CHECK (amount > 0),
  supplier_reference text CHECK (length(supplier_reference) <= 60),
  journal_entry_id text NOT NULL,
  journal_number text NOT NULL,
  notes text,
  created_by_id text,
  created_by_label text NOT NULL,
  request_id text,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cooperative_id, id),
  CONSTRAINT produce_purchases_number_uq UNIQUE (cooperative_id, number),
  FOREIGN KEY (cooperative_id, partner_id) REFERENCES market_partners (cooperative_id, id),
  FOREIGN KEY (cooperative_id, commodity_id) REFERENCES produce_commodities (cooperative_id, id),
  FOREIGN KEY (cooperative_id, location_id) REFERENCES produce_locations (cooperative_id, id),
  FOREIGN KEY (cooperative_id, journal_entry_id) REFERENCES journal_entries (cooperative_id, id)
);
CREATE INDEX produce_purchases_date_idx ON produce_purchases (cooperative_id, date);
CREATE INDEX produce_purchases_partner_idx ON produce_purchases (cooperative_id, partner_id);
CREATE TRIGGER produce_purchases_append_only BEFORE UPDATE OR DELETE ON produce_purchases
  FOR EACH ROW EXECUTE FUNCTION kopdes_append_only();

-- A credit purchase is paid once, in full.
CREATE TABLE produce_purchase_payments (
  cooperative_id text NOT NULL,
  purchase_id text NOT NULL,
  date date NOT NULL,
  method text NOT NULL CHECK (method IN ('cash', 'bank')),
  amount bigint NOT NULL CHECK (amount > 0),
  journal_entry_id text NOT NULL,
  journal_number text NOT NULL,
  created_by_label text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cooperative_id, purchase_id),
  FOREIGN KEY (cooperative_id, purchase_id) REFERENCES produce_purchases (cooperative_id, id),
  FOREIGN KEY (cooperative_id, journal_entry_id) REFERENCES journal_entries (cooperative_id, id)
);
CREATE TRIGGER produce_purchase_payments_append_only BEFORE UPDATE OR DELETE ON produce_purchase_payments
  FOR EACH ROW EXECUTE FUNCTION kopdes_append_only();

CREATE TABLE produce_purchase_voids (
  cooperative_id text NOT NULL,
  purchase_id text NOT NULL,
  date date NOT NULL,
  reason text NOT NULL CHECK (length(btrim(reason)) BETWEEN 3 AND 500),
  journal_entry_id text NOT NULL,
  journal_number text NOT NULL,
  created_by_label text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cooperative_id, purchase_id),
  FOREIGN KEY (cooperative_id, purchase_id) REFERENCES produce_purchases (cooperative_id, id),
  FOREIGN KEY (cooperative_id, journal_entry_id) REFERENCES journal_entries (cooperative_id, id)
);
CREATE TRIGGER produce_purchase_voids_append_only BEFORE UPDATE OR DELETE ON produce_purchase_voids
  FOR EACH ROW EXECUTE FUNCTION kopdes_append_only();

ALTER TABLE produce_lots ADD COLUMN purchase_id text;
ALTER TABLE produce_lots ADD CONSTRAINT produce_lots_purchase_fk FOREIGN KEY (cooperative_id, purchase_id)
  REFERENCES produce_purchases (cooperative_id, id);
ALTER TABLE produce_lots DROP CONSTRAINT produce_lots_origin_check;
ALTER TABLE produce_lots ADD CONSTRAINT produce_lots_origin_check CHECK (origin IN ('intake', 'packing', 'return', 'purchase'));
ALTER TABLE produce_lots ADD CONSTRAINT produce_lots_purchase_check
  CHECK ((origin = 'purchase') = (purchase_id IS NOT NULL AND price IS NOT NULL));
CREATE INDEX produce_lots_purchase_idx ON produce_lots (cooperative_id, purchase_id) WHERE purchase_id IS NOT NULL;

ALTER TABLE produce_movements DROP CONSTRAINT produce_movements_kind_check;
ALTER TABLE produce_movements ADD CONSTRAINT produce_movements_kind_check CHECK (kind IN ('intake', 'intake_void', 'transfer_out',
  'transfer_in', 'packing_out', 'packing_in', 'loss', 'count', 'sale', 'return_in', 'purchase', 'purchase_void'));
ALTER TABLE produce_movements DROP CONSTRAINT produce_movements_sign_check;
ALTER TABLE produce_movements ADD CONSTRAINT produce_movements_sign_check CHECK (
  (kind IN ('intake', 'transfer_in', 'packing_in', 'return_in', 'purchase') AND quantity > 0 AND value >= 0)
  OR (kind IN ('intake_void', 'transfer_out', 'packing_out', 'loss', 'sale', 'purchase_void') AND quantity < 0 AND value <= 0)
  OR kind = 'count');
