/**
 * The main thread's side of planning: each planning session runs in its own worker thread, so the
 * server's event loop stays free while HiGHS works. The time limit is kept twice: HiGHS' own
 * `time_limit`, and a hard stop that terminates the worker if it runs past the deadline.
 */
import { Worker } from 'node:worker_threads';
import type { CheckReport, Plan, PlanFigures, PlanningProblem } from './types.js';
import type { OptimisedPlan } from './planner.js';
import type { WorkerError, WorkerTask } from './worker-main.js';

export class PlanningWorkerError extends Error {
  constructor(readonly detail: WorkerError) {
    super(detail.kind === 'internal' ? detail.message : detail.kind === 'solve' ? detail.msg.en : 'invalid planning input');
  }
}

export class PlanningBusyError extends Error {}

/** Solves at once per process: the machines have two cores and a solve keeps one busy. */
const MAX_CONCURRENT = 1;
let running = 0;

export interface PlanningSession {
  optimise(problem: PlanningProblem): Promise<OptimisedPlan>;
  baseline(problem: PlanningProblem): Promise<{ plan: Plan; figures: PlanFigures }>;
  check(problem: PlanningProblem, plan: Plan): Promise<CheckReport>;
}

/**
 * Runs `work` with a planning worker; the worker is terminated when `work` ends or when `hardLimitMs`
 * passes, whichever comes first (then the pending call fails with a time-limit error).
 */
export async function withPlanningWorker<T>(hardLimitMs: number, work: (s: PlanningSession) => Promise<T>): Promise<T> {
  if (running >= MAX_CONCURRENT) throw new PlanningBusyError('another plan is being computed');
  running++;
  const worker = new Worker(new URL('./worker.mjs', import.meta.url));
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let nextId = 0;
  let failure: Error | null = null;
  const failAll = (e: Error) => {
    failure ??= e;
    for (const p of pending.values()) p.reject(e);
    pending.clear();
  };
  worker.on('message', (m: { id: number; ok: boolean; result?: unknown; error?: WorkerError }) => {
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    if (m.ok) p.resolve(m.result);
    else p.reject(new PlanningWorkerError(m.error!));
  });
  worker.on('error', (e) => failAll(new PlanningWorkerError({ kind: 'internal', message: e.stack ?? e.message })));
  worker.on('exit', (code) => failAll(new PlanningWorkerError({ kind: 'internal', message: `planning worker stopped (exit ${code})` })));
  const timer = setTimeout(() => {
    failAll(
      new PlanningWorkerError({
        kind: 'solve',
        code: 'time_limit',
        msg: {
          id: `Perhitungan rencana dihentikan setelah ${Math.round(hardLimitMs / 1000)} detik; tidak ada yang disimpan. Naikkan batas waktu atau perkecil musim.`,
          en: `Planning was stopped after ${Math.round(hardLimitMs / 1000)} s; nothing was saved. Raise the time limit or plan a shorter season.`,
        },
        details: { hardLimitMs },
      }),
    );
    void worker.terminate();
  }, hardLimitMs);
  const call = <R>(t: WorkerTask) =>
    new Promise<R>((resolve, reject) => {
      if (failure) return reject(failure);
      const id = nextId++;
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      worker.postMessage({ id, ...t });
    });
  try {
    return await work({
      optimise: (problem) => call({ task: 'optimise', problem }),
      baseline: (problem) => call({ task: 'baseline', problem }),
      check: (problem, plan) => call({ task: 'check', problem, plan }),
    });
  } finally {
    clearTimeout(timer);
    failure ??= new Error('planning session closed');
    await worker.terminate();
    running--;
  }
}
