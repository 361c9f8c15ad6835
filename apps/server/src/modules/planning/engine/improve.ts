/**
 * From the optimiser's answer to whole beds on real plots, and better: a local search adds or
 * removes one bed at a time wherever that lowers the objective most (shortfall, oversupply, land),
 * each move placed on a plot that has room and allows it by rotation. Then, without changing any
 * harvest, work moves between farmers of the same land class so nobody with land is left out and
 * nobody's expected income per m² runs far above the others'.
 */
import { cellOf, TOTAL_CHANNEL, type Compiled } from './compile.js';
import type { Land } from './land.js';
import type { Layout } from './layout.js';
import type { PlantVar } from './model.js';
import { cellPenalty, fairnessPenalty, LAND_COST_PER_M2, type FairnessTerms } from './objective.js';

export interface SearchState {
  cp: Compiled;
  land: Land;
  vars: PlantVar[];
  layout: Layout;
  beds: Int32Array;
  /** Expected grams per cell (fixed plantings included). */
  supply: Float64Array;
  reachable: Uint8Array;
  fairness: FairnessTerms | null;
  /** Thousand Rupiah earned inside the season per land pool by the new plantings. */
  poolIncome: Float64Array;
}

const TOLERANCE = 1e-6;

/** Grams a bed of the variable adds to each cell it reaches. */
function effects(s: SearchState, i: number, visit: (cell: number, grams: number) => void) {
  const v = s.vars[i]!;
  const crop = s.cp.crops[v.crop]!;
  const mix = s.land.sets[v.set]!.mix;
  const mixSum = mix[0]! + mix[1]! + mix[2]!;
  for (let k = 0; k < v.kgPerBed.length; k++) {
    const w = v.week + crop.h + k;
    if (w >= s.cp.W) break;
    const grams = v.kgPerBed[k]! * 1000;
    if (grams <= 0) continue;
    if (crop.graded) for (let ch = 0; ch < 3; ch++) visit(cellOf(s.cp.W, v.crop, ch, w), (grams * mix[ch]!) / mixSum);
    else visit(cellOf(s.cp.W, v.crop, TOTAL_CHANNEL, w), grams);
  }
}

/** A move: one bed more (+1) or less (−1) on some variables together. */
type Step = [variable: number, sign: 1 | -1];

const scratch = new Map<number, number>();

/** How much the objective drops if the steps are taken. */
function gain(s: SearchState, steps: Step[]): number {
  scratch.clear();
  let g = 0;
  for (const [i, sign] of steps) {
    g -= sign * LAND_COST_PER_M2 * s.cp.crops[s.vars[i]!.crop]!.bed;
    effects(s, i, (cell, grams) => scratch.set(cell, (scratch.get(cell) ?? 0) + sign * grams));
  }
  for (const [cell, delta] of scratch) {
    const cur = s.supply[cell]!;
    g += cellPenalty(s.cp, s.reachable, cell, cur) - cellPenalty(s.cp, s.reachable, cell, cur + delta);
  }
  if (s.fairness) {
    const before = fairnessPenalty(s.fairness, s.poolIncome);
    for (const [i, sign] of steps) s.poolIncome[s.vars[i]!.pool]! += sign * s.vars[i]!.incomePerBed;
    const after = fairnessPenalty(s.fairness, s.poolIncome);
    for (const [i, sign] of steps) s.poolIncome[s.vars[i]!.pool]! -= sign * s.vars[i]!.incomePerBed;
    g += before - after;
  }
  return g;
}

function take(s: SearchState, steps: Step[]) {
  for (const [i, sign] of steps) {
    s.beds[i]! += sign;
    effects(s, i, (cell, grams) => (s.supply[cell]! += sign * grams));
    s.poolIncome[s.vars[i]!.pool]! += sign * s.vars[i]!.incomePerBed;
  }
}

/** Max-heap of moves by gain, ties to the lower move id. */
class MoveHeap {
  private ids: number[] = [];
  private gains: number[] = [];
  get size() {
    return this.ids.length;
  }
  private above(a: number, b: number) {
    return this.gains[a]! > this.gains[b]! || (this.gains[a] === this.gains[b] && this.ids[a]! < this.ids[b]!);
  }
  private swap(a: number, b: number) {
    [this.ids[a], this.ids[b]] = [this.ids[b]!, this.ids[a]!];
    [this.gains[a], this.gains[b]] = [this.gains[b]!, this.gains[a]!];
  }
  push(id: number, g: number) {
    this.ids.push(id);
    this.gains.push(g);
    let i = this.ids.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.above(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }
  peekGain() {
    return this.gains[0] ?? -Infinity;
  }
  pop(): number {
    const top = this.ids[0]!;
    const lastId = this.ids.pop()!;
    const lastGain = this.gains.pop()!;
    if (this.ids.length) {
      this.ids[0] = lastId;
      this.gains[0] = lastGain;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let best = i;
        if (l < this.ids.length && this.above(l, best)) best = l;
        if (r < this.ids.length && this.above(r, best)) best = r;
        if (best === i) break;
        this.swap(i, best);
        i = best;
      }
    }
    return top;
  }
}

