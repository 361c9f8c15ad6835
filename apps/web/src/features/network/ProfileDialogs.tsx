import {
  BUSINESS_UNIT_LABELS,
  BUSINESS_UNITS,
  FORMATION_MODEL_LABELS,
  FORMATION_MODELS,
  type FormationModel,
} from '@kopdes/shared/network';
import { Button, Checkbox, Group, Modal, NumberInput, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyApiError } from '../../api/form-errors.js';
import { labelOf } from './labels.js';
import { FormAlert, usePhone } from './ui.js';
import { useRecordRat, useSaveProfile, type NetworkScope, type RegistryEntry } from './network-api.js';

/** Formation model, legal entity, NIB, NPWP and business units; opened with the current values. */
export function ProfileDialog({ scope, entry, onClose }: { scope: NetworkScope; entry: RegistryEntry; onClose: () => void }) {
  const { t } = useTranslation();
  const save = useSaveProfile(scope, entry.cooperative.id);
  const [alert, setAlert] = useState<string | null>(null);
  const p = entry.profile;
  const form = useForm({
    initialValues: {
      formationModel: (p.formationModel ?? 'new') as FormationModel,
      legalEntityNumber: entry.cooperative.legalEntityNumber ?? '',
      legalEntityDate: p.legalEntityDate ?? '',
      nib: p.nib ?? '',
      npwp: p.npwp ?? '',
      businessUnits: p.businessUnits as string[],
    },
  });
  return (
    <Modal opened onClose={onClose} title={t('network.profile.edit')} fullScreen={usePhone()} size="lg">
      <form
        noValidate
        onSubmit={form.onSubmit((v) => {
          setAlert(null);
          save.mutate(
            {
              formationModel: v.formationModel,
              legalEntityNumber: v.legalEntityNumber.trim() || null,
              legalEntityDate: v.legalEntityDate || null,
              nib: v.nib.trim() || null,
              npwp: v.npwp.trim() || null,
              businessUnits: v.businessUnits as RegistryEntry['profile']['businessUnits'],
            },
            {
              onSuccess: () => {
                notifications.show({ color: 'green', message: t('network.profile.saved') });
                onClose();
              },
              onError: (e) => setAlert(applyApiError(form, e)),
            },
          );
        })}
      >
        <Stack gap="md">
          <FormAlert message={alert} />
          <Select
            label={t('network.profile.formationModel')}
            allowDeselect={false}
            data={FORMATION_MODELS.map((m) => ({ value: m, label: labelOf(FORMATION_MODEL_LABELS, m) }))}
            comboboxProps={{ withinPortal: true }}
            {...form.getInputProps('formationModel')}
          />
          <SimpleGrid cols={{ base: 1, xs: 2 }}>
            <TextInput label={t('network.profile.legalEntityNumber')} placeholder="AHU-…" {...form.getInputProps('legalEntityNumber')} />
            <TextInput type="date" label={t('network.profile.legalEntityDate')} {...form.getInputProps('legalEntityDate')} />
            <TextInput label="NIB" inputMode="numeric" {...form.getInputProps('nib')} />
            <TextInput label="NPWP" inputMode="numeric" {...form.getInputProps('npwp')} />
          </SimpleGrid>
          <Checkbox.Group label={t('network.profile.businessUnits')} {...form.getInputProps('businessUnits')}>
            <SimpleGrid cols={{ base: 1, xs: 2 }} mt="xs" spacing="xs">
              {BUSINESS_UNITS.map((u) => (
                <Checkbox key={u} value={u} label={labelOf(BUSINESS_UNIT_LABELS, u)} size="sm" />
              ))}
            </SimpleGrid>
          </Checkbox.Group>
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

/** The date of a year's RAT (annual members' meeting), due by 31 March of the next year. */
export function RatDialog({
  scope,
  entry,
  today,
  onClose,
}: {
  scope: NetworkScope;
  entry: RegistryEntry;
  today: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const save = useRecordRat(scope, entry.cooperative.id);
  const [alert, setAlert] = useState<string | null>(null);
  const form = useForm({
    initialValues: { financialYear: Number(today.slice(0, 4)) - 1, heldOn: today },
    validate: { heldOn: (v) => (v ? null : t('network.common.required')) },
  });
  return (
    <Modal opened onClose={onClose} title={t('network.profile.recordRat')} fullScreen={usePhone()}>
      <form
        noValidate
        onSubmit={form.onSubmit((v) => {
          setAlert(null);
          save.mutate(v, {
            onSuccess: () => {
              notifications.show({ color: 'green', message: t('network.profile.ratSaved', { year: v.financialYear }) });
              onClose();
            },
            onError: (e) => setAlert(applyApiError(form, e)),
          });
        })}
      >
        <Stack gap="md">
          <FormAlert message={alert} />
          <NumberInput
            label={t('network.profile.financialYear')}
            min={2000}
            max={2100}
            allowDecimal={false}
            {...form.getInputProps('financialYear')}
          />
          <TextInput
            type="date"
            label={t('network.profile.heldOn')}
            description={t('network.profile.ratHint')}
            {...form.getInputProps('heldOn')}
          />
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
