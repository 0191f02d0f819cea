import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { ja } from './ja';
import { en } from './en';

/** Japanese first (the workshops are Japanese); English for advisers and developers who ask for it. */
function initialLanguage(): string {
  try {
    const saved = localStorage.getItem('fusen.lang');
    if (saved === 'ja' || saved === 'en') return saved;
  } catch {
    // storage disabled
  }
  return navigator.language.toLowerCase().startsWith('en') ? 'en' : 'ja';
}

void i18n.use(initReactI18next).init({
  resources: { ja: { translation: ja }, en: { translation: en } },
  lng: initialLanguage(),
  fallbackLng: 'ja',
  interpolation: { escapeValue: false },
  returnObjects: false,
});

export function setLanguage(lng: 'ja' | 'en'): void {
  try {
    localStorage.setItem('fusen.lang', lng);
  } catch {
    // storage disabled
  }
  document.documentElement.lang = lng;
  void i18n.changeLanguage(lng);
}

export default i18n;
