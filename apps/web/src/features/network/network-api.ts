/**
 * The network layer's API as the web pages use it. Most calls exist twice — the ministry's under
 * /api/admin/network and a cooperative's own under /api/coops/{id}/network — so shared views take
 * a `NetworkScope` and build their paths from it.
 */
import type {
  actionItem,
  actionItemInput,
  alumniRow,
  assessmentInput,
  attendanceRow,
  batch,
  batchInput,
  certificateRun,
  comparison,
  dashboard,
  documentInput,
  host,
  measure,
  officersInput,
  partner,
  partnerInput,
  partnershipDetail,
  partnershipInput,
  participant,
  participantDetail,
  PartnershipStage,
  programme,
  registryEntry,
  registryListItem,
  registryPage,
  registryProfileInput,
  session,
  sessionInput,
  tileMap,
} from '@kopdes/shared/network';
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, type Query } from '../../api/client.js';

export type RegistryEntry = z.infer<typeof registryEntry>;
export type RegistryItem = z.infer<typeof registryListItem>;
/** A page of the registry with the count of every cooperative matching the filters. */
export type RegistryPage = z.infer<typeof registryPage>;
export type Partner = z.infer<typeof partner>;
export type PartnershipDetail = z.infer<typeof partnershipDetail>;
export type Partnership = Omit<PartnershipDetail, 'events' | 'documents'>;
export type Programme = z.infer<typeof programme>;
export type Host = z.infer<typeof host>;
export type Batch = z.infer<typeof batch>;
export type Participant = z.infer<typeof participant>;
export type ParticipantDetail = z.infer<typeof participantDetail>;
export type Session = z.infer<typeof session>;
export type AttendanceRow = z.infer<typeof attendanceRow>;
export type ActionItem = z.infer<typeof actionItem>;
export type ActionItemBody = z.input<typeof actionItemInput>;
export type Measure = z.infer<typeof measure>;
export type AlumniRow = z.infer<typeof alumniRow>;
export type Dashboard = z.infer<typeof dashboard>;
export type TileMap = z.infer<typeof tileMap>;
export type Comparison = z.infer<typeof comparison>;
export type CertificateRun = z.infer<typeof certificateRun>;
export type ProfileBody = z.input<typeof registryProfileInput>;
export type OfficersBody = z.input<typeof officersInput>;
export type PartnershipBody = z.input<typeof partnershipInput>;
export type PartnerBody = z.input<typeof partnerInput>;
export type BatchBody = z.input<typeof batchInput>;
export type SessionBody = z.input<typeof sessionInput>;
export type Scores = z.input<typeof assessmentInput>['scores'];
export type DocumentBody = z.input<typeof documentInput>;
export type AreaLevel = Dashboard['level'];

/** Whose view: the ministry's, or one cooperative's own. */
export type NetworkScope = { kind: 'admin' } | { kind: 'coop'; coopId: string };
export const ADMIN: NetworkScope = { kind: 'admin' };

const ADMIN_BASE = '/api/admin/network';
export const baseOf = (s: NetworkScope) => (s.kind === 'admin' ? ADMIN_BASE : `/api/coops/${s.coopId}/network`);
const scopeKey = (s: NetworkScope) => (s.kind === 'admin' ? 'admin' : s.coopId);
/** Every network query of a scope starts with this, so a write can refresh all of them. */
export const networkKey = (s: NetworkScope, ...rest: unknown[]) => ['network', scopeKey(s), ...rest] as const;

/** After a write: every network view, of either scope (a nomination shows on both sides). */
function useInvalidate() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: ['network'] });
}

type Items<T> = { items: T[] };
type Page<T> = { items: T[]; nextCursor: string | null };

/** Links the browser opens with the session cookie (PDF, Excel, documents). */
export const files = {
  certificate: (s: NetworkScope, participantId: string) => `${baseOf(s)}/participants/${participantId}/certificate.pdf`,
  document: (s: NetworkScope, documentId: string) => `${baseOf(s)}/partnership-documents/${documentId}`,
  dashboardXlsx: (q: DashboardQuery) => withQuery(`${ADMIN_BASE}/dashboard.xlsx`, { ...q }),
};

function withQuery(path: string, q: Query) {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== null && v !== '') qs.set(k, String(v));
  const s = qs.toString();
  return s ? `${path}?${s}` : path;
}

