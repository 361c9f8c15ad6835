import { todayIn } from '@kopdes/shared/format';
import { formatNumberId, formatRupiah, parseRupiahInput } from '@kopdes/shared/money';
import {
  GRADE_LABELS,
  PURCHASE_PAYMENTS,
  PURCHASE_PAYMENT_LABELS,
  UOM_LABELS,
  type Grade,
  type PurchasePayment,
  type UnitOfMeasure,
} from '@kopdes/shared/produce';
import { amountForGrams } from '@kopdes/shared/quantity';
import {
  ActionIcon,
  Alert,
  Anchor,
  Button,
  Card,
  Grid,
  Group,
  Paper,
  Radio,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconInfoCircle, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyApiError } from '../../api/form-errors.js';
import { useIdempotencyKey } from '../../api/idempotency.js';
import { useCoop } from '../../app/coop.js';
import { Link, navigate, useLocation } from '../../app/router.js';
import { shortCoopName } from '../../components/CoopSwitcher.js';
import { Money } from '../../components/Money.js';
import { ErrorState } from '../../components/States.js';
import { currentLang } from '../../i18n/index.js';
import { usePartners, type Partner } from '../market/market-api.js';
import { marketPath } from '../market/nav.js';
import { FormAlert } from './form-bits.js';
import { nearbyPath, producePath, PURCHASE_PARAMS } from './nav.js';
import { useCommodities, useLocations, useRecordPurchase, type Commodity, type PurchaseBody, type StockLocation } from './produce-api.js';
import { countOf, gramsOf } from './weights.js';

interface Line {
  grade: Grade;
  qty: string;
  price: string;
}

interface Values {
  partnerId: string;
  commodityId: string;
  locationId: string;
  date: string;
  harvestDate: string;
  lines: Line[];
  payment: PurchasePayment | '';
  supplierReference: string;
  notes: string;
}

const MAX_LINES = 4;
const big = { size: 'lg' as const };

/** A price as people type it ("8.500", "Rp 8500"); what cannot be read is sent as typed, for the server to name. */
function priceText(typed: string): string {
  const p = parseRupiahInput(typed);
  return p !== null && p >= 0n ? p.toString() : typed.trim();
}

/** What a line comes to, live: round(grams × price per kg / 1000), or count × price; null while incomplete. */
function lineAmount(l: Line, unit: UnitOfMeasure): bigint | null {
  const price = parseRupiahInput(l.price);
  if (price === null || price < 0n) return null;
  if (unit === 'kg') {
    const g = gramsOf(l.qty);
    return g === null ? null : amountForGrams(g, price);
  }
  const n = countOf(l.qty);
  return n === null ? null : n * price;
}

function bodyOf(v: Values, unit: UnitOfMeasure): PurchaseBody {
  return {
    partnerId: v.partnerId,
    commodityId: v.commodityId,
    date: v.date || undefined,
    harvestDate: v.harvestDate || undefined,
    locationId: v.locationId || null,
    lines: v.lines.map((l) => ({
      grade: l.grade,
      ...(unit === 'kg' ? { kg: l.qty.trim() } : { count: Number(l.qty.trim()) }),
      price: priceText(l.price),
    })),
    payment: v.payment as PurchasePayment,
    supplierReference: v.supplierReference.trim() || null,
    notes: v.notes.trim() || null,
  };
}

/** "Catat pembelian": produce bought from another cooperative, as a page that works one-handed on a phone. */
export function PurchaseForm() {
  const coop = useCoop();
  const partners = usePartners(coop.id, { kind: 'cooperative', active: 'all' }); // inactive ones too: to say why one is not offered
  const commodities = useCommodities(coop.id);
  const locations = useLocations(coop.id);
  if (partners.isPending || commodities.isPending || locations.isPending) return <Skeleton height={520} maw={720} />;
  const failed = partners.error ?? commodities.error ?? locations.error;
  if (!partners.data || !commodities.data || !locations.data)
    return <ErrorState error={failed} onRetry={() => void Promise.all([partners.refetch(), commodities.refetch(), locations.refetch()])} />;
  return (
    <PurchaseEditor
      suppliers={partners.data.items.filter((p) => p.kind === 'cooperative' && p.active)}
      inactiveSuppliers={partners.data.items.filter((p) => p.kind === 'cooperative' && !p.active)}
      commodities={commodities.data.items}
      locations={locations.data.items.filter((l) => l.active)}
    />
  );
}

