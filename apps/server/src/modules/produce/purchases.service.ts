/**
 * Purchases from other cooperatives (pembelian dari koperasi lain): produce bought from a market
 * partner of kind `cooperative` when the members' harvest falls short of what buyers ordered. Each
 * graded line becomes a lot like an intake's; the inventory is posted against cash, bank or a
 * payable to the supplier, which a payment settles in full; a void undoes a purchase whose lots are untouched.
 */
import { ACCOUNTS, CASH_ACCOUNT } from '@kopdes/shared/ledger';
import {
  GRADE_LABELS,
  PURCHASE_PAYMENT_LABELS,
  type Grade,
  type PayoutMethod,
  type Purchase,
  type PurchaseInput,
} from '@kopdes/shared/produce';
import type { Db } from '../../db/client.js';
import { inTransaction } from '../../db/transaction.js';
import type { Actor } from '../../lib/actor.js';
import { conflict, invalidField, notFound, type FieldError } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { recordAudit } from '../audit/audit.service.js';
import { MAX_LINE_AMOUNT, postEntry, reverseEntry } from '../ledger/ledger.service.js';
import { shelfLifeDays } from './catalogue.service.js';
import { addDays, field, qty, readQuantity, refuse, todayOf, UNIT, unusable } from './common.js';
import { lineAmount } from './intake.rules.js';
import * as repo from './purchases.repository.js';
import { docNumber } from './stock.service.js';

export type { PurchaseRefs } from './purchases.repository.js';

const GRADE_ORDER: Grade[] = ['A', 'B', 'C', 'reject'];

export interface PlannedPurchase {
  id: string;
  date: string;
  harvestDate: string;
  partner: NonNullable<repo.PurchaseRefs['partner']>;
  commodity: NonNullable<repo.PurchaseRefs['commodity']>;
  location: NonNullable<repo.PurchaseRefs['location']>;
  lots: { id: string; grade: Grade; quantity: bigint; price: bigint; amount: bigint; expiresOn: string }[];
  quantity: bigint;
  amount: bigint;
}

/**
 * The rules of a purchase, without the database: the supplier is an active cooperative partner,
 * the commodity and place are usable, the dates make sense, each line is in the commodity's unit
 * (kg or a count) with a price above zero, and each line's amount is grams × price per kg rounded
 * half-up once (or pieces × price), as an intake's. Every refusal names its field.
 */
