/**
 * The general ledger's shared contract: the standard chart of accounts of a village cooperative
 * (SAK EP), its business units, and the API schemas of journal entries, periods and statements.
 * Account codes are 4-digit strings; other modules post with `ACCOUNTS.KAS`, never a literal.
 */
import { z } from 'zod';
import { bi, isoDate, rupiahString } from './common.js';

export const ACCOUNT_TYPES = ['asset', 'liability', 'equity', 'revenue', 'expense'] as const;
export type AccountType = (typeof ACCOUNT_TYPES)[number];
export type NormalSide = 'debit' | 'credit';
/** SAK EP shows revenue from members apart from revenue from non-members; `other` is neither. */
export type RevenueKind = 'member' | 'non_member' | 'other';
export type CashFlowClass = 'cash' | 'operating' | 'investing' | 'financing';
export type Subsidiary = 'member' | 'partner';

export interface AccountDef {
  code: string;
  name: string;
  type: AccountType;
  normalSide: NormalSide;
  revenueKind: RevenueKind | null;
  cashFlow: CashFlowClass;
  subsidiary: Subsidiary | null;
}

type Def = Omit<AccountDef, 'code' | 'normalSide'> & { normalSide?: NormalSide };
const NORMAL: Record<AccountType, NormalSide> = {
  asset: 'debit',
  expense: 'debit',
  liability: 'credit',
  equity: 'credit',
  revenue: 'credit',
};
const a = (name: string, type: AccountType, cashFlow: CashFlowClass, extra: Partial<Def> = {}): Def => ({
  name,
  type,
  cashFlow,
  revenueKind: null,
  subsidiary: null,
  ...extra,
});

