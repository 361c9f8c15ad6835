import { useMediaQuery } from '@mantine/hooks';

/** True on a phone-sized screen (under 48em): forms go full screen and tables become cards. */
export const usePhone = () => useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
