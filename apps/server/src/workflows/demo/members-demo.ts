/**
 * The demo cooperative's members and a year of their savings: about 270 members, most of them
 * farmers in three farmer groups (poktan), with Sundanese names and valid NIKs of Kabupaten
 * Bandung; simpanan pokok on joining, monthly wajib (mostly paid, some in arrears), sukarela
 * after harvests; a few applicants and members who left. The demo's board users and member are
 * linked to their member records. A fixed-seed generator makes every run alike.
 */
import { todayIn } from '@kopdes/shared/format';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../lib/actor.js';
import { findUserByContact } from '../../modules/auth/users.service.js';
import { importMembers } from '../../modules/members/members-import.service.js';
import { linkUserAsSystem } from '../../modules/members/members.service.js';
import { importSavingsHistory, type HistoryItem } from '../../modules/savings/savings-history.service.js';
import { saveSettings } from '../../modules/savings/savings.service.js';
import { memberLeaving } from '../member-leaving.js';
import { DEMO_USERS } from './demo-users.js';

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

const MEN = [
  'Ujang',
  'Asep',
  'Dadang',
  'Dede',
  'Cecep',
  'Engkos',
  'Ade',
  'Aep',
  'Agus',
  'Jajang',
  'Yayat',
  'Dodi',
  'Endang',
  'Entis',
  'Karna',
  'Maman',
  'Nana',
  'Odang',
  'Oman',
  'Rahmat',
  'Ruhiyat',
  'Saepul',
  'Tatang',
  'Ucup',
  'Wawan',
  'Yana',
  'Dayat',
  'Encep',
  'Atang',
  'Dudung',
  'Eman',
  'Enjang',
  'Hendi',
  'Jaja',
  'Kurnia',
  'Mamat',
  'Nandang',
  'Opik',
  'Ridwan',
  'Sopian',
  'Tarya',
  'Udin',
  'Wahyu',
  'Yusup',
  'Aceng',
  'Ajat',
  'Iwan',
  'Deden',
  'Usep',
  'Koswara',
];
const WOMEN = [
  'Euis',
  'Neneng',
  'Imas',
  'Iis',
  'Enok',
  'Cucu',
  'Dedeh',
  'Eti',
  'Ai',
  'Ela',
  'Enung',
  'Entin',
  'Ika',
  'Nining',
  'Nunung',
  'Popon',
  'Rina',
  'Siti',
  'Tati',
  'Titin',
  'Ucu',
  'Yati',
  'Yeni',
  'Yoyoh',
  'Kokom',
  'Onah',
  'Cicih',
  'Eneng',
  'Lilis',
  'Mimin',
  'Dewi',
  'Wulan',
];
const FAMILY = [
  'Supriatna',
  'Hermawan',
  'Komalasari',
  'Setiawan',
  'Sofyan',
  'Saepudin',
  'Rohman',
  'Kurniasih',
  'Hasanah',
  'Rohayati',
  'Suryana',
  'Sutisna',
  'Sumarna',
  'Kusnadi',
  'Rukmana',
  'Nurjaman',
  'Permana',
  'Hidayat',
  'Gunawan',
  'Mulyana',
  'Sudrajat',
  'Wiharja',
  'Suherman',
  'Nuraeni',
  'Rahmawati',
  'Sumiati',
  'Mulyani',
  'Lestari',
  'Maryati',
  'Solihin',
  'Hamdani',
  'Ramdani',
  'Sopiah',
  'Jubaedah',
  'Romlah',
  'Kartika',
  'Sunarya',
  'Wiguna',
  'Priatna',
  'Hendrawan',
];
const KAMPUNG = [
  'Kp. Cibuni',
  'Kp. Sinumbra',
  'Kp. Rancabali',
  'Kp. Babakan',
  'Kp. Cikahuripan',
  'Kp. Situ',
  'Kp. Cisarua',
  'Kp. Pangkalan',
];
const GROUPS = ['Poktan Mekar Tani', 'Poktan Sauyunan', 'Poktan Harapan Jaya'];
const HARVESTS = [
  'Hasil panen kol',
  'Hasil panen kentang',
  'Hasil panen wortel',
  'Hasil panen tomat',
  'Hasil panen cabai',
  'Hasil panen buncis',
];

