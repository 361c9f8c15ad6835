import { Checkbox, Modal, Select, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyApiError } from '../../api/form-errors.js';
import { useIdempotencyKey } from '../../api/idempotency.js';
import { useCoop } from '../../app/coop.js';
import { DialogActions, FormAlert, usePhone } from './form-bits.js';
import { LotChoice } from './LotSelect.js';
import { useLocations, useTransfer, type Lot } from './produce-api.js';
import { countOf } from './weights.js';

/** Moves (part of) a lot to another location: packing house → cold storage → truck. */
export function TransferDialog({ lot: preset, onClose }: { lot?: Lot; onClose: () => void }) {
  const { t } = useTranslation();
  const coop = useCoop();
  const phone = usePhone();
  const transfer = useTransfer(coop.id);
  const [picked, setPicked] = useState<Lot | null>(preset ?? null);
  const locations = useLocations(coop.id);
  // One key per action (renewed after a refusal): a double tap or a retry after a lost answer moves the stock once.
  const { key, renewAfterError } = useIdempotencyKey();
  const [alert, setAlert] = useState<string | null>(null);
  const form = useForm({
    mode: 'controlled',
    initialValues: {
      lotId: preset?.id ?? '',
      fromLocationId: preset?.places[0]?.locationId ?? '',
      toLocationId: '',
      all: false,
      kg: '',
      count: '',
    },
    validate: {
      lotId: (v) => (v ? null : t('produce.move.required')),
      fromLocationId: (v) => (v ? null : t('produce.move.required')),
      toLocationId: (v) => (v ? null : t('produce.move.required')),
    },
  });
  const v = form.values;
  const lot = picked;
  const isKg = (lot?.commodity.unit ?? 'kg') === 'kg';
  const from = lot?.places.find((p) => p.locationId === v.fromLocationId);
  const targets = (locations.data?.items ?? []).filter((l) => l.active && l.id !== v.fromLocationId);

  const submit = form.onSubmit((values) => {
    setAlert(null);
    // A count must be a whole number before it can be sent; weights are read (and refused) by the server.
    if (!values.all && !isKg && countOf(values.count) === null) return form.setFieldError('count', t('produce.move.countInvalid'));
    const to = targets.find((l) => l.id === values.toLocationId);
    transfer.mutate(
      {
        idempotencyKey: key,
        body: {
          lotId: values.lotId,
          fromLocationId: values.fromLocationId,
          toLocationId: values.toLocationId,
          ...(values.all ? { all: true } : isKg ? { kg: values.kg.trim() } : { count: Number(values.count.trim()) }),
        },
      },
      {
        onSuccess: (doc) => {
          const moved = doc.movements.find((m) => m.kind === 'transfer_in')?.quantity.text ?? '';
          notifications.show({
            color: 'green',
            message: t('produce.transfer.done', { number: doc.number, qty: moved, code: lot?.code ?? '', to: to?.name ?? '' }),
          });
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
    <Modal opened onClose={onClose} title={t('produce.transfer.title')} fullScreen={phone} size="md">
      <form noValidate onSubmit={submit}>
        <Stack gap="md">
          <FormAlert message={alert} />
          <LotChoice
            preset={preset}
            value={picked}
            error={form.errors.lotId}
            onChange={(l) => {
              setPicked(l);
              form.setValues({ lotId: l?.id ?? '', fromLocationId: l?.places[0]?.locationId ?? '', toLocationId: '' });
            }}
          />
          <Select
            size="md"
            label={t('produce.transfer.from')}
            data={(lot?.places ?? []).map((p) => ({ value: p.locationId, label: `${p.locationName} · ${p.quantity.text}` }))}
            allowDeselect={false}
            required
            {...form.getInputProps('fromLocationId')}
          />
          <Select
            size="md"
            label={t('produce.transfer.to')}
            data={targets.map((l) => ({ value: l.id, label: l.name }))}
            allowDeselect={false}
            required
            comboboxProps={{ withinPortal: true }}
            {...form.getInputProps('toLocationId')}
          />
          <Checkbox
            size="md"
            label={from ? t('produce.transfer.allOf', { qty: from.quantity.text }) : t('produce.transfer.all')}
            {...form.getInputProps('all', { type: 'checkbox' })}
          />
          {!v.all &&
            (isKg ? (
              <TextInput
                size="md"
                label={t('produce.transfer.kg')}
                description={t('produce.weightHint')}
                inputMode="decimal"
                autoComplete="off"
                required
                {...form.getInputProps('kg')}
              />
            ) : (
              <TextInput
                size="md"
                label={t('produce.transfer.count')}
                inputMode="numeric"
                autoComplete="off"
                required
                {...form.getInputProps('count')}
              />
            ))}
          <DialogActions onClose={onClose} submit={t('produce.transfer.submit')} loading={transfer.isPending} />
        </Stack>
      </form>
    </Modal>
  );
}
