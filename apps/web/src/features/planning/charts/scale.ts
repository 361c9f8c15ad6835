/** Axis arithmetic shared by the planning charts. */

/** A round top for a value axis (1, 2 or 5 × a power of ten) and the gridlines under it. */
export function niceAxis(max: number, lines = 4): { top: number; ticks: number[] } {
  if (!(max > 0)) return { top: 1, ticks: [0, 1] };
  const rough = max / lines;
  const pow = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * pow).find((s) => s >= rough)!;
  const top = Math.ceil(max / step) * step;
  const ticks: number[] = [];
  for (let v = 0; v <= top + step / 2; v += step) ticks.push(v);
  return { top, ticks };
}

/** Which week labels to print so they never touch: every 1st, 2nd, 4th… week. */
export function labelEvery(weekWidth: number, labelWidth = 22): number {
  let n = 1;
  while (n * weekWidth < labelWidth) n *= 2;
  return n;
}