const CHART = {
  KAS: ['1101', a('Kas', 'asset', 'cash')],
  BANK: ['1111', a('Bank', 'asset', 'cash')],
  PIUTANG_USAHA: ['1121', a('Piutang Usaha (Pembeli)', 'asset', 'operating', { subsidiary: 'partner' })],
  PIUTANG_ANGGOTA: ['1122', a('Piutang Anggota', 'asset', 'operating', { subsidiary: 'member' })],
  PINJAMAN_ANGGOTA: ['1131', a('Pinjaman kepada Anggota', 'asset', 'operating', { subsidiary: 'member' })],
  CADANGAN_KERUGIAN_PINJAMAN: ['1132', a('Cadangan Kerugian Pinjaman', 'asset', 'operating', { normalSide: 'credit' })],
  PERSEDIAAN_GERAI: ['1141', a('Persediaan Gerai Sembako', 'asset', 'operating')],
  PERSEDIAAN_HASIL_PANEN: ['1142', a('Persediaan Hasil Panen', 'asset', 'operating')],
  PERSEDIAAN_KEMASAN: ['1143', a('Persediaan Kemasan', 'asset', 'operating')],
  PERSEDIAAN_OBAT: ['1144', a('Persediaan Obat dan Alat Kesehatan', 'asset', 'operating')],
  PERSEDIAAN_PUPUK_LPG: ['1145', a('Persediaan Pupuk dan LPG', 'asset', 'operating')],
  BIAYA_DIBAYAR_DIMUKA: ['1151', a('Biaya Dibayar di Muka', 'asset', 'operating')],
  TANAH: ['1201', a('Tanah', 'asset', 'investing')],
  BANGUNAN: ['1202', a('Bangunan', 'asset', 'investing')],
  KENDARAAN: ['1203', a('Kendaraan', 'asset', 'investing')],
  PERALATAN: ['1204', a('Peralatan dan Mesin', 'asset', 'investing')],
  AKUMULASI_PENYUSUTAN: ['1209', a('Akumulasi Penyusutan', 'asset', 'investing', { normalSide: 'credit' })],
  UTANG_USAHA: ['2101', a('Utang Usaha (Pemasok)', 'liability', 'operating', { subsidiary: 'partner' })],
  UTANG_PETANI: ['2102', a('Utang kepada Petani (Hasil Panen)', 'liability', 'operating', { subsidiary: 'member' })],
  SIMPANAN_SUKARELA: ['2111', a('Simpanan Sukarela', 'liability', 'financing', { subsidiary: 'member' })],
  UTANG_PAJAK: ['2121', a('Utang Pajak', 'liability', 'operating')],
  DANA_PENGURUS: ['2131', a('Dana Pengurus dan Pengawas', 'liability', 'financing')],
  DANA_KARYAWAN: ['2132', a('Dana Karyawan', 'liability', 'financing')],
  DANA_PENDIDIKAN: ['2133', a('Dana Pendidikan', 'liability', 'financing')],
  DANA_SOSIAL: ['2134', a('Dana Sosial', 'liability', 'financing')],
  BAGIAN_SHU_DESA: ['2135', a('Bagian SHU untuk Desa', 'liability', 'financing')],
  SHU_ANGGOTA_BELUM_DIBAGI: ['2136', a('SHU Anggota Belum Dibayar', 'liability', 'financing', { subsidiary: 'member' })],
  BEBAN_YMH_DIBAYAR: ['2141', a('Beban yang Masih Harus Dibayar', 'liability', 'operating')],
  UTANG_BANK: ['2201', a('Utang Bank', 'liability', 'financing')],
  UTANG_DESA: ['2202', a('Utang kepada Desa (Dana Desa)', 'liability', 'financing')],
  SIMPANAN_POKOK: ['3101', a('Simpanan Pokok', 'equity', 'financing', { subsidiary: 'member' })],
  SIMPANAN_WAJIB: ['3102', a('Simpanan Wajib', 'equity', 'financing', { subsidiary: 'member' })],
  CADANGAN: ['3201', a('Cadangan', 'equity', 'financing')],
  HIBAH: ['3301', a('Hibah', 'equity', 'financing')],
  SHU_TAHUN_BERJALAN: ['3401', a('SHU Tahun Berjalan', 'equity', 'financing')],
  SHU_BELUM_DIBAGI: ['3402', a('SHU Belum Dibagi', 'equity', 'financing')],
  PENJUALAN_ANGGOTA: ['4101', a('Penjualan kepada Anggota', 'revenue', 'operating', { revenueKind: 'member' })],
  PENJUALAN_NON_ANGGOTA: ['4102', a('Penjualan kepada Non-Anggota', 'revenue', 'operating', { revenueKind: 'non_member' })],
  JASA_LAYANAN_ANGGOTA: ['4103', a('Pendapatan Jasa Layanan Anggota', 'revenue', 'operating', { revenueKind: 'member' })],
  JASA_LAYANAN_NON_ANGGOTA: ['4104', a('Pendapatan Jasa Layanan Non-Anggota', 'revenue', 'operating', { revenueKind: 'non_member' })],
  JASA_PINJAMAN: ['4201', a('Pendapatan Jasa Pinjaman Anggota', 'revenue', 'operating', { revenueKind: 'member' })],
  ADMINISTRASI_PINJAMAN: ['4202', a('Pendapatan Administrasi Pinjaman', 'revenue', 'operating', { revenueKind: 'member' })],
  PENDAPATAN_LAIN: ['4301', a('Pendapatan Lain-lain', 'revenue', 'operating', { revenueKind: 'other' })],
  PENDAPATAN_BUNGA_BANK: ['4302', a('Pendapatan Bunga Bank', 'revenue', 'operating', { revenueKind: 'other' })],
  HPP: ['5101', a('Harga Pokok Penjualan', 'expense', 'operating')],
  SUSUT_DAN_BUSUK: ['5201', a('Susut dan Busuk Persediaan', 'expense', 'operating')],
  GAJI: ['6101', a('Beban Gaji dan Upah', 'expense', 'operating')],
  PENYUSUTAN: ['6102', a('Beban Penyusutan', 'expense', 'operating')],
  LISTRIK_AIR_TELEPON: ['6103', a('Beban Listrik, Air dan Telepon', 'expense', 'operating')],
  TRANSPORT: ['6104', a('Beban Transportasi dan BBM', 'expense', 'operating')],
  KEMASAN: ['6105', a('Beban Kemasan', 'expense', 'operating')],
  SEWA: ['6106', a('Beban Sewa', 'expense', 'operating')],
  ATK: ['6107', a('Beban Alat Tulis Kantor', 'expense', 'operating')],
  RAPAT_RAT: ['6108', a('Beban Rapat dan RAT', 'expense', 'operating')],
  BEBAN_LAIN: ['6109', a('Beban Lain-lain', 'expense', 'operating')],
  PEMELIHARAAN: ['6110', a('Beban Pemeliharaan dan Perbaikan', 'expense', 'operating')],
  PENYISIHAN_PINJAMAN: ['6111', a('Beban Penyisihan Kerugian Pinjaman', 'expense', 'operating')],
  BEBAN_BUNGA: ['7101', a('Beban Bunga Pinjaman', 'expense', 'operating')],
  PAJAK_PENGHASILAN: ['8101', a('Beban Pajak Penghasilan', 'expense', 'operating')],
} as const satisfies Record<string, readonly [string, Def]>;

