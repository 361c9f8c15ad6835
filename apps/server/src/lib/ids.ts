import { monotonicFactory } from 'ulid';

const next = monotonicFactory();

/**
 * Prefixed, time-sortable ids (`kop_01J…`, `usr_01J…`): the prefix tells a reader what an id is,
 * the ULID keeps inserts in index order.
 * @example newId('mbr') // 'mbr_01JD3K…'
 */
export function newId(prefix: string): string {
  return `${prefix}_${next()}`;
}
