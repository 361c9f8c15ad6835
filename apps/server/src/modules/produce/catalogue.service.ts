/**
 * The catalogue: commodities with their unit, grades (each with a written spec), shelf life per
 * storage class, and pack formats per sales channel with their packaging.
 */
import {
  CHANNEL_LABELS,
  GRADE_LABELS,
  UOM_LABELS,
  type Channel,
  type Commodity,
  type CommodityInput,
  type CommodityUpdate,
  type Grade,
  type PackFormatInput,
  type StorageClass,
} from '@kopdes/shared/produce';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../lib/actor.js';
import { AppError, invalidField, notFound } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { recordAudit } from '../audit/audit.service.js';
import * as repo from './catalogue.repository.js';
import { field, pgConstraintOf, qty, readQuantity, refuse } from './common.js';

export type { CommodityRow } from './catalogue.repository.js';

export function presentCommodity(c: repo.CommodityRow): Commodity {
  return {
    id: c.id,
    code: c.code,
    name: c.name,
    unit: c.unit,
    unitLabel: UOM_LABELS[c.unit].id,
    variableWeight: c.variable_weight,
    storageClass: c.storage_class,
    shelfLifeDays: { ambient: c.shelf_life_ambient, cool: c.shelf_life_cool, cold: c.shelf_life_cold },
    grades: c.grades.map((g) => ({ grade: g.grade, label: GRADE_LABELS[g.grade].id, spec: g.spec })),
    packFormats: c.pack_formats.map((p) => ({
      id: p.id,
      commodityId: c.id,
      channel: p.channel as Channel,
      channelLabel: CHANNEL_LABELS[p.channel as Channel].id,
      name: p.name,
      grade: p.grade,
      content: qty(BigInt(p.content), c.unit),
      packaging: p.packaging,
      active: p.active,
    })),
    active: c.active,
  };
}

/**
 * Days a commodity keeps in a storage class. A class the commodity is not suited to (no figure)
 * falls back to its own recommended class.
 */
export function shelfLifeDays(
  c: Pick<repo.CommodityRow, 'storage_class' | 'shelf_life_ambient' | 'shelf_life_cool' | 'shelf_life_cold'>,
  cls: StorageClass,
) {
  const of = (k: StorageClass) => (k === 'ambient' ? c.shelf_life_ambient : k === 'cool' ? c.shelf_life_cool : c.shelf_life_cold);
  return of(cls) ?? of(c.storage_class) ?? c.shelf_life_ambient ?? c.shelf_life_cool ?? c.shelf_life_cold ?? 1;
}

const commodityNotFound = () => notFound({ id: 'Komoditas tidak ditemukan', en: 'Commodity not found' });

export async function listCommodities(db: Db, cooperativeId: string) {
  return { items: (await repo.listCommodities(db, cooperativeId)).map(presentCommodity) };
}

export async function commodityRows(db: Db, cooperativeId: string, ids?: string[]) {
  return repo.listCommodities(db, cooperativeId, ids);
}

export async function getCommodity(db: Db, cooperativeId: string, id: string) {
  const [row] = await repo.listCommodities(db, cooperativeId, [id]);
  if (!row) throw commodityNotFound();
  return presentCommodity(row);
}

function checkGrades(grades: { grade: Grade; spec: string }[]) {
  const seen = new Set<Grade>();
  grades.forEach((g, i) => {
    if (seen.has(g.grade)) {
      throw invalidField(`grades.${i}.grade`, 'duplicate_grade', {
        id: `Grade ${g.grade} disebut dua kali`,
        en: `Grade ${g.grade} is listed twice`,
      });
    }
    seen.add(g.grade);
  });
  if (!grades.some((g) => g.grade !== 'reject')) {
    throw invalidField('grades', 'no_sellable_grade', {
      id: 'Minimal satu grade selain afkir',
      en: 'At least one grade besides reject is needed',
    });
  }
}

function checkShelfLife(s: { ambient: number | null; cool: number | null; cold: number | null }, storage: StorageClass) {
  if (s.ambient === null && s.cool === null && s.cold === null) {
    throw invalidField('shelfLifeDays', 'required', {
      id: 'Isi umur simpan minimal untuk satu kelas suhu',
      en: 'Give a shelf life for at least one storage class',
    });
  }
  if (s[storage] === null) {
    throw invalidField(`shelfLifeDays.${storage}`, 'required', {
      id: 'Umur simpan untuk kelas suhu anjuran wajib diisi',
      en: 'The recommended storage class needs a shelf life',
    });
  }
}

const codeTaken = (e: unknown) => {
  const c = pgConstraintOf(e);
  if (c === 'produce_commodities_code_uq')
    return refuse([field('code', 'code_taken', { id: 'Kode komoditas sudah dipakai', en: 'The commodity code is taken' })], 'validation');
  if (c === 'produce_commodities_name_uq')
    return refuse([field('name', 'name_taken', { id: 'Nama komoditas sudah ada', en: 'A commodity with this name exists' })], 'validation');
  return e;
};

