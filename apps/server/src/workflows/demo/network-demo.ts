/**
 * The network layer's demo: the six host cooperatives of the internship by sector, the 2025
 * programme at Kopontren Al-Ittifaq with its three batches of 38 board members (114 from 24
 * provinces), their sessions, attendance, assessments, certificates and action plans, and what
 * their cooperatives did afterwards. Koperasi Desa Merah Putih Alamendah is one alumni
 * cooperative whose progress comes from its own kopdes data; the others report by hand.
 * Deterministic (fixed seed); every write goes through the network services; one refresh at the end.
 */
import { todayIn } from '@kopdes/shared/format';
import type { ActionItem, Competency, MeasureCode, OfficersInput, PartnershipStage } from '@kopdes/shared/network';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../lib/actor.js';
import { createCooperative } from '../../modules/cooperatives/cooperatives.service.js';
import { allVillages, isKelurahan, provinceOf, regenciesOf, timeZoneOfProvince } from '../../modules/network/areas.js';
import { addDays, addMonths, monthOf, monthsBetween } from '../../modules/network/months.js';
import { reportProgress, setActionPlan } from '../../modules/network/outcomes.service.js';
import { issueCertificates, writeAssessment, writeNomination, writeStatus } from '../../modules/network/participants.service.js';
import { createPartner, createPartnership, moveStage } from '../../modules/network/partnerships.service.js';
import { createBatch, createHost, createProgramme, findProgrammeByName } from '../../modules/network/programmes.service.js';
import { writeOfficers, writeProfile, writeRat } from '../../modules/network/registry.service.js';
import { reportMonths, type MonthRow } from '../../modules/network/reports.service.js';
import { deferRefreshes } from '../../modules/network/rollups.service.js';
import { addSession, recordAttendance } from '../../modules/network/sessions.service.js';

const ACTOR: Actor = { id: null, label: 'demo: Kementerian Koperasi' };
export const DEMO_PROGRAMME = 'Magang Pengurus Koperasi Desa/Kelurahan Merah Putih 2025';

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HOSTS = [
  { name: 'Kopontren Al-Ittifaq', sector: 'agriculture', villageCode: '32.04.40.2005', location: 'Ciwidey, Kab. Bandung, Jawa Barat' },
  { name: 'Kopontren Sunan Drajat', sector: 'services', villageCode: '35.24.14.2010', location: 'Paciran, Kab. Lamongan, Jawa Timur' },
  { name: 'KUD Mino Saroyo', sector: 'fisheries', villageCode: null, location: 'Cilacap, Jawa Tengah' },
  { name: 'Marindo Citra Bahari', sector: 'aquaculture', villageCode: null, location: 'Lokasi belum dicatat' },
  { name: 'KAN Jabung', sector: 'dairy', villageCode: '35.07.17.2011', location: 'Jabung, Kab. Malang, Jawa Timur' },
  {
    name: 'Kopontren Husnul Khotimah',
    sector: 'multi_service',
    villageCode: '32.08.12.2009',
    location: 'Jalaksana, Kab. Kuningan, Jawa Barat',
  },
] as const;

/** Participants per province of each batch (38 each; 24 provinces in all). Batch 1 includes Alamendah. */
const BATCHES = [
  { number: 1, startsOn: '2025-11-15', endsOn: '2025-11-22', quota: { '32': 14, '33': 10, '36': 7, '34': 7 } },
  {
    number: 2,
    startsOn: '2025-11-23',
    endsOn: '2025-11-30',
    quota: { '35': 6, '51': 4, '52': 4, '31': 3, '18': 5, '16': 4, '13': 4, '12': 4, '11': 4 },
  },
  {
    number: 3,
    startsOn: '2025-12-01',
    endsOn: '2025-12-08',
    quota: { '14': 4, '15': 3, '17': 3, '61': 4, '63': 3, '64': 3, '73': 5, '71': 3, '72': 3, '53': 4, '74': 3 },
  },
] as const;

