/**
 * The one posting function every module calls inside its own transaction, and reversals.
 * Validation runs against the cached chart (no round trip); the database re-checks balance,
 * accounts, units and closed periods, and its refusals come back as the same field errors.
 */
import { formatRupiah } from '@kopdes/shared/money';
import type { Db } from '../../db/client.js';
import { lateValue, leaveForClose, literalText, sqlText } from '../../db/edged-transaction.js';
import { inTransaction } from '../../db/transaction.js';
import type { Actor } from '../../lib/actor.js';
import { AppError, conflict, notFound, type FieldError, type Msg } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { recordAudit } from '../audit/audit.service.js';
import { chartOf, forgetChart, type Chart } from './chart.js';
import { closedMonthKeys } from './chart.repository.js';
import * as journal from './journal.repository.js';
import type { Alongside } from './journal.repository.js';
import { monthLabel } from './periods.js';

export interface PostingLine {
  account: string;
  unit: string;
  debit?: bigint;
  credit?: bigint;
  memberId?: string | null;
  partnerId?: string | null;
  memo?: string;
}

export interface PostingEntry {
  /** Business date, YYYY-MM-DD, in the cooperative's time zone. */
  date: string;
  memo: string;
  source: { module: string; documentId: string };
  lines: PostingLine[];
}

export interface Posted {
  id: string;
  /** With `late`, a token that the transaction's closing fills with the number. */
  number: string;
  late?: true;
  /** The columns `opts.alongside.returning` asked for. */
  alongside?: Record<string, unknown>;
}

/** Large enough for any cooperative, small enough that every total stays exact in a spreadsheet (< 2^53). */
export const MAX_LINE_AMOUNT = 999_999_999_999_999n;

const field = (f: string, code: string, message: Msg): FieldError => ({ field: f, code, message });

