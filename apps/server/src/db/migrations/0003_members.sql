-- Members and their savings: the registry (farmer groups, members, status history), savings
-- settings, balances, transactions (append-only; corrections are reversals), monthly dues for
-- simpanan wajib with their payments, and the settlement when a member leaves. Journal entries
-- live in the ledger; rows here keep the entry's id.

CREATE TABLE farmer_groups (
  cooperative_id text NOT NULL REFERENCES cooperatives (id),
  id text NOT NULL,
  name text NOT NULL CHECK (length(btrim(name)) BETWEEN 2 AND 120),
  village_code text CHECK (village_code ~ '^\d{2}\.\d{2}\.\d{2}\.\d{4}$'),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cooperative_id, id)
);
CREATE UNIQUE INDEX farmer_groups_name_uq ON farmer_groups (cooperative_id, lower(name));

CREATE TABLE members (
  cooperative_id text NOT NULL REFERENCES cooperatives (id),
  id text NOT NULL,
  number integer NOT NULL CHECK (number > 0),
  nik text NOT NULL CHECK (nik ~ '^\d{16}$'),
  full_name text NOT NULL CHECK (length(btrim(full_name)) BETWEEN 2 AND 200),
  sex text NOT NULL CHECK (sex IN ('M', 'F')),
  birth_place text,
  birth_date date NOT NULL,
  address text,
  village_code text NOT NULL CHECK (village_code ~ '^\d{2}\.\d{2}\.\d{2}\.\d{4}$'),
  phone text CHECK (phone ~ '^\+62[1-9]\d{7,11}$'),
  occupation text NOT NULL CHECK (occupation IN ('farmer', 'farm_labourer', 'livestock_farmer', 'fisher', 'trader',
    'entrepreneur', 'private_employee', 'civil_servant', 'teacher', 'labourer', 'homemaker', 'student', 'retired', 'other')),
  occupation_detail text,
  farmer_group_id text,
  join_date date NOT NULL,
  status text NOT NULL CHECK (status IN ('applicant', 'active', 'left', 'deceased')),
  status_date date NOT NULL,
  status_reason text,
  user_id text REFERENCES users (id),
  notes text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cooperative_id, id),
  CONSTRAINT members_number_uq UNIQUE (cooperative_id, number),
  CONSTRAINT members_nik_uq UNIQUE (cooperative_id, nik),
  FOREIGN KEY (cooperative_id, farmer_group_id) REFERENCES farmer_groups (cooperative_id, id)
);
CREATE UNIQUE INDEX members_user_uq ON members (cooperative_id, user_id) WHERE user_id IS NOT NULL;
CREATE INDEX members_name_idx ON members (cooperative_id, lower(full_name), id);
CREATE INDEX members_phone_idx ON members (cooperative_id, phone) WHERE phone IS NOT NULL;
CREATE INDEX members_group_idx ON members (cooperative_id, farmer_group_id) WHERE farmer_group_id IS NOT NULL;

CREATE TABLE member_status_changes (
  cooperative_id text NOT NULL,
  id text NOT NULL,
  member_id text NOT NULL,
  from_status text,
  to_status text NOT NULL,
  effective_date date NOT NULL,
  reason text,
  actor_id text,
  actor_label text NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cooperative_id, id),
  FOREIGN KEY (cooperative_id, member_id) REFERENCES members (cooperative_id, id)
);
CREATE INDEX member_status_changes_member_idx ON member_status_changes (cooperative_id, member_id, id);
CREATE TRIGGER member_status_changes_append_only BEFORE UPDATE OR DELETE ON member_status_changes
  FOR EACH ROW EXECUTE FUNCTION kopdes_append_only();

-- Amounts by date: the setting in force on a day is the latest one effective on or before it.
CREATE TABLE savings_settings (
  cooperative_id text NOT NULL REFERENCES cooperatives (id),
  effective_from date NOT NULL,
  pokok_amount bigint NOT NULL CHECK (pokok_amount > 0),
  wajib_amount bigint NOT NULL CHECK (wajib_amount > 0),
  wajib_period_months integer NOT NULL CHECK (wajib_period_months IN (1, 3, 6, 12)),
  created_by_label text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cooperative_id, effective_from)
);

-- The balance of each kind per member, changed only in the transaction that writes the matching
-- savings_transactions row; the CHECK is the last guard against an overdraft.
CREATE TABLE savings_accounts (
  cooperative_id text NOT NULL,
  member_id text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('pokok', 'wajib', 'sukarela')),
  balance bigint NOT NULL DEFAULT 0 CONSTRAINT savings_balance_not_negative CHECK (balance >= 0),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cooperative_id, member_id, kind),
  FOREIGN KEY (cooperative_id, member_id) REFERENCES members (cooperative_id, id)
);

