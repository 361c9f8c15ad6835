/**
 * The ministry's menu entries for the network pages and where they are mounted: kept here so the
 * admin area in app/routes.tsx needs only a few lines for them.
 */
import { IconAward, IconBuildingCommunity, IconChartBar, IconHeartHandshake, IconSchool } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { lazy } from 'react';
import type { NavItem } from '../../components/AppLayout.js';
import { ADMIN_NETWORK, adminPath } from './nav.js';

export const NetworkAdminPage = lazy(() => import('./admin/NetworkAdminPage.js'));

export const networkAdminNav = (t: TFunction): NavItem[] => [
  { href: ADMIN_NETWORK, label: t('network.nav.dashboard'), icon: IconChartBar, exact: true },
  { href: adminPath('koperasi'), label: t('network.nav.registry'), icon: IconBuildingCommunity },
  { href: adminPath('kemitraan'), label: t('network.nav.partnerships'), icon: IconHeartHandshake },
  { href: adminPath('magang'), label: t('network.nav.internship'), icon: IconSchool },
  { href: adminPath('alumni'), label: t('network.nav.alumni'), icon: IconAward },
];

/** The part of an /admin/… path inside the network pages, or null when the path is not one of them. */
export function networkAdminRest(rest: string): string | null {
  if (rest === 'jejaring') return '';
  return rest.startsWith('jejaring/') ? rest.slice('jejaring/'.length) : null;
}
