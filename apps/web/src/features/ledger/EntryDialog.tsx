import { todayIn } from '@kopdes/shared/format';
import { Alert, Anchor, Button, Card, Group, Modal, Skeleton, Stack, Table, Text, Textarea } from '@mantine/core';
import { DatePickerInput, DatesProvider } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconArrowBackUp, IconInfoCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyApiError } from '../../api/form-errors.js';
import { useIdempotencyKey } from '../../api/idempotency.js';
import { useCoop } from '../../app/coop.js';
import { setSearch } from '../../app/router.js';
import { DateText } from '../../components/DateText.js';
import { Money } from '../../components/Money.js';
import { ErrorState } from '../../components/States.js';
import { currentLang } from '../../i18n/index.js';
import { EntryStatus } from './EntryStatus.js';
import { useEntry, useReverseEntry, type JournalEntry } from './ledger-api.js';
import { useSourceLabel, useUnitName } from './labels.js';

/** Entries the ledger itself made: manual entries and the demo's sample books. */
const REVERSIBLE_SOURCES = new Set(['ledger.manual', 'demo']);

const num = { fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' } as const;

/** One entry with its lines; the bendahara may reverse it from here. */
export function EntryDialog({ entryId, onClose }: { entryId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const coop = useCoop();
  const entry = useEntry(coop.id, entryId);
  const phone = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
  const [reversing, setReversing] = useState(false);
  const unitName = useUnitName();
  const sourceLabel = useSourceLabel();
  const e = entry.data;
  const reversible = e && !e.reversedById && !e.reversesId && !e.closing;
  // A module's own entry is corrected in that module, so its records and the books stay one truth.
  const fromLedger = e && REVERSIBLE_SOURCES.has(e.source.module);
  const canReverse = coop.can('ledger.post') && reversible && fromLedger;

  return (
    <Modal
      opened
      onClose={onClose}
      title={e ? t('ledger.entry.title', { number: e.number }) : t('common.loading')}
      size="xl"
      radius="md"
      fullScreen={phone}
    >
      {entry.isPending ? (
        <Skeleton height={200} />
      ) : entry.isError ? (
        <ErrorState error={entry.error} onRetry={() => void entry.refetch()} />
      ) : (
        e && (
          <Stack gap="md">
            <Stack gap={4}>
              <Text fw={600}>{e.memo}</Text>
              <Text size="sm" c="dimmed">
                <DateText date={e.date} /> · {sourceLabel(e.source.module)} · {t('ledger.entry.postedBy', { name: e.createdBy })}
              </Text>
              <EntryStatus entry={e} />
            </Stack>
            {e.reversedById && (
              <Alert variant="light" color="orange" icon={<IconInfoCircle />}>
                <Group gap="xs">
                  <span>{t('ledger.entry.reversedBy')}</span>
                  <Anchor component="button" type="button" size="sm" onClick={() => setSearch({ lihat: e.reversedById })}>
                    {t('ledger.entry.showReversal')}
                  </Anchor>
                </Group>
              </Alert>
            )}
            {e.reversesId && (
              <Alert variant="light" color="grape" icon={<IconInfoCircle />}>
                <Group gap="xs">
                  <span>{t('ledger.entry.reverses')}</span>
                  <Anchor component="button" type="button" size="sm" onClick={() => setSearch({ lihat: e.reversesId })}>
                    {t('ledger.entry.showOriginal')}
                  </Anchor>
                </Group>
              </Alert>
            )}
            {phone ? (
              <PhoneLines entry={e} unitName={unitName} />
            ) : (
              <Table.ScrollContainer minWidth={620}>
                <Table verticalSpacing="xs" aria-label={t('ledger.entry.lines')}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('ledger.entry.account')}</Table.Th>
                      <Table.Th>{t('ledger.entry.unit')}</Table.Th>
                      <Table.Th>{t('ledger.entry.subsidiary')}</Table.Th>
                      <Table.Th ta="right">{t('ledger.entry.debit')}</Table.Th>
                      <Table.Th ta="right">{t('ledger.entry.credit')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {e.lines.map((l) => (
                      <Table.Tr key={l.lineNo}>
                        <Table.Td>
                          <Text size="sm">
                            <Text component="span" inherit ff="monospace">
                              {l.account}
                            </Text>{' '}
                            {l.accountName}
                          </Text>
                          {l.memo && (
                            <Text size="xs" c="dimmed">
                              {l.memo}
                            </Text>
                          )}
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm">{unitName(l.unit)}</Text>
                        </Table.Td>
                        <Table.Td>
                          {l.memberId || l.partnerId ? (
                            <>
                              <Text size="sm">{l.memberId ? t('ledger.entry.member') : t('ledger.entry.partner')}</Text>
                              <Text size="xs" c="dimmed" ff="monospace" style={{ overflowWrap: 'anywhere' }}>
                                {l.memberId ?? l.partnerId}
                              </Text>
                            </>
                          ) : (
                            <Text size="sm" c="dimmed">
                              —
                            </Text>
                          )}
                        </Table.Td>
                        <Table.Td ta="right" style={num}>
                          {l.debit !== '0' ? <Money value={l.debit} /> : ''}
                        </Table.Td>
                        <Table.Td ta="right" style={num}>
                          {l.credit !== '0' ? <Money value={l.credit} /> : ''}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                  <Table.Tfoot>
                    <Table.Tr fw={700}>
                      <Table.Td colSpan={3}>{t('ledger.entry.totals')}</Table.Td>
                      <Table.Td ta="right" style={num}>
                        <Money value={e.total} />
                      </Table.Td>
                      <Table.Td ta="right" style={num}>
                        <Money value={e.total} />
                      </Table.Td>
                    </Table.Tr>
                  </Table.Tfoot>
                </Table>
              </Table.ScrollContainer>
            )}
            <Text size="xs" c="dimmed">
              {t('ledger.entry.sourceDoc')}:{' '}
              <Text component="span" inherit ff="monospace">
                {e.source.module} / {e.source.documentId}
              </Text>
            </Text>
            {coop.can('ledger.post') && reversible && !fromLedger && (
              <Text size="sm" c="dimmed">
                {t('ledger.entry.correctInModule', { source: sourceLabel(e.source.module) })}
              </Text>
            )}
            <Group justify="flex-end" gap="sm">
              <Button variant="default" onClick={onClose}>
                {t('common.close')}
              </Button>
              {canReverse && (
                <Button color="orange" leftSection={<IconArrowBackUp size={18} />} onClick={() => setReversing(true)}>
                  {t('ledger.entry.reverse')}
                </Button>
              )}
            </Group>
          </Stack>
        )
      )}
      {reversing && e && <ReverseDialog entry={e} onClose={() => setReversing(false)} />}
    </Modal>
  );
}

/** On a phone each line is a small card, so the amounts are never off the screen. */
function PhoneLines({ entry, unitName }: { entry: JournalEntry; unitName: (code: string) => string }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs" role="list" aria-label={t('ledger.entry.lines')}>
      {entry.lines.map((l) => (
        <Card key={l.lineNo} padding="sm" withBorder role="listitem">
          <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
            <Stack gap={0} style={{ minWidth: 0 }}>
              <Text size="sm" fw={600}>
                {l.account} {l.accountName}
              </Text>
              <Text size="xs" c="dimmed">
                {unitName(l.unit)}
                {l.memberId ? ` · ${t('ledger.entry.member')} ${l.memberId}` : ''}
                {l.partnerId ? ` · ${t('ledger.entry.partner')} ${l.partnerId}` : ''}
              </Text>
              {l.memo && (
                <Text size="xs" c="dimmed">
                  {l.memo}
                </Text>
              )}
            </Stack>
            <Stack gap={0} align="flex-end" style={{ flexShrink: 0 }}>
              <Text size="xs" c="dimmed">
                {l.debit !== '0' ? t('ledger.entry.debit') : t('ledger.entry.credit')}
              </Text>
              <Money value={l.debit !== '0' ? l.debit : l.credit} fw={600} size="sm" />
            </Stack>
          </Group>
        </Card>
      ))}
      <Group justify="space-between" px="sm">
        <Text size="sm" fw={700}>
          {t('ledger.entry.totals')}
        </Text>
        <Money value={entry.total} fw={700} size="sm" />
      </Group>
    </Stack>
  );
}

function ReverseDialog({ entry, onClose }: { entry: JournalEntry; onClose: () => void }) {
  const { t } = useTranslation();
  const coop = useCoop();
  const reverse = useReverseEntry(coop.id);
  // One key for this dialog: a double click or a retry cannot post two reversals.
  const { key: idempotencyKey, renewAfterError } = useIdempotencyKey();
  const [alert, setAlert] = useState<string | null>(null);
  const today = todayIn(coop.timeZone);
  const form = useForm({
    initialValues: { date: today < entry.date ? entry.date : today, memo: '' },
    validate: { memo: (v) => (v.trim().length >= 3 ? null : t('ledger.reverse.reasonRequired')) },
  });

  return (
    <Modal opened onClose={onClose} title={t('ledger.reverse.title', { number: entry.number })} size="md" radius="md">
      <form
        noValidate
        onSubmit={form.onSubmit((v) => {
          setAlert(null);
          reverse.mutate(
            { entryId: entry.id, date: v.date, memo: v.memo.trim(), idempotencyKey },
            {
              onSuccess: (posted) => {
                notifications.show({
                  color: 'green',
                  message: t('ledger.reverse.done', { number: entry.number, reversal: posted.number }),
                });
                onClose();
              },
              onError: (err) => {
                renewAfterError(err);
                setAlert(applyApiError(form, err));
              },
            },
          );
        })}
      >
        <Stack gap="md">
          <Text size="sm">{t('ledger.reverse.explain')}</Text>
          {alert && (
            <Alert color="red" variant="light" icon={<IconAlertCircle />} role="alert">
              {alert}
            </Alert>
          )}
          <DatesProvider settings={{ locale: currentLang(), firstDayOfWeek: 1 }}>
            <DatePickerInput
              size="md"
              label={t('ledger.reverse.date')}
              valueFormat="D MMMM YYYY"
              minDate={entry.date}
              required
              {...form.getInputProps('date')}
              onChange={(v) => v && form.setFieldValue('date', v)}
            />
          </DatesProvider>
          <Textarea
            label={t('ledger.reverse.reason')}
            description={t('ledger.reverse.reasonHint')}
            required
            autosize
            minRows={2}
            maxLength={500}
            data-autofocus
            {...form.getInputProps('memo')}
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="orange" loading={reverse.isPending}>
              {t('ledger.reverse.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
