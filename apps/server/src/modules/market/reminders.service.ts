/**
 * The reminders list: every partner with an invoice past its due date, with whom to call, how
 * long and how much is overdue, the most urgent first. The level follows the longest overdue
 * invoice: a friendly reminder up to 30 days, a second one up to 60, a final notice after that.
 */
import type { PartnerKind, ReminderLevel } from '@kopdes/shared/market';
import type { Db } from '../../db/client.js';
import { concurrentOnPool } from '../../db/concurrent.js';
import { daysBetween, todayOf } from '../produce/common.js';
import * as repo from './invoices.repository.js';
import * as partners from './partners.repository.js';

const levelOf = (days: number): ReminderLevel => (days > 60 ? 'final' : days > 30 ? 'second' : 'first');

export async function reminders(db: Db, cooperativeId: string, q: { asOf?: string }) {
  const asOf = q.asOf ?? (await todayOf(db, cooperativeId));
  const [invoices, pays] = await concurrentOnPool(
    db,
    () => repo.invoices(db, cooperativeId, { kind: 'invoice', asOf }),
    () => repo.payments(db, cooperativeId, { asOf }),
  );
  const open = invoices.map((i) => ({ i, open: i.amount - i.credited - i.paid })).filter((x) => x.open > 0n);
  const late = open.filter((x) => daysBetween(x.i.due_date, asOf) > 0);
  const ids = [...new Set(late.map((x) => x.i.partner_id))];
  const rows = ids.length ? await partners.partners(db, cooperativeId, { ids }) : [];
  const items = rows.map((p) => {
    const mine = late
      .filter((x) => x.i.partner_id === p.id)
      .map((x) => ({ ...x, days: daysBetween(x.i.due_date, asOf) }))
      .sort((a, b) => b.days - a.days || a.i.number.localeCompare(b.i.number));
    const overdue = mine.reduce((s, x) => s + x.open, 0n);
    const notYetDue = open.filter((x) => x.i.partner_id === p.id && daysBetween(x.i.due_date, asOf) <= 0).reduce((s, x) => s + x.open, 0n);
    const credit = pays.filter((y) => y.partner_id === p.id).reduce((s, y) => s + (y.amount - y.applied), 0n);
    const maxDaysOverdue = mine[0]!.days;
    return {
      partnerId: p.id,
      partnerCode: p.code,
      partnerName: p.name,
      kind: p.kind as PartnerKind,
      paymentTermsDays: p.payment_terms_days,
      contacts: p.contacts,
      level: levelOf(maxDaysOverdue),
      maxDaysOverdue,
      overdueValue: overdue,
      overdue: overdue.toString(),
      notYetDue: notYetDue.toString(),
      credit: credit.toString(),
      invoices: mine.map((x) => ({
        invoiceId: x.i.id,
        number: x.i.number,
        date: x.i.date,
        dueDate: x.i.due_date,
        daysOverdue: x.days,
        amount: x.i.amount.toString(),
        open: x.open.toString(),
      })),
    };
  });
  // Most urgent first: the longest overdue, then the most money, then by name for a stable order.
  items.sort(
    (a, b) =>
      b.maxDaysOverdue - a.maxDaysOverdue ||
      (b.overdueValue > a.overdueValue ? 1 : b.overdueValue < a.overdueValue ? -1 : 0) ||
      a.partnerName.localeCompare(b.partnerName),
  );
  return {
    asOf,
    items: items.map(({ overdueValue: _v, ...x }) => x),
    totals: {
      partners: items.length,
      invoices: late.length,
      overdue: late.reduce((s, x) => s + x.open, 0n).toString(),
    },
  };
}
