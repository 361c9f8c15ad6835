import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import {
  networkAssessments,
  networkAttendance,
  networkBatches,
  networkHosts,
  networkParticipants,
  networkProgrammeHosts,
  networkProgrammes,
  networkSessions,
} from './network.schema.js';

export type HostRow = typeof networkHosts.$inferSelect;
export type ProgrammeRow = typeof networkProgrammes.$inferSelect;
export type BatchRow = typeof networkBatches.$inferSelect;
export type ParticipantRow = typeof networkParticipants.$inferSelect;
export type SessionRow = typeof networkSessions.$inferSelect;

const first = <T>(rows: T[]) => rows[0];

// ── hosts and programmes ────────────────────────────────────────────────────────────────────

export const insertHost = (db: Db, row: typeof networkHosts.$inferInsert) => db.insert(networkHosts).values(row).returning().then(first);
export const listHosts = (db: Db) => db.select().from(networkHosts).orderBy(asc(networkHosts.name));
export const findHost = (db: Db, id: string) => db.select().from(networkHosts).where(eq(networkHosts.id, id)).then(first);
export const findHostByName = (db: Db, name: string) =>
  db
    .select()
    .from(networkHosts)
    .where(sql`lower(${networkHosts.name}) = lower(${name})`)
    .then(first);
export const hostsByIds = (db: Db, ids: string[]) =>
  ids.length ? db.select().from(networkHosts).where(inArray(networkHosts.id, ids)) : Promise.resolve([]);

export const insertProgramme = (db: Db, row: typeof networkProgrammes.$inferInsert) =>
  db.insert(networkProgrammes).values(row).returning().then(first);
export const listProgrammes = (db: Db) =>
  db.select().from(networkProgrammes).orderBy(asc(networkProgrammes.year), asc(networkProgrammes.id));
export const findProgramme = (db: Db, id: string) => db.select().from(networkProgrammes).where(eq(networkProgrammes.id, id)).then(first);
export const findProgrammeByName = (db: Db, name: string) =>
  db.select().from(networkProgrammes).where(eq(networkProgrammes.name, name)).then(first);
export const insertProgrammeHosts = (db: Db, programmeId: string, hostIds: string[]) =>
  db.insert(networkProgrammeHosts).values(hostIds.map((hostId) => ({ programmeId, hostId })));
export const hostIdsOf = (db: Db, programmeId: string) =>
  db
    .select({ hostId: networkProgrammeHosts.hostId })
    .from(networkProgrammeHosts)
    .where(eq(networkProgrammeHosts.programmeId, programmeId))
    .then((r) => r.map((x) => x.hostId));

export const programmeCounts = (db: Db) =>
  db
    .select({
      programmeId: networkBatches.programmeId,
      batches: sql<number>`count(DISTINCT ${networkBatches.id})::int`,
      participants: sql<number>`count(${networkParticipants.id}) FILTER (WHERE ${networkParticipants.status} NOT IN ('rejected', 'withdrawn'))::int`,
      completed: sql<number>`count(${networkParticipants.id}) FILTER (WHERE ${networkParticipants.status} = 'completed')::int`,
    })
    .from(networkBatches)
    .leftJoin(networkParticipants, eq(networkParticipants.batchId, networkBatches.id))
    .groupBy(networkBatches.programmeId);

// ── batches ─────────────────────────────────────────────────────────────────────────────────

export const insertBatch = (db: Db, row: typeof networkBatches.$inferInsert) => db.insert(networkBatches).values(row);
export const findBatch = (db: Db, id: string, lock = false) => {
  const q = db.select().from(networkBatches).where(eq(networkBatches.id, id));
  return (lock ? q.for('update') : q).then(first);
};
export const batchesOf = (db: Db, programmeId?: string) =>
  db
    .select()
    .from(networkBatches)
    .where(programmeId ? eq(networkBatches.programmeId, programmeId) : undefined)
    .orderBy(asc(networkBatches.startsOn), asc(networkBatches.number));
export const updateBatch = (db: Db, id: string, set: Partial<typeof networkBatches.$inferInsert>) =>
  db.update(networkBatches).set(set).where(eq(networkBatches.id, id));

