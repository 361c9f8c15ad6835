/**
 * Runs HiGHS (WebAssembly) on CPLEX LP text with fixed options, so the same model always gives the
 * same answer: interior point with crossover for the LP (a vertex: few fractional plantings),
 * branch-and-cut with a node budget for the small whole-bed MIP, one thread, seed 0, the caller's
 * time limit.
 */
import highsModule, { type Highs } from 'highs';

// The package's types describe its CommonJS face; its ES module build exports the loader as default.
type Loader = typeof highsModule.default;
const loadHighs: Loader = typeof highsModule === 'function' ? (highsModule as unknown as Loader) : highsModule.default;

let runtime: Promise<Highs> | undefined;

const STATUS_NAMES: Record<number, string> = {
  0: 'Not Set',
  1: 'Load error',
  2: 'Model error',
  3: 'Presolve error',
  4: 'Solve error',
  5: 'Postsolve error',
  6: 'Empty',
  7: 'Optimal',
  8: 'Infeasible',
  9: 'Primal infeasible or unbounded',
  10: 'Unbounded',
  11: 'Bound on objective reached',
  12: 'Target for objective reached',
  13: 'Time limit reached',
  14: 'Iteration limit reached',
  15: 'Unknown',
  16: 'Solution limit reached',
  17: 'Interrupted',
};

export interface HighsAnswer {
  status: string;
  optimal: boolean;
  hasSolution: boolean;
  objective: number;
  /** Lower bound of the objective proved by HiGHS (LP optimum, or the MIP dual bound). */
  bound: number;
  /** Value of each planting variable n<i>, by i. */
  plantings: Float64Array;
  runMs: number;
}

export async function runHighs(
  lp: string,
  opts: { timeLimitSeconds: number; integer: boolean; plantingVars: number },
): Promise<HighsAnswer> {
  const highs = await (runtime ??= loadHighs());
  const started = performance.now();
  const model = highs.createModel({ format: 'lp', data: lp });
  try {
    model.options.set({
      output_flag: false,
      time_limit: opts.timeLimitSeconds,
      random_seed: 0,
      presolve: 'on',
      solver: opts.integer ? 'choose' : 'ipm',
      run_crossover: 'on',
      mip_rel_gap: 1e-4,
      // A node budget rather than only the clock, so a MIP stops at the same point on any machine.
      mip_max_nodes: 20_000,
    });
    model.run();
    const code = model.getModelStatus() as number;
    const status = STATUS_NAMES[code] ?? `Status ${code}`;
    const optimal = code === 7;
    const primal = Number(model.info.get('primal_solution_status'));
    const hasSolution = primal === 2 || optimal;
    const plantings = new Float64Array(opts.plantingVars);
    let objective = Number.NaN;
    let bound = Number.NaN;
    if (hasSolution) {
      objective = model.getObjectiveValue();
      const values = model.getSolution().colValue;
      const count = model.getDimensions().numCols;
      for (let i = 0; i < count; i++) {
        const name = model.getColName(i);
        if (name.charCodeAt(0) === 110 /* n */) plantings[Number(name.slice(1))] = values[i]!;
      }
      bound = opts.integer ? Number(model.info.get('mip_dual_bound')) : optimal ? objective : Number.NaN;
    }
    return { status, optimal, hasSolution, objective, bound, plantings, runMs: performance.now() - started };
  } finally {
    model.dispose();
  }
}
