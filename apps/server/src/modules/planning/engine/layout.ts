/**
 * Where plantings lie: every plot's strip, the pieces on it, and each farmer's expected income so
 * far. New work goes to the farmer with the least expected income per m² of land who can take it
 * (fair shares), on the first stretch of land that is free and allowed by rotation.
 */
import type { Compiled } from './compile.js';
import { yieldAt } from './compile.js';
import { PlotStrip, type Piece } from './strips.js';
import type { Planting } from './types.js';

export interface PlacedPiece extends Piece {
  plot: number;
  /** The plot set (model variable group) it belongs to; -1 for plantings not from the model. */
  group: number;
  crop: number;
  week: number;
  fixed: boolean;
  ref?: string;
}

export class PlacementError extends Error {
  constructor(
    readonly index: number,
    message: string,
  ) {
    super(message);
  }
}

export class Layout {
  readonly strips: PlotStrip[];
  readonly pieces: PlacedPiece[] = [];
  /** Pieces of new plantings by `${plot set}|${week}`. */
  private readonly byKey = new Map<string, PlacedPiece[]>();
  /** Expected income (Rupiah, as a number) per farmer, all plantings. */
  readonly income: Float64Array;

  constructor(readonly cp: Compiled) {
    this.strips = cp.plots.map((p) => new PlotStrip(p.area, p.lastFamily));
    this.income = new Float64Array(cp.farmers.length);
  }

  private incomePerM2(crop: number, plot: number) {
    const c = this.cp.crops[crop]!;
    return (yieldAt(c, this.cp.plots[plot]!.altitude).yieldPerM2 * c.priceNum) / 1000;
  }

  private attach(piece: PlacedPiece) {
    this.strips[piece.plot]!.pieces.push(piece);
    this.pieces.push(piece);
    this.income[this.cp.plots[piece.plot]!.farmer]! += piece.len * this.incomePerM2(piece.crop, piece.plot);
    if (piece.group >= 0) {
      const key = `${piece.group}|${piece.week}`;
      const list = this.byKey.get(key);
      if (list) list.push(piece);
      else this.byKey.set(key, [piece]);
    }
  }

  private resize(piece: PlacedPiece, delta: number) {
    piece.len += delta;
    this.income[this.cp.plots[piece.plot]!.farmer]! += delta * this.incomePerM2(piece.crop, piece.plot);
  }

  /** Puts the plantings already in the ground on their plots; refuses ones that do not fit. */
  placeFixed(fixed: Compiled['fixed']) {
    fixed.forEach((f, i) => {
      const plot = this.cp.plotById.get(f.plotId)!;
      const crop = this.cp.cropByCode.get(f.commodity)!;
      const strip = this.strips[plot.idx]!;
      const start = f.plantWeek;
      const end = f.plantWeek + crop.occ;
      let offset = f.offsetM2;
      if (offset === undefined) {
        offset = strip.findSpot(start, end, null, f.areaM2, 1)?.offset;
        if (offset !== undefined && strip.freeRun(offset, start, end, null, f.areaM2) < f.areaM2) offset = undefined;
      } else if (strip.freeRun(offset, start, end, null, f.areaM2) < f.areaM2) {
        offset = undefined;
      }
      if (offset === undefined) {
        throw new PlacementError(i, `${crop.code} ${f.areaM2} m² on plot ${plot.id} does not fit next to what is already there`);
      }
      this.attach({
        offset,
        len: f.areaM2,
        start,
        end,
        family: crop.family,
        plot: plot.idx,
        group: -1,
        crop: crop.idx,
        week: f.plantWeek,
        fixed: true,
        ref: f.ref,
      });
    });
  }

  /** Plots in fair order: least income per m² of land first. */
  private plotsInOrder(candidates: number[], week: number): number[] {
    const { plots, farmers } = this.cp;
    return candidates
      .filter((p) => !farmers[plots[p]!.farmer]!.unavailable.has(week))
      .sort((a, b) => {
        const fa = farmers[plots[a]!.farmer]!;
        const fb = farmers[plots[b]!.farmer]!;
        return this.income[fa.idx]! / fa.land - this.income[fb.idx]! / fb.land || a - b;
      });
  }

  /** Places up to `beds` beds of a crop in a week on some plots; returns how many beds found room. */
  place(
    group: number | ((plot: number) => number),
    candidates: number[],
    crop: number,
    week: number,
    beds: number,
    maxPieceBeds = Infinity,
  ): number {
    const c = this.cp.crops[crop]!;
    let remaining = beds * c.bed;
    for (const plot of this.plotsInOrder(candidates, week)) {
      while (remaining > 0) {
        const want = Math.min(remaining, maxPieceBeds * c.bed);
        const spot = this.strips[plot]!.findSpot(week, week + c.occ, c.family, want, c.bed);
        if (!spot) break;
        const g = typeof group === 'number' ? group : group(plot);
        this.attach({
          offset: spot.offset,
          len: spot.len,
          start: week,
          end: week + c.occ,
          family: c.family,
          plot,
          group: g,
          crop,
          week,
          fixed: false,
        });
        remaining -= spot.len;
        if (maxPieceBeds !== Infinity) break;
      }
      if (remaining <= 0) break;
    }
    return beds - remaining / c.bed;
  }

