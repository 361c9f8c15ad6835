import { Card, Table, Text, TextInput } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { currentLang } from '../../i18n/index.js';
import { kg, kgInput, shortDate } from './units.js';

export interface WeekLine {
  key: string;
  week: number;
  weekStart: string;
  contract: bigint;
  history: bigint;
  /** null while the typed text is not a quantity. */
  adjustment: bigint | null;
  /** What the person typed, when it differs from the saved value. */
  text?: string;
  forecast: bigint | null;
  error?: string;
}

/**
 * One commodity and grade, a row per week: where the demand comes from (contracts, purchase-order
 * history), the board's adjustment (typed in kg, may be negative) and the forecast with the margin.
 */
export function DemandTable({
  lines,
  caption,
  editable,
  onEdit,
}: {
  lines: WeekLine[];
  caption: string;
  editable: boolean;
  onEdit: (key: string, text: string) => void;
}) {
  const { t } = useTranslation();
  const lang = currentLang();
  // On a phone contracts and PO history share one column so the adjustment field stays in view.
  const phone = useMediaQuery('(max-width: 30em)', false, { getInitialValueInEffect: false });
  return (
    <Card padding={0}>
      <Text size="xs" c="dimmed" px="sm" pt="xs">
        {t('planning.demand.inKg')}
      </Text>
      <Table.ScrollContainer minWidth={phone ? 300 : 420}>
        <Table verticalSpacing={4} horizontalSpacing={phone ? 6 : 'xs'} striped aria-label={caption} fz="sm">
          <Table.Thead fz={phone ? 'xs' : undefined}>
            <Table.Tr>
              <Table.Th>{t('planning.week')}</Table.Th>
              {phone ? (
                <Table.Th ta="right">{t('planning.demand.sourcesShort')}</Table.Th>
              ) : (
                <>
                  <Table.Th ta="right">{t('planning.demand.contract')}</Table.Th>
                  <Table.Th ta="right">{t('planning.demand.history')}</Table.Th>
                </>
              )}
              <Table.Th ta="right">{t('planning.demand.adjustment')}</Table.Th>
              <Table.Th ta="right">{t('planning.demand.forecast')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {lines.map((l) => {
              const edited = l.text !== undefined;
              return (
                <Table.Tr key={l.key}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Text span fw={600} size="sm">
                      {l.week + 1}
                    </Text>
                    {phone ? <br /> : ' '}
                    <Text span size="xs" c="dimmed">
                      {shortDate(l.weekStart, lang)}
                    </Text>
                  </Table.Td>
                  {phone ? (
                    <Table.Td ta="right" className="kd-money">
                      {kg(l.contract, false)}
                      {l.history !== 0n && (
                        <Text span size="xs" c="dimmed">
                          {' '}
                          + {kg(l.history, false)}
                        </Text>
                      )}
                    </Table.Td>
                  ) : (
                    <>
                      <Table.Td ta="right" className="kd-money">
                        {kg(l.contract, false)}
                      </Table.Td>
                      <Table.Td ta="right" className="kd-money">
                        {kg(l.history, false)}
                      </Table.Td>
                    </>
                  )}
                  <Table.Td ta="right" w={phone ? 84 : 110}>
                    {editable ? (
                      <TextInput
                        size="sm"
                        aria-label={t('planning.demand.adjustmentFor', { week: l.week + 1 })}
                        value={l.text ?? kgInput(l.adjustment ?? 0n)}
                        onChange={(e) => onEdit(l.key, e.currentTarget.value)}
                        error={l.adjustment === null ? t('planning.demand.badKg') : l.error}
                        autoComplete="off"
                        styles={{ input: { textAlign: 'right', background: edited ? 'var(--mantine-color-yellow-0)' : undefined } }}
                      />
                    ) : (
                      <span className="kd-money">{kg(l.adjustment, false)}</span>
                    )}
                  </Table.Td>
                  <Table.Td ta="right" className="kd-money" fw={700} data-testid={`forecast-${l.week + 1}`}>
                    {l.forecast === null ? '–' : kg(l.forecast, false)}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Card>
  );
}
