import type { Grade, StorageClass, UnitOfMeasure } from '@kopdes/shared/produce';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';

export type CommodityRow = {
  id: string;
  code: string;
  name: string;
  unit: UnitOfMeasure;
  variable_weight: boolean;
  storage_class: StorageClass;
  shelf_life_ambient: number | null;
  shelf_life_cool: number | null;
  shelf_life_cold: number | null;
  active: boolean;
  grades: { grade: Grade; spec: string }[];
  pack_formats: {
    id: string;
    channel: string;
    name: string;
    grade: Grade | null;
    content: string;
    packaging: string;
    active: boolean;
  }[];
};

export async function listCommodities(db: Db, cooperativeId: string, ids?: string[]): Promise<CommodityRow[]> {
  const only = ids ? sql`AND c.id = ANY(${`{${ids.join(',')}}`}::text[])` : sql``;
  const res = await db.execute<CommodityRow>(sql`
    SELECT c.id, c.code, c.name, c.unit, c.variable_weight, c.storage_class, c.shelf_life_ambient, c.shelf_life_cool,
           c.shelf_life_cold, c.active,
           coalesce((SELECT json_agg(json_build_object('grade', g.grade, 'spec', g.spec)
                                     ORDER BY array_position(ARRAY['A', 'B', 'C', 'reject'], g.grade))
                     FROM produce_grades g WHERE g.cooperative_id = c.cooperative_id AND g.commodity_id = c.id), '[]') AS grades,
           coalesce((SELECT json_agg(json_build_object('id', p.id, 'channel', p.channel, 'name', p.name, 'grade', p.grade,
                                                       'content', p.content::text, 'packaging', p.packaging, 'active', p.active)
                                     ORDER BY p.channel, p.content)
                     FROM produce_pack_formats p WHERE p.cooperative_id = c.cooperative_id AND p.commodity_id = c.id), '[]') AS pack_formats
    FROM produce_commodities c
    WHERE c.cooperative_id = ${cooperativeId} ${only}
    ORDER BY lower(c.name)`);
  return res.rows;
}

export async function insertCommodity(
  db: Db,
  cooperativeId: string,
  c: {
    id: string;
    code: string;
    name: string;
    unit: string;
    variableWeight: boolean;
    storageClass: string;
    shelf: { ambient: number | null; cool: number | null; cold: number | null };
  },
) {
  await db.execute(sql`
    INSERT INTO produce_commodities (cooperative_id, id, code, name, unit, variable_weight, storage_class,
                                     shelf_life_ambient, shelf_life_cool, shelf_life_cold)
    VALUES (${cooperativeId}, ${c.id}, ${c.code}, ${c.name}, ${c.unit}, ${c.variableWeight}, ${c.storageClass},
            ${c.shelf.ambient}, ${c.shelf.cool}, ${c.shelf.cold})`);
}

export async function updateCommodity(
  db: Db,
  cooperativeId: string,
  id: string,
  c: {
    name: string;
    variableWeight: boolean;
    storageClass: string;
    shelf: { ambient: number | null; cool: number | null; cold: number | null };
    active: boolean;
  },
) {
  await db.execute(sql`
    UPDATE produce_commodities SET name = ${c.name}, variable_weight = ${c.variableWeight}, storage_class = ${c.storageClass},
      shelf_life_ambient = ${c.shelf.ambient}, shelf_life_cool = ${c.shelf.cool}, shelf_life_cold = ${c.shelf.cold},
      active = ${c.active}, updated_at = now()
    WHERE cooperative_id = ${cooperativeId} AND id = ${id}`);
}

/** Sets the grade specs; a grade dropped from the list stays if prices or lots refer to it. */
export async function upsertGrades(db: Db, cooperativeId: string, commodityId: string, grades: { grade: string; spec: string }[]) {
  const rows = JSON.stringify(grades);
  await db.execute(sql`
    INSERT INTO produce_grades (cooperative_id, commodity_id, grade, spec)
    SELECT ${cooperativeId}, ${commodityId}, x.grade, x.spec FROM jsonb_to_recordset(${rows}::jsonb) AS x(grade text, spec text)
    ON CONFLICT (cooperative_id, commodity_id, grade) DO UPDATE SET spec = EXCLUDED.spec`);
}

export async function insertPackFormat(
  db: Db,
  cooperativeId: string,
  p: { id: string; commodityId: string; channel: string; name: string; grade: string | null; content: bigint; packaging: string },
) {
  await db.execute(sql`
    INSERT INTO produce_pack_formats (cooperative_id, id, commodity_id, channel, name, grade, content, packaging)
    VALUES (${cooperativeId}, ${p.id}, ${p.commodityId}, ${p.channel}, ${p.name}, ${p.grade}, ${p.content}, ${p.packaging})`);
}

export async function setPackFormatActive(db: Db, cooperativeId: string, id: string, active: boolean) {
  const res = await db.execute(sql`
    UPDATE produce_pack_formats SET active = ${active} WHERE cooperative_id = ${cooperativeId} AND id = ${id}`);
  return (res.rowCount ?? 0) > 0;
}

export async function findPackFormat(db: Db, cooperativeId: string, id: string) {
  const res = await db.execute<{
    id: string;
    commodity_id: string;
    name: string;
    grade: Grade | null;
    content: bigint;
    active: boolean;
  }>(sql`
    SELECT id, commodity_id, name, grade, content, active FROM produce_pack_formats WHERE cooperative_id = ${cooperativeId} AND id = ${id}`);
  return res.rows[0];
}
