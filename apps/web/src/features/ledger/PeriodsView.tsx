import { todayIn } from '@kopdes/shared/format';
import { formatRupiah } from '@kopdes/shared/money';
import { Alert, Badge, Button, Group, Modal, Select, Skeleton, Stack, Text, Textarea, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCalendarStats, IconInfoCircle, IconAlertTriangle, IconLock, IconLockOpen } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError, newIdempotencyKey } from '../../api/client.js';
import { refusedByServer } from '../../api/idempotency.js';
import { useCoop } from '../../app/coop.js';
import { DataTable, type Column } from '../../components/DataTable.js';
import { DateText } from '../../components/DateText.js';
import { EmptyState } from '../../components/EmptyState.js';
import { ErrorState } from '../../components/States.js';
import { currentLang } from '../../i18n/index.js';
import { useMonthAction, usePeriods, useYearAction, type PeriodsList, type YearCloseResult } from './ledger-api.js';

type Month = PeriodsList['months'][number];

const monthName = (month: string, lang: 'id' | 'en') =>
  new Intl.DateTimeFormat(lang === 'id' ? 'id-ID' : 'en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${month}-01T00:00:00Z`),
  );

/** The months of a financial year, open or closed; the bendahara closes a month once it is checked. */
export function PeriodsView() {
  const { t } = useTranslation();
  const coop = useCoop();
  const lang = currentLang();
  const thisYear = Number(todayIn(coop.timeZone).slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const periods = usePeriods(coop.id, year);
  const action = useMonthAction(coop.id);
  const canClose = coop.can('ledger.close');
  const [confirm, setConfirm] = useState<{ month: string; action: 'close' | 'reopen' } | null>(null);
  const [reason, setReason] = useState('');
  const yearClosed = periods.data?.yearClosed ?? false;
  const yearAction = useYearAction(coop.id);
  const canReopenYear = coop.can('ledger.reopen_year');
  const [yearConfirm, setYearConfirm] = useState<{ action: 'close' | 'reopen'; year: number; key: string } | null>(null);
  const [yearReason, setYearReason] = useState('');
  const [yearError, setYearError] = useState<{ reason?: string; message?: string }>({});

  const openYear = (a: 'close' | 'reopen') => {
    yearAction.reset();
    setYearError({});
    setYearReason('');
    setYearConfirm({ action: a, year, key: newIdempotencyKey() });
  };
  const runYear = () => {
    if (!yearConfirm) return;
    const { action: a, year: y, key } = yearConfirm;
    yearAction.mutate(
      { year: y, action: a, reason: a === 'reopen' ? yearReason.trim() : undefined, idempotencyKey: key },
      {
        onSuccess: (res) => {
          notifications.show({
            color: 'green',
            message:
              a === 'close'
                ? t('ledger.periods.yearClosedDone', { year: y, surplus: formatRupiah(BigInt((res as YearCloseResult).surplus)) })
                : t('ledger.periods.yearReopened', { year: y }),
          });
          setYearConfirm(null);
        },
        onError: (e) => {
          const reasonError = isApiError(e) ? e.fieldErrors.reason : undefined;
          setYearError(reasonError ? { reason: reasonError } : { message: e.message });
          // A refused request may be sent again once corrected: it is a new request. Without a
          // definite answer the key stays, so trying again cannot close or reopen the year twice.
          if (refusedByServer(e)) setYearConfirm((c) => (c ? { ...c, key: newIdempotencyKey() } : c));
        },
      },
    );
  };

  const run = () => {
    if (!confirm) return;
    const name = monthName(confirm.month, lang);
    action.mutate(
      { ...confirm, reason: reason.trim() || undefined },
      {
        onSuccess: () => {
          notifications.show({
            color: 'green',
            message: t(confirm.action === 'close' ? 'ledger.periods.closed_done' : 'ledger.periods.reopened', { month: name }),
          });
          setConfirm(null);
          setReason('');
        },
        onError: (e) => notifications.show({ color: 'red', message: e.message }),
      },
    );
  };

  const columns: Column<Month>[] = [
    { key: 'month', header: t('ledger.periods.month'), primary: true, render: (m) => monthName(m.month, lang) },
    {
      key: 'status',
      header: t('ledger.periods.status'),
      render: (m) =>
        m.closed ? (
          <Stack gap={0} align="flex-start">
            <Badge color="gray" variant="light" leftSection={<IconLock size={12} />}>
              {t('ledger.periods.closed')}
            </Badge>
            {m.closedAt && (
              <Text size="xs" c="dimmed">
                <DateText instant={m.closedAt} />
                {m.closedBy ? ` · ${m.closedBy}` : ''}
              </Text>
            )}
          </Stack>
        ) : (
          <Badge color="green" variant="dot">
            {t('ledger.periods.open')}
          </Badge>
        ),
    },
    { key: 'entries', header: t('ledger.periods.entries'), align: 'right', render: (m) => <span className="kd-money">{m.entries}</span> },
  ];
  if (canClose && !yearClosed) {
    columns.push({
      key: 'actions',
      header: <VisuallyHidden>{t('ledger.periods.status')}</VisuallyHidden>,
      actions: true,
      align: 'right',
      render: (m) =>
        m.closed ? (
          <Button
            variant="subtle"
            size="compact-sm"
            leftSection={<IconLockOpen size={14} />}
            onClick={() => setConfirm({ month: m.month, action: 'reopen' })}
            aria-label={t('ledger.periods.reopenOf', { month: monthName(m.month, lang) })}
          >
            {t('ledger.periods.reopen')}
          </Button>
        ) : (
          <Button
            variant="default"
            size="compact-sm"
            leftSection={<IconLock size={14} />}
            onClick={() => setConfirm({ month: m.month, action: 'close' })}
            aria-label={t('ledger.periods.closeOf', { month: monthName(m.month, lang) })}
          >
            {t('ledger.periods.close')}
          </Button>
        ),
    });
  }

  const years = Array.from({ length: 6 }, (_, i) => String(thisYear - i));

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" gap="sm">
        <Select
          label={t('ledger.periods.year')}
          data={years}
          value={String(year)}
          allowDeselect={false}
          onChange={(v) => v && setYear(Number(v))}
          w={160}
        />
        {canClose && (
          <Text size="sm" c="dimmed" maw={480}>
            {t('ledger.periods.hint')}
          </Text>
        )}
      </Group>
      {periods.data?.year === year && ((canClose && !yearClosed) || (canReopenYear && yearClosed)) && (
        <Group gap="sm">
          {yearClosed ? (
            <Button variant="default" leftSection={<IconLockOpen size={16} />} onClick={() => openYear('reopen')}>
              {t('ledger.periods.reopenYear', { year })}
            </Button>
          ) : (
            <Button variant="light" color="red" leftSection={<IconLock size={16} />} onClick={() => openYear('close')}>
              {t('ledger.periods.closeYear', { year })}
            </Button>
          )}
        </Group>
      )}
      {yearClosed && (
        <Alert variant="light" color="gray" icon={<IconInfoCircle />}>
          {t('ledger.periods.yearClosed', { year })}
        </Alert>
      )}
      {periods.isPending ? (
        <Skeleton height={320} />
      ) : periods.isError ? (
        <ErrorState error={periods.error} onRetry={() => void periods.refetch()} />
      ) : (
        <DataTable
          caption={t('ledger.periods.caption')}
          rows={periods.data.months}
          columns={columns}
          rowKey={(m) => m.month}
          empty={<EmptyState icon={IconCalendarStats} title={t('ledger.periods.caption')} />}
        />
      )}
      <Modal
        opened={yearConfirm !== null}
        onClose={() => setYearConfirm(null)}
        title={
          yearConfirm
            ? yearConfirm.action === 'close'
              ? t('ledger.periods.confirmCloseYear', { year: yearConfirm.year })
              : t('ledger.periods.reopenYear', { year: yearConfirm.year })
            : ''
        }
        radius="md"
      >
        {yearConfirm && (
          <Stack gap="md">
            <Text size="sm">
              {yearConfirm.action === 'close'
                ? t('ledger.periods.closeYearExplain', { year: yearConfirm.year })
                : t('ledger.periods.reopenYearExplain', { year: yearConfirm.year })}
            </Text>
            {yearConfirm.action === 'reopen' && (
              <Textarea
                label={t('ledger.periods.reopenYearReason')}
                value={yearReason}
                onChange={(e) => setYearReason(e.currentTarget.value)}
                error={yearError.reason}
                withAsterisk
                autosize
                minRows={2}
                maxLength={1000}
              />
            )}
            {yearError.message && (
              <Alert color="red" variant="light" icon={<IconAlertTriangle />} role="alert">
                {yearError.message}
              </Alert>
            )}
            <Group justify="flex-end" gap="sm">
              <Button variant="default" onClick={() => setYearConfirm(null)}>
                {t('common.cancel')}
              </Button>
              <Button color={yearConfirm.action === 'close' ? 'red' : undefined} onClick={runYear} loading={yearAction.isPending}>
                {yearConfirm.action === 'close' ? t('ledger.periods.closeYearConfirm') : t('ledger.periods.reopen')}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
      <Modal
        opened={confirm !== null}
        onClose={() => setConfirm(null)}
        title={
          confirm
            ? confirm.action === 'close'
              ? t('ledger.periods.confirmClose', { month: monthName(confirm.month, lang) })
              : t('ledger.periods.reopenTitle', { month: monthName(confirm.month, lang) })
            : ''
        }
        radius="md"
      >
        {confirm && (
          <Stack gap="md">
            {confirm.action === 'close' ? (
              <Text size="sm">{t('ledger.periods.closeExplain', { month: monthName(confirm.month, lang) })}</Text>
            ) : (
              <Textarea
                label={t('ledger.periods.reopenReason')}
                value={reason}
                onChange={(e) => setReason(e.currentTarget.value)}
                autosize
                minRows={2}
                maxLength={1000}
              />
            )}
            <Group justify="flex-end" gap="sm">
              <Button variant="default" onClick={() => setConfirm(null)}>
                {t('common.cancel')}
              </Button>
              <Button onClick={run} loading={action.isPending}>
                {confirm.action === 'close' ? t('ledger.periods.close') : t('ledger.periods.reopen')}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}
