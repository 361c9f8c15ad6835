/** The menu icon of the produce pages (kept here so the menu file needs one line for it). */
export { IconPlant2 as ProduceIcon } from '@tabler/icons-react';
