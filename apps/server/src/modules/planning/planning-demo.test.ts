// The demo cooperative's planting plan: solved with the real optimiser, checked, half followed.
import { expect, it } from 'vitest';
import { testDatabase } from '../../../test/support/db.js';
import { makeCoop } from '../../../test/support/factories.js';
import { seedPlanningDemo } from '../../workflows/demo/planning-demo.js';
import { followUp, warningsOf } from './follow-up.service.js';
import { getPlan, planSheet, todayOf } from './plans.service.js';

it('plans the demo season, half followed by actual harvest, with a warning for potato', async () => {
  const { db } = await testDatabase();
  const coopId = (await makeCoop(db)).id;
  const started = performance.now();
  const { planId } = await seedPlanningDemo(db, coopId);
  const seconds = (performance.now() - started) / 1000;
  const plan = await getPlan(db, coopId, planId, 'id');
  expect(plan.summary.check.ok).toBe(true);
  expect(['optimal', 'feasible']).toContain(plan.summary.solver.status);
  expect(BigInt(plan.summary.figures.shortfallGrams)).toBeLessThan(BigInt(plan.summary.greedy.shortfallGrams));
  expect(BigInt(plan.summary.figures.oversupplyGrams)).toBeLessThan(BigInt(plan.summary.greedy.oversupplyGrams));
  const statuses = new Set(plan.plantings.map((p) => p.status));
  expect(statuses).toContain('planted');
  expect(statuses).toContain('planned');
  const today = await todayOf(db, coopId);
  const follow = await followUp(db, coopId, planId, today);
  expect(follow.currentWeek).toBe(20);
  const potato = follow.commodities.find((c) => c.commodity === 'KENTANG')!;
  expect(potato.realisation).toBeLessThan(0.8);
  const warnings = await warningsOf(db, coopId, planId, today, 'id');
  expect(warnings.warnings.some((w) => w.commodity === 'KENTANG')).toBe(true);
  const sheet = await planSheet(db, coopId, planId, plan.plantings[0]!.farmerId, today);
  expect(sheet.pdf.subarray(0, 5).toString()).toBe('%PDF-');
  console.log(
    `planning demo: ${plan.plantings.length} plantings, ${plan.summary.solver.status}, gap ${plan.summary.solver.gapPct}%, seeded in ${seconds.toFixed(1)} s`,
  );
}, 300_000);
