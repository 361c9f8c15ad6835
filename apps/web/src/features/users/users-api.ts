import type { CoopRole } from '@kopdes/shared/auth';
import type { coopUser, newUserInput } from '@kopdes/shared/users';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../api/client.js';

export type CoopUser = z.infer<typeof coopUser>;
export type NewUser = z.input<typeof newUserInput>;

const usersKey = (coopId: string) => ['coop', coopId, 'users'] as const;

export function useCoopUsers(coopId: string) {
  return useQuery({ queryKey: usersKey(coopId), queryFn: () => api<{ items: CoopUser[] }>(`/api/coops/${coopId}/users`) });
}

export function useAddUser(coopId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: NewUser) => api<{ id: string }>(`/api/coops/${coopId}/users`, { method: 'POST', body: input }),
    onSuccess: () => qc.invalidateQueries({ queryKey: usersKey(coopId) }),
  });
}

export function useSetRole(coopId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, role, held }: { userId: string; role: CoopRole; held: boolean }) =>
      api(`/api/coops/${coopId}/users/${userId}/roles/${role}`, { method: held ? 'PUT' : 'DELETE' }),
    // The person may have changed their own roles: their menu follows.
    onSettled: () => Promise.all([qc.invalidateQueries({ queryKey: usersKey(coopId) }), qc.invalidateQueries({ queryKey: ['me'] })]),
  });
}
