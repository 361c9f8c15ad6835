import { bigint, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { cooperatives } from '../modules/cooperatives/cooperatives.schema.js';

export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    principal: text('principal').notNull(),
    key: text('key').notNull(),
    method: text('method').notNull(),
    path: text('path').notNull(),
    requestHash: text('request_hash').notNull(),
    status: integer('status'),
    contentType: text('content_type'),
    body: text('body'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.principal, t.key] })],
);

export const numberSequences = pgTable(
  'number_sequences',
  {
    cooperativeId: text('cooperative_id')
      .notNull()
      .references(() => cooperatives.id),
    series: text('series').notNull(),
    lastValue: bigint('last_value', { mode: 'bigint' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.cooperativeId, t.series] })],
);
