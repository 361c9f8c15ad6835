/** Small pieces the produce pages and dialogs share: phone detection, the error alert, the button row, a labelled fact. */
import { Button, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError, isApiError } from '../../api/client.js';

// Dialogs fill the screen on a phone, where a floating modal leaves no room for the keyboard.
export { usePhone } from '../../components/usePhone.js';

export { FormAlert } from '../../components/FormAlert.js';

export { Fact } from '../../components/Fact.js';

export function DialogActions({
  onClose,
  submit,
  loading,
  color,
  disabled,
}: {
  onClose: () => void;
  submit: string;
  loading: boolean;
  color?: string;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end" gap="sm" mt="xs">
      <Button variant="default" size="md" onClick={onClose}>
        {t('common.cancel')}
      </Button>
      <Button type="submit" size="md" color={color} loading={loading} disabled={disabled}>
        {submit}
      </Button>
    </Group>
  );
}

/**
 * When a form sends only some of its rows (the filled ones), the server's `list.N…` errors name
 * the position in what was sent; this moves them back to the row on screen.
 * @example remapRows(err, 'grades', [0, 2]) // grades.1.spec → grades.2.spec
 */
export function remapRows(err: unknown, list: string, sentAt: number[]): unknown {
  if (!isApiError(err)) return err;
  const fields: Record<string, string> = {};
  for (const [f, m] of Object.entries(err.fieldErrors)) {
    const match = new RegExp(`^${list}\\.(\\d+)(.*)$`).exec(f);
    const at = match ? sentAt[Number(match[1])] : undefined;
    fields[at === undefined ? f : `${list}.${at}${match![2]}`] = m;
  }
  return new ApiError(err.status, err.code, err.message, fields, err.retryAfterSeconds, err.requestId);
}
