import { Box, Flex, Group, Text, UnstyledButton } from '@mantine/core';
import { useElementSize } from '@mantine/hooks';
import { PLANTING_STATUS_LABELS } from '@kopdes/shared/planning';
import { Fragment, useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLang } from '../../../i18n/index.js';
import type { Gantt } from '../planning-api.js';
import { colourOf, mantineVar, shortDate } from '../units.js';
import { Legend } from './CoverageChart.js';
import { labelEvery } from './scale.js';

type Bar = Gantt['groups'][number]['farmers'][number]['bars'][number];

const HEADER = 36;
const GROUP = 28;
const LANE = 18;
const ROW_PAD = 5;

/** Bars that overlap in time go on separate lanes of the farmer's row (first lane that is free). */
function lanesOf(bars: Bar[]): Bar[][] {
  const lanes: { end: number; bars: Bar[] }[] = [];
  for (const b of [...bars].sort((a, c) => a.startWeek - c.startWeek || a.endWeek - c.endWeek)) {
    const lane = lanes.find((l) => l.end < b.startWeek);
    if (lane) {
      lane.bars.push(b);
      lane.end = b.endWeek;
    } else lanes.push({ end: b.endWeek, bars: [b] });
  }
  return lanes.map((l) => l.bars);
}

export interface GanttProps {
  data: Gantt;
  /** Crop codes in list order: a crop keeps its colour on every chart. */
  cropOrder: string[];
  currentWeek: number;
  /** Width of the names column; narrower on a phone. */
  nameWidth?: number;
  /** Narrowest week column (wider for fingers on a phone); weeks widen to fill the screen when there is room. */
  minWeek?: number;
  onBar?: (plantingId: string) => void;
  /** Something beside a farmer's name (the plan sheet button). */
  farmerExtra?: (farmerId: string, name: string) => ReactNode;
  onFarmer?: (farmerId: string) => void;
}

/**
 * The planting calendar: weeks across, one row per farmer under their group, each planting a bar
 * whose light part is the growing time and whose dark part is the harvest window. The names stay
 * in view while the weeks scroll sideways on a phone.
 */
