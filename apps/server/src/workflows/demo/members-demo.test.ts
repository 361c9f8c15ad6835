import { ACCOUNTS } from '@kopdes/shared/ledger';
import { todayIn } from '@kopdes/shared/format';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { signIn } from '../../../test/support/app.js';
import { demoDatabase } from '../../../test/support/db.js';
import { createApp } from '../../app.js';
import { systemClock } from '../../lib/clock.js';
import { judgeNik } from '../../modules/members/member-fields.js';
import { subsidiaryBalances } from '../../modules/ledger/ledger.service.js';
import { SYSTEM_ACTOR } from '../../lib/actor.js';
import { createCooperative } from '../../modules/cooperatives/cooperatives.service.js';
import { DEMO_COOP, DEMO_PASSWORD } from './demo-users.js';
import { seedMembersDemo } from './members-demo.js';

// The whole demo's seeding time is reported where it happens, in demoDatabase.
const { db, cooperativeId: coopId } = await demoDatabase();
const t = { db, app: createApp({ db, clock: systemClock, mode: 'external' }) };

const rows = async <T extends Record<string, unknown>>(q: ReturnType<typeof sql>) => (await t.db.execute<T>(q)).rows;

describe('the demo members', () => {
  it('about 270 members, most of them farmers in three farmer groups, some applicants and some who left', async () => {
    const byStatus = await rows<{ status: string; n: number }>(
      sql`SELECT status, count(*)::int AS n FROM members WHERE cooperative_id = ${coopId} GROUP BY status ORDER BY status`,
    );
    expect(Object.fromEntries(byStatus.map((r) => [r.status, r.n]))).toEqual({ active: 262, applicant: 5, deceased: 1, left: 2 });
    const groups = await rows<{ name: string; n: number }>(sql`
      SELECT g.name, count(m.id)::int AS n FROM farmer_groups g LEFT JOIN members m ON m.cooperative_id = g.cooperative_id AND m.farmer_group_id = g.id
      WHERE g.cooperative_id = ${coopId} GROUP BY g.name ORDER BY g.name`);
    expect(groups.map((g) => g.name)).toEqual(['Poktan Harapan Jaya', 'Poktan Mekar Tani', 'Poktan Sauyunan']);
    const farmers = await rows<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM members WHERE cooperative_id = ${coopId} AND occupation = 'farmer'`,
    );
    expect(farmers[0]!.n).toBeGreaterThan(200);
    expect(groups.reduce((s, g) => s + g.n, 0)).toBeGreaterThan(220);
  });

  it('every NIK is valid, of Kabupaten Bandung, and agrees with sex and birth date', async () => {
    const all = await rows<{ nik: string; sex: 'M' | 'F'; birth_date: string }>(
      sql`SELECT nik, sex, birth_date FROM members WHERE cooperative_id = ${coopId}`,
    );
    for (const m of all) {
      expect(m.nik.startsWith('3204')).toBe(true);
      expect(judgeNik(m.nik, { sex: m.sex, birthDate: m.birth_date }, todayIn('Asia/Jakarta')).errors, m.nik).toEqual([]);
    }
  });

  it('links the demo member and the board to their member records', async () => {
    const linked = await rows<{ email: string; full_name: string }>(sql`
      SELECT u.email, m.full_name FROM members m JOIN users u ON u.id = m.user_id WHERE m.cooperative_id = ${coopId} ORDER BY m.number`);
    expect(linked).toEqual([
      { email: 'ketua@alamendah.kopdes.id', full_name: 'Ujang Supriatna' },
      { email: 'bendahara@alamendah.kopdes.id', full_name: 'Euis Komalasari' },
      { email: 'pengurus@alamendah.kopdes.id', full_name: 'Dadang Hermawan' },
      { email: 'anggota@alamendah.kopdes.id', full_name: 'Iwan Setiawan' },
    ]);
    const iwan = await signIn(t.app, 'anggota@alamendah.kopdes.id', DEMO_PASSWORD);
    const mine = await iwan.get(`/api/coops/${coopId}/me/savings`);
    expect(mine.body).toMatchObject({ member: { fullName: 'Iwan Setiawan' }, pokokPaid: true });
    expect(BigInt(mine.body.balances.wajib)).toBeGreaterThanOrEqual(200_000n);
    const tx = await iwan.get(`/api/coops/${coopId}/me/savings/transactions?limit=200`);
    expect(tx.body.items.length).toBeGreaterThan(12);
  });

  it('has a year of history and members in arrears', async () => {
    const months = await rows<{ n: number }>(
      sql`SELECT count(DISTINCT to_char(date, 'YYYY-MM'))::int AS n FROM savings_transactions WHERE cooperative_id = ${coopId}`,
    );
    expect(months[0]!.n).toBeGreaterThanOrEqual(12);
    const k = await signIn(t.app, 'ketua@alamendah.kopdes.id', DEMO_PASSWORD);
    const arrears = (await k.get(`/api/coops/${coopId}/savings/arrears?minMonths=2`)).body;
    // Farmers who deliver have their wajib kept back from their harvest payouts; the members in
    // arrears are those who do not deliver.
    expect(arrears.items.length).toBeGreaterThanOrEqual(5);
    expect(arrears.items[0].months).toBeGreaterThanOrEqual(4);
  });

  it("every member's balances equal the ledger's subsidiary balances", async () => {
    const accounts = await rows<{ member_id: string; kind: string; balance: string }>(
      sql`SELECT member_id, kind, balance::text FROM savings_accounts WHERE cooperative_id = ${coopId}`,
    );
    const asOf = todayIn('Asia/Jakarta');
    const ledger = {
      pokok: await subsidiaryBalances(t.db, coopId, { account: ACCOUNTS.SIMPANAN_POKOK, asOf }),
      wajib: await subsidiaryBalances(t.db, coopId, { account: ACCOUNTS.SIMPANAN_WAJIB, asOf }),
      sukarela: await subsidiaryBalances(t.db, coopId, { account: ACCOUNTS.SIMPANAN_SUKARELA, asOf }),
    };
    let compared = 0;
    for (const a of accounts) {
      expect(String(ledger[a.kind as 'pokok'].get(a.member_id) ?? 0n), `${a.member_id} ${a.kind}`).toBe(a.balance);
      compared++;
    }
    expect(compared).toBeGreaterThan(500);
    for (const kind of ['pokok', 'wajib', 'sukarela'] as const)
      for (const [memberId, b] of ledger[kind])
        expect(accounts.some((a) => a.member_id === memberId && a.kind === kind) || b === 0n).toBe(true);
  });

  // Its time is reported as a figure; timings are not asserted in tests (they belong in bench/).
  it('seeds its part into another cooperative', async () => {
    const other = await createCooperative(t.db, SYSTEM_ACTOR, { ...DEMO_COOP, name: 'Koperasi Desa Merah Putih Uji Demo' });
    const started = performance.now();
    const r = await t.db.transaction((tx) => seedMembersDemo(tx, other.id));
    const ms = Math.round(performance.now() - started);
    console.log(
      `[figure] members demo (${r.members} members, ${r.transactions} savings transactions, ${r.entries} journal entries): ${ms} ms`,
    );
    expect(r).toMatchObject({ members: 270, left: 3 });
  }, 180_000);
});
