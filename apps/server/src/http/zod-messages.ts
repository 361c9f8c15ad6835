import type { z } from 'zod';
import type { FieldError, Msg } from '../lib/errors.js';

const TYPE_ID: Record<string, string> = {
  string: 'teks',
  number: 'angka',
  int: 'bilangan bulat',
  boolean: 'benar/salah',
  object: 'objek',
  array: 'daftar',
  bigint: 'bilangan bulat',
  date: 'tanggal',
};

/**
 * Turns Zod issues into field errors in both languages. A schema can carry its own message with
 * `bi(id, en)` (packages/shared/common.ts); otherwise the message names the rule.
 */
export function zodIssuesToFields(issues: readonly z.core.$ZodIssue[], prefix = '', input?: unknown): FieldError[] {
  const out: FieldError[] = [];
  // A value of the wrong type gets that one message; Zod may still run length rules on it.
  const wrongType = new Set(issues.filter((i) => i.code === 'invalid_type').map((i) => i.path.map(String).join('.')));
  for (const issue of issues) {
    if (issue.code !== 'invalid_type' && wrongType.has(issue.path.map(String).join('.'))) continue;
    const base = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const field = [base, key].filter(Boolean).join('.');
        out.push({ field, code: 'unknown_field', message: { id: `Kolom "${key}" tidak dikenal`, en: `Unknown field "${key}"` } });
      }
      continue;
    }
    const missing = issue.code === 'invalid_type' && valueAt(input, issue.path) === undefined;
    out.push({ field: base || '(body)', code: issue.code, message: describe(issue, missing) });
  }
  return out;
}

/** Zod does not report the offending value; look it up to tell "missing" from "wrong type". */
function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v = input;
  for (const key of path) {
    if (v === null || typeof v !== 'object' || !Object.hasOwn(v, key)) return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

/** Messages written with `bi(id, en)` from the shared package arrive as JSON. */
function bilingual(message: string | undefined): Msg | undefined {
  if (!message?.startsWith('{"id"')) return undefined;
  try {
    const m = JSON.parse(message) as Msg;
    return typeof m.id === 'string' && typeof m.en === 'string' ? m : undefined;
  } catch {
    return undefined;
  }
}

function describe(issue: z.core.$ZodIssue, missing: boolean): Msg {
  const custom = bilingual(issue.message);
  if (custom) return custom;
  switch (issue.code) {
    case 'invalid_type':
      if (missing) return { id: 'Wajib diisi', en: 'Required' };
      return {
        id: `Harus berupa ${TYPE_ID[issue.expected] ?? issue.expected}`,
        en: `Must be of type ${issue.expected}`,
      };
    case 'too_small':
      if (issue.origin === 'string')
        return Number(issue.minimum) <= 1
          ? { id: 'Wajib diisi', en: 'Must not be empty' }
          : { id: `Minimal ${issue.minimum} karakter`, en: `At least ${issue.minimum} characters` };
      if (issue.origin === 'array') return { id: `Minimal ${issue.minimum} baris`, en: `At least ${issue.minimum} items` };
      return { id: `Minimal ${issue.minimum}`, en: `Must be at least ${issue.minimum}` };
    case 'too_big':
      if (issue.origin === 'string') return { id: `Maksimal ${issue.maximum} karakter`, en: `At most ${issue.maximum} characters` };
      if (issue.origin === 'array') return { id: `Maksimal ${issue.maximum} baris`, en: `At most ${issue.maximum} items` };
      return { id: `Maksimal ${issue.maximum}`, en: `Must be at most ${issue.maximum}` };
    case 'invalid_format':
      return issue.format === 'email'
        ? { id: 'Alamat email tidak valid', en: 'Not a valid email address' }
        : { id: `Format tidak valid (${issue.format})`, en: `Invalid format (${issue.format})` };
    case 'invalid_value':
      return {
        id: `Harus salah satu dari: ${issue.values.map(String).join(', ')}`,
        en: `Must be one of: ${issue.values.map(String).join(', ')}`,
      };
    case 'not_multiple_of':
      return { id: `Harus kelipatan ${issue.divisor}`, en: `Must be a multiple of ${issue.divisor}` };
    default:
      return { id: 'Nilai tidak valid', en: issue.message || 'Invalid value' };
  }
}
