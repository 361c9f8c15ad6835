/** The menu icon of the planting-plan pages (kept here so the menu file needs one line for it). */
export { IconCalendarStats as PlanningIcon } from '@tabler/icons-react';