/** Eight days: material and study visits first, then on-the-job training in the packing house. */
const SCHEDULE: {
  day: number;
  startsAt: string;
  endsAt: string;
  title: string;
  kind: 'material' | 'study_visit' | 'on_the_job';
  competency?: Competency;
}[] = [
  { day: 0, startsAt: '08:00', endsAt: '10:00', title: 'Pembukaan dan orientasi program magang', kind: 'material' },
  {
    day: 0,
    startsAt: '10:30',
    endsAt: '15:00',
    title: 'Model bisnis koperasi pesantren: dari hulu ke hilir',
    kind: 'material',
    competency: 'member_services',
  },
  {
    day: 1,
    startsAt: '08:00',
    endsAt: '11:30',
    title: 'Pola tanam berbasis permintaan pembeli',
    kind: 'material',
    competency: 'production_planning',
  },
  {
    day: 1,
    startsAt: '13:00',
    endsAt: '16:00',
    title: 'Kunjungan kebun dan kelompok tani mitra',
    kind: 'study_visit',
    competency: 'production_planning',
  },
  {
    day: 2,
    startsAt: '08:00',
    endsAt: '11:30',
    title: 'Kunjungan rumah kemas dan rantai dingin',
    kind: 'study_visit',
    competency: 'post_harvest',
  },
  { day: 2, startsAt: '13:00', endsAt: '16:00', title: 'Pembukuan koperasi menurut SAK EP', kind: 'material', competency: 'bookkeeping' },
  {
    day: 3,
    startsAt: '07:00',
    endsAt: '15:00',
    title: 'Praktik: penerimaan, penimbangan dan sortir hasil panen',
    kind: 'on_the_job',
    competency: 'post_harvest',
  },
  {
    day: 4,
    startsAt: '07:00',
    endsAt: '15:00',
    title: 'Praktik: grading, pengemasan dan label per saluran',
    kind: 'on_the_job',
    competency: 'post_harvest',
  },
  {
    day: 5,
    startsAt: '05:00',
    endsAt: '13:00',
    title: 'Praktik: pengiriman ke ritel modern dan penagihan',
    kind: 'on_the_job',
    competency: 'marketing_retail',
  },
  {
    day: 6,
    startsAt: '08:00',
    endsAt: '12:00',
    title: 'Praktik: pencatatan transaksi dan pembayaran petani',
    kind: 'on_the_job',
    competency: 'bookkeeping',
  },
  {
    day: 6,
    startsAt: '13:00',
    endsAt: '16:00',
    title: 'Pelayanan anggota dan kelompok tani',
    kind: 'material',
    competency: 'member_services',
  },
  { day: 7, startsAt: '08:00', endsAt: '12:00', title: 'Penyusunan dan presentasi rencana aksi koperasi', kind: 'material' },
];

const MEN = [
  'Ahmad',
  'Budi',
  'Joko',
  'Slamet',
  'Agus',
  'Made',
  'Wayan',
  'Hendra',
  'Rudi',
  'Yusuf',
  'Andi',
  'Hasan',
  'Darmawan',
  'Fajar',
  'Ilham',
  'Rahmat',
  'Teguh',
  'Syahrul',
  'Bambang',
  'Eko',
];
const WOMEN = ['Siti', 'Sri', 'Ani', 'Dewi', 'Nur', 'Ratna', 'Lestari', 'Wulan', 'Fitri', 'Kadek', 'Yuliana', 'Rina', 'Hartini', 'Marlina'];
const FAMILY = [
  'Santoso',
  'Wibowo',
  'Saputra',
  'Hidayat',
  'Nasution',
  'Siregar',
  'Lubis',
  'Pratama',
  'Kurniawan',
  'Setiawan',
  'Wijaya',
  'Harahap',
  'Daeng',
  'Manurung',
  'Sinaga',
  'Rahman',
  'Susanto',
  'Gunawan',
  'Purnomo',
  'Utami',
];
const COMPETENCIES: Competency[] = ['production_planning', 'post_harvest', 'marketing_retail', 'bookkeeping', 'member_services'];

