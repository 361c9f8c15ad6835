import { ROLE_LABELS } from '@kopdes/shared/auth';
import { formatPhoneId } from '@kopdes/shared/phone';
import { Avatar, Group, Menu, Text, UnstyledButton } from '@mantine/core';
import { IconBuildingBank, IconLogout } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useOptionalCoop } from '../app/coop.js';
import { navigate } from '../app/router.js';
import { useSignedIn, useSignOut } from '../app/session.js';
import { currentLang } from '../i18n/index.js';

export const initials = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join('');

export function UserMenu() {
  const { t } = useTranslation();
  const me = useSignedIn();
  const coop = useOptionalCoop();
  const signOut = useSignOut();
  const roleText = coop
    ? coop.roles.map((r) => ROLE_LABELS[r][currentLang()]).join(', ')
    : me.platformRole
      ? ROLE_LABELS[me.platformRole][currentLang()]
      : '';

  return (
    <Menu position="bottom-end" width={260} shadow="md" withinPortal>
      <Menu.Target>
        <UnstyledButton aria-label={t('header.userMenu', { name: me.fullName })} style={{ borderRadius: 999, padding: 2 }}>
          <Group gap={8} wrap="nowrap">
            <Avatar color="merah" radius="xl" size={36}>
              {initials(me.fullName)}
            </Avatar>
            <div style={{ lineHeight: 1.2 }}>
              <Text size="sm" fw={600} visibleFrom="md">
                {me.fullName}
              </Text>
              {roleText && (
                <Text size="xs" c="dimmed" visibleFrom="md">
                  {roleText}
                </Text>
              )}
            </div>
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('header.signedInAs')}</Menu.Label>
        <div style={{ padding: '4px 12px 8px' }}>
          <Text size="sm" fw={600}>
            {me.fullName}
          </Text>
          <Text size="xs" c="dimmed">
            {me.email ?? (me.phone ? formatPhoneId(me.phone) : '')}
          </Text>
          {roleText && (
            <Text size="xs" c="dimmed">
              {roleText}
            </Text>
          )}
        </div>
        {me.platformRole === 'admin' && (
          <Menu.Item leftSection={<IconBuildingBank size={18} />} onClick={() => navigate('/admin')}>
            {t('nav.admin')}
          </Menu.Item>
        )}
        <Menu.Divider />
        <Menu.Item color="red" leftSection={<IconLogout size={18} />} onClick={() => signOut.mutate()} disabled={signOut.isPending}>
          {t('header.signOut')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
