import { ACCOUNTS } from '@kopdes/shared/ledger';
import { beforeAll, describe, expect, it } from 'vitest';
import { signIn, testApp, type Client } from '../../../../test/support/app.js';
import { makeCoop, makeUser } from '../../../../test/support/factories.js';
import { makeMember } from '../../../../test/support/members-factories.js';
import { databaseDigest } from '../../../../test/support/routes.js';
import { SYSTEM_ACTOR } from '../../../lib/actor.js';
import { accountBalance, getEntry } from '../../ledger/ledger.service.js';
import { setFarmerProfile } from '../farmers.service.js';
import { DAY, intakeBody, makeFarmer, produceSetup, type Setup } from './factories.js';

const t = await testApp();
let coopId: string;
let clerk: Client;
let board: Client;
let s: Setup;
let farmer: { memberId: string; plotId: string; fullName: string };
let base: string;

beforeAll(async () => {
  coopId = (await makeCoop(t.db)).id;
  base = `/api/coops/${coopId}/produce`;
  const [u, b] = await Promise.all([makeUser(t.db, coopId, ['petugas']), makeUser(t.db, coopId, ['pengurus'])]);
  [clerk, board] = await Promise.all([signIn(t.app, u.email, u.password), signIn(t.app, b.email, b.password)]);
  s = await produceSetup(t.db, coopId);
  farmer = await makeFarmer(t.db, coopId, 'Asep Saepudin');
}, 60_000);

const body = (o: Record<string, unknown> = {}) => intakeBody(s, farmer, o);

describe('recording an intake', () => {
  it('splits the delivery into graded lots, prices them and posts inventory against the payable', async () => {
    const res = await clerk.post(`${base}/intakes`, body());
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const i = res.body;
    expect(i.number).toMatch(/^PN-2025-\d{6}$/);
    expect(i.net).toEqual({ base: '50000', text: '50 kg' });
    expect(i.lots.map((l: any) => [l.grade, l.quantity.base, l.price, l.amount, l.paid])).toEqual([
      ['A', '30000', '8000', '240000', true],
      ['B', '17500', '6000', '105000', true],
      ['reject', '2500', '0', '0', false],
    ]);
    expect(i.lots.map((l: any) => l.code)).toEqual([`${i.number}-A`, `${i.number}-B`, `${i.number}-R`]);
    expect(i.lots[0].expiresOn).toBe('2025-08-17'); // ambient packing house: 5 days
    expect(i.amount).toBe('345000');
    const entry = await getEntry(t.db, coopId, i.journal.id);
    expect(entry.lines.map((l) => [l.account, l.debit, l.credit, l.memberId])).toEqual([
      [ACCOUNTS.PERSEDIAAN_HASIL_PANEN, '345000', '0', null],
      [ACCOUNTS.UTANG_PETANI, '0', '345000', farmer.memberId],
    ]);
    const lot = await clerk.get(`${base}/lots/${i.lots[1].lotId}`);
    expect(lot.body.onHand.base).toBe('17500');
    expect(lot.body.value).toBe('105000');
    const trace = await clerk.get(`${base}/lots/${i.lots[1].lotId}/trace`);
    expect(trace.body.origin.farmer.fullName).toBe('Asep Saepudin');
    expect(trace.body.origin.plot.altitudeM).toBe(1450);
    expect(trace.body.origin.intake.number).toBe(i.number);
  });

  it('honours the Idempotency-Key: a retry replays the first answer and records nothing more', async () => {
    const h = { 'idempotency-key': 'intake-retry-0001' };
    const first = await clerk.post(`${base}/intakes`, body({ crates: 4 }), h);
    const before = await databaseDigest(t.db);
    const again = await clerk.post(`${base}/intakes`, body({ crates: 4 }), h);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.id).toBe(first.body.id);
    expect(await databaseDigest(t.db)).toEqual(before);
  });

  it('prices rejects when the cooperative pays for them', async () => {
    await board.put(`${base}/settings`, { rejectPolicy: 'priced', expiryAlertDays: 2 });
    const res = await clerk.post(`${base}/intakes`, body());
    expect(res.body.lots[2]).toMatchObject({ grade: 'reject', price: '500', amount: '1250', paid: true });
    expect(res.body.amount).toBe('346250');
    await board.put(`${base}/settings`, { rejectPolicy: 'unpaid', expiryAlertDays: 2 });
  });

  it('previews without writing', async () => {
    const before = await databaseDigest(t.db);
    const res = await clerk.post(`${base}/intakes/preview`, body());
    expect(res.status).toBe(200);
    expect(res.body.amount).toBe('345000');
    expect(await databaseDigest(t.db)).toEqual(before);
  });

  it('serves the slip and the labels as PDF', async () => {
    const i = (await clerk.post(`${base}/intakes`, body())).body;
    for (const path of [`intakes/${i.id}/slip.pdf`, `intakes/${i.id}/labels.pdf`, `lots/${i.lots[0].lotId}/label.pdf`]) {
      const res = await t.app.request(`${base}/${path}`, { headers: { cookie: (clerk as any).cookie } });
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      expect(
        Buffer.from(await res.arrayBuffer())
          .subarray(0, 5)
          .toString(),
      ).toBe('%PDF-');
    }
  });
});

