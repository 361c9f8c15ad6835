/**
 * Invoices (faktur) from accepted deliveries, credit notes for later claims, payments matched to
 * invoices (oldest first unless told), the partner's unapplied credit, and receivables ageing.
 * Journal: receivable (1121, per partner) against revenue from members (4101) or non-members
 * (4102), as SAK EP requires them apart; payments against cash or bank.
 */
import type { AgeingBucket, Invoice, Payment, PaymentInput } from '@kopdes/shared/market';

type AgeingInvoice = {
  invoiceId: string;
  number: string;
  date: string;
  dueDate: string;
  daysOverdue: number;
  bucket: AgeingBucket;
  open: string;
};
import { ACCOUNTS } from '@kopdes/shared/ledger';
import { formatRupiah } from '@kopdes/shared/money';
import type { Db } from '../../db/client.js';
import { concurrentOnPool } from '../../db/concurrent.js';
import { nextNumber } from '../../db/numbering.js';
import type { Actor } from '../../lib/actor.js';
import { notFound, type FieldError } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { recordAudit } from '../audit/audit.service.js';
import { memberRef, wasMemberOn } from '../members/members.service.js';
import { accountBalance, postEntry } from '../ledger/ledger.service.js';
import { commodityRows } from '../produce/catalogue.service.js';
import { addDays, daysBetween, field, refuse, todayOf, UNIT, unusable } from '../produce/common.js';
import { inTransaction } from '../../db/transaction.js';
import { deliveriesWithLines, lockDelivery } from './deliveries.service.js';
import * as repo from './invoices.repository.js';
import { partnerRow } from './partners.service.js';
import { lineAmount, oq, orderUnitOf, priceUnitLabel } from './quantities.js';

const invoiceNotFound = () => notFound({ id: 'Faktur tidak ditemukan', en: 'Invoice not found' });
const paymentNotFound = () => notFound({ id: 'Pembayaran tidak ditemukan', en: 'Payment not found' });

const docNumber = async (tx: Db, cooperativeId: string, prefix: string, date: string) =>
  `${prefix}-${date.slice(0, 4)}-${(await nextNumber(tx, cooperativeId, `${prefix}-${date.slice(0, 4)}`)).toString().padStart(6, '0')}`;

const openOf = (i: repo.InvoiceRow) => (i.kind === 'invoice' ? i.amount - i.credited - i.paid : 0n);
const revenueAccount = (kind: 'member' | 'non_member') => (kind === 'member' ? ACCOUNTS.PENJUALAN_ANGGOTA : ACCOUNTS.PENJUALAN_NON_ANGGOTA);

function presentHeader(i: repo.InvoiceRow) {
  return {
    id: i.id,
    number: i.number,
    kind: i.kind,
    partner: { id: i.partner_id, code: i.partner_code, name: i.partner_name, npwp: i.partner_npwp },
    date: i.date,
    dueDate: i.due_date,
    amount: i.amount.toString(),
    credited: i.credited.toString(),
    paid: i.paid.toString(),
    open: openOf(i).toString(),
    revenueKind: i.revenue_kind,
    invoiceId: i.invoice_id,
    reason: i.reason,
    journal: { id: i.journal_entry_id, number: i.journal_number },
  };
}

export async function getInvoice(db: Db, cooperativeId: string, id: string): Promise<Invoice> {
  const [i] = await repo.invoices(db, cooperativeId, { ids: [id] });
  if (!i) throw invoiceNotFound();
  const lines = await repo.invoiceLines(db, cooperativeId, [id]);
  const ids = [...new Set(lines.map((l) => l.commodity_id).filter((x): x is string => !!x))];
  const commodities = ids.length ? await commodityRows(db, cooperativeId, ids) : [];
  return {
    ...presentHeader(i),
    lines: lines.map((l) => {
      const com = commodities.find((c) => c.id === l.commodity_id);
      return {
        lineNo: l.line_no,
        deliveryId: l.delivery_id,
        deliveryNumber: l.delivery_number,
        description: l.description,
        quantity: l.quantity !== null && com && l.price_basis ? oq(l.quantity, orderUnitOf(l.price_basis, com.unit)) : null,
        unitPrice: l.unit_price?.toString() ?? null,
        amount: l.amount.toString(),
      };
    }),
  };
}

