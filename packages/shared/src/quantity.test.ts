import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { amountForGrams, formatKg, parseKg } from './quantity.js';

describe('parseKg', () => {
  it.each([
    ['12', 12000n],
    ['12.5', 12500n],
    ['12,5', 12500n],
    ['0.001', 1n],
    ['0,250', 250n],
    ['1,25', 1250n],
    ['1,250', 1250n],
    ['0', 0n],
    [' 7 kg ', 7000n],
    ['1.234,5 kg', 1234500n],
    ['1.234.567', 1234567000n],
    ['12.50', 12500n],
  ])('%j → %s g', (s, g) => expect(parseKg(s)).toBe(g));

  it.each(['12.5001', '0,0001', '1,2345'])('refuses %j with more than 3 decimals', (s) => {
    expect(() => parseKg(s)).toThrow(new RangeError('more than 3 decimals'));
  });

  it.each(['', ' ', '-1', '-0.5', 'abc', '1.2.3', '1,2,3', '.5', '5.', '1e3', '12,5,', '1.23,4', '1 000'])('refuses %j', (s) =>
    expect(() => parseKg(s)).toThrow(RangeError),
  );

  it('refuses 1.250 as ambiguous (1250 kg in Indonesian writing) instead of reading 1.25 kg', () => {
    expect(() => parseKg('1.250')).toThrow(/ambiguous/);
    expect(() => parseKg('12.500')).toThrow(/ambiguous/);
  });

  it('reads back whatever formatKg prints, except the ambiguous 1.000–999.000 kg whole values', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.bigInt({ min: 0n, max: 10n ** 15n }),
          fc.bigInt({ min: 1n, max: 999n }).map((k) => k * 1000000n),
        ),
        (g) => {
          const shown = formatKg(g);
          if (/^\d{1,3}\.\d{3} kg$/.test(shown)) expect(() => parseKg(shown)).toThrow(/ambiguous/);
          else expect(parseKg(shown)).toBe(g);
        },
      ),
    );
  });
});

describe('formatKg', () => {
  it.each([
    [0n, '0 kg'],
    [12000n, '12 kg'],
    [12500n, '12,5 kg'],
    [1n, '0,001 kg'],
    [1250n, '1,25 kg'],
    [1234500n, '1.234,5 kg'],
    [1234567890n, '1.234.567,89 kg'],
    [-1500n, '-1,5 kg'],
  ])('%s g → %j', (g, s) => expect(formatKg(g)).toBe(s));
});

describe('amountForGrams', () => {
  it.each([
    [1000n, 12000n, 12000n],
    [1500n, 12345n, 18518n], // 18517.5 rounds up
    [1n, 499n, 0n], // 0.499
    [1n, 500n, 1n], // 0.5
    [333n, 3000n, 999n],
    [0n, 9999n, 0n],
    [-1500n, 12345n, -18518n],
  ])('%s g at %s/kg = %s', (g, p, a) => expect(amountForGrams(g, p)).toBe(a));
});
