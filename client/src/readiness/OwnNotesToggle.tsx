import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { setOwnNotesOnly } from './api';
import './strings';

/** The board setting "participants move only their own notes", switched through the server that enforces it. */
export function OwnNotesToggle({ boardId, token, on }: { boardId: string; token: string; on: boolean }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // What was asked for, shown until the board says so (its change arrives just after the answer).
  const [asked, setAsked] = useState<boolean | null>(null);
  if (asked !== null && asked === on && !busy) setAsked(null);
  const checked = asked ?? on;
  const toggle = () => {
    setBusy(true);
    setError(null);
    setAsked(!checked);
    setOwnNotesOnly(boardId, token, !checked).then(
      () => setBusy(false),
      (e: Error) => {
        setBusy(false);
        setAsked(null);
        setError(t('readiness.failed', { message: e.message }));
      },
    );
  };
  return (
    <div>
      <label className="ws-row">
        <input type="checkbox" checked={checked} onChange={toggle} disabled={busy} data-testid="own-notes-only" />
        {t('readiness.ownNotesOnly')}
      </label>
      <p className="muted">{t('readiness.ownNotesOnlyHint')}</p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
