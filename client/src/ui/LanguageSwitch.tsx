import { useTranslation } from 'react-i18next';
import { setLanguage } from '../i18n';

/** Switches between Japanese and English; the button names the other language in that language. */
export function LanguageSwitch({ className = 'btn subtle' }: { className?: string }) {
  const { t } = useTranslation();
  const other = t('language.otherLang') === 'en' ? 'en' : 'ja';
  return (
    <button type="button" className={className} onClick={() => setLanguage(other)} lang={other} data-testid="language-switch">
      {t('language.other')}
    </button>
  );
}
