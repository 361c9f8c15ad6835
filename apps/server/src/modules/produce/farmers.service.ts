/**
 * Who supplies and where: clusters, each farmer's supply profile (cluster, how they are paid),
 * their plots (area, village, altitude, coordinates, what they can grow), collection points with
 * their delivery days, storage locations, and the module's settings. Farmers are members of the
 * members module; poktan (farmer groups) live there too. Planning reads plots from here.
 */
import {
  WEEKDAY_LABELS,
  type CollectionPointInput,
  type Farmer,
  type FarmerProfileInput,
  type LocationInput,
  type Plot,
  type PlotInput,
  type PlotUpdate,
  type SettingsInput,
} from '@kopdes/shared/produce';
import type { Db } from '../../db/client.js';
import { concurrentOnPool } from '../../db/concurrent.js';
import type { Actor } from '../../lib/actor.js';
import { villageInfo } from '../../lib/areas.js';
import { invalidField, notFound } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { recordAudit } from '../audit/audit.service.js';
import { commodityRows } from './catalogue.service.js';
import { field, pgConstraintOf, refuse, unusable } from './common.js';
import * as repo from './farmers.repository.js';
import { deliveringMember, membersWithGroups, oneMember } from './member-directory.js';

export type { LocationRow, CollectionPointRow, PlotRow, SettingsRow } from './farmers.repository.js';

const nameTaken = (e: unknown, constraint: string, what: string) =>
  pgConstraintOf(e) === constraint
    ? refuse([field('name', 'name_taken', { id: `Nama ${what} sudah dipakai`, en: `That ${what} name is taken` })])
    : e;

// ── clusters ────────────────────────────────────────────────────────────────────────────────

export async function listClusters(db: Db, cooperativeId: string) {
  return { items: (await repo.listClusters(db, cooperativeId)).map((c) => ({ ...c, farmers: Number(c.farmers) })) };
}

export async function createCluster(db: Db, cooperativeId: string, actor: Actor, input: { name: string; description?: string | null }) {
  const id = newId('klt');
  try {
    await db.transaction(async (tx) => {
      await repo.insertCluster(tx, cooperativeId, { id, name: input.name, description: input.description ?? null });
      await recordAudit(tx, cooperativeId, actor, {
        action: 'produce.cluster.create',
        entityType: 'produce_cluster',
        entityId: id,
        changes: input,
      });
    });
  } catch (e) {
    throw nameTaken(e, 'produce_clusters_name_uq', 'klaster');
  }
  return (await listClusters(db, cooperativeId)).items.find((c) => c.id === id)!;
}

// ── farmers and plots ───────────────────────────────────────────────────────────────────────

export function presentPlot(p: repo.PlotRow): Plot {
  return {
    id: p.id,
    memberId: p.member_id,
    name: p.name,
    areaM2: p.area_m2,
    villageCode: p.village_code,
    villageName: villageInfo(p.village_code)?.name ?? null,
    altitudeM: p.altitude_m,
    latitude: p.latitude === null ? null : Number(p.latitude),
    longitude: p.longitude === null ? null : Number(p.longitude),
    commodityIds: p.commodity_ids,
    active: p.active,
  };
}

/** Farmers: members who are farmers by occupation, or who have a supply profile or a plot. */
export async function listFarmers(db: Db, cooperativeId: string, q: { q?: string; farmerGroupId?: string; clusterId?: string } = {}) {
  const [members, profs, plotRows] = await concurrentOnPool(
    db,
    () => membersWithGroups(db, cooperativeId),
    () => repo.profiles(db, cooperativeId),
    () => repo.plots(db, cooperativeId),
  );
  const profileOf = new Map(profs.map((p) => [p.member_id, p]));
  const plotsOf = new Map<string, repo.PlotRow[]>();
  for (const p of plotRows) plotsOf.set(p.member_id, [...(plotsOf.get(p.member_id) ?? []), p]);
  const needle = q.q?.toLowerCase();
  const items: Farmer[] = [];
  for (const m of members) {
    const prof = profileOf.get(m.id);
    const mine = plotsOf.get(m.id) ?? [];
    if (!prof && !mine.length) continue;
    if (needle && !m.fullName.toLowerCase().includes(needle) && String(m.number) !== needle) continue;
    if (q.farmerGroupId && m.farmerGroupId !== q.farmerGroupId) continue;
    if (q.clusterId && prof?.cluster_id !== q.clusterId) continue;
    items.push(presentFarmer(m, prof, mine));
  }
  return { items };
}

