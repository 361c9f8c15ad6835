import { ACCOUNTS } from '@kopdes/shared/ledger';
import { beforeAll, describe, expect, it } from 'vitest';
import { signIn, testApp, type Client } from '../../../../test/support/app.js';
import { makeCoop, makeUser } from '../../../../test/support/factories.js';
import { databaseDigest } from '../../../../test/support/routes.js';
import { SYSTEM_ACTOR } from '../../../lib/actor.js';
import { accountBalance, getEntry, postEntry } from '../../ledger/ledger.service.js';
import { issueLotForSale, valueOut } from '../stock.service.js';
import { DAY, makeIntake, produceSetup, type Setup } from './factories.js';

const t = await testApp();
let coopId: string;
let clerk: Client;
let s: Setup;
let base: string;

beforeAll(async () => {
  coopId = (await makeCoop(t.db)).id;
  base = `/api/coops/${coopId}/produce`;
  const u = await makeUser(t.db, coopId, ['petugas']);
  clerk = await signIn(t.app, u.email, u.password);
  s = await produceSetup(t.db, coopId);
}, 60_000);

describe('valueOut', () => {
  it('takes a proportional share, and all the rest with the last of it', () => {
    expect(valueOut(30_000n, 240_000n, 10_000n)).toBe(80_000n);
    expect(valueOut(3n, 100n, 1n)).toBe(33n);
    expect(valueOut(3n, 100n, 3n)).toBe(100n);
    let q = 7n;
    let v = 1000n;
    let out = 0n;
    for (const take of [1n, 2n, 1n, 3n]) {
      const x = valueOut(q, v, take);
      out += x;
      q -= take;
      v -= x;
    }
    expect([q, v, out]).toEqual([0n, 0n, 1000n]);
  });
});

describe('packing', () => {
  it('packs a lot into trays, recording yield and packing loss; the packs carry the whole cost', async () => {
    const intake = await makeIntake(t.db, coopId);
    const lotA = intake.lots[0]!;
    const res = await clerk.post(`${base}/packings`, {
      date: DAY,
      locationId: s.packingHouseId,
      packFormatId: s.trayFormatId,
      packs: 100,
      sources: [{ lotId: lotA.lotId, kg: '26' }],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.packing).toMatchObject({
      packs: 100,
      input: { base: '26000' },
      output: { base: '25000' },
      loss: { base: '1000' },
      yieldPermille: 961,
    });
    expect(res.body.value).toBe('208000'); // 26/30 of Rp 240.000
    expect(res.body.journal).toBeNull();
    const pack = (await clerk.get(`${base}/lots/${res.body.packing.outputLotId}/trace`)).body;
    expect(pack.lot.packFormat).toMatchObject({ name: 'Tray 250 g', packs: 100 });
    expect(pack.origin.sources).toEqual([
      expect.objectContaining({ lotId: lotA.lotId, quantity: { base: '26000', text: '26 kg' }, intakeNumber: intake.number }),
    ]);
    const source = (await clerk.get(`${base}/lots/${lotA.lotId}/trace`)).body;
    expect(source.packedInto).toEqual([
      expect.objectContaining({ lotId: res.body.packing.outputLotId, quantity: { base: '26000', text: '26 kg' } }),
    ]);
    expect(source.lot.onHand.base).toBe('4000');
  });

  it('refuses packing more than a lot holds, more packs than the input makes, and another grade; nothing written', async () => {
    const intake = await makeIntake(t.db, coopId);
    const before = await databaseDigest(t.db);
    const over = await clerk.post(`${base}/packings`, {
      locationId: s.packingHouseId,
      packFormatId: s.trayFormatId,
      packs: 100,
      sources: [{ lotId: intake.lots[0]!.lotId, kg: '31' }],
    });
    expect(over.status).toBe(422);
    expect(over.body.errors[0]).toMatchObject({ field: 'sources.0.kg', code: 'insufficient_stock' });
    expect(over.body.errors[0].message).toMatch(/hanya 30 kg/);
    const tooMany = await clerk.post(`${base}/packings`, {
      locationId: s.packingHouseId,
      packFormatId: s.trayFormatId,
      packs: 121,
      sources: [{ lotId: intake.lots[0]!.lotId, kg: '30' }],
    });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.code).toBe('output_exceeds_input');
    const gradeB = await clerk.post(`${base}/packings`, {
      locationId: s.packingHouseId,
      packFormatId: s.trayFormatId,
      packs: 10,
      sources: [{ lotId: intake.lots[1]!.lotId, kg: '5' }],
    });
    expect(gradeB.body.code).toBe('wrong_grade');
    expect(await databaseDigest(t.db)).toEqual(before);
  });
});

