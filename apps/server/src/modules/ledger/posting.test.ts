import { ACCOUNTS } from '@kopdes/shared/ledger';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/client.js';
import { SYSTEM_ACTOR } from '../../lib/actor.js';
import { AppError } from '../../lib/errors.js';
import { testDatabase } from '../../../test/support/db.js';
import { makeCoop } from '../../../test/support/factories.js';
import {
  accountBalance,
  closeMonth,
  postEntry,
  reverseEntry,
  setAccountActive,
  setUnitEnabled,
  subsidiaryBalances,
  type PostingEntry,
} from './ledger.service.js';

let db: Db;
let coopId: string;
beforeAll(async () => {
  db = (await testDatabase()).db;
  coopId = (await makeCoop(db)).id;
});

const sale = (over: Partial<PostingEntry> = {}, amount = 150_000n): PostingEntry => ({
  date: '2025-08-04',
  memo: 'Penjualan beras ke anggota',
  source: { module: 'test', documentId: 'doc-1' },
  lines: [
    { account: ACCOUNTS.KAS, unit: 'gerai_sembako', debit: amount },
    { account: ACCOUNTS.PENJUALAN_ANGGOTA, unit: 'gerai_sembako', credit: amount, memberId: 'mbr_A' },
  ],
  ...over,
});

const countRows = async (c = coopId) => {
  const r = await db.execute<{ e: number; l: number }>(sql`
    SELECT (SELECT count(*)::int FROM journal_entries WHERE cooperative_id = ${c}) AS e,
           (SELECT count(*)::int FROM journal_lines WHERE cooperative_id = ${c}) AS l`);
  return { entries: Number(r.rows[0]!.e), lines: Number(r.rows[0]!.l) };
};

/** What PostgreSQL itself said (drizzle wraps it as the cause). */
async function pgError(p: Promise<unknown>): Promise<string> {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x as { cause?: Error; message: string },
  );
  expect(e, 'the database should have refused').toBeDefined();
  return (e!.cause ?? e!).message;
}

