import { date, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

export const farmerGroups = pgTable(
  'farmer_groups',
  {
    cooperativeId: text('cooperative_id').notNull(),
    id: text('id').notNull(),
    name: text('name').notNull(),
    villageCode: text('village_code'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.cooperativeId, t.id] })],
);

export const members = pgTable(
  'members',
  {
    cooperativeId: text('cooperative_id').notNull(),
    id: text('id').notNull(),
    number: integer('number').notNull(),
    nik: text('nik').notNull(),
    fullName: text('full_name').notNull(),
    sex: text('sex').notNull(),
    birthPlace: text('birth_place'),
    birthDate: date('birth_date').notNull(),
    address: text('address'),
    villageCode: text('village_code').notNull(),
    phone: text('phone'),
    occupation: text('occupation').notNull(),
    occupationDetail: text('occupation_detail'),
    farmerGroupId: text('farmer_group_id'),
    joinDate: date('join_date').notNull(),
    status: text('status').notNull(),
    statusDate: date('status_date').notNull(),
    statusReason: text('status_reason'),
    userId: text('user_id'),
    notes: text('notes'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.cooperativeId, t.id] })],
);

export const memberStatusChanges = pgTable(
  'member_status_changes',
  {
    cooperativeId: text('cooperative_id').notNull(),
    id: text('id').notNull(),
    memberId: text('member_id').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    effectiveDate: date('effective_date').notNull(),
    reason: text('reason'),
    actorId: text('actor_id'),
    actorLabel: text('actor_label').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.cooperativeId, t.id] })],
);
