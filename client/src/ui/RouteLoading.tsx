import { useTranslation } from 'react-i18next';
import './routeStrings';

/** Shown for the moment a route's part of the app is still arriving (a phone on hall Wi-Fi). */
export function RouteLoading() {
  const { t } = useTranslation();
  return (
    <main className="page-message" aria-busy="true" data-testid="route-loading">
      <p className="muted">{t('route.loading')}</p>
    </main>
  );
}
