import { describe, it, expect } from 'vitest';
import { terbilang, terbilangRupiah } from './terbilang.js';

describe('terbilang', () => {
  it.each([
    [0n, 'nol'],
    [1n, 'satu'],
    [9n, 'sembilan'],
    [10n, 'sepuluh'],
    [11n, 'sebelas'],
    [12n, 'dua belas'],
    [19n, 'sembilan belas'],
    [20n, 'dua puluh'],
    [21n, 'dua puluh satu'],
    [99n, 'sembilan puluh sembilan'],
    [100n, 'seratus'],
    [101n, 'seratus satu'],
    [110n, 'seratus sepuluh'],
    [111n, 'seratus sebelas'],
    [200n, 'dua ratus'],
    [999n, 'sembilan ratus sembilan puluh sembilan'],
    [1000n, 'seribu'],
    [1001n, 'seribu satu'],
    [1100n, 'seribu seratus'],
    [2019n, 'dua ribu sembilan belas'],
    [11000n, 'sebelas ribu'],
    [100000n, 'seratus ribu'],
    [101000n, 'seratus satu ribu'],
    [1000000n, 'satu juta'],
    [1001000n, 'satu juta seribu'],
    [1100000n, 'satu juta seratus ribu'],
    [1250000n, 'satu juta dua ratus lima puluh ribu'],
    [1000000000n, 'satu miliar'],
    [2000000001n, 'dua miliar satu'],
    [1000000000000n, 'satu triliun'],
    [
      999_999_999_999_999n,
      'sembilan ratus sembilan puluh sembilan triliun sembilan ratus sembilan puluh sembilan miliar sembilan ratus sembilan puluh sembilan juta sembilan ratus sembilan puluh sembilan ribu sembilan ratus sembilan puluh sembilan',
    ],
    [-1500n, 'minus seribu lima ratus'],
  ])('%s → %s', (n, words) => expect(terbilang(n)).toBe(words));

  it('refuses 10^15 and beyond', () => {
    expect(() => terbilang(10n ** 15n)).toThrow(RangeError);
    expect(() => terbilang(-(10n ** 15n))).toThrow(RangeError);
  });

  it('terbilangRupiah', () => {
    expect(terbilangRupiah(1250000n)).toBe('satu juta dua ratus lima puluh ribu rupiah');
    expect(terbilangRupiah(0n)).toBe('nol rupiah');
  });
});
