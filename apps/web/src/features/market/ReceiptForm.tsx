import { todayIn } from '@kopdes/shared/format';
import { REJECT_REASONS, REJECT_REASON_LABELS, type RejectReason } from '@kopdes/shared/market';
import { GRADE_LABELS, GRADES, type Grade } from '@kopdes/shared/produce';
import { Button, Card, Group, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useIdempotencyKey } from '../../api/idempotency.js';
import { useCoop } from '../../app/coop.js';
import { currentLang } from '../../i18n/index.js';
import { useLocations } from '../produce/produce-api.js';
import { itemLabel, numberOf, parseQty, qtyText, unitOf } from './labels.js';
import { useRecordReceipt, type Delivery } from './market-api.js';
import { applyErrors, ErrorAlert } from './parts.js';

/** The server's `lines.N.returnToStock.*` onto this form's return fields. */
const toInput = (f: string) =>
  f
    .replace(/^(lines\.\d+)\.returnToStock\.grade$/, '$1.returnGrade')
    .replace(/^(lines\.\d+)\.returnToStock\.locationId$/, '$1.returnLocationId')
    .replace(/^(lines\.\d+)\.returnToStock\.quantity$/, '$1.returnQuantity')
    .replace(/^(lines\.\d+)\.returnToStock$/, '$1.returnGrade');

/**
 * The buyer's receiving and QC, once per surat jalan: per line what was accepted and what was
 * rejected (with the reason); the two add up to what was sent. Only accepted goods are invoiced.
 */
