/** The produce aggregation API as the web pages use it: types from the shared contract, one hook per call. */
import type {
  clusterList,
  collectionPoint,
  collectionPointInput,
  commodity,
  commodityInput,
  commodityList,
  commodityUpdate,
  expiryAlerts,
  farmer,
  farmerProfileInput,
  intake,
  intakeForm,
  intakeInput,
  intakePreview,
  location,
  locationInput,
  locationList,
  lossInput,
  lotList,
  nearbyCooperativeList,
  nearbyCooperativesQuery,
  lotTrace,
  packFormatInput,
  packingInput,
  payoutRun,
  payoutRunInput,
  payoutRunList,
  priceList,
  plot,
  plotInput,
  plotUpdate,
  priceListInput,
  purchase,
  purchaseInput,
  purchaseList,
  purchasePaymentInput,
  purchaseVoidInput,
  stockCountInput,
  stockDocument,
  supplierFromRegistryInput,
  transferInput,
  valuation,
} from '@kopdes/shared/produce';
import type { partner } from '@kopdes/shared/market';
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../api/client.js';

export type IntakeForm = z.infer<typeof intakeForm>;
export type IntakeBody = z.input<typeof intakeInput>;
export type IntakePreview = z.infer<typeof intakePreview>;
export type Intake = z.infer<typeof intake>;
export type Lot = z.infer<typeof lotList>['items'][number];
export type LotTrace = z.infer<typeof lotTrace>;
export type ExpiryAlerts = z.infer<typeof expiryAlerts>;
export type Valuation = z.infer<typeof valuation>;
export type Commodity = z.infer<typeof commodityList>['items'][number];
export type PriceList = z.infer<typeof priceList>;
export type PriceListBody = z.input<typeof priceListInput>;
export type StockLocation = z.infer<typeof locationList>['items'][number];
export type LossBody = z.input<typeof lossInput>;
export type PackingBody = z.input<typeof packingInput>;
export type StockDocument = z.infer<typeof stockDocument>;
export type PayoutRun = z.infer<typeof payoutRun>;
export type PayoutRunSummary = z.infer<typeof payoutRunList>['items'][number];
export type PayoutRunBody = z.input<typeof payoutRunInput>;
export type CommodityDetail = z.infer<typeof commodity>;
export type CommodityBody = z.input<typeof commodityInput>;
export type CommodityUpdateBody = z.input<typeof commodityUpdate>;
export type PackFormatBody = z.input<typeof packFormatInput>;
export type Farmer = z.infer<typeof farmer>;
export type FarmerProfileBody = z.input<typeof farmerProfileInput>;
export type Plot = z.infer<typeof plot>;
export type PlotBody = z.input<typeof plotInput>;
export type PlotUpdateBody = z.input<typeof plotUpdate>;
export type Cluster = z.infer<typeof clusterList>['items'][number];
export type CollectionPoint = z.infer<typeof collectionPoint>;
export type CollectionPointBody = z.input<typeof collectionPointInput>;
export type LocationRow = z.infer<typeof location>;
export type LocationBody = z.input<typeof locationInput>;
export type TransferBody = z.input<typeof transferInput>;
export type StockCountBody = z.input<typeof stockCountInput>;
export type Purchase = z.infer<typeof purchase>;
export type PurchaseList = z.infer<typeof purchaseList>;
export type PurchaseBody = z.input<typeof purchaseInput>;
export type PurchasePaymentBody = z.input<typeof purchasePaymentInput>;
export type PurchaseVoidBody = z.input<typeof purchaseVoidInput>;
export type PurchaseStatus = Purchase['status'];
export type NearbyCooperative = z.infer<typeof nearbyCooperativeList>['items'][number];
export type NearbyQuery = Partial<Pick<z.input<typeof nearbyCooperativesQuery>, 'commodityId' | 'within'>>;

