import { ROLE_LABELS } from '@kopdes/shared/auth';
import { Button, Menu, Text } from '@mantine/core';
import { IconCheck, IconChevronDown } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { coopPath, currentCoopOf, useOptionalCoop, type MyCoop } from '../app/coop.js';
import { moduleAt } from '../app/modules.js';
import { matchPath, navigate, useLocation } from '../app/router.js';
import { useSignedIn } from '../app/session.js';
import { currentLang } from '../i18n/index.js';

/** "Koperasi Desa Merah Putih Alamendah" → "KDMP Alamendah": the header of a phone is narrow. */
export function shortCoopName(name: string): string {
  return name.replace(/^Koperasi\s+Desa\s+Merah\s+Putih\s+/i, 'KDMP ').replace(/^Koperasi\s+Kelurahan\s+Merah\s+Putih\s+/i, 'KKMP ');
}

/** Opens the same page in the other cooperative when the person's role there allows it. */
function targetIn(coop: MyCoop, pathname: string): string {
  const here = matchPath('/k/:coopId/*', pathname);
  const found = here ? moduleAt(here['*'] ?? '') : null;
  if (found && currentCoopOf(coop).can(found.module.permission)) return coopPath(coop.id, found.module.path);
  return coopPath(coop.id);
}

export function CoopSwitcher() {
  const { t } = useTranslation();
  const me = useSignedIn();
  const current = useOptionalCoop();
  const { pathname } = useLocation();
  if (!me.cooperatives.length) return null;
  const label = current ? shortCoopName(current.name) : t('header.chooseCoop');
  const roles = (c: MyCoop) => c.roles.map((r) => ROLE_LABELS[r][currentLang()]).join(', ');

  return (
    <Menu position="bottom-start" width={300} shadow="md" withinPortal>
      <Menu.Target>
        <Button
          variant="subtle"
          color="dark"
          size="sm"
          px={8}
          rightSection={<IconChevronDown size={16} />}
          aria-label={current ? t('header.switchCoopFrom', { name: current.name }) : t('header.chooseCoop')}
          styles={{ root: { minWidth: 0, maxWidth: '100%' }, label: { overflow: 'hidden' } }}
        >
          <span className="kd-truncate">{label}</span>
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('header.yourCoops')}</Menu.Label>
        {me.cooperatives.map((c) => (
          <Menu.Item
            key={c.id}
            onClick={() => navigate(targetIn(c, pathname))}
            rightSection={c.id === current?.id ? <IconCheck size={16} aria-label={t('header.current')} /> : null}
          >
            <Text size="sm" fw={500}>
              {c.name}
            </Text>
            <Text size="xs" c="dimmed">
              {roles(c)}
            </Text>
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
