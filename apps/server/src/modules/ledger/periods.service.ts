/**
 * Accounting periods: closing and reopening months, and the year-end close that moves the year's
 * revenue and expense into SHU Tahun Berjalan (per business unit). Reopening a closed year is the
 * ketua's decision and needs a reason, kept in the audit trail.
 */
import { ACCOUNTS } from '@kopdes/shared/ledger';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../lib/actor.js';
import { AppError, conflict } from '../../lib/errors.js';
import { recordAudit } from '../audit/audit.service.js';
import { chartOf, forgetChart } from './chart.js';
import { monthEnd, monthLabel, monthStart } from './periods.js';
import * as repo from './periods.repository.js';
import { postClosingEntry, reverseEntry, type PostingLine } from './posting.service.js';

const yearClosedError = (year: number) =>
  conflict('year_closed', {
    id: `Tahun buku ${year} sudah ditutup; hanya ketua yang dapat membukanya kembali`,
    en: `Financial year ${year} is closed; only the chair can reopen it`,
  });

/** Drops the cached chart once the change has committed, so postings see the new periods. */
async function forgetAfter<T>(cooperativeId: string, done: Promise<T>): Promise<T> {
  const out = await done;
  forgetChart(cooperativeId);
  return out;
}

export async function listPeriods(db: Db, cooperativeId: string, year: number) {
  const closed = await repo.closedMonths(db, cooperativeId, `${year}-01-01`, `${year}-12-01`);
  const counts = await repo.entriesPerMonth(db, cooperativeId, year);
  const closedYear = await repo.findClosedYear(db, cooperativeId, year);
  const byMonth = new Map(closed.map((c) => [c.month.slice(0, 7), c]));
  return {
    year,
    yearClosed: !!closedYear,
    closingEntryId: closedYear?.closingEntryId ?? null,
    months: Array.from({ length: 12 }, (_, i) => {
      const month = `${year}-${String(i + 1).padStart(2, '0')}`;
      const c = byMonth.get(month);
      return {
        month,
        closed: !!c,
        closedAt: c ? c.closedAt.toISOString() : null,
        closedBy: c?.closedByLabel ?? null,
        entries: counts.get(month) ?? 0,
      };
    }),
  };
}

export async function closeMonth(db: Db, cooperativeId: string, actor: Actor, month: string) {
  return forgetAfter(
    cooperativeId,
    db.transaction(async (tx) => {
      await repo.lockPeriods(tx, cooperativeId);
      const done = await repo.insertClosedMonths(tx, cooperativeId, [monthStart(month)], actor.label);
      if (!done.length) {
        throw conflict('already_closed', { id: `Periode ${monthLabel(month)} sudah ditutup`, en: `Period ${month} is already closed` });
      }
      await recordAudit(tx, cooperativeId, actor, { action: 'ledger.period.close', entityType: 'ledger_period', entityId: month });
      return listPeriods(tx, cooperativeId, Number(month.slice(0, 4)));
    }),
  );
}

export async function reopenMonth(db: Db, cooperativeId: string, actor: Actor, month: string, reason?: string) {
  const year = Number(month.slice(0, 4));
  return forgetAfter(
    cooperativeId,
    db.transaction(async (tx) => {
      await repo.lockPeriods(tx, cooperativeId);
      if (await repo.findClosedYear(tx, cooperativeId, year)) throw yearClosedError(year);
      const done = await repo.deleteClosedMonth(tx, cooperativeId, monthStart(month));
      if (!done.length) {
        throw conflict('not_closed', { id: `Periode ${monthLabel(month)} belum ditutup`, en: `Period ${month} is not closed` });
      }
      await recordAudit(tx, cooperativeId, actor, {
        action: 'ledger.period.reopen',
        entityType: 'ledger_period',
        entityId: month,
        changes: { reason: reason ?? null },
      });
      return listPeriods(tx, cooperativeId, year);
    }),
  );
}

/**
 * Closes a financial year: one closing entry dated 31 December that zeroes every revenue and
 * expense account per unit against SHU Tahun Berjalan, then closes all twelve months.
 */
