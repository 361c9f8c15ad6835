import { Box, Group, Text } from '@mantine/core';
import { useElementSize } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLang } from '../../../i18n/index.js';
import { kg, kgShort, shortDate } from '../units.js';
import { labelEvery, niceAxis } from './scale.js';

export interface CoverageSeries {
  name: string;
  weeks: { week: number; weekStart: string }[];
  demand: number[];
  expected: number[];
  /** null: no intake recorded for that week (yet). */
  actual: (number | null)[];
}

const H = 220;
const PAD = { top: 10, right: 8, bottom: 26, left: 48 };
/** Expected below this share of demand is drawn as short. */
const SHORT = 0.9;

/**
 * Expected harvest (bars) against demand (a step line) and actual intake (dots) per week, for one
 * commodity. Weeks before `currentWeek` are shaded: they are history.
 */
export function CoverageChart({ series, currentWeek }: { series: CoverageSeries; currentWeek: number }) {
  const { t } = useTranslation();
  const lang = currentLang();
  const { ref, width } = useElementSize();
  const n = series.weeks.length;
  const w = Math.max(width, 280);
  const plotW = w - PAD.left - PAD.right;
  const step = plotW / Math.max(n, 1);
  const max = Math.max(1, ...series.demand, ...series.expected, ...series.actual.map((a) => a ?? 0));
  const { top, ticks } = niceAxis(max);
  const y = (g: number) => PAD.top + (H - PAD.top - PAD.bottom) * (1 - g / top);
  const x = (i: number) => PAD.left + i * step;
  const every = labelEvery(step);
  const barW = Math.max(1, step * 0.7);

  const demandPath = series.demand.map((d, i) => `${i === 0 ? 'M' : 'L'}${x(i)},${y(d)}H${x(i + 1)}`).join('');
  const actualPoints = series.actual.map((a, i) => (a === null ? null : ([x(i) + step / 2, y(a)] as const)));
  const actualPath = actualPoints
    .map((p, i) => (p ? `${i > 0 && actualPoints[i - 1] ? 'L' : 'M'}${p[0]},${p[1]}` : ''))
    .filter(Boolean)
    .join('');
  const label = t('planning.coverage.chartLabel', { name: series.name });

  return (
    <Box ref={ref} w="100%">
      <svg width={w} height={H} role="img" aria-label={label} data-testid="coverage-chart" style={{ display: 'block' }}>
        {currentWeek > 0 && (
          <rect
            x={PAD.left}
            y={PAD.top}
            width={Math.min(currentWeek, n) * step}
            height={H - PAD.top - PAD.bottom}
            fill="var(--mantine-color-gray-1)"
          />
        )}
        {ticks.map((v) => (
          <g key={v}>
            <line x1={PAD.left} x2={w - PAD.right} y1={y(v)} y2={y(v)} stroke="var(--mantine-color-gray-3)" strokeWidth={1} />
            <text x={PAD.left - 4} y={y(v) + 4} fontSize={10} textAnchor="end" fill="var(--mantine-color-gray-7)">
              {kgShort(v)}
            </text>
          </g>
        ))}
        {series.weeks.map((wk, i) => {
          const e = series.expected[i] ?? 0;
          const d = series.demand[i] ?? 0;
          const a = series.actual[i];
          const short = d > 0 && e < SHORT * d;
          const title = t('planning.coverage.weekTitle', {
            week: wk.week + 1,
            date: shortDate(wk.weekStart, lang),
            demand: kg(d),
            expected: kg(e),
            actual: a === null || a === undefined ? '–' : kg(a),
          });
          return (
            <g key={wk.week} data-week={wk.week + 1}>
              <title>{title}</title>
              {/* A full-height hit area so a finger on the week shows its figures. */}
              <rect x={x(i)} y={PAD.top} width={step} height={H - PAD.top - PAD.bottom} fill="transparent" />
              {e > 0 && (
                <rect
                  x={x(i) + (step - barW) / 2}
                  y={y(e)}
                  width={barW}
                  height={y(0) - y(e)}
                  rx={1}
                  fill={short ? 'var(--mantine-color-orange-5)' : 'var(--mantine-color-teal-5)'}
                  data-testid="expected-bar"
                />
              )}
              {i % every === 0 && (
                <text x={x(i) + step / 2} y={H - PAD.bottom + 14} fontSize={10} textAnchor="middle" fill="var(--mantine-color-gray-7)">
                  {wk.week + 1}
                </text>
              )}
            </g>
          );
        })}
        <path d={demandPath} fill="none" stroke="var(--mantine-color-dark-6)" strokeWidth={2} pointerEvents="none" />
        {actualPath && <path d={actualPath} fill="none" stroke="var(--mantine-color-merah-6)" strokeWidth={1.5} pointerEvents="none" />}
        {actualPoints.map(
          (p, i) => p && <circle key={i} cx={p[0]} cy={p[1]} r={2.5} fill="var(--mantine-color-merah-6)" pointerEvents="none" />,
        )}
        {currentWeek >= 0 && currentWeek < n && (
          <line
            x1={x(currentWeek)}
            x2={x(currentWeek)}
            y1={PAD.top}
            y2={H - PAD.bottom}
            stroke="var(--mantine-color-merah-7)"
            strokeDasharray="3 3"
          />
        )}
        <text x={PAD.left - 4} y={H - PAD.bottom + 14} fontSize={10} textAnchor="end" fill="var(--mantine-color-gray-7)">
          {t('planning.weekAxis')}
        </text>
      </svg>
      <Group gap="md" mt={4} wrap="wrap">
        <Legend swatch={<rect width={12} height={10} fill="var(--mantine-color-teal-5)" />} text={t('planning.coverage.expected')} />
        <Legend swatch={<rect width={12} height={10} fill="var(--mantine-color-orange-5)" />} text={t('planning.coverage.expectedShort')} />
        <Legend
          swatch={<line x1={0} x2={12} y1={5} y2={5} stroke="var(--mantine-color-dark-6)" strokeWidth={2} />}
          text={t('planning.coverage.demand')}
        />
        <Legend swatch={<circle cx={6} cy={5} r={3} fill="var(--mantine-color-merah-6)" />} text={t('planning.coverage.actual')} />
      </Group>
    </Box>
  );
}

export function Legend({ swatch, text }: { swatch: ReactNode; text: string }) {
  return (
    <Group gap={6} wrap="nowrap">
      <svg width={12} height={10} aria-hidden>
        {swatch}
      </svg>
      <Text size="xs" c="dimmed">
        {text}
      </Text>
    </Group>
  );
}