/** A real calendar date in a plausible range (books are not kept in the year 9999). */
export function isValidDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m || Number(m[1]) < 1900 || Number(m[1]) > 2999) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** Every rule a posting must meet, checked against the chart; all problems at once. */
export function validateEntry(chart: Chart, entry: PostingEntry): { fields: FieldError[]; total: bigint } {
  const fields: FieldError[] = [];
  if (typeof entry.date !== 'string' || !isValidDate(entry.date)) {
    fields.push(
      field('date', 'invalid_date', { id: 'Tanggal harus tanggal yang ada (YYYY-MM-DD)', en: 'Date must be a real date (YYYY-MM-DD)' }),
    );
  }
  if (!entry.memo?.trim()) fields.push(field('memo', 'required', { id: 'Keterangan jurnal wajib diisi', en: 'A memo is required' }));
  if (!entry.source?.module?.trim())
    fields.push(field('source.module', 'required', { id: 'Sumber (modul) wajib diisi', en: 'Source module is required' }));
  if (!entry.source?.documentId?.trim())
    fields.push(field('source.documentId', 'required', { id: 'Nomor dokumen sumber wajib diisi', en: 'Source document id is required' }));
  const lines = entry.lines ?? [];
  if (lines.length < 2) {
    fields.push(field('lines', 'too_few_lines', { id: 'Jurnal minimal dua baris', en: 'An entry needs at least two lines' }));
  }
  let debit = 0n;
  let credit = 0n;
  lines.forEach((l, i) => {
    const at = `lines.${i}`;
    const acc = chart.accounts.get(l.account);
    if (!acc) {
      fields.push(
        field(`${at}.account`, 'unknown_account', {
          id: `Akun ${l.account} tidak ada dalam bagan akun`,
          en: `Account ${l.account} is not in the chart of accounts`,
        }),
      );
    } else if (!acc.active) {
      fields.push(
        field(`${at}.account`, 'inactive_account', {
          id: `Akun ${l.account} ${acc.name} sudah dinonaktifkan`,
          en: `Account ${l.account} ${acc.name} is inactive`,
        }),
      );
    }
    const unit = chart.units.get(l.unit);
    if (!unit) {
      fields.push(
        field(`${at}.unit`, 'unknown_unit', {
          id: `Unit usaha "${l.unit}" tidak dimiliki koperasi ini`,
          en: `This cooperative has no business unit "${l.unit}"`,
        }),
      );
    } else if (!unit.enabled) {
      fields.push(
        field(`${at}.unit`, 'unit_disabled', {
          id: `Unit usaha ${unit.name} tidak aktif di koperasi ini`,
          en: `Business unit ${unit.name} is not enabled in this cooperative`,
        }),
      );
    }
    const hasDebit = l.debit !== undefined && l.debit !== null;
    const hasCredit = l.credit !== undefined && l.credit !== null;
    if (hasDebit && hasCredit) {
      fields.push(
        field(`${at}.credit`, 'debit_and_credit', {
          id: 'Satu baris hanya boleh berisi debit atau kredit, tidak keduanya',
          en: 'A line holds either a debit or a credit, not both',
        }),
      );
    } else if (!hasDebit && !hasCredit) {
      fields.push(field(`${at}.debit`, 'amount_missing', { id: 'Isi debit atau kredit', en: 'Enter a debit or a credit' }));
    }
    for (const side of ['debit', 'credit'] as const) {
      const v = l[side];
      if (v === undefined || v === null) continue;
      if (typeof v !== 'bigint') {
        fields.push(field(`${at}.${side}`, 'not_whole_rupiah', { id: 'Jumlah harus rupiah bulat', en: 'Amount must be whole rupiah' }));
      } else if (v <= 0n) {
        fields.push(
          field(`${at}.${side}`, 'amount_not_positive', {
            id: 'Jumlah harus lebih dari nol',
            en: 'Amount must be greater than zero',
          }),
        );
      } else if (v > MAX_LINE_AMOUNT) {
        fields.push(field(`${at}.${side}`, 'amount_too_large', { id: 'Jumlah terlalu besar', en: 'Amount is too large' }));
      } else if (side === 'debit') debit += v;
      else credit += v;
    }
    if (l.memberId != null && (typeof l.memberId !== 'string' || !l.memberId.trim() || l.memberId.length > 64)) {
      fields.push(field(`${at}.memberId`, 'invalid_id', { id: 'Id anggota tidak valid', en: 'Not a valid member id' }));
    }
    if (l.partnerId != null && (typeof l.partnerId !== 'string' || !l.partnerId.trim() || l.partnerId.length > 64)) {
      fields.push(field(`${at}.partnerId`, 'invalid_id', { id: 'Id mitra tidak valid', en: 'Not a valid partner id' }));
    }
  });
  const amountsOk = !fields.some((f) => /^lines\.\d+\.(debit|credit)$/.test(f.field));
  if (amountsOk && lines.length >= 2 && debit !== credit) {
    fields.push(
      field('lines', 'unbalanced', {
        id: `Jurnal tidak seimbang: debit ${formatRupiah(debit)}, kredit ${formatRupiah(credit)} (selisih ${formatRupiah(debit > credit ? debit - credit : credit - debit)})`,
        en: `Entry does not balance: debit ${formatRupiah(debit)}, credit ${formatRupiah(credit)}`,
      }),
    );
  }
  return { fields, total: debit };
}

export function refused(fields: FieldError[]): AppError {
  const first = fields[0]!;
  return new AppError(
    'validation',
    fields.length === 1 ? first.code : 'invalid_entry',
    fields.length === 1 ? first.message : { id: 'Jurnal ditolak: periksa kolom yang ditandai', en: 'Entry refused: see the marked fields' },
    fields,
  );
}

export const periodClosedError = (month: string) =>
  new AppError(
    'validation',
    'period_closed',
    {
      id: `Periode ${monthLabel(month)} sudah ditutup; jurnal bertanggal di bulan itu tidak dapat dibukukan`,
      en: `The period ${month} is closed; entries dated in that month cannot be posted`,
    },
    [
      {
        field: 'date',
        code: 'period_closed',
        message: { id: `Periode ${monthLabel(month)} sudah ditutup`, en: `Period ${month} is closed` },
      },
    ],
  );

