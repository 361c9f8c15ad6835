/**
 * Indonesia's official administrative areas (Kemendagri codes) from the `idn-area-data` package,
 * loaded once on first use. Nobody types a region by hand.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

export interface VillageInfo {
  code: string;
  name: string;
  district: { code: string; name: string };
  regency: { code: string; name: string };
  province: { code: string; name: string };
}

interface Areas {
  provinces: Map<string, string>;
  regencies: Map<string, string>;
  districts: Map<string, string>;
  villages: Map<string, string>;
}

let cache: Areas | undefined;

function readCsv(file: string): Map<string, string> {
  const map = new Map<string, string>();
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const header = lines[0]!.split(',');
  const nameCol = header.indexOf('name');
  for (const line of lines.slice(1)) {
    if (!line) continue;
    const cols = line.split(',');
    // Names never contain commas except a few quoted ones; take the name column from its position.
    const name = cols.slice(nameCol).join(',').replace(/^"|"$/g, '').trim();
    map.set(cols[0]!, name);
  }
  return map;
}

function areas(): Areas {
  if (cache) return cache;
  const dir = path.join(path.dirname(createRequire(import.meta.url).resolve('idn-area-data')), '..', 'data');
  cache = {
    provinces: readCsv(path.join(dir, 'provinces.csv')),
    regencies: readCsv(path.join(dir, 'regencies.csv')),
    districts: readCsv(path.join(dir, 'districts.csv')),
    villages: readCsv(path.join(dir, 'villages.csv')),
  };
  return cache;
}

const titleCase = (s: string) => s.toLowerCase().replace(/(^|[\s(/-])(\p{L})/gu, (_, a: string, b: string) => a + b.toUpperCase());

/** @example villageInfo('32.04.40.2005')?.name // 'Alamendah' */
export function villageInfo(code: string): VillageInfo | undefined {
  const a = areas();
  const name = a.villages.get(code);
  if (!name) return undefined;
  const [p, r, d] = code.split('.');
  const pc = p!;
  const rc = `${p}.${r}`;
  const dc = `${rc}.${d}`;
  return {
    code,
    name,
    district: { code: dc, name: a.districts.get(dc) ?? '' },
    regency: { code: rc, name: titleCase(a.regencies.get(rc) ?? '') },
    province: { code: pc, name: titleCase(a.provinces.get(pc) ?? '') },
  };
}

/** For NIK checks: does regency `PP.RR` exist? */
export function regencyExists(code: string): boolean {
  return areas().regencies.has(code);
}

export function provinceName(code: string): string | undefined {
  const n = areas().provinces.get(code);
  return n ? titleCase(n) : undefined;
}

/** Villages whose name or code contains the query, best (prefix) matches first. */
export function searchVillages(query: string, limit = 20): VillageInfo[] {
  const q = query.trim().toLowerCase();
  if (q.length < 2) return [];
  const hits: { code: string; rank: number }[] = [];
  for (const [code, name] of areas().villages) {
    const n = name.toLowerCase();
    if (code.startsWith(q)) hits.push({ code, rank: 0 });
    else if (n.startsWith(q)) hits.push({ code, rank: 1 });
    else if (n.includes(q)) hits.push({ code, rank: 2 });
  }
  hits.sort((x, y) => x.rank - y.rank || x.code.localeCompare(y.code));
  return hits.slice(0, limit).map((h) => villageInfo(h.code)!);
}
