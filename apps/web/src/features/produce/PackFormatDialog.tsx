import { CHANNELS, CHANNEL_LABELS, GRADE_LABELS, type Channel, type Grade } from '@kopdes/shared/produce';
import { Modal, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyApiError } from '../../api/form-errors.js';
import { useCoop } from '../../app/coop.js';
import { currentLang } from '../../i18n/index.js';
import { DialogActions, FormAlert, usePhone } from './form-bits.js';
import { useAddPackFormat, type CommodityDetail } from './produce-api.js';
import { countOf } from './weights.js';

/** A pack format for one sales channel: a 250 g tray for modern retail, a 10 kg crate for the market. */
export function PackFormatDialog({ commodity: c, onClose }: { commodity: CommodityDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const coop = useCoop();
  const phone = usePhone();
  const lang = currentLang();
  const add = useAddPackFormat(coop.id, c.id);
  const [alert, setAlert] = useState<string | null>(null);
  const isKg = c.unit === 'kg';
  const form = useForm({
    mode: 'controlled',
    initialValues: { channel: 'modern_retail' as Channel, name: '', grade: '', contentKg: '', contentCount: '', packaging: '' },
  });

  const submit = form.onSubmit((v) => {
    setAlert(null);
    if (!isKg && countOf(v.contentCount) === null) return form.setFieldError('contentCount', t('produce.move.countInvalid'));
    add.mutate(
      {
        channel: v.channel,
        name: v.name.trim(),
        grade: (v.grade || null) as Grade | null,
        packaging: v.packaging.trim(),
        ...(isKg ? { contentKg: v.contentKg.trim() } : { contentCount: Number(v.contentCount.trim()) }),
      },
      {
        onSuccess: () => {
          notifications.show({ color: 'green', message: t('produce.packFormat.added', { name: v.name.trim(), commodity: c.name }) });
          onClose();
        },
        onError: (err) => setAlert(applyApiError(form, err)),
      },
    );
  });

  return (
    <Modal opened onClose={onClose} title={t('produce.packFormat.title', { commodity: c.name })} fullScreen={phone} size="md">
      <form noValidate onSubmit={submit}>
        <Stack gap="md">
          <FormAlert message={alert} />
          <Select
            size="md"
            label={t('produce.packFormat.channel')}
            data={CHANNELS.map((ch) => ({ value: ch, label: CHANNEL_LABELS[ch][lang] }))}
            allowDeselect={false}
            required
            {...form.getInputProps('channel')}
          />
          <TextInput
            size="md"
            label={t('produce.packFormat.name')}
            placeholder={t('produce.packFormat.namePlaceholder')}
            required
            {...form.getInputProps('name')}
          />
          <SimpleGrid cols={2} spacing="sm">
            {isKg ? (
              <TextInput
                size="md"
                label={t('produce.packFormat.contentKg')}
                description={t('produce.weightHint')}
                inputMode="decimal"
                autoComplete="off"
                required
                {...form.getInputProps('contentKg')}
              />
            ) : (
              <TextInput
                size="md"
                label={t('produce.packFormat.contentCount', { unit: c.unitLabel })}
                inputMode="numeric"
                autoComplete="off"
                required
                {...form.getInputProps('contentCount')}
              />
            )}
            <Select
              size="md"
              label={t('produce.packFormat.grade')}
              placeholder={t('produce.packFormat.anyGrade')}
              data={c.grades.filter((g) => g.grade !== 'reject').map((g) => ({ value: g.grade, label: GRADE_LABELS[g.grade][lang] }))}
              clearable
              {...form.getInputProps('grade')}
              onChange={(g) => form.setFieldValue('grade', g ?? '')}
            />
          </SimpleGrid>
          <TextInput
            size="md"
            label={t('produce.packFormat.packaging')}
            placeholder={t('produce.packFormat.packagingPlaceholder')}
            required
            {...form.getInputProps('packaging')}
          />
          <DialogActions onClose={onClose} submit={t('produce.packFormat.submit')} loading={add.isPending} />
        </Stack>
      </form>
    </Modal>
  );
}