/**
 * Where one bed of a variable may go instead: the same plot set one or two weeks later or earlier,
 * or another plot set of the same crop (another yield or grade mix, another pool) in the same week.
 */
const PARTNERS = 10;

function partnersOf(s: SearchState): Int32Array {
  const index = new Map<string, number>();
  s.vars.forEach((v, i) => index.set(`${v.set}|${v.week}`, i));
  const sameWeek = new Map<string, number[]>();
  s.vars.forEach((v, i) => {
    const key = `${v.crop}|${v.week}`;
    const list = sameWeek.get(key);
    if (list) list.push(i);
    else sameWeek.set(key, [i]);
  });
  const out = new Int32Array(s.vars.length * PARTNERS).fill(-1);
  s.vars.forEach((v, i) => {
    let k = 0;
    for (const dw of [1, -1, 2, -2]) {
      const j = index.get(`${v.set}|${v.week + dw}`);
      if (j !== undefined) out[i * PARTNERS + k++] = j;
    }
    for (const j of sameWeek.get(`${v.crop}|${v.week}`)!) {
      if (k >= PARTNERS) break;
      if (j !== i) out[i * PARTNERS + k++] = j;
    }
  });
  return out;
}

// Move ids: i·KINDS adds a bed to variable i, +1 removes one, +2… moves one to a partner.
const KINDS = 2 + PARTNERS;

/**
 * Applies the best single-bed moves until none lowers the objective. Returns the moves applied,
 * and whether the deadline cut the search short (then the plan is not the search's last word).
 */
export function localSearch(s: SearchState, opts: { maxMoves: number; deadline: number }): { moves: number; cutShort: boolean } {
  const partners = partnersOf(s);
  const stepsOf = (id: number): Step[] | null => {
    const i = Math.floor(id / KINDS);
    const kind = id % KINDS;
    if (kind === 0) return [[i, 1]];
    if (s.beds[i]! <= 0) return null;
    if (kind === 1) return [[i, -1]];
    const j = partners[i * PARTNERS + kind - 2]!;
    return j < 0
      ? null
      : [
          [i, -1],
          [j, 1],
        ];
  };
  let applied = 0;
  for (let pass = 0; pass < 8; pass++) {
    const blocked = new Uint8Array(s.vars.length);
    const heap = new MoveHeap();
    const offer = (id: number) => {
      const steps = stepsOf(id);
      if (!steps || steps.some(([i, sign]) => sign === 1 && blocked[i])) return;
      const g = gain(s, steps);
      if (g > TOLERANCE) heap.push(id, g);
    };
    for (let id = 0; id < s.vars.length * KINDS; id++) offer(id);
    if (!heap.size) break;
    let appliedThisPass = 0;
    let pops = 0;
    while (heap.size && applied < opts.maxMoves) {
      if ((++pops & 1023) === 0 && performance.now() > opts.deadline) return { moves: applied, cutShort: true };
      const id = heap.pop();
      const steps = stepsOf(id);
      if (!steps || steps.some(([i, sign]) => sign === 1 && blocked[i])) continue;
      const g = gain(s, steps);
      if (g <= TOLERANCE) continue;
      if (g < heap.peekGain() - 1e-12) {
        heap.push(id, g);
        continue;
      }
      if (!apply(s, steps, blocked)) continue;
      take(s, steps);
      applied++;
      appliedThisPass++;
      for (const [i] of steps) for (let k = 0; k < KINDS; k++) offer(i * KINDS + k);
    }
    if (!appliedThisPass || applied >= opts.maxMoves) break;
  }
  return { moves: applied, cutShort: false };
}

