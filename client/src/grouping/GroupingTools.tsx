import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import type { Note } from '../../../shared/board';
import { defaultModel, type RegionRect } from '../../../shared/grouping';
import { unionRect, type Rect } from '../canvas/viewport';
import { DEFAULT_CATEGORY_IDS, isDefaultCategory, regionTitle } from './categories';
import { autoGroupCommand, restoreLayoutCommand, setCategoryCommand, showCategoriesCommand } from './commands';
import './strings';
import './grouping.css';

export interface GroupingToolsProps {
  doc: Y.Doc;
  notes: readonly Note[];
  selection: ReadonlySet<string>;
  regions: readonly RegionRect[];
  canRestore: boolean;
  /** The board is shown by category now. */
  byCategory: boolean;
  /** Ends the undo step being recorded, so the layout change is its own step. */
  stopCapturing(): void;
  /** Shows the given part of the board (after a re-layout, the regions and the tray). */
  onShow(bounds: Rect | null): void;
  sections: readonly Rect[];
  /** The 要確認 tray's place once grouped, so the fitted view takes it in. */
  trayOf(regions: readonly RegionRect[]): Rect | null;
}

/** The facilitator's grouping tools in the toolbar: Auto-group, back to the original layout, and a category menu. */
export function GroupingTools(p: GroupingToolsProps) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');
  useWarmModel();
  const selected = p.notes.filter((n) => p.selection.has(n.id));
  const shared = new Set(selected.map((n) => n.category));
  const current = shared.size === 1 ? [...shared][0]! : '';
  const options = [...new Set<string>([...DEFAULT_CATEGORY_IDS, ...p.regions.map((r) => r.category)])];
  const label = (c: string) => (isDefaultCategory(c) ? t(`grouping.short.${c}`) : regionTitle(c, p.regions.find((r) => r.category === c)?.labels).ja);

  const change = (work: () => string) => {
    p.stopCapturing();
    try {
      setStatus(work());
    } catch (e) {
      setStatus(t('grouping.failed', { message: e instanceof Error ? e.message : String(e) }));
    } finally {
      p.stopCapturing();
    }
  };
  const autoGroup = () => {
    setBusy(true);
    // Let the button show "Grouping…" before the (tens of milliseconds of) classification runs.
    setTimeout(() => {
      change(() => {
        const r = autoGroupCommand.perform(p.doc);
        // Switching to the category arrangement refits every screen (BoardPage); a re-run while arranged only moves the regions.
        if (p.byCategory) {
          const tray = p.trayOf(r.regions);
          p.onShow(unionRect([...r.regions, ...(tray ? [tray] : [])]));
        }
        const count = r.placed + r.review;
        return r.review > 0 ? t('grouping.groupedReview', { count, review: r.review }) : t('grouping.grouped', { count });
      });
      setBusy(false);
    }, 0);
  };

  return (
    <span className="grouping-tools" role="group" aria-label={t('grouping.autoGroup')}>
      <button type="button" className="btn" onClick={autoGroup} disabled={busy || p.notes.length === 0} title={t('grouping.autoGroupHint')} data-testid="autogroup">
        {busy ? t('grouping.grouping') : t('grouping.autoGroup')}
      </button>
      {p.byCategory || p.canRestore || p.regions.length === 0 ? (
        <button
          type="button"
          className="btn subtle"
          onClick={() => change(() => (restoreLayoutCommand.perform(p.doc), t('grouping.restored')))}
          disabled={!p.canRestore}
          title={t('grouping.restoreHint')}
          data-testid="restore-layout"
        >
          {t('grouping.restore')}
        </button>
      ) : (
        <button
          type="button"
          className="btn subtle"
          onClick={() =>
            change(() => (showCategoriesCommand.perform(p.doc), t('grouping.shownCategories')))
          }
          title={t('grouping.showCategoriesHint')}
          data-testid="show-categories"
        >
          {t('grouping.showCategories')}
        </button>
      )}
      <label className="grouping-category" title={t('grouping.categoryHint')}>
        <span>{t('grouping.category')}</span>
        <select
          value={current}
          disabled={selected.length === 0}
          data-testid="category-menu"
          onChange={(e) => {
            const category = e.target.value;
            if (!category) return;
            change(() => (setCategoryCommand.perform(p.doc, { ids: selected.map((n) => n.id), category }), t('grouping.categorySet', { count: selected.length, category: label(category) })));
          }}
        >
          {current === '' && <option value="">{selected.length ? t('grouping.categoryMixed') : '—'}</option>}
          {options.map((c) => (
            <option key={c} value={c}>
              {label(c)}
            </option>
          ))}
        </select>
      </label>
      <span className="sr-only" aria-live="polite" data-testid="grouping-status">
        {status}
      </span>
    </span>
  );
}

/** Builds the classifier while the browser is idle, so the first press does not pay for it (~0.1 s). */
function useWarmModel(): void {
  useEffect(() => {
    const build = () => void defaultModel();
    if (typeof requestIdleCallback === 'function') {
      const id = requestIdleCallback(build, { timeout: 5_000 });
      return () => cancelIdleCallback(id);
    }
    const id = setTimeout(build, 1_000);
    return () => clearTimeout(id);
  }, []);
}
