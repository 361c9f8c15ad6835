/**
 * Farmer payouts: a run for a period lists every farmer's unpaid intakes and the amount due, takes
 * the deductions they agreed to (registered providers: simpanan wajib, later loans and advances),
 * and pays the net by cash or bank transfer, one journal entry per farmer. An intake is paid at
 * most once (database key), so running a period again pays nothing twice.
 */
import { ACCOUNTS, CASH_ACCOUNT } from '@kopdes/shared/ledger';
import { formatRupiah } from '@kopdes/shared/money';
import { DEDUCTION_LABELS, type DeductionKind, type PayoutLine, type PayoutMethod, type PayoutRun } from '@kopdes/shared/produce';
import type { Db } from '../../db/client.js';
import { concurrentOnPool } from '../../db/concurrent.js';
import { nextNumber } from '../../db/numbering.js';
import type { Actor } from '../../lib/actor.js';
import { AppError, conflict, invalidField, notFound } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { recordAudit } from '../audit/audit.service.js';
import { postEntry } from '../ledger/ledger.service.js';
import { qty, todayOf, UNIT } from './common.js';
import { payoutDeductionProviders } from './deductions.js';
import { farmerProfiles } from './farmers.service.js';
import { membersWithGroups, type FarmerMember } from './member-directory.js';
import * as repo from './payouts.repository.js';
import { inTransaction } from '../../db/transaction.js';

interface Draft {
  member: FarmerMember;
  method: PayoutMethod;
  bank: { name: string | null; accountNo: string | null; accountName: string | null };
  intakes: repo.UnpaidIntakeRow[];
  gross: bigint;
  deductions: { kind: DeductionKind; amount: bigint; reference: string | null }[];
  net: bigint;
}

const intakeLines = (
  i: {
    id: string;
    number: string;
    date: string;
    commodity_name: string;
    unit: repo.UnpaidIntakeRow['unit'];
    lots: repo.UnpaidIntakeRow['lots'] | null;
  },
  amount: bigint,
) => ({
  intakeId: i.id,
  number: i.number,
  date: i.date,
  commodityName: i.commodity_name,
  lines: (i.lots ?? [])
    .filter((l) => l.paid && BigInt(l.cost) > 0n)
    .map((l) => ({ grade: l.grade, quantity: qty(BigInt(l.quantity), i.unit), price: l.price, amount: l.cost })),
  amount: amount.toString(),
});

function checkPeriod(q: { from: string; to: string }) {
  if (q.to < q.from)
    throw invalidField('to', 'period_reversed', { id: 'Tanggal akhir sebelum tanggal awal', en: 'The period ends before it starts' });
}