// ── National dashboard ──────────────────────────────────────────────────────────────────────

export interface DashboardQuery {
  level: AreaLevel;
  code?: string;
  month?: string;
}

export function useDashboard(q: DashboardQuery, enabled = true) {
  return useQuery({
    queryKey: networkKey(ADMIN, 'dashboard', q),
    queryFn: ({ signal }) => api<Dashboard>(`${ADMIN_BASE}/dashboard`, { query: { ...q }, signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useTileMap(month: string | undefined) {
  return useQuery({
    queryKey: networkKey(ADMIN, 'tile-map', month ?? ''),
    queryFn: ({ signal }) => api<TileMap>(`${ADMIN_BASE}/tile-map`, { query: { month }, signal }),
  });
}

// ── Registry ────────────────────────────────────────────────────────────────────────────────

export interface RegistryFilters {
  q?: string;
  province?: string;
  regency?: string;
  formationModel?: string;
  governance?: string;
  synthetic?: string;
}

export function useRegistry(f: RegistryFilters, enabled = true) {
  return useInfiniteQuery({
    queryKey: networkKey(ADMIN, 'registry', f),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) =>
      api<RegistryPage>(`${ADMIN_BASE}/cooperatives`, { signal, query: { ...f, cursor: pageParam, limit: 30 } }),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled,
  });
}

/** A cooperative's registry entry: any one for the ministry, its own for a cooperative. */
export function useEntry(s: NetworkScope, coopId: string, enabled = true) {
  const path = s.kind === 'admin' ? `${ADMIN_BASE}/cooperatives/${coopId}` : `${baseOf(s)}/profile`;
  return useQuery({ queryKey: networkKey(s, 'entry', coopId), queryFn: () => api<RegistryEntry>(path), enabled });
}

const entryPath = (s: NetworkScope, coopId: string) => (s.kind === 'admin' ? `${ADMIN_BASE}/cooperatives/${coopId}` : baseOf(s));

export function useSaveProfile(s: NetworkScope, coopId: string) {
  const done = useInvalidate();
  return useMutation({
    mutationFn: (body: ProfileBody) => api<RegistryEntry>(`${entryPath(s, coopId)}/profile`, { method: 'PUT', body }),
    onSuccess: done,
  });
}

export function useDeclareOfficers(s: NetworkScope, coopId: string) {
  const done = useInvalidate();
  return useMutation({
    mutationFn: (body: OfficersBody) => api<RegistryEntry>(`${entryPath(s, coopId)}/officers`, { method: 'PUT', body }),
    onSuccess: done,
  });
}

export function useRecordRat(s: NetworkScope, coopId: string) {
  const done = useInvalidate();
  return useMutation({
    mutationFn: (body: { financialYear: number; heldOn: string }) =>
      api<RegistryEntry>(`${entryPath(s, coopId)}/rat`, { method: 'POST', body }),
    onSuccess: done,
  });
}

// ── Partnerships ────────────────────────────────────────────────────────────────────────────

export function usePartners(s: NetworkScope) {
  return useQuery({ queryKey: networkKey(s, 'partners'), queryFn: () => api<Items<Partner>>(`${baseOf(s)}/partners`) });
}

export function useCreatePartner() {
  const done = useInvalidate();
  return useMutation({
    mutationFn: (body: PartnerBody) => api<Partner>(`${ADMIN_BASE}/partners`, { method: 'POST', body }),
    onSuccess: done,
  });
}

export function usePartnerships(s: NetworkScope, f: { stage?: PartnershipStage; cooperativeId?: string }) {
  return useInfiniteQuery({
    queryKey: networkKey(s, 'partnerships', f),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) =>
      api<Page<Partnership>>(`${baseOf(s)}/partnerships`, { signal, query: { ...f, cursor: pageParam, limit: 50 } }),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function usePartnership(s: NetworkScope, id: string) {
  return useQuery({
    queryKey: networkKey(s, 'partnership', id),
    queryFn: () => api<PartnershipDetail>(`${baseOf(s)}/partnerships/${id}`),
  });
}

/** Proposes a partnership; the ministry names the cooperative, a cooperative proposes its own. */
export function useProposePartnership(s: NetworkScope) {
  const done = useInvalidate();
  return useMutation({
    mutationFn: (body: PartnershipBody | Omit<PartnershipBody, 'cooperativeId'>) =>
      api<PartnershipDetail>(`${baseOf(s)}/partnerships`, { method: 'POST', body }),
    onSuccess: done,
  });
}

export function useMoveStage(s: NetworkScope, id: string) {
  const done = useInvalidate();
  return useMutation({
    mutationFn: (body: { to: PartnershipStage; on?: string; note?: string }) =>
      api<PartnershipDetail>(`${baseOf(s)}/partnerships/${id}/stage`, { method: 'POST', body }),
    onSuccess: done,
  });
}

export function useAddDocument(s: NetworkScope, id: string) {
  const done = useInvalidate();
  return useMutation({
    mutationFn: (body: DocumentBody) => api(`${baseOf(s)}/partnerships/${id}/documents`, { method: 'POST', body }),
    onSuccess: done,
  });
}

// ── Internship: programmes, batches, participants, sessions ─────────────────────────────────

export function useProgrammes() {
  return useQuery({ queryKey: networkKey(ADMIN, 'programmes'), queryFn: () => api<Items<Programme>>(`${ADMIN_BASE}/programmes`) });
}

export function useProgramme(id: string) {
  return useQuery({ queryKey: networkKey(ADMIN, 'programme', id), queryFn: () => api<Programme>(`${ADMIN_BASE}/programmes/${id}`) });
}

export function useHosts() {
  return useQuery({ queryKey: networkKey(ADMIN, 'hosts'), queryFn: () => api<Items<Host>>(`${ADMIN_BASE}/hosts`) });
}

export function useCreateHost() {
  const done = useInvalidate();
  return useMutation({
    mutationFn: (body: { name: string; sector: Host['sector']; location: string }) =>
      api<Host>(`${ADMIN_BASE}/hosts`, { method: 'POST', body }),
    onSuccess: done,
  });
}

export function useCreateProgramme() {
  const done = useInvalidate();
  return useMutation({
    mutationFn: (body: { name: string; year: number; description?: string | null; hostIds: string[]; minAttendancePct: number }) =>
      api<Programme>(`${ADMIN_BASE}/programmes`, { method: 'POST', body }),
    onSuccess: done,
  });
}

export function useBatches(programmeId: string) {
  return useQuery({
    queryKey: networkKey(ADMIN, 'batches', programmeId),
    queryFn: () => api<Items<Batch>>(`${ADMIN_BASE}/programmes/${programmeId}/batches`),
  });
}

export function useCreateBatch(programmeId: string) {
  const done = useInvalidate();
  return useMutation({
    mutationFn: (body: BatchBody) => api<Batch>(`${ADMIN_BASE}/programmes/${programmeId}/batches`, { method: 'POST', body }),
    onSuccess: done,
  });
}

export function useBatch(id: string) {
  return useQuery({ queryKey: networkKey(ADMIN, 'batch', id), queryFn: () => api<Batch>(`${ADMIN_BASE}/batches/${id}`) });
}

export function useParticipants(batchId: string) {
  return useQuery({
    queryKey: networkKey(ADMIN, 'participants', batchId),
    queryFn: () => api<Items<Participant>>(`${ADMIN_BASE}/batches/${batchId}/participants`),
  });
}

export function useNominate(batchId: string) {
  const done = useInvalidate();
  return useMutation({
    mutationFn: (body: { cooperativeId: string; officerId: string }) =>
      api<Participant>(`${ADMIN_BASE}/batches/${batchId}/participants`, { method: 'POST', body }),
    onSuccess: done,
  });
}

export function useSetStatus() {
  const done = useInvalidate();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string; to: 'accepted' | 'attending' | 'rejected' | 'withdrawn'; reason?: string }) =>
      api<Participant>(`${ADMIN_BASE}/participants/${id}/status`, { method: 'POST', body }),
    onSuccess: done,
  });
}

export function useSessions(batchId: string) {
  return useQuery({
    queryKey: networkKey(ADMIN, 'sessions', batchId),
    queryFn: () => api<Items<Session>>(`${ADMIN_BASE}/batches/${batchId}/sessions`),
  });
}

export function useAddSession(batchId: string) {
  const done = useInvalidate();
  return useMutation({
    mutationFn: (body: SessionBody) => api<Session>(`${ADMIN_BASE}/batches/${batchId}/sessions`, { method: 'POST', body }),
    onSuccess: done,
  });
}

export function useAttendance(sessionId: string) {
  return useQuery({
    queryKey: networkKey(ADMIN, 'attendance', sessionId),
    queryFn: () => api<Items<AttendanceRow>>(`${ADMIN_BASE}/sessions/${sessionId}/attendance`),
  });
}

export function useRecordAttendance(sessionId: string) {
  const done = useInvalidate();
  return useMutation({
    mutationFn: (entries: { participantId: string; present: boolean }[]) =>
      api<Items<AttendanceRow>>(`${ADMIN_BASE}/sessions/${sessionId}/attendance`, { method: 'PUT', body: { entries } }),
    onSuccess: done,
  });
}

export function useIssueCertificates(batchId: string) {
  const done = useInvalidate();
  return useMutation({
    mutationFn: () => api<CertificateRun>(`${ADMIN_BASE}/batches/${batchId}/certificates`, { method: 'POST' }),
    onSuccess: done,
  });
}

export function useParticipant(id: string) {
  return useQuery({
    queryKey: networkKey(ADMIN, 'participant', id),
    queryFn: () => api<ParticipantDetail>(`${ADMIN_BASE}/participants/${id}`),
  });
}

export function useSaveAssessment(id: string) {
  const done = useInvalidate();
  return useMutation({
    mutationFn: (scores: Scores) =>
      api<ParticipantDetail>(`${ADMIN_BASE}/participants/${id}/assessment`, { method: 'PUT', body: { scores } }),
    onSuccess: done,
  });
}

export function useSaveActionPlan(id: string) {
  const done = useInvalidate();
  return useMutation({
    mutationFn: (items: ActionItemBody[]) =>
      api<Items<ActionItem>>(`${ADMIN_BASE}/participants/${id}/action-plan`, { method: 'PUT', body: { items } }),
    onSuccess: done,
  });
}

// ── Outcomes ────────────────────────────────────────────────────────────────────────────────

export function useMeasures(s: NetworkScope) {
  return useQuery({
    queryKey: networkKey(s, 'measures'),
    queryFn: () => api<Items<Measure>>(`${baseOf(s)}/measures`),
    staleTime: 10 * 60_000,
  });
}

export function useReportProgress(s: NetworkScope) {
  const done = useInvalidate();
  return useMutation({
    mutationFn: ({ itemId, ...body }: { itemId: string; value: string; asOf: string; note?: string }) =>
      api<ActionItem>(`${baseOf(s)}/action-items/${itemId}/reports`, { method: 'POST', body }),
    onSuccess: done,
  });
}

export function useAlumni(by: 'batch' | 'host' | 'province', programmeId?: string) {
  return useQuery({
    queryKey: networkKey(ADMIN, 'alumni', by, programmeId ?? ''),
    queryFn: () => api<Items<AlumniRow>>(`${ADMIN_BASE}/alumni`, { query: { by, programmeId } }),
    placeholderData: keepPreviousData,
  });
}

// ── A cooperative's own ─────────────────────────────────────────────────────────────────────

export function useComparison(coopId: string) {
  return useQuery({
    queryKey: networkKey({ kind: 'coop', coopId }, 'comparison'),
    queryFn: () => api<Comparison>(`/api/coops/${coopId}/network/comparison`),
  });
}

export function useOpenBatches(coopId: string) {
  return useQuery({
    queryKey: networkKey({ kind: 'coop', coopId }, 'open-batches'),
    queryFn: () => api<Items<Batch>>(`/api/coops/${coopId}/network/batches`),
  });
}

export function useCoopParticipants(coopId: string) {
  return useQuery({
    queryKey: networkKey({ kind: 'coop', coopId }, 'participants'),
    queryFn: () => api<Items<ParticipantDetail>>(`/api/coops/${coopId}/network/participants`),
  });
}

export function useCoopNominate(coopId: string) {
  const done = useInvalidate();
  return useMutation({
    mutationFn: (body: { batchId: string; officerId: string }) =>
      api<Participant>(`/api/coops/${coopId}/network/nominations`, { method: 'POST', body }),
    onSuccess: done,
  });
}

export function useWithdraw(coopId: string) {
  const done = useInvalidate();
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason?: string }) =>
      api<Participant>(`/api/coops/${coopId}/network/participants/${id}/withdraw`, { method: 'POST', body: { reason } }),
    onSuccess: done,
  });
}
