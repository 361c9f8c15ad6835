/**
 * bench/intake — a harvest intake over HTTP (session, validation, Idempotency-Key, weights split
 * into 3 grade lots, farmer payable, journal entry) with 8 concurrent clients against pgbench TPC-B
 * (-c 8 -j 2 -T 20) on the same PostgreSQL in the same run. Bar: ≥ 0.5 × pgbench tps. Afterwards
 * the books are checked: one intake per 2xx, and stock value equal to the ledger's inventory. The
 * cooperative has a history of intakes and analyzed tables when the load starts (lib/history).
 */
import autocannon from 'autocannon';
import { ACCOUNTS } from '../packages/shared/src/ledger.js';
import { connect } from '../apps/server/src/db/client.js';
import { SYSTEM_ACTOR } from '../apps/server/src/lib/actor.js';
import { hashPassword } from '../apps/server/src/lib/password.js';
import { createUser, grantRoleAsSystem } from '../apps/server/src/modules/auth/users.service.js';
import { createCooperative } from '../apps/server/src/modules/cooperatives/cooperatives.service.js';
import { createMember } from '../apps/server/src/modules/members/members.service.js';
import { createCommodity } from '../apps/server/src/modules/produce/catalogue.service.js';
import { addPlot, saveCollectionPoint, saveLocation } from '../apps/server/src/modules/produce/farmers.service.js';
import { setPrices } from '../apps/server/src/modules/produce/prices.service.js';
import { valuation } from '../apps/server/src/modules/produce/stock.service.js';
import { accountBalance } from '../apps/server/src/modules/ledger/ledger.service.js';
import { recordHarvestIntake } from '../apps/server/src/workflows/harvest-intake.js';
import { measureHttpFloor } from './lib/floor.js';
import { settle } from './lib/history.js';
import { databaseCeiling, postgresCpuMs } from './lib/cpu.js';
import type { Benchmark } from './lib/harness.js';
import { signedPost, signInOver, startServerProcess, untilIdle } from './lib/server.js';

const FARMERS = 200;
/** Intakes already in the books when the load starts: a season of a collection point's. */
const HISTORY = 1_000;
const NAMES = ['Asep', 'Ujang', 'Dadang', 'Euis', 'Neneng', 'Cecep', 'Yayan', 'Iis', 'Odah', 'Entin', 'Wawan', 'Dede', 'Enok', 'Jajang'];

/** A valid Kab. Bandung NIK for the i-th synthetic farmer (born 1970–2000, men). */
function nik(i: number) {
  const d = new Date(Date.UTC(1970, 0, 1) + i * 17 * 86_400_000);
  const dd = String(d.getUTCDate()).padStart(2, '0');
  const mm = String(d.getUTCMonth() + 1).padStart(2, '0');
  return `320440${dd}${mm}${String(d.getUTCFullYear()).slice(2)}${String((i % 9000) + 1).padStart(4, '0')}`;
}

/** A delivery of 20–80 kg gross in 3 grades that add up exactly, as a clerk types it. */
function delivery(n: number) {
  const grossG = 20_000 + ((n * 7919) % 60_000);
  const tareG = 1_500 + (n % 4) * 500;
  const net = grossG - tareG;
  const a = Math.floor(net * 0.62);
  const r = Math.floor(net * 0.05);
  const b = net - a - r;
  const kg = (g: number) => `${Math.floor(g / 1000)},${String(g % 1000).padStart(3, '0')}`;
  return {
    grossKg: kg(grossG),
    tareKg: kg(tareG),
    grades: [
      { grade: 'A' as const, kg: kg(a) },
      { grade: 'B' as const, kg: kg(b) },
      { grade: 'reject' as const, kg: kg(r) },
    ],
  };
}