/** What a run for the period would pay, per farmer, with deductions; nothing is written. */
async function drafts(
  db: Db,
  cooperativeId: string,
  q: { from: string; to: string; payDate: string; method?: PayoutMethod; memberIds?: string[] },
) {
  const intakes = await repo.unpaidIntakes(db, cooperativeId, q);
  const memberIds = [...new Set(intakes.map((i) => i.member_id))];
  if (!memberIds.length) return [];
  const [members, profiles] = await concurrentOnPool(
    db,
    () => membersWithGroups(db, cooperativeId),
    () => farmerProfiles(db, cooperativeId, memberIds),
  );
  const memberOf = new Map(members.map((m) => [m.id, m]));
  const profileOf = new Map(profiles.map((p) => [p.member_id, p]));
  const dues = await concurrentOnPool(
    db,
    ...payoutDeductionProviders().map((p) => async () => ({ p, due: await p.due(db, cooperativeId, memberIds, q.payDate) })),
  );
  const out: Draft[] = [];
  for (const memberId of memberIds) {
    const mine = intakes.filter((i) => i.member_id === memberId);
    const gross = mine.reduce((s, i) => s + i.amount, 0n);
    const prof = profileOf.get(memberId);
    const method: PayoutMethod = q.method ?? prof?.payout_method ?? 'cash';
    if (method === 'bank' && !prof?.bank_account_no) {
      const name = memberOf.get(memberId)?.fullName ?? memberId;
      throw new AppError(
        'unprocessable',
        'no_bank_account',
        {
          id: `${name} belum punya rekening bank terdaftar; bayar tunai atau isi rekeningnya dulu`,
          en: `${name} has no bank account on file; pay in cash or add the account first`,
        },
        [
          {
            field: 'method',
            code: 'no_bank_account',
            message: { id: `${name} belum punya rekening bank`, en: `${name} has no bank account` },
          },
        ],
      );
    }
    let left = gross;
    const deductions: Draft['deductions'] = [];
    for (const { p, due } of dues) {
      const d = due.get(memberId);
      if (!d || d.amount <= 0n || left === 0n) continue;
      const amount = d.amount < left ? d.amount : left;
      deductions.push({ kind: p.kind, amount, reference: d.reference });
      left -= amount;
    }
    out.push({
      member: memberOf.get(memberId) ?? {
        id: memberId,
        number: 0,
        fullName: '(anggota tidak dikenal)',
        status: 'unknown',
        farmerGroupId: null,
        farmerGroupName: null,
        villageCode: '',
      },
      method,
      bank: { name: prof?.bank_name ?? null, accountNo: prof?.bank_account_no ?? null, accountName: prof?.bank_account_name ?? null },
      intakes: mine,
      gross,
      deductions,
      net: left,
    });
  }
  return out.sort((a, b) => a.member.number - b.member.number);
}

function presentDraft(d: Draft, id: string | null, journal: { id: string; number: string } | null): PayoutLine {
  return {
    id,
    memberId: d.member.id,
    number: d.member.number,
    fullName: d.member.fullName,
    farmerGroupName: d.member.farmerGroupName,
    method: d.method,
    bankName: d.bank.name,
    bankAccountNo: d.bank.accountNo,
    intakes: d.intakes.map((i) => intakeLines(i, i.amount)),
    gross: d.gross.toString(),
    deductions: d.deductions.map((x) => ({
      kind: x.kind,
      label: DEDUCTION_LABELS[x.kind].id,
      amount: x.amount.toString(),
      reference: x.reference,
    })),
    deductionTotal: d.deductions.reduce((s, x) => s + x.amount, 0n).toString(),
    net: d.net.toString(),
    journal,
  };
}

function totals(lines: { gross: bigint; net: bigint; method: PayoutMethod }[]) {
  const gross = lines.reduce((s, l) => s + l.gross, 0n);
  const net = lines.reduce((s, l) => s + l.net, 0n);
  const cash = lines.filter((l) => l.method === 'cash').reduce((s, l) => s + l.net, 0n);
  return { gross, net, deductions: gross - net, cash, bank: net - cash };
}

export async function previewPayouts(db: Db, cooperativeId: string, q: { from: string; to: string; payDate?: string }): Promise<PayoutRun> {
  checkPeriod(q);
  const payDate = q.payDate ?? (await todayOf(db, cooperativeId));
  const ds = await drafts(db, cooperativeId, { ...q, payDate });
  const t = totals(ds);
  return {
    id: null,
    number: null,
    from: q.from,
    to: q.to,
    payDate,
    farmers: ds.length,
    gross: t.gross.toString(),
    deductions: t.deductions.toString(),
    net: t.net.toString(),
    cash: t.cash.toString(),
    bank: t.bank.toString(),
    payouts: ds.map((d) => presentDraft(d, null, null)),
    createdBy: null,
    createdAt: null,
  };
}

/**
 * Pays every farmer's unpaid intakes of the period: deductions settled by their providers, the
 * net paid from cash (1101) or bank (1111) against the farmer's payable (2102), one journal entry
 * per farmer, all in one transaction. A period with nothing left to pay is refused.
 */
