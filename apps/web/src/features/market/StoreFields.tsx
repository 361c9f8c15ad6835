import type { StoreInput } from '@kopdes/shared/market';
import { Chip, Group, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import type { GetInputPropsReturnType } from '@mantine/form';
import { useTranslation } from 'react-i18next';

export interface StoreValues {
  code: string;
  name: string;
  address: string;
  /** ISO weekdays as text ("1" = Monday), as the chips hold them. */
  receivingDays: string[];
  receivingHours: string;
  contactName: string;
  contactPhone: string;
}

export const ALL_DAYS = ['1', '2', '3', '4', '5', '6', '7'];

export const emptyStore = (): StoreValues => ({
  code: '',
  name: '',
  address: '',
  receivingDays: [...ALL_DAYS],
  receivingHours: '',
  contactName: '',
  contactPhone: '',
});

export const storeValuesOf = (s: {
  code: string | null;
  name: string;
  address: string;
  receivingDays: number[];
  receivingHours: string | null;
  contactName: string | null;
  contactPhone: string | null;
}): StoreValues => ({
  code: s.code ?? '',
  name: s.name,
  address: s.address,
  receivingDays: s.receivingDays.map(String),
  receivingHours: s.receivingHours ?? '',
  contactName: s.contactName ?? '',
  contactPhone: s.contactPhone ?? '',
});

export function storeBody(v: StoreValues): StoreInput {
  return {
    code: v.code.trim() || null,
    name: v.name.trim(),
    address: v.address.trim(),
    receivingDays: v.receivingDays.map(Number).sort(),
    // "6:00-10:00" is what people type; the server wants two-digit hours.
    receivingHours: v.receivingHours.replace(/\s/g, '').replace(/(^|-)(\d):/g, (_, sep: string, h: string) => `${sep}0${h}:`) || null,
    contactName: v.contactName.trim() || null,
    contactPhone: v.contactPhone.trim() || null,
  };
}

/** "Sen, Kam · 06:00-10:00": when a store takes deliveries. */
export function ReceivingText({ days, hours }: { days: number[]; hours: string | null }) {
  const { t } = useTranslation();
  const names = days.length === 7 ? t('market.store.everyDay') : days.map((d) => t(`market.days.${d}`)).join(', ');
  return (
    <>
      {names}
      {hours ? ` · ${hours}` : ''}
    </>
  );
}

/** A store's fields; `input(k)` gives the form's props for one of them. */
export function StoreFields({ input }: { input: (k: keyof StoreValues) => GetInputPropsReturnType }) {
  const { t } = useTranslation();
  const days = input('receivingDays');
  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
        <TextInput label={t('market.store.name')} required {...input('name')} />
        <TextInput label={t('market.store.code')} description={t('market.store.codeHint')} {...input('code')} />
      </SimpleGrid>
      <TextInput label={t('market.store.address')} required {...input('address')} />
      <Stack gap={4}>
        <Text size="sm" fw={500}>
          {t('market.store.days')}
        </Text>
        <Chip.Group multiple value={days.value as string[]} onChange={days.onChange as (v: string[]) => void}>
          <Group gap={6}>
            {ALL_DAYS.map((d) => (
              <Chip key={d} value={d} size="sm">
                {t(`market.days.${d}`)}
              </Chip>
            ))}
          </Group>
        </Chip.Group>
        {days.error && (
          <Text size="xs" c="red.8">
            {days.error}
          </Text>
        )}
      </Stack>
      <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
        <TextInput
          label={t('market.store.hours')}
          placeholder="06:00-10:00"
          description={t('market.store.hoursHint')}
          {...input('receivingHours')}
        />
        <TextInput label={t('market.store.contactName')} {...input('contactName')} />
        <TextInput label={t('market.store.contactPhone')} inputMode="tel" {...input('contactPhone')} />
      </SimpleGrid>
    </Stack>
  );
}
