-- The network layer: the ministry's registry of cooperatives (profile, board and supervisors,
-- family-tie declarations, RAT dates), partnerships, the internship programme with its outcomes,
-- and the summary tables national dashboards read (never journal lines).

-- ── Registry ──────────────────────────────────────────────────────────────────────────────
CREATE TABLE network_profiles (
  cooperative_id text PRIMARY KEY REFERENCES cooperatives (id),
  -- Copied from the cooperative's village at every write and refresh: roll-ups group by them.
  village_code text NOT NULL CHECK (village_code ~ '^\d{2}\.\d{2}\.\d{2}\.\d{4}$'),
  regency_code text NOT NULL CHECK (regency_code ~ '^\d{2}\.\d{2}$'),
  province_code text NOT NULL CHECK (province_code ~ '^\d{2}$'),
  formation_model text CHECK (formation_model IN ('new', 'development', 'revival')),
  legal_entity_date date,
  nib text CHECK (nib ~ '^\d{13}$'),
  npwp text CHECK (npwp ~ '^\d{15,16}$'),
  business_units text[] NOT NULL DEFAULT '{}',
  -- Structural governance issues found at the last declaration (the RAT check depends on the date).
  governance_issues text[] NOT NULL DEFAULT '{}',
  -- Made by `kopdes network synth`; removable with --remove, never mixed into real figures by accident.
  synthetic boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX network_profiles_area_idx ON network_profiles (province_code, regency_code, cooperative_id);
CREATE INDEX network_profiles_village_idx ON network_profiles (village_code);
CREATE INDEX network_profiles_synthetic_idx ON network_profiles (cooperative_id) WHERE synthetic;

CREATE TABLE network_officers (
  cooperative_id text NOT NULL REFERENCES network_profiles (cooperative_id),
  id text NOT NULL,
  body text NOT NULL CHECK (body IN ('pengurus', 'pengawas')),
  position text NOT NULL CHECK (position IN ('ketua', 'wakil_ketua_usaha', 'wakil_ketua_keanggotaan', 'sekretaris', 'bendahara',
    'anggota_pengurus', 'ketua_pengawas', 'anggota_pengawas')),
  full_name text NOT NULL CHECK (length(btrim(full_name)) BETWEEN 3 AND 120),
  sex text NOT NULL CHECK (sex IN ('M', 'F')),
  is_village_head boolean NOT NULL DEFAULT false,
  phone text,
  started_on date,
  ended_on date,
  CHECK ((body = 'pengurus') = (position NOT IN ('ketua_pengawas', 'anggota_pengawas'))),
  PRIMARY KEY (cooperative_id, id)
);
CREATE UNIQUE INDEX network_officers_id_idx ON network_officers (id);

CREATE TABLE network_family_ties (
  cooperative_id text NOT NULL,
  officer_a text NOT NULL,
  officer_b text NOT NULL,
  relation text NOT NULL CHECK (relation IN ('spouse', 'parent_child', 'parent_child_in_law', 'sibling')),
  CHECK (officer_a < officer_b),
  PRIMARY KEY (cooperative_id, officer_a, officer_b),
  FOREIGN KEY (cooperative_id, officer_a) REFERENCES network_officers (cooperative_id, id),
  FOREIGN KEY (cooperative_id, officer_b) REFERENCES network_officers (cooperative_id, id)
);

CREATE TABLE network_rat_meetings (
  cooperative_id text NOT NULL REFERENCES network_profiles (cooperative_id),
  financial_year integer NOT NULL CHECK (financial_year BETWEEN 2000 AND 2100),
  held_on date NOT NULL,
  PRIMARY KEY (cooperative_id, financial_year)
);

-- ── Partnerships ──────────────────────────────────────────────────────────────────────────
CREATE TABLE network_partners (
  id text PRIMARY KEY,
  name text NOT NULL CHECK (length(btrim(name)) BETWEEN 2 AND 200),
  kind text NOT NULL CHECK (kind IN ('state_company', 'retailer', 'mentor_cooperative', 'offtaker', 'bank', 'other')),
  mentor_cooperative_id text REFERENCES cooperatives (id),
  contact_name text,
  contact_phone text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX network_partners_name_idx ON network_partners (lower(name));

CREATE TABLE network_partnerships (
  cooperative_id text NOT NULL REFERENCES network_profiles (cooperative_id),
  id text NOT NULL,
  partner_id text NOT NULL REFERENCES network_partners (id),
  type text NOT NULL CHECK (type IN ('offtake', 'retail_supply', 'input_supply', 'financing', 'mentoring', 'logistics', 'other')),
  stage text NOT NULL CHECK (stage IN ('proposed', 'in_talks', 'agreed', 'active', 'ended')),
  commodity text,
  agreed_volume_grams bigint CHECK (agreed_volume_grams > 0),
  volume_period text CHECK (volume_period IN ('week', 'month', 'year', 'contract')),
  agreed_amount bigint CHECK (agreed_amount > 0),
  starts_on date,
  ends_on date CHECK (ends_on >= starts_on),
  active_since date,
  ended_on date,
  notes text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cooperative_id, id)
);
CREATE UNIQUE INDEX network_partnerships_id_idx ON network_partnerships (id);
CREATE INDEX network_partnerships_partner_idx ON network_partnerships (partner_id);

CREATE TABLE network_partnership_events (
  cooperative_id text NOT NULL,
  id text NOT NULL,
  partnership_id text NOT NULL,
  from_stage text,
  to_stage text NOT NULL,
  on_date date NOT NULL,
  note text,
  actor_label text NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cooperative_id, id),
  FOREIGN KEY (cooperative_id, partnership_id) REFERENCES network_partnerships (cooperative_id, id)
);
CREATE INDEX network_partnership_events_idx ON network_partnership_events (cooperative_id, partnership_id, id);

