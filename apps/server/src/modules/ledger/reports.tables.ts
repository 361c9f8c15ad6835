/**
 * Every statement as one printable table (title, columns, rows with a style), so the Excel and
 * PDF files are drawn from the very numbers the JSON carries and can never disagree with it.
 */
import { formatDateId } from '@kopdes/shared/format';
import type {
  CashBook,
  CashFlow,
  EquityChanges,
  FinancialPosition,
  GeneralLedger,
  IncomeStatement,
  SubsidiaryLedger,
  TrialBalance,
} from '@kopdes/shared/ledger';

export type Cell = string | bigint | null;
export interface Column {
  header: string;
  kind: 'text' | 'money';
  /** Relative width. */
  width: number;
}
export type RowStyle = 'normal' | 'section' | 'subtotal' | 'total' | 'grand';
export interface Row {
  cells: Cell[];
  style?: RowStyle;
  indent?: number;
}
export interface ReportTable {
  /** File name stem, e.g. `neraca-saldo-2025-11-30`. */
  file: string;
  title: string;
  subtitle: string;
  period: string;
  unitName: string;
  columns: Column[];
  rows: Row[];
  landscape: boolean;
  signatures: boolean;
}

const b = (x: string) => BigInt(x);
const range = (from: string, to: string) => `${formatDateId(from)} s.d. ${formatDateId(to)}`;
const per = (d: string) => `Per ${formatDateId(d)}`;
const slug = (x: string) => x.toLowerCase().replace(/[^a-z0-9]+/g, '-');
const fileOf = (name: string, unit: string | null, date: string) => `${name}${unit ? `-${slug(unit)}` : ''}-${date}`;

const T = (header: string, width = 3): Column => ({ header, kind: 'text', width });
const M = (header: string, width = 2): Column => ({ header, kind: 'money', width });

export function trialBalanceTable(r: TrialBalance): ReportTable {
  return {
    file: fileOf('neraca-saldo', r.unit, r.to),
    title: 'Neraca Saldo',
    subtitle: '',
    period: r.from ? range(r.from, r.to) : per(r.to),
    unitName: r.unitName,
    landscape: true,
    signatures: true,
    columns: [
      T('Kode', 1),
      T('Nama Akun', 4),
      M('Saldo Awal Debit'),
      M('Saldo Awal Kredit'),
      M('Mutasi Debit'),
      M('Mutasi Kredit'),
      M('Saldo Akhir Debit'),
      M('Saldo Akhir Kredit'),
    ],
    rows: [
      ...r.rows.map((x) => ({
        cells: [x.account, x.name, b(x.openingDebit), b(x.openingCredit), b(x.debit), b(x.credit), b(x.closingDebit), b(x.closingCredit)],
      })),
      {
        style: 'grand' as const,
        cells: [
          null,
          'JUMLAH',
          b(r.totals.openingDebit),
          b(r.totals.openingCredit),
          b(r.totals.debit),
          b(r.totals.credit),
          b(r.totals.closingDebit),
          b(r.totals.closingCredit),
        ],
      },
    ],
  };
}

type Section = { title: string; lines: { account: string | null; name: string; amount: string }[]; total: string };
const sectionRows = (sections: Section[]): Row[] =>
  sections.flatMap((sec) => [
    { style: 'section' as const, cells: [null, sec.title, null], indent: 0 },
    ...sec.lines.map((l) => ({ cells: [l.account, l.name, b(l.amount)], indent: 1 })),
    { style: 'subtotal' as const, cells: [null, `Jumlah ${sec.title}`, b(sec.total)], indent: 0 },
  ]);

export function financialPositionTable(r: FinancialPosition): ReportTable {
  return {
    file: fileOf('laporan-posisi-keuangan', r.unit, r.asOf),
    title: 'Laporan Posisi Keuangan',
    subtitle: '',
    period: per(r.asOf),
    unitName: r.unitName,
    landscape: false,
    signatures: true,
    columns: [T('Kode', 1), T('Uraian', 6), M('Jumlah (Rp)', 3)],
    rows: [
      { style: 'section', cells: [null, 'ASET', null] },
      ...sectionRows(r.assets),
      { style: 'grand', cells: [null, 'JUMLAH ASET', b(r.totalAssets)] },
      { style: 'section', cells: [null, 'LIABILITAS', null] },
      ...sectionRows(r.liabilities),
      { style: 'total', cells: [null, 'JUMLAH LIABILITAS', b(r.totalLiabilities)] },
      { style: 'section', cells: [null, 'EKUITAS', null] },
      ...sectionRows(r.equity),
      { style: 'total', cells: [null, 'JUMLAH EKUITAS', b(r.totalEquity)] },
      { style: 'grand', cells: [null, 'JUMLAH LIABILITAS DAN EKUITAS', b(r.totalLiabilitiesAndEquity)] },
    ],
  };
}

