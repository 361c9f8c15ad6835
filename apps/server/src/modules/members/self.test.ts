import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { signIn, testApp, type Client, type TestApp } from '../../../test/support/app.js';
import { makeCoop, makeUser } from '../../../test/support/factories.js';
import { makeMember, makeSavingsSettings } from '../../../test/support/members-factories.js';
import { SYSTEM_ACTOR } from '../../lib/actor.js';
import { deposit, withdraw } from '../savings/savings.service.js';
import { linkUser } from './members.service.js';

let t: TestApp;
let coopId: string;
let alice: Client;
let unlinked: Client;
const own: string[] = [];
const theirs: string[] = [];
let aliceId: string;
let bobId: string;

beforeAll(async () => {
  t = await testApp();
  coopId = (await makeCoop(t.db)).id;
  await makeSavingsSettings(t.db, coopId);
  const [ua, ub, uc] = await Promise.all([
    makeUser(t.db, coopId, ['anggota']),
    makeUser(t.db, coopId, ['anggota']),
    makeUser(t.db, coopId, ['anggota']),
  ]);
  const a = await makeMember(t.db, coopId, { fullName: 'Imas Rohayati' });
  const b = await makeMember(t.db, coopId, { fullName: 'Bobi Sutisna' });
  aliceId = a.id;
  bobId = b.id;
  await linkUser(t.db, SYSTEM_ACTOR, coopId, a.id, ua.id);
  await linkUser(t.db, SYSTEM_ACTOR, coopId, b.id, ub.id);
  const post = (memberId: string, amount: string) =>
    deposit(t.db, SYSTEM_ACTOR, coopId, { memberId, kind: 'sukarela', amount, method: 'cash' });
  own.push(
    (await post(a.id, '75000')).id,
    (await deposit(t.db, SYSTEM_ACTOR, coopId, { memberId: a.id, kind: 'pokok', amount: '100000', method: 'cash' })).id,
  );
  own.push((await withdraw(t.db, SYSTEM_ACTOR, coopId, { memberId: a.id, kind: 'sukarela', amount: '25000', method: 'cash' })).id);
  theirs.push((await post(b.id, '990000')).id);
  [alice, unlinked] = await Promise.all([signIn(t.app, ua.email, ua.password), signIn(t.app, uc.email, uc.password)]);
});

const me = (p: string) => `/api/coops/${coopId}/me${p}`;

describe('a signed-in member sees only their own savings', () => {
  it('their record, balances and transactions', async () => {
    expect((await alice.get(me('/member'))).body).toMatchObject({ id: aliceId, fullName: 'Imas Rohayati' });
    expect((await alice.get(me('/savings'))).body).toMatchObject({
      member: { id: aliceId },
      balances: { pokok: '100000', wajib: '0', sukarela: '50000', total: '150000' },
      pokokPaid: true,
    });
    const tx = await alice.get(me('/savings/transactions'));
    expect(tx.body.items.map((x: any) => x.id).sort()).toEqual([...own].sort());
    expect(JSON.stringify(tx.body)).not.toContain('Bobi');
    expect((await alice.get(me('/savings/dues'))).status).toBe(200);
  });

  it('their receipts and passbook, never anyone else’s', async () => {
    const mine = await t.app.request(me(`/savings/transactions/${own[0]}/receipt.pdf`), { headers: { cookie: (alice as any).cookie } });
    expect(mine.status).toBe(200);
    const other = await alice.get(me(`/savings/transactions/${theirs[0]}/receipt.pdf`));
    expect(other.status).toBe(404);
    expect(JSON.stringify(other.body)).not.toContain('990000');
    const book = await t.app.request(me('/savings/passbook.pdf'), { headers: { cookie: (alice as any).cookie } });
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kopdes-self-')), 'b.pdf');
    fs.writeFileSync(file, Buffer.from(await book.arrayBuffer()));
    const text = (await promisify(execFile)('pdftotext', ['-layout', file, '-'])).stdout;
    expect(text).toContain('Imas Rohayati');
    expect(text).not.toContain('Bobi');
    expect(text).toMatch(/Rp 150\.000/);
  });

  it('cannot ask for another member: no member id is taken, and the staff routes are closed (403)', async () => {
    expect((await alice.get(me(`/savings/transactions?memberId=${bobId}`))).status).toBe(400);
    for (const p of [
      `/members/${bobId}`,
      `/members/${bobId}/savings`,
      `/members/${bobId}/passbook.pdf`,
      `/savings/transactions`,
      `/savings/transactions/${theirs[0]}`,
      `/savings/transactions/${theirs[0]}/receipt.pdf`,
      `/savings/balances`,
      `/members`,
    ]) {
      const res = await alice.get(`/api/coops/${coopId}${p}`);
      expect(res.status, p).toBe(403);
      expect(JSON.stringify(res.body)).not.toContain('Bobi');
    }
    const post = await alice.post(`/api/coops/${coopId}/savings/withdrawals`, { memberId: aliceId, amount: '1000' });
    expect(post.status).toBe(403);
  });

  it('an account without a member record is told so (409), not shown anything', async () => {
    const res = await unlinked.get(me('/savings'));
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'member_not_linked', detail: expect.stringMatching(/belum terhubung/) });
  });

  it("another cooperative's member cannot use these routes here (404)", async () => {
    const other = (await makeCoop(t.db)).id;
    expect((await alice.get(`/api/coops/${other}/me/savings`)).status).toBe(404);
  });
});