describe('bad input is refused with the reason and nothing is written', () => {
  const cases: [string, () => Promise<Record<string, unknown>>, number, string, string][] = [
    ['net above gross', async () => body({ netKg: '60' }), 400, 'net_above_gross', 'netKg'],
    ['tare not below gross', async () => body({ tareKg: '52,4' }), 400, 'tare_not_below_gross', 'tareKg'],
    [
      'grades that do not add up to the net',
      async () =>
        body({
          grades: [
            { grade: 'A', kg: '30' },
            { grade: 'B', kg: '17' },
          ],
        }),
      400,
      'grades_do_not_add_up',
      'grades',
    ],
    ['an ambiguous weight', async () => body({ grossKg: '1.250' }), 400, 'invalid_input', 'grossKg'],
    ['more than three decimals', async () => body({ tareKg: '2,4001' }), 400, 'invalid_input', 'tareKg'],
    [
      'an unknown farmer',
      async () => body({ memberId: 'mbr_01JAAAAAAAAAAAAAAAAAAAAAAA', plotId: null }),
      422,
      'unknown_farmer',
      'memberId',
    ],
    [
      'an inactive farmer',
      async () => body({ memberId: (await makeMember(t.db, coopId, { status: 'applicant' })).id, plotId: null }),
      422,
      'inactive_farmer',
      'memberId',
    ],
    [
      'a farmer who no longer supplies',
      async () => {
        const f = await makeFarmer(t.db, coopId);
        await setFarmerProfile(t.db, coopId, SYSTEM_ACTOR, f.memberId, { payoutMethod: 'cash', deliveryActive: false });
        return body({ memberId: f.memberId, plotId: f.plotId });
      },
      422,
      'inactive_farmer',
      'memberId',
    ],
    [
      'a commodity without a price on the date',
      async () => body({ date: '2024-12-31', harvestDate: '2024-12-30' }),
      422,
      'no_price',
      'grades.0.grade',
    ],
    [
      'a grade the commodity lacks',
      async () =>
        body({
          commodityId: s.cabbageId,
          grades: [
            { grade: 'A', kg: '30' },
            { grade: 'C', kg: '20' },
          ],
        }),
      400,
      'unknown_grade',
      'grades.1.grade',
    ],
    ['a plot of another farmer', async () => body({ plotId: (await makeFarmer(t.db, coopId)).plotId }), 422, 'unknown_plot', 'plotId'],
    ['harvest after intake', async () => body({ harvestDate: '2025-08-13' }), 400, 'harvest_after_intake', 'harvestDate'],
  ];
  it.each(cases)('%s', async (_name, make, status, code, field) => {
    const payload = await make();
    const before = await databaseDigest(t.db);
    const res = await clerk.post(`${base}/intakes`, payload, { 'idempotency-key': `bad-${Math.random().toString(36).slice(2)}` });
    expect(res.status, JSON.stringify(res.body)).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.body.code).toBe(code);
    expect(res.body.errors.map((e: any) => e.field)).toContain(field);
    expect(await databaseDigest(t.db)).toEqual(before);
  });

  it('speaks English when asked', async () => {
    const res = await clerk.post(`${base}/intakes`, body({ netKg: '60' }), { 'accept-language': 'en' });
    expect(res.body.errors[0].message).toMatch(/above the gross weight/);
  });
});

describe('voiding', () => {
  it('takes the lots out of stock and reverses the journal', async () => {
    const value = () => accountBalance(t.db, coopId, { account: ACCOUNTS.PERSEDIAAN_HASIL_PANEN, unit: 'agribisnis' });
    const before = await value();
    const i = (await clerk.post(`${base}/intakes`, body())).body;
    expect(await value()).toBe(before + 345000n);
    const v = await clerk.post(`${base}/intakes/${i.id}/void`, { date: DAY, reason: 'Salah pilih petani' });
    expect(v.status, JSON.stringify(v.body)).toBe(200);
    expect(v.body.voided.reason).toBe('Salah pilih petani');
    expect(await value()).toBe(before);
    expect((await clerk.get(`${base}/lots/${i.lots[0].lotId}`)).body.onHand.base).toBe('0');
    expect((await clerk.post(`${base}/intakes/${i.id}/void`, { date: DAY, reason: 'Dicoba lagi' })).status).toBe(409);
  });
});
