/**
 * Buyers (mitra) of every kind with their stores, and their contracts with the price list, agreed
 * weekly volumes by delivery day, quality tolerance and returns policy.
 */
import {
  PARTNER_KIND_LABELS,
  type Contract,
  type ContractInput,
  type Partner,
  type PartnerInput,
  type PartnerKind,
  type PartnerUpdate,
  type StoreInput,
} from '@kopdes/shared/market';
import type { Grade } from '@kopdes/shared/produce';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../lib/actor.js';
import { AppError, notFound, type FieldError } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { recordAudit } from '../audit/audit.service.js';
import { listApiTokens } from '../auth/users.service.js';
import { memberRef } from '../members/members.service.js';
import { commodityRows, type CommodityRow } from '../produce/catalogue.service.js';
import { field, pgConstraintOf, refuse, unusable } from '../produce/common.js';
import { inTransaction } from '../../db/transaction.js';
import * as repo from './partners.repository.js';
import { oq, orderUnitOf, parseOrderQuantity } from './quantities.js';

export type { PartnerRow, StoreRow, ContractRow, ContractItemRow } from './partners.repository.js';

const partnerNotFound = () => notFound({ id: 'Mitra tidak ditemukan', en: 'Partner not found' });
const storeNotFound = () => notFound({ id: 'Toko tidak ditemukan', en: 'Store not found' });

export function presentStore(s: repo.StoreRow) {
  return {
    id: s.id,
    partnerId: s.partner_id,
    code: s.code,
    name: s.name,
    address: s.address,
    receivingDays: [...s.receiving_days].map(Number),
    receivingHours: s.receiving_hours,
    contactName: s.contact_name,
    contactPhone: s.contact_phone,
    active: s.active,
  };
}

export function presentPartner(p: repo.PartnerRow, stores: repo.StoreRow[]): Partner {
  return {
    id: p.id,
    code: p.code,
    name: p.name,
    kind: p.kind as PartnerKind,
    kindLabel: PARTNER_KIND_LABELS[p.kind as PartnerKind].id,
    npwp: p.npwp,
    memberId: p.member_id,
    isMember: p.member_id !== null,
    paymentTermsDays: p.payment_terms_days,
    address: p.address,
    contacts: p.contacts,
    apiTokenId: p.api_token_id,
    active: p.active,
    notes: p.notes,
    registryCooperativeId: p.registry_cooperative_id,
    stores: stores.filter((s) => s.partner_id === p.id).map(presentStore),
  };
}

export async function listPartners(db: Db, cooperativeId: string, q: { kind?: PartnerKind; q?: string; active: 'true' | 'false' | 'all' }) {
  const rows = await repo.partners(db, cooperativeId, {
    kind: q.kind,
    q: q.q,
    active: q.active === 'all' ? undefined : q.active === 'true',
  });
  const stores = rows.length ? await repo.stores(db, cooperativeId, { partnerIds: rows.map((r) => r.id) }) : [];
  return { items: rows.map((r) => presentPartner(r, stores)) };
}

/** A partner's row; unknown in the URL is 404, in a request body a 422 naming `at`. */
export async function partnerRow(db: Db, cooperativeId: string, id: string, at?: string) {
  const [p] = await repo.partners(db, cooperativeId, { ids: [id] });
  if (!p) {
    if (at) throw unusable(at, 'unknown_partner', { id: 'Mitra tidak ditemukan', en: 'Partner not found' });
    throw partnerNotFound();
  }
  return p;
}

export async function partnerOfToken(db: Db, cooperativeId: string, tokenId: string) {
  const [p] = await repo.partners(db, cooperativeId, { apiTokenId: tokenId });
  return p;
}

export async function storeRows(db: Db, cooperativeId: string, f: { partnerIds?: string[]; ids?: string[] }) {
  return repo.stores(db, cooperativeId, f);
}

export async function getPartner(db: Db, cooperativeId: string, id: string) {
  const p = await partnerRow(db, cooperativeId, id);
  return presentPartner(p, await repo.stores(db, cooperativeId, { partnerIds: [id] }));
}

