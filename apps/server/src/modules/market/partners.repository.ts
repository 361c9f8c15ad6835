import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';

/** A text[] parameter (ids are prefixed ULIDs: no commas, quotes or braces). */
export const arr = (ids: readonly string[]) => `{${ids.join(',')}}`;

export type PartnerRow = {
  id: string;
  code: string;
  name: string;
  kind: string;
  npwp: string | null;
  member_id: string | null;
  payment_terms_days: number;
  address: string | null;
  contacts: { name: string; role?: string | null; phone?: string | null; email?: string | null }[];
  api_token_id: string | null;
  active: boolean;
  notes: string | null;
  registry_cooperative_id: string | null;
};

export type StoreRow = {
  id: string;
  partner_id: string;
  code: string | null;
  name: string;
  address: string;
  receiving_days: string;
  receiving_hours: string | null;
  contact_name: string | null;
  contact_phone: string | null;
  active: boolean;
};

const PARTNER_COLS = sql`id, code, name, kind, npwp, member_id, payment_terms_days, address, contacts, api_token_id, active, notes,
  registry_cooperative_id`;

export async function partners(
  db: Db,
  cooperativeId: string,
  f: {
    ids?: string[];
    kind?: string;
    q?: string;
    active?: boolean;
    apiTokenId?: string;
    registryCooperativeId?: string;
    name?: string;
  } = {},
) {
  const res = await db.execute<PartnerRow>(sql`
    SELECT ${PARTNER_COLS} FROM market_partners
    WHERE cooperative_id = ${cooperativeId}
      ${f.ids ? sql`AND id = ANY(${arr(f.ids)}::text[])` : sql``}
      ${f.kind ? sql`AND kind = ${f.kind}` : sql``}
      ${f.active !== undefined ? sql`AND active = ${f.active}` : sql``}
      ${f.apiTokenId ? sql`AND api_token_id = ${f.apiTokenId}` : sql``}
      ${f.registryCooperativeId ? sql`AND registry_cooperative_id = ${f.registryCooperativeId}` : sql``}
      ${f.name ? sql`AND lower(name) = lower(${f.name})` : sql``}
      ${f.q ? sql`AND (name ILIKE ${`%${f.q}%`} OR code ILIKE ${`%${f.q}%`})` : sql``}
    ORDER BY lower(name) LIMIT 1000`);
  return res.rows;
}

export async function stores(db: Db, cooperativeId: string, f: { partnerIds?: string[]; ids?: string[] }) {
  const res = await db.execute<StoreRow>(sql`
    SELECT id, partner_id, code, name, address, receiving_days, receiving_hours, contact_name, contact_phone, active
    FROM market_stores WHERE cooperative_id = ${cooperativeId}
      ${f.partnerIds ? sql`AND partner_id = ANY(${arr(f.partnerIds)}::text[])` : sql``}
      ${f.ids ? sql`AND id = ANY(${arr(f.ids)}::text[])` : sql``}
    ORDER BY lower(name)`);
  return res.rows;
}

export interface NewPartner {
  id: string;
  code: string;
  name: string;
  kind: string;
  npwp: string | null;
  memberId: string | null;
  paymentTermsDays: number;
  address: string | null;
  contacts: unknown[];
  apiTokenId: string | null;
  notes: string | null;
}

export async function insertPartner(db: Db, cooperativeId: string, p: NewPartner & { registryCooperativeId?: string | null }) {
  await db.execute(sql`
    INSERT INTO market_partners (cooperative_id, id, code, name, kind, npwp, member_id, payment_terms_days, address, contacts, api_token_id, notes,
      registry_cooperative_id)
    VALUES (${cooperativeId}, ${p.id}, ${p.code}, ${p.name}, ${p.kind}, ${p.npwp}, ${p.memberId}, ${p.paymentTermsDays}, ${p.address},
            ${JSON.stringify(p.contacts)}::jsonb, ${p.apiTokenId}, ${p.notes}, ${p.registryCooperativeId ?? null})`);
}

/** Marks an existing partner as the registry cooperative it is. */
export async function setRegistryCooperative(db: Db, cooperativeId: string, id: string, registryCooperativeId: string) {
  await db.execute(sql`
    UPDATE market_partners SET registry_cooperative_id = ${registryCooperativeId}, updated_at = now()
    WHERE cooperative_id = ${cooperativeId} AND id = ${id}`);
}

/** Serialises the making of one registry cooperative into a partner, until the transaction ends. */
export async function lockRegistryLink(db: Db, cooperativeId: string, registryCooperativeId: string) {
  await db.execute(
    sql`SELECT pg_advisory_xact_lock(hashtextextended(${`kopdes.market.registry_partner:${cooperativeId}:${registryCooperativeId}`}, 0))`,
  );
}

/** Which of these codes partners use. */
export async function takenCodes(db: Db, cooperativeId: string, codes: string[]) {
  const res = await db.execute<{ code: string }>(sql`
    SELECT code FROM market_partners WHERE cooperative_id = ${cooperativeId} AND code = ANY(${arr(codes)}::text[])`);
  return new Set(res.rows.map((r) => r.code));
}

