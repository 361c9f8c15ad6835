import { FAMILY_LABELS } from '@kopdes/shared/planning';
import { parseRupiahInput } from '@kopdes/shared/money';
import { Alert, Button, Group, Modal, NumberInput, Select, SimpleGrid, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client.js';
import { useCoop } from '../../app/coop.js';
import { currentLang } from '../../i18n/index.js';
import { familyName, weekRanges } from './crop-text.js';
import { useSaveCrop, type Crop } from './planning-api.js';

/** `1–8, 50, 52` → [1..8, 50, 52]; null when a piece is not a week number or range. */
function parseWeeks(text: string): number[] | null {
  const out: number[] = [];
  for (const part of text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const m = /^(\d{1,2})(?:\s*[-–]\s*(\d{1,2}))?$/.exec(part);
    if (!m) return null;
    const [a, b] = [Number(m[1]), Number(m[2] ?? m[1])];
    for (let w = a; w <= b; w++) out.push(w);
  }
  return out;
}

const parseList = (text: string): number[] | null => {
  const parts = text.split(/[,;\s]+/).filter(Boolean);
  return parts.every((p) => /^\d+$/.test(p)) ? parts.map(Number) : null;
};

type Num = number | string;

/** Adds a crop or changes one; the server checks the rules and its messages land on the fields. */
export function CropDialog({ crop, onClose }: { crop: Crop | null; onClose: () => void }) {
  const { t } = useTranslation();
  const coop = useCoop();
  const lang = currentLang();
  const phone = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
  const save = useSaveCrop(coop.id);
  const [alert, setAlert] = useState<string | null>(null);
  const form = useForm({
    mode: 'controlled',
    initialValues: {
      code: crop?.code ?? '',
      name: crop?.name ?? '',
      family: crop?.family ?? 'brassicaceae',
      weeksToHarvest: (crop?.weeksToHarvest ?? 8) as Num,
      harvestWeeks: (crop?.harvestWeeks ?? 2) as Num,
      yieldSpread: crop?.yieldSpread.join(', ') ?? '50, 50',
      yieldPerM2Grams: (crop?.yieldPerM2Grams ?? 1000) as Num,
      gradeMix: { A: (crop?.gradeMix.A ?? 60) as Num, B: (crop?.gradeMix.B ?? 30) as Num, C: (crop?.gradeMix.C ?? 10) as Num },
      altitudeMinM: (crop?.altitudeMinM ?? 700) as Num,
      altitudeMaxM: (crop?.altitudeMaxM ?? 2000) as Num,
      avoidWeeks: weekRanges(crop?.avoidWeeks ?? []),
      bedM2: (crop?.bedM2 ?? 10) as Num,
      pricePerKg: crop?.pricePerKg ?? '',
      active: crop?.active ?? true,
    },
  });
  const families = Object.keys(FAMILY_LABELS).map((f) => ({ value: f, label: familyName(f, lang) }));
  if (crop && !FAMILY_LABELS[crop.family]) families.push({ value: crop.family, label: crop.family });

  /** A server field (`yieldSpread.1`, `gradeMix`) on the form field that shows it, else null. */
  const fieldFor = (path: string): string | null => {
    const known = [
      'code',
      'name',
      'family',
      'weeksToHarvest',
      'harvestWeeks',
      'yieldSpread',
      'yieldPerM2Grams',
      'gradeMix.A',
      'gradeMix.B',
      'gradeMix.C',
    ];
    known.push('altitudeMinM', 'altitudeMaxM', 'avoidWeeks', 'bedM2', 'pricePerKg', 'active');
    if (known.includes(path)) return path;
    if (path === 'gradeMix') return 'gradeMix.A';
    const root = path.split('.')[0]!;
    return known.includes(root) ? root : null;
  };

  const submit = form.onSubmit((v) => {
    setAlert(null);
    const spread = parseList(v.yieldSpread);
    const avoid = parseWeeks(v.avoidWeeks);
    const price = parseRupiahInput(String(v.pricePerKg));
    const local: Record<string, string> = {};
    if (!spread) local.yieldSpread = t('planning.crops.spreadInvalid');
    if (!avoid) local.avoidWeeks = t('planning.crops.avoidInvalid');
    if (price === null) local.pricePerKg = t('planning.crops.priceInvalid');
    if (Object.keys(local).length) return form.setErrors(local);
    const int = (x: Num) => (typeof x === 'number' ? x : Number.parseInt(x, 10));
    const body = {
      name: v.name,
      family: v.family,
      weeksToHarvest: int(v.weeksToHarvest),
      harvestWeeks: int(v.harvestWeeks),
      yieldSpread: spread!,
      yieldPerM2Grams: int(v.yieldPerM2Grams),
      gradeMix: { A: int(v.gradeMix.A), B: int(v.gradeMix.B), C: int(v.gradeMix.C) },
      altitudeMinM: int(v.altitudeMinM),
      altitudeMaxM: int(v.altitudeMaxM),
      altitudeYields: crop?.altitudeYields ?? [],
      avoidWeeks: avoid!,
      bedM2: int(v.bedM2),
      pricePerKg: String(price),
      active: v.active,
    };
    save.mutate(
      { code: crop?.code ?? null, body: crop ? body : { ...body, code: v.code.trim().toUpperCase() } },
      {
        onSuccess: (c) => {
          notifications.show({ color: 'green', message: t('planning.crops.saved', { name: c.name }) });
          onClose();
        },
        onError: (err) => {
          if (!isApiError(err)) return setAlert(t('errors.unexpected'));
          const onForm: Record<string, string> = {};
          for (const [f, m] of Object.entries(err.fieldErrors)) {
            const at = fieldFor(f);
            if (at) onForm[at] ??= m;
          }
          form.setErrors(onForm);
          setAlert(err.message);
        },
      },
    );
  });

  const num = (path: string, label: string, extra: object = {}) => (
    <NumberInput size="md" label={label} allowDecimal={false} {...extra} {...form.getInputProps(path)} />
  );

  return (
    <Modal
      opened
      onClose={onClose}
      title={crop ? t('planning.crops.editTitle', { name: crop.name }) : t('planning.crops.addTitle')}
      fullScreen={phone}
      size="lg"
    >
      <form noValidate onSubmit={submit}>
        <Stack gap="md">
          {alert && (
            <Alert color="red" variant="light" icon={<IconAlertCircle />} role="alert">
              {alert}
            </Alert>
          )}
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            {!crop && (
              <TextInput
                label={t('planning.crops.code')}
                description={t('planning.crops.codeHint')}
                required
                {...form.getInputProps('code')}
              />
            )}
            <TextInput label={t('planning.crops.name')} required {...form.getInputProps('name')} />
            <Select
              label={t('planning.crops.family')}
              description={t('planning.crops.familyHint')}
              data={families}
              allowDeselect={false}
              {...form.getInputProps('family')}
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="md">
            {num('weeksToHarvest', t('planning.crops.weeksToHarvest'), { min: 1, suffix: ` ${t('planning.weeksShort')}` })}
            {num('harvestWeeks', t('planning.crops.harvestWeeks'), { min: 1, suffix: ` ${t('planning.weeksShort')}` })}
            {num('bedM2', t('planning.crops.bed'), { min: 1, suffix: ' m²' })}
          </SimpleGrid>
          <TextInput
            label={t('planning.crops.spread')}
            description={t('planning.crops.spreadHint')}
            {...form.getInputProps('yieldSpread')}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            {num('yieldPerM2Grams', t('planning.crops.yieldGrams'), {
              min: 1,
              suffix: ' g',
              thousandSeparator: '.',
              decimalSeparator: ',',
            })}
            <TextInput
              label={t('planning.crops.price')}
              leftSection={<Text size="sm">Rp</Text>}
              inputMode="numeric"
              {...form.getInputProps('pricePerKg')}
            />
          </SimpleGrid>
          <div>
            <Text size="sm" fw={500}>
              {t('planning.crops.gradeMix')}
            </Text>
            <Text size="xs" c="dimmed" mb={4}>
              {t('planning.crops.gradeMixHint')}
            </Text>
            <SimpleGrid cols={3} spacing="sm">
              {num('gradeMix.A', 'A', { min: 0 })}
              {num('gradeMix.B', 'B', { min: 0 })}
              {num('gradeMix.C', 'C', { min: 0 })}
            </SimpleGrid>
          </div>
          <SimpleGrid cols={2} spacing="md">
            {num('altitudeMinM', t('planning.crops.altitudeMin'), { suffix: ' m' })}
            {num('altitudeMaxM', t('planning.crops.altitudeMax'), { suffix: ' m' })}
          </SimpleGrid>
          {crop && crop.altitudeYields.length > 0 && (
            <Text size="xs" c="dimmed">
              {t('planning.crops.bands', {
                bands: crop.altitudeYields.map((b) => `${b.fromM}–${b.toM} m: ${kgText(b.yieldPerM2Grams)}`).join('; '),
              })}
            </Text>
          )}
          <TextInput
            label={t('planning.crops.avoidLabel')}
            description={t('planning.crops.avoidHint')}
            placeholder="1–8, 50–52"
            {...form.getInputProps('avoidWeeks')}
          />
          <Switch label={t('planning.crops.activeLabel')} {...form.getInputProps('active', { type: 'checkbox' })} />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

const kgText = (grams: number) => `${(grams / 1000).toString().replace('.', ',')} kg/m²`;
