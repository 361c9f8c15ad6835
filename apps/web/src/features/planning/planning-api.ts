/** The planting-plan (pola tanam) API as the web pages use it: types from the shared contract, one hook per call. */
import type {
  actualInput,
  coverage,
  crop,
  cropInput,
  cropUpdate,
  demandChart,
  demandPut,
  demandTable,
  followUp,
  gantt,
  planDetail,
  planningFarmer,
  planSummary,
  planting,
  plantingUpdate,
  season,
  seasonInput,
  warnings,
} from '@kopdes/shared/planning';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../api/client.js';
import { currentLang } from '../../i18n/index.js';

export type Season = z.infer<typeof season>;
export type SeasonBody = z.input<typeof seasonInput>;
export type Crop = z.infer<typeof crop>;
export type CropCreateBody = z.input<typeof cropInput>;
export type CropUpdateBody = z.input<typeof cropUpdate>;
export type DemandTable = z.infer<typeof demandTable>;
export type DemandRow = DemandTable['rows'][number];
export type DemandPutBody = z.input<typeof demandPut>;
export type DemandChart = z.infer<typeof demandChart>;
export type PlanSummary = z.infer<typeof planSummary>;
export type PlanDetail = z.infer<typeof planDetail>;
export type Planting = z.infer<typeof planting>;
export type PlantingUpdateBody = z.input<typeof plantingUpdate>;
export type Gantt = z.infer<typeof gantt>;
export type Coverage = z.infer<typeof coverage>;
export type FollowUp = z.infer<typeof followUp>;
export type Warnings = z.infer<typeof warnings>;
export type ActualBody = z.input<typeof actualInput>;
export type PlanningFarmer = z.infer<typeof planningFarmer>;

const base = (coopId: string) => `/api/coops/${coopId}/planning`;
const key = (coopId: string, ...rest: unknown[]) => ['coop', coopId, 'planning', ...rest] as const;

/** A farmer's printable plan sheet, opened by the browser with the session cookie. */
export const sheetUrl = (coopId: string, planId: string, farmerId: string) =>
  `${base(coopId)}/plans/${planId}/farmers/${encodeURIComponent(farmerId)}/sheet.pdf`;

export function useSeasons(coopId: string) {
  return useQuery({ queryKey: key(coopId, 'seasons'), queryFn: () => api<{ items: Season[] }>(`${base(coopId)}/seasons`) });
}

export function useCreateSeason(coopId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: SeasonBody) => api<Season>(`${base(coopId)}/seasons`, { method: 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: key(coopId, 'seasons') }),
  });
}

export function useCrops(coopId: string) {
  return useQuery({ queryKey: key(coopId, 'crops'), queryFn: () => api<{ items: Crop[] }>(`${base(coopId)}/crops`) });
}

export function useSaveCrop(coopId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ code, body }: { code: string | null; body: CropUpdateBody | CropCreateBody }) =>
      code
        ? api<Crop>(`${base(coopId)}/crops/${code}`, { method: 'PUT', body })
        : api<Crop>(`${base(coopId)}/crops`, { method: 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: key(coopId) }),
  });
}

export function useAddDefaultCrops(coopId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api<{ added: string[] }>(`${base(coopId)}/crops/defaults`, { method: 'POST' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: key(coopId) }),
  });
}

export function useFarmers(coopId: string) {
  return useQuery({
    queryKey: key(coopId, 'farmers'),
    queryFn: () => api<{ items: PlanningFarmer[] }>(`${base(coopId)}/farmers`),
    staleTime: 60_000,
  });
}

export function useDemand(coopId: string, seasonId: string | null) {
  return useQuery({
    queryKey: key(coopId, 'demand', seasonId),
    queryFn: () => api<DemandTable>(`${base(coopId)}/seasons/${seasonId}/demand`),
    enabled: !!seasonId,
  });
}