export async function listInvoices(db: Db, cooperativeId: string, q: { partnerId?: string; open?: 'true' | 'false'; limit: number }) {
  const rows = await repo.invoices(db, cooperativeId, { partnerId: q.partnerId, limit: q.limit });
  const keep = rows.filter((r) => q.open === undefined || openOf(r) > 0n === (q.open === 'true'));
  return { items: keep.map(presentHeader) };
}

/** Applies the partner's unapplied credit (oldest payment first) to open invoices (oldest due first); inside the caller's transaction. */
async function applyCredit(tx: Db, cooperativeId: string, partnerId: string) {
  const pays = (await repo.payments(tx, cooperativeId, { partnerId })).filter((p) => p.amount > p.applied);
  if (!pays.length) return;
  const open = (await repo.invoices(tx, cooperativeId, { partnerId, kind: 'invoice' }))
    .filter((i) => openOf(i) > 0n)
    .sort((a, b) => a.due_date.localeCompare(b.due_date) || a.number.localeCompare(b.number));
  const existing = new Set(
    (
      await repo.allocations(
        tx,
        cooperativeId,
        pays.map((p) => p.id),
      )
    ).map((a) => `${a.payment_id}|${a.invoice_id}`),
  );
  const rows: { paymentId: string; invoiceId: string; amount: bigint }[] = [];
  for (const p of pays) {
    let left = p.amount - p.applied;
    for (const i of open) {
      if (left === 0n) break;
      const due = openOf(i);
      if (due === 0n || existing.has(`${p.id}|${i.id}`)) continue;
      const take = due < left ? due : left;
      rows.push({ paymentId: p.id, invoiceId: i.id, amount: take });
      i.paid += take;
      left -= take;
    }
  }
  await repo.insertAllocations(tx, cooperativeId, rows);
}

/**
 * One invoice for received deliveries of one partner: a line per delivered lot line with accepted
 * quantity, at the PO price. A delivery not yet received, already invoiced, or of another partner is refused.
 */
