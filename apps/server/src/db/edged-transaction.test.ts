import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../test/support/db.js';
import { edgedTransaction, sqlText } from './edged-transaction.js';

const { db, pool } = await testDatabase();
const rows = async () => (await pool.query<{ k: string; v: string }>('SELECT k, v FROM edge_t ORDER BY k')).rows;

beforeAll(async () => {
  await pool.query('CREATE TABLE edge_t (k text PRIMARY KEY, v text NOT NULL CHECK (v <> $$refused$$))');
});

describe('edgedTransaction', () => {
  it('runs the opening with BEGIN and hands over its results; the closing commits with COMMIT', async () => {
    await edgedTransaction(
      db,
      [sqlText`INSERT INTO edge_t VALUES (${'a'}, ${'opened'}) RETURNING k`, 'SELECT 2 AS two'],
      async (tx, opened) => {
        expect(opened.map((r) => r.rows)).toEqual([[{ k: 'a' }], [{ two: 2 }]]);
        await tx.execute(sql`INSERT INTO edge_t VALUES ('b', 'in the body')`);
        // Not committed yet: another connection does not see it.
        expect(await rows()).toEqual([]);
        return { commit: [sqlText`UPDATE edge_t SET v = ${'closed'} WHERE k = ${'a'}`] };
      },
    );
    expect(await rows()).toEqual([
      { k: 'a', v: 'closed' },
      { k: 'b', v: 'in the body' },
    ]);
  });

  it('keeps nothing when the body asks for a rollback or throws', async () => {
    await edgedTransaction(db, [sqlText`INSERT INTO edge_t VALUES (${'c'}, ${'x'})`], async () => 'rollback');
    await expect(
      edgedTransaction(db, [sqlText`INSERT INTO edge_t VALUES (${'d'}, ${'x'})`], async () => {
        throw new Error('refused by the body');
      }),
    ).rejects.toThrow('refused by the body');
    expect((await rows()).map((r) => r.k)).toEqual(['a', 'b']);
  });

  it('rolls back the whole transaction when a closing statement fails, and the connection stays usable', async () => {
    await expect(
      edgedTransaction(db, [sqlText`INSERT INTO edge_t VALUES (${'e'}, ${'x'})`], async () => ({
        commit: [sqlText`INSERT INTO edge_t VALUES (${'f'}, ${'refused'})`],
      })),
    ).rejects.toThrow(/check constraint/);
    expect((await rows()).map((r) => r.k)).toEqual(['a', 'b']);
    // Every connection of the pool is back and clean: a run of transactions on all of them commits.
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        edgedTransaction(db, [sqlText`INSERT INTO edge_t VALUES (${`p${i}`}, ${'ok'})`], async () => ({ commit: [] })),
      ),
    );
    expect((await rows()).filter((r) => r.k.startsWith('p'))).toHaveLength(12);
  });

  it('writes values as literals that survive quotes, backslashes, newlines and non-Latin text', async () => {
    const tricky = `O'Brien \\ "kutip" \n baris dua; DROP TABLE edge_t; -- Ngatiyem ꦲꦏ꧀ꦱꦫ 🌶️`;
    await edgedTransaction(db, [], async () => ({ commit: [sqlText`INSERT INTO edge_t VALUES (${'tricky'}, ${tricky})`] }));
    expect((await rows()).find((r) => r.k === 'tricky')?.v).toBe(tricky);
    expect(sqlText`SELECT ${null}, ${42}`).toBe('SELECT NULL, 42');
    expect(() => sqlText`SELECT ${0.5}`).toThrow(/safe integer/);
  });
});
