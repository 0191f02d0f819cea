import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatJst } from '../../../shared/export/table';
import { exportUrl, listSnapshots, restoreSnapshot, saveSnapshot, type RestoredBoard, type SnapshotItem } from './snapshotsApi';
import { SnapshotViewer } from './SnapshotViewer';

/** The facilitator's snapshots: save one now, list them, open one read-only, download it, restore it as a new board. */
export function SnapshotPanel({ boardId, token }: { boardId: string; token: string }) {
  const { t } = useTranslation();
  const [list, setList] = useState<SnapshotItem[]>([]);
  const [name, setName] = useState('');
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [viewing, setViewing] = useState<SnapshotItem | null>(null);
  const [restored, setRestored] = useState<RestoredBoard | null>(null);

  const fail = (err: unknown) => setMessage({ text: t('export.failed', { message: (err as Error).message }), error: true });
  const reload = useCallback(() => listSnapshots(boardId, token).then(setList), [boardId, token]);
  useEffect(() => {
    reload().catch((err: Error) => setMessage({ text: err.message, error: true }));
  }, [reload]);

  const save = async () => {
    try {
      await saveSnapshot(boardId, token, name.trim());
      setMessage({ text: t('export.saved', { name: name.trim() }), error: false });
      setName('');
      await reload();
    } catch (err) {
      fail(err);
    }
  };
  const restore = async (s: SnapshotItem) => {
    try {
      setRestored(await restoreSnapshot(boardId, token, s.id));
    } catch (err) {
      fail(err);
    }
  };

  return (
    <section data-testid="snapshot-panel">
      <h3>{t('export.snapshots')}</h3>
      <form
        className="export-row"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <input value={name} onChange={(e) => setName(e.target.value)} maxLength={100} placeholder={t('export.snapshotPlaceholder')} aria-label={t('export.snapshotName')} data-testid="snapshot-name" />
        <button type="submit" className="btn" disabled={!name.trim()} data-testid="snapshot-save">
          {t('export.save')}
        </button>
      </form>
      {list.length === 0 && <p className="export-status">{t('export.noSnapshots')}</p>}
      <ul className="snapshot-list">
        {list.map((s) => (
          <li key={s.id} data-testid="snapshot-item">
            <span className="snapshot-name">
              {s.name} <small>{formatJst(s.createdAt).slice(0, 16)}</small>
            </span>
            <button type="button" className="btn subtle" onClick={() => setViewing(s)} data-testid="snapshot-view">
              {t('export.view')}
            </button>
            <a className="btn subtle" href={exportUrl(boardId, token, 'xlsx', s.id)} download>
              {t('export.xlsx')}
            </a>
            <button type="button" className="btn subtle" onClick={() => void restore(s)} data-testid="snapshot-restore">
              {t('export.restore')}
            </button>
          </li>
        ))}
      </ul>
      {restored && (
        <p className="export-status" data-testid="snapshot-restored">
          {t('export.restored')}：
          <a href={restored.links.facilitator} target="_blank" rel="noopener noreferrer">
            {t('export.openRestored')}
          </a>
        </p>
      )}
      {message && <p className={`export-status${message.error ? ' error' : ''}`}>{message.text}</p>}
      {viewing && <SnapshotViewer boardId={boardId} token={token} snapshot={viewing} onClose={() => setViewing(null)} />}
    </section>
  );
}