function board(next: () => number, villageHead: string): OfficersInput {
  const name = (sex: 'M' | 'F') =>
    `${(sex === 'M' ? MEN : WOMEN)[Math.floor(next() * (sex === 'M' ? MEN.length : WOMEN.length))]} ${FAMILY[Math.floor(next() * FAMILY.length)]}`;
  const sexes: ('M' | 'F')[] = ['M', next() < 0.5 ? 'F' : 'M', 'M', 'F', next() < 0.5 ? 'F' : 'M'];
  const positions = ['ketua', 'wakil_ketua_usaha', 'wakil_ketua_keanggotaan', 'sekretaris', 'bendahara'] as const;
  return {
    officers: [
      ...positions.map((position, i) => ({
        body: 'pengurus' as const,
        position,
        fullName: name(sexes[i]!),
        sex: sexes[i]!,
        isVillageHead: false,
      })),
      { body: 'pengawas', position: 'ketua_pengawas', fullName: villageHead, sex: 'M', isVillageHead: true },
      { body: 'pengawas', position: 'anggota_pengawas', fullName: name('F'), sex: 'F', isVillageHead: false },
      { body: 'pengawas', position: 'anggota_pengawas', fullName: name('M'), sex: 'M', isVillageHead: false },
    ],
    familyTies: [],
  };
}

/** The board of the demo cooperative: its users where they hold board seats. */
const ALAMENDAH_BOARD: OfficersInput = {
  officers: [
    { body: 'pengurus', position: 'ketua', fullName: 'Ujang Supriatna', sex: 'M', isVillageHead: false },
    { body: 'pengurus', position: 'wakil_ketua_usaha', fullName: 'Dadang Hermawan', sex: 'M', isVillageHead: false },
    { body: 'pengurus', position: 'wakil_ketua_keanggotaan', fullName: 'Siti Rohmah', sex: 'F', isVillageHead: false },
    { body: 'pengurus', position: 'sekretaris', fullName: 'Asep Saepudin', sex: 'M', isVillageHead: false },
    { body: 'pengurus', position: 'bendahara', fullName: 'Euis Komalasari', sex: 'F', isVillageHead: false },
    { body: 'pengawas', position: 'ketua_pengawas', fullName: 'H. Cecep Sulaeman', sex: 'M', isVillageHead: true },
    { body: 'pengawas', position: 'anggota_pengawas', fullName: 'Yayan Sofyan', sex: 'M', isVillageHead: false },
    { body: 'pengawas', position: 'anggota_pengawas', fullName: 'Neng Nurhayati', sex: 'F', isVillageHead: false },
  ],
  familyTies: [],
};

/** One village per regency, taking regencies of the province in turn; deterministic. */
function villagesFor(provinceCode: string, n: number, skip: Set<string>) {
  const regencies = regenciesOf(provinceCode);
  const inProvince = allVillages().filter((v) => v.code.startsWith(`${provinceCode}.`));
  const out: { code: string; name: string }[] = [];
  for (let round = 0; out.length < n && round < 50; round++) {
    for (const r of regencies) {
      if (out.length >= n) break;
      const candidates = inProvince.filter((v) => v.code.startsWith(`${r}.`) && !skip.has(v.code));
      const v = candidates[(round * 7) % Math.max(1, candidates.length)];
      if (v) {
        out.push(v);
        skip.add(v.code);
      }
    }
  }
  return out;
}

