-- Market link: buyers (mitra) and their stores, contracts with price lists, purchase orders,
-- deliveries (surat jalan) that take lots out of stock, the buyer's receiving and QC, invoices,
-- credit notes and payments. Commodities, pack formats, lots and locations are the produce
-- module's and members the members module's: referred to by plain id, checked through their services.
-- Posted documents (deliveries, receipts, invoices, payments) are append-only; corrections are
-- new documents (a credit note, a reversal).

CREATE TABLE market_partners (
  cooperative_id text NOT NULL REFERENCES cooperatives (id),
  id text NOT NULL,
  code text NOT NULL CHECK (code ~ '^[A-Z0-9-]{2,16}$'),
  name text NOT NULL CHECK (length(btrim(name)) BETWEEN 2 AND 160),
  kind text NOT NULL CHECK (kind IN ('modern_retail', 'horeca', 'school_meal', 'trader', 'own_outlet', 'cooperative', 'other')),
  npwp text CHECK (npwp ~ '^\d{15,16}$'),
  member_id text,
  payment_terms_days integer NOT NULL DEFAULT 0 CHECK (payment_terms_days BETWEEN 0 AND 180),
  address text,
  contacts jsonb NOT NULL DEFAULT '[]',
  api_token_id text,
  active boolean NOT NULL DEFAULT true,
  notes text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cooperative_id, id),
  CONSTRAINT market_partners_code_uq UNIQUE (cooperative_id, code)
);
CREATE UNIQUE INDEX market_partners_name_uq ON market_partners (cooperative_id, lower(name));
CREATE UNIQUE INDEX market_partners_token_uq ON market_partners (cooperative_id, api_token_id) WHERE api_token_id IS NOT NULL;

CREATE TABLE market_stores (
  cooperative_id text NOT NULL,
  id text NOT NULL,
  partner_id text NOT NULL,
  code text CHECK (length(btrim(code)) BETWEEN 1 AND 40),
  name text NOT NULL CHECK (length(btrim(name)) BETWEEN 2 AND 160),
  address text NOT NULL CHECK (length(btrim(address)) >= 5),
  -- ISO weekdays the store receives, in order ('135'), and its receiving hours ('06:00-10:00').
  receiving_days text NOT NULL DEFAULT '1234567' CHECK (receiving_days ~ '^1?2?3?4?5?6?7?$' AND receiving_days <> ''),
  receiving_hours text CHECK (receiving_hours ~ '^\d{2}:\d{2}-\d{2}:\d{2}$'),
  contact_name text,
  contact_phone text,
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cooperative_id, id),
  FOREIGN KEY (cooperative_id, partner_id) REFERENCES market_partners (cooperative_id, id)
);
CREATE UNIQUE INDEX market_stores_code_uq ON market_stores (cooperative_id, partner_id, lower(code)) WHERE code IS NOT NULL;
CREATE UNIQUE INDEX market_stores_name_uq ON market_stores (cooperative_id, partner_id, lower(name));

-- A contract and its price list. A contract is replaced by a new one, never edited once in force.
CREATE TABLE market_contracts (
  cooperative_id text NOT NULL,
  id text NOT NULL,
  partner_id text NOT NULL,
  reference text NOT NULL CHECK (length(btrim(reference)) BETWEEN 1 AND 60),
  valid_from date NOT NULL,
  valid_to date NOT NULL CHECK (valid_to >= valid_from),
  quality_tolerance text NOT NULL,
  returns_policy text NOT NULL,
  -- What happens to a PO line for a commodity/grade/pack the contract does not list.
  off_contract text NOT NULL CHECK (off_contract IN ('warn', 'refuse')),
  volume_tolerance_pct integer NOT NULL CHECK (volume_tolerance_pct BETWEEN 0 AND 100),
  created_by_label text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cooperative_id, id),
  FOREIGN KEY (cooperative_id, partner_id) REFERENCES market_partners (cooperative_id, id)
);
CREATE INDEX market_contracts_partner_idx ON market_contracts (cooperative_id, partner_id, valid_from);
CREATE TRIGGER market_contracts_append_only BEFORE UPDATE OR DELETE ON market_contracts
  FOR EACH ROW EXECUTE FUNCTION kopdes_append_only();

