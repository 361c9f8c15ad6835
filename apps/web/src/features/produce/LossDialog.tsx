import { LOSS_KINDS, LOSS_LABELS, type LossKind } from '@kopdes/shared/produce';
import { Modal, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyApiError } from '../../api/form-errors.js';
import { useIdempotencyKey } from '../../api/idempotency.js';
import { useCoop } from '../../app/coop.js';
import { currentLang } from '../../i18n/index.js';
import { DialogActions, FormAlert, usePhone } from './form-bits.js';
import { LotChoice } from './LotSelect.js';
import { useRecordLoss, type Lot } from './produce-api.js';
import { countOf } from './weights.js';

/** Writes off weight loss (susut) or spoilage at cost, with the reason: the journal gets the expense. */
export function LossDialog({ lot: preset, onClose }: { lot?: Lot; onClose: () => void }) {
  const { t } = useTranslation();
  const coop = useCoop();
  const phone = usePhone();
  const loss = useRecordLoss(coop.id);
  const [picked, setPicked] = useState<Lot | null>(preset ?? null);
  const { key, renewAfterError } = useIdempotencyKey();
  const [alert, setAlert] = useState<string | null>(null);
  const form = useForm({
    mode: 'controlled',
    initialValues: {
      lotId: preset?.id ?? '',
      locationId: preset?.places[0]?.locationId ?? '',
      kind: 'shrinkage' as LossKind,
      kg: '',
      count: '',
      reason: '',
    },
    validate: {
      lotId: (v) => (v ? null : t('produce.move.required')),
      locationId: (v) => (v ? null : t('produce.move.required')),
    },
  });
  const lot = picked;
  const isKg = (lot?.commodity.unit ?? 'kg') === 'kg';

  const submit = form.onSubmit((values) => {
    setAlert(null);
    if (!isKg && countOf(values.count) === null) return form.setFieldError('count', t('produce.move.countInvalid'));
    loss.mutate(
      {
        idempotencyKey: key,
        body: {
          lotId: values.lotId,
          locationId: values.locationId,
          kind: values.kind,
          reason: values.reason,
          ...(isKg ? { kg: values.kg.trim() } : { count: Number(values.count.trim()) }),
        },
      },
      {
        onSuccess: (doc) => {
          const qty = doc.movements[0]?.quantity.text ?? '';
          notifications.show({ color: 'green', message: t('produce.loss.done', { number: doc.number, qty: qty.replace(/^-/, '') }) });
          onClose();
        },
        onError: (err) => {
          renewAfterError(err);
          setAlert(applyApiError(form, err));
        },
      },
    );
  });

  return (
    <Modal opened onClose={onClose} title={t('produce.loss.title')} fullScreen={phone} size="md">
      <form noValidate onSubmit={submit}>
        <Stack gap="md">
          <FormAlert message={alert} />
          <LotChoice
            preset={preset}
            value={picked}
            error={form.errors.lotId}
            onChange={(l) => {
              setPicked(l);
              form.setValues({ lotId: l?.id ?? '', locationId: l?.places[0]?.locationId ?? '' });
            }}
          />
          <Select
            size="md"
            label={t('produce.loss.location')}
            data={(lot?.places ?? []).map((p) => ({ value: p.locationId, label: `${p.locationName} · ${p.quantity.text}` }))}
            allowDeselect={false}
            required
            {...form.getInputProps('locationId')}
          />
          <Stack gap={4}>
            <Text size="md" fw={500} id="loss-kind">
              {t('produce.loss.kind')}
            </Text>
            <SegmentedControl
              size="md"
              fullWidth
              aria-labelledby="loss-kind"
              data={LOSS_KINDS.map((k) => ({ value: k, label: LOSS_LABELS[k][currentLang()] }))}
              {...form.getInputProps('kind')}
            />
          </Stack>
          {isKg ? (
            <TextInput
              size="md"
              label={t('produce.loss.kg')}
              description={t('produce.weightHint')}
              inputMode="decimal"
              autoComplete="off"
              required
              {...form.getInputProps('kg')}
            />
          ) : (
            <TextInput
              size="md"
              label={t('produce.loss.count')}
              inputMode="numeric"
              autoComplete="off"
              required
              {...form.getInputProps('count')}
            />
          )}
          <TextInput
            size="md"
            label={t('produce.loss.reason')}
            placeholder={t('produce.loss.reasonPlaceholder')}
            required
            {...form.getInputProps('reason')}
          />
          <DialogActions onClose={onClose} submit={t('produce.loss.submit')} loading={loss.isPending} color="red" />
        </Stack>
      </form>
    </Modal>
  );
}
