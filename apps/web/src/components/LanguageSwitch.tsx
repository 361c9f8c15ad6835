import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { switchLang } from '../app/session.js';
import type { Lang } from '../i18n/index.js';

export function LanguageSwitch({ signedIn, fullWidth }: { signedIn: boolean; fullWidth?: boolean }) {
  const { t, i18n } = useTranslation();
  return (
    <SegmentedControl
      size="sm"
      radius="xl"
      fullWidth={fullWidth}
      aria-label={t('lang.label')}
      value={i18n.language === 'en' ? 'en' : 'id'}
      onChange={(v) => void switchLang(v as Lang, signedIn)}
      data={[
        { value: 'id', label: <span title={t('lang.id')}>ID</span> },
        { value: 'en', label: <span title={t('lang.en')}>EN</span> },
      ]}
    />
  );
}
