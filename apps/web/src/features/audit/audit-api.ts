import type { auditEntry } from '@kopdes/shared/audit';
import { useInfiniteQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../api/client.js';
import { zoneOffset } from '../../components/format.js';

export type AuditEntry = z.infer<typeof auditEntry>;

export interface AuditFilters {
  action?: string;
  entityType?: string;
  /** business dates `YYYY-MM-DD` in the cooperative's zone, both ends included */
  from?: string;
  to?: string;
}

/** A day in the cooperative's calendar as the instants the API filters by. */
export function dayBounds(day: string, timeZone: string) {
  const offset = zoneOffset(timeZone, new Date(`${day}T12:00:00Z`));
  return { start: `${day}T00:00:00${offset}`, end: `${day}T23:59:59.999${offset}` };
}

export function useAuditLog(coopId: string, timeZone: string, f: AuditFilters) {
  return useInfiniteQuery({
    queryKey: ['coop', coopId, 'audit', f],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) =>
      api<{ items: AuditEntry[]; nextCursor: string | null }>(`/api/coops/${coopId}/audit`, {
        signal,
        query: {
          action: f.action,
          entityType: f.entityType,
          from: f.from ? dayBounds(f.from, timeZone).start : undefined,
          to: f.to ? dayBounds(f.to, timeZone).end : undefined,
          cursor: pageParam,
          limit: 50,
        },
      }),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}
