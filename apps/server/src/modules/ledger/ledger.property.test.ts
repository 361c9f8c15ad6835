// Property: whatever sequence of postings, reversals, month closes/reopens and year closes/reopens
// happens, the trial balance sums to zero and assets = liabilities + equity (with the current
// surplus), consolidated and per unit; the income statement and equity changes agree with it.
import fc from 'fast-check';
import { STANDARD_CHART } from '@kopdes/shared/ledger';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/client.js';
import { SYSTEM_ACTOR } from '../../lib/actor.js';
import { AppError } from '../../lib/errors.js';
import { testDatabase } from '../../../test/support/db.js';
import { makeCoop } from '../../../test/support/factories.js';
import { closeMonth, closeYear, postEntry, reopenMonth, reopenYear, reverseEntry } from './ledger.service.js';
import { totalsByAccount } from './balances.repository.js';
import * as reports from './reports.service.js';

let db: Db;
beforeAll(async () => {
  db = (await testDatabase()).db;
});

const CODES = STANDARD_CHART.map((a) => a.code);
const UNITS = ['kantor', 'gerai_sembako', 'simpan_pinjam', 'gudang'];
const date = fc
  .record({ y: fc.constantFrom(2025, 2026), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 28 }) })
  .map(({ y, m, d }) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
interface Side {
  account: string;
  unit: string;
  amount: bigint;
  member: string | null;
}
const side: fc.Arbitrary<Side> = fc.record({
  account: fc.constantFrom(...CODES),
  unit: fc.constantFrom(...UNITS),
  amount: fc.bigInt({ min: 1n, max: 50_000_000n }),
  member: fc.option(fc.constantFrom('mbr_a', 'mbr_b'), { nil: null }),
});

type Op =
  | { kind: 'post'; date: string; debits: Side[]; credits: Side[] }
  | { kind: 'reverse'; pick: number; date: string }
  | { kind: 'closeMonth'; month: string }
  | { kind: 'reopenMonth'; month: string }
  | { kind: 'closeYear'; year: number }
  | { kind: 'reopenYear'; year: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('post' as const),
      date,
      debits: fc.array(side, { minLength: 1, maxLength: 3 }),
      credits: fc.array(side, { minLength: 1, maxLength: 3 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('reverse' as const), pick: fc.nat(), date }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constantFrom('closeMonth' as const, 'reopenMonth' as const), month: date.map((d) => d.slice(0, 7)) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constantFrom('closeYear' as const, 'reopenYear' as const), year: fc.constantFrom(2025, 2026) }),
  },
);

/** Make the credit side carry exactly the debit total (the last credit absorbs the difference). */
function balancedLines(o: Extract<Op, { kind: 'post' }>) {
  const total = o.debits.reduce((s, d) => s + (d.amount as bigint), 0n);
  const credits = o.credits.map((c) => ({ ...c }));
  let rest = total;
  for (let i = 0; i < credits.length; i++) {
    const last = i === credits.length - 1;
    const amount = last ? rest : (credits[i]!.amount as bigint) < rest ? (credits[i]!.amount as bigint) : 0n;
    credits[i]!.amount = amount;
    rest -= amount;
  }
  const line = (x: any, s: 'debit' | 'credit') => ({ account: x.account, unit: x.unit, memberId: x.member, [s]: x.amount as bigint });
  return [...o.debits.map((d) => line(d, 'debit')), ...credits.filter((c) => (c.amount as bigint) > 0n).map((c) => line(c, 'credit'))];
}

