/**
 * Harvest intake (penerimaan hasil panen): a clerk weighs a farmer's delivery at a collection
 * point and records the grading; each grade becomes a lot traceable to farmer, plot, harvest date
 * and intake; the farmer's payable is posted with the inventory in the same transaction.
 */
import { ACCOUNTS } from '@kopdes/shared/ledger';
import { GRADE_LABELS, type Intake, type IntakeInput } from '@kopdes/shared/produce';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { concurrentOnPool } from '../../db/concurrent.js';
import type { Actor } from '../../lib/actor.js';
import { villageInfo } from '../../lib/areas.js';
import { conflict, invalidField, notFound } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { auditStatement, recordAudit, type AuditEvent } from '../audit/audit.service.js';
import { cte, postEntry, reverseEntry, type PostingEntry } from '../ledger/ledger.service.js';
import { listCommodities } from './catalogue.service.js';
import { qty, todayOf, UNIT } from './common.js';
import { listCollectionPoints, listLocations, plotRows, settingsRow } from './farmers.service.js';
import { planIntake, type FarmerRef, type IntakeRefs, type PlannedIntake } from './intake.rules.js';
import * as repo from './intake.repository.js';
import { deliveringMember, membersWithGroups } from './member-directory.js';
import { priceRows } from './prices.service.js';
import { inTransaction } from '../../db/transaction.js';

export type { IntakeRefs, PlannedIntake } from './intake.rules.js';

function presentPlanned(p: PlannedIntake, number: string, journal: repo.Posting | undefined, actor: Actor): Intake {
  const unit = p.commodity.unit;
  return {
    id: p.id,
    number,
    date: p.date,
    harvestDate: p.harvestDate,
    collectionPoint: { id: p.collectionPoint.id, name: p.collectionPoint.name },
    farmer: { memberId: p.farmer.id, number: p.farmer.number, fullName: p.farmer.fullName, farmerGroupName: p.farmer.farmerGroupName },
    plot: p.plot ? { id: p.plot.id, name: p.plot.name, villageName: villageInfo(p.plot.village_code)?.name ?? null } : null,
    commodity: { id: p.commodity.id, code: p.commodity.code, name: p.commodity.name, unit },
    location: { id: p.location.id, name: p.location.name },
    crates: p.crates,
    gross: qty(p.gross, unit),
    tare: qty(p.tare, unit),
    net: qty(p.net, unit),
    lots: p.lots.map((l) => ({
      lotId: l.id,
      code: `${number}-${l.grade === 'reject' ? 'R' : l.grade}`,
      grade: l.grade,
      gradeLabel: GRADE_LABELS[l.grade].id,
      quantity: qty(l.quantity, unit),
      price: l.price.toString(),
      amount: l.amount.toString(),
      paid: l.paid,
      expiresOn: l.expiresOn,
    })),
    amount: p.amount.toString(),
    rejectPolicy: p.rejectPolicy,
    journal: journal ? { id: journal.journalEntryId, number: journal.journalNumber } : null,
    voided: null,
    payoutId: null,
    notes: p.notes,
    createdBy: actor.label,
    createdAt: new Date().toISOString(),
  };
}

export function presentIntake(r: repo.IntakeRow, farmer: FarmerRef): Intake {
  const unit = r.unit;
  return {
    id: r.id,
    number: r.number,
    date: r.date,
    harvestDate: r.harvest_date,
    collectionPoint: { id: r.collection_point_id, name: r.collection_point_name },
    farmer: { memberId: farmer.id, number: farmer.number, fullName: farmer.fullName, farmerGroupName: farmer.farmerGroupName },
    plot: r.plot_id
      ? {
          id: r.plot_id,
          name: r.plot_name ?? '',
          villageName: r.plot_village_code ? (villageInfo(r.plot_village_code)?.name ?? null) : null,
        }
      : null,
    commodity: { id: r.commodity_id, code: r.commodity_code, name: r.commodity_name, unit },
    location: { id: r.location_id, name: r.location_name },
    crates: r.crates,
    gross: qty(r.gross, unit),
    tare: qty(r.tare, unit),
    net: qty(r.net, unit),
    lots: (r.lots ?? []).map((l) => ({
      lotId: l.id,
      code: l.code,
      grade: l.grade,
      gradeLabel: GRADE_LABELS[l.grade].id,
      quantity: qty(BigInt(l.quantity), unit),
      price: l.price,
      amount: l.cost,
      paid: l.paid,
      expiresOn: l.expires_on,
    })),
    amount: r.amount.toString(),
    rejectPolicy: r.reject_policy,
    journal: r.journal_entry_id ? { id: r.journal_entry_id, number: r.journal_number ?? '' } : null,
    voided: r.void_date ? { date: r.void_date, reason: r.void_reason ?? '', journalNumber: r.void_journal_number } : null,
    payoutId: r.payout_id,
    notes: r.notes,
    createdBy: r.created_by_label,
    createdAt: new Date(r.created_at).toISOString(),
  };
}

