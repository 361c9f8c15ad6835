import { COOP_ROLES, ROLE_LABELS, type CoopRole } from '@kopdes/shared/auth';
import { Alert, Button, Checkbox, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCoop } from '../../app/coop.js';
import { currentLang } from '../../i18n/index.js';
import { useSetRole, type CoopUser } from './users-api.js';

/** Ticking a role grants it at once, unticking revokes it. The last role cannot be taken away. */
export function RolesDialog({ user, isSelf, onClose }: { user: CoopUser; isSelf: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const coop = useCoop();
  const setRole = useSetRole(coop.id);
  // The box shows the change at once; it settles on the server's answer (or springs back on a refusal).
  const [pending, setPending] = useState<{ role: CoopRole; held: boolean } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const lang = currentLang();

  const toggle = (role: CoopRole, held: boolean) => {
    setPending({ role, held });
    setError(null);
    setRole.mutate(
      { userId: user.id, role, held },
      {
        onSuccess: () =>
          notifications.show({
            color: 'green',
            message: t(held ? 'users.roleGranted' : 'users.roleRevoked', { role: ROLE_LABELS[role][lang], name: user.fullName }),
          }),
        onError: (e) => setError(e.message),
        onSettled: () => setPending(null),
      },
    );
  };

  return (
    <Modal opened onClose={onClose} title={t('users.rolesDialog.title', { name: user.fullName })} radius="md">
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {t('users.rolesDialog.hint')}
        </Text>
        {error && (
          <Alert color="red" variant="light" icon={<IconAlertCircle />} role="alert">
            {error}
          </Alert>
        )}
        <Stack gap="sm">
          {COOP_ROLES.map((r) => {
            const held = pending?.role === r ? pending.held : user.roles.includes(r);
            const last = held && user.roles.length === 1;
            const ownKetua = isSelf && r === 'ketua' && held;
            return (
              <Checkbox
                key={r}
                label={ROLE_LABELS[r][lang]}
                description={last ? t('users.rolesDialog.lastRole') : ownKetua ? t('users.rolesDialog.ownKetua') : t(`roleHelp.${r}`)}
                checked={held}
                disabled={pending !== null || last || ownKetua}
                onChange={(e) => toggle(r, e.currentTarget.checked)}
              />
            );
          })}
        </Stack>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.close')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
