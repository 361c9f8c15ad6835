// The drizzle table definitions and the SQL migrations describe the same tables (decision 0003):
// every drizzle table exists with exactly its columns, types and nullability.
import { is, sql } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { schema } from '../src/db/schema.js';
import { testDatabase } from './support/db.js';

type Col = { table_name: string; column_name: string; is_nullable: 'YES' | 'NO'; udt_name: string };

const TYPE_MAP: Record<string, string> = {
  PgText: 'text',
  PgInteger: 'int4',
  PgBigInt64: 'int8',
  PgBigInt53: 'int8',
  PgTimestamp: 'timestamptz',
  PgDateString: 'date',
  PgDate: 'date',
  PgJsonb: 'jsonb',
  PgBoolean: 'bool',
  PgArray: '_text',
  PgNumeric: 'numeric',
  PgSmallInt: 'int2',
};

let columns: Col[];
beforeAll(async () => {
  const { db } = await testDatabase();
  const res = await db.execute<Col>(
    sql`SELECT table_name, column_name, is_nullable, udt_name FROM information_schema.columns WHERE table_schema = 'public'`,
  );
  columns = res.rows;
});

const tables = Object.values(schema as Record<string, unknown>).filter((t): t is PgTable => is(t, PgTable));

describe('drizzle schema matches the migrated database', () => {
  it('has tables to compare', () => expect(tables.length).toBeGreaterThan(5));
  for (const table of tables) {
    const cfg = getTableConfig(table);
    it(`${cfg.name}`, () => {
      const dbCols = columns.filter((c) => c.table_name === cfg.name);
      expect(dbCols.length, `table ${cfg.name} missing in migrations`).toBeGreaterThan(0);
      expect(cfg.columns.map((c) => c.name).sort()).toEqual(dbCols.map((c) => c.column_name).sort());
      for (const col of cfg.columns) {
        const dbCol = dbCols.find((c) => c.column_name === col.name)!;
        expect(dbCol.is_nullable === 'NO', `${cfg.name}.${col.name} nullability`).toBe(col.notNull);
        const expected = TYPE_MAP[col.columnType];
        if (expected) expect(dbCol.udt_name, `${cfg.name}.${col.name} type`).toBe(expected);
      }
    });
  }
});
