import { todayIn } from '@kopdes/shared/format';
import { REMINDER_LEVEL_LABELS, type ReminderLevel } from '@kopdes/shared/market';
import { Anchor, Badge, Card, Group, SimpleGrid, Skeleton, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCoop } from '../../app/coop.js';
import { Link } from '../../app/router.js';
import { DateText } from '../../components/DateText.js';
import { EmptyState } from '../../components/EmptyState.js';
import { Money } from '../../components/Money.js';
import { ErrorState } from '../../components/States.js';
import { currentLang } from '../../i18n/index.js';
import { useReminders, type Reminders } from './market-api.js';
import { marketPath } from './nav.js';

const LEVEL_COLOR: Record<ReminderLevel, string> = { first: 'yellow', second: 'orange', final: 'red' };

/** Who to call today: buyers with overdue invoices, the most urgent first, with their contacts. */
export function RemindersPanel() {
  const { t } = useTranslation();
  const coop = useCoop();
  const [asOf, setAsOf] = useState(todayIn(coop.timeZone));
  const q = useReminders(coop.id, asOf || undefined);
  return (
    <Stack gap="md">
      <TextInput label={t('market.ageing.asOf')} type="date" value={asOf} onChange={(e) => setAsOf(e.currentTarget.value)} maw={220} />
      {q.isPending ? (
        <Skeleton height={200} />
      ) : q.isError ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : !q.data.items.length ? (
        <EmptyState title={t('market.reminders.empty')} />
      ) : (
        <>
          <Text size="sm">
            {t('market.reminders.summary', {
              count: q.data.totals.invoices,
              partners: q.data.totals.partners,
              invoices: q.data.totals.invoices,
            })}{' '}
            <Money value={q.data.totals.overdue} fw={700} c="red.8" />
          </Text>
          {q.data.items.map((p) => (
            <ReminderCard key={p.partnerId} item={p} />
          ))}
        </>
      )}
    </Stack>
  );
}

function ReminderCard({ item: p }: { item: Reminders['items'][number] }) {
  const { t } = useTranslation();
  const coop = useCoop();
  const lang = currentLang();
  return (
    <Card padding="md" withBorder role="listitem">
      <Group justify="space-between" align="flex-start" gap="xs">
        <Stack gap={0}>
          <Anchor component={Link} href={marketPath(coop.id, `mitra/${p.partnerId}`)} fw={700}>
            {p.partnerName}
          </Anchor>
          <Text size="xs" c="dimmed">
            {t('market.reminders.terms', { count: p.paymentTermsDays })}
          </Text>
        </Stack>
        <Badge color={LEVEL_COLOR[p.level]} variant="light" tt="none">
          {REMINDER_LEVEL_LABELS[p.level][lang]}
        </Badge>
      </Group>
      <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="xs" mt="sm">
        <Stack gap={0}>
          <Text size="xs" c="dimmed">
            {t('market.reminders.overdue')}
          </Text>
          <Money value={p.overdue} fw={700} c="red.8" />
        </Stack>
        <Stack gap={0}>
          <Text size="xs" c="dimmed">
            {t('market.reminders.longest')}
          </Text>
          <Text size="sm" fw={600}>
            {t('market.ageing.days', { count: p.maxDaysOverdue })}
          </Text>
        </Stack>
        {p.notYetDue !== '0' && (
          <Stack gap={0}>
            <Text size="xs" c="dimmed">
              {t('market.reminders.notYetDue')}
            </Text>
            <Money value={p.notYetDue} />
          </Stack>
        )}
        {p.credit !== '0' && (
          <Stack gap={0}>
            <Text size="xs" c="dimmed">
              {t('market.reminders.credit')}
            </Text>
            <Money value={p.credit} />
          </Stack>
        )}
      </SimpleGrid>
      <Stack gap={2} mt="sm">
        {p.invoices.map((i) => (
          <Group key={i.invoiceId} justify="space-between" gap="xs" wrap="nowrap">
            <Text size="sm">
              <Anchor component={Link} href={marketPath(coop.id, `faktur/${i.invoiceId}`)} ff="monospace">
                {i.number}
              </Anchor>{' '}
              <Text span size="xs" c="dimmed">
                · <DateText date={i.dueDate} /> · {t('market.ageing.days', { count: i.daysOverdue })}
              </Text>
            </Text>
            <Money value={i.open} size="sm" />
          </Group>
        ))}
      </Stack>
      {p.contacts.length > 0 && (
        <Group gap="md" mt="sm">
          {p.contacts.map((c, n) => (
            <Text key={n} size="sm">
              {c.name}
              {c.role ? ` (${c.role})` : ''}
              {c.phone && (
                <>
                  {' · '}
                  <Anchor href={`tel:${c.phone}`}>{c.phone}</Anchor>
                </>
              )}
            </Text>
          ))}
        </Group>
      )}
    </Card>
  );
}