export function planPurchase(
  refs: repo.PurchaseRefs,
  input: PurchaseInput,
  on: { date: string; today: string },
  ids: { purchase: string; lot: () => string },
): PlannedPurchase {
  const partner = refs.partner;
  if (!partner) throw unusable('partnerId', 'unknown_partner', { id: 'Mitra tidak ditemukan', en: 'Partner not found' });
  if (partner.kind !== 'cooperative') {
    throw unusable('partnerId', 'not_a_cooperative', {
      id: `${partner.name} bukan koperasi; pembelian hasil panen hanya dari mitra berjenis koperasi`,
      en: `${partner.name} is not a cooperative; produce is bought only from partners of kind cooperative`,
    });
  }
  if (!partner.active) {
    throw unusable('partnerId', 'inactive_partner', {
      id: `Mitra ${partner.name} tidak aktif`,
      en: `Partner ${partner.name} is inactive`,
    });
  }
  const c = refs.commodity;
  if (!c || !c.active) {
    throw unusable('commodityId', 'unknown_commodity', {
      id: c ? `Komoditas ${c.name} sudah tidak aktif` : 'Komoditas tidak ditemukan',
      en: c ? `Commodity ${c.name} is inactive` : 'Commodity not found',
    });
  }
  const loc = refs.location;
  if (!loc || !loc.active) {
    throw unusable('locationId', 'unknown_location', {
      id: loc ? `Lokasi ${loc.name} tidak aktif` : 'Lokasi simpan tidak ditemukan; pilih lokasi atau atur lokasi bawaan',
      en: loc ? `Location ${loc.name} is inactive` : 'Storage location not found; choose one or set a default',
    });
  }

  const fields: FieldError[] = [];
  const { date, today } = on;
  if (date > today) {
    fields.push(
      field('date', 'future_date', { id: 'Tanggal pembelian tidak boleh di masa depan', en: 'The purchase date cannot be in the future' }),
    );
  }
  const harvestDate = input.harvestDate ?? date;
  if (harvestDate > date) {
    fields.push(
      field('harvestDate', 'harvest_after_purchase', {
        id: 'Tanggal panen tidak boleh sesudah tanggal pembelian',
        en: 'The harvest date cannot be after the purchase date',
      }),
    );
  }

  const seen = new Set<Grade>();
  const lines: { grade: Grade; quantity: bigint; price: bigint; amount: bigint }[] = [];
  input.lines.forEach((l, i) => {
    const at = `lines.${i}`;
    if (seen.has(l.grade)) {
      fields.push(
        field(`${at}.grade`, 'duplicate_grade', { id: `Grade ${l.grade} disebut dua kali`, en: `Grade ${l.grade} is listed twice` }),
      );
      return;
    }
    seen.add(l.grade);
    if (!c.grades.includes(l.grade)) {
      fields.push(
        field(`${at}.grade`, 'unknown_grade', {
          id: `${c.name} tidak memiliki ${GRADE_LABELS[l.grade].id}`,
          en: `${c.name} has no grade ${l.grade}`,
        }),
      );
      return;
    }
    // The price is per kg or per piece: a quantity in the other unit would price the line wrongly.
    if (c.unit === 'kg' && l.kg !== undefined && l.count !== undefined) {
      fields.push(
        field(`${at}.count`, 'count_not_for_weight', {
          id: 'Komoditas ini dihitung dalam kg: isi beratnya saja, bukan jumlah buah',
          en: 'This commodity is weighed in kg: give the weight only, not a count',
        }),
      );
      return;
    }
    if (c.unit !== 'kg' && l.kg !== undefined) {
      fields.push(
        field(`${at}.kg`, 'weight_not_for_count', {
          id: 'Komoditas ini dihitung per buah/ikat: isi jumlahnya, bukan berat',
          en: 'This commodity is counted: give the number of pieces or bunches, not a weight',
        }),
      );
      return;
    }
    let quantity: bigint;
    try {
      quantity = readQuantity(at, c.unit, l);
    } catch (e) {
      fields.push(...((e as { fields?: FieldError[] }).fields ?? []));
      return;
    }
    const price = BigInt(l.price);
    if (price <= 0n) {
      fields.push(field(`${at}.price`, 'price_not_positive', { id: 'Harga harus lebih dari Rp0', en: 'The price must be more than Rp0' }));
      return;
    }
    const amount = lineAmount(c.unit, quantity, price);
    if (amount <= 0n) {
      fields.push(
        field(`${at}.price`, 'amount_zero', {
          id: 'Nilai baris ini Rp0 setelah pembulatan: periksa berat dan harga',
          en: 'This line is worth Rp0 once rounded: check the weight and the price',
        }),
      );
      return;
    }
    lines.push({ grade: l.grade, quantity, price, amount });
  });
  const amount = lines.reduce((s, l) => s + l.amount, 0n);
  if (!fields.length && amount > MAX_LINE_AMOUNT) {
    fields.push(field('lines', 'amount_too_large', { id: 'Nilai pembelian terlalu besar', en: 'The purchase amount is too large' }));
  }
  if (fields.length) throw refuse(fields);

  const expiresOn = addDays(harvestDate, shelfLifeDays(c, loc.storage_class));
  const lots = [...lines]
    .sort((a, b) => GRADE_ORDER.indexOf(a.grade) - GRADE_ORDER.indexOf(b.grade))
    .map((l) => ({ id: ids.lot(), ...l, expiresOn }));
  return {
    id: ids.purchase,
    date,
    harvestDate,
    partner,
    commodity: c,
    location: loc,
    lots,
    quantity: lots.reduce((s, l) => s + l.quantity, 0n),
    amount,
  };
}

