/**
 * Areas as the network layer needs them: regency and province of a village, their names, every
 * village code (for the synthetic generator), each province's time zone and its place on the tile
 * map of Indonesia. Read once from `idn-area-data`, like lib/areas.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { provinceName as provinceNameOf } from '../../lib/areas.js';

const dataDir = () => path.join(path.dirname(createRequire(import.meta.url).resolve('idn-area-data')), '..', 'data');

const titleCase = (s: string) => s.toLowerCase().replace(/(^|[\s(/-])(\p{L})/gu, (_, a: string, b: string) => a + b.toUpperCase());

let regencies: Map<string, string> | undefined;
let villages: { code: string; name: string }[] | undefined;

function readRows(file: string): string[][] {
  const lines = fs.readFileSync(path.join(dataDir(), file), 'utf8').split('\n').slice(1);
  return lines.filter(Boolean).map((line) => {
    const cols = line.split(',');
    // code, parent code, then the name (a few names are quoted and contain commas)
    return [cols[0]!, cols[1]!, cols.slice(2).join(',').replace(/^"|"$/g, '').trim()];
  });
}

function regencyMap(): Map<string, string> {
  regencies ??= new Map(readRows('regencies.csv').map(([code, , name]) => [code!, titleCase(name!)]));
  return regencies;
}

/** Every village (desa and kelurahan), in code order. */
export function allVillages(): readonly { code: string; name: string }[] {
  villages ??= readRows('villages.csv').map(([code, , name]) => ({ code: code!, name: name! }));
  return villages;
}

/** @example regencyOf('32.04.40.2005') // '32.04' */
export const regencyOf = (villageCode: string) => villageCode.slice(0, 5);
/** @example provinceOf('32.04.40.2005') // '32' */
export const provinceOf = (villageCode: string) => villageCode.slice(0, 2);

/** A kelurahan (urban ward) has a village serial starting with 1; a desa with 2. */
export const isKelurahan = (villageCode: string) => villageCode.charAt(9) === '1';

export const regencyName = (code: string) => regencyMap().get(code) ?? code;
export const provinceName = (code: string) => provinceNameOf(code) ?? code;
export const regencyExists = (code: string) => regencyMap().has(code);
export const regenciesOf = (provinceCode: string) => [...regencyMap().keys()].filter((c) => c.startsWith(`${provinceCode}.`));

/** Each province's zone: WIB west, WITA centre, WIT east (Kalimantan Barat/Tengah use Pontianak). */
export function timeZoneOfProvince(code: string): 'Asia/Jakarta' | 'Asia/Pontianak' | 'Asia/Makassar' | 'Asia/Jayapura' {
  if (code === '61' || code === '62') return 'Asia/Pontianak';
  if (['51', '52', '53', '63', '64', '65', '71', '72', '73', '74', '75', '76'].includes(code)) return 'Asia/Makassar';
  if (code.startsWith('8') || code.startsWith('9')) return 'Asia/Jayapura';
  return 'Asia/Jakarta';
}

/**
 * The 38 provinces on a 8 × 14 grid, west to east and north to south, so a tile map keeps
 * Sumatra, Java–Nusa Tenggara, Kalimantan, Sulawesi, Maluku and Papua recognisable.
 */
export const PROVINCE_TILES: readonly { code: string; abbr: string; row: number; col: number }[] = [
  { code: '11', abbr: 'ACEH', row: 0, col: 0 },
  { code: '12', abbr: 'SUMUT', row: 1, col: 1 },
  { code: '13', abbr: 'SUMBAR', row: 2, col: 1 },
  { code: '14', abbr: 'RIAU', row: 2, col: 2 },
  { code: '21', abbr: 'KEPRI', row: 1, col: 3 },
  { code: '17', abbr: 'BKL', row: 3, col: 1 },
  { code: '15', abbr: 'JAMBI', row: 3, col: 2 },
  { code: '16', abbr: 'SUMSEL', row: 4, col: 2 },
  { code: '19', abbr: 'BABEL', row: 4, col: 3 },
  { code: '18', abbr: 'LAMPUNG', row: 5, col: 3 },
  { code: '31', abbr: 'DKI', row: 5, col: 4 },
  { code: '36', abbr: 'BANTEN', row: 6, col: 3 },
  { code: '32', abbr: 'JABAR', row: 6, col: 4 },
  { code: '33', abbr: 'JATENG', row: 6, col: 5 },
  { code: '34', abbr: 'DIY', row: 7, col: 5 },
  { code: '35', abbr: 'JATIM', row: 6, col: 6 },
  { code: '51', abbr: 'BALI', row: 6, col: 7 },
  { code: '52', abbr: 'NTB', row: 6, col: 8 },
  { code: '53', abbr: 'NTT', row: 6, col: 9 },
  { code: '65', abbr: 'KALTARA', row: 1, col: 6 },
  { code: '61', abbr: 'KALBAR', row: 2, col: 5 },
  { code: '64', abbr: 'KALTIM', row: 2, col: 6 },
  { code: '62', abbr: 'KALTENG', row: 3, col: 5 },
  { code: '63', abbr: 'KALSEL', row: 3, col: 6 },
  { code: '75', abbr: 'GTLO', row: 1, col: 8 },
  { code: '71', abbr: 'SULUT', row: 1, col: 9 },
  { code: '72', abbr: 'SULTENG', row: 2, col: 8 },
  { code: '76', abbr: 'SULBAR', row: 3, col: 7 },
  { code: '73', abbr: 'SULSEL', row: 4, col: 7 },
  { code: '74', abbr: 'SULTRA', row: 4, col: 8 },
  { code: '82', abbr: 'MALUT', row: 1, col: 10 },
  { code: '81', abbr: 'MALUKU', row: 3, col: 10 },
  { code: '96', abbr: 'PBD', row: 2, col: 11 },
  { code: '92', abbr: 'PABAR', row: 2, col: 12 },
  { code: '91', abbr: 'PAPUA', row: 2, col: 13 },
  { code: '94', abbr: 'PAPTENG', row: 3, col: 12 },
  { code: '95', abbr: 'PAPEG', row: 3, col: 13 },
  { code: '93', abbr: 'PAPSEL', row: 4, col: 13 },
];
export const TILE_GRID = { rows: 8, columns: 14 } as const;
export const PROVINCE_CODES = PROVINCE_TILES.map((t) => t.code).sort();
