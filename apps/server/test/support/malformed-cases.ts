/**
 * Generators of bad requests for one route of the OpenAPI document. Each case breaks exactly one
 * thing the route must refuse — its body, a query or path parameter, or a header — and says which
 * answer that calls for (status, and for 400 the field the problem document must name). Harmless
 * noise (odd Accept-Language, request ids, extra cookies and headers) rides along on every case.
 */
import fc from 'fast-check';
import { SESSION_COOKIE } from '../../src/http/middleware.js';
import {
  fillPath,
  isCoopRoute,
  queryString,
  typesOf,
  validArb,
  validQueryArb,
  withQuery,
  type JsonSchema,
  type JsonType,
  type Operation,
} from './routes.js';

export interface Expected {
  /** The status, or the statuses any of which is right. */
  status: number | number[];
  code?: string;
  /** For 400: the problem must name one of these fields (or a field inside one of them). */
  fields?: string[];
}

export interface Case {
  label: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
  expect: Expected;
}

export interface Target {
  op: Operation;
  /** Valid path values (real entities of the caller's cooperative). */
  values: Record<string, string>;
  /** Which path parameters name an entity of one cooperative (a well-formed unknown id is a 404). */
  tenantParams: string[];
  session: { token: string; csrf: string };
  expiredSessionToken: string;
  bodyLimitBytes: number;
}

interface Base {
  query: Record<string, string>;
  body: unknown;
}

type Build = (base: Base) => Case;

const ASCII_PRINTABLE = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 60 });
const ALNUM = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789'), minLength: 1, maxLength: 12 });
const MARK = '"__kopdes_corrupt_slot__"';

const isPlainObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Encoded as JSON with the slot at `path` replaced by the raw JSON text `raw` (or removed). */
function jsonWith(body: unknown, path: string[], raw: string | undefined): string {
  if (!path.length) return raw ?? '';
  const copy = structuredClone(body);
  let parent = copy as Record<string, unknown>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string, unknown>;
  const last = path[path.length - 1]!;
  if (raw === undefined) delete parent[last];
  else Object.defineProperty(parent, last, { value: JSON.parse(MARK), enumerable: true, writable: true, configurable: true });
  return raw === undefined ? JSON.stringify(copy) : JSON.stringify(copy).replace(MARK, () => raw);
}

interface Slot {
  path: string[];
  schema: JsonSchema;
  value: unknown;
  present: boolean;
  required: boolean;
}

/** Every place in the base body a corruption can go: each property (present or not), and the first item of arrays. */
function slotsOf(schema: JsonSchema, value: unknown, path: string[] = [], required = true): Slot[] {
  const out: Slot[] = [{ path, schema, value, present: value !== undefined, required }];
  if (schema.properties && (value === undefined || isPlainObject(value))) {
    const req = new Set(schema.required ?? []);
    for (const [k, s] of Object.entries(schema.properties)) {
      const v = isPlainObject(value) ? value[k] : undefined;
      if (value === undefined) continue; // an absent parent: corrupt the parent itself instead
      out.push(...slotsOf(s, v, [...path, k], req.has(k)));
    }
  }
  if (schema.items && Array.isArray(value) && value.length) out.push(...slotsOf(schema.items, value[0], [...path, '0'], true));
  return out;
}

const deepArrays = fc.integer({ min: 500, max: 20_000 }).map((n) => '['.repeat(n) + ']'.repeat(n));
const deepObjects = fc.integer({ min: 500, max: 5_000 }).map((n) => '{"a":'.repeat(n) + '1' + '}'.repeat(n));

/** JSON texts of values whose type the schema does not accept. */
function wrongTypeRaw(s: JsonSchema): fc.Arbitrary<string> | undefined {
  const allowed = typesOf(s);
  const byType: Record<JsonType, fc.Arbitrary<string>> = {
    string: fc.string({ maxLength: 20 }).map((v) => JSON.stringify(v)),
    integer: fc.integer().map(String),
    number: fc
      .double({ noNaN: true, noDefaultInfinity: true })
      .filter((d) => !Number.isInteger(d))
      .map(String),
    boolean: fc.boolean().map(String),
    null: fc.constant('null'),
    object: fc.oneof(
      fc.dictionary(ALNUM, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }).map((v) => JSON.stringify(v)),
      deepObjects,
    ),
    array: fc.oneof(
      fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 4 }).map((v) => JSON.stringify(v)),
      deepArrays,
    ),
  };
  const wrong = (Object.keys(byType) as JsonType[]).filter((t) => !allowed.has(t) && !(t === 'integer' && allowed.has('number')));
  return wrong.length ? fc.oneof(...wrong.map((t) => byType[t])) : undefined;
}

