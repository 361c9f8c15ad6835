-- General ledger: chart of accounts, business units, journal entries and lines, closed periods.
-- The database itself guards the books: an entry must balance at commit, lines can only be added
-- in the transaction that created their entry, posted rows never change, and nothing can be posted
-- into a closed month.

CREATE TABLE ledger_accounts (
  cooperative_id text NOT NULL REFERENCES cooperatives (id),
  code text NOT NULL CHECK (code ~ '^\d{4}$'),
  name text NOT NULL CHECK (length(btrim(name)) BETWEEN 3 AND 120),
  type text NOT NULL CHECK (type IN ('asset', 'liability', 'equity', 'revenue', 'expense')),
  normal_side text NOT NULL CHECK (normal_side IN ('debit', 'credit')),
  revenue_kind text CHECK (revenue_kind IN ('member', 'non_member', 'other')),
  cash_flow text NOT NULL CHECK (cash_flow IN ('cash', 'operating', 'investing', 'financing')),
  subsidiary text CHECK (subsidiary IN ('member', 'partner')),
  parent_code text,
  standard boolean NOT NULL DEFAULT false,
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cooperative_id, code),
  FOREIGN KEY (cooperative_id, parent_code) REFERENCES ledger_accounts (cooperative_id, code),
  CHECK ((type = 'revenue') = (revenue_kind IS NOT NULL))
);

CREATE TABLE ledger_units (
  cooperative_id text NOT NULL REFERENCES cooperatives (id),
  code text NOT NULL CHECK (code ~ '^[a-z][a-z0-9_]{1,39}$'),
  name text NOT NULL,
  enabled boolean NOT NULL DEFAULT true,
  PRIMARY KEY (cooperative_id, code)
);

CREATE TABLE journal_entries (
  cooperative_id text NOT NULL REFERENCES cooperatives (id),
  id text NOT NULL,
  number text NOT NULL,
  date date NOT NULL,
  memo text NOT NULL,
  source_module text NOT NULL,
  source_document_id text NOT NULL,
  reverses_id text,
  -- Year-end closing entries (and their reversals) are left out of the income statement.
  closing boolean NOT NULL DEFAULT false,
  created_by_id text,
  created_by_label text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
  PRIMARY KEY (cooperative_id, id),
  UNIQUE (cooperative_id, number),
  UNIQUE (cooperative_id, reverses_id),
  FOREIGN KEY (cooperative_id, reverses_id) REFERENCES journal_entries (cooperative_id, id)
);
CREATE INDEX journal_entries_date_idx ON journal_entries (cooperative_id, date, id);
CREATE INDEX journal_entries_source_idx ON journal_entries (cooperative_id, source_module, source_document_id);
CREATE INDEX journal_entries_closing_idx ON journal_entries (cooperative_id, date) WHERE closing;

-- No foreign keys to accounts and units: a key-share lock on the hot KAS row by every concurrent
-- posting would turn into multixact churn. The statement trigger below checks them instead.
CREATE TABLE journal_lines (
  cooperative_id text NOT NULL,
  entry_id text NOT NULL,
  line_no smallint NOT NULL CHECK (line_no >= 0),
  date date NOT NULL,
  account text NOT NULL,
  unit text NOT NULL,
  member_id text,
  partner_id text,
  debit bigint NOT NULL DEFAULT 0,
  credit bigint NOT NULL DEFAULT 0,
  memo text,
  PRIMARY KEY (cooperative_id, entry_id, line_no),
  FOREIGN KEY (cooperative_id, entry_id) REFERENCES journal_entries (cooperative_id, id),
  CHECK ((debit > 0 AND credit = 0) OR (credit > 0 AND debit = 0))
);
-- Covering index: every statement is an index-only scan summing debit/credit per account up to a date.
CREATE INDEX journal_lines_account_idx ON journal_lines (cooperative_id, account, date) INCLUDE (unit, debit, credit);
CREATE INDEX journal_lines_member_idx ON journal_lines (cooperative_id, member_id, account, date)
  INCLUDE (unit, debit, credit) WHERE member_id IS NOT NULL;
CREATE INDEX journal_lines_partner_idx ON journal_lines (cooperative_id, partner_id, account, date)
  INCLUDE (unit, debit, credit) WHERE partner_id IS NOT NULL;

-- Σ debit and Σ credit per account, unit and month, kept by the journal_lines trigger in the same
-- transaction as the lines (so always exact): statements read a few hundred rows instead of every
-- line, and scan lines only for a partial month at the edge of a period.
CREATE TABLE ledger_monthly_totals (
  cooperative_id text NOT NULL,
  account text NOT NULL,
  unit text NOT NULL,
  month date NOT NULL CHECK (extract(day FROM month) = 1),
  debit_total bigint NOT NULL,
  credit_total bigint NOT NULL,
  PRIMARY KEY (cooperative_id, account, unit, month)
);

CREATE TABLE ledger_closed_months (
  cooperative_id text NOT NULL REFERENCES cooperatives (id),
  month date NOT NULL CHECK (extract(day FROM month) = 1),
  closed_at timestamptz NOT NULL DEFAULT now(),
  closed_by_label text NOT NULL,
  PRIMARY KEY (cooperative_id, month)
);

CREATE TABLE ledger_closed_years (
  cooperative_id text NOT NULL,
  year integer NOT NULL,
  closing_entry_id text, -- null when the year had no revenue or expense to close
  closed_at timestamptz NOT NULL DEFAULT now(),
  closed_by_label text NOT NULL,
  PRIMARY KEY (cooperative_id, year),
  FOREIGN KEY (cooperative_id, closing_entry_id) REFERENCES journal_entries (cooperative_id, id)
);