-- quantity units: 'pack' counts packs of pack_format_id; 'unit' is the commodity's own unit (kg or pieces).
-- volumes: the agreed quantity per ISO weekday [Mon..Sun], in order units (packs, grams or pieces).
CREATE TABLE market_contract_items (
  cooperative_id text NOT NULL,
  contract_id text NOT NULL,
  line_no integer NOT NULL CHECK (line_no > 0),
  -- The buyer's own article code (PLU) for the item, as it appears on their purchase orders.
  article_code text,
  commodity_id text NOT NULL,
  grade text NOT NULL CHECK (grade IN ('A', 'B', 'C', 'reject')),
  pack_format_id text,
  price_basis text NOT NULL CHECK (price_basis IN ('pack', 'unit')),
  price bigint NOT NULL CHECK (price > 0 AND price <= 999999999999),
  volumes jsonb NOT NULL,
  PRIMARY KEY (cooperative_id, contract_id, line_no),
  FOREIGN KEY (cooperative_id, contract_id) REFERENCES market_contracts (cooperative_id, id),
  FOREIGN KEY (cooperative_id, commodity_id) REFERENCES produce_commodities (cooperative_id, id),
  FOREIGN KEY (cooperative_id, pack_format_id) REFERENCES produce_pack_formats (cooperative_id, id),
  CHECK ((price_basis = 'pack') = (pack_format_id IS NOT NULL))
);
CREATE TRIGGER market_contract_items_append_only BEFORE UPDATE OR DELETE ON market_contract_items
  FOR EACH ROW EXECUTE FUNCTION kopdes_append_only();

CREATE TABLE market_purchase_orders (
  cooperative_id text NOT NULL,
  id text NOT NULL,
  number text NOT NULL,
  partner_id text NOT NULL,
  store_id text NOT NULL,
  contract_id text,
  partner_ref text NOT NULL CHECK (length(btrim(partner_ref)) BETWEEN 1 AND 60),
  order_date date NOT NULL,
  delivery_date date NOT NULL CHECK (delivery_date >= order_date),
  source text NOT NULL CHECK (source IN ('entry', 'import', 'partner_api')),
  amount bigint NOT NULL CHECK (amount >= 0),
  warnings jsonb NOT NULL DEFAULT '[]',
  notes text,
  created_by_label text NOT NULL,
  request_id text,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cooperative_id, id),
  CONSTRAINT market_purchase_orders_number_uq UNIQUE (cooperative_id, number),
  CONSTRAINT market_purchase_orders_ref_uq UNIQUE (cooperative_id, partner_id, partner_ref),
  FOREIGN KEY (cooperative_id, partner_id) REFERENCES market_partners (cooperative_id, id),
  FOREIGN KEY (cooperative_id, store_id) REFERENCES market_stores (cooperative_id, id),
  FOREIGN KEY (cooperative_id, contract_id) REFERENCES market_contracts (cooperative_id, id)
);
CREATE INDEX market_purchase_orders_delivery_idx ON market_purchase_orders (cooperative_id, delivery_date, id);
CREATE TRIGGER market_purchase_orders_append_only BEFORE UPDATE OR DELETE ON market_purchase_orders
  FOR EACH ROW EXECUTE FUNCTION kopdes_append_only();

CREATE TABLE market_po_lines (
  cooperative_id text NOT NULL,
  po_id text NOT NULL,
  line_no integer NOT NULL CHECK (line_no > 0),
  commodity_id text NOT NULL,
  grade text NOT NULL CHECK (grade IN ('A', 'B', 'C', 'reject')),
  pack_format_id text,
  price_basis text NOT NULL CHECK (price_basis IN ('pack', 'unit')),
  quantity bigint NOT NULL CHECK (quantity > 0),
  unit_price bigint NOT NULL CHECK (unit_price > 0 AND unit_price <= 999999999999),
  amount bigint NOT NULL CHECK (amount >= 0),
  contract_line_no integer,
  warnings jsonb NOT NULL DEFAULT '[]',
  PRIMARY KEY (cooperative_id, po_id, line_no),
  FOREIGN KEY (cooperative_id, po_id) REFERENCES market_purchase_orders (cooperative_id, id),
  FOREIGN KEY (cooperative_id, commodity_id) REFERENCES produce_commodities (cooperative_id, id),
  FOREIGN KEY (cooperative_id, pack_format_id) REFERENCES produce_pack_formats (cooperative_id, id),
  CHECK ((price_basis = 'pack') = (pack_format_id IS NOT NULL))
);
CREATE TRIGGER market_po_lines_append_only BEFORE UPDATE OR DELETE ON market_po_lines
  FOR EACH ROW EXECUTE FUNCTION kopdes_append_only();

