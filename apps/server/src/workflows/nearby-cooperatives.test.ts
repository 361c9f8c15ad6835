// The directory of cooperatives near ours to buy from (the network registry on this server), and
// making one a supplier: nearness by the villages' codes, those that took the commodity in lately
// first, the chair to call, the partner it already is; one registry cooperative is one partner.
import type { OfficersInput } from '@kopdes/shared/network';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { signIn, testApp, type Client } from '../../test/support/app.js';
import { makeCoop, makeUser } from '../../test/support/factories.js';
import { goodBoard } from '../../test/support/network.js';
import { databaseDigest } from '../../test/support/routes.js';
import { SYSTEM_ACTOR } from '../lib/actor.js';
import { makePartner } from '../modules/market/tests/factories.js';
import { declareOfficers, ensureRegistered, registerCooperative } from '../modules/network/registry.service.js';
import { updateCommodity } from '../modules/produce/catalogue.service.js';
import { addDays, todayOf } from '../modules/produce/common.js';
import { voidIntake } from '../modules/produce/intake.service.js';
import { makeIntake, produceSetup } from '../modules/produce/tests/factories.js';

const t = await testApp();
let coopId: string;
let board: Client;
let supervisor: Client;
let tomatoId: string;
let today: string;
let nearby: string;
let fromRegistry: string;
const NAMES = {
  patengan: 'Koperasi Desa Merah Putih Patengan',
  sukaresmi: 'Koperasi Desa Merah Putih Sukaresmi',
  cipelah: 'Koperasi Desa Merah Putih Cipelah',
  indragiri: 'Koperasi Desa Merah Putih Indragiri',
  sangkanhurip: 'Koperasi Desa Merah Putih Sangkanhurip',
  sukarasa: 'Koperasi Kelurahan Merah Putih Sukarasa',
  tambakreja: 'Koperasi Desa Merah Putih Tambakreja',
  synthetic: 'KDMP Sangkanhurip Sintetis',
};
/** Registry ids of the cooperatives above. */
const id = {} as Record<keyof typeof NAMES, string>;

async function register(name: string, villageCode: string, agribusiness: boolean) {
  const entry = await registerCooperative(
    t.db,
    SYSTEM_ACTOR,
    {
      cooperative: { name, villageCode, timeZone: 'Asia/Jakarta' },
      profile: { formationModel: 'new', businessUnits: agribusiness ? ['gerai_sembako', 'agribisnis'] : ['gerai_sembako'] },
    },
    today,
  );
  return entry.cooperative.id;
}

/** A good board whose chair has a name and phone of our choosing. */
function boardChairedBy(fullName: string, phone: string | null): OfficersInput {
  const b = goodBoard(fullName.split(' ')[0]);
  return { ...b, officers: b.officers.map((o) => (o.position === 'ketua' ? { ...o, fullName, phone } : o)) };
}

