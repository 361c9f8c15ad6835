import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { cooperatives } from './cooperatives.schema.js';

export const insertCooperative = (db: Db, row: typeof cooperatives.$inferInsert) => db.insert(cooperatives).values(row);

export const findCooperative = (db: Db, id: string) =>
  db
    .select()
    .from(cooperatives)
    .where(eq(cooperatives.id, id))
    .limit(1)
    .then((r) => r[0]);

export const findCooperatives = (db: Db, ids: string[]) =>
  ids.length ? db.select().from(cooperatives).where(inArray(cooperatives.id, ids)) : Promise.resolve([]);

export const updateCooperative = (db: Db, id: string, set: Partial<typeof cooperatives.$inferInsert>) =>
  db.update(cooperatives).set(set).where(eq(cooperatives.id, id)).returning();

export const findByName = (db: Db, name: string) =>
  db
    .select()
    .from(cooperatives)
    .where(eq(cooperatives.name, name))
    .limit(1)
    .then((r) => r[0]);
