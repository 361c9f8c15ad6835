/** A dashboard as an Excel workbook: summary, the table of areas (or cooperatives), the 12-month trend. */
import ExcelJS from 'exceljs';
import type { Figures } from '@kopdes/shared/network';
import type { dashboard } from './rollups.service.js';

type Dashboard = Awaited<ReturnType<typeof dashboard>>;

const COLUMNS: { key: keyof Figures; header: string; kind: 'count' | 'rupiah' | 'kg' }[] = [
  { key: 'cooperatives', header: 'Koperasi', kind: 'count' },
  { key: 'formed', header: 'Berbadan hukum', kind: 'count' },
  { key: 'operating', header: 'Beroperasi (berdagang)', kind: 'count' },
  { key: 'members', header: 'Anggota', kind: 'count' },
  { key: 'savings', header: 'Simpanan anggota (Rp)', kind: 'rupiah' },
  { key: 'intakeGrams', header: 'Hasil panen dibeli (kg)', kind: 'kg' },
  { key: 'sales', header: 'Penjualan (Rp)', kind: 'rupiah' },
  { key: 'activeUnits', header: 'Unit usaha aktif', kind: 'count' },
  { key: 'partnersActive', header: 'Kemitraan aktif', kind: 'count' },
  { key: 'alumni', header: 'Alumni magang', kind: 'count' },
  { key: 'alumniCooperatives', header: 'Koperasi alumni', kind: 'count' },
  { key: 'alumniOperating', header: 'Koperasi alumni beroperasi', kind: 'count' },
];

/** Excel cells are doubles; whole Rupiah sums stay exact below 2^53 (about Rp 9 kuadriliun). */
const cell = (f: Figures, c: (typeof COLUMNS)[number]) => (c.kind === 'kg' ? Number(BigInt(f[c.key] as string)) / 1000 : Number(f[c.key]));
const FORMAT = { count: '#,##0', rupiah: '"Rp "#,##0', kg: '#,##0.0' } as const;

function table(ws: ExcelJS.Worksheet, lead: { header: string; width: number }[], rows: { lead: string[]; f: Figures }[]) {
  ws.columns = [...lead.map((l) => ({ header: l.header, width: l.width })), ...COLUMNS.map((c) => ({ header: c.header, width: 16 }))];
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', xSplit: lead.length, ySplit: 1 }];
  for (const r of rows) ws.addRow([...r.lead, ...COLUMNS.map((c) => cell(r.f, c))]);
  COLUMNS.forEach((c, i) => (ws.getColumn(lead.length + i + 1).numFmt = FORMAT[c.kind]));
}

export async function dashboardWorkbook(d: Dashboard): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'kopdes';
  wb.created = new Date();
  const level = d.level === 'national' ? 'Nasional' : d.level === 'province' ? 'Provinsi' : 'Kabupaten/Kota';
  const summary = wb.addWorksheet('Ringkasan');
  summary.columns = [
    { header: 'Keterangan', width: 34 },
    { header: 'Nilai', width: 22 },
  ];
  summary.getRow(1).font = { bold: true };
  summary.addRow(['Wilayah', `${d.name} (${level}${d.level === 'national' ? '' : `, kode ${d.code}`})`]);
  summary.addRow(['Bulan', d.month]);
  summary.addRow(['Diperbarui', d.refreshedAt ?? '-']);
  for (const c of COLUMNS) {
    const row = summary.addRow([c.header, cell(d.totals, c)]);
    row.getCell(2).numFmt = FORMAT[c.kind];
  }
  if (d.totals.synthetic) summary.addRow(['Termasuk koperasi sintetis (uji skala)', d.totals.synthetic]);

  const childName = d.level === 'national' ? 'Provinsi' : d.level === 'province' ? 'Kabupaten-Kota' : 'Koperasi';
  table(
    wb.addWorksheet(childName),
    [
      { header: d.level === 'regency' ? 'Id koperasi' : 'Kode', width: d.level === 'regency' ? 32 : 10 },
      { header: 'Nama', width: 40 },
    ],
    d.children.map((c) => ({ lead: [c.code, c.name], f: c })),
  );
  table(
    wb.addWorksheet('Tren 12 bulan'),
    [{ header: 'Bulan', width: 10 }],
    d.series.map((s) => ({ lead: [s.month], f: s })),
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}
