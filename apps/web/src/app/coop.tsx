import type { Permission } from '@kopdes/shared/auth';
import type { Cooperative } from '@kopdes/shared/cooperatives';
import type { Me } from '@kopdes/shared/users';
import { useQuery } from '@tanstack/react-query';
import { createContext, useContext } from 'react';
import { api } from '../api/client.js';

export type MyCoop = Me['cooperatives'][number];

export interface CurrentCoop extends MyCoop {
  can(permission: Permission): boolean;
}

const CoopContext = createContext<CurrentCoop | null>(null);
export const CoopProvider = CoopContext.Provider;

export function currentCoopOf(c: MyCoop): CurrentCoop {
  const perms = new Set<string>(c.permissions);
  return { ...c, can: (p) => perms.has(p) };
}

/** The cooperative whose pages are open (`/k/:coopId/…`). */
export function useCoop(): CurrentCoop {
  const c = useContext(CoopContext);
  if (!c) throw new Error('useCoop outside a cooperative page');
  return c;
}

export const useOptionalCoop = () => useContext(CoopContext);

/** The zone every date of the open cooperative is shown in; WIB outside a cooperative. */
export const useTimeZone = () => useContext(CoopContext)?.timeZone ?? 'Asia/Jakarta';

/** `coopPath(id, 'pengguna')` → `/k/kop_…/pengguna` */
export const coopPath = (coopId: string, path = '') => `/k/${coopId}${path ? `/${path}` : ''}`;

export const coopProfileKey = (coopId: string) => ['coop', coopId] as const;

export function useCoopProfile(coopId: string) {
  return useQuery({ queryKey: coopProfileKey(coopId), queryFn: () => api<Cooperative>(`/api/coops/${coopId}`) });
}
