/** Whole Rupiah. Rupiah has no minor unit in use, so amounts are integers; never floats. */
export type Rupiah = bigint & { readonly __brand: 'Rupiah' };

/**
 * Brands a whole-Rupiah amount, refusing anything that is not exactly an integer.
 * @example rp('1250000') // 1250000n as Rupiah
 */
export function rp(n: bigint | number | string): Rupiah {
  if (typeof n === 'number' && !Number.isSafeInteger(n)) {
    throw new RangeError(`not a safe integer: ${n}`);
  }
  if (typeof n === 'string' && !/^-?\d+$/.test(n)) throw new RangeError(`not an integer: ${JSON.stringify(n)}`);
  return BigInt(n) as Rupiah;
}

const abs = (a: bigint): bigint => (a < 0n ? -a : a);

/**
 * Groups thousands with dots, Indonesian style.
 * @example formatNumberId(1250000n) // '1.250.000'
 */
export function formatNumberId(a: bigint): string {
  const grouped = abs(a)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return a < 0n ? `-${grouped}` : grouped;
}

/**
 * @example formatRupiah(-1250000n) // '-Rp 1.250.000'
 */
export function formatRupiah(a: bigint): string {
  return `${a < 0n ? '-' : ''}Rp ${formatNumberId(abs(a))}`;
}

/**
 * Parses what a person types into an amount field; null when it is not a whole Rupiah amount.
 * Accepts an optional `Rp`/`Rp.` prefix, dot or space thousand groups, a leading '-', and the
 * receipt endings `,-` and `,00`. Any other decimal (`1250000,50`) is refused rather than rounded.
 * @example parseRupiahInput('Rp 1.250.000') // 1250000n
 */
export function parseRupiahInput(s: string): bigint | null {
  const m = /^(-?)\s*(?:rp\.?)?\s*(\d+|\d{1,3}(?:[.\s]\d{3})+)(?:,-|,0+)?$/i.exec(s.trim());
  if (!m) return null;
  const value = BigInt(m[2]!.replace(/\D/g, ''));
  return m[1] ? -value : value;
}

/**
 * Divides and rounds half away from zero: the one rounding rule for money.
 * @example divRoundHalfUp(-5n, 2n) // -3n
 */
export function divRoundHalfUp(num: bigint, den: bigint): bigint {
  if (den <= 0n) throw new RangeError('denominator must be positive');
  const q = num / den; // truncates toward zero
  const r = num % den; // has the sign of num
  if (2n * abs(r) >= den) return num < 0n ? q - 1n : q + 1n;
  return q;
}

/**
 * round_half_up(a × b / den) without an intermediate rounding.
 * @example mulDivRoundHalfUp(1500n, 12345n, 1000n) // 18518n (18517.5 rounded up)
 */
export function mulDivRoundHalfUp(a: bigint, b: bigint, den: bigint): bigint {
  return divRoundHalfUp(a * b, den);
}

/**
 * Splits `total` in proportion to non-negative `weights` so the parts sum exactly to `total`:
 * each part gets its floor share, and the units left over go to the largest remainders
 * (ties to the lower index). A negative total is split as its absolute value, then negated.
 * @example allocateLargestRemainder(100n, [1n, 1n, 1n]) // [34n, 33n, 33n]
 */
export function allocateLargestRemainder(total: bigint, weights: readonly bigint[]): bigint[] {
  if (weights.some((w) => w < 0n)) throw new RangeError('weights must not be negative');
  const sum = weights.reduce((s, w) => s + w, 0n);
  if (sum === 0n) throw new RangeError('weights must not all be zero');
  const t = abs(total);
  const parts = weights.map((w) => (t * w) / sum);
  let left = t - parts.reduce((s, p) => s + p, 0n);
  const order = weights.map((w, i) => ({ i, rem: (t * w) % sum })).sort((a, b) => (a.rem === b.rem ? a.i - b.i : a.rem > b.rem ? -1 : 1));
  for (const { i } of order) {
    if (left === 0n) break;
    parts[i]! += 1n;
    left -= 1n;
  }
  return total < 0n ? parts.map((p) => -p) : parts;
}
