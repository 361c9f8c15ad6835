import { coopPath } from '../../app/coop.js';

/** The module's own segment and its pages below it. */
export const LEDGER_PATH = 'buku-besar';
export const NEW_ENTRY_PATH = 'jurnal/baru';
export const TAB_PATHS = { journal: '', reports: 'laporan', accounts: 'akun', periods: 'periode' } as const;
export type LedgerTab = keyof typeof TAB_PATHS;

export const ledgerPath = (coopId: string, sub = '') => coopPath(coopId, sub ? `${LEDGER_PATH}/${sub}` : LEDGER_PATH);
