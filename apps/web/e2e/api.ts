/** A signed-in API caller for setting up browser tests (cookie + CSRF, like the web app). */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { DEMO_PASSWORD } from './browser.js';

export interface Session {
  me: any;
  get(path: string): Promise<any>;
  send(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }>;
}

export async function apiSignIn(base: string, identifier: string, password = DEMO_PASSWORD): Promise<Session> {
  const res = await fetch(`${base}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ identifier, password }),
  });
  if (!res.ok) throw new Error(`sign-in of ${identifier} failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const me = await res.json();
  const send = async (method: string, path: string, body?: unknown) => {
    const r = await fetch(`${base}${path}`, {
      method,
      headers: { cookie, 'x-csrf-token': me.csrfToken, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    return { status: r.status, body: text ? JSON.parse(text) : undefined };
  };
  return {
    me,
    send,
    async get(path) {
      const r = await send('GET', path);
      if (r.status !== 200) throw new Error(`GET ${path}: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body;
    },
  };
}

/** Sign-in attempts that fail on purpose, to reach the throttle. */
export async function failSignIns(base: string, identifier: string, times: number) {
  for (let i = 0; i < times; i++) {
    await fetch(`${base}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ identifier, password: 'salah-sandi-sekali' }),
    });
  }
}

const repo = fileURLToPath(new URL('../../../', import.meta.url));

/** Runs the `kopdes` command against the running server's database. */
export async function kopdes(serverEnv: Record<string, string>, ...args: string[]): Promise<string> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...serverEnv, LOG_LEVEL: 'warn' };
  if (!serverEnv.DATABASE_URL) delete env.DATABASE_URL;
  const { stdout } = await promisify(execFile)(process.execPath, ['apps/server/bin/kopdes.js', ...args], { cwd: repo, env });
  return stdout;
}