export function ReceiptForm({ delivery: d }: { delivery: Delivery }) {
  const { t } = useTranslation();
  const coop = useCoop();
  const lang = currentLang();
  const { key, renewAfterError } = useIdempotencyKey();
  const [alert, setAlert] = useState<string | null>(null);
  const record = useRecordReceipt(coop.id, d.id);
  const today = todayIn(coop.timeZone);
  const form = useForm({
    mode: 'controlled',
    initialValues: {
      date: today < d.date ? d.date : today,
      receivedBy: '',
      lines: d.lines.map((l) => ({
        lineNo: l.lineNo,
        accepted: numberOf(l.quantity.text),
        rejected: '0',
        reason: null as RejectReason | null,
        note: '',
        /** What happens to the rejected part: written off, or back into stock as a lot of this grade. */
        disposition: 'write_off' as 'write_off' | 'return',
        returnGrade: 'B' as Grade,
        returnLocationId: null as string | null,
        returnQuantity: '',
      })),
    },
  });

  const locations = useLocations(coop.id);

  /** Typing the rejected part fills in the accepted part: the rest of what was sent. */
  const onRejected = (i: number, text: string) => {
    form.setFieldValue(`lines.${i}.rejected`, text);
    const sent = BigInt(d.lines[i]!.quantity.value);
    const like = d.lines[i]!.quantity.text;
    const r = parseQty(text || '0', like);
    if (r !== null && r <= sent) form.setFieldValue(`lines.${i}.accepted`, qtyText(sent - r, like));
  };

  return (
    <Card padding="md" withBorder>
      <form
        noValidate
        onSubmit={form.onSubmit((v) => {
          setAlert(null);
          record.mutate(
            {
              idempotencyKey: key,
              body: {
                date: v.date || undefined,
                receivedBy: v.receivedBy.trim() || null,
                lines: v.lines.map((l) => ({
                  lineNo: l.lineNo,
                  accepted: l.accepted.trim(),
                  rejected: l.rejected.trim() || '0',
                  reason: l.reason,
                  note: l.note.trim() || null,
                  returnToStock:
                    l.disposition === 'return'
                      ? { grade: l.returnGrade, locationId: l.returnLocationId ?? '', quantity: l.returnQuantity.trim() || undefined }
                      : null,
                })),
              },
            },
            {
              onSuccess: (res) => {
                notifications.show({ color: 'green', autoClose: 8000, message: t('market.receipt.saved', { number: res.number }) });
              },
              onError: (err) => {
                renewAfterError(err);
                setAlert(applyErrors(form, err, toInput));
              },
            },
          );
        })}
      >
        <Stack gap="md">
          <Stack gap={2}>
            <Title order={2} fz="h4">
              {t('market.receipt.title')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('market.receipt.hint')}
            </Text>
          </Stack>
          <ErrorAlert message={alert} />
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
            <TextInput label={t('market.receipt.date')} type="date" required {...form.getInputProps('date')} />
            <TextInput label={t('market.receipt.receivedBy')} {...form.getInputProps('receivedBy')} />
          </SimpleGrid>
          {d.lines.map((l, i) => {
            const v = form.values.lines[i]!;
            const unit = unitOf(l.quantity.text);
            const a = parseQty(v.accepted, l.quantity.text);
            const r = parseQty(v.rejected || '0', l.quantity.text);
            const adds = a !== null && r !== null && a + r === BigInt(l.quantity.value);
            return (
              <Card
                key={l.lineNo}
                padding="sm"
                withBorder
                role="group"
                aria-label={`${itemLabel(l.commodityName, l.grade, l.packFormatName, t('market.loose'))} · ${l.lotCode}`}
              >
                <Group justify="space-between" gap="xs" mb={4}>
                  <Text size="sm" fw={600}>
                    {itemLabel(l.commodityName, l.grade, l.packFormatName, t('market.loose'))}
                  </Text>
                  <Text size="sm">
                    {t('market.receipt.sent')}: <b>{l.quantity.text}</b>
                  </Text>
                </Group>
                <Text size="xs" c="dimmed" ff="monospace" mb={6}>
                  {l.lotCode}
                </Text>
                <SimpleGrid cols={2} spacing="sm">
                  <TextInput
                    label={t('market.receipt.acceptedIn', { unit })}
                    inputMode="decimal"
                    autoComplete="off"
                    {...form.getInputProps(`lines.${i}.accepted`)}
                  />
                  <TextInput
                    label={t('market.receipt.rejectedIn', { unit })}
                    inputMode="decimal"
                    autoComplete="off"
                    {...form.getInputProps(`lines.${i}.rejected`)}
                    onChange={(e) => onRejected(i, e.currentTarget.value)}
                  />
                </SimpleGrid>
                <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm" mt="xs">
                  <Select
                    label={t('market.receipt.reason')}
                    placeholder={r !== null && r > 0n ? t('market.receipt.reasonPick') : '—'}
                    data={REJECT_REASONS.map((x) => ({ value: x, label: REJECT_REASON_LABELS[x][lang] }))}
                    clearable
                    {...form.getInputProps(`lines.${i}.reason`)}
                  />
                  <TextInput label={t('market.receipt.note')} {...form.getInputProps(`lines.${i}.note`)} />
                </SimpleGrid>
                {!adds && (
                  <Text size="xs" c="red.8" mt={4}>
                    {t('market.receipt.mustAdd', { sent: l.quantity.text })}
                  </Text>
                )}
                {r !== null && r > 0n && (
                  <Stack gap={6} mt="sm">
                    <SegmentedControl
                      aria-label={t('market.receipt.disposition')}
                      data={[
                        { value: 'write_off', label: t('market.receipt.writeOff') },
                        { value: 'return', label: t('market.receipt.returnToStock') },
                      ]}
                      {...form.getInputProps(`lines.${i}.disposition`)}
                    />
                    {v.disposition === 'return' && (
                      <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
                        <Select
                          label={t('market.receipt.returnGrade')}
                          allowDeselect={false}
                          data={GRADES.map((g) => ({ value: g, label: GRADE_LABELS[g][lang] }))}
                          {...form.getInputProps(`lines.${i}.returnGrade`)}
                        />
                        <Select
                          label={t('market.receipt.returnPlace')}
                          required
                          data={(locations.data?.items ?? []).map((x) => ({ value: x.id, label: x.name }))}
                          {...form.getInputProps(`lines.${i}.returnLocationId`)}
                        />
                        <TextInput
                          label={t('market.receipt.returnQuantity', { base: l.base.text.replace(/^[\d.,]+\s*/, '') })}
                          description={t('market.receipt.returnQuantityHint')}
                          inputMode="decimal"
                          autoComplete="off"
                          {...form.getInputProps(`lines.${i}.returnQuantity`)}
                        />
                      </SimpleGrid>
                    )}
                  </Stack>
                )}
              </Card>
            );
          })}
          <Group justify="flex-end">
            <Button type="submit" loading={record.isPending}>
              {t('market.receipt.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
