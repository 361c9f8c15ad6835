/**
 * "Ambil dari pasar": the demand's contract and history columns rebuilt from the buyers' contracts
 * and orders (the adjustments stay), with what could not be taken said plainly.
 */
import { Alert, Button, Group, List, Stack, Text } from '@mantine/core';
import { IconBuildingStore } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCoop } from '../../app/coop.js';
import { useDemandFromMarket, type DemandFromMarket } from './planning-api.js';

export function FromMarketButton({ seasonId }: { seasonId: string }) {
  const { t } = useTranslation();
  const coop = useCoop();
  const build = useDemandFromMarket(coop.id, seasonId);
  const [done, setDone] = useState<DemandFromMarket | null>(null);
  const [error, setError] = useState<string | null>(null);
  return (
    <Stack gap="xs" mb="md">
      <Group gap="sm" wrap="wrap">
        <Button
          variant="light"
          leftSection={<IconBuildingStore size={18} />}
          loading={build.isPending}
          onClick={() => {
            setError(null);
            build.mutate(undefined, { onSuccess: setDone, onError: (e) => setError(e.message) });
          }}
        >
          {t('planning.fromMarket.button')}
        </Button>
        <Text size="sm" c="dimmed" style={{ flex: '1 1 240px' }}>
          {t('planning.fromMarket.hint')}
        </Text>
      </Group>
      {error && (
        <Alert color="red" variant="light" role="alert">
          {error}
        </Alert>
      )}
      {done && (
        <Alert color="green" variant="light" title={t('planning.fromMarket.done')}>
          <Text size="sm">{t(`planning.fromMarket.basis.${done.historyBasis}`)}</Text>
          {done.skipped.length > 0 && (
            <List size="sm" mt={4}>
              {done.skipped.map((s) => (
                <List.Item key={s.commodity}>{s.message}</List.Item>
              ))}
            </List>
          )}
        </Alert>
      )}
    </Stack>
  );
}
