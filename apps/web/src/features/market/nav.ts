import { coopPath } from '../../app/coop.js';

export { BackLink } from '../produce/nav.js';

export const MARKET_PATH = 'penjualan';

/** In-module paths, in Bahasa Indonesia like the rest of the URLs: `marketPath(id, 'pesanan')`. */
export const marketPath = (coopId: string, sub = '') => coopPath(coopId, sub ? `${MARKET_PATH}/${sub}` : MARKET_PATH);
