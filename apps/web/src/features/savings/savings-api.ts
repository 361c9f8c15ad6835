import type {
  arrearsList,
  balancesPage,
  duesItem,
  duesRun,
  leavingPreview,
  memberSavings,
  savingsSettingsList,
  savingsTransaction,
  settlement,
  SavingsKind,
  PaymentMethod,
  SavingsTransactionType,
} from '@kopdes/shared/savings';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../api/client.js';

export type SavingsTransaction = z.infer<typeof savingsTransaction>;
export type MemberSavings = z.infer<typeof memberSavings>;
export type BalancesPage = z.infer<typeof balancesPage>;
export type ArrearsList = z.infer<typeof arrearsList>;
export type DuesRun = z.infer<typeof duesRun>;
export type DuesItem = z.infer<typeof duesItem>;
export type LeavingPreview = z.infer<typeof leavingPreview>;
export type Settlement = z.infer<typeof settlement>;
export type SettingsList = z.infer<typeof savingsSettingsList>;

const base = (coopId: string) => `/api/coops/${coopId}`;
/** Everything savings-related of a cooperative, so one write refreshes balances, lists and members. */
export const savingsKey = (coopId: string) => ['coop', coopId, 'savings'] as const;

/** Whose transactions a list shows: the whole cooperative, one member, or the signed-in member. */
export type TxScope = { kind: 'coop' } | { kind: 'member'; memberId: string } | { kind: 'self' };

export interface TxFilters {
  kind?: SavingsKind;
  type?: SavingsTransactionType;
}

export function useTransactions(coopId: string, scope: TxScope, f: TxFilters = {}) {
  const path = scope.kind === 'self' ? `${base(coopId)}/me/savings/transactions` : `${base(coopId)}/savings/transactions`;
  return useInfiniteQuery({
    queryKey: [...savingsKey(coopId), 'tx', scope, f],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) =>
      api<{ items: SavingsTransaction[]; nextCursor: string | null }>(path, {
        signal,
        query: { memberId: scope.kind === 'member' ? scope.memberId : undefined, kind: f.kind, type: f.type, cursor: pageParam, limit: 50 },
      }),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export const receiptHref = (coopId: string, scope: TxScope, txId: string) =>
  scope.kind === 'self'
    ? `${base(coopId)}/me/savings/transactions/${txId}/receipt.pdf`
    : `${base(coopId)}/savings/transactions/${txId}/receipt.pdf`;

export const passbookHref = (coopId: string, memberId: string | null) =>
  memberId ? `${base(coopId)}/members/${memberId}/passbook.pdf` : `${base(coopId)}/me/savings/passbook.pdf`;

export function useMemberSavings(coopId: string, memberId: string | null, enabled = true) {
  return useQuery({
    queryKey: [...savingsKey(coopId), 'member', memberId ?? 'me'],
    queryFn: () => api<MemberSavings>(memberId ? `${base(coopId)}/members/${memberId}/savings` : `${base(coopId)}/me/savings`),
    enabled,
  });
}

export function useMyDues(coopId: string) {
  return useQuery({
    queryKey: [...savingsKey(coopId), 'my-dues'],
    queryFn: () => api<{ items: DuesItem[] }>(`${base(coopId)}/me/savings/dues`),
  });
}

export function useBalances(coopId: string, q: string) {
  return useInfiniteQuery({
    queryKey: [...savingsKey(coopId), 'balances', q],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) =>
      api<BalancesPage>(`${base(coopId)}/savings/balances`, { signal, query: { q, cursor: pageParam, limit: 50 } }),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useArrears(coopId: string, farmerGroupId?: string) {
  return useQuery({
    queryKey: [...savingsKey(coopId), 'arrears', farmerGroupId ?? ''],
    queryFn: () => api<ArrearsList>(`${base(coopId)}/savings/arrears`, { query: { farmerGroupId } }),
  });
}

export function useDuesRuns(coopId: string) {
  return useQuery({
    queryKey: [...savingsKey(coopId), 'dues-runs'],
    queryFn: () => api<{ items: DuesRun[] }>(`${base(coopId)}/savings/dues/runs`),
  });
}

export function useSettings(coopId: string) {
  return useQuery({ queryKey: [...savingsKey(coopId), 'settings'], queryFn: () => api<SettingsList>(`${base(coopId)}/savings/settings`) });
}

export interface MoveInput {
  memberId: string;
  kind: SavingsKind;
  amount: string;
  date?: string;
  method: PaymentMethod;
  memo?: string;
}

/** Invalidates every savings query and the member pages once a money write is done. */
function useRefresh(coopId: string) {
  const qc = useQueryClient();
  return () =>
    Promise.all([qc.invalidateQueries({ queryKey: savingsKey(coopId) }), qc.invalidateQueries({ queryKey: ['coop', coopId, 'members'] })]);
}

export function usePostMove(coopId: string) {
  const refresh = useRefresh(coopId);
  return useMutation({
    mutationFn: ({ direction, input, key }: { direction: 'deposit' | 'withdrawal'; input: MoveInput; key: string }) =>
      api<SavingsTransaction>(`${base(coopId)}/savings/${direction === 'deposit' ? 'deposits' : 'withdrawals'}`, {
        method: 'POST',
        body: input,
        idempotencyKey: key,
      }),
    onSuccess: refresh,
  });
}

export function useReverse(coopId: string) {
  const refresh = useRefresh(coopId);
  return useMutation({
    mutationFn: ({ txId, reason, key }: { txId: string; reason: string; key: string }) =>
      api<SavingsTransaction>(`${base(coopId)}/savings/transactions/${txId}/reverse`, {
        method: 'POST',
        body: { reason },
        idempotencyKey: key,
      }),
    onSuccess: refresh,
  });
}

export function useRunDues(coopId: string) {
  const refresh = useRefresh(coopId);
  return useMutation({
    mutationFn: ({ period, key }: { period: string; key: string }) =>
      api<DuesRun>(`${base(coopId)}/savings/dues/runs`, { method: 'POST', body: { period }, idempotencyKey: key }),
    onSuccess: refresh,
  });
}

export function useLeavingPreview(coopId: string, memberId: string, enabled: boolean) {
  return useQuery({
    queryKey: [...savingsKey(coopId), 'leaving', memberId],
    queryFn: () => api<LeavingPreview>(`${base(coopId)}/members/${memberId}/leaving`),
    enabled,
  });
}

export function useSettlement(coopId: string, memberId: string, enabled: boolean) {
  return useQuery({
    queryKey: [...savingsKey(coopId), 'settlement', memberId],
    queryFn: () => api<Settlement | null>(`${base(coopId)}/members/${memberId}/settlement`),
    enabled,
  });
}

export function useLeave(coopId: string, memberId: string) {
  const refresh = useRefresh(coopId);
  return useMutation({
    mutationFn: ({
      input,
      key,
    }: {
      input: { outcome: 'left' | 'deceased'; reason: string; date?: string; method: PaymentMethod };
      key: string;
    }) => api<Settlement>(`${base(coopId)}/members/${memberId}/leaving`, { method: 'POST', body: input, idempotencyKey: key }),
    onSuccess: refresh,
  });
}

export interface SettingsInput {
  effectiveFrom: string;
  pokokAmount: string;
  wajibAmount: string;
  wajibPeriodMonths: number;
}

export function useSaveSettings(coopId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: SettingsInput) => api<SettingsList>(`${base(coopId)}/savings/settings`, { method: 'POST', body: input }),
    onSuccess: () => qc.invalidateQueries({ queryKey: savingsKey(coopId) }),
  });
}
