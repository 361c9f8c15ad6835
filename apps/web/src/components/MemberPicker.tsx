import { formatMemberNumber, type MemberStatus } from '@kopdes/shared/members';
import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useCoop } from '../app/coop.js';
import { useMembers } from '../features/members/members-api.js';

/** What a picker needs to show a member: enough for "0012 · Nama" without fetching the record. */
export interface MemberRef {
  id: string;
  number: number;
  fullName: string;
}

export const memberLabel = (m: MemberRef) => `${formatMemberNumber(m.number)} · ${m.fullName}`;

export interface MemberPickerProps {
  value: MemberRef | null;
  onChange: (m: MemberRef | null) => void;
  label: string;
  placeholder?: string;
  description?: string;
  error?: string;
  /** A required picker cannot be emptied; an optional one gets a clear button. */
  required?: boolean;
  /** The clear button's name for screen readers and keyboards (Mantine hides it from both otherwise). */
  clearLabel?: string;
  /** Which members may be chosen; the others are left out of the options. */
  statuses?: readonly MemberStatus[];
  disabled?: boolean;
}

/** Picks a member by typing; the server does the searching. */
export function MemberPicker({
  value,
  onChange,
  label,
  placeholder,
  description,
  error,
  required = true,
  clearLabel,
  statuses = ['active', 'applicant'],
  disabled,
}: MemberPickerProps) {
  const coop = useCoop();
  const [search, setSearch] = useState(value ? memberLabel(value) : '');
  const typed = value && search === memberLabel(value) ? '' : search.trim();
  const [q] = useDebouncedValue(typed, 250);
  // One status can be asked of the server, so its 50 answers are all pickable; several are filtered here.
  const status = statuses.length === 1 ? statuses[0] : undefined;
  const found = useMembers(coop.id, { q: q || undefined, status });
  const options = new Map<string, MemberRef>();
  if (value) options.set(value.id, value);
  for (const m of found.data?.pages[0]?.items ?? []) if (statuses.includes(m.status)) options.set(m.id, m);
  return (
    <Select
      label={label}
      placeholder={placeholder}
      description={description}
      required={required}
      clearable={!required}
      clearButtonProps={clearLabel ? { 'aria-label': clearLabel, 'aria-hidden': false, tabIndex: 0 } : undefined}
      disabled={disabled}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: o }) => o}
      data={[...options.values()].map((m) => ({ value: m.id, label: memberLabel(m) }))}
      value={value?.id ?? null}
      onChange={(id) => onChange(id ? (options.get(id) ?? null) : null)}
      nothingFoundMessage={found.isFetching ? '…' : '—'}
      error={error}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
