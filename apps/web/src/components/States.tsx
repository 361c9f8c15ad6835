import { Alert, Button, Center, Loader, Stack } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

export function PageLoader() {
  const { t } = useTranslation();
  return (
    <Center py={64} aria-busy="true">
      <Loader aria-label={t('common.loading')} />
    </Center>
  );
}

/** A failed load with the server's message and a retry. */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const message = error instanceof Error ? error.message : t('errors.unexpected');
  return (
    <Alert color="red" variant="light" icon={<IconAlertTriangle />} title={t('errors.loadFailed')} role="alert">
      <Stack gap="sm" align="flex-start">
        <div>{message}</div>
        {onRetry && (
          <Button variant="white" color="red" size="sm" onClick={onRetry}>
            {t('errors.retry')}
          </Button>
        )}
      </Stack>
    </Alert>
  );
}
