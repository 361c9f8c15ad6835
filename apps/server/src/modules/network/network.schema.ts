import { bigint, boolean, customType, date, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

// Mirrors db/migrations/0005_network.sql; checks, foreign keys and triggers live there.

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });
const day = (name: string) => date(name, { mode: 'string' });
const instant = (name: string) => timestamp(name, { withTimezone: true });

export const networkProfiles = pgTable('network_profiles', {
  cooperativeId: text('cooperative_id').primaryKey(),
  villageCode: text('village_code').notNull(),
  regencyCode: text('regency_code').notNull(),
  provinceCode: text('province_code').notNull(),
  formationModel: text('formation_model'),
  legalEntityDate: day('legal_entity_date'),
  nib: text('nib'),
  npwp: text('npwp'),
  businessUnits: text('business_units').array().notNull().default([]),
  governanceIssues: text('governance_issues').array().notNull().default([]),
  synthetic: boolean('synthetic').notNull().default(false),
  createdAt: instant('created_at').notNull().defaultNow(),
  updatedAt: instant('updated_at').notNull().defaultNow(),
});

export const networkOfficers = pgTable(
  'network_officers',
  {
    cooperativeId: text('cooperative_id').notNull(),
    id: text('id').notNull(),
    body: text('body').notNull(),
    position: text('position').notNull(),
    fullName: text('full_name').notNull(),
    sex: text('sex').notNull(),
    isVillageHead: boolean('is_village_head').notNull().default(false),
    phone: text('phone'),
    startedOn: day('started_on'),
    endedOn: day('ended_on'),
  },
  (t) => [primaryKey({ columns: [t.cooperativeId, t.id] })],
);

export const networkFamilyTies = pgTable(
  'network_family_ties',
  {
    cooperativeId: text('cooperative_id').notNull(),
    officerA: text('officer_a').notNull(),
    officerB: text('officer_b').notNull(),
    relation: text('relation').notNull(),
  },
  (t) => [primaryKey({ columns: [t.cooperativeId, t.officerA, t.officerB] })],
);

export const networkRatMeetings = pgTable(
  'network_rat_meetings',
  {
    cooperativeId: text('cooperative_id').notNull(),
    financialYear: integer('financial_year').notNull(),
    heldOn: day('held_on').notNull(),
  },
  (t) => [primaryKey({ columns: [t.cooperativeId, t.financialYear] })],
);

export const networkPartners = pgTable('network_partners', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  kind: text('kind').notNull(),
  mentorCooperativeId: text('mentor_cooperative_id'),
  contactName: text('contact_name'),
  contactPhone: text('contact_phone'),
  createdAt: instant('created_at').notNull().defaultNow(),
});

