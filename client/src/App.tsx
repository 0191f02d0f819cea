import { useTranslation } from 'react-i18next';
import { useRoute } from './route';
import { HomePage } from './home/HomePage';
import { BoardRoute } from './phone/BoardRoute';

export function App() {
  const route = useRoute();
  const { t } = useTranslation();
  switch (route.name) {
    case 'home':
      return <HomePage />;
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
