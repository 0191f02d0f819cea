import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ColorPicker } from './ColorPicker';

export interface ToolbarProps {
  color: string;
  onColor(c: string): void;
  onAdd(): void;
  onDelete(): void;
  selectionCount: number;
  canUndo: boolean;
  canRedo: boolean;
  onUndo(): void;
  onRedo(): void;
  /** Role-specific tools after the common ones (the facilitator's grouping tools). */
  children?: ReactNode;
}

/** Editing chrome; not rendered at all for viewers or on a locked board. */
export function Toolbar(p: ToolbarProps) {
  const { t } = useTranslation();
  return (
    <div className="toolbar" role="toolbar" aria-label={t('toolbar.label')} data-testid="toolbar">
      <button type="button" className="btn primary" onClick={p.onAdd} data-testid="add-note" aria-label={t('toolbar.add')} title={t('toolbar.add')}>
        <span aria-hidden>＋</span>
        <span className="label">{t('toolbar.add')}</span>
      </button>
      <ColorPicker value={p.color} onChange={p.onColor} />
      <span className="toolbar-sep" aria-hidden />
      <button type="button" className="btn icon" onClick={p.onUndo} disabled={!p.canUndo} title={t('toolbar.undo')} aria-label={t('toolbar.undo')}>
        ↶
      </button>
      <button type="button" className="btn icon" onClick={p.onRedo} disabled={!p.canRedo} title={t('toolbar.redo')} aria-label={t('toolbar.redo')}>
        ↷
      </button>
      <button type="button" className="btn danger" onClick={p.onDelete} disabled={p.selectionCount === 0} data-testid="delete-notes">
        {t('toolbar.delete')}
        {p.selectionCount > 1 ? ` (${p.selectionCount})` : ''}
      </button>
      {p.children && <span className="toolbar-sep" aria-hidden />}
      {p.children}
    </div>
  );
}
