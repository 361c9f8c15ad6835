import type { LocationKind, PayoutMethod, RejectPolicy, StorageClass } from '@kopdes/shared/produce';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';

export type ClusterRow = {
  id: string;
  name: string;
  description: string | null;
  farmers: bigint;
};

export async function listClusters(db: Db, cooperativeId: string) {
  const res = await db.execute<ClusterRow>(sql`
    SELECT c.id, c.name, c.description,
           (SELECT count(*) FROM produce_farmers f WHERE f.cooperative_id = c.cooperative_id AND f.cluster_id = c.id) AS farmers
    FROM produce_clusters c WHERE c.cooperative_id = ${cooperativeId} ORDER BY lower(c.name)`);
  return res.rows;
}

export async function insertCluster(db: Db, cooperativeId: string, c: { id: string; name: string; description: string | null }) {
  await db.execute(
    sql`INSERT INTO produce_clusters (cooperative_id, id, name, description) VALUES (${cooperativeId}, ${c.id}, ${c.name}, ${c.description})`,
  );
}

export async function clusterExists(db: Db, cooperativeId: string, id: string) {
  const res = await db.execute(sql`SELECT 1 FROM produce_clusters WHERE cooperative_id = ${cooperativeId} AND id = ${id}`);
  return res.rows.length > 0;
}

export type ProfileRow = {
  member_id: string;
  cluster_id: string | null;
  cluster_name: string | null;
  payout_method: PayoutMethod;
  bank_name: string | null;
  bank_account_no: string | null;
  bank_account_name: string | null;
  delivery_active: boolean;
};

export async function profiles(db: Db, cooperativeId: string, memberIds?: string[]) {
  const only = memberIds ? sql`AND f.member_id = ANY(${`{${memberIds.join(',')}}`}::text[])` : sql``;
  const res = await db.execute<ProfileRow>(sql`
    SELECT f.member_id, f.cluster_id, c.name AS cluster_name, f.payout_method, f.bank_name, f.bank_account_no, f.bank_account_name,
           f.delivery_active
    FROM produce_farmers f LEFT JOIN produce_clusters c ON c.cooperative_id = f.cooperative_id AND c.id = f.cluster_id
    WHERE f.cooperative_id = ${cooperativeId} ${only}`);
  return res.rows;
}

export async function upsertProfile(
  db: Db,
  cooperativeId: string,
  p: {
    memberId: string;
    clusterId: string | null;
    payoutMethod: string;
    bankName: string | null;
    bankAccountNo: string | null;
    bankAccountName: string | null;
    deliveryActive: boolean;
  },
) {
  await db.execute(sql`
    INSERT INTO produce_farmers (cooperative_id, member_id, cluster_id, payout_method, bank_name, bank_account_no, bank_account_name,
                                 delivery_active)
    VALUES (${cooperativeId}, ${p.memberId}, ${p.clusterId}, ${p.payoutMethod}, ${p.bankName}, ${p.bankAccountNo}, ${p.bankAccountName},
            ${p.deliveryActive})
    ON CONFLICT (cooperative_id, member_id) DO UPDATE SET cluster_id = EXCLUDED.cluster_id, payout_method = EXCLUDED.payout_method,
      bank_name = EXCLUDED.bank_name, bank_account_no = EXCLUDED.bank_account_no, bank_account_name = EXCLUDED.bank_account_name,
      delivery_active = EXCLUDED.delivery_active, updated_at = now()`);
}

export async function upsertProfiles(db: Db, cooperativeId: string, rows: Parameters<typeof upsertProfile>[2][]) {
  if (!rows.length) return;
  await db.execute(sql`
    INSERT INTO produce_farmers (cooperative_id, member_id, cluster_id, payout_method, bank_name, bank_account_no, bank_account_name,
                                 delivery_active)
    SELECT ${cooperativeId}, x."memberId", x."clusterId", x."payoutMethod", x."bankName", x."bankAccountNo", x."bankAccountName",
           x."deliveryActive"
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x("memberId" text, "clusterId" text, "payoutMethod" text, "bankName" text,
         "bankAccountNo" text, "bankAccountName" text, "deliveryActive" boolean)
    ON CONFLICT (cooperative_id, member_id) DO UPDATE SET cluster_id = EXCLUDED.cluster_id, payout_method = EXCLUDED.payout_method,
      bank_name = EXCLUDED.bank_name, bank_account_no = EXCLUDED.bank_account_no, bank_account_name = EXCLUDED.bank_account_name,
      delivery_active = EXCLUDED.delivery_active, updated_at = now()`);
}

export type PlotRow = {
  id: string;
  member_id: string;
  name: string;
  area_m2: number;
  village_code: string;
  altitude_m: number;
  latitude: string | null;
  longitude: string | null;
  commodity_ids: string[];
  active: boolean;
};

export async function plots(db: Db, cooperativeId: string, f: { memberIds?: string[]; ids?: string[] } = {}) {
  const byMember = f.memberIds ? sql`AND member_id = ANY(${`{${f.memberIds.join(',')}}`}::text[])` : sql``;
  const byId = f.ids ? sql`AND id = ANY(${`{${f.ids.join(',')}}`}::text[])` : sql``;
  const res = await db.execute<PlotRow>(sql`
    SELECT id, member_id, name, area_m2, village_code, altitude_m, latitude::text AS latitude, longitude::text AS longitude,
           commodity_ids, active
    FROM produce_plots WHERE cooperative_id = ${cooperativeId} ${byMember} ${byId} ORDER BY member_id, lower(name), id`);
  return res.rows;
}

