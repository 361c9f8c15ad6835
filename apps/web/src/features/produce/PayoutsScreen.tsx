import { todayIn } from '@kopdes/shared/format';
import { formatRupiah } from '@kopdes/shared/money';
import { Alert, Badge, Button, Card, Group, Modal, SimpleGrid, Skeleton, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconCash, IconCheck, IconFileSpreadsheet, IconFileTypePdf, IconInfoCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client.js';
import { useIdempotencyKey } from '../../api/idempotency.js';
import { useCoop } from '../../app/coop.js';
import { DataTable, type Column } from '../../components/DataTable.js';
import { DateText } from '../../components/DateText.js';
import { EmptyState } from '../../components/EmptyState.js';
import { Money } from '../../components/Money.js';
import { PageHeader } from '../../components/PageHeader.js';
import { ErrorState } from '../../components/States.js';
import {
  docs,
  usePayoutPreview,
  usePayoutRun,
  usePayoutRuns,
  useRunPayouts,
  type PayoutRun,
  type PayoutRunSummary,
} from './produce-api.js';
import { addDays } from './weights.js';

type Line = PayoutRun['payouts'][number];

function Figure({ label, value, strong }: { label: string; value: string; strong?: boolean }) {
  return (
    <Card padding="md">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Money value={value} fw={strong ? 800 : 700} fz={strong ? { base: 'md', xs: 'xl' } : { base: 'sm', xs: 'lg' }} />
    </Card>
  );
}

function RunTotals({ run }: { run: PayoutRun | PayoutRunSummary }) {
  const { t } = useTranslation();
  return (
    <SimpleGrid cols={{ base: 2, sm: 4 }} spacing={{ base: 'xs', sm: 'sm' }}>
      <Card padding="md">
        <Text size="sm" c="dimmed">
          {t('produce.payouts.farmers')}
        </Text>
        <Text fw={700} fz="lg">
          {run.farmers}
        </Text>
      </Card>
      <Figure label={t('produce.payouts.gross')} value={run.gross} />
      <Figure label={t('produce.payouts.deductions')} value={run.deductions} />
      <Figure label={t('produce.payouts.net')} value={run.net} strong />
    </SimpleGrid>
  );
}

function PayoutLines({ run }: { run: PayoutRun }) {
  const { t } = useTranslation();
  const coop = useCoop();
  const columns: Column<Line>[] = [
    {
      key: 'farmer',
      header: t('produce.payouts.farmers'),
      primary: true,
      render: (l) => (
        <Stack gap={0}>
          <Text size="sm" fw={600}>
            {l.fullName} · No. {l.number}
          </Text>
          <Text size="xs" c="dimmed">
            {t('produce.payouts.intakes', { count: l.intakes.length })}
            {l.farmerGroupName ? ` · ${l.farmerGroupName}` : ''}
          </Text>
        </Stack>
      ),
    },
    {
      key: 'method',
      header: t('produce.payouts.method'),
      render: (l) => (
        <Badge variant="light" color={l.method === 'bank' ? 'blue' : 'gray'} radius="sm">
          {l.method === 'bank' ? t('produce.payouts.bank') : t('produce.payouts.cash')}
        </Badge>
      ),
    },
    { key: 'gross', header: t('produce.payouts.gross'), align: 'right', render: (l) => <Money value={l.gross} /> },
    {
      key: 'ded',
      header: t('produce.payouts.deductions'),
      align: 'right',
      render: (l) =>
        l.deductions.length ? (
          <Stack gap={0} align="flex-end">
            {l.deductions.map((d) => (
              <Text key={d.kind} size="sm">
                {d.label}: <Money value={d.amount} />
              </Text>
            ))}
          </Stack>
        ) : (
          <Money value={l.deductionTotal} c="dimmed" />
        ),
    },
    { key: 'net', header: t('produce.payouts.net'), align: 'right', render: (l) => <Money value={l.net} fw={700} /> },
  ];
  if (run.id) {
    columns.push({
      key: 'slip',
      header: '',
      actions: true,
      align: 'right',
      render: (l) =>
        l.id ? (
          <Button
            component="a"
            href={docs.payoutSlip(coop.id, l.id)}
            target="_blank"
            rel="noopener"
            size="xs"
            variant="default"
            aria-label={t('produce.payouts.slipOf', { name: l.fullName })}
          >
            {t('produce.payouts.slip')}
          </Button>
        ) : null,
    });
  }
  return <DataTable caption={t('produce.payouts.preview')} rows={run.payouts} columns={columns} rowKey={(l) => l.memberId} />;
}

function RunDocuments({ run }: { run: { id: string | null } }) {
  const { t } = useTranslation();
  const coop = useCoop();
  if (!run.id) return null;
  return (
    <Group gap="sm">
      <Button component="a" href={docs.bankFile(coop.id, run.id)} variant="default" leftSection={<IconFileSpreadsheet size={18} />}>
        {t('produce.payouts.bankFile')}
      </Button>
      <Button
        component="a"
        href={docs.runSlips(coop.id, run.id)}
        target="_blank"
        rel="noopener"
        variant="default"
        leftSection={<IconFileTypePdf size={18} />}
      >
        {t('produce.payouts.slips')}
      </Button>
    </Group>
  );
}

export function PayoutsScreen() {
  const { t } = useTranslation();
  const coop = useCoop();
  const runs = usePayoutRuns(coop.id);
  const today = todayIn(coop.timeZone);
  const lastTo = runs.data?.items[0]?.to;
  const [from, setFrom] = useState<string | null>(null);
  const [to, setTo] = useState(today);
  const start = from ?? (lastTo ? addDays(lastTo, 1) : addDays(today, -6));
  const [period, setPeriod] = useState<{ from: string; to: string } | null>(null);
  const preview = usePayoutPreview(coop.id, period);
  const [confirming, setConfirming] = useState(false);
  const { key: idemKey, renew: renewIdemKey, renewAfterError } = useIdempotencyKey();
  const run = useRunPayouts(coop.id);
  const [doneId, setDoneId] = useState<string | null>(null);
  const done = usePayoutRun(coop.id, doneId);
  const [openRun, setOpenRun] = useState<string | null>(null);
  const opened = usePayoutRun(coop.id, openRun);
  const canRun = coop.can('payouts.run');
  const invalid = to < start;

  const show = () => {
    setDoneId(null);
    renewIdemKey();
    setPeriod({ from: start, to });
  };

  const pay = () => {
    if (!period) return;
    run.mutate(
      { body: { from: period.from, to: period.to }, idempotencyKey: idemKey },
      {
        onSuccess: (r) => {
          setConfirming(false);
          setPeriod(null);
          setDoneId(r.id);
          notifications.show({ color: 'green', message: t('produce.payouts.done', { number: r.number }) });
        },
        onError: (err) => {
          renewAfterError(err);
          setConfirming(false);
        },
      },
    );
  };

  const runColumns: Column<PayoutRunSummary>[] = [
    { key: 'number', header: t('produce.payouts.number'), primary: true, render: (r) => r.number },
    {
      key: 'period',
      header: t('produce.payouts.period'),
      render: (r) => (
        <>
          <DateText date={r.from} /> – <DateText date={r.to} />
        </>
      ),
    },
    { key: 'farmers', header: t('produce.payouts.farmers'), align: 'right', render: (r) => r.farmers },
    { key: 'net', header: t('produce.payouts.net'), align: 'right', render: (r) => <Money value={r.net} /> },
    {
      key: 'open',
      header: '',
      actions: true,
      align: 'right',
      render: (r) => (
        <Button size="xs" variant="default" onClick={() => setOpenRun(r.id)}>
          {t('produce.payouts.open')}
        </Button>
      ),
    },
  ];

  return (
    <>
      <PageHeader title={t('produce.payouts.title')} description={t('produce.payouts.description')} />
      <Stack gap="lg">
        {done.data && (
          <Card padding="md" withBorder style={{ borderColor: 'var(--mantine-color-green-5)' }}>
            <Stack gap="sm">
              <Group gap={8}>
                <IconCheck color="var(--mantine-color-green-7)" />
                <Title order={2} fz="h4">
                  {t('produce.payouts.done', { number: done.data.number })}
                </Title>
              </Group>
              <RunTotals run={done.data} />
              <RunDocuments run={done.data} />
            </Stack>
          </Card>
        )}
        <Card padding="md">
          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              if (!invalid) show();
            }}
          >
            <Group align="flex-end" gap="sm" wrap="wrap">
              <TextInput
                type="date"
                size="md"
                label={t('produce.payouts.from')}
                value={start}
                max={today}
                onChange={(e) => setFrom(e.currentTarget.value)}
                style={{ flex: '1 1 10rem' }}
              />
              <TextInput
                type="date"
                size="md"
                label={t('produce.payouts.to')}
                value={to}
                max={today}
                onChange={(e) => setTo(e.currentTarget.value)}
                error={invalid ? t('produce.payouts.periodInvalid') : undefined}
                style={{ flex: '1 1 10rem' }}
              />
              <Button type="submit" size="md" loading={preview.isFetching} style={{ flex: '1 1 10rem' }}>
                {t('produce.payouts.show')}
              </Button>
            </Group>
          </form>
        </Card>

        {period && preview.isError && <ErrorState error={preview.error} onRetry={() => void preview.refetch()} />}
        {period && preview.isPending && <Skeleton height={240} />}
        {period && preview.data && (
          <Stack gap="md">
            <div>
              <Title order={2} fz="h3">
                {t('produce.payouts.preview')}
              </Title>
              <Text size="sm" c="dimmed">
                <DateText date={preview.data.from} /> – <DateText date={preview.data.to} /> · {t('produce.payouts.previewHint')}
              </Text>
            </div>
            {preview.data.farmers === 0 ? (
              <EmptyState title={t('produce.payouts.none')} icon={IconCash} />
            ) : (
              <>
                <RunTotals run={preview.data} />
                <Text size="sm">
                  {t('produce.payouts.cash')}: <Money value={preview.data.cash} fw={600} /> · {t('produce.payouts.bank')}:{' '}
                  <Money value={preview.data.bank} fw={600} />
                </Text>
                {run.isError && (
                  <Alert color="red" variant="light" icon={<IconAlertCircle />} role="alert">
                    {isApiError(run.error) ? run.error.message : t('errors.unexpected')}
                  </Alert>
                )}
                {canRun ? (
                  <Button size="lg" color="green" leftSection={<IconCash />} onClick={() => setConfirming(true)}>
                    {t('produce.payouts.create')}
                  </Button>
                ) : (
                  <Alert variant="light" color="blue" icon={<IconInfoCircle />}>
                    {t('produce.payouts.noRight')}
                  </Alert>
                )}
                <PayoutLines run={preview.data} />
              </>
            )}
          </Stack>
        )}

        <div>
          <Title order={2} fz="h4" mb="sm">
            {t('produce.payouts.runs')}
          </Title>
          {runs.isPending ? (
            <Skeleton height={160} />
          ) : runs.isError ? (
            <ErrorState error={runs.error} onRetry={() => void runs.refetch()} />
          ) : (
            <DataTable
              caption={t('produce.payouts.runs')}
              rows={runs.data.items}
              columns={runColumns}
              rowKey={(r) => r.id ?? r.from}
              empty={<EmptyState title={t('produce.payouts.runsEmpty')} />}
            />
          )}
        </div>
      </Stack>

      {confirming && preview.data && (
        <Modal opened onClose={() => setConfirming(false)} title={t('produce.payouts.confirmTitle', { count: preview.data.farmers })}>
          <Stack gap="md">
            <Text size="sm">
              {t('produce.payouts.confirmText', {
                net: formatRupiah(BigInt(preview.data.net)),
                cash: formatRupiah(BigInt(preview.data.cash)),
                bank: formatRupiah(BigInt(preview.data.bank)),
              })}
            </Text>
            <Group justify="flex-end" gap="sm">
              <Button variant="default" onClick={() => setConfirming(false)}>
                {t('common.cancel')}
              </Button>
              <Button color="green" loading={run.isPending} onClick={pay}>
                {t('produce.payouts.confirm')}
              </Button>
            </Group>
          </Stack>
        </Modal>
      )}
      {openRun && (
        <Modal opened onClose={() => setOpenRun(null)} title={opened.data?.number ?? ''} size="xl" fullScreen={false}>
          {opened.isPending ? (
            <Skeleton height={200} />
          ) : opened.isError ? (
            <ErrorState error={opened.error} />
          ) : (
            <Stack gap="md">
              <RunTotals run={opened.data} />
              <RunDocuments run={opened.data} />
              <PayoutLines run={opened.data} />
            </Stack>
          )}
        </Modal>
      )}
    </>
  );
}