/** Carries the steps out on the plots; undoes them and marks the variable blocked if a bed finds no room. */
function apply(s: SearchState, steps: Step[], blocked: Uint8Array): boolean {
  const done: Step[] = [];
  for (const [i, sign] of steps) {
    const v = s.vars[i]!;
    const ok = sign === 1 ? s.layout.addBed(v.set, s.land.sets[v.set]!.plots, v.crop, v.week) : s.layout.removeBed(v.set, v.week);
    if (!ok) {
      if (sign === 1) blocked[i] = 1;
      for (const [j, back] of done.reverse()) {
        const u = s.vars[j]!;
        if (back === 1) s.layout.removeBed(u.set, u.week);
        else s.layout.addBed(u.set, s.land.sets[u.set]!.plots, u.crop, u.week);
      }
      return false;
    }
    done.push([i, sign]);
  }
  return true;
}

/**
 * Moves work between farmers, never changing a harvest (a piece only moves to a plot where its crop
 * yields the same, same grade mix), until everyone who can grow something demanded has work and no
 * farmer's expected income per m² is above `cap` × the average, as far as land and rotation allow.
 * Moves stay within the pool where they can (the model's fairness is per pool). Returns whether the
 * deadline cut it short.
 */
export function rebalance(
  cp: Compiled,
  land: Land,
  layout: Layout,
  canGrow: (farmer: number) => boolean,
  opts: { deadline: number },
): boolean {
  const { farmers } = cp;
  const totalLand = farmers.reduce((s, f) => s + f.land, 0);
  const ratio = (f: number) => layout.income[f]! / farmers[f]!.land;
  const setOf = new Map<string, number>();
  for (const set of land.sets) for (const p of set.plots) setOf.set(`${set.crop}|${p}`, set.idx);
  const eligible = farmers.filter((f) => f.land > 0 && canGrow(f.idx)).map((f) => f.idx);
  const stuck = new Set<number>();
  for (let iter = 0; iter < eligible.length * 6; iter++) {
    if (performance.now() > opts.deadline) return true;
    const average = layout.income.reduce((s, x) => s + x, 0) / totalLand;
    if (average <= 0) return false;
    const open = eligible.filter((f) => !stuck.has(f)).sort((a, b) => ratio(a) - ratio(b) || a - b);
    const poor = open[0];
    if (poor === undefined) return false;
    const richest = [...eligible].sort((a, b) => ratio(b) - ratio(a) || a - b).filter((f) => !farmers[f]!.acceptsExtra && f !== poor);
    const leftOut = layout.income[poor] === 0;
    if (!leftOut && !(richest.length && ratio(richest[0]!) > cp.settings.fairnessCap * average)) return false;
    let moved = false;
    for (const rich of richest.slice(0, 12)) {
      if (ratio(rich) <= ratio(poor)) break;
      if (moveSome(cp, land, setOf, layout, rich, poor, average)) {
        moved = true;
        break;
      }
    }
    // The poorest can take none of the richest farmers' work (no room, rotation, away): next one.
    if (!moved) stuck.add(poor);
  }
  return false;
}

function moveSome(
  cp: Compiled,
  land: Land,
  setOf: Map<string, number>,
  layout: Layout,
  rich: number,
  poor: number,
  average: number,
): boolean {
  const f = cp.farmers;
  const richPlots = new Set(f[rich]!.plots);
  const pieces = layout.pieces
    .filter((p) => p.group >= 0 && p.len > 0 && richPlots.has(p.plot) && !f[poor]!.unavailable.has(p.week))
    .sort((a, b) => b.len - a.len || a.week - b.week || a.plot - b.plot || a.offset - b.offset);
  for (const piece of pieces) {
    const from = land.sets[piece.group]!;
    const crop = cp.crops[piece.crop]!;
    // Plots of the poorer farmer where this crop yields exactly the same: its own set first.
    const targets = f[poor]!.plots.map((plot) => ({ plot, set: setOf.get(`${piece.crop}|${plot}`) }))
      .filter((t): t is { plot: number; set: number } => {
        if (t.set === undefined) return false;
        const to = land.sets[t.set]!;
        return to.yieldPerM2 === from.yieldPerM2 && to.mix.join('/') === from.mix.join('/');
      })
      .sort((a, b) => Number(a.set !== piece.group) - Number(b.set !== piece.group) || a.plot - b.plot);
    if (!targets.length) continue;
    const perBed = (crop.bed * from.yieldPerM2 * crop.priceNum) / 1000;
    if (perBed <= 0) continue;
    // About half the distance to the average, at least one bed.
    const excess = Math.max(layout.income[rich]! - average * f[rich]!.land, (average * f[poor]!.land - layout.income[poor]!) / 2);
    const beds = Math.max(1, Math.min(piece.len / crop.bed, Math.floor(excess / perBed)));
    for (const t of targets) {
      for (let b = beds; b >= 1; b = Math.floor(b / 2)) if (layout.move(piece, t.plot, b, t.set)) return true;
    }
  }
  return false;
}