const PLAN: { title: (n: bigint) => string; measure: MeasureCode; target: (next: () => number) => bigint; months: number }[] = [
  {
    title: () => 'Mulai membeli hasil panen anggota',
    measure: 'intake_kg',
    target: (r) => BigInt(500 + Math.floor(r() * 4) * 250),
    months: 3,
  },
  { title: () => 'Mitra ritel modern pertama', measure: 'modern_retail_partners', target: () => 1n, months: 6 },
  {
    title: (n) => `Penerimaan hasil panen ${n.toLocaleString('id-ID')} kg per bulan`,
    measure: 'monthly_intake_kg',
    target: (r) => BigInt(3000 + Math.floor(r() * 6) * 1000),
    months: 6,
  },
  {
    title: (n) => `${n} petani anggota dalam pola tanam`,
    measure: 'planting_plan_farmers',
    target: (r) => BigInt(20 + Math.floor(r() * 5) * 10),
    months: 4,
  },
];

/** A demo cooperative as registered: its declared board and the officers' ids, in declaration order. */
interface Registered {
  cooperativeId: string;
  board: OfficersInput;
  officerIds: string[];
}

interface Alumnus {
  cooperativeId: string;
  participantId: string;
  endsOn: string;
  /** Months after the batch when it started trading (never: Infinity). */
  tradesAfter: number;
  plan: ActionItem[];
}

