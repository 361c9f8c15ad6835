import { todayIn } from '@kopdes/shared/format';
import { formatRupiah, parseRupiahInput } from '@kopdes/shared/money';
import { GRADE_LABELS, type Grade } from '@kopdes/shared/produce';
import { amountForGrams } from '@kopdes/shared/quantity';
import { ActionIcon, Alert, Button, Card, Divider, Group, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconInfoCircle, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useIdempotencyKey } from '../../api/idempotency.js';
import { useCoop } from '../../app/coop.js';
import { navigate } from '../../app/router.js';
import { PageHeader } from '../../components/PageHeader.js';
import { currentLang } from '../../i18n/index.js';
import { useCommodities, type Commodity } from '../produce/produce-api.js';
import { parseQty } from './labels.js';
import { useContracts, useCreatePurchaseOrder, usePartners, type Contract, type ContractItem } from './market-api.js';
import { marketPath } from './nav.js';
import { applyErrors, ErrorAlert } from './parts.js';
import { ReceivingText } from './StoreFields.js';

/** An order line: a contract item (`item` = "c<lineNo>") or, off the contract, a commodity, grade and pack. */
interface LineValues {
  item: string | null;
  commodityId: string;
  grade: string;
  packFormatId: string;
  quantity: string;
  unitPrice: string;
}

const OFF = 'off';
const LOOSE = 'loose';
const emptyLine = (): LineValues => ({ item: null, commodityId: '', grade: 'A', packFormatId: LOOSE, quantity: '', unitPrice: '' });
const tomorrowOf = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** The contract in force on a day: the newest valid on it (decision 0080). */
export const contractOn = (contracts: Contract[] | undefined, date: string) =>
  contracts?.find((c) => c.validFrom <= date && c.validTo >= date);

/** The server's field paths onto this form's inputs. */
const renameField = (f: string) =>
  f
    .replace(/^(lines\.\d+)\.(articleCode|commodityId)$/, '$1.item')
    .replace(/^(lines\.\d+)$/, '$1.item')
    .replace(/^storeCode$/, 'storeId');

