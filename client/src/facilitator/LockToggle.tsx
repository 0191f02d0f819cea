import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { setBoardLocked } from './api';

export function LockToggle({ boardId, token, locked }: { boardId: string; token: string; locked: boolean }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const toggle = () => {
    setBusy(true);
    setError(null);
    setBoardLocked(boardId, token, !locked).then(
      () => setBusy(false),
      (e: Error) => {
        setBusy(false);
        setError(t('ws.facilitator.lockFailed', { message: e.message }));
      },
    );
  };
  return (
    <div>
      <button type="button" className={`btn${locked ? ' primary' : ''}`} onClick={toggle} disabled={busy} aria-pressed={locked} data-testid="ws-lock">
        {locked ? t('ws.facilitator.unlock') : t('ws.facilitator.lock')}
      </button>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