export function incomeStatementTable(r: IncomeStatement): ReportTable {
  const block = (sec: Section): Row[] =>
    sec.lines.length
      ? [
          { style: 'section', cells: [null, sec.title, null] },
          ...sec.lines.map((l) => ({ cells: [l.account, l.name, b(l.amount)] as Cell[], indent: 1 })),
          { style: 'subtotal', cells: [null, `Jumlah ${sec.title}`, b(sec.total)] },
        ]
      : [{ style: 'section', cells: [null, sec.title, b(sec.total)] }];
  return {
    file: fileOf('laporan-perhitungan-hasil-usaha', r.unit, r.to),
    title: 'Laporan Perhitungan Hasil Usaha',
    subtitle: '',
    period: range(r.from, r.to),
    unitName: r.unitName,
    landscape: false,
    signatures: true,
    columns: [T('Kode', 1), T('Uraian', 6), M('Jumlah (Rp)', 3)],
    rows: [
      ...block(r.memberRevenue),
      ...block(r.nonMemberRevenue),
      { style: 'total', cells: [null, 'JUMLAH PENDAPATAN USAHA', b(r.totalRevenue)] },
      ...block(r.costOfSales),
      { style: 'total', cells: [null, 'HASIL USAHA KOTOR', b(r.grossSurplus)] },
      ...block(r.operatingExpenses),
      ...block(r.otherRevenue),
      ...block(r.financeCosts),
      { style: 'total', cells: [null, 'SISA HASIL USAHA SEBELUM PAJAK', b(r.surplusBeforeTax)] },
      ...block(r.incomeTax),
      { style: 'grand', cells: [null, 'SISA HASIL USAHA (SHU) SETELAH PAJAK', b(r.surplus)] },
    ],
  };
}

export function cashFlowTable(r: CashFlow): ReportTable {
  const block = (sec: CashFlow['operating']): Row[] => [
    { style: 'section', cells: [null, sec.title, null, null, null] },
    ...sec.lines.map((l) => ({ cells: [l.account, l.name, b(l.inflow), b(l.outflow), null] as Cell[], indent: 1 })),
    {
      style: 'subtotal',
      cells: [null, `Kas bersih dari ${sec.title.replace('Arus Kas dari ', '').toLowerCase()}`, null, null, b(sec.net)],
    },
  ];
  return {
    file: fileOf('laporan-arus-kas', r.unit, r.to),
    title: 'Laporan Arus Kas',
    subtitle: 'Metode langsung (kas dan bank)',
    period: range(r.from, r.to),
    unitName: r.unitName,
    landscape: false,
    signatures: true,
    columns: [T('Kode', 1), T('Uraian', 5), M('Penerimaan'), M('Pengeluaran'), M('Jumlah')],
    rows: [
      ...block(r.operating),
      ...block(r.investing),
      ...block(r.financing),
      ...(r.unit ? [{ cells: [null, 'Mutasi kas antar unit usaha', null, null, b(r.interUnitTransfers)] as Cell[] }] : []),
      { style: 'total', cells: [null, 'KENAIKAN (PENURUNAN) KAS BERSIH', null, null, b(r.netChange)] },
      { cells: [null, `Kas dan bank awal periode`, null, null, b(r.openingCash)] },
      { style: 'grand', cells: [null, 'KAS DAN BANK AKHIR PERIODE', null, null, b(r.closingCash)] },
    ],
  };
}

