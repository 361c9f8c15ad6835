/**
 * Imports a member list from .xlsx or CSV: a dry run reports, row by row, what would be created
 * and what is wrong and why; then the import writes either every row or nothing (`all`), or only
 * the valid rows (`valid_only`), in one transaction.
 */
import type { ImportMode, ImportReport } from '@kopdes/shared/members';
import { formatMemberNumber } from '@kopdes/shared/members';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../lib/actor.js';
import { AppError, type Msg } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { villageInfo } from '../../lib/areas.js';
import { recordAudit } from '../audit/audit.service.js';
import { makeRowReader, type Candidate, type RowIssue } from './import-rows.js';
import { findLayout, readSheets } from './import-sheet.js';
import * as repo from './members.repository.js';
import { coopContext, pgConstraint } from './members.service.js';

export const MAX_IMPORT_ROWS = 50_000;

export type ImportStage = 'read' | 'check' | 'write';

export interface ImportOptions {
  mode: ImportMode;
  filename: string;
  onProgress?: (stage: ImportStage, done: number, total: number) => void;
}

export interface ImportResult {
  mode: ImportMode;
  committed: boolean;
  file: ImportReport['file'];
  candidates: (Candidate & { memberId: string | null })[];
  farmerGroupsCreated: string[];
  created: number;
  ms: number;
}

const fileError = (code: string, message: Msg) => new AppError('validation', code, message, [{ field: 'file', code, message }]);