export async function seedNetworkDemo(db: Db, demoCoopId: string): Promise<void> {
  if (await findProgrammeByName(db, DEMO_PROGRAMME)) return;
  const today = todayIn('Asia/Jakarta');
  const next = rng(2025_11_15);
  const months = monthsBetween(addMonths(monthOf(today), -12), monthOf(today));
  await deferRefreshes(db, months, today, async () => {
    const hosts = [];
    for (const h of HOSTS) hosts.push(await createHost(db, ACTOR, { ...h, description: null }));
    const alIttifaq = hosts[0]!;
    const programme = await createProgramme(db, ACTOR, {
      name: DEMO_PROGRAMME,
      year: 2025,
      description: 'Magang pengurus KDMP di koperasi tuan rumah per sektor, didukung KNEKS, PUM dan Universitas Pasundan.',
      hostIds: hosts.map((h) => h.id),
      minAttendancePct: 80,
    });

    // The demo cooperative in the registry, with its board; Dadang (vice chair for business) joins batch 1.
    await writeProfile(
      db,
      ACTOR,
      demoCoopId,
      {
        formationModel: 'new',
        legalEntityDate: '2025-07-21',
        nib: '9120301234567',
        npwp: '0123456789012000',
        businessUnits: ['kantor', 'gerai_sembako', 'simpan_pinjam', 'agribisnis', 'gudang', 'logistik'],
      },
      today,
    );
    const alamendah = await writeOfficers(db, ACTOR, demoCoopId, { ...ALAMENDAH_BOARD, effectiveOn: '2025-07-21' }, '2025-11-01');
    const dadang = alamendah[ALAMENDAH_BOARD.officers.findIndex((o) => o.fullName === 'Dadang Hermawan')]!;

    const taken = new Set(['32.04.40.2005']);
    const alumni: Alumnus[] = [];
    const registered: Registered[] = [];
    let serial = 0;
    for (const b of BATCHES) {
      const batch = await createBatch(db, ACTOR, programme.id, {
        hostId: alIttifaq.id,
        number: b.number,
        startsOn: b.startsOn,
        endsOn: b.endsOn,
        capacity: 38,
        provinceCodes: Object.keys(b.quota),
      });
      const nominateOn = addDays(b.startsOn, -14);
      const seats: { cooperativeId: string; officerId: string }[] = [];
      if (b.number === 1) seats.push({ cooperativeId: demoCoopId, officerId: dadang });
      for (const [province, n] of Object.entries(b.quota)) {
        const want = b.number === 1 && province === '32' ? n - 1 : n;
        for (const v of villagesFor(province, want, taken)) {
          const kind = isKelurahan(v.code) ? 'Kelurahan' : 'Desa';
          const legalDate = addDays('2025-06-02', Math.floor(next() * 120));
          const coop = await createCooperative(db, ACTOR, {
            name: `Koperasi ${kind} Merah Putih ${v.name}`,
            legalEntityNumber: `AHU-00${String(++serial).padStart(5, '0')}.AH.01.29.TAHUN 2025`,
            villageCode: v.code,
            timeZone: timeZoneOfProvince(provinceOf(v.code)),
          });
          await writeProfile(
            db,
            ACTOR,
            coop.id,
            {
              formationModel: next() < 0.8 ? 'new' : next() < 0.5 ? 'development' : 'revival',
              legalEntityDate: legalDate,
              nib: String(9120000000000 + serial * 7919),
              businessUnits: [
                'kantor',
                'gerai_sembako',
                ...(next() < 0.6 ? (['simpan_pinjam'] as const) : []),
                ...(next() < 0.4 ? (['agribisnis'] as const) : []),
                ...(next() < 0.5 ? (['lpg'] as const) : []),
              ],
            },
            today,
          );
          const declared = { ...board(next, `Kepala ${kind} ${v.name}`), effectiveOn: legalDate };
          const ids = await writeOfficers(db, ACTOR, coop.id, declared, nominateOn);
          registered.push({ cooperativeId: coop.id, board: declared, officerIds: ids });
          const position = next() < 0.6 ? 'ketua' : 'wakil_ketua_usaha';
          seats.push({ cooperativeId: coop.id, officerId: ids[declared.officers.findIndex((o) => o.position === position)]! });
        }
      }
      const participants: string[] = [];
      for (const s of seats) {
        const id = await writeNomination(db, ACTOR, batch.id, s, nominateOn);
        await writeStatus(db, ACTOR, id, { to: 'accepted' }, addDays(nominateOn, 3));
        participants.push(id);
      }
      // Batch 2: one participant falls ill on day 3 and misses the rest; they do not complete.
      const ill = b.number === 2 ? participants[17] : undefined;
      for (const s of SCHEDULE) {
        const day = addDays(b.startsOn, s.day);
        const session = await addSession(db, ACTOR, batch.id, {
          day,
          startsAt: s.startsAt,
          endsAt: s.endsAt,
          title: s.title,
          kind: s.kind,
          competency: s.competency ?? null,
          location: alIttifaq.location.split(',')[0]!,
        });
        const entries = participants.map((id) => ({ participantId: id, present: id === ill ? s.day < 3 : next() > 0.03 }));
        await recordAttendance(db, ACTOR, session.id, entries, day);
      }
      for (const [i, id] of participants.entries()) {
        const pre = 35 + Math.floor(next() * 25);
        await writeAssessment(
          db,
          ACTOR,
          id,
          COMPETENCIES.map((competency) => ({
            competency,
            preTest: Math.max(0, pre + Math.floor(next() * 10) - 5),
            postTest: Math.min(100, pre + 30 + Math.floor(next() * 20)),
            mentor: id === ill ? null : 3 + Math.floor(next() * 3),
          })),
        );
        const items = PLAN.filter((_, k) => k < 3 || next() < 0.6).map((p) => {
          const target = p.target(next);
          return { title: p.title(target), measure: p.measure, target: target.toString(), dueOn: addMonths(b.endsOn, p.months) };
        });
        const plan = await setActionPlan(db, ACTOR, id, items, b.endsOn);
        const cooperativeId = seats[i]!.cooperativeId;
        const r = next();
        // About two in three trade within three months, one more in ten by six months.
        const tradesAfter =
          cooperativeId === demoCoopId ? 2 : r < 0.62 ? 1 + Math.floor(next() * 3) : r < 0.74 ? 4 + Math.floor(next() * 3) : Infinity;
        if (id !== ill) alumni.push({ cooperativeId, participantId: id, endsOn: b.endsOn, tradesAfter, plan });
      }
      await issueCertificates(db, ACTOR, batch.id, b.endsOn);
    }

    await governanceStories(db, registered, today);

    const rows: MonthRow[] = [];
    await alamendahOutcomes(
      db,
      demoCoopId,
      alumni.find((a) => a.cooperativeId === demoCoopId)!,
      rows,
      today,
    );
    const others = alumni.filter((x) => x.cooperativeId !== demoCoopId);
    for (const a of others) monthlyFigures(a, next, rows, today);
    await reportMonths(db, ACTOR, rows, today);
    for (const a of others) await handReportedProgress(db, a, next, today);
  });
}