/** Values of the right type that break one of the schema's own rules. */
function outOfRange(s: JsonSchema, where: 'body' | 'query' | 'path' = 'body'): fc.Arbitrary<unknown>[] {
  if (s.anyOf || s.oneOf || s.allOf) return [];
  const out: fc.Arbitrary<unknown>[] = [];
  const types = typesOf(s);
  if (s.const !== undefined) out.push(wrongOf(s.const));
  if (s.enum) out.push(ALNUM.map((v) => `x${v}`).filter((v) => !s.enum!.includes(v)));
  if (types.has('string') && !s.enum) {
    if (s.maxLength !== undefined) {
      const over = s.maxLength + 1;
      out.push(
        (where === 'body'
          ? fc.oneof(fc.integer({ min: over, max: over + 500 }), fc.integer({ min: over, max: over + 200_000 }))
          : fc.integer({ min: over, max: over + 500 })
        ).map((n) => 'x'.repeat(n)),
      );
    }
    // An empty path segment would be another route: there, one character too few.
    const min = s.minLength ?? 0;
    if (min >= 1 && where !== 'path') out.push(fc.constant(''));
    if (min >= 2 && where === 'path') out.push(fc.constant('x'.repeat(min - 1)));
    if (s.pattern) {
      const re = new RegExp(s.pattern);
      out.push(fc.string({ minLength: 1, maxLength: 30 }).filter((v) => !re.test(v) && !re.test(v.trim())));
    }
    if (s.format === 'email') out.push(ALNUM.map((v) => `bukan-email-${v}`));
    if (s.format === 'date-time') out.push(fc.constantFrom('kemarin', '2025-13-45T99:00:00Z', '2025-02-30T10:00:00Z', '17/11/2025'));
  }
  if (types.has('integer') || types.has('number')) {
    const lo = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum : undefined);
    const hi = s.maximum ?? (s.exclusiveMaximum !== undefined ? s.exclusiveMaximum : undefined);
    if (lo !== undefined) out.push(fc.integer({ min: 1, max: 1_000_000 }).map((k) => (s.minimum !== undefined ? lo - k : lo)));
    if (hi !== undefined)
      out.push(
        fc.oneof(
          fc.integer({ min: 1, max: 1_000_000 }).map((k) => (s.maximum !== undefined ? hi + k : hi)),
          fc.constant(1e300),
        ),
      );
  }
  if (types.has('array')) {
    if ((s.minItems ?? 0) >= 1) out.push(fc.constant([]));
    if (s.maxItems !== undefined && s.items)
      out.push(fc.array(validArb(s.items), { minLength: s.maxItems + 1, maxLength: s.maxItems + 3 }));
  }
  return out;
}

const wrongOf = (v: unknown) => fc.jsonValue({ maxDepth: 1 }).filter((x) => JSON.stringify(x) !== JSON.stringify(v));

/** Text no database may keep (NUL, lone surrogates), inside an otherwise fine string. */
const unstorable = (valid: string, bad = ['\u0000', '\uD800', '\uDFFF', 'a\uDC00b']) =>
  fc.tuple(fc.constantFrom(...bad), fc.nat({ max: valid.length })).map(([b, at]) => valid.slice(0, at) + b + valid.slice(at));
/** URLs carry UTF-8, which has no lone surrogates: only NUL survives the trip. */
const unstorableInUrl = (valid: string) => unstorable(valid, ['\u0000']);

const INVALID_UTF8 = [[0xff], [0xc0, 0x80], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xe2, 0x82]];