CREATE TABLE network_partnership_documents (
  cooperative_id text NOT NULL,
  id text NOT NULL,
  partnership_id text NOT NULL,
  title text NOT NULL,
  file_name text NOT NULL,
  content_type text NOT NULL CHECK (content_type IN ('application/pdf', 'image/jpeg', 'image/png')),
  size_bytes integer NOT NULL CHECK (size_bytes > 0),
  sha256 text NOT NULL,
  content bytea NOT NULL,
  uploaded_by text NOT NULL,
  uploaded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cooperative_id, id),
  FOREIGN KEY (cooperative_id, partnership_id) REFERENCES network_partnerships (cooperative_id, id)
);
CREATE INDEX network_partnership_documents_idx ON network_partnership_documents (cooperative_id, partnership_id);
CREATE UNIQUE INDEX network_partnership_documents_id_idx ON network_partnership_documents (id);

-- ── Internship programme (magang pengurus) ────────────────────────────────────────────────
CREATE TABLE network_hosts (
  id text PRIMARY KEY,
  name text NOT NULL CHECK (length(btrim(name)) BETWEEN 3 AND 200),
  sector text NOT NULL CHECK (sector IN ('agriculture', 'services', 'fisheries', 'aquaculture', 'dairy', 'multi_service')),
  village_code text CHECK (village_code ~ '^\d{2}\.\d{2}\.\d{2}\.\d{4}$'),
  location text NOT NULL,
  cooperative_id text REFERENCES cooperatives (id),
  description text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX network_hosts_name_idx ON network_hosts (lower(name));

CREATE TABLE network_programmes (
  id text PRIMARY KEY,
  name text NOT NULL,
  year integer NOT NULL,
  description text,
  min_attendance_pct integer NOT NULL CHECK (min_attendance_pct BETWEEN 0 AND 100),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE network_programme_hosts (
  programme_id text NOT NULL REFERENCES network_programmes (id),
  host_id text NOT NULL REFERENCES network_hosts (id),
  PRIMARY KEY (programme_id, host_id)
);

CREATE TABLE network_batches (
  id text PRIMARY KEY,
  programme_id text NOT NULL,
  host_id text NOT NULL,
  number integer NOT NULL CHECK (number > 0),
  name text NOT NULL,
  starts_on date NOT NULL,
  ends_on date NOT NULL CHECK (ends_on >= starts_on),
  capacity integer NOT NULL CHECK (capacity BETWEEN 1 AND 1000),
  province_codes text[] NOT NULL CHECK (cardinality(province_codes) > 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (programme_id, number),
  FOREIGN KEY (programme_id, host_id) REFERENCES network_programme_hosts (programme_id, host_id)
);

CREATE TABLE network_participants (
  cooperative_id text NOT NULL,
  id text NOT NULL,
  batch_id text NOT NULL REFERENCES network_batches (id),
  officer_id text NOT NULL,
  full_name text NOT NULL,
  position text NOT NULL,
  sex text NOT NULL CHECK (sex IN ('M', 'F')),
  province_code text NOT NULL,
  status text NOT NULL CHECK (status IN ('nominated', 'accepted', 'attending', 'completed', 'rejected', 'withdrawn')),
  status_reason text,
  nominated_at timestamptz NOT NULL DEFAULT now(),
  completed_on date,
  certificate_number text UNIQUE,
  PRIMARY KEY (cooperative_id, id),
  FOREIGN KEY (cooperative_id, officer_id) REFERENCES network_officers (cooperative_id, id),
  CHECK ((status = 'completed') = (completed_on IS NOT NULL))
);
CREATE UNIQUE INDEX network_participants_id_idx ON network_participants (id);
CREATE UNIQUE INDEX network_participants_once_idx ON network_participants (batch_id, cooperative_id, officer_id);
CREATE INDEX network_participants_officer_idx ON network_participants (cooperative_id, officer_id);

CREATE TABLE network_sessions (
  id text PRIMARY KEY,
  batch_id text NOT NULL REFERENCES network_batches (id),
  day date NOT NULL,
  starts_at text NOT NULL CHECK (starts_at ~ '^\d{2}:\d{2}$'),
  ends_at text NOT NULL CHECK (ends_at ~ '^\d{2}:\d{2}$' AND ends_at > starts_at),
  title text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('material', 'study_visit', 'on_the_job')),
  location text,
  facilitator text,
  competency text CHECK (competency IN ('production_planning', 'post_harvest', 'marketing_retail', 'bookkeeping', 'member_services'))
);
CREATE INDEX network_sessions_batch_idx ON network_sessions (batch_id, day, starts_at);

CREATE TABLE network_attendance (
  cooperative_id text NOT NULL,
  participant_id text NOT NULL,
  session_id text NOT NULL REFERENCES network_sessions (id),
  present boolean NOT NULL,
  note text,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cooperative_id, participant_id, session_id),
  FOREIGN KEY (cooperative_id, participant_id) REFERENCES network_participants (cooperative_id, id)
);
CREATE INDEX network_attendance_session_idx ON network_attendance (session_id);

CREATE TABLE network_assessments (
  cooperative_id text NOT NULL,
  participant_id text NOT NULL,
  competency text NOT NULL CHECK (competency IN ('production_planning', 'post_harvest', 'marketing_retail', 'bookkeeping', 'member_services')),
  pre_test integer CHECK (pre_test BETWEEN 0 AND 100),
  post_test integer CHECK (post_test BETWEEN 0 AND 100),
  mentor_score integer CHECK (mentor_score BETWEEN 1 AND 5),
  mentor_note text,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cooperative_id, participant_id, competency),
  FOREIGN KEY (cooperative_id, participant_id) REFERENCES network_participants (cooperative_id, id)
);

