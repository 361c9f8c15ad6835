import { Anchor } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { coopPath } from '../../app/coop.js';
import { Link } from '../../app/router.js';

/** The ministry's network pages live under /admin/jejaring; a cooperative's under /k/:id/jejaring. */
export const ADMIN_NETWORK = '/admin/jejaring';
export const NETWORK_PATH = 'jejaring';

/** `adminPath('koperasi', id)` → `/admin/jejaring/koperasi/kop_…` */
export const adminPath = (...parts: string[]) => [ADMIN_NETWORK, ...parts.filter(Boolean)].join('/');

/** `coopNetworkPath(id, 'magang')` → `/k/kop_…/jejaring/magang` */
export const coopNetworkPath = (coopId: string, sub = '') => coopPath(coopId, sub ? `${NETWORK_PATH}/${sub}` : NETWORK_PATH);

export function BackLink({ to, children }: { to: string; children: ReactNode }) {
  return (
    <Anchor component={Link} href={to} size="sm" mb="xs" display="inline-flex" style={{ alignItems: 'center', gap: 4 }}>
      <IconArrowLeft size={16} />
      {children}
    </Anchor>
  );
}