export async function runPayouts(
  db: Db,
  cooperativeId: string,
  actor: Actor,
  input: { from: string; to: string; payDate?: string; method?: PayoutMethod; memberIds?: string[] },
) {
  checkPeriod(input);
  const payDate = input.payDate ?? (await todayOf(db, cooperativeId));
  if (payDate < input.from) {
    throw invalidField('payDate', 'pay_before_period', {
      id: 'Tanggal bayar sebelum awal periode',
      en: 'The pay date is before the period starts',
    });
  }
  const runId = newId('pyr');
  await inTransaction(db, async (tx) => {
    await repo.lockPayouts(tx, cooperativeId);
    const ds = await drafts(tx, cooperativeId, { ...input, payDate });
    if (!ds.length) {
      throw conflict('nothing_to_pay', {
        id: 'Tidak ada penerimaan yang belum dibayar pada periode ini; semuanya sudah dibayarkan',
        en: 'No unpaid intakes in this period; everything has been paid',
      });
    }
    const t = totals(ds);
    const number = `PB-${payDate.slice(0, 4)}-${(await nextNumber(tx, cooperativeId, `PB-${payDate.slice(0, 4)}`)).toString().padStart(5, '0')}`;
    await recordAudit(tx, cooperativeId, actor, {
      action: 'produce.payout.run',
      entityType: 'produce_payout_run',
      entityId: runId,
      changes: { ...input, payDate, number, farmers: ds.length, gross: t.gross, net: t.net },
    });
    const providers = new Map(payoutDeductionProviders().map((p) => [p.kind, p]));
    const rows: repo.NewPayout[] = [];
    for (const d of ds) {
      const id = newId('pyo');
      const deductionLines: repo.NewPayout['deductionLines'] = [];
      for (const x of d.deductions) {
        const settled = await providers.get(x.kind)!.settle(tx, cooperativeId, actor, {
          memberId: d.member.id,
          amount: x.amount,
          date: payDate,
          payoutId: id,
          payoutRunNumber: number,
          debit: { account: ACCOUNTS.UTANG_PETANI, unit: UNIT, memberId: d.member.id },
        });
        deductionLines.push({
          kind: x.kind,
          amount: x.amount,
          reference: settled.reference ?? x.reference,
          journalEntryId: settled.journalEntryId,
        });
      }
      const posted =
        d.net > 0n
          ? await postEntry(tx, cooperativeId, actor, {
              date: payDate,
              memo: `Pembayaran hasil panen ${d.member.fullName} ${number} (${d.intakes.length} penerimaan, ${formatRupiah(d.gross)})`,
              source: { module: 'produce.payout', documentId: id },
              lines: [
                { account: ACCOUNTS.UTANG_PETANI, unit: UNIT, debit: d.net, memberId: d.member.id },
                { account: CASH_ACCOUNT[d.method], unit: UNIT, credit: d.net },
              ],
            })
          : null;
      rows.push({
        id,
        memberId: d.member.id,
        method: d.method,
        bankName: d.bank.name,
        bankAccountNo: d.bank.accountNo,
        bankAccountName: d.bank.accountName,
        gross: d.gross,
        deductions: d.gross - d.net,
        net: d.net,
        journalEntryId: posted?.id ?? null,
        journalNumber: posted?.number ?? null,
        items: d.intakes.map((i) => ({ intakeId: i.id, amount: i.amount })),
        deductionLines,
      });
    }
    await repo.insertRun(tx, cooperativeId, actor, { id: runId, number, from: input.from, to: input.to, payDate, ...t }, rows);
  });
  return getPayoutRun(db, cooperativeId, runId);
}

