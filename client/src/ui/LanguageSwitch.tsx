import { useTranslation } from 'react-i18next';
import { setLanguage } from '../i18n';

export function LanguageSwitch() {
  const { i18n } = useTranslation();
  const ja = i18n.language.startsWith('ja');
  return (
    <button type="button" className="btn subtle" onClick={() => setLanguage(ja ? 'en' : 'ja')} lang={ja ? 'en' : 'ja'}>
      {ja ? 'English' : '日本語'}
    </button>
  );
}