const unknownFarmer = (id: string): FarmerRef => ({ id, number: 0, fullName: '(anggota tidak dikenal)', farmerGroupName: null });

async function plan(db: Db, cooperativeId: string, input: IntakeInput): Promise<PlannedIntake> {
  const date = input.date ?? (await todayOf(db, cooperativeId));
  const m = await deliveringMember(db, cooperativeId, input.memberId);
  const refs = await repo.loadIntakeRefs(db, cooperativeId, { ...input, date });
  const farmer: FarmerRef = { id: m.id, number: m.number, fullName: m.fullName, farmerGroupName: m.farmerGroupName };
  return planIntake(refs, farmer, input, date, { intake: newId('pnr'), lot: () => newId('lot') });
}

/** What the intake would be (weights, prices, amounts) without recording it: for the clerk's confirm step. */
export async function previewIntake(db: Db, cooperativeId: string, input: IntakeInput) {
  const p = await plan(db, cooperativeId, input);
  const unit = p.commodity.unit;
  return {
    crates: p.crates,
    gross: qty(p.gross, unit),
    tare: qty(p.tare, unit),
    net: qty(p.net, unit),
    amount: p.amount.toString(),
    rejectPolicy: p.rejectPolicy,
    lines: p.lots.map((l) => ({ grade: l.grade, quantity: qty(l.quantity, unit), price: l.price.toString(), amount: l.amount.toString() })),
  };
}

const intakeMemo = (p: PlannedIntake) =>
  `Penerimaan hasil panen ${p.commodity.name} ${qty(p.net, p.commodity.unit).text} dari ${p.farmer.fullName}`;

const intakeEntry = (p: PlannedIntake): PostingEntry => ({
  date: p.date,
  memo: intakeMemo(p),
  source: { module: 'produce.intake', documentId: p.id },
  lines: [
    { account: ACCOUNTS.PERSEDIAAN_HASIL_PANEN, unit: UNIT, debit: p.amount },
    { account: ACCOUNTS.UTANG_PETANI, unit: UNIT, credit: p.amount, memberId: p.farmer.id },
  ],
});

/** Posts the intakes' journal entries (inventory against the farmer's payable) and writes them. */
async function write(
  tx: Db,
  cooperativeId: string,
  actor: Actor,
  plans: PlannedIntake[],
  opts: { audit?: AuditEvent; atClose?: boolean } = {},
) {
  const postings = new Map<string, repo.Posting>();
  const only = plans.length === 1 ? plans[0]! : undefined;
  if (only && only.amount > 0n) {
    // One delivery: its rows, lots, movements and audit record go in its posting's statement, one
    // round trip fewer while the journal's number is locked; as the request's last write, in its closing.
    const audit = opts.audit ? [cte('audit_row', auditStatement(tx, cooperativeId, actor, opts.audit))] : [];
    const posted = await postEntry(tx, cooperativeId, actor, intakeEntry(only), {
      alongside: {
        ctes: [...repo.intakeStatements(cooperativeId, actor, plans, 'alongside'), ...audit],
        returning: sql`(SELECT number FROM i) AS intake_number`,
        late: { intake_number: repo.intakeNumberSql(cooperativeId, only.id) },
      },
      atClose: opts.atClose,
    });
    postings.set(only.id, { intakeId: only.id, journalEntryId: posted.id, journalNumber: posted.number });
    return { postings, numbers: new Map([[only.id, String(posted.alongside!.intake_number)]]) };
  }
  if (opts.audit) await recordAudit(tx, cooperativeId, actor, opts.audit);
  for (const p of plans) {
    if (p.amount === 0n) continue;
    const posted = await postEntry(tx, cooperativeId, actor, intakeEntry(p));
    postings.set(p.id, { intakeId: p.id, journalEntryId: posted.id, journalNumber: posted.number });
  }
  const numbers = new Map<string, string>();
  for (const year of new Set(plans.map((p) => p.date.slice(0, 4)))) {
    const some = plans.filter((p) => p.date.startsWith(year));
    for (const [id, n] of await repo.insertIntakes(tx, cooperativeId, actor, some, postings)) numbers.set(id, n);
  }
  return { postings, numbers };
}

/** An intake's stored number as SQL: for a note that must name an intake numbered only at COMMIT. */
export const intakeNumberSql = repo.intakeNumberSql;

