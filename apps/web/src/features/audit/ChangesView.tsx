import { Code, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

const isFromTo = (v: unknown): v is { from: unknown; to: unknown } =>
  typeof v === 'object' && v !== null && 'from' in v && 'to' in v && Object.keys(v).length === 2;

const show = (v: unknown) => (v === null || v === undefined || v === '' ? '—' : typeof v === 'string' ? v : JSON.stringify(v));

/** What an audit entry changed, as "field: before → after" lines where it can, else as JSON. */
export function ChangesView({ changes }: { changes: unknown }) {
  const { t } = useTranslation();
  if (changes === null || changes === undefined) return <Text c="dimmed">{t('audit.noChanges')}</Text>;
  if (typeof changes !== 'object' || Array.isArray(changes)) return <Code block>{JSON.stringify(changes, null, 2)}</Code>;
  return (
    <Table withRowBorders verticalSpacing={6} layout="fixed">
      <Table.Tbody>
        {Object.entries(changes).map(([k, v]) => (
          <Table.Tr key={k}>
            <Table.Td w="38%" c="dimmed" style={{ verticalAlign: 'top', overflowWrap: 'anywhere' }}>
              {t(`auditFields.${k}`, { defaultValue: k })}
            </Table.Td>
            <Table.Td style={{ overflowWrap: 'anywhere' }}>
              {isFromTo(v) ? (
                <Stack gap={0}>
                  <Text size="sm" c="dimmed" td="line-through">
                    {show(v.from)}
                  </Text>
                  <Text size="sm">{show(v.to)}</Text>
                </Stack>
              ) : (
                <Text size="sm">{show(v)}</Text>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
