/**
 * The interface speaks Bahasa Indonesia unless the person picks English. Both dictionaries ship in
 * the first bundle: they are small, and the app must work offline.
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en.js';
import { withFeatures } from './features.js';
import { id } from './id.js';

export type Lang = 'id' | 'en';
export const LANGS: readonly Lang[] = ['id', 'en'];

const STORAGE_KEY = 'kopdes.lang';

/** The language the person chose on this device, if they ever did. */
export function chosenLang(): Lang | null {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    return v === 'id' || v === 'en' ? v : null;
  } catch {
    return null;
  }
}

export function rememberLang(lang: Lang) {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    /* private mode: the choice lasts this visit only */
  }
}

export const currentLang = (): Lang => (i18next.language === 'en' ? 'en' : 'id');

export async function setLang(lang: Lang) {
  await i18next.changeLanguage(lang);
}

i18next.on('languageChanged', (lng) => {
  document.documentElement.lang = lng === 'en' ? 'en' : 'id';
});

void i18next.use(initReactI18next).init({
  resources: { id: { translation: withFeatures(id, 'id') }, en: { translation: withFeatures(en, 'en') } },
  lng: chosenLang() ?? 'id',
  fallbackLng: 'id',
  interpolation: { escapeValue: false }, // React escapes
  returnNull: false,
});

export default i18next;
