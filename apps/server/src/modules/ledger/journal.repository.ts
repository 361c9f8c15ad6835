import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { executePrepared } from '../../db/prepared.js';

/** Statements run in a posting's own statement (see insertEntry). */
export interface Alongside {
  ctes?: SQL[];
  returning?: SQL;
  /**
   * For a posting left for the closing round trip: each column of `returning` with a scalar SQL
   * expression that reads its value back after the statement (see postEntry's `atClose`).
   */
  late?: Record<string, string>;
}

/** One common table expression: `name AS (statement)`. */
export const cte = (name: string, statement: SQL): SQL => sql`${sql.identifier(name)} AS (${statement})`;

export interface NewLine {
  account: string;
  unit: string;
  debit: bigint;
  credit: bigint;
  memberId: string | null;
  partnerId: string | null;
  memo: string | null;
}

export interface NewEntry {
  id: string;
  /** Number series, `JU-2025`: the entry is numbered `JU-2025-000123`, the next in the series. */
  series: string;
  date: string;
  memo: string;
  sourceModule: string;
  sourceDocumentId: string;
  reversesId: string | null;
  closing: boolean;
  createdById: string | null;
  createdByLabel: string;
  lines: NewLine[];
}

/**
 * Number, header and lines in one statement, one round trip however many lines. Returns the
 * entry's number. The series row stays locked until commit, which keeps numbers gap-free.
 * `alongside`: the source document's own inserts (its rows, its audit record) as further common
 * table expressions of the same statement (`cte(name, statement)`); they may read the new entry from
 * `h` (`h.id`, `h.number`), and `returning` adds columns read from them to the result. Fewer round
 * trips while the series row is locked.
 */
export async function insertEntry(
  db: Db,
  cooperativeId: string,
  e: NewEntry,
  alongside: Alongside = {},
): Promise<{ number: string } & Record<string, unknown>> {
  const res = await executePrepared<{ number: string } & Record<string, unknown>>(db, entryStatement(cooperativeId, e, alongside));
  return res.rows[0]!;
}

/** The statement `insertEntry` runs; its one row has the entry's `number` and the `returning` columns. */
export function entryStatement(cooperativeId: string, e: NewEntry, alongside: Alongside = {}): SQL {
  const lines = JSON.stringify(
    e.lines.map((l, i) => ({
      line_no: i,
      account: l.account,
      unit: l.unit,
      member_id: l.memberId,
      partner_id: l.partnerId,
      debit: l.debit.toString(),
      credit: l.credit.toString(),
      memo: l.memo,
    })),
  );
  return sql`
    WITH n AS (
      INSERT INTO number_sequences (cooperative_id, series, last_value) VALUES (${cooperativeId}, ${e.series}, 1)
      ON CONFLICT (cooperative_id, series) DO UPDATE SET last_value = number_sequences.last_value + 1
      RETURNING last_value::text AS v
    ), h AS (
      INSERT INTO journal_entries (cooperative_id, id, number, date, memo, source_module, source_document_id, reverses_id,
                                   closing, created_by_id, created_by_label)
      SELECT ${cooperativeId}, ${e.id}, ${e.series} || '-' || CASE WHEN length(n.v) >= 6 THEN n.v ELSE lpad(n.v, 6, '0') END,
             ${e.date}::date, ${e.memo}, ${e.sourceModule}, ${e.sourceDocumentId}, ${e.reversesId}, ${e.closing},
             ${e.createdById}, ${e.createdByLabel}
      FROM n
      RETURNING cooperative_id, id, date, number
    ), entry_lines AS (
      INSERT INTO journal_lines (cooperative_id, entry_id, line_no, date, account, unit, member_id, partner_id, debit, credit, memo)
      SELECT h.cooperative_id, h.id, x.line_no, h.date, x.account, x.unit, x.member_id, x.partner_id, x.debit, x.credit, x.memo
      FROM h, jsonb_to_recordset(${lines}::jsonb)
        AS x(line_no smallint, account text, unit text, member_id text, partner_id text, debit bigint, credit bigint, memo text)
    )${sql.join(
      (alongside.ctes ?? []).map((c) => sql`, ${c}`),
      sql``,
    )}
    SELECT number${alongside.returning ? sql`, ${alongside.returning}` : sql``} FROM h`;
}

export type EntryRow = {
  id: string;
  number: string;
  date: string;
  memo: string;
  source_module: string;
  source_document_id: string;
  reverses_id: string | null;
  reversed_by_id: string | null;
  closing: boolean;
  created_at: Date;
  created_by_label: string;
};

export type LineRow = {
  entry_id: string;
  line_no: number;
  account: string;
  unit: string;
  member_id: string | null;
  partner_id: string | null;
  debit: bigint;
  credit: bigint;
  memo: string | null;
};

const entryColumns = sql`e.id, e.number, e.date, e.memo, e.source_module, e.source_document_id, e.reverses_id, e.closing,
  e.created_at, e.created_by_label,
  (SELECT r.id FROM journal_entries r WHERE r.cooperative_id = e.cooperative_id AND r.reverses_id = e.id) AS reversed_by_id`;

export async function findEntry(db: Db, cooperativeId: string, id: string): Promise<EntryRow | undefined> {
  const res = await db.execute<EntryRow>(sql`
    SELECT ${entryColumns} FROM journal_entries e WHERE e.cooperative_id = ${cooperativeId} AND e.id = ${id}`);
  return res.rows[0];
}

export async function linesOf(db: Db, cooperativeId: string, entryIds: string[]): Promise<LineRow[]> {
  if (!entryIds.length) return [];
  const res = await db.execute<LineRow>(sql`
    SELECT entry_id, line_no, account, unit, member_id, partner_id, debit, credit, memo
    FROM journal_lines WHERE cooperative_id = ${cooperativeId} AND entry_id = ANY(ARRAY[${sql.join(
      entryIds.map((i) => sql`${i}`),
      sql`, `,
    )}]::text[])
    ORDER BY entry_id, line_no`);
  return res.rows.map((r) => ({ ...r, debit: BigInt(r.debit), credit: BigInt(r.credit), line_no: Number(r.line_no) }));
}

export interface EntryFilter {
  from?: string;
  to?: string;
  account?: string;
  sourceModule?: string;
  sourceDocumentId?: string;
  /** Keyset cursor: entries strictly before (date, id) in the newest-first order. */
  before?: { date: string; id: string };
  limit: number;
}

export async function listEntries(db: Db, cooperativeId: string, f: EntryFilter): Promise<EntryRow[]> {
  const conds: SQL[] = [sql`e.cooperative_id = ${cooperativeId}`];
  if (f.from) conds.push(sql`e.date >= ${f.from}`);
  if (f.to) conds.push(sql`e.date <= ${f.to}`);
  if (f.sourceModule) conds.push(sql`e.source_module = ${f.sourceModule}`);
  if (f.sourceDocumentId) conds.push(sql`e.source_document_id = ${f.sourceDocumentId}`);
  if (f.account)
    conds.push(
      sql`EXISTS (SELECT 1 FROM journal_lines l WHERE l.cooperative_id = e.cooperative_id AND l.entry_id = e.id AND l.account = ${f.account})`,
    );
  if (f.before) conds.push(sql`(e.date, e.id) < (${f.before.date}::date, ${f.before.id})`);
  const res = await db.execute<EntryRow>(sql`
    SELECT ${entryColumns} FROM journal_entries e WHERE ${sql.join(conds, sql` AND `)}
    ORDER BY e.date DESC, e.id DESC LIMIT ${f.limit + 1}`);
  return res.rows;
}
