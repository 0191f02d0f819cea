import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { API } from '../../../shared/api/contract';
import { request } from '../api';
import { usePrivateNotes } from './context';
import './strings';
import './private.css';

/** On one of this person's private notes: nobody else can see it yet. */
export function PrivateMark({ noteId }: { noteId: string }) {
  const { t } = useTranslation();
  const own = usePrivateNotes();
  if (!own.ids.has(noteId)) return null;
  return (
    <span className="private-mark" title={t('private.markHint')} data-testid="private-mark">
      {t('private.mark')}
    </span>
  );
}

/**
 * While this person holds private notes (or private writing is on): says so, and 公開する puts all of
 * theirs onto the board (the server reveals them, in one transaction, in the columns they were written for).
 */
export function PrivateBanner({ boardId, token }: { boardId: string; token: string | null }) {
  const { t } = useTranslation();
  const own = usePrivateNotes();
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  if (!own.writing && own.notes.length === 0) return null;
  const share = async () => {
    if (!token) return;
    setBusy(true);
    try {
      const r = await request(API.reveal, { params: { boardId }, token, body: {} });
      setMessage(t('private.shared', { count: r.revealed }));
    } catch (err) {
      setMessage(t('private.failed', { message: (err as Error).message }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="private-banner" data-testid="private-banner" role="status">
      <span>{own.writing ? t('private.writing') : t('private.markHint')}</span>
      {own.notes.length > 0 && (
        <button type="button" className="btn primary" disabled={busy || !token} onClick={() => void share()} data-testid="private-share">
          {t('private.share')} ({own.notes.length})
        </button>
      )}
      {message && <span className="muted" aria-live="polite">{message}</span>}
    </div>
  );
}
