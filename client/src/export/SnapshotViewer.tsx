import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { viewFromJsonExport } from '../../../shared/export/json';
import { exportFileName } from '../../../shared/export/filename';
import { formatJst } from '../../../shared/export/table';
import { downloadBlob } from './download';
import { loadPng } from '../chunks';
import { fetchSnapshot, type SnapshotItem } from './snapshotsApi';

/** A snapshot, read-only: drawn as a picture from the server's copy, so nothing here can change the live board. */
export function SnapshotViewer({ boardId, token, snapshot, onClose }: { boardId: string; token: string; snapshot: SnapshotItem; onClose(): void }) {
  const { t } = useTranslation();
  const [picture, setPicture] = useState<{ url: string; blob: Blob; title: string } | null>(null);
  const [error, setError] = useState('');

  useEffect(() => {
    let url = '';
    let cancelled = false;
    fetchSnapshot(boardId, token, snapshot.id)
      .then(async (json) => {
        const view = viewFromJsonExport(json);
        const { renderPng } = await loadPng();
        const { blob } = await renderPng(view, { kind: 'board' }, { pixelRatio: 1.5 });
        if (cancelled) return;
        url = URL.createObjectURL(blob);
        setPicture({ url, blob, title: view.meta.title });
      })
      .catch((err: Error) => !cancelled && setError(err.message));
    return () => {
      cancelled = true;
      if (url) URL.revokeObjectURL(url);
    };
  }, [boardId, token, snapshot.id]);

  return (
    <div className="modal-backdrop" onClick={onClose}>
      <div className="modal snapshot-viewer" role="dialog" aria-label={snapshot.name} onClick={(e) => e.stopPropagation()} data-testid="snapshot-viewer">
        <h2>
          {snapshot.name} <small>{formatJst(snapshot.createdAt).slice(0, 16)}</small>
        </h2>
        <p className="export-status">{t('export.readOnly')}</p>
        {error && <p className="export-status error">{t('export.failed', { message: error })}</p>}
        {!picture && !error && <p className="export-status">{t('export.busy')}</p>}
        {picture && (
          <div className="snapshot-picture">
            <img src={picture.url} alt={snapshot.name} data-testid="snapshot-picture" style={{ width: '100%' }} />
          </div>
        )}
        <div className="modal-actions">
          {picture && (
            <button type="button" className="btn" onClick={() => downloadBlob(picture.blob, exportFileName(picture.title, 'png', snapshot.name))}>
              {t('export.downloadPng')}
            </button>
          )}
          <button type="button" className="btn primary" onClick={onClose}>
            {t('export.close')}
          </button>
        </div>
      </div>
    </div>
  );
}
