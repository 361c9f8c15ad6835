/**
 * Real entities for the path parameters of the API, one entry per parameter name. The access and
 * malformed suites fill `{userId}`, `{tokenId}`, … of every route of the OpenAPI document from
 * here; a route whose parameter has no entry fails those suites until one is added.
 *
 * Adding one (a module's factory creates the entity in the given cooperative):
 *   memberId: { tenant: true, make: async ({ db, coopId }) => (await makeMember(db, coopId)).id },
 * `tenant: true` says the value belongs to one cooperative, so the suites also call cooperative
 * A's route with cooperative B's value and expect 404. Each call must return a fresh entity (or one
 * that stays valid however often the route is called): the suites call a route once per role.
 */
import type { Db } from '../../src/db/client.js';
import type { Clock } from '../../src/lib/clock.js';
import { makeApiToken, makeUser } from './factories.js';
import { makeMember, makeSavingsTransaction } from './members-factories.js';
import { makeJournalEntry } from './ledger-factories.js';
import * as produce from '../../src/modules/produce/tests/factories.js';
import * as network from './network.js';
import * as planning from '../../src/modules/planning/tests/factories.js';
import * as market from '../../src/modules/market/tests/factories.js';
import type { Operation } from './routes.js';

export interface FixtureContext {
  db: Db;
  clock: Clock;
  coopId: string;
  /** The user about to call the route, when one is signed in (self-service routes need their own data). */
  callerId?: string;
}

export interface ParamFixture {
  tenant: boolean;
  /** The entity must belong to the calling user (`ctx.callerId`), so each caller gets its own. */
  perCaller?: boolean;
  make(ctx: FixtureContext): Promise<string>;
}

