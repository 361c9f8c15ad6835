/**
 * When the members' harvest falls short, planning advises buying from another cooperative: this is
 * the directory of cooperatives near ours (from the network registry on this server) that may sell
 * the commodity, with the chair to call, and the step that makes one of them a supplier in our
 * books (a market partner of kind `cooperative`). The purchase itself lives in the produce module.
 */
import { partner, type PartnerInput } from '@kopdes/shared/market';
import { POSITION_LABELS } from '@kopdes/shared/network';
import { nearbyCooperativeList, nearbyCooperativesQuery, NEARNESS, supplierFromRegistryInput, type Nearness } from '@kopdes/shared/produce';
import type { Db } from '../db/client.js';
import { inTransaction } from '../db/transaction.js';
import { actorOf, coopOf } from '../http/middleware.js';
import { coopParams, coopRoute, jsonBody, jsonOf, type Api } from '../http/openapi.js';
import type { Actor } from '../lib/actor.js';
import { villageInfo } from '../lib/areas.js';
import { AppError, type Msg } from '../lib/errors.js';
import { getCooperative } from '../modules/cooperatives/cooperatives.service.js';
import {
  createPartner,
  freePartnerCode,
  getPartner,
  linkRegistryCooperative,
  partnerNamed,
  registryPartner,
} from '../modules/market/partners.service.js';
import { isKelurahan } from '../modules/network/areas.js';
import { commodityRows } from '../modules/produce/catalogue.service.js';
import { addDays, todayOf } from '../modules/produce/common.js';
import * as repo from './nearby-cooperatives.repository.js';

type Lang = 'id' | 'en';
/** "Has taken some in lately": an intake within the last 8 weeks, today included. */
const RECENT_WEEKS = 8;

const fieldRefusal = (kind: 'not_found' | 'unprocessable', field: string, code: string, message: Msg) =>
  new AppError(kind, code, message, [{ field, code, message }]);

export async function nearbyCooperatives(
  db: Db,
  cooperativeId: string,
  q: { commodityId?: string; within: Nearness; limit: number },
  lang: Lang,
) {
  const me = await getCooperative(db, cooperativeId);
  let commodityCode: string | undefined;
  if (q.commodityId) {
    const [c] = await commodityRows(db, cooperativeId, [q.commodityId]);
    // An id in the query that names nothing: 404, naming the parameter as query validation does.
    if (!c)
      throw fieldRefusal('not_found', 'query.commodityId', 'unknown_commodity', {
        id: 'Komoditas tidak ditemukan di koperasi ini',
        en: 'Commodity not found in this cooperative',
      });
    commodityCode = c.code;
  }
  const today = await todayOf(db, cooperativeId);
  const area = { cooperativeId, villageCode: me.villageCode, within: q.within };
  // Ranking needs every candidate's name and catalogue: rank only as far out as the page reaches
  // (a regency's few hundred, not the country's 80,000).
  const counts = (await repo.cumulativeCounts(db, area)).slice(0, NEARNESS.indexOf(q.within) + 1);
  const reach = counts.findIndex((n) => n >= q.limit);
  const total = counts.at(-1)!;
  const rows = total
    ? await repo.nearbyCooperatives(db, {
        ...area,
        within: NEARNESS[reach < 0 ? counts.length - 1 : reach]!,
        commodityCode,
        since: addDays(today, -(RECENT_WEEKS * 7 - 1)),
        limit: q.limit,
      })
    : [];
  return {
    items: rows.map((r) => {
      const v = villageInfo(r.village_code);
      return {
        registryCooperativeId: r.cooperative_id,
        name: r.name,
        villageCode: r.village_code,
        villageName: v?.name ?? null,
        districtName: v?.district.name ?? null,
        regencyName: v?.regency.name ?? null,
        provinceName: v?.province.name ?? null,
        nearness: NEARNESS[r.nearness]!,
        agribusiness: r.agribusiness,
        handlesCommodity: r.handles,
        contact: r.chair_name ? { name: r.chair_name, position: POSITION_LABELS.ketua[lang], phone: r.chair_phone } : null,
        partnerId: r.partner_id,
      };
    }),
    total,
  };
}

const NAME_MAX = 160; // a market partner's name

/** `KOP-` and the village's name in capitals: `KOP-PATENGAN`. */
function codeBase(villageName: string | undefined, registryId: string) {
  const letters = (villageName ?? '')
    .normalize('NFD')
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '');
  return `KOP-${(letters || registryId.slice(-8)).slice(0, 12)}`;
}

