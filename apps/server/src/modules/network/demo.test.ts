// The network demo as a user meets it: the 2025 internship at Al-Ittifaq with 114 participants
// from 24 provinces, certificates, alumni trading, Alamendah's progress from its own data, and the
// two cooperatives whose governance checklist fails.
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { demoDatabase } from '../../../test/support/db.js';
import { findCooperativeByName } from '../cooperatives/cooperatives.service.js';
import { DEMO_COOP } from '../../workflows/demo/demo-users.js';
import { DEMO_PROGRAMME } from '../../workflows/demo/network-demo.js';
import { todayIn } from '@kopdes/shared/format';
import { alumniView } from './outcomes.service.js';
import { participantsOfCoop } from './participants.service.js';
import { getEntry, listRegistry } from './registry.service.js';
import { findProgrammeByName, listBatches, listHosts } from './programmes.service.js';
import { dashboard } from './rollups.service.js';

const t = await demoDatabase();
const today = todayIn('Asia/Jakarta');

describe('network demo', () => {
  it('has the six hosts and the three batches of 38 at Al-Ittifaq, 114 participants from 24 provinces', async () => {
    expect((await listHosts(t.db)).map((h) => h.sector).sort()).toEqual([
      'agriculture',
      'aquaculture',
      'dairy',
      'fisheries',
      'multi_service',
      'services',
    ]);
    const programme = (await findProgrammeByName(t.db, DEMO_PROGRAMME))!;
    const batches = await listBatches(t.db, programme.id);
    expect(batches.map((b) => [b.number, b.startsOn, b.endsOn, b.host.name, b.capacity, b.provinces.length])).toEqual([
      [1, '2025-11-15', '2025-11-22', 'Kopontren Al-Ittifaq', 38, 4],
      [2, '2025-11-23', '2025-11-30', 'Kopontren Al-Ittifaq', 38, 9],
      [3, '2025-12-01', '2025-12-08', 'Kopontren Al-Ittifaq', 38, 11],
    ]);
    expect(batches[0]!.provinces.map((p) => p.name).sort()).toEqual(['Banten', 'Daerah Istimewa Yogyakarta', 'Jawa Barat', 'Jawa Tengah']);
    const counts = batches.map((b) => b.counts);
    expect(counts).toEqual([{ completed: 38 }, { completed: 37, attending: 1 }, { completed: 38 }]);
    const provinces = await t.db.execute<{ n: number; p: number }>(
      sql`SELECT count(*)::int AS n, count(DISTINCT province_code)::int AS p FROM network_participants`,
    );
    expect(provinces.rows[0]).toEqual({ n: 114, p: 24 });
    expect(batches.every((b) => b.sessions === 12)).toBe(true);
  });

  it("follows Alamendah's alumnus from its own kopdes data", async () => {
    const coop = (await findCooperativeByName(t.db, DEMO_COOP.name))!;
    const [p] = await participantsOfCoop(t.db, coop.id, today);
    expect(p).toMatchObject({
      fullName: 'Dadang Hermawan',
      status: 'completed',
      certificateNumber: expect.stringMatching(/\/MAGANG-KDMP\/G1\/2025$/),
    });
    const retail = p!.actionPlan.find((i) => i.measure === 'modern_retail_partners')!;
    expect(retail).toMatchObject({ source: 'kopdes', value: '1', status: 'achieved' });
    const intake = p!.actionPlan.find((i) => i.measure === 'intake_kg')!;
    expect(intake).toMatchObject({ source: 'manual', status: 'achieved' });
  });

  it('shows the ministry two cooperatives failing governance checks among ones that pass', async () => {
    const failing = await listRegistry(t.db, { governance: 'issues', synthetic: 'false', limit: 50 });
    expect(failing.total).toBe(2);
    const issues = failing.items.map((i) => [...i.governanceIssues].sort());
    expect(issues).toEqual(expect.arrayContaining([['board_positions', 'board_size'], ['village_head_chairs_supervisors']]));
    // Every one but those two, Margamukti (the purchase demo's supplier) included.
    expect((await listRegistry(t.db, { governance: 'ok', synthetic: 'false', limit: 200 })).total).toBe(113);

    const statusOf = async (cooperativeId: string) =>
      Object.fromEntries((await getEntry(t.db, cooperativeId, today)).governance.checks.map((c) => [c.code, c]));
    const late = failing.items.find((i) => i.governanceIssues.includes('board_size'))!;
    const unchaired = failing.items.find((i) => i.governanceIssues.includes('village_head_chairs_supervisors'))!;
    const lateChecks = await statusOf(late.cooperativeId);
    expect(lateChecks.board_size!.detail.en).toBe('Only 4 board members; at least 5 required');
    expect(lateChecks.board_positions!.detail.id).toBe('Belum ada: Bendahara');
    const unchairedChecks = await statusOf(unchaired.cooperativeId);
    expect(unchairedChecks.village_head_chairs_supervisors!.detail.id).toBe('Belum ada ketua pengawas');
    // The RAT for 2025 was due on 31 March 2026: one held it in May, the other not at all; the rest on time.
    if (today >= '2026-05-16') {
      expect(lateChecks.rat_held).toMatchObject({ status: 'fail' });
      expect(lateChecks.rat_held!.detail.en).toMatch(/^RAT for \d{4} held on \d{4}-05-16, after the \d{4}-03-31 deadline$/);
      expect(unchairedChecks.rat_held!.detail.en).toMatch(/^No RAT recorded for \d{4}/);
      const passing = (await listRegistry(t.db, { governance: 'ok', synthetic: 'false', limit: 200 })).items;
      for (const p of passing.filter((_, i) => i % 20 === 0))
        expect((await getEntry(t.db, p.cooperativeId, today)).governance).toMatchObject({ failed: 0, pending: 0 });
    }
  });

  it('shows alumni cooperatives trading three and six months on, and the national figures', async () => {
    const [row] = await alumniView(t.db, 'host', undefined, today);
    expect(row).toMatchObject({ label: 'Kopontren Al-Ittifaq', alumni: 113, alumniCooperatives: 113, due3: 113, due6: 113 });
    expect(row!.trading3).toBeGreaterThan(50);
    expect(row!.trading6).toBeGreaterThan(row!.trading3 - 10);
    expect(row!.trading6).toBeLessThan(113);
    const national = await dashboard(t.db, { level: 'national' }, today);
    expect(national.totals).toMatchObject({ cooperatives: 115, alumni: 113, alumniCooperatives: 113 });
    expect(national.totals.operating).toBeGreaterThan(60);
    expect(national.children.filter((c) => c.cooperatives > 0)).toHaveLength(24);
  });
});
