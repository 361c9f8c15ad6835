// The synthetic network: real cooperative rows on real, free villages, marked and removable,
// with monthly roll-ups the dashboards read; real cooperatives are left as they were.
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../../test/support/app.js';
import { makeCoop } from '../../../test/support/factories.js';
import { villageInfo } from '../../lib/areas.js';
import { getCooperative } from '../cooperatives/cooperatives.service.js';
import { ensureRegistered } from './registry.service.js';
import { dashboard, refreshCooperative } from './rollups.service.js';
import { removeSynthetic, synthesize } from './synth.service.js';

let t: TestApp;
let realId: string;
const today = '2026-03-15';

beforeAll(async () => {
  t = await testApp();
  realId = (await makeCoop(t.db, { villageCode: '32.04.40.2005' })).id;
  await ensureRegistered(t.db, realId);
  await refreshCooperative(t.db, realId, ['2026-03-01'], today);
});

const count = async (q: ReturnType<typeof sql>) => (await t.db.execute<{ n: number }>(q)).rows[0]!.n;

describe('synthetic network', () => {
  it('creates cooperatives on free real villages with months of roll-ups', async () => {
    const r = await synthesize(t.db, { cooperatives: 400, months: 3, today });
    expect(r).toMatchObject({ created: 400, synthetic: 400, months: ['2026-01', '2026-02', '2026-03'], monthlyRows: 1200 });
    const rows = (
      await t.db.execute<{ id: string; name: string; village_code: string; time_zone: string }>(
        sql`SELECT c.id, c.name, c.village_code, c.time_zone FROM cooperatives c JOIN network_profiles p ON p.cooperative_id = c.id WHERE p.synthetic`,
      )
    ).rows;
    expect(rows).toHaveLength(400);
    expect(new Set(rows.map((x) => x.village_code)).size).toBe(400);
    expect(rows.some((x) => x.village_code === '32.04.40.2005')).toBe(false); // taken by the real cooperative
    for (const x of rows.slice(0, 50)) {
      const v = villageInfo(x.village_code)!;
      expect(v).toBeDefined();
      expect(x.name).toMatch(new RegExp(`^(KDMP|KKMP) `));
      if (v.province.code.startsWith('9')) expect(x.time_zone).toBe('Asia/Jayapura');
    }
    expect(await count(sql`SELECT count(*)::int AS n FROM network_monthly_stats WHERE synthetic`)).toBe(1200);
    expect(await count(sql`SELECT count(DISTINCT province_code)::int AS n FROM network_profiles WHERE synthetic`)).toBeGreaterThan(30);
  });

  it('feeds the dashboards, marked as synthetic, beside the real cooperative', async () => {
    const d = await dashboard(t.db, { level: 'national', month: '2026-03' }, today);
    expect(d.totals.cooperatives).toBe(401);
    expect(d.totals.synthetic).toBe(400);
    expect(d.totals.operating).toBeGreaterThan(50);
    expect(BigInt(d.totals.sales)).toBeGreaterThan(0n);
    expect(d.series.filter((s) => s.cooperatives > 0).map((s) => s.month)).toEqual(['2026-01', '2026-02', '2026-03']);
    const sum = d.children.reduce((s, c) => s + c.cooperatives, 0);
    expect(sum).toBe(401);
  });

  it('is idempotent up to the asked number', async () => {
    const again = await synthesize(t.db, { cooperatives: 400, months: 3, today });
    expect(again.created).toBe(0);
    expect(again.synthetic).toBe(400);
  });

  it('removes every synthetic row and leaves the real cooperative', async () => {
    expect(await removeSynthetic(t.db)).toEqual({ removed: 400 });
    expect(await count(sql`SELECT count(*)::int AS n FROM network_profiles WHERE synthetic`)).toBe(0);
    expect(await count(sql`SELECT count(*)::int AS n FROM cooperatives`)).toBe(1);
    expect((await getCooperative(t.db, realId)).id).toBe(realId);
    const d = await dashboard(t.db, { level: 'national', month: '2026-03' }, today);
    expect(d.totals).toMatchObject({ cooperatives: 1, synthetic: 0 });
    const jan = await dashboard(t.db, { level: 'national', month: '2026-01' }, today);
    expect(jan.totals.cooperatives).toBe(0);
  });

  it('refuses impossible sizes', async () => {
    await expect(synthesize(t.db, { cooperatives: 0, months: 12, today })).rejects.toMatchObject({ code: 'out_of_range' });
    await expect(synthesize(t.db, { cooperatives: 10, months: 48, today })).rejects.toMatchObject({ code: 'out_of_range' });
  });
});