/** `Desa Patengan, Kec. Rancabali, Kabupaten Bandung` */
function addressOf(villageCode: string) {
  const v = villageInfo(villageCode);
  if (!v) return null;
  return `${isKelurahan(villageCode) ? 'Kel.' : 'Desa'} ${v.name}, Kec. ${v.district.name}, ${v.regency.name}`;
}

/**
 * Makes a registry cooperative a supplier: a market partner of kind `cooperative`, with the chair
 * as its contact, created through the partners service. The same registry cooperative always gives
 * the same partner: `created` is false when it already was one (or a partner of its name and kind,
 * entered by hand, is linked to it).
 */
export async function supplierFromRegistry(db: Db, actor: Actor, cooperativeId: string, registryCooperativeId: string) {
  if (registryCooperativeId === cooperativeId)
    throw fieldRefusal('unprocessable', 'registryCooperativeId', 'own_cooperative', {
      id: 'Ini koperasi Anda sendiri; pilih koperasi lain',
      en: 'This is your own cooperative; choose another one',
    });
  const reg = await repo.registryCooperative(db, registryCooperativeId);
  if (!reg || reg.synthetic)
    throw fieldRefusal('unprocessable', 'registryCooperativeId', 'unknown_registry_cooperative', {
      id: 'Koperasi tidak ditemukan di registri',
      en: 'Cooperative not found in the registry',
    });
  return inTransaction(db, async (tx) => {
    const existing = await registryPartner(tx, cooperativeId, registryCooperativeId, { lock: true });
    if (existing) return { partner: await getPartner(tx, cooperativeId, existing.id), created: false };
    const name = reg.name.slice(0, NAME_MAX).trim();
    const sameName = await partnerNamed(tx, cooperativeId, name);
    if (sameName) {
      if (sameName.kind === 'cooperative' && !sameName.registry_cooperative_id)
        return { partner: await linkRegistryCooperative(tx, cooperativeId, actor, sameName.id, registryCooperativeId), created: false };
      const message = {
        id: `Sudah ada mitra bernama ${sameName.name} (kode ${sameName.code}) yang bukan koperasi ini; ganti dulu namanya`,
        en: `A partner named ${sameName.name} (code ${sameName.code}) is not this cooperative; rename it first`,
      };
      throw new AppError('conflict', 'partner_name_taken', message, [
        { field: 'registryCooperativeId', code: 'partner_name_taken', message },
      ]);
    }
    const village = villageInfo(reg.village_code);
    const input: PartnerInput = {
      code: await freePartnerCode(tx, cooperativeId, codeBase(village?.name, reg.cooperative_id)),
      name,
      kind: 'cooperative',
      paymentTermsDays: 0,
      address: addressOf(reg.village_code),
      contacts: reg.chair_name
        ? [{ name: reg.chair_name.slice(0, NAME_MAX), role: POSITION_LABELS.ketua.id, phone: reg.chair_phone?.slice(0, 30) || null }]
        : [],
      notes: `Dari registri koperasi nasional (${reg.cooperative_id}), kode desa ${reg.village_code}.`,
      stores: [],
    };
    return { partner: await createPartner(tx, cooperativeId, actor, input, { registryCooperativeId }), created: true };
  });
}

export function registerNearbyCooperativeRoutes(api: Api) {
  api.openapi(
    coopRoute('produce.read', {
      method: 'get',
      path: '/api/coops/{coopId}/produce/nearby-cooperatives',
      tags: ['produce'],
      summary: 'Cooperatives near ours to buy from: nearest first, those that took the commodity in lately, with the chair to call',
      request: { params: coopParams, query: nearbyCooperativesQuery },
      responses: { 200: jsonOf(nearbyCooperativeList) },
    }),
    async (c) => c.json(await nearbyCooperatives(c.get('db'), coopOf(c).id, c.req.valid('query'), c.get('lang')), 200),
  );

  api.openapi(
    coopRoute(
      'market.write',
      {
        method: 'post',
        path: '/api/coops/{coopId}/market/partners/from-registry',
        tags: ['market'],
        summary: 'Make a cooperative of the registry a supplier (a partner of kind cooperative), or return the partner it already is',
        request: { params: coopParams, ...jsonBody(supplierFromRegistryInput) },
        responses: { 200: jsonOf(partner, 'Already a partner'), 201: jsonOf(partner, 'Created') },
      },
      { idempotent: true },
    ),
    async (c) => {
      const { registryCooperativeId } = c.req.valid('json');
      const r = await supplierFromRegistry(c.get('db'), actorOf(c), coopOf(c).id, registryCooperativeId);
      return r.created ? c.json(r.partner, 201) : c.json(r.partner, 200);
    },
  );
}
