import { ACCOUNTS } from '@kopdes/shared/ledger';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedLedgerDemo } from '../../workflows/demo/ledger-demo.js';
import { signIn, testApp, type Client, type TestApp } from '../../../test/support/app.js';
import { makeCoop, makeUser } from '../../../test/support/factories.js';
import { accountBalance } from './ledger.service.js';

let t: TestApp;
let coopId: string;
let reader: Client;
let seeded: Awaited<ReturnType<typeof seedLedgerDemo>>;
const TODAY = '2025-11-20';

beforeAll(async () => {
  t = await testApp();
  coopId = (
    await makeCoop(t.db, { address: 'Jl. Raya Ciwidey–Rancabali, Desa Alamendah', legalEntityNumber: 'AHU-0012345.AH.01.29.TAHUN 2025' })
  ).id;
  const u = await makeUser(t.db, coopId, ['bendahara']);
  reader = await signIn(t.app, u.email, u.password);
  seeded = await t.db.transaction((tx) => seedLedgerDemo(tx, coopId, { today: TODAY }));
});

describe('ledger demo', () => {
  it('seeds an opening balance and four months of business, nothing after today', async () => {
    expect(seeded.from).toBe('2025-08-01');
    expect(seeded.entries).toBeGreaterThan(60);

    const last = await reader.get(`/api/coops/${coopId}/ledger/entries?limit=1`);
    expect(last.body.items[0].date <= TODAY).toBe(true);
  });

  it('keeps every cash and bank balance positive and the bank loan at Rp 500 juta', async () => {
    for (const unit of ['kantor', 'gerai_sembako', 'gudang', 'logistik']) {
      expect(await accountBalance(t.db, coopId, { account: ACCOUNTS.KAS, unit })).toBeGreaterThanOrEqual(0n);
    }
    expect(await accountBalance(t.db, coopId, { account: ACCOUNTS.BANK })).toBeGreaterThan(0n);
    expect(await accountBalance(t.db, coopId, { account: ACCOUNTS.UTANG_BANK })).toBe(500_000_000n);
  });

  it('gives every statement real numbers that agree with each other', async () => {
    const base = `/api/coops/${coopId}/ledger/reports`;
    const q = `from=2025-08-01&to=${TODAY}`;
    const tb = (await reader.get(`${base}/trial-balance?${q}`)).body;
    expect(tb.totals.closingDebit).toBe(tb.totals.closingCredit);
    const fp = (await reader.get(`${base}/financial-position?asOf=${TODAY}`)).body;
    expect(fp.totalAssets).toBe(fp.totalLiabilitiesAndEquity);
    const is = (await reader.get(`${base}/income-statement?${q}`)).body;
    expect(BigInt(is.memberRevenue.total)).toBeGreaterThan(0n);
    expect(BigInt(is.nonMemberRevenue.total)).toBeGreaterThan(0n);
    expect(is.surplus).toBe(fp.currentSurplus);
    const cf = (await reader.get(`${base}/cash-flow?${q}`)).body;
    expect(BigInt(cf.operating.net)).not.toBe(0n);
    const eq = (await reader.get(`${base}/equity-changes?${q}`)).body;
    expect(eq.totals.closing).toBe(fp.totalEquity);
    const gerai = (await reader.get(`${base}/income-statement?${q}&unit=gerai_sembako`)).body;
    expect(BigInt(gerai.grossSurplus)).toBeGreaterThan(0n);

    // Set LEDGER_REPORTS_DIR to keep the demo's files for a human to look at.
    const dir = process.env.LEDGER_REPORTS_DIR;
    if (dir) {
      fs.mkdirSync(dir, { recursive: true });
      const files: [string, string][] = [
        ['trial-balance', q],
        ['financial-position', `asOf=${TODAY}`],
        ['income-statement', q],
        ['cash-flow', q],
        ['equity-changes', q],
        ['general-ledger', `account=${ACCOUNTS.BANK}&${q}`],
        ['cash-book', `date=2025-11-02`],
        ['financial-position', `asOf=${TODAY}&unit=gerai_sembako`],
      ];
      for (const [name, query] of files) {
        for (const format of ['pdf', 'xlsx']) {
          const res = await t.app.request(`${base}/${name}?${query}&format=${format}`, { headers: { cookie: (reader as any).cookie } });
          expect(res.status).toBe(200);
          const suffix = query.includes('unit=') ? '-unit' : '';
          fs.writeFileSync(path.join(dir, `${name}${suffix}.${format}`), Buffer.from(await res.arrayBuffer()));
        }
      }
    }
  });
});