export function useDemandChart(coopId: string, seasonId: string | null) {
  return useQuery({
    queryKey: key(coopId, 'demand-chart', seasonId),
    queryFn: () => api<DemandChart>(`${base(coopId)}/seasons/${seasonId}/demand/chart`),
    enabled: !!seasonId,
  });
}

export function usePutDemand(coopId: string, seasonId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: DemandPutBody) => api<DemandTable>(`${base(coopId)}/seasons/${seasonId}/demand`, { method: 'PUT', body }),
    onSuccess: (table) => {
      qc.setQueryData(key(coopId, 'demand', seasonId), table);
      return qc.invalidateQueries({ queryKey: key(coopId) });
    },
  });
}

/** The season's plan in force; `null` (not an error) when the season has none yet. */
export function useSeasonPlan(coopId: string, seasonId: string | null) {
  return useQuery({
    // The plan's explanations come in the reader's language: a switch of language fetches them again.
    queryKey: key(coopId, 'plan', seasonId, currentLang()),
    queryFn: () =>
      api<PlanDetail>(`${base(coopId)}/seasons/${seasonId}/plan`).catch((e: unknown) => {
        if ((e as { status?: number }).status === 404) return null;
        throw e;
      }),
    enabled: !!seasonId,
  });
}

/** Solving from scratch, or re-planning the open weeks: both answer with the saved plan's summary. */
export function useSolve(coopId: string, seasonId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ replan, timeLimitSeconds }: { replan: boolean; timeLimitSeconds: number }) =>
      api<PlanSummary>(`${base(coopId)}/seasons/${seasonId}/${replan ? 'replan' : 'solve'}`, {
        method: 'POST',
        body: { timeLimitSeconds },
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: key(coopId) }),
  });
}

export function useGantt(coopId: string, planId: string | null) {
  return useQuery({
    queryKey: key(coopId, 'gantt', planId),
    queryFn: () => api<Gantt>(`${base(coopId)}/plans/${planId}/gantt`),
    enabled: !!planId,
    placeholderData: keepPreviousData,
  });
}

export function useCoverage(coopId: string, planId: string | null) {
  return useQuery({
    queryKey: key(coopId, 'coverage', planId),
    queryFn: () => api<Coverage>(`${base(coopId)}/plans/${planId}/coverage`),
    enabled: !!planId,
  });
}

export function useFollowUp(coopId: string, planId: string | null) {
  return useQuery({
    queryKey: key(coopId, 'follow-up', planId),
    queryFn: () => api<FollowUp>(`${base(coopId)}/plans/${planId}/follow-up`),
    enabled: !!planId,
  });
}

export function useWarnings(coopId: string, planId: string | null) {
  return useQuery({
    queryKey: key(coopId, 'warnings', planId, currentLang()),
    queryFn: () => api<Warnings>(`${base(coopId)}/plans/${planId}/warnings`),
    enabled: !!planId,
  });
}

export function useUpdatePlanting(coopId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: PlantingUpdateBody }) =>
      api<Planting>(`${base(coopId)}/plantings/${id}`, { method: 'PATCH', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: key(coopId) }),
  });
}

export function useRecordActual(coopId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ActualBody) => api<{ ok: true }>(`${base(coopId)}/actuals`, { method: 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: key(coopId) }),
  });
}

export interface DemandFromMarket {
  demand: DemandTable;
  historyBasis: 'last_year' | 'recent_weeks' | 'none';
  skipped: { commodity: string; reason: 'no_crop' | 'not_by_weight'; message: string }[];
}

/** Rebuilds the season's contract and history columns from the market link; adjustments stay. */
export function useDemandFromMarket(coopId: string, seasonId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api<DemandFromMarket>(`${base(coopId)}/seasons/${seasonId}/demand/from-market`, { method: 'POST' }),
    onSuccess: (r) => {
      qc.setQueryData(key(coopId, 'demand', seasonId), r.demand);
      return qc.invalidateQueries({ queryKey: key(coopId) });
    },
  });
}
