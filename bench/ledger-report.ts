/**
 * ledger-report: the trial balance and the statement of financial position over 1,000,000 journal
 * lines of one cooperative with 5,000 members, served over HTTP (session, JSON), against a bare
 * `SELECT account, sum(debit), sum(credit) … GROUP BY account` over the same lines in the same run.
 * Bar: each report ≤ 1.5 × the bare query, and under 2 s.
 */
import pg from 'pg';
import { createApp } from '../apps/server/src/app.js';
import { connect } from '../apps/server/src/db/client.js';
import { SYSTEM_ACTOR } from '../apps/server/src/lib/actor.js';
import { hashPassword } from '../apps/server/src/lib/password.js';
import { systemClock } from '../apps/server/src/lib/clock.js';
import { createUser, grantRoleAsSystem } from '../apps/server/src/modules/auth/users.service.js';
import { createCooperative } from '../apps/server/src/modules/cooperatives/cooperatives.service.js';
import { ensureLedgerSetup } from '../apps/server/src/modules/ledger/ledger.service.js';
import type { Benchmark } from './lib/harness.js';

const DAYS = 730; // 2025-01-01 … 2026-12-31
const BATCH = 50_000;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};
const round = (x: number) => Math.round(x * 10) / 10;

/**
 * Two lines per entry, generated in SQL: savings deposits and wajib payments (member
 * subsidiaries), sales to members, purchases and expenses, spread over two years.
 */
async function load(client: pg.Client, coopId: string, entries: number, members: number) {
  for (let from = 1; from <= entries; from += BATCH) {
    const to = Math.min(entries, from + BATCH - 1);
    await client.query('BEGIN');
    await client.query(
      `INSERT INTO journal_entries (cooperative_id, id, number, date, memo, source_module, source_document_id, created_by_label)
       SELECT $1, 'jrn_bench_' || lpad(i::text, 8, '0'), 'JU-' || to_char(d, 'YYYY') || '-' || lpad(i::text, 7, '0'), d,
              'Transaksi uji', 'bench', i::text, 'bench'
       FROM generate_series($2::int, $3::int) i, LATERAL (SELECT date '2025-01-01' + (i::bigint * ${DAYS} / ($4::int + 1))::int AS d) x`,
      [coopId, from, to, entries],
    );
    await client.query(
      `INSERT INTO journal_lines (cooperative_id, entry_id, line_no, date, account, unit, member_id, debit, credit)
       SELECT $1, 'jrn_bench_' || lpad(i::text, 8, '0'), side, d,
              CASE WHEN side = 0 THEN (ARRAY['1101','1101','1101','1101','1101','1101','1101','1101','1141','6101'])[k + 1]
                   ELSE (ARRAY['2111','2111','2111','2111','3102','4101','4101','4101','1111','1101'])[k + 1] END,
              CASE WHEN k < 5 THEN 'simpan_pinjam' WHEN k < 9 THEN 'gerai_sembako' ELSE 'kantor' END,
              CASE WHEN k < 8 AND side = 1 THEN 'mbr_' || lpad((1 + (i / 10) % $5::int)::text, 5, '0') END,
              CASE WHEN side = 0 THEN amount ELSE 0 END,
              CASE WHEN side = 1 THEN amount ELSE 0 END
       FROM generate_series($2::int, $3::int) i,
            LATERAL (SELECT date '2025-01-01' + (i::bigint * ${DAYS} / ($4::int + 1))::int AS d, i % 10 AS k,
                            (10000 + (i::bigint * 7919) % 500000)::bigint AS amount) x,
            generate_series(0, 1) side`,
      [coopId, from, to, entries, members],
    );
    await client.query('COMMIT');
  }
  await client.query(`INSERT INTO number_sequences (cooperative_id, series, last_value) VALUES ($1, 'JU-bench', $2)`, [coopId, entries]);
  await client.query('VACUUM (ANALYZE) journal_entries, journal_lines');
}

