/**
 * The route walker's view of the API: every operation of /api/openapi.json with its permission,
 * parameters and request schema, and fast-check generators of valid values driven by those
 * schemas. The cross-cutting suites (access, malformed) iterate over `operationsOf(doc)`, so a
 * route a module adds is covered without touching them.
 */
import { PERMISSIONS } from '@kopdes/shared/auth';
import { sql, type SQL } from 'drizzle-orm';
import fc from 'fast-check';
import type { createApp } from '../../src/app.js';
import type { Db } from '../../src/db/client.js';

type App = ReturnType<typeof createApp>;

export type JsonType = 'string' | 'number' | 'integer' | 'boolean' | 'null' | 'object' | 'array';
export const JSON_TYPES: readonly JsonType[] = ['string', 'number', 'integer', 'boolean', 'null', 'object', 'array'];

export interface JsonSchema {
  $ref?: string;
  type?: JsonType | JsonType[];
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  pattern?: string;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  default?: unknown;
}

export interface Param {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required: boolean;
  schema: JsonSchema;
}

export interface Operation {
  /** `POST /api/coops/{coopId}/users` */
  id: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  /** `public`, `signed-in`, `platform.admin` or a permission of PERMISSIONS */
  permission: string;
  pathParams: Param[];
  queryParams: Param[];
  /** The JSON request body's schema, when the route takes JSON. */
  body?: JsonSchema;
  /** Every media type the request body may be sent as (`application/json`, `multipart/form-data`, …). */
  bodyTypes: string[];
  idempotent: boolean;
}

export interface ApiDocument {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, OperationObject>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

export interface OperationObject {
  'x-permission'?: string;
  summary?: string;
  parameters?: (Param | { $ref: string })[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: JsonSchema }> };
  responses?: Record<string, unknown>;
}

export const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
export const ACCESS_LEVELS = ['public', 'signed-in', 'platform.admin'] as const;
export const isPermission = (p: string): p is (typeof PERMISSIONS)[number] => (PERMISSIONS as readonly string[]).includes(p);

/** Routes inside one cooperative: guarded by tenancy and a permission. */
export const COOP_PREFIX = '/api/coops/{coopId}';
export const isCoopRoute = (op: Operation) => op.path === COOP_PREFIX || op.path.startsWith(`${COOP_PREFIX}/`);
export const isWrite = (op: Operation) => op.method !== 'GET';

export async function apiDocument(app: App): Promise<ApiDocument> {
  const res = await app.request('/api/openapi.json');
  if (res.status !== 200) throw new Error(`/api/openapi.json answered ${res.status}`);
  return (await res.json()) as ApiDocument;
}

/** Replaces every `$ref` by the component it names (the document's schemas are not recursive). */
export function deref<T>(value: T, doc: ApiDocument, depth = 0): T {
  if (depth > 50) throw new Error('schema nesting too deep (recursive $ref?)');
  if (Array.isArray(value)) return value.map((v) => deref(v, doc, depth + 1)) as T;
  if (value === null || typeof value !== 'object') return value;
  const ref = (value as { $ref?: unknown }).$ref;
  if (typeof ref === 'string') {
    const target = ref
      .split('/')
      .slice(1)
      .reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], doc);
    if (target === undefined) throw new Error(`unresolved $ref ${ref}`);
    return deref(target as T, doc, depth + 1);
  }
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, deref(v, doc, depth + 1)])) as T;
}

export function operationsOf(doc: ApiDocument): Operation[] {
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of HTTP_METHODS) {
      const raw = item[method];
      if (!raw) continue;
      const o = deref(raw, doc);
      const params = (o.parameters ?? []) as Param[];
      const json = o.requestBody?.content?.['application/json']?.schema;
      ops.push({
        id: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase() as Operation['method'],
        path,
        permission: o['x-permission'] ?? '(missing)',
        pathParams: params.filter((p) => p.in === 'path'),
        queryParams: params.filter((p) => p.in === 'query'),
        body: json,
        bodyTypes: Object.keys(o.requestBody?.content ?? {}),
        idempotent: params.some((p) => p.in === 'header' && p.name.toLowerCase() === 'idempotency-key'),
      });
    }
  }
  return ops;
}