-- A delivery note (surat jalan): lots leaving stock for one PO, with cost of goods sold posted.
CREATE TABLE market_deliveries (
  cooperative_id text NOT NULL,
  id text NOT NULL,
  number text NOT NULL,
  date date NOT NULL,
  po_id text NOT NULL,
  partner_id text NOT NULL,
  store_id text NOT NULL,
  vehicle text,
  driver text,
  value bigint NOT NULL CHECK (value >= 0),
  journal_entry_id text,
  journal_number text,
  created_by_label text NOT NULL,
  request_id text,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cooperative_id, id),
  CONSTRAINT market_deliveries_number_uq UNIQUE (cooperative_id, number),
  FOREIGN KEY (cooperative_id, po_id) REFERENCES market_purchase_orders (cooperative_id, id),
  FOREIGN KEY (cooperative_id, partner_id) REFERENCES market_partners (cooperative_id, id),
  FOREIGN KEY (cooperative_id, store_id) REFERENCES market_stores (cooperative_id, id),
  CHECK ((value = 0) = (journal_entry_id IS NULL))
);
CREATE INDEX market_deliveries_po_idx ON market_deliveries (cooperative_id, po_id);
CREATE INDEX market_deliveries_date_idx ON market_deliveries (cooperative_id, date, id);
CREATE TRIGGER market_deliveries_append_only BEFORE UPDATE OR DELETE ON market_deliveries
  FOR EACH ROW EXECUTE FUNCTION kopdes_append_only();

-- quantity: in the PO line's order units; base_quantity: grams or pieces taken from the lot.
CREATE TABLE market_delivery_lines (
  cooperative_id text NOT NULL,
  delivery_id text NOT NULL,
  line_no integer NOT NULL CHECK (line_no > 0),
  po_line_no integer NOT NULL,
  po_id text NOT NULL,
  lot_id text NOT NULL,
  lot_code text NOT NULL,
  location_id text NOT NULL,
  quantity bigint NOT NULL CHECK (quantity > 0),
  base_quantity bigint NOT NULL CHECK (base_quantity > 0),
  value bigint NOT NULL CHECK (value >= 0),
  movement_id text NOT NULL,
  PRIMARY KEY (cooperative_id, delivery_id, line_no),
  FOREIGN KEY (cooperative_id, delivery_id) REFERENCES market_deliveries (cooperative_id, id),
  FOREIGN KEY (cooperative_id, po_id, po_line_no) REFERENCES market_po_lines (cooperative_id, po_id, line_no),
  FOREIGN KEY (cooperative_id, lot_id) REFERENCES produce_lots (cooperative_id, id)
);
CREATE INDEX market_delivery_lines_po_idx ON market_delivery_lines (cooperative_id, po_id, po_line_no);
CREATE INDEX market_delivery_lines_lot_idx ON market_delivery_lines (cooperative_id, lot_id);
CREATE TRIGGER market_delivery_lines_append_only BEFORE UPDATE OR DELETE ON market_delivery_lines
  FOR EACH ROW EXECUTE FUNCTION kopdes_append_only();

-- The buyer's receiving and QC of a delivery, once per delivery; rejected goods are written off at cost.
CREATE TABLE market_receipts (
  cooperative_id text NOT NULL,
  delivery_id text NOT NULL,
  date date NOT NULL,
  received_by text,
  written_off bigint NOT NULL CHECK (written_off >= 0),
  journal_entry_id text,
  journal_number text,
  created_by_label text NOT NULL,
  request_id text,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cooperative_id, delivery_id),
  FOREIGN KEY (cooperative_id, delivery_id) REFERENCES market_deliveries (cooperative_id, id),
  CHECK ((written_off = 0) = (journal_entry_id IS NULL))
);
CREATE TRIGGER market_receipts_append_only BEFORE UPDATE OR DELETE ON market_receipts
  FOR EACH ROW EXECUTE FUNCTION kopdes_append_only();

CREATE TABLE market_receipt_lines (
  cooperative_id text NOT NULL,
  delivery_id text NOT NULL,
  line_no integer NOT NULL,
  accepted bigint NOT NULL CHECK (accepted >= 0),
  rejected bigint NOT NULL CHECK (rejected >= 0),
  reason text CHECK (reason IN ('quality', 'late', 'over_delivery', 'damaged', 'other')),
  note text,
  written_off bigint NOT NULL CHECK (written_off >= 0),
  PRIMARY KEY (cooperative_id, delivery_id, line_no),
  FOREIGN KEY (cooperative_id, delivery_id) REFERENCES market_receipts (cooperative_id, delivery_id),
  FOREIGN KEY (cooperative_id, delivery_id, line_no) REFERENCES market_delivery_lines (cooperative_id, delivery_id, line_no),
  CHECK ((rejected = 0) = (reason IS NULL))
);
CREATE TRIGGER market_receipt_lines_append_only BEFORE UPDATE OR DELETE ON market_receipt_lines
  FOR EACH ROW EXECUTE FUNCTION kopdes_append_only();