/** Everything one route must refuse, each with the answer it calls for. */
export function casesFor(t: Target): fc.Arbitrary<Case> {
  const { op } = t;
  const write = op.method !== 'GET';
  const signedIn = op.permission !== 'public';
  const req = (label: string, expect: Expected, parts: Partial<Omit<Case, 'label' | 'expect'>> & { base: Base }): Case => {
    const headers: Record<string, string> = {
      cookie: `${SESSION_COOKIE}=${t.session.token}`,
      ...(write ? { 'x-csrf-token': t.session.csrf } : {}),
    };
    let body = parts.body;
    if (body === undefined && op.body && write) body = JSON.stringify(parts.base.body);
    if (body !== undefined) headers['content-type'] = 'application/json';
    // A rule broken with a long value can make the body itself too large: the limit answers first.
    const size = body === undefined ? 0 : typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength;
    return {
      label,
      expect: size > t.bodyLimitBytes ? { status: 413, code: 'payload_too_large' } : expect,
      method: op.method,
      url: parts.url ?? withQuery(fillPath(op.path, t.values), parts.base.query),
      headers: { ...headers, ...parts.headers },
      body,
    };
  };
  const builders: fc.Arbitrary<Build>[] = [];
  const bad400 = (field: string): Expected => ({ status: 400, fields: [field] });

  // --- body -----------------------------------------------------------------------------------
  if (op.body && write) {
    const schema = op.body;
    const slotCorruption: fc.Arbitrary<Build> = fc
      .tuple(fc.nat(), fc.nat(), fc.integer({ min: 0, max: 2 ** 31 - 1 }))
      .map(([pick, kind, seed]) => (base: Base) => {
        const slots = slotsOf(schema, base.body);
        const slot = slots[pick % slots.length]!;
        const field = slot.path.join('.') || '(body)';
        const options: (() => { label: string; raw: string | undefined; field: string } | undefined)[] = [
          () => {
            const arb = wrongTypeRaw(slot.schema);
            return arb && { label: `wrong type at ${field}`, raw: sample(arb, seed), field };
          },
          () => {
            const arbs = outOfRange(slot.schema);
            return arbs.length
              ? { label: `rule broken at ${field}`, raw: JSON.stringify(sample(fc.oneof(...arbs), seed)), field }
              : undefined;
          },
          () =>
            slot.present && slot.required && slot.path.length ? { label: `required ${field} missing`, raw: undefined, field } : undefined,
          () => {
            if (!typesOf(slot.schema).has('object') || slot.schema.additionalProperties !== false || !isPlainObject(slot.value))
              return undefined;
            const known = new Set(Object.keys(slot.schema.properties ?? {}));
            const key = sample(
              fc.string({ minLength: 1, maxLength: 24 }).filter((k) => !known.has(k)),
              seed,
            );
            const withKey = Object.fromEntries([...Object.entries(slot.value), [key, sample(fc.jsonValue({ maxDepth: 2 }), seed)]]);
            const unknownField = [...slot.path, key].join('.');
            return { label: `unknown field ${JSON.stringify(unknownField)}`, raw: JSON.stringify(withKey), field: unknownField };
          },
          () => {
            // Into the value there, or into a valid one when the base left the (optional) field out.
            const text = slot.present ? slot.value : typesOf(slot.schema).has('string') ? sample(validArb(slot.schema), seed) : undefined;
            return typeof text === 'string'
              ? { label: `unstorable text at ${field}`, raw: JSON.stringify(sample(unstorable(text), seed)), field }
              : undefined;
          },
        ];
        for (let i = 0; i < options.length; i++) {
          const got = options[(kind + i) % options.length]!();
          if (!got) continue;
          const text = slot.path.length ? jsonWith(base.body, slot.path, got.raw) : (got.raw ?? '');
          return req(`body: ${got.label}`, bad400(got.field), { base, body: text });
        }
        return req('body: not an object', bad400('(body)'), { base, body: '[]' });
      });
    builders.push(slotCorruption, slotCorruption); // weighted: the richest family
    builders.push(
      fc
        .jsonValue({ maxDepth: 3 })
        .filter((v) => !isPlainObject(v))
        .map((v) => (base: Base) => req('body: a JSON value that is not an object', bad400('(body)'), { base, body: JSON.stringify(v) })),
      fc
        .oneof(
          fc.string({ maxLength: 200 }).filter((s) => !isJson(s)),
          fc.tuple(fc.nat(), fc.constant(0)).map(([n]) => `{"a":${'['.repeat(n % 50)}`),
          fc.constantFrom('', ' ', '{', '{"a":1,}', "{'a':1}", '{"a":undefined}', 'NaN', '\u0000', '\uFEFF{}x'),
        )
        .map(
          (text) => (base: Base) =>
            req('body: not JSON at all', { status: 400, code: 'malformed_json', fields: ['(body)'] }, { base, body: text }),
        ),
      fc.tuple(fc.nat(), fc.constantFrom(...INVALID_UTF8)).map(([at, bytes]) => (base: Base) => {
        const text = new TextEncoder().encode(JSON.stringify(base.body));
        const i = at % (text.length + 1);
        const body = new Uint8Array([...text.slice(0, i), ...bytes, ...text.slice(i)]);
        return req('body: invalid UTF-8', { status: 400, code: 'invalid_encoding', fields: ['(body)'] }, { base, body });
      }),
    );
  }

  if (op.bodyTypes.length && write) {
    const others = [
      'application/json',
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/xml',
    ];
    const wrong = others.filter((type) => !op.bodyTypes.some((declared) => type.startsWith(declared)));
    builders.push(
      fc.constantFrom(...wrong).map(
        (type) => (base: Base) =>
          req(
            `body: sent as ${type}`,
            { status: 415, code: 'unsupported_media_type', fields: ['header.Content-Type'] },
            {
              base,
              body: JSON.stringify(base.body ?? {}),
              headers: { 'content-type': type },
            },
          ),
      ),
    );
  }
  if (op.body && write) {
    // JSON bodies live within the app's body limit (only uploads such as spreadsheet imports get more).
    builders.push(
      fc
        .integer({ min: t.bodyLimitBytes + 1, max: t.bodyLimitBytes + 64 * 1024 })
        .map(
          (size) => (base: Base) =>
            req(
              'body: over the size limit',
              { status: 413, code: 'payload_too_large' },
              { base, body: JSON.stringify({ data: 'x'.repeat(size) }) },
            ),
        ),
    );
  }

  // --- any write: the body limit and the encoding hold on every route -------------------------
  if (write) {
    builders.push(
      fc.integer({ min: 2 ** 30, max: 2 ** 31 }).map(
        (declared) => (base: Base) =>
          req(
            'body: declares a size over any limit',
            { status: 413, code: 'payload_too_large' },
            {
              base,
              body: '{}',
              headers: { 'content-length': String(declared) },
            },
          ),
      ),
      fc.constantFrom(...INVALID_UTF8).map((bytes) => (base: Base) => {
        const body = new Uint8Array([...new TextEncoder().encode('{"catatan":"'), ...bytes, ...new TextEncoder().encode('"}')]);
        return req('body: invalid UTF-8', { status: 400, code: 'invalid_encoding', fields: ['(body)'] }, { base, body });
      }),
    );
  }

  // --- query --------------------------------------------------------------------------------
  if (op.queryParams.length) {
    const declared = new Set(op.queryParams.map((p) => p.name));
    builders.push(
      fc
        .tuple(
          ALNUM.map((k) => `x${k}`).filter((k) => !declared.has(k)),
          ASCII_PRINTABLE,
        )
        .map(
          ([key, value]) =>
            (base: Base) =>
              req(`query: unknown parameter ${key}`, bad400(`query.${key}`), { base, url: urlWith(t, { ...base.query, [key]: value }) }),
        ),
    );
    for (const p of op.queryParams) {
      const bad = badUrlValues(p.schema, 'query');
      if (bad) {
        builders.push(
          bad.map(
            (value) => (base: Base) =>
              req(`query: ${p.name}=${JSON.stringify(value).slice(0, 60)}`, bad400(`query.${p.name}`), {
                base,
                url: urlWith(t, { ...base.query, [p.name]: value }),
              }),
          ),
        );
      }
      if (p.required) {
        builders.push(
          fc.constant((base: Base) => {
            const { [p.name]: _gone, ...rest } = base.query;
            return req(`query: required ${p.name} missing`, bad400(`query.${p.name}`), { base, url: urlWith(t, rest) });
          }),
        );
      }
      // Repeated, a parameter arrives as a list: wrong for any scalar except a coerced boolean.
      if (typesOf(p.schema).has('array') || (typesOf(p.schema).has('boolean') && !p.schema.enum)) continue;
      builders.push(
        fc.tuple(validArb(p.schema), validArb(p.schema)).map(([a, b]) => (base: Base) => {
          const pairs: [string, string][] = [
            ...Object.entries(base.query).filter(([k]) => k !== p.name),
            [p.name, queryString(a)],
            [p.name, queryString(b)],
          ];
          return req(`query: ${p.name} given twice`, bad400(`query.${p.name}`), {
            base,
            url: withQuery(fillPath(op.path, t.values), pairs),
          });
        }),
      );
    }
  }

  // --- path ---------------------------------------------------------------------------------
  for (const p of op.pathParams) {
    const path = (value: string) => (base: Base) => withQuery(fillPath(op.path, { ...t.values, [p.name]: value }), base.query);
    if (p.name === 'coopId' && isCoopRoute(op)) {
      // Tenancy answers first: any cooperative the caller holds no role in is "not found".
      builders.push(
        fc
          .oneof(
            fc.stringMatching(/^kop_[0-9A-HJKMNP-TV-Z]{26}$/),
            ALNUM.map((v) => `kop_${v}`),
            ASCII_PRINTABLE.filter(safeSegment),
          )
          .map(
            (value) => (base: Base) =>
              req(`path: unknown cooperative ${value}`, { status: 404, code: 'not_found' }, { base, url: path(value)(base) }),
          ),
      );
      continue;
    }
    const bad = badUrlValues(p.schema, 'path');
    if (bad) {
      builders.push(
        bad.map(
          (value) => (base: Base) =>
            req(`path: ${p.name}=${JSON.stringify(value).slice(0, 60)}`, bad400(`param.${p.name}`), { base, url: path(value)(base) }),
        ),
      );
    }
    if (t.tenantParams.includes(p.name)) {
      const wellFormed = p.schema.pattern
        ? fc.stringMatching(new RegExp(p.schema.pattern)).filter((v) => v !== t.values[p.name] && safeSegment(v))
        : ALNUM.map((v) => `x${v}`.slice(0, p.schema.maxLength ?? 40));
      // A body the rules refuse may be answered before the lookup.
      const status = op.body ? [404, 400] : 404;
      builders.push(
        wellFormed.map(
          (value) => (base: Base) => req(`path: ${p.name} of nothing (${value})`, { status }, { base, url: path(value)(base) }),
        ),
      );
    }
  }

  // --- headers ------------------------------------------------------------------------------
  builders.push(
    ASCII_PRINTABLE.filter((secret) => secret.trim().length > 0).map((secret) => (base: Base) => {
      const c = req('header: unknown bearer token', { status: 401, code: 'unauthorized' }, { base });
      const { cookie: _c, ...headers } = c.headers;
      return { ...c, headers: { ...headers, authorization: `Bearer ${secret}` } };
    }),
  );
  if (signedIn) {
    builders.push(
      fc
        .oneof(
          ASCII_PRINTABLE.filter((v) => !/[;,\s]/.test(v)),
          fc.constant(t.expiredSessionToken),
        )
        .map((token) => (base: Base) => {
          const c = req(
            token === t.expiredSessionToken ? 'header: expired session' : 'header: unknown session',
            { status: 401, code: 'unauthorized' },
            { base },
          );
          return { ...c, headers: { ...c.headers, cookie: `${SESSION_COOKIE}=${token}` } };
        }),
    );
  }
  if (write) {
    builders.push(
      fc
        .oneof(
          fc.constant<Record<string, string | undefined>>({ 'x-csrf-token': undefined }),
          ASCII_PRINTABLE.filter((v) => v !== t.session.csrf).map((v) => ({ 'x-csrf-token': v })),
          fc.constant({ 'sec-fetch-site': 'cross-site' }),
          fc.constantFrom('https://evil.example', 'null', 'http://localhost.evil.example').map((origin) => ({ origin, host: 'localhost' })),
        )
        .map((change) => (base: Base) => {
          const c = req(`header: cross-site or no CSRF token ${JSON.stringify(change)}`, { status: 403, code: 'csrf' }, { base });
          const headers = { ...c.headers };
          for (const [k, v] of Object.entries(change)) {
            if (v === undefined) delete headers[k];
            else headers[k] = v;
          }
          return { ...c, headers };
        }),
    );
  }
  if (op.idempotent) {
    builders.push(
      fc
        .oneof(
          // HTTP trims a header value's surrounding spaces: " Za7irLXg" arrives as a valid key.
          ASCII_PRINTABLE.filter((k) => !/^[\w.:-]{8,128}$/.test(k.trim())),
          fc.integer({ min: 129, max: 2000 }).map((n) => 'k'.repeat(n)),
        )
        .map((key) => (base: Base) => {
          const c = req('header: bad Idempotency-Key', bad400('header.Idempotency-Key'), { base });
          return { ...c, headers: { ...c.headers, 'idempotency-key': key } };
        }),
    );
  }

  const base = fc.record({ query: validQueryArb(op), body: op.body ? validArb(op.body) : fc.constant(undefined) });
  return fc.tuple(fc.oneof(...builders), base, noise(op)).map(([build, b, n]) => shortened(withNoise(build(b), n)));
}

