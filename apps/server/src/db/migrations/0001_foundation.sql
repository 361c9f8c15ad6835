-- Foundation: cooperatives (the tenants), users and their roles, sessions, API tokens, audit,
-- idempotency keys and gap-free document numbers.

CREATE FUNCTION kopdes_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'table % is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'restrict_violation';
END $$;

CREATE TABLE cooperatives (
  id text PRIMARY KEY,
  name text NOT NULL CHECK (length(btrim(name)) BETWEEN 3 AND 200),
  legal_entity_number text,
  village_code text NOT NULL CHECK (village_code ~ '^\d{2}\.\d{2}\.\d{2}\.\d{4}$'),
  time_zone text NOT NULL CHECK (time_zone IN ('Asia/Jakarta', 'Asia/Pontianak', 'Asia/Makassar', 'Asia/Jayapura')),
  address text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX cooperatives_village_idx ON cooperatives (village_code);

CREATE TABLE users (
  id text PRIMARY KEY,
  email text UNIQUE CHECK (email = lower(email)),
  phone text UNIQUE CHECK (phone ~ '^\+62\d{8,13}$'),
  full_name text NOT NULL,
  password_hash text NOT NULL,
  platform_role text CHECK (platform_role IN ('admin')),
  locale text NOT NULL DEFAULT 'id' CHECK (locale IN ('id', 'en')),
  disabled_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (email IS NOT NULL OR phone IS NOT NULL)
);

CREATE TABLE cooperative_roles (
  cooperative_id text NOT NULL REFERENCES cooperatives (id),
  user_id text NOT NULL REFERENCES users (id),
  role text NOT NULL CHECK (role IN ('ketua', 'pengurus', 'bendahara', 'pengawas', 'petugas', 'anggota')),
  granted_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cooperative_id, user_id, role)
);
CREATE INDEX cooperative_roles_user_idx ON cooperative_roles (user_id);

CREATE TABLE sessions (
  id text PRIMARY KEY, -- sha256 of the cookie secret
  user_id text NOT NULL REFERENCES users (id),
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz,
  ip text,
  user_agent text
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

CREATE TABLE auth_throttle (
  key text PRIMARY KEY, -- 'acct:<identifier>' or 'ip:<address>'
  failures integer NOT NULL,
  window_start timestamptz NOT NULL,
  blocked_until timestamptz
);

CREATE TABLE api_tokens (
  cooperative_id text NOT NULL REFERENCES cooperatives (id),
  id text NOT NULL,
  name text NOT NULL,
  token_hash text NOT NULL UNIQUE,
  scopes text[] NOT NULL,
  created_by text NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz,
  revoked_at timestamptz,
  last_used_at timestamptz,
  PRIMARY KEY (cooperative_id, id)
);

CREATE TABLE audit_log (
  cooperative_id text NOT NULL REFERENCES cooperatives (id),
  id text NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  actor_id text,
  actor_label text NOT NULL,
  action text NOT NULL,
  entity_type text NOT NULL,
  entity_id text,
  changes jsonb,
  request_id text,
  PRIMARY KEY (cooperative_id, id)
);
CREATE INDEX audit_log_at_idx ON audit_log (cooperative_id, at DESC);
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION kopdes_append_only();

CREATE TABLE platform_audit_log (
  id text PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  actor_id text,
  actor_label text NOT NULL,
  action text NOT NULL,
  entity_type text NOT NULL,
  entity_id text,
  changes jsonb,
  request_id text
);
CREATE TRIGGER platform_audit_log_append_only BEFORE UPDATE OR DELETE ON platform_audit_log
  FOR EACH ROW EXECUTE FUNCTION kopdes_append_only();

-- One row per (principal, key); written in the same transaction as the operation it guards.
CREATE TABLE idempotency_keys (
  principal text NOT NULL,
  key text NOT NULL,
  method text NOT NULL,
  path text NOT NULL,
  request_hash text NOT NULL,
  status integer,
  content_type text,
  body text,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (principal, key)
);
CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at);

-- Gap-free numbers (journal, invoice, member number): taken inside the transaction that uses them.
CREATE TABLE number_sequences (
  cooperative_id text NOT NULL REFERENCES cooperatives (id),
  series text NOT NULL,
  last_value bigint NOT NULL,
  PRIMARY KEY (cooperative_id, series)
);
