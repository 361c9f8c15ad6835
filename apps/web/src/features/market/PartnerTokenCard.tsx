/**
 * A buyer's own system sends purchase orders with an API token of this cooperative, linked to the
 * buyer so it orders for that buyer only. The board issues it here; the secret is shown once.
 */
import { Alert, Button, Card, Code, CopyButton, Group, Stack, Text, Title } from '@mantine/core';
import { IconKey, IconKeyOff } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.js';
import { useCoop } from '../../app/coop.js';
import { FormAlert } from '../../components/FormAlert.js';
import { marketKey, type Partner } from './market-api.js';

export function PartnerTokenCard({ partner }: { partner: Partner }) {
  const { t } = useTranslation();
  const coop = useCoop();
  const qc = useQueryClient();
  const [secret, setSecret] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const base = `/api/coops/${coop.id}`;
  const refresh = () => qc.invalidateQueries({ queryKey: marketKey(coop.id) });
  const issue = useMutation({
    mutationFn: async () => {
      const token = await api<{ id: string; secret: string }>(`${base}/tokens`, {
        method: 'POST',
        body: { name: `Pesanan ${partner.name}`.slice(0, 100), scopes: ['market.orders'], expiresInDays: 365 },
      });
      await api(`${base}/market/partners/${partner.id}`, { method: 'PATCH', body: { apiTokenId: token.id } });
      return token.secret;
    },
    onSuccess: (s) => {
      setSecret(s);
      return refresh();
    },
    onError: (e) => setError(e.message),
  });
  const revoke = useMutation({
    mutationFn: async () => {
      await api(`${base}/market/partners/${partner.id}`, { method: 'PATCH', body: { apiTokenId: null } });
      if (partner.apiTokenId) await api(`${base}/tokens/${partner.apiTokenId}`, { method: 'DELETE' });
    },
    onSuccess: () => {
      setSecret(null);
      return refresh();
    },
    onError: (e) => setError(e.message),
  });
  if (!coop.can('tokens.manage') || !coop.can('market.write')) return null;
  return (
    <Card padding="md">
      <Title order={2} size="h5" mb={4}>
        {t('market.token.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('market.token.text')}
      </Text>
      <Stack gap="sm">
        <FormAlert message={error} />
        {secret && (
          <Alert
            color="green"
            variant="light"
            title={t('market.token.issued')}
            styles={{ body: { minWidth: 0 }, wrapper: { minWidth: 0 } }}
          >
            <Stack gap={6} style={{ minWidth: 0 }}>
              <Code block style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}>
                {secret}
              </Code>
              <CopyButton value={secret}>
                {({ copied, copy }) => (
                  <Button size="xs" variant="light" onClick={copy} style={{ alignSelf: 'flex-start' }}>
                    {copied ? t('market.token.copied') : t('market.token.copy')}
                  </Button>
                )}
              </CopyButton>
              <Text size="xs" style={{ wordBreak: 'break-all' }}>
                {t('market.token.usage', { path: `${base}/market/purchase-orders` })}
              </Text>
            </Stack>
          </Alert>
        )}
        <Group>
          {partner.apiTokenId ? (
            <Button
              variant="default"
              color="red"
              leftSection={<IconKeyOff size={16} />}
              loading={revoke.isPending}
              onClick={() => revoke.mutate()}
            >
              {t('market.token.revoke')}
            </Button>
          ) : (
            <Button variant="light" leftSection={<IconKey size={16} />} loading={issue.isPending} onClick={() => issue.mutate()}>
              {t('market.token.issue')}
            </Button>
          )}
        </Group>
      </Stack>
    </Card>
  );
}
