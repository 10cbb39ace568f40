// Interface language: Russian by default, English on request. The choice is kept in
// localStorage and mirrored to <html lang>, so screen readers pronounce the page correctly.
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { uiEn } from '../../shared/i18n/ui-en.ts';
import { uiRu, type UiDictionary } from '../../shared/i18n/ui-ru.ts';

export const languages = ['ru', 'en'] as const;
export type Lang = (typeof languages)[number];

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: UiDictionary };
  }
}

const storageKey = 'svyaz.lang';

function storedLang(): Lang {
  try {
    return window.localStorage.getItem(storageKey) === 'en' ? 'en' : 'ru';
  } catch {
    return 'ru';
  }
}

export const i18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  resources: { ru: { translation: uiRu }, en: { translation: uiEn } },
  lng: storedLang(),
  fallbackLng: 'ru',
  supportedLngs: [...languages],
  interpolation: { escapeValue: false },
  initAsync: false,
});

document.documentElement.lang = currentLang();
i18n.on('languageChanged', (lng) => {
  document.documentElement.lang = lng;
  try {
    window.localStorage.setItem(storageKey, lng);
  } catch {
    // private mode: the choice lasts until the page is closed
  }
});

export function currentLang(): Lang {
  return i18n.language === 'en' ? 'en' : 'ru';
}

export function setLanguage(lang: Lang): void {
  void i18n.changeLanguage(lang);
}

/** The dictionary itself, for lookups whose keys contain dots (audit action codes). */
export function dictionary(lang: Lang = currentLang()): UiDictionary {
  return lang === 'en' ? uiEn : uiRu;
}
