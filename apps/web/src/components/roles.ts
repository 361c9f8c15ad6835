import { COOP_ROLES, ROLE_LABELS, type CoopRole } from '@kopdes/shared/auth';
import { currentLang } from '../i18n/index.js';

/** Roles in the order of the statutes: ketua first, anggota last. */
export const sortRoles = (roles: readonly CoopRole[]) => [...roles].sort((a, b) => COOP_ROLES.indexOf(a) - COOP_ROLES.indexOf(b));

export const roleLabel = (role: CoopRole | 'admin') => ROLE_LABELS[role][currentLang()];