describe('losses, transfers and counts', () => {
  it('writes off spoilage at cost against the shrinkage/spoilage expense', async () => {
    const intake = await makeIntake(t.db, coopId);
    const res = await clerk.post(`${base}/losses`, {
      date: DAY,
      lotId: intake.lots[1]!.lotId,
      locationId: s.packingHouseId,
      kind: 'spoilage',
      kg: '1,75',
      reason: 'Busuk di peti bawah',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.value).toBe('10500'); // 1,75 kg of 17,5 kg worth Rp 105.000
    const entry = await getEntry(t.db, coopId, res.body.journal.id);
    expect(entry.lines.map((l) => [l.account, l.debit, l.credit])).toEqual([
      [ACCOUNTS.SUSUT_DAN_BUSUK, '10500', '0'],
      [ACCOUNTS.PERSEDIAAN_HASIL_PANEN, '0', '10500'],
    ]);
    expect(res.body.movements[0].reason).toMatch(/Busuk/);
  });

  it('refuses a loss that would make stock negative', async () => {
    const intake = await makeIntake(t.db, coopId);
    const res = await clerk.post(`${base}/losses`, {
      lotId: intake.lots[2]!.lotId,
      locationId: s.packingHouseId,
      kind: 'shrinkage',
      kg: '2,501',
      reason: 'Susut',
    });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('insufficient_stock');
  });

  it('moves a lot into cold storage, where it keeps longer, and lists lots first-expired-first-out', async () => {
    const intake = await makeIntake(t.db, coopId, { commodityId: s.cabbageId, grades: [{ grade: 'A', kg: '50' }] });
    const res = await clerk.post(`${base}/transfers`, {
      date: DAY,
      lotId: intake.lots[0]!.lotId,
      fromLocationId: s.packingHouseId,
      toLocationId: s.coldStorageId,
      all: true,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const lot = (await clerk.get(`${base}/lots/${intake.lots[0]!.lotId}`)).body;
    expect(lot.places).toEqual([
      expect.objectContaining({ locationName: 'Gudang Dingin', expiresOn: '2025-09-11', quantity: { base: '50000', text: '50 kg' } }),
    ]);
    const list = (await clerk.get(`${base}/lots`)).body.items;
    const expiries = list.map((l: any) => l.places[0].expiresOn);
    expect(expiries).toEqual([...expiries].sort());
    expect(list[list.length - 1].id).toBe(intake.lots[0]!.lotId);
  });

  it('pages the lot list in first-expired-first-out order, searches code and commodity, and filters by expiry', async () => {
    const all = (await clerk.get(`${base}/lots?limit=500`)).body;
    expect(all.nextOffset).toBeNull();
    expect(all.items.length).toBeGreaterThan(2);
    const ids = all.items.map((l: { id: string }) => l.id);
    const first = (await clerk.get(`${base}/lots?limit=2`)).body;
    expect(first.nextOffset).toBe(2);
    const rest = (await clerk.get(`${base}/lots?limit=500&offset=2`)).body;
    expect([...first.items, ...rest.items].map((l: { id: string }) => l.id)).toEqual(ids);
    const one = all.items[1];
    const byCode = (await clerk.get(`${base}/lots?q=${encodeURIComponent(one.code.slice(-6).toLowerCase())}`)).body.items;
    expect(byCode.map((l: { id: string }) => l.id)).toContain(one.id);
    const byName = (await clerk.get(`${base}/lots?q=${encodeURIComponent(one.commodity.name)}`)).body.items;
    expect(byName.length).toBeGreaterThan(0);
    expect(byName.every((l: { commodity: { name: string } }) => l.commodity.name === one.commodity.name)).toBe(true);
    expect((await clerk.get(`${base}/lots?q=${encodeURIComponent('%')}`)).body.items).toEqual([]);
    const fresh = (await clerk.get(`${base}/lots?limit=500&expiry=fresh`)).body.items.map((l: { id: string }) => l.id);
    const expired = (await clerk.get(`${base}/lots?limit=500&expiry=expired`)).body.items.map((l: { id: string }) => l.id);
    expect([...fresh, ...expired].sort()).toEqual([...ids].sort());
    expect(fresh.filter((id: string) => expired.includes(id))).toEqual([]);
    const bad = await clerk.get(`${base}/lots?expiry=basi&offset=-1`);
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['query.expiry', 'query.offset']);
  });

  it('adjusts to what was counted: a shortfall leaves at cost, a surplus comes in at the unit cost', async () => {
    const intake = await makeIntake(t.db, coopId);
    const [a, b] = intake.lots;
    const res = await clerk.post(`${base}/stock-counts`, {
      date: DAY,
      locationId: s.packingHouseId,
      reason: 'Opname sore',
      lines: [
        { lotId: a!.lotId, countedKg: '29' },
        { lotId: b!.lotId, countedKg: '18' },
      ],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.movements.map((m: any) => [m.quantity.base, m.value])).toEqual([
      ['-1000', '-8000'],
      ['500', '3000'],
    ]);
    expect(res.body.value).toBe('-5000');
    const entry = await getEntry(t.db, coopId, res.body.journal.id);
    expect(entry.lines.map((l) => [l.account, l.debit, l.credit])).toEqual([
      [ACCOUNTS.SUSUT_DAN_BUSUK, '5000', '0'],
      [ACCOUNTS.PERSEDIAAN_HASIL_PANEN, '0', '5000'],
    ]);
  });
});

describe('selling (the hook for sales) and tracing forward', () => {
  it('takes the lot out with the buyer on the movement, so a trace reaches the buyer', async () => {
    const intake = await makeIntake(t.db, coopId);
    const lotId = intake.lots[0]!.lotId;
    await t.db.transaction(async (tx) => {
      const { value } = await issueLotForSale(tx, coopId, SYSTEM_ACTOR, {
        date: DAY,
        lotId,
        locationId: s.packingHouseId,
        quantity: 12_000n,
        documentId: 'inv_01JSUPERINDO0001',
        partnerId: 'mtr_superindo',
      });
      expect(value).toBe(96_000n);
      await postEntry(tx, coopId, SYSTEM_ACTOR, {
        date: DAY,
        memo: 'HPP faktur uji',
        source: { module: 'sales.test', documentId: 'inv_01JSUPERINDO0001' },
        lines: [
          { account: ACCOUNTS.HPP, unit: 'agribisnis', debit: value },
          { account: ACCOUNTS.PERSEDIAAN_HASIL_PANEN, unit: 'agribisnis', credit: value },
        ],
      });
    });
    const trace = (await clerk.get(`${base}/lots/${lotId}/trace`)).body;
    expect(trace.buyers).toEqual([
      { partnerId: 'mtr_superindo', documentId: 'inv_01JSUPERINDO0001', date: DAY, quantity: { base: '12000', text: '12 kg' } },
    ]);
  });
});

describe('reports', () => {
  it('values stock at cost by commodity, grade and location, equal to the ledger', async () => {
    const v = (await clerk.get(`${base}/stock/valuation`)).body;
    expect(v.agrees).toBe(true);
    expect(v.total).toBe((await accountBalance(t.db, coopId, { account: ACCOUNTS.PERSEDIAAN_HASIL_PANEN, unit: 'agribisnis' })).toString());
    expect(v.rows.length).toBeGreaterThan(2);
    expect(v.rows[0]).toHaveProperty('oldestAgeDays');
  });

  it('alerts on lots close to expiry', async () => {
    const res = (await clerk.get(`${base}/stock/alerts?date=2025-08-16`)).body;
    expect(res.items.length).toBeGreaterThan(0);
    expect(res.items.every((i: any) => i.daysLeft <= 2)).toBe(true);
    expect((await clerk.get(`${base}/stock/alerts?date=2025-08-12`)).body.items).toEqual([]);
  });

  it('summarises intake by commodity with the grade mix, and grade mix per farmer and group', async () => {
    const sum = (await clerk.get(`${base}/views/intake-summary?date=${DAY}`)).body;
    expect(sum.today.intakes).toBeGreaterThan(3);
    const tomato = sum.byCommodity.find((c: any) => c.commodityName === 'Tomat');
    expect(tomato.weekGrades.map((g: any) => g.grade)).toEqual(['A', 'B', 'reject']);
    expect(tomato.weekGrades.reduce((s: number, g: any) => s + g.permille, 0)).toBeGreaterThan(990);
    const mix = (await clerk.get(`${base}/views/grade-mix?by=group&from=2025-08-01&to=2025-08-31`)).body;
    expect(mix.rows[0].weeks[0].week).toBe('2025-08-11');
    expect(mix.rows[0].weeks[0].gradeAPermille).toBeGreaterThan(500);
  });
});