export function presentPayout(p: repo.PayoutRow, m: FarmerMember | undefined): PayoutLine {
  return {
    id: p.id,
    memberId: p.member_id,
    number: m?.number ?? 0,
    fullName: m?.fullName ?? '(anggota tidak dikenal)',
    farmerGroupName: m?.farmerGroupName ?? null,
    method: p.method,
    bankName: p.bank_name,
    bankAccountNo: p.bank_account_no,
    intakes: (p.intakes ?? []).map((i) => intakeLines(i, BigInt(i.amount))),
    gross: p.gross.toString(),
    deductions: (p.deduction_lines ?? []).map((d) => ({
      kind: d.kind,
      label: DEDUCTION_LABELS[d.kind].id,
      amount: d.amount,
      reference: d.reference,
    })),
    deductionTotal: p.deductions.toString(),
    net: p.net.toString(),
    journal: p.journal_entry_id ? { id: p.journal_entry_id, number: p.journal_number ?? '' } : null,
  };
}

const presentRun = (r: repo.RunRow) => ({
  id: r.id,
  number: r.number,
  from: r.period_from,
  to: r.period_to,
  payDate: r.pay_date,
  farmers: r.farmers,
  gross: r.gross.toString(),
  deductions: r.deductions.toString(),
  net: r.net.toString(),
  cash: r.cash.toString(),
  bank: r.bank.toString(),
  createdBy: r.created_by_label,
  createdAt: new Date(r.created_at).toISOString(),
});

export async function listPayoutRuns(db: Db, cooperativeId: string) {
  return { items: (await repo.runs(db, cooperativeId)).map(presentRun) };
}

export async function getPayoutRun(db: Db, cooperativeId: string, id: string): Promise<PayoutRun> {
  const [r] = await repo.runs(db, cooperativeId, id);
  if (!r) throw notFound({ id: 'Pembayaran petani tidak ditemukan', en: 'Payout run not found' });
  const [rows, members] = await concurrentOnPool(
    db,
    () => repo.payouts(db, cooperativeId, { runId: id }),
    () => membersWithGroups(db, cooperativeId),
  );
  const memberOf = new Map(members.map((m) => [m.id, m]));
  const payouts = rows.map((p) => presentPayout(p, memberOf.get(p.member_id))).sort((a, b) => a.number - b.number);
  return { ...presentRun(r), payouts };
}

export async function getPayout(db: Db, cooperativeId: string, id: string) {
  const [p] = await repo.payouts(db, cooperativeId, { id });
  if (!p) throw notFound({ id: 'Pembayaran tidak ditemukan', en: 'Payout not found' });
  const [[r], members] = await concurrentOnPool(
    db,
    () => repo.runs(db, cooperativeId, p.run_id),
    () => membersWithGroups(db, cooperativeId),
  );
  return {
    run: presentRun(r!),
    payout: presentPayout(
      p,
      members.find((m) => m.id === p.member_id),
    ),
  };
}

const csvCell = (v: string) => (/[",\n;]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** The bank transfers of a run as CSV for the bank's bulk-transfer upload (amounts in whole Rupiah). */
export async function bankFile(db: Db, cooperativeId: string, id: string): Promise<{ filename: string; csv: string }> {
  const run = await getPayoutRun(db, cooperativeId, id);
  const lines = ['No,Nama Penerima,Bank,Nomor Rekening,Nama di Rekening,Jumlah,Keterangan'];
  const profiles = new Map(
    (
      await farmerProfiles(
        db,
        cooperativeId,
        run.payouts.map((p) => p.memberId),
      )
    ).map((p) => [p.member_id, p]),
  );
  let n = 0;
  for (const p of run.payouts) {
    if (p.method !== 'bank' || p.net === '0') continue;
    n += 1;
    lines.push(
      [
        String(n),
        p.fullName,
        p.bankName ?? '',
        p.bankAccountNo ?? '',
        profiles.get(p.memberId)?.bank_account_name ?? p.fullName,
        p.net,
        `Hasil panen ${run.number}`,
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return { filename: `transfer-${run.number}.csv`, csv: lines.join('\r\n') + '\r\n' };
}
