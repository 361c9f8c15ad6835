/**
 * A harvest intake is also the planting plan's actual harvest. Every intake posted records its
 * graded weights (A, B, C: rejects are not harvest a buyer takes, and the plan's yields count no
 * rejects either) as actual harvest of its commodity in the intake's week, and voiding an intake
 * takes them back with negative rows, in the intake's own transaction. Commodities counted by the
 * bunch or piece (the plan counts grams) and commodities without crop parameters are left out, so
 * planning never makes an intake fail. See decision 0091.
 */
import type { Intake, IntakeInput } from '@kopdes/shared/produce';
import { parseKg } from '@kopdes/shared/quantity';
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { inTransaction } from '../db/transaction.js';
import type { Actor } from '../lib/actor.js';
import { recordActualHarvests, recordActualHarvestsLast, type ActualHarvest } from '../modules/planning/follow-up.service.js';
import { intakeNumberSql, recordIntake, recordIntakeBatch, voidIntake } from '../modules/produce/intake.service.js';

type Harvested = 'A' | 'B' | 'C';
const harvested = (grade: string): grade is Harvested => grade === 'A' || grade === 'B' || grade === 'C';

/** The intake's graded lots as actual harvest rows; `sign` -1 takes them back. `note` null: the caller gives it in SQL. */
function harvestOf(i: Intake, sign: 1n | -1n, note: string | null): ActualHarvest[] {
  if (i.commodity.unit !== 'kg') return [];
  return i.lots.flatMap((l) =>
    harvested(l.grade)
      ? [
          {
            commodity: i.commodity.code,
            week: i.date,
            grade: l.grade,
            grams: sign * BigInt(l.quantity.base),
            source: 'intake' as const,
            note,
          },
        ]
      : [],
  );
}

/**
 * Records a delivery (see `recordIntake`) and its graded weights as the week's actual harvest.
 * `lastWrite` (the route): the intake and then the actual harvest are the transaction's last
 * writes, so both may wait for the closing round trip; the note then reads the intake's number
 * in SQL, since Node learns it only after COMMIT.
 */
export async function recordHarvestIntake(
  db: Db,
  coopId: string,
  actor: Actor,
  input: IntakeInput,
  opts: { lastWrite?: boolean } = {},
): Promise<Intake> {
  return inTransaction(db, async (tx) => {
    const intake = await recordIntake(tx, coopId, actor, input, opts);
    const note = sql`'Penerimaan ' || ${sql.raw(intakeNumberSql(coopId, intake.id))}`;
    await recordActualHarvestsLast(tx, coopId, harvestOf(intake, 1n, null), actor, note);
    return intake;
  });
}

/** Voids an intake (see `voidIntake`) and takes its actual harvest back in the week it was counted. */
export async function voidHarvestIntake(
  db: Db,
  coopId: string,
  actor: Actor,
  intakeId: string,
  input: { date?: string; reason: string },
): Promise<Intake> {
  return inTransaction(db, async (tx) => {
    const intake = await voidIntake(tx, coopId, actor, intakeId, input);
    await recordActualHarvests(tx, coopId, harvestOf(intake, -1n, `Pembatalan penerimaan ${intake.number}`), actor);
    return intake;
  });
}

type Batch = Parameters<typeof recordIntakeBatch>[3];

/**
 * Many deliveries at once (see `recordIntakeBatch`), their graded weights summed per commodity,
 * grade and day into actual harvest: the batch's inputs were checked by the intake rules, so their
 * weights are the lots' weights.
 */
export async function recordHarvestIntakeBatch(db: Db, coopId: string, actor: Actor, batch: Batch) {
  return inTransaction(db, async (tx) => {
    const recorded = await recordIntakeBatch(tx, coopId, actor, batch);
    const sums = new Map<string, ActualHarvest & { intakes: Set<number> }>();
    batch.forEach((b, i) => {
      const commodity = b.refs.commodity;
      if (!commodity || commodity.unit !== 'kg') return;
      for (const line of b.input.grades) {
        if (!harvested(line.grade) || line.kg === undefined) continue;
        const key = `${commodity.code}|${line.grade}|${b.input.date}`;
        const sum = sums.get(key) ?? { commodity: commodity.code, week: b.input.date!, grade: line.grade, grams: 0n, intakes: new Set() };
        sums.set(key, sum);
        sum.grams += parseKg(line.kg);
        sum.intakes.add(i);
      }
    });
    await recordActualHarvests(
      tx,
      coopId,
      [...sums.values()].map(({ intakes, ...a }) => ({ ...a, source: 'intake' as const, note: `${intakes.size} penerimaan ${a.week}` })),
      actor,
    );
    return recorded;
  });
}
