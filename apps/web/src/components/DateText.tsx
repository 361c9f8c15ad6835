import { useTranslation } from 'react-i18next';
import { useTimeZone } from '../app/coop.js';
import type { Lang } from '../i18n/index.js';
import { formatDate, formatDateTime } from './format.js';

export type DateTextProps =
  | { /** A business date, `YYYY-MM-DD` (already in the cooperative's calendar). */ date: string; instant?: never }
  | { date?: never; /** An instant (ISO with offset), shown with time in the cooperative's zone. */ instant: string | Date };

/** `17 November 2025`, or `17 November 2025 14.05 WIB` for an instant. */
export function DateText(props: DateTextProps) {
  const { i18n } = useTranslation();
  const timeZone = useTimeZone();
  const lang: Lang = i18n.language === 'en' ? 'en' : 'id';
  const text = props.date !== undefined ? formatDate(props.date, lang) : formatDateTime(props.instant, timeZone, lang);
  const dateTime = props.date !== undefined ? props.date : new Date(props.instant).toISOString();
  return <time dateTime={dateTime}>{text}</time>;
}