/** The database's own refusals (see 0002_ledger.sql), as the same errors the service would give. */
function fromDatabase(e: unknown, cooperativeId: string): unknown {
  const err = (e as { cause?: unknown }).cause ?? e;
  const { code, detail } = err as { code?: string; detail?: string };
  if (code === 'KL001') return periodClosedError(detail ?? '');
  if (code === 'KL003' || code === 'KL004') {
    forgetChart(cooperativeId);
    return refused([
      code === 'KL003'
        ? field('lines', 'inactive_account', {
            id: `Akun ${detail} tidak ada atau tidak aktif`,
            en: `Account ${detail} is unknown or inactive`,
          })
        : field('lines', 'unit_disabled', {
            id: `Unit usaha ${detail} tidak ada atau tidak aktif`,
            en: `Unit ${detail} is unknown or disabled`,
          }),
    ]);
  }
  if (code === '23505' && /reverses_id/.test((err as { constraint?: string }).constraint ?? '')) {
    return conflict('already_reversed', { id: 'Jurnal ini sudah dibalik', en: 'This entry has already been reversed' });
  }
  return e;
}

interface Internal {
  reversesId?: string;
  closing?: boolean;
  alongside?: Alongside;
  atClose?: boolean;
}

async function post(db: Db, cooperativeId: string, actor: Actor, entry: PostingEntry, internal: Internal = {}): Promise<Posted> {
  const chart = await chartOf(db, cooperativeId);
  const { fields } = validateEntry(chart, entry);
  if (fields.length) throw refused(fields);
  // Refused here, the caller's transaction stays usable; the database's own check is the guard.
  // The cache may be older than this transaction (a year being reopened): asked again before refusing.
  const month = entry.date.slice(0, 7);
  if (chart.closedMonths.has(month)) {
    if ((await closedMonthKeys(db, cooperativeId)).includes(month)) throw periodClosedError(month);
    forgetChart(cooperativeId);
  }
  const id = newId('jrn');
  const newEntry: journal.NewEntry = {
    id,
    series: `JU-${entry.date.slice(0, 4)}`,
    date: entry.date,
    memo: entry.memo.trim(),
    sourceModule: entry.source.module,
    sourceDocumentId: entry.source.documentId,
    reversesId: internal.reversesId ?? null,
    closing: internal.closing ?? false,
    createdById: actor.id,
    createdByLabel: actor.label,
    lines: entry.lines.map((l) => ({
      account: l.account,
      unit: l.unit,
      debit: l.debit ?? 0n,
      credit: l.credit ?? 0n,
      memberId: l.memberId ?? null,
      partnerId: l.partnerId ?? null,
      memo: l.memo ?? null,
    })),
  };
  const lateColumns = internal.alongside?.late;
  if (internal.atClose && (!internal.alongside?.returning || lateColumns)) {
    const text = literalText(db, journal.entryStatement(cooperativeId, newEntry, internal.alongside));
    if (leaveForClose(db, { text, fills: [], refused: (e) => fromDatabase(e, cooperativeId) })) {
      const numberSql = sqlText`(SELECT number FROM journal_entries WHERE cooperative_id = ${cooperativeId} AND id = ${id})`;
      const number = lateValue(db, numberSql, (row) => String(row.number));
      const alongside = Object.fromEntries(
        Object.entries(lateColumns ?? {}).map(([column, valueSql]) => [column, lateValue(db, valueSql, (row) => String(row[column]))]),
      );
      return { id, number, alongside, late: true };
    }
  }
  try {
    // The gap-free number is taken in the same statement as the insert: its row lock (held to
    // commit) starts as late as it can.
    return await inTransaction(db, async (tx) => {
      const { number, ...alongside } = await journal.insertEntry(tx, cooperativeId, newEntry, internal.alongside);
      return { id, number, alongside };
    });
  } catch (e) {
    throw fromDatabase(e, cooperativeId);
  }
}

