import { formatDateId, formatDateTimeId } from '@kopdes/shared/format';
import { villageInfo } from '../../lib/areas.js';
import { renderXlsx, XLSX_TYPE } from './reports.excel.js';
import { renderPdf, type Letterhead } from './reports.pdf.js';
import type { ReportContext } from './reports.service.js';
import type { ReportTable } from './reports.tables.js';

export function letterheadOf(ctx: ReportContext, now = new Date()): Letterhead {
  const v = villageInfo(ctx.head.villageCode);
  const area = v
    ? `Desa ${v.name}, Kec. ${v.district.name}, ${v.regency.name}, ${v.province.name}`
    : `Kode wilayah ${ctx.head.villageCode}`;
  return {
    name: ctx.head.name,
    lines: [
      ...(ctx.head.legalEntityNumber ? [`Badan Hukum No. ${ctx.head.legalEntityNumber}`] : []),
      ...(ctx.head.address ? [ctx.head.address] : []),
      area,
    ],
    placeAndDate: `${v?.name ?? ''}${v ? ', ' : ''}${formatDateId(ctx.today)}`,
    printedAt: now,
    printedLabel: formatDateTimeId(now, ctx.head.timeZone),
  };
}

export const FILE_TYPES = { xlsx: XLSX_TYPE, pdf: 'application/pdf' } as const;

/** The statement as a file: the body, its content type and a download name. */
export async function renderFile(format: 'xlsx' | 'pdf', table: ReportTable, ctx: ReportContext) {
  const head = letterheadOf(ctx);
  const body = format === 'xlsx' ? await renderXlsx(table, head) : await renderPdf(table, head);
  return { body, contentType: FILE_TYPES[format], fileName: `${table.file}.${format}` };
}
