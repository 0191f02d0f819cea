import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { useRoute } from './route';
import { BoardRoute } from './phone/BoardRoute';
import { RouteLoading } from './ui/RouteLoading';

// The start page is for organisers creating a board; a participant's link never needs it.
const HomePage = lazy(() => import('./home/HomePage').then((m) => ({ default: m.HomePage })));
const SeriesPage = lazy(() => import('./series/SeriesPage').then((m) => ({ default: m.SeriesPage })));

export function App() {
  const route = useRoute();
  const { t } = useTranslation();
  switch (route.name) {
    case 'home':
      return (
        <Suspense fallback={<RouteLoading />}>
          <HomePage />
        </Suspense>
      );
    case 'series':
      return (
        <Suspense fallback={<RouteLoading />}>
          <SeriesPage key={route.seriesId} seriesId={route.seriesId} token={route.token} />
        </Suspense>
      );
    case 'board':
      // Keyed so that moving to another board starts from a fresh doc and connection.
      return <BoardRoute key={route.boardId} boardId={route.boardId} urlToken={route.token} />;
    default:
      return (
        <main className="page-message">
          <h1>{t('notFound.title')}</h1>
          <a href="/">{t('notFound.home')}</a>
        </main>
      );
  }
}
