import { param, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../test/support/db.js';
import { edgedTransaction, lateStatementsOf, lateValue, leaveForClose, literalText, sqlText } from './edged-transaction.js';

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

  it('writes a drizzle statement as literal text that means what its parameters meant', async () => {
    const values = {
      text: `O'Brien \\ "kutip" \n ꦲꦏ꧀ꦱꦫ 🌶️`,
      big: 9_007_199_254_740_993n,
      int: 42,
      yes: true,
      none: null,
      at: new Date('2026-11-28T21:00:00.123Z'),
      json: { lines: [{ debit: '10000', memo: "Setoran 'pokok'" }] },
      list: ['Penerimaan PNR-2026-000001', null, 'koma, "kutip" \\ garis', '{kurung}'],
    };
    const statement = sql`SELECT ${values.text}::text AS text, ${values.big}::bigint::text AS big, ${values.int}::int AS int,
      ${values.yes}::boolean AS yes, ${values.none}::text AS none, ${values.at}::timestamptz = '2026-11-28T21:00:00.123Z' AS at,
      ${JSON.stringify(values.json)}::jsonb -> 'lines' -> 0 ->> 'memo' AS memo, ${param(values.list)}::text[] AS list`;
    const viaParameters = (await db.execute(statement)).rows[0];
    const viaText = (await pool.query(literalText(db, statement))).rows[0];
    expect(viaText).toEqual(viaParameters);
    expect(viaText).toEqual({
      text: values.text,
      big: '9007199254740993',
      int: 42,
      yes: true,
      none: null,
      at: true,
      memo: "Setoran 'pokok'",
      list: values.list,
    });
  });

  it('runs what was left for the closing before COMMIT and returns its results; outside one, nothing can be left', async () => {
    const statement = {
      text: sqlText`INSERT INTO edge_t VALUES (${'late'}, ${'closing'}) RETURNING v`,
      fills: [],
      refused: (e: unknown) => e,
    };
    expect(leaveForClose(db, statement)).toBe(false);
    expect(() => lateValue(db, 'NULL', () => '')).toThrow(/nothing was left/);
    let token = '';
    const closed = await edgedTransaction(db, [], async (tx) => {
      expect(leaveForClose(tx, statement)).toBe(true);
      token = lateValue(tx, sqlText`(SELECT v FROM edge_t WHERE k = ${'late'})`, (row) => String(row.v));
      expect(lateStatementsOf(tx)).toHaveLength(1);
      expect((await rows()).find((r) => r.k === 'late')).toBeUndefined(); // not run yet
      return { commit: lateStatementsOf(tx).map((s) => s.text) };
    });
    expect(token).toMatch(/^late-[0-9a-f]{24}-0$/);
    expect(closed.map((r) => r.rows)).toEqual([[{ v: 'closing' }]]);
    expect((await rows()).find((r) => r.k === 'late')?.v).toBe('closing');
  });
});
