/**
 * PostgreSQL cannot store U+0000 in text, and its jsonb refuses an unpaired UTF-16 surrogate; a
 * string carrying either would fail deep inside a query as a 500. Every validated input (body,
 * query, path) is checked here instead, and each offending field is named.
 */
import type { FieldError } from '../lib/errors.js';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const unstorable = (s: string) => s.includes('\u0000') || LONE_SURROGATE.test(s);

const MESSAGE = {
  id: 'Teks mengandung karakter yang tidak dapat disimpan (NUL atau surrogate tunggal)',
  en: 'Text contains a character that cannot be stored (NUL or a lone surrogate)',
};

/** A field error for every string (or key) in `value` that cannot be stored, named by its path. */
export function unstorableTextFields(value: unknown, prefix = ''): FieldError[] {
  const out: FieldError[] = [];
  const found = (path: string[]) => out.push({ field: path.join('.') || '(body)', code: 'invalid_character', message: MESSAGE });
  // Iterative: a deeply nested value must not overflow the stack.
  const stack: { v: unknown; path: string[] }[] = [{ v: value, path: prefix ? [prefix] : [] }];
  while (stack.length) {
    const { v, path } = stack.pop()!;
    if (typeof v === 'string') {
      if (unstorable(v)) found(path);
    } else if (Array.isArray(v)) {
      v.forEach((item, i) => stack.push({ v: item, path: [...path, String(i)] }));
    } else if (v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
      for (const [k, item] of Object.entries(v)) {
        if (unstorable(k)) found([...path, k]);
        else stack.push({ v: item, path: [...path, k] });
      }
    }
  }
  return out;
}
