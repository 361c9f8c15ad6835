import type { village } from '@kopdes/shared/cooperatives';
import { Select, type SelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { api } from '../../api/client.js';

export type Village = z.infer<typeof village>;

export const villageLabel = (v: Village) => `${v.name} — ${v.district.name}, ${v.regency.name}, ${v.province.name} (${v.code})`;

// Provinces by their Kemendagri code: Kalimantan Barat and Tengah keep WIB under Asia/Pontianak;
// Bali, Nusa Tenggara, Kalimantan Selatan/Timur/Utara and Sulawesi are WITA; Maluku and Papua WIT.
const WITA = new Set(['51', '52', '53', '63', '64', '65', '71', '72', '73', '74', '75', '76']);

/** The zone a village's province keeps. @example zoneForVillage('73.71.01.1001') // 'Asia/Makassar' */
export function zoneForVillage(code: string) {
  const p = code.slice(0, 2);
  if (p.startsWith('8') || p.startsWith('9')) return 'Asia/Jayapura' as const;
  if (WITA.has(p)) return 'Asia/Makassar' as const;
  if (p === '61' || p === '62') return 'Asia/Pontianak' as const;
  return 'Asia/Jakarta' as const;
}

type Props = Omit<SelectProps, 'data' | 'value' | 'onChange' | 'searchValue' | 'onSearchChange'> & {
  value: string;
  /** The village already chosen, so its label shows before any search. */
  initial?: Village | null;
  onChange: (code: string, village: Village | null) => void;
};

/** Picks a village from the official list by typing its name or code. */
export function VillagePicker({ value, initial, onChange, ...rest }: Props) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [picked, setPicked] = useState<Village | null>(initial ?? null);
  const [q] = useDebouncedValue(search.trim(), 250);
  const found = useQuery({
    queryKey: ['villages', q],
    queryFn: ({ signal }) => api<{ items: Village[] }>('/api/areas/villages', { query: { q, limit: 20 }, signal }),
    enabled: q.length >= 2 && (!picked || q !== villageLabel(picked)),
    staleTime: Infinity,
  });
  const options = [...(picked ? [picked] : []), ...(found.data?.items ?? []).filter((v) => v.code !== picked?.code)];

  return (
    <Select
      searchable
      value={value || null}
      searchValue={search}
      onSearchChange={setSearch}
      data={options.map((v) => ({ value: v.code, label: villageLabel(v) }))}
      filter={({ options: o }) => o}
      nothingFoundMessage={q.length < 2 ? t('coop.villageTypeMore') : found.isFetching ? t('common.loading') : t('coop.villageNone')}
      onChange={(code) => {
        const v = options.find((o) => o.code === code) ?? null;
        setPicked(v);
        onChange(code ?? '', v);
      }}
      {...rest}
    />
  );
}