async function checkRefs(db: Db, cooperativeId: string, input: { memberId?: string | null; apiTokenId?: string | null }) {
  if (input.memberId) await memberRef(db, cooperativeId, input.memberId, { inBody: true, field: 'memberId' });
  if (input.apiTokenId) {
    const t = (await listApiTokens(db, cooperativeId)).find((x) => x.id === input.apiTokenId);
    if (!t || t.revokedAt)
      throw unusable('apiTokenId', 'unknown_token', {
        id: 'Token API tidak ditemukan atau sudah dicabut',
        en: 'API token not found or revoked',
      });
  }
}

/** Unique code, name, store name/code and token link: a clash is a 409 naming the field. */
function clash(e: unknown, at = ''): never {
  const c = pgConstraintOf(e);
  const map: Record<string, [string, { id: string; en: string }]> = {
    market_partners_code_uq: ['code', { id: 'Kode mitra sudah dipakai', en: 'Partner code already used' }],
    market_partners_name_uq: ['name', { id: 'Nama mitra sudah dipakai', en: 'Partner name already used' }],
    market_partners_token_uq: ['apiTokenId', { id: 'Token ini sudah dipakai mitra lain', en: 'This token belongs to another partner' }],
    market_partners_registry_uq: [
      'registryCooperativeId',
      { id: 'Koperasi ini sudah menjadi mitra', en: 'This cooperative is already a partner' },
    ],
    market_stores_code_uq: ['code', { id: 'Kode toko sudah dipakai mitra ini', en: 'Store code already used by this partner' }],
    market_stores_name_uq: ['name', { id: 'Nama toko sudah dipakai mitra ini', en: 'Store name already used by this partner' }],
  };
  const hit = c ? map[c] : undefined;
  if (!hit) throw e;
  const f = at ? `${at}.${hit[0]}` : hit[0];
  throw new AppError('conflict', 'duplicate', hit[1], [field(f, 'duplicate', hit[1])]);
}

const newStore = (partnerId: string, s: StoreInput, id = newId('tko'), active = true): repo.NewStore => ({
  id,
  partnerId,
  code: s.code ?? null,
  name: s.name,
  address: s.address,
  receivingDays: [...new Set(s.receivingDays ?? [1, 2, 3, 4, 5, 6, 7])].sort().join(''),
  receivingHours: s.receivingHours ?? null,
  contactName: s.contactName ?? null,
  contactPhone: s.contactPhone ?? null,
  active,
});

/**
 * A new partner with its stores. `link.registryCooperativeId` marks it as that cooperative of the
 * national registry (set by the registry workflow, never by the partner form).
 */
export async function createPartner(
  db: Db,
  cooperativeId: string,
  actor: Actor,
  input: PartnerInput,
  link: { registryCooperativeId?: string } = {},
) {
  await checkRefs(db, cooperativeId, input);
  const id = newId('mtr');
  await inTransaction(db, async (tx) => {
    try {
      await repo.insertPartner(tx, cooperativeId, {
        registryCooperativeId: link.registryCooperativeId ?? null,
        id,
        code: input.code,
        name: input.name,
        kind: input.kind,
        npwp: input.npwp ?? null,
        memberId: input.memberId ?? null,
        paymentTermsDays: input.paymentTermsDays,
        address: input.address ?? null,
        contacts: input.contacts,
        apiTokenId: input.apiTokenId ?? null,
        notes: input.notes ?? null,
      });
    } catch (e) {
      clash(e);
    }
    for (const [i, s] of input.stores.entries()) {
      try {
        await repo.upsertStore(tx, cooperativeId, newStore(id, s));
      } catch (e) {
        clash(e, `stores.${i}`);
      }
    }
    await recordAudit(tx, cooperativeId, actor, {
      action: 'market.partner.create',
      entityType: 'market_partner',
      entityId: id,
      changes: link.registryCooperativeId ? { ...input, registryCooperativeId: link.registryCooperativeId } : input,
    });
  });
  return getPartner(db, cooperativeId, id);
}

