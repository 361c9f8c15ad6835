/**
 * `kopdes network synth|refresh`: the synthetic national network (for the benchmark and a demo at
 * national scale; works against a running server's database too) and the roll-up refresh job.
 */
import { todayIn } from '@kopdes/shared/format';
import { parseArgs } from 'node:util';
import type { Db } from '../../db/client.js';
import { refreshAll } from './rollups.service.js';
import { removeSynthetic, synthesize } from './synth.service.js';

export const NETWORK_HELP = `Usage: kopdes network synth [--cooperatives N] [--months N] [--seed N]
       kopdes network synth --remove
       kopdes network refresh [--month YYYY-MM] [--months N]

  synth            create synthetic cooperatives (marked as such) on real villages that have none,
                   with months of roll-ups up to this month, for load tests and a national demo
    --cooperatives N   how many in total (default 80000, at most 90000)
    --months N         months of roll-ups (default 12)
    --seed N           the same seed gives the same network (default 2025)
    --remove           remove every synthetic cooperative instead
  refresh          recompute every real cooperative's monthly figures and the area sums
    --month YYYY-MM    the last month to refresh (default this month)
    --months N         how many months up to it (default 1)`;

const positive = (name: string, v: string | undefined, fallback: number) => {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1)
    throw Object.assign(new Error(`${name} must be a whole number above 0, got "${v}"`), { code: 'ERR_PARSE_ARGS_NETWORK' });
  return n;
};

/** Returns the exit code. `open` runs a function against the configured database. */
export async function networkCommand(args: string[], open: <T>(fn: (db: Db) => Promise<T>) => Promise<T>): Promise<number> {
  const [sub, ...rest] = args;
  if (!sub || sub === '--help' || sub === '-h') return (console.log(NETWORK_HELP), sub ? 0 : 2);
  const today = todayIn('Asia/Jakarta');
  if (sub === 'synth') {
    const { values } = parseArgs({
      args: rest,
      options: {
        cooperatives: { type: 'string' },
        months: { type: 'string' },
        seed: { type: 'string' },
        remove: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    });
    if (values.help) return (console.log(NETWORK_HELP), 0);
    if (values.remove) {
      const r = await open((db) => removeSynthetic(db));
      console.log(`Removed ${r.removed} synthetic cooperatives.`);
      return 0;
    }
    const cooperatives = positive('--cooperatives', values.cooperatives, 80_000);
    const months = positive('--months', values.months, 12);
    const seed = positive('--seed', values.seed, 2025);
    const r = await open((db) => synthesize(db, { cooperatives, months, seed, today, log: (line) => process.stderr.write(`  ${line}\n`) }));
    console.log(
      `Synthetic network: ${r.synthetic} cooperatives (${r.created} new), ${r.months.length} months (${r.months[0]} – ${r.months.at(-1)}), ` +
        `${r.monthlyRows} monthly rows; ${r.seconds.cooperatives}s cooperatives, ${r.seconds.rollups}s roll-ups, ${r.seconds.areas}s area sums.`,
    );
    return 0;
  }
  if (sub === 'refresh') {
    const { values } = parseArgs({
      args: rest,
      options: { month: { type: 'string' }, months: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
    });
    if (values.help) return (console.log(NETWORK_HELP), 0);
    if (values.month !== undefined && !/^\d{4}-(0[1-9]|1[0-2])$/.test(values.month)) {
      console.error(`kopdes: --month must be YYYY-MM, got "${values.month}"`);
      return 2;
    }
    const months = positive('--months', values.months, 1);
    const r = await open((db) => refreshAll(db, { month: values.month, months }, today));
    console.log(`Refreshed ${r.cooperatives} cooperatives for ${r.months.join(', ')} in ${r.ms} ms.`);
    return 0;
  }
  console.error(`kopdes: unknown subcommand "network ${sub}". Try "kopdes network --help".`);
  return 2;
}
