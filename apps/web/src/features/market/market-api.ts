/** The market link API as the web pages use it: types from the shared contract, one hook per call. */
import type {
  ageing,
  contract,
  contractInput,
  creditNoteInput,
  delivery,
  deliveryInput,
  deliveryList,
  fillRate,
  invoice,
  invoiceInput,
  invoiceList,
  partner,
  partnerInput,
  PartnerUpdate,
  payment,
  PaymentInput,
  PoImportReport,
  purchaseOrder,
  PurchaseOrderInput,
  purchaseOrderList,
  ReceiptInput,
  statement,
  StoreInput,
  fulfilmentPlan,
  deliveryRoute,
  deliveryRouteInput,
  invoiceTrace,
  marginReport,
  reminders,
} from '@kopdes/shared/market';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, ApiError } from '../../api/client.js';
import { currentLang } from '../../i18n/index.js';

export type Partner = z.infer<typeof partner>;
export type Store = Partner['stores'][number];
export type Contract = z.infer<typeof contract>;
export type ContractItem = Contract['items'][number];
export type PurchaseOrder = z.infer<typeof purchaseOrder>;
export type PurchaseOrderSummary = z.infer<typeof purchaseOrderList>['items'][number];
export type FulfilmentPlan = z.infer<typeof fulfilmentPlan>;
export type Delivery = z.infer<typeof delivery>;
export type DeliverySummary = z.infer<typeof deliveryList>['items'][number];
export type Invoice = z.infer<typeof invoice>;
export type InvoiceSummary = z.infer<typeof invoiceList>['items'][number];
export type Payment = z.infer<typeof payment>;
export type Ageing = z.infer<typeof ageing>;
export type Statement = z.infer<typeof statement>;
export type FillRate = z.infer<typeof fillRate>;
export type DeliveryRoute = z.infer<typeof deliveryRoute>;
export type Reminders = z.infer<typeof reminders>;
export type MarginReport = z.infer<typeof marginReport>;
export type InvoiceTrace = z.infer<typeof invoiceTrace>;
export type { PoImportReport };

const base = (coopId: string) => `/api/coops/${coopId}/market`;
/** Everything of the market module: one posting refreshes lists, plans, invoices and ageing at once. */
export const marketKey = (coopId: string, ...rest: unknown[]) => ['coop', coopId, 'market', ...rest] as const;

/** Links to the server's PDFs, opened by the browser with the session cookie. */
export const docs = {
  deliveryNote: (coopId: string, deliveryId: string) => `${base(coopId)}/deliveries/${deliveryId}/note.pdf`,
  invoice: (coopId: string, invoiceId: string) => `${base(coopId)}/invoices/${invoiceId}/document.pdf`,
  pickingList: (coopId: string, date: string, locationId?: string) =>
    `${base(coopId)}/picking-list.pdf?${new URLSearchParams({ date, ...(locationId ? { locationId } : {}) })}`,
  routeSheet: (coopId: string, routeId: string) => `${base(coopId)}/delivery-routes/${routeId}/sheet.pdf`,
};

// ── partners and contracts ──────────────────────────────────────────────────────────────────

export function usePartners(coopId: string, f: { q?: string; kind?: string; active?: 'true' | 'false' | 'all' } = {}) {
  return useQuery({
    queryKey: marketKey(coopId, 'partners', f),
    queryFn: () => api<{ items: Partner[] }>(`${base(coopId)}/partners`, { query: f }),
    placeholderData: keepPreviousData,
  });
}

export function usePartner(coopId: string, partnerId: string | null) {
  return useQuery({
    queryKey: marketKey(coopId, 'partner', partnerId),
    queryFn: () => api<Partner>(`${base(coopId)}/partners/${partnerId}`),
    enabled: !!partnerId,
  });
}

export function useContracts(coopId: string, partnerId: string | null) {
  return useQuery({
    queryKey: marketKey(coopId, 'contracts', partnerId),
    queryFn: () => api<{ items: Contract[] }>(`${base(coopId)}/partners/${partnerId}/contracts`),
    enabled: !!partnerId,
  });
}

export function useSavePartner(coopId: string, partnerId: string | null) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof partnerInput> | PartnerUpdate) =>
      partnerId
        ? api<Partner>(`${base(coopId)}/partners/${partnerId}`, { method: 'PATCH', body })
        : api<Partner>(`${base(coopId)}/partners`, { method: 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: marketKey(coopId) }),
  });
}

/** Adds a store to a partner, or changes one (`storeId`). */
export function useSaveStore(coopId: string, partnerId: string, storeId: string | null) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Partial<StoreInput> & { active?: boolean }) =>
      storeId
        ? api<Partner>(`${base(coopId)}/stores/${storeId}`, { method: 'PATCH', body })
        : api<Partner>(`${base(coopId)}/partners/${partnerId}/stores`, { method: 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: marketKey(coopId) }),
  });
}

