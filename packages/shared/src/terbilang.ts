// Amounts in words for receipts ("satu juta dua ratus lima puluh ribu rupiah").

const DIGITS = ['', 'satu', 'dua', 'tiga', 'empat', 'lima', 'enam', 'tujuh', 'delapan', 'sembilan'];
const SCALES = ['', 'ribu', 'juta', 'miliar', 'triliun'];
const LIMIT = 10n ** 15n;

/** Words for 1..999 (empty for 0). */
function below1000(n: number): string[] {
  const [h, t, u] = [Math.floor(n / 100), Math.floor(n / 10) % 10, n % 10];
  const w: string[] = [];
  if (h === 1) w.push('seratus');
  else if (h > 1) w.push(DIGITS[h]!, 'ratus');
  if (t === 1) {
    // 10 sepuluh, 11 sebelas, 12-19 "dua belas" …
    w.push(u === 0 ? 'sepuluh' : u === 1 ? 'sebelas' : `${DIGITS[u]} belas`);
  } else {
    if (t > 1) w.push(DIGITS[t]!, 'puluh');
    if (u > 0) w.push(DIGITS[u]!);
  }
  return w;
}

/**
 * An integer in Indonesian words, lower case, for |n| < 10^15 (up to triliun).
 * @example terbilang(1250000n) // 'satu juta dua ratus lima puluh ribu'
 */
export function terbilang(n: bigint): string {
  if (n <= -LIMIT || n >= LIMIT) throw new RangeError('terbilang supports |n| < 10^15');
  if (n === 0n) return 'nol';
  if (n < 0n) return `minus ${terbilang(-n)}`;
  const words: string[] = [];
  for (let i = SCALES.length - 1; i >= 0; i--) {
    const group = Number((n / 1000n ** BigInt(i)) % 1000n);
    if (group === 0) continue;
    // 1000 is "seribu", but a million is "satu juta".
    if (group === 1 && i === 1) words.push('seribu');
    else words.push(...below1000(group), SCALES[i]!);
  }
  return words.filter(Boolean).join(' ');
}

/**
 * @example terbilangRupiah(50000n) // 'lima puluh ribu rupiah'
 */
export function terbilangRupiah(n: bigint): string {
  return `${terbilang(n)} rupiah`;
}
