import { useTranslation } from 'react-i18next';
import i18n from '../i18n';

// Its own bundle, like the workshop screens' strings, so the shared language files stay as they are.
i18n.addResourceBundle('ja', 'translation', { route: { loading: '読み込み中…' } }, true, false);
i18n.addResourceBundle('en', 'translation', { route: { loading: 'Loading…' } }, true, false);

/** Shown for the moment a route's part of the app is still arriving (a phone on hall Wi-Fi). */
export function RouteLoading() {
  const { t } = useTranslation();
  return (
    <main className="page-message" aria-busy="true" data-testid="route-loading">
      <p className="muted">{t('route.loading')}</p>
    </main>
  );
}