const base = (coopId: string) => `/api/coops/${coopId}/produce`;
const key = (coopId: string, ...rest: unknown[]) => ['coop', coopId, 'produce', ...rest] as const;

/** Links to the server's documents (PDF, CSV): opened by the browser with the session cookie. */
export const docs = {
  intakeSlip: (coopId: string, intakeId: string) => `${base(coopId)}/intakes/${intakeId}/slip.pdf`,
  intakeLabels: (coopId: string, intakeId: string) => `${base(coopId)}/intakes/${intakeId}/labels.pdf`,
  lotLabel: (coopId: string, lotId: string) => `${base(coopId)}/lots/${lotId}/label.pdf`,
  bankFile: (coopId: string, runId: string) => `${base(coopId)}/payout-runs/${runId}/bank-file.csv`,
  runSlips: (coopId: string, runId: string) => `${base(coopId)}/payout-runs/${runId}/slips.pdf`,
  payoutSlip: (coopId: string, payoutId: string) => `${base(coopId)}/payouts/${payoutId}/slip.pdf`,
};

export function useIntakeForm(coopId: string, collectionPointId?: string) {
  return useQuery({
    queryKey: key(coopId, 'intake-form', collectionPointId ?? ''),
    queryFn: () => api<IntakeForm>(`${base(coopId)}/intake-form`, { query: { collectionPointId } }),
    placeholderData: keepPreviousData,
  });
}

export function usePreviewIntake(coopId: string) {
  return useMutation({
    mutationFn: (body: IntakeBody) => api<IntakePreview>(`${base(coopId)}/intakes/preview`, { method: 'POST', body }),
  });
}

export function useRecordIntake(coopId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: IntakeBody; idempotencyKey: string }) =>
      api<Intake>(`${base(coopId)}/intakes`, { method: 'POST', body, idempotencyKey }),
    onSuccess: () => qc.invalidateQueries({ queryKey: key(coopId) }),
  });
}

export interface LotFilters {
  commodityId?: string;
  grade?: string;
  locationId?: string;
  q?: string;
  expiry?: 'fresh' | 'expiring' | 'expired';
}

/** The stock list a page at a time, searched and filtered on the server, first-expired first. */
export function useLotPages(coopId: string, filters: LotFilters, pageSize = 20) {
  return useInfiniteQuery({
    queryKey: key(coopId, 'lots', 'pages', filters, pageSize),
    initialPageParam: 0,
    queryFn: ({ pageParam, signal }) =>
      api<{ items: Lot[]; nextOffset: number | null }>(`${base(coopId)}/lots`, {
        signal,
        query: { ...filters, offset: pageParam, limit: pageSize },
      }),
    getNextPageParam: (last) => last.nextOffset ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export function useLots(coopId: string, filters: { commodityId?: string; grade?: string; locationId?: string }) {
  return useQuery({
    queryKey: key(coopId, 'lots', filters),
    queryFn: () => api<{ items: Lot[] }>(`${base(coopId)}/lots`, { query: { ...filters, limit: 500 } }),
    placeholderData: keepPreviousData,
  });
}

export function useLotTrace(coopId: string, lotId: string | null) {
  return useQuery({
    queryKey: key(coopId, 'trace', lotId),
    queryFn: () => api<LotTrace>(`${base(coopId)}/lots/${lotId}/trace`),
    enabled: !!lotId,
  });
}

export function useExpiryAlerts(coopId: string) {
  return useQuery({ queryKey: key(coopId, 'alerts'), queryFn: () => api<ExpiryAlerts>(`${base(coopId)}/stock/alerts`) });
}

export function useValuation(coopId: string) {
  return useQuery({ queryKey: key(coopId, 'valuation'), queryFn: () => api<Valuation>(`${base(coopId)}/stock/valuation`) });
}

export function useCommodities(coopId: string) {
  return useQuery({
    queryKey: key(coopId, 'commodities'),
    queryFn: () => api<{ items: Commodity[] }>(`${base(coopId)}/commodities`),
    staleTime: 5 * 60_000,
  });
}

export function useLocations(coopId: string) {
  return useQuery({
    queryKey: key(coopId, 'locations'),
    queryFn: () => api<{ items: StockLocation[] }>(`${base(coopId)}/locations`),
    staleTime: 5 * 60_000,
  });
}

export function useRecordLoss(coopId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: LossBody; idempotencyKey: string }) =>
      api<StockDocument>(`${base(coopId)}/losses`, { method: 'POST', body, idempotencyKey }),
    onSuccess: () => qc.invalidateQueries({ queryKey: key(coopId) }),
  });
}

