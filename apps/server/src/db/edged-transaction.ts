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
import type { SQL } from 'drizzle-orm';
import { NodePgSession, NodePgTransaction } from 'drizzle-orm/node-postgres';
import type { PgDialect } from 'drizzle-orm/pg-core';
import { randomBytes } from 'node:crypto';
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

/**
 * A statement left for the closing round trip (`leaveForClose`): a posting that takes the journal's
 * number runs there, right before COMMIT, so that no other posting of the cooperative waits on
 * the number's lock while Node answers. What the answer says of it (the number) is written as
 * tokens (`lateValue`) that the closing fills: in SQL for the stored answer, in Node for the sent one.
 */
export interface LateStatement {
  text: string;
  fills: LateFill[];
  /** What a failure of the statement means to the caller (a refusal, or the error itself). */
  refused(e: unknown): unknown;
}

export interface LateFill {
  token: string;
  /** A scalar SQL expression giving the value, run after the late statement. */
  sql: string;
  /** The value in Node, from the late statement's first row. */
  value(row: Record<string, unknown>): string;
}

const late = new WeakMap<Db, LateStatement[]>();

/** Leaves `statement` for the closing round trip of `tx`; false when `tx` is not an edged transaction. */
export function leaveForClose(tx: Db, statement: LateStatement): boolean {
  const list = late.get(tx);
  if (!list) return false;
  list.push(statement);
  return true;
}

export const lateStatementsOf = (tx: Db): readonly LateStatement[] => late.get(tx) ?? [];

/**
 * A token standing for a value the last statement left for the closing will make known. Only
 * letters, digits and `-./`: it is written unchanged into JSON and into SQL literals.
 */
export function lateValue(tx: Db, sql: string, value: LateFill['value']): string {
  const list = late.get(tx);
  const last = list?.[list.length - 1];
  if (!last) throw new Error('lateValue: nothing was left for the closing of this transaction');
  const token = `late-${randomBytes(12).toString('hex')}-${last.fills.length}`;
  last.fills.push({ token, sql, value });
  return token;
}

/**
 * A drizzle statement written as one text with its values as literals, for the simple protocol.
 * The statement's own text must not contain `$<digits>` other than its parameters' placeholders.
 */
export function literalText(db: Db, statement: SQL): string {
  const { sql, params } = (db as unknown as { dialect: PgDialect }).dialect.sqlToQuery(statement);
  return sql.replace(/\$(\d+)/g, (_, n: string) => paramLiteral(params[Number(n) - 1]));
}

function paramLiteral(v: unknown): string {
  if (v === null || v === undefined) return 'NULL';
  if (typeof v === 'string') return pg.escapeLiteral(v);
  if (typeof v === 'bigint') return `'${v}'`;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`not a finite number literal: ${v}`);
    return `'${v}'`;
  }
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return pg.escapeLiteral(v.toISOString());
  if (Array.isArray(v)) return pg.escapeLiteral(arrayLiteral(v));
  return pg.escapeLiteral(JSON.stringify(v));
}

/** A PostgreSQL array's text form, as the driver sends an array parameter: `{"a","b",NULL}`. */
function arrayLiteral(items: unknown[]): string {
  const element = (v: unknown): string => {
    if (v === null || v === undefined) return 'NULL';
    if (Array.isArray(v)) return arrayLiteral(v);
    const text = v instanceof Date ? v.toISOString() : typeof v === 'object' ? JSON.stringify(v) : String(v);
    return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  };
  return `{${items.map(element).join(',')}}`;
}

/** What the body decides: commit after the closing statements, or roll back everything. */
export type Ending = { commit: string[] } | 'rollback';

interface SessionParts {
  session: { client: pg.Pool; dialect: unknown; schema: unknown; options: unknown };
}

/**
 * Runs `body` in a new transaction on its own connection of `db`'s pool. `opening` runs right after
 * BEGIN in the same round trip; their results (one per statement) are given to `body`. Returns the
 * results of the closing statements (none after a rollback).
 */
export async function edgedTransaction(
  db: Db,
  opening: string[],
  body: (tx: Db, opened: pg.QueryResult[]) => Promise<Ending>,
): Promise<pg.QueryResult[]> {
  const outer = (db as unknown as SessionParts).session;
  const client = await outer.client.connect();
  const Session = NodePgSession as unknown as new (...a: unknown[]) => NodePgSession<Record<string, never>, never>;
  const Transaction = NodePgTransaction as unknown as new (...a: unknown[]) => Db;
  const tx = new Transaction(outer.dialect, new Session(client, outer.dialect, outer.schema, outer.options), outer.schema);
  let broken: Error | undefined;
  try {
    late.set(tx, []);
    const results = [await client.query(['BEGIN', ...opening].join(';\n'))].flat();
    const ending = await body(tx, results.slice(1));
    if (ending === 'rollback') {
      await client.query('ROLLBACK');
      return [];
    }
    const closed = [await client.query([...ending.commit, 'COMMIT'].join(';\n'))].flat();
    return closed.slice(0, -1);
  } catch (e) {
    // A failed statement (or a refused COMMIT) leaves the transaction to be rolled back.
    await client.query('ROLLBACK').catch((r: Error) => (broken = r));
    throw e;
  } finally {
    client.release(broken);
  }
}