function presentFarmer(
  m: Awaited<ReturnType<typeof membersWithGroups>>[number],
  prof: repo.ProfileRow | undefined,
  mine: repo.PlotRow[],
): Farmer {
  const plots = mine.map(presentPlot);
  return {
    memberId: m.id,
    number: m.number,
    fullName: m.fullName,
    status: m.status,
    farmerGroup: m.farmerGroupId ? { id: m.farmerGroupId, name: m.farmerGroupName ?? '' } : null,
    cluster: prof?.cluster_id ? { id: prof.cluster_id, name: prof.cluster_name ?? '' } : null,
    payoutMethod: prof?.payout_method ?? 'cash',
    bankName: prof?.bank_name ?? null,
    bankAccountNo: prof?.bank_account_no ?? null,
    bankAccountName: prof?.bank_account_name ?? null,
    deliveryActive: prof?.delivery_active ?? true,
    plots,
    commodityIds: [...new Set(plots.filter((p) => p.active).flatMap((p) => p.commodityIds))],
  };
}

export async function getFarmer(db: Db, cooperativeId: string, memberId: string): Promise<Farmer> {
  const m = await oneMember(db, cooperativeId, memberId);
  if (!m) throw notFound({ id: 'Petani tidak ditemukan', en: 'Farmer not found' });
  const [[prof], mine] = await concurrentOnPool(
    db,
    () => repo.profiles(db, cooperativeId, [memberId]),
    () => repo.plots(db, cooperativeId, { memberIds: [memberId] }),
  );
  return presentFarmer(m, prof, mine);
}

async function memberInPath(db: Db, cooperativeId: string, memberId: string) {
  if (!(await oneMember(db, cooperativeId, memberId))) throw notFound({ id: 'Anggota tidak ditemukan', en: 'Member not found' });
}

export async function setFarmerProfile(db: Db, cooperativeId: string, actor: Actor, memberId: string, input: FarmerProfileInput) {
  await memberInPath(db, cooperativeId, memberId);
  if (input.clusterId && !(await repo.clusterExists(db, cooperativeId, input.clusterId))) {
    throw unusable('clusterId', 'unknown_cluster', { id: 'Klaster tidak ditemukan', en: 'Cluster not found' });
  }
  if (input.payoutMethod === 'bank' && (!input.bankName || !input.bankAccountNo)) {
    throw invalidField(input.bankName ? 'bankAccountNo' : 'bankName', 'bank_details_required', {
      id: 'Pembayaran lewat transfer bank perlu nama bank dan nomor rekening',
      en: 'Bank transfer payouts need a bank name and account number',
    });
  }
  await db.transaction(async (tx) => {
    await repo.upsertProfile(tx, cooperativeId, {
      memberId,
      clusterId: input.clusterId ?? null,
      payoutMethod: input.payoutMethod,
      bankName: input.bankName ?? null,
      bankAccountNo: input.bankAccountNo ?? null,
      bankAccountName: input.bankAccountName ?? null,
      deliveryActive: input.deliveryActive,
    });
    await recordAudit(tx, cooperativeId, actor, {
      action: 'produce.farmer.profile',
      entityType: 'member',
      entityId: memberId,
      changes: input,
    });
  });
  return getFarmer(db, cooperativeId, memberId);
}

/** Supply profiles for many members at once (an import, the demo), checked like `setFarmerProfile`. */
export async function importFarmerProfiles(
  db: Db,
  cooperativeId: string,
  actor: Actor,
  rows: (FarmerProfileInput & { memberId: string })[],
) {
  const members = new Set((await membersWithGroups(db, cooperativeId)).map((m) => m.id));
  const clusters = new Set((await repo.listClusters(db, cooperativeId)).map((c) => c.id));
  rows.forEach((r, i) => {
    if (!members.has(r.memberId))
      throw unusable(`${i}.memberId`, 'unknown_member', { id: 'Anggota tidak ditemukan', en: 'Member not found' });
    if (r.clusterId && !clusters.has(r.clusterId))
      throw unusable(`${i}.clusterId`, 'unknown_cluster', { id: 'Klaster tidak ditemukan', en: 'Cluster not found' });
    if (r.payoutMethod === 'bank' && (!r.bankName || !r.bankAccountNo)) {
      throw invalidField(`${i}.bankAccountNo`, 'bank_details_required', {
        id: 'Transfer bank perlu nama bank dan nomor rekening',
        en: 'Bank payouts need bank details',
      });
    }
  });
  await db.transaction(async (tx) => {
    await repo.upsertProfiles(
      tx,
      cooperativeId,
      rows.map((r) => ({
        memberId: r.memberId,
        clusterId: r.clusterId ?? null,
        payoutMethod: r.payoutMethod,
        bankName: r.bankName ?? null,
        bankAccountNo: r.bankAccountNo ?? null,
        bankAccountName: r.bankAccountName ?? null,
        deliveryActive: r.deliveryActive,
      })),
    );
    await recordAudit(tx, cooperativeId, actor, {
      action: 'produce.farmer.import',
      entityType: 'member',
      entityId: null,
      changes: { count: rows.length },
    });
  });
}

