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
  if (!f.memberId && !f.partnerId) {
    const [t] = await totalsByAccount(db, cooperativeId, {
      to: f.asOf ?? '9999-12-30',
      unit: f.unit,
      accounts: [f.account],
      onlyListed: true,
    });
    return { debit: t?.debit ?? 0n, credit: t?.credit ?? 0n };
  }
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

const monthOf = (date: string) => `${date.slice(0, 7)}-01`;
function dayAfter(date: string) {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
const textArray = (xs: string[]) =>
  sql`ARRAY[${sql.join(
    xs.map((x) => sql`${x}`),
    sql`, `,
  )}]::text[]`;

/**
 * Σ debit and Σ credit per account before `from` (opening) and from `from` to `to` (movement).
 * Whole months come from ledger_monthly_totals; only the days of a month cut by `from` or `to`
 * are summed from the lines (index range scans), so a month-aligned period reads no lines at all.
 * `accounts` names the accounts a partial month is searched for (the chart's codes); with
 * `onlyListed` the result is limited to them.
 */
export async function totalsByAccount(
  db: Db,
  cooperativeId: string,
  f: { from?: string; to: string; unit?: string; accounts: string[]; onlyListed?: boolean },
): Promise<AccountTotals[]> {
  const end = dayAfter(f.to); // everything strictly before `end`
  const start = f.from; // opening: strictly before `start`
  const unitCond = f.unit ? sql` AND unit = ${f.unit}` : sql``;
  const startMonth = start ? monthOf(start) : null;
  const endMonth = monthOf(end);
  const totals = new Map<string, AccountTotals>();
  const at = (account: string) => {
    let t = totals.get(account);
    if (!t) totals.set(account, (t = { account, openingDebit: 0n, openingCredit: 0n, debit: 0n, credit: 0n }));
    return t;
  };
  const opening = startMonth ? sql`month < ${startMonth}` : sql`false`;
  const months = await db.execute<{ account: string; od: string; oc: string; cd: string; cc: string }>(sql`
    SELECT account,
           coalesce(sum(debit_total) FILTER (WHERE ${opening}), 0)::text AS od,
           coalesce(sum(credit_total) FILTER (WHERE ${opening}), 0)::text AS oc,
           sum(debit_total)::text AS cd, sum(credit_total)::text AS cc
    FROM ledger_monthly_totals
    WHERE cooperative_id = ${cooperativeId} AND month < ${endMonth}${unitCond}${f.onlyListed ? sql` AND account = ANY(${textArray(f.accounts)})` : sql``}
    GROUP BY account`);
  // Closing sums (before `end`) go to debit/credit for now; the opening is subtracted below.
  for (const r of months.rows) {
    const t = at(r.account);
    t.openingDebit += BigInt(r.od);
    t.openingCredit += BigInt(r.oc);
    t.debit += BigInt(r.cd);
    t.credit += BigInt(r.cc);
  }
  const partial = (tag: 'o' | 'c', from: string, before: string) =>
    sql`SELECT ${tag}::text AS tag, account, sum(debit)::text AS d, sum(credit)::text AS c FROM journal_lines
        WHERE cooperative_id = ${cooperativeId} AND account = ANY(${textArray(f.accounts)})
          AND date >= ${from} AND date < ${before}${unitCond} GROUP BY account`;
  const parts: SQL[] = [];
  if (start && startMonth! < start) parts.push(partial('o', startMonth!, start));
  if (endMonth < end) parts.push(partial('c', endMonth, end));
  if (parts.length && f.accounts.length) {
    const res = await db.execute<{ tag: 'o' | 'c'; account: string; d: string; c: string }>(sql.join(parts, sql` UNION ALL `));
    for (const r of res.rows) {
      const t = at(r.account);
      if (r.tag === 'o') {
        t.openingDebit += BigInt(r.d);
        t.openingCredit += BigInt(r.c);
      } else {
        t.debit += BigInt(r.d);
        t.credit += BigInt(r.c);
      }
    }
  }
  for (const t of totals.values()) {
    t.debit -= t.openingDebit;
    t.credit -= t.openingCredit;
  }
  return [...totals.values()];
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