/** How fast-check prints a failing case: enough to replay it, without a 300 KB body. */
function shortened(c: Case): Case {
  const body = c.body === undefined ? '' : typeof c.body === 'string' ? c.body : new TextDecoder().decode(c.body);
  const summary = `${c.label}: ${c.method} ${c.url.slice(0, 200)} headers ${JSON.stringify(c.headers).slice(0, 500)} body(${body.length}) ${JSON.stringify(body.slice(0, 300))}`;
  return Object.assign(c, { [fc.toStringMethod]: () => summary });
}

function sample<T>(arb: fc.Arbitrary<T>, seed: number): T {
  return fc.sample(arb, { numRuns: 1, seed })[0]!;
}

function isJson(s: string): boolean {
  try {
    JSON.parse(s);
    return true;
  } catch {
    return false;
  }
}

const safeSegment = (v: string) => v.length > 0 && v !== '.' && v !== '..';

function urlWith(t: Target, query: Record<string, string>): string {
  return withQuery(fillPath(t.op.path, t.values), query);
}

/** Query values the parameter's schema refuses, as sent (strings). */
/**
 * Values a query or path parameter's schema refuses, as sent (text). A coerced boolean takes any
 * text, so only its enum (if any) can be broken.
 */
function badUrlValues(s: JsonSchema, where: 'query' | 'path'): fc.Arbitrary<string> | undefined {
  const types = typesOf(s);
  const out: fc.Arbitrary<string>[] = [];
  if (!(types.size === 1 && types.has('boolean'))) out.push(unstorableInUrl('abc'));
  if (types.has('integer') || types.has('number')) {
    out.push(fc.constantFrom('abc', 'satu', '1e400', '9'.repeat(400), '0x1G', 'NaN'));
    if (!types.has('number')) out.push(fc.constantFrom('1.5', '0.001'));
  }
  for (const arb of outOfRange(s, where)) out.push(where === 'path' ? arb.map(queryString).filter(safeSegment) : arb.map(queryString));
  return out.length ? fc.oneof(...out) : undefined;
}

