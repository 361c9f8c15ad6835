/**
 * bench/deposit — a simpanan sukarela deposit over HTTP (session, validation, Idempotency-Key,
 * journal entry, balance) with 8 concurrent clients for 20 s, against pgbench TPC-B
 * (-c 8 -j 2 -T 20) on the same PostgreSQL in the same run. Bar: ≥ 0.7 × pgbench tps, p99 ≤ 50 ms.
 * The cooperative has a history of deposits and analyzed tables when the load starts (lib/history).
 */
import autocannon from 'autocannon';
import { connect } from '../apps/server/src/db/client.js';
import { SYSTEM_ACTOR } from '../apps/server/src/lib/actor.js';
import { hashPassword } from '../apps/server/src/lib/password.js';
import { createUser, grantRoleAsSystem } from '../apps/server/src/modules/auth/users.service.js';
import { createCooperative } from '../apps/server/src/modules/cooperatives/cooperatives.service.js';
import { createMember } from '../apps/server/src/modules/members/members.service.js';
import { deposit } from '../apps/server/src/modules/savings/savings.service.js';
import { measureHttpFloor } from './lib/floor.js';
import { settle } from './lib/history.js';
import { databaseCeiling, postgresCpuMs } from './lib/cpu.js';
import type { Benchmark } from './lib/harness.js';
import { signedPost, signInOver, startServerProcess, untilIdle } from './lib/server.js';

const MEMBERS = 500;
/** Deposits already in the books when the load starts: about a year of a 270-member cooperative's. */
const HISTORY = 3_000;
const NAMES = [
  'Asep',
  'Ujang',
  'Dadang',
  'Euis',
  'Neneng',
  'Cecep',
  'Yayan',
  'Iis',
  'Odah',
  'Entin',
  'Wawan',
  'Dede',
  'Enok',
  'Jajang',
  'Kokom',
  'Didin',
  'Acep',
  'Nining',
  'Ocid',
  'Titin',
  'Usep',
  'Aam',
  'Engkus',
];

/** A valid Kab. Bandung NIK for the i-th synthetic member (born 1970–2000, men). */
function nik(i: number) {
  const d = new Date(Date.UTC(1970, 0, 1) + i * 17 * 86_400_000);
  const dd = String(d.getUTCDate()).padStart(2, '0');
  const mm = String(d.getUTCMonth() + 1).padStart(2, '0');
  const yy = String(d.getUTCFullYear()).slice(2);
  return `320440${dd}${mm}${yy}${String((i % 9000) + 1).padStart(4, '0')}`;
}

