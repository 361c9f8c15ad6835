/**
 * The demo cooperative a new user meets on first start: Koperasi Desa Merah Putih Alamendah with
 * its board, supervisors, a clerk and a member as users, plus a ministry admin. Later modules add
 * their demo data here. Runs once: an existing demo cooperative is left as it is.
 */
import { todayIn } from '@kopdes/shared/format';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { SYSTEM_ACTOR } from '../../lib/actor.js';
import { hashPassword } from '../../lib/password.js';
import { platformAuditExists, recordPlatformAudit } from '../../modules/audit/audit.service.js';
import { createCooperative, findCooperativeByName } from '../../modules/cooperatives/cooperatives.service.js';
import { createUser, findUserByContact, grantRoleAsSystem } from '../../modules/auth/users.service.js';
import { DEMO_ADMIN, DEMO_COOP, DEMO_PASSWORD, DEMO_USERS } from './demo-users.js';
import { seedLedgerDemo } from './ledger-demo.js';
import { seedMarketContracts, seedMarketDemo } from './market-demo.js';
import { seedMembersDemo } from './members-demo.js';
import { seedNetworkDemo } from './network-demo.js';
import { seedPlanningDemo } from './planning-demo.js';
import { seedProduceIntakes, seedProduceSetup } from './produce-demo.js';
import { seedPurchaseDemo } from './purchase-demo.js';

/**
 * The cooperative and its people: quick, run before the server answers, so the demo sign-ins work
 * from the first second. The modules' demo data follows with `seedDemoModules`.
 */
export async function seedDemoPeople(db: Db): Promise<{ created: boolean; cooperativeId: string }> {
  const existing = await findCooperativeByName(db, DEMO_COOP.name);
  if (existing) return { created: false, cooperativeId: existing.id };
  // One scrypt run for all demo accounts: they share the demo password anyway.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return db.transaction(async (tx) => {
    const coop = await createCooperative(tx, SYSTEM_ACTOR, DEMO_COOP);
    for (const u of DEMO_USERS) {
      const id = (await findUserByContact(tx, { email: u.email }))?.id ?? (await createUser(tx, { ...u, passwordHash }));
      for (const role of u.roles) await grantRoleAsSystem(tx, coop.id, id, role);
    }
    if (!(await findUserByContact(tx, { email: DEMO_ADMIN.email }))) {
      await createUser(tx, { ...DEMO_ADMIN, passwordHash, platformRole: 'admin' });
    }
    return { created: true, cooperativeId: coop.id };
  });
}

const DEMO_MARK = 'demo.seeded';

/**
 * Months of books, members, harvests and the network programme for the demo cooperative, in one
 * transaction: all of it or none. The server runs it in the background after it starts listening
 * (it takes longer than a first start should wait); a start interrupted before it committed
 * simply seeds again next time.
 */
export async function seedDemoModules(db: Db, cooperativeId: string): Promise<boolean> {
  if (await platformAuditExists(db, DEMO_MARK, cooperativeId)) return false;
  await db.transaction(async (tx) => {
    const coop = { id: cooperativeId };
    await seedLedgerDemo(tx, coop.id);
    await seedMembersDemo(tx, coop.id);
    // Demand first, as Al-Ittifaq works: the buyers' contracts, the planting plan made from them,
    // the harvest that plan brought in (intakes, which are its actual harvest), then the sales.
    const produce = await seedProduceSetup(tx, coop.id);
    const buyers = await seedMarketContracts(tx, coop.id, produce.days[0]!);
    const plan = await seedPlanningDemo(tx, coop.id, produce.days);
    await seedProduceIntakes(tx, coop.id, produce, plan.harvest);
    await seedMarketDemo(tx, coop.id, buyers); // sells the intakes' packs and cold stock
    await seedNetworkDemo(tx, coop.id); // its roll-ups read what the others seeded
    // Potato fell short: bought from a cooperative nearby found in the registry (after the market's demo days).
    await seedPurchaseDemo(tx, coop.id, produce.days, todayIn(DEMO_COOP.timeZone));
    await recordPlatformAudit(tx, SYSTEM_ACTOR, { action: DEMO_MARK, entityType: 'cooperative', entityId: coop.id });
  });
  // Months of rows arrive in one transaction, before autovacuum has looked at the tables: fresh
  // statistics keep the first reports from being planned as if the tables were empty (under a second).
  await db.execute(sql`ANALYZE`);
  return true;
}

/** The whole demo at once (the `kopdes demo` command and tests). */
export async function seedDemo(db: Db): Promise<{ created: boolean; cooperativeId: string }> {
  const res = await seedDemoPeople(db);
  await seedDemoModules(db, res.cooperativeId);
  return res;
}