export async function createInvoice(
  db: Db,
  cooperativeId: string,
  actor: Actor,
  input: { partnerId: string; date?: string; deliveryIds: string[] },
) {
  const date = input.date ?? (await todayOf(db, cooperativeId));
  const partner = await partnerRow(db, cooperativeId, input.partnerId, 'partnerId');
  const id = newId('fkt');
  await inTransaction(db, async (tx) => {
    await repo.lockPartner(tx, cooperativeId, partner.id);
    for (const d of input.deliveryIds) await lockDelivery(tx, cooperativeId, d);
    const { rows, lines, commodities } = await deliveriesWithLines(tx, cooperativeId, { ids: input.deliveryIds });
    const fields: FieldError[] = [];
    const seen = new Set<string>();
    input.deliveryIds.forEach((dId, i) => {
      const at = `deliveryIds.${i}`;
      const d = rows.find((r) => r.id === dId);
      const bad = (code: string, id_: string, en: string) => fields.push(field(at, code, { id: id_, en }));
      if (seen.has(dId)) return bad('duplicate_delivery', 'Surat jalan disebut dua kali', 'The delivery is named twice');
      seen.add(dId);
      if (!d) return bad('unknown_delivery', 'Surat jalan tidak ditemukan', 'Delivery note not found');
      if (d.partner_id !== partner.id)
        return bad('other_partner', `Surat jalan ${d.number} untuk mitra lain`, `${d.number} is for another partner`);
      if (d.to_unit)
        return bad(
          'internal_transfer',
          `Surat jalan ${d.number} memindahkan stok ke unit ${d.to_unit} koperasi sendiri, bukan penjualan: tidak ditagih`,
          `${d.number} moved stock to the cooperative's own unit ${d.to_unit}; it is not a sale and is not invoiced`,
        );
      if (!d.received_on)
        return bad(
          'not_received',
          `Surat jalan ${d.number} belum dicatat penerimaannya oleh pembeli`,
          `${d.number} has no receiving recorded yet`,
        );
      if (d.invoiced) return bad('already_invoiced', `Surat jalan ${d.number} sudah ditagih`, `${d.number} is already invoiced`);
      if (d.received_on > date)
        return bad(
          'received_after_invoice',
          `Surat jalan ${d.number} diterima sesudah tanggal faktur`,
          `${d.number} was received after the invoice date`,
        );
    });
    if (fields.length) throw refuse(fields, 'unprocessable');
    const out: repo.NewInvoiceLine[] = [];
    for (const dId of input.deliveryIds) {
      const d = rows.find((r) => r.id === dId)!;
      for (const l of lines.filter((x) => x.delivery_id === dId && (x.accepted ?? 0n) > 0n)) {
        const com = commodities.find((c) => c.id === l.commodity_id)!;
        const pf = l.pack_format_id ? com.pack_formats.find((p) => p.id === l.pack_format_id) : undefined;
        const unit = orderUnitOf(l.price_basis, com.unit);
        out.push({
          lineNo: out.length + 1,
          deliveryId: dId,
          deliveryLineNo: l.line_no,
          description: `${com.name} grade ${l.grade}${pf ? `, ${pf.name}` : ''} — ${oq(l.accepted!, unit).text} @ ${formatRupiah(l.unit_price)}/${priceUnitLabel(unit)} (lot ${l.lot_code}, ${d.number})`,
          priceBasis: l.price_basis,
          quantity: l.accepted,
          unitPrice: l.unit_price,
          amount: lineAmount(l.accepted!, unit, l.unit_price),
        });
      }
    }
    const amount = out.reduce((s, l) => s + l.amount, 0n);
    if (amount === 0n)
      throw unusable('deliveryIds', 'nothing_accepted', {
        id: 'Tidak ada barang yang diterima pembeli untuk ditagih',
        en: 'Nothing was accepted by the buyer to invoice',
      });
    // A partner linked to a member is a sale to members only while that person is a member.
    const member = partner.member_id ? await memberRef(tx, cooperativeId, partner.member_id) : undefined;
    const revenueKind = member && wasMemberOn(member, date) ? 'member' : 'non_member';
    const number = await docNumber(tx, cooperativeId, 'FKT', date);
    const posted = await postEntry(tx, cooperativeId, actor, {
      date,
      memo: `Faktur ${number} ${partner.name}`,
      source: { module: 'market.invoice', documentId: id },
      lines: [
        { account: ACCOUNTS.PIUTANG_USAHA, unit: UNIT, debit: amount, partnerId: partner.id },
        { account: revenueAccount(revenueKind), unit: UNIT, credit: amount },
      ],
    });
    await repo.insertInvoice(
      tx,
      cooperativeId,
      {
        id,
        number,
        kind: 'invoice',
        partnerId: partner.id,
        date,
        dueDate: addDays(date, partner.payment_terms_days),
        amount,
        revenueKind,
        invoiceId: null,
        reason: null,
        journalEntryId: posted.id,
        journalNumber: posted.number,
        createdByLabel: actor.label,
        requestId: actor.requestId ?? null,
      },
      out,
    );
    await applyCredit(tx, cooperativeId, partner.id);
    await recordAudit(tx, cooperativeId, actor, {
      action: 'market.invoice.create',
      entityType: 'market_invoice',
      entityId: id,
      changes: input,
    });
  });
  return getInvoice(db, cooperativeId, id);
}