export const networkPartnerships = pgTable(
  'network_partnerships',
  {
    cooperativeId: text('cooperative_id').notNull(),
    id: text('id').notNull(),
    partnerId: text('partner_id').notNull(),
    type: text('type').notNull(),
    stage: text('stage').notNull(),
    commodity: text('commodity'),
    agreedVolumeGrams: bigint('agreed_volume_grams', { mode: 'bigint' }),
    volumePeriod: text('volume_period'),
    agreedAmount: bigint('agreed_amount', { mode: 'bigint' }),
    startsOn: day('starts_on'),
    endsOn: day('ends_on'),
    activeSince: day('active_since'),
    endedOn: day('ended_on'),
    notes: text('notes'),
    createdAt: instant('created_at').notNull().defaultNow(),
    updatedAt: instant('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.cooperativeId, t.id] })],
);

export const networkPartnershipEvents = pgTable(
  'network_partnership_events',
  {
    cooperativeId: text('cooperative_id').notNull(),
    id: text('id').notNull(),
    partnershipId: text('partnership_id').notNull(),
    fromStage: text('from_stage'),
    toStage: text('to_stage').notNull(),
    onDate: day('on_date').notNull(),
    note: text('note'),
    actorLabel: text('actor_label').notNull(),
    at: instant('at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.cooperativeId, t.id] })],
);

export const networkPartnershipDocuments = pgTable(
  'network_partnership_documents',
  {
    cooperativeId: text('cooperative_id').notNull(),
    id: text('id').notNull(),
    partnershipId: text('partnership_id').notNull(),
    title: text('title').notNull(),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: text('sha256').notNull(),
    content: bytea('content').notNull(),
    uploadedBy: text('uploaded_by').notNull(),
    uploadedAt: instant('uploaded_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.cooperativeId, t.id] })],
);

export const networkHosts = pgTable('network_hosts', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  sector: text('sector').notNull(),
  villageCode: text('village_code'),
  location: text('location').notNull(),
  cooperativeId: text('cooperative_id'),
  description: text('description'),
  createdAt: instant('created_at').notNull().defaultNow(),
});

export const networkProgrammes = pgTable('network_programmes', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  year: integer('year').notNull(),
  description: text('description'),
  minAttendancePct: integer('min_attendance_pct').notNull(),
  createdAt: instant('created_at').notNull().defaultNow(),
});

export const networkProgrammeHosts = pgTable(
  'network_programme_hosts',
  { programmeId: text('programme_id').notNull(), hostId: text('host_id').notNull() },
  (t) => [primaryKey({ columns: [t.programmeId, t.hostId] })],
);

export const networkBatches = pgTable('network_batches', {
  id: text('id').primaryKey(),
  programmeId: text('programme_id').notNull(),
  hostId: text('host_id').notNull(),
  number: integer('number').notNull(),
  name: text('name').notNull(),
  startsOn: day('starts_on').notNull(),
  endsOn: day('ends_on').notNull(),
  capacity: integer('capacity').notNull(),
  provinceCodes: text('province_codes').array().notNull(),
  createdAt: instant('created_at').notNull().defaultNow(),
});

export const networkParticipants = pgTable(
  'network_participants',
  {
    cooperativeId: text('cooperative_id').notNull(),
    id: text('id').notNull(),
    batchId: text('batch_id').notNull(),
    officerId: text('officer_id').notNull(),
    fullName: text('full_name').notNull(),
    position: text('position').notNull(),
    sex: text('sex').notNull(),
    provinceCode: text('province_code').notNull(),
    status: text('status').notNull(),
    statusReason: text('status_reason'),
    nominatedAt: instant('nominated_at').notNull().defaultNow(),
    completedOn: day('completed_on'),
    certificateNumber: text('certificate_number'),
  },
  (t) => [primaryKey({ columns: [t.cooperativeId, t.id] })],
);

export const networkSessions = pgTable('network_sessions', {
  id: text('id').primaryKey(),
  batchId: text('batch_id').notNull(),
  day: day('day').notNull(),
  startsAt: text('starts_at').notNull(),
  endsAt: text('ends_at').notNull(),
  title: text('title').notNull(),
  kind: text('kind').notNull(),
  location: text('location'),
  facilitator: text('facilitator'),
  competency: text('competency'),
});

export const networkAttendance = pgTable(
  'network_attendance',
  {
    cooperativeId: text('cooperative_id').notNull(),
    participantId: text('participant_id').notNull(),
    sessionId: text('session_id').notNull(),
    present: boolean('present').notNull(),
    note: text('note'),
    recordedAt: instant('recorded_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.cooperativeId, t.participantId, t.sessionId] })],
);

export const networkAssessments = pgTable(
  'network_assessments',
  {
    cooperativeId: text('cooperative_id').notNull(),
    participantId: text('participant_id').notNull(),
    competency: text('competency').notNull(),
    preTest: integer('pre_test'),
    postTest: integer('post_test'),
    mentorScore: integer('mentor_score'),
    mentorNote: text('mentor_note'),
    updatedAt: instant('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.cooperativeId, t.participantId, t.competency] })],
);

export const networkActionItems = pgTable(
  'network_action_items',
  {
    cooperativeId: text('cooperative_id').notNull(),
    id: text('id').notNull(),
    participantId: text('participant_id').notNull(),
    title: text('title').notNull(),
    measure: text('measure').notNull(),
    target: bigint('target', { mode: 'bigint' }).notNull(),
    startsOn: day('starts_on').notNull(),
    dueOn: day('due_on').notNull(),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.cooperativeId, t.id] })],
);

export const networkActionReports = pgTable(
  'network_action_reports',
  {
    cooperativeId: text('cooperative_id').notNull(),
    id: text('id').notNull(),
    itemId: text('item_id').notNull(),
    value: bigint('value', { mode: 'bigint' }).notNull(),
    asOf: day('as_of').notNull(),
    note: text('note'),
    reportedBy: text('reported_by').notNull(),
    at: instant('at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.cooperativeId, t.id] })],
);

export const networkManualReports = pgTable(
  'network_manual_reports',
  {
    cooperativeId: text('cooperative_id').notNull(),
    month: day('month').notNull(),
    members: integer('members'),
    savings: bigint('savings', { mode: 'bigint' }),
    intakeGrams: bigint('intake_grams', { mode: 'bigint' }),
    sales: bigint('sales', { mode: 'bigint' }),
    note: text('note'),
    reportedBy: text('reported_by').notNull(),
    updatedAt: instant('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.cooperativeId, t.month] })],
);

export const networkMonthlyStats = pgTable(
  'network_monthly_stats',
  {
    cooperativeId: text('cooperative_id').notNull(),
    month: day('month').notNull(),
    provinceCode: text('province_code').notNull(),
    regencyCode: text('regency_code').notNull(),
    cooperativeName: text('cooperative_name').notNull(),
    formed: boolean('formed').notNull(),
    operating: boolean('operating').notNull(),
    members: integer('members'),
    savings: bigint('savings', { mode: 'bigint' }),
    intakeGrams: bigint('intake_grams', { mode: 'bigint' }),
    sales: bigint('sales', { mode: 'bigint' }),
    activeUnits: integer('active_units').notNull(),
    partnersActive: integer('partners_active').notNull(),
    alumni: integer('alumni').notNull(),
    sources: jsonb('sources').notNull().default({}),
    synthetic: boolean('synthetic').notNull().default(false),
    refreshedAt: instant('refreshed_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.cooperativeId, t.month] })],
);

export const networkAreaStats = pgTable(
  'network_area_stats',
  {
    level: text('level').notNull(),
    areaCode: text('area_code').notNull(),
    parentCode: text('parent_code').notNull(),
    month: day('month').notNull(),
    cooperatives: integer('cooperatives').notNull(),
    formed: integer('formed').notNull(),
    operating: integer('operating').notNull(),
    members: bigint('members', { mode: 'bigint' }).notNull(),
    savings: bigint('savings', { mode: 'bigint' }).notNull(),
    intakeGrams: bigint('intake_grams', { mode: 'bigint' }).notNull(),
    sales: bigint('sales', { mode: 'bigint' }).notNull(),
    activeUnits: bigint('active_units', { mode: 'bigint' }).notNull(),
    partnersActive: bigint('partners_active', { mode: 'bigint' }).notNull(),
    alumni: integer('alumni').notNull(),
    alumniCooperatives: integer('alumni_cooperatives').notNull(),
    alumniOperating: integer('alumni_operating').notNull(),
    synthetic: integer('synthetic').notNull(),
    refreshedAt: instant('refreshed_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.level, t.areaCode, t.month] })],
);
