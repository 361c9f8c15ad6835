/**
 * The archive commands as an operator runs them: export and backup from an external PostgreSQL,
 * restore and import into a laptop's embedded one, with the exit codes and messages they give.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/support/db.js';
import { makeCoop, makeUser } from '../../../test/support/factories.js';

const KOPDES = new URL('../../../bin/kopdes.js', import.meta.url).pathname;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kopdes-archive-cli-'));
fs.chmodSync(dir, 0o755); // as root, the embedded postgres runs as `postgres` and must enter it
const dataDir = path.join(dir, 'data');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function kopdes(args: string[], env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const base: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn' };
    delete base.DATABASE_URL;
    const child = spawn(process.execPath, [KOPDES, ...args], { env: { ...base, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code) => resolve({ code, out }));
  });
}

let sourceUrl: string;
let coop: { id: string; name: string };

beforeAll(async () => {
  const source = await testDatabase();
  sourceUrl = source.url;
  coop = await makeCoop(source.db);
  await makeUser(source.db, coop.id, ['ketua']);
});

describe('kopdes export, import, backup and restore', () => {
  const exported = path.join(dir, 'coop.kopdes');
  const backup = path.join(dir, 'all.kopdes');
  const embedded = { KOPDES_DATA_DIR: dataDir };

  it('exports a cooperative by name and backs up the installation from DATABASE_URL', async () => {
    const e = await kopdes(['export', '--cooperative', coop.name, exported], { DATABASE_URL: sourceUrl });
    expect(e.out).toContain(`Exported ${coop.name}`);
    expect(e.code).toBe(0);
    const again = await kopdes(['export', '--cooperative', coop.id, exported], { DATABASE_URL: sourceUrl });
    expect(again.code).toBe(2);
    expect(again.out).toContain('exists already');
    const b = await kopdes(['backup', backup], { DATABASE_URL: sourceUrl });
    expect(b.out).toContain('Backed up the installation');
    expect(b.code).toBe(0);
  }, 60_000);

  it('refuses usage mistakes with exit code 2', async () => {
    expect((await kopdes(['export', exported], { DATABASE_URL: sourceUrl })).code).toBe(2);
    expect((await kopdes(['import'], embedded)).code).toBe(2);
    expect((await kopdes(['import', '--replace', exported], embedded)).code).toBe(2);
  }, 60_000);

  it('restores the backup into a new laptop installation, once, and over itself only with --replace', async () => {
    const r = await kopdes(['restore', backup], embedded);
    expect(r.out).toContain('Restored the backup');
    expect(r.code).toBe(0);
    const twice = await kopdes(['restore', backup], embedded);
    expect(twice.code).toBe(1);
    expect(twice.out).toContain('only into an empty installation');
    const replaced = await kopdes(['restore', '--replace', backup], embedded);
    expect(replaced.out).toContain('Restored the backup');
    expect(replaced.code).toBe(0);
  }, 120_000);

  it('refuses to import a cooperative the installation already has, and a backup given to import', async () => {
    const dup = await kopdes(['import', exported], embedded);
    expect(dup.code).toBe(1);
    expect(dup.out).toContain('already on this server');
    const wrong = await kopdes(['import', backup], embedded);
    expect(wrong.code).toBe(1);
    expect(wrong.out).toContain('kopdes restore');
  }, 60_000);
});
