import { formatNumberId, mulDivRoundHalfUp } from './money.js';

// Quantities are integer grams (or millilitres / pieces) as bigint; "kg" helpers work in thousandths.

/**
 * Parses a typed weight in kg into grams, exactly. Accepts `12`, `12.5`, `12,5`, `0.001`, the
 * Indonesian display form `1.234,5` and an optional `kg` suffix. Never rounds: more than three
 * decimals is an error.
 *
 * A dot followed by exactly three digits after a non-zero whole part (`1.250`) is refused as
 * ambiguous: Indonesians write that for 1250, and formatKg prints 1250 kg that way, so reading it
 * as 1.25 kg would silently lose a factor of 1000.
 * @example parseKg('12,5') // 12500n
 */
export function parseKg(s: string): bigint {
  const t = s.trim().replace(/\s*kg$/i, '');
  let whole: string;
  let frac: string;
  const plain = /^(\d+)(?:([.,])(\d+))?$/.exec(t);
  const grouped = /^(\d{1,3}(?:\.\d{3})+)(?:,(\d+))?$/.exec(t);
  if (plain) {
    [whole, frac] = [plain[1]!, plain[3] ?? ''];
    if (plain[2] === '.' && frac.length === 3 && /[1-9]/.test(whole)) {
      throw new RangeError(`ambiguous quantity ${JSON.stringify(s)}: write 1,250 for 1.25 kg or 1250 for 1250 kg`);
    }
  } else if (grouped) {
    [whole, frac] = [grouped[1]!.replace(/\./g, ''), grouped[2] ?? ''];
  } else {
    throw new RangeError(`not a quantity: ${JSON.stringify(s)}`);
  }
  if (frac.length > 3) throw new RangeError('more than 3 decimals');
  return BigInt(whole) * 1000n + BigInt(frac.padEnd(3, '0'));
}

/**
 * @example formatKg(1234500n) // '1.234,5 kg'
 */
export function formatKg(grams: bigint): string {
  const a = grams < 0n ? -grams : grams;
  const frac = (a % 1000n).toString().padStart(3, '0').replace(/0+$/, '');
  return `${grams < 0n ? '-' : ''}${formatNumberId(a / 1000n)}${frac ? `,${frac}` : ''} kg`;
}

/**
 * Line amount in whole Rupiah: round half-up of grams × price per kg / 1000.
 * @example amountForGrams(1500n, 12345n) // 18518n
 */
export function amountForGrams(grams: bigint, pricePerKg: bigint): bigint {
  return mulDivRoundHalfUp(grams, pricePerKg, 1000n);
}
