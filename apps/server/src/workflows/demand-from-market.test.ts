/**
 * The season's demand built from the market link, against figures worked out by hand: the contract
 * in force each day (a renewal takes over from its first day), packs counted in grams, adjustments
 * kept, a commodity without crop parameters named and left out.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { signIn, testApp, type Client } from '../../test/support/app.js';
import { makeCoop, makeUser } from '../../test/support/factories.js';
import { SYSTEM_ACTOR } from '../lib/actor.js';
import { createContract } from '../modules/market/partners.service.js';
import { makeContracted, tag } from '../modules/market/tests/factories.js';
import { createSeason, putDemand } from '../modules/planning/planning.service.js';
import { makeCrop } from '../modules/planning/tests/factories.js';

const t = await testApp();
let coopId: string;
let ketua: Client;
let seasonId: string;
let path: string;

beforeAll(async () => {
  coopId = (await makeCoop(t.db)).id;
  const u = await makeUser(t.db, coopId, ['ketua']);
  ketua = await signIn(t.app, u.email, u.password);
  // Contract 2025: Mondays and Thursdays 80 trays of 250 g tomato A (2 × 20 kg a week) and 20 kg of
  // tomato B (2 × 20 kg a week); cabbage has no crop parameters, and is ordered in the renewal.
  const m = await makeContracted(t.db, coopId);
  await makeCrop(t.db, coopId, 'TOMAT');
  // The renewal from Monday 15 September: 40 trays of A on Mondays only, and 30 kg of cabbage A on Tuesdays.
  await createContract(t.db, coopId, SYSTEM_ACTOR, m.partnerId, {
    reference: `KTR-${tag()}`,
    validFrom: '2025-09-15',
    validTo: '2025-12-31',
    qualityTolerance: 'Sama dengan kontrak sebelumnya',
    returnsPolicy: 'Sama dengan kontrak sebelumnya',
    offContract: 'warn',
    volumeTolerancePct: 10,
    items: [
      {
        articleCode: '200145',
        commodityId: m.tomatoId,
        grade: 'A',
        packFormatId: m.trayFormatId,
        price: '4500',
        volumes: ['40', '0', '0', '0', '0', '0', '0'],
      },
      { articleCode: '300001', commodityId: m.cabbageId, grade: 'A', price: '6000', volumes: ['0', '30', '0', '0', '0', '0', '0'] },
    ],
  });
  const season = await createSeason(t.db, SYSTEM_ACTOR, coopId, {
    name: 'Musim uji pasar',
    startDate: '2025-09-01',
    weeks: 4,
    safetyMarginPct: 0,
  });
  seasonId = season.id;
  await putDemand(t.db, SYSTEM_ACTOR, coopId, seasonId, {
    rows: [{ commodity: 'TOMAT', grade: 'A', week: 1, contractGrams: '1', historyGrams: '0', adjustmentGrams: '5000' }],
  });
  path = `/api/coops/${coopId}/planning/seasons/${seasonId}/demand/from-market`;
}, 60_000);

describe('demand from the market link', () => {
  it('counts the contract in force each week in grams, keeps the adjustment, and names what it leaves out', async () => {
    const res = await ketua.post(path, {});
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const cells = Object.fromEntries(
      res.body.demand.rows.map(
        (r: { grade: string; week: number; contractGrams: string; adjustmentGrams: string; historyGrams: string }) => [
          `${r.grade}${r.week}`,
          [r.contractGrams, r.historyGrams, r.adjustmentGrams],
        ],
      ),
    );
    expect(cells).toEqual({
      A0: ['40000', '0', '0'],
      A1: ['40000', '0', '5000'],
      A2: ['10000', '0', '0'],
      A3: ['10000', '0', '0'],
      B0: ['40000', '0', '0'],
      B1: ['40000', '0', '0'],
    });
    expect(res.body.historyBasis).toBe('none');
    expect(res.body.skipped).toEqual([expect.objectContaining({ commodity: 'KOL', reason: 'no_crop' })]);
    // Running it again gives the same table: it rebuilds, it does not add up.
    const again = await ketua.post(path, {});
    expect(again.body.demand.rows).toEqual(res.body.demand.rows);
  });

  it('is for the board: a clerk may not rebuild the demand', async () => {
    const u = await makeUser(t.db, coopId, ['petugas']);
    const petugas = await signIn(t.app, u.email, u.password);
    expect((await petugas.post(path, {})).status).toBe(403);
  });
});
