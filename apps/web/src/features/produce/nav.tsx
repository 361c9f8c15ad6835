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

/** Buying from other cooperatives lives under `hasil-panen/pembelian`; the query names are Indonesian too. */
export const PURCHASE_PARAMS = { tab: 'tab', nearby: 'terdekat', commodity: 'komoditas', kg: 'kg', supplier: 'pemasok' } as const;

/** Whole kilograms, rounded up: what to buy to cover a shortfall of `grams`. */
export const kgToBuy = (grams: string | bigint) => {
  const g = BigInt(grams);
  return g > 0n ? ((g + 999n) / 1000n).toString() : '';
};

const withQuery = (path: string, q: Record<string, string | null | undefined>) => {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v) qs.set(k, v);
  const s = qs.toString();
  return s ? `${path}?${s}` : path;
};

/**
 * The cooperatives nearby that could supply a commodity, with the amount short carried along so
 * the purchase form can start from it. @example nearbyPath(coopId, { commodityId, grams: '12500' })
 */
export const nearbyPath = (coopId: string, o: { commodityId?: string | null; grams?: string | null } = {}) =>
  withQuery(producePath(coopId, 'pembelian'), {
    [PURCHASE_PARAMS.tab]: PURCHASE_PARAMS.nearby,
    [PURCHASE_PARAMS.commodity]: o.commodityId,
    [PURCHASE_PARAMS.kg]: o.grams ? kgToBuy(o.grams) : null,
  });

/** The purchase form, optionally with the supplier, commodity and kg already chosen. */
export const newPurchasePath = (coopId: string, o: { partnerId?: string | null; commodityId?: string | null; kg?: string | null } = {}) =>
  withQuery(producePath(coopId, 'pembelian/baru'), {
    [PURCHASE_PARAMS.supplier]: o.partnerId,
    [PURCHASE_PARAMS.commodity]: o.commodityId,
    [PURCHASE_PARAMS.kg]: o.kg,
  });
