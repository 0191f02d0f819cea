import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import type { BoardView } from '../../../shared/board/doc';
import { NO_EXTRAS, readExportExtras } from '../../../shared/export/extras';
import { maskedExport } from '../../../shared/export/mask';
import { categoryViewOf, readArrangedByCategory } from '../../../shared/grouping/arrangement';
import { exportFileName } from '../../../shared/export/filename';
import { downloadBlob } from './download';
import { loadPdf, loadPng } from '../chunks';
import '../grouping/strings';
import type { PictureScope } from './picture';

export interface ExportStatus {
  busy: boolean;
  message: string;
  error: boolean;
}

/** Pictures are made in the browser from the current view; one at a time, with a status line for the person waiting. */
export function usePictureExport(view: BoardView, doc: Y.Doc | null) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<ExportStatus>({ busy: false, message: '', error: false });

  const run = useCallback(
    async (make: () => Promise<{ blob: Blob; fileName: string }>) => {
      setStatus({ busy: true, message: t('export.busy'), error: false });
      try {
        const { blob, fileName } = await make();
        downloadBlob(blob, fileName);
        setStatus({ busy: false, message: t('export.done', { file: fileName }), error: false });
      } catch (err) {
        const message = err instanceof (await loadPng()).EmptyPictureError ? t('export.empty') : t('export.failed', { message: (err as Error).message });
        setStatus({ busy: false, message, error: true });
      }
    },
    [t],
  );

  // The whole board as everyone sees it now: the worksheet, or the category arrangement while it is shown.
  const png = (scope: PictureScope, label: string) =>
    run(async () => {
      const byCategory = doc ? categoryViewOf(doc, view) : null;
      const asShown: PictureScope = scope.kind === 'board' && byCategory && doc && readArrangedByCategory(doc) ? { kind: 'categories' } : scope;
      // Konva (PNG) and jspdf (PDF) load with the first picture asked for, not with the board.
      const { renderPng } = await loadPng();
      return { blob: (await renderPng(view, asShown, { byCategory, trayTitle: t('grouping.tray.title') })).blob, fileName: exportFileName(view.meta.title, 'png', label) };
    });
  /** `mask`: what identifies a person masked and no author named, as the tables' `?mask=pii`. */
  const pdf = (mask = false) =>
    run(async () => {
      const { renderPdf } = await loadPdf();
      const read = { view, extras: doc ? readExportExtras(doc) : NO_EXTRAS };
      const shown = mask ? maskedExport(read.view, read.extras) : read;
      return {
        blob: await renderPdf(shown.view, { extras: shown.extras, byCategory: doc ? categoryViewOf(doc, shown.view) : null }),
        fileName: exportFileName(view.meta.title, 'pdf'),
      };
    });

  return { status, setStatus, png, pdf };
}
