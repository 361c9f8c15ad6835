/** Ledger test data: a posted journal entry in a month no test has closed. */
import { ACCOUNTS } from '@kopdes/shared/ledger';
import type { Db } from '../../src/db/client.js';
import { SYSTEM_ACTOR } from '../../src/lib/actor.js';
import { AppError } from '../../src/lib/errors.js';
import { postEntry } from '../../src/modules/ledger/ledger.service.js';

let seq = 0;

export async function makeJournalEntry(db: Db, coopId: string, amount = 125_000n): Promise<{ id: string; number: string }> {
  // A route under test may have closed a month or a year; the entry goes to the first one still open.
  for (let year = 2031; year < 2100; year++) {
    try {
      return await postEntry(db, coopId, SYSTEM_ACTOR, {
        date: `${year}-06-15`,
        memo: 'Pendapatan lain-lain (data uji)',
        source: { module: 'test', documentId: `uji-${++seq}` },
        lines: [
          { account: ACCOUNTS.KAS, unit: 'kantor', debit: amount },
          { account: ACCOUNTS.PENDAPATAN_LAIN, unit: 'kantor', credit: amount },
        ],
      });
    } catch (e) {
      if (!(e instanceof AppError) || e.code !== 'period_closed') throw e;
    }
  }
  throw new Error('no open period left for a test journal entry');
}
