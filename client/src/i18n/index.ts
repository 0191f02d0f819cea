import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { ja } from './ja';
import { en } from './en';
import { languageInLink, pickLanguage, type Language } from './language';

const SAVED = 'fusen.lang';
const FORCED = 'fusen.lang.forced';

function read(store: () => Storage, key: string): string | null {
  try {
    return store().getItem(key);
  } catch {
    return null; // storage disabled
  }
}
function write(store: () => Storage, key: string, value: string | null): void {
  try {
    if (value === null) store().removeItem(key);
    else store().setItem(key, value);
  } catch {
    // storage disabled: the choice lasts as long as the page
  }
}

/** Japanese first (the workshops are Japanese); English for advisers who ask for it, by browser, link or switch. */
function initialLanguage(): Language {
  const forcedByLink = languageInLink(window.location.search);
  // Kept per tab: the board page drops the query string from the address bar, and a reload must not switch back.
  if (forcedByLink) write(() => sessionStorage, FORCED, forcedByLink);
  return pickLanguage({
    search: window.location.search,
    forced: read(() => sessionStorage, FORCED),
    saved: read(() => localStorage, SAVED),
    browser: navigator.languages?.length ? navigator.languages : [navigator.language],
  });
}

// Outside a page (the unit test that checks the language files against each other) there is no
// browser language or <html> to follow: the bundles load as they are, in Japanese.
const inPage = typeof window !== 'undefined';

// Screen readers pick their voice from <html lang>, so it follows every change of language.
i18n.on('languageChanged', (lng) => {
  if (inPage) document.documentElement.lang = lng;
});

const initial = inPage ? initialLanguage() : 'ja';
if (inPage) document.documentElement.lang = initial;
void i18n.use(initReactI18next).init({
  resources: { ja: { translation: ja }, en: { translation: en } },
  lng: initial,
  fallbackLng: 'ja',
  interpolation: { escapeValue: false },
  returnObjects: false,
});

/** The language switch: the person's own choice, remembered in this browser and taking over from a link's `?lang=`. */
export function setLanguage(lng: Language): void {
  write(() => localStorage, SAVED, lng);
  write(() => sessionStorage, FORCED, null);
  void i18n.changeLanguage(lng);
}

export default i18n;
