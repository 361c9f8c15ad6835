import { todayIn } from '@kopdes/shared/format';
import { formatNumberId, formatRupiah, parseRupiahInput } from '@kopdes/shared/money';
import { Button, Group, Modal, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useIdempotencyKey } from '../../api/idempotency.js';
import { useCoop } from '../../app/coop.js';
import { useCreateCreditNote, type Invoice } from './market-api.js';
import { applyErrors, ErrorAlert } from './parts.js';

/** A later claim of the buyer against one invoice (short weight found later, a price dispute): at most what is open on it. */
export function CreditNoteDialog({ invoice, onClose }: { invoice: Invoice; onClose: () => void }) {
  const { t } = useTranslation();
  const coop = useCoop();
  const phone = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
  const { key, renewAfterError } = useIdempotencyKey();
  const [alert, setAlert] = useState<string | null>(null);
  const post = useCreateCreditNote(coop.id, invoice.id);
  const today = todayIn(coop.timeZone);
  const form = useForm({
    mode: 'controlled',
    initialValues: { amount: '', reason: '', date: today < invoice.date ? invoice.date : today },
    validate: {
      amount: (v) => {
        const a = parseRupiahInput(v);
        return a !== null && a > 0n ? null : t('market.payments.amountInvalid');
      },
      reason: (v) => (v.trim().length >= 3 ? null : t('market.credit.reasonRequired')),
    },
  });
  return (
    <Modal opened onClose={onClose} title={t('market.credit.title', { number: invoice.number })} fullScreen={phone} size="md">
      <form
        noValidate
        onSubmit={form.onSubmit((v) => {
          setAlert(null);
          post.mutate(
            {
              idempotencyKey: key,
              body: { amount: parseRupiahInput(v.amount)!.toString(), reason: v.reason.trim(), date: v.date || undefined },
            },
            {
              onSuccess: (n) => {
                notifications.show({
                  color: 'green',
                  autoClose: 8000,
                  message: t('market.credit.saved', { number: n.number, amount: formatRupiah(BigInt(n.amount)) }),
                });
                onClose();
              },
              onError: (err) => {
                renewAfterError(err);
                setAlert(applyErrors(form, err));
              },
            },
          );
        })}
      >
        <Stack gap="md">
          <ErrorAlert message={alert} />
          <Text size="sm">{t('market.credit.open', { amount: formatRupiah(BigInt(invoice.open)) })}</Text>
          <TextInput
            label={t('market.credit.amount')}
            required
            inputMode="numeric"
            autoComplete="off"
            leftSection={<Text size="sm">Rp</Text>}
            {...form.getInputProps('amount')}
            onBlur={() => {
              const a = parseRupiahInput(form.values.amount);
              if (a !== null && a > 0n) form.setFieldValue('amount', formatNumberId(a));
            }}
          />
          <Textarea label={t('market.credit.reason')} required autosize minRows={2} {...form.getInputProps('reason')} />
          <TextInput label={t('market.credit.date')} type="date" {...form.getInputProps('date')} />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={post.isPending}>
              {t('market.credit.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
