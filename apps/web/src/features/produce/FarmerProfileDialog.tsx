import { Modal, SegmentedControl, Select, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import type { PayoutMethod } from '@kopdes/shared/produce';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyApiError } from '../../api/form-errors.js';
import { useCoop } from '../../app/coop.js';
import { DialogActions, FormAlert, usePhone } from './form-bits.js';
import { useClusters, useSaveFarmerProfile, type Farmer } from './produce-api.js';

/** A farmer's supply profile: cluster, how they are paid, and whether they still deliver. */
export function FarmerProfileDialog({ farmer: f, onClose }: { farmer: Farmer; onClose: () => void }) {
  const { t } = useTranslation();
  const coop = useCoop();
  const phone = usePhone();
  const save = useSaveFarmerProfile(coop.id, f.memberId);
  const clusters = useClusters(coop.id);
  const [alert, setAlert] = useState<string | null>(null);
  const form = useForm({
    mode: 'controlled',
    initialValues: {
      clusterId: f.cluster?.id ?? '',
      payoutMethod: f.payoutMethod as PayoutMethod,
      bankName: f.bankName ?? '',
      bankAccountNo: f.bankAccountNo ?? '',
      bankAccountName: f.bankAccountName ?? '',
      deliveryActive: f.deliveryActive,
    },
  });
  const bank = form.values.payoutMethod === 'bank';
  const orNull = (s: string) => s.trim() || null;

  const submit = form.onSubmit((v) => {
    setAlert(null);
    save.mutate(
      {
        clusterId: v.clusterId || null,
        payoutMethod: v.payoutMethod,
        bankName: orNull(v.bankName),
        bankAccountNo: orNull(v.bankAccountNo.replace(/[\s.-]/g, '')),
        bankAccountName: orNull(v.bankAccountName),
        deliveryActive: v.deliveryActive,
      },
      {
        onSuccess: () => {
          notifications.show({ color: 'green', message: t('produce.farmer.profileSaved', { name: f.fullName }) });
          onClose();
        },
        onError: (err) => setAlert(applyApiError(form, err)),
      },
    );
  });

  return (
    <Modal opened onClose={onClose} title={t('produce.farmer.profileTitle', { name: f.fullName })} fullScreen={phone} size="md">
      <form noValidate onSubmit={submit}>
        <Stack gap="md">
          <FormAlert message={alert} />
          <Select
            size="md"
            label={t('produce.farmers.cluster')}
            placeholder={t('produce.farmer.noCluster')}
            data={(clusters.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
            clearable
            {...form.getInputProps('clusterId')}
            onChange={(id) => form.setFieldValue('clusterId', id ?? '')}
          />
          <Stack gap={4}>
            <Text size="md" fw={500} id="payout-method">
              {t('produce.farmer.payoutMethod')}
            </Text>
            <SegmentedControl
              size="md"
              fullWidth
              aria-labelledby="payout-method"
              data={[
                { value: 'cash', label: t('produce.payouts.cash') },
                { value: 'bank', label: t('produce.payouts.bank') },
              ]}
              {...form.getInputProps('payoutMethod')}
            />
          </Stack>
          {bank && (
            <>
              <TextInput size="md" label={t('produce.farmer.bankName')} placeholder="BRI" required {...form.getInputProps('bankName')} />
              <TextInput
                size="md"
                label={t('produce.farmer.bankAccountNo')}
                inputMode="numeric"
                autoComplete="off"
                required
                {...form.getInputProps('bankAccountNo')}
              />
              <TextInput size="md" label={t('produce.farmer.bankAccountName')} {...form.getInputProps('bankAccountName')} />
            </>
          )}
          <Switch
            size="md"
            label={t('produce.farmer.deliveryActive')}
            description={t('produce.farmer.deliveryActiveHint')}
            {...form.getInputProps('deliveryActive', { type: 'checkbox' })}
          />
          <DialogActions onClose={onClose} submit={t('common.save')} loading={save.isPending} />
        </Stack>
      </form>
    </Modal>
  );
}