function PurchaseEditor({
  suppliers,
  inactiveSuppliers,
  commodities,
  locations,
}: {
  suppliers: Partner[];
  inactiveSuppliers: Partner[];
  commodities: Commodity[];
  locations: StockLocation[];
}) {
  const { t } = useTranslation();
  const coop = useCoop();
  const lang = currentLang();
  const record = useRecordPurchase(coop.id);
  // One key per purchase form: a double tap or a retry after a dropped connection records it once.
  const { key: idemKey, renewAfterError } = useIdempotencyKey();
  const [alert, setAlert] = useState<string | null>(null);
  const today = todayIn(coop.timeZone);

  // Arriving from the directory (or from planning's shortfall warning): supplier, commodity and kg chosen already.
  const { search } = useLocation();
  const [preset] = useState(() => {
    const partnerId = search.get(PURCHASE_PARAMS.supplier) ?? '';
    const c = commodities.find((x) => x.id === search.get(PURCHASE_PARAMS.commodity) && x.active);
    const kg = c?.unit === 'kg' && /^\d{1,7}$/.test(search.get(PURCHASE_PARAMS.kg) ?? '') ? search.get(PURCHASE_PARAMS.kg)! : '';
    // A supplier set inactive in the market's partner list is not offered; the clerk is told why.
    const inactive = inactiveSuppliers.find((s) => s.id === partnerId) ?? null;
    return { partnerId: suppliers.some((s) => s.id === partnerId) ? partnerId : '', inactive, commodity: c, kg };
  });
  const firstLine = (c: Commodity | undefined, qty = ''): Line[] =>
    c ? [{ grade: c.grades.find((g) => g.grade === 'A')?.grade ?? c.grades[0]?.grade ?? 'A', qty, price: '' }] : [];

  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: {
      partnerId: preset.partnerId,
      commodityId: preset.commodity?.id ?? '',
      locationId: '',
      date: today,
      harvestDate: '',
      lines: firstLine(preset.commodity, preset.kg),
      payment: '',
      supplierReference: '',
      notes: '',
    },
    validate: {
      partnerId: (v) => (v ? null : t('produce.purchase.required')),
      commodityId: (v) => (v ? null : t('produce.purchase.required')),
      payment: (v) => (v ? null : t('produce.purchase.required')),
    },
  });
  const v = form.values;
  const commodity = commodities.find((c) => c.id === v.commodityId);
  const unit: UnitOfMeasure = commodity?.unit ?? 'kg';
  const isKg = unit === 'kg';
  const unitName = UOM_LABELS[unit][lang];
  const amounts = v.lines.map((l) => lineAmount(l, unit));
  const total = amounts.every((a) => a !== null) && amounts.length ? amounts.reduce<bigint>((s, a) => s + a!, 0n) : null;
  const usedGrades = new Set(v.lines.map((l) => l.grade));
  const freeGrade = commodity?.grades.find((g) => !usedGrades.has(g.grade))?.grade;

  const pickCommodity = (id: string | null) => {
    const c = commodities.find((x) => x.id === id);
    form.setValues({ commodityId: id ?? '', lines: firstLine(c) });
  };
  /** A line's quantity or price changed: the server's message about it (named kg or count) goes too. */
  const setLine = (i: number, field: 'qty' | 'price', value: string) => {
    form.setFieldValue(`lines.${i}.${field}`, value);
    const names = field === 'qty' ? ['qty', 'kg', 'count'] : ['price'];
    for (const n of names) form.clearFieldError(`lines.${i}.${n}`);
    form.clearFieldError(`lines.${i}`);
    form.clearFieldError('lines');
  };

  const submit = form.onSubmit(
    (values) => {
      setAlert(null);
      // A count must be a whole number before it can be sent; weights and prices are read (and refused) by the server.
      if (!isKg) {
        const bad = values.lines.findIndex((l) => countOf(l.qty) === null);
        if (bad >= 0) {
          form.setFieldError(`lines.${bad}.qty`, t('produce.purchase.countInvalid'));
          return showFirstError(false);
        }
      }
      record.mutate(
        { body: bodyOf(values, unit), idempotencyKey: idemKey },
        {
          onSuccess: (p) => {
            notifications.show({
              color: 'green',
              autoClose: 8000,
              message: t('produce.purchase.saved', { number: p.number, amount: formatRupiah(BigInt(p.amount)) }),
            });
            navigate(producePath(coop.id, `pembelian/${p.id}`));
          },
          onError: (err) => {
            renewAfterError(err);
            const message = applyApiError(form, err);
            setAlert(message);
            showFirstError(message !== null);
          },
        },
      );
    },
    () => showFirstError(false),
  );

  const linesError = typeof form.errors.lines === 'string' ? form.errors.lines : null;
  const paymentHint: Record<PurchasePayment, string> = {
    cash: t('produce.purchase.cashHint'),
    bank: t('produce.purchase.bankHint'),
    credit: t('produce.purchase.creditHint'),
  };

  return (
    <form noValidate onSubmit={submit} style={{ maxWidth: 760 }}>
      <Stack gap="lg">
        <FormAlert message={alert} />
        {preset.kg && v.commodityId === preset.commodity?.id && (
          <Alert color="blue" variant="light" icon={<IconInfoCircle />}>
            {t('produce.purchase.shortfall', { kg: formatNumberId(BigInt(preset.kg)) })}
          </Alert>
        )}
        <Card padding="md">
          <Stack gap="md">
            <Select
              {...big}
              label={t('produce.purchase.supplierLabel')}
              placeholder={t('produce.purchase.supplierSearch')}
              // "KDMP Patengan": every village cooperative's name starts alike, and a phone shows only its start.
              data={suppliers.map((p) => ({ value: p.id, label: shortCoopName(p.name) }))}
              searchable
              nothingFoundMessage={t('produce.purchase.supplierNone')}
              required
              {...form.getInputProps('partnerId')}
              onChange={(id) => form.setFieldValue('partnerId', id ?? '')}
            />
            {preset.inactive && (
              <Alert color="orange" variant="light" icon={<IconInfoCircle />}>
                <Stack gap={6} align="flex-start">
                  <Text size="sm">{t('produce.purchase.inactiveSupplier', { name: shortCoopName(preset.inactive.name) })}</Text>
                  <Anchor component={Link} href={marketPath(coop.id, `mitra/${preset.inactive.id}`)} fw={600}>
                    {t('produce.purchase.openPartner')}
                  </Anchor>
                </Stack>
              </Alert>
            )}
            {suppliers.length === 0 && (
              <Alert color="orange" variant="light" icon={<IconInfoCircle />}>
                <Stack gap={6} align="flex-start">
                  <Text size="sm">{t('produce.purchase.noSuppliers')}</Text>
                  <Anchor component={Link} href={nearbyPath(coop.id, { commodityId: v.commodityId || null })} fw={600}>
                    {t('produce.purchase.findSuppliers')}
                  </Anchor>
                </Stack>
              </Alert>
            )}
            <Select
              {...big}
              label={t('produce.purchase.commodity')}
              placeholder={t('produce.purchase.commoditySearch')}
              data={commodities.filter((c) => c.active).map((c) => ({ value: c.id, label: c.name }))}
              searchable
              required
              {...form.getInputProps('commodityId')}
              onChange={pickCommodity}
            />
            <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
              <TextInput
                {...big}
                type="date"
                label={t('produce.purchase.date')}
                description={t('produce.purchase.dateHint')}
                max={today}
                required
                {...form.getInputProps('date')}
              />
              <TextInput
                {...big}
                type="date"
                label={t('produce.purchase.harvestDate')}
                description={t('produce.purchase.harvestHint')}
                max={v.date || today}
                {...form.getInputProps('harvestDate')}
              />
            </SimpleGrid>
            <Select
              {...big}
              label={t('produce.purchase.location')}
              placeholder={t('produce.purchase.locationDefault')}
              data={locations.map((l) => ({ value: l.id, label: l.name }))}
              clearable
              {...form.getInputProps('locationId')}
              onChange={(id) => form.setFieldValue('locationId', id ?? '')}
            />
          </Stack>
        </Card>

        {commodity && (
          <Card padding="md">
            <Title order={2} fz="h4" mb={4}>
              {t('produce.purchase.lines')}
            </Title>
            <Text size="sm" c="dimmed" mb="sm">
              {t('produce.purchase.linesHint')}
            </Text>
            <Stack gap="sm">
              {v.lines.map((l, i) => {
                const amount = amounts[i];
                const others = new Set(v.lines.filter((_, j) => j !== i).map((x) => x.grade));
                return (
                  <Paper key={i} withBorder p="sm" radius="md" role="group" aria-label={t('produce.purchase.line', { n: i + 1 })}>
                    <Grid gutter="sm" align="flex-start">
                      <Grid.Col span={{ base: v.lines.length > 1 ? 10 : 12, sm: 4 }}>
                        <Select
                          {...big}
                          label={t('produce.purchase.grade')}
                          data={commodity.grades
                            .filter((g) => !others.has(g.grade))
                            .map((g) => ({ value: g.grade, label: GRADE_LABELS[g.grade][lang] }))}
                          allowDeselect={false}
                          value={l.grade}
                          onChange={(g) => g && form.setFieldValue(`lines.${i}.grade`, g as Grade)}
                          error={form.errors[`lines.${i}.grade`] ?? form.errors[`lines.${i}`]}
                        />
                      </Grid.Col>
                      {v.lines.length > 1 && (
                        <Grid.Col span={2} hiddenFrom="sm" ta="right">
                          <RemoveLine n={i + 1} onClick={() => form.removeListItem('lines', i)} />
                        </Grid.Col>
                      )}
                      <Grid.Col span={{ base: 6, sm: v.lines.length > 1 ? 3 : 4 }}>
                        <TextInput
                          {...big}
                          label={isKg ? t('produce.purchase.kg') : t('produce.purchase.count', { unit: unitName })}
                          inputMode={isKg ? 'decimal' : 'numeric'}
                          autoComplete="off"
                          required
                          value={l.qty}
                          onChange={(e) => setLine(i, 'qty', e.currentTarget.value)}
                          error={form.errors[`lines.${i}.kg`] ?? form.errors[`lines.${i}.count`] ?? form.errors[`lines.${i}.qty`]}
                        />
                      </Grid.Col>
                      <Grid.Col span={{ base: 6, sm: 4 }}>
                        <TextInput
                          {...big}
                          label={t('produce.purchase.price', { unit: unitName })}
                          inputMode="numeric"
                          autoComplete="off"
                          required
                          leftSection={<Text size="sm">Rp</Text>}
                          value={l.price}
                          onChange={(e) => setLine(i, 'price', e.currentTarget.value)}
                          onBlur={() => {
                            const p = parseRupiahInput(l.price);
                            if (p !== null && p >= 0n) form.setFieldValue(`lines.${i}.price`, formatNumberId(p));
                          }}
                          error={form.errors[`lines.${i}.price`]}
                        />
                      </Grid.Col>
                      {v.lines.length > 1 && (
                        <Grid.Col span={1} visibleFrom="sm" pt={34}>
                          <RemoveLine n={i + 1} onClick={() => form.removeListItem('lines', i)} />
                        </Grid.Col>
                      )}
                    </Grid>
                    <Group justify="space-between" mt={6} gap="xs">
                      <Text size="sm" c="dimmed">
                        {t('produce.purchase.lineAmount')}
                      </Text>
                      {amount != null ? <Money value={amount} fw={600} /> : <Text c="dimmed">—</Text>}
                    </Group>
                  </Paper>
                );
              })}
              {v.lines.length < MAX_LINES && freeGrade && (
                <Button
                  variant="subtle"
                  size="md"
                  leftSection={<IconPlus size={18} />}
                  style={{ alignSelf: 'flex-start' }}
                  onClick={() => form.insertListItem('lines', { grade: freeGrade, qty: '', price: '' })}
                >
                  {t('produce.purchase.addLine')}
                </Button>
              )}
              {linesError && (
                <Text c="red.8" size="sm" fw={500} role="alert">
                  {linesError}
                </Text>
              )}
              <Group justify="space-between" bg="gray.1" p="sm" style={{ borderRadius: 8 }} aria-live="polite">
                <Text fw={600}>{t('produce.purchase.total')}</Text>
                <Text fw={800} fz="xl" data-testid="purchase-total">
                  {total !== null ? formatRupiah(total) : '—'}
                </Text>
              </Group>
            </Stack>
          </Card>
        )}

        <Card padding="md">
          <Stack gap="md">
            <Radio.Group
              label={t('produce.purchase.payment')}
              required
              value={v.payment}
              onChange={(p) => form.setFieldValue('payment', p as PurchasePayment)}
              error={form.errors.payment}
              size="md"
            >
              <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm" mt={6}>
                {PURCHASE_PAYMENTS.map((p) => (
                  <Radio.Card
                    key={p}
                    value={p}
                    radius="md"
                    p="md"
                    aria-label={PURCHASE_PAYMENT_LABELS[p][lang]}
                    style={{ display: 'flex', alignItems: 'flex-start' }}
                  >
                    <Group wrap="nowrap" align="flex-start" gap="sm">
                      <Radio.Indicator />
                      <Stack gap={2}>
                        <Text fw={700} size="md">
                          {PURCHASE_PAYMENT_LABELS[p][lang]}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {paymentHint[p]}
                        </Text>
                      </Stack>
                    </Group>
                  </Radio.Card>
                ))}
              </SimpleGrid>
            </Radio.Group>
            <TextInput
              {...big}
              label={t('produce.purchase.supplierReference')}
              description={t('produce.purchase.supplierReferenceHint')}
              autoComplete="off"
              maxLength={60}
              {...form.getInputProps('supplierReference')}
            />
            <Textarea size="md" label={t('produce.purchase.notes')} autosize minRows={2} maxLength={500} {...form.getInputProps('notes')} />
          </Stack>
        </Card>

        <Button type="submit" size="xl" fullWidth color="green" leftSection={<IconCheck />} loading={record.isPending}>
          {t('produce.purchase.submit')}
        </Button>
      </Stack>
    </form>
  );
}

/**
 * After a refusal, bring what needs fixing into view: the alert at the top when there is one, else
 * the first field marked invalid (on a phone the grade lines are a long way below the top).
 */
function showFirstError(alertOnTop: boolean) {
  window.setTimeout(() => {
    const field = alertOnTop ? null : document.querySelector<HTMLElement>('form [aria-invalid="true"]');
    if (field) field.scrollIntoView({ block: 'center', behavior: 'smooth' });
    else window.scrollTo({ top: 0, behavior: 'smooth' });
  }, 50);
}

function RemoveLine({ n, onClick }: { n: number; onClick: () => void }) {
  const { t } = useTranslation();
  return (
    <ActionIcon variant="subtle" color="gray" size={44} aria-label={t('produce.purchase.removeLine', { n })} onClick={onClick}>
      <IconTrash size={20} />
    </ActionIcon>
  );
}