export function GanttChart({ data, cropOrder, currentWeek, nameWidth = 170, minWeek = 18, onBar, farmerExtra, onFarmer }: GanttProps) {
  const { t } = useTranslation();
  const lang = currentLang();
  const n = data.weeks.length;
  const { ref, width: room } = useElementSize();
  const WEEK = Math.max(minWeek, Math.floor((room - nameWidth - 2) / Math.max(n, 1)));
  const width = n * WEEK;
  const every = labelEvery(WEEK, 18);
  // Open on this week (a few weeks of the past in view) rather than on the start of the season.
  const placed = useRef(false);
  useEffect(() => {
    const el = ref.current;
    if (!el || placed.current || room <= 0) return;
    placed.current = true;
    el.scrollLeft = Math.max(0, (currentWeek - 3) * WEEK);
  }, [ref, room, WEEK, currentWeek]);

  type Row =
    | { kind: 'group'; group: string; count: number; y: number }
    | { kind: 'farmer'; id: string; name: string; lanes: Bar[][]; y: number; h: number };
  const rows: Row[] = [];
  let y = HEADER;
  for (const g of data.groups) {
    rows.push({ kind: 'group', group: g.group, count: g.farmers.length, y });
    y += GROUP;
    for (const f of g.farmers) {
      const lanes = lanesOf(f.bars);
      const h = Math.max(1, lanes.length) * LANE + ROW_PAD * 2;
      rows.push({ kind: 'farmer', id: f.farmerId, name: f.name, lanes, y, h });
      y += h;
    }
  }
  const height = y;
  const months = data.weeks.filter((wk, i) => i === 0 || wk.weekStart.slice(0, 7) !== data.weeks[i - 1]!.weekStart.slice(0, 7));
  const monthName = new Intl.DateTimeFormat(lang === 'id' ? 'id-ID' : 'en-GB', { month: 'short', timeZone: 'UTC' });

  const barLabel = (b: Bar) =>
    t('planning.gantt.barLabel', {
      commodity: b.commodityName,
      plot: b.plotName,
      area: b.areaM2,
      plant: b.startWeek + 1,
      plantDate: shortDate(data.weeks[Math.min(Math.max(b.startWeek, 0), n - 1)]!.weekStart, lang),
      from: b.harvestFromWeek + 1,
      to: b.endWeek + 1,
      status: PLANTING_STATUS_LABELS[b.status][lang],
    });

  return (
    <Box>
      <Box ref={ref} style={{ overflowX: 'auto', WebkitOverflowScrolling: 'touch' }} data-testid="gantt-scroller">
        <Box style={{ display: 'flex', width: nameWidth + width }}>
          <Box
            style={{
              position: 'sticky',
              left: 0,
              zIndex: 2,
              width: nameWidth,
              flex: 'none',
              background: 'var(--mantine-color-body)',
              borderRight: '1px solid var(--mantine-color-gray-3)',
            }}
          >
            <Box h={HEADER} px={6} style={{ display: 'flex', alignItems: 'flex-end', paddingBottom: 4 }}>
              <Text size="xs" c="dimmed">
                {t('planning.gantt.farmer')}
              </Text>
            </Box>
            {rows.map((r) =>
              r.kind === 'group' ? (
                <Box key={`g-${r.group}`} h={GROUP} px={6} bg="gray.1" style={{ display: 'flex', alignItems: 'center' }}>
                  <Text size="sm" fw={700} className="kd-truncate">
                    {r.group}
                  </Text>
                </Box>
              ) : (
                <Flex
                  key={`f-${r.id}`}
                  h={r.h}
                  px={6}
                  gap={2}
                  // A tall row has room for the whole name over two or three lines, the button under it.
                  direction={r.h >= 3 * LANE ? 'column' : 'row'}
                  justify="center"
                  align={r.h >= 3 * LANE ? 'flex-start' : 'center'}
                  style={{ borderTop: '1px solid var(--mantine-color-gray-2)', overflow: 'hidden' }}
                >
                  {onFarmer ? (
                    <UnstyledButton
                      onClick={() => onFarmer(r.id)}
                      style={{ flex: r.h >= 3 * LANE ? 'none' : 1, minWidth: 0, maxWidth: '100%' }}
                    >
                      <Text size="sm" c="merah.7" td="underline" lineClamp={r.h >= 3 * LANE ? 3 : 1} lh={1.25}>
                        {r.name}
                      </Text>
                    </UnstyledButton>
                  ) : (
                    <Text
                      size="sm"
                      lineClamp={r.h >= 3 * LANE ? 3 : 1}
                      lh={1.25}
                      style={{ flex: r.h >= 3 * LANE ? 'none' : 1, minWidth: 0 }}
                    >
                      {r.name}
                    </Text>
                  )}
                  {farmerExtra?.(r.id, r.name)}
                </Flex>
              ),
            )}
          </Box>
          <svg width={width} height={height} role="group" aria-label={t('planning.gantt.label')} style={{ display: 'block', flex: 'none' }}>
            {months.map((m) => (
              <text key={m.weekStart} x={m.week * WEEK + 2} y={13} fontSize={11} fontWeight={600} fill="var(--mantine-color-gray-8)">
                {monthName.format(new Date(`${m.weekStart}T00:00:00Z`))}
              </text>
            ))}
            {data.weeks.map((wk) => (
              <Fragment key={wk.week}>
                <line x1={wk.week * WEEK} x2={wk.week * WEEK} y1={HEADER - 16} y2={height} stroke="var(--mantine-color-gray-2)" />
                {wk.week % every === 0 && (
                  <text x={wk.week * WEEK + WEEK / 2} y={HEADER - 5} fontSize={10} textAnchor="middle" fill="var(--mantine-color-gray-7)">
                    {wk.week + 1}
                  </text>
                )}
              </Fragment>
            ))}
            {rows.map((r) =>
              r.kind === 'group' ? (
                <rect key={`g-${r.group}`} x={0} y={r.y} width={width} height={GROUP} fill="var(--mantine-color-gray-1)" />
              ) : (
                <g key={`f-${r.id}`}>
                  <line x1={0} x2={width} y1={r.y} y2={r.y} stroke="var(--mantine-color-gray-2)" />
                  {r.lanes.map((lane, li) =>
                    lane.map((b) => (
                      <BarShape
                        key={b.plantingId}
                        bar={b}
                        week={WEEK}
                        y={r.y + ROW_PAD + li * LANE}
                        colour={colourOf(b.commodity, cropOrder)}
                        label={barLabel(b)}
                        onClick={onBar ? () => onBar(b.plantingId) : undefined}
                      />
                    )),
                  )}
                </g>
              ),
            )}
            {currentWeek >= 0 && currentWeek < n && (
              <line
                x1={currentWeek * WEEK}
                x2={currentWeek * WEEK}
                y1={HEADER - 16}
                y2={height}
                stroke="var(--mantine-color-merah-6)"
                strokeWidth={2}
                pointerEvents="none"
              />
            )}
          </svg>
        </Box>
      </Box>
      <Group gap="md" mt="xs" wrap="wrap">
        <Legend
          swatch={<rect width={12} height={10} fill={mantineVar('teal', 2)} stroke={mantineVar('teal', 6)} />}
          text={t('planning.gantt.growing')}
        />
        <Legend swatch={<rect width={12} height={10} fill={mantineVar('teal', 6)} />} text={t('planning.gantt.harvest')} />
        <Legend
          swatch={<rect width={12} height={10} fill="white" stroke={mantineVar('gray', 6)} strokeDasharray="2 2" />}
          text={t('planning.gantt.cancelled')}
        />
        <Legend
          swatch={<line x1={6} x2={6} y1={0} y2={10} stroke={mantineVar('merah', 6)} strokeWidth={2} />}
          text={t('planning.gantt.today')}
        />
      </Group>
    </Box>
  );
}

