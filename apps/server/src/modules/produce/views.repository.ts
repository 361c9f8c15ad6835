import type { Grade, UnitOfMeasure } from '@kopdes/shared/produce';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';

const notVoid = sql`NOT EXISTS (SELECT 1 FROM produce_intake_voids v WHERE v.cooperative_id = i.cooperative_id AND v.intake_id = i.id)`;

export async function intakeTotals(db: Db, cooperativeId: string, from: string, to: string) {
  const res = await db.execute<{ n: bigint; farmers: bigint; net: bigint | null; amount: bigint | null }>(sql`
    SELECT count(*) AS n, count(DISTINCT member_id) AS farmers, sum(net) FILTER (WHERE unit = 'kg')::bigint AS net, sum(amount)::bigint AS amount
    FROM produce_intakes i WHERE cooperative_id = ${cooperativeId} AND date BETWEEN ${from} AND ${to} AND ${notVoid}`);
  return res.rows[0]!;
}

/** Graded quantities per commodity and grade, split into the day and the whole period. */
export async function gradedByCommodity(db: Db, cooperativeId: string, from: string, to: string, day: string) {
  const res = await db.execute<{
    commodity_id: string;
    commodity_name: string;
    unit: UnitOfMeasure;
    grade: Grade;
    quantity: bigint;
    today: bigint;
    amount: bigint;
  }>(sql`
    SELECT l.commodity_id, c.name AS commodity_name, l.unit, l.grade, sum(l.quantity)::bigint AS quantity,
           coalesce(sum(l.quantity) FILTER (WHERE i.date = ${day}), 0)::bigint AS today, sum(l.cost)::bigint AS amount
    FROM produce_lots l
    JOIN produce_intakes i ON i.cooperative_id = l.cooperative_id AND i.id = l.intake_id
    JOIN produce_commodities c ON c.cooperative_id = l.cooperative_id AND c.id = l.commodity_id
    WHERE l.cooperative_id = ${cooperativeId} AND i.date BETWEEN ${from} AND ${to} AND ${notVoid}
    GROUP BY l.commodity_id, c.name, l.unit, l.grade
    ORDER BY lower(c.name), l.grade`);
  return res.rows;
}

/** Graded weight (kg commodities) per member, ISO week and grade. */
export async function gradesByMemberWeek(db: Db, cooperativeId: string, from: string, to: string, commodityId?: string) {
  const res = await db.execute<{ member_id: string; week: string; grade: Grade; quantity: bigint }>(sql`
    SELECT l.member_id, to_char(date_trunc('week', i.date), 'YYYY-MM-DD') AS week, l.grade, sum(l.quantity)::bigint AS quantity
    FROM produce_lots l
    JOIN produce_intakes i ON i.cooperative_id = l.cooperative_id AND i.id = l.intake_id
    WHERE l.cooperative_id = ${cooperativeId} AND l.unit = 'kg' AND i.date BETWEEN ${from} AND ${to} AND ${notVoid}
      ${commodityId ? sql`AND l.commodity_id = ${commodityId}` : sql``}
    GROUP BY l.member_id, week, l.grade`);
  return res.rows;
}

export async function unpaidByMember(db: Db, cooperativeId: string, asOf: string) {
  const res = await db.execute<{ member_id: string; n: bigint; amount: bigint; oldest: string }>(sql`
    SELECT i.member_id, count(*) AS n, sum(i.amount)::bigint AS amount, min(i.date) AS oldest
    FROM produce_intakes i
    WHERE i.cooperative_id = ${cooperativeId} AND i.date <= ${asOf} AND i.amount > 0 AND ${notVoid}
      AND NOT EXISTS (SELECT 1 FROM produce_payout_items p JOIN produce_payout_runs r ON r.cooperative_id = p.cooperative_id
                      JOIN produce_payouts po ON po.cooperative_id = p.cooperative_id AND po.id = p.payout_id AND po.run_id = r.id
                      WHERE p.cooperative_id = i.cooperative_id AND p.intake_id = i.id AND r.pay_date <= ${asOf})
    GROUP BY i.member_id`);
  return res.rows;
}