export const ROUTE_FIXTURES: Record<string, ParamFixture> = {
  // Holds `petugas`, the value of {role}, so granting and revoking it both succeed.
  userId: { tenant: true, make: async ({ db, coopId }) => (await makeUser(db, coopId, ['anggota', 'petugas'])).id },
  role: { tenant: false, make: async () => 'petugas' },
  tokenId: { tenant: true, make: async ({ db, clock, coopId }) => (await makeApiToken(db, clock, coopId, ['coop.read'])).id },
  memberId: { tenant: true, make: async ({ db, coopId }) => (await makeMember(db, coopId)).id },
  entryId: { tenant: true, make: async ({ db, coopId }) => (await makeJournalEntry(db, coopId)).id },
  // Standard in every cooperative and never posted to by fixtures, so (de)activating it succeeds.
  accountCode: { tenant: false, make: async () => '6109' },
  unitCode: { tenant: false, make: async () => 'klinik' },
  month: { tenant: false, make: async () => '2024-01' },
  // Members and partners are plain ids on journal lines; another cooperative's id simply has no lines there.
  subsidiaryId: { tenant: false, make: async () => 'mbr_uji_subsidiary' },
  // Of the caller's own member record, so the self-service receipt route finds it too.
  transactionId: {
    tenant: true,
    perCaller: true,
    make: async ({ db, coopId, callerId }) => (await makeSavingsTransaction(db, coopId, { userId: callerId })).id,
  },
  commodityId: { tenant: true, make: ({ db, coopId }) => produce.makeCommodity(db, coopId) },
  packFormatId: { tenant: true, make: ({ db, coopId }) => produce.makePackFormat(db, coopId) },
  plotId: { tenant: true, make: async ({ db, coopId }) => (await produce.makeFarmer(db, coopId)).plotId },
  collectionPointId: { tenant: true, make: ({ db, coopId }) => produce.makeCollectionPoint(db, coopId) },
  locationId: { tenant: true, make: ({ db, coopId }) => produce.makeLocation(db, coopId) },
  intakeId: { tenant: true, make: async ({ db, coopId }) => (await produce.makeIntake(db, coopId)).id },
  lotId: { tenant: true, make: async ({ db, coopId }) => (await produce.makeIntake(db, coopId)).lots[0]!.lotId },
  stockDocumentId: { tenant: true, make: async ({ db, coopId }) => (await produce.makePacking(db, coopId)).id },
  payoutRunId: { tenant: true, make: async ({ db, coopId }) => (await produce.makePayoutRun(db, coopId)).id! },
  payoutId: { tenant: true, make: async ({ db, coopId }) => (await produce.makePayoutRun(db, coopId)).payouts[0]!.id! },
  // A fresh open credit purchase from a fresh supplier each call: it can be paid or voided once.
  purchaseId: { tenant: true, make: async ({ db, coopId }) => (await produce.makePurchase(db, coopId)).id },
  partnershipId: { tenant: true, make: async ({ db, clock, coopId }) => (await network.makePartnership(db, clock, coopId)).id },
  partnershipDocumentId: { tenant: true, make: async ({ db, clock, coopId }) => (await network.makeDocument(db, clock, coopId)).id },
  networkParticipantId: { tenant: true, make: async ({ db, clock, coopId }) => (await network.makeParticipant(db, clock, coopId)).id },
  actionItemId: { tenant: true, make: async ({ db, clock, coopId }) => (await network.makeActionItem(db, clock, coopId)).id },
  networkProgrammeId: {
    tenant: false,
    make: async ({ db, clock }) => (await network.makeBatch(db, network.todayOfClock(clock))).programmeId,
  },
  networkBatchId: { tenant: false, make: async ({ db, clock }) => (await network.makeBatch(db, network.todayOfClock(clock))).id },
  networkSessionId: { tenant: false, make: async ({ db, clock }) => (await network.makeSession(db, clock)).id },
  cropCode: { tenant: true, make: ({ db, coopId }) => planning.makeCrop(db, coopId) },
  planningFarmerId: { tenant: true, make: ({ db, coopId }) => planning.makePlanningFarmer(db, coopId) },
  capacityPlotId: { tenant: true, make: ({ db, coopId }) => planning.makeCapacityPlot(db, coopId) },
  // One solved season per cooperative, reused: solving runs the real solver.
  planningSeasonId: { tenant: true, make: async ({ db, coopId }) => (await planning.makeSolvedSeason(db, coopId)).seasonId },
  partnerId: { tenant: true, make: async ({ db, coopId }) => (await market.makePartner(db, coopId)).id },
  storeId: { tenant: true, make: async ({ db, coopId }) => (await market.makePartner(db, coopId)).stores[0]!.id },
  contractId: { tenant: true, make: async ({ db, coopId }) => (await market.makeContracted(db, coopId)).contractId },
  purchaseOrderId: { tenant: true, make: async ({ db, coopId }) => (await market.makePurchaseOrder(db, coopId)).purchaseOrderId },
  deliveryId: { tenant: true, make: async ({ db, coopId }) => (await market.makeDelivery(db, coopId)).deliveryId },
  invoiceId: { tenant: true, make: async ({ db, coopId }) => (await market.makeInvoice(db, coopId)).invoiceId },
  paymentId: { tenant: true, make: async ({ db, coopId }) => (await market.makePayment(db, coopId)).paymentId },
  deliveryRouteId: { tenant: true, make: async ({ db, coopId }) => (await market.makeDeliveryRoute(db, coopId)).deliveryRouteId },
  planningPlanId: { tenant: true, make: async ({ db, coopId }) => (await planning.makeSolvedSeason(db, coopId)).planId },
  plantingId: { tenant: true, make: ({ db, coopId }) => planning.makePlanting(db, coopId) },
};

export function fixtureFor(param: string, op: Operation): ParamFixture {
  const f = ROUTE_FIXTURES[param];
  if (!f) {
    throw new Error(
      `No fixture for the path parameter {${param}} of ${op.id}. Add an entry "${param}" to ROUTE_FIXTURES in ` +
        `apps/server/test/support/route-fixtures.ts that creates a real ${param} in the given cooperative, ` +
        `so the tenancy, role and malformed-input suites can call this route.`,
    );
  }
  return f;
}

/** Values for every path parameter of the operation: `coopId` is the context's cooperative. */
export async function pathValues(op: Operation, ctx: FixtureContext): Promise<Record<string, string>> {
  const values: Record<string, string> = { coopId: ctx.coopId };
  for (const p of op.pathParams) if (p.name !== 'coopId') values[p.name] = await fixtureFor(p.name, op).make(ctx);
  return values;
}

/** The names of the operation's parameters whose values belong to one cooperative. */
export const tenantParams = (op: Operation) => op.pathParams.filter((p) => p.name !== 'coopId' && fixtureFor(p.name, op).tenant);
