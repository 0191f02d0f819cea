import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toggleLockAction, useDispatch } from '../actions';
import './strings';

/**
 * The lock button, in the header and in the facilitator's panel: both run toggleLockAction, wait for the
 * server, and say so when it failed.
 */
export function LockToggle({ locked, place }: { locked: boolean; place: 'header' | 'panel' }) {
  const { t } = useTranslation();
  const dispatch = useDispatch();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const toggle = () => {
    const sent = dispatch(toggleLockAction);
    if (!sent) return;
    setBusy(true);
    setError(null);
    sent.then(
      () => setBusy(false),
      (e: Error) => {
        setBusy(false);
        setError(t('ws.facilitator.lockFailed', { message: e.message }));
      },
    );
  };
  const header = place === 'header';
  const label = header ? (locked ? t('locked.unlock') : t('locked.lock')) : locked ? t('ws.facilitator.unlock') : t('ws.facilitator.lock');
  return (
    <div className={header ? 'lock-toggle' : undefined}>
      <button
        type="button"
        className={`btn${locked && !header ? ' primary' : ''}`}
        onClick={toggle}
        disabled={busy}
        aria-pressed={locked}
        data-testid={header ? 'lock-toggle' : 'ws-lock'}
      >
        {label}
      </button>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
