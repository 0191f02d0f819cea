import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CreatedBoard } from '../api';
import { NewBoardForm } from './NewBoardForm';
import { BoardLinks } from './BoardLinks';
import { NewSeriesForm } from './NewSeriesForm';
import { LanguageSwitch } from '../ui/LanguageSwitch';

export function HomePage() {
  const { t } = useTranslation();
  const [created, setCreated] = useState<CreatedBoard | null>(null);
  return (
    <main className="home">
      <header className="home-header">
        <span className="brand">付箋</span>
        <h1>{t('home.title')}</h1>
        <LanguageSwitch />
      </header>
      <p className="muted home-lead">{t('home.lead')}</p>
      {created ? <BoardLinks board={created} onAnother={() => setCreated(null)} /> : <NewBoardForm onCreated={setCreated} />}
      <NewSeriesForm />
    </main>
  );
}
