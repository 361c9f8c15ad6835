import { Badge, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { JournalEntry } from './ledger-api.js';

/** Reversed, a reversal, or a year-end closing entry: nothing for an ordinary entry. */
export function EntryStatus({ entry }: { entry: Pick<JournalEntry, 'reversedById' | 'reversesId' | 'closing'> }) {
  const { t } = useTranslation();
  if (!entry.reversedById && !entry.reversesId && !entry.closing) return null;
  return (
    <Group gap={4}>
      {entry.reversedById && (
        <Badge color="orange" variant="light" radius="sm">
          {t('ledger.journal.reversed')}
        </Badge>
      )}
      {entry.reversesId && (
        <Badge color="grape" variant="light" radius="sm">
          {t('ledger.journal.reversal')}
        </Badge>
      )}
      {entry.closing && (
        <Badge color="gray" variant="light" radius="sm">
          {t('ledger.journal.closing')}
        </Badge>
      )}
    </Group>
  );
}
