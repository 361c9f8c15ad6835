/**
 * The cooperatives themselves: the tenants of kopdes. Each is tied to one village by its official
 * Kemendagri code and keeps its own time zone, in which all its business dates are reckoned.
 */
import type { CooperativeInput } from '@kopdes/shared/cooperatives';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../lib/actor.js';
import { villageInfo } from '../../lib/areas.js';
import { invalidField, notFound } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { recordAudit } from '../audit/audit.service.js';
import * as repo from './cooperatives.repository.js';

type Row = NonNullable<Awaited<ReturnType<typeof repo.findCooperative>>>;

export function present(row: Row) {
  return {
    id: row.id,
    name: row.name,
    legalEntityNumber: row.legalEntityNumber,
    villageCode: row.villageCode,
    village: villageInfo(row.villageCode) ?? null,
    timeZone: row.timeZone as 'Asia/Jakarta',
    address: row.address,
    createdAt: row.createdAt.toISOString(),
  };
}

function checkVillage(code: string) {
  if (!villageInfo(code)) {
    throw invalidField('villageCode', 'unknown_village', {
      id: `Kode desa ${code} tidak ada dalam daftar wilayah Kemendagri`,
      en: `Village code ${code} is not in the official list of villages`,
    });
  }
}

export async function createCooperative(db: Db, actor: Actor, input: CooperativeInput) {
  checkVillage(input.villageCode);
  const id = newId('kop');
  return db.transaction(async (tx) => {
    await repo.insertCooperative(tx, {
      id,
      name: input.name,
      legalEntityNumber: input.legalEntityNumber ?? null,
      villageCode: input.villageCode,
      timeZone: input.timeZone,
      address: input.address ?? null,
    });
    await recordAudit(tx, id, actor, { action: 'cooperative.create', entityType: 'cooperative', entityId: id, changes: input });
    return present((await repo.findCooperative(tx, id))!);
  });
}

export async function getCooperative(db: Db, id: string) {
  const row = await repo.findCooperative(db, id);
  if (!row) throw notFound();
  return present(row);
}

export async function cooperativesByIds(db: Db, ids: string[]) {
  return (await repo.findCooperatives(db, ids)).map(present);
}

export async function updateCooperative(db: Db, actor: Actor, id: string, input: Partial<CooperativeInput>) {
  if (input.villageCode) checkVillage(input.villageCode);
  return db.transaction(async (tx) => {
    const before = await repo.findCooperative(tx, id);
    if (!before) throw notFound();
    const [row] = await repo.updateCooperative(tx, id, { ...input, updatedAt: new Date() });
    const changes = Object.fromEntries(
      Object.entries(input).map(([k, v]) => [k, { from: (before as Record<string, unknown>)[k] ?? null, to: v ?? null }]),
    );
    await recordAudit(tx, id, actor, { action: 'cooperative.update', entityType: 'cooperative', entityId: id, changes });
    return present(row!);
  });
}

export const findCooperativeByName = (db: Db, name: string) => repo.findByName(db, name);
