/**
 * Inside the planning worker: runs the tasks the main thread sends (optimise, baseline, check), one
 * at a time, and answers each with its result or its error as plain data.
 */
import { parentPort } from 'node:worker_threads';
import { checkPlan } from './checker.js';
import { baselinePlan, optimisePlan, PlanningInputError, PlanningSolveError } from './planner.js';
import type { Plan, PlanningProblem } from './types.js';

export type WorkerTask =
  | { task: 'optimise'; problem: PlanningProblem }
  | { task: 'baseline'; problem: PlanningProblem }
  | { task: 'check'; problem: PlanningProblem; plan: Plan };

export type WorkerError =
  | { kind: 'input'; issues: PlanningInputError['issues'] }
  | { kind: 'solve'; code: PlanningSolveError['code']; msg: PlanningSolveError['msg']; details: Record<string, unknown> }
  | { kind: 'internal'; message: string };

async function run(t: WorkerTask) {
  if (t.task === 'optimise') return optimisePlan(t.problem);
  if (t.task === 'baseline') return baselinePlan(t.problem);
  return checkPlan(t.problem, t.plan);
}

function describe(e: unknown): WorkerError {
  if (e instanceof PlanningInputError) return { kind: 'input', issues: e.issues };
  if (e instanceof PlanningSolveError) return { kind: 'solve', code: e.code, msg: e.msg, details: e.details };
  return { kind: 'internal', message: e instanceof Error ? (e.stack ?? e.message) : String(e) };
}

parentPort!.on('message', async (m: { id: number } & WorkerTask) => {
  try {
    parentPort!.postMessage({ id: m.id, ok: true, result: await run(m) });
  } catch (e) {
    parentPort!.postMessage({ id: m.id, ok: false, error: describe(e) });
  }
});
