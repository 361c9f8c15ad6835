/**
 * Views for the clerks' and the board's screens: intake today and this week by commodity, grade
 * mix per farmer and per group over time, and what is payable to each farmer (beside the ledger).
 */
import { ACCOUNTS } from '@kopdes/shared/ledger';
import { GRADES, type Grade, type UnitOfMeasure } from '@kopdes/shared/produce';
import type { Db } from '../../db/client.js';
import { concurrentOnPool } from '../../db/concurrent.js';
import { subsidiaryBalances } from '../ledger/ledger.service.js';
import { addDays, qty, todayOf, weekStart } from './common.js';
import { membersWithGroups } from './member-directory.js';
import * as repo from './views.repository.js';

const permille = (part: bigint, whole: bigint) => (whole === 0n ? 0 : Number((part * 1000n) / whole));

function mix(byGrade: Map<Grade, bigint>, unit: UnitOfMeasure) {
  const total = [...byGrade.values()].reduce((s, q) => s + q, 0n);
  return GRADES.filter((g) => byGrade.has(g)).map((g) => ({
    grade: g,
    quantity: qty(byGrade.get(g)!, unit),
    permille: permille(byGrade.get(g)!, total),
  }));
}

export async function intakeSummary(db: Db, cooperativeId: string, q: { date?: string }) {
  const date = q.date ?? (await todayOf(db, cooperativeId));
  const from = weekStart(date);
  const to = addDays(from, 6);
  const [day, week, graded] = await concurrentOnPool(
    db,
    () => repo.intakeTotals(db, cooperativeId, date, date),
    () => repo.intakeTotals(db, cooperativeId, from, to),
    () => repo.gradedByCommodity(db, cooperativeId, from, to, date),
  );
  const byCommodity = new Map<
    string,
    { name: string; unit: UnitOfMeasure; today: bigint; week: bigint; amount: bigint; grades: Map<Grade, bigint> }
  >();
  for (const r of graded) {
    const c = byCommodity.get(r.commodity_id) ?? {
      name: r.commodity_name,
      unit: r.unit,
      today: 0n,
      week: 0n,
      amount: 0n,
      grades: new Map(),
    };
    c.today += r.today;
    c.week += r.quantity;
    c.amount += r.amount;
    c.grades.set(r.grade, r.quantity);
    byCommodity.set(r.commodity_id, c);
  }
  const totals = (t: Awaited<ReturnType<typeof repo.intakeTotals>>) => ({
    intakes: Number(t.n),
    farmers: Number(t.farmers),
    net: qty(t.net ?? 0n, 'kg'),
    amount: (t.amount ?? 0n).toString(),
  });
  return {
    date,
    weekFrom: from,
    weekTo: to,
    today: totals(day),
    week: totals(week),
    byCommodity: [...byCommodity.entries()].map(([id, c]) => ({
      commodityId: id,
      commodityName: c.name,
      unit: c.unit,
      today: qty(c.today, c.unit),
      week: qty(c.week, c.unit),
      weekAmount: c.amount.toString(),
      weekGrades: mix(c.grades, c.unit),
    })),
  };
}

/** Quality over time: the grade mix per farmer or per farmer group, week by week (kg commodities). */
export async function gradeMix(
  db: Db,
  cooperativeId: string,
  q: { by: 'farmer' | 'group'; from?: string; to?: string; commodityId?: string },
) {
  const to = q.to ?? (await todayOf(db, cooperativeId));
  const from = q.from ?? addDays(weekStart(to), -7 * 7);
  const [rows, members] = await concurrentOnPool(
    db,
    () => repo.gradesByMemberWeek(db, cooperativeId, from, to, q.commodityId),
    () => membersWithGroups(db, cooperativeId),
  );
  const memberOf = new Map(members.map((m) => [m.id, m]));
  const keyOf = (memberId: string) => {
    const m = memberOf.get(memberId);
    if (q.by === 'farmer') return { id: memberId, name: m ? `${m.fullName} (${m.number})` : memberId };
    return m?.farmerGroupId ? { id: m.farmerGroupId, name: m.farmerGroupName ?? '' } : { id: 'none', name: 'Tanpa kelompok tani' };
  };
  const groups = new Map<string, { name: string; grades: Map<Grade, bigint>; weeks: Map<string, Map<Grade, bigint>> }>();
  for (const r of rows) {
    const k = keyOf(r.member_id);
    const g = groups.get(k.id) ?? { name: k.name, grades: new Map(), weeks: new Map() };
    g.grades.set(r.grade, (g.grades.get(r.grade) ?? 0n) + r.quantity);
    const w = g.weeks.get(r.week) ?? new Map<Grade, bigint>();
    w.set(r.grade, (w.get(r.grade) ?? 0n) + r.quantity);
    g.weeks.set(r.week, w);
    groups.set(k.id, g);
  }
  const sum = (m: Map<Grade, bigint>) => [...m.values()].reduce((s, x) => s + x, 0n);
  return {
    by: q.by,
    from,
    to,
    rows: [...groups.entries()]
      .map(([id, g]) => ({
        id,
        name: g.name,
        total: qty(sum(g.grades), 'kg'),
        grades: mix(g.grades, 'kg'),
        weeks: [...g.weeks.entries()]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([week, w]) => ({
            week,
            total: qty(sum(w), 'kg'),
            gradeAPermille: permille(w.get('A') ?? 0n, sum(w)),
            rejectPermille: permille(w.get('reject') ?? 0n, sum(w)),
          })),
      }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  };
}

/** What the cooperative owes each farmer: unpaid intakes, beside the payable in the ledger (2102). */
export async function payables(db: Db, cooperativeId: string, q: { asOf?: string }) {
  const asOf = q.asOf ?? (await todayOf(db, cooperativeId));
  const [unpaid, ledger, members] = await concurrentOnPool(
    db,
    () => repo.unpaidByMember(db, cooperativeId, asOf),
    () => subsidiaryBalances(db, cooperativeId, { account: ACCOUNTS.UTANG_PETANI, asOf }),
    () => membersWithGroups(db, cooperativeId),
  );
  const unpaidOf = new Map(unpaid.map((u) => [u.member_id, u]));
  const ids = [...new Set([...unpaidOf.keys(), ...[...ledger.entries()].filter(([, v]) => v !== 0n).map(([k]) => k)])];
  const memberOf = new Map(members.map((m) => [m.id, m]));
  const rows = ids
    .map((id) => {
      const m = memberOf.get(id);
      const u = unpaidOf.get(id);
      return {
        memberId: id,
        number: m?.number ?? 0,
        fullName: m?.fullName ?? '(anggota tidak dikenal)',
        farmerGroupName: m?.farmerGroupName ?? null,
        unpaidIntakes: Number(u?.n ?? 0n),
        unpaidAmount: (u?.amount ?? 0n).toString(),
        ledgerBalance: (ledger.get(id) ?? 0n).toString(),
        oldestUnpaid: u?.oldest ?? null,
      };
    })
    .sort((a, b) => a.number - b.number);
  return {
    asOf,
    rows,
    total: unpaid.reduce((s, u) => s + u.amount, 0n).toString(),
    ledgerTotal: [...ledger.values()].reduce((s, v) => s + v, 0n).toString(),
  };
}
