import { jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { cooperatives } from '../cooperatives/cooperatives.schema.js';

const columns = {
  id: text('id').notNull(),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  actorId: text('actor_id'),
  actorLabel: text('actor_label').notNull(),
  action: text('action').notNull(),
  entityType: text('entity_type').notNull(),
  entityId: text('entity_id'),
  changes: jsonb('changes'),
  requestId: text('request_id'),
};

export const auditLog = pgTable(
  'audit_log',
  {
    cooperativeId: text('cooperative_id')
      .notNull()
      .references(() => cooperatives.id),
    ...columns,
  },
  (t) => [primaryKey({ columns: [t.cooperativeId, t.id] })],
);

export const platformAuditLog = pgTable('platform_audit_log', { ...columns, id: text('id').primaryKey() });
