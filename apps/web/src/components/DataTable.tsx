import { Card, Group, Stack, Table, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import type { ReactNode } from 'react';

export interface Column<T> {
  key: string;
  header: ReactNode;
  render: (row: T) => ReactNode;
  align?: 'left' | 'right' | 'center';
  /** The card's title on a phone (one column should have it). */
  primary?: boolean;
  /** Actions: on a phone they sit at the bottom of the card, without a label. */
  actions?: boolean;
  width?: number | string;
}

export interface DataTableProps<T> {
  rows: readonly T[];
  columns: Column<T>[];
  rowKey: (row: T) => string;
  /** Shown instead of the table when there are no rows. */
  empty?: ReactNode;
  /** An accessible name for the table. */
  caption?: string;
}

/** A table on a wide screen; on a phone each row becomes a card with label–value lines. */
export function DataTable<T>({ rows, columns, rowKey, empty, caption }: DataTableProps<T>) {
  const phone = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
  if (!rows.length && empty) return <>{empty}</>;

  if (phone) {
    const title = columns.find((c) => c.primary);
    const actions = columns.filter((c) => c.actions);
    const fields = columns.filter((c) => !c.primary && !c.actions);
    return (
      <Stack gap="sm" role="list" aria-label={caption}>
        {rows.map((row) => (
          <Card key={rowKey(row)} padding="md" role="listitem">
            {title && (
              <Text fw={600} mb={6}>
                {title.render(row)}
              </Text>
            )}
            <Stack gap={6}>
              {fields.map((c) => (
                <Group key={c.key} justify="space-between" align="flex-start" gap="sm" wrap="nowrap">
                  <Text size="sm" c="dimmed" style={{ flexShrink: 0 }}>
                    {c.header}
                  </Text>
                  <Text size="sm" component="div" ta="right" style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
                    {c.render(row)}
                  </Text>
                </Group>
              ))}
            </Stack>
            {actions.length > 0 && (
              <Group mt="sm" gap="sm">
                {actions.map((c) => (
                  <div key={c.key}>{c.render(row)}</div>
                ))}
              </Group>
            )}
          </Card>
        ))}
      </Stack>
    );
  }

  return (
    <Card padding={0}>
      <Table.ScrollContainer minWidth={560}>
        <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover aria-label={caption}>
          <Table.Thead>
            <Table.Tr>
              {columns.map((c) => (
                <Table.Th key={c.key} ta={c.align} w={c.width}>
                  {c.header}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr key={rowKey(row)}>
                {columns.map((c) => (
                  <Table.Td key={c.key} ta={c.align}>
                    {c.render(row)}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Card>
  );
}
