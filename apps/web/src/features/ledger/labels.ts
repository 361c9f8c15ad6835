import { useTranslation } from 'react-i18next';
import { useCoop } from '../../app/coop.js';
import { useUnits } from './ledger-api.js';

/** The modules that post to the journal, for the source filter (the list follows the server's modules). */
export const KNOWN_SOURCES = [
  'ledger.manual',
  'savings',
  'savings.settlement',
  'produce.intake',
  'produce.payout',
  'produce.loss',
  'produce.count',
  'ledger',
  'demo',
] as const;

/** A journal source in words; a module this list does not know yet shows its code. */
export function useSourceLabel() {
  const { t } = useTranslation();
  return (module: string) => t(`ledger.sources.${module.replaceAll('.', '_')}`, { defaultValue: module });
}

/** A business unit's name from the cooperative's own list; its code while that list loads. */
export function useUnitName() {
  const coop = useCoop();
  const units = useUnits(coop.id);
  return (code: string) => units.data?.items.find((u) => u.code === code)?.name ?? code;
}
