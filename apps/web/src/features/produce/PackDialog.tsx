import { formatQuantity, GRADE_LABELS, type UnitOfMeasure } from '@kopdes/shared/produce';
import { ActionIcon, Button, Group, Modal, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyApiError } from '../../api/form-errors.js';
import { useIdempotencyKey } from '../../api/idempotency.js';
import { useCoop } from '../../app/coop.js';
import { currentLang } from '../../i18n/index.js';
import { DialogActions, FormAlert, usePhone } from './form-bits.js';
import { LotSelect, PresetLot } from './LotSelect.js';
import { useCommodities, useLocations, useLots, usePack, type Lot } from './produce-api.js';
import { countOf, gramsOf } from './weights.js';

interface Source {
  lotId: string;
  kg: string;
  count: string;
}
const emptySource = (lotId = ''): Source => ({ lotId, kg: '', count: '' });

/**
 * Packs lots of one commodity and grade into channel packs. The clerk sees what goes in, what
 * comes out (packs × content) and the yield before saving; the server records the packing loss.
 */
export function PackDialog({ lot: preset, onClose }: { lot?: Lot; onClose: () => void }) {
  const { t } = useTranslation();
  const coop = useCoop();
  const phone = usePhone();
  const lang = currentLang();
  const pack = usePack(coop.id);
  const commodities = useCommodities(coop.id);
  const locations = useLocations(coop.id);
  const { key, renewAfterError } = useIdempotencyKey();
  const [alert, setAlert] = useState<string | null>(null);
  const form = useForm({
    mode: 'controlled',
    initialValues: {
      commodityId: preset?.commodity.id ?? '',
      packFormatId: '',
      locationId: preset?.places[0]?.locationId ?? '',
      packs: '',
      sources: [emptySource(preset?.id)],
    },
    validate: {
      commodityId: (v) => (v ? null : t('produce.move.required')),
      packFormatId: (v) => (v ? null : t('produce.move.required')),
      locationId: (v) => (v ? null : t('produce.move.required')),
      packs: (v) => (countOf(v) ? null : t('produce.move.countInvalid')),
      sources: { lotId: (v) => (v ? null : t('produce.move.required')) },
    },
  });
  const v = form.values;
  const commodity = commodities.data?.items.find((c) => c.id === v.commodityId);
  const unit: UnitOfMeasure = commodity?.unit ?? 'kg';
  const isKg = unit === 'kg';
  const formats = (commodity?.packFormats ?? []).filter((f) => f.active && (!preset || f.grade === null || f.grade === preset.grade));
  const format = formats.find((f) => f.id === v.packFormatId);
  const lots = useLots(coop.id, { commodityId: v.commodityId || undefined, locationId: v.locationId || undefined });
  // Every source must be of the format's grade, or of one grade when the format takes any.
  const firstGrade = lots.data?.items.find((l) => l.id === v.sources[0]?.lotId)?.grade;
  const grade = format?.grade ?? preset?.grade ?? firstGrade;
  const candidates = v.commodityId && v.locationId ? (lots.data?.items ?? []).filter((l) => !grade || l.grade === grade) : [];

  const input = v.sources.reduce<bigint | null>((s, x) => {
    const q = isKg ? gramsOf(x.kg) : countOf(x.count);
    return s === null || q === null ? null : s + q;
  }, 0n);
  const packs = countOf(v.packs);
  const output = format && packs !== null ? BigInt(format.content.base) * packs : null;
  const show = (q: bigint) => formatQuantity(q, unit);

  const submit = form.onSubmit((values) => {
    setAlert(null);
    const bad = isKg ? -1 : values.sources.findIndex((s) => countOf(s.count) === null);
    if (bad >= 0) return form.setFieldError(`sources.${bad}.count`, t('produce.move.countInvalid'));
    pack.mutate(
      {
        idempotencyKey: key,
        body: {
          locationId: values.locationId,
          packFormatId: values.packFormatId,
          packs: Number(values.packs.trim()),
          sources: values.sources.map((s) => ({ lotId: s.lotId, ...(isKg ? { kg: s.kg.trim() } : { count: Number(s.count.trim()) }) })),
        },
      },
      {
        onSuccess: (doc) => {
          notifications.show({
            color: 'green',
            message: t('produce.packing.done', {
              number: doc.number,
              packs: doc.packing?.packs ?? values.packs,
              yield: ((doc.packing?.yieldPermille ?? 0) / 10).toLocaleString(lang === 'id' ? 'id-ID' : 'en-GB'),
            }),
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
    <Modal opened onClose={onClose} title={t('produce.packing.title')} fullScreen={phone} size="lg">
      <form noValidate onSubmit={submit}>
        <Stack gap="md">
          <FormAlert message={alert} />
          {preset ? (
            <PresetLot lot={preset} />
          ) : (
            <Select
              size="md"
              label={t('produce.packing.commodity')}
              data={(commodities.data?.items ?? [])
                .filter((c) => c.active && c.packFormats.some((f) => f.active))
                .map((c) => ({ value: c.id, label: c.name }))}
              searchable
              required
              {...form.getInputProps('commodityId')}
              onChange={(id) => form.setValues({ commodityId: id ?? '', packFormatId: '', sources: [emptySource()] })}
            />
          )}
          {commodity && !formats.length && (
            <Text size="sm" c="orange.8">
              {t('produce.packing.formatNone')}
            </Text>
          )}
          <Select
            size="md"
            label={t('produce.packing.format')}
            data={formats.map((f) => ({
              value: f.id,
              label: `${f.name} · ${f.content.text} · ${f.channelLabel}${f.grade ? ` · ${GRADE_LABELS[f.grade][lang]}` : ''}`,
            }))}
            required
            comboboxProps={{ withinPortal: true }}
            {...form.getInputProps('packFormatId')}
          />
          <Select
            size="md"
            label={t('produce.packing.location')}
            data={
              preset
                ? preset.places.map((p) => ({ value: p.locationId, label: `${p.locationName} · ${p.quantity.text}` }))
                : (locations.data?.items ?? []).filter((l) => l.active).map((l) => ({ value: l.id, label: l.name }))
            }
            allowDeselect={false}
            required
            {...form.getInputProps('locationId')}
            onChange={(id) => form.setValues({ locationId: id ?? '', sources: [emptySource(preset?.id)] })}
          />
          <Stack gap="xs">
            <Text fw={600}>{t('produce.packing.sources')}</Text>
            {v.sources.map((s, i) => (
              <Group key={i} gap="xs" align="flex-start" wrap="nowrap">
                <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="xs" style={{ flex: 1 }}>
                  {preset && i === 0 ? (
                    <TextInput
                      size="md"
                      label={t('produce.move.lot')}
                      value={preset.code}
                      readOnly
                      error={form.errors['sources.0.lotId']}
                    />
                  ) : (
                    <LotSelect
                      label={t('produce.move.lot')}
                      required
                      lots={candidates.filter((l) => l.id === s.lotId || !v.sources.some((o) => o.lotId === l.id))}
                      atLocationId={v.locationId}
                      value={s.lotId}
                      error={form.errors[`sources.${i}.lotId`]}
                      onChange={(l) => form.setFieldValue(`sources.${i}.lotId`, l?.id ?? '')}
                    />
                  )}
                  {isKg ? (
                    <TextInput
                      size="md"
                      label={t('produce.packing.kg')}
                      description={t('produce.weightHint')}
                      inputMode="decimal"
                      autoComplete="off"
                      required
                      {...form.getInputProps(`sources.${i}.kg`)}
                    />
                  ) : (
                    <TextInput
                      size="md"
                      label={t('produce.packing.count')}
                      inputMode="numeric"
                      autoComplete="off"
                      required
                      {...form.getInputProps(`sources.${i}.count`)}
                    />
                  )}
                </SimpleGrid>
                {v.sources.length > 1 && (
                  <ActionIcon
                    variant="subtle"
                    color="gray"
                    size="lg"
                    mt={28}
                    aria-label={t('produce.packing.removeSource', { n: i + 1 })}
                    onClick={() => form.removeListItem('sources', i)}
                  >
                    <IconX size={18} />
                  </ActionIcon>
                )}
              </Group>
            ))}
            {v.sources.length < 50 && (
              <Button
                variant="subtle"
                leftSection={<IconPlus size={16} />}
                onClick={() => form.insertListItem('sources', emptySource())}
                style={{ alignSelf: 'flex-start' }}
              >
                {t('produce.packing.addSource')}
              </Button>
            )}
          </Stack>
          <TextInput
            size="md"
            label={t('produce.packing.packs')}
            description={format ? t('produce.packing.packsHint', { content: format.content.text }) : undefined}
            inputMode="numeric"
            autoComplete="off"
            required
            {...form.getInputProps('packs')}
          />
          {input !== null && input > 0n && output !== null && (
            <SimpleGrid cols={2} spacing={4} p="sm" bg={output > input ? 'red.0' : 'gray.1'} style={{ borderRadius: 8 }} aria-live="polite">
              <Text size="sm">{t('produce.packing.input')}</Text>
              <Text size="sm" fw={700} ta="right">
                {show(input)}
              </Text>
              <Text size="sm">{t('produce.packing.output')}</Text>
              <Text size="sm" fw={700} ta="right" c={output > input ? 'red.8' : undefined}>
                {show(output)}
              </Text>
              {output <= input && (
                <>
                  <Text size="sm">{t('produce.packing.lossLive')}</Text>
                  <Text size="sm" fw={700} ta="right">
                    {show(input - output)}
                  </Text>
                  <Text size="sm">{t('produce.packing.yield')}</Text>
                  <Text size="sm" fw={700} ta="right" data-testid="pack-yield">
                    {(Number((output * 1000n) / input) / 10).toLocaleString(lang === 'id' ? 'id-ID' : 'en-GB')}%
                  </Text>
                </>
              )}
            </SimpleGrid>
          )}
          <DialogActions
            onClose={onClose}
            submit={t('produce.packing.submit')}
            loading={pack.isPending}
            disabled={!!commodity && !formats.length}
          />
        </Stack>
      </form>
    </Modal>
  );
}