async function checkPlot(db: Db, cooperativeId: string, p: { villageCode?: string; commodityIds?: string[] }) {
  if (p.villageCode && !villageInfo(p.villageCode)) {
    throw invalidField('villageCode', 'unknown_village', {
      id: 'Kode desa tidak ada dalam daftar Kemendagri',
      en: 'Village code is not in the official list',
    });
  }
  if (p.commodityIds?.length) {
    const known = new Set((await commodityRows(db, cooperativeId, p.commodityIds)).map((c) => c.id));
    const i = p.commodityIds.findIndex((id) => !known.has(id));
    if (i >= 0) throw unusable(`commodityIds.${i}`, 'unknown_commodity', { id: 'Komoditas tidak ditemukan', en: 'Commodity not found' });
  }
}

export async function addPlot(db: Db, cooperativeId: string, actor: Actor, memberId: string, input: PlotInput) {
  await memberInPath(db, cooperativeId, memberId);
  await checkPlot(db, cooperativeId, input);
  if ((input.latitude == null) !== (input.longitude == null)) {
    throw invalidField(input.latitude == null ? 'latitude' : 'longitude', 'coordinates_pair', {
      id: 'Isi lintang dan bujur bersama-sama, atau kosongkan keduanya',
      en: 'Give both latitude and longitude, or neither',
    });
  }
  const id = newId('plt');
  await db.transaction(async (tx) => {
    await repo.insertPlots(tx, cooperativeId, [
      {
        id,
        memberId,
        name: input.name,
        areaM2: input.areaM2,
        villageCode: input.villageCode,
        altitudeM: input.altitudeM,
        latitude: input.latitude ?? null,
        longitude: input.longitude ?? null,
        commodityIds: [...new Set(input.commodityIds)],
        active: true,
      },
    ]);
    await recordAudit(tx, cooperativeId, actor, {
      action: 'produce.plot.create',
      entityType: 'produce_plot',
      entityId: id,
      changes: { memberId, ...input },
    });
  });
  return getPlot(db, cooperativeId, id);
}

/**
 * Many plots at once (an import, the demo): each checked like `addPlot`, written in one statement.
 * Returns the new ids in input order.
 */
export async function importPlots(db: Db, cooperativeId: string, actor: Actor, rows: (PlotInput & { memberId: string })[]) {
  const members = new Set((await membersWithGroups(db, cooperativeId)).map((m) => m.id));
  const commodities = new Set((await commodityRows(db, cooperativeId)).map((c) => c.id));
  rows.forEach((r, i) => {
    if (!members.has(r.memberId))
      throw unusable(`${i}.memberId`, 'unknown_member', { id: 'Anggota tidak ditemukan', en: 'Member not found' });
    if (!villageInfo(r.villageCode))
      throw invalidField(`${i}.villageCode`, 'unknown_village', { id: 'Kode desa tidak dikenal', en: 'Unknown village code' });
    const bad = r.commodityIds.findIndex((c) => !commodities.has(c));
    if (bad >= 0)
      throw unusable(`${i}.commodityIds.${bad}`, 'unknown_commodity', { id: 'Komoditas tidak ditemukan', en: 'Commodity not found' });
  });
  const withIds = rows.map((r) => ({
    ...r,
    id: newId('plt'),
    latitude: r.latitude ?? null,
    longitude: r.longitude ?? null,
    commodityIds: [...new Set(r.commodityIds)],
    active: true,
  }));
  await db.transaction(async (tx) => {
    await repo.insertPlots(tx, cooperativeId, withIds);
    await recordAudit(tx, cooperativeId, actor, {
      action: 'produce.plot.import',
      entityType: 'produce_plot',
      entityId: null,
      changes: { count: rows.length },
    });
  });
  return withIds.map((r) => r.id);
}

