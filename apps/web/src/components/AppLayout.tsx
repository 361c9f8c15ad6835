import { AppShell, Box, Burger, Container, Divider, Group, NavLink, ScrollArea, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { Icon } from '@tabler/icons-react';
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from '../app/router.js';
import { Brand } from './Brand.js';
import { CoopSwitcher } from './CoopSwitcher.js';
import { LanguageSwitch } from './LanguageSwitch.js';
import { UserMenu } from './UserMenu.js';

export interface NavItem {
  href: string;
  label: string;
  icon: Icon;
  /** Active for this exact path only (the home entry), else for everything below it too. */
  exact?: boolean;
}

export interface NavSection {
  label?: string;
  items: NavItem[];
}

const isActive = (item: NavItem, pathname: string) =>
  item.exact ? pathname === item.href : pathname === item.href || pathname.startsWith(`${item.href}/`);

/**
 * The frame of every signed-in page: a header with the cooperative switcher, language and the
 * person's menu; a navbar that is a drawer behind the burger on a phone.
 */
export function AppLayout({ sections, homeHref, children }: { sections: NavSection[]; homeHref: string; children: ReactNode }) {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure(false);
  const { pathname } = useLocation();
  useEffect(close, [pathname, close]);

  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 256, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <AppShell.Header>
        <div className="kd-flag-band" />
        <Group h={56} px="sm" gap="xs" wrap="nowrap">
          <Burger
            opened={opened}
            onClick={toggle}
            hiddenFrom="sm"
            size="sm"
            aria-label={opened ? t('nav.closeMenu') : t('nav.openMenu')}
            aria-expanded={opened}
            aria-controls="kd-navbar"
          />
          <Box visibleFrom="xs">
            <Brand href={homeHref} />
          </Box>
          <Box hiddenFrom="xs">
            <Brand href={homeHref} compact />
          </Box>
          <Box style={{ flex: 1, minWidth: 0 }}>
            <CoopSwitcher />
          </Box>
          <Box visibleFrom="sm">
            <LanguageSwitch signedIn />
          </Box>
          <UserMenu />
        </Group>
      </AppShell.Header>

      <AppShell.Navbar id="kd-navbar" p="sm" aria-label={t('nav.label')}>
        <AppShell.Section grow component={ScrollArea}>
          <Stack gap={4}>
            {sections.map((s, i) => (
              <Stack gap={2} key={s.label ?? i}>
                {s.label && (
                  <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" pt={i ? 'md' : 0} pb={4}>
                    {s.label}
                  </Text>
                )}
                {s.items.map((item) => (
                  <NavLink
                    key={item.href}
                    component={Link}
                    href={item.href}
                    label={item.label}
                    leftSection={<item.icon size={20} stroke={1.7} />}
                    active={isActive(item, pathname)}
                    aria-current={isActive(item, pathname) ? 'page' : undefined}
                    className="kd-nav-link"
                    fw={500}
                  />
                ))}
              </Stack>
            ))}
          </Stack>
        </AppShell.Section>
        <AppShell.Section hiddenFrom="sm">
          <Divider my="sm" />
          <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" pb={6}>
            {t('lang.label')}
          </Text>
          <LanguageSwitch signedIn fullWidth />
        </AppShell.Section>
      </AppShell.Navbar>

      <AppShell.Main bg="gray.0">
        <Container size="lg" px={0} pb="xl">
          {children}
        </Container>
      </AppShell.Main>
    </AppShell>
  );
}