async function lineCount(coopId: string) {
  const r = await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM journal_lines WHERE cooperative_id = ${coopId}`);
  return Number(r.rows[0]!.n);
}

const EXPECTED_REFUSALS = new Set([
  'period_closed',
  'already_closed',
  'not_closed',
  'year_closed',
  'later_year_closed',
  'already_reversed',
  'is_reversal',
  'closing_entry',
  'before_original',
]);

describe('ledger invariants under random operations', () => {
  it('trial balance is zero and the financial position balances after any sequence', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 14 }), date, fc.tuple(date, date), async (ops, asOf, range) => {
        const coopId = (await makeCoop(db)).id;
        const posted: string[] = [];
        for (const o of ops) {
          const before = await lineCount(coopId);
          try {
            if (o.kind === 'post') {
              posted.push(
                (
                  await postEntry(db, coopId, SYSTEM_ACTOR, {
                    date: o.date,
                    memo: 'acak',
                    source: { module: 'prop', documentId: 'x' },
                    lines: balancedLines(o),
                  })
                ).id,
              );
            } else if (o.kind === 'reverse') {
              if (!posted.length) continue;
              posted.push(
                (await reverseEntry(db, coopId, SYSTEM_ACTOR, posted[o.pick % posted.length]!, { date: o.date, memo: 'koreksi' })).id,
              );
            } else if (o.kind === 'closeMonth') await closeMonth(db, coopId, SYSTEM_ACTOR, o.month);
            else if (o.kind === 'reopenMonth') await reopenMonth(db, coopId, SYSTEM_ACTOR, o.month);
            else if (o.kind === 'closeYear') await closeYear(db, coopId, SYSTEM_ACTOR, o.year);
            else await reopenYear(db, coopId, SYSTEM_ACTOR, o.year, 'uji sifat acak');
          } catch (e) {
            if (!(e instanceof AppError) || !EXPECTED_REFUSALS.has(e.code)) throw e;
            if (o.kind === 'post' || o.kind === 'reverse') expect(await lineCount(coopId)).toBe(before);
          }
        }
        const ctx = await reports.reportContext(db, coopId);
        const tb = await reports.trialBalance(db, coopId, ctx, { from: '2025-01-01', to: '2026-12-31' });
        expect(tb.totals.closingDebit).toBe(tb.totals.closingCredit);
        expect(tb.totals.debit).toBe(tb.totals.credit);
        for (const at of [asOf, '2026-12-31']) {
          const fp = await reports.financialPosition(db, coopId, ctx, { asOf: at });
          expect(fp.totalAssets).toBe(fp.totalLiabilitiesAndEquity);
          const eq = await reports.equityChanges(db, coopId, ctx, { from: '2025-01-01', to: at });
          expect(eq.totals.closing).toBe(fp.totalEquity);
          const cf = await reports.cashFlow(db, coopId, ctx, { from: '2025-01-01', to: at });
          const cash = fp.assets
            .flatMap((s) => s.lines)
            .filter((l) => l.account === '1101' || l.account === '1111')
            .reduce((s, l) => s + BigInt(l.amount), 0n);
          expect(BigInt(cf.closingCash)).toBe(cash);
          expect(cf.interUnitTransfers).toBe('0');
        }
        // The monthly totals behind every statement equal a plain sum over the lines, for any period.
        const [from, to] = range[0] <= range[1] ? range : [range[1], range[0]];
        for (const unit of [undefined, 'kantor']) {
          const fast = await totalsByAccount(db, coopId, { from, to, unit, accounts: CODES });
          const slow = await db.execute<{ account: string; od: string; oc: string; d: string; c: string }>(sql`
            SELECT account,
                   coalesce(sum(debit) FILTER (WHERE date < ${from}), 0)::text AS od, coalesce(sum(credit) FILTER (WHERE date < ${from}), 0)::text AS oc,
                   coalesce(sum(debit) FILTER (WHERE date >= ${from}), 0)::text AS d, coalesce(sum(credit) FILTER (WHERE date >= ${from}), 0)::text AS c
            FROM journal_lines WHERE cooperative_id = ${coopId} AND date <= ${to} ${unit ? sql`AND unit = ${unit}` : sql``} GROUP BY account`);
          const norm = (rows: { account: string; od: unknown; oc: unknown; d: unknown; c: unknown }[]) =>
            rows
              .map((r) => [r.account, String(r.od), String(r.oc), String(r.d), String(r.c)].join(' '))
              .filter((x) => !x.endsWith(' 0 0 0 0'))
              .sort();
          expect(norm(fast.map((t) => ({ account: t.account, od: t.openingDebit, oc: t.openingCredit, d: t.debit, c: t.credit })))).toEqual(
            norm(slow.rows),
          );
        }
        const unitCtx = await reports.reportContext(db, coopId, 'gerai_sembako');
        const unitFp = await reports.financialPosition(db, coopId, unitCtx, { asOf: '2026-12-31' });
        expect(unitFp.totalAssets).toBe(unitFp.totalLiabilitiesAndEquity);
      }),
      { numRuns: 30 },
    );
  }, 240_000);
});