beforeAll(async () => {
  coopId = (await makeCoop(t.db, { name: 'Koperasi Desa Merah Putih Alamendah Uji', villageCode: '32.04.40.2005' })).id;
  today = await todayOf(t.db, coopId);
  await ensureRegistered(t.db, coopId); // the asking cooperative is in the registry too, and never its own neighbour
  nearby = `/api/coops/${coopId}/produce/nearby-cooperatives`;
  fromRegistry = `/api/coops/${coopId}/market/partners/from-registry`;
  const [u, p] = [await makeUser(t.db, coopId, ['pengurus']), await makeUser(t.db, coopId, ['pengawas'])];
  [board, supervisor] = await Promise.all([signIn(t.app, u.email, u.password), signIn(t.app, p.email, p.password)]);
  tomatoId = (await produceSetup(t.db, coopId)).tomatoId;

  // Same district (Rancabali, 32.04.40): Patengan takes tomato in; Sukaresmi and Cipelah keep it in
  // their catalogue without a recent intake that counts; Indragiri has no agribusiness unit.
  id.patengan = await register(NAMES.patengan, '32.04.40.2001', true);
  id.sukaresmi = await register(NAMES.sukaresmi, '32.04.40.2002', true);
  id.cipelah = await register(NAMES.cipelah, '32.04.40.2004', true);
  id.indragiri = await register(NAMES.indragiri, '32.04.40.2003', false);
  // Same regency (Kabupaten Bandung, another district), same province (Kota Bandung), another province.
  id.sangkanhurip = await register(NAMES.sangkanhurip, '32.04.11.2001', false);
  id.sukarasa = await register(NAMES.sukarasa, '32.73.01.1001', true);
  id.tambakreja = await register(NAMES.tambakreja, '33.01.01.2001', true);
  id.synthetic = await register(NAMES.synthetic, '32.04.11.2002', true);
  await t.db.execute(sql`UPDATE network_profiles SET synthetic = true WHERE cooperative_id = ${id.synthetic}`);

  // Patengan's chair changed: the directory shows the current one.
  await declareOfficers(t.db, SYSTEM_ACTOR, id.patengan, boardChairedBy('Asep Lama', '0812-1111-2222'), today);
  await declareOfficers(t.db, SYSTEM_ACTOR, id.patengan, boardChairedBy('Dadan Sutisna', '0812-2233-4455'), today);
  await declareOfficers(t.db, SYSTEM_ACTOR, id.sukaresmi, boardChairedBy('Euis Rahmawati', null), today);

  const recent = addDays(today, -7);
  await makeIntake(t.db, id.patengan, { date: recent, harvestDate: recent });
  // Sukaresmi: an intake 10 weeks ago, and a recent one voided.
  await makeIntake(t.db, id.sukaresmi, { date: addDays(today, -70), harvestDate: addDays(today, -70) });
  const voided = await makeIntake(t.db, id.sukaresmi, { date: recent, harvestDate: recent });
  await voidIntake(t.db, id.sukaresmi, SYSTEM_ACTOR, voided.id, { reason: 'Salah pilih petani' });
  // Cipelah: a recent intake, but tomato is no longer in its active catalogue.
  const cipelah = await produceSetup(t.db, id.cipelah);
  await makeIntake(t.db, id.cipelah, { date: recent, harvestDate: recent });
  await updateCommodity(t.db, id.cipelah, SYSTEM_ACTOR, cipelah.tomatoId, { active: false });
}, 120_000);

const names = (items: { name: string }[]) => items.map((i) => i.name);

