/**
 * `kopdes members import FILE --coop ID|NAME [--dry-run] [--valid-only]`: the same import as the
 * API, with a progress bar on a terminal and the row report printed in Bahasa Indonesia.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ImportMode } from '@kopdes/shared/members';
import type { Db } from '../../db/client.js';
import { SYSTEM_ACTOR } from '../../lib/actor.js';
import { importMembers, localizeImport, type ImportStage } from './members-import.service.js';

const STAGES: Record<ImportStage, string> = { read: 'Membaca', check: 'Memeriksa', write: 'Menyimpan' };

function progressBar(out: NodeJS.WriteStream) {
  let last = 0;
  return (stage: ImportStage, done: number, total: number) => {
    if (!out.isTTY) return;
    const now = Date.now();
    if (done < total && now - last < 80) return;
    last = now;
    const width = 30;
    const filled = total ? Math.round((done / total) * width) : width;
    const pct = total ? Math.round((done / total) * 100) : 100;
    out.write(
      `\r${STAGES[stage].padEnd(10)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(pct).padStart(3)}% ${done}/${total} baris`,
    );
    if (done >= total) out.write('\n');
  };
}

/** Returns the exit code: 0 when the file is clean (or valid rows were imported), 1 otherwise. */
export async function membersImportCommand(
  db: Db,
  cooperativeId: string,
  file: string,
  opts: { dryRun: boolean; validOnly: boolean },
  out: NodeJS.WriteStream = process.stdout,
): Promise<number> {
  const data = fs.readFileSync(file);
  const mode: ImportMode = opts.dryRun ? 'dry_run' : opts.validOnly ? 'valid_only' : 'all';
  const actor = { ...SYSTEM_ACTOR, label: 'kopdes members import' };
  const result = await importMembers(db, actor, cooperativeId, data, {
    mode,
    filename: path.basename(file),
    onProgress: progressBar(process.stderr),
  });
  const r = localizeImport(result, 'id');
  const lines: string[] = [];
  lines.push(
    `Berkas ${r.file.name} (${r.file.format}${r.file.sheet ? `, lembar "${r.file.sheet}"` : ''}), judul kolom di baris ${r.file.headerRow}.`,
  );
  const unknown = r.file.columns.filter((c) => !c.field).map((c) => c.header);
  if (unknown.length) lines.push(`Kolom yang tidak dipakai: ${unknown.join(', ')}`);
  for (const row of r.rows) {
    for (const e of row.errors) lines.push(`  baris ${row.row}: SALAH ${e.column ? `[${e.column}] ` : ''}${e.message}`);
    for (const w of row.warnings)
      if (row.errors.length === 0) lines.push(`  baris ${row.row}: catatan ${w.column ? `[${w.column}] ` : ''}${w.message}`);
  }
  const s = r.summary;
  lines.push(`${s.rows} baris: ${s.valid} valid, ${s.invalid} bermasalah.`);
  if (s.farmerGroupsCreated.length)
    lines.push(`${r.committed ? 'Kelompok tani baru' : 'Kelompok tani yang akan dibuat'}: ${s.farmerGroupsCreated.join(', ')}`);
  if (mode === 'dry_run') lines.push('Uji coba: tidak ada yang disimpan.');
  else if (r.committed) lines.push(`${s.created} anggota diimpor dalam ${(r.ms / 1000).toFixed(1)} detik.`);
  else lines.push('Tidak ada yang diimpor: perbaiki baris yang salah, atau jalankan dengan --valid-only.');
  out.write(lines.join('\n') + '\n');
  if (mode === 'valid_only') return 0;
  return s.invalid === 0 ? 0 : 1;
}