/**
 * Posts one balanced journal entry inside the caller's transaction (a savepoint there), so the
 * operation and its entry commit or fail together. Throws AppError naming fields such as
 * `lines.2.credit`. The gap-free number (JU-2025-000123) is taken last: call this late.
 * `opts.alongside`: the source document's inserts, in the same statement (see journal.insertEntry).
 * `opts.atClose`: in an edged transaction (an Idempotency-Key request), the statement is left for
 * the closing round trip, right before COMMIT, and `number` is a token the closing fills in the
 * answer (`late` is set; see db/edged-transaction). Only for a posting that is its transaction's
 * last write, whose entry nothing else in the transaction reads; `returning` columns only with
 * `alongside.late`, which says how to read each back (they are tokens in `alongside` too).
 * @example await postEntry(tx, coopId, actor, { date: '2025-08-01', memo: 'Setoran simpanan sukarela',
 *   source: { module: 'savings', documentId: dep.id },
 *   lines: [{ account: ACCOUNTS.KAS, unit: 'simpan_pinjam', debit: 50_000n },
 *           { account: ACCOUNTS.SIMPANAN_SUKARELA, unit: 'simpan_pinjam', credit: 50_000n, memberId }] })
 */
export function postEntry(
  db: Db,
  cooperativeId: string,
  actor: Actor,
  entry: PostingEntry,
  opts: { alongside?: Alongside; atClose?: boolean } = {},
): Promise<Posted> {
  return post(db, cooperativeId, actor, entry, opts);
}

/** Internal: closing entries of the year end are posted by the periods service. */
export const postClosingEntry = (db: Db, cooperativeId: string, actor: Actor, entry: PostingEntry) =>
  post(db, cooperativeId, actor, entry, { closing: true });

/**
 * Posts the mirror image of an entry (debits become credits), linked to it. An entry is reversed
 * at most once, a reversal is not reversed again, and year-end closing entries are undone only
 * by reopening the year.
 */
export async function reverseEntry(
  db: Db,
  cooperativeId: string,
  actor: Actor,
  entryId: string,
  opts: { date: string; memo: string },
  internal: { allowClosing?: boolean } = {},
): Promise<Posted> {
  return db.transaction(async (tx) => {
    const original = await journal.findEntry(tx, cooperativeId, entryId);
    if (!original) throw notFound({ id: 'Jurnal tidak ditemukan', en: 'Journal entry not found' });
    if (original.reversed_by_id)
      throw conflict('already_reversed', { id: 'Jurnal ini sudah dibalik', en: 'This entry has already been reversed' });
    if (original.reverses_id) {
      throw conflict('is_reversal', {
        id: 'Jurnal pembalik tidak dapat dibalik lagi; buat jurnal baru bila perlu',
        en: 'A reversal cannot itself be reversed; post a new entry instead',
      });
    }
    if (original.closing && !internal.allowClosing) {
      throw conflict('closing_entry', {
        id: 'Jurnal penutup tahun hanya dibatalkan dengan membuka kembali tahun buku',
        en: 'A year-end closing entry is undone only by reopening the year',
      });
    }
    if (isValidDate(opts.date) && opts.date < original.date) {
      throw new AppError(
        'validation',
        'before_original',
        {
          id: `Tanggal pembalik tidak boleh sebelum tanggal jurnal asal (${original.date})`,
          en: `A reversal cannot be dated before the original entry (${original.date})`,
        },
        [
          {
            field: 'date',
            code: 'before_original',
            message: { id: `Tidak boleh sebelum ${original.date}`, en: `Not before ${original.date}` },
          },
        ],
      );
    }
    const lines = await journal.linesOf(tx, cooperativeId, [entryId]);
    const posted = await post(
      tx,
      cooperativeId,
      actor,
      {
        date: opts.date,
        memo: opts.memo,
        source: { module: original.source_module, documentId: original.source_document_id },
        lines: lines.map((l) => ({
          account: l.account,
          unit: l.unit,
          memberId: l.member_id,
          partnerId: l.partner_id,
          memo: l.memo ?? undefined,
          ...(l.debit > 0n ? { credit: l.debit } : { debit: l.credit }),
        })),
      },
      { reversesId: entryId, closing: original.closing },
    );
    await recordAudit(tx, cooperativeId, actor, {
      action: 'ledger.entry.reverse',
      entityType: 'journal_entry',
      entityId: posted.id,
      changes: { reverses: { id: entryId, number: original.number }, number: posted.number, date: opts.date, memo: opts.memo },
    });
    return posted;
  });
}
