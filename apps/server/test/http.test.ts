/**
 * What every HTTP answer carries and what every request must get past: security headers, problem
 * documents (language, request id, field names), the body limit and encoding, sessions that expire
 * and can be revoked, API tokens, and CSRF. Sign-in throttling and password storage are in
 * modules/auth/auth.test.ts.
 */
import { isoDate } from '@kopdes/shared/common';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixedClock, systemClock } from '../src/lib/clock.js';
import { Client, signIn, testApp, type TestApp } from './support/app.js';
import { httpSession, liveServer } from './reliability/live-server.js';
import { makeApiToken, makeCoop, makeUser } from './support/factories.js';

let t: TestApp;
let coopId: string;
let ketua: Client;
let ketuaLogin: { email: string; password: string };

beforeAll(async () => {
  t = await testApp();
  coopId = (await makeCoop(t.db)).id;
  ketuaLogin = await makeUser(t.db, coopId, ['ketua']);
  ketua = await signIn(t.app, ketuaLogin.email, ketuaLogin.password);
});

const auditRows = async () => Number((await t.db.execute<{ n: string }>(sql`SELECT count(*) AS n FROM audit_log`)).rows[0]!.n);

describe('security headers', () => {
  it('are on JSON answers, problem documents and the API reference page', async () => {
    const anon = new Client(t.app);
    for (const res of [await anon.get('/api/health'), await anon.get('/api/nothing'), await ketua.get(`/api/coops/${coopId}`)]) {
      expect(res.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
      expect(res.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
      expect(res.headers.get('content-security-policy')).not.toMatch(/unsafe-eval/);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('referrer-policy')).toBe('same-origin');
    }
    const docs = await t.app.request('/api/docs');
    expect(docs.status).toBe(200);
    expect(docs.headers.get('x-frame-options')).toBe('DENY');
    expect(docs.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
  });
});

describe('problem documents', () => {
  it('an unknown /api route is a 404 problem, whatever the method', async () => {
    const anon = new Client(t.app);
    for (const res of [await anon.get('/api/tidak-ada'), await anon.post('/api/tidak-ada/juga', {}), await anon.delete('/api/coops')]) {
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ status: 404, code: 'not_found', title: 'Alamat API tidak dikenal' });
    }
  });

  it('speak Bahasa Indonesia unless the caller prefers English', async () => {
    const anon = new Client(t.app);
    expect((await anon.get('/api/tidak-ada')).body.title).toBe('Alamat API tidak dikenal');
    expect((await anon.get('/api/tidak-ada', { 'accept-language': 'en-GB,en;q=0.9' })).body.title).toBe('Unknown API route');
    expect((await anon.get('/api/tidak-ada', { 'accept-language': 'fr, en' })).body.title).toBe('Alamat API tidak dikenal');
    const id = await anon.post('/api/auth/sign-in', { identifier: 5, password: 'x' });
    const en = await anon.post('/api/auth/sign-in', { identifier: 5, password: 'x' }, { 'accept-language': 'en' });
    expect(id.body.errors).toEqual([{ field: 'identifier', code: 'invalid_type', message: 'Harus berupa teks' }]);
    expect(en.body.errors).toEqual([{ field: 'identifier', code: 'invalid_type', message: 'Must be of type string' }]);
  });

  it('tell a missing field from one of the wrong type', async () => {
    const res = await new Client(t.app).post('/api/auth/sign-in', { identifier: ['a@b.cd'] });
    expect(res.body.errors).toEqual([
      { field: 'identifier', code: 'invalid_type', message: 'Harus berupa teks' },
      { field: 'password', code: 'invalid_type', message: 'Wajib diisi' },
    ]);
  });

  it('carry the request id, which is echoed when it is safe and replaced when it is not', async () => {
    const anon = new Client(t.app);
    const given = await anon.get('/api/tidak-ada', { 'x-request-id': 'kasir-2.req_7' });
    expect(given.headers.get('x-request-id')).toBe('kasir-2.req_7');
    expect(given.body.requestId).toBe('kasir-2.req_7');
    const hostile = await anon.get('/api/tidak-ada', { 'x-request-id': 'a b<script>' });
    expect(hostile.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(hostile.body.requestId).toBe(hostile.headers.get('x-request-id'));
    const none = await anon.get('/api/health');
    expect(none.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('request bodies', () => {
  it('over the limit: 413 problem, in either language, before anything runs', async () => {
    const before = await auditRows();
    const big = { address: 'x'.repeat(300 * 1024) };
    const res = await ketua.patch(`/api/coops/${coopId}`, big);
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ code: 'payload_too_large', title: 'Isi permintaan melebihi 256 KB' });
    expect((await ketua.patch(`/api/coops/${coopId}`, big, { 'accept-language': 'en' })).body.title).toBe('Request body exceeds 256 KB');
    expect(await auditRows()).toBe(before);
  });

  it('a body that is not JSON, or not sent as JSON, names the problem', async () => {
    const malformed = await ketua.patch(`/api/coops/${coopId}`, '{"address": "Jl. Uji",}');
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ code: 'malformed_json', errors: [{ field: '(body)' }] });
    const text = await ketua.patch(`/api/coops/${coopId}`, '{"address": "Jl. Uji"}', { 'content-type': 'text/plain' });
    expect(text.status).toBe(415);
    expect(text.body).toMatchObject({ code: 'unsupported_media_type', errors: [{ field: 'header.Content-Type' }] });
  });

  it('invalid UTF-8 is refused rather than stored as replacement characters', async () => {
    const before = await auditRows();
    const bytes = new Uint8Array([...new TextEncoder().encode('{"address":"Jl. '), 0xc3, 0x28, ...new TextEncoder().encode('"}')]);
    const res = await t.app.request(`/api/coops/${coopId}`, {
      method: 'PATCH',
      headers: { ...headersOf(ketua), 'content-type': 'application/json' },
      body: bytes,
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'invalid_encoding', errors: [{ field: '(body)' }] });
    expect(await auditRows()).toBe(before);
  });

  it('text PostgreSQL cannot store (NUL, lone surrogates) is a 400 naming the field, not a 500', async () => {
    const before = await auditRows();
    const nul = await ketua.patch(`/api/coops/${coopId}`, { address: 'Jl. Uji\u0000' });
    expect(nul.status).toBe(400);
    expect(nul.body).toMatchObject({ code: 'invalid_character', errors: [{ field: 'address' }] });
    const surrogate = await ketua.patch(`/api/coops/${coopId}`, '{"address":"Jl. \\ud800 Uji"}');
    expect(surrogate.status).toBe(400);
    expect(surrogate.body.errors[0].field).toBe('address');
    const query = await ketua.get(`/api/coops/${coopId}/audit?entityId=a%00b`);
    expect(query.status).toBe(400);
    expect(query.body.errors[0].field).toBe('query.entityId');
    expect(await auditRows()).toBe(before);
  });

  it('dates and instants PostgreSQL would reject are refused by the schema', async () => {
    expect(isoDate.safeParse('2024-02-29').success).toBe(true);
    for (const bad of ['2025-02-29', '2025-13-01', '2025-04-31', '0000-01-01', '2025-1-01'])
      expect(isoDate.safeParse(bad).success, bad).toBe(false);
    expect(isoDate.safeParse('2025-02-30').error!.issues).toHaveLength(1);
    const yearZero = await ketua.get(`/api/coops/${coopId}/audit?from=0000-06-01T00:00:00Z`);
    expect(yearZero.status).toBe(400);
    expect(yearZero.body.errors[0].field).toBe('query.from');
    expect((await ketua.get(`/api/coops/${coopId}/audit?from=2025-06-01T00:00:00%2B07:00`)).status).toBe(200);
  });
});

describe('request bodies over a real socket (read from Node, not through Request)', () => {
  const encode = (s: string) => new TextEncoder().encode(s);
  /** Sends `parts` as separate chunks with no Content-Length, as a slow client or a proxy may. */
  const chunked = (parts: Uint8Array[]) =>
    new ReadableStream<Uint8Array>({
      pull(controller) {
        const next = parts.shift();
        if (next) controller.enqueue(next);
        else controller.close();
      },
    });

  async function withServer(run: (patch: (body: BodyInit, extra?: Record<string, string>) => Promise<Response>) => Promise<void>) {
    const server = await liveServer(t.db);
    try {
      const s = await httpSession(server.url, ketuaLogin.email, ketuaLogin.password);
      await run((body, extra = {}) =>
        fetch(`${server.url}/api/coops/${coopId}`, {
          method: 'PATCH',
          headers: { cookie: s.cookie, 'x-csrf-token': s.csrfToken, 'content-type': 'application/json', ...extra },
          body,
          duplex: 'half',
        } as RequestInit),
      );
    } finally {
      await server.close();
    }
  }

  it('a body in chunks, a character split between two of them, arrives whole', async () => {
    await withServer(async (patch) => {
      const bytes = encode(JSON.stringify({ address: 'Jl. Ciwidey ꦱꦸꦤ꧀ꦢ No. 5' }));
      const cut = bytes.indexOf(0xea) + 1; // inside the first Javanese character's three bytes
      const res = await patch(chunked([bytes.slice(0, cut), bytes.slice(cut)]));
      expect(res.status).toBe(200);
      expect(((await res.json()) as { address: string }).address).toBe('Jl. Ciwidey ꦱꦸꦤ꧀ꦢ No. 5');
    });
  });

  it('over the limit: 413, whether the size is declared or only counted as it arrives; nothing written', async () => {
    const before = await auditRows();
    await withServer(async (patch) => {
      const big = JSON.stringify({ address: 'x'.repeat(1100 * 1024) });
      const declared = await patch(big);
      expect(declared.status).toBe(413);
      expect(await declared.json()).toMatchObject({ code: 'payload_too_large' });
      const counted = await patch(chunked(Array.from({ length: 11 }, () => encode('x'.repeat(100 * 1024)))));
      expect(counted.status).toBe(413);
      expect(await counted.json()).toMatchObject({ code: 'payload_too_large' });
      // The connection is still good for the next request.
      expect((await patch(JSON.stringify({ address: 'Jl. Uji' }))).status).toBe(200);
    });
    expect(await auditRows()).toBe(before + 1);
  });

  it('invalid UTF-8 is a 400 naming the body', async () => {
    const before = await auditRows();
    await withServer(async (patch) => {
      const res = await patch(chunked([encode('{"address":"Jl. '), new Uint8Array([0xc3, 0x28]), encode('"}')]));
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ code: 'invalid_encoding', errors: [{ field: '(body)' }] });
    });
    expect(await auditRows()).toBe(before);
  });
});