const lotCode = (number: string, grade: Grade) => `${number}-${grade === 'reject' ? 'R' : grade}`;

/** Where the money of a purchase comes from: cash, bank, or a payable to the supplier (its subsidiary). */
function creditLine(payment: PurchaseInput['payment'], amount: bigint, partnerId: string) {
  if (payment !== 'credit') return { account: CASH_ACCOUNT[payment], unit: UNIT, credit: amount };
  return { account: ACCOUNTS.UTANG_USAHA, unit: UNIT, credit: amount, partnerId };
}

/**
 * Records a purchase: number (PBL-<year>-nnnnnn), one lot per line at the location, the journal
 * entry (inventory against cash, bank or the payable to the supplier) and the audit record, in one
 * transaction.
 * @example await recordPurchase(db, coopId, actor, { partnerId, commodityId, payment: 'credit',
 *   lines: [{ grade: 'A', kg: '120', price: '9000' }, { grade: 'B', kg: '40,5', price: '6500' }] })
 */
export async function recordPurchase(db: Db, cooperativeId: string, actor: Actor, input: PurchaseInput): Promise<Purchase> {
  const today = await todayOf(db, cooperativeId);
  const date = input.date ?? today;
  const refs = await repo.loadPurchaseRefs(db, cooperativeId, input);
  const p = planPurchase(refs, input, { date, today }, { purchase: newId('pbl'), lot: () => newId('lot') });
  await inTransaction(db, async (tx) => {
    const number = await docNumber(tx, cooperativeId, 'PBL', p.date);
    const posted = await postEntry(tx, cooperativeId, actor, {
      date: p.date,
      memo: `Pembelian ${p.commodity.name} ${qty(p.quantity, p.commodity.unit).text} dari ${p.partner.name} (${number}, ${PURCHASE_PAYMENT_LABELS[input.payment].id.toLowerCase()})`,
      source: { module: 'produce.purchase', documentId: p.id },
      lines: [{ account: ACCOUNTS.PERSEDIAAN_HASIL_PANEN, unit: UNIT, debit: p.amount }, creditLine(input.payment, p.amount, p.partner.id)],
    });
    await repo.insertPurchase(tx, cooperativeId, actor, {
      id: p.id,
      number,
      date: p.date,
      harvestDate: p.harvestDate,
      partnerId: p.partner.id,
      commodityId: p.commodity.id,
      unit: p.commodity.unit,
      locationId: p.location.id,
      payment: input.payment,
      quantity: p.quantity,
      amount: p.amount,
      supplierReference: input.supplierReference || null,
      journalEntryId: posted.id,
      journalNumber: posted.number,
      notes: input.notes || null,
      lots: p.lots.map((l) => ({ ...l, movementId: newId('mvt'), code: lotCode(number, l.grade) })),
    });
    await recordAudit(tx, cooperativeId, actor, {
      action: 'produce.purchase.record',
      entityType: 'produce_purchase',
      entityId: p.id,
      changes: { ...input, number, quantity: p.quantity, amount: p.amount },
    });
  });
  return getPurchase(db, cooperativeId, p.id);
}

const statusOf = (r: repo.PurchaseRow): Purchase['status'] =>
  r.void_date ? 'voided' : r.payment === 'credit' && !r.paid_date ? 'open' : 'paid';

