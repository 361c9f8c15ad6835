import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export const cooperatives = pgTable('cooperatives', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  legalEntityNumber: text('legal_entity_number'),
  villageCode: text('village_code').notNull(),
  timeZone: text('time_zone').notNull(),
  address: text('address'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
