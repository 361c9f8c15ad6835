import { todayIn } from '@kopdes/shared/format';
import { parseRupiahInput } from '@kopdes/shared/money';
import { GRADE_LABELS, type Grade } from '@kopdes/shared/produce';
import {
  ActionIcon,
  Button,
  Card,
  Divider,
  Group,
  Modal,
  NumberInput,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCoop } from '../../app/coop.js';
import { currentLang } from '../../i18n/index.js';
import { useCommodities, type Commodity } from '../produce/produce-api.js';
import { useCreateContract, type Contract } from './market-api.js';
import { applyErrors, ErrorAlert } from './parts.js';
import { numberOf } from './labels.js';
import { ALL_DAYS } from './StoreFields.js';

interface ItemValues {
  articleCode: string;
  commodityId: string;
  grade: string;
  /** LOOSE, or a pack format id. */
  packFormatId: string;
  price: string;
  volumes: string[];
}

/** A line priced per the commodity's own unit (kg, bunch, piece) rather than per pack. */
const LOOSE = 'loose';

const emptyItem = (): ItemValues => ({
  articleCode: '',
  commodityId: '',
  grade: 'A',
  packFormatId: LOOSE,
  price: '',
  volumes: ALL_DAYS.map(() => '0'),
});

const itemOf = (i: Contract['items'][number]): ItemValues => ({
  articleCode: i.articleCode ?? '',
  commodityId: i.commodity.id,
  grade: i.grade,
  packFormatId: i.packFormat?.id ?? LOOSE,
  price: i.price,
  volumes: i.volumes.map((v) => numberOf(v.text)),
});

const addYear = (d: string) => `${Number(d.slice(0, 4)) + 1}${d.slice(4)}`;