const bench: Benchmark = async (ctx) => {
  const seconds = ctx.quick ? 5 : 20;
  const reference = await ctx.pgbench();
  // The least any HTTP write does here, beside pgbench: how much of the bar a per-request design can reach.
  const floor = await measureHttpFloor(ctx, seconds, reference.tps);
  // And a deposit's writes moved into the database whole: one call, one round trip.
  const callFloor = await measureHttpFloor(ctx, seconds, reference.tps, 'deposit-call');
  // And the same writes with the deposits that arrive together posted together: what batching leaves.
  const batchFloor = await measureHttpFloor(ctx, seconds, reference.tps, 'deposit-batch');

  const url = await ctx.newDatabase('bench_deposit');
  const database = connect(url, 4);
  const password = 'bench-password-1';
  const coop = await createCooperative(database.db, SYSTEM_ACTOR, {
    name: 'Koperasi Desa Merah Putih Bench',
    villageCode: '32.04.40.2005',
    timeZone: 'Asia/Jakarta',
  });
  const userId = await createUser(database.db, {
    fullName: 'Bendahara Bench',
    email: 'bench@kopdes.id',
    passwordHash: await hashPassword(password),
  });
  await grantRoleAsSystem(database.db, coop.id, userId, 'bendahara');
  const members: string[] = [];
  for (let i = 0; i < MEMBERS; i++) {
    const m = await createMember(database.db, SYSTEM_ACTOR, coop.id, {
      nik: nik(i),
      fullName: `Anggota ${NAMES[i % NAMES.length]} ${NAMES[Math.floor(i / NAMES.length) % NAMES.length]}`,
      occupation: 'farmer',
      status: 'active',
      joinDate: '2024-01-02',
    });
    members.push(m.id);
  }
  await settle(
    database.pool,
    (i) =>
      deposit(database.db, SYSTEM_ACTOR, coop.id, { memberId: members[i % MEMBERS]!, kind: 'sukarela', amount: '25000', method: 'cash' }),
    ctx.quick ? HISTORY / 4 : HISTORY,
  );
  await database.close();

  const server = await startServerProcess(url);
  try {
    const auth = await signInOver(server.url, 'bench@kopdes.id', password);
    const path = `/api/coops/${coop.id}/savings/deposits`;
    let n = 0;
    const cpuBefore = server.cpuMs();
    const postgresBefore = postgresCpuMs();
    const result = await autocannon({
      url: server.url,
      connections: 8,
      duration: seconds,
      requests: [
        signedPost(auth, path, () => ({ memberId: members[n++ % MEMBERS], kind: 'sukarela', amount: String(10_000 + (n % 90) * 1_000) })),
      ],
    });
    // Node's CPU per deposit: what the server itself spends, apart from PostgreSQL and the clients.
    const nodeCpuMsPerDeposit = (server.cpuMs() - cpuBefore) / Math.max(1, result.requests.total);
    // And PostgreSQL's, to set beside its CPU per TPC-B transaction: what the database does per deposit.
    await untilIdle(url);
    const postgresCpuMsPerDeposit = (postgresCpuMs() - postgresBefore) / Math.max(1, result.requests.total);
    const ceiling = databaseCeiling(postgresCpuMsPerDeposit, reference.tps);
    // kopdes's own cheapest signed-in request, for scale: session, tenant roles and two small reads.
    const read = await autocannon({
      url: `${server.url}/api/coops/${coop.id}/savings/settings`,
      connections: 8,
      duration: seconds,
      headers: { cookie: auth.cookie },
    });
    const tps = result.requests.average;
    const ok = result['2xx'];
    const failures = result.non2xx + result.errors + result.timeouts;
    const ratio = tps / reference.tps;
    const p99 = result.latency.p99;
    const pass = ratio >= 0.7 && p99 <= 50 && failures === 0;
    return {
      name: 'deposit',
      bar: '≥ 0.7 × pgbench TPC-B tps, p99 ≤ 50 ms, no failed request',
      pass,
      ratio,
      summary: `${tps.toFixed(0)} deposits/s vs pgbench ${reference.tps.toFixed(0)} tps = ${ratio.toFixed(2)}×, p99 ${p99} ms, ${failures} failed, CPU per deposit: Node ${nodeCpuMsPerDeposit.toFixed(1)} ms, PostgreSQL ${postgresCpuMsPerDeposit.toFixed(1)} ms (${reference.postgresCpuMsPerTransaction.toFixed(2)} ms per TPC-B transaction), so the database alone caps it at ${ceiling.perSecond.toFixed(0)}/s = ${ceiling.ratioToPgbench.toFixed(2)}× on ${ceiling.cores} cores; HTTP write floor ${floor.writesPerSecond.toFixed(0)}/s = ${floor.ratioToPgbench.toFixed(2)}×, one-call deposit floor ${callFloor.writesPerSecond.toFixed(0)}/s = ${callFloor.ratioToPgbench.toFixed(2)}× (p99 ${callFloor.latencyMsP99} ms), batched ${batchFloor.writesPerSecond.toFixed(0)}/s = ${batchFloor.ratioToPgbench.toFixed(2)}×; kopdes signed-in read ${read.requests.average.toFixed(0)}/s = ${(read.requests.average / reference.tps).toFixed(2)}×`,
      figures: {
        depositsPerSecond: tps,
        nodeCpuMsPerDeposit,
        postgresCpuMsPerDeposit,
        databaseCeiling: ceiling,
        requests: result.requests.total,
        ok2xx: ok,
        non2xx: result.non2xx,
        errors: result.errors,
        timeouts: result.timeouts,
        latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: p99, max: result.latency.max },
        connections: 8,
        seconds,
        members: MEMBERS,
      },
      reference: {
        pgbench: reference,
        httpFloor: floor,
        oneCallDepositFloor: callFloor,
        batchedDepositFloor: batchFloor,
        signedInRead: {
          what: 'GET the savings settings: session, tenant roles and two small reads, no write',
          requestsPerSecond: read.requests.average,
          ratioToPgbench: read.requests.average / reference.tps,
          latencyMsP99: read.latency.p99,
          non2xx: read.non2xx,
        },
      },
    };
  } finally {
    await server.stop();
  }
};

export default bench;
