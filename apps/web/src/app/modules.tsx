/**
 * The cooperative's menu. The navbar, the home page's tiles and the router all read this list and
 * show an entry only to people whose role in the open cooperative holds its permission.
 *
 * Adding a module: put its pages in src/features/<domain>/, its strings in src/i18n/{id,en}.ts
 * under `nav.<key>` and `tiles.<key>`, and one entry here:
 *
 *   { key: 'savings', path: 'simpanan', labelKey: 'nav.savings', descriptionKey: 'tiles.savings',
 *     icon: IconPigMoney, permission: 'savings.read', element: lazy(() => import('../features/savings/SavingsPage.js')) },
 *
 * The page is mounted at /k/:coopId/<path> and also receives /k/:coopId/<path>/<anything>; it can
 * read the rest with `useModuleRest()` and route inside itself.
 */
import type { Permission } from '@kopdes/shared/auth';
import {
  IconAddressBook,
  IconAffiliate,
  IconBook2,
  IconBuildingCommunity,
  IconHistory,
  IconPigMoney,
  IconUsersGroup,
  IconWallet,
  type Icon,
} from '@tabler/icons-react';
import { ProduceIcon } from '../features/produce/icon.js';
import { PlanningIcon } from '../features/planning/icon.js';
import { MarketIcon } from '../features/market/icon.js';
import { createContext, lazy, useContext, type ComponentType, type LazyExoticComponent } from 'react';

export interface AppModule {
  key: string;
  /** URL segment(s) under /k/:coopId/, in Bahasa Indonesia (`simpanan`, `jurnal`). */
  path: string;
  /** i18n key of the menu label */
  labelKey: string;
  /** i18n key of the one-line description on the home tile */
  descriptionKey?: string;
  icon: Icon;
  permission: Permission;
  element: LazyExoticComponent<ComponentType>;
  /** `settings` entries sit below the cooperative's day-to-day work in the menu. */
  section?: 'main' | 'settings';
}

export const MODULES: AppModule[] = [
  {
    key: 'produce',
    path: 'hasil-panen',
    labelKey: 'nav.produce',
    descriptionKey: 'tiles.produce',
    icon: ProduceIcon,
    permission: 'produce.read',
    element: lazy(() => import('../features/produce/ProducePage.js')),
  },
  {
    key: 'planning',
    path: 'pola-tanam',
    labelKey: 'nav.planning',
    descriptionKey: 'tiles.planning',
    icon: PlanningIcon,
    permission: 'planning.read',
    element: lazy(() => import('../features/planning/PlanningPage.js')),
  },
  {
    key: 'market',
    path: 'penjualan',
    labelKey: 'nav.market',
    descriptionKey: 'tiles.market',
    icon: MarketIcon,
    permission: 'market.read',
    element: lazy(() => import('../features/market/MarketPage.js')),
  },
  {
    key: 'members',
    path: 'anggota',
    labelKey: 'nav.members',
    descriptionKey: 'tiles.members',
    icon: IconAddressBook,
    permission: 'members.read',
    element: lazy(() => import('../features/members/MembersPage.js')),
  },
  {
    key: 'savings',
    path: 'simpanan',
    labelKey: 'nav.savings',
    descriptionKey: 'tiles.savings',
    icon: IconPigMoney,
    permission: 'savings.read',
    element: lazy(() => import('../features/savings/SavingsPage.js')),
  },
  {
    key: 'mySavings',
    path: 'simpanan-saya',
    labelKey: 'nav.mySavings',
    descriptionKey: 'tiles.mySavings',
    icon: IconWallet,
    permission: 'self.read',
    element: lazy(() => import('../features/savings/MySavingsPage.js')),
  },
  {
    key: 'ledger',
    path: 'buku-besar',
    labelKey: 'nav.ledger',
    descriptionKey: 'tiles.ledger',
    icon: IconBook2,
    permission: 'ledger.read',
    element: lazy(() => import('../features/ledger/LedgerPage.js')),
  },
  {
    key: 'network',
    path: 'jejaring',
    labelKey: 'nav.network',
    descriptionKey: 'tiles.network',
    icon: IconAffiliate,
    permission: 'network.read',
    element: lazy(() => import('../features/network/coop/CoopNetworkPage.js')),
  },
  {
    key: 'users',
    path: 'pengguna',
    labelKey: 'nav.users',
    descriptionKey: 'tiles.users',
    icon: IconUsersGroup,
    permission: 'users.read',
    element: lazy(() => import('../features/users/UsersPage.js')),
    section: 'settings',
  },
  {
    key: 'audit',
    path: 'audit',
    labelKey: 'nav.audit',
    descriptionKey: 'tiles.audit',
    icon: IconHistory,
    permission: 'audit.read',
    element: lazy(() => import('../features/audit/AuditPage.js')),
    section: 'settings',
  },
  {
    key: 'cooperative',
    path: 'profil',
    labelKey: 'nav.cooperative',
    descriptionKey: 'tiles.cooperative',
    icon: IconBuildingCommunity,
    permission: 'coop.read',
    element: lazy(() => import('../features/cooperative/CooperativePage.js')),
    section: 'settings',
  },
];

/** The modules a role may open, day-to-day work first. */
export function modulesFor(can: (p: Permission) => boolean): AppModule[] {
  const allowed = MODULES.filter((m) => can(m.permission));
  return [...allowed.filter((m) => m.section !== 'settings'), ...allowed.filter((m) => m.section === 'settings')];
}

/** Which module a path under /k/:coopId/ belongs to, and the rest of the path inside it. */
export function moduleAt(rest: string): { module: AppModule; rest: string } | null {
  for (const m of MODULES) {
    if (rest === m.path) return { module: m, rest: '' };
    if (rest.startsWith(`${m.path}/`)) return { module: m, rest: rest.slice(m.path.length + 1) };
  }
  return null;
}

const ModuleRest = createContext('');
export const ModuleRestProvider = ModuleRest.Provider;

/** Inside a module's page: the path below its own segment (`''` on its first page). */
export const useModuleRest = () => useContext(ModuleRest);