export function OrderForm() {
  const { t } = useTranslation();
  const coop = useCoop();
  const lang = currentLang();
  const today = todayIn(coop.timeZone);
  // One key per action (renewed after a refusal): a double tap or a retry after a lost answer records the PO once.
  const { key, renewAfterError } = useIdempotencyKey();
  const [alert, setAlert] = useState<string | null>(null);
  const partners = usePartners(coop.id);
  const commodities = useCommodities(coop.id);
  const create = useCreatePurchaseOrder(coop.id);
  const form = useForm({
    mode: 'controlled',
    initialValues: {
      partnerId: '',
      storeId: '',
      partnerRef: '',
      orderDate: today,
      deliveryDate: tomorrowOf(today),
      notes: '',
      lines: [emptyLine()],
    },
    validate: {
      partnerId: (v) => (v ? null : t('market.orders.partnerRequired')),
      storeId: (v) => (v ? null : t('market.orders.storeRequired')),
    },
  });
  const v = form.values;
  const partner = partners.data?.items.find((p) => p.id === v.partnerId);
  const contracts = useContracts(coop.id, v.partnerId || null);
  const contract = contractOn(contracts.data?.items, v.deliveryDate);
  const store = partner?.stores.find((s) => s.id === v.storeId);
  const comOf = (id: string): Commodity | undefined => commodities.data?.items.find((c) => c.id === id);
  const itemOf = (l: LineValues): ContractItem | undefined =>
    l.item && l.item !== OFF ? contract?.items.find((i) => `c${i.lineNo}` === l.item) : undefined;

  /** The line's unit word, its price and, when both are readable, its amount. */
  const lineInfo = (l: LineValues) => {
    const item = itemOf(l);
    const com = item ? comOf(item.commodity.id) : comOf(l.commodityId);
    const perPack = item ? item.priceBasis === 'pack' : l.packFormatId !== LOOSE;
    const unit = perPack ? t('market.pack') : (com?.unitLabel ?? 'kg');
    const price = l.unitPrice.trim() ? parseRupiahInput(l.unitPrice) : item ? BigInt(item.price) : null;
    const qty = parseQty(l.quantity, `1 ${perPack ? 'pak' : (com?.unit ?? 'kg')}`);
    const amount = price !== null && qty !== null ? (!perPack && com?.unit === 'kg' ? amountForGrams(qty, price) : qty * price) : null;
    return { item, com, unit, price, amount };
  };
  const total = v.lines.reduce<bigint | null>((s, l) => {
    const a = lineInfo(l).amount;
    return s === null || a === null ? null : s + a;
  }, 0n);

  const submit = form.onSubmit((values) => {
    setAlert(null);
    const lines = values.lines.map((l) => {
      const item = itemOf(l);
      const unitPrice = l.unitPrice.trim() ? (parseRupiahInput(l.unitPrice) ?? l.unitPrice).toString() : null;
      if (item?.articleCode) return { articleCode: item.articleCode, quantity: l.quantity.trim(), unitPrice };
      if (item)
        return {
          commodityId: item.commodity.id,
          grade: item.grade,
          packFormatId: item.packFormat?.id ?? null,
          quantity: l.quantity.trim(),
          unitPrice,
        };
      return {
        commodityId: l.commodityId || undefined,
        grade: l.grade as Grade,
        packFormatId: l.packFormatId === LOOSE ? null : l.packFormatId,
        quantity: l.quantity.trim(),
        unitPrice,
      };
    });
    create.mutate(
      {
        idempotencyKey: key,
        body: {
          partnerId: values.partnerId,
          storeId: values.storeId,
          partnerRef: values.partnerRef.trim(),
          orderDate: values.orderDate || undefined,
          deliveryDate: values.deliveryDate,
          notes: values.notes.trim() || null,
          lines,
        },
      },
      {
        onSuccess: (po) => {
          notifications.show({
            color: po.warnings.length ? 'orange' : 'green',
            autoClose: 8000,
            message: po.warnings.length
              ? t('market.orders.savedWithWarnings', { number: po.number, count: po.warnings.length })
              : t('market.orders.saved', { number: po.number }),
          });
          navigate(marketPath(coop.id, `pesanan/${po.id}`));
        },
        onError: (err) => {
          renewAfterError(err);
          setAlert(applyErrors(form, err, renameField));
        },
      },
    );
  });

  const itemOptions = [
    ...(contract?.items ?? []).map((i) => ({
      value: `c${i.lineNo}`,
      label: `${i.articleCode ? `${i.articleCode} · ` : ''}${i.commodity.name} ${i.grade} · ${i.packFormat?.name ?? t('market.loose')}`,
    })),
    { value: OFF, label: t('market.orders.offContract') },
  ];

  return (
    <>
      <PageHeader title={t('market.orders.newTitle')} description={t('market.orders.newDescription')} />
      <form noValidate onSubmit={submit}>
        <Stack gap="md" maw={860}>
          <ErrorAlert message={alert} />
          <Card padding="md">
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <Select
                label={t('market.orders.partner')}
                required
                searchable
                data={(partners.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
                {...form.getInputProps('partnerId')}
                onChange={(id) => {
                  form.setFieldValue('partnerId', id ?? '');
                  const p = partners.data?.items.find((x) => x.id === id);
                  const active = p?.stores.filter((s) => s.active) ?? [];
                  form.setFieldValue('storeId', active.length === 1 ? active[0]!.id : '');
                  form.setFieldValue('lines', [emptyLine()]);
                }}
              />
              <Select
                label={t('market.orders.store')}
                required
                disabled={!partner}
                data={(partner?.stores ?? []).filter((s) => s.active).map((s) => ({ value: s.id, label: s.name }))}
                description={
                  store ? (
                    <>
                      {store.address} · <ReceivingText days={store.receivingDays} hours={store.receivingHours} />
                    </>
                  ) : undefined
                }
                {...form.getInputProps('storeId')}
              />
              <TextInput
                label={t('market.orders.ref')}
                description={t('market.orders.refHint')}
                required
                {...form.getInputProps('partnerRef')}
              />
              <SimpleGrid cols={2} spacing="sm">
                <TextInput label={t('market.orders.orderDate')} type="date" {...form.getInputProps('orderDate')} />
                <TextInput label={t('market.orders.deliveryDate')} type="date" required {...form.getInputProps('deliveryDate')} />
              </SimpleGrid>
            </SimpleGrid>
            {partner && contracts.data && (
              <Alert color={contract ? 'blue' : 'orange'} variant="light" icon={<IconInfoCircle />} mt="sm">
                {contract
                  ? t('market.orders.contractInForce', { reference: contract.reference, tolerance: contract.volumeTolerancePct })
                  : t('market.orders.noContract')}
                {contract?.offContract === 'refuse' && ` ${t('market.orders.refusesOff')}`}
              </Alert>
            )}
          </Card>

          <Divider label={t('market.orders.lines')} labelPosition="left" />
          {v.lines.map((l, i) => {
            const info = lineInfo(l);
            const com = info.com;
            return (
              <Card key={i} padding="sm" withBorder>
                <Group justify="space-between" mb={4}>
                  <Text size="sm" fw={600}>
                    {t('market.orders.lineN', { n: i + 1 })}
                  </Text>
                  {v.lines.length > 1 && (
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={t('market.orders.removeLine', { n: i + 1 })}
                      onClick={() => form.removeListItem('lines', i)}
                    >
                      <IconTrash size={18} />
                    </ActionIcon>
                  )}
                </Group>
                <Stack gap="sm">
                  <Select
                    label={t('market.item')}
                    placeholder={t('market.orders.itemPlaceholder')}
                    required
                    searchable
                    disabled={!partner}
                    data={itemOptions}
                    {...form.getInputProps(`lines.${i}.item`)}
                  />
                  {l.item === OFF && (
                    <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
                      <Select
                        label={t('market.commodity')}
                        searchable
                        data={(commodities.data?.items ?? []).filter((c) => c.active).map((c) => ({ value: c.id, label: c.name }))}
                        {...form.getInputProps(`lines.${i}.commodityId`)}
                        onChange={(id) => {
                          form.setFieldValue(`lines.${i}.commodityId`, id ?? '');
                          form.setFieldValue(`lines.${i}.packFormatId`, LOOSE);
                        }}
                      />
                      <Select
                        label={t('market.grade')}
                        allowDeselect={false}
                        data={(com?.grades ?? [{ grade: 'A' as Grade }]).map((g) => ({
                          value: g.grade,
                          label: GRADE_LABELS[g.grade][lang],
                        }))}
                        {...form.getInputProps(`lines.${i}.grade`)}
                      />
                      <Select
                        label={t('market.packFormat')}
                        allowDeselect={false}
                        data={[
                          { value: LOOSE, label: t('market.looseUnit', { unit: com?.unitLabel ?? 'kg' }) },
                          ...(com?.packFormats ?? []).filter((p) => p.active).map((p) => ({ value: p.id, label: p.name })),
                        ]}
                        {...form.getInputProps(`lines.${i}.packFormatId`)}
                      />
                    </SimpleGrid>
                  )}
                  <SimpleGrid cols={2} spacing="sm">
                    <TextInput
                      label={t('market.orders.quantity', { unit: info.unit })}
                      required
                      inputMode="decimal"
                      autoComplete="off"
                      {...form.getInputProps(`lines.${i}.quantity`)}
                    />
                    <TextInput
                      label={t('market.orders.price', { unit: info.unit })}
                      description={info.item ? t('market.orders.priceHint') : undefined}
                      placeholder={info.item ? formatRupiah(BigInt(info.item.price)).replace('Rp ', '') : undefined}
                      inputMode="numeric"
                      autoComplete="off"
                      leftSection={<Text size="sm">Rp</Text>}
                      {...form.getInputProps(`lines.${i}.unitPrice`)}
                    />
                  </SimpleGrid>
                  {info.amount !== null && (
                    <Text size="sm" c="dimmed" ta="right">
                      {t('market.amount')}: {formatRupiah(info.amount)}
                    </Text>
                  )}
                </Stack>
              </Card>
            );
          })}
          <Group justify="space-between">
            <Button variant="default" leftSection={<IconPlus size={16} />} onClick={() => form.insertListItem('lines', emptyLine())}>
              {t('market.orders.addLine')}
            </Button>
            {total !== null && total > 0n && (
              <Text fw={700}>
                {t('market.total')}: {formatRupiah(total)}
              </Text>
            )}
          </Group>
          <Textarea label={t('market.orders.notes')} autosize minRows={2} {...form.getInputProps('notes')} />
          <Text size="sm" c="dimmed">
            {t('market.orders.checkHint')}
          </Text>
          <Group justify="flex-end">
            <Button type="submit" size="md" loading={create.isPending}>
              {t('market.orders.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </>
  );
}
