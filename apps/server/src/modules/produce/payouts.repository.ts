import type { DeductionKind, Grade, PayoutMethod, UnitOfMeasure } from '@kopdes/shared/produce';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../lib/actor.js';

export type UnpaidIntakeRow = {
  id: string;
  number: string;
  date: string;
  member_id: string;
  amount: bigint;
  commodity_name: string;
  unit: UnitOfMeasure;
  lots: { grade: Grade; quantity: string; price: string; cost: string; paid: boolean }[];
};

const lotsJson = sql`(SELECT json_agg(json_build_object('grade', l.grade, 'quantity', l.quantity::text, 'price', l.price::text,
                                                        'cost', l.cost::text, 'paid', l.paid)
                                      ORDER BY array_position(ARRAY['A', 'B', 'C', 'reject'], l.grade))
                      FROM produce_lots l WHERE l.cooperative_id = i.cooperative_id AND l.intake_id = i.id)`;

/** Intakes in the period with something to pay, not voided and not paid yet. */
export async function unpaidIntakes(db: Db, cooperativeId: string, q: { from: string; to: string; memberIds?: string[] }) {
  const only = q.memberIds ? sql`AND i.member_id = ANY(${`{${q.memberIds.join(',')}}`}::text[])` : sql``;
  const res = await db.execute<UnpaidIntakeRow>(sql`
    SELECT i.id, i.number, i.date, i.member_id, i.amount, c.name AS commodity_name, i.unit, ${lotsJson} AS lots
    FROM produce_intakes i JOIN produce_commodities c ON c.cooperative_id = i.cooperative_id AND c.id = i.commodity_id
    WHERE i.cooperative_id = ${cooperativeId} AND i.date BETWEEN ${q.from} AND ${q.to} AND i.amount > 0 ${only}
      AND NOT EXISTS (SELECT 1 FROM produce_intake_voids v WHERE v.cooperative_id = i.cooperative_id AND v.intake_id = i.id)
      AND NOT EXISTS (SELECT 1 FROM produce_payout_items p WHERE p.cooperative_id = i.cooperative_id AND p.intake_id = i.id)
    ORDER BY i.member_id, i.date, i.number`);
  return res.rows;
}

