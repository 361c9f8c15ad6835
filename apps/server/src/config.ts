import path from 'node:path';

/** Everything the process reads from its environment, parsed once. See README "Configuration". */
export interface Config {
  databaseUrl: string | undefined;
  dataDir: string;
  host: string;
  port: number;
  /** Set when served behind https so cookies get `Secure`. */
  publicOrigin: string | undefined;
  webDist: string;
  bodyLimitBytes: number;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = env.PORT ? Number(env.PORT) : 3000;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(env.KOPDES_DATA_DIR ?? 'data'),
    host: env.HOST ?? '127.0.0.1',
    port,
    publicOrigin: env.KOPDES_PUBLIC_ORIGIN || undefined,
    webDist: path.resolve(env.KOPDES_WEB_DIST ?? new URL('../../web/dist', import.meta.url).pathname),
    bodyLimitBytes: Number(env.KOPDES_BODY_LIMIT ?? 1024 * 1024),
  };
}
