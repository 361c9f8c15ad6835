/**
 * Tenancy and roles for every route of the OpenAPI document (decision 0005): a user of cooperative
 * A never reaches cooperative B (404, no data, nothing written), each role gets 403 exactly where
 * PERMISSION_ROLES withholds the route's permission, anonymous callers get 401, and the network
 * layer is for platform admins only. Routes are read from /api/openapi.json, so new ones are
 * covered as soon as they are registered (their path parameters need a fixture in
 * support/route-fixtures.ts).
 */
import { COOP_ROLES, PERMISSION_ROLES, PERMISSIONS, type CoopRole, type Permission } from '@kopdes/shared/auth';
import { beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../src/lib/clock.js';
import { notFound } from '../src/lib/errors.js';
import { Client, sessionFor, signIn, testApp, type Reply } from './support/app.js';
import { makeApiToken, makeCoop, makeUser } from './support/factories.js';
import { fixtureFor, pathValues, ROUTE_FIXTURES, tenantParams, type FixtureContext } from './support/route-fixtures.js';
import {
  ACCESS_LEVELS,
  apiDocument,
  fillPath,
  isCoopRoute,
  isPermission,
  isWrite,
  operationsOf,
  queryString,
  sampleValid,
  tenantDigest,
  withQuery,
  type Operation,
} from './support/routes.js';

const t = await testApp();
const ops = operationsOf(await apiDocument(t.app));

interface Principal {
  label: string;
  client: Client;
  userId?: string;
}

let coopA: string;
let coopB: string;
const roles = new Map<CoopRole, Principal>();
let admin: Principal;
let anonymous: Principal;
let tokenAll: Principal;
let tokenRead: Principal;
/** Strings only cooperative B's data contains: none may appear in an answer to A's callers. */
const bMarkers = new Set<string>();

async function userPrincipal(label: string, user: { id: string; email: string; password: string }): Promise<Principal> {
  return { label, client: await signIn(t.app, user.email, user.password), userId: user.id };
}

beforeAll(async () => {
  const a = await makeCoop(t.db);
  const b = await makeCoop(t.db);
  coopA = a.id;
  coopB = b.id;
  bMarkers.add(b.id).add(b.name);
  const users = await Promise.all(COOP_ROLES.map((r) => makeUser(t.db, coopA, [r])));
  const adminUser = await makeUser(t.db, null, [], { platformRole: 'admin' });
  // scrypt costs about a second per sign-in here: sign everyone in once, side by side.
  const signedIn = await Promise.all([
    ...COOP_ROLES.map((r, i) => userPrincipal(r, users[i]!)),
    userPrincipal('platform admin', adminUser),
  ]);
  COOP_ROLES.forEach((r, i) => roles.set(r, signedIn[i]!));
  admin = signedIn[COOP_ROLES.length]!;
  anonymous = { label: 'anonymous', client: new Client(t.app) };
  const all = await makeApiToken(t.db, systemClock, coopA, [...PERMISSIONS]);
  tokenAll = { label: 'API token with every scope', client: Client.token(t.app, all.secret) };
  const read = await makeApiToken(t.db, systemClock, coopA, ['coop.read']);
  tokenRead = { label: 'API token with coop.read', client: Client.token(t.app, read.secret) };
}, 120_000);

const ctxOf = (coopId: string, p?: Principal): FixtureContext => ({ db: t.db, clock: systemClock, coopId, callerId: p?.userId });
const shared = new Map<string, Promise<Record<string, string>>>();

/**
 * Path values for the call. A call that may write gets fresh entities; one that must change
 * nothing (a read, or a call to be refused) shares one set per route and cooperative (and caller,
 * for the caller's own entities) — if it did change something, the next user of the set shows it.
 */
function valuesFor(op: Operation, coopId: string, p: Principal | undefined, mayWrite: boolean) {
  if (mayWrite && isWrite(op)) return pathValues(op, ctxOf(coopId, p));
  const perCaller = op.pathParams.some((param) => ROUTE_FIXTURES[param.name]?.perCaller);
  const key = `${op.id} ${coopId} ${perCaller ? (p?.userId ?? '') : ''}`;
  if (!shared.has(key)) shared.set(key, pathValues(op, ctxOf(coopId, p)));
  return shared.get(key)!;
}
let seed = 1;

/** Calls the route with a valid request (body and query from the document's schemas). */
async function call(p: Principal, op: Operation, values: Record<string, string>): Promise<Reply> {
  const query = Object.fromEntries(
    op.queryParams.filter((q) => q.required).map((q) => [q.name, queryString(sampleValid(q.schema, seed++))]),
  );
  const body = op.body ? sampleValid(op.body, seed++) : undefined;
  const res = await p.client.request(op.method, withQuery(fillPath(op.path, values), query), body);
  if (p.userId && isWrite(op) && res.status < 300 && (await p.client.get('/api/auth/me')).status === 401) {
    p.client = await sessionFor(t.app, t.db, p.userId); // the route ended the session (sign-out)
  }
  return res;
}

const describeReply = (op: Operation, p: Principal, res: Reply) => `${op.id} as ${p.label} → ${res.status} ${JSON.stringify(res.body)}`;

function expectProblem(op: Operation, p: Principal, res: Reply, status: number, code?: string) {
  expect(res.status, describeReply(op, p, res)).toBe(status);
  expect(res.headers.get('content-type'), describeReply(op, p, res)).toMatch(/^application\/problem\+json/);
  if (code) expect(res.body.code, describeReply(op, p, res)).toBe(code);
}

const TENANCY_REFUSAL = notFound().msg.id;

/**
 * The access decision let the call through: whatever the outcome, it is not an auth refusal.
 * A body generated from the schema may name things that do not exist (a 404 saying which), but
 * never the bare "not found" that tenancy answers.
 */
function expectAllowed(op: Operation, p: Principal, res: Reply) {
  expect([401, 403], describeReply(op, p, res)).not.toContain(res.status);
  expect(res.status, describeReply(op, p, res)).toBeLessThan(500);
  if (res.status === 404) {
    expect(op.body, `${describeReply(op, p, res)}: the route's own entities are real fixtures`).toBeDefined();
    expect(res.body.title, describeReply(op, p, res)).not.toBe(TENANCY_REFUSAL);
  }
}

/** A public route answers everyone; 401 only as a result (wrong password), never "sign in first". */
function expectPublic(op: Operation, p: Principal, res: Reply) {
  expect(res.status, describeReply(op, p, res)).toBeLessThan(500);
  expect(res.status, describeReply(op, p, res)).not.toBe(403);
  if (res.status === 401) expect(res.body.code, describeReply(op, p, res)).not.toBe('unauthorized');
}

/**
 * Answers that list other cooperatives' public registry entries by design (decision 0093): each
 * entry's own id and name are allowed; everything else in them is still checked for B's data.
 */
const REGISTRY_LISTS = new Set(['GET /api/coops/{coopId}/produce/nearby-cooperatives']);

function expectNoLeak(op: Operation, p: Principal, res: Reply) {
  const body =
    REGISTRY_LISTS.has(op.id) && Array.isArray(res.body?.items)
      ? {
          ...res.body,
          items: res.body.items.map(({ registryCooperativeId: _id, name: _name, ...rest }: Record<string, unknown>) => rest),
        }
      : res.body;
  const text = JSON.stringify(body ?? '');
  for (const marker of bMarkers) expect(text.includes(marker), `${describeReply(op, p, res)} contains B's ${marker}`).toBe(false);
}

const holders = (permission: Permission) => COOP_ROLES.filter((r) => PERMISSION_ROLES[permission].includes(r));

it('every operation declares who may call it, and every path parameter has a fixture', () => {
  expect(ops.length).toBeGreaterThan(10);
  for (const op of ops) {
    expect([...ACCESS_LEVELS, ...PERMISSIONS], `${op.id} x-permission`).toContain(op.permission);
    expect(isCoopRoute(op), `${op.id}: a permission route lives under /api/coops/{coopId} and vice versa`).toBe(
      isPermission(op.permission),
    );
    for (const p of op.pathParams) if (p.name !== 'coopId') expect(() => fixtureFor(p.name, op)).not.toThrow();
  }
});

describe.each(ops.map((op) => [op.id, op] as const))('%s', (_id, op) => {
  const coop = isPermission(op.permission) ? op.permission : undefined;

  it('anonymous: 401 unless public', async () => {
    const res = await call(anonymous, op, await valuesFor(op, coopA, undefined, op.permission === 'public'));
    if (op.permission === 'public') expectPublic(op, anonymous, res);
    else expectProblem(op, anonymous, res, 401, 'unauthorized');
  });

  it.each(COOP_ROLES)("role %s of the route's cooperative: 403 exactly when the role lacks the permission", async (role) => {
    const p = roles.get(role)!;
    const allowed = op.permission === 'signed-in' || op.permission === 'public' || (!!coop && PERMISSION_ROLES[coop].includes(role));
    const res = await call(p, op, await valuesFor(op, coopA, p, allowed));
    expectNoLeak(op, p, res);
    if (op.permission === 'public') expectPublic(op, p, res);
    else if (op.permission === 'signed-in') expectAllowed(op, p, res);
    else if (op.permission === 'platform.admin') expectProblem(op, p, res, 403, 'forbidden');
    else if (PERMISSION_ROLES[coop!].includes(role)) expectAllowed(op, p, res);
    else expectProblem(op, p, res, 403, 'forbidden');
  });

  it('platform admin: the network layer, but no cooperative it holds no role in', async () => {
    const res = await call(admin, op, await valuesFor(op, coopA, admin, !coop));
    if (op.permission === 'public') expectPublic(op, admin, res);
    else if (coop) expectProblem(op, admin, res, 404, 'not_found');
    else expectAllowed(op, admin, res);
  });

  it.runIf(coop)("callers of cooperative A with cooperative B's ids: 404, no data, nothing written", async () => {
    const callers = [...roles.values(), tokenAll];
    const values = await valuesFor(op, coopB, undefined, false);
    for (const param of tenantParams(op)) bMarkers.add(values[param.name]!);
    const before = await tenantDigest(t.db, coopB);
    for (const p of callers) {
      const res = await call(p, op, values);
      expectProblem(op, p, res, 404, 'not_found');
      expectNoLeak(op, p, res);
    }
    expect(await tenantDigest(t.db, coopB), `${op.id} changed cooperative B`).toEqual(before);
  });

  // A parameter without a fixture counts as a tenant one here, so its test runs and names what is missing.
  const entityParams = op.pathParams.some((p) => p.name !== 'coopId' && ROUTE_FIXTURES[p.name]?.tenant !== false);
  // Platform admins work across cooperatives by design; this is about users inside one.
  it.runIf((coop || op.permission === 'signed-in') && entityParams)(
    "cooperative A's route with cooperative B's entity ids: 404, no data, nothing written",
    async () => {
      const callers = (coop ? holders(coop) : [...COOP_ROLES]).map((r) => roles.get(r)!);
      expect(callers.length, `${op.id}: no role may call it, so nothing can be checked`).toBeGreaterThan(0);
      const values = [];
      const theirs = await valuesFor(op, coopB, undefined, false);
      for (const p of callers) {
        const v = { ...(await valuesFor(op, coopA, p, false)) };
        for (const param of tenantParams(op)) {
          v[param.name] = theirs[param.name]!;
          bMarkers.add(theirs[param.name]!);
        }
        values.push(v);
      }
      const before = await tenantDigest(t.db, coopB);
      for (const [i, p] of callers.entries()) {
        const res = await call(p, op, values[i]!);
        expect([400, 404], describeReply(op, p, res)).toContain(res.status);
        expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        expectNoLeak(op, p, res);
      }
      expect(await tenantDigest(t.db, coopB), `${op.id} changed cooperative B`).toEqual(before);
    },
  );

  it.runIf(coop)('an API token acts only within its scopes and its own cooperative', async () => {
    const res = await call(tokenRead, op, await valuesFor(op, coopA, undefined, coop === 'coop.read'));
    expectNoLeak(op, tokenRead, res);
    if (coop === 'coop.read') expectAllowed(op, tokenRead, res);
    else expectProblem(op, tokenRead, res, 403, 'forbidden');
  });
});
