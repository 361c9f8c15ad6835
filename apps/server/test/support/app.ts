/** The real app on a per-file database, driven in-process with `app.request`. */
import { createApp } from '../../src/app.js';
import { systemClock, type Clock } from '../../src/lib/clock.js';
import { testDatabase } from './db.js';
import type { Db } from '../../src/db/client.js';
import { SESSION_COOKIE } from '../../src/http/middleware.js';
import { insertSession } from '../../src/modules/auth/sessions.repository.js';
import { newSecret, sha256 } from '../../src/lib/tokens.js';

export type TestApp = Awaited<ReturnType<typeof testApp>>;

export async function testApp(opts: { clock?: Clock } = {}) {
  const database = await testDatabase();
  const app = createApp({ db: database.db, clock: opts.clock ?? systemClock, mode: 'external', bodyLimitBytes: 256 * 1024 });
  return { app, db: database.db, database };
}

export interface Reply<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** A signed-in (or anonymous) caller: keeps the session cookie and sends the CSRF token on writes. */
export class Client {
  constructor(
    readonly app: ReturnType<typeof createApp>,
    private cookie?: string,
    private csrf?: string,
    private bearer?: string,
  ) {}

  async request<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply<T>> {
    const h: Record<string, string> = { ...headers };
    if (this.cookie) h.cookie = this.cookie;
    if (this.csrf && method !== 'GET') h['x-csrf-token'] = this.csrf;
    if (this.bearer) h.authorization = `Bearer ${this.bearer}`;
    let payload: string | undefined;
    if (body !== undefined) {
      payload = typeof body === 'string' ? body : JSON.stringify(body);
      h['content-type'] ??= 'application/json';
    }
    const res = await this.app.request(path, { method, headers: h, body: payload });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON */
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  get = <T = any>(path: string, headers?: Record<string, string>) => this.request<T>('GET', path, undefined, headers);
  post = <T = any>(path: string, body?: unknown, headers?: Record<string, string>) => this.request<T>('POST', path, body ?? {}, headers);
  put = <T = any>(path: string, body?: unknown, headers?: Record<string, string>) => this.request<T>('PUT', path, body ?? {}, headers);
  patch = <T = any>(path: string, body?: unknown, headers?: Record<string, string>) => this.request<T>('PATCH', path, body ?? {}, headers);
  delete = <T = any>(path: string, headers?: Record<string, string>) => this.request<T>('DELETE', path, undefined, headers);

  static token(app: ReturnType<typeof createApp>, secret: string) {
    return new Client(app, undefined, undefined, secret);
  }
}

export async function signIn(app: ReturnType<typeof createApp>, identifier: string, password: string): Promise<Client> {
  const res = await app.request('/api/auth/sign-in', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ identifier, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in failed for ${identifier}: ${res.status} ${await res.text()}`);
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  const me = (await res.json()) as { csrfToken: string };
  return new Client(app, cookie, me.csrfToken);
}

/**
 * A new session for a user, made as sign-in makes one but without the password check (each scrypt
 * check costs about a second): for replacing a session a test ended, or for an extra one.
 */
export async function sessionFor(app: ReturnType<typeof createApp>, db: Db, userId: string, clock: Clock = systemClock): Promise<Client> {
  const token = newSecret();
  const csrf = newSecret(18);
  const now = clock.now();
  await insertSession(db, {
    id: sha256(token),
    userId,
    csrfToken: csrf,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + 12 * 3600_000),
    ip: null,
    userAgent: 'test',
  });
  return new Client(app, `${SESSION_COOKIE}=${token}`, csrf);
}