-- Posted rows never change.
CREATE TRIGGER journal_entries_append_only BEFORE UPDATE OR DELETE ON journal_entries
  FOR EACH ROW EXECUTE FUNCTION kopdes_append_only();
CREATE TRIGGER journal_lines_append_only BEFORE UPDATE OR DELETE ON journal_lines
  FOR EACH ROW EXECUTE FUNCTION kopdes_append_only();
CREATE FUNCTION kopdes_no_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'table % is append-only: TRUNCATE is not allowed', TG_TABLE_NAME USING ERRCODE = 'restrict_violation';
END $$;
CREATE TRIGGER journal_entries_no_truncate BEFORE TRUNCATE ON journal_entries
  FOR EACH STATEMENT EXECUTE FUNCTION kopdes_no_truncate();
CREATE TRIGGER journal_lines_no_truncate BEFORE TRUNCATE ON journal_lines
  FOR EACH STATEMENT EXECUTE FUNCTION kopdes_no_truncate();

-- A posting into a closed month is refused. The shared advisory lock makes a month close (which
-- takes it exclusively) wait for postings in flight, so none can slip into a month being closed.
CREATE FUNCTION ledger_entry_period_open() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock_shared(hashtextextended('kopdes.ledger.periods:' || NEW.cooperative_id, 0));
  IF EXISTS (SELECT 1 FROM ledger_closed_months
             WHERE cooperative_id = NEW.cooperative_id AND month = date_trunc('month', NEW.date)::date) THEN
    RAISE EXCEPTION 'period % is closed', to_char(NEW.date, 'YYYY-MM')
      USING ERRCODE = 'KL001', DETAIL = to_char(NEW.date, 'YYYY-MM');
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER journal_entries_period_open BEFORE INSERT ON journal_entries
  FOR EACH ROW EXECUTE FUNCTION ledger_entry_period_open();

-- An entry must balance, with at least two lines, when its transaction commits.
CREATE FUNCTION ledger_entry_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  d bigint;
  c bigint;
  n integer;
BEGIN
  SELECT coalesce(sum(debit), 0), coalesce(sum(credit), 0), count(*) INTO d, c, n
    FROM journal_lines WHERE cooperative_id = NEW.cooperative_id AND entry_id = NEW.id;
  IF n < 2 OR d <> c OR d = 0 THEN
    RAISE EXCEPTION 'journal entry % is not balanced: debit %, credit %, % lines', NEW.number, d, c, n
      USING ERRCODE = 'KL002';
  END IF;
  RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER journal_entries_balanced AFTER INSERT ON journal_entries
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_entry_balanced();

-- Lines belong to an entry made in the same transaction (a posted entry gets no new lines), and
-- name an active account and an enabled unit of the cooperative. One check per statement.
CREATE FUNCTION ledger_lines_valid() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  bad record;
BEGIN
  SELECT l.entry_id INTO bad FROM new_lines l
    JOIN journal_entries e ON e.cooperative_id = l.cooperative_id AND e.id = l.entry_id
    WHERE e.created_xid <> pg_current_xact_id() OR e.date <> l.date LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'journal entry %: lines can only be added with their entry, on its date', bad.entry_id
      USING ERRCODE = 'restrict_violation';
  END IF;
  SELECT l.account, l.unit, a.active, u.enabled INTO bad FROM new_lines l
    LEFT JOIN ledger_accounts a ON a.cooperative_id = l.cooperative_id AND a.code = l.account
    LEFT JOIN ledger_units u ON u.cooperative_id = l.cooperative_id AND u.code = l.unit
    WHERE a.active IS NOT TRUE OR u.enabled IS NOT TRUE LIMIT 1;
  IF FOUND THEN
    IF bad.active IS NOT TRUE THEN
      RAISE EXCEPTION 'account % is unknown or inactive', bad.account USING ERRCODE = 'KL003', DETAIL = bad.account;
    END IF;
    RAISE EXCEPTION 'unit % is unknown or disabled', bad.unit USING ERRCODE = 'KL004', DETAIL = bad.unit;
  END IF;
  INSERT INTO ledger_monthly_totals AS t (cooperative_id, account, unit, month, debit_total, credit_total)
    SELECT l.cooperative_id, l.account, l.unit, date_trunc('month', l.date)::date, sum(l.debit), sum(l.credit)
    FROM new_lines l GROUP BY 1, 2, 3, 4
  ON CONFLICT (cooperative_id, account, unit, month) DO UPDATE
    SET debit_total = t.debit_total + excluded.debit_total, credit_total = t.credit_total + excluded.credit_total;
  RETURN NULL;
END $$;
CREATE TRIGGER journal_lines_valid AFTER INSERT ON journal_lines
  REFERENCING NEW TABLE AS new_lines FOR EACH STATEMENT EXECUTE FUNCTION ledger_lines_valid();

-- The monthly totals are written only by the trigger above (trigger depth 2), never directly.
CREATE FUNCTION ledger_totals_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF pg_trigger_depth() < 2 THEN
    RAISE EXCEPTION 'ledger_monthly_totals is kept by the journal only: % is not allowed', TG_OP USING ERRCODE = 'restrict_violation';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;
CREATE TRIGGER ledger_monthly_totals_guard BEFORE INSERT OR UPDATE OR DELETE ON ledger_monthly_totals
  FOR EACH ROW EXECUTE FUNCTION ledger_totals_guard();
CREATE TRIGGER ledger_monthly_totals_no_truncate BEFORE TRUNCATE ON ledger_monthly_totals
  FOR EACH STATEMENT EXECUTE FUNCTION kopdes_no_truncate();
