import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';

export interface SumFilter {
  account: string;
  asOf?: string;
  unit?: string;
  memberId?: string;
  partnerId?: string;
}

/** Σ debit and Σ credit of one account, optionally up to a date, for one unit, member or partner. */
export async function accountSums(db: Db, cooperativeId: string, f: SumFilter): Promise<{ debit: bigint; credit: bigint }> {
  const conds: SQL[] = [sql`cooperative_id = ${cooperativeId}`, sql`account = ${f.account}`];
  if (f.asOf) conds.push(sql`date <= ${f.asOf}`);
  if (f.unit) conds.push(sql`unit = ${f.unit}`);
  if (f.memberId) conds.push(sql`member_id = ${f.memberId}`);
  if (f.partnerId) conds.push(sql`partner_id = ${f.partnerId}`);
  const res = await db.execute<{ d: string; c: string }>(sql`
    SELECT coalesce(sum(debit), 0)::text AS d, coalesce(sum(credit), 0)::text AS c
    FROM journal_lines WHERE ${sql.join(conds, sql` AND `)}`);
  return { debit: BigInt(res.rows[0]!.d), credit: BigInt(res.rows[0]!.c) };
}

/** Per member (or partner) Σ debit − Σ credit of one account up to a date. */
export async function subsidiaryNets(
  db: Db,
  cooperativeId: string,
  f: { account: string; asOf: string; kind: 'member' | 'partner'; ids?: string[] },
): Promise<{ id: string; net: bigint }[]> {
  const col = f.kind === 'member' ? sql.raw('member_id') : sql.raw('partner_id');
  const conds: SQL[] = [
    sql`cooperative_id = ${cooperativeId}`,
    sql`${col} IS NOT NULL`,
    sql`account = ${f.account}`,
    sql`date <= ${f.asOf}`,
  ];
  if (f.ids)
    conds.push(
      sql`${col} = ANY(ARRAY[${sql.join(
        f.ids.map((i) => sql`${i}`),
        sql`, `,
      )}]::text[])`,
    );
  const res = await db.execute<{ id: string; net: string }>(sql`
    SELECT ${col} AS id, (sum(debit) - sum(credit))::text AS net
    FROM journal_lines WHERE ${sql.join(conds, sql` AND `)} GROUP BY ${col} ORDER BY ${col}`);
  return res.rows.map((r) => ({ id: r.id, net: BigInt(r.net) }));
}

export interface AccountTotals {
  account: string;
  openingDebit: bigint;
  openingCredit: bigint;
  debit: bigint;
  credit: bigint;
}

/**
 * Σ debit and Σ credit per account before `from` (opening) and from `from` to `to` (movement), in
 * one pass over the covering index. Without `from`, everything up to `to` is movement.
 */
export async function totalsByAccount(
  db: Db,
  cooperativeId: string,
  f: { from?: string; to: string; unit?: string },
): Promise<AccountTotals[]> {
  const unit = f.unit ? sql` AND unit = ${f.unit}` : sql``;
  const query = f.from
    ? sql`SELECT account,
             coalesce(sum(debit) FILTER (WHERE date < ${f.from}), 0)::text AS od,
             coalesce(sum(credit) FILTER (WHERE date < ${f.from}), 0)::text AS oc,
             coalesce(sum(debit) FILTER (WHERE date >= ${f.from}), 0)::text AS d,
             coalesce(sum(credit) FILTER (WHERE date >= ${f.from}), 0)::text AS c
           FROM journal_lines WHERE cooperative_id = ${cooperativeId} AND date <= ${f.to}${unit} GROUP BY account`
    : sql`SELECT account, '0' AS od, '0' AS oc, sum(debit)::text AS d, sum(credit)::text AS c
           FROM journal_lines WHERE cooperative_id = ${cooperativeId} AND date <= ${f.to}${unit} GROUP BY account`;
  const res = await db.execute<{ account: string; od: string; oc: string; d: string; c: string }>(query);
  return res.rows.map((r) => ({
    account: r.account,
    openingDebit: BigInt(r.od),
    openingCredit: BigInt(r.oc),
    debit: BigInt(r.d),
    credit: BigInt(r.c),
  }));
}

/** Net (debit − credit) per account of the year-end closing entries within a period. */
export async function closingNets(db: Db, cooperativeId: string, f: { from: string; to: string; unit?: string }) {
  const unit = f.unit ? sql` AND l.unit = ${f.unit}` : sql``;
  const res = await db.execute<{ account: string; net: string }>(sql`
    SELECT l.account, (sum(l.debit) - sum(l.credit))::text AS net
    FROM journal_entries e JOIN journal_lines l ON l.cooperative_id = e.cooperative_id AND l.entry_id = e.id
    WHERE e.cooperative_id = ${cooperativeId} AND e.closing AND e.date BETWEEN ${f.from} AND ${f.to}${unit}
    GROUP BY l.account`);
  return new Map(res.rows.map((r) => [r.account, BigInt(r.net)]));
}