/**
 * The partner that registry cooperative already is, if any. With `lock`, first takes a lock (held
 * until the caller's transaction ends) so that two requests making the same cooperative a partner
 * run one after the other and the second finds the first's partner.
 */
export async function registryPartner(db: Db, cooperativeId: string, registryCooperativeId: string, opts: { lock?: boolean } = {}) {
  if (opts.lock) await repo.lockRegistryLink(db, cooperativeId, registryCooperativeId);
  const [p] = await repo.partners(db, cooperativeId, { registryCooperativeId });
  return p;
}

/** The partner of that name (case aside), whatever its state. */
export async function partnerNamed(db: Db, cooperativeId: string, name: string) {
  const [p] = await repo.partners(db, cooperativeId, { name });
  return p;
}

/**
 * `base` if no partner uses it as its code, else `base-2`, `base-3`, … (the base shortened to keep
 * within 16 characters). `base` must itself be a valid code.
 */
export async function freePartnerCode(db: Db, cooperativeId: string, base: string) {
  const variant = (n: number) => (n === 1 ? base : `${base.slice(0, 16 - `-${n}`.length).replace(/-+$/, '')}-${n}`);
  for (let from = 1; ; from += 50) {
    const candidates = Array.from({ length: 50 }, (_, i) => variant(from + i));
    const taken = await repo.takenCodes(db, cooperativeId, candidates);
    const free = candidates.find((c) => !taken.has(c));
    if (free) return free;
  }
}

/** Marks a partner as the registry cooperative it is (one entered by hand before the registry was used). */
export async function linkRegistryCooperative(db: Db, cooperativeId: string, actor: Actor, id: string, registryCooperativeId: string) {
  await inTransaction(db, async (tx) => {
    try {
      await repo.setRegistryCooperative(tx, cooperativeId, id, registryCooperativeId);
    } catch (e) {
      clash(e);
    }
    await recordAudit(tx, cooperativeId, actor, {
      action: 'market.partner.link_registry',
      entityType: 'market_partner',
      entityId: id,
      changes: { registryCooperativeId },
    });
  });
  return getPartner(db, cooperativeId, id);
}

export async function updatePartner(db: Db, cooperativeId: string, actor: Actor, id: string, input: PartnerUpdate) {
  const p = await partnerRow(db, cooperativeId, id);
  await checkRefs(db, cooperativeId, input);
  await inTransaction(db, async (tx) => {
    try {
      await repo.updatePartner(tx, cooperativeId, id, {
        code: input.code ?? p.code,
        name: input.name ?? p.name,
        kind: input.kind ?? p.kind,
        npwp: input.npwp !== undefined ? input.npwp : p.npwp,
        memberId: input.memberId !== undefined ? input.memberId : p.member_id,
        paymentTermsDays: input.paymentTermsDays ?? p.payment_terms_days,
        address: input.address !== undefined ? input.address : p.address,
        contacts: input.contacts ?? p.contacts,
        apiTokenId: input.apiTokenId !== undefined ? input.apiTokenId : p.api_token_id,
        notes: input.notes !== undefined ? input.notes : p.notes,
        active: input.active ?? p.active,
      });
    } catch (e) {
      clash(e);
    }
    await recordAudit(tx, cooperativeId, actor, {
      action: 'market.partner.update',
      entityType: 'market_partner',
      entityId: id,
      changes: input,
    });
  });
  return getPartner(db, cooperativeId, id);
}

export async function addStore(db: Db, cooperativeId: string, actor: Actor, partnerId: string, input: StoreInput) {
  await partnerRow(db, cooperativeId, partnerId);
  const s = newStore(partnerId, input);
  await inTransaction(db, async (tx) => {
    try {
      await repo.upsertStore(tx, cooperativeId, s);
    } catch (e) {
      clash(e);
    }
    await recordAudit(tx, cooperativeId, actor, {
      action: 'market.store.create',
      entityType: 'market_store',
      entityId: s.id,
      changes: input,
    });
  });
  return getPartner(db, cooperativeId, partnerId);
}

