import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../../shared/board';
import type { CreatedBoard } from '../api';
import { saveCreatedLinks } from '../board/storage';
import { createSessionBoard } from './seriesApi';

/** A new board in the series: the next session. Its links are kept on this device as a new board's are. */
export function NewSessionForm({ seriesId, token, onCreated }: { seriesId: string; token: string; onCreated(b: CreatedBoard): void }) {
  const { t } = useTranslation();
  const [title, setTitle] = useState('');
  const [groups, setGroups] = useState(3);
  const [anonymous, setAnonymous] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<{ title: string; link: string } | null>(null);

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const board = await createSessionBoard(seriesId, token, { title: title.trim(), groups, anonymous });
      saveCreatedLinks(board);
      setCreated({ title: title.trim(), link: board.links.facilitator });
      setTitle('');
      onCreated(board);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="card"
      data-testid="series-new-session"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h2>{t('series.newSession')}</h2>
      <label>
        {t('series.sessionTitle')}
        <input value={title} maxLength={LIMITS.titleMax} onChange={(e) => setTitle(e.target.value)} placeholder={t('series.sessionPlaceholder')} data-testid="series-session-title" />
      </label>
      <label className="series-groups">
        {t('series.groups')}
        <input type="number" min={1} max={LIMITS.groupsMax} value={groups} onChange={(e) => setGroups(Math.min(LIMITS.groupsMax, Math.max(1, Number(e.target.value) || 1)))} />
      </label>
      <label className="checkbox">
        <input type="checkbox" checked={anonymous} onChange={(e) => setAnonymous(e.target.checked)} />
        {t('series.anonymous')}
      </label>
      {error && (
        <p className="error" role="alert">
          {t('series.addFailed', { message: error })}
        </p>
      )}
      {created && (
        <p role="status" data-testid="series-session-created">
          {t('series.added', { title: created.title || t('board.untitled') })}{' '}
          <a href={created.link} target="_blank" rel="noopener">
            {t('series.openAdded')}
          </a>
        </p>
      )}
      <button type="submit" className="btn primary" disabled={busy} data-testid="series-add-session">
        {busy ? t('series.creating') : t('series.addSession')}
      </button>
    </form>
  );
}
