import { Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from '../app/router.js';

/** The flag mark: merah over putih. */
export function FlagMark({ size = 26 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" style={{ flexShrink: 0 }}>
      <rect x="1" y="1" width="30" height="30" rx="7" fill="#fff" stroke="#c62828" strokeWidth="2" />
      <path d="M1 8a7 7 0 0 1 7-7h16a7 7 0 0 1 7 7v8H1z" fill="#c62828" />
    </svg>
  );
}

export function Brand({ href = '/', compact }: { href?: string; compact?: boolean }) {
  const { t } = useTranslation();
  return (
    <Link href={href} aria-label={t('app.homeLink')} style={{ textDecoration: 'none', color: 'inherit', display: 'block' }}>
      <Group gap={8} wrap="nowrap">
        <FlagMark />
        {!compact && (
          <Text fw={800} fz="lg" lts={-0.3}>
            kopdes
          </Text>
        )}
      </Group>
    </Link>
  );
}