function BarShape({
  bar,
  week: WEEK,
  y,
  colour,
  label,
  onClick,
}: {
  bar: Bar;
  week: number;
  y: number;
  colour: string;
  label: string;
  onClick?: () => void;
}) {
  const x0 = bar.startWeek * WEEK + 1;
  const xh = bar.harvestFromWeek * WEEK;
  const x1 = (bar.endWeek + 1) * WEEK - 1;
  const h = LANE - 4;
  const cancelled = bar.status === 'cancelled';
  const text = bar.commodityName;
  const room = Math.floor((x1 - x0 - 6) / 6);
  const shown = room >= text.length ? text : room >= 4 ? `${text.slice(0, room - 1)}…` : '';
  return (
    <g
      role={onClick ? 'button' : 'img'}
      tabIndex={onClick ? 0 : undefined}
      aria-label={label}
      data-testid="gantt-bar"
      style={{ cursor: onClick ? 'pointer' : undefined }}
      onClick={onClick}
      onKeyDown={(e) => {
        if (onClick && (e.key === 'Enter' || e.key === ' ')) {
          e.preventDefault();
          onClick();
        }
      }}
    >
      <title>{label}</title>
      {cancelled ? (
        <rect x={x0} y={y} width={x1 - x0} height={h} rx={3} fill="white" stroke={mantineVar('gray', 6)} strokeDasharray="3 2" />
      ) : (
        <>
          <rect x={x0} y={y} width={Math.max(0, xh - x0)} height={h} rx={3} fill={mantineVar(colour, 2)} stroke={mantineVar(colour, 6)} />
          <rect x={xh} y={y} width={Math.max(0, x1 - xh)} height={h} rx={3} fill={mantineVar(colour, 6)} />
        </>
      )}
      {shown && (
        <text
          x={x0 + 4}
          y={y + h - 3}
          fontSize={10.5}
          fill={cancelled ? mantineVar('gray', 7) : mantineVar('dark', 7)}
          pointerEvents="none"
        >
          {shown}
        </text>
      )}
    </g>
  );
}
