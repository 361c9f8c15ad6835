/**
 * bench/national — 80,000 synthetic cooperatives on real villages with 12 months of roll-ups;
 * 200 province and regency dashboards over HTTP against the real server process, one after the
 * other. Bar: p95 ≤ 300 ms (goal ≤ 100 ms). The reference is the same province's figures summed
 * straight from the 960,000 cooperative-month rows, to show what the summary tables save.
 *
 * Run: `npm run bench -- national [--quick]`, or alone: `npx tsx bench/national.ts [--quick]`.
 */
import { todayIn } from '@kopdes/shared/format';
import { sql } from 'drizzle-orm';
import { pathToFileURL } from 'node:url';
import { connect } from '../apps/server/src/db/client.js';
import { hashPassword } from '../apps/server/src/lib/password.js';
import { createUser } from '../apps/server/src/modules/auth/users.service.js';
import { PROVINCE_CODES, regenciesOf } from '../apps/server/src/modules/network/areas.js';
import { synthesize } from '../apps/server/src/modules/network/synth.service.js';
import { openContext, writeResult, type Benchmark } from './lib/harness.js';
import { signInOver, startServerProcess } from './lib/server.js';

const REQUESTS = 200;
const BAR_MS = 300;

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const stats = (ms: number[]) => {
  const s = [...ms].sort((a, b) => a - b);
  const r = (x: number) => Math.round(x * 10) / 10;
  return {
    n: s.length,
    p50: r(pct(s, 50)),
    p95: r(pct(s, 95)),
    p99: r(pct(s, 99)),
    max: r(s.at(-1)!),
    mean: r(s.reduce((a, b) => a + b, 0) / s.length),
  };
};

/** A small seeded generator so every run asks for the same areas. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const bench: Benchmark = async (ctx) => {
  const cooperatives = ctx.quick ? 5_000 : 80_000;
  const months = 12;
  const today = todayIn('Asia/Jakarta');
  const url = await ctx.newDatabase('bench_national');
  const database = connect(url, 4);
  const password = 'bench-password-1';
  let synth;
  let reference;
  let sizes;
  try {
    synth = await synthesize(database.db, { cooperatives, months, today });
    await createUser(database.db, {
      fullName: 'Admin Bench',
      email: 'admin@bench.kopdes.id',
      passwordHash: await hashPassword(password),
      platformRole: 'admin',
    });
    await database.db.execute(sql`VACUUM ANALYZE network_monthly_stats`);
    await database.db.execute(sql`VACUUM ANALYZE network_area_stats`);
    // Reference: one province-month summed from the cooperative rows (what a scan would cost).
    const scan: number[] = [];
    for (let i = 0; i < 20; i++) {
      const code = PROVINCE_CODES[i % PROVINCE_CODES.length]!;
      const t0 = performance.now();
      await database.db.execute(sql`
        SELECT regency_code, count(*), count(*) FILTER (WHERE operating), sum(members), sum(savings), sum(intake_grams), sum(sales)
        FROM network_monthly_stats WHERE province_code = ${code} AND month = ${`${today.slice(0, 7)}-01`} GROUP BY regency_code`);
      scan.push(performance.now() - t0);
    }
    reference = { scanProvinceMonthMs: stats(scan) };
    sizes = (
      await database.db.execute<{ t: string; rows: number; mb: number }>(sql`
        SELECT relname AS t, n_live_tup::int AS rows, round(pg_total_relation_size(relid) / 1048576.0)::int AS mb
        FROM pg_stat_user_tables WHERE relname IN ('network_monthly_stats', 'network_area_stats', 'network_profiles', 'cooperatives')`)
    ).rows;
  } finally {
    await database.close();
  }

  const server = await startServerProcess(url);
  try {
    const auth = await signInOver(server.url, 'admin@bench.kopdes.id', password);
    const next = random(38);
    const regencies = PROVINCE_CODES.flatMap(regenciesOf);
    const ask = async (path: string) => {
      const t0 = performance.now();
      const res = await fetch(`${server.url}${path}`, { headers: { cookie: auth.cookie } });
      const body = await res.text();
      const ms = performance.now() - t0;
      if (res.status !== 200) throw new Error(`${path} answered ${res.status}: ${body.slice(0, 300)}`);
      return { ms, bytes: body.length, body };
    };
    const check = JSON.parse((await ask('/api/admin/network/dashboard')).body) as { totals: { cooperatives: number } };
    if (check.totals.cooperatives < synth.synthetic)
      throw new Error(`national dashboard counts ${check.totals.cooperatives} cooperatives, expected ${synth.synthetic}`);
    for (let i = 0; i < 10; i++) await ask(`/api/admin/network/dashboard?level=province&code=${PROVINCE_CODES[i]}`); // warm-up
    const province: number[] = [];
    const regency: number[] = [];
    let bytes = 0;
    for (let i = 0; i < REQUESTS; i++) {
      const isProvince = i % 2 === 0;
      const code = isProvince
        ? PROVINCE_CODES[Math.floor(next() * PROVINCE_CODES.length)]!
        : regencies[Math.floor(next() * regencies.length)]!;
      const r = await ask(`/api/admin/network/dashboard?level=${isProvince ? 'province' : 'regency'}&code=${code}`);
      (isProvince ? province : regency).push(r.ms);
      bytes += r.bytes;
    }
    const all = stats([...province, ...regency]);
    const pass = all.p95 <= BAR_MS;
    return {
      name: 'national',
      bar: `p95 ≤ ${BAR_MS} ms over ${REQUESTS} province and regency dashboards, ${cooperatives.toLocaleString('en')} cooperatives × ${months} months (goal ≤ 100 ms)`,
      pass,
      ratio: all.p95 / BAR_MS,
      summary:
        `p95 ${all.p95} ms (p50 ${all.p50}, p99 ${all.p99}) over ${REQUESTS} dashboards, ` +
        `${synth.synthetic.toLocaleString('en')} cooperatives × ${months} months; bar ≤ ${BAR_MS} ms`,
      figures: {
        latencyMs: all,
        provinceMs: stats(province),
        regencyMs: stats(regency),
        rawMs: { province: province.map((x) => Math.round(x * 10) / 10), regency: regency.map((x) => Math.round(x * 10) / 10) },
        meanResponseBytes: Math.round(bytes / REQUESTS),
        cooperatives: synth.synthetic,
        months: synth.months,
        monthlyRows: synth.monthlyRows,
        synthSeconds: synth.seconds,
        tables: sizes,
      },
      reference,
    };
  } finally {
    await server.stop();
  }
};

export default bench;

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const quick = process.argv.includes('--quick');
  const ctx = await openContext(quick);
  try {
    const result = await bench(ctx);
    const file = writeResult(result, quick);
    console.log(`${result.pass ? 'PASS' : 'MISS'} national: ${result.summary} (${file})`);
  } finally {
    await ctx.close();
  }
}
