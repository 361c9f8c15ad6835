/**
 * The demo cooperative's books: an opening balance (the Rp 500 juta state-bank loan delivered as a
 * cold storage, a truck and shop stock, and a village grant as working capital; members' own
 * capital is posted member by member by the members demo) and four months of ordinary
 * business ending today, so every statement shows real numbers when the demo is opened. Amounts
 * come from a fixed-seed generator: the same day gives the same books.
 */
import { todayIn } from '@kopdes/shared/format';
import { ACCOUNTS } from '@kopdes/shared/ledger';
import type { Db } from '../../db/client.js';
import { SYSTEM_ACTOR } from '../../lib/actor.js';
import { postEntry, type PostingLine } from '../../modules/ledger/ledger.service.js';

const A = ACCOUNTS;

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

const iso = (d: Date) => d.toISOString().slice(0, 10);
const addMonths = (month: string, n: number) => {
  const d = new Date(`${month}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + n);
  return iso(d).slice(0, 7);
};
const daysIn = (month: string) => new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).getUTCDate();
const day = (month: string, d: number) => `${month}-${String(d).padStart(2, '0')}`;

/** Round to whole thousands of rupiah, as a shop keeps its books. */
const ribu = (x: number) => BigInt(Math.round(x / 1000) * 1000);

export interface LedgerDemoResult {
  entries: number;
  from: string;
  to: string;
}

export async function seedLedgerDemo(db: Db, cooperativeId: string, opts: { today?: string } = {}): Promise<LedgerDemoResult> {
  const today = opts.today ?? todayIn('Asia/Jakarta');
  const firstMonth = addMonths(today.slice(0, 7), -3);
  const random = rng(20251117);
  // Collected first, then posted in date order so the journal numbers follow the calendar.
  const pending: { date: string; memo: string; documentId: string; lines: PostingLine[] }[] = [];
  const post = (date: string, memo: string, documentId: string, lines: PostingLine[]) => {
    if (date <= today) pending.push({ date, memo, documentId, lines });
  };

  const opening = day(firstMonth, 1);
  post(opening, 'Saldo awal: pinjaman Bank Himbara (cold storage, truk, stok gerai), hibah modal kerja dari desa', 'saldo-awal', [
    { account: A.KAS, unit: 'kantor', debit: 15_000_000n },
    { account: A.BANK, unit: 'kantor', debit: 235_000_000n },
    { account: A.PERALATAN, unit: 'gudang', debit: 180_000_000n, memo: 'Cold storage 20 m³' },
    { account: A.KENDARAAN, unit: 'logistik', debit: 250_000_000n, memo: 'Truk engkel berpendingin' },
    { account: A.PERSEDIAAN_GERAI, unit: 'gerai_sembako', debit: 70_000_000n, memo: 'Stok awal gerai sembako' },
    { account: A.HIBAH, unit: 'kantor', credit: 250_000_000n, memo: 'Hibah modal kerja dari Dana Desa' },
    { account: A.UTANG_BANK, unit: 'kantor', credit: 500_000_000n, memo: 'Pinjaman 6% per tahun, 72 bulan' },
  ]);

  for (let m = 0; m < 4; m++) {
    const month = addMonths(firstMonth, m);
    const last = daysIn(month);
    // Shop sales every third day, each posted with its cost of goods sold; the takings go to the bank.
    for (let d = 2; d <= last; d += 3) {
      const members = ribu(4_000_000 + random() * 2_000_000);
      const nonMembers = ribu(2_000_000 + random() * 1_500_000);
      const cost = ribu(Number(members + nonMembers) * (0.75 + random() * 0.03));
      post(day(month, d), 'Penjualan tunai gerai sembako', `jual-${day(month, d)}`, [
        { account: A.KAS, unit: 'gerai_sembako', debit: members + nonMembers },
        { account: A.PENJUALAN_ANGGOTA, unit: 'gerai_sembako', credit: members },
        { account: A.PENJUALAN_NON_ANGGOTA, unit: 'gerai_sembako', credit: nonMembers },
        { account: A.HPP, unit: 'gerai_sembako', debit: cost },
        { account: A.PERSEDIAAN_GERAI, unit: 'gerai_sembako', credit: cost },
      ]);
      const deposit = ((members + nonMembers) / 100_000n) * 100_000n;
      post(day(month, d), 'Setor kas gerai ke bank', `setor-${day(month, d)}`, [
        { account: A.BANK, unit: 'kantor', debit: deposit },
        { account: A.KAS, unit: 'gerai_sembako', credit: deposit },
      ]);
    }
    for (const d of [5, 19]) {
      const stock = ribu(26_000_000 + random() * 6_000_000);
      post(day(month, d), 'Pembelian stok beras, minyak goreng, gula dari distributor', `beli-${day(month, d)}`, [
        { account: A.PERSEDIAAN_GERAI, unit: 'gerai_sembako', debit: stock },
        { account: A.BANK, unit: 'kantor', credit: stock },
      ]);
    }
    const storage = ribu(1_800_000 + random() * 900_000);
    post(day(month, 8), 'Sewa ruang cold storage oleh anggota (sayuran)', `sewa-cs-${month}`, [
      { account: A.KAS, unit: 'gudang', debit: storage },
      { account: A.JASA_LAYANAN_ANGGOTA, unit: 'gudang', credit: storage },
    ]);
    const haul = ribu(2_500_000 + random() * 1_500_000);
    post(day(month, 15), 'Jasa angkut truk untuk pedagang pasar (non-anggota)', `angkut-${month}`, [
      { account: A.KAS, unit: 'logistik', debit: haul },
      { account: A.JASA_LAYANAN_NON_ANGGOTA, unit: 'logistik', credit: haul },
    ]);
    post(day(month, 12), 'Bunga pinjaman Bank Himbara 6% per tahun', `bunga-${month}`, [
      { account: A.BEBAN_BUNGA, unit: 'kantor', debit: 2_500_000n },
      { account: A.BANK, unit: 'kantor', credit: 2_500_000n },
    ]);
    const fuel = ribu(1_100_000 + random() * 600_000);
    post(day(month, 20), 'BBM dan tol truk', `bbm-${month}`, [
      { account: A.TRANSPORT, unit: 'logistik', debit: fuel },
      { account: A.KAS, unit: 'logistik', credit: fuel },
    ]);
    post(
      day(month, 25),
      'Listrik, air dan telepon',
      `listrik-${month}`,
      [
        { account: A.LISTRIK_AIR_TELEPON, unit: 'gudang', debit: ribu(1_150_000 + random() * 200_000), memo: 'Cold storage' },
        { account: A.LISTRIK_AIR_TELEPON, unit: 'gerai_sembako', debit: 350_000n },
        { account: A.LISTRIK_AIR_TELEPON, unit: 'kantor', debit: 250_000n },
        { account: A.BANK, unit: 'kantor', credit: 1_750_000n },
      ].map((l, i, all) => (i === 3 ? { ...l, credit: all.slice(0, 3).reduce((s, x) => s + (x.debit ?? 0n), 0n) } : l)),
    );
    const spoiled = ribu(150_000 + random() * 250_000);
    post(day(month, 26), 'Susut dan rusak stok gerai (opname)', `susut-${month}`, [
      { account: A.SUSUT_DAN_BUSUK, unit: 'gerai_sembako', debit: spoiled },
      { account: A.PERSEDIAAN_GERAI, unit: 'gerai_sembako', credit: spoiled },
    ]);
    post(day(month, 28), 'Gaji dan upah karyawan', `gaji-${month}`, [
      { account: A.GAJI, unit: 'kantor', debit: 3_500_000n },
      { account: A.GAJI, unit: 'gerai_sembako', debit: 4_800_000n },
      { account: A.GAJI, unit: 'gudang', debit: 2_000_000n },
      { account: A.GAJI, unit: 'logistik', debit: 2_200_000n },
      { account: A.BANK, unit: 'kantor', credit: 12_500_000n },
    ]);
    post(day(month, last), 'Penyusutan cold storage (10 tahun) dan truk (8 tahun)', `susut-aset-${month}`, [
      { account: A.PENYUSUTAN, unit: 'gudang', debit: 1_500_000n },
      { account: A.PENYUSUTAN, unit: 'logistik', debit: 2_604_167n },
      { account: A.AKUMULASI_PENYUSUTAN, unit: 'gudang', credit: 1_500_000n },
      { account: A.AKUMULASI_PENYUSUTAN, unit: 'logistik', credit: 2_604_167n },
    ]);
    if (m === 1) {
      post(day(month, 10), 'Alat tulis kantor dan cetak kuitansi', `atk-${month}`, [
        { account: A.ATK, unit: 'kantor', debit: 425_000n },
        { account: A.KAS, unit: 'kantor', credit: 425_000n },
      ]);
    }
  }
  pending.sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
  for (const e of pending) {
    await postEntry(db, cooperativeId, SYSTEM_ACTOR, {
      date: e.date,
      memo: e.memo,
      source: { module: 'demo', documentId: e.documentId },
      lines: e.lines,
    });
  }
  return { entries: pending.length, from: opening, to: today };
}
