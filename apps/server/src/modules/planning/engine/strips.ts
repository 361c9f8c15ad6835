/**
 * A plot as a strip of land (m² from its start) over time. Each planting lies on a stretch of it
 * for the weeks it occupies the land. A stretch is free for a new planting when nothing lies on it
 * in those weeks, and rotation allows it: on every part of the stretch, the crop grown just before
 * (or the plot's last family, if none) and the crop grown just after are of another family.
 */

export interface Piece {
  offset: number;
  len: number;
  /** First week on the land. */
  start: number;
  /** First week after it (exclusive). */
  end: number;
  family: string;
}

export class PlotStrip {
  readonly pieces: Piece[] = [];

  constructor(
    readonly area: number,
    readonly lastFamily: string | null,
  ) {}

  /**
   * Length of free land from `offset` (at most `maxLen`) for a `family` planting over [start, end).
   * A null family skips the rotation rule (a planting already in the ground is a fact).
   */
  freeRun(offset: number, start: number, end: number, family: string | null, maxLen: number): number {
    let limit = Math.min(this.area, offset + maxLen);
    if (limit <= offset) return 0;
    const around: Piece[] = [];
    for (const p of this.pieces) {
      if (p.len <= 0 || p.offset >= limit || p.offset + p.len <= offset) continue;
      if (p.start < end && start < p.end) {
        if (p.offset <= offset) return 0;
        limit = Math.min(limit, p.offset);
      } else {
        around.push(p);
      }
    }
    const bounds = new Set<number>([offset]);
    for (const p of around) {
      if (p.offset > offset && p.offset < limit) bounds.add(p.offset);
      if (p.offset + p.len > offset && p.offset + p.len < limit) bounds.add(p.offset + p.len);
    }
    if (family === null) return limit - offset;
    const cuts = [...bounds].sort((a, b) => a - b);
    for (let i = 0; i < cuts.length; i++) {
      const a = cuts[i]!;
      if (a >= limit) break;
      let before: Piece | undefined;
      let after: Piece | undefined;
      for (const p of around) {
        if (p.offset > a || p.offset + p.len <= a) continue;
        if (p.end <= start) {
          if (!before || p.end > before.end) before = p;
        } else if (!after || p.start < after.start) {
          after = p;
        }
      }
      const prev = before ? before.family : this.lastFamily;
      if (prev === family || after?.family === family) return a - offset;
    }
    return limit - offset;
  }

  /**
   * Where a planting of `want` m² (in whole `unit`s) fits best: the first stretch that takes all of
   * it, else the longest one. null when not even one unit fits.
   */
  findSpot(start: number, end: number, family: string | null, want: number, unit: number): { offset: number; len: number } | null {
    const candidates = new Set<number>([0]);
    for (const p of this.pieces) {
      if (p.len <= 0) continue;
      candidates.add(p.offset);
      candidates.add(p.offset + p.len);
    }
    let best: { offset: number; len: number } | null = null;
    for (const o of [...candidates].sort((a, b) => a - b)) {
      if (o + unit > this.area) continue;
      const run = this.freeRun(o, start, end, family, want);
      const len = Math.floor(run / unit) * unit;
      if (len >= want) return { offset: o, len: want };
      if (len >= unit && (!best || len > best.len)) best = { offset: o, len };
    }
    return best;
  }

  /**
   * Whether giving back [from, to) of a piece would leave the crops before and after it on that land
   * of one family (rotation broken by the gap).
   */
  vacateJoinsFamilies(piece: Piece, from: number, to: number): boolean {
    const others = this.pieces.filter((p) => p !== piece && p.len > 0 && p.offset < to && p.offset + p.len > from);
    const cuts = new Set([from]);
    for (const p of others) {
      if (p.offset > from && p.offset < to) cuts.add(p.offset);
      if (p.offset + p.len > from && p.offset + p.len < to) cuts.add(p.offset + p.len);
    }
    for (const a of cuts) {
      let before: Piece | undefined;
      let after: Piece | undefined;
      for (const p of others) {
        if (p.offset > a || p.offset + p.len <= a) continue;
        if (p.end <= piece.start && (!before || p.end > before.end)) before = p;
        if (p.start >= piece.end && (!after || p.start < after.start)) after = p;
      }
      if (after && after.family === (before ? before.family : this.lastFamily)) return true;
    }
    return false;
  }

  /** Land in use in a week. */
  usedIn(week: number): number {
    let used = 0;
    for (const p of this.pieces) if (p.start <= week && week < p.end) used += p.len;
    return used;
  }
}