describe('sessions', () => {
  it('expire after 12 hours idle, are extended by use, and end 30 days after sign-in whatever the use', async () => {
    const clock = fixedClock('2025-11-17T01:00:00Z');
    const own = await testApp({ clock });
    const c = await makeCoop(own.db);
    const u = await makeUser(own.db, c.id, ['petugas']);
    const idle = await signIn(own.app, u.email, u.password);
    const busy = await signIn(own.app, u.email, u.password);
    const signedInAt = clock.now().getTime();
    const HOUR = 3600_000;
    clock.advance(11 * HOUR);
    expect((await busy.get('/api/auth/me')).status).toBe(200);
    clock.advance(1 * HOUR + 60_000);
    expect((await idle.get('/api/auth/me')).status).toBe(401);
    expect((await busy.get('/api/auth/me')).status).toBe(200);
    // Used every 11 hours, the session never goes idle…
    while (clock.now().getTime() + 11 * HOUR < signedInAt + 30 * 24 * HOUR) {
      clock.advance(11 * HOUR);
      expect((await busy.get('/api/auth/me')).status, clock.now().toISOString()).toBe(200);
    }
    // …yet one minute past 30 days it is over, less than 12 hours after its last use.
    clock.advance(signedInAt + 30 * 24 * HOUR + 60_000 - clock.now().getTime());
    expect((await busy.get('/api/auth/me')).status).toBe(401);
  });

  it('sign-out revokes only that session; a disabled user loses every session', async () => {
    const u = await makeUser(t.db, coopId, ['petugas']);
    const [a, b] = await Promise.all([signIn(t.app, u.email, u.password), signIn(t.app, u.email, u.password)]);
    expect((await a.post('/api/auth/sign-out')).status).toBe(200);
    expect((await a.get('/api/auth/me')).status).toBe(401);
    expect((await b.get('/api/auth/me')).status).toBe(200);
    await t.db.execute(sql`UPDATE users SET disabled_at = now() WHERE id = ${u.id}`);
    expect((await b.get('/api/auth/me')).status).toBe(401);
  });
});