/** A credit note for a later claim on an invoice: no more than what is open on it. */
export async function createCreditNote(
  db: Db,
  cooperativeId: string,
  actor: Actor,
  invoiceId: string,
  input: { date?: string; amount: string; reason: string },
) {
  const date = input.date ?? (await todayOf(db, cooperativeId));
  const id = newId('fkt');
  await inTransaction(db, async (tx) => {
    const [head] = await repo.invoices(tx, cooperativeId, { ids: [invoiceId] });
    if (!head) throw invoiceNotFound();
    await repo.lockPartner(tx, cooperativeId, head.partner_id);
    const [inv] = await repo.invoices(tx, cooperativeId, { ids: [invoiceId] });
    if (inv!.kind !== 'invoice')
      throw unusable('invoiceId', 'not_an_invoice', { id: 'Nota kredit hanya untuk faktur', en: 'A credit note is for an invoice' });
    const amount = BigInt(input.amount);
    const open = openOf(inv!);
    if (amount <= 0n)
      throw refuse([field('amount', 'not_positive', { id: 'Jumlah harus lebih dari 0', en: 'The amount must be more than 0' })]);
    if (amount > open)
      throw unusable('amount', 'more_than_open', {
        id: `Melebihi sisa faktur ${inv!.number}: ${formatRupiah(open)}`,
        en: `More than what is open on ${inv!.number}: ${formatRupiah(open)}`,
      });
    if (date < inv!.date)
      throw refuse([
        field('date', 'before_invoice', { id: `Tanggal sebelum faktur (${inv!.date})`, en: `Before the invoice date (${inv!.date})` }),
      ]);
    const number = await docNumber(tx, cooperativeId, 'NK', date);
    const posted = await postEntry(tx, cooperativeId, actor, {
      date,
      memo: `Nota kredit ${number} atas ${inv!.number} ${inv!.partner_name}: ${input.reason}`,
      source: { module: 'market.credit_note', documentId: id },
      lines: [
        { account: revenueAccount(inv!.revenue_kind), unit: UNIT, debit: amount },
        { account: ACCOUNTS.PIUTANG_USAHA, unit: UNIT, credit: amount, partnerId: inv!.partner_id },
      ],
    });
    await repo.insertInvoice(
      tx,
      cooperativeId,
      {
        id,
        number,
        kind: 'credit_note',
        partnerId: inv!.partner_id,
        date,
        dueDate: date,
        amount,
        revenueKind: inv!.revenue_kind,
        invoiceId: inv!.id,
        reason: input.reason,
        journalEntryId: posted.id,
        journalNumber: posted.number,
        createdByLabel: actor.label,
        requestId: actor.requestId ?? null,
      },
      [
        {
          lineNo: 1,
          deliveryId: null,
          deliveryLineNo: null,
          description: `Klaim atas ${inv!.number}: ${input.reason}`,
          priceBasis: null,
          quantity: null,
          unitPrice: null,
          amount,
        },
      ],
    );
    await recordAudit(tx, cooperativeId, actor, {
      action: 'market.credit_note.create',
      entityType: 'market_invoice',
      entityId: id,
      changes: { invoiceId, ...input },
    });
  });
  return getInvoice(db, cooperativeId, id);
}

export async function getPayment(db: Db, cooperativeId: string, id: string): Promise<Payment> {
  const [p] = await repo.payments(db, cooperativeId, { ids: [id] });
  if (!p) throw paymentNotFound();
  const allocs = await repo.allocations(db, cooperativeId, [id]);
  return {
    id: p.id,
    number: p.number,
    partner: { id: p.partner_id, code: p.partner_code, name: p.partner_name },
    date: p.date,
    method: p.method,
    reference: p.reference,
    amount: p.amount.toString(),
    applied: p.applied.toString(),
    unapplied: (p.amount - p.applied).toString(),
    allocations: allocs.map((a) => ({ invoiceId: a.invoice_id, invoiceNumber: a.invoice_number, amount: a.amount.toString() })),
    journal: { id: p.journal_entry_id, number: p.journal_number },
  };
}

/**
 * Money received from a partner: to the invoices named, or the oldest open ones first; what is
 * left is the partner's credit (never lost) and is applied to the next invoices.
 */
