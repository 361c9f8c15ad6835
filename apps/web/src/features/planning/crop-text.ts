/** How crop parameters read on screen. */
import { FAMILY_LABELS } from '@kopdes/shared/planning';

/** `[1,2,3,7]` → `1–3, 7`: the weeks of the year a crop should not be planted. */
export function weekRanges(weeks: number[]): string {
  const sorted = [...new Set(weeks)].sort((a, b) => a - b);
  const out: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    out.push(i === j ? `${sorted[i]}` : `${sorted[i]}–${sorted[j]}`);
    i = j + 1;
  }
  return out.join(', ');
}

export const familyName = (family: string, lang: 'id' | 'en') => FAMILY_LABELS[family]?.[lang] ?? family;
