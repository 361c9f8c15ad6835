import {
  GRADE_LABELS,
  GRADES,
  STORAGE_CLASSES,
  STORAGE_LABELS,
  UNITS_OF_MEASURE,
  UOM_LABELS,
  type Grade,
  type StorageClass,
  type UnitOfMeasure,
} from '@kopdes/shared/produce';
import { Checkbox, Group, Modal, SegmentedControl, Select, SimpleGrid, Stack, Switch, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyApiError } from '../../api/form-errors.js';
import { useCoop } from '../../app/coop.js';
import { navigate } from '../../app/router.js';
import { currentLang } from '../../i18n/index.js';
import { DialogActions, FormAlert, remapRows, usePhone } from './form-bits.js';
import { producePath } from './nav.js';
import { useSaveCommodity, type CommodityDetail } from './produce-api.js';
import { wholeOf } from './weights.js';

interface GradeRow {
  grade: Grade;
  used: boolean;
  /** Grades already on intakes and lots stay; only their spec changes. */
  locked: boolean;
  spec: string;
}

/** Adds a commodity (`commodity` null) or changes one: name, grades and their written spec, shelf life, active. */
export function CommodityDialog({ commodity: c, onClose }: { commodity: CommodityDetail | null; onClose: () => void }) {
  const { t } = useTranslation();
  const coop = useCoop();
  const phone = usePhone();
  const lang = currentLang();
  const save = useSaveCommodity(coop.id);
  const [alert, setAlert] = useState<string | null>(null);
  const days = (n: number | null | undefined) => (n == null ? '' : String(n));
  const form = useForm({
    mode: 'controlled',
    initialValues: {
      code: c?.code ?? '',
      name: c?.name ?? '',
      unit: (c?.unit ?? 'kg') as UnitOfMeasure,
      variableWeight: c?.variableWeight ?? false,
      storageClass: (c?.storageClass ?? 'cool') as StorageClass,
      shelfLifeDays: { ambient: days(c?.shelfLifeDays.ambient), cool: days(c?.shelfLifeDays.cool), cold: days(c?.shelfLifeDays.cold) },
      grades: GRADES.map((g): GradeRow => {
        const had = c?.grades.find((x) => x.grade === g);
        return { grade: g, used: c ? !!had : g !== 'reject', locked: !!had, spec: had?.spec ?? '' };
      }),
      active: c?.active ?? true,
    },
  });
  const v = form.values;

  const submit = form.onSubmit((values) => {
    setAlert(null);
    const shelf = {} as Record<StorageClass, number | null>;
    for (const k of STORAGE_CLASSES) {
      const text = values.shelfLifeDays[k].trim();
      const n = text ? wholeOf(text) : null;
      if (text && (n === null || n < 1)) return form.setFieldError(`shelfLifeDays.${k}`, t('produce.catalogue.daysInvalid'));
      shelf[k] = n;
    }
    const sent = values.grades.map((g, at) => ({ ...g, at })).filter((g) => g.used);
    const grades = sent.map((g) => ({ grade: g.grade, spec: g.spec.trim() }));
    const common = {
      name: values.name.trim(),
      variableWeight: values.variableWeight,
      storageClass: values.storageClass,
      shelfLifeDays: shelf,
      grades,
    };
    save.mutate(
      c
        ? { id: c.id, body: { ...common, active: values.active } }
        : { id: null, body: { ...common, code: values.code.trim().toUpperCase(), unit: values.unit } },
      {
        onSuccess: (saved) => {
          notifications.show({
            color: 'green',
            message: t(c ? 'produce.catalogue.saved' : 'produce.catalogue.added', { name: saved.name }),
          });
          onClose();
          if (!c) navigate(producePath(coop.id, `katalog/${saved.id}`));
        },
        onError: (err) =>
          setAlert(
            applyApiError(
              form,
              remapRows(
                err,
                'grades',
                sent.map((g) => g.at),
              ),
            ),
          ),
      },
    );
  });

  const shelfError = form.errors.shelfLifeDays;
  const gradesError = form.errors.grades;

  return (
    <Modal
      opened
      onClose={onClose}
      title={c ? t('produce.catalogue.editTitle', { name: c.name }) : t('produce.catalogue.addTitle')}
      fullScreen={phone}
      size="lg"
    >
      <form noValidate onSubmit={submit}>
        <Stack gap="md">
          <FormAlert message={alert} />
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
            <TextInput size="md" label={t('produce.catalogue.name')} required {...form.getInputProps('name')} />
            <TextInput
              size="md"
              label={t('produce.catalogue.code')}
              description={c ? t('produce.catalogue.codeFixed') : t('produce.catalogue.codeHint')}
              required
              disabled={!!c}
              autoCapitalize="characters"
              {...form.getInputProps('code')}
            />
          </SimpleGrid>
          <Stack gap={4}>
            <Text size="md" fw={500} id="commodity-unit">
              {t('produce.catalogue.unit')}
            </Text>
            <SegmentedControl
              size="md"
              fullWidth
              aria-labelledby="commodity-unit"
              disabled={!!c}
              data={UNITS_OF_MEASURE.map((u) => ({ value: u, label: UOM_LABELS[u][lang] }))}
              {...form.getInputProps('unit')}
            />
            {form.errors.unit && (
              <Text size="sm" c="red.8">
                {form.errors.unit}
              </Text>
            )}
          </Stack>
          <Switch
            size="md"
            label={t('produce.catalogue.variableWeight')}
            description={t('produce.catalogue.variableWeightHint')}
            {...form.getInputProps('variableWeight', { type: 'checkbox' })}
          />
          <Select
            size="md"
            label={t('produce.catalogue.storageClass')}
            description={t('produce.catalogue.storageClassHint')}
            data={STORAGE_CLASSES.map((k) => ({ value: k, label: STORAGE_LABELS[k][lang] }))}
            allowDeselect={false}
            {...form.getInputProps('storageClass')}
          />
          <Stack gap={4}>
            <Text size="md" fw={500}>
              {t('produce.catalogue.shelfLife')}
            </Text>
            <Text size="sm" c="dimmed">
              {t('produce.catalogue.shelfLifeHint')}
            </Text>
            {STORAGE_CLASSES.map((k) => {
              const error = form.errors[`shelfLifeDays.${k}`];
              return (
                <Stack key={k} gap={2}>
                  <Group justify="space-between" wrap="nowrap" gap="sm">
                    <Text component="label" htmlFor={`shelf-${k}`} size="sm">
                      {STORAGE_LABELS[k][lang]}
                      {k === v.storageClass && (
                        <Text span c="red.7">
                          {' '}
                          *
                        </Text>
                      )}
                    </Text>
                    <TextInput
                      id={`shelf-${k}`}
                      size="md"
                      w={130}
                      rightSection={
                        <Text size="xs" c="dimmed">
                          {t('produce.catalogue.days')}
                        </Text>
                      }
                      rightSectionWidth={44}
                      inputMode="numeric"
                      autoComplete="off"
                      {...form.getInputProps(`shelfLifeDays.${k}`)}
                      // The message goes under the whole row, where it has room on a phone.
                      error={!!error}
                      aria-describedby={error ? `shelf-${k}-error` : undefined}
                    />
                  </Group>
                  {error && (
                    <Text id={`shelf-${k}-error`} size="sm" c="red.8" ta="right">
                      {error}
                    </Text>
                  )}
                </Stack>
              );
            })}
            {typeof shelfError === 'string' && (
              <Text size="sm" c="red.8">
                {shelfError}
              </Text>
            )}
          </Stack>
          <Stack gap="xs">
            <Text size="md" fw={500}>
              {t('produce.catalogue.grades')}
            </Text>
            <Text size="sm" c="dimmed">
              {c ? t('produce.catalogue.gradesEditHint') : t('produce.catalogue.gradesHint')}
            </Text>
            {v.grades.map((g, i) => (
              <Stack key={g.grade} gap={4}>
                <Checkbox
                  size="md"
                  label={GRADE_LABELS[g.grade][lang]}
                  description={g.grade === 'reject' && !c ? t('produce.catalogue.rejectAuto') : undefined}
                  disabled={g.locked}
                  error={form.errors[`grades.${i}.grade`]}
                  {...form.getInputProps(`grades.${i}.used`, { type: 'checkbox' })}
                />
                {g.used && (
                  <Textarea
                    size="md"
                    aria-label={t('produce.catalogue.specOf', { grade: GRADE_LABELS[g.grade][lang] })}
                    placeholder={t('produce.catalogue.specPlaceholder')}
                    autosize
                    minRows={2}
                    required
                    {...form.getInputProps(`grades.${i}.spec`)}
                  />
                )}
              </Stack>
            ))}
            {gradesError && (
              <Text size="sm" c="red.8">
                {gradesError}
              </Text>
            )}
          </Stack>
          {c && (
            <Switch
              size="md"
              label={t('produce.catalogue.activeLabel')}
              description={t('produce.catalogue.activeHint')}
              {...form.getInputProps('active', { type: 'checkbox' })}
            />
          )}
          <DialogActions onClose={onClose} submit={c ? t('common.save') : t('produce.catalogue.addSubmit')} loading={save.isPending} />
        </Stack>
      </form>
    </Modal>
  );
}
