import type {
  farmerGroup,
  importReport,
  member,
  memberDetail,
  MemberInput,
  MemberQuery,
  MemberUpdate,
  nikCheck,
  ImportMode,
} from '@kopdes/shared/members';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, ApiError, type Query } from '../../api/client.js';
import { currentLang } from '../../i18n/index.js';

export type Member = z.infer<typeof member>;
export type MemberDetail = z.infer<typeof memberDetail>;
export type FarmerGroup = z.infer<typeof farmerGroup>;
export type NikCheck = z.infer<typeof nikCheck>;
export type ImportReport = z.infer<typeof importReport>;

export type MemberFilters = Pick<MemberQuery, 'q' | 'status' | 'farmerGroupId'>;

const base = (coopId: string) => `/api/coops/${coopId}`;
export const membersKey = (coopId: string) => ['coop', coopId, 'members'] as const;

export function useMembers(coopId: string, f: Partial<MemberFilters>) {
  return useInfiniteQuery({
    queryKey: [...membersKey(coopId), 'list', f],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) =>
      api<{ items: Member[]; nextCursor: string | null; total: number }>(`${base(coopId)}/members`, {
        signal,
        query: { q: f.q, status: f.status, farmerGroupId: f.farmerGroupId, cursor: pageParam, limit: 50 },
      }),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** The export link: same filters as the list, the browser downloads it with the session cookie. */
export function exportHref(coopId: string, f: Partial<MemberFilters>): string {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(f as Query)) if (v) qs.set(k, String(v));
  const s = qs.toString();
  return `${base(coopId)}/members/export.xlsx${s ? `?${s}` : ''}`;
}

/** One member; with an empty id (nobody linked yet) nothing is asked and the query stays idle. */
export function useMember(coopId: string, memberId: string) {
  return useQuery({
    queryKey: [...membersKey(coopId), 'one', memberId],
    queryFn: () => api<MemberDetail>(`${base(coopId)}/members/${memberId}`),
    // Without this an empty id would ask `/members/`, the list, and cache it as one member.
    enabled: memberId !== '',
  });
}

export function useFarmerGroups(coopId: string) {
  return useQuery({
    queryKey: ['coop', coopId, 'farmer-groups'],
    queryFn: () => api<{ items: FarmerGroup[] }>(`${base(coopId)}/farmer-groups`),
    staleTime: 60_000,
  });
}

export function checkNik(coopId: string, body: { nik: string; sex?: 'M' | 'F'; birthDate?: string }, signal?: AbortSignal) {
  return api<NikCheck>(`${base(coopId)}/members/check-nik`, { method: 'POST', body, signal });
}

export function useSaveMember(coopId: string, memberId: string | null) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: MemberInput | MemberUpdate) =>
      memberId
        ? api<MemberDetail>(`${base(coopId)}/members/${memberId}`, { method: 'PATCH', body: input })
        : api<MemberDetail>(`${base(coopId)}/members`, { method: 'POST', body: input }),
    onSuccess: () => qc.invalidateQueries({ queryKey: membersKey(coopId) }),
  });
}

export function useActivate(coopId: string, memberId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { date?: string; reason?: string }) =>
      api<MemberDetail>(`${base(coopId)}/members/${memberId}/activate`, { method: 'POST', body: input }),
    onSuccess: () => qc.invalidateQueries({ queryKey: membersKey(coopId) }),
  });
}

/**
 * Sends a spreadsheet to the import route. The body is the raw file with its type; the client's
 * `api` speaks JSON only, so this one request builds its own fetch with the same headers.
 */
export async function uploadImport(coopId: string, file: File, mode: ImportMode, csrfToken: string | null): Promise<ImportReport> {
  const isCsv = /\.csv$/i.test(file.name) || file.type === 'text/csv';
  const qs = new URLSearchParams({ mode, filename: file.name });
  const headers: Record<string, string> = {
    accept: 'application/json',
    'accept-language': currentLang(),
    'content-type': isCsv ? 'text/csv' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  };
  if (csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(`${base(coopId)}/members/import?${qs}`, { method: 'POST', headers, body: file, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'network', currentLang() === 'en' ? 'Cannot reach the server' : 'Tidak dapat terhubung ke server');
  }
  const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  if (res.ok) return body as unknown as ImportReport;
  // An all-or-nothing import with bad rows answers 422 with the report inside.
  if (body.report) return body.report as ImportReport;
  const errors = (body.errors as { field: string; message: string }[] | undefined) ?? [];
  throw new ApiError(
    res.status,
    String(body.code ?? `http_${res.status}`),
    String(body.detail ?? body.title ?? `HTTP ${res.status}`),
    Object.fromEntries(errors.map((e) => [e.field, e.message])),
  );
}

/** Links the member to a user of the cooperative (who then sees their own savings), or unlinks. */
export function useLinkUser(coopId: string, memberId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (userId: string | null) =>
      api<MemberDetail>(`${base(coopId)}/members/${memberId}/user`, { method: 'PUT', body: { userId } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: membersKey(coopId) }),
  });
}