const MEMBERS = 270;
const POKOK = 100_000n;
const WAJIB = 20_000n;

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const addMonths = (month: string, n: number) => {
  const d = new Date(`${month}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + n);
  return d.toISOString().slice(0, 7);
};
const daysIn = (month: string) => new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).getUTCDate();

interface DemoMember {
  number: number;
  name: string;
  sex: 'M' | 'F';
  nik: string;
  birth: string;
  phone: string | null;
  occupation: string;
  group: string | null;
  joinDate: string;
  applicant: boolean;
  /** How the member pays wajib: monthly, quarterly, stops after some month, or hardly ever. */
  habit: 'monthly' | 'quarterly' | 'stopped' | 'rarely';
  saver: boolean;
}

/** The demo users who are members, by member number. */
const LINKED: Record<number, string> = {};
DEMO_USERS.filter((u) => u.roles.includes('anggota')).forEach((u, i) => (LINKED[i + 1] = u.email));

function people(today: string) {
  const random = rng(20_251_117);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  const start = addMonths(today.slice(0, 7), -11);
  const used = new Set<string>();
  const list: DemoMember[] = [];
  const linkedUsers = DEMO_USERS.filter((u) => u.roles.includes('anggota'));
  for (let n = 1; n <= MEMBERS; n++) {
    const demoUser = linkedUsers[n - 1];
    const sex: 'M' | 'F' = demoUser ? (demoUser.fullName.startsWith('Euis') ? 'F' : 'M') : random() < 0.68 ? 'M' : 'F';
    let name = demoUser?.fullName ?? `${pick(sex === 'M' ? MEN : WOMEN)} ${pick(FAMILY)}`;
    while (!demoUser && used.has(name)) name = `${pick(sex === 'M' ? MEN : WOMEN)} ${pick(FAMILY)}`;
    used.add(name);
    const birth = new Date(Date.UTC(1958, 0, 1) + Math.floor(random() * 15_500) * 86_400_000).toISOString().slice(0, 10);
    const district = random() < 0.85 ? '40' : pick(['39', '38', '37']);
    const day = Number(birth.slice(8)) + (sex === 'F' ? 40 : 0);
    const nik = `3204${district}${pad(day)}${birth.slice(5, 7)}${birth.slice(2, 4)}${pad(n, 4)}`;
    const r = random();
    const occupation =
      r < 0.8
        ? 'Petani'
        : r < 0.88
          ? 'Buruh Tani'
          : r < 0.93
            ? 'Pedagang'
            : r < 0.96
              ? 'Peternak'
              : sex === 'F'
                ? 'Mengurus Rumah Tangga'
                : 'Wiraswasta';
    const farmer = occupation === 'Petani' || occupation === 'Buruh Tani';
    const founder = n <= 230;
    const applicant = n > MEMBERS - 5;
    const joinMonth = founder
      ? start
      : applicant
        ? addMonths(today.slice(0, 7), -(n % 2))
        : addMonths(start, 1 + Math.floor(random() * 10));
    const joinDay = founder ? 3 : 1 + Math.floor(random() * 25);
    const joinDate = `${joinMonth}-${pad(Math.min(joinDay, daysIn(joinMonth)))}`;
    const h = random();
    list.push({
      number: n,
      name,
      sex,
      nik,
      birth,
      phone: demoUser
        ? demoUser.phone
        : random() < 0.85
          ? `08${pick(['12', '13', '21', '22', '52', '53', '57', '77'])}${pad(Math.floor(random() * 1e8), 8)}`
          : null,
      occupation,
      group: farmer ? GROUPS[n % 3]! : null,
      joinDate: joinDate > today ? today : joinDate,
      applicant,
      habit: demoUser ? 'monthly' : h < 0.72 ? 'monthly' : h < 0.86 ? 'quarterly' : h < 0.96 ? 'stopped' : 'rarely',
      saver: Boolean(demoUser) || random() < 0.5,
    });
  }
  return { list, start, random };
}

function csvOf(list: DemoMember[]): string {
  const q = (s: string | null) => `"${(s ?? '').replace(/"/g, '""')}"`;
  const lines = [
    'DAFTAR ANGGOTA KOPERASI DESA MERAH PUTIH ALAMENDAH',
    'No Anggota;Nama Lengkap;NIK;L/P;Tempat Lahir;Tgl Lahir;Alamat;No HP;Pekerjaan;Tgl Masuk;Kelompok Tani;Status',
  ];
  for (const m of list) {
    const birth = `${m.birth.slice(8)}/${m.birth.slice(5, 7)}/${m.birth.slice(0, 4)}`;
    const join = `${m.joinDate.slice(8)}/${m.joinDate.slice(5, 7)}/${m.joinDate.slice(0, 4)}`;
    const address = `${KAMPUNG[m.number % KAMPUNG.length]} RT ${pad((m.number % 6) + 1, 3)}/RW ${pad((m.number % 3) + 1, 3)}`;
    const place = m.nik.slice(4, 6) === '40' ? 'Bandung' : 'Ciwidey';
    lines.push(
      [
        m.number,
        q(m.name),
        q(m.nik),
        m.sex === 'M' ? 'L' : 'P',
        place,
        birth,
        q(address),
        q(m.phone),
        q(m.occupation),
        join,
        q(m.group),
        m.applicant ? 'Calon' : 'Aktif',
      ].join(';'),
    );
  }
  return lines.join('\n');
}

