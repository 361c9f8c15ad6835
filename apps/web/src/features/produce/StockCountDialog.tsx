import { GRADE_LABELS, UOM_LABELS, formatQuantity, type UnitOfMeasure } from '@kopdes/shared/produce';
import { Badge, Card, Group, Modal, ScrollArea, Select, Skeleton, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, isApiError } from '../../api/client.js';
import { applyApiError } from '../../api/form-errors.js';
import { useIdempotencyKey } from '../../api/idempotency.js';
import { useCoop } from '../../app/coop.js';
import { currentLang } from '../../i18n/index.js';
import { DialogActions, FormAlert, usePhone } from './form-bits.js';
import { useCommodities, useLocations, useLots, useStockCount, type Lot } from './produce-api.js';
import { countOf, gramsOf } from './weights.js';

const unitOf = (l: Lot): UnitOfMeasure => l.commodity.unit;
const bookAt = (l: Lot, locationId: string) => BigInt(l.places.find((p) => p.locationId === locationId)?.quantity.base ?? '0');
const countedOf = (l: Lot, text: string) => (unitOf(l) === 'kg' ? gramsOf(text) : countOf(text));

/**
 * A stock count (stok opname) at one location: the clerk types what is there for the lots counted;
 * the server adjusts each to it and posts the difference. Lots left empty are not touched.
 */
