import { Box, Group } from '@mantine/core';
import { useElementSize } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { currentLang } from '../../../i18n/index.js';
import { kg, kgShort, shortDate } from '../units.js';
import { Legend } from './CoverageChart.js';
import { labelEvery, niceAxis } from './scale.js';

export interface DemandSeries {
  name: string;
  weeks: { week: number; weekStart: string }[];
  contract: number[];
  history: number[];
  adjustment: number[];
  forecast: number[];
}

const H = 200;
const PAD = { top: 10, right: 8, bottom: 26, left: 48 };
const PARTS = [
  { key: 'contract', colour: 'var(--mantine-color-blue-6)' },
  { key: 'history', colour: 'var(--mantine-color-cyan-3)' },
  { key: 'adjustment', colour: 'var(--mantine-color-yellow-5)' },
] as const;

/**
 * Where each week's demand comes from, stacked: contracts, purchase-order history, the board's
 * adjustment; the dashed line is what the planner plans for (with the safety margin). A negative
 * adjustment is not stacked; it shows as the line falling below the bars.
 */
export function DemandChart({ series }: { series: DemandSeries }) {
  const { t } = useTranslation();
  const lang = currentLang();
  const { ref, width } = useElementSize();
  const n = series.weeks.length;
  const w = Math.max(width, 280);
  const step = (w - PAD.left - PAD.right) / Math.max(n, 1);
  const stacked = series.weeks.map((_, i) => series.contract[i]! + series.history[i]! + Math.max(0, series.adjustment[i]!));
  const { top, ticks } = niceAxis(Math.max(1, ...stacked, ...series.forecast));
  const y = (g: number) => PAD.top + (H - PAD.top - PAD.bottom) * (1 - g / top);
  const x = (i: number) => PAD.left + i * step;
  const every = labelEvery(step);
  const barW = Math.max(1, step * 0.7);
  const forecastPath = series.forecast.map((f, i) => `${i === 0 ? 'M' : 'L'}${x(i)},${y(f)}H${x(i + 1)}`).join('');

  return (
    <Box ref={ref} w="100%">
      <svg width={w} height={H} role="img" aria-label={t('planning.demand.chartLabel', { name: series.name })} style={{ display: 'block' }}>
        {ticks.map((v) => (
          <g key={v}>
            <line x1={PAD.left} x2={w - PAD.right} y1={y(v)} y2={y(v)} stroke="var(--mantine-color-gray-3)" />
            <text x={PAD.left - 4} y={y(v) + 4} fontSize={10} textAnchor="end" fill="var(--mantine-color-gray-7)">
              {kgShort(v)}
            </text>
          </g>
        ))}
        {series.weeks.map((wk, i) => {
          let base = 0;
          const values = { contract: series.contract[i]!, history: series.history[i]!, adjustment: Math.max(0, series.adjustment[i]!) };
          return (
            <g key={wk.week}>
              <title>
                {t('planning.demand.weekTitle', {
                  week: wk.week + 1,
                  date: shortDate(wk.weekStart, lang),
                  contract: kg(series.contract[i]),
                  history: kg(series.history[i]),
                  adjustment: kg(series.adjustment[i]),
                  forecast: kg(series.forecast[i]),
                })}
              </title>
              <rect x={x(i)} y={PAD.top} width={step} height={H - PAD.top - PAD.bottom} fill="transparent" />
              {PARTS.map((p) => {
                const v = values[p.key];
                if (v <= 0) return null;
                const r = (
                  <rect
                    key={p.key}
                    x={x(i) + (step - barW) / 2}
                    y={y(base + v)}
                    width={barW}
                    height={y(base) - y(base + v)}
                    fill={p.colour}
                  />
                );
                base += v;
                return r;
              })}
              {i % every === 0 && (
                <text x={x(i) + step / 2} y={H - PAD.bottom + 14} fontSize={10} textAnchor="middle" fill="var(--mantine-color-gray-7)">
                  {wk.week + 1}
                </text>
              )}
            </g>
          );
        })}
        <path
          d={forecastPath}
          fill="none"
          stroke="var(--mantine-color-dark-6)"
          strokeWidth={2}
          strokeDasharray="5 3"
          pointerEvents="none"
        />
        <text x={PAD.left - 4} y={H - PAD.bottom + 14} fontSize={10} textAnchor="end" fill="var(--mantine-color-gray-7)">
          {t('planning.weekAxis')}
        </text>
      </svg>
      <Group gap="md" mt={4} wrap="wrap">
        {PARTS.map((p) => (
          <Legend key={p.key} swatch={<rect width={12} height={10} fill={p.colour} />} text={t(`planning.demand.${p.key}`)} />
        ))}
        <Legend
          swatch={<line x1={0} x2={12} y1={5} y2={5} stroke="var(--mantine-color-dark-6)" strokeWidth={2} strokeDasharray="4 2" />}
          text={t('planning.demand.forecastLine')}
        />
      </Group>
    </Box>
  );
}