export function presentPurchase(r: repo.PurchaseRow): Purchase {
  const unit = r.unit;
  // Paid on the spot (cash or bank), the purchase itself is the payment.
  const paid =
    r.payment === 'credit'
      ? r.paid_date
        ? { date: r.paid_date, method: r.paid_method!, journalNumber: r.paid_journal_number ?? '' }
        : null
      : { date: r.date, method: r.payment, journalNumber: r.journal_number };
  return {
    id: r.id,
    number: r.number,
    date: r.date,
    harvestDate: r.harvest_date,
    supplier: { partnerId: r.partner_id, code: r.partner_code, name: r.partner_name, registryCooperativeId: r.registry_cooperative_id },
    commodity: { id: r.commodity_id, code: r.commodity_code, name: r.commodity_name, unit },
    location: { id: r.location_id, name: r.location_name },
    lots: (r.lots ?? []).map((l) => ({
      lotId: l.id,
      code: l.code,
      grade: l.grade,
      gradeLabel: GRADE_LABELS[l.grade].id,
      quantity: qty(BigInt(l.quantity), unit),
      price: l.price,
      amount: l.cost,
      expiresOn: l.expires_on,
    })),
    quantity: qty(r.quantity, unit),
    amount: r.amount.toString(),
    payment: r.payment,
    supplierReference: r.supplier_reference,
    status: statusOf(r),
    paid,
    voided: r.void_date ? { date: r.void_date, reason: r.void_reason ?? '', journalNumber: r.void_journal_number ?? '' } : null,
    journal: { id: r.journal_entry_id, number: r.journal_number },
    notes: r.notes,
    createdBy: r.created_by_label,
    createdAt: new Date(r.created_at).toISOString(),
  };
}

const purchaseNotFound = () => notFound({ id: 'Pembelian tidak ditemukan', en: 'Purchase not found' });

export async function getPurchase(db: Db, cooperativeId: string, id: string): Promise<Purchase> {
  const [r] = await repo.purchaseRows(db, cooperativeId, { ids: [id] });
  if (!r) throw purchaseNotFound();
  return presentPurchase(r);
}

/** Purchases newest first, how many match, and what is still owed on the open ones (same filters, any status). */
export async function listPurchases(
  db: Db,
  cooperativeId: string,
  q: { from?: string; to?: string; partnerId?: string; commodityId?: string; status?: Purchase['status']; limit: number; offset: number },
) {
  // Sequential: `db` may be a transaction (one connection, one query at a time).
  const rows = await repo.purchaseRows(db, cooperativeId, q);
  const totals = await repo.purchaseTotals(db, cooperativeId, q);
  return { items: rows.map(presentPurchase), total: Number(totals.total), openAmount: totals.open_amount.toString() };
}

/** The purchase, locked so a payment and a void of it cannot both go through; unknown: 404. */
async function lockedPurchase(tx: Db, cooperativeId: string, id: string) {
  const p = await repo.lockPurchase(tx, cooperativeId, id);
  if (!p) throw purchaseNotFound();
  return p;
}

/** The date of a payment or a void: not in the future, not before the purchase. */
function checkFollowUpDate(date: string, today: string, purchase: { number: string; date: string }) {
  if (date > today)
    throw invalidField('date', 'future_date', { id: 'Tanggal tidak boleh di masa depan', en: 'The date cannot be in the future' });
  if (date < purchase.date) {
    throw invalidField('date', 'before_purchase', {
      id: `Tanggal tidak boleh sebelum tanggal pembelian ${purchase.number} (${purchase.date})`,
      en: `The date cannot be before the date of purchase ${purchase.number} (${purchase.date})`,
    });
  }
}

/**
 * Pays a credit purchase in full: the payable to the supplier against cash or bank. A purchase
 * paid on the spot, one already paid and a voided one are refused (409) with the reason.
 */
