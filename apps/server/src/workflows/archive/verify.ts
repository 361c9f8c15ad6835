/**
 * The checks an archive load must pass before it commits. Rows are loaded with triggers and
 * foreign keys switched off (see import.ts), so everything they would have enforced is checked
 * here instead, once, over the loaded rows: every reference resolves, the trigger-kept totals equal
 * a recomputation from the rows they summarise, and every journal entry balances.
 */
import type pg from 'pg';
import { ident, type Catalog } from './catalog.js';

export class ArchiveCheckError extends Error {}

/** `cooperativeId` limits the checks to one cooperative's rows; without it, the whole database. */
export async function verifyLoaded(client: pg.ClientBase, catalog: Catalog, tables: string[], cooperativeId?: string): Promise<void> {
  const problems: string[] = [];
  const params = cooperativeId ? [cooperativeId] : [];
  for (const table of tables) {
    const info = catalog.get(table)!;
    const scope = cooperativeId && info.columns.includes('cooperative_id') ? 'c.cooperative_id = $1' : cooperativeId ? 'false' : 'true';
    for (const fk of info.foreignKeys) {
      const present = fk.columns.map((col) => `c.${ident(col)} IS NOT NULL`).join(' AND ');
      const match = fk.columns.map((col, i) => `p.${ident(fk.refColumns[i]!)} = c.${ident(col)}`).join(' AND ');
      const { rows } = await client.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM ${ident(table)} c
          WHERE ${scope} AND ${present} AND NOT EXISTS (SELECT 1 FROM ${ident(fk.refTable)} p WHERE ${match})`,
        params,
      );
      if (rows[0]!.n > 0) problems.push(`${rows[0]!.n} row(s) of ${table} point to missing ${fk.refTable} (${fk.columns.join(', ')})`);
    }
  }
  const where = cooperativeId ? 'WHERE cooperative_id = $1' : '';
  const ledgerTotals = await client.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM
       (SELECT cooperative_id, account, unit, date_trunc('month', date)::date AS month, sum(debit) AS d, sum(credit) AS c
          FROM journal_lines ${where} GROUP BY 1, 2, 3, 4) r
       FULL JOIN (SELECT * FROM ledger_monthly_totals ${where}) t USING (cooperative_id, account, unit, month)
      WHERE r.d IS DISTINCT FROM t.debit_total OR r.c IS DISTINCT FROM t.credit_total`,
    params,
  );
  if (ledgerTotals.rows[0]!.n > 0) problems.push(`${ledgerTotals.rows[0]!.n} monthly account total(s) differ from the journal lines`);
  const stock = await client.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM
       (SELECT cooperative_id, lot_id, location_id, sum(quantity) AS q, sum(value) AS v FROM produce_movements ${where} GROUP BY 1, 2, 3) m
       FULL JOIN (SELECT * FROM produce_stock ${where}) s USING (cooperative_id, lot_id, location_id)
      WHERE m.q IS DISTINCT FROM s.quantity OR m.v IS DISTINCT FROM s.value`,
    params,
  );
  if (stock.rows[0]!.n > 0) problems.push(`${stock.rows[0]!.n} stock position(s) differ from the stock movements`);
  const unbalanced = await client.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM journal_entries e ${cooperativeId ? 'WHERE e.cooperative_id = $1 AND' : 'WHERE'}
       (SELECT coalesce(sum(l.debit), 0) - coalesce(sum(l.credit), 0) FROM journal_lines l
         WHERE l.cooperative_id = e.cooperative_id AND l.entry_id = e.id) <> 0
       OR (SELECT count(*) FROM journal_lines l WHERE l.cooperative_id = e.cooperative_id AND l.entry_id = e.id) < 2`,
    params,
  );
  if (unbalanced.rows[0]!.n > 0) problems.push(`${unbalanced.rows[0]!.n} journal entr(y/ies) do not balance`);
  if (problems.length)
    throw new ArchiveCheckError(`The archive's data does not hold together, nothing was loaded: ${problems.join('; ')}.`);
}
