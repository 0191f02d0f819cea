import { useTranslation } from 'react-i18next';

/** Zoom controls: viewing, not editing, so everyone gets them (the projector too). */
export function ViewControls({ scale, onZoomIn, onZoomOut, onFit, onHelp }: { scale: number; onZoomIn(): void; onZoomOut(): void; onFit(): void; onHelp?(): void }) {
  const { t } = useTranslation();
  return (
    <div className="view-controls" data-testid="view-controls">
      <button type="button" className="btn icon" onClick={onZoomOut} aria-label={t('view.zoomOut')} title={t('view.zoomOut')}>
        −
      </button>
      <span className="zoom-level" aria-live="polite">
        {Math.round(scale * 100)}%
      </span>
      <button type="button" className="btn icon" onClick={onZoomIn} aria-label={t('view.zoomIn')} title={t('view.zoomIn')}>
        ＋
      </button>
      <button type="button" className="btn" onClick={onFit} data-testid="zoom-fit">
        {t('view.fit')}
      </button>
      {onHelp && (
        <button type="button" className="btn icon" onClick={onHelp} aria-label={t('shortcuts.open')} title={t('shortcuts.open')} data-testid="shortcut-help-open">
          ?
        </button>
      )}
    </div>
  );
}
