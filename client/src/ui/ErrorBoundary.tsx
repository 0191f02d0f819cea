import { Component, type ErrorInfo, type ReactNode } from 'react';
import i18n from '../i18n';

interface State {
  error: Error | null;
}

/** Last line of defence: a crash in drawing must not leave a participant with a blank page. */
export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('board crashed', error, info.componentStack);
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <main className="page-message" role="alert" data-testid="crash">
        <h1>{i18n.t('crash.title')}</h1>
        <p>{i18n.t('crash.body')}</p>
        <button type="button" className="btn primary" onClick={() => window.location.reload()}>
          {i18n.t('crash.reload')}
        </button>
      </main>
    );
  }
}