describe('API tokens', () => {
  it('a revoked or expired token is refused with 401', async () => {
    const clock = fixedClock('2025-11-17T01:00:00Z');
    const own = await testApp({ clock });
    const c = await makeCoop(own.db);
    const revoked = await makeApiToken(own.db, clock, c.id, ['coop.read']);
    const expiring = await makeApiToken(own.db, clock, c.id, ['coop.read'], { expiresInDays: 1 });
    const tok = Client.token(own.app, revoked.secret);
    expect((await tok.get(`/api/coops/${c.id}`)).status).toBe(200);
    await own.db.execute(sql`UPDATE api_tokens SET revoked_at = now() WHERE id = ${revoked.id}`);
    expect((await tok.get(`/api/coops/${c.id}`)).status).toBe(401);
    const exp = Client.token(own.app, expiring.secret);
    expect((await exp.get(`/api/coops/${c.id}`)).status).toBe(200);
    clock.advance(86_400_000 + 1);
    const res = await exp.get(`/api/coops/${c.id}`);
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('unauthorized');
  });

  it('a token is not a session: no CSRF token needed, and a cookie-less cross-site request carries no credentials to abuse', async () => {
    const token = await makeApiToken(t.db, systemClock, coopId, ['coop.read', 'coop.manage']);
    const res = await Client.token(t.app, token.secret).patch(
      `/api/coops/${coopId}`,
      { address: 'Jl. Token' },
      { origin: 'https://integrasi.example' },
    );
    expect(res.status).toBe(200);
  });
});