type ChartKey = keyof typeof CHART;

/**
 * The standard account codes others post to.
 * @example postEntry(db, coopId, actor, { lines: [{ account: ACCOUNTS.KAS, unit: 'gerai_sembako', debit: 50_000n }, …] })
 */
export const ACCOUNTS = Object.fromEntries(Object.entries(CHART).map(([k, [code]]) => [k, code])) as {
  readonly [K in ChartKey]: (typeof CHART)[K][0];
};
export type AccountCode = string;

/** Where money paid in cash or by bank transfer goes in and out: the till (1101) or the bank (1111). */
export const CASH_ACCOUNT: Record<'cash' | 'bank', string> = { cash: ACCOUNTS.KAS, bank: ACCOUNTS.BANK };

/** The standard chart a cooperative starts with, in code order. A cooperative may add child accounts. */
export const STANDARD_CHART: readonly AccountDef[] = Object.values(CHART)
  .map(([code, d]) => ({ code, ...d, normalSide: (d as Def).normalSide ?? NORMAL[d.type] }) as AccountDef)
  .sort((x, y) => x.code.localeCompare(y.code));

/** Report groups by the first two digits of an account code. */
export const ACCOUNT_GROUPS: Record<string, string> = {
  '11': 'Aset Lancar',
  '12': 'Aset Tetap',
  '21': 'Liabilitas Jangka Pendek',
  '22': 'Liabilitas Jangka Panjang',
  '31': 'Simpanan Anggota',
  '32': 'Cadangan',
  '33': 'Hibah',
  '34': 'Sisa Hasil Usaha',
  '41': 'Pendapatan Usaha',
  '42': 'Pendapatan Jasa Simpan Pinjam',
  '43': 'Pendapatan Lain-lain',
  '51': 'Harga Pokok Penjualan',
  '52': 'Susut dan Busuk',
  '61': 'Beban Usaha',
  '71': 'Beban Keuangan',
  '81': 'Pajak Penghasilan',
};
export const groupOf = (code: string) => code.slice(0, 2);

export const UNITS = {
  kantor: 'Kantor Koperasi',
  gerai_sembako: 'Gerai Sembako',
  simpan_pinjam: 'Unit Simpan Pinjam',
  agribisnis: 'Agribisnis (Pengumpulan dan Pemasaran Hasil Anggota)',
  gudang: 'Gudang dan Cold Storage',
  logistik: 'Logistik',
  klinik: 'Klinik Desa',
  apotek: 'Apotek Desa',
} as const;
export type UnitCode = keyof typeof UNITS;
export const UNIT_CODES = Object.keys(UNITS) as UnitCode[];

export const LEDGER_ERROR_CODES = [
  'unbalanced',
  'unknown_account',
  'inactive_account',
  'unknown_unit',
  'unit_disabled',
  'amount_not_positive',
  'debit_and_credit',
  'period_closed',
  'year_closed',
] as const;

// ── API schemas ──────────────────────────────────────────────────────────────────────────────

const accountCode = z.string().regex(/^\d{4}$/, bi('Kode akun harus 4 digit angka', 'Account code must be 4 digits'));
const unitCode = z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, bi('Kode unit tidak valid', 'Not a valid unit code'));
const subsidiaryId = z.string().trim().min(1).max(64);
const positiveRupiah = z
  .string()
  .regex(/^\d{1,15}$/, bi('Jumlah harus angka bulat rupiah lebih dari nol', 'Amount must be whole rupiah greater than zero'));

export const account = z.object({
  code: z.string(),
  name: z.string(),
  type: z.enum(ACCOUNT_TYPES),
  normalSide: z.enum(['debit', 'credit']),
  revenueKind: z.enum(['member', 'non_member', 'other']).nullable(),
  cashFlow: z.enum(['cash', 'operating', 'investing', 'financing']),
  subsidiary: z.enum(['member', 'partner']).nullable(),
  parentCode: z.string().nullable(),
  group: z.string(),
  groupName: z.string(),
  active: z.boolean(),
  standard: z.boolean(),
});
export type Account = z.infer<typeof account>;

export const accountInput = z.strictObject({
  code: accountCode,
  name: z.string().trim().min(3).max(120),
  parentCode: accountCode,
});

export const unit = z.object({ code: z.string(), name: z.string(), enabled: z.boolean() });

export const journalLineInput = z.strictObject({
  account: accountCode,
  unit: unitCode,
  debit: positiveRupiah.optional(),
  credit: positiveRupiah.optional(),
  memberId: subsidiaryId.nullish(),
  partnerId: subsidiaryId.nullish(),
  memo: z.string().trim().max(200).optional(),
});

