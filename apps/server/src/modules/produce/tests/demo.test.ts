import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { demoDatabase } from '../../../../test/support/db.js';
import { payables } from '../views.service.js';
import { valuation } from '../stock.service.js';
import { listPurchases } from '../purchases.service.js';
import { nearbyCooperatives } from '../../../workflows/nearby-cooperatives.js';

const { db, cooperativeId: coopId } = await demoDatabase();

const rows = async <T extends Record<string, unknown>>(q: ReturnType<typeof sql>) => (await db.execute<T>(q)).rows;

describe('the produce demo', () => {
  it('has eight weeks of twice-weekly intakes from the demo farmers, 3–6 tonnes a day, across 20 commodities', async () => {
    const days = await rows<{ date: string; tonnes: number; farmers: number; intakes: number }>(sql`
      SELECT date, sum(net) FILTER (WHERE unit = 'kg') / 1e6 AS tonnes, count(DISTINCT member_id)::int AS farmers, count(*)::int AS intakes
      FROM produce_intakes WHERE cooperative_id = ${coopId} GROUP BY date ORDER BY date`);
    expect(days.length).toBe(16);
    for (const d of days) {
      expect([1, 4]).toContain(new Date(`${d.date}T00:00:00Z`).getUTCDay());
      expect(Number(d.tonnes), d.date).toBeGreaterThanOrEqual(3);
      expect(Number(d.tonnes), d.date).toBeLessThanOrEqual(6);
    }
    const [c] = await rows<{ n: number }>(
      sql`SELECT count(DISTINCT commodity_id)::int AS n FROM produce_intakes WHERE cooperative_id = ${coopId}`,
    );
    expect(c!.n).toBe(20);
    const [j] = await rows<{ missing: number }>(sql`
      SELECT count(*)::int AS missing FROM produce_intakes i WHERE i.cooperative_id = ${coopId} AND i.amount > 0
        AND NOT EXISTS (SELECT 1 FROM journal_entries e WHERE e.cooperative_id = i.cooperative_id AND e.id = i.journal_entry_id
                        AND e.source_document_id = i.id)`);
    expect(j!.missing).toBe(0);
  });

  it('has packing, losses and transfers, and weekly payouts', async () => {
    const docs = await rows<{ kind: string; n: number }>(sql`
      SELECT kind, count(*)::int AS n FROM produce_stock_documents WHERE cooperative_id = ${coopId} GROUP BY kind ORDER BY kind`);
    const by = Object.fromEntries(docs.map((d) => [d.kind, d.n]));
    expect(by.packing).toBeGreaterThan(50);
    expect(by.loss).toBeGreaterThan(30);
    expect(by.transfer).toBeGreaterThan(50);
    const runs = await rows<{ pay_date: string }>(
      sql`SELECT pay_date FROM produce_payout_runs WHERE cooperative_id = ${coopId} ORDER BY pay_date`,
    );
    expect(runs.length).toBeGreaterThanOrEqual(7);
  });

  it('keeps the books: stock value equals the ledger, payables equal account 2102', async () => {
    const v = await valuation(db, coopId, {});
    expect(v.agrees).toBe(true);
    const p = await payables(db, coopId, {});
    expect(p.total).toBe(p.ledgerTotal);
  });

  it('bought potatoes from a cooperative nearby: one purchase paid by bank, one still owed, found in the directory', async () => {
    const list = await listPurchases(db, coopId, { limit: 50, offset: 0 });
    expect(list.items.map((p) => [p.supplier.name, p.commodity.code, p.status])).toEqual([
      ['Koperasi Desa Merah Putih Margamukti', 'KENTANG', 'open'],
      ['Koperasi Desa Merah Putih Margamukti', 'KENTANG', 'paid'],
    ]);
    expect(list.openAmount).toBe(list.items[0]!.amount);
    expect(list.items[1]!.paid?.method).toBe('bank');
    // The payable to the supplier in the ledger is what is still owed.
    const [owed] = await rows<{ balance: string }>(sql`
      SELECT coalesce(sum(l.credit - l.debit), 0)::text AS balance FROM journal_lines l
      WHERE l.cooperative_id = ${coopId} AND l.account = '2101' AND l.partner_id = ${list.items[0]!.supplier.partnerId}`);
    expect(owed!.balance).toBe(list.openAmount);
    const potato = list.items[0]!.commodity.id;
    const near = await nearbyCooperatives(db, coopId, { commodityId: potato, within: 'regency', limit: 30 }, 'id');
    const margamukti = near.items.find((c) => c.name === 'Koperasi Desa Merah Putih Margamukti');
    expect(margamukti).toMatchObject({ nearness: 'regency', agribusiness: true, partnerId: list.items[0]!.supplier.partnerId });
    expect(margamukti!.contact?.phone).toBeTruthy();
  });
});
