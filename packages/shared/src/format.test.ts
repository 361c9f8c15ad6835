import { describe, it, expect } from 'vitest';
import { TIME_ZONES, formatDateId, formatDateTimeId, todayIn, zoneLabel } from './format.js';

describe('formatDateId', () => {
  it.each([
    ['2025-11-17', '17 November 2025'],
    ['2025-01-05', '5 Januari 2025'],
    ['2024-02-29', '29 Februari 2024'],
    ['2025-03-01', '1 Maret 2025'],
    ['2025-05-31', '31 Mei 2025'],
    ['2025-08-17', '17 Agustus 2025'],
    ['1999-12-31', '31 Desember 1999'],
  ])('%s → %s', (iso, shown) => expect(formatDateId(iso)).toBe(shown));

  it.each(['2025-02-29', '2025-13-01', '2025-00-10', '2025-04-31', '17-11-2025', '2025-1-7', '', '2025-11-17T00:00'])('refuses %j', (s) =>
    expect(() => formatDateId(s)).toThrow(RangeError),
  );
});

describe('formatDateTimeId', () => {
  const t = '2025-11-17T07:05:00Z';
  it.each([
    ['Asia/Jakarta', '17 November 2025 14.05 WIB'],
    ['Asia/Pontianak', '17 November 2025 14.05 WIB'],
    ['Asia/Makassar', '17 November 2025 15.05 WITA'],
    ['Asia/Jayapura', '17 November 2025 16.05 WIT'],
    ['UTC', '17 November 2025 07.05 UTC'],
  ])('%s', (tz, shown) => expect(formatDateTimeId(t, tz)).toBe(shown));

  it('accepts a Date, crosses midnight in the zone, and prints 00 not 24', () => {
    expect(formatDateTimeId(new Date('2025-12-31T17:00:00Z'), 'Asia/Jakarta')).toBe('1 Januari 2026 00.00 WIB');
    expect(formatDateTimeId(new Date('2025-12-31T16:59:00Z'), 'Asia/Jakarta')).toBe('31 Desember 2025 23.59 WIB');
  });

  it('refuses invalid instants and zones', () => {
    expect(() => formatDateTimeId('not a date', 'Asia/Jakarta')).toThrow(RangeError);
    expect(() => formatDateTimeId(t, 'Asia/Atlantis')).toThrow(RangeError);
  });
});

describe('todayIn', () => {
  it('gives the business date in each zone', () => {
    const now = new Date('2025-11-17T16:30:00Z'); // 23.30 WIB, 00.30 WITA, 01.30 WIT
    expect(todayIn('Asia/Jakarta', now)).toBe('2025-11-17');
    expect(todayIn('Asia/Pontianak', now)).toBe('2025-11-17');
    expect(todayIn('Asia/Makassar', now)).toBe('2025-11-18');
    expect(todayIn('Asia/Jayapura', now)).toBe('2025-11-18');
    expect(todayIn('UTC', new Date('2025-01-02T03:04:05Z'))).toBe('2025-01-02');
  });
  it('defaults to now', () => {
    expect(todayIn('Asia/Jakarta')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});

describe('zones', () => {
  it('labels the four Indonesian zones', () => {
    expect(TIME_ZONES.map(zoneLabel)).toEqual(['WIB', 'WIB', 'WITA', 'WIT']);
    expect(zoneLabel('Europe/Amsterdam')).toBe('Europe/Amsterdam');
  });
});