export const statusCounts = (db: Db, batchIds: string[]) =>
  batchIds.length
    ? db
        .select({ batchId: networkParticipants.batchId, status: networkParticipants.status, n: sql<number>`count(*)::int` })
        .from(networkParticipants)
        .where(inArray(networkParticipants.batchId, batchIds))
        .groupBy(networkParticipants.batchId, networkParticipants.status)
    : Promise.resolve([]);
export const sessionCounts = (db: Db, batchIds: string[]) =>
  batchIds.length
    ? db
        .select({ batchId: networkSessions.batchId, n: sql<number>`count(*)::int` })
        .from(networkSessions)
        .where(inArray(networkSessions.batchId, batchIds))
        .groupBy(networkSessions.batchId)
    : Promise.resolve([]);

// ── participants ────────────────────────────────────────────────────────────────────────────

export const SEATED = ['accepted', 'attending', 'completed'];
export const ACTIVE_STATUSES = ['nominated', 'accepted', 'attending', 'completed'];

export const insertParticipant = (db: Db, row: typeof networkParticipants.$inferInsert) => db.insert(networkParticipants).values(row);
export const findParticipant = (db: Db, id: string, cooperativeId?: string, lock = false) => {
  const q = db
    .select()
    .from(networkParticipants)
    .where(and(eq(networkParticipants.id, id), cooperativeId ? eq(networkParticipants.cooperativeId, cooperativeId) : undefined));
  return (lock ? q.for('update') : q).then(first);
};
export const participantsOfBatch = (db: Db, batchId: string) =>
  db.select().from(networkParticipants).where(eq(networkParticipants.batchId, batchId)).orderBy(asc(networkParticipants.id));
export const participantsOfCoop = (db: Db, cooperativeId: string) =>
  db.select().from(networkParticipants).where(eq(networkParticipants.cooperativeId, cooperativeId)).orderBy(asc(networkParticipants.id));
export const completedParticipants = (db: Db) =>
  db
    .select({ p: networkParticipants, b: networkBatches, hostName: networkHosts.name })
    .from(networkParticipants)
    .innerJoin(networkBatches, eq(networkBatches.id, networkParticipants.batchId))
    .innerJoin(networkHosts, eq(networkHosts.id, networkBatches.hostId))
    .where(eq(networkParticipants.status, 'completed'))
    .orderBy(asc(networkBatches.startsOn), asc(networkParticipants.id));

export const findPlace = (db: Db, batchId: string, cooperativeId: string, officerId: string) =>
  db
    .select({ id: networkParticipants.id })
    .from(networkParticipants)
    .where(
      and(
        eq(networkParticipants.batchId, batchId),
        eq(networkParticipants.cooperativeId, cooperativeId),
        eq(networkParticipants.officerId, officerId),
      ),
    )
    .then(first);

export const seatedCount = (db: Db, batchId: string) =>
  db
    .select({ n: sql<number>`count(*)::int` })
    .from(networkParticipants)
    .where(and(eq(networkParticipants.batchId, batchId), inArray(networkParticipants.status, SEATED)))
    .then((r) => r[0]?.n ?? 0);

/** The same person's places in other batches whose dates overlap [startsOn, endsOn]. */
export const overlappingPlaces = (db: Db, cooperativeId: string, officerId: string, batchId: string, startsOn: string, endsOn: string) =>
  db
    .select({
      participantId: networkParticipants.id,
      batchName: networkBatches.name,
      startsOn: networkBatches.startsOn,
      endsOn: networkBatches.endsOn,
    })
    .from(networkParticipants)
    .innerJoin(networkBatches, eq(networkBatches.id, networkParticipants.batchId))
    .where(
      and(
        eq(networkParticipants.cooperativeId, cooperativeId),
        eq(networkParticipants.officerId, officerId),
        inArray(networkParticipants.status, ACTIVE_STATUSES),
        ne(networkBatches.id, batchId),
        sql`${networkBatches.startsOn} <= ${endsOn}`,
        sql`${networkBatches.endsOn} >= ${startsOn}`,
      ),
    );