/** A new contract for a buyer; `from` prefills it from an earlier one (contracts are never edited, a newer one takes over). */
export function ContractForm({ partnerId, from, onClose }: { partnerId: string; from?: Contract; onClose: () => void }) {
  const { t } = useTranslation();
  const coop = useCoop();
  const lang = currentLang();
  const phone = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
  const commodities = useCommodities(coop.id);
  const create = useCreateContract(coop.id, partnerId);
  const [alert, setAlert] = useState<string | null>(null);
  const today = todayIn(coop.timeZone);
  const form = useForm({
    mode: 'controlled',
    initialValues: {
      reference: '',
      validFrom: today,
      validTo: addYear(today),
      qualityTolerance: from?.qualityTolerance ?? '',
      returnsPolicy: from?.returnsPolicy ?? '',
      offContract: (from?.offContract ?? 'warn') as 'warn' | 'refuse',
      volumeTolerancePct: from?.volumeTolerancePct ?? 10,
      items: from ? from.items.map(itemOf) : [emptyItem()],
    },
  });
  const comOf = (id: string): Commodity | undefined => commodities.data?.items.find((c) => c.id === id);

  const submit = form.onSubmit((v) => {
    setAlert(null);
    create.mutate(
      {
        reference: v.reference.trim(),
        validFrom: v.validFrom,
        validTo: v.validTo,
        qualityTolerance: v.qualityTolerance.trim(),
        returnsPolicy: v.returnsPolicy.trim(),
        offContract: v.offContract,
        volumeTolerancePct: Number(v.volumeTolerancePct) || 0,
        items: v.items.map((i) => ({
          articleCode: i.articleCode.trim() || null,
          commodityId: i.commodityId,
          grade: i.grade as Grade,
          packFormatId: i.packFormatId === LOOSE ? null : i.packFormatId,
          price: (parseRupiahInput(i.price) ?? i.price).toString(),
          volumes: i.volumes.map((x) => x.trim() || '0'),
        })),
      },
      {
        onSuccess: (c) => {
          notifications.show({ color: 'green', message: t('market.contracts.created', { reference: c.reference }) });
          onClose();
        },
        onError: (err) => setAlert(applyErrors(form, err)),
      },
    );
  });

  return (
    <Modal opened onClose={onClose} title={t('market.contracts.newTitle')} fullScreen={phone} size="xl">
      <form noValidate onSubmit={submit}>
        <Stack gap="md">
          <ErrorAlert message={alert} />
          <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
            <TextInput label={t('market.contracts.reference')} required {...form.getInputProps('reference')} />
            <TextInput label={t('market.contracts.validFrom')} type="date" required {...form.getInputProps('validFrom')} />
            <TextInput label={t('market.contracts.validTo')} type="date" required {...form.getInputProps('validTo')} />
          </SimpleGrid>
          <Textarea label={t('market.contracts.quality')} required autosize minRows={2} {...form.getInputProps('qualityTolerance')} />
          <Textarea label={t('market.contracts.returns')} required autosize minRows={2} {...form.getInputProps('returnsPolicy')} />
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
            <Stack gap={4}>
              <Text size="sm" fw={500} id="kd-off-contract">
                {t('market.contracts.offContract')}
              </Text>
              <SegmentedControl
                aria-labelledby="kd-off-contract"
                data={[
                  { value: 'warn', label: t('market.contracts.warn') },
                  { value: 'refuse', label: t('market.contracts.refuse') },
                ]}
                {...form.getInputProps('offContract')}
              />
            </Stack>
            <NumberInput
              label={t('market.contracts.tolerance')}
              min={0}
              max={100}
              suffix=" %"
              allowDecimal={false}
              {...form.getInputProps('volumeTolerancePct')}
            />
          </SimpleGrid>

          <Divider label={t('market.contracts.items')} labelPosition="left" />
          {form.values.items.map((item, i) => {
            const com = comOf(item.commodityId);
            const unit = item.packFormatId !== LOOSE ? t('market.pack') : (com?.unitLabel ?? 'kg');
            return (
              <Card key={i} padding="sm" withBorder>
                <Group justify="space-between" mb={4}>
                  <Text size="sm" fw={600}>
                    {t('market.contracts.itemN', { n: i + 1 })}
                  </Text>
                  {form.values.items.length > 1 && (
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={t('market.contracts.removeItem', { n: i + 1 })}
                      onClick={() => form.removeListItem('items', i)}
                    >
                      <IconTrash size={18} />
                    </ActionIcon>
                  )}
                </Group>
                <SimpleGrid cols={{ base: 1, xs: 2, sm: 3 }} spacing="sm">
                  <Select
                    label={t('market.commodity')}
                    required
                    searchable
                    data={(commodities.data?.items ?? []).filter((c) => c.active).map((c) => ({ value: c.id, label: c.name }))}
                    {...form.getInputProps(`items.${i}.commodityId`)}
                    onChange={(v) => {
                      form.setFieldValue(`items.${i}.commodityId`, v ?? '');
                      form.setFieldValue(`items.${i}.packFormatId`, LOOSE);
                    }}
                  />
                  <Select
                    label={t('market.grade')}
                    allowDeselect={false}
                    data={(com?.grades ?? [{ grade: 'A' as Grade }]).map((g) => ({ value: g.grade, label: GRADE_LABELS[g.grade][lang] }))}
                    {...form.getInputProps(`items.${i}.grade`)}
                  />
                  <Select
                    label={t('market.packFormat')}
                    allowDeselect={false}
                    data={[
                      { value: LOOSE, label: t('market.looseUnit', { unit: com?.unitLabel ?? 'kg' }) },
                      ...(com?.packFormats ?? []).filter((p) => p.active).map((p) => ({ value: p.id, label: p.name })),
                    ]}
                    {...form.getInputProps(`items.${i}.packFormatId`)}
                  />
                  <TextInput
                    label={t('market.contracts.price', { unit })}
                    required
                    inputMode="numeric"
                    leftSection={<Text size="sm">Rp</Text>}
                    {...form.getInputProps(`items.${i}.price`)}
                  />
                  <TextInput
                    label={t('market.contracts.article')}
                    description={t('market.contracts.articleHint')}
                    {...form.getInputProps(`items.${i}.articleCode`)}
                  />
                </SimpleGrid>
                <Text size="sm" fw={500} mt="sm" mb={4}>
                  {t('market.contracts.volumes', { unit })}
                </Text>
                <SimpleGrid cols={{ base: 4, xs: 7 }} spacing={6}>
                  {ALL_DAYS.map((d, di) => (
                    <TextInput
                      key={d}
                      label={t(`market.days.${d}`)}
                      size="xs"
                      inputMode="decimal"
                      {...form.getInputProps(`items.${i}.volumes.${di}`)}
                    />
                  ))}
                </SimpleGrid>
              </Card>
            );
          })}
          <Button
            variant="default"
            leftSection={<IconPlus size={16} />}
            onClick={() => form.insertListItem('items', emptyItem())}
            style={{ alignSelf: 'flex-start' }}
          >
            {t('market.contracts.addItem')}
          </Button>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('market.contracts.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
