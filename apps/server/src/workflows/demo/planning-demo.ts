/**
 * The demo cooperative's planting plan (pola tanam), already half followed: the default highland
 * crops; the farmers (the members' demo farmers in farmer groups, else a built-in list) with plots
 * at 1,100–1,700 m; a 40-week season that started 20 weeks ago, its demand from the contracts
 * below plus traditional-market history and a festival adjustment; the plan solved by the real
 * optimiser; plantings of the first 20 weeks reported planted (a few changed or cancelled) and
 * their harvest taken in at 80–105% of what was expected — potato well behind, so a warning shows.
 *
 * To rewire when contracts and intake exist: replace `DEMO_CONTRACTS` by the contracts module's
 * weekly volumes and the actual harvest by intake (which calls `recordActualHarvest`).
 */
import { todayIn } from '@kopdes/shared/format';
import type { Db } from '../../db/client.js';
import { SYSTEM_ACTOR } from '../../lib/actor.js';
import { getCooperative } from '../../modules/cooperatives/cooperatives.service.js';
import { allMembers } from '../../modules/members/members.service.js';
import { addWeeks, mondayOf } from '../../modules/planning/engine/calendar.js';
import { mulberry32 } from '../../modules/planning/engine/synthetic.js';
import { markPlantedBefore, recordActualHarvest, updatePlanting } from '../../modules/planning/follow-up.service.js';
import { createFarmer, createPlot, createSeason, putDemand, seedDefaultCrops } from '../../modules/planning/planning.service.js';
import { coverageOf, getPlan, solveSeason } from '../../modules/planning/plans.service.js';

/** Weekly contract volumes: kg a week from a week of the season, per grade share (or any grade). */
export const DEMO_CONTRACTS: {
  commodity: string;
  kgPerWeek: number;
  fromWeek: number;
  grades: Record<'A' | 'B' | 'C', number> | null;
  buyer: string;
}[] = [
  { commodity: 'TOMAT', kgPerWeek: 900, fromWeek: 12, grades: { A: 60, B: 30, C: 10 }, buyer: 'Superindo dan pasar induk Caringin' },
  { commodity: 'KENTANG', kgPerWeek: 1200, fromWeek: 16, grades: { A: 70, B: 20, C: 10 }, buyer: 'Pabrik keripik dan SPPG' },
  { commodity: 'WORTEL', kgPerWeek: 800, fromWeek: 15, grades: { A: 65, B: 25, C: 10 }, buyer: 'Yogya dan SPPG' },
  { commodity: 'KOL', kgPerWeek: 1000, fromWeek: 13, grades: null, buyer: 'Pasar induk Caringin' },
  { commodity: 'CMK', kgPerWeek: 250, fromWeek: 14, grades: { A: 60, B: 30, C: 10 }, buyer: 'Restoran dan katering Bandung' },
  { commodity: 'KALE', kgPerWeek: 150, fromWeek: 7, grades: { A: 80, B: 20, C: 0 }, buyer: 'AEON dan Alifmart' },
  { commodity: 'PAKCOY', kgPerWeek: 400, fromWeek: 6, grades: null, buyer: 'Superindo dan SPPG' },
  { commodity: 'BUNCIS', kgPerWeek: 300, fromWeek: 9, grades: { A: 70, B: 30, C: 0 }, buyer: 'SPPG' },
  { commodity: 'PAPRM', kgPerWeek: 200, fromWeek: 14, grades: { A: 70, B: 30, C: 0 }, buyer: 'Hotel dan restoran' },
  { commodity: 'GBERRY', kgPerWeek: 60, fromWeek: 18, grades: { A: 70, B: 30, C: 0 }, buyer: 'Alifmart daring' },
  { commodity: 'BUTTERNUT', kgPerWeek: 300, fromWeek: 16, grades: null, buyer: 'Superindo' },
  { commodity: 'BROKOLI', kgPerWeek: 200, fromWeek: 11, grades: { A: 70, B: 30, C: 0 }, buyer: 'Yogya dan hotel' },
  { commodity: 'SELADA', kgPerWeek: 150, fromWeek: 7, grades: null, buyer: 'Restoran cepat saji' },
  { commodity: 'DBAWANG', kgPerWeek: 200, fromWeek: 11, grades: null, buyer: 'Pasar induk Caringin' },
];

