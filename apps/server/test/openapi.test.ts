/**
 * /api/openapi.json is the one contract: a valid OpenAPI 3.1 document that lists every route the
 * server answers, each with its responses, its parameters and who may call it.
 */
import { PERMISSIONS } from '@kopdes/shared/auth';
import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { testApp } from './support/app.js';
import { ACCESS_LEVELS, apiDocument, deref, HTTP_METHODS, operationsOf, type JsonSchema } from './support/routes.js';

const t = await testApp();
const doc = await apiDocument(t.app);
const ops = operationsOf(doc);
type Spec = Parameters<Validator['validate']>[0];

/** The routes Hono answers under /api, as `METHOD /path/{param}`; the document and its viewer are not API routes. */
function honoRoutes(): string[] {
  const out = new Set<string>();
  for (const r of t.app.routes) {
    const method = r.method.toLowerCase();
    if (!(HTTP_METHODS as readonly string[]).includes(method)) continue; // middleware and the catch-all
    if (!r.path.startsWith('/api/') || r.path === '/api/openapi.json' || r.path === '/api/docs' || r.path.startsWith('/api/docs/'))
      continue;
    out.add(`${method.toUpperCase()} ${r.path.replace(/:(\w+)/g, '{$1}')}`);
  }
  return [...out].sort();
}

/** Every object schema inside a request body, with where it is. */
function objectSchemas(s: JsonSchema, at: string): { at: string; schema: JsonSchema }[] {
  const out: { at: string; schema: JsonSchema }[] = [];
  if (s.properties) out.push({ at, schema: s });
  for (const [k, p] of Object.entries(s.properties ?? {})) out.push(...objectSchemas(p, `${at}.${k}`));
  if (s.items) out.push(...objectSchemas(s.items, `${at}[]`));
  for (const b of [...(s.anyOf ?? []), ...(s.oneOf ?? []), ...(s.allOf ?? [])]) out.push(...objectSchemas(b, at));
  return out;
}

describe('/api/openapi.json', () => {
  it('is an OpenAPI 3.1.0 document that validates against the OpenAPI 3.1 schema', async () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info.title).toBe('kopdes API');
    const validator = new Validator();
    const res = await validator.validate(structuredClone(doc) as unknown as Spec);
    expect(res.errors ?? [], JSON.stringify(res.errors ?? [], null, 1).slice(0, 3000)).toEqual([]);
    expect(res.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('the validator really refuses a broken document', async () => {
    const broken = structuredClone(doc) as unknown as { paths: Record<string, Record<string, { responses?: unknown }>> };
    const first = Object.values(broken.paths)[0]!;
    Object.values(first)[0]!.responses = 'none';
    expect((await new Validator().validate(broken as unknown as Spec)).valid).toBe(false);
  });

  it('covers every route the server answers under /api, and lists no route that does not exist', () => {
    const documented = ops.map((o) => o.id).sort();
    const served = honoRoutes();
    expect(served.length).toBeGreaterThan(10);
    expect(
      served.filter((r) => !documented.includes(r)),
      'routes missing from the document',
    ).toEqual([]);
    expect(
      documented.filter((r) => !served.includes(r)),
      'documented routes the server does not have',
    ).toEqual([]);
  });

  it('gives every operation a summary, a success response, problem responses and who may call it', () => {
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const method of HTTP_METHODS) {
        const raw = item[method];
        if (!raw) continue;
        const o = deref(raw, doc);
        const id = `${method.toUpperCase()} ${path}`;
        expect(o.summary, `${id} summary`).toBeTruthy();
        const codes = Object.keys(o.responses ?? {});
        expect(
          codes.some((c) => /^2\d\d$/.test(c)),
          `${id} has a 2xx response`,
        ).toBe(true);
        for (const c of ['400', '401', '403', '404']) {
          const r = (o.responses as Record<string, { content?: Record<string, unknown> }>)[c];
          expect(r?.content?.['application/problem+json'], `${id} documents ${c} as a problem document`).toBeDefined();
        }
        expect([...ACCESS_LEVELS, ...PERMISSIONS], `${id} x-permission`).toContain(o['x-permission']);
      }
    }
  });

  it('declares every path parameter, required, and no parameter the path does not have', () => {
    for (const op of ops) {
      const inPath = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();
      expect(op.pathParams.map((p) => p.name).sort(), op.id).toEqual(inPath);
      for (const p of op.pathParams) expect(p.required, `${op.id} {${p.name}}`).toBe(true);
    }
  });

  it('refuses unknown fields in every JSON request body (strict objects all the way down)', () => {
    const loose = ops
      .filter((op) => op.body)
      .flatMap((op) => objectSchemas(op.body!, '(body)').map((o) => ({ ...o, op: op.id })))
      .filter(({ schema }) => schema.additionalProperties !== false)
      .map(({ op, at }) => `${op} ${at}`);
    expect(loose, 'use z.strictObject for request bodies').toEqual([]);
  });

  it('marks money and stock writes idempotent with the Idempotency-Key header', () => {
    for (const op of ops.filter((o) => o.idempotent)) {
      expect(op.method, `${op.id}: only writes are idempotent`).not.toBe('GET');
      const raw = deref(doc.paths[op.path]![op.method.toLowerCase()]!, doc);
      const header = (raw.parameters as { name: string; in: string; schema: JsonSchema }[]).find((p) => p.name === 'Idempotency-Key')!;
      expect(header.in).toBe('header');
      expect(header.schema).toMatchObject({ minLength: 8, maxLength: 128 });
    }
  });
});