export async function getPlot(db: Db, cooperativeId: string, id: string) {
  const [p] = await repo.plots(db, cooperativeId, { ids: [id] });
  if (!p) throw notFound({ id: 'Lahan tidak ditemukan', en: 'Plot not found' });
  return presentPlot(p);
}

export async function updatePlot(db: Db, cooperativeId: string, actor: Actor, id: string, input: PlotUpdate) {
  const [p] = await repo.plots(db, cooperativeId, { ids: [id] });
  if (!p) throw notFound({ id: 'Lahan tidak ditemukan', en: 'Plot not found' });
  await checkPlot(db, cooperativeId, input);
  const latitude = input.latitude !== undefined ? input.latitude : p.latitude === null ? null : Number(p.latitude);
  const longitude = input.longitude !== undefined ? input.longitude : p.longitude === null ? null : Number(p.longitude);
  if ((latitude == null) !== (longitude == null)) {
    throw invalidField('longitude', 'coordinates_pair', {
      id: 'Isi lintang dan bujur bersama-sama',
      en: 'Give both latitude and longitude',
    });
  }
  await db.transaction(async (tx) => {
    await repo.updatePlot(tx, cooperativeId, id, {
      name: input.name ?? p.name,
      areaM2: input.areaM2 ?? p.area_m2,
      villageCode: input.villageCode ?? p.village_code,
      altitudeM: input.altitudeM ?? p.altitude_m,
      latitude: latitude ?? null,
      longitude: longitude ?? null,
      commodityIds: input.commodityIds ? [...new Set(input.commodityIds)] : p.commodity_ids,
      active: input.active ?? p.active,
    });
    await recordAudit(tx, cooperativeId, actor, {
      action: 'produce.plot.update',
      entityType: 'produce_plot',
      entityId: id,
      changes: input,
    });
  });
  return getPlot(db, cooperativeId, id);
}

/**
 * Every active plot with its farmer, for other modules (planning reads capacity from here).
 * @example (await plotsForPlanning(db, coopId)).filter((p) => p.commodityIds.includes(tomatoId))
 */
export async function plotsForPlanning(db: Db, cooperativeId: string) {
  return (await repo.plots(db, cooperativeId)).filter((p) => p.active).map(presentPlot);
}

/** Plots of the given farmers (for the intake form and traces). */
export async function plotRows(db: Db, cooperativeId: string, f: { memberIds?: string[]; ids?: string[] }) {
  return repo.plots(db, cooperativeId, f);
}

export async function farmerProfiles(db: Db, cooperativeId: string, memberIds?: string[]) {
  return repo.profiles(db, cooperativeId, memberIds);
}

export { deliveringMember };

// ── collection points ───────────────────────────────────────────────────────────────────────

export function presentCollectionPoint(p: repo.CollectionPointRow) {
  const days = [...p.delivery_days].map(Number);
  return {
    id: p.id,
    name: p.name,
    villageCode: p.village_code,
    villageName: villageInfo(p.village_code)?.name ?? null,
    address: p.address,
    deliveryDays: days,
    scheduleText: `Setor ${days.length}× seminggu: ${days.map((d) => WEEKDAY_LABELS[d]).join(' dan ')}`,
    active: p.active,
  };
}

export async function listCollectionPoints(db: Db, cooperativeId: string) {
  return { items: (await repo.collectionPoints(db, cooperativeId)).map(presentCollectionPoint) };
}

export async function saveCollectionPoint(
  db: Db,
  cooperativeId: string,
  actor: Actor,
  id: string | null,
  input: Partial<CollectionPointInput>,
) {
  const before = id ? (await repo.collectionPoints(db, cooperativeId, id))[0] : undefined;
  if (id && !before) throw notFound({ id: 'Titik kumpul tidak ditemukan', en: 'Collection point not found' });
  const villageCode = input.villageCode ?? before?.village_code;
  if (!input.name && !before) throw invalidField('name', 'required', { id: 'Nama wajib diisi', en: 'A name is required' });
  if (!villageCode || !villageInfo(villageCode)) {
    throw invalidField('villageCode', 'unknown_village', {
      id: 'Kode desa tidak ada dalam daftar Kemendagri',
      en: 'Village code is not in the official list',
    });
  }
  const days = input.deliveryDays ? [...new Set(input.deliveryDays)].sort().join('') : (before?.delivery_days ?? '');
  if (!days)
    throw invalidField('deliveryDays', 'required', { id: 'Pilih minimal satu hari setor', en: 'Choose at least one delivery day' });
  const row = {
    id: id ?? newId('tkp'),
    name: input.name ?? before!.name,
    villageCode,
    address: input.address !== undefined ? (input.address ?? null) : (before?.address ?? null),
    deliveryDays: days,
    active: input.active ?? before?.active ?? true,
  };
  try {
    await db.transaction(async (tx) => {
      await repo.upsertCollectionPoint(tx, cooperativeId, row);
      await recordAudit(tx, cooperativeId, actor, {
        action: id ? 'produce.collection_point.update' : 'produce.collection_point.create',
        entityType: 'produce_collection_point',
        entityId: row.id,
        changes: input,
      });
    });
  } catch (e) {
    throw nameTaken(e, 'produce_collection_points_name_uq', 'titik kumpul');
  }
  return presentCollectionPoint((await repo.collectionPoints(db, cooperativeId, row.id))[0]!);
}