export async function closeYear(db: Db, cooperativeId: string, actor: Actor, year: number) {
  return forgetAfter(
    cooperativeId,
    db.transaction(async (tx) => {
      await repo.lockPeriods(tx, cooperativeId);
      if (await repo.findClosedYear(tx, cooperativeId, year)) {
        throw conflict('already_closed', { id: `Tahun buku ${year} sudah ditutup`, en: `Financial year ${year} is already closed` });
      }
      const chart = await chartOf(tx, cooperativeId);
      const surplusAccount = chart.accounts.get(ACCOUNTS.SHU_TAHUN_BERJALAN);
      if (!surplusAccount?.active) {
        throw new AppError('unprocessable', 'surplus_account_inactive', {
          id: 'Akun 3401 SHU Tahun Berjalan tidak aktif; aktifkan dahulu sebelum tutup buku',
          en: 'Account 3401 is inactive; activate it before closing the year',
        });
      }
      // The closing entry is dated in December: it goes in before the months are marked closed.
      await repo.deleteClosedMonth(tx, cooperativeId, `${year}-12-01`);
      const nets = await repo.resultNetByUnit(tx, cooperativeId, year);
      const lines: PostingLine[] = [];
      const perUnit = new Map<string, bigint>();
      for (const n of nets) {
        lines.push(n.net > 0n ? { account: n.account, unit: n.unit, credit: n.net } : { account: n.account, unit: n.unit, debit: -n.net });
        perUnit.set(n.unit, (perUnit.get(n.unit) ?? 0n) + n.net);
      }
      for (const [unit, net] of perUnit) {
        if (net > 0n) lines.push({ account: ACCOUNTS.SHU_TAHUN_BERJALAN, unit, debit: net });
        else if (net < 0n) lines.push({ account: ACCOUNTS.SHU_TAHUN_BERJALAN, unit, credit: -net });
      }
      const surplus = -[...perUnit.values()].reduce((s, v) => s + v, 0n);
      const posted = lines.length
        ? await postClosingEntry(tx, cooperativeId, actor, {
            date: `${year}-12-31`,
            memo: `Jurnal penutup tahun buku ${year}: pendapatan dan beban ke SHU Tahun Berjalan`,
            source: { module: 'ledger', documentId: `tutup-buku-${year}` },
            lines,
          })
        : null;
      const months = Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}-01`);
      await repo.insertClosedMonths(tx, cooperativeId, months, actor.label);
      await repo.insertClosedYear(tx, { cooperativeId, year, closingEntryId: posted?.id ?? null, closedByLabel: actor.label });
      await recordAudit(tx, cooperativeId, actor, {
        action: 'ledger.year.close',
        entityType: 'ledger_year',
        entityId: String(year),
        changes: { closingEntry: posted, surplus },
      });
      return { year, closingEntry: posted, surplus: surplus.toString() };
    }),
  );
}

/** Reopens a closed year (ketua, with a reason): reverses its closing entry and reopens December. */
export async function reopenYear(db: Db, cooperativeId: string, actor: Actor, year: number, reason: string) {
  return forgetAfter(
    cooperativeId,
    db.transaction(async (tx) => {
      await repo.lockPeriods(tx, cooperativeId);
      const closed = await repo.findClosedYear(tx, cooperativeId, year);
      if (!closed) throw conflict('not_closed', { id: `Tahun buku ${year} belum ditutup`, en: `Financial year ${year} is not closed` });
      const later = await repo.laterClosedYear(tx, cooperativeId, year);
      if (later) {
        throw conflict('later_year_closed', {
          id: `Buka kembali tahun buku ${later.year} terlebih dahulu`,
          en: `Reopen financial year ${later.year} first`,
        });
      }
      await repo.deleteClosedMonth(tx, cooperativeId, `${year}-12-01`);
      const reversal = closed.closingEntryId
        ? await reverseEntry(
            tx,
            cooperativeId,
            actor,
            closed.closingEntryId,
            { date: monthEnd(`${year}-12`), memo: `Pembatalan jurnal penutup tahun buku ${year}: ${reason}` },
            { allowClosing: true },
          )
        : null;
      await repo.deleteClosedYear(tx, cooperativeId, year);
      await recordAudit(tx, cooperativeId, actor, {
        action: 'ledger.year.reopen',
        entityType: 'ledger_year',
        entityId: String(year),
        changes: { reason, reversal },
      });
      return listPeriods(tx, cooperativeId, year);
    }),
  );
}