/**
 * Records one delivery: checks, lots, payable and journal in one transaction.
 * `lastWrite`: the caller writes nothing after it, except statements it too leaves for the closing
 * round trip, and reads nothing of it: in an Idempotency-Key request the intake is then posted in
 * that closing, and its numbers in the answer are filled at COMMIT (postEntry's `atClose`).
 * @example await recordIntake(db, coopId, actor, { collectionPointId, memberId, commodityId, grossKg: '52,4', tareKg: '2,4',
 *   grades: [{ grade: 'A', kg: '30' }, { grade: 'B', kg: '17,5' }, { grade: 'reject', kg: '2,5' }] })
 */
export async function recordIntake(
  db: Db,
  cooperativeId: string,
  actor: Actor,
  input: IntakeInput,
  opts: { lastWrite?: boolean } = {},
): Promise<Intake> {
  const p = await plan(db, cooperativeId, input);
  return inTransaction(db, async (tx) => {
    const audit = {
      action: 'produce.intake.record',
      entityType: 'produce_intake',
      entityId: p.id,
      changes: { ...input, net: p.net, amount: p.amount },
    };
    const { postings, numbers } = await write(tx, cooperativeId, actor, [p], { audit, atClose: opts.lastWrite });
    return presentPlanned(p, numbers.get(p.id)!, postings.get(p.id), actor);
  });
}

/**
 * Many deliveries of one day at once (the demo's days, an import): each checked by the same
 * rules and posted with its own journal entry, written with set-based inserts. All or nothing.
 */
export async function recordIntakeBatch(
  db: Db,
  cooperativeId: string,
  actor: Actor,
  batch: { input: IntakeInput; farmer: FarmerRef; refs: IntakeRefs }[],
): Promise<{ ids: string[]; amount: bigint }> {
  const plans = batch.map((b) => planIntake(b.refs, b.farmer, b.input, b.input.date!, { intake: newId('pnr'), lot: () => newId('lot') }));
  await inTransaction(db, (tx) => write(tx, cooperativeId, actor, plans));
  return { ids: plans.map((p) => p.id), amount: plans.reduce((s, p) => s + p.amount, 0n) };
}

/** Reference data for batches: commodity, prices and places, loaded once per day. */
export async function intakeRefsFor(
  db: Db,
  cooperativeId: string,
  q: { commodityId: string; collectionPointId: string; locationId?: string | null; plotId?: string | null; date: string },
) {
  return repo.loadIntakeRefs(db, cooperativeId, q);
}

async function farmersById(db: Db, cooperativeId: string): Promise<Map<string, FarmerRef>> {
  const members = await membersWithGroups(db, cooperativeId);
  return new Map(members.map((m) => [m.id, { id: m.id, number: m.number, fullName: m.fullName, farmerGroupName: m.farmerGroupName }]));
}

export async function getIntake(db: Db, cooperativeId: string, id: string): Promise<Intake> {
  const [r] = await repo.intakeRows(db, cooperativeId, { ids: [id] });
  if (!r) throw notFound({ id: 'Penerimaan tidak ditemukan', en: 'Intake not found' });
  const farmers = await farmersById(db, cooperativeId);
  return presentIntake(r, farmers.get(r.member_id) ?? unknownFarmer(r.member_id));
}

const encodeCursor = (r: { date: string; id: string }) => Buffer.from(`${r.date}|${r.id}`).toString('base64url');
function decodeCursor(c: string) {
  const [date, id] = Buffer.from(c, 'base64url').toString().split('|');
  if (!date || !id || !/^\d{4}-\d{2}-\d{2}$/.test(date)) {
    throw invalidField('query.cursor', 'invalid_cursor', { id: 'Kursor halaman tidak valid', en: 'Invalid page cursor' });
  }
  return { date, id };
}

export async function listIntakes(
  db: Db,
  cooperativeId: string,
  q: { from?: string; to?: string; memberId?: string; collectionPointId?: string; commodityId?: string; cursor?: string; limit: number },
) {
  const rows = await repo.intakeRows(db, cooperativeId, {
    ...q,
    before: q.cursor ? decodeCursor(q.cursor) : undefined,
    limit: q.limit + 1,
  });
  const more = rows.length > q.limit;
  const page = more ? rows.slice(0, q.limit) : rows;
  const farmers = await farmersById(db, cooperativeId);
  return {
    items: page.map((r) => presentIntake(r, farmers.get(r.member_id) ?? unknownFarmer(r.member_id))),
    nextCursor: more ? encodeCursor(page[page.length - 1]!) : null,
  };
}

/**
 * Undoes an intake recorded by mistake, while nothing has happened to its lots and it is unpaid:
 * the lots leave stock and the journal entry is reversed. The intake itself stays, marked void.
 */