export async function updateStore(
  db: Db,
  cooperativeId: string,
  actor: Actor,
  storeId: string,
  input: Partial<StoreInput> & { active?: boolean },
) {
  const [cur] = await repo.stores(db, cooperativeId, { ids: [storeId] });
  if (!cur) throw storeNotFound();
  const now = presentStore(cur);
  const merged: StoreInput = {
    code: input.code !== undefined ? input.code : now.code,
    name: input.name ?? now.name,
    address: input.address ?? now.address,
    receivingDays: input.receivingDays ?? now.receivingDays,
    receivingHours: input.receivingHours !== undefined ? input.receivingHours : now.receivingHours,
    contactName: input.contactName !== undefined ? input.contactName : now.contactName,
    contactPhone: input.contactPhone !== undefined ? input.contactPhone : now.contactPhone,
  };
  await inTransaction(db, async (tx) => {
    try {
      await repo.upsertStore(tx, cooperativeId, newStore(cur.partner_id, merged, storeId, input.active ?? cur.active));
    } catch (e) {
      clash(e);
    }
    await recordAudit(tx, cooperativeId, actor, {
      action: 'market.store.update',
      entityType: 'market_store',
      entityId: storeId,
      changes: input,
    });
  });
  return getPartner(db, cooperativeId, cur.partner_id);
}

// ── contracts ───────────────────────────────────────────────────────────────────────────────

export function presentContract(c: repo.ContractRow, items: repo.ContractItemRow[], commodities: CommodityRow[]): Contract {
  return {
    id: c.id,
    partnerId: c.partner_id,
    reference: c.reference,
    validFrom: c.valid_from,
    validTo: c.valid_to,
    qualityTolerance: c.quality_tolerance,
    returnsPolicy: c.returns_policy,
    offContract: c.off_contract,
    volumeTolerancePct: c.volume_tolerance_pct,
    createdBy: c.created_by_label,
    items: items
      .filter((i) => i.contract_id === c.id)
      .map((i) => {
        const com = commodities.find((x) => x.id === i.commodity_id)!;
        const pf = i.pack_format_id ? com.pack_formats.find((p) => p.id === i.pack_format_id) : undefined;
        const unit = orderUnitOf(i.price_basis, com.unit);
        const volumes = i.volumes.map((v) => BigInt(v));
        return {
          lineNo: i.line_no,
          articleCode: i.article_code,
          commodity: { id: com.id, code: com.code, name: com.name, unit: com.unit },
          grade: i.grade as Grade,
          packFormat: pf ? { id: pf.id, name: pf.name, content: pf.content } : null,
          priceBasis: i.price_basis,
          price: i.price.toString(),
          volumes: volumes.map((v) => oq(v, unit)),
          weeklyVolume: oq(
            volumes.reduce((s, v) => s + v, 0n),
            unit,
          ),
        };
      }),
  };
}

export async function contractsOf(db: Db, cooperativeId: string, f: { partnerId?: string; ids?: string[]; on?: string }) {
  const rows = await repo.contracts(db, cooperativeId, f);
  const items = await repo.contractItems(
    db,
    cooperativeId,
    rows.map((r) => r.id),
  );
  const commodities = items.length ? await commodityRows(db, cooperativeId, [...new Set(items.map((i) => i.commodity_id))]) : [];
  return rows.map((r) => presentContract(r, items, commodities));
}

export async function listContracts(db: Db, cooperativeId: string, partnerId: string) {
  await partnerRow(db, cooperativeId, partnerId);
  return { items: await contractsOf(db, cooperativeId, { partnerId }) };
}

export async function getContract(db: Db, cooperativeId: string, id: string) {
  const [c] = await contractsOf(db, cooperativeId, { ids: [id] });
  if (!c) throw notFound({ id: 'Kontrak tidak ditemukan', en: 'Contract not found' });
  return c;
}

