/** Villages for the plot and collection-point forms: the picker from the cooperative profile, and a lookup by code. */
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.js';
import { useCoopProfile } from '../../app/coop.js';
import type { Village } from '../cooperative/VillagePicker.js';

export { VillagePicker } from '../cooperative/VillagePicker.js';
export type { Village };

/**
 * The village to show first in a picker: the one already saved (looked up by its code), or for a
 * new record the cooperative's own village. `ready` is false while the lookup runs.
 */
export function useStartVillage(coopId: string, code: string | null) {
  const profile = useCoopProfile(coopId);
  const found = useQuery({
    queryKey: ['villages', code],
    queryFn: () => api<{ items: Village[] }>('/api/areas/villages', { query: { q: code!, limit: 20 } }),
    enabled: !!code,
    staleTime: Infinity,
  });
  if (code) return { village: found.data?.items.find((v) => v.code === code) ?? null, ready: !found.isPending };
  return { village: profile.data?.village ?? null, ready: !profile.isPending };
}