export async function recordPayment(db: Db, cooperativeId: string, actor: Actor, input: PaymentInput) {
  const date = input.date ?? (await todayOf(db, cooperativeId));
  const partner = await partnerRow(db, cooperativeId, input.partnerId, 'partnerId');
  const amount = BigInt(input.amount);
  if (amount <= 0n)
    throw refuse([field('amount', 'not_positive', { id: 'Jumlah harus lebih dari 0', en: 'The amount must be more than 0' })]);
  const id = newId('byr');
  await inTransaction(db, async (tx) => {
    await repo.lockPartner(tx, cooperativeId, partner.id);
    const open = (await repo.invoices(tx, cooperativeId, { partnerId: partner.id, kind: 'invoice' }))
      .filter((i) => openOf(i) > 0n && i.date <= date)
      .sort((a, b) => a.due_date.localeCompare(b.due_date) || a.number.localeCompare(b.number));
    const rows: { paymentId: string; invoiceId: string; amount: bigint }[] = [];
    if (input.allocations) {
      const fields: FieldError[] = [];
      let total = 0n;
      const seen = new Set<string>();
      input.allocations.forEach((a, i) => {
        const at = `allocations.${i}`;
        const inv = open.find((x) => x.id === a.invoiceId);
        const v = BigInt(a.amount);
        if (seen.has(a.invoiceId))
          return fields.push(
            field(`${at}.invoiceId`, 'duplicate_invoice', { id: 'Faktur disebut dua kali', en: 'The invoice is named twice' }),
          );
        seen.add(a.invoiceId);
        if (!inv)
          return fields.push(
            field(`${at}.invoiceId`, 'not_open', {
              id: `Faktur tidak ditemukan, sudah lunas, atau bukan milik ${partner.name}`,
              en: `Invoice not found, already paid, or not ${partner.name}'s`,
            }),
          );
        if (v <= 0n)
          return fields.push(
            field(`${at}.amount`, 'not_positive', { id: 'Jumlah harus lebih dari 0', en: 'The amount must be more than 0' }),
          );
        if (v > openOf(inv))
          return fields.push(
            field(`${at}.amount`, 'more_than_open', {
              id: `Melebihi sisa faktur ${inv.number}: ${formatRupiah(openOf(inv))}`,
              en: `More than what is open on ${inv.number}: ${formatRupiah(openOf(inv))}`,
            }),
          );
        total += v;
        rows.push({ paymentId: id, invoiceId: inv.id, amount: v });
      });
      if (!fields.length && total > amount)
        fields.push(
          field('allocations', 'more_than_paid', { id: 'Jumlah alokasi melebihi pembayaran', en: 'The allocations exceed the payment' }),
        );
      if (fields.length) throw refuse(fields, 'unprocessable');
    } else {
      let left = amount;
      for (const i of open) {
        if (left === 0n) break;
        const take = openOf(i) < left ? openOf(i) : left;
        rows.push({ paymentId: id, invoiceId: i.id, amount: take });
        left -= take;
      }
    }
    const number = await docNumber(tx, cooperativeId, 'BYR', date);
    const posted = await postEntry(tx, cooperativeId, actor, {
      date,
      memo: `Pembayaran ${number} dari ${partner.name}${input.reference ? ` (${input.reference})` : ''}`,
      source: { module: 'market.payment', documentId: id },
      lines: [
        { account: input.method === 'cash' ? ACCOUNTS.KAS : ACCOUNTS.BANK, unit: UNIT, debit: amount },
        { account: ACCOUNTS.PIUTANG_USAHA, unit: UNIT, credit: amount, partnerId: partner.id },
      ],
    });
    await repo.insertPayment(tx, cooperativeId, {
      id,
      number,
      partnerId: partner.id,
      date,
      method: input.method,
      reference: input.reference ?? null,
      amount,
      journalEntryId: posted.id,
      journalNumber: posted.number,
      createdByLabel: actor.label,
      requestId: actor.requestId ?? null,
    });
    await repo.insertAllocations(tx, cooperativeId, rows);
    await recordAudit(tx, cooperativeId, actor, {
      action: 'market.payment.create',
      entityType: 'market_payment',
      entityId: id,
      changes: input,
    });
  });
  return getPayment(db, cooperativeId, id);
}

const bucketOf = (days: number): AgeingBucket =>
  days <= 0 ? 'current' : days <= 30 ? 'd1_30' : days <= 60 ? 'd31_60' : days <= 90 ? 'd61_90' : 'over_90';

