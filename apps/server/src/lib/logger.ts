import pino from 'pino';

/** One JSON line per event; request handlers log through a child carrying the request id. */
export const logger = pino({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'silent' : 'info'),
  base: { app: 'kopdes' },
  redact: ['password', 'req.headers.cookie', 'req.headers.authorization'],
});

export type Logger = pino.Logger;