export async function voidIntake(db: Db, cooperativeId: string, actor: Actor, id: string, input: { date?: string; reason: string }) {
  const [r] = await repo.intakeRows(db, cooperativeId, { ids: [id] });
  if (!r) throw notFound({ id: 'Penerimaan tidak ditemukan', en: 'Intake not found' });
  if (r.void_date)
    throw conflict('already_void', { id: `Penerimaan ${r.number} sudah dibatalkan`, en: `Intake ${r.number} is already void` });
  if (r.payout_id) {
    throw conflict('already_paid', {
      id: `Penerimaan ${r.number} sudah dibayarkan ke petani; tidak dapat dibatalkan`,
      en: `Intake ${r.number} has been paid out; it cannot be voided`,
    });
  }
  const date = input.date ?? (await todayOf(db, cooperativeId));
  if (date < r.date) {
    throw invalidField('date', 'before_intake', {
      id: `Tanggal pembatalan tidak boleh sebelum ${r.date}`,
      en: `The void cannot be dated before ${r.date}`,
    });
  }
  await inTransaction(db, async (tx) => {
    const lots = await repo.lockIntakeLots(tx, cooperativeId, id);
    const moved = lots.find((l) => l.moves !== 1n || l.on_hand !== l.quantity || l.location_id !== r.location_id);
    if (moved) {
      throw conflict('lots_moved', {
        id: 'Lot dari penerimaan ini sudah dipindah, dikemas atau disesuaikan; catat koreksinya sebagai susut atau stok opname',
        en: "This intake's lots have already moved; record the correction as a loss or a stock count",
      });
    }
    const reversal = r.journal_entry_id
      ? await reverseEntry(tx, cooperativeId, actor, r.journal_entry_id, {
          date,
          memo: `Pembatalan penerimaan ${r.number}: ${input.reason}`,
        })
      : null;
    await repo.insertVoid(
      tx,
      cooperativeId,
      actor,
      { intakeId: id, date, reason: input.reason, journalEntryId: reversal?.id ?? null, journalNumber: reversal?.number ?? null },
      lots.map((l) => ({ id: newId('mvt'), lotId: l.lot_id, locationId: l.location_id, quantity: -l.on_hand, value: -l.value })),
    );
    await recordAudit(tx, cooperativeId, actor, {
      action: 'produce.intake.void',
      entityType: 'produce_intake',
      entityId: id,
      changes: input,
    });
  });
  return getIntake(db, cooperativeId, id);
}

/** Everything the clerk's one-screen intake form needs, in one answer. */
export async function intakeForm(db: Db, cooperativeId: string, q: { date?: string; collectionPointId?: string }) {
  const date = q.date ?? (await todayOf(db, cooperativeId));
  const [settings, cps, locs, members, plots, commodities, prices, totals] = await concurrentOnPool(
    db,
    () => settingsRow(db, cooperativeId),
    () => listCollectionPoints(db, cooperativeId),
    () => listLocations(db, cooperativeId),
    () => membersWithGroups(db, cooperativeId),
    () => plotRows(db, cooperativeId, {}),
    () => listCommodities(db, cooperativeId),
    () => priceRows(db, cooperativeId, { date }),
    () => repo.todayTotals(db, cooperativeId, date, q.collectionPointId),
  );
  const plotsOf = new Map<string, { id: string; name: string; commodityIds: string[] }[]>();
  for (const p of plots)
    if (p.active)
      plotsOf.set(p.member_id, [...(plotsOf.get(p.member_id) ?? []), { id: p.id, name: p.name, commodityIds: p.commodity_ids }]);
  const priceOf = new Map(prices.map((p) => [`${p.commodity_id}|${p.grade}`, p.price]));
  return {
    date,
    rejectPolicy: settings.reject_policy,
    collectionPoints: cps.items.filter((c) => c.active),
    locations: locs.items.filter((l) => l.active),
    defaultLocationId: settings.default_location_id ?? locs.items.find((l) => l.active)?.id ?? null,
    farmers: members
      .filter((m) => m.status === 'active' && plotsOf.has(m.id))
      .map((m) => ({
        memberId: m.id,
        number: m.number,
        fullName: m.fullName,
        farmerGroupName: m.farmerGroupName,
        plots: plotsOf.get(m.id)!,
      })),
    commodities: commodities.items
      .filter((c) => c.active)
      .map((c) => {
        const grades = c.grades.map((g) => ({ ...g, price: priceOf.get(`${c.id}|${g.grade}`)?.toString() ?? null }));
        return {
          id: c.id,
          code: c.code,
          name: c.name,
          unit: c.unit,
          grades,
          priced: grades.some((g) => g.grade !== 'reject' && g.price !== null),
        };
      }),
    today: { intakes: Number(totals.n), netKg: qty(totals.net ?? 0n, 'kg').text, amount: (totals.amount ?? 0n).toString() },
  };
}
