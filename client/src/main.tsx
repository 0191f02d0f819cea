import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './i18n';
import './styles.css';
import { App } from './App';
import { ErrorBoundary } from './ui/ErrorBoundary';
import { registerServiceWorker } from './offline/registerServiceWorker';
import { warmWhenIdle } from './offline/warmCache';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ErrorBoundary>
      <App />
    </ErrorBoundary>
  </StrictMode>,
);

registerServiceWorker();
warmWhenIdle();
