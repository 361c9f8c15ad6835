import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  allocateLargestRemainder,
  divRoundHalfUp,
  formatNumberId,
  formatRupiah,
  mulDivRoundHalfUp,
  parseRupiahInput,
  rp,
} from './money.js';

describe('rp', () => {
  it('accepts bigint, safe integers and integer strings', () => {
    expect(rp(5n)).toBe(5n);
    expect(rp(1250000)).toBe(1250000n);
    expect(rp('-42')).toBe(-42n);
    expect(rp('12345678901234567890')).toBe(12345678901234567890n);
  });
  it.each([1.5, NaN, Infinity, 2 ** 53, '1.5', '1e6', ' 1', '', '+1', '1.000'])('refuses %s', (v) => {
    expect(() => rp(v)).toThrow(RangeError);
  });
});

describe('formatting', () => {
  it.each([
    [0n, 'Rp 0', '0'],
    [7n, 'Rp 7', '7'],
    [999n, 'Rp 999', '999'],
    [1000n, 'Rp 1.000', '1.000'],
    [1250000n, 'Rp 1.250.000', '1.250.000'],
    [-1250000n, '-Rp 1.250.000', '-1.250.000'],
    [123456789012n, 'Rp 123.456.789.012', '123.456.789.012'],
  ])('%s', (a, rupiah, plain) => {
    expect(formatRupiah(a)).toBe(rupiah);
    expect(formatNumberId(a)).toBe(plain);
  });
});

describe('parseRupiahInput', () => {
  it.each([
    ['1250000', 1250000n],
    ['1.250.000', 1250000n],
    ['Rp 1.250.000', 1250000n],
    ['Rp1.250.000', 1250000n],
    ['rp. 50.000', 50000n],
    ['  Rp  1 250 000 ', 1250000n],
    ['Rp 50.000,-', 50000n],
    ['1.250.000,00', 1250000n],
    ['-Rp 1.250.000', -1250000n],
    ['0', 0n],
  ])('%j → %s', (s, v) => expect(parseRupiahInput(s)).toBe(v));

  it.each(['1250000,50', '1.250.000,5', '12.50', '1.25', '1.2500', 'Rp', '', 'abc', '1e6', '--5', '1,250,000'])('refuses %j', (s) =>
    expect(parseRupiahInput(s)).toBeNull(),
  );

  it('reads back whatever formatRupiah prints', () => {
    fc.assert(fc.property(fc.bigInt(), (a) => parseRupiahInput(formatRupiah(a)) === a));
  });
});

describe('divRoundHalfUp', () => {
  it.each([
    [5n, 2n, 3n],
    [-5n, 2n, -3n],
    [4n, 3n, 1n],
    [5n, 3n, 2n],
    [-4n, 3n, -1n],
    [-5n, 3n, -2n],
    [0n, 7n, 0n],
    [10n, 5n, 2n],
    [15n, 10n, 2n],
    [-15n, 10n, -2n],
    [14n, 10n, 1n],
  ])('%s / %s = %s', (n, d, q) => expect(divRoundHalfUp(n, d)).toBe(q));

  it('refuses a non-positive denominator', () => {
    expect(() => divRoundHalfUp(1n, 0n)).toThrow(RangeError);
    expect(() => divRoundHalfUp(1n, -2n)).toThrow(RangeError);
  });

  it('is within half of the exact quotient, rounding halves away from zero', () => {
    fc.assert(
      fc.property(fc.bigInt(), fc.bigInt({ min: 1n, max: 10n ** 12n }), (n, d) => {
        const q = divRoundHalfUp(n, d);
        const diff = 2n * (q * d - n); // 2·(q − n/d)·d
        return diff <= d && diff >= -d && (diff === d ? n > 0n : diff === -d ? n < 0n : true);
      }),
    );
  });

  it('is odd-symmetric', () => {
    fc.assert(
      fc.property(fc.bigInt(), fc.bigInt({ min: 1n, max: 1000n }), (n, d) => {
        expect(divRoundHalfUp(-n, d)).toBe(-divRoundHalfUp(n, d));
      }),
    );
  });

  it('mulDivRoundHalfUp rounds only once', () => {
    expect(mulDivRoundHalfUp(1500n, 12345n, 1000n)).toBe(18518n);
    expect(mulDivRoundHalfUp(1n, 1n, 3n)).toBe(0n);
    expect(mulDivRoundHalfUp(-3n, 5n, 10n)).toBe(-2n);
  });
});

describe('allocateLargestRemainder', () => {
  it.each([
    [100n, [1n, 1n, 1n], [34n, 33n, 33n]],
    [-100n, [1n, 1n, 1n], [-34n, -33n, -33n]],
    [0n, [3n, 1n], [0n, 0n]],
    [10n, [0n, 1n, 0n], [0n, 10n, 0n]],
    [1n, [1n, 1n], [1n, 0n]],
    [1n, [1n, 2n], [0n, 1n]],
    [5n, [40n, 40n, 5n, 5n, 5n, 5n], [2n, 2n, 1n, 0n, 0n, 0n]],
    [1000000n, [40n, 40n, 20n], [400000n, 400000n, 200000n]],
  ])('%s by %s', (total, weights, parts) => {
    expect(allocateLargestRemainder(total, weights)).toEqual(parts);
  });

  it('refuses zero-sum, empty and negative weights', () => {
    expect(() => allocateLargestRemainder(10n, [0n, 0n])).toThrow(RangeError);
    expect(() => allocateLargestRemainder(10n, [])).toThrow(RangeError);
    expect(() => allocateLargestRemainder(10n, [3n, -1n])).toThrow(RangeError);
  });

  const input = fc.tuple(
    fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }),
    fc.array(fc.bigInt({ min: 0n, max: 10n ** 9n }), { minLength: 1, maxLength: 30 }).filter((w) => w.some((x) => x > 0n)),
  );

  it('parts sum exactly to the total and each is within 1 of its exact share', () => {
    fc.assert(
      fc.property(input, ([total, weights]) => {
        const parts = allocateLargestRemainder(total, weights);
        const sum = weights.reduce((a, b) => a + b, 0n);
        expect(parts.reduce((a, b) => a + b, 0n)).toBe(total);
        parts.forEach((p, i) => {
          const err = p * sum - total * weights[i]!; // (part − exact share) · sum
          expect(err < sum && err > -sum).toBe(true);
          if (weights[i] === 0n) expect(p).toBe(0n);
        });
      }),
    );
  });

  it('negating the total negates every part', () => {
    fc.assert(
      fc.property(input, ([total, weights]) => {
        expect(allocateLargestRemainder(-total, weights)).toEqual(allocateLargestRemainder(total, weights).map((p) => -p));
      }),
    );
  });
});