export async function createCommodity(db: Db, cooperativeId: string, actor: Actor, input: CommodityInput) {
  checkGrades(input.grades);
  checkShelfLife(input.shelfLifeDays, input.storageClass);
  const grades = input.grades.some((g) => g.grade === 'reject')
    ? input.grades
    : [...input.grades, { grade: 'reject' as const, spec: 'Busuk, rusak, cacat berat, atau di bawah syarat grade terendah' }];
  const id = newId('kom');
  try {
    await db.transaction(async (tx) => {
      await repo.insertCommodity(tx, cooperativeId, {
        id,
        code: input.code,
        name: input.name,
        unit: input.unit,
        variableWeight: input.variableWeight,
        storageClass: input.storageClass,
        shelf: input.shelfLifeDays,
      });
      await repo.upsertGrades(tx, cooperativeId, id, grades);
      await recordAudit(tx, cooperativeId, actor, {
        action: 'produce.commodity.create',
        entityType: 'produce_commodity',
        entityId: id,
        changes: input,
      });
    });
  } catch (e) {
    throw codeTaken(e);
  }
  return getCommodity(db, cooperativeId, id);
}

export async function updateCommodity(db: Db, cooperativeId: string, actor: Actor, id: string, input: CommodityUpdate) {
  const [row] = await repo.listCommodities(db, cooperativeId, [id]);
  if (!row) throw commodityNotFound();
  const storageClass = input.storageClass ?? row.storage_class;
  const shelf = input.shelfLifeDays ?? { ambient: row.shelf_life_ambient, cool: row.shelf_life_cool, cold: row.shelf_life_cold };
  checkShelfLife(shelf, storageClass);
  if (input.grades) checkGrades(input.grades);
  try {
    await db.transaction(async (tx) => {
      await repo.updateCommodity(tx, cooperativeId, id, {
        name: input.name ?? row.name,
        variableWeight: input.variableWeight ?? row.variable_weight,
        storageClass,
        shelf,
        active: input.active ?? row.active,
      });
      if (input.grades) await repo.upsertGrades(tx, cooperativeId, id, input.grades);
      await recordAudit(tx, cooperativeId, actor, {
        action: 'produce.commodity.update',
        entityType: 'produce_commodity',
        entityId: id,
        changes: input,
      });
    });
  } catch (e) {
    throw codeTaken(e);
  }
  return getCommodity(db, cooperativeId, id);
}

export async function addPackFormat(db: Db, cooperativeId: string, actor: Actor, commodityId: string, input: PackFormatInput) {
  const [c] = await repo.listCommodities(db, cooperativeId, [commodityId]);
  if (!c) throw commodityNotFound();
  const content = readQuantity(
    '',
    c.unit,
    { kg: input.contentKg, count: input.contentCount },
    { kgKey: 'contentKg', countKey: 'contentCount' },
  );
  if (input.grade && !c.grades.some((g) => g.grade === input.grade)) {
    throw invalidField('grade', 'unknown_grade', {
      id: `${c.name} tidak memiliki grade ${input.grade}`,
      en: `${c.name} has no grade ${input.grade}`,
    });
  }
  const id = newId('pkf');
  await db.transaction(async (tx) => {
    await repo.insertPackFormat(tx, cooperativeId, {
      id,
      commodityId,
      channel: input.channel,
      name: input.name,
      grade: input.grade ?? null,
      content,
      packaging: input.packaging,
    });
    await recordAudit(tx, cooperativeId, actor, {
      action: 'produce.pack_format.create',
      entityType: 'produce_pack_format',
      entityId: id,
      changes: input,
    });
  });
  return getCommodity(db, cooperativeId, commodityId);
}

export async function setPackFormatActive(db: Db, cooperativeId: string, actor: Actor, id: string, active: boolean) {
  const p = await repo.findPackFormat(db, cooperativeId, id);
  if (!p) throw notFound({ id: 'Format kemasan tidak ditemukan', en: 'Pack format not found' });
  await db.transaction(async (tx) => {
    await repo.setPackFormatActive(tx, cooperativeId, id, active);
    await recordAudit(tx, cooperativeId, actor, {
      action: 'produce.pack_format.active',
      entityType: 'produce_pack_format',
      entityId: id,
      changes: { active },
    });
  });
  return getCommodity(db, cooperativeId, p.commodity_id);
}

export async function packFormatRow(db: Db, cooperativeId: string, id: string) {
  return repo.findPackFormat(db, cooperativeId, id);
}

export const unknownCommodity = (f = 'commodityId') =>
  new AppError('unprocessable', 'unknown_commodity', { id: 'Komoditas tidak ditemukan', en: 'Commodity not found' }, [
    field(f, 'unknown_commodity', { id: 'Komoditas tidak ditemukan', en: 'Commodity not found' }),
  ]);