export function StockCountDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const coop = useCoop();
  const phone = usePhone();
  const lang = currentLang();
  const count = useStockCount(coop.id);
  const locations = useLocations(coop.id);
  const { key, renewAfterError } = useIdempotencyKey();
  const [alert, setAlert] = useState<string | null>(null);
  // What was typed per lot, kept with the lot so a count survives switching the commodity filter.
  const [counts, setCounts] = useState<Record<string, { lot: Lot; text: string }>>({});
  const [commodityId, setCommodityId] = useState<string | null>(null);
  const [lineErrors, setLineErrors] = useState<Record<string, string>>({});
  const [q, setQ] = useState('');
  const form = useForm({
    mode: 'controlled',
    initialValues: { locationId: '', reason: '' },
    validate: { locationId: (v) => (v ? null : t('produce.move.required')) },
  });
  const locationId = form.values.locationId;
  const commodities = useCommodities(coop.id);
  const lots = useLots(coop.id, { locationId: locationId || undefined, commodityId: commodityId ?? undefined });
  const here = locationId ? (lots.data?.items ?? []).filter((l) => l.places.some((p) => p.locationId === locationId)) : [];
  const needle = q.trim().toUpperCase();
  const shown = here.filter((l) => !needle || l.code.toUpperCase().includes(needle) || l.commodity.name.toUpperCase().includes(needle));
  const filled = Object.values(counts)
    .filter((c) => c.text.trim())
    .map((c) => c.lot);
  const typedOf = (id: string) => counts[id]?.text ?? '';

  const submit = form.onSubmit((values) => {
    setAlert(null);
    setLineErrors({});
    if (!filled.length) return setAlert(t('produce.count.noneFilled'));
    const bad = filled.find((l) => countedOf(l, typedOf(l.id)) === null);
    if (bad) return setLineErrors({ [bad.id]: unitOf(bad) === 'kg' ? t('produce.move.weightInvalid') : t('produce.move.countInvalid') });
    count.mutate(
      {
        idempotencyKey: key,
        body: {
          locationId: values.locationId,
          reason: values.reason,
          lines: filled.map((l) =>
            unitOf(l) === 'kg'
              ? { lotId: l.id, countedKg: typedOf(l.id).trim() }
              : { lotId: l.id, countedCount: Number(typedOf(l.id).trim()) },
          ),
        },
      },
      {
        onSuccess: (doc) => {
          notifications.show({
            color: 'green',
            message: t('produce.count.done', { number: doc.number, count: doc.movements.length }),
          });
          onClose();
        },
        onError: (err) => {
          renewAfterError(err);
          // `lines.N…` name the N-th lot sent; put them on that lot's field.
          const onLines: Record<string, string> = {};
          const rest: Record<string, string> = {};
          for (const [f, m] of Object.entries(isApiError(err) ? err.fieldErrors : {})) {
            const at = /^lines\.(\d+)\./.exec(f);
            const lot = at ? filled[Number(at[1])] : undefined;
            if (lot) onLines[lot.id] = m;
            else rest[f] = m;
          }
          setLineErrors(onLines);
          const message = applyApiError(form, isApiError(err) ? new ApiError(err.status, err.code, err.message, rest) : err);
          setAlert(Object.keys(onLines).length && !Object.keys(rest).length ? null : message);
        },
      },
    );
  });

  return (
    <Modal opened onClose={onClose} title={t('produce.count.title')} fullScreen={phone} size="lg">
      <form noValidate onSubmit={submit}>
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            {t('produce.count.hint')}
          </Text>
          <FormAlert message={alert} />
          <Select
            size="md"
            label={t('produce.count.location')}
            data={(locations.data?.items ?? []).map((l) => ({ value: l.id, label: l.name }))}
            allowDeselect={false}
            required
            {...form.getInputProps('locationId')}
            onChange={(id) => {
              form.setFieldValue('locationId', id ?? '');
              setCounts({});
              setLineErrors({});
            }}
          />
          {locationId && (
            <Select
              size="md"
              label={t('produce.stock.commodity')}
              placeholder={t('produce.stock.allCommodities')}
              data={(commodities.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
              value={commodityId}
              onChange={setCommodityId}
              searchable
              clearable
              comboboxProps={{ withinPortal: true }}
            />
          )}
          {locationId &&
            (lots.isPending ? (
              <Skeleton height={160} />
            ) : !here.length ? (
              <Text c="dimmed">{t('produce.count.empty')}</Text>
            ) : (
              <Stack gap="xs">
                {(lots.data?.items.length ?? 0) >= 500 && (
                  <Text size="sm" c="dimmed">
                    {t('produce.count.truncated')}
                  </Text>
                )}
                {here.length > 6 && (
                  <TextInput
                    size="md"
                    aria-label={t('produce.stock.search')}
                    placeholder={t('produce.stock.search')}
                    leftSection={<IconSearch size={16} />}
                    value={q}
                    onChange={(e) => setQ(e.currentTarget.value)}
                    autoComplete="off"
                  />
                )}
                <ScrollArea.Autosize mah={phone ? undefined : 420} type="auto">
                  <Stack gap="xs">
                    {shown.map((l) => {
                      const book = bookAt(l, locationId);
                      const typed = typedOf(l.id);
                      const counted = typed.trim() ? countedOf(l, typed) : null;
                      const diff = counted === null ? null : counted - book;
                      const isKg = unitOf(l) === 'kg';
                      return (
                        <Card key={l.id} padding="sm" withBorder>
                          <Group justify="space-between" wrap="nowrap" align="flex-start" gap="sm">
                            <Stack gap={0} style={{ minWidth: 0 }}>
                              <Text size="sm" fw={600}>
                                {l.commodity.name} · {GRADE_LABELS[l.grade][lang]}
                              </Text>
                              <Text size="xs" c="dimmed" ff="monospace">
                                {l.code}
                              </Text>
                              <Text size="xs">{t('produce.count.book', { qty: formatQuantity(book, unitOf(l)) })}</Text>
                            </Stack>
                            <TextInput
                              size="md"
                              w={130}
                              label={t('produce.count.counted')}
                              aria-label={t('produce.count.countedOf', { code: l.code })}
                              inputMode={isKg ? 'decimal' : 'numeric'}
                              autoComplete="off"
                              rightSection={
                                <Text size="xs" c="dimmed">
                                  {UOM_LABELS[unitOf(l)][lang]}
                                </Text>
                              }
                              value={typed}
                              error={lineErrors[l.id]}
                              onChange={(e) => {
                                const text = e.currentTarget.value;
                                setCounts((c) => ({ ...c, [l.id]: { lot: l, text } }));
                              }}
                            />
                          </Group>
                          {diff !== null && (
                            <Group justify="flex-end" mt={4}>
                              <Badge color={diff === 0n ? 'green' : diff < 0n ? 'red' : 'blue'} variant="light" tt="none">
                                {diff === 0n
                                  ? t('produce.count.same')
                                  : diff < 0n
                                    ? t('produce.count.short', { qty: formatQuantity(-diff, unitOf(l)) })
                                    : t('produce.count.over', { qty: formatQuantity(diff, unitOf(l)) })}
                              </Badge>
                            </Group>
                          )}
                        </Card>
                      );
                    })}
                  </Stack>
                </ScrollArea.Autosize>
              </Stack>
            ))}
          <TextInput
            size="md"
            label={t('produce.count.reason')}
            placeholder={t('produce.count.reasonPlaceholder')}
            required
            {...form.getInputProps('reason')}
          />
          {filled.length > 0 && <Text size="sm">{t('produce.count.filled', { count: filled.length })}</Text>}
          <DialogActions onClose={onClose} submit={t('produce.count.submit')} loading={count.isPending} />
        </Stack>
      </form>
    </Modal>
  );
}
