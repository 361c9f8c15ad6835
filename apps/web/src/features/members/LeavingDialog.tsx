import { formatRupiah } from '@kopdes/shared/money';
import { KIND_LABELS, METHOD_LABELS, PAYMENT_METHODS, SAVINGS_KINDS, type PaymentMethod } from '@kopdes/shared/savings';
import { todayIn } from '@kopdes/shared/format';
import {
  SimpleGrid,
  Alert,
  Button,
  Divider,
  Group,
  Modal,
  Radio,
  SegmentedControl,
  Skeleton,
  Stack,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconAlertTriangle } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyApiError } from '../../api/form-errors.js';
import { useIdempotencyKey } from '../../api/idempotency.js';
import { useCoop } from '../../app/coop.js';
import { Money } from '../../components/Money.js';
import { ErrorState } from '../../components/States.js';
import { currentLang } from '../../i18n/index.js';
import { useLeave, useLeavingPreview } from '../savings/savings-api.js';
import type { MemberDetail } from './members-api.js';

function Line({ label, value, strong }: { label: string; value: string; strong?: boolean }) {
  return (
    <Group justify="space-between" wrap="nowrap" gap="sm">
      <Text size="sm" fw={strong ? 700 : undefined}>
        {label}
      </Text>
      <Money value={value} fw={strong ? 700 : undefined} size="sm" signed />
    </Group>
  );
}

export function LeavingDialog({ member, onClose }: { member: MemberDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const coop = useCoop();
  const lang = currentLang();
  const phone = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
  const preview = useLeavingPreview(coop.id, member.id, true);
  const leave = useLeave(coop.id, member.id);
  // One key per action (renewed after a refusal): a retried click never settles twice.
  const { key, renewAfterError } = useIdempotencyKey();
  const [alert, setAlert] = useState<string | null>(null);
  const form = useForm({
    mode: 'controlled',
    initialValues: { outcome: 'left' as 'left' | 'deceased', reason: '', date: todayIn(coop.timeZone), method: 'cash' as PaymentMethod },
  });
  const p = preview.data;

  return (
    <Modal opened onClose={onClose} title={t('members.leaving.title', { name: member.fullName })} fullScreen={phone} size="lg">
      <form
        noValidate
        onSubmit={form.onSubmit((v) => {
          setAlert(null);
          leave.mutate(
            { input: { outcome: v.outcome, reason: v.reason.trim(), date: v.date || undefined, method: v.method }, key },
            {
              onSuccess: (s) => {
                notifications.show({
                  color: 'green',
                  message: t('members.leaving.done', { name: member.fullName, amount: formatRupiah(BigInt(s.netPaid)) }),
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
          <Text size="sm">{t('members.leaving.intro')}</Text>
          {preview.isPending ? (
            <Skeleton height={140} />
          ) : preview.isError ? (
            <ErrorState error={preview.error} onRetry={() => void preview.refetch()} />
          ) : (
            p && (
              <Stack gap={6}>
                {SAVINGS_KINDS.map((k) => (
                  <Line key={k} label={KIND_LABELS[k][lang]} value={p.balances[k]} />
                ))}
                {BigInt(p.receivableOffset) > 0n && <Line label={t('members.leaving.receivable')} value={`-${p.receivableOffset}`} />}
                {BigInt(p.receivableRemaining) > 0n && (
                  <Line label={t('members.leaving.receivableRemaining')} value={p.receivableRemaining} />
                )}
                <Divider />
                <Line label={t('members.leaving.netPaid')} value={p.netPaid} strong />
                {!p.canLeave && (
                  <Alert color="orange" variant="light" icon={<IconAlertTriangle />} title={t('members.leaving.blocked')}>
                    {p.blockers.map((b) => (
                      <div key={b}>{b}</div>
                    ))}
                  </Alert>
                )}
              </Stack>
            )
          )}
          {alert && (
            <Alert color="red" variant="light" icon={<IconAlertCircle />} role="alert">
              {alert}
            </Alert>
          )}
          <Radio.Group label={t('members.leaving.outcome')} {...form.getInputProps('outcome')}>
            <Stack gap={6} mt={6}>
              <Radio value="left" label={t('members.leaving.outcomeLeft')} />
              <Radio value="deceased" label={t('members.leaving.outcomeDeceased')} />
            </Stack>
          </Radio.Group>
          <Textarea
            label={t('members.leaving.reason')}
            placeholder={t('members.leaving.reasonHint')}
            required
            autosize
            minRows={2}
            {...form.getInputProps('reason')}
          />
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
            <TextInput label={t('members.leaving.date')} type="date" {...form.getInputProps('date')} />
            <Stack gap={4}>
              <Text size="sm" fw={500}>
                {t('members.leaving.method')}
              </Text>
              <SegmentedControl
                data={PAYMENT_METHODS.map((m) => ({ value: m, label: METHOD_LABELS[m][lang] }))}
                {...form.getInputProps('method')}
              />
            </Stack>
          </SimpleGrid>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="red" loading={leave.isPending} disabled={!p?.canLeave}>
              {t('members.leaving.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
