/**
 * Each feature keeps its own strings beside its pages (src/features/<domain>/strings.ts, shaped
 * `{ id: {...}, en: {...} }`) and is listed here once; they are merged into the two dictionaries,
 * so a feature can also add its `nav.<key>` and `tiles.<key>` entries.
 */
import { strings as ledger } from '../features/ledger/strings.js';
import { strings as produce } from '../features/produce/strings.js';
import { strings as members } from '../features/members/strings.js';
import { strings as savings } from '../features/savings/strings.js';
import { strings as planning } from '../features/planning/strings.js';
import { strings as market } from '../features/market/strings.js';
import { strings as network } from '../features/network/strings.js';

type Dict = { [key: string]: string | Dict };
export interface FeatureStrings {
  id: Dict;
  en: Dict;
}

export const FEATURE_STRINGS: FeatureStrings[] = [ledger, produce, members, savings, planning, market, network];

/** `base` with every feature's strings for `lang` merged in (a feature never overrides a key). */
export function withFeatures<T extends object>(base: T, lang: 'id' | 'en'): T {
  const merge = (into: Dict, from: Dict, path: string) => {
    for (const [k, v] of Object.entries(from)) {
      const at = into[k];
      if (typeof v === 'string') {
        if (at !== undefined) throw new Error(`i18n: ${lang}.${path}${k} is defined twice`);
        into[k] = v;
      } else {
        if (typeof at === 'string') throw new Error(`i18n: ${lang}.${path}${k} is defined twice`);
        merge((into[k] = at ?? {}), v, `${path}${k}.`);
      }
    }
  };
  const out = structuredClone(base) as unknown as Dict;
  for (const f of FEATURE_STRINGS) merge(out, f[lang], '');
  return out as unknown as T;
}
