import i18next from 'i18next';
import type { ReactNode } from 'react';
import { isApiError } from './client.js';

interface FormLike {
  values: object;
  setErrors(errors: Record<string, ReactNode>): void;
}

/**
 * Puts the server's per-field messages onto the matching Mantine form fields and returns the
 * message to show above the form (null when every problem landed on a field).
 * @example const message = applyApiError(form, err); setAlert(message);
 */
export function applyApiError(form: FormLike, err: unknown): string | null {
  if (!isApiError(err)) return i18next.t('errors.unexpected');
  const onForm: Record<string, string> = {};
  const elsewhere: string[] = [];
  for (const [field, message] of Object.entries(err.fieldErrors)) {
    const root = field.split('.')[0]!;
    if (root in form.values) onForm[field] = message;
    else elsewhere.push(message);
  }
  form.setErrors(onForm);
  if (Object.keys(onForm).length && !elsewhere.length) return null;
  return err.message;
}