export function usePack(coopId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: PackingBody; idempotencyKey: string }) =>
      api<StockDocument>(`${base(coopId)}/packings`, { method: 'POST', body, idempotencyKey }),
    onSuccess: () => qc.invalidateQueries({ queryKey: key(coopId) }),
  });
}

export function usePrices(coopId: string, date?: string) {
  return useQuery({
    queryKey: key(coopId, 'prices', date ?? ''),
    queryFn: () => api<PriceList>(`${base(coopId)}/prices`, { query: { date } }),
    placeholderData: keepPreviousData,
  });
}

export function useSetPrices(coopId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: PriceListBody) => api<PriceList>(`${base(coopId)}/prices`, { method: 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: key(coopId) }),
  });
}

export function usePayoutPreview(coopId: string, period: { from: string; to: string } | null) {
  return useQuery({
    queryKey: key(coopId, 'payout-preview', period),
    queryFn: () => api<PayoutRun>(`${base(coopId)}/payouts/preview`, { query: period! }),
    enabled: !!period,
  });
}

export function usePayoutRuns(coopId: string) {
  return useQuery({
    queryKey: key(coopId, 'payout-runs'),
    queryFn: () => api<{ items: PayoutRunSummary[] }>(`${base(coopId)}/payout-runs`),
  });
}

export function usePayoutRun(coopId: string, runId: string | null) {
  return useQuery({
    queryKey: key(coopId, 'payout-run', runId),
    queryFn: () => api<PayoutRun>(`${base(coopId)}/payout-runs/${runId}`),
    enabled: !!runId,
  });
}

export function useRunPayouts(coopId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: PayoutRunBody; idempotencyKey: string }) =>
      api<PayoutRun>(`${base(coopId)}/payout-runs`, { method: 'POST', body, idempotencyKey }),
    onSuccess: () => qc.invalidateQueries({ queryKey: key(coopId) }),
  });
}

// ── catalogue ───────────────────────────────────────────────────────────────────────────────

export function useCommodity(coopId: string, commodityId: string) {
  return useQuery({
    queryKey: key(coopId, 'commodity', commodityId),
    queryFn: () => api<CommodityDetail>(`${base(coopId)}/commodities/${commodityId}`),
  });
}

/** Adds a commodity (no id) or changes one. */
export function useSaveCommodity(coopId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: null; body: CommodityBody } | { id: string; body: CommodityUpdateBody }) =>
      v.id === null
        ? api<CommodityDetail>(`${base(coopId)}/commodities`, { method: 'POST', body: v.body })
        : api<CommodityDetail>(`${base(coopId)}/commodities/${v.id}`, { method: 'PATCH', body: v.body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: key(coopId) }),
  });
}

export function useAddPackFormat(coopId: string, commodityId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: PackFormatBody) =>
      api<CommodityDetail>(`${base(coopId)}/commodities/${commodityId}/pack-formats`, { method: 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: key(coopId) }),
  });
}

export function useSetPackFormatActive(coopId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, active }: { id: string; active: boolean }) =>
      api<CommodityDetail>(`${base(coopId)}/pack-formats/${id}/active`, { method: 'PUT', body: { active } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: key(coopId) }),
  });
}

