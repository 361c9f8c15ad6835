/** The menu icon of the sales pages (kept here so the menu file needs one line for it). */
export { IconBuildingStore as MarketIcon } from '@tabler/icons-react';
