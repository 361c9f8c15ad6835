/**
 * Roles and what each may do. The server checks every route against this table and the web app
 * uses it to hide what a role cannot do; modules add their permissions here.
 */
export const COOP_ROLES = ['ketua', 'pengurus', 'bendahara', 'pengawas', 'petugas', 'anggota'] as const;
export type CoopRole = (typeof COOP_ROLES)[number];
export const PLATFORM_ROLES = ['admin'] as const;
export type PlatformRole = (typeof PLATFORM_ROLES)[number];

export const PERMISSIONS = [
  'coop.read',
  'coop.manage',
  'users.read',
  'users.manage',
  'audit.read',
  'tokens.manage',
  'ledger.read',
  'ledger.post',
  'ledger.close',
  'ledger.setup',
  'ledger.reopen_year',
  'network.read',
  'network.manage',
  'members.read',
  'members.write',
  'savings.read',
  'savings.post',
  'savings.manage',
  'produce.read',
  'produce.intake',
  'produce.stock',
  'produce.manage',
  'payouts.run',
  'self.read',
  'planning.read',
  'planning.write',
  'market.read',
  'market.write',
  'market.orders',
  'market.deliver',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const BOARD: CoopRole[] = ['ketua', 'pengurus'];
const STAFF_READERS: CoopRole[] = ['ketua', 'pengurus', 'bendahara', 'pengawas'];

/** Which roles hold each permission. Pengawas read everything of their cooperative and write nothing. */
export const PERMISSION_ROLES: Record<Permission, readonly CoopRole[]> = {
  'coop.read': COOP_ROLES,
  'coop.manage': BOARD,
  'users.read': STAFF_READERS,
  'users.manage': BOARD,
  'audit.read': STAFF_READERS,
  'tokens.manage': BOARD,
  'ledger.read': STAFF_READERS,
  'ledger.post': ['bendahara', 'ketua'],
  'ledger.close': ['bendahara', 'ketua'],
  'ledger.setup': ['bendahara', 'ketua'],
  'ledger.reopen_year': ['ketua'],
  'network.read': STAFF_READERS,
  'network.manage': BOARD,
  'members.read': ['ketua', 'pengurus', 'bendahara', 'pengawas', 'petugas'],
  'members.write': ['ketua', 'pengurus', 'bendahara', 'petugas'],
  'savings.read': ['ketua', 'pengurus', 'bendahara', 'pengawas', 'petugas'],
  'savings.post': ['ketua', 'bendahara', 'petugas'],
  'savings.manage': ['ketua', 'pengurus', 'bendahara'],
  'produce.read': ['ketua', 'pengurus', 'bendahara', 'pengawas', 'petugas'],
  'produce.intake': ['ketua', 'pengurus', 'petugas'],
  'produce.stock': ['ketua', 'pengurus', 'petugas'],
  'produce.manage': ['ketua', 'pengurus'],
  'payouts.run': ['ketua', 'bendahara'],
  'self.read': ['anggota'],
  'planning.read': ['ketua', 'pengurus', 'bendahara', 'pengawas', 'petugas'],
  'planning.write': BOARD,
  'market.read': ['ketua', 'pengurus', 'bendahara', 'pengawas', 'petugas'],
  'market.write': ['ketua', 'pengurus', 'bendahara'],
  'market.orders': ['ketua', 'pengurus', 'bendahara'],
  'market.deliver': ['ketua', 'pengurus', 'petugas'],
};

export function permissionsOf(roles: readonly CoopRole[]): Set<Permission> {
  const out = new Set<Permission>();
  for (const p of PERMISSIONS) if (PERMISSION_ROLES[p].some((r) => roles.includes(r))) out.add(p);
  return out;
}

export const ROLE_LABELS: Record<CoopRole | PlatformRole, { id: string; en: string }> = {
  ketua: { id: 'Ketua', en: 'Chair' },
  pengurus: { id: 'Pengurus', en: 'Board member' },
  bendahara: { id: 'Bendahara', en: 'Treasurer' },
  pengawas: { id: 'Pengawas', en: 'Supervisor' },
  petugas: { id: 'Petugas', en: 'Clerk' },
  anggota: { id: 'Anggota', en: 'Member' },
  admin: { id: 'Admin Kementerian', en: 'Ministry admin' },
};
