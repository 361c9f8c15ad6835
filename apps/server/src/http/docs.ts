/**
 * The browsable API reference at /api/docs, served from the swagger-ui-dist package so it works
 * in a village office without internet (no CDN), under the same strict CSP as the app.
 */
import type { Hono } from 'hono';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { Env } from './context.js';

const ASSETS = new Set(['swagger-ui.css', 'swagger-ui-bundle.js', 'swagger-ui-standalone-preset.js', 'favicon-32x32.png']);
const TYPES: Record<string, string> = { css: 'text/css', js: 'text/javascript', png: 'image/png' };

const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>kopdes API</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/api/docs/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/api/docs/swagger-ui-bundle.js"></script><script src="/api/docs/init.js"></script></body></html>`;

const INIT = `window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#swagger-ui', deepLinking: true });`;

export function mountDocs(app: Hono<Env>) {
  const dir = path.dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
  app.get('/api/docs', (c) => c.html(PAGE));
  app.get('/api/docs/init.js', (c) => c.body(INIT, 200, { 'content-type': 'text/javascript' }));
  app.get('/api/docs/:file', (c) => {
    const file = c.req.param('file');
    if (!ASSETS.has(file)) return c.notFound();
    const type = TYPES[file.split('.').pop()!]!;
    return c.body(fs.readFileSync(path.join(dir, file)), 200, { 'content-type': type, 'cache-control': 'public, max-age=86400' });
  });
}