export const manualEntryInput = z.strictObject({
  date: isoDate,
  memo: z.string().trim().min(3).max(500),
  lines: z.array(journalLineInput).min(2).max(200),
});
export type ManualEntryInput = z.infer<typeof manualEntryInput>;

export const reverseInput = z.strictObject({ date: isoDate, memo: z.string().trim().min(3).max(500) });

export const journalLine = z.object({
  lineNo: z.number().int(),
  account: z.string(),
  accountName: z.string(),
  unit: z.string(),
  memberId: z.string().nullable(),
  partnerId: z.string().nullable(),
  debit: rupiahString,
  credit: rupiahString,
  memo: z.string().nullable(),
});

export const journalEntry = z.object({
  id: z.string(),
  number: z.string(),
  date: z.string(),
  memo: z.string(),
  source: z.object({ module: z.string(), documentId: z.string() }),
  reversesId: z.string().nullable(),
  reversedById: z.string().nullable(),
  closing: z.boolean(),
  total: rupiahString,
  createdAt: z.string(),
  createdBy: z.string(),
  lines: z.array(journalLine),
});
export type JournalEntry = z.infer<typeof journalEntry>;

export const journalQuery = z.strictObject({
  from: isoDate.optional(),
  to: isoDate.optional(),
  account: accountCode.optional(),
  sourceModule: z.string().max(64).optional(),
  sourceDocumentId: z.string().max(128).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const entryPreview = z.object({
  balanced: z.literal(true),
  total: rupiahString,
  effects: z.array(
    z.object({
      account: z.string(),
      accountName: z.string(),
      unit: z.string(),
      before: rupiahString,
      change: rupiahString,
      after: rupiahString,
    }),
  ),
});

export const periodMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, bi('Bulan harus berformat YYYY-MM', 'Month must be YYYY-MM'));
export const periodsQuery = z.strictObject({ year: z.coerce.number().int().min(2000).max(2100) });
export const period = z.object({
  month: z.string(),
  closed: z.boolean(),
  closedAt: z.string().nullable(),
  closedBy: z.string().nullable(),
  entries: z.number().int(),
});
export const periodsList = z.object({
  year: z.number().int(),
  yearClosed: z.boolean(),
  closingEntryId: z.string().nullable(),
  months: z.array(period),
});
export const yearCloseInput = z.strictObject({ year: z.number().int().min(2000).max(2100) });
export const yearReopenInput = z.strictObject({
  year: z.number().int().min(2000).max(2100),
  reason: z
    .string()
    .trim()
    .min(10, bi('Alasan wajib diisi, minimal 10 karakter', 'A reason of at least 10 characters is required'))
    .max(1000),
});

// Reports: every one as of a date or for a period, per unit or consolidated (unit omitted).
export const REPORT_FORMATS = ['json', 'xlsx', 'pdf'] as const;
const reportBase = { format: z.enum(REPORT_FORMATS).default('json'), unit: unitCode.optional() };
export const asOfQuery = z.strictObject({ ...reportBase, asOf: isoDate.optional() });
export const periodQuery = z.strictObject({ ...reportBase, from: isoDate.optional(), to: isoDate.optional() });
export const generalLedgerQuery = z.strictObject({ ...reportBase, account: accountCode, from: isoDate.optional(), to: isoDate.optional() });
export const cashBookQuery = z.strictObject({ ...reportBase, date: isoDate.optional(), account: accountCode.optional() });
export const memberLedgerQuery = z.strictObject({ ...reportBase, asOf: isoDate.optional() });

const reportHead = {
  cooperativeName: z.string(),
  unit: z.string().nullable(),
  unitName: z.string(),
};

export const trialBalance = z.object({
  ...reportHead,
  from: z.string().nullable(),
  to: z.string(),
  rows: z.array(
    z.object({
      account: z.string(),
      name: z.string(),
      type: z.enum(ACCOUNT_TYPES),
      openingDebit: rupiahString,
      openingCredit: rupiahString,
      debit: rupiahString,
      credit: rupiahString,
      closingDebit: rupiahString,
      closingCredit: rupiahString,
    }),
  ),
  totals: z.object({
    openingDebit: rupiahString,
    openingCredit: rupiahString,
    debit: rupiahString,
    credit: rupiahString,
    closingDebit: rupiahString,
    closingCredit: rupiahString,
  }),
});
export type TrialBalance = z.infer<typeof trialBalance>;

const amountLine = z.object({ account: z.string().nullable(), name: z.string(), amount: rupiahString });
const section = z.object({ title: z.string(), lines: z.array(amountLine), total: rupiahString });

export const financialPosition = z.object({
  ...reportHead,
  asOf: z.string(),
  assets: z.array(section),
  liabilities: z.array(section),
  equity: z.array(section),
  totalAssets: rupiahString,
  totalLiabilities: rupiahString,
  totalEquity: rupiahString,
  currentSurplus: rupiahString,
  totalLiabilitiesAndEquity: rupiahString,
});
export type FinancialPosition = z.infer<typeof financialPosition>;

export const incomeStatement = z.object({
  ...reportHead,
  from: z.string(),
  to: z.string(),
  memberRevenue: section,
  nonMemberRevenue: section,
  otherRevenue: section,
  totalRevenue: rupiahString,
  costOfSales: section,
  grossSurplus: rupiahString,
  operatingExpenses: section,
  financeCosts: section,
  surplusBeforeTax: rupiahString,
  incomeTax: section,
  surplus: rupiahString,
});
export type IncomeStatement = z.infer<typeof incomeStatement>;

const flowLine = z.object({ account: z.string().nullable(), name: z.string(), inflow: rupiahString, outflow: rupiahString });
const flowSection = z.object({ title: z.string(), lines: z.array(flowLine), net: rupiahString });
export const cashFlow = z.object({
  ...reportHead,
  from: z.string(),
  to: z.string(),
  operating: flowSection,
  investing: flowSection,
  financing: flowSection,
  interUnitTransfers: rupiahString,
  netChange: rupiahString,
  openingCash: rupiahString,
  closingCash: rupiahString,
});
export type CashFlow = z.infer<typeof cashFlow>;

export const equityChanges = z.object({
  ...reportHead,
  from: z.string(),
  to: z.string(),
  rows: z.array(
    z.object({
      account: z.string().nullable(),
      name: z.string(),
      opening: rupiahString,
      increase: rupiahString,
      decrease: rupiahString,
      closing: rupiahString,
    }),
  ),
  totals: z.object({ opening: rupiahString, increase: rupiahString, decrease: rupiahString, closing: rupiahString }),
});
export type EquityChanges = z.infer<typeof equityChanges>;

const ledgerRow = z.object({
  date: z.string(),
  entryId: z.string(),
  number: z.string(),
  memo: z.string(),
  unit: z.string(),
  memberId: z.string().nullable(),
  partnerId: z.string().nullable(),
  debit: rupiahString,
  credit: rupiahString,
  balance: rupiahString,
});
export const generalLedger = z.object({
  ...reportHead,
  account: z.string(),
  accountName: z.string(),
  normalSide: z.enum(['debit', 'credit']),
  from: z.string(),
  to: z.string(),
  opening: rupiahString,
  rows: z.array(ledgerRow),
  totalDebit: rupiahString,
  totalCredit: rupiahString,
  closing: rupiahString,
});
export type GeneralLedger = z.infer<typeof generalLedger>;

export const cashBook = z.object({
  ...reportHead,
  date: z.string(),
  accounts: z.array(z.object({ code: z.string(), name: z.string() })),
  opening: rupiahString,
  rows: z.array(
    z.object({
      entryId: z.string(),
      number: z.string(),
      memo: z.string(),
      account: z.string(),
      receipt: rupiahString,
      payment: rupiahString,
      balance: rupiahString,
    }),
  ),
  totalReceipts: rupiahString,
  totalPayments: rupiahString,
  closing: rupiahString,
});
export type CashBook = z.infer<typeof cashBook>;

export const subsidiaryLedger = z.object({
  ...reportHead,
  kind: z.enum(['member', 'partner']),
  subsidiaryId: z.string(),
  asOf: z.string(),
  balances: z.array(z.object({ account: z.string(), name: z.string(), balance: rupiahString })),
  rows: z.array(ledgerRow.extend({ account: z.string() })),
});
export type SubsidiaryLedger = z.infer<typeof subsidiaryLedger>;

export const yearCloseResult = z.object({
  year: z.number().int(),
  closingEntry: z.object({ id: z.string(), number: z.string() }).nullable(),
  surplus: rupiahString,
});
export const unitEnableInput = z.strictObject({ name: z.string().trim().min(3).max(120).optional() });
export const monthReopenInput = z.strictObject({ reason: z.string().trim().min(3).max(1000).optional() });
export const subsidiaryIdParam = z
  .string()
  .regex(/^[\w.:-]{1,64}$/, bi('Id anggota/mitra tidak valid', 'Not a valid member or partner id'));
