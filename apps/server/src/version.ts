/** The kopdes version: shown by /api/health and written into every archive's manifest. */
export const VERSION = '0.1.0';