const SEASON_WEEKS = 40;
const WEEKS_DONE = 20;
const LAND_TYPES = [
  ['solanaceae', 'brassicaceae', 'apiaceae', 'fabaceae', 'cucurbitaceae', 'asteraceae', 'amaryllidaceae'],
  ['solanaceae', 'brassicaceae', 'apiaceae', 'amaryllidaceae'],
  ['brassicaceae', 'asteraceae', 'fabaceae', 'apiaceae'],
  ['solanaceae', 'rosaceae', 'cucurbitaceae', 'asteraceae'],
];
const BUILT_IN_FARMERS = [
  'Asep Sunandar',
  'Ujang Rohman',
  'Dadang Supriatna',
  'Euis Komariah',
  'Neneng Hasanah',
  'Cecep Hidayat',
  'Yayan Sopyan',
  'Iis Aisyah',
  'Odah Rukmini',
  'Entin Kartini',
  'Wawan Gunawan',
  'Dede Kurnia',
  'Enok Sumarni',
  'Jajang Nurjaman',
  'Aep Saepudin',
  'Oman Abdurahman',
  'Ai Nurhayati',
  'Engkus Kusnadi',
  'Tatang Suryana',
  'Lilis Suryani',
  'Ade Mulyana',
  'Ujang Saepul',
  'Iyus Rusmana',
  'Nining Rahayu',
];
const BUILT_IN_GROUPS = ['Poktan Mekar Tani', 'Poktan Sauyunan', 'Poktan Bina Mandiri', 'Poktan Rancabali'];

/** The demo's farmers: the members' demo farmers who are in a farmer group, else a built-in list. */
async function demoFarmers(db: Db, coopId: string) {
  const members = (await allMembers(db, coopId, { sort: 'number' })).filter((m) => m.status === 'active' && m.farmerGroup).slice(0, 30);
  if (members.length >= 12) return members.map((m) => ({ id: m.id, name: m.fullName, group: m.farmerGroup!.name }));
  return BUILT_IN_FARMERS.map((name, i) => ({
    id: `demo-petani-${String(i + 1).padStart(2, '0')}`,
    name,
    group: BUILT_IN_GROUPS[i % BUILT_IN_GROUPS.length]!,
  }));
}

