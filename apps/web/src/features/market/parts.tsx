/** Small building blocks the market pages share. */
import type { Warning } from '@kopdes/shared/market';
import { Alert, Button, List, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, isApiError } from '../../api/client.js';
import { applyApiError } from '../../api/form-errors.js';
import { say } from './labels.js';

type FormLike = Parameters<typeof applyApiError>[0];

/** A label over its value, for the facts at the top of a detail page. */
export function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </Stack>
  );
}

/** The server's warnings (contract, volume, store closed…), each in the interface's language. */
export function WarningList({ title, warnings }: { title: string; warnings: Warning[] }) {
  if (!warnings.length) return null;
  return (
    <Alert color="orange" variant="light" icon={<IconAlertTriangle />} title={title} role="status">
      <List size="sm" spacing={2}>
        {warnings.map((w, i) => (
          <List.Item key={i}>{say(w.message)}</List.Item>
        ))}
      </List>
    </Alert>
  );
}

/** A refusal shown above a form or action. */
export { FormAlert as ErrorAlert } from '../../components/FormAlert.js';

/**
 * Like applyApiError, with the server's field paths renamed to the form's own first
 * (`lines.0.articleCode` → `lines.0.item`), so each message lands under the input it is about.
 */
export function applyErrors(form: FormLike, err: unknown, rename: (field: string) => string = (f) => f): string | null {
  const fields = isApiError(err) ? Object.fromEntries(Object.entries(err.fieldErrors).map(([k, v]) => [rename(k), v])) : {};
  const message = isApiError(err)
    ? applyApiError(form, new ApiError(err.status, err.code, err.message, fields, err.retryAfterSeconds, err.requestId))
    : applyApiError(form, err);
  // On a phone the marked field may be far above the button that was pressed: bring it into view.
  setTimeout(() => document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(), 50);
  return message;
}

/** A long list shown a page at a time on the client (the server already answered with all of it). */
export function usePaged<T>(rows: readonly T[], page = 20) {
  const [shown, setShown] = useState(page);
  return { rows: rows.slice(0, shown), more: rows.length - Math.min(shown, rows.length), showMore: () => setShown((n) => n + page), page };
}

export function MoreButton({ more, page, onClick }: { more: number; page: number; onClick: () => void }) {
  const { t } = useTranslation();
  if (more <= 0) return null;
  return (
    <Button variant="default" onClick={onClick} style={{ alignSelf: 'center' }}>
      {t('market.more', { count: Math.min(page, more), left: more })}
    </Button>
  );
}
