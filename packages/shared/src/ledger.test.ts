import { describe, expect, it } from 'vitest';
import { ACCOUNT_GROUPS, ACCOUNTS, groupOf, manualEntryInput, STANDARD_CHART, UNIT_CODES, UNITS } from './ledger.js';

// The codes other modules post to: they must never change.
const CONTRACT: Record<string, string> = {
  KAS: '1101',
  BANK: '1111',
  PIUTANG_USAHA: '1121',
  PIUTANG_ANGGOTA: '1122',
  PINJAMAN_ANGGOTA: '1131',
  CADANGAN_KERUGIAN_PINJAMAN: '1132',
  PERSEDIAAN_GERAI: '1141',
  PERSEDIAAN_HASIL_PANEN: '1142',
  PERSEDIAAN_KEMASAN: '1143',
  BIAYA_DIBAYAR_DIMUKA: '1151',
  TANAH: '1201',
  BANGUNAN: '1202',
  KENDARAAN: '1203',
  PERALATAN: '1204',
  AKUMULASI_PENYUSUTAN: '1209',
  UTANG_USAHA: '2101',
  UTANG_PETANI: '2102',
  SIMPANAN_SUKARELA: '2111',
  UTANG_PAJAK: '2121',
  DANA_PENGURUS: '2131',
  DANA_KARYAWAN: '2132',
  DANA_PENDIDIKAN: '2133',
  DANA_SOSIAL: '2134',
  BAGIAN_SHU_DESA: '2135',
  SHU_ANGGOTA_BELUM_DIBAGI: '2136',
  UTANG_BANK: '2201',
  UTANG_DESA: '2202',
  SIMPANAN_POKOK: '3101',
  SIMPANAN_WAJIB: '3102',
  CADANGAN: '3201',
  HIBAH: '3301',
  SHU_TAHUN_BERJALAN: '3401',
  SHU_BELUM_DIBAGI: '3402',
  PENJUALAN_ANGGOTA: '4101',
  PENJUALAN_NON_ANGGOTA: '4102',
  JASA_PINJAMAN: '4201',
  PENDAPATAN_LAIN: '4301',
  HPP: '5101',
  SUSUT_DAN_BUSUK: '5201',
  GAJI: '6101',
  PENYUSUTAN: '6102',
  LISTRIK_AIR_TELEPON: '6103',
  TRANSPORT: '6104',
  KEMASAN: '6105',
  SEWA: '6106',
  ATK: '6107',
  RAPAT_RAT: '6108',
  BEBAN_LAIN: '6109',
  BEBAN_BUNGA: '7101',
  PAJAK_PENGHASILAN: '8101',
};

const byCode = new Map(STANDARD_CHART.map((a) => [a.code, a]));

describe('standard chart of accounts', () => {
  it('keeps every contract code', () => {
    for (const [name, code] of Object.entries(CONTRACT)) expect((ACCOUNTS as Record<string, string>)[name], name).toBe(code);
  });

  it('has unique 4-digit codes, each in a named group, with an Indonesian name', () => {
    expect(new Set(STANDARD_CHART.map((a) => a.code)).size).toBe(STANDARD_CHART.length);
    for (const a of STANDARD_CHART) {
      expect(a.code).toMatch(/^\d{4}$/);
      expect(ACCOUNT_GROUPS[groupOf(a.code)], a.code).toBeDefined();
      expect(a.name.length).toBeGreaterThanOrEqual(3);
    }
  });

  it('gives the type by the first digit and the normal side by the type, contra accounts excepted', () => {
    const typeOf = { '1': 'asset', '2': 'liability', '3': 'equity', '4': 'revenue' } as Record<string, string>;
    for (const a of STANDARD_CHART) {
      expect(a.type).toBe(typeOf[a.code[0]!] ?? 'expense');
      const contra = a.code === ACCOUNTS.AKUMULASI_PENYUSUTAN || a.code === ACCOUNTS.CADANGAN_KERUGIAN_PINJAMAN;
      const normal = a.type === 'asset' || a.type === 'expense' ? 'debit' : 'credit';
      expect(a.normalSide, a.code).toBe(contra ? 'credit' : normal);
    }
  });

  it('tells member revenue from non-member revenue, as SAK EP requires', () => {
    expect(byCode.get(ACCOUNTS.PENJUALAN_ANGGOTA)!.revenueKind).toBe('member');
    expect(byCode.get(ACCOUNTS.PENJUALAN_NON_ANGGOTA)!.revenueKind).toBe('non_member');
    expect(byCode.get(ACCOUNTS.JASA_PINJAMAN)!.revenueKind).toBe('member');
    for (const a of STANDARD_CHART) expect(a.revenueKind !== null, a.code).toBe(a.type === 'revenue');
  });

  it('puts simpanan pokok and wajib in equity and sukarela in liabilities, all with member subsidiaries', () => {
    expect(byCode.get(ACCOUNTS.SIMPANAN_POKOK)).toMatchObject({ type: 'equity', subsidiary: 'member' });
    expect(byCode.get(ACCOUNTS.SIMPANAN_WAJIB)).toMatchObject({ type: 'equity', subsidiary: 'member' });
    expect(byCode.get(ACCOUNTS.SIMPANAN_SUKARELA)).toMatchObject({ type: 'liability', subsidiary: 'member' });
    expect(byCode.get(ACCOUNTS.UTANG_PETANI)).toMatchObject({ type: 'liability', subsidiary: 'member' });
    expect(byCode.get(ACCOUNTS.PIUTANG_USAHA)).toMatchObject({ subsidiary: 'partner' });
    expect(STANDARD_CHART.filter((a) => a.cashFlow === 'cash').map((a) => a.code)).toEqual([ACCOUNTS.KAS, ACCOUNTS.BANK]);
  });

  it('names the eight standard units', () => {
    expect(UNIT_CODES).toEqual(['kantor', 'gerai_sembako', 'simpan_pinjam', 'agribisnis', 'gudang', 'logistik', 'klinik', 'apotek']);
    expect(UNITS.gudang).toMatch(/Cold Storage/);
  });
});

describe('manual entry input', () => {
  const ok = {
    date: '2025-08-01',
    memo: 'Bayar listrik',
    lines: [
      { account: '6103', unit: 'kantor', debit: '250000' },
      { account: '1101', unit: 'kantor', credit: '250000' },
    ],
  };
  it('accepts whole rupiah strings', () => expect(manualEntryInput.safeParse(ok).success).toBe(true));
  it('refuses decimals, negatives, unknown fields and one-line entries', () => {
    const bad = (lines: unknown[]) => manualEntryInput.safeParse({ ...ok, lines }).success;
    expect(bad([{ ...ok.lines[0], debit: '250000.5' }, ok.lines[1]])).toBe(false);
    expect(bad([{ ...ok.lines[0], debit: '-1' }, ok.lines[1]])).toBe(false);
    expect(bad([{ ...ok.lines[0], extra: 1 }, ok.lines[1]])).toBe(false);
    expect(bad([ok.lines[0]])).toBe(false);
  });
});