// ── farmers, plots, collection points, locations ───────────────────────────────────────────

export function useFarmers(coopId: string, filters: { q?: string; clusterId?: string }) {
  return useQuery({
    queryKey: key(coopId, 'farmers', filters),
    queryFn: () => api<{ items: Farmer[] }>(`${base(coopId)}/farmers`, { query: filters }),
    placeholderData: keepPreviousData,
  });
}

export function useFarmer(coopId: string, memberId: string) {
  return useQuery({
    queryKey: key(coopId, 'farmer', memberId),
    queryFn: () => api<Farmer>(`${base(coopId)}/farmers/${memberId}`),
  });
}

export function useSaveFarmerProfile(coopId: string, memberId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: FarmerProfileBody) => api<Farmer>(`${base(coopId)}/farmers/${memberId}`, { method: 'PUT', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: key(coopId) }),
  });
}

/** Adds a plot to a farmer (no plot id) or changes one. */
export function useSavePlot(coopId: string, memberId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { plotId: null; body: PlotBody } | { plotId: string; body: PlotUpdateBody }) =>
      v.plotId === null
        ? api<Plot>(`${base(coopId)}/farmers/${memberId}/plots`, { method: 'POST', body: v.body })
        : api<Plot>(`${base(coopId)}/plots/${v.plotId}`, { method: 'PATCH', body: v.body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: key(coopId) }),
  });
}

export function useClusters(coopId: string) {
  return useQuery({
    queryKey: key(coopId, 'clusters'),
    queryFn: () => api<{ items: Cluster[] }>(`${base(coopId)}/clusters`),
    staleTime: 5 * 60_000,
  });
}

export function useCollectionPoints(coopId: string) {
  return useQuery({
    queryKey: key(coopId, 'collection-points'),
    queryFn: () => api<{ items: CollectionPoint[] }>(`${base(coopId)}/collection-points`),
  });
}

export function useSaveCollectionPoint(coopId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string | null; body: CollectionPointBody }) =>
      id === null
        ? api<CollectionPoint>(`${base(coopId)}/collection-points`, { method: 'POST', body })
        : api<CollectionPoint>(`${base(coopId)}/collection-points/${id}`, { method: 'PATCH', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: key(coopId) }),
  });
}

export function useSaveLocation(coopId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string | null; body: LocationBody }) =>
      id === null
        ? api<LocationRow>(`${base(coopId)}/locations`, { method: 'POST', body })
        : api<LocationRow>(`${base(coopId)}/locations/${id}`, { method: 'PATCH', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: key(coopId) }),
  });
}

// ── stock movements ─────────────────────────────────────────────────────────────────────────

export function useTransfer(coopId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: TransferBody; idempotencyKey: string }) =>
      api<StockDocument>(`${base(coopId)}/transfers`, { method: 'POST', body, idempotencyKey }),
    onSuccess: () => qc.invalidateQueries({ queryKey: key(coopId) }),
  });
}

export function useStockCount(coopId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: StockCountBody; idempotencyKey: string }) =>
      api<StockDocument>(`${base(coopId)}/stock-counts`, { method: 'POST', body, idempotencyKey }),
    onSuccess: () => qc.invalidateQueries({ queryKey: key(coopId) }),
  });
}

export function useStockDocument(coopId: string, documentId: string | null) {
  return useQuery({
    queryKey: key(coopId, 'stock-document', documentId),
    queryFn: () => api<StockDocument>(`${base(coopId)}/stock-documents/${documentId}`),
    enabled: !!documentId,
  });
}

// ── purchases from other cooperatives ──────────────────────────────────────────────────────

export interface PurchaseFilters {
  status?: PurchaseStatus;
  partnerId?: string;
  commodityId?: string;
  from?: string;
  to?: string;
}

