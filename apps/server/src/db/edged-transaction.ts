/**
 * A transaction whose first and last round trips carry statements of the caller's: `BEGIN;
 * <opening>` goes as one query and `<closing>; COMMIT` as another.
 *
 * Why: a posting holds the journal number's lock (and its monthly totals' rows) until commit, and
 * every round trip between the posting and COMMIT is time every other posting of the cooperative
 * waits; on a busy server each round trip also waits its turn on Node's event loop. Several
 * statements fit in one round trip only in PostgreSQL's simple query protocol, which takes no
 * parameters: the edge statements are written with their values as escaped literals (`sqlText`).
 */
import { NodePgSession, NodePgTransaction } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import type { Db } from './client.js';

type Literal = string | number | null;

function literal(v: Literal): string {
  if (v === null) return 'NULL';
  if (typeof v === 'number') {
    if (!Number.isSafeInteger(v)) throw new Error(`not a safe integer literal: ${v}`);
    return String(v);
  }
  return pg.escapeLiteral(v);
}

/** One statement with its values written in as literals. @example sqlText`DELETE FROM t WHERE k = ${key}` */
export function sqlText(strings: TemplateStringsArray, ...values: Literal[]): string {
  return strings.reduce((s, part, i) => s + literal(values[i - 1] as Literal) + part);
}

/** What the body decides: commit after the closing statements, or roll back everything. */
export type Ending = { commit: string[] } | 'rollback';

interface SessionParts {
  session: { client: pg.Pool; dialect: unknown; schema: unknown; options: unknown };
}

/**
 * Runs `body` in a new transaction on its own connection of `db`'s pool. `opening` runs right after
 * BEGIN in the same round trip; their results (one per statement) are given to `body`.
 */
export async function edgedTransaction(db: Db, opening: string[], body: (tx: Db, opened: pg.QueryResult[]) => Promise<Ending>) {
  const outer = (db as unknown as SessionParts).session;
  const client = await outer.client.connect();
  const Session = NodePgSession as unknown as new (...a: unknown[]) => NodePgSession<Record<string, never>, never>;
  const Transaction = NodePgTransaction as unknown as new (...a: unknown[]) => Db;
  const tx = new Transaction(outer.dialect, new Session(client, outer.dialect, outer.schema, outer.options), outer.schema);
  let broken: Error | undefined;
  try {
    const results = [await client.query(['BEGIN', ...opening].join(';\n'))].flat();
    const ending = await body(tx, results.slice(1));
    await client.query(ending === 'rollback' ? 'ROLLBACK' : [...ending.commit, 'COMMIT'].join(';\n'));
  } catch (e) {
    // A failed statement (or a refused COMMIT) leaves the transaction to be rolled back.
    await client.query('ROLLBACK').catch((r: Error) => (broken = r));
    throw e;
  } finally {
    client.release(broken);
  }
}
