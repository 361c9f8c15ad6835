/** The dashboard's pictures, drawn as plain SVG and CSS: a bar series and a tile map of the provinces. */
import { Box, Card, Group, Stack, Text, Title, Tooltip, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { count, monthName, percent } from '../labels.js';
import type { TileMap } from '../network-api.js';

export interface Bar {
  key: string;
  label: string;
  value: number;
  /** A second, smaller value drawn inside the bar (e.g. operating of formed). */
  inner?: number;
}

/** Twelve months as bars, with the latest value written above the last bar. */
export function BarSeries({
  title,
  bars,
  format,
  legend,
}: {
  title: string;
  bars: Bar[];
  format: (n: number) => string;
  legend?: [string, string];
}) {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const w = 100 / Math.max(1, bars.length);
  const last = bars[bars.length - 1];
  const summary = bars.map((b) => `${b.label}: ${format(b.value)}${b.inner !== undefined ? ` (${format(b.inner)})` : ''}`).join('; ');
  return (
    <Card>
      <Group justify="space-between" align="flex-start" mb="xs" gap="xs">
        <Title order={3} fz="h5">
          {title}
        </Title>
        {last && (
          <Text fw={700} style={{ fontVariantNumeric: 'tabular-nums' }}>
            {format(last.value)}
          </Text>
        )}
      </Group>
      <svg viewBox="0 0 100 40" preserveAspectRatio="none" width="100%" height={120} role="img" aria-label={`${title}: ${summary}`}>
        {bars.map((b, i) => {
          const h = (b.value / max) * 38;
          const hi = b.inner !== undefined ? (b.inner / max) * 38 : 0;
          return (
            <g key={b.key}>
              <rect x={i * w + w * 0.15} y={40 - h} width={w * 0.7} height={h} fill="var(--mantine-color-merah-2)" />
              {b.inner !== undefined && (
                <rect x={i * w + w * 0.15} y={40 - hi} width={w * 0.7} height={hi} fill="var(--mantine-color-merah-6)" />
              )}
            </g>
          );
        })}
      </svg>
      <Group justify="space-between" mt={4}>
        <Text size="xs" c="dimmed">
          {bars[0]?.label}
        </Text>
        <Text size="xs" c="dimmed">
          {last?.label}
        </Text>
      </Group>
      {legend && (
        <Group gap="md" mt={6}>
          <Group gap={6}>
            <Box w={12} h={12} bg="merah.6" style={{ borderRadius: 2 }} />
            <Text size="xs">{legend[0]}</Text>
          </Group>
          <Group gap={6}>
            <Box w={12} h={12} bg="merah.2" style={{ borderRadius: 2 }} />
            <Text size="xs">{legend[1]}</Text>
          </Group>
        </Group>
      )}
    </Card>
  );
}

export const shortMonth = (m: string) => monthName(m, true);

/** Share operating → colour: the greener, the more of a province's cooperatives trade. */
function shade(operating: number, cooperatives: number) {
  if (!cooperatives) return { bg: 'var(--mantine-color-gray-1)', fg: 'var(--mantine-color-gray-6)' };
  const s = operating / cooperatives;
  if (s >= 0.8) return { bg: 'var(--mantine-color-green-8)', fg: 'white' };
  if (s >= 0.6) return { bg: 'var(--mantine-color-green-5)', fg: 'white' };
  if (s >= 0.4) return { bg: 'var(--mantine-color-yellow-4)', fg: 'var(--mantine-color-dark-7)' };
  return { bg: 'var(--mantine-color-orange-6)', fg: 'white' };
}

/** Indonesia's 38 provinces as tiles, west to east; each opens the province's dashboard. */
export function ProvinceTiles({ map, onPick }: { map: TileMap; onPick: (code: string) => void }) {
  const { t } = useTranslation();
  const legend = [
    [t('network.dash.legend.none'), shade(0, 0)],
    ['< 40%', shade(1, 3)],
    ['40–59%', shade(1, 2)],
    ['60–79%', shade(3, 4)],
    ['≥ 80%', shade(1, 1)],
  ] as const;
  return (
    <Card>
      <Stack gap="xs">
        <Title order={3} fz="h5">
          {t('network.dash.tileMap')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('network.dash.tileMapHint')}
        </Text>
        <Box style={{ overflowX: 'auto' }}>
          <Box
            role="list"
            aria-label={t('network.dash.tileMap')}
            style={{
              display: 'grid',
              gridTemplateColumns: `repeat(${map.columns}, minmax(40px, 1fr))`,
              gridTemplateRows: `repeat(${map.rows}, 40px)`,
              gap: 3,
              minWidth: map.columns * 43,
            }}
          >
            {map.tiles.map((tile) => {
              const c = shade(tile.operating, tile.cooperatives);
              const label = t('network.dash.tileLabel', {
                name: tile.name,
                operating: count(tile.operating),
                cooperatives: count(tile.cooperatives),
              });
              return (
                <Tooltip key={tile.code} label={label} withinPortal>
                  <UnstyledButton
                    role="listitem"
                    aria-label={label}
                    onClick={() => onPick(tile.code)}
                    style={{
                      gridRow: tile.row + 1,
                      gridColumn: tile.col + 1,
                      background: c.bg,
                      color: c.fg,
                      borderRadius: 4,
                      display: 'flex',
                      flexDirection: 'column',
                      alignItems: 'center',
                      justifyContent: 'center',
                      lineHeight: 1.1,
                    }}
                  >
                    <Text fz={9} fw={700} inherit>
                      {tile.abbr}
                    </Text>
                    <Text fz={9} inherit>
                      {tile.cooperatives ? percent(tile.operating, tile.cooperatives) : '—'}
                    </Text>
                  </UnstyledButton>
                </Tooltip>
              );
            })}
          </Box>
        </Box>
        <Group gap="sm">
          {legend.map(([label, c]) => (
            <Group key={label} gap={4}>
              <Box w={12} h={12} style={{ background: c.bg, borderRadius: 2, border: '1px solid var(--mantine-color-gray-3)' }} />
              <Text size="xs">{label}</Text>
            </Group>
          ))}
        </Group>
      </Stack>
    </Card>
  );
}