export function useCreateContract(coopId: string, partnerId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof contractInput>) =>
      api<Contract>(`${base(coopId)}/partners/${partnerId}/contracts`, { method: 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: marketKey(coopId) }),
  });
}

export function useStatement(coopId: string, partnerId: string, period: { from?: string; to?: string }) {
  return useQuery({
    queryKey: marketKey(coopId, 'statement', partnerId, period),
    queryFn: () => api<Statement>(`${base(coopId)}/partners/${partnerId}/statement`, { query: period }),
    placeholderData: keepPreviousData,
  });
}

// ── purchase orders ─────────────────────────────────────────────────────────────────────────

export interface OrderFilters {
  partnerId?: string;
  deliveryDate?: string;
  from?: string;
  to?: string;
}

export function usePurchaseOrders(coopId: string, f: OrderFilters) {
  return useQuery({
    queryKey: marketKey(coopId, 'orders', f),
    queryFn: () => api<{ items: PurchaseOrderSummary[] }>(`${base(coopId)}/purchase-orders`, { query: { ...f, limit: 200 } }),
    placeholderData: keepPreviousData,
  });
}

export function usePurchaseOrder(coopId: string, id: string | null) {
  return useQuery({
    queryKey: marketKey(coopId, 'order', id),
    queryFn: () => api<PurchaseOrder>(`${base(coopId)}/purchase-orders/${id}`),
    enabled: !!id,
  });
}

export function useCreatePurchaseOrder(coopId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: PurchaseOrderInput; idempotencyKey: string }) =>
      api<PurchaseOrder>(`${base(coopId)}/purchase-orders`, { method: 'POST', body, idempotencyKey }),
    onSuccess: () => qc.invalidateQueries({ queryKey: marketKey(coopId) }),
  });
}

/**
 * Sends a buyer's PO file to the import route as the raw body with its type (the `api` client
 * speaks JSON only). A commit refused for bad orders answers 422 with the report inside: the
 * report is returned so the page can show which orders are wrong.
 */
export async function uploadOrders(
  coopId: string,
  file: File,
  o: { partnerId: string; mode: 'dry_run' | 'commit'; csrfToken: string | null },
): Promise<PoImportReport> {
  const isCsv = /\.csv$/i.test(file.name) || file.type === 'text/csv';
  const qs = new URLSearchParams({ partnerId: o.partnerId, mode: o.mode, filename: file.name });
  const headers: Record<string, string> = {
    accept: 'application/json',
    'accept-language': currentLang(),
    'content-type': isCsv ? 'text/csv' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  };
  if (o.csrfToken) headers['x-csrf-token'] = o.csrfToken;
  let res: Response;
  try {
    res = await fetch(`${base(coopId)}/purchase-orders/import?${qs}`, { method: 'POST', headers, body: file, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'network', currentLang() === 'en' ? 'Cannot reach the server' : 'Tidak dapat terhubung ke server');
  }
  const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  if (res.ok) return body as unknown as PoImportReport;
  if (body.report) return body.report as PoImportReport;
  const errors = (body.errors as { field: string; message: string }[] | undefined) ?? [];
  throw new ApiError(
    res.status,
    String(body.code ?? `http_${res.status}`),
    String(body.detail ?? body.title ?? `HTTP ${res.status}`),
    Object.fromEntries(errors.map((e) => [e.field, e.message])),
  );
}

export function useFillRate(coopId: string, period: { from: string; to: string } | null) {
  return useQuery({
    queryKey: marketKey(coopId, 'fill-rate', period),
    queryFn: () => api<FillRate>(`${base(coopId)}/reports/fill-rate`, { query: period! }),
    enabled: !!period,
    placeholderData: keepPreviousData,
  });
}

// ── fulfilment, deliveries, receiving ───────────────────────────────────────────────────────

export function useFulfilment(coopId: string, date: string, locationId?: string) {
  return useQuery({
    queryKey: marketKey(coopId, 'fulfilment', date, locationId ?? ''),
    queryFn: () => api<FulfilmentPlan>(`${base(coopId)}/fulfilment`, { query: { date, locationId } }),
    enabled: !!date,
    placeholderData: keepPreviousData,
  });
}

export function useDeliveries(coopId: string, f: { partnerId?: string; date?: string; uninvoiced?: 'true' | 'false' }, enabled = true) {
  return useQuery({
    queryKey: marketKey(coopId, 'deliveries', f),
    queryFn: () => api<{ items: DeliverySummary[] }>(`${base(coopId)}/deliveries`, { query: { ...f, limit: 500 } }),
    enabled,
    placeholderData: keepPreviousData,
  });
}

export function useDelivery(coopId: string, id: string | null) {
  return useQuery({
    queryKey: marketKey(coopId, 'delivery', id),
    queryFn: () => api<Delivery>(`${base(coopId)}/deliveries/${id}`),
    enabled: !!id,
  });
}

export function useDispatch(coopId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: z.input<typeof deliveryInput>; idempotencyKey: string }) =>
      api<Delivery>(`${base(coopId)}/deliveries`, { method: 'POST', body, idempotencyKey }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['coop', coopId] }),
  });
}