export async function payPurchase(
  db: Db,
  cooperativeId: string,
  actor: Actor,
  id: string,
  input: { date?: string; method: PayoutMethod },
): Promise<Purchase> {
  const today = await todayOf(db, cooperativeId);
  const date = input.date ?? today;
  await inTransaction(db, async (tx) => {
    const p = await lockedPurchase(tx, cooperativeId, id);
    if (p.voided) {
      throw conflict('purchase_voided', {
        id: `Pembelian ${p.number} sudah dibatalkan; tidak ada yang dibayar`,
        en: `Purchase ${p.number} has been voided; there is nothing to pay`,
      });
    }
    if (p.payment !== 'credit') {
      throw conflict('not_on_credit', {
        id: `Pembelian ${p.number} sudah dibayar ${PURCHASE_PAYMENT_LABELS[p.payment].id.toLowerCase()} saat dicatat; tidak ada utang`,
        en: `Purchase ${p.number} was paid (${p.payment}) when it was recorded; nothing is owed`,
      });
    }
    if (p.paid) {
      throw conflict('already_paid', {
        id: `Utang pembelian ${p.number} sudah dibayar`,
        en: `Purchase ${p.number} has already been paid`,
      });
    }
    checkFollowUpDate(date, today, p);
    const posted = await postEntry(tx, cooperativeId, actor, {
      date,
      memo: `Pembayaran utang pembelian ${p.number} kepada ${p.partner_name}`,
      source: { module: 'produce.purchase_payment', documentId: id },
      lines: [
        { account: ACCOUNTS.UTANG_USAHA, unit: UNIT, debit: p.amount, partnerId: p.partner_id },
        { account: CASH_ACCOUNT[input.method], unit: UNIT, credit: p.amount },
      ],
    });
    await repo.insertPayment(tx, cooperativeId, actor, {
      purchaseId: id,
      date,
      method: input.method,
      amount: p.amount,
      journalEntryId: posted.id,
      journalNumber: posted.number,
    });
    await recordAudit(tx, cooperativeId, actor, {
      action: 'produce.purchase.pay',
      entityType: 'produce_purchase',
      entityId: id,
      changes: { ...input, date, amount: p.amount },
    });
  });
  return getPurchase(db, cooperativeId, id);
}

/**
 * Undoes a purchase recorded by mistake while its lots are untouched (their only movement is the
 * purchase's) and no later payment was made: the lots leave stock and the journal entry is
 * reversed, so cash or bank get the money back, or the payable goes. The purchase stays, voided.
 */
export async function voidPurchase(
  db: Db,
  cooperativeId: string,
  actor: Actor,
  id: string,
  input: { date?: string; reason: string },
): Promise<Purchase> {
  const today = await todayOf(db, cooperativeId);
  const date = input.date ?? today;
  await inTransaction(db, async (tx) => {
    const p = await lockedPurchase(tx, cooperativeId, id);
    if (p.voided) {
      throw conflict('already_void', { id: `Pembelian ${p.number} sudah dibatalkan`, en: `Purchase ${p.number} is already void` });
    }
    if (p.paid) {
      throw conflict('already_paid', {
        id: `Utang pembelian ${p.number} sudah dibayar ke pemasok; pembelian tidak dapat dibatalkan`,
        en: `Purchase ${p.number} has been paid to the supplier; it cannot be voided`,
      });
    }
    checkFollowUpDate(date, today, p);
    const lots = await repo.lockPurchaseLots(tx, cooperativeId, id);
    const moved = lots.find((l) => l.moves !== 1n || l.on_hand !== l.quantity || l.location_id !== p.location_id);
    if (moved) {
      throw conflict('lots_moved', {
        id: `Lot ${moved.code} dari pembelian ini sudah dipindah, dikemas, dijual atau disesuaikan; catat koreksinya sebagai susut atau stok opname`,
        en: `Lot ${moved.code} of this purchase has already moved, been packed, sold or adjusted; record the correction as a loss or a stock count`,
      });
    }
    const reversal = await reverseEntry(tx, cooperativeId, actor, p.journal_entry_id, {
      date,
      memo: `Pembatalan pembelian ${p.number}: ${input.reason}`,
    });
    await repo.insertVoid(
      tx,
      cooperativeId,
      actor,
      { purchaseId: id, date, reason: input.reason, journalEntryId: reversal.id, journalNumber: reversal.number },
      lots.map((l) => ({ id: newId('mvt'), lotId: l.lot_id, locationId: l.location_id, quantity: -l.on_hand, value: -l.value })),
    );
    await recordAudit(tx, cooperativeId, actor, {
      action: 'produce.purchase.void',
      entityType: 'produce_purchase',
      entityId: id,
      changes: { ...input, date },
    });
  });
  return getPurchase(db, cooperativeId, id);
}