-- ── Outcomes ──────────────────────────────────────────────────────────────────────────────
CREATE TABLE network_action_items (
  cooperative_id text NOT NULL,
  id text NOT NULL,
  participant_id text NOT NULL,
  title text NOT NULL,
  measure text NOT NULL CHECK (measure IN ('intake_kg', 'monthly_intake_kg', 'modern_retail_partners', 'active_partners',
    'planting_plan_farmers', 'monthly_sales', 'members', 'savings')),
  target bigint NOT NULL CHECK (target > 0),
  starts_on date NOT NULL,
  due_on date NOT NULL CHECK (due_on >= starts_on),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cooperative_id, id),
  FOREIGN KEY (cooperative_id, participant_id) REFERENCES network_participants (cooperative_id, id)
);
CREATE UNIQUE INDEX network_action_items_id_idx ON network_action_items (id);
CREATE INDEX network_action_items_participant_idx ON network_action_items (cooperative_id, participant_id);

-- Progress typed by hand (the cooperative does not run the module that holds the data): append-only.
CREATE TABLE network_action_reports (
  cooperative_id text NOT NULL,
  id text NOT NULL,
  item_id text NOT NULL,
  value bigint NOT NULL CHECK (value >= 0),
  as_of date NOT NULL,
  note text,
  reported_by text NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cooperative_id, id),
  FOREIGN KEY (cooperative_id, item_id) REFERENCES network_action_items (cooperative_id, id)
);
CREATE INDEX network_action_reports_item_idx ON network_action_reports (cooperative_id, item_id, as_of DESC, id DESC);
CREATE TRIGGER network_action_reports_append_only BEFORE UPDATE OR DELETE ON network_action_reports
  FOR EACH ROW EXECUTE FUNCTION kopdes_append_only();