export interface PlotValues {
  name: string;
  areaM2: number;
  villageCode: string;
  altitudeM: number;
  latitude: number | null;
  longitude: number | null;
  commodityIds: string[];
  active: boolean;
}

const arr = (a: string[]) => `{${a.join(',')}}`;

export async function insertPlots(db: Db, cooperativeId: string, rows: (PlotValues & { id: string; memberId: string })[]) {
  if (!rows.length) return;
  const json = JSON.stringify(rows.map((r) => ({ ...r, commodityIds: arr(r.commodityIds) })));
  await db.execute(sql`
    INSERT INTO produce_plots (cooperative_id, id, member_id, name, area_m2, village_code, altitude_m, latitude, longitude, commodity_ids, active)
    SELECT ${cooperativeId}, x."id", x."memberId", x."name", x."areaM2", x."villageCode", x."altitudeM", x."latitude", x."longitude",
           x."commodityIds"::text[], x."active"
    FROM jsonb_to_recordset(${json}::jsonb) AS x("id" text, "memberId" text, "name" text, "areaM2" integer, "villageCode" text,
         "altitudeM" integer, "latitude" numeric, "longitude" numeric, "commodityIds" text, "active" boolean)`);
}

export async function updatePlot(db: Db, cooperativeId: string, id: string, p: PlotValues) {
  await db.execute(sql`
    UPDATE produce_plots SET name = ${p.name}, area_m2 = ${p.areaM2}, village_code = ${p.villageCode}, altitude_m = ${p.altitudeM},
      latitude = ${p.latitude}, longitude = ${p.longitude}, commodity_ids = ${arr(p.commodityIds)}::text[], active = ${p.active},
      updated_at = now()
    WHERE cooperative_id = ${cooperativeId} AND id = ${id}`);
}

export type CollectionPointRow = {
  id: string;
  name: string;
  village_code: string;
  address: string | null;
  delivery_days: string;
  active: boolean;
};

export async function collectionPoints(db: Db, cooperativeId: string, id?: string) {
  const only = id ? sql`AND id = ${id}` : sql``;
  const res = await db.execute<CollectionPointRow>(sql`
    SELECT id, name, village_code, address, delivery_days, active FROM produce_collection_points
    WHERE cooperative_id = ${cooperativeId} ${only} ORDER BY lower(name)`);
  return res.rows;
}

export async function upsertCollectionPoint(
  db: Db,
  cooperativeId: string,
  p: { id: string; name: string; villageCode: string; address: string | null; deliveryDays: string; active: boolean },
) {
  await db.execute(sql`
    INSERT INTO produce_collection_points (cooperative_id, id, name, village_code, address, delivery_days, active)
    VALUES (${cooperativeId}, ${p.id}, ${p.name}, ${p.villageCode}, ${p.address}, ${p.deliveryDays}, ${p.active})
    ON CONFLICT (cooperative_id, id) DO UPDATE SET name = EXCLUDED.name, village_code = EXCLUDED.village_code,
      address = EXCLUDED.address, delivery_days = EXCLUDED.delivery_days, active = EXCLUDED.active`);
}

export type LocationRow = {
  id: string;
  name: string;
  kind: LocationKind;
  storage_class: StorageClass;
  active: boolean;
};

export async function locations(db: Db, cooperativeId: string, id?: string) {
  const only = id ? sql`AND id = ${id}` : sql``;
  const res = await db.execute<LocationRow>(sql`
    SELECT id, name, kind, storage_class, active FROM produce_locations WHERE cooperative_id = ${cooperativeId} ${only}
    ORDER BY array_position(ARRAY['packing_house', 'cold_storage', 'truck', 'collection_point'], kind), lower(name)`);
  return res.rows;
}

export async function upsertLocation(
  db: Db,
  cooperativeId: string,
  l: { id: string; name: string; kind: string; storageClass: string; active: boolean },
) {
  await db.execute(sql`
    INSERT INTO produce_locations (cooperative_id, id, name, kind, storage_class, active)
    VALUES (${cooperativeId}, ${l.id}, ${l.name}, ${l.kind}, ${l.storageClass}, ${l.active})
    ON CONFLICT (cooperative_id, id) DO UPDATE SET name = EXCLUDED.name, kind = EXCLUDED.kind, storage_class = EXCLUDED.storage_class,
      active = EXCLUDED.active`);
}

export type SettingsRow = {
  reject_policy: RejectPolicy;
  expiry_alert_days: number;
  default_location_id: string | null;
};

export async function settings(db: Db, cooperativeId: string): Promise<SettingsRow | undefined> {
  const res = await db.execute<SettingsRow>(sql`
    SELECT reject_policy, expiry_alert_days, default_location_id FROM produce_settings WHERE cooperative_id = ${cooperativeId}`);
  return res.rows[0];
}

export async function upsertSettings(db: Db, cooperativeId: string, s: SettingsRow, by: string) {
  await db.execute(sql`
    INSERT INTO produce_settings (cooperative_id, reject_policy, expiry_alert_days, default_location_id, updated_by_label)
    VALUES (${cooperativeId}, ${s.reject_policy}, ${s.expiry_alert_days}, ${s.default_location_id}, ${by})
    ON CONFLICT (cooperative_id) DO UPDATE SET reject_policy = EXCLUDED.reject_policy, expiry_alert_days = EXCLUDED.expiry_alert_days,
      default_location_id = EXCLUDED.default_location_id, updated_by_label = EXCLUDED.updated_by_label, updated_at = now()`);
}
