/** What the build ships: the first route's weight, no inline script (CSP), and both dictionaries whole. */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { en } from '../src/i18n/en.js';
import { id } from '../src/i18n/id.js';

const dist = process.env.KOPDES_E2E_DIST ?? fileURLToPath(new URL('../dist/', import.meta.url));
type Chunk = { file: string; imports?: string[]; css?: string[]; isEntry?: boolean };
const manifest = JSON.parse(fs.readFileSync(path.join(dist, '.vite/manifest.json'), 'utf8')) as Record<string, Chunk>;
const gzip = (file: string) => zlib.gzipSync(fs.readFileSync(path.join(dist, file)), { level: 9 }).length;

/** Every chunk a page needs: the entry, the page's lazy chunk, and all they import statically. */
function routeFiles(page: string): string[] {
  const seen = new Set<string>();
  const walk = (k: string) => {
    if (seen.has(k)) return;
    seen.add(k);
    for (const i of manifest[k]!.imports ?? []) walk(i);
  };
  walk(Object.keys(manifest).find((k) => manifest[k]!.isEntry)!);
  walk(Object.keys(manifest).find((k) => k.endsWith(`/${page}.tsx`))!);
  return [...seen].map((k) => manifest[k]!.file);
}

describe('the build', () => {
  test.each(['SignInPage', 'HomePage'])('the first route (%s) stays under 300 KB of gzip JavaScript', (page) => {
    const kb = routeFiles(page).reduce((s, f) => s + gzip(f), 0) / 1024;
    console.log(`first route ${page}: ${kb.toFixed(1)} KB gzip JS`);
    expect(kb).toBeLessThan(300);
  });

  test('index.html loads scripts only from files (the CSP allows no inline script) and nothing from elsewhere', () => {
    const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs, body] of scripts) {
      expect(attrs).toMatch(/src="\/assets\//);
      expect(body!.trim()).toBe('');
    }
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).toMatch(/<html lang="id">/);
  });

  test('assets are precompressed for the server to send as they are', () => {
    for (const f of routeFiles('SignInPage').filter((f) => fs.statSync(path.join(dist, f)).size >= 1024)) {
      expect(fs.existsSync(path.join(dist, `${f}.gz`)), f).toBe(true);
      expect(fs.existsSync(path.join(dist, `${f}.br`)), f).toBe(true);
    }
  });
});

describe('the dictionaries', () => {
  const keys = (o: object, prefix = ''): string[] =>
    Object.entries(o).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : keys(v as object, `${prefix}${k}.`)));
  const base = (k: string) => k.replace(/_(one|other)$/, '');

  test('English has every Indonesian key and nothing the Indonesian lacks', () => {
    expect([...new Set(keys(en).map(base))].sort()).toEqual([...new Set(keys(id).map(base))].sort());
  });

  test('every {{placeholder}} of a text is in its translation too', () => {
    const flat = (o: object) => Object.fromEntries(keys(o).map((k) => [base(k), k.split('.').reduce((x: any, p) => x[p], o) as string]));
    const [fi, fe] = [flat(id), flat(en)];
    const holes = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    for (const k of Object.keys(fi)) expect(holes(fe[k]!), k).toEqual(holes(fi[k]!));
  });
});
