/**
 * The member list as an Excel workbook, laid out the way cooperatives keep it (title, header,
 * one row per member) so that it can be edited and imported again. NIKs are text cells: a NIK
 * stored as a number would lose its last digit in Excel.
 */
import type { Member } from '@kopdes/shared/members';
import { OCCUPATION_LABELS, STATUS_LABELS, formatMemberNumber } from '@kopdes/shared/members';
import { formatDateId } from '@kopdes/shared/format';
import { formatPhoneId } from '@kopdes/shared/phone';
import ExcelJS from 'exceljs';

const COLUMNS: { header: string; width: number; value: (m: Member) => string | Date | null; date?: boolean }[] = [
  { header: 'No Anggota', width: 11, value: (m) => formatMemberNumber(m.number) },
  { header: 'Nama Lengkap', width: 28, value: (m) => m.fullName },
  { header: 'NIK', width: 19, value: (m) => m.nik },
  { header: 'Jenis Kelamin', width: 8, value: (m) => (m.sex === 'M' ? 'L' : 'P') },
  { header: 'Tempat Lahir', width: 16, value: (m) => m.birthPlace },
  { header: 'Tgl Lahir', width: 12, value: (m) => asDate(m.birthDate), date: true },
  { header: 'Alamat', width: 32, value: (m) => m.address },
  { header: 'Kode Desa', width: 14, value: (m) => m.villageCode },
  { header: 'Desa', width: 16, value: (m) => m.village?.name ?? null },
  { header: 'No HP', width: 15, value: (m) => (m.phone ? formatPhoneId(m.phone) : null) },
  { header: 'Pekerjaan', width: 18, value: (m) => m.occupationDetail ?? OCCUPATION_LABELS[m.occupation].id },
  { header: 'Kelompok Tani', width: 20, value: (m) => m.farmerGroup?.name ?? null },
  { header: 'Tgl Masuk', width: 12, value: (m) => asDate(m.joinDate), date: true },
  { header: 'Status', width: 14, value: (m) => STATUS_LABELS[m.status].id },
  { header: 'Tgl Status', width: 12, value: (m) => asDate(m.statusDate), date: true },
  { header: 'Keterangan', width: 24, value: (m) => m.statusReason },
];

const asDate = (iso: string) => new Date(`${iso}T00:00:00Z`);

export async function membersWorkbook(coopName: string, today: string, members: Member[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'kopdes';
  const ws = wb.addWorksheet('Anggota', { views: [{ state: 'frozen', ySplit: 3 }] });
  ws.getCell('A1').value = `DAFTAR ANGGOTA ${coopName.toUpperCase()}`;
  ws.getCell('A1').font = { bold: true, size: 13 };
  ws.getCell('A2').value = `Per ${formatDateId(today)} · ${members.length} anggota`;
  ws.getCell('A2').font = { italic: true, size: 10 };
  const header = ws.getRow(3);
  COLUMNS.forEach((c, i) => {
    header.getCell(i + 1).value = c.header;
    ws.getColumn(i + 1).width = c.width;
    if (c.date) ws.getColumn(i + 1).numFmt = 'dd/mm/yyyy';
  });
  ws.getColumn(3).numFmt = '@';
  header.font = { bold: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8E8E8' } };
  for (const m of members) ws.addRow(COLUMNS.map((c) => c.value(m)));
  ws.autoFilter = { from: { row: 3, column: 1 }, to: { row: 3 + members.length, column: COLUMNS.length } };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