interface Noise {
  headers: Record<string, string>;
  extraQuery?: [string, string];
}

/** Things every route must shrug off: they change nothing about the expected answer. */
function noise(op: Operation): fc.Arbitrary<Noise> {
  return fc.record(
    {
      headers: fc.record(
        {
          'accept-language': fc.oneof(ASCII_PRINTABLE, fc.constantFrom('en', 'en-US,en;q=0.9', 'id-ID', '*', ';;;q=x', 'zz')),
          'x-request-id': fc.oneof(ASCII_PRINTABLE, fc.string({ unit: fc.constantFrom(...'abc-._'), minLength: 1, maxLength: 80 })),
          'x-kopdes-uji': ASCII_PRINTABLE,
          accept: fc.constantFrom('*/*', 'text/html', 'application/xml', 'application/json;q=0'),
          'extra-cookies': fc
            .array(
              fc.tuple(
                ALNUM.map((k) => `z${k}`),
                ASCII_PRINTABLE.filter((v) => !/[;,\s]/.test(v)),
              ),
              { maxLength: 3 },
            )
            .map((pairs) => pairs.map(([k, v]) => `${k}=${v}`).join('; ')),
        },
        { requiredKeys: [] },
      ),
      // Routes without query parameters never read the query string.
      extraQuery: op.queryParams.length
        ? fc.constant(undefined)
        : fc.tuple(
            ALNUM.map((k) => `x${k}`),
            ASCII_PRINTABLE,
          ),
    },
    { requiredKeys: ['headers'] },
  ) as fc.Arbitrary<Noise>;
}

function withNoise(c: Case, n: Noise): Case {
  const { 'extra-cookies': cookies, ...headers } = n.headers;
  const merged = { ...headers, ...c.headers };
  if (cookies && merged.cookie) merged.cookie = `${cookies}; ${merged.cookie}`;
  let url = c.url;
  if (n.extraQuery) url += `${url.includes('?') ? '&' : '?'}${new URLSearchParams([n.extraQuery]).toString()}`;
  return { ...c, headers: merged, url };
}