/** Open invoices by days past due, per partner, with unapplied credit, beside the ledger's receivable. */
export async function ageing(db: Db, cooperativeId: string, q: { asOf?: string }) {
  const asOf = q.asOf ?? (await todayOf(db, cooperativeId));
  const [invoices, pays, ledger] = await concurrentOnPool(
    db,
    () => repo.invoices(db, cooperativeId, { kind: 'invoice', asOf }),
    () => repo.payments(db, cooperativeId, { asOf }),
    () => accountBalance(db, cooperativeId, { account: ACCOUNTS.PIUTANG_USAHA, unit: UNIT, asOf }),
  );
  const zero = () => ({ current: 0n, d1_30: 0n, d31_60: 0n, d61_90: 0n, over_90: 0n }) as Record<AgeingBucket, bigint>;
  const partners = new Map<string, { name: string; buckets: Record<AgeingBucket, bigint>; credit: bigint; invoices: AgeingInvoice[] }>();
  const get = (id: string, name: string) => {
    if (!partners.has(id)) partners.set(id, { name, buckets: zero(), credit: 0n, invoices: [] });
    return partners.get(id)!;
  };
  for (const i of invoices) {
    const open = openOf(i);
    if (open <= 0n) continue;
    const days = daysBetween(i.due_date, asOf);
    const b = bucketOf(days);
    const p = get(i.partner_id, i.partner_name);
    p.buckets[b] += open;
    p.invoices.push({
      invoiceId: i.id,
      number: i.number,
      date: i.date,
      dueDate: i.due_date,
      daysOverdue: Math.max(0, days),
      bucket: b,
      open: open.toString(),
    });
  }
  for (const y of pays) if (y.amount > y.applied) get(y.partner_id, y.partner_name).credit += y.amount - y.applied;
  const s = (r: Record<AgeingBucket, bigint>) =>
    Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v.toString()])) as Record<AgeingBucket, string>;
  const sum = (r: Record<AgeingBucket, bigint>) => Object.values(r).reduce((a, b) => a + b, 0n);
  const totals = zero();
  let credit = 0n;
  const rows = [...partners.entries()]
    .sort((a, b) => a[1].name.localeCompare(b[1].name))
    .map(([id, p]) => {
      for (const k of Object.keys(totals) as AgeingBucket[]) totals[k] += p.buckets[k];
      credit += p.credit;
      return {
        partnerId: id,
        partnerName: p.name,
        buckets: s(p.buckets),
        open: sum(p.buckets).toString(),
        credit: p.credit.toString(),
        balance: (sum(p.buckets) - p.credit).toString(),
        invoices: p.invoices,
      };
    });
  const balance = sum(totals) - credit;
  return {
    asOf,
    partners: rows,
    totals: { ...s(totals), open: sum(totals).toString(), credit: credit.toString(), balance: balance.toString() },
    ledger: ledger.toString(),
    agrees: ledger === balance,
  };
}

/** A partner's statement: opening balance, invoices, credit notes and payments in order, closing balance beside the ledger. */
export async function partnerStatement(db: Db, cooperativeId: string, partnerId: string, q: { from?: string; to?: string }) {
  const partner = await partnerRow(db, cooperativeId, partnerId);
  const to = q.to ?? (await todayOf(db, cooperativeId));
  const from = q.from ?? `${to.slice(0, 4)}-01-01`;
  if (from > to) throw refuse([field('from', 'after_to', { id: 'Tanggal awal sesudah tanggal akhir', en: 'The start is after the end' })]);
  const [docs, pays, ledger] = await concurrentOnPool(
    db,
    () => repo.invoices(db, cooperativeId, { partnerId, asOf: to }),
    () => repo.payments(db, cooperativeId, { partnerId, asOf: to }),
    () => accountBalance(db, cooperativeId, { account: ACCOUNTS.PIUTANG_USAHA, unit: UNIT, partnerId, asOf: to }),
  );
  const moves = [
    ...docs.map((d) => ({
      date: d.date,
      kind: d.kind,
      documentId: d.id,
      number: d.number,
      description: d.kind === 'invoice' ? `Faktur, jatuh tempo ${d.due_date}` : `Nota kredit: ${d.reason ?? ''}`,
      signed: d.kind === 'invoice' ? d.amount : -d.amount,
    })),
    ...pays.map((p) => ({
      date: p.date,
      kind: 'payment' as const,
      documentId: p.id,
      number: p.number,
      description: `Pembayaran ${p.method === 'cash' ? 'tunai' : 'bank'}${p.reference ? ` (${p.reference})` : ''}`,
      signed: -p.amount,
    })),
  ].sort((a, b) => a.date.localeCompare(b.date) || a.number.localeCompare(b.number));
  const opening = moves.filter((x) => x.date < from).reduce((s, x) => s + x.signed, 0n);
  let balance = opening;
  const entries = moves
    .filter((x) => x.date >= from)
    .map(({ signed, ...x }) => {
      balance += signed;
      return {
        ...x,
        debit: (signed > 0n ? signed : 0n).toString(),
        credit: (signed < 0n ? -signed : 0n).toString(),
        balance: balance.toString(),
      };
    });
  return {
    partner: { id: partner.id, code: partner.code, name: partner.name },
    from,
    to,
    opening: opening.toString(),
    entries,
    closing: balance.toString(),
    ledger: ledger.toString(),
    agrees: ledger === balance,
  };
}