async function refusal(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

describe('postEntry', () => {
  it('posts a balanced entry with a gap-free number and moves the balances', async () => {
    const before = await accountBalance(db, coopId, { account: ACCOUNTS.KAS });
    const posted = await postEntry(db, coopId, SYSTEM_ACTOR, sale());
    expect(posted.number).toMatch(/^JU-2025-\d{6}$/);
    expect(posted.id).toMatch(/^jrn_/);
    expect(await accountBalance(db, coopId, { account: ACCOUNTS.KAS })).toBe(before + 150_000n);
    expect(await accountBalance(db, coopId, { account: ACCOUNTS.PENJUALAN_ANGGOTA, memberId: 'mbr_A' })).toBeGreaterThanOrEqual(150_000n);
    expect(await accountBalance(db, coopId, { account: ACCOUNTS.KAS, asOf: '2025-08-03' })).toBe(0n);
    const second = await postEntry(db, coopId, SYSTEM_ACTOR, sale());
    expect(Number(second.number.slice(-6))).toBe(Number(posted.number.slice(-6)) + 1);
  });

  it('refuses each kind of bad input with the field named and writes nothing', async () => {
    const start = await countRows();
    const cases: [PostingEntry, string, string][] = [
      [sale({ lines: [sale().lines[0]!, { ...sale().lines[1]!, credit: 140_000n }] }), 'lines', 'unbalanced'],
      [sale({ lines: [{ ...sale().lines[0]!, account: '1999' }, sale().lines[1]!] }), 'lines.0.account', 'unknown_account'],
      [sale({ lines: [sale().lines[0]!, { ...sale().lines[1]!, unit: 'tambang' }] }), 'lines.1.unit', 'unknown_unit'],
      [
        sale({
          lines: [
            { ...sale().lines[0]!, debit: 0n },
            { ...sale().lines[1]!, credit: 0n },
          ],
        }),
        'lines.0.debit',
        'amount_not_positive',
      ],
      [
        sale({
          lines: [
            { ...sale().lines[0]!, debit: -5n },
            { ...sale().lines[1]!, credit: -5n },
          ],
        }),
        'lines.1.credit',
        'amount_not_positive',
      ],
      [sale({ lines: [{ ...sale().lines[0]!, credit: 1n }, sale().lines[1]!] }), 'lines.0.credit', 'debit_and_credit'],
      [sale({ lines: [sale().lines[0]!] }), 'lines', 'too_few_lines'],
      [sale({ date: '2025-02-30' }), 'date', 'invalid_date'],
      [sale({ memo: ' ' }), 'memo', 'required'],
    ];
    for (const [entry, field, code] of cases) {
      const e = await refusal(postEntry(db, coopId, SYSTEM_ACTOR, entry));
      expect(e.kind).toBe('validation');
      expect(e.fields.map((f) => [f.field, f.code])).toContainEqual([field, code]);
      expect(e.fields.every((f) => f.message.id.length > 0 && f.message.en.length > 0)).toBe(true);
    }
    expect(await countRows()).toEqual(start);
  });

  it('refuses an inactive account and a disabled unit', async () => {
    const c = (await makeCoop(db)).id;
    await postEntry(db, c, SYSTEM_ACTOR, sale()); // sets the chart up
    await setAccountActive(db, c, SYSTEM_ACTOR, ACCOUNTS.SEWA, false);
    await setUnitEnabled(db, c, SYSTEM_ACTOR, 'klinik', false);
    const start = await countRows(c);
    const inactive = await refusal(
      postEntry(db, c, SYSTEM_ACTOR, {
        ...sale(),
        lines: [
          { account: ACCOUNTS.SEWA, unit: 'kantor', debit: 10n },
          { account: ACCOUNTS.KAS, unit: 'kantor', credit: 10n },
        ],
      }),
    );
    expect(inactive.fields[0]).toMatchObject({ field: 'lines.0.account', code: 'inactive_account' });
    const disabled = await refusal(
      postEntry(db, c, SYSTEM_ACTOR, {
        ...sale(),
        lines: [
          { account: ACCOUNTS.BEBAN_LAIN, unit: 'klinik', debit: 10n },
          { account: ACCOUNTS.KAS, unit: 'kantor', credit: 10n },
        ],
      }),
    );
    expect(disabled.fields[0]).toMatchObject({ field: 'lines.0.unit', code: 'unit_disabled' });
    expect(await countRows(c)).toEqual(start);
  });

  it("runs inside the caller's transaction: a failing operation takes its entry and number with it", async () => {
    const c = (await makeCoop(db)).id;
    const first = await postEntry(db, c, SYSTEM_ACTOR, sale());
    await expect(
      db.transaction(async (tx) => {
        await postEntry(tx, c, SYSTEM_ACTOR, sale());
        throw new Error('the operation failed after posting');
      }),
    ).rejects.toThrow('the operation failed');
    const next = await postEntry(db, c, SYSTEM_ACTOR, sale());
    expect(next.number).toBe(first.number.replace(/\d{6}$/, '000002'));
    expect((await countRows(c)).entries).toBe(2);
  });

  it('keeps the caller’s transaction usable after a refused posting', async () => {
    const c = (await makeCoop(db)).id;
    await postEntry(db, c, SYSTEM_ACTOR, sale());
    await closeMonth(db, c, SYSTEM_ACTOR, '2025-07');
    const posted = await db.transaction(async (tx) => {
      const e = await refusal(postEntry(tx, c, SYSTEM_ACTOR, sale({ date: '2025-07-15' })));
      expect(e.code).toBe('period_closed');
      expect(e.fields[0]!.field).toBe('date');
      expect(e.msg.id).toContain('Juli 2025');
      return postEntry(tx, c, SYSTEM_ACTOR, sale());
    });
    expect(posted.number).toMatch(/000002$/);
  });

  it('numbers parallel postings without gaps or duplicates', async () => {
    const c = (await makeCoop(db)).id;
    await postEntry(db, c, SYSTEM_ACTOR, sale({ date: '2026-01-02' }));
    const results = await Promise.allSettled(
      Array.from({ length: 24 }, (_, i) =>
        db.transaction(async (tx) => {
          const p = await postEntry(tx, c, SYSTEM_ACTOR, sale({ date: '2026-01-03' }));
          if (i % 5 === 0) throw new Error('rolled back');
          return p;
        }),
      ),
    );
    const numbers = results.flatMap((r) => (r.status === 'fulfilled' ? [Number(r.value.number.slice(-6))] : []));
    expect(numbers.length).toBe(24 - 5);
    const all = [1, ...numbers].sort((x, y) => x - y);
    expect(all).toEqual(Array.from({ length: all.length }, (_, i) => i + 1));
  });

  it('keeps member and partner subsidiaries in the same lines', async () => {
    const c = (await makeCoop(db)).id;
    const dep = (memberId: string, amount: bigint, date = '2025-09-01') =>
      postEntry(db, c, SYSTEM_ACTOR, {
        date,
        memo: 'Setoran simpanan sukarela',
        source: { module: 'test', documentId: `dep-${memberId}` },
        lines: [
          { account: ACCOUNTS.KAS, unit: 'simpan_pinjam', debit: amount },
          { account: ACCOUNTS.SIMPANAN_SUKARELA, unit: 'simpan_pinjam', credit: amount, memberId },
        ],
      });
    await dep('mbr_1', 100_000n);
    await dep('mbr_2', 25_000n);
    await dep('mbr_1', 5_000n, '2025-10-01');
    const sep = await subsidiaryBalances(db, c, { account: ACCOUNTS.SIMPANAN_SUKARELA, asOf: '2025-09-30' });
    expect(sep).toEqual(
      new Map([
        ['mbr_1', 100_000n],
        ['mbr_2', 25_000n],
      ]),
    );
    const oct = await subsidiaryBalances(db, c, { account: ACCOUNTS.SIMPANAN_SUKARELA, asOf: '2025-10-31', memberIds: ['mbr_1'] });
    expect(oct).toEqual(new Map([['mbr_1', 105_000n]]));
    expect(await accountBalance(db, c, { account: ACCOUNTS.SIMPANAN_SUKARELA })).toBe(130_000n);
  });
});

describe('reverseEntry', () => {
  it('posts the mirror entry linked to the original, once', async () => {
    const c = (await makeCoop(db)).id;
    const original = await postEntry(db, c, SYSTEM_ACTOR, sale());
    const rev = await reverseEntry(db, c, SYSTEM_ACTOR, original.id, { date: '2025-08-05', memo: 'Salah input' });
    expect(await accountBalance(db, c, { account: ACCOUNTS.KAS })).toBe(0n);
    expect(await accountBalance(db, c, { account: ACCOUNTS.KAS, asOf: '2025-08-04' })).toBe(150_000n);
    const link = await db.execute<{ reverses_id: string }>(sql`SELECT reverses_id FROM journal_entries WHERE id = ${rev.id}`);
    expect(link.rows[0]!.reverses_id).toBe(original.id);
    expect((await refusal(reverseEntry(db, c, SYSTEM_ACTOR, original.id, { date: '2025-08-05', memo: 'lagi' }))).code).toBe(
      'already_reversed',
    );
    expect((await refusal(reverseEntry(db, c, SYSTEM_ACTOR, rev.id, { date: '2025-08-05', memo: 'lagi' }))).code).toBe('is_reversal');
    expect((await refusal(reverseEntry(db, c, SYSTEM_ACTOR, 'jrn_x', { date: '2025-08-05', memo: 'x' }))).kind).toBe('not_found');
  });
});

describe('the database guards the books', () => {
  it('refuses UPDATE and DELETE of posted entries and lines, TRUNCATE, and any direct write to the monthly totals', async () => {
    const c = (await makeCoop(db)).id;
    const p = await postEntry(db, c, SYSTEM_ACTOR, sale());
    const attempts = [
      sql`UPDATE journal_lines SET debit = debit + 1 WHERE entry_id = ${p.id} AND line_no = 0`,
      sql`UPDATE journal_entries SET memo = 'diubah' WHERE id = ${p.id}`,
      sql`DELETE FROM journal_lines WHERE entry_id = ${p.id}`,
      sql`DELETE FROM journal_entries WHERE id = ${p.id}`,
      sql`TRUNCATE journal_lines CASCADE`,
      sql`UPDATE ledger_monthly_totals SET debit_total = 0 WHERE cooperative_id = ${c}`,
      sql`DELETE FROM ledger_monthly_totals WHERE cooperative_id = ${c}`,
      sql`INSERT INTO ledger_monthly_totals VALUES (${c}, '1101', 'kantor', '2025-01-01', 1, 0)`,
    ];
    for (const q of attempts) {
      expect(await pgError(db.execute(q))).toMatch(/append-only|kept by the journal only/);
    }
    expect(await accountBalance(db, c, { account: ACCOUNTS.KAS })).toBe(150_000n);
  });

  it('refuses an unbalanced entry written directly in SQL, at commit', async () => {
    const c = (await makeCoop(db)).id;
    await postEntry(db, c, SYSTEM_ACTOR, sale());
    const insert = (tx: Db, id: string, credit: number) =>
      tx.execute(sql`
        WITH h AS (INSERT INTO journal_entries (cooperative_id, id, number, date, memo, source_module, source_document_id, created_by_label)
                   VALUES (${c}, ${id}, ${'X-' + id}, '2025-08-04', 'langsung', 'sql', 'x', 'sql') RETURNING id)
        INSERT INTO journal_lines (cooperative_id, entry_id, line_no, date, account, unit, debit, credit)
        SELECT ${c}, h.id, n, '2025-08-04', a, 'kantor', d, k FROM h,
          (VALUES (0, '1101', 1000, 0), (1, '4301', 0, ${credit})) v(n, a, d, k)`);
    expect(await pgError(db.transaction((tx) => insert(tx, 'jrn_sql_bad', 999)))).toMatch(/not balanced/);
    expect(
      await pgError(
        db.execute(sql`INSERT INTO journal_entries (cooperative_id, id, number, date, memo, source_module, source_document_id, created_by_label)
                       VALUES (${c}, 'jrn_sql_empty', 'X-empty', '2025-08-04', 'tanpa baris', 'sql', 'x', 'sql')`),
      ),
    ).toMatch(/not balanced/);
    await db.transaction((tx) => insert(tx, 'jrn_sql_ok', 1000));
    // A posted entry gets no new lines, balanced or not.
    expect(
      await pgError(
        db.execute(sql`INSERT INTO journal_lines (cooperative_id, entry_id, line_no, date, account, unit, debit, credit)
                       VALUES (${c}, 'jrn_sql_ok', 2, '2025-08-04', '1101', 'kantor', 5, 0), (${c}, 'jrn_sql_ok', 3, '2025-08-04', '4301', 'kantor', 0, 5)`),
      ),
    ).toMatch(/only be added with their entry/);
    // Unknown accounts and units are refused by the database too.
    const unknownAccount = pgError(
      db.transaction(async (tx) => {
        await tx.execute(sql`INSERT INTO journal_entries (cooperative_id, id, number, date, memo, source_module, source_document_id, created_by_label)
                             VALUES (${c}, 'jrn_sql_acc', 'X-acc', '2025-08-04', 'akun salah', 'sql', 'x', 'sql')`);
        await tx.execute(sql`INSERT INTO journal_lines (cooperative_id, entry_id, line_no, date, account, unit, debit, credit)
                             VALUES (${c}, 'jrn_sql_acc', 0, '2025-08-04', '1999', 'kantor', 5, 0), (${c}, 'jrn_sql_acc', 1, '2025-08-04', '4301', 'kantor', 0, 5)`);
      }),
    );
    expect(await unknownAccount).toMatch(/unknown or inactive/);
  });
});
