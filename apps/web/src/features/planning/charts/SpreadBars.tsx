/** A tiny bar chart of how a crop's yield spreads over its harvest weeks. */
export function SpreadBars({ spread, label }: { spread: number[]; label: string }) {
  const max = Math.max(1, ...spread);
  const w = Math.min(6, Math.max(2, Math.floor(72 / Math.max(spread.length, 1))));
  return (
    <svg width={spread.length * w} height={14} role="img" aria-label={label} style={{ display: 'block' }}>
      <title>{label}</title>
      {spread.map((v, i) => (
        <rect
          key={i}
          x={i * w}
          y={14 - (14 * v) / max}
          width={Math.max(1, w - 1)}
          height={(14 * v) / max}
          fill="var(--mantine-color-teal-6)"
        />
      ))}
    </svg>
  );
}