export async function updatePartner(db: Db, cooperativeId: string, id: string, p: Omit<NewPartner, 'id'> & { active: boolean }) {
  await db.execute(sql`
    UPDATE market_partners SET code = ${p.code}, name = ${p.name}, kind = ${p.kind}, npwp = ${p.npwp}, member_id = ${p.memberId},
      payment_terms_days = ${p.paymentTermsDays}, address = ${p.address}, contacts = ${JSON.stringify(p.contacts)}::jsonb,
      api_token_id = ${p.apiTokenId}, notes = ${p.notes}, active = ${p.active}, updated_at = now()
    WHERE cooperative_id = ${cooperativeId} AND id = ${id}`);
}

export interface NewStore {
  id: string;
  partnerId: string;
  code: string | null;
  name: string;
  address: string;
  receivingDays: string;
  receivingHours: string | null;
  contactName: string | null;
  contactPhone: string | null;
  active: boolean;
}

export async function upsertStore(db: Db, cooperativeId: string, s: NewStore) {
  await db.execute(sql`
    INSERT INTO market_stores (cooperative_id, id, partner_id, code, name, address, receiving_days, receiving_hours, contact_name, contact_phone, active)
    VALUES (${cooperativeId}, ${s.id}, ${s.partnerId}, ${s.code}, ${s.name}, ${s.address}, ${s.receivingDays}, ${s.receivingHours},
            ${s.contactName}, ${s.contactPhone}, ${s.active})
    ON CONFLICT (cooperative_id, id) DO UPDATE SET code = EXCLUDED.code, name = EXCLUDED.name, address = EXCLUDED.address,
      receiving_days = EXCLUDED.receiving_days, receiving_hours = EXCLUDED.receiving_hours, contact_name = EXCLUDED.contact_name,
      contact_phone = EXCLUDED.contact_phone, active = EXCLUDED.active`);
}

// ── contracts ───────────────────────────────────────────────────────────────────────────────

export type ContractRow = {
  id: string;
  partner_id: string;
  reference: string;
  valid_from: string;
  valid_to: string;
  quality_tolerance: string;
  returns_policy: string;
  off_contract: 'warn' | 'refuse';
  volume_tolerance_pct: number;
  created_by_label: string;
};

export type ContractItemRow = {
  contract_id: string;
  line_no: number;
  article_code: string | null;
  commodity_id: string;
  grade: string;
  pack_format_id: string | null;
  price_basis: 'pack' | 'unit';
  price: bigint;
  volumes: string[];
};

export async function contracts(db: Db, cooperativeId: string, f: { partnerId?: string; ids?: string[]; on?: string }) {
  const res = await db.execute<ContractRow>(sql`
    SELECT id, partner_id, reference, valid_from, valid_to, quality_tolerance, returns_policy, off_contract, volume_tolerance_pct,
           created_by_label
    FROM market_contracts WHERE cooperative_id = ${cooperativeId}
      ${f.partnerId ? sql`AND partner_id = ${f.partnerId}` : sql``}
      ${f.ids ? sql`AND id = ANY(${arr(f.ids)}::text[])` : sql``}
      ${f.on ? sql`AND valid_from <= ${f.on} AND valid_to >= ${f.on}` : sql``}
    ORDER BY valid_from DESC, created_at DESC, id DESC`);
  return res.rows;
}

export async function contractItems(db: Db, cooperativeId: string, contractIds: string[]) {
  if (!contractIds.length) return [];
  const res = await db.execute<ContractItemRow>(sql`
    SELECT contract_id, line_no, article_code, commodity_id, grade, pack_format_id, price_basis, price, volumes
    FROM market_contract_items WHERE cooperative_id = ${cooperativeId} AND contract_id = ANY(${arr(contractIds)}::text[])
    ORDER BY contract_id, line_no`);
  return res.rows;
}

export async function insertContract(
  db: Db,
  cooperativeId: string,
  by: string,
  c: Omit<ContractRow, 'created_by_label'>,
  items: Omit<ContractItemRow, 'contract_id'>[],
) {
  await db.execute(sql`
    INSERT INTO market_contracts (cooperative_id, id, partner_id, reference, valid_from, valid_to, quality_tolerance, returns_policy,
      off_contract, volume_tolerance_pct, created_by_label)
    VALUES (${cooperativeId}, ${c.id}, ${c.partner_id}, ${c.reference}, ${c.valid_from}, ${c.valid_to}, ${c.quality_tolerance},
      ${c.returns_policy}, ${c.off_contract}, ${c.volume_tolerance_pct}, ${by})`);
  const json = JSON.stringify(items.map((i) => ({ ...i, price: i.price.toString() })));
  await db.execute(sql`
    INSERT INTO market_contract_items (cooperative_id, contract_id, line_no, article_code, commodity_id, grade, pack_format_id, price_basis,
      price, volumes)
    SELECT ${cooperativeId}, ${c.id}, x.line_no, x.article_code, x.commodity_id, x.grade, x.pack_format_id, x.price_basis, x.price, x.volumes
    FROM jsonb_to_recordset(${json}::jsonb) AS x(line_no integer, article_code text, commodity_id text, grade text, pack_format_id text,
      price_basis text, price bigint, volumes jsonb)`);
}