function history(list: DemoMember[], ids: Map<number, string>, start: string, today: string, random: () => number, leaving: Set<number>) {
  const items: HistoryItem[] = [];
  const months = Array.from({ length: 12 }, (_, i) => addMonths(start, i));
  const thisMonth = today.slice(0, 7);
  const at = (month: string, day: number) => `${month}-${pad(Math.min(day, daysIn(month)))}`;
  for (const m of list) {
    const memberId = ids.get(m.number)!;
    if (m.applicant) {
      if (m.number % 2) items.push({ memberId, kind: 'pokok', type: 'deposit', amount: POKOK, date: m.joinDate, method: 'cash' });
      continue;
    }
    items.push({ memberId, kind: 'pokok', type: 'deposit', amount: POKOK, date: m.joinDate, method: 'cash' });
    const own = months.filter((mo) => mo >= m.joinDate.slice(0, 7));
    const stopAfter = m.habit === 'stopped' ? own.length - 1 - Math.floor(random() * 5) : own.length;
    let owed = 0n;
    own.forEach((mo, i) => {
      owed += WAJIB;
      const collection = at(mo, 10);
      if (collection > today || collection < m.joinDate) return;
      if (leaving.has(m.number) && mo === thisMonth) return;
      const pays =
        m.habit === 'monthly'
          ? true
          : m.habit === 'quarterly'
            ? i % 3 === 2 || mo === thisMonth
            : m.habit === 'stopped'
              ? i < stopAfter
              : i % 5 === 4;
      if (pays && owed > 0n) {
        const date = m.habit === 'quarterly' ? at(mo, 25) : collection;
        if (date > today) return;
        items.push({ memberId, kind: 'wajib', type: 'deposit', amount: owed, date, method: 'cash' });
        owed = 0n;
      }
    });
    if (!m.saver) continue;
    let balance = 0n;
    for (const mo of own) {
      if (random() < 0.45) continue;
      // Saturdays after harvest: deposits; now and then a withdrawal for school fees or seed.
      const saturday = at(mo, 6 + Math.floor(random() * 3) * 7);
      if (saturday <= today && saturday >= m.joinDate) {
        const amount = BigInt((4 + Math.floor(random() * 96)) * 5_000);
        items.push({
          memberId,
          kind: 'sukarela',
          type: 'deposit',
          amount,
          date: saturday,
          method: random() < 0.1 ? 'bank' : 'cash',
          memo: HARVESTS[Math.floor(random() * HARVESTS.length)],
        });
        balance += amount;
      }
      const later = at(mo, 27);
      if (balance > 50_000n && random() < 0.25 && later <= today) {
        const amount = ((balance * BigInt(20 + Math.floor(random() * 40))) / 100n / 5_000n) * 5_000n;
        if (amount > 0n) {
          items.push({
            memberId,
            kind: 'sukarela',
            type: 'withdrawal',
            amount,
            date: later,
            method: 'cash',
            memo: random() < 0.5 ? 'Biaya sekolah' : 'Beli bibit',
          });
          balance -= amount;
        }
      }
    }
  }
  return { items, months };
}

export async function seedMembersDemo(db: Db, cooperativeId: string, opts: { today?: string } = {}) {
  const today = opts.today ?? todayIn('Asia/Jakarta');
  const actor: Actor = { id: null, label: 'Euis Komalasari (bendahara)' };
  const { list, start, random } = people(today);
  const imported = await importMembers(db, actor, cooperativeId, Buffer.from(csvOf(list), 'utf8'), {
    mode: 'all',
    filename: 'daftar-anggota-alamendah.csv',
  });
  if (!imported.committed) {
    const bad = imported.candidates.find((c) => c.errors.length);
    throw new Error(`demo members did not import: row ${bad?.row} ${bad?.errors.map((e) => e.message.en).join('; ')}`);
  }
  const ids = new Map(imported.candidates.map((c) => [c.values.number!, c.memberId!]));

  for (const [number, email] of Object.entries(LINKED)) {
    const user = await findUserByContact(db, { email });
    if (user) await linkUserAsSystem(db, cooperativeId, ids.get(Number(number))!, user.id);
  }

  await saveSettings(db, actor, cooperativeId, {
    effectiveFrom: `${start}-01`,
    pokokAmount: String(POKOK),
    wajibAmount: String(WAJIB),
    wajibPeriodMonths: 1,
  });
  // Three founders leave this month (one has died): their savings are settled at the end.
  const leaving = new Map<number, { outcome: 'left' | 'deceased'; reason: string }>([
    [41, { outcome: 'left', reason: 'Pindah domisili ke Kota Bandung' }],
    [117, { outcome: 'deceased', reason: 'Meninggal dunia; simpanan diserahkan kepada ahli waris' }],
    [203, { outcome: 'left', reason: 'Mengundurkan diri' }],
  ]);
  const { items, months } = history(list, ids, start, today, random, new Set(leaving.keys()));
  const result = await importSavingsHistory(db, actor, cooperativeId, { items, duesMonths: months });
  for (const [number, l] of leaving) {
    await memberLeaving(db, actor, cooperativeId, ids.get(number)!, { ...l, method: 'cash', date: today });
  }
  return { members: list.length, ...result, left: leaving.size };
}