/**
 * Alamendah works in kopdes: members, savings and partnerships are its own data. Intake and sales
 * are typed by hand until the produce-intake and market-link modules land, and say so.
 */
async function alamendahOutcomes(db: Db, coopId: string, a: Alumnus, rows: MonthRow[], today: string) {
  const retailer = await createPartner(db, ACTOR, {
    name: 'PT Pasar Segar Priangan',
    kind: 'retailer',
    contactName: 'Bagian Pengadaan Sayur',
  });
  const mentor = await createPartner(db, ACTOR, { name: 'Kopontren Al-Ittifaq (kakak asuh)', kind: 'mentor_cooperative' });
  const offtaker = await createPartner(db, ACTOR, { name: 'CV Sayur Bandung Raya', kind: 'offtaker' });
  const steps = async (id: string, moves: [PartnershipStage, string][]) => {
    for (const [to, on] of moves) if (on <= today) await moveStage(db, ACTOR, id, { to }, on);
  };
  const m = await createPartnership(
    db,
    ACTOR,
    coopId,
    { partnerId: mentor.id, type: 'mentoring', notes: 'Pendampingan pola tanam dan rumah kemas' },
    '2025-11-25',
  );
  await steps(m.id, [
    ['in_talks', '2025-11-26'],
    ['agreed', '2025-11-28'],
    ['active', '2025-12-01'],
  ]);
  const o = await createPartnership(
    db,
    ACTOR,
    coopId,
    { partnerId: offtaker.id, type: 'offtake', commodity: 'Kentang, wortel, kubis', agreedVolumeKg: '4000', volumePeriod: 'month' },
    '2025-12-10',
  );
  await steps(o.id, [
    ['in_talks', '2025-12-12'],
    ['agreed', '2026-01-08'],
    ['active', '2026-01-15'],
  ]);
  const r = await createPartnership(
    db,
    ACTOR,
    coopId,
    {
      partnerId: retailer.id,
      type: 'retail_supply',
      commodity: 'Tomat, paprika, kale, pakcoy',
      agreedVolumeKg: '1500',
      volumePeriod: 'week',
      agreedAmount: '540000000',
      startsOn: '2026-03-01',
      endsOn: '2027-02-28',
    },
    '2026-01-05',
  );
  await steps(r.id, [
    ['in_talks', '2026-01-12'],
    ['agreed', '2026-02-20'],
    ['active', '2026-03-02'],
  ]);
  for (const fy of ratYears(today, '03-14')) await writeRat(db, ACTOR, coopId, fy, `${fy + 1}-03-14`, today);
  // Intake and sales by hand: from the off-take (January) and the retailer (March) onwards.
  for (const month of monthsBetween('2026-01-01', monthOf(today))) {
    const kg = (month >= '2026-03-01' ? 10_000 : 3_800) + Number(month.slice(5, 7)) * 150;
    rows.push({ cooperativeId: coopId, month: month.slice(0, 7), intakeKg: String(kg), sales: String(kg * 7_200) });
  }
  for (const item of a.plan) {
    if (item.measure === 'intake_kg' && '2026-02-28' <= today)
      await reportProgress(db, ACTOR, item.id, { value: '8450', asOf: '2026-02-28', note: 'Timbangan penerimaan Jan–Feb' }, today);
    if (item.measure === 'monthly_intake_kg' && '2026-05-31' <= today)
      await reportProgress(db, ACTOR, item.id, { value: '10750', asOf: '2026-05-31', note: 'Penerimaan Mei 2026' }, today);
  }
}

