/**
 * The Idempotency-Key contract (decision 0004), through a real money route — posting a manual
 * journal entry: a retry replays the first answer, a reused key with another body is a 422, twins
 * sent at once take effect exactly once, a refusal is remembered and replayed (so a late copy of a
 * refused request cannot take effect unseen), and a refused key may carry a corrected request.
 */
import { ACCOUNTS } from '@kopdes/shared/ledger';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { signIn, type Client, testApp, type TestApp } from './support/app.js';
import { makeCoop, makeUser } from './support/factories.js';

let t: TestApp;
let coopId: string;
let url: string;
let bendahara: Client;
let ketua: Client;
let seq = 0;

beforeAll(async () => {
  t = await testApp();
  coopId = (await makeCoop(t.db)).id;
  url = `/api/coops/${coopId}/ledger/entries`;
  const [b, k] = await Promise.all([makeUser(t.db, coopId, ['bendahara']), makeUser(t.db, coopId, ['ketua'])]);
  [bendahara, ketua] = await Promise.all([signIn(t.app, b.email, b.password), signIn(t.app, k.email, k.password)]);
});

const entry = (amount: number, credit = amount) => ({
  date: '2025-03-07',
  memo: `Setor kas ke bank ${++seq}`,
  lines: [
    { account: ACCOUNTS.BANK, unit: 'kantor', debit: String(amount) },
    { account: ACCOUNTS.KAS, unit: 'kantor', credit: String(credit) },
  ],
});

const key = () => ({ 'idempotency-key': `uji-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}` });

async function counts() {
  const one = async (q: ReturnType<typeof sql>) => Number((await t.db.execute<{ n: string }>(q)).rows[0]!.n);
  return {
    entries: await one(sql`SELECT count(*) AS n FROM journal_entries WHERE cooperative_id = ${coopId}`),
    audit: await one(sql`SELECT count(*) AS n FROM audit_log WHERE cooperative_id = ${coopId}`),
    keys: await one(sql`SELECT count(*) AS n FROM idempotency_keys`),
  };
}

describe('Idempotency-Key on POST /ledger/entries', () => {
  it('the same key and body replays the first answer and posts once', async () => {
    const k = key();
    const body = entry(100_000);
    const before = await counts();
    const first = await bendahara.post(url, body, k);
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const again = await bendahara.post(url, body, k);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const after = await counts();
    expect(after.entries - before.entries).toBe(1);
    expect(after.keys - before.keys).toBe(1);
  });

  it('the same key with another body is refused with 422 and changes nothing', async () => {
    const k = key();
    expect((await bendahara.post(url, entry(50_000), k)).status).toBe(201);
    const before = await counts();
    const other = await bendahara.post(url, entry(75_000), k);
    expect(other.status).toBe(422);
    expect(other.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(other.body.code).toBe('idempotency_key_reused');
    expect(await counts()).toEqual(before);
  });

  it('twins sent at the same moment take effect exactly once, and all get the same answer', async () => {
    const k = key();
    const body = entry(25_000);
    const before = await counts();
    const replies = await Promise.all(Array.from({ length: 8 }, () => bendahara.post(url, body, k)));
    expect(replies.map((r) => r.status)).toEqual(Array(8).fill(201));
    expect(new Set(replies.map((r) => r.body.id)).size).toBe(1);
    expect(replies.filter((r) => r.headers.get('idempotent-replayed') === 'true')).toHaveLength(7);
    const after = await counts();
    expect(after.entries - before.entries).toBe(1);
    expect(after.keys - before.keys).toBe(1);
  });

  it('a refusal — by a rule or by its shape — writes nothing, is replayed for the same body, and frees the key for a corrected one', async () => {
    const k = key();
    const before = await counts();
    const body = entry(100_000, 90_000);
    const unbalanced = await bendahara.post(url, body, k);
    expect(unbalanced.status).toBe(400);
    expect(unbalanced.body.errors[0]).toMatchObject({ field: 'lines', code: 'unbalanced' });
    const late = await bendahara.post(url, body, k); // a copy of the refused request, arriving late
    expect(late.status).toBe(400);
    expect(late.headers.get('idempotent-replayed')).toBe('true');
    expect(late.body).toEqual(unbalanced.body);
    const malformed = await bendahara.post(url, { ...entry(100_000), memo: 'x' }, k);
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors[0].field).toBe('memo');
    expect(malformed.headers.get('idempotent-replayed')).toBeNull();
    expect(await counts()).toEqual({ ...before, keys: before.keys + 1 });
    const good = await bendahara.post(url, entry(100_000), k);
    expect(good.status, JSON.stringify(good.body)).toBe(201);
    expect(good.headers.get('idempotent-replayed')).toBeNull();
    expect((await counts()).entries - before.entries).toBe(1);
    // Once the key has done something, neither refused body may run under it.
    const ghost = await bendahara.post(url, body, k);
    expect(ghost.status).toBe(422);
    expect(ghost.body.code).toBe('idempotency_key_reused');
    expect((await counts()).entries - before.entries).toBe(1);
  });

  it('an answer of the moment (403) is not remembered: the key stays free', async () => {
    const k = key();
    const before = await counts();
    const pengawas = await makeUser(t.db, coopId, ['pengawas']);
    const viewer = await signIn(t.app, pengawas.email, pengawas.password);
    const denied = await viewer.post(url, entry(5_000), k);
    expect(denied.status).toBe(403);
    expect(await counts()).toEqual(before);
  });

  it('keys belong to the caller: another user with the same key and body makes their own entry', async () => {
    const k = key();
    const body = entry(10_000);
    const before = await counts();
    const a = await bendahara.post(url, body, k);
    const b = await ketua.post(url, body, k);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(b.body.id).not.toBe(a.body.id);
    expect((await counts()).entries - before.entries).toBe(2);
  });

  it('a malformed key is a 400 naming the header, before anything runs', async () => {
    const before = await counts();
    for (const bad of ['pendek', 'ada spasi di sini', 'x'.repeat(129), 'kunci/dengan/garis']) {
      const res = await bendahara.post(url, entry(1_000), { 'idempotency-key': bad });
      expect(res.status, bad).toBe(400);
      expect(res.body.errors[0].field).toBe('header.Idempotency-Key');
    }
    expect(await counts()).toEqual(before);
  });
});
