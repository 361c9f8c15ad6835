/** Buyers' demand by day, for production planning: contract volumes and orders outside contracts. */
import type { Db } from '../../db/client.js';
import * as repo from './volumes.repository.js';

export interface DayVolume {
  day: string;
  commodityCode: string;
  /** kg commodities count grams; others count pieces or bunches. */
  byWeight: boolean;
  grade: string;
  base: bigint;
}

const present = (r: repo.DayVolumeRow): DayVolume => ({
  day: r.day,
  commodityCode: r.commodity_code,
  byWeight: r.unit === 'kg',
  grade: r.grade,
  base: BigInt(r.base),
});

export async function contractVolumesByDay(db: Db, cooperativeId: string, from: string, to: string): Promise<DayVolume[]> {
  return (await repo.contractVolumesByDay(db, cooperativeId, from, to)).map(present);
}

export async function offContractOrdersByDay(db: Db, cooperativeId: string, from: string, to: string): Promise<DayVolume[]> {
  return (await repo.offContractOrdersByDay(db, cooperativeId, from, to)).map(present);
}

export const firstOffContractOrder = (db: Db, cooperativeId: string) => repo.firstOffContractOrder(db, cooperativeId);