export async function importMembers(db: Db, actor: Actor, cooperativeId: string, data: Buffer, opts: ImportOptions): Promise<ImportResult> {
  const started = performance.now();
  const ctx = await coopContext(db, cooperativeId);
  const village = villageInfo(ctx.villageCode);
  if (!village) throw new Error(`cooperative ${cooperativeId} has an unknown village ${ctx.villageCode}`);

  const { format, sheets } = await readSheets(data, opts.filename);
  const layout = findLayout(sheets);
  if (!layout) {
    throw fileError('import_no_header', {
      id: 'Baris judul kolom tidak ditemukan di 20 baris pertama: harus ada kolom "Nama" (atau "Nama Lengkap") dan "NIK"',
      en: 'No header row found in the first 20 rows: there must be a "Nama" (or "Nama Lengkap") and a "NIK" column',
    });
  }
  if (layout.dataRows.length > MAX_IMPORT_ROWS) {
    throw fileError('import_too_many_rows', {
      id: `Berkas berisi ${layout.dataRows.length} baris; maksimal ${MAX_IMPORT_ROWS} baris sekali impor`,
      en: `The file has ${layout.dataRows.length} rows; at most ${MAX_IMPORT_ROWS} rows per import`,
    });
  }

  const readRow = makeRowReader(layout, {
    today: ctx.today,
    village: {
      code: village.code,
      name: village.name,
      districtCode: village.district.code,
      regencyCode: village.regency.code,
      regencyName: village.regency.name,
    },
  });
  const candidates: (Candidate & { memberId: string | null })[] = [];
  const total = layout.dataRows.length;
  layout.dataRows.forEach((r, i) => {
    const c = readRow(r);
    if (c) candidates.push({ ...c, memberId: null });
    if (opts.onProgress && (i % 500 === 499 || i === total - 1)) opts.onProgress('read', i + 1, total);
  });

  await checkAgainstFileAndRegistry(db, cooperativeId, candidates, layout.columns);
  opts.onProgress?.('check', candidates.length, candidates.length);

  const groups = await repo.farmerGroupsOf(db, cooperativeId);
  const groupIds = new Map(groups.map((g) => [g.name.toLowerCase(), g.id]));
  const valid = candidates.filter((c) => !c.errors.length);
  const toImport = opts.mode === 'valid_only' || (opts.mode === 'all' && valid.length === candidates.length) ? valid : [];
  const newGroups = [
    ...new Map(
      toImport.filter((c) => c.values.farmerGroup).map((c) => [c.values.farmerGroup!.toLowerCase(), c.values.farmerGroup!]),
    ).entries(),
  ]
    .filter(([key]) => !groupIds.has(key))
    .map(([, name]) => name);
  const file = {
    name: opts.filename,
    format,
    sheet: layout.sheet.name,
    headerRow: layout.headerRow,
    columns: layout.columns.map((c) => ({ header: c.header, field: c.field && c.field !== 'rowNo' ? c.field : null })),
  };
  const result = (committed: boolean, created: number): ImportResult => ({
    mode: opts.mode,
    committed,
    file,
    candidates,
    farmerGroupsCreated: committed ? newGroups : dryRunGroups(candidates, groupIds),
    created,
    ms: Math.round(performance.now() - started),
  });
  if (opts.mode === 'dry_run' || !toImport.length) return result(false, 0);

  try {
    await db.transaction(async (tx) => {
      const groupRows = newGroups.map((name) => ({ cooperativeId, id: newId('ktn'), name, villageCode: null }));
      await repo.insertFarmerGroups(tx, groupRows);
      for (const g of groupRows) groupIds.set(g.name.toLowerCase(), g.id);

      const explicit = toImport.map((c) => c.values.number ?? 0);
      const highest = Math.max(0, ...explicit);
      if (highest) await repo.raiseMemberNumber(tx, cooperativeId, highest);
      const needed = toImport.filter((c) => !c.values.number).length;
      let next = needed ? await repo.takeMemberNumbers(tx, cooperativeId, needed) : 0;

      const rows: repo.MemberInsert[] = [];
      const changes: repo.StatusChangeInsert[] = [];
      for (const c of toImport) {
        const v = c.values;
        const id = newId('mbr');
        c.memberId = id;
        rows.push({
          cooperativeId,
          id,
          number: v.number ?? next++,
          nik: v.nik!,
          fullName: v.fullName!,
          sex: v.sex!,
          birthPlace: v.birthPlace,
          birthDate: v.birthDate!,
          address: v.address,
          villageCode: v.villageCode!,
          phone: v.phone,
          occupation: v.occupation ?? 'other',
          occupationDetail: v.occupationDetail,
          farmerGroupId: v.farmerGroup ? groupIds.get(v.farmerGroup.toLowerCase())! : null,
          joinDate: v.joinDate!,
          status: v.status,
          statusDate: v.joinDate!,
          notes: v.notes,
        });
        changes.push({
          cooperativeId,
          id: newId('msc'),
          memberId: id,
          fromStatus: null,
          toStatus: v.status,
          effectiveDate: v.joinDate!,
          reason: `Impor dari ${opts.filename}, baris ${c.row}`,
          actorId: actor.id,
          actorLabel: actor.label,
        });
      }
      for (let i = 0; i < rows.length; i += 2500) {
        await repo.insertMembers(tx, rows.slice(i, i + 2500));
        opts.onProgress?.('write', Math.min(i + 2500, rows.length), rows.length);
      }
      await repo.insertStatusChanges(tx, changes);
      await recordAudit(tx, cooperativeId, actor, {
        action: 'member.import',
        entityType: 'member',
        entityId: null,
        changes: { file: opts.filename, mode: opts.mode, rows: candidates.length, created: rows.length, farmerGroupsCreated: newGroups },
      });
    });
  } catch (e) {
    for (const c of toImport) c.memberId = null;
    const constraint = pgConstraint(e);
    if (constraint === 'members_nik_uq' || constraint === 'members_number_uq') {
      throw new AppError('conflict', 'import_conflict', {
        id: 'Data anggota berubah selama impor (NIK atau nomor yang sama baru saja didaftarkan); ulangi impor',
        en: 'The registry changed during the import (the same NIK or number was just registered); run the import again',
      });
    }
    throw e;
  }
  return result(true, toImport.length);
}

function dryRunGroups(candidates: Candidate[], existing: Map<string, string>): string[] {
  const names = new Map<string, string>();
  for (const c of candidates) {
    const g = c.values.farmerGroup;
    if (g && !c.errors.length && !existing.has(g.toLowerCase())) names.set(g.toLowerCase(), g);
  }
  return [...names.values()];
}

