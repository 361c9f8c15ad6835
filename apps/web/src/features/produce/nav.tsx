import { Anchor } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { coopPath } from '../../app/coop.js';
import { Link } from '../../app/router.js';

export const PRODUCE_PATH = 'hasil-panen';

/** In-module paths, in Bahasa Indonesia like the rest of the URLs: `producePath(id, 'stok')`. */
export const producePath = (coopId: string, sub = '') => coopPath(coopId, sub ? `${PRODUCE_PATH}/${sub}` : PRODUCE_PATH);

export function BackLink({ to, children }: { to: string; children: ReactNode }) {
  return (
    <Anchor component={Link} href={to} size="sm" mb="xs" display="inline-flex" style={{ alignItems: 'center', gap: 4 }}>
      <IconArrowLeft size={16} />
      {children}
    </Anchor>
  );
}