/** Serialises payout runs of one cooperative (held to commit): two runs never pay the same intake. */
export async function lockPayouts(db: Db, cooperativeId: string) {
  await db.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`kopdes.produce.payouts:${cooperativeId}`}, 0))`);
}

export type NewPayout = {
  id: string;
  memberId: string;
  method: PayoutMethod;
  bankName: string | null;
  bankAccountNo: string | null;
  bankAccountName: string | null;
  gross: bigint;
  deductions: bigint;
  net: bigint;
  journalEntryId: string | null;
  journalNumber: string | null;
  items: { intakeId: string; amount: bigint }[];
  deductionLines: { kind: DeductionKind; amount: bigint; reference: string | null; journalEntryId: string | null }[];
};

export async function insertRun(
  db: Db,
  cooperativeId: string,
  actor: Actor,
  run: { id: string; number: string; from: string; to: string; payDate: string; gross: bigint; deductions: bigint; net: bigint },
  payouts: NewPayout[],
) {
  const big = (v: bigint) => v.toString();
  const p = JSON.stringify(
    payouts.map((x) => ({
      ...x,
      gross: big(x.gross),
      deductions: big(x.deductions),
      net: big(x.net),
      items: undefined,
      deductionLines: undefined,
    })),
  );
  const items = JSON.stringify(
    payouts.flatMap((x) => x.items.map((i) => ({ payoutId: x.id, intakeId: i.intakeId, amount: big(i.amount) }))),
  );
  const deds = JSON.stringify(payouts.flatMap((x) => x.deductionLines.map((d) => ({ payoutId: x.id, ...d, amount: big(d.amount) }))));
  await db.execute(sql`
    WITH r AS (
      INSERT INTO produce_payout_runs (cooperative_id, id, number, period_from, period_to, pay_date, farmers, gross, deductions, net,
        created_by_id, created_by_label, request_id)
      VALUES (${cooperativeId}, ${run.id}, ${run.number}, ${run.from}, ${run.to}, ${run.payDate}, ${payouts.length}, ${run.gross},
        ${run.deductions}, ${run.net}, ${actor.id}, ${actor.label}, ${actor.requestId ?? null})
      RETURNING id
    ), p AS (
      INSERT INTO produce_payouts (cooperative_id, id, run_id, member_id, method, bank_name, bank_account_no, bank_account_name, gross,
        deductions, net, journal_entry_id, journal_number)
      SELECT ${cooperativeId}, x.id, r.id, x."memberId", x.method, x."bankName", x."bankAccountNo", x."bankAccountName", x.gross,
        x.deductions, x.net, x."journalEntryId", x."journalNumber"
      FROM r, jsonb_to_recordset(${p}::jsonb) AS x(id text, "memberId" text, method text, "bankName" text, "bankAccountNo" text,
        "bankAccountName" text, gross bigint, deductions bigint, net bigint, "journalEntryId" text, "journalNumber" text)
      RETURNING id
    ), i AS (
      INSERT INTO produce_payout_items (cooperative_id, intake_id, payout_id, amount)
      SELECT ${cooperativeId}, x."intakeId", x."payoutId", x.amount
      FROM jsonb_to_recordset(${items}::jsonb) AS x("payoutId" text, "intakeId" text, amount bigint)
      RETURNING intake_id
    )
    INSERT INTO produce_payout_deductions (cooperative_id, payout_id, kind, amount, reference, journal_entry_id)
    SELECT ${cooperativeId}, x."payoutId", x.kind, x.amount, x.reference, x."journalEntryId"
    FROM jsonb_to_recordset(${deds}::jsonb) AS x("payoutId" text, kind text, amount bigint, reference text, "journalEntryId" text)`);
}

export type RunRow = {
  id: string;
  number: string;
  period_from: string;
  period_to: string;
  pay_date: string;
  farmers: number;
  gross: bigint;
  deductions: bigint;
  net: bigint;
  cash: bigint;
  bank: bigint;
  created_by_label: string;
  created_at: Date;
};

export async function runs(db: Db, cooperativeId: string, id?: string) {
  const res = await db.execute<RunRow>(sql`
    SELECT r.id, r.number, r.period_from, r.period_to, r.pay_date, r.farmers, r.gross, r.deductions, r.net,
           coalesce((SELECT sum(net) FROM produce_payouts p WHERE p.cooperative_id = r.cooperative_id AND p.run_id = r.id AND p.method = 'cash'), 0)::bigint AS cash,
           coalesce((SELECT sum(net) FROM produce_payouts p WHERE p.cooperative_id = r.cooperative_id AND p.run_id = r.id AND p.method = 'bank'), 0)::bigint AS bank,
           r.created_by_label, r.created_at
    FROM produce_payout_runs r WHERE r.cooperative_id = ${cooperativeId} ${id ? sql`AND r.id = ${id}` : sql``}
    ORDER BY r.pay_date DESC, r.id DESC LIMIT 500`);
  return res.rows;
}

export type PayoutRow = {
  id: string;
  run_id: string;
  member_id: string;
  method: PayoutMethod;
  bank_name: string | null;
  bank_account_no: string | null;
  bank_account_name: string | null;
  gross: bigint;
  deductions: bigint;
  net: bigint;
  journal_entry_id: string | null;
  journal_number: string | null;
  intakes: (Omit<UnpaidIntakeRow, 'member_id' | 'amount'> & { amount: string })[];
  deduction_lines: { kind: DeductionKind; amount: string; reference: string | null }[] | null;
};

export async function payouts(db: Db, cooperativeId: string, f: { runId?: string; id?: string }) {
  const res = await db.execute<PayoutRow>(sql`
    SELECT p.id, p.run_id, p.member_id, p.method, p.bank_name, p.bank_account_no, p.bank_account_name, p.gross, p.deductions, p.net,
           p.journal_entry_id, p.journal_number,
           (SELECT json_agg(json_build_object('id', i.id, 'number', i.number, 'date', i.date, 'amount', i.amount::text,
                                              'commodity_name', c.name, 'unit', i.unit, 'lots', ${lotsJson}) ORDER BY i.date, i.number)
            FROM produce_payout_items it
            JOIN produce_intakes i ON i.cooperative_id = it.cooperative_id AND i.id = it.intake_id
            JOIN produce_commodities c ON c.cooperative_id = i.cooperative_id AND c.id = i.commodity_id
            WHERE it.cooperative_id = p.cooperative_id AND it.payout_id = p.id) AS intakes,
           (SELECT json_agg(json_build_object('kind', d.kind, 'amount', d.amount::text, 'reference', d.reference)
                            ORDER BY array_position(ARRAY['simpanan_wajib', 'loan_instalment', 'input_advance'], d.kind))
            FROM produce_payout_deductions d WHERE d.cooperative_id = p.cooperative_id AND d.payout_id = p.id) AS deduction_lines
    FROM produce_payouts p
    WHERE p.cooperative_id = ${cooperativeId} ${f.runId ? sql`AND p.run_id = ${f.runId}` : sql``} ${f.id ? sql`AND p.id = ${f.id}` : sql``}
    ORDER BY p.id`);
  return res.rows;
}