export async function seedPlanningDemo(db: Db, coopId: string): Promise<{ seasonId: string; planId: string }> {
  const rnd = mulberry32(20260);
  const actor = SYSTEM_ACTOR;
  const today = todayIn((await getCooperative(db, coopId)).timeZone);
  await seedDefaultCrops(db, actor, coopId);

  const farmers = await demoFarmers(db, coopId);
  for (const f of farmers) {
    const away = rnd() < 0.15 ? [addWeeks(mondayOf(today), -WEEKS_DONE + 4 + Math.floor(rnd() * 20))] : [];
    await createFarmer(db, actor, coopId, {
      farmerId: f.id,
      name: f.name,
      group: f.group,
      unavailableWeeks: away,
      acceptsExtra: rnd() < 0.1,
    });
    const plots = rnd() < 0.35 ? 2 : 1;
    for (let k = 0; k < plots; k++) {
      const families = LAND_TYPES[rnd() < 0.55 ? 0 : 1 + Math.floor(rnd() * 3)]!;
      await createPlot(db, actor, coopId, {
        farmerId: f.id,
        name: plots > 1 ? `Kebun ${k === 0 ? 'atas' : 'bawah'}` : 'Kebun',
        areaM2: Math.round((2000 + 4000 * rnd()) / (plots > 1 ? 1.5 : 1) / 10) * 10,
        altitudeM: Math.round((1100 + 600 * rnd()) / 10) * 10,
        allowedFamilies: families,
        lastFamily: rnd() < 0.3 ? null : families[Math.floor(rnd() * families.length)]!,
        active: true,
      });
    }
  }

  const start = addWeeks(mondayOf(today), -WEEKS_DONE);
  const season = await createSeason(db, actor, coopId, {
    name: `Musim tanam ${start.slice(0, 4)}`,
    startDate: start,
    weeks: SEASON_WEEKS,
    safetyMarginPct: 10,
  });
  const rows = [];
  for (const c of DEMO_CONTRACTS) {
    const phase = rnd() * 52;
    for (let w = c.fromWeek; w < SEASON_WEEKS; w++) {
      const seasonal = 1 + 0.15 * Math.sin((2 * Math.PI * (w + phase)) / 52);
      // Traditional-market demand seen in past purchase orders: about a tenth on top, unevenly.
      const history = 0.1 * (0.6 + 0.8 * rnd());
      // The board expects a festival peak in weeks 30–31.
      const festival = w === 30 || w === 31 ? 0.2 : 0;
      const shares = c.grades
        ? (['A', 'B', 'C'] as const).filter((g) => c.grades![g] > 0).map((g) => [g, c.grades![g] / 100] as const)
        : ([['*', 1]] as const);
      for (const [grade, share] of shares) {
        const contract = Math.round(c.kgPerWeek * seasonal * share * 1000);
        rows.push({
          commodity: c.commodity,
          grade,
          week: w,
          contractGrams: String(contract),
          historyGrams: String(Math.round(contract * history)),
          adjustmentGrams: String(Math.round(contract * festival)),
        });
      }
    }
  }
  await putDemand(db, actor, coopId, season.id, { rows });

  const summary = await solveSeason(db, actor, coopId, season.id, { timeLimitSeconds: 30 }, 'id');

  // The season so far: groups changed a few plantings, cancelled one or two, planted the rest.
  const plan = await getPlan(db, coopId, summary.id, 'id');
  const early = plan.plantings.filter((p) => !p.fixed && p.plantWeek < WEEKS_DONE);
  for (const p of early) {
    const r = rnd();
    if (r < 0.04) await updatePlanting(db, actor, coopId, p.id, { status: 'cancelled', note: 'Benih tidak tersedia' });
    else if (r < 0.12 && p.beds > 1) {
      // The checker may refuse (rotation across the freed bed): then the group keeps the plan.
      await updatePlanting(db, actor, coopId, p.id, {
        status: 'changed',
        areaM2: p.areaM2 - p.areaM2 / p.beds,
        note: 'Satu bedengan dipakai untuk pembibitan',
      }).catch(() => undefined);
    }
  }
  await markPlantedBefore(db, actor, coopId, summary.id, WEEKS_DONE);
  for (const p of plan.plantings.filter((x) => x.plantWeek >= WEEKS_DONE && x.plantWeek < WEEKS_DONE + 3)) {
    await updatePlanting(db, actor, coopId, p.id, { status: 'confirmed', note: 'Disetujui rapat kelompok' });
  }

  // Harvest taken in so far, at 80–105% of expectation; potato behind (late blight).
  const coverage = await coverageOf(db, coopId, summary.id, {});
  for (const c of coverage.commodities) {
    for (let w = 0; w < WEEKS_DONE; w++) {
      const expected = Number(c.expectedGrams[w]);
      if (expected <= 0) continue;
      const factor = c.commodity === 'KENTANG' ? 0.65 + 0.1 * rnd() : 0.8 + 0.25 * rnd();
      await recordActualHarvest(db, coopId, {
        commodity: c.commodity,
        week: addWeeks(start, w),
        grams: BigInt(Math.round(expected * factor)),
        source: 'intake',
      });
    }
  }
  return { seasonId: season.id, planId: summary.id };
}