  /** One more bed: widen a piece already there if the land next to it is free, else place anew. */
  addBed(group: number, candidates: number[], crop: number, week: number): boolean {
    const c = this.cp.crops[crop]!;
    for (const piece of this.byKey.get(`${group}|${week}`) ?? []) {
      if (piece.len <= 0) continue;
      if (this.strips[piece.plot]!.freeRun(piece.offset + piece.len, piece.start, piece.end, c.family, c.bed) >= c.bed) {
        this.resize(piece, c.bed);
        return true;
      }
    }
    return this.place(group, candidates, crop, week, 1) === 1;
  }

  /**
   * One bed less, taken from the farmer with the most income per m², where giving the land back
   * does not bring two crops of one family next to each other.
   */
  removeBed(group: number, week: number): boolean {
    const list = (this.byKey.get(`${group}|${week}`) ?? []).filter((p) => p.len > 0);
    if (!list.length) return false;
    const bed = this.cp.crops[list[0]!.crop]!.bed;
    const ratio = (p: PlacedPiece) => {
      const f = this.cp.farmers[this.cp.plots[p.plot]!.farmer]!;
      return this.income[f.idx]! / f.land;
    };
    list.sort((a, b) => ratio(b) - ratio(a) || a.len - b.len || a.plot - b.plot);
    for (const piece of list) if (this.shrink(piece, bed)) return true;
    return false;
  }

  /** Gives back `len` m² of a piece, from its end or else its start, where rotation allows. */
  private shrink(piece: PlacedPiece, len: number): boolean {
    const strip = this.strips[piece.plot]!;
    if (!strip.vacateJoinsFamilies(piece, piece.offset + piece.len - len, piece.offset + piece.len)) {
      this.resize(piece, -len);
      return true;
    }
    if (piece.len > len && !strip.vacateJoinsFamilies(piece, piece.offset, piece.offset + len)) {
      piece.offset += len;
      this.resize(piece, -len);
      return true;
    }
    return false;
  }

  /** Moves `beds` beds of a piece to another plot (where the crop yields the same), into plot set `group`. */
  move(piece: PlacedPiece, toPlot: number, beds: number, group: number): boolean {
    const c = this.cp.crops[piece.crop]!;
    const len = beds * c.bed;
    const spot = this.strips[toPlot]!.findSpot(piece.start, piece.end, c.family, len, c.bed);
    if (!spot || spot.len < len) return false;
    const moved = { ...piece, offset: spot.offset, len: spot.len, plot: toPlot, group };
    if (!this.shrink(piece, len)) return false;
    this.attach(moved);
    return true;
  }

  /** The plantings, neighbouring pieces of one planting joined, in a stable order. */
  plantings(): Planting[] {
    const out: Planting[] = [];
    const live = this.pieces.filter((p) => p.len > 0);
    const groups = new Map<string, PlacedPiece[]>();
    live.forEach((p, i) => {
      const key = p.fixed ? `f|${i}` : `${p.plot}|${p.crop}|${p.week}`;
      const g = groups.get(key);
      if (g) g.push(p);
      else groups.set(key, [p]);
    });
    for (const group of groups.values()) {
      group.sort((a, b) => a.offset - b.offset);
      let cur: PlacedPiece | undefined;
      for (const p of group) {
        if (cur && !p.fixed && cur.offset + cur.len === p.offset) {
          out[out.length - 1]!.areaM2 += p.len;
          cur = { ...cur, len: cur.len + p.len };
          continue;
        }
        cur = p;
        const plot = this.cp.plots[p.plot]!;
        out.push({
          farmerId: this.cp.farmers[plot.farmer]!.id,
          plotId: plot.id,
          commodity: this.cp.crops[p.crop]!.code,
          plantWeek: p.week,
          areaM2: p.len,
          offsetM2: p.offset,
          fixed: p.fixed,
          ...(p.ref !== undefined ? { ref: p.ref } : {}),
        });
      }
    }
    return out.sort(
      (a, b) =>
        Number(b.fixed) - Number(a.fixed) ||
        a.plantWeek - b.plantWeek ||
        (a.farmerId < b.farmerId ? -1 : a.farmerId > b.farmerId ? 1 : 0) ||
        (a.plotId < b.plotId ? -1 : a.plotId > b.plotId ? 1 : 0) ||
        (a.commodity < b.commodity ? -1 : a.commodity > b.commodity ? 1 : 0) ||
        a.offsetM2 - b.offsetM2,
    );
  }
}
