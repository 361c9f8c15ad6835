/**
 * PostgreSQL cannot store U+0000 in text, and its jsonb refuses an unpaired UTF-16 surrogate; a
 * string carrying either would fail deep inside a query as a 500. Every validated input (body,
 * query, path) is checked here instead, and the offending field is named.
 */
import { invalidField } from '../lib/errors.js';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const unstorable = (s: string) => s.includes('\u0000') || LONE_SURROGATE.test(s);

/** Throws a validation error naming the first string (or key) that cannot be stored. */
export function rejectUnstorableText(value: unknown, prefix = ''): void {
  // Iterative: a deeply nested value must not overflow the stack.
  const stack: { v: unknown; path: string[] }[] = [{ v: value, path: prefix ? [prefix] : [] }];
  while (stack.length) {
    const { v, path } = stack.pop()!;
    if (typeof v === 'string') {
      if (unstorable(v)) throw badText(path);
    } else if (Array.isArray(v)) {
      v.forEach((item, i) => stack.push({ v: item, path: [...path, String(i)] }));
    } else if (v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
      for (const [k, item] of Object.entries(v)) {
        if (unstorable(k)) throw badText([...path, k]);
        stack.push({ v: item, path: [...path, k] });
      }
    }
  }
}

const badText = (path: string[]) =>
  invalidField(path.join('.') || '(body)', 'invalid_character', {
    id: 'Teks mengandung karakter yang tidak dapat disimpan (NUL atau surrogate tunggal)',
    en: 'Text contains a character that cannot be stored (NUL or a lone surrogate)',
  });
