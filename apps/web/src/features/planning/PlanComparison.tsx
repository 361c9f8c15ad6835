import { Card, Table, Text } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { currentLang } from '../../i18n/index.js';
import type { PlanSummary } from './planning-api.js';
import { kg, pct } from './units.js';

type Figures = PlanSummary['figures'];

/** A thin bar under a figure, its length against the larger of the two plans. */
function Meter({ value, max, colour }: { value: number; max: number; colour: string }) {
  return (
    <svg width="100%" height={6} aria-hidden style={{ display: 'block', marginTop: 2 }}>
      <rect width="100%" height={6} rx={3} fill="var(--mantine-color-gray-2)" />
      <rect width={`${max > 0 ? (100 * value) / max : 0}%`} height={6} rx={3} fill={`var(--mantine-color-${colour}-6)`} />
    </svg>
  );
}

/**
 * The optimiser's plan beside what a manager would do in a spreadsheet (each week's demand handed
 * to farmers in turn): shortfall, oversupply and how evenly the income is spread.
 */
export function PlanComparison({ summary }: { summary: PlanSummary }) {
  const { t } = useTranslation();
  const lang = currentLang();
  const num = (x: number, d = 2) => x.toFixed(d).replace('.', lang === 'id' ? ',' : '.');
  const rows: { key: string; of: (f: Figures) => number; text: (f: Figures) => string; lowerBetter?: boolean; bar?: boolean }[] = [
    { key: 'shortfall', of: (f) => Number(f.shortfallGrams), text: (f) => kg(f.shortfallGrams), lowerBetter: true, bar: true },
    { key: 'oversupply', of: (f) => Number(f.oversupplyGrams), text: (f) => kg(f.oversupplyGrams), lowerBetter: true, bar: true },
    {
      key: 'coverage',
      of: (f) => (Number(f.demandGrams) ? 1 - Number(f.shortfallGrams) / Number(f.demandGrams) : 1),
      text: (f) => pct(100 * (Number(f.demandGrams) ? 1 - Number(f.shortfallGrams) / Number(f.demandGrams) : 1), lang),
      lowerBetter: false,
    },
    { key: 'incomeCv', of: (f) => f.fairness.incomePerM2Cv, text: (f) => num(f.fairness.incomePerM2Cv), lowerBetter: true },
    { key: 'gini', of: (f) => f.fairness.incomePerM2Gini, text: (f) => num(f.fairness.incomePerM2Gini), lowerBetter: true },
    { key: 'maxShare', of: (f) => f.fairness.maxShareRatio, text: (f) => `${num(f.fairness.maxShareRatio)}×`, lowerBetter: true },
    {
      key: 'leftOut',
      of: (f) => f.fairness.farmersLeftOut,
      text: (f) => `${f.fairness.farmersLeftOut} / ${f.fairness.farmersWithLand}`,
      lowerBetter: true,
    },
    { key: 'plantings', of: (f) => f.plantings, text: (f) => String(f.plantings) },
    { key: 'area', of: (f) => f.plantedM2, text: (f) => `${f.plantedM2.toLocaleString(lang === 'id' ? 'id-ID' : 'en-GB')} m²` },
  ];
  const better = (r: (typeof rows)[number], mine: Figures, other: Figures) =>
    r.lowerBetter !== undefined && (r.lowerBetter ? r.of(mine) < r.of(other) : r.of(mine) > r.of(other));
  return (
    <Card padding={0}>
      <Text fw={700} px="md" pt="md">
        {t('planning.compare.title')}
      </Text>
      <Text size="sm" c="dimmed" px="md" pb="xs">
        {t('planning.compare.hint')}
      </Text>
      <Table verticalSpacing="xs" horizontalSpacing="xs" aria-label={t('planning.compare.title')} fz="sm" layout="fixed">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w="40%" />
            <Table.Th ta="right">{t('planning.compare.optimiser')}</Table.Th>
            <Table.Th ta="right">{t('planning.compare.greedy')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => {
            const max = Math.max(r.of(summary.figures), r.of(summary.greedy));
            return (
              <Table.Tr key={r.key} data-testid={`compare-${r.key}`}>
                <Table.Td>{t(`planning.compare.${r.key}`)}</Table.Td>
                {[summary.figures, summary.greedy].map((f, i) => (
                  <Table.Td key={i} ta="right" className="kd-money">
                    <Text span size="sm" fw={better(r, f, i === 0 ? summary.greedy : summary.figures) ? 700 : 400}>
                      {r.text(f)}
                    </Text>
                    {better(r, f, i === 0 ? summary.greedy : summary.figures) && (
                      <IconCircleCheck
                        size={14}
                        color="var(--mantine-color-green-7)"
                        aria-label={t('planning.compare.better')}
                        style={{ marginLeft: 4, verticalAlign: -2 }}
                      />
                    )}
                    {r.bar && <Meter value={r.of(f)} max={max} colour={i === 0 ? 'teal' : 'gray'} />}
                  </Table.Td>
                ))}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      <Text size="xs" c="dimmed" px="md" py="xs">
        {t('planning.compare.fairnessHint')}
      </Text>
    </Card>
  );
}
