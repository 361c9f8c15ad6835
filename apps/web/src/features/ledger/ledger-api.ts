import type {
  Account,
  CashBook,
  CashFlow,
  entryPreview,
  EquityChanges,
  FinancialPosition,
  GeneralLedger,
  IncomeStatement,
  JournalEntry,
  ManualEntryInput,
  periodsList,
  TrialBalance,
  unit,
  yearCloseResult,
} from '@kopdes/shared/ledger';
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, ApiError, type Query } from '../../api/client.js';
import { currentLang } from '../../i18n/index.js';

export type {
  Account,
  CashBook,
  CashFlow,
  EquityChanges,
  FinancialPosition,
  GeneralLedger,
  IncomeStatement,
  JournalEntry,
  ManualEntryInput,
  TrialBalance,
};
export type YearCloseResult = z.infer<typeof yearCloseResult>;
export type Unit = z.infer<typeof unit>;
export type PeriodsList = z.infer<typeof periodsList>;
export type EntryPreview = z.infer<typeof entryPreview>;

const base = (coopId: string) => `/api/coops/${coopId}/ledger`;
const ledgerKey = (coopId: string) => ['coop', coopId, 'ledger'] as const;

export function useAccounts(coopId: string) {
  return useQuery({
    queryKey: [...ledgerKey(coopId), 'accounts'],
    queryFn: () => api<{ items: Account[] }>(`${base(coopId)}/accounts`),
    staleTime: 5 * 60_000,
  });
}

export function useUnits(coopId: string) {
  return useQuery({
    queryKey: [...ledgerKey(coopId), 'units'],
    queryFn: () => api<{ items: Unit[] }>(`${base(coopId)}/units`),
    staleTime: 5 * 60_000,
  });
}

export interface JournalFilters {
  from?: string;
  to?: string;
  sourceModule?: string;
}

export function useJournal(coopId: string, filters: JournalFilters) {
  return useInfiniteQuery({
    queryKey: [...ledgerKey(coopId), 'entries', filters],
    queryFn: ({ pageParam, signal }) =>
      api<{ items: JournalEntry[]; nextCursor: string | null }>(`${base(coopId)}/entries`, {
        query: { ...filters, cursor: pageParam, limit: 30 },
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export function useEntry(coopId: string, entryId: string | null) {
  return useQuery({
    queryKey: [...ledgerKey(coopId), 'entry', entryId],
    queryFn: () => api<JournalEntry>(`${base(coopId)}/entries/${entryId}`),
    enabled: entryId !== null,
  });
}

/** Everything the ledger shows changes when an entry is posted or a month closes. */
const invalidateLedger = (qc: ReturnType<typeof useQueryClient>, coopId: string) =>
  qc.invalidateQueries({
    queryKey: ledgerKey(coopId),
    predicate: (q) => q.queryKey[3] !== 'accounts' && q.queryKey[3] !== 'units',
  });

export function usePostEntry(coopId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ input, idempotencyKey }: { input: ManualEntryInput; idempotencyKey: string }) =>
      api<JournalEntry>(`${base(coopId)}/entries`, { method: 'POST', body: input, idempotencyKey }),
    onSuccess: () => invalidateLedger(qc, coopId),
  });
}

/** The server's own check of a balanced draft and its effect on each balance; posts nothing. */
export function usePreview(coopId: string, input: ManualEntryInput | null) {
  return useQuery({
    queryKey: [...ledgerKey(coopId), 'preview', input],
    queryFn: ({ signal }) => api<EntryPreview>(`${base(coopId)}/entries/preview`, { method: 'POST', body: input, signal }),
    enabled: input !== null,
    retry: false,
    staleTime: 30_000,
  });
}

export function useReverseEntry(coopId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ entryId, date, memo, idempotencyKey }: { entryId: string; date: string; memo: string; idempotencyKey: string }) =>
      api<JournalEntry>(`${base(coopId)}/entries/${entryId}/reverse`, { method: 'POST', body: { date, memo }, idempotencyKey }),
    onSuccess: () => invalidateLedger(qc, coopId),
  });
}

export function usePeriods(coopId: string, year: number) {
  return useQuery({
    queryKey: [...ledgerKey(coopId), 'periods', year],
    queryFn: () => api<PeriodsList>(`${base(coopId)}/periods`, { query: { year } }),
  });
}

export function useMonthAction(coopId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ month, action, reason }: { month: string; action: 'close' | 'reopen'; reason?: string }) =>
      api<PeriodsList>(`${base(coopId)}/periods/${month}/${action}`, {
        method: 'POST',
        body: action === 'reopen' ? (reason ? { reason } : {}) : undefined,
      }),
    onSuccess: () => invalidateLedger(qc, coopId),
  });
}

/** The year-end close (revenue and expense into the current-year surplus) and its reopening. */
export function useYearAction(coopId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({
      year,
      action,
      reason,
      idempotencyKey,
    }: {
      year: number;
      action: 'close' | 'reopen';
      reason?: string;
      idempotencyKey: string;
    }) =>
      api<YearCloseResult | PeriodsList>(`${base(coopId)}/years/${action}`, {
        method: 'POST',
        body: action === 'reopen' ? { year, reason } : { year },
        idempotencyKey,
      }),
    onSuccess: () => invalidateLedger(qc, coopId),
  });
}

export type ReportKind =
  'trial-balance' | 'financial-position' | 'income-statement' | 'cash-flow' | 'equity-changes' | 'general-ledger' | 'cash-book';
export interface ReportMap {
  'trial-balance': TrialBalance;
  'financial-position': FinancialPosition;
  'income-statement': IncomeStatement;
  'cash-flow': CashFlow;
  'equity-changes': EquityChanges;
  'general-ledger': GeneralLedger;
  'cash-book': CashBook;
}

export function useReport<K extends ReportKind>(coopId: string, kind: K, query: Query) {
  return useQuery({
    queryKey: [...ledgerKey(coopId), 'report', kind, query],
    queryFn: ({ signal }) => api<ReportMap[K]>(`${base(coopId)}/reports/${kind}`, { query, signal }),
    // Keep showing the same statement while its dates or unit change; another statement has
    // another shape and waits for its own numbers.
    placeholderData: (previous, previousQuery) => (previousQuery?.queryKey[4] === kind ? previous : undefined),
  });
}

/**
 * Fetches a statement as a file and hands it to the browser as a download; a refusal comes back
 * as the server's message instead of a file full of JSON.
 */
export async function downloadReport(coopId: string, kind: ReportKind, query: Query, format: 'xlsx' | 'pdf') {
  const qs = new URLSearchParams();
  const all: Query = { ...query, format };
  for (const [k, v] of Object.entries(all)) if (v !== undefined && v !== null && v !== '') qs.set(k, String(v));
  const res = await fetch(`${base(coopId)}/reports/${kind}?${qs.toString()}`, {
    credentials: 'same-origin',
    headers: { 'accept-language': currentLang() },
  });
  if (!res.ok) {
    let message = `HTTP ${res.status}`;
    try {
      const p = (await res.json()) as { detail?: string; title?: string };
      message = p.detail ?? p.title ?? message;
    } catch {
      /* not a problem document */
    }
    throw new ApiError(res.status, `http_${res.status}`, message);
  }
  const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? `${kind}.${format}`;
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
