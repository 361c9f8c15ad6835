import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { SCRYPT, verifyPassword } from '../../lib/password.js';
import { Client, signIn, testApp, type TestApp } from '../../../test/support/app.js';
import { makeCoop, makeUser, TEST_PASSWORD } from '../../../test/support/factories.js';

let t: TestApp;
let coopId: string;
beforeAll(async () => {
  t = await testApp();
  coopId = (await makeCoop(t.db)).id;
});

describe('sign-in', () => {
  it('signs in by email and by phone, sets an HttpOnly SameSite cookie, and returns the roles', async () => {
    const u = await makeUser(t.db, coopId, ['bendahara'], { phone: '0812-3456-7001' });
    const res = await t.app.request('/api/auth/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ identifier: u.email.toUpperCase(), password: TEST_PASSWORD }),
    });
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/kopdes_session=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    const me = await res.json();
    expect(me.cooperatives[0]).toMatchObject({ id: coopId, roles: ['bendahara'] });
    const byPhone = await signIn(t.app, '+62 812 3456 7001', TEST_PASSWORD);
    expect((await byPhone.get('/api/auth/me')).status).toBe(200);
  });

  it('stores passwords as scrypt with N=2^17, r=8, p=1', async () => {
    const u = await makeUser(t.db, coopId, ['petugas']);
    const { rows } = await t.db.execute<{ password_hash: string }>(sql`SELECT password_hash FROM users WHERE id = ${u.id}`);
    const [alg, logN, r, p] = rows[0]!.password_hash.split('$');
    expect([alg, Number(logN), Number(r), Number(p)]).toEqual(['scrypt', 17, 8, 1]);
    expect(2 ** Number(logN)).toBe(SCRYPT.N);
    expect(await verifyPassword(TEST_PASSWORD, rows[0]!.password_hash)).toBe(true);
    expect(await verifyPassword('salah', rows[0]!.password_hash)).toBe(false);
  });

  it("refuses a wrong password with 401 in the caller's language", async () => {
    const u = await makeUser(t.db, coopId, ['petugas']);
    const anon = new Client(t.app);
    const id = await anon.post('/api/auth/sign-in', { identifier: u.email, password: 'salah-sekali' });
    expect(id.status).toBe(401);
    expect(id.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(id.body.title).toMatch(/salah/);
    const en = await anon.post('/api/auth/sign-in', { identifier: u.email, password: 'wrong' }, { 'accept-language': 'en-US' });
    expect(en.body.title).toMatch(/Wrong/);
  });

  it('answers 429 with Retry-After once 10 wrong passwords in a row have been tried, even with the right one', async () => {
    const u = await makeUser(t.db, coopId, ['petugas']);
    const anon = new Client(t.app);
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++)
      statuses.push((await anon.post('/api/auth/sign-in', { identifier: u.email, password: `salah-${i}` })).status);
    expect(statuses.slice(0, 9).every((s) => s === 401)).toBe(true);
    expect(statuses[9]).toBe(429);
    const blocked = await anon.post('/api/auth/sign-in', { identifier: u.email, password: TEST_PASSWORD });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('names the field for a malformed identifier', async () => {
    const res = await new Client(t.app).post('/api/auth/sign-in', { identifier: 'bukan email', password: 'x' });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].field).toBe('identifier');
  });
});

describe('sessions and CSRF', () => {
  it('refuses writes without the CSRF token, and cross-site writes', async () => {
    const u = await makeUser(t.db, coopId, ['ketua']);
    const c = await signIn(t.app, u.email, TEST_PASSWORD);
    const cookie = (c as unknown as { cookie: string }).cookie;
    const noToken = await new Client(t.app, cookie).patch(`/api/coops/${coopId}`, { address: 'Jl. Uji' });
    expect(noToken.status).toBe(403);
    expect(noToken.body.code).toBe('csrf');
    const cross = await c.patch(`/api/coops/${coopId}`, { address: 'Jl. Uji' }, { origin: 'https://evil.example', host: 'localhost' });
    expect(cross.status).toBe(403);
    const ok = await c.patch(`/api/coops/${coopId}`, { address: 'Jl. Uji' });
    expect(ok.status).toBe(200);
  });

  it('sign-out revokes the session server-side', async () => {
    const u = await makeUser(t.db, coopId, ['petugas']);
    const c = await signIn(t.app, u.email, TEST_PASSWORD);
    expect((await c.post('/api/auth/sign-out')).status).toBe(200);
    expect((await c.get('/api/auth/me')).status).toBe(401);
  });

  it('an expired session is refused with 401', async () => {
    const u = await makeUser(t.db, coopId, ['petugas']);
    const c = await signIn(t.app, u.email, TEST_PASSWORD);
    await t.db.execute(sql`UPDATE sessions SET expires_at = now() - interval '1 minute' WHERE user_id = ${u.id}`);
    const res = await c.get('/api/auth/me');
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('unauthorized');
  });
});