export const updateParticipant = (db: Db, cooperativeId: string, id: string, set: Partial<typeof networkParticipants.$inferInsert>) =>
  db
    .update(networkParticipants)
    .set(set)
    .where(and(eq(networkParticipants.cooperativeId, cooperativeId), eq(networkParticipants.id, id)));

/** The batch's next certificate serial: gap-free, taken under the batch row's lock. */
export const certificatesIssued = (db: Db, batchId: string) =>
  db
    .select({ n: sql<number>`count(*)::int` })
    .from(networkParticipants)
    .where(and(eq(networkParticipants.batchId, batchId), sql`${networkParticipants.certificateNumber} IS NOT NULL`))
    .then((r) => r[0]?.n ?? 0);

// ── sessions and attendance ─────────────────────────────────────────────────────────────────

export const insertSession = (db: Db, row: typeof networkSessions.$inferInsert) => db.insert(networkSessions).values(row);
export const findSession = (db: Db, id: string) => db.select().from(networkSessions).where(eq(networkSessions.id, id)).then(first);
export const sessionsOf = (db: Db, batchId: string) =>
  db
    .select()
    .from(networkSessions)
    .where(eq(networkSessions.batchId, batchId))
    .orderBy(asc(networkSessions.day), asc(networkSessions.startsAt));

export const upsertAttendance = (db: Db, rows: (typeof networkAttendance.$inferInsert)[]) =>
  db
    .insert(networkAttendance)
    .values(rows)
    .onConflictDoUpdate({
      target: [networkAttendance.cooperativeId, networkAttendance.participantId, networkAttendance.sessionId],
      set: { present: sql`EXCLUDED.present`, note: sql`EXCLUDED.note`, recordedAt: new Date() },
    });
export const attendanceOfSession = (db: Db, sessionId: string) =>
  db.select().from(networkAttendance).where(eq(networkAttendance.sessionId, sessionId));
export const attendanceOfParticipant = (db: Db, cooperativeId: string, participantId: string) =>
  db
    .select()
    .from(networkAttendance)
    .where(and(eq(networkAttendance.cooperativeId, cooperativeId), eq(networkAttendance.participantId, participantId)));
export const presentCounts = (db: Db, batchId: string) =>
  db
    .select({
      participantId: networkAttendance.participantId,
      present: sql<number>`count(*) FILTER (WHERE ${networkAttendance.present})::int`,
    })
    .from(networkAttendance)
    .innerJoin(networkSessions, eq(networkSessions.id, networkAttendance.sessionId))
    .where(eq(networkSessions.batchId, batchId))
    .groupBy(networkAttendance.participantId);
export const sessionTallies = (db: Db, batchId: string) =>
  db
    .select({
      sessionId: networkAttendance.sessionId,
      present: sql<number>`count(*) FILTER (WHERE ${networkAttendance.present})::int`,
      absent: sql<number>`count(*) FILTER (WHERE NOT ${networkAttendance.present})::int`,
    })
    .from(networkAttendance)
    .innerJoin(networkSessions, eq(networkSessions.id, networkAttendance.sessionId))
    .where(eq(networkSessions.batchId, batchId))
    .groupBy(networkAttendance.sessionId);

// ── assessments ─────────────────────────────────────────────────────────────────────────────

export const assessmentOf = (db: Db, cooperativeId: string, participantId: string) =>
  db
    .select()
    .from(networkAssessments)
    .where(and(eq(networkAssessments.cooperativeId, cooperativeId), eq(networkAssessments.participantId, participantId)));
export const assessmentsOfBatch = (db: Db, participantIds: string[]) =>
  participantIds.length
    ? db.select().from(networkAssessments).where(inArray(networkAssessments.participantId, participantIds))
    : Promise.resolve([]);
export const upsertAssessment = (db: Db, row: typeof networkAssessments.$inferInsert) =>
  db
    .insert(networkAssessments)
    .values(row)
    .onConflictDoUpdate({
      target: [networkAssessments.cooperativeId, networkAssessments.participantId, networkAssessments.competency],
      set: {
        preTest: row.preTest,
        postTest: row.postTest,
        mentorScore: row.mentorScore,
        mentorNote: row.mentorNote,
        updatedAt: new Date(),
      },
    });