const bench: Benchmark = async (ctx) => {
  const entries = ctx.quick ? 50_000 : 500_000;
  const members = ctx.quick ? 500 : 5_000;
  const url = await ctx.newDatabase('ledger_report');
  const database = connect(url, 4);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const coop = await createCooperative(database.db, SYSTEM_ACTOR, {
      name: 'Koperasi Desa Merah Putih Tolok Ukur',
      villageCode: '32.04.40.2005',
      timeZone: 'Asia/Jakarta',
    });
    await ensureLedgerSetup(database.db, coop.id);
    const loadStarted = performance.now();
    await load(client, coop.id, entries, members);
    const loadSeconds = (performance.now() - loadStarted) / 1000;
    const counts = await client.query<{ lines: string; members: string }>(
      `SELECT count(*) AS lines, count(DISTINCT member_id) AS members FROM journal_lines WHERE cooperative_id = $1`,
      [coop.id],
    );

    const password = 'tolok-ukur-123';
    const userId = await createUser(database.db, {
      fullName: 'Pengawas Tolok Ukur',
      email: 'pengawas@tolok-ukur.kopdes.id',
      phone: null,
      passwordHash: await hashPassword(password),
      platformRole: null,
    });
    await grantRoleAsSystem(database.db, coop.id, userId, 'pengawas');
    const app = createApp({ db: database.db, clock: systemClock, mode: 'external' });
    const signIn = await app.request('/api/auth/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ identifier: 'pengawas@tolok-ukur.kopdes.id', password }),
    });
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
    const base = `/api/coops/${coop.id}/ledger/reports`;

    const bareSql = 'SELECT account, sum(debit), sum(credit) FROM journal_lines WHERE cooperative_id = $1 GROUP BY account';
    const timeIt = async (fn: () => Promise<unknown>) => {
      const t = performance.now();
      await fn();
      return performance.now() - t;
    };
    const get = async (path: string) => {
      const res = await app.request(path, { headers: { cookie } });
      if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
      return res.json() as Promise<Record<string, any>>;
    };
    const bare = () => client.query(bareSql, [coop.id]);
    const tb = () => get(`${base}/trial-balance?from=2026-01-01&to=2026-12-31`);
    const fp = () => get(`${base}/financial-position?asOf=2026-12-31`);

    // The reports must be right before their speed means anything.
    const tbBody = await tb();
    const fpBody = await fp();
    if (tbBody.totals.closingDebit !== tbBody.totals.closingCredit) throw new Error('trial balance does not sum to zero');
    if (fpBody.totalAssets !== fpBody.totalLiabilitiesAndEquity) throw new Error('financial position does not balance');
    // Every account's closing balance equals the bare sums (the period ends after the last line).
    const sums = await client.query<{ account: string; d: string; c: string }>(
      'SELECT account, sum(debit) AS d, sum(credit) AS c FROM journal_lines WHERE cooperative_id = $1 GROUP BY account',
      [coop.id],
    );
    const bareNet = new Map(sums.rows.map((r) => [r.account, BigInt(r.d) - BigInt(r.c)]));
    for (const row of tbBody.rows as { account: string; closingDebit: string; closingCredit: string }[]) {
      if (BigInt(row.closingDebit) - BigInt(row.closingCredit) !== (bareNet.get(row.account) ?? 0n)) {
        throw new Error(`trial balance and bare SQL disagree on ${row.account}`);
      }
    }
    const rounds = ctx.quick ? 3 : 9;
    const times = { bare: [] as number[], trialBalance: [] as number[], financialPosition: [] as number[] };
    for (let i = 0; i < rounds + 2; i++) {
      const b = await timeIt(bare);
      const t = await timeIt(tb);
      const f = await timeIt(fp);
      if (i < 2) continue; // warm-up
      times.bare.push(b);
      times.trialBalance.push(t);
      times.financialPosition.push(f);
    }
    const bareMs = median(times.bare);
    const tbMs = median(times.trialBalance);
    const fpMs = median(times.financialPosition);
    const ratio = Math.max(tbMs, fpMs) / bareMs;
    const pass = tbMs <= 1.5 * bareMs && fpMs <= 1.5 * bareMs && tbMs < 2000 && fpMs < 2000;
    const plan = await client.query(`EXPLAIN ${bareSql.replace('$1', `'${coop.id}'`)}`);
    return {
      name: 'ledger-report',
      bar: 'trial balance and statement of financial position over 1,000,000 lines / 5,000 members: ≤ 1.5 × bare GROUP BY, and < 2 s',
      pass,
      summary: `trial balance ${round(tbMs)} ms, financial position ${round(fpMs)} ms vs bare GROUP BY ${round(bareMs)} ms (ratio ${ratio.toFixed(2)}) over ${counts.rows[0]!.lines} lines`,
      ratio: round(ratio * 100) / 100,
      figures: {
        lines: Number(counts.rows[0]!.lines),
        entries,
        members: Number(counts.rows[0]!.members),
        loadSeconds: round(loadSeconds),
        trialBalanceMsMedian: round(tbMs),
        financialPositionMsMedian: round(fpMs),
        trialBalanceRatio: round((tbMs / bareMs) * 100) / 100,
        financialPositionRatio: round((fpMs / bareMs) * 100) / 100,
        samplesMs: Object.fromEntries(Object.entries(times).map(([k, v]) => [k, v.map(round)])),
        measuredOver: 'HTTP in process: session, permission, query, JSON',
        totals: { debit: tbBody.totals.debit, totalAssets: fpBody.totalAssets },
      },
      reference: {
        bareMsMedian: round(bareMs),
        sql: bareSql,
        plan: plan.rows.map((r) => r['QUERY PLAN']),
      },
    };
  } finally {
    await client.end();
    await database.close();
  }
};

export default bench;