/** The purchases a page at a time, newest first, with what is still owed on credit purchases. */
export function usePurchasePages(coopId: string, filters: PurchaseFilters, pageSize = 50) {
  return useInfiniteQuery({
    queryKey: key(coopId, 'purchases', 'pages', filters, pageSize),
    initialPageParam: 0,
    queryFn: ({ pageParam, signal }) =>
      api<PurchaseList>(`${base(coopId)}/purchases`, { signal, query: { ...filters, offset: pageParam, limit: pageSize } }),
    getNextPageParam: (last, pages) => {
      const loaded = pages.reduce((n, p) => n + p.items.length, 0);
      return loaded < last.total && last.items.length > 0 ? loaded : undefined;
    },
    placeholderData: keepPreviousData,
  });
}

/** What is still owed on credit purchases, whatever the list on screen is filtered by. */
export function useOpenPurchases(coopId: string) {
  return useQuery({
    queryKey: key(coopId, 'purchases', 'open'),
    queryFn: () => api<PurchaseList>(`${base(coopId)}/purchases`, { query: { status: 'open', limit: 1 } }),
  });
}

export function usePurchase(coopId: string, purchaseId: string) {
  return useQuery({
    queryKey: key(coopId, 'purchase', purchaseId),
    queryFn: () => api<Purchase>(`${base(coopId)}/purchases/${purchaseId}`),
  });
}

/** Stock, the ledger and the supplier's payable all move: refresh produce and market alike. */
function useAfterPurchase(coopId: string) {
  const qc = useQueryClient();
  return () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: key(coopId) }),
      qc.invalidateQueries({ queryKey: ['coop', coopId, 'market'] }),
      qc.invalidateQueries({ queryKey: ['coop', coopId, 'ledger'] }),
    ]);
}

export function useRecordPurchase(coopId: string) {
  const refresh = useAfterPurchase(coopId);
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: PurchaseBody; idempotencyKey: string }) =>
      api<Purchase>(`${base(coopId)}/purchases`, { method: 'POST', body, idempotencyKey }),
    onSuccess: refresh,
  });
}

export function usePayPurchase(coopId: string, purchaseId: string) {
  const refresh = useAfterPurchase(coopId);
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: PurchasePaymentBody; idempotencyKey: string }) =>
      api<Purchase>(`${base(coopId)}/purchases/${purchaseId}/payment`, { method: 'POST', body, idempotencyKey }),
    onSuccess: refresh,
  });
}

export function useVoidPurchase(coopId: string, purchaseId: string) {
  const refresh = useAfterPurchase(coopId);
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: PurchaseVoidBody; idempotencyKey: string }) =>
      api<Purchase>(`${base(coopId)}/purchases/${purchaseId}/void`, { method: 'POST', body, idempotencyKey }),
    onSuccess: refresh,
  });
}

/** Cooperatives in the network registry near this one, nearest first, for buying what the members cannot grow in time. */
export function useNearbyCooperatives(coopId: string, q: NearbyQuery) {
  return useQuery({
    queryKey: key(coopId, 'nearby-cooperatives', q),
    queryFn: ({ signal }) =>
      api<{ items: NearbyCooperative[]; total: number }>(`${base(coopId)}/nearby-cooperatives`, { signal, query: { ...q, limit: 100 } }),
    placeholderData: keepPreviousData,
  });
}

/** Makes a registry cooperative a supplier (a market partner of kind `cooperative`); returns the partner it already is, if any. */
export function useSupplierFromRegistry(coopId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: z.input<typeof supplierFromRegistryInput>; idempotencyKey: string }) =>
      api<z.infer<typeof partner>>(`/api/coops/${coopId}/market/partners/from-registry`, { method: 'POST', body, idempotencyKey }),
    onSuccess: () =>
      Promise.all([
        qc.invalidateQueries({ queryKey: key(coopId, 'nearby-cooperatives') }),
        qc.invalidateQueries({ queryKey: ['coop', coopId, 'market'] }),
      ]),
  });
}