/** Financial years from 2025 whose RAT, held on `monthDay` of the next year, is not in the future. */
function ratYears(today: string, monthDay: string): number[] {
  const years: number[] = [];
  for (let fy = 2025; `${fy + 1}-${monthDay}` <= today; fy++) years.push(fy);
  return years;
}

/** Which demo cooperatives (in registration order) fail their governance checklist; see `governanceStories`. */
const FAILING_GOVERNANCE = { lateRat: 20, noSupervisorChair: 60 } as const;

/**
 * The governance the ministry finds. Most cooperatives hold their RAT in February or March, as
 * due. Two do not pass: one whose treasurer resigned and was not replaced (four board members, no
 * bendahara) and whose RAT comes in May, after the 31 March deadline; and one whose village head
 * left office after the village election, leaving the supervisors without their chair, that has
 * held no RAT yet.
 */
async function governanceStories(db: Db, registered: Registered[], today: string) {
  const onOrBefore = (date: string) => (date <= today ? date : today);
  const without = (r: Registered, position: string, effectiveOn: string): OfficersInput => ({
    officers: r.board.officers.flatMap((o, i) => (o.position === position ? [] : [{ ...o, id: r.officerIds[i]! }])),
    familyTies: [],
    effectiveOn,
  });
  for (const [i, r] of registered.entries()) {
    if (i === FAILING_GOVERNANCE.lateRat) {
      await writeOfficers(db, ACTOR, r.cooperativeId, without(r, 'bendahara', onOrBefore('2026-02-09')), today);
      for (const fy of ratYears(today, '05-16')) await writeRat(db, ACTOR, r.cooperativeId, fy, `${fy + 1}-05-16`, today);
    } else if (i === FAILING_GOVERNANCE.noSupervisorChair) {
      await writeOfficers(db, ACTOR, r.cooperativeId, without(r, 'ketua_pengawas', onOrBefore('2026-06-30')), today);
    } else {
      // Spread over 2 February – 27 March, the same dates every year.
      const monthDay = `0${2 + (i % 2)}-${String(2 + ((i * 7) % 26)).padStart(2, '0')}`;
      for (const fy of ratYears(today, monthDay)) await writeRat(db, ACTOR, r.cooperativeId, fy, `${fy + 1}-${monthDay}`, today);
    }
  }
}

/** A cooperative outside kopdes: its monthly figures as its facilitator reported them. */
function monthlyFigures(a: Alumnus, next: () => number, rows: MonthRow[], today: string) {
  const members = 40 + Math.floor(next() * 160);
  let kg = 0;
  for (const [i, month] of monthsBetween(monthOf(addMonths(a.endsOn, 1)), monthOf(today)).entries()) {
    const trading = i + 1 >= a.tradesAfter;
    if (!trading && i % 3 !== 2) continue; // quiet cooperatives report now and then
    kg = trading ? Math.round(Math.max(kg, 800) * (1 + Math.floor(next() * 30) / 100)) : 0;
    rows.push({
      cooperativeId: a.cooperativeId,
      month: month.slice(0, 7),
      members: members + i * 3,
      savings: String((members + i * 3) * (50_000 + 10_000 * (i + 1))),
      intakeKg: String(kg),
      sales: String(kg * (6_500 + Math.floor(next() * 2_000))),
    });
  }
}

/** Progress on its action plan, reported by hand by the facilitator for cooperatives that trade. */
async function handReportedProgress(db: Db, a: Alumnus, next: () => number, today: string) {
  if (a.tradesAfter === Infinity) return;
  const asOf = addMonths(a.endsOn, Math.min(a.tradesAfter + 1, 9));
  if (asOf > today) return;
  for (const item of a.plan) {
    if (next() < 0.25) continue;
    const target = BigInt(item.target);
    const value =
      item.measure === 'modern_retail_partners' ? (next() < 0.45 ? 1n : 0n) : (target * BigInt(Math.floor(next() * 130))) / 100n;
    await reportProgress(db, ACTOR, item.id, { value: value.toString(), asOf, note: 'Laporan pendamping lapangan' }, today);
  }
}
