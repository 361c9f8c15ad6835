/**
 * Process entry: picks the database (external via DATABASE_URL, or the embedded one under the data
 * directory), migrates it, optionally seeds the demo, serves HTTP, and shuts everything down cleanly
 * on SIGINT/SIGTERM.
 */
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { createApp } from './app.js';
import { connect, type Database } from './db/client.js';
import { startEmbedded, type EmbeddedDb } from './db/embedded.js';
import { ensureDatabase, migrate } from './db/migrate.js';
import { purgeOldKeys } from './http/idempotency.js';
import { systemClock } from './lib/clock.js';
import type { Config } from './config.js';
import { logger } from './lib/logger.js';

export interface Running {
  url: string;
  database: Database;
  databaseUrl: string;
  stop(): Promise<void>;
}

/** Open the configured database (starting the embedded server if needed) and migrate it. */
export async function openDatabase(config: Config): Promise<{ url: string; embedded?: EmbeddedDb; mode: 'embedded' | 'external' }> {
  if (config.databaseUrl) {
    await migrate(config.databaseUrl);
    return { url: config.databaseUrl, mode: 'external' };
  }
  const embedded = await startEmbedded(config.dataDir);
  try {
    const url = await ensureDatabase(embedded.url, 'kopdes');
    await migrate(url);
    return { url, embedded, mode: 'embedded' };
  } catch (e) {
    await embedded.stop();
    throw e;
  }
}

export async function startServer(config: Config, hooks: { afterMigrate?: (db: Database) => Promise<void> } = {}): Promise<Running> {
  const opened = await openDatabase(config);
  const database = connect(opened.url);
  try {
    await hooks.afterMigrate?.(database);
  } catch (e) {
    await database.close();
    await opened.embedded?.stop();
    throw e;
  }
  const app = createApp({
    db: database.db,
    clock: systemClock,
    mode: opened.mode,
    bodyLimitBytes: config.bodyLimitBytes,
    secureCookies: config.publicOrigin?.startsWith('https://') ?? false,
    webDist: config.webDist,
  });
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  const purge = setInterval(() => void purgeOldKeys(database.db, new Date()).catch(() => undefined), 3600_000);
  purge.unref();
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      clearInterval(purge);
      await new Promise<void>((r) => server.close(() => r()));
      await database.close();
      await opened.embedded?.stop();
    })());
  logger.info({ port, mode: opened.mode }, 'kopdes is listening');
  return { url: `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`, database, databaseUrl: opened.url, stop };
}
