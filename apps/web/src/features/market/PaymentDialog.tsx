import { todayIn } from '@kopdes/shared/format';
import { formatNumberId, formatRupiah, parseRupiahInput } from '@kopdes/shared/money';
import { Button, Card, Group, Modal, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useIdempotencyKey } from '../../api/idempotency.js';
import { useCoop } from '../../app/coop.js';
import { formatDate } from '../../components/format.js';
import { currentLang } from '../../i18n/index.js';
import { useInvoices, usePartners, useRecordPayment } from './market-api.js';
import { applyErrors, ErrorAlert } from './parts.js';

const money = (s: string) => parseRupiahInput(s) ?? null;

/**
 * A payment received from a buyer, matched to its invoices: automatically (oldest due first) or
 * by hand over several invoices. What is not applied stays the buyer's credit, never lost.
 */
export function PaymentDialog({ partnerId: fixed, onClose }: { partnerId?: string; onClose: () => void }) {
  const { t } = useTranslation();
  const coop = useCoop();
  const lang = currentLang();
  const phone = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
  const { key, renewAfterError } = useIdempotencyKey();
  const [alert, setAlert] = useState<string | null>(null);
  const partners = usePartners(coop.id, { active: 'all' });
  const post = useRecordPayment(coop.id);
  const form = useForm({
    mode: 'controlled',
    initialValues: {
      partnerId: fixed ?? '',
      amount: '',
      date: todayIn(coop.timeZone),
      method: 'bank' as 'cash' | 'bank',
      reference: '',
      match: 'auto' as 'auto' | 'manual',
      /** Amount typed per open invoice id (manual matching). */
      allocations: {} as Record<string, string>,
    },
    validate: {
      partnerId: (v) => (v ? null : t('market.orders.partnerRequired')),
      amount: (v) => {
        const a = money(v);
        return a !== null && a > 0n ? null : t('market.payments.amountInvalid');
      },
    },
  });
  const v = form.values;
  const invoices = useInvoices(coop.id, { partnerId: v.partnerId || undefined, open: 'true' });
  const open = (v.partnerId ? (invoices.data?.items ?? []) : [])
    .filter((i) => i.kind === 'invoice')
    .sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.number.localeCompare(b.number));
  const owed = open.reduce((s, i) => s + BigInt(i.open), 0n);
  const amount = money(v.amount) ?? 0n;
  const allocated =
    v.match === 'manual' ? open.reduce((s, i) => s + (money(v.allocations[i.id] ?? '') ?? 0n), 0n) : amount < owed ? amount : owed;
  const credit = amount - allocated;
  const submit = form.onSubmit((values) => {
    setAlert(null);
    const allocations =
      values.match === 'manual'
        ? open
            .map((i) => ({ invoiceId: i.id, amount: money(values.allocations[i.id] ?? '') }))
            .filter((a): a is { invoiceId: string; amount: bigint } => a.amount !== null && a.amount > 0n)
            .map((a) => ({ invoiceId: a.invoiceId, amount: a.amount.toString() }))
        : undefined;
    // The server's `allocations.N.amount` names the N-th invoice sent: back onto that invoice's input.
    const toInput = (f: string) =>
      f.replace(/^allocations\.(\d+)\.(amount|invoiceId)$/, (_, n) => `allocations.${allocations?.[Number(n)]?.invoiceId}`);
    post.mutate(
      {
        idempotencyKey: key,
        body: {
          partnerId: values.partnerId,
          date: values.date || undefined,
          method: values.method,
          reference: values.reference.trim() || null,
          amount: money(values.amount)!.toString(),
          allocations,
        },
      },
      {
        onSuccess: (p) => {
          notifications.show({
            color: 'green',
            autoClose: 10_000,
            message:
              p.unapplied !== '0'
                ? t('market.payments.savedWithCredit', {
                    number: p.number,
                    amount: formatRupiah(BigInt(p.amount)),
                    credit: formatRupiah(BigInt(p.unapplied)),
                  })
                : t('market.payments.saved', { number: p.number, amount: formatRupiah(BigInt(p.amount)) }),
          });
          onClose();
        },
        onError: (err) => {
          renewAfterError(err);
          setAlert(applyErrors(form, err, toInput));
        },
      },
    );
  });

  return (
    <Modal opened onClose={onClose} title={t('market.payments.title')} fullScreen={phone} size="lg">
      <form noValidate onSubmit={submit}>
        <Stack gap="md">
          <ErrorAlert message={alert} />
          <Select
            label={t('market.orders.partner')}
            required
            searchable
            disabled={!!fixed}
            data={(partners.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
            {...form.getInputProps('partnerId')}
            onChange={(id) => {
              form.setFieldValue('partnerId', id ?? '');
              form.setFieldValue('allocations', {});
            }}
          />
          {v.partnerId && (
            <Text size="sm">
              {open.length
                ? t('market.payments.owed', { count: open.length, amount: formatRupiah(owed) })
                : t('market.payments.nothingOwed')}
            </Text>
          )}
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
            <TextInput
              label={t('market.payments.amount')}
              required
              inputMode="numeric"
              autoComplete="off"
              leftSection={<Text size="sm">Rp</Text>}
              {...form.getInputProps('amount')}
              onBlur={() => {
                const a = money(v.amount);
                if (a !== null && a > 0n) form.setFieldValue('amount', formatNumberId(a));
              }}
            />
            <TextInput label={t('market.payments.date')} type="date" {...form.getInputProps('date')} />
            <Stack gap={4}>
              <Text size="sm" fw={500} id="kd-pay-method">
                {t('market.payments.method')}
              </Text>
              <SegmentedControl
                aria-labelledby="kd-pay-method"
                data={[
                  { value: 'bank', label: t('market.payments.bank') },
                  { value: 'cash', label: t('market.payments.cash') },
                ]}
                {...form.getInputProps('method')}
              />
            </Stack>
            <TextInput
              label={t('market.payments.reference')}
              description={t('market.payments.referenceHint')}
              {...form.getInputProps('reference')}
            />
          </SimpleGrid>
          {open.length > 0 && (
            <Stack gap={6}>
              <Text size="sm" fw={500} id="kd-pay-match">
                {t('market.payments.match')}
              </Text>
              <SegmentedControl
                aria-labelledby="kd-pay-match"
                data={[
                  { value: 'auto', label: t('market.payments.auto') },
                  { value: 'manual', label: t('market.payments.manual') },
                ]}
                {...form.getInputProps('match')}
              />
              {v.match === 'auto' ? (
                <Text size="xs" c="dimmed">
                  {t('market.payments.autoHint')}
                </Text>
              ) : (
                <Stack gap={6}>
                  {open.map((i) => (
                    <Card key={i.id} padding="xs" withBorder>
                      <Group justify="space-between" gap="xs" align="center">
                        <Stack gap={0} style={{ minWidth: 0 }}>
                          <Text size="sm" fw={600} ff="monospace">
                            {i.number}
                          </Text>
                          <Text size="xs" c="dimmed">
                            {t('market.payments.openOn', { amount: formatRupiah(BigInt(i.open)), due: formatDate(i.dueDate, lang) })}
                          </Text>
                        </Stack>
                        <Group gap={4} wrap="nowrap" style={{ flex: '1 1 12rem', justifyContent: 'flex-end' }}>
                          <TextInput
                            aria-label={t('market.payments.allocationFor', { number: i.number })}
                            style={{ flex: 1, maxWidth: 180 }}
                            inputMode="numeric"
                            autoComplete="off"
                            leftSection={<Text size="sm">Rp</Text>}
                            {...form.getInputProps(`allocations.${i.id}`)}
                            value={v.allocations[i.id] ?? ''}
                          />
                          <Button
                            variant="light"
                            onClick={() => form.setFieldValue(`allocations.${i.id}`, formatNumberId(BigInt(i.open)))}
                            aria-label={t('market.payments.fillFor', { number: i.number })}
                          >
                            {t('market.payments.fill')}
                          </Button>
                        </Group>
                      </Group>
                    </Card>
                  ))}
                </Stack>
              )}
            </Stack>
          )}
          {amount > 0n && (
            <Card padding="sm" bg="gray.0">
              <Group justify="space-between">
                <Text size="sm">{t('market.payments.applied')}</Text>
                <Text size="sm" fw={600}>
                  {formatRupiah(allocated)}
                </Text>
              </Group>
              <Group justify="space-between">
                <Text size="sm">{t('market.payments.credit')}</Text>
                <Text size="sm" fw={600} c={credit < 0n ? 'red.8' : undefined}>
                  {formatRupiah(credit)}
                </Text>
              </Group>
              {credit > 0n && (
                <Text size="xs" c="dimmed" mt={4}>
                  {t('market.payments.creditHint')}
                </Text>
              )}
            </Card>
          )}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={post.isPending}>
              {t('market.payments.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