/** `/api/coops/{coopId}/users/{userId}` with the values filled in (URL-encoded). */
export function fillPath(path: string, values: Record<string, string>): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const v = values[name];
    if (v === undefined) throw new Error(`no value for path parameter {${name}} of ${path}`);
    return encodeURIComponent(v);
  });
}

// ---------------------------------------------------------------------------------------------
// Valid values from a JSON Schema

/** The JSON types a schema accepts (all of them when it does not say). */
export function typesOf(s: JsonSchema): Set<JsonType> {
  if (s.const !== undefined) return new Set([jsonTypeOf(s.const)]);
  if (s.enum) return new Set(s.enum.map(jsonTypeOf));
  const branches = s.anyOf ?? s.oneOf;
  if (branches) return new Set(branches.flatMap((b) => [...typesOf(b)]));
  if (s.allOf?.length) return typesOf(s.allOf[0]!);
  if (s.type) {
    const t = new Set(Array.isArray(s.type) ? s.type : [s.type]);
    if (t.has('number')) t.add('integer');
    return t;
  }
  if (s.properties) return new Set(['object']);
  return new Set(JSON_TYPES);
}

export function jsonTypeOf(v: unknown): JsonType {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v as JsonType;
}

const ALNUM = [...'abcdefghijklmnopqrstuvwxyz0123456789'];
const ALNUM_STRING = fc.string({ unit: fc.constantFrom(...ALNUM), minLength: 1, maxLength: 12 });
const DATE_PATTERN = '^\\d{4}-\\d{2}-\\d{2}$';
const dateArb = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true });
let emailSeq = 0;

function stringArb(s: JsonSchema): fc.Arbitrary<string> {
  const min = s.minLength ?? 0;
  const max = Math.min(s.maxLength ?? min + 24, min + 24);
  const fits = (v: string) => v.length >= min && (s.maxLength === undefined || v.length <= s.maxLength);
  if (s.format === 'email') return fc.nat().map((n) => `uji.${n}.${process.pid}.${++emailSeq}@contoh.id`);
  if (s.format === 'date-time') return dateArb.map((d) => d.toISOString());
  if (s.format === 'uuid') return fc.uuid();
  if (s.format === 'uri' || s.format === 'url') return ALNUM_STRING.map((v) => `https://contoh.id/${v}`);
  if (s.format === 'date' || s.pattern === DATE_PATTERN) return dateArb.map((d) => d.toISOString().slice(0, 10));
  if (s.pattern) return fc.stringMatching(new RegExp(s.pattern)).filter(fits);
  return fc.string({ unit: fc.constantFrom(...ALNUM), minLength: Math.max(min, 1), maxLength: Math.max(max, 1) }).filter(fits);
}

/** Whole numbers, which every number schema accepts too, near the lower bound. */
function numberArb(s: JsonSchema): fc.Arbitrary<number> {
  const lo = Math.max(s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : 0), -1_000_000);
  const hi = Math.min(s.maximum ?? (s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - 1 : lo + 1000), lo + 1000);
  return fc.integer({ min: Math.ceil(lo), max: Math.floor(hi) });
}

/**
 * Values the schema accepts. `minimal`: objects carry only their required properties and
 * nullable values are not null, which gives the most neutral valid request.
 */
export function validArb(s: JsonSchema, minimal = true): fc.Arbitrary<unknown> {
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  const branches = s.anyOf ?? s.oneOf;
  if (branches) {
    const nonNull = branches.filter((b) => !(typesOf(b).size === 1 && typesOf(b).has('null')));
    return minimal && nonNull.length ? validArb(nonNull[0]!, minimal) : fc.oneof(...branches.map((b) => validArb(b, minimal)));
  }
  if (s.allOf?.length) return validArb(s.allOf[0]!, minimal);
  const types = [...typesOf(s)].filter((t) => !(minimal && t === 'null') || typesOf(s).size === 1);
  const t = types.includes('object') ? 'object' : types[0]!;
  switch (t) {
    case 'string':
      return stringArb(s);
    case 'integer':
    case 'number':
      return numberArb(s);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const item = s.items ? validArb(s.items, minimal) : fc.string({ unit: fc.constantFrom(...ALNUM), maxLength: 8 });
      const minLength = s.minItems ?? 0;
      const maxLength = Math.min(s.maxItems ?? minLength + 2, minLength + 2);
      return s.uniqueItems
        ? fc.uniqueArray(item, { minLength, maxLength, selector: (v) => JSON.stringify(v) })
        : fc.array(item, { minLength, maxLength });
    }
    case 'object': {
      const props = s.properties ?? {};
      const required = new Set(s.required ?? []);
      const keys = Object.keys(props).filter((k) => !minimal || required.has(k));
      const arbs = Object.fromEntries(keys.map((k) => [k, validArb(props[k]!, minimal)]));
      return fc.record(arbs, { requiredKeys: keys.filter((k) => required.has(k)) });
    }
  }
}