export function equityChangesTable(r: EquityChanges): ReportTable {
  return {
    file: fileOf('laporan-perubahan-ekuitas', r.unit, r.to),
    title: 'Laporan Perubahan Ekuitas',
    subtitle: '',
    period: range(r.from, r.to),
    unitName: r.unitName,
    landscape: true,
    signatures: true,
    columns: [T('Kode', 1), T('Komponen Ekuitas', 5), M('Saldo Awal'), M('Penambahan'), M('Pengurangan'), M('Saldo Akhir')],
    rows: [
      ...r.rows.map((x) => ({ cells: [x.account, x.name, b(x.opening), b(x.increase), b(x.decrease), b(x.closing)] })),
      {
        style: 'grand' as const,
        cells: [null, 'JUMLAH EKUITAS', b(r.totals.opening), b(r.totals.increase), b(r.totals.decrease), b(r.totals.closing)],
      },
    ],
  };
}

export function generalLedgerTable(r: GeneralLedger): ReportTable {
  return {
    file: fileOf(`buku-besar-${r.account}`, r.unit, r.to),
    title: 'Buku Besar',
    subtitle: `Akun ${r.account} ${r.accountName} (saldo normal ${r.normalSide === 'debit' ? 'debit' : 'kredit'})`,
    period: range(r.from, r.to),
    unitName: r.unitName,
    landscape: true,
    signatures: false,
    columns: [T('Tanggal', 2), T('No. Jurnal', 2), T('Keterangan', 5), T('Unit', 2), M('Debit'), M('Kredit'), M('Saldo')],
    rows: [
      { style: 'subtotal', cells: [formatDateId(r.from), null, 'Saldo awal', null, null, null, b(r.opening)] },
      ...r.rows.map((x) => ({ cells: [formatDateId(x.date), x.number, x.memo, x.unit, b(x.debit), b(x.credit), b(x.balance)] })),
      {
        style: 'grand' as const,
        cells: [formatDateId(r.to), null, 'Jumlah mutasi dan saldo akhir', null, b(r.totalDebit), b(r.totalCredit), b(r.closing)],
      },
    ],
  };
}

export function cashBookTable(r: CashBook): ReportTable {
  return {
    file: fileOf('buku-kas-harian', r.unit, r.date),
    title: 'Buku Kas Harian',
    subtitle: r.accounts.map((a) => `${a.code} ${a.name}`).join(', '),
    period: formatDateId(r.date),
    unitName: r.unitName,
    landscape: false,
    signatures: true,
    columns: [T('No. Jurnal', 2), T('Keterangan', 5), T('Akun', 1), M('Penerimaan'), M('Pengeluaran'), M('Saldo')],
    rows: [
      { style: 'subtotal', cells: [null, 'Saldo awal hari', null, null, null, b(r.opening)] },
      ...r.rows.map((x) => ({ cells: [x.number, x.memo, x.account, b(x.receipt), b(x.payment), b(x.balance)] })),
      { style: 'grand' as const, cells: [null, 'Jumlah dan saldo akhir hari', null, b(r.totalReceipts), b(r.totalPayments), b(r.closing)] },
    ],
  };
}

export function subsidiaryLedgerTable(r: SubsidiaryLedger): ReportTable {
  const who = r.kind === 'member' ? 'Anggota' : 'Mitra';
  return {
    file: fileOf(`buku-pembantu-${r.kind === 'member' ? 'anggota' : 'mitra'}-${slug(r.subsidiaryId)}`, r.unit, r.asOf),
    title: `Buku Pembantu ${who}`,
    subtitle: `${who}: ${r.subsidiaryId}`,
    period: per(r.asOf),
    unitName: r.unitName,
    landscape: true,
    signatures: false,
    columns: [T('Tanggal', 2), T('No. Jurnal', 2), T('Keterangan', 5), T('Akun', 1), M('Debit'), M('Kredit'), M('Saldo')],
    rows: [
      { style: 'section', cells: [null, null, 'Saldo per akun', null, null, null, null] },
      ...r.balances.map((x) => ({ cells: [null, null, x.name, x.account, null, null, b(x.balance)] as Cell[], indent: 1 })),
      { style: 'section', cells: [null, null, 'Rincian transaksi', null, null, null, null] },
      ...r.rows.map((x) => ({ cells: [formatDateId(x.date), x.number, x.memo, x.account, b(x.debit), b(x.credit), b(x.balance)] })),
    ],
  };
}
