/**
 * CPU time from /proc (Linux), for the share of each side of a benchmark.
 * - `processCpuMs`: one process (the kopdes server: Node's share).
 * - `postgresCpuMs`: every `postgres` process (the server, its backends and helpers), plus what the
 *   server has collected from backends that have already exited (a pgbench client's backend ends
 *   with its run). Measured around a load and divided by what the load did, it gives the database's
 *   own CPU per request, to compare with pgbench's per TPC-B transaction. It counts every PostgreSQL
 *   server on the machine: run nothing else beside.
 */
import fs from 'node:fs';
import os from 'node:os';

const TICKS_PER_SECOND = 100;

function stat(pid: string | number): { comm: string; ppid: string; fields: string[] } | undefined {
  try {
    const text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { comm: text.slice(text.indexOf('(') + 1, text.lastIndexOf(')')), ppid: fields[1]!, fields };
  } catch {
    return undefined; // exited while being read
  }
}

/** CPU time (user + system) a process has used so far, in ms (the kopdes server's, for Node's share). */
export function processCpuMs(pid: number): number {
  const s = stat(pid);
  if (!s) throw new Error(`process ${pid} is gone`);
  return ((Number(s.fields[11]) + Number(s.fields[12])) * 1000) / TICKS_PER_SECOND;
}

export function postgresCpuMs(): number {
  let ticks = 0;
  for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    const s = stat(pid);
    if (s?.comm !== 'postgres') continue;
    ticks += Number(s.fields[11]) + Number(s.fields[12]); // utime + stime
    // The server itself (its parent is not PostgreSQL): add its exited children's time.
    if (stat(s.ppid)?.comm !== 'postgres') ticks += Number(s.fields[13]) + Number(s.fields[14]);
  }
  return (ticks * 1000) / TICKS_PER_SECOND;
}

/**
 * The most requests per second PostgreSQL could serve on all of this machine's cores if each cost
 * it `cpuMsPerRequest` and nothing else ran (no Node, no load generator): an upper bound for any
 * server design that sends the database the same work.
 */
export function databaseCeiling(cpuMsPerRequest: number, pgbenchTps: number) {
  const perSecond = (os.availableParallelism() * 1000) / Math.max(cpuMsPerRequest, 1e-6);
  return { perSecond, ratioToPgbench: perSecond / pgbenchTps, cores: os.availableParallelism() };
}