const arbitraries = new WeakMap<JsonSchema, fc.Arbitrary<unknown>>();

/** One minimal valid value, reproducible by seed. */
export function sampleValid(s: JsonSchema, seed: number): unknown {
  let arb = arbitraries.get(s);
  if (!arb) arbitraries.set(s, (arb = validArb(s)));
  return fc.sample(arb, { numRuns: 1, seed })[0];
}

/** Query parameters travel as strings. */
export const queryString = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

/** A valid query for the operation: its required parameters, plus the optional ones when `full`. */
export function validQueryArb(op: Operation): fc.Arbitrary<Record<string, string>> {
  const params = op.queryParams.filter((p) => p.required);
  const arbs = Object.fromEntries(params.map((p) => [p.name, validArb(p.schema).map(queryString)]));
  return fc.record(arbs) as fc.Arbitrary<Record<string, string>>;
}

export function withQuery(path: string, query: Record<string, string> | [string, string][]): string {
  const qs = new URLSearchParams(query).toString();
  return qs ? `${path}?${qs}` : path;
}

// ---------------------------------------------------------------------------------------------
// Database digests: proof that a batch of refused requests wrote nothing

async function tableNames(db: Db, column?: string): Promise<string[]> {
  const res = column
    ? await db.execute<{ table_name: string }>(
        sql`SELECT c.table_name FROM information_schema.columns c JOIN information_schema.tables t USING (table_schema, table_name)
            WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE' AND c.column_name = ${column} ORDER BY c.table_name`,
      )
    : await db.execute<{ table_name: string }>(
        sql`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
      );
  return res.rows.map((r) => r.table_name);
}

/** One round trip: `name → "rows:md5"` for each (name, rows-query) given. */
async function digests(db: Db, parts: [string, SQL][]): Promise<Record<string, string>> {
  if (!parts.length) return {};
  const selects = parts.map(
    ([name, rows]) =>
      sql`SELECT ${name}::text AS name, count(*)::text AS n, md5(coalesce(string_agg(t::text, E'\n' ORDER BY t::text), '')) AS digest FROM (${rows}) t`,
  );
  const res = await db.execute<{ name: string; n: string; digest: string }>(sql.join(selects, sql` UNION ALL `));
  return Object.fromEntries(res.rows.map((r) => [r.name, `${r.n}:${r.digest}`]));
}

/**
 * An md5 of every row of every table: equal digests mean nothing was inserted, changed or deleted.
 * Leaves out `idempotency_keys`: a refusal is remembered under its key (decision 0004), which is
 * the HTTP layer's memory of an answer, not data; test/idempotency.test.ts counts those rows.
 */
export async function databaseDigest(db: Db, except: string[] = []): Promise<Record<string, string>> {
  const skip = new Set(['idempotency_keys', ...except]);
  const tables = (await tableNames(db)).filter((t) => !skip.has(t));
  return digests(
    db,
    tables.map((table) => [table, sql`SELECT * FROM ${sql.identifier(table)}`]),
  );
}

/** An md5 of one cooperative's rows in every tenant table, its profile, and its users. */
export async function tenantDigest(db: Db, coopId: string): Promise<Record<string, string>> {
  const tables = await tableNames(db, 'cooperative_id');
  return digests(db, [
    ...tables.map((table): [string, SQL] => [table, sql`SELECT * FROM ${sql.identifier(table)} WHERE cooperative_id = ${coopId}`]),
    ['cooperatives', sql`SELECT * FROM cooperatives WHERE id = ${coopId}`],
    ['users', sql`SELECT * FROM users WHERE id IN (SELECT user_id FROM cooperative_roles WHERE cooperative_id = ${coopId})`],
  ]);
}