async function checkAgainstFileAndRegistry(
  db: Db,
  cooperativeId: string,
  candidates: Candidate[],
  columns: { header: string; field: string | null }[],
) {
  const header = (field: string) => columns.find((c) => c.field === field)?.header ?? null;
  const add = (c: Candidate, field: string, code: string, message: Msg) =>
    c.errors.push({ field, code, message, column: header(field) } satisfies RowIssue);

  const firstRowOfNik = new Map<string, number>();
  const firstRowOfNumber = new Map<number, number>();
  for (const c of candidates) {
    const nik = c.values.nik;
    if (nik && /^\d{16}$/.test(nik)) {
      const first = firstRowOfNik.get(nik);
      if (first !== undefined)
        add(c, 'nik', 'nik_duplicate_in_file', {
          id: `NIK ${nik} sama dengan baris ${first}`,
          en: `NIK ${nik} is the same as in row ${first}`,
        });
      else firstRowOfNik.set(nik, c.row);
    }
    const n = c.values.number;
    if (n) {
      const first = firstRowOfNumber.get(n);
      if (first !== undefined)
        add(c, 'number', 'number_duplicate_in_file', {
          id: `Nomor anggota ${formatMemberNumber(n)} sama dengan baris ${first}`,
          en: `Member number ${formatMemberNumber(n)} is the same as in row ${first}`,
        });
      else firstRowOfNumber.set(n, c.row);
    }
  }

  const niks = [...firstRowOfNik.keys()];
  const known = new Map<string, { number: number; fullName: string }>();
  for (let i = 0; i < niks.length; i += 5000)
    for (const m of await repo.findByNiks(db, cooperativeId, niks.slice(i, i + 5000))) known.set(m.nik, m);
  const numbers = [...firstRowOfNumber.keys()];
  const takenNumbers = new Map<number, string>();
  for (let i = 0; i < numbers.length; i += 5000)
    for (const m of await repo.findByNumbers(db, cooperativeId, numbers.slice(i, i + 5000))) takenNumbers.set(m.number, m.fullName);

  for (const c of candidates) {
    const m = c.values.nik ? known.get(c.values.nik) : undefined;
    if (m)
      add(c, 'nik', 'nik_taken', {
        id: `NIK sudah terdaftar di koperasi ini atas nama ${m.fullName} (No. ${formatMemberNumber(m.number)})`,
        en: `This NIK is already registered in this cooperative to ${m.fullName} (No. ${formatMemberNumber(m.number)})`,
      });
    const holder = c.values.number ? takenNumbers.get(c.values.number) : undefined;
    if (holder)
      add(c, 'number', 'number_taken', {
        id: `Nomor anggota ${formatMemberNumber(c.values.number!)} sudah dipakai ${holder}`,
        en: `Member number ${formatMemberNumber(c.values.number!)} is already used by ${holder}`,
      });
  }
}

/** The report in the caller's language. */
export function localizeImport(r: ImportResult, lang: 'id' | 'en'): ImportReport {
  const issue = (i: RowIssue) => ({ field: i.field, column: i.column, code: i.code, message: i.message[lang] });
  const invalid = r.candidates.filter((c) => c.errors.length).length;
  return {
    mode: r.mode,
    committed: r.committed,
    file: r.file,
    summary: {
      rows: r.candidates.length,
      valid: r.candidates.length - invalid,
      invalid,
      created: r.created,
      farmerGroupsCreated: r.farmerGroupsCreated,
    },
    rows: r.candidates.map((c) => ({
      row: c.row,
      action: c.errors.length ? ('error' as const) : ('create' as const),
      member: {
        number: c.values.number,
        nik: c.values.nik,
        fullName: c.values.fullName,
        sex: c.values.sex,
        birthPlace: c.values.birthPlace,
        birthDate: c.values.birthDate,
        address: c.values.address,
        villageCode: c.values.villageCode,
        phone: c.values.phone,
        occupation: c.values.occupation,
        occupationDetail: c.values.occupationDetail,
        farmerGroup: c.values.farmerGroup,
        joinDate: c.values.joinDate,
      },
      errors: c.errors.map(issue),
      warnings: c.warnings.map(issue),
      memberId: c.memberId,
    })),
    ms: r.ms,
  };
}
