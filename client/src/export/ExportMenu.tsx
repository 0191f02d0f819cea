import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import type { BoardView } from '../../../shared/board/doc';
import { canFacilitate, type Role } from '../../../shared/board/roles';
import { groupLabel } from '../../../shared/export/table';
import { groupsOf } from './picture';
import { exportUrl } from './snapshotsApi';
import { usePictureExport } from './usePictureExport';
import { SnapshotPanel } from './SnapshotPanel';
import { addExportTexts } from './i18n';
import './export.css';

export interface ExportMenuProps {
  boardId: string;
  token: string | null;
  role: Role | null;
  view: BoardView;
  doc: Y.Doc | null;
}

const TABLE_FORMATS = ['csv', 'xlsx', 'md', 'json'] as const;

/** The organisers' exports: pictures and the PDF made here, tables from the server, snapshots for facilitators. */
export function ExportMenu(p: ExportMenuProps) {
  addExportTexts();
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  if (!p.token || !p.role) return null;
  return (
    <>
      <button type="button" className="btn" onClick={() => setOpen(true)} data-testid="export-open">
        {t('export.open')}
      </button>
      {open && <ExportPanel {...p} token={p.token} role={p.role} onClose={() => setOpen(false)} />}
    </>
  );
}

function ExportPanel(p: ExportMenuProps & { token: string; role: Role; onClose(): void }) {
  const { t } = useTranslation();
  const pictures = usePictureExport(p.view, p.doc);
  const groups = groupsOf(p.view);
  const [group, setGroup] = useState(groups[0] ?? '');
  const [sectionId, setSectionId] = useState(p.view.sections[0]?.id ?? '');
  const section = p.view.sections.find((s) => s.id === sectionId);
  // On by default where people write without names: they may still name the people they write about.
  const [mask, setMask] = useState(p.view.meta.anonymous);
  const busy = pictures.status.busy;
  return (
    <div className="modal-backdrop" onClick={p.onClose}>
      <div className="modal export-menu" role="dialog" aria-label={t('export.title')} onClick={(e) => e.stopPropagation()} data-testid="export-menu">
        <h2>{t('export.title')}</h2>
        <h3>{t('export.pictures')}</h3>
        <div className="export-row">
          <button type="button" className="btn" disabled={busy} onClick={() => pictures.png({ kind: 'board' }, '')} data-testid="export-png-board">
            {t('export.wholeBoard')}
          </button>
        </div>
        {groups.length > 0 && (
          <div className="export-row">
            <select value={group} onChange={(e) => setGroup(e.target.value)} aria-label={t('export.group')} data-testid="export-group-select">
              {groups.map((g) => (
                <option key={g} value={g}>
                  {groupLabel(g)}
                </option>
              ))}
            </select>
            <button type="button" className="btn" disabled={busy || !group} onClick={() => pictures.png({ kind: 'group', group }, groupLabel(group))} data-testid="export-png-group">
              {t('export.group')}
            </button>
          </div>
        )}
        {p.view.sections.length > 0 && (
          <div className="export-row">
            <select value={sectionId} onChange={(e) => setSectionId(e.target.value)} aria-label={t('export.section')} data-testid="export-section-select">
              {p.view.sections.map((s) => (
                <option key={s.id} value={s.id}>
                  {`${groupLabel(s.group)}：${s.title}`}
                </option>
              ))}
            </select>
            <button
              type="button"
              className="btn"
              disabled={busy || !section}
              onClick={() => section && pictures.png({ kind: 'section', sectionId: section.id }, `${groupLabel(section.group)}_${section.title}`)}
              data-testid="export-png-section"
            >
              {t('export.section')}
            </button>
          </div>
        )}
        <label className="export-mask">
          <input type="checkbox" checked={mask} onChange={(e) => setMask(e.target.checked)} data-testid="export-mask" />
          {t('export.mask')}
        </label>
        <h3>{t('export.report')}</h3>
        <div className="export-row">
          <button type="button" className="btn" disabled={busy} onClick={() => pictures.pdf(mask)} data-testid="export-pdf">
            {t('export.pdf')}
          </button>
          <a className="btn" href={exportUrl(p.boardId, p.token, 'docx', undefined, mask)} download data-testid="export-docx">
            {t('export.docx')}
          </a>
        </div>
        <h3>{t('export.tables')}</h3>
        <div className="export-row">
          {TABLE_FORMATS.map((f) => (
            <a key={f} className="btn" href={exportUrl(p.boardId, p.token, f, undefined, mask)} download data-testid={`export-${f}`}>
              {t(`export.${f}`)}
            </a>
          ))}
        </div>
        <p className={`export-status${pictures.status.error ? ' error' : ''}`} role="status" data-testid="export-status">
          {pictures.status.message}
        </p>
        {canFacilitate(p.role) && <SnapshotPanel boardId={p.boardId} token={p.token} />}
        <div className="modal-actions">
          <button type="button" className="btn primary" onClick={p.onClose} data-testid="export-close">
            {t('export.close')}
          </button>
        </div>
      </div>
    </div>
  );
}
