import { GRADE_LABELS } from '@kopdes/shared/produce';
import { Select, Text, type SelectProps } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useCoop } from '../../app/coop.js';
import { currentLang } from '../../i18n/index.js';
import { useCommodities, useLots, type Lot } from './produce-api.js';

type Props = Omit<SelectProps, 'data' | 'value' | 'onChange'> & {
  lots: Lot[];
  value: string;
  onChange: (lot: Lot | null) => void;
  /** Show the quantity at this location instead of the lot's total. */
  atLocationId?: string;
};

/** Picks a lot by typing part of its code or commodity; the list is first-expired-first-out. */
export function LotSelect({ lots, value, onChange, atLocationId, ...rest }: Props) {
  const { t } = useTranslation();
  const lang = currentLang();
  const qtyOf = (l: Lot) => (atLocationId ? l.places.find((p) => p.locationId === atLocationId)?.quantity.text : l.onHand.text) ?? '';
  return (
    <Select
      size="md"
      searchable
      limit={60}
      nothingFoundMessage={t('produce.move.lotNone')}
      placeholder={t('produce.move.lotSearch')}
      data={lots.map((l) => ({ value: l.id, label: `${l.code} · ${l.commodity.name} ${GRADE_LABELS[l.grade][lang]} · ${qtyOf(l)}` }))}
      value={value || null}
      onChange={(id) => onChange(lots.find((l) => l.id === id) ?? null)}
      comboboxProps={{ withinPortal: true }}
      {...rest}
    />
  );
}

/**
 * A lot chosen in two steps: the commodity (the server lists at most 500 lots, first to expire
 * first, so a commodity narrows it to every lot of that kind), then the lot itself.
 */
export function LotPicker({ value, onChange, error }: { value: Lot | null; onChange: (lot: Lot | null) => void; error?: ReactNode }) {
  const { t } = useTranslation();
  const coop = useCoop();
  const commodities = useCommodities(coop.id);
  const [commodityId, setCommodityId] = useState<string | null>(value?.commodity.id ?? null);
  const lots = useLots(coop.id, { commodityId: commodityId ?? undefined });
  return (
    <>
      <Select
        size="md"
        label={t('produce.stock.commodity')}
        placeholder={t('produce.stock.allCommodities')}
        data={(commodities.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
        value={commodityId}
        onChange={(id) => {
          setCommodityId(id);
          onChange(null);
        }}
        searchable
        clearable
        comboboxProps={{ withinPortal: true }}
      />
      <LotSelect
        label={t('produce.move.lot')}
        required
        lots={lots.data?.items ?? []}
        value={value?.id ?? ''}
        error={error}
        onChange={onChange}
      />
    </>
  );
}

/**
 * The lot a stock dialog works on: the one it was opened from, named, or else picked here. Used by
 * the loss and transfer dialogs (and the packing dialog's named lot).
 */
export function LotChoice({
  preset,
  value,
  onChange,
  error,
}: {
  preset?: Lot;
  value: Lot | null;
  onChange: (lot: Lot | null) => void;
  error?: ReactNode;
}) {
  if (preset) return <PresetLot lot={preset} />;
  return <LotPicker value={value} error={error} onChange={onChange} />;
}

export function PresetLot({ lot }: { lot: Lot }) {
  const { t } = useTranslation();
  return (
    <Text size="sm" c="dimmed">
      {t('produce.loss.lot', { code: lot.code, qty: lot.onHand.text })}
    </Text>
  );
}