describe('CSRF', () => {
  it('a signed-in write needs the session’s CSRF token and a same-site origin; reads need neither', async () => {
    const before = await auditRows();
    const cookieOnly = new Client(t.app, cookieOf(ketua));
    expect((await cookieOnly.get(`/api/coops/${coopId}`)).status).toBe(200);
    const refusals = [
      await cookieOnly.patch(`/api/coops/${coopId}`, { address: 'Jl. CSRF' }),
      await new Client(t.app, cookieOf(ketua), 'token-lain').patch(`/api/coops/${coopId}`, { address: 'Jl. CSRF' }),
      await ketua.patch(`/api/coops/${coopId}`, { address: 'Jl. CSRF' }, { 'sec-fetch-site': 'cross-site' }),
      await ketua.patch(`/api/coops/${coopId}`, { address: 'Jl. CSRF' }, { origin: 'https://evil.example', host: 'localhost' }),
      await ketua.patch(`/api/coops/${coopId}`, { address: 'Jl. CSRF' }, { origin: 'null', host: 'localhost' }),
    ];
    for (const res of refusals) expect(res.body).toMatchObject({ status: 403, code: 'csrf' });
    expect(await auditRows()).toBe(before);
    const sameOrigin = await ketua.patch(
      `/api/coops/${coopId}`,
      { address: 'Jl. CSRF' },
      { origin: 'http://localhost', host: 'localhost' },
    );
    expect(sameOrigin.status).toBe(200);
  });
});

function cookieOf(c: Client): string {
  return (c as unknown as { cookie: string }).cookie;
}

function headersOf(c: Client): Record<string, string> {
  const s = c as unknown as { cookie: string; csrf: string };
  return { cookie: s.cookie, 'x-csrf-token': s.csrf };
}
