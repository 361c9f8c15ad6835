import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useRegistry, type RegistryItem } from './network-api.js';

const itemLabel = (c: RegistryItem) => (c.village ? `${c.name} — ${c.village.regency.name}, ${c.village.province.name}` : c.name);

/** Picks a registered cooperative by typing its village's name or code. */
export function CoopPicker({
  label,
  value,
  onChange,
  error,
  province,
}: {
  label: string;
  value: string;
  onChange: (id: string, item: RegistryItem | null) => void;
  error?: ReactNode;
  /** Only cooperatives of this province (a batch draws from a few). */
  province?: string;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [picked, setPicked] = useState<RegistryItem | null>(null);
  const typed = picked && search === itemLabel(picked) ? '' : search.trim();
  const [q] = useDebouncedValue(typed, 250);
  const found = useRegistry({ q: q || undefined, province }, q.length >= 2);
  const options = [
    ...(picked ? [picked] : []),
    ...(found.data?.pages[0]?.items ?? []).filter((c) => c.cooperativeId !== picked?.cooperativeId),
  ];
  return (
    <Select
      label={label}
      placeholder={t('network.coopPicker.placeholder')}
      required
      searchable
      value={value || null}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: o }) => o}
      data={options.map((c) => ({ value: c.cooperativeId, label: itemLabel(c) }))}
      nothingFoundMessage={
        q.length < 2 ? t('network.coopPicker.typeMore') : found.isFetching ? t('common.loading') : t('network.common.nothingFound')
      }
      onChange={(id) => {
        const c = options.find((o) => o.cooperativeId === id) ?? null;
        setPicked(c);
        onChange(id ?? '', c);
      }}
      error={error}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
