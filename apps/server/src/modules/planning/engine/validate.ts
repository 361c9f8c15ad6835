/**
 * Input rules of the engine. Each broken rule names the field (dotted path into the problem) and
 * says in both languages what is wrong; nothing is planned from input that breaks one.
 */
import { GRADES, type PlanningProblem } from './types.js';

export interface Issue {
  path: string;
  code: string;
  message: { id: string; en: string };
}

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v);

export function validateProblem(p: PlanningProblem): Issue[] {
  const out: Issue[] = [];
  const add = (path: string, code: string, id: string, en: string) => out.push({ path, code, message: { id, en } });

  if (!isInt(p.weeks) || p.weeks < 1 || p.weeks > 52)
    add('weeks', 'weeks_range', 'Lama musim harus 1–52 minggu', 'The season must be 1–52 weeks long');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(p.startDate) || new Date(`${p.startDate}T00:00:00Z`).getUTCDay() !== 1) {
    add('startDate', 'not_monday', 'Awal musim harus hari Senin', 'The season must start on a Monday');
  }
  const open = p.firstOpenWeek ?? 0;
  if (!isInt(open) || open < 0 || open >= p.weeks) {
    add('firstOpenWeek', 'open_week_range', 'Minggu terbuka pertama di luar musim', 'The first open week lies outside the season');
  }

  const codes = new Set<string>();
  p.commodities.forEach((c, i) => {
    const at = (f: string) => `commodities.${i}.${f}`;
    const name = c.code || `#${i + 1}`;
    if (!c.code) add(at('code'), 'required', 'Kode komoditas wajib diisi', 'The commodity code is required');
    else if (codes.has(c.code))
      add(at('code'), 'duplicate', `Komoditas ${c.code} tercantum dua kali`, `Commodity ${c.code} is listed twice`);
    codes.add(c.code);
    if (!c.family) add(at('family'), 'required', `Famili ${name} wajib diisi (untuk rotasi)`, `${name}: the family is required (rotation)`);
    if (!isInt(c.weeksToHarvest) || c.weeksToHarvest < 1) {
      add(
        at('weeksToHarvest'),
        'harvest_before_planting',
        `${name}: panen pertama harus paling cepat 1 minggu setelah tanam`,
        `${name}: the first harvest must come at least 1 week after planting`,
      );
    } else if (c.weeksToHarvest > 104) {
      add(at('weeksToHarvest'), 'too_long', `${name}: lebih dari 104 minggu sampai panen`, `${name}: more than 104 weeks to harvest`);
    }
    if (!isInt(c.harvestWeeks) || c.harvestWeeks < 1 || c.harvestWeeks > 52) {
      add(at('harvestWeeks'), 'harvest_weeks_range', `${name}: masa panen harus 1–52 minggu`, `${name}: the harvest must last 1–52 weeks`);
    } else if (c.yieldSpread.length !== c.harvestWeeks) {
      add(
        at('yieldSpread'),
        'spread_length',
        `${name}: sebaran hasil harus berisi ${c.harvestWeeks} angka, satu per minggu panen`,
        `${name}: the yield spread needs ${c.harvestWeeks} numbers, one per harvest week`,
      );
    }
    if (!c.yieldSpread.every((w) => isInt(w) && w >= 0) || c.yieldSpread.reduce((s, w) => s + w, 0) <= 0) {
      add(
        at('yieldSpread'),
        'spread_weights',
        `${name}: sebaran hasil harus bilangan bulat ≥ 0, tidak semuanya 0`,
        `${name}: the yield spread must be whole numbers ≥ 0, not all 0`,
      );
    }
    if (!isInt(c.yieldPerM2Grams) || c.yieldPerM2Grams <= 0) {
      add(
        at('yieldPerM2Grams'),
        'zero_yield',
        `${name}: hasil per m² harus lebih dari 0 gram`,
        `${name}: the yield per m² must be more than 0 grams`,
      );
    }
    checkMix(c.gradeMix, at('gradeMix'), name, add);
    if (!isInt(c.altitudeMinM) || !isInt(c.altitudeMaxM) || c.altitudeMinM > c.altitudeMaxM) {
      add(
        at('altitudeMaxM'),
        'altitude_range',
        `${name}: ketinggian maksimum harus ≥ minimum`,
        `${name}: the maximum altitude must be ≥ the minimum`,
      );
    }
    (c.altitudeYields ?? []).forEach((a, k) => {
      const ap = (f: string) => at(`altitudeYields.${k}.${f}`);
      if (!isInt(a.fromM) || !isInt(a.toM) || a.fromM >= a.toM)
        add(
          ap('toM'),
          'altitude_band',
          `${name}: batas atas pita ketinggian harus > batas bawah`,
          `${name}: an altitude band's upper bound must exceed its lower bound`,
        );
      if (!isInt(a.yieldPerM2Grams) || a.yieldPerM2Grams <= 0)
        add(
          ap('yieldPerM2Grams'),
          'zero_yield',
          `${name}: hasil per m² pada pita ketinggian harus > 0`,
          `${name}: the yield per m² of an altitude band must be > 0`,
        );
      if (a.gradeMix) checkMix(a.gradeMix, ap('gradeMix'), name, add);
    });
    if (!c.avoidWeeks.every((w) => isInt(w) && w >= 1 && w <= 53)) {
      add(at('avoidWeeks'), 'week_of_year', `${name}: minggu yang dihindari harus 1–53`, `${name}: avoided weeks must be 1–53`);
    }
    if (!isInt(c.bedM2) || c.bedM2 < 1 || c.bedM2 > 10_000)
      add(at('bedM2'), 'bed_size', `${name}: luas bedengan harus 1–10.000 m²`, `${name}: the bed size must be 1–10,000 m²`);
    if (typeof c.pricePerKg !== 'bigint' || c.pricePerKg < 0n)
      add(at('pricePerKg'), 'price', `${name}: harga per kg tidak boleh negatif`, `${name}: the price per kg must not be negative`);
  });

  const plotOwner = new Map<string, string>();
  const farmerIds = new Set<string>();
  p.farmers.forEach((f, i) => {
    if (!f.id) add(`farmers.${i}.id`, 'required', 'Id petani wajib diisi', 'The farmer id is required');
    else if (farmerIds.has(f.id))
      add(`farmers.${i}.id`, 'duplicate', `Petani ${f.id} tercantum dua kali`, `Farmer ${f.id} is listed twice`);
    farmerIds.add(f.id);
    if (!f.unavailableWeeks.every(isInt))
      add(`farmers.${i}.unavailableWeeks`, 'week', 'Minggu berhalangan harus bilangan bulat', 'Unavailable weeks must be whole numbers');
    f.plots.forEach((pl, k) => {
      const at = (x: string) => `farmers.${i}.plots.${k}.${x}`;
      const label = pl.name ?? pl.id;
      if (!pl.id) add(at('id'), 'required', 'Id lahan wajib diisi', 'The plot id is required');
      else if (plotOwner.has(pl.id)) add(at('id'), 'duplicate', `Lahan ${pl.id} tercantum dua kali`, `Plot ${pl.id} is listed twice`);
      plotOwner.set(pl.id, f.id);
      if (!isInt(pl.areaM2) || pl.areaM2 <= 0) {
        add(
          at('areaM2'),
          'no_area',
          `Lahan ${label} milik ${f.name ?? f.id} tidak punya luas (harus > 0 m²)`,
          `Plot ${label} of ${f.name ?? f.id} has no area (must be > 0 m²)`,
        );
      } else if (pl.areaM2 > 10_000_000) {
        add(at('areaM2'), 'too_large', `Lahan ${label} lebih dari 1.000 ha`, `Plot ${label} is larger than 1,000 ha`);
      }
      if (!isInt(pl.altitudeM) || pl.altitudeM < -500 || pl.altitudeM > 6000)
        add(at('altitudeM'), 'altitude', `Ketinggian lahan ${label} tidak masuk akal`, `The altitude of plot ${label} makes no sense`);
    });
  });

  const seen = new Set<string>();
  const gradedBy = new Map<string, boolean>();
  p.demand.forEach((d, i) => {
    const at = (x: string) => `demand.${i}.${x}`;
    if (!isInt(d.week) || d.week < 0 || d.week >= p.weeks)
      add(
        at('week'),
        'week_range',
        `Permintaan ${d.commodity}: minggu di luar musim`,
        `Demand for ${d.commodity}: week outside the season`,
      );
    if (!isInt(d.grams) || d.grams < 0)
      add(
        at('grams'),
        'grams',
        `Permintaan ${d.commodity}: jumlah harus gram bulat ≥ 0`,
        `Demand for ${d.commodity}: the amount must be whole grams ≥ 0`,
      );
    if (d.grade !== null && !GRADES.includes(d.grade)) add(at('grade'), 'grade', 'Mutu harus A, B atau C', 'The grade must be A, B or C');
    const key = `${d.commodity}|${d.grade}|${d.week}`;
    if (seen.has(key))
      add(
        at('week'),
        'duplicate',
        `Permintaan ${d.commodity} mutu ${d.grade ?? 'campur'} minggu ${d.week + 1} tercantum dua kali`,
        `Demand for ${d.commodity} grade ${d.grade ?? 'any'} week ${d.week + 1} is listed twice`,
      );
    seen.add(key);
    const graded = d.grade !== null;
    if (gradedBy.has(d.commodity) && gradedBy.get(d.commodity) !== graded) {
      add(
        at('grade'),
        'mixed_grades',
        `Permintaan ${d.commodity}: isi per mutu atau total saja, jangan campur`,
        `Demand for ${d.commodity}: give it per grade or as a total, not both`,
      );
    }
    gradedBy.set(d.commodity, graded);
  });

  p.fixed.forEach((x, i) => {
    const at = (f: string) => `fixed.${i}.${f}`;
    if (!codes.has(x.commodity))
      add(
        at('commodity'),
        'unknown_commodity',
        `Tanaman yang sudah ada: komoditas ${x.commodity} tidak dikenal`,
        `Planting in the ground: unknown commodity ${x.commodity}`,
      );
    const owner = plotOwner.get(x.plotId);
    if (owner === undefined)
      add(
        at('plotId'),
        'unknown_plot',
        `Tanaman yang sudah ada: lahan ${x.plotId} tidak dikenal`,
        `Planting in the ground: unknown plot ${x.plotId}`,
      );
    else if (owner !== x.farmerId)
      add(
        at('farmerId'),
        'not_owner',
        `Lahan ${x.plotId} bukan milik petani ${x.farmerId}`,
        `Plot ${x.plotId} does not belong to farmer ${x.farmerId}`,
      );
    if (!isInt(x.areaM2) || x.areaM2 <= 0)
      add(at('areaM2'), 'no_area', 'Luas tanaman yang sudah ada harus > 0 m²', 'The area of a planting in the ground must be > 0 m²');
    if (!isInt(x.plantWeek) || x.plantWeek >= p.weeks || x.plantWeek < -104)
      add(at('plantWeek'), 'week_range', 'Minggu tanam di luar jangkauan', 'Planting week out of range');
    if (x.offsetM2 !== undefined && (!isInt(x.offsetM2) || x.offsetM2 < 0))
      add(at('offsetM2'), 'offset', 'Posisi di lahan harus ≥ 0', 'The position on the plot must be ≥ 0');
  });
  return out;
}

function checkMix(mix: Record<string, number>, path: string, name: string, add: (p: string, c: string, id: string, en: string) => void) {
  const values = GRADES.map((g) => mix[g]);
  if (!values.every((v) => isInt(v) && v >= 0) || values.reduce((s: number, v) => s + (v ?? 0), 0) <= 0) {
    add(
      path,
      'grade_mix',
      `${name}: komposisi mutu A/B/C harus bilangan bulat ≥ 0, tidak semuanya 0`,
      `${name}: the A/B/C grade mix must be whole numbers ≥ 0, not all 0`,
    );
  }
}
