/**
 * The archive file: gzip-compressed lines, each a one-letter kind, a tab and JSON.
 *
 *   M  the manifest (format version, scope, the migrations the data was made under)
 *   T  a table header: its name and the columns of the rows that follow
 *   R  one row, exactly as PostgreSQL's to_jsonb wrote it (never parsed in JavaScript on the way,
 *      so bigint money and quantities keep every digit)
 *   E  the end, with the row count of every table: a file cut short is recognised
 *
 * Files are written under a temporary name and renamed when complete, so a failed export never
 * leaves something that looks like an archive.
 */
import fs from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import zlib from 'node:zlib';

export const ARCHIVE_FORMAT = 'kopdes-archive';
export const ARCHIVE_FORMAT_VERSION = 1;

export interface Manifest {
  format: typeof ARCHIVE_FORMAT;
  formatVersion: number;
  scope: 'cooperative' | 'installation';
  cooperative?: { id: string; name: string };
  kopdesVersion: string;
  migrations: { name: string; checksum: string }[];
  createdAt: string;
  tables: string[];
  leftOut: { table: string; because: string }[];
}

export type ArchiveLine =
  | { kind: 'M'; manifest: Manifest }
  | { kind: 'T'; table: string; columns: string[] }
  | { kind: 'R'; json: string }
  | { kind: 'E'; counts: Record<string, number> };

export class ArchiveFormatError extends Error {}

export class ArchiveWriter {
  private readonly gzip = zlib.createGzip({ level: 6 });
  private readonly out: fs.WriteStream;
  private readonly partial: string;
  private failed: Error | undefined;

  constructor(private readonly file: string) {
    this.partial = `${file}.partial`;
    this.out = fs.createWriteStream(this.partial, { flags: 'w' });
    this.gzip.pipe(this.out);
    this.gzip.on('error', (e) => (this.failed = e));
    this.out.on('error', (e) => (this.failed = e));
  }

  async line(kind: 'M' | 'T' | 'R' | 'E', json: string): Promise<void> {
    if (this.failed) throw this.failed;
    if (!this.gzip.write(`${kind}\t${json}\n`)) await new Promise<void>((resolve) => this.gzip.once('drain', resolve));
  }

  async finish(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.out.once('finish', resolve);
      this.out.once('error', reject);
      this.gzip.end();
    });
    if (this.failed) throw this.failed;
    fs.renameSync(this.partial, this.file);
  }

  abort(): void {
    this.gzip.destroy();
    this.out.destroy();
    fs.rmSync(this.partial, { force: true });
  }
}

/** The lines of an archive, in order. Throws ArchiveFormatError on anything that is not one. */
export async function* readArchive(file: string): AsyncGenerator<ArchiveLine> {
  const input = zlib.createGunzip();
  const raw = fs.createReadStream(file);
  raw.on('error', (e) => input.destroy(e)); // pipe() does not pass a read error on
  raw.pipe(input);
  const decoder = new StringDecoder('utf8');
  let pending = '';
  let first = true;
  try {
    for await (const chunk of input as AsyncIterable<Buffer>) {
      pending += decoder.write(chunk);
      let nl: number;
      while ((nl = pending.indexOf('\n')) >= 0) {
        const line = pending.slice(0, nl);
        pending = pending.slice(nl + 1);
        const parsed = parseLine(line);
        if (first && parsed.kind !== 'M') throw new ArchiveFormatError('The file does not start with a kopdes archive manifest.');
        first = false;
        yield parsed;
      }
    }
  } catch (e) {
    if (e instanceof ArchiveFormatError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new ArchiveFormatError(`File not found: ${file}`);
    if (code === 'Z_DATA_ERROR' || code === 'Z_BUF_ERROR' || /unexpected end of file|incorrect header check/i.test((e as Error).message)) {
      throw new ArchiveFormatError(`${file} is not a complete kopdes archive (the compressed data is damaged or cut short).`);
    }
    throw e;
  }
  if (pending.trim()) throw new ArchiveFormatError(`${file} ends in the middle of a line: it was cut short.`);
  if (first) throw new ArchiveFormatError(`${file} is empty.`);
}

function parseLine(line: string): ArchiveLine {
  const kind = line[0];
  const body = line.slice(2);
  if (line[1] !== '\t') throw new ArchiveFormatError('A line of the archive is not in the kopdes archive format.');
  if (kind === 'R') return { kind, json: body };
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    throw new ArchiveFormatError('A header line of the archive is not valid JSON.');
  }
  const v = value as Record<string, unknown>;
  if (kind === 'M') {
    if (v.format !== ARCHIVE_FORMAT) throw new ArchiveFormatError('The file is not a kopdes archive.');
    return { kind, manifest: v as unknown as Manifest };
  }
  if (kind === 'T' && typeof v.table === 'string' && Array.isArray(v.columns))
    return { kind, table: v.table, columns: v.columns as string[] };
  if (kind === 'E' && v.counts && typeof v.counts === 'object') return { kind, counts: v.counts as Record<string, number> };
  throw new ArchiveFormatError(`The archive has a line of unknown kind "${kind ?? ''}".`);
}
