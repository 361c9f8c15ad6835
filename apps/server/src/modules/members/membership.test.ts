import { describe, expect, it } from 'vitest';
import { wasMemberOn } from './members.service.js';

describe('wasMemberOn', () => {
  const active = { status: 'active' as const, joinDate: '2024-01-02', statusDate: '2024-02-01' };
  const left = { status: 'left' as const, joinDate: '2024-01-02', statusDate: '2025-08-13' };

  it('counts an active member from the day they became active', () => {
    expect(wasMemberOn(active, '2024-01-31')).toBe(false);
    expect(wasMemberOn(active, '2024-02-01')).toBe(true);
    expect(wasMemberOn(active, '2026-11-28')).toBe(true);
  });

  it('counts one who left or died from joining until the day they left, not on it', () => {
    expect(wasMemberOn(left, '2024-01-01')).toBe(false);
    expect(wasMemberOn(left, '2024-01-02')).toBe(true);
    expect(wasMemberOn(left, '2025-08-12')).toBe(true);
    expect(wasMemberOn(left, '2025-08-13')).toBe(false);
    expect(wasMemberOn({ ...left, status: 'deceased' }, '2025-08-12')).toBe(true);
  });

  it('does not count an applicant (calon anggota)', () => {
    expect(wasMemberOn({ status: 'applicant', joinDate: '2024-01-02', statusDate: '2024-01-02' }, '2025-01-01')).toBe(false);
  });
});
