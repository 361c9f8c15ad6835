import { formatMemberNumber } from '@kopdes/shared/members';
import { formatRupiah } from '@kopdes/shared/money';
import { TYPE_LABELS } from '@kopdes/shared/savings';
import { Alert, Anchor, Badge, Button, Group, Modal, Skeleton, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconArrowBackUp, IconFileTypePdf } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyApiError } from '../../api/form-errors.js';
import { useIdempotencyKey } from '../../api/idempotency.js';
import { coopPath, useCoop } from '../../app/coop.js';
import { Link } from '../../app/router.js';
import { DataTable, type Column } from '../../components/DataTable.js';
import { DateText } from '../../components/DateText.js';
import { EmptyState } from '../../components/EmptyState.js';
import { Money } from '../../components/Money.js';
import { ErrorState } from '../../components/States.js';
import { currentLang } from '../../i18n/index.js';
import { receiptHref, useReverse, useTransactions, type SavingsTransaction, type TxFilters, type TxScope } from './savings-api.js';

const NOWRAP = { whiteSpace: 'nowrap' } as const;

function ReverseDialog({ tx, onClose }: { tx: SavingsTransaction; onClose: () => void }) {
  const { t } = useTranslation();
  const coop = useCoop();
  const reverse = useReverse(coop.id);
  const { key, renewAfterError } = useIdempotencyKey();
  const [alert, setAlert] = useState<string | null>(null);
  const form = useForm({
    mode: 'uncontrolled',
    initialValues: { reason: '' },
    validate: { reason: (v) => (v.trim().length >= 5 ? null : t('savings.reverseForm.reasonHint')) },
  });
  return (
    <Modal opened onClose={onClose} title={t('savings.reverseForm.title', { number: tx.number })}>
      <form
        noValidate
        onSubmit={form.onSubmit((v) => {
          setAlert(null);
          reverse.mutate(
            { txId: tx.id, reason: v.reason.trim(), key },
            {
              onSuccess: () => {
                notifications.show({ color: 'green', message: t('savings.reverseForm.done', { number: tx.number }) });
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
          <Text size="sm">{t('savings.reverseForm.text', { amount: formatRupiah(BigInt(tx.amount)) })}</Text>
          {alert && (
            <Alert color="red" variant="light" icon={<IconAlertCircle />} role="alert">
              {alert}
            </Alert>
          )}
          <Textarea
            label={t('savings.reverseForm.reason')}
            placeholder={t('savings.reverseForm.reasonHint')}
            required
            autosize
            minRows={2}
            key={form.key('reason')}
            {...form.getInputProps('reason')}
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="red" loading={reverse.isPending}>
              {t('savings.reverseForm.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Transactions newest first, with the receipt of each and (for those who post) a reversal. */
export function TransactionsList({ scope, filters = {} }: { scope: TxScope; filters?: TxFilters }) {
  const { t } = useTranslation();
  const coop = useCoop();
  const lang = currentLang();
  const list = useTransactions(coop.id, scope, filters);
  const [reversing, setReversing] = useState<SavingsTransaction | null>(null);
  const canReverse = scope.kind !== 'self' && coop.can('savings.post');
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];

  const columns: Column<SavingsTransaction>[] = [
    {
      key: 'what',
      header: t('savings.type'),
      primary: true,
      render: (tx) => (
        <Group gap={6} wrap="wrap">
          <span style={NOWRAP}>
            {TYPE_LABELS[tx.type][lang]} · {t(`savings.${tx.kind}`)}
          </span>
          {tx.reversedById && (
            <Badge size="xs" color="gray" variant="light">
              {t('savings.reversed')}
            </Badge>
          )}
        </Group>
      ),
    },
    {
      key: 'date',
      header: t('savings.date'),
      render: (tx) => (
        <span style={NOWRAP}>
          <DateText date={tx.date} />
        </span>
      ),
    },
    { key: 'number', header: t('savings.receiptNo'), render: (tx) => <span style={NOWRAP}>{tx.number}</span> },
  ];
  if (scope.kind === 'coop')
    columns.push({
      key: 'member',
      header: t('savings.member'),
      render: (tx) =>
        coop.can('members.read') ? (
          <Anchor component={Link} href={coopPath(coop.id, `anggota/${tx.member.id}`)} size="sm">
            {formatMemberNumber(tx.member.number)} · {tx.member.fullName}
          </Anchor>
        ) : (
          tx.member.fullName
        ),
    });
  columns.push(
    {
      key: 'amount',
      header: t('savings.amount'),
      align: 'right',
      render: (tx) => <Money value={tx.direction === 'out' ? `-${tx.amount}` : tx.amount} signed style={NOWRAP} />,
    },
    { key: 'balance', header: t('savings.balanceAfter'), align: 'right', render: (tx) => <Money value={tx.balanceAfter} style={NOWRAP} /> },
    {
      key: 'actions',
      header: '',
      actions: true,
      align: 'right',
      render: (tx) => (
        <Group gap="xs" justify="flex-end" wrap="nowrap">
          <Button
            component="a"
            href={receiptHref(coop.id, scope, tx.id)}
            target="_blank"
            rel="noopener"
            variant="default"
            size="compact-sm"
            leftSection={<IconFileTypePdf size={16} />}
            aria-label={t('savings.receiptOf', { number: tx.number })}
          >
            {t('savings.receipt')}
          </Button>
          {canReverse && (tx.type === 'deposit' || tx.type === 'withdrawal') && !tx.reversedById && (
            <Button
              variant="subtle"
              color="gray"
              size="compact-sm"
              leftSection={<IconArrowBackUp size={16} />}
              onClick={() => setReversing(tx)}
              aria-label={t('savings.reverseOf', { number: tx.number })}
            >
              {t('savings.reverse')}
            </Button>
          )}
        </Group>
      ),
    },
  );

  if (list.isPending) return <Skeleton height={240} />;
  if (list.isError) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  return (
    <Stack gap="md">
      <DataTable
        caption={t('savings.history')}
        rows={rows}
        columns={columns}
        rowKey={(tx) => tx.id}
        empty={<EmptyState title={t('savings.emptyTx')} />}
      />
      {list.hasNextPage && (
        <Button
          variant="default"
          onClick={() => void list.fetchNextPage()}
          loading={list.isFetchingNextPage}
          style={{ alignSelf: 'center' }}
        >
          {t('savings.loadMore')}
        </Button>
      )}
      {reversing && <ReverseDialog tx={reversing} onClose={() => setReversing(null)} />}
    </Stack>
  );
}
