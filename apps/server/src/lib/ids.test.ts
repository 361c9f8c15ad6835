import { describe, expect, it } from 'vitest';
import { newId, ulid } from './ids.js';

const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const timeOf = (id: string) => [...id.slice(0, 10)].reduce((n, c) => n * 32 + CROCKFORD.indexOf(c), 0);

describe('ids', () => {
  it('are prefixed ULIDs', () => {
    expect(newId('mbr')).toMatch(/^mbr_[0-9A-HJKMNP-TV-Z]{26}$/);
  });

  it('carry the time they were made in their first ten characters', () => {
    const before = Date.now();
    const id = ulid();
    const after = Date.now();
    expect(timeOf(id)).toBeGreaterThanOrEqual(before);
    expect(timeOf(id)).toBeLessThanOrEqual(after);
  });

  it('sort in the order they were made, also many within one millisecond, and never repeat', () => {
    const ids = Array.from({ length: 20_000 }, () => ulid());
    for (const id of ids) expect(id).toMatch(ULID);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('differ in their random part from one millisecond to the next', async () => {
    const a = ulid();
    await new Promise((r) => setTimeout(r, 3));
    const b = ulid();
    expect(timeOf(b)).toBeGreaterThan(timeOf(a));
    expect(b.slice(10)).not.toBe(a.slice(10));
  });
});