/** A contract is checked item by item: the commodity, its grade and pack format, and the volumes in the item's units. */
export async function createContract(db: Db, cooperativeId: string, actor: Actor, partnerId: string, input: ContractInput) {
  await partnerRow(db, cooperativeId, partnerId);
  const commodities = await commodityRows(db, cooperativeId, [...new Set(input.items.map((i) => i.commodityId))]);
  const fields: FieldError[] = [];
  const seen = new Map<string, number>();
  const articles = new Set<string>();
  const items: Omit<repo.ContractItemRow, 'contract_id'>[] = [];
  input.items.forEach((it, i) => {
    const at = `items.${i}`;
    const com = commodities.find((c) => c.id === it.commodityId);
    if (!com) {
      fields.push(field(`${at}.commodityId`, 'unknown_commodity', { id: 'Komoditas tidak ditemukan', en: 'Commodity not found' }));
      return;
    }
    if (!com.grades.some((g) => g.grade === it.grade)) {
      fields.push(
        field(`${at}.grade`, 'unknown_grade', {
          id: `${com.name} tidak punya ${it.grade === 'reject' ? 'grade afkir' : `grade ${it.grade}`}`,
          en: `${com.name} has no grade ${it.grade}`,
        }),
      );
      return;
    }
    const pf = it.packFormatId ? com.pack_formats.find((p) => p.id === it.packFormatId) : undefined;
    if (it.packFormatId && !pf) {
      fields.push(
        field(`${at}.packFormatId`, 'unknown_pack_format', {
          id: `Format kemasan tidak ditemukan untuk ${com.name}`,
          en: `Pack format not found for ${com.name}`,
        }),
      );
      return;
    }
    const key = `${it.commodityId}|${it.grade}|${it.packFormatId ?? ''}`;
    if (seen.has(key)) {
      fields.push(
        field(`${at}.commodityId`, 'duplicate_item', {
          id: `Barang yang sama sudah ada di baris ${seen.get(key)! + 1}`,
          en: `The same item is on line ${seen.get(key)! + 1}`,
        }),
      );
      return;
    }
    seen.set(key, i);
    if (it.articleCode) {
      if (articles.has(it.articleCode)) {
        fields.push(
          field(`${at}.articleCode`, 'duplicate_article', { id: 'Kode artikel dipakai dua kali', en: 'Article code used twice' }),
        );
        return;
      }
      articles.add(it.articleCode);
    }
    const basis = pf ? 'pack' : 'unit';
    const unit = orderUnitOf(basis, com.unit);
    const volumes: string[] = [];
    for (const [d, v] of it.volumes.entries()) {
      try {
        volumes.push(parseOrderQuantity(`${at}.volumes.${d}`, v, unit, { allowZero: true }).toString());
      } catch (e) {
        if (e instanceof AppError) fields.push(...e.fields);
        else throw e;
      }
    }
    items.push({
      line_no: i + 1,
      article_code: it.articleCode ?? null,
      commodity_id: com.id,
      grade: it.grade,
      pack_format_id: pf?.id ?? null,
      price_basis: basis,
      price: BigInt(it.price),
      volumes,
    });
  });
  if (fields.some((f) => f.code === 'unknown_commodity' || f.code === 'unknown_pack_format' || f.code === 'unknown_grade'))
    throw refuse(fields, 'unprocessable');
  if (fields.length) throw refuse(fields);
  const id = newId('ktr');
  await inTransaction(db, async (tx) => {
    await repo.insertContract(
      tx,
      cooperativeId,
      actor.label,
      {
        id,
        partner_id: partnerId,
        reference: input.reference,
        valid_from: input.validFrom,
        valid_to: input.validTo,
        quality_tolerance: input.qualityTolerance,
        returns_policy: input.returnsPolicy,
        off_contract: input.offContract,
        volume_tolerance_pct: input.volumeTolerancePct,
      },
      items,
    );
    await recordAudit(tx, cooperativeId, actor, {
      action: 'market.contract.create',
      entityType: 'market_contract',
      entityId: id,
      changes: input,
    });
  });
  return getContract(db, cooperativeId, id);
}