// ── locations ───────────────────────────────────────────────────────────────────────────────

export const presentLocation = (l: repo.LocationRow) => ({
  id: l.id,
  name: l.name,
  kind: l.kind,
  storageClass: l.storage_class,
  active: l.active,
});

export async function listLocations(db: Db, cooperativeId: string) {
  return { items: (await repo.locations(db, cooperativeId)).map(presentLocation) };
}

export async function locationRows(db: Db, cooperativeId: string) {
  return repo.locations(db, cooperativeId);
}

export async function saveLocation(db: Db, cooperativeId: string, actor: Actor, id: string | null, input: Partial<LocationInput>) {
  const before = id ? (await repo.locations(db, cooperativeId, id))[0] : undefined;
  if (id && !before) throw notFound({ id: 'Lokasi tidak ditemukan', en: 'Location not found' });
  if (!before && (!input.name || !input.kind || !input.storageClass)) {
    throw invalidField('name', 'required', {
      id: 'Nama, jenis dan kelas suhu wajib diisi',
      en: 'Name, kind and storage class are required',
    });
  }
  const row = {
    id: id ?? newId('lok'),
    name: input.name ?? before!.name,
    kind: input.kind ?? before!.kind,
    storageClass: input.storageClass ?? before!.storage_class,
    active: input.active ?? before?.active ?? true,
  };
  try {
    await db.transaction(async (tx) => {
      await repo.upsertLocation(tx, cooperativeId, row);
      await recordAudit(tx, cooperativeId, actor, {
        action: id ? 'produce.location.update' : 'produce.location.create',
        entityType: 'produce_location',
        entityId: row.id,
        changes: input,
      });
    });
  } catch (e) {
    throw nameTaken(e, 'produce_locations_name_uq', 'lokasi');
  }
  return presentLocation((await repo.locations(db, cooperativeId, row.id))[0]!);
}

// ── settings ────────────────────────────────────────────────────────────────────────────────

export const DEFAULT_SETTINGS: repo.SettingsRow = { reject_policy: 'unpaid', expiry_alert_days: 2, default_location_id: null };

export async function settingsRow(db: Db, cooperativeId: string): Promise<repo.SettingsRow> {
  return (await repo.settings(db, cooperativeId)) ?? DEFAULT_SETTINGS;
}

export async function getSettings(db: Db, cooperativeId: string) {
  const s = await settingsRow(db, cooperativeId);
  return { rejectPolicy: s.reject_policy, expiryAlertDays: s.expiry_alert_days, defaultLocationId: s.default_location_id };
}

export async function saveSettings(db: Db, cooperativeId: string, actor: Actor, input: SettingsInput) {
  if (input.defaultLocationId) {
    const [l] = await repo.locations(db, cooperativeId, input.defaultLocationId);
    if (!l || !l.active)
      throw unusable('defaultLocationId', 'unknown_location', {
        id: 'Lokasi tidak ditemukan atau tidak aktif',
        en: 'Location not found or inactive',
      });
  }
  await db.transaction(async (tx) => {
    await repo.upsertSettings(
      tx,
      cooperativeId,
      { reject_policy: input.rejectPolicy, expiry_alert_days: input.expiryAlertDays, default_location_id: input.defaultLocationId ?? null },
      actor.label,
    );
    await recordAudit(tx, cooperativeId, actor, {
      action: 'produce.settings',
      entityType: 'produce_settings',
      entityId: cooperativeId,
      changes: input,
    });
  });
  return getSettings(db, cooperativeId);
}