const bench: Benchmark = async (ctx) => {
  const seconds = ctx.quick ? 5 : 20;
  const reference = await ctx.pgbench();
  // The least any HTTP write does here, beside pgbench: how much of the bar a per-request design can reach.
  const floor = await measureHttpFloor(ctx, seconds, reference.tps);

  const url = await ctx.newDatabase('bench_intake');
  const database = connect(url, 4);
  const db = database.db;
  const password = 'bench-password-1';
  const coop = await createCooperative(db, SYSTEM_ACTOR, {
    name: 'Koperasi Desa Merah Putih Bench',
    villageCode: '32.04.40.2005',
    timeZone: 'Asia/Jakarta',
  });
  const userId = await createUser(db, {
    fullName: 'Petugas Bench',
    email: 'petugas@bench.kopdes.id',
    passwordHash: await hashPassword(password),
  });
  await grantRoleAsSystem(db, coop.id, userId, 'petugas');
  const cp = await saveCollectionPoint(db, coop.id, SYSTEM_ACTOR, null, {
    name: 'Titik Kumpul Bench',
    villageCode: '32.04.40.2005',
    deliveryDays: [1, 4],
  });
  const loc = await saveLocation(db, coop.id, SYSTEM_ACTOR, null, { name: 'Rumah Kemas', kind: 'packing_house', storageClass: 'ambient' });
  const commodities: string[] = [];
  for (const [code, name] of [
    ['TOMAT', 'Tomat'],
    ['KENTANG', 'Kentang'],
    ['WORTEL', 'Wortel'],
  ] as const) {
    const c = await createCommodity(db, coop.id, SYSTEM_ACTOR, {
      code,
      name,
      unit: 'kg',
      variableWeight: false,
      storageClass: 'cool',
      shelfLifeDays: { ambient: 5, cool: 12, cold: 30 },
      grades: [
        { grade: 'A', spec: 'Mutu ekspor/ritel modern' },
        { grade: 'B', spec: 'Mutu pasar' },
      ],
    });
    commodities.push(c.id);
  }
  await setPrices(db, coop.id, SYSTEM_ACTOR, {
    validFrom: '2020-01-01',
    items: commodities.flatMap((id, i) => [
      { commodityId: id, grade: 'A' as const, price: String(7000 + i * 1250) },
      { commodityId: id, grade: 'B' as const, price: String(4500 + i * 750) },
    ]),
  });
  const farmers: { memberId: string; plotId: string }[] = [];
  for (let i = 0; i < FARMERS; i++) {
    const m = await createMember(db, SYSTEM_ACTOR, coop.id, {
      nik: nik(i),
      fullName: `Petani ${NAMES[i % NAMES.length]} ${NAMES[Math.floor(i / NAMES.length) % NAMES.length]}`,
      occupation: 'farmer',
      status: 'active',
      joinDate: '2024-01-02',
    });
    const p = await addPlot(db, coop.id, SYSTEM_ACTOR, m.id, {
      name: 'Kebun',
      areaM2: 2000 + i * 10,
      villageCode: '32.04.40.2005',
      altitudeM: 1400,
      commodityIds: commodities,
    });
    farmers.push({ memberId: m.id, plotId: p.id });
  }
  const intakeOf = (i: number) => {
    const f = farmers[i % FARMERS]!;
    return {
      collectionPointId: cp.id,
      memberId: f.memberId,
      plotId: f.plotId,
      commodityId: commodities[i % commodities.length]!,
      crates: 2 + (i % 3),
      locationId: loc.id,
      ...delivery(i),
    };
  };
  const history = ctx.quick ? HISTORY / 4 : HISTORY;
  await settle(database.pool, (i) => recordHarvestIntake(db, coop.id, SYSTEM_ACTOR, intakeOf(i)), history);

  const server = await startServerProcess(url);
  let result: autocannon.Result;
  let cpuMs: number;
  const postgresBefore = postgresCpuMs();
  try {
    const auth = await signInOver(server.url, 'petugas@bench.kopdes.id', password);
    const path = `/api/coops/${coop.id}/produce/intakes`;
    let n = 0;
    const cpuBefore = server.cpuMs();
    result = await autocannon({
      url: server.url,
      connections: 8,
      duration: seconds,
      requests: [signedPost(auth, path, () => intakeOf(n++))],
    });
    cpuMs = server.cpuMs() - cpuBefore;
  } finally {
    await server.stop();
  }
  // Node's CPU per intake: what the server itself spends, apart from PostgreSQL and the clients.
  const nodeCpuMsPerIntake = cpuMs / Math.max(1, result.requests.total);

  const check = connect(url, 2);
  // A request's last round trip carries its posting and its COMMIT together (decision 0092): one
  // already sent when the server stopped still commits. The books are read once all have ended.
  await untilIdle(url);
  // PostgreSQL's CPU per intake, beside pgbench's per TPC-B transaction (both on this machine).
  const postgresCpuMsPerIntake = (postgresCpuMs() - postgresBefore) / Math.max(1, result.requests.total);
  const ceiling = databaseCeiling(postgresCpuMsPerIntake, reference.tps);
  const counted = await check.pool.query<{ n: string }>('SELECT count(*) AS n FROM produce_intakes');
  const stock = await valuation(check.db, coop.id, {});
  const ledger = await accountBalance(check.db, coop.id, { account: ACCOUNTS.PERSEDIAAN_HASIL_PANEN, unit: 'agribisnis' });
  await check.close();
  await database.close();

  const tps = result.requests.average;
  const failures = result.non2xx + result.errors + result.timeouts;
  const ratio = tps / reference.tps;
  const p99 = result.latency.p99;
  // Requests still in flight when the clock stops may commit without being counted as answered.
  const recorded = Number(counted.rows[0]!.n) - history;
  const consistent = recorded >= result['2xx'] && recorded <= result['2xx'] + 8 && stock.agrees && BigInt(stock.total) === ledger;
  const pass = ratio >= 0.5 && failures === 0 && consistent;
  return {
    name: 'intake',
    bar: '≥ 0.5 × pgbench TPC-B tps, no failed request, one intake per success and stock value equal to the ledger',
    pass,
    ratio,
    summary: `${tps.toFixed(0)} intakes/s (3 lots each) vs pgbench ${reference.tps.toFixed(0)} tps = ${ratio.toFixed(2)}×, p99 ${p99} ms, ${failures} failed, books ${consistent ? 'agree' : 'DISAGREE'}, CPU per intake: Node ${nodeCpuMsPerIntake.toFixed(1)} ms, PostgreSQL ${postgresCpuMsPerIntake.toFixed(1)} ms (${reference.postgresCpuMsPerTransaction.toFixed(2)} ms per TPC-B transaction), so the database alone caps it at ${ceiling.perSecond.toFixed(0)}/s = ${ceiling.ratioToPgbench.toFixed(2)}× on ${ceiling.cores} cores; HTTP write floor ${floor.writesPerSecond.toFixed(0)}/s = ${floor.ratioToPgbench.toFixed(2)}×`,
    figures: {
      intakesPerSecond: tps,
      nodeCpuMsPerIntake,
      postgresCpuMsPerIntake,
      databaseCeiling: ceiling,
      lotsPerIntake: 3,
      requests: result.requests.total,
      ok2xx: result['2xx'],
      non2xx: result.non2xx,
      errors: result.errors,
      timeouts: result.timeouts,
      latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99, max: result.latency.max },
      connections: 8,
      seconds,
      farmers: FARMERS,
      intakesRecorded: recorded,
      stockValue: stock.total,
      ledgerInventory: ledger.toString(),
    },
    reference: { pgbench: reference, httpFloor: floor },
  };
};

export default bench;