describe('cooperatives nearby', () => {
  it('ranks by nearness, then those that took the commodity in lately, then agribusiness, then name', async () => {
    const res = await board.get(`${nearby}?commodityId=${tomatoId}&within=country`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(names(res.body.items)).toEqual([
      NAMES.patengan, // handles tomato, though Cipelah comes first by name
      NAMES.cipelah,
      NAMES.sukaresmi, // agribusiness before Indragiri, though after it by name
      NAMES.indragiri,
      NAMES.sangkanhurip,
      NAMES.sukarasa,
      NAMES.tambakreja,
    ]);
    expect(res.body.total).toBe(7);
    const items = res.body.items as Record<string, unknown>[];
    expect(items.map((i) => i.nearness)).toEqual(['district', 'district', 'district', 'district', 'regency', 'province', 'country']);
    expect(items.map((i) => i.handlesCommodity)).toEqual([true, false, false, false, false, false, false]);
    expect(items.map((i) => i.agribusiness)).toEqual([true, true, true, false, false, true, true]);
    expect(items[0]).toEqual({
      registryCooperativeId: id.patengan,
      name: NAMES.patengan,
      villageCode: '32.04.40.2001',
      villageName: 'Patengan',
      districtName: 'Rancabali',
      regencyName: 'Kabupaten Bandung',
      provinceName: 'Jawa Barat',
      nearness: 'district',
      agribusiness: true,
      handlesCommodity: true,
      contact: { name: 'Dadan Sutisna', position: 'Ketua', phone: '0812-2233-4455' },
      partnerId: null,
    });
    expect(items[5]).toMatchObject({ villageName: 'Sukarasa', regencyName: 'Kota Bandung', contact: null });
    expect(items[6]).toMatchObject({ provinceName: 'Jawa Tengah' });
    // The chair without a phone is still someone to call.
    expect(items[2]!.contact).toEqual({ name: 'Euis Rahmawati', position: 'Ketua', phone: null });
    const en = await board.get(`${nearby}?commodityId=${tomatoId}&within=district`, { 'accept-language': 'en' });
    expect(en.body.items[0].contact.position).toBe('Chair');
  });

  it('keeps within the asked reach (the province by default), counts every match and cuts at the limit', async () => {
    const within = async (q: string) => (await board.get(`${nearby}${q}`)).body;
    expect((await within('?within=district')).total).toBe(4);
    expect((await within('?within=regency')).total).toBe(5);
    const province = await within('');
    expect(province.total).toBe(6);
    expect(names(province.items)).not.toContain(NAMES.tambakreja);
    const two = await within('?limit=2');
    expect(two.total).toBe(6);
    expect(names(two.items)).toEqual([NAMES.cipelah, NAMES.patengan]); // no commodity asked: agribusiness, then name
    // A page the nearer cooperatives fill ranks only those; one that reaches further ranks further.
    const five = await within(`?commodityId=${tomatoId}&within=country&limit=5`);
    expect(five.total).toBe(7);
    expect(names(five.items)).toEqual([NAMES.patengan, NAMES.cipelah, NAMES.sukaresmi, NAMES.indragiri, NAMES.sangkanhurip]);
    const six = await within(`?commodityId=${tomatoId}&within=country&limit=6`);
    expect(names(six.items).at(-1)).toBe(NAMES.sukarasa);
  });

  it('never lists the asking cooperative itself nor synthetic registry entries', async () => {
    const all = (await board.get(`${nearby}?within=country&limit=100`)).body;
    const ids = all.items.map((i: { registryCooperativeId: string }) => i.registryCooperativeId);
    expect(ids).not.toContain(coopId);
    expect(ids).not.toContain(id.synthetic);
    expect(all.total).toBe(7);
  });

  it('says nothing about the commodity when none is asked, and only a yes or no when one is', async () => {
    const plain = (await board.get(`${nearby}?within=country`)).body;
    expect(plain.items.every((i: { handlesCommodity: unknown }) => i.handlesCommodity === null)).toBe(true);
    const asked = (await board.get(`${nearby}?within=country&commodityId=${tomatoId}`)).body;
    // No volumes, prices or dates of other cooperatives' books: exactly the directory's fields.
    for (const item of asked.items)
      expect(Object.keys(item).sort()).toEqual(
        [
          'agribusiness',
          'contact',
          'districtName',
          'handlesCommodity',
          'name',
          'nearness',
          'partnerId',
          'provinceName',
          'regencyName',
          'registryCooperativeId',
          'villageCode',
          'villageName',
        ].sort(),
      );
  });

  it('refuses a commodity that is not ours (404 naming it), and a malformed query (400)', async () => {
    const unknown = await board.get(`${nearby}?commodityId=kom_01JAAAAAAAAAAAAAAAAAAAAAAA`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.errors[0]).toMatchObject({
      field: 'query.commodityId',
      code: 'unknown_commodity',
      message: 'Komoditas tidak ditemukan di koperasi ini',
    });
    // Another cooperative's commodity is not ours either.
    const theirs = (await produceSetup(t.db, id.patengan)).tomatoId;
    const other = await board.get(`${nearby}?commodityId=${theirs}`, { 'accept-language': 'en' });
    expect(other.status).toBe(404);
    expect(other.body.errors[0].message).toBe('Commodity not found in this cooperative');
    const within = await board.get(`${nearby}?within=planet`);
    expect(within.status).toBe(400);
    expect(within.body.errors[0].field).toBe('query.within');
    expect((await board.get(`${nearby}?limit=101`)).status).toBe(400);
  });
});

describe('a registry cooperative as a supplier', () => {
  it('creates a partner of kind cooperative with the chair as contact (201), the same one again after (200)', async () => {
    const first = await board.post(fromRegistry, { registryCooperativeId: id.patengan });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body).toMatchObject({
      code: 'KOP-PATENGAN',
      name: NAMES.patengan,
      kind: 'cooperative',
      kindLabel: 'Koperasi lain',
      paymentTermsDays: 0,
      address: 'Desa Patengan, Kec. Rancabali, Kabupaten Bandung',
      contacts: [{ name: 'Dadan Sutisna', role: 'Ketua', phone: '0812-2233-4455' }],
      active: true,
      registryCooperativeId: id.patengan,
      stores: [],
    });
    expect(first.body.notes).toContain(id.patengan);
    const get = await board.get(`/api/coops/${coopId}/market/partners/${first.body.id}`);
    expect(get.body).toEqual(first.body);

    const again = await board.post(fromRegistry, { registryCooperativeId: id.patengan });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    const partners = await t.db.execute(sql`SELECT id FROM market_partners WHERE cooperative_id = ${coopId} AND name = ${NAMES.patengan}`);
    expect(partners.rows).toHaveLength(1);

    const audit = await t.db.execute<{ changes: Record<string, unknown> }>(
      sql`SELECT changes FROM audit_log WHERE cooperative_id = ${coopId} AND action = 'market.partner.create' AND entity_id = ${first.body.id}`,
    );
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0]!.changes).toMatchObject({ kind: 'cooperative', registryCooperativeId: id.patengan });

    const listed = (await board.get(`${nearby}?within=district`)).body.items;
    expect(listed.find((i: { registryCooperativeId: string }) => i.registryCooperativeId === id.patengan).partnerId).toBe(first.body.id);
    expect(listed.filter((i: { partnerId: string | null }) => i.partnerId).length).toBe(1);
  });

  it('replays a retry with the same Idempotency-Key, and makes one partner of two requests at once', async () => {
    const h = { 'idempotency-key': 'from-registry-0001' };
    const first = await board.post(fromRegistry, { registryCooperativeId: id.sangkanhurip }, h);
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body).toMatchObject({ contacts: [], address: 'Desa Sangkanhurip, Kec. Katapang, Kabupaten Bandung' });
    const retry = await board.post(fromRegistry, { registryCooperativeId: id.sangkanhurip }, h);
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body.id).toBe(first.body.id);

    const both = await Promise.all([
      board.post(fromRegistry, { registryCooperativeId: id.tambakreja }),
      board.post(fromRegistry, { registryCooperativeId: id.tambakreja }),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 201]);
    expect(both[0]!.body.id).toBe(both[1]!.body.id);
  });

  it('finds a free code when the village’s is taken', async () => {
    await makePartner(t.db, coopId, { code: 'KOP-SUKARESMI', name: 'Toko Sukaresmi Jaya', kind: 'trader' });
    const res = await board.post(fromRegistry, { registryCooperativeId: id.sukaresmi });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.code).toBe('KOP-SUKARESMI-2');
    expect(res.body.contacts).toEqual([{ name: 'Euis Rahmawati', role: 'Ketua', phone: null }]);
  });

  it('links a cooperative partner entered by hand under the same name; refuses when the name is another kind of partner', async () => {
    const manual = await makePartner(t.db, coopId, { code: 'CIPELAH', name: NAMES.cipelah.toUpperCase(), kind: 'cooperative', stores: [] });
    const linked = await board.post(fromRegistry, { registryCooperativeId: id.cipelah });
    expect(linked.status, JSON.stringify(linked.body)).toBe(200);
    expect(linked.body).toMatchObject({ id: manual.id, code: 'CIPELAH', registryCooperativeId: id.cipelah });

    await makePartner(t.db, coopId, { code: 'INDRAGIRI', name: NAMES.indragiri, kind: 'trader', stores: [] });
    const before = await databaseDigest(t.db);
    const taken = await board.post(fromRegistry, { registryCooperativeId: id.indragiri });
    expect(taken.status).toBe(409);
    expect(taken.body.errors[0]).toMatchObject({ field: 'registryCooperativeId', code: 'partner_name_taken' });
    expect(await databaseDigest(t.db)).toEqual(before);
  });

  it('refuses our own cooperative, one not in the registry, a synthetic one and a malformed id, naming the field; nothing written', async () => {
    const before = await databaseDigest(t.db);
    const own = await board.post(fromRegistry, { registryCooperativeId: coopId });
    expect(own.status).toBe(422);
    expect(own.body.errors[0]).toMatchObject({ field: 'registryCooperativeId', code: 'own_cooperative' });
    for (const other of ['kop_01JAAAAAAAAAAAAAAAAAAAAAAA', id.synthetic]) {
      const res = await board.post(fromRegistry, { registryCooperativeId: other }, { 'accept-language': 'en' });
      expect(res.status).toBe(422);
      expect(res.body.errors[0]).toMatchObject({
        field: 'registryCooperativeId',
        code: 'unknown_registry_cooperative',
        message: 'Cooperative not found in the registry',
      });
    }
    const bad = await board.post(fromRegistry, { registryCooperativeId: 'mtr_01JAAAAAAAAAAAAAAAAAAAAAAA' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('registryCooperativeId');
    expect(await databaseDigest(t.db)).toEqual(before);
  });

  it('lets a supervisor (pengawas) read the directory but not make a supplier', async () => {
    const read = await supervisor.get(`${nearby}?commodityId=${tomatoId}`);
    expect(read.status).toBe(200);
    expect(read.body.items[0].partnerId).not.toBeNull();
    const write = await supervisor.post(fromRegistry, { registryCooperativeId: id.sukarasa });
    expect(write.status).toBe(403);
    expect(write.body.code).toBe('forbidden');
  });
});
