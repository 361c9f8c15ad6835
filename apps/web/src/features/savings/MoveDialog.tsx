import { formatNumberId, formatRupiah, parseRupiahInput } from '@kopdes/shared/money';
import {
  KIND_LABELS,
  METHOD_LABELS,
  PAYMENT_METHODS,
  SAVINGS_KINDS,
  TYPE_LABELS,
  type PaymentMethod,
  type SavingsKind,
} from '@kopdes/shared/savings';
import { todayIn } from '@kopdes/shared/format';
import { SimpleGrid, Alert, Anchor, Button, Group, Modal, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyApiError } from '../../api/form-errors.js';
import { useIdempotencyKey } from '../../api/idempotency.js';
import { useCoop } from '../../app/coop.js';
import { memberLabel, MemberPicker, type MemberRef } from '../../components/MemberPicker.js';
import { currentLang } from '../../i18n/index.js';
import { receiptHref, useMemberSavings, usePostMove, useSettings } from './savings-api.js';

export function MoveDialog({
  direction,
  member: fixed,
  onClose,
}: {
  direction: 'deposit' | 'withdrawal';
  member?: MemberRef | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const coop = useCoop();
  const lang = currentLang();
  const phone = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
  // One key per action (renewed after a refusal): a double click or a retry after a lost answer posts once.
  const { key, renewAfterError } = useIdempotencyKey();
  const [alert, setAlert] = useState<string | null>(null);
  const [member, setMember] = useState<MemberRef | null>(fixed ?? null);
  const post = usePostMove(coop.id);
  const settings = useSettings(coop.id);
  const savings = useMemberSavings(coop.id, member?.id ?? null, Boolean(member));
  const form = useForm({
    mode: 'controlled',
    initialValues: {
      memberId: fixed?.id ?? '',
      kind: 'sukarela' as SavingsKind,
      amount: '',
      date: todayIn(coop.timeZone),
      method: 'cash' as PaymentMethod,
      memo: '',
    },
    validate: {
      memberId: (v) => (v ? null : t('savings.form.memberRequired')),
      amount: (v) => {
        const a = parseRupiahInput(v);
        return a !== null && a > 0n ? null : t('savings.form.amountInvalid');
      },
    },
  });
  const kind = form.values.kind;
  const pokok = settings.data?.current?.pokokAmount;
  const s = savings.data;

  let hint: string | null = null;
  if (s && direction === 'withdrawal') hint = t('savings.form.available', { amount: formatRupiah(BigInt(s.balances.sukarela)) });
  else if (kind === 'pokok' && pokok) hint = t('savings.form.pokokHint', { amount: formatRupiah(BigInt(pokok)) });
  else if (kind === 'wajib' && s) hint = t('savings.form.wajibHint', { amount: formatRupiah(BigInt(s.arrears.amount)) });

  const title = direction === 'deposit' ? t('savings.form.depositTitle') : t('savings.form.withdrawTitle');

  return (
    <Modal opened onClose={onClose} title={title} fullScreen={phone} size="md">
      <form
        noValidate
        onSubmit={form.onSubmit((v) => {
          setAlert(null);
          const amount = parseRupiahInput(v.amount)!;
          post.mutate(
            {
              direction,
              key,
              input: {
                memberId: v.memberId,
                kind: direction === 'withdrawal' ? 'sukarela' : v.kind,
                amount: amount.toString(),
                date: v.date || undefined,
                method: v.method,
                memo: v.memo.trim() || undefined,
              },
            },
            {
              onSuccess: (tx) => {
                notifications.show({
                  color: 'green',
                  autoClose: 8000,
                  message: (
                    <Stack gap={2}>
                      <span>
                        {t('savings.form.posted', {
                          type: TYPE_LABELS[tx.type][lang],
                          amount: formatRupiah(BigInt(tx.amount)),
                          name: tx.member.fullName,
                          number: tx.number,
                        })}
                      </span>
                      <Anchor href={receiptHref(coop.id, { kind: 'coop' }, tx.id)} target="_blank" size="sm">
                        {t('savings.form.openReceipt')}
                      </Anchor>
                    </Stack>
                  ),
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
          {alert && (
            <Alert color="red" variant="light" icon={<IconAlertCircle />} role="alert">
              {alert}
            </Alert>
          )}
          {fixed ? (
            <Text fw={600}>{memberLabel(fixed)}</Text>
          ) : (
            <MemberPicker
              label={t('savings.form.member')}
              placeholder={t('savings.form.memberPlaceholder')}
              value={member}
              error={form.errors.memberId as string | undefined}
              onChange={(m) => {
                setMember(m);
                form.setFieldValue('memberId', m?.id ?? '');
              }}
            />
          )}
          {direction === 'deposit' && (
            <Stack gap={4}>
              <Text size="sm" fw={500} id="kd-kind-label">
                {t('savings.form.kind')}
              </Text>
              <SegmentedControl
                aria-labelledby="kd-kind-label"
                fullWidth
                data={SAVINGS_KINDS.map((k) => ({ value: k, label: t(`savings.${k}`) }))}
                {...form.getInputProps('kind')}
                onChange={(k) => {
                  form.setFieldValue('kind', k as SavingsKind);
                  if (k === 'pokok' && pokok) form.setFieldValue('amount', formatNumberId(BigInt(pokok)));
                }}
              />
              <Text size="xs" c="dimmed">
                {KIND_LABELS[kind][lang]}
              </Text>
            </Stack>
          )}
          <TextInput
            label={t('savings.form.amount')}
            required
            inputMode="numeric"
            autoComplete="off"
            placeholder="50.000"
            description={hint ?? t('savings.form.amountHint')}
            leftSection={<Text size="sm">Rp</Text>}
            {...form.getInputProps('amount')}
            onBlur={() => {
              const a = parseRupiahInput(form.values.amount);
              if (a !== null && a > 0n) form.setFieldValue('amount', formatNumberId(a));
            }}
          />
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
            <TextInput label={t('savings.form.date')} type="date" {...form.getInputProps('date')} />
            <Stack gap={4}>
              <Text size="sm" fw={500} id="kd-method-label">
                {t('savings.form.method')}
              </Text>
              <SegmentedControl
                aria-labelledby="kd-method-label"
                data={PAYMENT_METHODS.map((m) => ({ value: m, label: METHOD_LABELS[m][lang] }))}
                {...form.getInputProps('method')}
              />
            </Stack>
          </SimpleGrid>
          <TextInput label={t('savings.form.memo')} maxLength={300} {...form.getInputProps('memo')} />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={post.isPending}>
              {direction === 'deposit' ? t('savings.form.submitDeposit') : t('savings.form.submitWithdraw')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