CREATE TABLE member_settlements (
  cooperative_id text NOT NULL,
  id text NOT NULL,
  member_id text NOT NULL,
  date date NOT NULL,
  outcome text NOT NULL CHECK (outcome IN ('left', 'deceased')),
  reason text NOT NULL,
  pokok bigint NOT NULL CHECK (pokok >= 0),
  wajib bigint NOT NULL CHECK (wajib >= 0),
  sukarela bigint NOT NULL CHECK (sukarela >= 0),
  receivable_offset bigint NOT NULL CHECK (receivable_offset >= 0),
  net_paid bigint NOT NULL CHECK (net_paid >= 0),
  method text NOT NULL CHECK (method IN ('cash', 'bank')),
  journal_entry_id text,
  journal_number text,
  created_by_id text,
  created_by_label text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cooperative_id, id),
  CONSTRAINT member_settlements_member_uq UNIQUE (cooperative_id, member_id),
  FOREIGN KEY (cooperative_id, member_id) REFERENCES members (cooperative_id, id),
  CHECK (pokok + wajib + sukarela = receivable_offset + net_paid)
);
CREATE TRIGGER member_settlements_append_only BEFORE UPDATE OR DELETE ON member_settlements
  FOR EACH ROW EXECUTE FUNCTION kopdes_append_only();

CREATE TABLE savings_transactions (
  cooperative_id text NOT NULL,
  id text NOT NULL,
  number text NOT NULL,
  member_id text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('pokok', 'wajib', 'sukarela')),
  type text NOT NULL CHECK (type IN ('deposit', 'withdrawal', 'reversal', 'settlement')),
  direction text NOT NULL CHECK (direction IN ('in', 'out')),
  amount bigint NOT NULL CHECK (amount > 0),
  balance_after bigint NOT NULL CHECK (balance_after >= 0),
  date date NOT NULL,
  method text NOT NULL CHECK (method IN ('cash', 'bank')),
  journal_entry_id text NOT NULL,
  journal_number text NOT NULL,
  reverses_id text,
  settlement_id text,
  memo text,
  created_by_id text,
  created_by_label text NOT NULL,
  request_id text,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cooperative_id, id),
  CONSTRAINT savings_transactions_number_uq UNIQUE (cooperative_id, number),
  -- A transaction is reversed at most once.
  CONSTRAINT savings_transactions_reversal_uq UNIQUE (cooperative_id, reverses_id),
  FOREIGN KEY (cooperative_id, member_id) REFERENCES members (cooperative_id, id),
  FOREIGN KEY (cooperative_id, reverses_id) REFERENCES savings_transactions (cooperative_id, id),
  FOREIGN KEY (cooperative_id, settlement_id) REFERENCES member_settlements (cooperative_id, id),
  CHECK ((type = 'reversal') = (reverses_id IS NOT NULL)),
  CHECK ((type = 'settlement') = (settlement_id IS NOT NULL))
);
CREATE INDEX savings_transactions_member_idx ON savings_transactions (cooperative_id, member_id, date, id);
CREATE INDEX savings_transactions_date_idx ON savings_transactions (cooperative_id, date, id);
CREATE TRIGGER savings_transactions_append_only BEFORE UPDATE OR DELETE ON savings_transactions
  FOR EACH ROW EXECUTE FUNCTION kopdes_append_only();

-- Simpanan wajib bills, one per member and period (YYYY-MM); billing a month twice adds nothing.
CREATE TABLE savings_dues (
  cooperative_id text NOT NULL,
  member_id text NOT NULL,
  period text NOT NULL CHECK (period ~ '^\d{4}-(0[1-9]|1[0-2])$'),
  amount bigint NOT NULL CHECK (amount > 0),
  due_date date NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cooperative_id, member_id, period),
  FOREIGN KEY (cooperative_id, member_id) REFERENCES members (cooperative_id, id)
);
CREATE INDEX savings_dues_period_idx ON savings_dues (cooperative_id, period);
CREATE TRIGGER savings_dues_append_only BEFORE UPDATE OR DELETE ON savings_dues
  FOR EACH ROW EXECUTE FUNCTION kopdes_append_only();

CREATE TABLE savings_dues_runs (
  cooperative_id text NOT NULL REFERENCES cooperatives (id),
  period text NOT NULL CHECK (period ~ '^\d{4}-(0[1-9]|1[0-2])$'),
  members_billed integer NOT NULL,
  amount_billed bigint NOT NULL,
  first_run_at timestamptz NOT NULL DEFAULT now(),
  last_run_at timestamptz NOT NULL DEFAULT now(),
  last_run_by text NOT NULL,
  PRIMARY KEY (cooperative_id, period)
);

-- What each wajib payment settled; a reversal adds the negative of its original's rows.
CREATE TABLE savings_dues_payments (
  cooperative_id text NOT NULL,
  transaction_id text NOT NULL,
  member_id text NOT NULL,
  period text NOT NULL,
  amount bigint NOT NULL CHECK (amount <> 0),
  PRIMARY KEY (cooperative_id, transaction_id, period),
  FOREIGN KEY (cooperative_id, transaction_id) REFERENCES savings_transactions (cooperative_id, id),
  FOREIGN KEY (cooperative_id, member_id, period) REFERENCES savings_dues (cooperative_id, member_id, period)
);
CREATE INDEX savings_dues_payments_dues_idx ON savings_dues_payments (cooperative_id, member_id, period);
CREATE TRIGGER savings_dues_payments_append_only BEFORE UPDATE OR DELETE ON savings_dues_payments
  FOR EACH ROW EXECUTE FUNCTION kopdes_append_only();