-- Invoices (faktur) and credit notes (nota kredit), one numbered series each.
CREATE TABLE market_invoices (
  cooperative_id text NOT NULL,
  id text NOT NULL,
  number text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('invoice', 'credit_note')),
  partner_id text NOT NULL,
  date date NOT NULL,
  due_date date NOT NULL CHECK (due_date >= date),
  amount bigint NOT NULL CHECK (amount > 0),
  revenue_kind text NOT NULL CHECK (revenue_kind IN ('member', 'non_member')),
  invoice_id text,
  reason text,
  journal_entry_id text NOT NULL,
  journal_number text NOT NULL,
  created_by_label text NOT NULL,
  request_id text,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cooperative_id, id),
  CONSTRAINT market_invoices_number_uq UNIQUE (cooperative_id, number),
  FOREIGN KEY (cooperative_id, partner_id) REFERENCES market_partners (cooperative_id, id),
  FOREIGN KEY (cooperative_id, invoice_id) REFERENCES market_invoices (cooperative_id, id),
  CHECK ((kind = 'credit_note') = (invoice_id IS NOT NULL AND reason IS NOT NULL))
);
CREATE INDEX market_invoices_partner_idx ON market_invoices (cooperative_id, partner_id, date);
CREATE TRIGGER market_invoices_append_only BEFORE UPDATE OR DELETE ON market_invoices
  FOR EACH ROW EXECUTE FUNCTION kopdes_append_only();

CREATE TABLE market_invoice_lines (
  cooperative_id text NOT NULL,
  invoice_id text NOT NULL,
  line_no integer NOT NULL CHECK (line_no > 0),
  delivery_id text,
  delivery_line_no integer,
  description text NOT NULL,
  price_basis text CHECK (price_basis IN ('pack', 'unit')),
  quantity bigint,
  unit_price bigint,
  amount bigint NOT NULL CHECK (amount > 0),
  PRIMARY KEY (cooperative_id, invoice_id, line_no),
  FOREIGN KEY (cooperative_id, invoice_id) REFERENCES market_invoices (cooperative_id, id),
  FOREIGN KEY (cooperative_id, delivery_id, delivery_line_no) REFERENCES market_receipt_lines (cooperative_id, delivery_id, line_no),
  CHECK ((delivery_id IS NULL) = (delivery_line_no IS NULL))
);
-- A delivery line is invoiced once.
CREATE UNIQUE INDEX market_invoice_lines_delivery_uq ON market_invoice_lines (cooperative_id, delivery_id, delivery_line_no)
  WHERE delivery_id IS NOT NULL;
CREATE TRIGGER market_invoice_lines_append_only BEFORE UPDATE OR DELETE ON market_invoice_lines
  FOR EACH ROW EXECUTE FUNCTION kopdes_append_only();

-- Money received from a partner; the part not (yet) applied to invoices stays as the partner's credit
-- (the receivable account goes below zero for that partner) and is applied to later invoices.
CREATE TABLE market_payments (
  cooperative_id text NOT NULL,
  id text NOT NULL,
  number text NOT NULL,
  partner_id text NOT NULL,
  date date NOT NULL,
  method text NOT NULL CHECK (method IN ('cash', 'bank')),
  reference text,
  amount bigint NOT NULL CHECK (amount > 0 AND amount <= 999999999999999),
  journal_entry_id text NOT NULL,
  journal_number text NOT NULL,
  created_by_label text NOT NULL,
  request_id text,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cooperative_id, id),
  CONSTRAINT market_payments_number_uq UNIQUE (cooperative_id, number),
  FOREIGN KEY (cooperative_id, partner_id) REFERENCES market_partners (cooperative_id, id)
);
CREATE INDEX market_payments_partner_idx ON market_payments (cooperative_id, partner_id, date);
CREATE TRIGGER market_payments_append_only BEFORE UPDATE OR DELETE ON market_payments
  FOR EACH ROW EXECUTE FUNCTION kopdes_append_only();

CREATE TABLE market_payment_allocations (
  cooperative_id text NOT NULL,
  payment_id text NOT NULL,
  invoice_id text NOT NULL,
  amount bigint NOT NULL CHECK (amount > 0),
  PRIMARY KEY (cooperative_id, payment_id, invoice_id),
  FOREIGN KEY (cooperative_id, payment_id) REFERENCES market_payments (cooperative_id, id),
  FOREIGN KEY (cooperative_id, invoice_id) REFERENCES market_invoices (cooperative_id, id)
);
CREATE INDEX market_payment_allocations_invoice_idx ON market_payment_allocations (cooperative_id, invoice_id);
CREATE TRIGGER market_payment_allocations_append_only BEFORE UPDATE OR DELETE ON market_payment_allocations
  FOR EACH ROW EXECUTE FUNCTION kopdes_append_only();