export function useRecordReceipt(coopId: string, deliveryId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: ReceiptInput; idempotencyKey: string }) =>
      api<Delivery>(`${base(coopId)}/deliveries/${deliveryId}/receipt`, { method: 'POST', body, idempotencyKey }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['coop', coopId] }),
  });
}

// ── invoices, credit notes, payments, ageing ────────────────────────────────────────────────

export function useInvoices(coopId: string, f: { partnerId?: string; open?: 'true' | 'false' }) {
  return useQuery({
    queryKey: marketKey(coopId, 'invoices', f),
    queryFn: () => api<{ items: InvoiceSummary[] }>(`${base(coopId)}/invoices`, { query: { ...f, limit: 500 } }),
    placeholderData: keepPreviousData,
  });
}

export function useInvoice(coopId: string, id: string | null) {
  return useQuery({
    queryKey: marketKey(coopId, 'invoice', id),
    queryFn: () => api<Invoice>(`${base(coopId)}/invoices/${id}`),
    enabled: !!id,
  });
}

export function useCreateInvoice(coopId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: z.input<typeof invoiceInput>; idempotencyKey: string }) =>
      api<Invoice>(`${base(coopId)}/invoices`, { method: 'POST', body, idempotencyKey }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['coop', coopId] }),
  });
}

export function useCreateCreditNote(coopId: string, invoiceId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: z.input<typeof creditNoteInput>; idempotencyKey: string }) =>
      api<Invoice>(`${base(coopId)}/invoices/${invoiceId}/credit-notes`, { method: 'POST', body, idempotencyKey }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['coop', coopId] }),
  });
}

export function useRecordPayment(coopId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: PaymentInput; idempotencyKey: string }) =>
      api<Payment>(`${base(coopId)}/payments`, { method: 'POST', body, idempotencyKey }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['coop', coopId] }),
  });
}

export function useAgeing(coopId: string, asOf?: string) {
  return useQuery({
    queryKey: marketKey(coopId, 'ageing', asOf ?? ''),
    queryFn: () => api<Ageing>(`${base(coopId)}/receivables/ageing`, { query: { asOf } }),
    placeholderData: keepPreviousData,
  });
}

export function useReminders(coopId: string, asOf?: string) {
  return useQuery({
    queryKey: marketKey(coopId, 'reminders', asOf ?? ''),
    queryFn: () => api<Reminders>(`${base(coopId)}/receivables/reminders`, { query: { asOf } }),
    placeholderData: keepPreviousData,
  });
}

export function useMargins(coopId: string, period: { from: string; to: string } | null) {
  return useQuery({
    queryKey: marketKey(coopId, 'margins', period),
    queryFn: () => api<MarginReport>(`${base(coopId)}/reports/margins`, { query: period! }),
    enabled: !!period,
    placeholderData: keepPreviousData,
  });
}

export function useInvoiceTrace(coopId: string, invoiceId: string, enabled: boolean) {
  return useQuery({
    queryKey: marketKey(coopId, 'invoice-trace', invoiceId),
    queryFn: () => api<InvoiceTrace>(`${base(coopId)}/invoices/${invoiceId}/trace`),
    enabled,
  });
}

// ── delivery routes (one truck, several stores) ─────────────────────────────────────────────

export function useDeliveryRoutes(coopId: string, date: string) {
  return useQuery({
    queryKey: marketKey(coopId, 'routes', date),
    queryFn: () => api<{ items: DeliveryRoute[] }>(`${base(coopId)}/delivery-routes`, { query: { date } }),
    placeholderData: keepPreviousData,
  });
}

export function useCreateDeliveryRoute(coopId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: z.input<typeof deliveryRouteInput>; idempotencyKey: string }) =>
      api<DeliveryRoute>(`${base(coopId)}/delivery-routes`, { method: 'POST', body, idempotencyKey }),
    onSuccess: () => qc.invalidateQueries({ queryKey: marketKey(coopId) }),
  });
}

export function useDeleteDeliveryRoute(coopId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (routeId: string) => api<unknown>(`${base(coopId)}/delivery-routes/${routeId}`, { method: 'DELETE' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: marketKey(coopId) }),
  });
}
