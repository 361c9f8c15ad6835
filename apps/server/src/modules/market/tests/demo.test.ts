// The market demo as a user meets it: buyers of every kind with contracts, eight weeks of orders,
// deliveries, receiving with rejects, invoices and payments, so every report has real figures
// that agree with the ledger.
import { todayIn } from '@kopdes/shared/format';
import { ACCOUNTS } from '@kopdes/shared/ledger';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { demoDatabase } from '../../../../test/support/db.js';
import { accountBalance } from '../../ledger/ledger.service.js';
import { addDays } from '../../produce/common.js';
import { valuation } from '../../produce/stock.service.js';
import { ageing } from '../invoices.service.js';
import { marginReport } from '../margins.service.js';
import { fillRate } from '../orders.service.js';
import { listPartners } from '../partners.service.js';
import { reminders } from '../reminders.service.js';
import { invoiceTrace } from '../trace.service.js';

const { db, cooperativeId: coopId } = await demoDatabase();
const today = todayIn('Asia/Jakarta');
const from = addDays(today, -63);

const rows = async <T extends Record<string, unknown>>(q: ReturnType<typeof sql>) => (await db.execute<T>(q)).rows;

describe('the market demo', () => {
  it('has three modern retailers with several stores, a caterer, a school-meal kitchen, traders and the own outlet, each under contract', async () => {
    const partners = (await listPartners(db, coopId, { active: 'true' })).items;
    const kinds = partners.map((p) => p.kind);
    expect(kinds.filter((k) => k === 'modern_retail')).toHaveLength(3);
    for (const k of ['horeca', 'school_meal', 'own_outlet'] as const) expect(kinds).toContain(k);
    expect(kinds.filter((k) => k === 'trader').length).toBeGreaterThanOrEqual(2);
    expect(partners.filter((p) => p.kind === 'modern_retail').every((p) => p.stores.length >= 2)).toBe(true);
    const [c] = await rows<{ n: number }>(
      sql`SELECT count(DISTINCT partner_id)::int AS n FROM market_contracts WHERE cooperative_id = ${coopId}`,
    );
    // Every buyer is under contract; the cooperative bought from (the purchase demo) sells to us and has none.
    expect(c!.n).toBe(partners.filter((p) => p.kind !== 'cooperative').length);
    // Signed before the harvest (the planting plan is made from them), in force from the first delivery.
    const [v] = await rows<{ contracts: string[]; first: string }>(sql`
      SELECT array_agg(DISTINCT valid_from::text) AS contracts,
             (SELECT min(date)::text FROM produce_intakes WHERE cooperative_id = ${coopId}) AS first
      FROM market_contracts WHERE cooperative_id = ${coopId}`);
    expect(v!.contracts).toEqual([v!.first]);
  });

  it('has eight weeks of orders, deliveries on routes, receiving with rejects (some back in stock), invoices, a credit note and payments', async () => {
    const [n] = await rows<Record<string, number>>(sql`
      SELECT (SELECT count(DISTINCT date_trunc('week', delivery_date))::int FROM market_purchase_orders WHERE cooperative_id = ${coopId}) AS weeks,
             (SELECT count(*)::int FROM market_deliveries WHERE cooperative_id = ${coopId}) AS deliveries,
             (SELECT count(*)::int FROM market_receipts WHERE cooperative_id = ${coopId}) AS receipts,
             (SELECT count(*)::int FROM market_receipt_lines WHERE cooperative_id = ${coopId} AND rejected > 0) AS rejects,
             (SELECT count(*)::int FROM market_receipt_lines WHERE cooperative_id = ${coopId} AND return_lot_id IS NOT NULL) AS returned,
             (SELECT count(*)::int FROM market_routes WHERE cooperative_id = ${coopId}) AS routes,
             (SELECT count(*)::int FROM market_invoices WHERE cooperative_id = ${coopId} AND kind = 'invoice') AS invoices,
             (SELECT count(*)::int FROM market_invoices WHERE cooperative_id = ${coopId} AND kind = 'credit_note') AS credits,
             (SELECT count(*)::int FROM market_payments WHERE cooperative_id = ${coopId}) AS payments,
             (SELECT count(*)::int FROM market_deliveries WHERE cooperative_id = ${coopId} AND to_unit = 'gerai_sembako') AS outlet`);
    expect(n!.weeks).toBeGreaterThanOrEqual(8);
    expect(n!.deliveries).toBeGreaterThan(60);
    expect(n!.receipts).toBe(n!.deliveries);
    expect(n!.rejects).toBeGreaterThan(5);
    expect(n!.returned).toBeGreaterThan(0);
    expect(n!.routes).toBeGreaterThanOrEqual(14);
    expect(n!.invoices).toBeGreaterThan(30);
    expect(n!.credits).toBe(1);
    expect(n!.payments).toBeGreaterThan(20);
    expect(n!.outlet).toBeGreaterThan(0);
  });

  it('keeps the books: ageing equals the receivable, stock value the inventory, cash and bank stay positive', async () => {
    const age = await ageing(db, coopId, {});
    expect(age.agrees).toBe(true);
    expect(BigInt(age.totals.d1_30) + BigInt(age.totals.d31_60)).toBeGreaterThan(0n);
    expect(BigInt(age.totals.current)).toBeGreaterThan(0n);
    expect((await valuation(db, coopId, {})).agrees).toBe(true);
    expect(await accountBalance(db, coopId, { account: ACCOUNTS.KAS })).toBeGreaterThan(0n);
    expect(await accountBalance(db, coopId, { account: ACCOUNTS.BANK })).toBeGreaterThan(0n);
    expect(await accountBalance(db, coopId, { account: ACCOUNTS.PERSEDIAAN_GERAI, unit: 'gerai_sembako' })).toBeGreaterThan(0n);
  });

  it('shows overdue buyers to remind, fill rates below 100% where stock ran short, and a positive margin', async () => {
    const r = await reminders(db, coopId, {});
    expect(r.items.length).toBeGreaterThanOrEqual(2);
    const days = r.items.map((i) => i.maxDaysOverdue);
    expect(days).toEqual([...days].sort((a, b) => b - a));
    const fill = await fillRate(db, coopId, { from, to: today });
    expect(fill.rows.length).toBeGreaterThan(50);
    expect(fill.rows.some((x) => x.deliveredPermille < 1000)).toBe(true);
    expect(fill.rows.some((x) => x.acceptedPermille < x.deliveredPermille)).toBe(true);
    const m = await marginReport(db, coopId, { from, to: today });
    expect(BigInt(m.totals.revenue)).toBeGreaterThan(0n);
    expect(BigInt(m.totals.margin)).toBeGreaterThan(0n);
    expect(m.byPartner.length).toBeGreaterThanOrEqual(7);
  });

  it('traces what was invoiced back to the farmers who grew it', async () => {
    const [inv] = await rows<{ id: string }>(sql`
      SELECT id FROM market_invoices WHERE cooperative_id = ${coopId} AND kind = 'invoice' ORDER BY date, number LIMIT 1`);
    const t = await invoiceTrace(db, coopId, inv!.id);
    expect(t.lines.length).toBeGreaterThan(0);
    for (const l of t.lines) {
      expect(l.farmers.length, l.description).toBeGreaterThan(0);
      expect(l.farmers.reduce((s, f) => s + BigInt(f.quantity.base), 0n)).toBe(BigInt(l.accepted!.base));
    }
  });
});