-- Monthly figures reported by hand, for measures whose module the cooperative does not run.
CREATE TABLE network_manual_reports (
  cooperative_id text NOT NULL REFERENCES network_profiles (cooperative_id),
  month date NOT NULL CHECK (extract(day FROM month) = 1),
  members integer CHECK (members >= 0),
  savings bigint CHECK (savings >= 0),
  intake_grams bigint CHECK (intake_grams >= 0),
  sales bigint CHECK (sales >= 0),
  note text,
  reported_by text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cooperative_id, month)
);

-- ── Roll-ups ──────────────────────────────────────────────────────────────────────────────
-- One row per cooperative and month, refreshed incrementally (after writes, or by the refresh job).
CREATE TABLE network_monthly_stats (
  cooperative_id text NOT NULL REFERENCES network_profiles (cooperative_id),
  month date NOT NULL CHECK (extract(day FROM month) = 1),
  province_code text NOT NULL,
  regency_code text NOT NULL,
  -- The cooperative's name at the last refresh: a regency's table reads it without a lookup per row.
  cooperative_name text NOT NULL,
  formed boolean NOT NULL,
  operating boolean NOT NULL,
  members integer,
  savings bigint,
  intake_grams bigint,
  sales bigint,
  active_units integer NOT NULL,
  partners_active integer NOT NULL,
  alumni integer NOT NULL,
  -- Per figure: 'kopdes' (the cooperative's own data) or 'manual' (reported by hand).
  sources jsonb NOT NULL DEFAULT '{}',
  synthetic boolean NOT NULL DEFAULT false,
  refreshed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cooperative_id, month)
);
-- Covers the regency table: an index-only scan, however scattered the rows are in the heap.
CREATE INDEX network_monthly_stats_regency_idx ON network_monthly_stats (regency_code, month)
  INCLUDE (cooperative_id, cooperative_name, formed, operating, members, savings, intake_grams, sales, active_units,
    partners_active, alumni, synthetic);

-- Sums per area and month, recomputed from the rows one level down whenever one of them changes.
CREATE TABLE network_area_stats (
  level text NOT NULL CHECK (level IN ('national', 'province', 'regency')),
  area_code text NOT NULL,
  parent_code text NOT NULL,
  month date NOT NULL,
  cooperatives integer NOT NULL,
  formed integer NOT NULL,
  operating integer NOT NULL,
  members bigint NOT NULL,
  savings bigint NOT NULL,
  intake_grams bigint NOT NULL,
  sales bigint NOT NULL,
  active_units bigint NOT NULL,
  partners_active bigint NOT NULL,
  alumni integer NOT NULL,
  alumni_cooperatives integer NOT NULL,
  alumni_operating integer NOT NULL,
  synthetic integer NOT NULL,
  refreshed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (level, area_code, month)
);
CREATE INDEX network_area_stats_children_idx ON network_area_stats (level, parent_code, month);
