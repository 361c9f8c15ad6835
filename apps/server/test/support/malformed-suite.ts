/**
 * Bad input on every route of the OpenAPI document: generated bodies, queries, path parameters and
 * headers that the route must refuse. Each answer is a 4xx RFC 9457 problem document with a stable
 * `code` and the request id, a 400 names the offending field, and nothing is written — never a
 * 500. Runs per route: KOPDES_MALFORMED_RUNS (default 200); KOPDES_MALFORMED_SEED replays a run.
 */
import { COOP_ROLES } from '@kopdes/shared/auth';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/lib/clock.js';
import { sha256 } from '../../src/lib/tokens.js';
import { sessionFor, signIn, testApp } from './app.js';
import { makeCoop, makeUser } from './factories.js';
import { casesFor, type Case } from './malformed-cases.js';
import { fixtureFor, pathValues } from './route-fixtures.js';
import { apiDocument, databaseDigest, isCoopRoute, operationsOf, type Operation } from './routes.js';

/** Defines the suite for one part of the routes (a test file per part). */
export async function malformedSuite(shard: number, shards: number) {
  const MALFORMED_RUNS = Number(process.env.KOPDES_MALFORMED_RUNS ?? 200);
  const SEED = process.env.KOPDES_MALFORMED_SEED ? Number(process.env.KOPDES_MALFORMED_SEED) : undefined;
  const BODY_LIMIT = 256 * 1024; // what testApp() configures

  const t = await testApp();
  // Every `shards`-th route from `shard`: the walk is split over files so the test workers share it.
  const ops = operationsOf(await apiDocument(t.app)).filter((_, i) => i % shards === shard);

  let coopId: string;
  let callerId: string;
  let session: { token: string; csrf: string };
  let expiredSessionToken: string;
  const families = new Map<string, number>();
  const timings: [string, number][] = [];

  const tokenOf = (cookie: string) => decodeURIComponent(cookie.split('=').slice(1).join('='));

  beforeAll(async () => {
    coopId = (await makeCoop(t.db)).id;
    // One caller who may do everything, so each request is refused for what it carries, not for who sent it.
    const user = await makeUser(t.db, coopId, [...COOP_ROLES], { platformRole: 'admin' });
    callerId = user.id;
    const [live, expired] = await Promise.all([signIn(t.app, user.email, user.password), sessionFor(t.app, t.db, user.id)]);
    const state = (c: typeof live) => c as unknown as { cookie: string; csrf: string };
    session = { token: tokenOf(state(live).cookie), csrf: state(live).csrf };
    expiredSessionToken = tokenOf(state(expired).cookie);
    await t.db.execute(sql`UPDATE sessions SET expires_at = now() - interval '1 minute' WHERE id = ${sha256(expiredSessionToken)}`);
  }, 120_000);

  afterAll(() => {
    const summary = [...families.entries()].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`);
    const total = timings.reduce((sum, [, ms]) => sum + ms, 0);
    const slowest = [...timings].sort((a, b) => b[1] - a[1]).slice(0, 5);
    console.log(
      `malformed (part ${shard + 1} of ${shards}): ${MALFORMED_RUNS} runs per route, ${timings.length} of ${ops.length} routes in ${total} ms` +
        `\n  slowest: ${slowest.map(([id, ms]) => `${id} ${ms} ms`).join(', ')}\n  cases: ${summary.join(', ')}`,
    );
  });

  async function send(c: Case) {
    const res = await t.app.request(c.url, { method: c.method, headers: c.headers, body: c.body as BodyInit | undefined });
    const text = await res.text();
    let body: any;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    return { res, text, body };
  }

  /** Whether the problem names `expected` or a field inside it (`lines` covers `lines.0.amount`). */
  const names = (field: string, expected: string) => field === expected || field.startsWith(`${expected}.`);

  async function check(op: Operation, c: Case) {
    const { res, text, body } = await send(c);
    const where = `${op.id} — ${c.label}\n  ${c.method} ${c.url.slice(0, 300)}\n  → ${res.status} ${text.slice(0, 600)}`;
    expect([c.expect.status].flat(), where).toContain(res.status);
    expect(res.headers.get('content-type'), where).toMatch(/^application\/problem\+json/);
    expect(body, where).toBeTypeOf('object');
    expect(body.status, where).toBe(res.status);
    expect(body.code, where).toMatch(/^[a-z0-9_]+$/);
    expect(body.title, where).toBeTypeOf('string');
    const requestId = res.headers.get('x-request-id');
    expect(requestId, where).toMatch(/^[\w.-]{1,64}$/);
    expect(body.requestId, where).toBe(requestId);
    if (c.expect.code) expect(body.code, where).toBe(c.expect.code);
    if (res.status === 400 || c.expect.fields) {
      expect(Array.isArray(body.errors) && body.errors.length > 0, `${where}\n  a 400 must name the field`).toBe(true);
      for (const e of body.errors) {
        expect(e.field, where).toBeTypeOf('string');
        expect(e.field.length, where).toBeGreaterThan(0);
        expect(e.message, where).toBeTypeOf('string');
        expect(e.message.length, where).toBeGreaterThan(0);
      }
      if (c.expect.fields) {
        const named = body.errors.some((e: { field: string }) => c.expect.fields!.some((f) => names(e.field, f)));
        expect(named, `${where}\n  expected the problem to name ${c.expect.fields.join(' or ')}`).toBe(true);
      }
    }
    const family = c.label.split(/ (?:at|=|of|\(|")/)[0]!;
    families.set(family, (families.get(family) ?? 0) + 1);
  }

  it('walks every route of the document', () => {
    expect(ops.length).toBeGreaterThan(10);
    expect(MALFORMED_RUNS).toBeGreaterThan(0);
  });

  describe.each(ops.map((op) => [op.id, op] as const))('%s', (_id, op) => {
    it(
      `refuses malformed requests with a 4xx problem naming the field, and writes nothing`,
      async () => {
        const values = await pathValues(op, { db: t.db, clock: systemClock, coopId, callerId });
        // Under /api/coops/{coopId} tenancy decides about the cooperative; elsewhere it is an ordinary id.
        const tenantParams = op.pathParams
          .filter((p) => (p.name === 'coopId' ? !isCoopRoute(op) : fixtureFor(p.name, op).tenant))
          .map((p) => p.name);
        // Any signed-in request may refresh its session's expiry; that is not a write by the route.
        const before = await databaseDigest(t.db, ['sessions']);
        const started = performance.now();
        await fc.assert(
          fc.asyncProperty(casesFor({ op, values, tenantParams, session, expiredSessionToken, bodyLimitBytes: BODY_LIMIT }), async (c) =>
            check(op, c),
          ),
          { numRuns: MALFORMED_RUNS, seed: SEED, endOnFailure: true },
        );
        timings.push([op.id, Math.round(performance.now() - started)]);
        expect(await databaseDigest(t.db, ['sessions']), `${op.id}: a refused request wrote something`).toEqual(before);
      },
      60_000 + MALFORMED_RUNS * 300,
    );
  });
}
